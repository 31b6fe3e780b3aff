"""`rel_error`, `norm_error` and `gradcheck` refuse arrays of different shapes.

numpy would broadcast a (8, 3) gradient against a (3,) one and return a number that means
nothing (lesson 06 once printed a norm error of 1.41, which ||a-b|| / (||a|| + ||b||) can
never reach). Each function must raise a ValueError naming both shapes and what to do, and
must still accept arrays that only differ in type (lists, Python numbers)."""

import numpy as np
import pytest

import backprop as bp


@pytest.mark.parametrize("measure", [bp.rel_error, bp.norm_error])
@pytest.mark.parametrize("shapes", [((8, 3), (3,)), ((3,), (8, 3)), ((2, 3), (3, 2)),
                                    ((1,), ()), ((4,), (4, 1))])
def test_error_measures_refuse_different_shapes(measure, shapes):
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=shapes[0]), rng.normal(size=shapes[1])
    with pytest.raises(ValueError) as info:
        measure(a, b)
    message = str(info.value)
    assert measure.__name__ in message
    assert str(shapes[0]) in message and str(shapes[1]) in message
    assert "same shape" in message and "sum over the batch" in message


@pytest.mark.parametrize("measure", [bp.rel_error, bp.norm_error])
def test_error_measures_accept_lists_and_numbers_of_the_same_shape(measure):
    assert measure([1.0, 2.0], np.array([1.0, 2.0])) == 0.0
    assert measure(2.0, np.float64(2.0)) == 0.0
    assert measure(1.0, -1.0) == pytest.approx(1.0)


def test_the_broadcast_artefact_is_gone():
    """The exact case of lesson 06: an analytic db of shape (8, 3) against a (3,) numerical one."""
    rng = np.random.default_rng(1)
    per_example = rng.normal(size=(8, 3))
    with pytest.raises(ValueError, match=r"\(8, 3\) and \(3,\)"):
        bp.norm_error(per_example, per_example.sum(axis=0))


def test_norm_and_rel_error_never_exceed_one_on_same_shapes():
    rng = np.random.default_rng(2)
    for _ in range(200):
        shape = tuple(rng.integers(1, 5, size=rng.integers(0, 3)))
        a, b = rng.normal(size=shape) * 10.0 ** rng.integers(-3, 4), rng.normal(size=shape)
        assert 0.0 <= bp.norm_error(a, b) <= 1.0 + 1e-15
        assert 0.0 <= bp.rel_error(a, b) <= 1.0 + 1e-15


class MissingBatchSum(bp.Linear):
    def backward(self, dZ, input_grad=True):
        self.W.grad = self._X.T @ dZ
        self.b.grad = dZ  # the bug: one row per example instead of dZ.sum(axis=0)
        return dZ @ self.W.data.T


def two_layer(linear):
    rng = np.random.default_rng(1)
    return bp.Sequential(linear(2, 3, rng=rng), bp.Tanh(), linear(3, 2, rng=rng))


def problem():
    rng = np.random.default_rng(0)
    return rng.normal(size=(8, 2)), rng.integers(0, 2, size=8)


@pytest.mark.parametrize("l2", [0.0, 0.1])
def test_gradcheck_names_every_parameter_whose_gradient_has_the_wrong_shape(l2):
    X, y = problem()
    with pytest.raises(ValueError) as info:
        bp.gradcheck(two_layer(MissingBatchSum), "cross_entropy", X, y, l2=l2)
    message = str(info.value)
    assert "layers[0].b has gradient shape (8, 3) but value shape (3,)" in message
    assert "layers[2].b has gradient shape (8, 2) but value shape (2,)" in message
    assert "layers[0].W" not in message and "layers[2].W" not in message
    assert "dZ.sum(axis=0)" in message


def test_gradcheck_still_passes_and_fails_on_numbers_when_shapes_agree():
    X, y = problem()
    assert bp.gradcheck(two_layer(bp.Linear), "cross_entropy", X, y).ok

    class MeanNotSum(bp.Linear):  # right shape, wrong value: db is 1/N of what it should be
        def backward(self, dZ, input_grad=True):
            out = super().backward(dZ, input_grad)
            self.b.grad = dZ.mean(axis=0)
            return out

    report = bp.gradcheck(two_layer(MeanNotSum), "cross_entropy", X, y)
    verdict = {row["name"]: row["ok"] for row in report.rows}
    assert verdict == {"layers[0].W": True, "layers[0].b": False,
                       "layers[2].W": True, "layers[2].b": False}
    for row in report.rows:
        if not row["ok"]:  # a = n / N gives (N - 1) / (N + 1)
            assert row["norm_error"] == pytest.approx(7 / 9, abs=1e-6)
