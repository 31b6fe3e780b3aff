"""`init="glorot" | "he"` on Linear and MLP (lesson 07 compares the two)."""

import numpy as np
import pytest

from backprop import MLP, Linear


def test_glorot_is_the_default_and_unchanged():
    a = Linear(16, 8, rng=np.random.default_rng(3))
    b = Linear(16, 8, rng=np.random.default_rng(3), init="glorot")
    limit = np.sqrt(6 / (16 + 8))
    assert np.array_equal(a.W.data, b.W.data)
    assert np.abs(a.W.data).max() <= limit and np.abs(a.W.data).max() > 0.9 * limit


def test_he_limit_and_variance():
    layer = Linear(200, 300, rng=np.random.default_rng(0), init="he")
    limit = np.sqrt(6 / 200)
    assert np.abs(layer.W.data).max() <= limit and np.abs(layer.W.data).max() > 0.99 * limit
    assert abs(layer.W.data.var() / (2 / 200) - 1) < 0.02   # Var(W) = 2 / fan_in
    assert np.all(layer.b.data == 0)


def test_init_scale_still_overrides():
    layer = Linear(4, 4, rng=np.random.default_rng(0), init="he", init_scale=0.01)
    assert np.abs(layer.W.data).max() <= 0.01


def test_mlp_passes_init_to_every_linear_layer():
    he = MLP([2, 16, 16, 1], activation="relu", seed=0, init="he")
    glorot = MLP([2, 16, 16, 1], activation="relu", seed=0)
    ratios = [np.abs(h.W.data).max() / np.abs(g.W.data).max()
              for h, g in zip(he.layers[::2], glorot.layers[::2])]
    # same random draws, scaled by sqrt((in + out) / in) layer by layer
    expected = [np.sqrt((2 + 16) / 2), np.sqrt(32 / 16), np.sqrt(17 / 16)]
    assert np.allclose(ratios, expected)
    assert repr(he) == "MLP([2, 16, 16, 1], activation='relu', init='he')"
    assert repr(glorot) == "MLP([2, 16, 16, 1], activation='relu')"


def test_he_keeps_relu_signal_where_glorot_halves_its_power():
    # Forward through 10 ReLU layers of width 256: He keeps the mean square of the
    # activations, Glorot (Var = 1 / fan_in here) halves it at every layer.
    X = np.random.default_rng(1).normal(size=(500, 256))
    powers = {}
    for init in ("glorot", "he"):
        net = MLP([256] * 11 + [1], activation="relu", seed=0, init=init)
        out = X
        for layer in net.layers[:-1]:
            out = layer.forward(out)
        powers[init] = np.mean(out ** 2) / np.mean(X ** 2)
    assert 0.3 < powers["he"] < 3
    assert powers["glorot"] < 0.01   # about 2^-10


@pytest.mark.parametrize("bad", ["kaiming", "Glorot", None, 2.0])
def test_unknown_init_is_refused_with_the_choices(bad):
    with pytest.raises(ValueError, match="'glorot', 'he'"):
        Linear(2, 2, rng=np.random.default_rng(0), init=bad)
    with pytest.raises(ValueError, match="'glorot', 'he'"):
        MLP([2, 2, 1], init=bad)
