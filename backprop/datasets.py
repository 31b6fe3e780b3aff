"""Data for the lessons: TensorFlow Playground's 2-D sets, moons, 1-D regression, digits.

Every generator takes `seed` (or `rng`), returns float64 `X` of shape (N, 2) and labels
`y` in {0, 1} (Playground uses -1/+1; here class +1 is 1 and class -1 is 0, ready for
`BCEWithLogitsLoss`). `noise` is Playground's noise slider as a fraction (0 to 0.5 for
its 0 to 50). The Playground sets follow its definitions, including its quirk that
for `circle` and `xor` the noise moves the point used to *decide the label* but not
the point itself, so noise flips labels near the boundary instead of blurring points.
Nothing is downloaded: `digits` is the 8x8 set that ships inside scikit-learn.
"""

import numpy as np


def _rng(seed, rng):
    return rng if rng is not None else np.random.default_rng(seed)


def _check_noise(noise):
    if not 0 <= noise <= 1:
        raise ValueError(f"noise must be a fraction between 0 and 0.5 (Playground's 0-50%), "
                         f"got {noise!r}.")


def circle(n=500, noise=0.0, seed=0, rng=None):
    """Class 1 inside radius 2.5, class 0 in the ring from 3.5 to 5 (Playground 'Circle')."""
    _check_noise(noise)
    rng, radius = _rng(seed, rng), 5.0
    inner, outer = n // 2, n - n // 2
    r = np.concatenate([rng.uniform(0, radius * 0.5, inner), rng.uniform(radius * 0.7, radius, outer)])
    angle = rng.uniform(0, 2 * np.pi, n)
    X = np.column_stack([r * np.sin(angle), r * np.cos(angle)])
    noisy = X + rng.uniform(-radius, radius, size=(n, 2)) * noise
    y = (np.hypot(noisy[:, 0], noisy[:, 1]) < radius * 0.5).astype(np.int64)
    return X, y


def xor(n=500, noise=0.0, seed=0, rng=None):
    """Class 1 where x1 * x2 >= 0 (Playground 'Exclusive or'); points keep 0.3 off the axes."""
    _check_noise(noise)
    rng = _rng(seed, rng)
    X = rng.uniform(-5, 5, size=(n, 2))
    X += np.where(X > 0, 0.3, -0.3)
    noisy = X + rng.uniform(-5, 5, size=(n, 2)) * noise
    y = (noisy[:, 0] * noisy[:, 1] >= 0).astype(np.int64)
    return X, y


def gauss(n=500, noise=0.0, seed=0, rng=None):
    """Two Gaussian blobs at (2, 2) (class 1) and (-2, -2) (class 0); the variance grows
    from 0.5 to 4 as noise goes from 0 to 0.5 (Playground 'Gaussian')."""
    _check_noise(noise)
    rng = _rng(seed, rng)
    variance = 0.5 + noise / 0.5 * 3.5
    half = n // 2
    centers = np.repeat([[2.0, 2.0], [-2.0, -2.0]], [half, n - half], axis=0)
    X = centers + np.sqrt(variance) * rng.standard_normal((n, 2))
    y = np.repeat([1, 0], [half, n - half])
    return X, y


def spiral(n=500, noise=0.0, seed=0, rng=None):
    """Two interleaved spirals, 1.75 turns each, radius 0 to 5 (Playground 'Spiral')."""
    _check_noise(noise)
    rng, half = _rng(seed, rng), n // 2
    arms = []
    for delta, count in [(0.0, half), (np.pi, n - half)]:
        i = np.arange(count) / count
        r, t = i * 5, 1.75 * i * 2 * np.pi + delta
        arm = np.column_stack([r * np.sin(t), r * np.cos(t)])
        arms.append(arm + rng.uniform(-1, 1, size=(count, 2)) * noise)
    return np.vstack(arms), np.repeat([1, 0], [half, n - half])


def moons(n=200, noise=0.1, seed=0, rng=None):
    """Two interleaving half circles (like scikit-learn's make_moons), Gaussian noise sd=noise."""
    rng, top = _rng(seed, rng), n // 2
    t_top, t_bottom = np.linspace(0, np.pi, top), np.linspace(0, np.pi, n - top)
    X = np.vstack([np.column_stack([np.cos(t_top), np.sin(t_top)]),
                   np.column_stack([1 - np.cos(t_bottom), 0.5 - np.sin(t_bottom)])])
    X += noise * rng.standard_normal(X.shape)
    return X, np.repeat([0, 1], [top, n - top])


def regression_1d(n=100, noise=0.1, seed=0, rng=None):
    """x uniform in [-3, 3] (shape (n, 1)), y = sin(x) + 0.3 x + Gaussian noise (shape (n,))."""
    rng = _rng(seed, rng)
    x = np.sort(rng.uniform(-3, 3, n))
    y = np.sin(x) + 0.3 * x + noise * rng.standard_normal(n)
    return x[:, None], y


PLAYGROUND = {"circle": circle, "xor": xor, "gauss": gauss, "spiral": spiral}


def train_test_split(X, y, test_fraction=0.5, seed=0, rng=None):
    """Shuffle and split into (X_train, X_test, y_train, y_test); Playground uses 50%."""
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be between 0 and 1, got {test_fraction!r}.")
    order = _rng(seed, rng).permutation(len(X))
    n_test = int(round(len(X) * test_fraction))
    test, train = order[:n_test], order[n_test:]
    return X[train], X[test], y[train], y[test]


def digits(test_fraction=0.2, seed=0, validation_fraction=None):
    """scikit-learn's 1,797 handwritten 8x8 digits, pixels scaled to [0, 1], split with
    the same class proportions in every part (stratified). `X.reshape(-1, 8, 8)` gives the
    images back.

    Without `validation_fraction`: (X_train, X_test, y_train, y_test).
    With it (a fraction of all 1,797 images, like `test_fraction`):
    (X_train, X_val, X_test, y_train, y_val, y_test). The test set is first split off
    exactly as without a validation set, so it does not depend on `validation_fraction`;
    the validation set is then split off the rest, also stratified.

    scikit-learn's description (`load_digits().DESCR`) says these images are a copy of
    the *test* set of the UCI digits data, and that in UCI's data 30 of 43 people wrote
    the training set and a different 13 the test set. No writer ids are shipped, so every
    part here contains the same writers' handwriting."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split as stratified_split

    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be between 0 and 1, got {test_fraction!r}.")
    if validation_fraction is not None and not (
            isinstance(validation_fraction, (int, float)) and not isinstance(validation_fraction, bool)
            and 0 < validation_fraction < 1 - test_fraction):
        raise ValueError(f"validation_fraction must be between 0 and 1 - test_fraction = "
                         f"{1 - test_fraction:g} (some images must be left for training), "
                         f"got {validation_fraction!r}; pass None for no validation set.")
    data = load_digits()
    X = data.data.astype(np.float64) / 16.0
    X_rest, X_test, y_rest, y_test = stratified_split(X, data.target, test_size=test_fraction,
                                                      random_state=seed, stratify=data.target)
    if validation_fraction is None:
        return X_rest, X_test, y_rest, y_test
    n_val = int(round(validation_fraction * len(X)))
    X_train, X_val, y_train, y_val = stratified_split(X_rest, y_rest, test_size=n_val,
                                                      random_state=seed, stratify=y_rest)
    return X_train, X_val, X_test, y_train, y_val, y_test
