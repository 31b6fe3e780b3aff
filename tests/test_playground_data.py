"""The playground's data and features: Playground's sizes and split, the two regression
sets checked against their definitions point by point, noise, seeds and bad input."""

import numpy as np
import pytest

from backprop.playground import features, playground_data, reg_gauss, reg_plane
from backprop.playground.datasets import DATASETS


@pytest.mark.parametrize("name, total", [("circle", 500), ("xor", 500), ("gauss", 500),
                                         ("spiral", 500), ("reg_plane", 1200), ("reg_gauss", 1200)])
def test_sizes_and_split_follow_playground(name, total):
    X_train, X_test, y_train, y_test = playground_data(name, train_percent=30, seed=1)
    assert len(X_train) == len(y_train) == total * 3 // 10
    assert len(X_test) == len(y_test) == total - total * 3 // 10
    assert X_train.shape[1] == X_test.shape[1] == 2
    if total == 500:
        assert set(np.unique(np.concatenate([y_train, y_test]))) == {0, 1}


def test_the_split_is_a_shuffle_of_the_whole_set():
    X_train, X_test, y_train, y_test = playground_data("circle", seed=3)
    X, y = DATASETS["circle"](500, rng=np.random.default_rng(3))
    both = np.vstack([X_train, X_test])
    assert sorted(map(tuple, both)) == sorted(map(tuple, X))
    assert y_train.sum() + y_test.sum() == y.sum()
    # shuffled: the training half holds inner and outer points alike
    assert 0.3 < y_train.mean() < 0.7


def _bump_oracle(x1, x2):
    """Playground's regressGaussian label, written out with loops."""
    best = 0.0
    for cx, cy, sign in [(-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1),
                         (0, -2.5, 1), (4, -2.5, -1)]:
        d = ((x1 - cx) ** 2 + (x2 - cy) ** 2) ** 0.5
        value = sign * min(1.0, max(0.0, 1 - d / 2))
        if abs(value) > abs(best):
            best = value
    return best


def test_regression_targets_follow_their_definitions():
    X, y = reg_plane(300, seed=2)
    np.testing.assert_allclose(y, (X[:, 0] + X[:, 1]) / 10, rtol=0, atol=1e-15)
    assert X.min() >= -6 and X.max() <= 6
    X, y = reg_gauss(300, seed=2)
    np.testing.assert_allclose(y, [_bump_oracle(a, b) for a, b in X], rtol=0, atol=1e-12)
    assert y.min() < -0.5 and y.max() > 0.5  # both signs of bump are there


@pytest.mark.parametrize("generator", [reg_plane, reg_gauss])
def test_regression_noise_moves_the_target_not_the_point(generator):
    X_clean, y_clean = generator(400, noise=0.0, seed=5)
    X_noisy, y_noisy = generator(400, noise=0.5, seed=5)
    np.testing.assert_array_equal(X_clean, X_noisy)
    assert np.abs(y_clean - y_noisy).mean() > 0.05


def test_same_seed_same_data_other_seed_other_data():
    first, again, other = (playground_data("spiral", noise=20, seed=s) for s in (4, 4, 5))
    for a, b in zip(first, again):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(first[0], other[0])


@pytest.mark.parametrize("kwargs, message", [
    ({"dataset": "moons"}, "unknown dataset 'moons'; valid names are: circle"),
    ({"noise": 60}, "noise is a percentage from 0 to 50"),
    ({"noise": 0.5 + 0j}, "noise is a percentage"),
    ({"train_percent": 5}, "train_percent is the percentage of points that train, from 10 to 90"),
])
def test_bad_data_settings_say_what_is_allowed(kwargs, message):
    with pytest.raises(ValueError, match=message):
        playground_data(**kwargs)


def test_regression_generators_check_noise():
    with pytest.raises(ValueError, match="between 0 and 0.5"):
        reg_plane(10, noise=0.9)


def test_features_are_playgrounds_seven_inputs():
    X = np.array([[1.0, 2.0], [-0.5, 3.0]])
    names = ["x1", "x2", "x1_squared", "x2_squared", "x1_x2", "sin_x1", "sin_x2"]
    F = features(X, names)
    expected = np.column_stack([X[:, 0], X[:, 1], X[:, 0] ** 2, X[:, 1] ** 2, X[:, 0] * X[:, 1],
                                np.sin(X[:, 0]), np.sin(X[:, 1])])
    np.testing.assert_array_equal(F, expected)
    np.testing.assert_array_equal(features(X, ["x1_x2"]), expected[:, [4]])
    with pytest.raises(ValueError, match="unknown feature 'cos_x1'"):
        features(X, ["cos_x1"])
    with pytest.raises(ValueError, match="at least one feature"):
        features(X, [])
    with pytest.raises(ValueError, match=r"shape \(N, 2\)"):
        features(X[:, :1], ["x1"])
