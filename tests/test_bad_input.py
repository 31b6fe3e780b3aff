"""Bad input is refused at the door with a message that says what was wrong and what to
do: one test per kind of mistake a learner makes."""

import math

import numpy as np
import pytest

import backprop as bp

RNG = np.random.default_rng(0)
X = RNG.normal(size=(8, 2))
Y_BINARY = (X[:, 0] > 0).astype(float)
Y_CLASSES = np.array([0, 1, 0, 1, 1, 0, 1, 0])


def quick_fit(**kwargs):
    settings = dict(model=bp.MLP([2, 3, 1], seed=0), X=X, y=Y_BINARY, loss="bce", lr=0.1,
                    epochs=1, verbose=False)
    settings.update(kwargs)
    return bp.fit(**settings)


def test_wrong_number_of_features_names_the_layer_and_both_shapes():
    model = bp.MLP([2, 4, 1], seed=0)
    with pytest.raises(ValueError) as info:
        model.forward(np.zeros((5, 3)))
    message = str(info.value)
    assert "layers[0] Linear(2, 4)" in message
    assert "(N, 2)" in message and "(5, 3)" in message
    assert "check the number of features" in message
    expected = r"Linear\(2, 4\) expects input of shape \(N, 2\), got \(8, 3\)"
    with pytest.raises(ValueError, match=expected):
        quick_fit(model=bp.MLP([2, 4, 1], seed=0), X=np.zeros((8, 3)))


def test_one_dimensional_X_gets_the_reshape_hint():
    with pytest.raises(ValueError, match=r"X must be 2-D, got shape \(8,\).*X\.reshape\(-1, 1\)"):
        quick_fit(X=X[:, 0])


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_nan_or_inf_in_X_is_refused(bad):
    dirty = X.copy()
    dirty[3, 1] = bad
    expected = r"X contains 1 NaN or inf value\(s\) \(first at index \(3, 1\)\); clean or impute"
    with pytest.raises(ValueError, match=expected):
        quick_fit(X=dirty)


@pytest.mark.parametrize("bad", [math.nan, math.inf])
def test_nan_or_inf_in_y_is_refused(bad):
    dirty = Y_BINARY.copy()
    dirty[[2, 5]] = bad
    with pytest.raises(ValueError, match=r"y contains 2 NaN or inf value\(s\).*clean or impute"):
        quick_fit(y=dirty)


def test_nan_in_validation_data_is_refused():
    dirty = X.copy()
    dirty[0, 0] = math.nan
    with pytest.raises(ValueError, match=r"validation X contains 1 NaN"):
        quick_fit(validation=(dirty, Y_BINARY))


def test_X_and_y_of_different_lengths():
    with pytest.raises(ValueError, match=r"X has 8 examples but y has 7; they must match"):
        quick_fit(y=Y_BINARY[:7])


@pytest.mark.parametrize("labels, seen", [([0, 1, 2, 1, 0, 1, 0, 1], "from 0 to 2"),
                                          ([0, -1, 1, 1, 0, 1, 0, 1], "from -1 to 1")])
def test_class_labels_out_of_range(labels, seen):
    with pytest.raises(ValueError) as info:
        quick_fit(model=bp.MLP([2, 3, 2], seed=0), y=np.array(labels), loss="cross_entropy")
    message = str(info.value)
    assert "class labels must be in 0..1" in message and "2 outputs" in message
    assert seen in message and "make the last layer as wide as the number of classes" in message


def test_fractional_class_labels_are_refused_by_fit():
    with pytest.raises(ValueError, match=r"whole numbers"):
        quick_fit(model=bp.MLP([2, 3, 2], seed=0), y=Y_CLASSES + 0.5 * (Y_CLASSES == 0),
                  loss="cross_entropy")


def test_unknown_activation_lists_the_valid_names():
    valid = "identity, leaky_relu, linear, logistic, relu, sigmoid, tanh"
    with pytest.raises(ValueError, match=rf"unknown activation 'relux'; valid names are: {valid}\."):
        bp.MLP([2, 3, 1], activation="relux")
    with pytest.raises(ValueError, match=r"unknown activation 'softplus'; choose one of \["):
        bp.ScalarMLP([2, 3, 1], activation="softplus", rng=RNG)


def test_unknown_loss_lists_the_valid_names():
    with pytest.raises(ValueError, match=r"unknown loss 'hinge'; valid names are: bce, "
                                         r"binary_cross_entropy, cross_entropy, mse\."):
        quick_fit(loss="hinge")


def test_unknown_optimizer_lists_the_valid_names():
    with pytest.raises(ValueError, match=r"unknown optimizer 'adagrad'; valid names are: adam, "
                                         r"rmsprop, sgd\."):
        quick_fit(optimizer="adagrad")


@pytest.mark.parametrize("lr", [0, -1, "a", math.nan, math.inf, True])
def test_learning_rate_must_be_a_positive_number(lr):
    with pytest.raises(ValueError, match=r"lr \(the learning rate\) must be a positive number, got "
                                         r".*; try a value like 0\.1 or 0\.01"):
        quick_fit(lr=lr)


@pytest.mark.parametrize("setting, value", [("batch_size", 0), ("batch_size", -3),
                                            ("batch_size", 2.5), ("epochs", 0), ("epochs", -1)])
def test_batch_size_and_epochs_must_be_at_least_one(setting, value):
    with pytest.raises(ValueError, match=rf"{setting} must be an integer >= 1.*got {value!r}"):
        quick_fit(**{setting: value})


def test_negative_regularization_strength():
    with pytest.raises(ValueError, match=r"l2 must be a number >= 0, got -0\.1 \(0 switches it off\)"):
        quick_fit(l2=-0.1)


def test_bad_layer_sizes():
    expected = r"sizes must list at least two positive integers.*got \[2, 0, 1\]"
    with pytest.raises(ValueError, match=expected):
        bp.MLP([2, 0, 1])


@pytest.mark.parametrize("layer", [bp.Linear(2, 3, rng=RNG), bp.Sigmoid(), bp.Tanh(), bp.ReLU(),
                                   bp.LeakyReLU(), bp.Identity()], ids=repr)
def test_layer_backward_before_forward(layer):
    expected = r"backward\(\) called before forward\(\): run a forward pass first"
    with pytest.raises(RuntimeError, match=expected):
        layer.backward(np.ones((4, 3)))


@pytest.mark.parametrize("loss", [bp.MSELoss(), bp.BCEWithLogitsLoss(), bp.CrossEntropyLoss()],
                         ids=repr)
def test_loss_backward_before_forward(loss):
    with pytest.raises(RuntimeError, match=r"backward\(\) called before forward\(\): compute the loss"):
        loss.backward()


def test_loading_weights_from_a_different_architecture(tmp_path):
    path = tmp_path / "small.npz"
    bp.save_weights(bp.MLP([2, 3, 1], seed=0), path)
    with pytest.raises(ValueError, match=r"saved from a different architecture.*mismatched parameters: "
                                         r"layers\[0\]\.W.*Build the model with the same sizes first"):
        bp.load_weights(bp.MLP([2, 8, 1], seed=0), path)
