"""Losses: mean loss and dL/dpred (already divided by N) checked numerically and against
their closed forms; stable for huge logits; BCE agrees with 2-class cross-entropy."""

import warnings

import numpy as np
import pytest
from engine_helpers import max_rel_error, numeric_grad

import backprop as bp


def check_gradient(loss, pred, target):
    loss.forward(pred, target)
    analytic = loss.backward()
    numeric = numeric_grad(lambda: loss.forward(pred, target), pred)
    assert analytic.shape == pred.shape
    assert max_rel_error(analytic, numeric) <= 1e-7


def test_mse_value_gradient_and_mean_over_all_entries():
    rng = np.random.default_rng(0)
    pred, target = rng.normal(size=(5, 3)), rng.normal(size=(5, 3))
    mse = bp.MSELoss()
    assert mse.forward(pred, target) == pytest.approx(np.sum((pred - target) ** 2) / 15, rel=1e-14)
    np.testing.assert_allclose(mse.backward(), 2 * (pred - target) / 15, rtol=1e-14)
    check_gradient(bp.MSELoss(), pred, target)


def test_mse_accepts_flat_targets_for_one_output():
    rng = np.random.default_rng(1)
    pred, y = rng.normal(size=(6, 1)), rng.normal(size=6)
    flat, column = bp.MSELoss(), bp.MSELoss()
    assert flat.forward(pred, y) == column.forward(pred, y[:, None])
    np.testing.assert_array_equal(flat.backward(), column.backward())
    assert flat.backward().shape == (6, 1)
    wrong = r"predictions have shape \(6, 1\) but targets have shape \(5, 1\)"
    with pytest.raises(ValueError, match=wrong):
        bp.MSELoss().forward(pred, y[:5])


def test_cross_entropy_gradient_is_softmax_minus_onehot_over_n():
    rng = np.random.default_rng(2)
    logits, labels = rng.normal(size=(7, 4)), rng.integers(0, 4, size=7)
    ce = bp.CrossEntropyLoss()
    value = ce.forward(logits, labels)
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)  # written out, moderate logits
    onehot = np.eye(4)[labels]
    assert value == pytest.approx(-np.mean(np.log(p[np.arange(7), labels])), rel=1e-13)
    np.testing.assert_allclose(ce.backward(), (p - onehot) / 7, rtol=1e-12, atol=1e-15)
    check_gradient(bp.CrossEntropyLoss(), logits, labels)


def test_bce_value_and_gradient():
    rng = np.random.default_rng(3)
    logits, y = rng.normal(size=(8, 1)), rng.integers(0, 2, size=8).astype(float)
    bce = bp.BCEWithLogitsLoss()
    p = 1 / (1 + np.exp(-logits[:, 0]))
    assert bce.forward(logits, y) == pytest.approx(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)),
                                                   rel=1e-13)
    np.testing.assert_allclose(bce.backward()[:, 0], (p - y) / 8, rtol=1e-12)
    check_gradient(bp.BCEWithLogitsLoss(), logits, y)
    check_gradient(bp.BCEWithLogitsLoss(), logits, y[:, None])


def test_bce_equals_two_class_cross_entropy_on_the_logit_difference():
    """softmax([a, b])[1] = sigmoid(b - a): BCE on z = b - a is CE on [a, b]."""
    rng = np.random.default_rng(4)
    two = rng.normal(scale=3, size=(9, 2))
    labels = rng.integers(0, 2, size=9)
    ce, bce = bp.CrossEntropyLoss(), bp.BCEWithLogitsLoss()
    z = (two[:, 1] - two[:, 0])[:, None]
    assert bce.forward(z, labels) == pytest.approx(ce.forward(two, labels), rel=1e-13)
    dz, dtwo = bce.backward(), ce.backward()
    np.testing.assert_allclose(dz[:, 0], dtwo[:, 1], rtol=1e-12, atol=1e-16)
    np.testing.assert_allclose(dz[:, 0], -dtwo[:, 0], rtol=1e-12, atol=1e-16)


def test_huge_logits_stay_finite_and_exact():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow warning either
        ce = bp.CrossEntropyLoss()
        logits = np.array([[1e4, 0.0, -1e4], [1e4, 0.0, -1e4]])
        assert ce.forward(logits, np.array([0, 1])) == pytest.approx((0 + 1e4) / 2)
        np.testing.assert_allclose(ce.backward(), [[0, 0, 0], [0.5, -0.5, 0]], atol=1e-300)
        bce = bp.BCEWithLogitsLoss()
        z = np.array([[1e4], [-1e4], [1e4], [-1e4]])
        assert bce.forward(z, np.array([1, 0, 0, 1])) == pytest.approx((0 + 0 + 1e4 + 1e4) / 4)
        np.testing.assert_allclose(bce.backward()[:, 0], [0, 0, 0.25, -0.25], atol=1e-300)
        s = bp.softmax(np.array([[1e4, 1e4 - np.log(3.0)]]))
    np.testing.assert_allclose(s, [[0.75, 0.25]], rtol=1e-12)


def test_softmax_rows_sum_to_one_and_ignore_shifts():
    logits = np.random.default_rng(5).normal(size=(4, 6))
    p = bp.softmax(logits)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-15)
    np.testing.assert_allclose(bp.softmax(logits + 123.0), p, rtol=1e-12)


def test_get_loss_by_name_or_instance():
    assert isinstance(bp.get_loss("mse"), bp.MSELoss)
    assert isinstance(bp.get_loss("bce"), bp.BCEWithLogitsLoss)
    assert isinstance(bp.get_loss("binary_cross_entropy"), bp.BCEWithLogitsLoss)
    assert isinstance(bp.get_loss("cross_entropy"), bp.CrossEntropyLoss)
    ce = bp.CrossEntropyLoss()
    assert bp.get_loss(ce) is ce


def test_bce_refuses_bad_shapes_and_targets():
    with pytest.raises(ValueError, match=r"one logit per example.*use CrossEntropyLoss"):
        bp.BCEWithLogitsLoss().forward(np.zeros((3, 2)), np.zeros((3, 2)))
    with pytest.raises(ValueError, match=r"targets must be 0 or 1.*from 0 to 2"):
        bp.BCEWithLogitsLoss().forward(np.zeros((3, 1)), np.array([0, 1, 2]))
