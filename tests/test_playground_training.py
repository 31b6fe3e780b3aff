"""The playground trains with `fit` itself: `pg.step(n)` gives the weights of the same
training written out with `fit`, `pg.code()` reproduces them in a fresh Python, and
fit's new options (a Generator as seed, history=) continue one run over several calls."""

import subprocess
import sys
import textwrap

import numpy as np
import pytest

import backprop as bp
from backprop.playground import Playground, features, playground_data
from backprop.training import compute_gradients, train_step


def _weights(model):
    return [p.data.copy() for p in model.parameters()]


def _same(a, b):
    assert len(a) == len(b)
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x, y)


def test_step_gives_the_weights_of_the_same_training_with_fit():
    pg = Playground(dataset="xor", layers=[4, 2], activation="tanh", lr=0.03, batch_size=10,
                    seed=7, features=["x1", "x2", "x1_x2"])
    pg.step(6)
    pg.set(lr=0.3)
    pg.step(4)

    # the same run, written by hand with fit
    rng = np.random.default_rng(7)
    X_train, X_test, y_train, y_test = playground_data("xor", noise=0, train_percent=50, rng=rng)
    names = ["x1", "x2", "x1_x2"]
    X_train, X_test = features(X_train, names), features(X_test, names)
    model = bp.MLP([3, 4, 2, 1], activation="tanh", rng=rng)
    history = bp.History()
    for lr, epochs in [(0.03, 6), (0.3, 4)]:
        bp.fit(model, X_train, y_train, loss="bce", lr=lr, epochs=epochs, batch_size=10,
               validation=(X_test, y_test), seed=rng, history=history, verbose=False)
    _same(_weights(pg.model), _weights(model))
    assert pg.history.loss == history.loss and pg.history.val_loss == history.val_loss
    assert pg.epoch == 10 and pg.history.steps == 10 * 25


def test_steps_in_pieces_equal_one_long_step():
    one, pieces = Playground(seed=2), Playground(seed=2)
    one.step(9)
    for n in (1, 3, 5):
        pieces.step(n)
    _same(_weights(one.model), _weights(pieces.model))
    assert one.history.loss == pieces.history.loss


def test_step_refuses_a_bad_count():
    with pytest.raises(ValueError, match="n \\(the number of epochs\\) must be an integer >= 1"):
        Playground().step(0)


def _run_in_fresh_python(source):
    """Run `source` in a new interpreter and return the weights it prints with np.save."""
    script = source + textwrap.dedent("""
        import io, sys
        buffer = io.BytesIO()
        np.savez(buffer, *[p.data for p in model.parameters()])
        sys.stdout.buffer.write(buffer.getvalue())
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    import io
    data = np.load(io.BytesIO(result.stdout))
    return [data[f"arr_{i}"] for i in range(len(data.files))]


@pytest.mark.parametrize("settings, plan", [
    ({}, [(None, 5)]),
    ({"dataset": "reg_gauss", "layers": [3], "activation": "relu", "regularization": "L1",
      "reg_rate": 0.003, "features": ["x1", "x2", "sin_x1"], "noise": 10, "train_percent": 70,
      "batch_size": 7, "seed": 11}, [(None, 2), (0.1, 3), (0.01, 1), (0.1, 2)]),
])
def test_code_run_in_a_fresh_python_gives_the_same_weights(settings, plan):
    pg = Playground(**settings)
    for lr, epochs in plan:
        if lr is not None:
            pg.set(lr=lr)
        pg.step(epochs)
    source = pg.code()
    assert source.count("fit(model") == len(plan)
    fresh = _run_in_fresh_python(source)
    for mine, theirs in zip(_weights(pg.model), fresh):
        # the same operations on the same machine: equal up to the last bits at most
        np.testing.assert_allclose(mine, theirs, rtol=1e-12, atol=1e-14)
    assert len(fresh) == len(_weights(pg.model))


def test_code_before_training_builds_the_untrained_model():
    pg = Playground(layers=[], seed=5)
    fresh = _run_in_fresh_python(pg.code())
    for mine, theirs in zip(_weights(pg.model), fresh):
        np.testing.assert_array_equal(mine, theirs)
    assert pg.model.sizes == [2, 1]


def test_a_diverging_run_stops_with_fits_message_until_a_reset():
    pg = Playground(dataset="reg_plane", lr=10, activation="relu", layers=[8, 8], seed=1)
    pg.step(20)
    assert pg.history.diverged and "too large" in pg.history.message
    stopped = _weights(pg.model), pg.history.steps
    pg.step(5)
    assert pg.history.steps == stopped[1]
    _same(stopped[0], _weights(pg.model))
    pg.set(lr=0.03)  # a new rate alone does not revive it
    pg.step(1)
    assert pg.history.steps == stopped[1]
    pg.reset()
    assert not pg.history.diverged and pg.epoch == 0


# fit's options for continuing a run


@pytest.fixture(scope="module")
def data():
    return bp.datasets.circle(120, noise=0.1, seed=0)


def test_fit_continues_a_run_over_several_calls(data):
    X, y = data
    whole = bp.MLP([2, 5, 1], "tanh", seed=0)
    h_whole = bp.fit(whole, X, y, loss="bce", lr=0.1, epochs=6, batch_size=16,
                     seed=np.random.default_rng(3), verbose=False)
    parts, rng, h_parts = bp.MLP([2, 5, 1], "tanh", seed=0), np.random.default_rng(3), bp.History()
    for epochs in (2, 1, 3):
        returned = bp.fit(parts, X, y, loss="bce", lr=0.1, epochs=epochs, batch_size=16,
                          seed=rng, history=h_parts, verbose=False)
        assert returned is h_parts
    _same(_weights(whole), _weights(parts))
    assert h_whole.loss == h_parts.loss and h_whole.steps == h_parts.steps == 6 * 8
    assert h_whole.start_loss == h_parts.start_loss


def test_an_int_seed_restarts_the_shuffle_a_generator_goes_on(data):
    X, y = data
    a, b = bp.MLP([2, 3, 1], seed=0), bp.MLP([2, 3, 1], seed=0)
    rng = np.random.default_rng(0)
    for _ in range(2):
        bp.fit(a, X, y, loss="bce", epochs=1, seed=0, verbose=False)
        bp.fit(b, X, y, loss="bce", epochs=1, seed=rng, verbose=False)
    assert not np.array_equal(a.parameters()[0].data, b.parameters()[0].data)


def test_divergence_is_found_at_the_same_step_in_one_call_or_many():
    X, y = bp.datasets.regression_1d(60, seed=0)
    one = bp.fit(bp.MLP([1, 8, 1], "tanh", seed=0), X, y, loss="mse", lr=0.5, epochs=60,
                 batch_size=None, seed=np.random.default_rng(1), verbose=False)
    many, model, rng = bp.History(), bp.MLP([1, 8, 1], "tanh", seed=0), np.random.default_rng(1)
    for _ in range(60):
        bp.fit(model, X, y, loss="mse", lr=0.5, epochs=1, batch_size=None, seed=rng,
               history=many, verbose=False)
    assert one.diverged and many.diverged
    assert (one.steps, one.loss, one.message) == (many.steps, many.loss, many.message)


def test_train_step_is_the_gradients_then_the_update(data):
    X, y = data
    model, loss = bp.MLP([2, 3, 1], seed=1), bp.BCEWithLogitsLoss()
    before = _weights(model)
    value, _ = compute_gradients(model, loss, X, y, l2=0.1)
    grads = [p.grad.copy() for p in model.parameters()]
    _same(before, _weights(model))  # computing gradients moves nothing
    optimizer = bp.SGD(model.parameters(), lr=0.5)
    step_loss, output = train_step(model, loss, optimizer, X, y, l2=0.1)
    assert step_loss == value and output.shape == (len(X), 1)
    for w0, g, p in zip(before, grads, model.parameters()):
        np.testing.assert_allclose(p.data, w0 - 0.5 * g, rtol=0, atol=1e-15)
    # the L2 term reached the weights but not the biases
    plain, _ = compute_gradients(model, loss, X, y)
    W = model.parameters()[0]
    W_grad_plain = W.grad.copy()
    compute_gradients(model, loss, X, y, l2=0.1)
    np.testing.assert_allclose(W.grad - W_grad_plain, 0.1 * W.data, atol=1e-15)


def test_the_code_needs_neither_anywidget_nor_matplotlib():
    loaded = "print(sorted({'anywidget', 'matplotlib', 'ipywidgets'} & set(sys.modules)))\n"
    source = Playground().code() + "import sys\n" + loaded
    result = subprocess.run([sys.executable, "-c", source], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[]"
