"""Datasets: shapes, labels, seeding, and the TensorFlow Playground definitions
(circle radius 2.5, xor sign agreement, noise flips labels but does not move points,
gauss variance 0.5 + 7 * noise, spirals), plus the stratified digits split."""

import numpy as np
import pytest

from backprop import datasets

PLAYGROUND = ["circle", "xor", "gauss", "spiral"]
ALL_2D = PLAYGROUND + ["moons"]


@pytest.mark.parametrize("name", ALL_2D)
def test_shapes_labels_and_seeding(name):
    make = getattr(datasets, name)
    X, y = make(101, noise=0.2, seed=3)
    assert X.shape == (101, 2) and X.dtype == np.float64 and y.shape == (101,)
    assert set(np.unique(y)) == {0, 1}
    X2, y2 = make(101, noise=0.2, seed=3)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    X3, _ = make(101, noise=0.2, seed=4)
    assert not np.array_equal(X, X3)
    X4, _ = make(101, noise=0.2, rng=np.random.default_rng(3))
    np.testing.assert_array_equal(X, X4)


def test_circle_noise_free_labels_are_radius_below_2_5():
    X, y = datasets.circle(400, seed=0)
    r = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_array_equal(y, (r < 2.5).astype(int))
    assert r[y == 1].max() < 2.5 and r[y == 0].min() >= 3.5 and r.max() <= 5.0


def test_xor_noise_free_labels_are_sign_agreement():
    X, y = datasets.xor(400, seed=0)
    np.testing.assert_array_equal(y, (np.sign(X[:, 0]) == np.sign(X[:, 1])).astype(int))
    assert np.abs(X).min() >= 0.3 and np.abs(X).max() <= 5.3  # pushed 0.3 off the axes


@pytest.mark.parametrize("name", ["circle", "xor"])
def test_noise_flips_labels_near_the_boundary_without_moving_points(name):
    make = getattr(datasets, name)
    X0, y0 = make(500, noise=0.0, seed=1)
    X1, y1 = make(500, noise=0.3, seed=1)
    np.testing.assert_array_equal(X0, X1)  # Playground's quirk: points stay put
    flipped = y0 != y1
    assert 0 < flipped.sum() < 0.3 * len(y0)
    shift = 0.3 * 5 * np.sqrt(2)  # the largest distance the noisy decision point can move
    if name == "circle":
        distance_to_boundary = np.abs(np.hypot(X0[:, 0], X0[:, 1]) - 2.5)
    else:
        distance_to_boundary = np.abs(X0).min(axis=1)
    assert distance_to_boundary[flipped].max() <= shift
    assert distance_to_boundary[flipped].mean() < distance_to_boundary[~flipped].mean()


def test_gauss_variance_grows_with_noise():
    variances = []
    for noise in [0.0, 0.25, 0.5]:
        X, y = datasets.gauss(4000, noise=noise, seed=0)
        assert np.allclose(X[y == 1].mean(axis=0), [2, 2], atol=0.15)
        assert np.allclose(X[y == 0].mean(axis=0), [-2, -2], atol=0.15)
        variances.append(np.mean([X[y == k].var(axis=0).mean() for k in (0, 1)]))
    np.testing.assert_allclose(variances, [0.5, 2.25, 4.0], rtol=0.08)


def test_spiral_arms():
    X, y = datasets.spiral(200, noise=0.0, seed=0)
    r = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(r[y == 1], np.arange(100) / 100 * 5, atol=1e-12)
    np.testing.assert_allclose(X[y == 0], -X[y == 1], atol=1e-12)  # the other arm, turned by pi
    angle = np.unwrap(np.arctan2(X[y == 1, 0], X[y == 1, 1]))
    turns = abs(angle[-1] - angle[0]) / (2 * np.pi)
    assert turns == pytest.approx(1.75 * 99 / 100, rel=1e-9)  # 1.75 turns from the centre out
    Xn, yn = datasets.spiral(200, noise=0.5, seed=0)
    np.testing.assert_array_equal(y, yn)
    assert 0 < np.abs(Xn - X).max() <= 0.5


def test_noise_out_of_range_is_refused():
    with pytest.raises(ValueError, match=r"noise must be a fraction between 0 and 0.5"):
        datasets.circle(10, noise=30)


def test_regression_1d_and_train_test_split():
    x, y = datasets.regression_1d(50, noise=0.0, seed=0)
    assert x.shape == (50, 1) and y.shape == (50,)
    np.testing.assert_allclose(y, np.sin(x[:, 0]) + 0.3 * x[:, 0], rtol=1e-14)
    X, y = datasets.moons(20, seed=0)
    X_train, X_test, y_train, y_test = datasets.train_test_split(X, y, test_fraction=0.25, seed=0)
    assert len(X_train) == len(y_train) == 15 and len(X_test) == len(y_test) == 5
    together = np.vstack([X_train, X_test])
    assert sorted(map(tuple, together)) == sorted(map(tuple, X))  # a partition, nothing lost
    with pytest.raises(ValueError, match=r"test_fraction must be between 0 and 1"):
        datasets.train_test_split(X, y, test_fraction=1.5)


@pytest.fixture(scope="module")
def digits():
    return datasets.digits(test_fraction=0.2, seed=0)


def test_digits_stratified_split(digits):
    X_train, X_test, y_train, y_test = digits
    assert X_train.shape == (1437, 64) and X_test.shape == (360, 64)
    assert len(y_train) == 1437 and len(y_test) == 360
    assert X_train.min() == 0.0 and X_train.max() == 1.0 and X_test.max() <= 1.0
    train_counts, test_counts = np.bincount(y_train, minlength=10), np.bincount(y_test, minlength=10)
    assert set(np.unique(y_test)) == set(range(10))
    total = train_counts + test_counts
    assert np.all(np.abs(test_counts - 0.2 * total) <= 1)  # same class mix in both splits


def test_digits_are_deterministic(digits):
    again = datasets.digits(test_fraction=0.2, seed=0)
    for a, b in zip(digits, again):
        np.testing.assert_array_equal(a, b)
