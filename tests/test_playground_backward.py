"""The playground's backward view without a kernel: the frame's gradient buffers (deltas,
the next step, the per-layer gradient norms), checked against what backprop's own model
computes for the same weights and data, and the `edges` setting."""

import copy

import numpy as np
import pytest
import traitlets
from playground_helpers import Browser

from backprop import MLP, History, fit, optim
from backprop.layers import Linear
from backprop.losses import BCEWithLogitsLoss
from backprop.playground import Playground, features, playground_data
from backprop.training import compute_gradients


def floats(buffer):
    assert isinstance(buffer, bytes)
    return np.frombuffer(buffer, np.float32)


@pytest.fixture
def pg():
    widget = Playground(seed=4, layers=[4, 3], activation="tanh")
    yield widget
    widget.close()


def frame_after(pg, epochs):
    if epochs:
        pg.step(epochs)
    browser = Browser(pg)
    browser.say("ready")
    return browser.last_frame()


def linears(model):
    return [layer for layer in model.layers if isinstance(layer, Linear)]


def test_the_frame_carries_the_backward_buffers_with_their_dtypes_and_shapes(pg):
    content, buffers = frame_after(pg, 3)
    assert len(buffers) == 10
    n_weights = 2 * 4 + 4 * 3 + 3 * 1
    n_neurons = 4 + 3 + 1
    W, b, dW, db, delta, step_W, step_b, norms = map(floats, buffers[2:])
    assert (len(W), len(dW), len(step_W)) == (n_weights,) * 3
    assert (len(b), len(db), len(step_b), len(delta)) == (n_neurons,) * 4
    assert content["grad_layers"] == 3 and len(norms) == 3 * 3   # (epochs 1..3, 3 layers)
    assert content["lr"] == 0.03 and content["step_batch"] == 10 and content["n_train"] == 250
    assert np.all(delta > 0) and np.all(norms > 0)


def test_delta_sizes_equal_the_models_own_backward_pass(pg):
    _, buffers = frame_after(pg, 5)
    run = pg._run
    trace = pg.model.trace(run.X_train, run.y_train, loss="bce")
    n = len(run.X_train)
    # delta of a point = d(its own loss)/dz = N * dL/dZ; the size is the RMS over points
    expected = np.concatenate([np.sqrt(np.mean((n * record.grad_output) ** 2, axis=0))
                               for record in trace.layers if isinstance(record.layer, Linear)])
    np.testing.assert_allclose(floats(buffers[6]), expected, rtol=1e-5)


def test_a_dead_relu_has_a_delta_of_exactly_zero():
    pg = Playground(seed=2, activation="relu", layers=[3])
    try:
        first = linears(pg.model)[0]
        first.W.data[:, 1] = 0.0
        first.b.data[1] = -1.0      # z = -1 on every point: ReLU' = 0 everywhere
        _, buffers = frame_after(pg, 0)
        delta = floats(buffers[6])
        assert delta[1] == 0.0 and delta[0] > 0 and delta[2] > 0
        dW = floats(buffers[4])[:2 * 3].reshape(2, 3)
        assert np.all(dW[:, 1] == 0.0)   # so its incoming weights get no gradient
    finally:
        pg.close()


def test_the_layer_gradient_norms_of_every_epoch_equal_fit_and_compute_gradients(pg):
    pg.step(4)
    norms = pg.grad_norms
    assert norms.shape == (4, 3) and norms.dtype == np.float64
    # the same run done by hand, one epoch at a time, measuring the gradient each time
    rng = np.random.default_rng(4)
    X_train, X_test, y_train, y_test = playground_data("circle", noise=0, train_percent=50,
                                                       rng=rng)
    X_train, X_test = features(X_train, ["x1", "x2"]), features(X_test, ["x1", "x2"])
    model = MLP([2, 4, 3, 1], activation="tanh", rng=rng)
    history = History()
    for epoch in range(4):
        fit(model, X_train, y_train, loss="bce", optimizer="sgd", lr=0.03, epochs=1,
            batch_size=10, validation=(X_test, y_test), seed=rng, history=history, verbose=False)
        compute_gradients(model, BCEWithLogitsLoss(), X_train, y_train)
        expected = [np.linalg.norm(lin.W.grad) for lin in linears(model)]
        np.testing.assert_allclose(norms[epoch], expected, rtol=1e-9)


def test_the_sent_norm_curve_grows_like_the_loss_curve(pg):
    browser = Browser(pg)
    browser.say("ready")
    content, buffers = browser.last_frame()
    assert content["curve_from"] == 0 and len(buffers[9]) == 0   # nothing trained yet
    browser.say("ack", seq=content["seq"])
    browser.say("step")
    browser.say("step")
    content, buffers = browser.last_frame()
    norms = floats(buffers[9]).reshape(-1, 3)
    # only the epochs the browser does not have yet, and the last is the frame's own dW
    assert content["curve_from"] == 1 and norms.shape == (1, 3) and content["epoch"] == 2
    np.testing.assert_allclose(norms, pg.grad_norms[1:].astype(np.float32), rtol=1e-6)
    dW = floats(buffers[4])
    sizes = [2 * 4, 4 * 3, 3 * 1]
    parts = np.split(dW, np.cumsum(sizes)[:-1])
    np.testing.assert_allclose(norms[-1], [np.linalg.norm(p) for p in parts], rtol=1e-5)


@pytest.mark.parametrize("regularization", [("none", 0), ("L2", 0.03), ("L1", 0.01)])
def test_the_step_is_the_change_the_next_sgd_update_makes(monkeypatch, regularization):
    kind, rate = regularization
    pg = Playground(seed=5, layers=[3], regularization=kind, reg_rate=rate, batch_size=7)
    try:
        pg.step(2)
        _, buffers = frame_after(pg, 0)
        step_W, step_b = floats(buffers[7]), floats(buffers[8])
        before = [p.data.copy() for p in pg.model.parameters()]
        after_first = []
        real_step = optim.SGD.step

        def recording_step(self):   # the real update, then remember its result once
            real_step(self)
            if not after_first:
                after_first.extend(p.data.copy() for p in self.params)

        monkeypatch.setattr(optim.SGD, "step", recording_step)
        pg.step(1)   # the playground's own training: fit with SGD
        changes = [a - b for a, b in zip(after_first, before)]
        weights = np.concatenate([c.ravel() for c in changes[0::2]])
        biases = np.concatenate([c.ravel() for c in changes[1::2]])
        np.testing.assert_allclose(step_W, weights, rtol=1e-4, atol=1e-9)
        np.testing.assert_allclose(step_b, biases, rtol=1e-4, atol=1e-9)
        assert np.abs(step_W).max() > 0
    finally:
        pg.close()


def test_peeking_at_the_next_batch_leaves_the_run_unchanged(pg):
    pg.step(1)
    twin = Playground(seed=4, layers=[4, 3], activation="tanh")
    try:
        twin.step(1)
        for _ in range(3):
            frame_after(pg, 0)   # encodes frames: computes steps and gradients
        pg.step(2)
        twin.step(2)
        for a, b in zip(pg.model.parameters(), twin.model.parameters()):
            np.testing.assert_array_equal(a.data, b.data)
        assert pg.history.loss == twin.history.loss
    finally:
        twin.close()


def test_edges_is_validated_and_does_not_reset(pg):
    pg.step(3)
    weights = [p.data.copy() for p in pg.model.parameters()]
    with pytest.raises(ValueError, match="edges .* 'grad' is not one of Playground's values: "
                                         "weight, gradient"):
        pg.set(edges="grad")
    assert pg.settings["edges"] == "weight" and pg.edges == "weight"
    pg.set(edges="gradient")
    assert pg.settings["edges"] == "gradient" and pg.edges == "gradient"
    assert pg._settings["edges"] == "gradient" and pg.epoch == 3
    for a, b in zip(weights, pg.model.parameters()):
        np.testing.assert_array_equal(a, b.data)
    pg.edges = "weight"                  # the trait works like set()
    assert pg.settings["edges"] == "weight"
    with pytest.raises(traitlets.TraitError):
        pg.edges = "bias"
    assert pg.settings["edges"] == "weight" and pg.epoch == 3


def test_a_bad_edges_message_from_the_browser_is_answered_with_an_error(pg):
    browser = Browser(pg)
    browser.say("ready")
    browser.say("set", changes={"edges": "delta"})
    assert "'delta' is not one of Playground's values: weight, gradient" in browser.sent[-1][0]["text"]
    assert pg.edges == "weight"
    browser.say("set", changes={"edges": "gradient"})
    assert pg.edges == "gradient" and pg.settings["edges"] == "gradient"


def test_a_playground_can_open_in_the_gradient_view():
    pg = Playground(edges="gradient")
    try:
        assert pg.edges == "gradient" and pg.options["edges"] == ["weight", "gradient"]
        assert "edges" not in pg.code()   # drawing only: the script does not need it
    finally:
        pg.close()


def test_a_diverged_run_still_sends_finite_numbers():
    pg = Playground(dataset="reg_plane", lr=10, activation="relu", layers=[8, 8], seed=1)
    try:
        content, buffers = frame_after(pg, 20)
        assert pg.history.diverged
        for buffer in buffers[2:]:
            assert np.all(np.isfinite(floats(buffer)))
    finally:
        pg.close()


def test_the_model_keeps_the_training_set_gradients_the_edges_show(pg):
    _, buffers = frame_after(pg, 2)
    model = copy.deepcopy(pg.model)
    grads = np.concatenate([lin.W.grad.ravel() for lin in linears(model)])
    np.testing.assert_allclose(floats(buffers[4]), grads, rtol=1e-6)
