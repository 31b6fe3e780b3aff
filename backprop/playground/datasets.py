"""The playground's data: Playground's four classification sets and its two regression sets.

Classification (500 points, labels 1 for Playground's +1/blue, 0 for -1/orange):
`circle`, `xor`, `gauss`, `spiral` from `backprop.datasets`, defined as in Playground.

Regression (1200 points, targets in about [-1, 1]), x1, x2 uniform in [-6, 6]:
- `reg_plane`: y = (x1 + x2) / 10 (Playground's "Plane");
- `reg_gauss`: six bumps at (+-4 or 0, +-2.5) with alternating signs s_i; each gives
  s_i * max(0, 1 - d_i / 2) at distance d_i from its centre, and y is the one of the six
  with the largest size (Playground's "Multi gaussian").
As in Playground, noise moves the point where the target is *evaluated* (by up to
+-6 * noise in each coordinate), not the point itself.

`playground_data` draws a set, shuffles it and splits it as Playground does: the first
`train_percent` percent of the shuffled points train, the rest test.
"""

import numpy as np

from .. import datasets
from ..validation import lookup

# Playground's bumps for "Multi gaussian": (centre x1, centre x2, sign)
_BUMPS = np.array([(-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1),
                   (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1)], dtype=np.float64)


def _rng(seed, rng):
    return rng if rng is not None else np.random.default_rng(seed)


def _check_fraction(noise):
    if not 0 <= noise <= 0.5:
        raise ValueError(f"noise must be a fraction between 0 and 0.5 (Playground's 0-50%), "
                         f"got {noise!r}.")


def reg_plane(n=1200, noise=0.0, seed=0, rng=None):
    """Targets on the plane y = (x1 + x2) / 10, read at a noisy point (Playground 'Plane')."""
    _check_fraction(noise)
    rng = _rng(seed, rng)
    X = rng.uniform(-6, 6, size=(n, 2))
    noisy = X + rng.uniform(-6, 6, size=(n, 2)) * noise
    return X, (noisy[:, 0] + noisy[:, 1]) / 10.0


def reg_gauss(n=1200, noise=0.0, seed=0, rng=None):
    """Six signed bumps of radius 2, the largest in size wins (Playground 'Multi gaussian')."""
    _check_fraction(noise)
    rng = _rng(seed, rng)
    X = rng.uniform(-6, 6, size=(n, 2))
    noisy = X + rng.uniform(-6, 6, size=(n, 2)) * noise
    distance = np.hypot(noisy[:, None, 0] - _BUMPS[:, 0], noisy[:, None, 1] - _BUMPS[:, 1])
    bumps = _BUMPS[:, 2] * np.clip(1.0 - distance / 2.0, 0.0, 1.0)   # (n, 6)
    largest = np.abs(bumps).argmax(axis=1)
    return X, bumps[np.arange(n), largest]


CLASSIFICATION = {"circle": datasets.circle, "xor": datasets.xor, "gauss": datasets.gauss,
                  "spiral": datasets.spiral}
REGRESSION = {"reg_plane": reg_plane, "reg_gauss": reg_gauss}
DATASETS = {**CLASSIFICATION, **REGRESSION}
SAMPLES = {"classification": 500, "regression": 1200}   # Playground's sample counts


def problem_of(dataset):
    """'classification' or 'regression' for a dataset name."""
    lookup(dataset, DATASETS, "dataset")
    return "classification" if dataset in CLASSIFICATION else "regression"


def playground_data(dataset="circle", noise=0, train_percent=50, seed=0, rng=None):
    """(X_train, X_test, y_train, y_test) as Playground makes them.

    `noise` (0 to 50) and `train_percent` (10 to 90) are the percentages of Playground's
    sliders. The points are drawn from `rng` (or `seed`), shuffled with it, and split."""
    generator = lookup(dataset, DATASETS, "dataset")
    if isinstance(noise, bool) or not isinstance(noise, (int, float)) or not 0 <= noise <= 50:
        raise ValueError(f"noise is a percentage from 0 to 50 (Playground's slider), got {noise!r}.")
    if isinstance(train_percent, bool) or not isinstance(train_percent, (int, float)) \
            or not 10 <= train_percent <= 90:
        raise ValueError("train_percent is the percentage of points that train, from 10 to 90, "
                         f"got {train_percent!r}.")
    rng = _rng(seed, rng)
    X, y = generator(SAMPLES[problem_of(dataset)], noise=noise / 100, rng=rng)
    order = rng.permutation(len(X))
    X, y = X[order], y[order]
    split = int(len(X) * train_percent // 100)
    return X[:split], X[split:], y[:split], y[split:]
