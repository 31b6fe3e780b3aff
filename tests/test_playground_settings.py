"""Every playground setting is validated (a bad value raises, says what is allowed and
changes nothing), and the reset rules: everything resets but the learning rate and the
drawing-only settings."""

import numpy as np
import pytest

from backprop.playground import Playground
from backprop.playground.settings import DEFAULTS


def _weights(pg):
    return [p.data.copy() for p in pg.model.parameters()]


@pytest.fixture
def trained():
    pg = Playground(seed=3)
    pg.step(3)
    return pg


BAD = [
    ("dataset", "moons", "unknown dataset 'moons'; valid names are: circle"),
    ("noise", 7, "noise 7 is not one of Playground's values: 0, 5, 10"),
    ("train_percent", 55, "train_percent 55 is not one of Playground's values: 10, 20"),
    ("batch_size", 0, "batch_size must be an integer from 1 to 30, got 0"),
    ("batch_size", 31, "batch_size must be an integer from 1 to 30, got 31"),
    ("batch_size", 2.5, "batch_size must be an integer from 1 to 30, got 2.5"),
    ("lr", 0.05, r"lr \(the learning rate\) 0.05 is not one of Playground's values: 1e-05"),
    ("activation", "leaky_relu", "activation 'leaky_relu' is not one of Playground's values: relu"),
    ("regularization", "L3", "regularization 'L3' is not one of Playground's values: none, L1, L2"),
    ("reg_rate", 0.02, r"reg_rate \(the regularization rate\) 0.02 is not one of"),
    ("features", [], "switch on at least one of x1"),
    ("features", "x1", "features must be a list of feature names"),
    ("features", ["x1", "cos_x1"], "unknown feature 'cos_x1'"),
    ("layers", [4, 9], "each layer's number of neurons must be an integer from 1 to 8, got 9"),
    ("layers", [4, 0], "from 1 to 8, got 0"),
    ("layers", [1] * 7, "at most 6 hidden layers, got 7"),
    ("layers", 4, "layers must be a list of hidden-layer sizes"),
    ("seed", -1, "seed must be an integer from 0"),
    ("show_test", "yes", "show_test must be True or False"),
    ("discretize", 1, "discretize must be True or False"),
    ("speed", 3, r"speed \(epochs per frame\) 3 is not one of Playground's values: 1, 2, 5"),
    ("problem", "clustering", "unknown problem 'clustering'; valid names are: classification"),
]


@pytest.mark.parametrize("name, value, message", BAD)
def test_a_bad_value_raises_and_changes_nothing(trained, name, value, message):
    before_settings, before_weights = trained.settings, _weights(trained)
    history = trained.history
    with pytest.raises(ValueError, match=message):
        trained.set(**{name: value})
    assert trained.settings == before_settings
    assert trained.epoch == 3 and trained.history is history
    for a, b in zip(before_weights, _weights(trained)):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("name, value, message", BAD[:6])
def test_the_constructor_validates_too(name, value, message):
    with pytest.raises(ValueError, match=message):
        Playground(**{name: value})


def test_one_bad_value_among_good_ones_changes_nothing(trained):
    before = trained.settings
    with pytest.raises(ValueError, match="activation"):
        trained.set(lr=0.1, activation="softmax")
    assert trained.settings == before and trained.epoch == 3


def test_an_unknown_setting_names_the_settings():
    with pytest.raises(TypeError, match="unknown setting 'learning_rate'; the settings are: "
                                        "problem, dataset, noise"):
        Playground(learning_rate=0.1)


def test_the_defaults_are_playgrounds():
    s = Playground().settings
    assert s == DEFAULTS
    assert (s["dataset"], s["noise"], s["train_percent"], s["batch_size"]) == ("circle", 0, 50, 10)
    assert (s["layers"], s["activation"], s["lr"]) == ((4, 2), "tanh", 0.03)


def test_values_are_normalised():
    pg = Playground(features=["x2_squared", "x1"], layers=[3], dataset="XOR")
    assert pg.settings["features"] == ("x1", "x2_squared")  # Playground's input order
    assert pg.settings["layers"] == (3,) and pg.settings["dataset"] == "xor"
    assert pg.model.sizes == [2, 3, 1]


RESETTING = [("dataset", "xor"), ("noise", 10), ("train_percent", 70), ("batch_size", 5),
             ("activation", "relu"), ("regularization", "L2"), ("reg_rate", 0.01),
             ("features", ["x1", "x2", "x1_x2"]), ("layers", [4]), ("seed", 9),
             ("problem", "regression")]


@pytest.mark.parametrize("name, value", RESETTING)
def test_a_change_that_defines_the_run_resets_it(trained, name, value):
    trained.set(**{name: value})
    assert trained.epoch == 0 and trained.history.epochs == 0 and trained.history.steps == 0
    fresh = Playground(**{k: v for k, v in trained.settings.items()})
    for a, b in zip(_weights(fresh), _weights(trained)):
        np.testing.assert_array_equal(a, b)  # re-initialised from the seed


@pytest.mark.parametrize("name, value", [("lr", 0.1), ("show_test", True), ("discretize", True),
                                         ("speed", 10)])
def test_the_learning_rate_and_drawing_settings_keep_the_run(trained, name, value):
    before = _weights(trained)
    trained.set(**{name: value})
    assert trained.epoch == 3
    for a, b in zip(before, _weights(trained)):
        np.testing.assert_array_equal(a, b)


def test_setting_the_same_value_is_no_change(trained):
    trained.set(activation="tanh", layers=[4, 2])
    assert trained.epoch == 3


def test_reset_goes_back_to_the_same_start():
    pg = Playground(seed=4)
    start = _weights(pg)
    pg.step(2)
    pg.reset()
    assert pg.epoch == 0 and pg.code().count("fit(model") == 0
    for a, b in zip(start, _weights(pg)):
        np.testing.assert_array_equal(a, b)


def test_regenerate_draws_a_new_seed_new_data_and_new_weights():
    pg = Playground(seed=4)
    pg.step(1)
    old_points, old_weights = pg._run.points[0].copy(), _weights(pg)
    pg.regenerate()
    assert pg.settings["seed"] != 4 and pg.epoch == 0
    assert not np.array_equal(old_points, pg._run.points[0])
    assert not np.array_equal(old_weights[0], _weights(pg)[0])


def test_problem_picks_a_dataset_of_that_problem():
    pg = Playground()
    pg.set(problem="regression")
    assert pg.settings["dataset"] == "reg_plane"
    pg.set(problem="regression", dataset="reg_gauss")
    assert pg.settings["dataset"] == "reg_gauss"
    with pytest.raises(ValueError, match="'circle' is not a regression dataset; choose one of "
                                         "reg_plane, reg_gauss"):
        pg.set(problem="regression", dataset="circle")
    pg.set(problem="classification")
    assert pg.settings["dataset"] == "circle"
