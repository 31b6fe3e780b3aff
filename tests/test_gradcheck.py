"""`backprop.gradcheck`: the numerical gradient, the error measures, and a report that
really fails when backprop is wrong."""

import importlib

import numpy as np
import pytest
from engine_helpers import numeric_grad

import backprop as bp


def test_numerical_gradient_of_a_known_function_and_restores_x():
    x = np.array([[0.5, -1.0], [2.0, 0.1]])
    original = x.copy()
    grad = bp.numerical_gradient(lambda v: float(np.sum(v ** 3)), x)
    # ((x+h)^3 - (x-h)^3) / 2h = 3x^2 + h^2, plus rounding ~ 1e-16 * f / h ~ 2e-10
    np.testing.assert_allclose(grad, 3 * original ** 2, rtol=0, atol=1e-9)
    np.testing.assert_array_equal(x, original)


def test_numerical_gradient_agrees_with_ours():
    x = np.random.default_rng(0).normal(size=(3, 4))

    def f(_=None):
        return float(np.sum(np.tanh(x) * np.arange(12).reshape(3, 4)))

    np.testing.assert_allclose(bp.numerical_gradient(f, x), numeric_grad(f, x), rtol=1e-12)


def test_numerical_gradient_refuses_float32():
    with pytest.raises(TypeError, match=r"needs a float64 array, got float32"):
        bp.numerical_gradient(lambda v: float(v.sum()), np.ones(3, dtype=np.float32))


def test_error_measures_by_hand():
    a, b = np.array([1.0, 0.0, 3.0]), np.array([1.1, 0.0, 3.0])
    assert bp.rel_error(a, b) == pytest.approx(0.1 / 2.1)
    assert bp.norm_error(a, b) == pytest.approx(0.1 / (np.sqrt(10) + np.sqrt(1.21 + 9)))
    assert bp.rel_error(np.zeros(2), np.zeros(2)) == 0.0
    assert bp.norm_error(np.zeros(2), np.zeros(2)) == 0.0


def make_problem():
    rng = np.random.default_rng(0)
    model = bp.MLP([3, 4, 2], "tanh", seed=0)
    return model, rng.normal(size=(5, 3)), rng.integers(0, 2, size=5)


def test_report_passes_for_a_correct_model():
    model, X, y = make_problem()
    report = bp.gradcheck(model, "cross_entropy", X, y)
    assert report.ok and report.max_norm_error <= 1e-6
    assert [row["name"] for row in report.rows] == [n for n, _ in model.named_parameters()]
    text = str(report)
    assert "layers[0].W" in text and "layers[2].b" in text and " NO" not in text


def test_report_fails_for_a_wrong_backward():
    """A 1% error in one weight gradient must be caught and pinned on that parameter."""
    model, X, y = make_problem()
    first = model.layers[0]
    correct_backward = first.backward

    def wrong_backward(dZ):
        dX = correct_backward(dZ)
        first.W.grad = first.W.grad * 1.01
        return dX

    first.backward = wrong_backward
    report = bp.gradcheck(model, "cross_entropy", X, y)
    assert not report.ok
    failing = [row["name"] for row in report.rows if not row["ok"]]
    assert failing == ["layers[0].W"]
    assert "NO" in str(report)


def test_report_fails_when_the_penalty_gradient_is_forgotten(monkeypatch):
    """gradcheck includes the penalty: a model whose W.grad misses it is caught."""
    model, X, y = make_problem()
    assert bp.gradcheck(model, "cross_entropy", X, y, l2=0.5).ok
    module = importlib.import_module("backprop.gradcheck")  # bp.gradcheck is the function
    monkeypatch.setattr(module, "add_penalty_gradients", lambda params, l1=0.0, l2=0.0: None)
    report = bp.gradcheck(model, "cross_entropy", X, y, l2=0.5)
    assert [row["ok"] for row in report.rows] == [False, True, False, True]  # W fail, b pass


def test_below_prints_a_bound_or_the_full_value():
    assert bp.below(3.2e-11, 1e-8) == "< 1e-8"
    assert bp.below(0.0, 1e-15) == "< 1e-15"
    assert bp.below(2.5e-12, 2.5e-10) == "< 2.5e-10"
    assert bp.below(0.096, 0.2) == "< 0.2"
    assert bp.below(0.5, 1e-6) == "5.0e-01 (not below 1e-6)"
    assert bp.below(1e-6, 1e-6) == "1.0e-06 (not below 1e-6)"
    with pytest.raises(ValueError, match="positive"):
        bp.below(1e-9, 0)


def test_report_prints_passing_errors_as_the_tolerance_and_failing_ones_in_full():
    rows = [{"name": "W", "shape": (2, 3), "rel_error": 1e-10, "norm_error": 3.1e-11, "ok": True},
            {"name": "b", "shape": (3,), "rel_error": 1.0, "norm_error": 0.78, "ok": False}]
    text = str(bp.gradcheck.__globals__["GradcheckReport"](rows, tolerance=1e-7))
    assert "< 1e-7" in text and "3.1e-11" not in text
    assert "7.8e-01 (not below 1e-7)" in text and "NO" in text


def test_below_writes_small_bounds_in_scientific_form():
    assert bp.below(1e-4, 1e-3) == "< 1e-3"
    assert bp.below(0.005, 0.01) == "< 0.01"
