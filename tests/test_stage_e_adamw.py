"""AdamW (decoupled weight decay): Adam's step on the data gradient, plus p -= lr * wd * p
on the weights only. Checked against a plain numpy re-implementation, against Adam
(wd = 0), against the numerical gradient of the L2 penalty, and against the fact that
Adam with an L2 gradient is not weight decay."""

import numpy as np
import pytest

from backprop import MLP, Adam, fit, numerical_gradient, regularization
from backprop.optim import AdamW, get_optimizer
from backprop.parameter import Parameter


def _params(seed=0):
    rng = np.random.default_rng(seed)
    return [Parameter(rng.normal(size=(3, 4)), "W"),
            Parameter(rng.normal(size=4), "b", regularize=False)]


def _reference_adamw(data, grads, lr, wd, betas=(0.9, 0.999), eps=1e-8, decay=True):
    """The formulas of the docstring, written out for one array."""
    b1, b2 = betas
    p, m, v = data.copy(), np.zeros_like(data), np.zeros_like(data)
    for t, g in enumerate(grads, start=1):
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        step = (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps)
        p = p - lr * step - (lr * wd * p if decay else 0.0)
    return p


def test_matches_the_formulas_over_several_steps_weights_decay_biases_do_not():
    params = _params()
    start = [p.data.copy() for p in params]
    rng = np.random.default_rng(1)
    grads = [[rng.normal(size=p.data.shape) for p in params] for _ in range(5)]
    opt = AdamW(params, lr=0.01, weight_decay=0.1)
    for step_grads in grads:
        for p, g in zip(params, step_grads):
            p.grad = g.copy()
        opt.step()
    W_ref = _reference_adamw(start[0], [g[0] for g in grads], 0.01, 0.1)
    b_ref = _reference_adamw(start[1], [g[1] for g in grads], 0.01, 0.1, decay=False)
    np.testing.assert_allclose(params[0].data, W_ref, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(params[1].data, b_ref, rtol=1e-12, atol=1e-14)


def test_zero_weight_decay_is_exactly_adam():
    a, b = _params(), _params()
    rng = np.random.default_rng(2)
    opt_a, opt_b = Adam(a, lr=0.02), AdamW(b, lr=0.02, weight_decay=0.0)
    for _ in range(4):
        for pa, pb in zip(a, b):
            pa.grad = rng.normal(size=pa.data.shape)
            pb.grad = pa.grad.copy()
        opt_a.step()
        opt_b.step()
    for pa, pb in zip(a, b):
        np.testing.assert_array_equal(pa.data, pb.data)


def test_the_decay_is_lr_times_the_numerical_gradient_of_the_l2_penalty():
    params = _params(3)
    W0 = params[0].data.copy()
    wd, lr = 0.3, 0.05
    numeric = numerical_gradient(lambda _: regularization.penalty(params, l2=wd), params[0].data)
    np.testing.assert_allclose(numeric, wd * W0, rtol=1e-6)  # d(wd/2 sum W^2)/dW = wd W
    for p in params:
        p.grad = np.zeros_like(p.data)  # no data gradient: only the decay moves a weight
    opt = AdamW(params, lr=lr, weight_decay=wd)
    opt.step()
    np.testing.assert_allclose(params[0].data, W0 - lr * numeric, rtol=1e-6)
    for _ in range(9):
        opt.step()
    np.testing.assert_allclose(params[0].data, W0 * (1 - lr * wd) ** 10, rtol=1e-12)


def test_adam_with_an_l2_gradient_is_not_weight_decay():
    """With only the penalty's gradient l2 * W, Adam's first step moves every weight by
    about lr, whatever its size: the same distance for a large and a small weight."""
    params = _params(4)
    W0 = params[0].data.copy()
    for p in params:
        p.grad = np.zeros_like(p.data)
    regularization.add_penalty_gradients(params, l2=0.3)
    Adam(params, lr=0.05).step()
    # |step| = lr * |g| / (|g| + eps): lr up to eps / |g| (g = 0.3 W, |W| > 1e-3 here)
    assert np.abs(W0).min() > 1e-3
    np.testing.assert_allclose(np.abs(W0 - params[0].data), 0.05, rtol=1e-4)
    decayed = W0 * (1 - 0.05 * 0.3)
    assert np.abs(params[0].data - decayed).max() > 0.01


def test_an_instance_in_fit_trains_and_decays_and_repr():
    X = np.random.default_rng(0).normal(size=(20, 2))
    y = (X[:, 0] > 0).astype(int)
    plain, decayed = MLP([2, 4, 1], seed=0), MLP([2, 4, 1], seed=0)
    fit(plain, X, y, loss="bce", optimizer=Adam(plain.parameters(), lr=0.01), epochs=3, verbose=False)
    optimizer = AdamW(decayed.parameters(), lr=0.01, weight_decay=0.5)
    history = fit(decayed, X, y, loss="bce", optimizer=optimizer, epochs=3, verbose=False)
    assert len(history.loss) == 3
    norm = [sum(np.sum(p.data ** 2) for p in m.parameters() if p.regularize) for m in (plain, decayed)]
    assert norm[1] < norm[0]  # the decay shrinks the weights
    text = repr(AdamW(plain.parameters(), lr=0.01, weight_decay=0.1))
    assert text == "AdamW(lr=0.01, weight_decay=0.1)"
    with pytest.raises(ValueError, match="unknown optimizer"):
        get_optimizer("adamw", plain.parameters(), lr=0.01)  # by instance only


@pytest.mark.parametrize("bad", [-0.1, float("nan"), "0.1"])
def test_bad_weight_decay_is_refused(bad):
    with pytest.raises((ValueError, TypeError), match="weight_decay"):
        AdamW(_params(), lr=0.01, weight_decay=bad)
