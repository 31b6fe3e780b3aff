"""Optimizers: two steps on a parameter p0 = [1, -2] with gradients g1 = [0.5, -1] then
g2 = [0.2, 0.4], compared with the update formulas of backprop/optim.py's docstring,
worked out here by hand (the expected numbers never come from the optimizer code)."""

import numpy as np
import pytest

import backprop as bp
from backprop import SGD, Adam, Parameter, RMSprop

G1, G2 = [0.5, -1.0], [0.2, 0.4]


def two_steps(optimizer_class, **kwargs):
    p = Parameter(np.array([1.0, -2.0]))
    opt = optimizer_class([p], **kwargs)
    seen = []
    for g in (G1, G2):
        p.grad = np.array(g)
        opt.step()
        seen.append(p.data.copy())
    return seen


def test_sgd():
    # p -= lr * g, lr = 0.1
    step1 = [1.0 - 0.1 * 0.5, -2.0 - 0.1 * -1.0]            # [0.95, -1.9]
    step2 = [step1[0] - 0.1 * 0.2, step1[1] - 0.1 * 0.4]    # [0.93, -1.94]
    got = two_steps(SGD, lr=0.1)
    np.testing.assert_allclose(got, [step1, step2], rtol=1e-14)
    np.testing.assert_allclose(got[1], [0.93, -1.94], rtol=1e-14)


def test_sgd_momentum():
    # v = 0.9 v + g; p -= 0.1 v; v starts at 0
    v1 = [0.5, -1.0]
    step1 = [1.0 - 0.1 * v1[0], -2.0 - 0.1 * v1[1]]
    v2 = [0.9 * 0.5 + 0.2, 0.9 * -1.0 + 0.4]                # [0.65, -0.5]
    step2 = [step1[0] - 0.1 * v2[0], step1[1] - 0.1 * v2[1]]  # [0.885, -1.85]
    got = two_steps(SGD, lr=0.1, momentum=0.9)
    np.testing.assert_allclose(got, [step1, step2], rtol=1e-14)
    np.testing.assert_allclose(got[1], [0.885, -1.85], rtol=1e-14)


def test_rmsprop():
    # s = 0.99 s + 0.01 g^2; p -= 0.01 g / (sqrt(s) + 1e-8); s starts at 0
    s1 = [0.01 * 0.5 ** 2, 0.01 * 1.0 ** 2]                  # [0.0025, 0.01]
    step1 = [1.0 - 0.01 * 0.5 / (0.05 + 1e-8), -2.0 - 0.01 * -1.0 / (0.1 + 1e-8)]
    s2 = [0.99 * s1[0] + 0.01 * 0.2 ** 2, 0.99 * s1[1] + 0.01 * 0.4 ** 2]  # [0.002875, 0.0115]
    step2 = [step1[0] - 0.01 * 0.2 / (s2[0] ** 0.5 + 1e-8),
             step1[1] - 0.01 * 0.4 / (s2[1] ** 0.5 + 1e-8)]
    got = two_steps(RMSprop, lr=0.01, alpha=0.99, eps=1e-8)
    np.testing.assert_allclose(got, [step1, step2], rtol=1e-12)
    np.testing.assert_allclose(two_steps(RMSprop), got, rtol=0)  # those are the defaults


def test_adam():
    # m = 0.9 m + 0.1 g; v = 0.999 v + 0.001 g^2; p -= 0.001 m_hat / (sqrt(v_hat) + 1e-8)
    m1 = [0.1 * 0.5, 0.1 * -1.0]                             # [0.05, -0.1]
    v1 = [0.001 * 0.25, 0.001 * 1.0]                         # [0.00025, 0.001]
    m1_hat = [m1[0] / 0.1, m1[1] / 0.1]                      # 1 - 0.9^1 = 0.1
    v1_hat = [v1[0] / 0.001, v1[1] / 0.001]                  # 1 - 0.999^1 = 0.001
    step1 = [1.0 - 0.001 * m1_hat[0] / (v1_hat[0] ** 0.5 + 1e-8),
             -2.0 - 0.001 * m1_hat[1] / (v1_hat[1] ** 0.5 + 1e-8)]
    m2 = [0.9 * m1[0] + 0.1 * 0.2, 0.9 * m1[1] + 0.1 * 0.4]  # [0.065, -0.05]
    v2 = [0.999 * v1[0] + 0.001 * 0.04, 0.999 * v1[1] + 0.001 * 0.16]
    m2_hat = [m2[0] / 0.19, m2[1] / 0.19]                    # 1 - 0.9^2 = 0.19
    v2_hat = [v2[0] / 0.001999, v2[1] / 0.001999]            # 1 - 0.999^2 = 0.001999
    step2 = [step1[0] - 0.001 * m2_hat[0] / (v2_hat[0] ** 0.5 + 1e-8),
             step1[1] - 0.001 * m2_hat[1] / (v2_hat[1] ** 0.5 + 1e-8)]
    got = two_steps(Adam, lr=0.001, betas=(0.9, 0.999), eps=1e-8)
    np.testing.assert_allclose(got, [step1, step2], rtol=1e-12)
    np.testing.assert_allclose(two_steps(Adam), got, rtol=0)  # those are the defaults
    assert step1[0] == pytest.approx(0.999) and step1[1] == pytest.approx(-1.999)


@pytest.mark.parametrize("make", [lambda ps: SGD(ps, lr=0.1, momentum=0.9),
                                  lambda ps: RMSprop(ps), lambda ps: Adam(ps)],
                         ids=["sgd-momentum", "rmsprop", "adam"])
def test_state_is_kept_per_parameter(make):
    """Two parameters in one optimizer move exactly as each would alone."""
    a, b = Parameter(np.array([1.0, -2.0])), Parameter(np.array([3.0]))
    alone_a, alone_b = Parameter(a.data.copy()), Parameter(b.data.copy())
    together, opt_a, opt_b = make([a, b]), make([alone_a]), make([alone_b])
    for ga, gb in [([0.5, -1.0], [2.0]), ([0.2, 0.4], [-3.0])]:
        a.grad, alone_a.grad = np.array(ga), np.array(ga)
        b.grad, alone_b.grad = np.array(gb), np.array(gb)
        together.step()
        opt_a.step()
        opt_b.step()
    np.testing.assert_array_equal(a.data, alone_a.data)
    np.testing.assert_array_equal(b.data, alone_b.data)


@pytest.mark.parametrize("name", ["sgd", "rmsprop", "adam"])
def test_zero_grad_zeroes_every_gradient(name):
    model = bp.MLP([2, 3, 1], seed=0)
    out = model.forward(np.ones((4, 2)))
    model.backward(np.ones_like(out))
    opt = bp.get_optimizer(name, model.parameters(), lr=0.1)
    assert any(np.any(p.grad != 0) for p in model.parameters())
    opt.zero_grad()
    for p in model.parameters():
        assert p.grad.shape == p.data.shape and np.all(p.grad == 0)


def test_step_updates_the_model_in_place():
    model = bp.MLP([2, 1], seed=0)
    W = model.layers[0].W
    before = W.data.copy()
    W.grad = np.ones_like(W.data)
    SGD(model.parameters(), lr=0.5).step()
    np.testing.assert_allclose(model.layers[0].W.data, before - 0.5)


def test_get_optimizer():
    params = bp.MLP([2, 1], seed=0).parameters()
    assert isinstance(bp.get_optimizer("adam", params), Adam)
    assert bp.get_optimizer("adam", params).lr == 0.001
    assert isinstance(bp.get_optimizer("RMSprop", params, lr=0.1), RMSprop)
    opt = SGD(params, lr=0.1)
    assert bp.get_optimizer(opt, params) is opt
    with pytest.raises(ValueError, match=r"optimizer='sgd' needs a learning rate: pass lr="):
        bp.get_optimizer("sgd", params)
    with pytest.raises(ValueError, match=r"got no parameters: pass model.parameters\(\)"):
        SGD([], lr=0.1)
