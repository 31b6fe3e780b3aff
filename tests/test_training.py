"""`fit`: steps per epoch for full batch / mini-batch / SGD, history bookkeeping,
repeatability by seed, validation, regression, and the divergence stop."""

import math
import re
import warnings

import numpy as np
import pytest
from engine_helpers import agg_pyplot

import backprop as bp
from backprop import datasets


@pytest.fixture(scope="module")
def blobs():
    return datasets.gauss(60, noise=0.0, seed=0)


def test_loss_decreases_on_an_easy_problem(blobs):
    X, y = blobs
    history = bp.fit(bp.MLP([2, 4, 1], "tanh", seed=0), X, y, loss="bce", lr=0.5, epochs=20,
                     verbose=False)
    assert history.loss[-1] < 0.5 * history.loss[0]
    assert history.accuracy[-1] >= 0.95
    assert not history.diverged and history.message == ""


@pytest.mark.parametrize("batch_size, steps_per_epoch", [(None, 1), (1, 60), (16, 4), (60, 1),
                                                         (100, 1)])
def test_steps_per_epoch(blobs, batch_size, steps_per_epoch):
    X, y = blobs
    history = bp.fit(bp.MLP([2, 3, 1], seed=0), X, y, loss="bce", lr=0.1, epochs=3,
                     batch_size=batch_size, verbose=False)
    assert history.steps == 3 * steps_per_epoch == 3 * math.ceil(60 / (batch_size or 60))


class RecordingMLP(bp.MLP):
    """An MLP that remembers the rows of every batch it is asked to forward."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.batches = []

    def forward(self, X):
        self.batches.append(X.copy())
        return super().forward(X)


@pytest.mark.parametrize("batch_size, sizes", [(16, [16, 16, 16, 12]), (None, [60]), (1, [1] * 60)])
def test_every_example_once_per_epoch(blobs, batch_size, sizes):
    X, y = blobs
    model = RecordingMLP([2, 3, 1], seed=0)
    bp.fit(model, X, y, loss="bce", lr=0.1, epochs=2, batch_size=batch_size, verbose=False)
    per_epoch = len(sizes) + 1  # the training steps, then one evaluation on the whole set
    assert len(model.batches) == 2 * per_epoch
    for epoch in range(2):
        calls = model.batches[epoch * per_epoch:(epoch + 1) * per_epoch]
        assert [len(b) for b in calls[:-1]] == sizes
        np.testing.assert_array_equal(calls[-1], X)  # the evaluation sees the data in order
        seen = np.vstack(calls[:-1])
        assert sorted(map(tuple, seen)) == sorted(map(tuple, X))  # a permutation of X


def test_history_lengths_and_validation(blobs):
    X, y = blobs
    X_val, y_val = datasets.gauss(40, seed=1)
    model = bp.MLP([2, 4, 1], seed=0)
    history = bp.fit(model, X, y, loss="bce", lr=0.3, epochs=7, l2=0.01,
                     validation=(X_val, y_val), verbose=False)
    for series in [history.loss, history.accuracy, history.val_loss, history.val_accuracy,
                   history.penalty]:
        assert len(series) == 7 == history.epochs
    loss = bp.BCEWithLogitsLoss()
    assert (history.val_loss[-1], history.val_accuracy[-1]) == bp.evaluate(model, loss, X_val, y_val)
    assert (history.loss[-1], history.accuracy[-1]) == bp.evaluate(model, loss, X, y)
    assert history.penalty[-1] == bp.penalty(model.parameters(), l2=0.01)


def test_same_seed_same_history_different_seed_different(blobs):
    X, y = blobs

    def run(seed):
        return bp.fit(bp.MLP([2, 4, 2], seed=0), X, y, lr=0.2, epochs=4, batch_size=8,
                      seed=seed, verbose=False)

    first, again, other = run(1), run(1), run(2)
    assert first.loss == again.loss and first.accuracy == again.accuracy
    assert first.loss != other.loss  # another shuffling order, other mini-batches


def test_regression_has_no_accuracy():
    X, y = datasets.regression_1d(40, seed=0)
    X_val, y_val = datasets.regression_1d(20, seed=1)
    history = bp.fit(bp.MLP([1, 8, 1], "tanh", seed=0), X, y, loss="mse", lr=0.05, epochs=30,
                     batch_size=None, validation=(X_val, y_val), verbose=False)
    assert len(history.loss) == len(history.val_loss) == 30
    assert history.accuracy == [] and history.val_accuracy == []
    assert history.loss[-1] < history.loss[0]


def test_fit_does_not_change_the_data(blobs):
    X, y = blobs
    X_copy, y_copy = X.copy(), y.copy()
    bp.fit(bp.MLP([2, 3, 1], seed=0), X, y, loss="bce", epochs=2, verbose=False)
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(y, y_copy)


def test_huge_learning_rate_stops_at_once(blobs, capsys):
    X, y = blobs
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # divergence must not leak a RuntimeWarning
        history = bp.fit(bp.MLP([2, 8, 1], seed=0), X, y, loss="bce", lr=1e6, epochs=50)
    assert history.diverged
    assert history.loss == [] and history.steps < 50
    assert "epoch 1" in history.message and "lr=1e+06" in history.message
    assert "try a smaller one" in history.message
    assert capsys.readouterr().out.strip() == history.message  # verbose prints it


def test_divergence_after_some_epochs_keeps_a_usable_history(capsys):
    X, y = datasets.regression_1d(60, seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        history = bp.fit(bp.MLP([1, 8, 1], "tanh", seed=0), X, y, loss="mse", lr=0.5, epochs=60,
                         batch_size=None, verbose=False)
    assert capsys.readouterr().out == ""  # verbose=False: quiet
    assert history.diverged and 0 < history.epochs < 60
    epoch = int(re.search(r"diverged in epoch (\d+)", history.message).group(1))
    assert epoch == history.epochs + 1  # the epoch it broke in is not recorded
    assert re.search(r"too large.*try a smaller one, e\.g\. lr=0\.05", history.message)
    assert all(np.isfinite(history.loss))
    plt = agg_pyplot()
    from backprop import plots

    ax = plots.plot_loss_curves(history, log=True)
    assert len(ax.lines[0].get_xdata()) == history.epochs
    plt.close("all")


def test_fit_accepts_optimizer_instances_and_names(blobs):
    X, y = blobs
    model = bp.MLP([2, 4, 1], seed=0)
    adam = bp.Adam(model.parameters(), lr=0.05)
    by_instance = bp.fit(model, X, y, loss="bce", optimizer=adam, epochs=3, verbose=False)
    by_name = bp.fit(bp.MLP([2, 4, 1], seed=0), X, y, loss="bce", optimizer="adam", lr=0.05,
                     epochs=3, verbose=False)
    assert by_instance.loss == by_name.loss


def test_running_train_metrics_average_the_epochs_batches():
    """train_metrics='running' records the size-weighted mean of the batch losses seen
    during the epoch; with one full batch that is the loss before the single update."""
    X, y = bp.datasets.moons(64, noise=0.2, seed=3)
    model = bp.MLP([2, 8, 2], activation="tanh", seed=1)
    start_loss = bp.CrossEntropyLoss().forward(model.forward(X), y)
    history = bp.fit(model, X, y, lr=0.1, epochs=1, batch_size=None, train_metrics="running")
    assert history.loss[0] == pytest.approx(start_loss, abs=1e-12)
    exact = bp.fit(bp.MLP([2, 8, 2], activation="tanh", seed=1), X, y, lr=0.1, epochs=1,
                   batch_size=None)
    assert exact.loss[0] < history.loss[0]  # end of epoch: after the update
    with pytest.raises(ValueError, match="train_metrics must be 'end_of_epoch' or 'running'"):
        bp.fit(model, X, y, epochs=1, train_metrics="batch")


def test_training_skips_the_input_gradient_but_backward_still_returns_it():
    model = bp.MLP([3, 4, 2], seed=0)
    X = np.random.default_rng(0).normal(size=(5, 3))
    loss = bp.CrossEntropyLoss()
    loss.forward(model.forward(X), np.array([0, 1, 0, 1, 1]))
    dout = loss.backward()
    dX = model.backward(dout)
    grads = [p.grad.copy() for p in model.parameters()]
    assert dX.shape == X.shape
    assert model.backward(dout, input_grad=False) is None
    assert all(np.array_equal(g, p.grad) for g, p in zip(grads, model.parameters()))
