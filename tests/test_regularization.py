"""L1/L2 penalties: l2/2 * sum(W^2) + l1 * sum(|W|) on weights only; gradient
l2 * W + l1 * sign(W), checked numerically away from W = 0 (where |W| has a kink)."""

import numpy as np
import pytest
from engine_helpers import away_from_kink, max_rel_error, numeric_grad

import backprop as bp
from backprop.regularization import add_penalty_gradients, penalty_gradients


def model_with_weights_away_from_zero(seed=0):
    model = bp.MLP([3, 4, 2], activation="tanh", seed=seed)
    rng = np.random.default_rng(seed)
    for p in model.parameters():
        p.data = away_from_kink(rng, p.data.shape, low=0.05, high=1.0)  # biases non-zero too
    return model


def test_penalty_value_by_hand_and_biases_excluded():
    model = model_with_weights_away_from_zero()
    W1, b1, W2, b2 = (p.data for p in model.parameters())
    l1, l2 = 0.03, 0.2
    expected = (l2 / 2 * (np.sum(W1 ** 2) + np.sum(W2 ** 2))
                + l1 * (np.sum(np.abs(W1)) + np.sum(np.abs(W2))))
    assert bp.penalty(model.parameters(), l1=l1, l2=l2) == pytest.approx(expected, rel=1e-14)
    assert bp.penalty(model.parameters()) == 0.0
    model.layers[0].b.data += 100.0  # biases are not penalized
    assert bp.penalty(model.parameters(), l1=l1, l2=l2) == pytest.approx(expected, rel=1e-14)


@pytest.mark.parametrize("l1, l2", [(0.0, 0.3), (0.05, 0.0), (0.05, 0.3)])
def test_penalty_gradient_matches_numerical(l1, l2):
    model = model_with_weights_away_from_zero(seed=1)
    params = model.parameters()
    gradients = penalty_gradients(params, l1=l1, l2=l2)
    assert [p for p, _ in gradients] == [p for p in params if p.regularize]
    for p, g in gradients:
        numeric = numeric_grad(lambda: bp.penalty(params, l1=l1, l2=l2), p.data)
        assert max_rel_error(g, numeric) <= 1e-7
        np.testing.assert_allclose(g, l2 * p.data + l1 * np.sign(p.data), rtol=1e-15)


def test_add_penalty_gradients_adds_to_weights_only():
    model = model_with_weights_away_from_zero(seed=2)
    params = model.parameters()
    for p in params:
        p.grad = np.full_like(p.data, 0.5)
    add_penalty_gradients(params, l1=0.1, l2=0.2)
    for p in params:
        expected = 0.5 + 0.2 * p.data + 0.1 * np.sign(p.data) if p.regularize else 0.5
        np.testing.assert_allclose(p.grad, expected, rtol=1e-15)
    before = [p.grad.copy() for p in params]
    add_penalty_gradients(params)  # l1 = l2 = 0: nothing changes
    for p, g in zip(params, before):
        np.testing.assert_array_equal(p.grad, g)


def test_l1_subgradient_is_zero_at_zero():
    model = bp.MLP([2, 2], seed=0)
    model.layers[0].W.data[:] = 0.0
    (_, g), = penalty_gradients(model.parameters(), l1=0.5)
    np.testing.assert_array_equal(g, 0.0)


@pytest.mark.parametrize("loss, y", [("mse", np.array([[0.3, -1.0], [1.2, 0.4], [0.0, 2.0]])),
                                     ("cross_entropy", np.array([1, 0, 1]))])
def test_gradcheck_with_penalty(loss, y):
    model = model_with_weights_away_from_zero(seed=3)
    X = np.random.default_rng(3).normal(size=(3, 3))
    report = bp.gradcheck(model, loss, X, y, l1=0.02, l2=0.1)
    assert report.ok, str(report)
    assert max(row["rel_error"] for row in report.rows) <= 1e-7
