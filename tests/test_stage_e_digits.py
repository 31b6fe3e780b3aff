"""datasets.digits(validation_fraction=...): a stratified three-way split whose test set is
the two-way split's, with disjoint parts covering all 1,797 images; bad fractions refused."""

import numpy as np
import pytest

from backprop import datasets


def _rows(X):
    return {row.tobytes() for row in X}


def test_three_way_split_keeps_the_two_way_test_set_and_covers_every_image():
    X_tr2, X_te2, y_tr2, y_te2 = datasets.digits(test_fraction=0.2, seed=0)
    X_tr, X_val, X_te, y_tr, y_val, y_te = datasets.digits(test_fraction=0.2, seed=0,
                                                            validation_fraction=0.2)
    np.testing.assert_array_equal(X_te, X_te2)
    np.testing.assert_array_equal(y_te, y_te2)
    assert (len(X_tr), len(X_val), len(X_te)) == (1078, 359, 360)
    assert len(X_tr) + len(X_val) == len(X_tr2)
    # train and validation are a partition of the old training part, with their labels
    np.testing.assert_array_equal(np.sort(np.concatenate([y_tr, y_val])), np.sort(y_tr2))
    assert _rows(np.vstack([X_tr, X_val])) == _rows(X_tr2)
    for part, labels in [(X_tr, y_tr), (X_val, y_val), (X_te, y_te)]:
        assert part.shape[1] == 64 and part.min() >= 0 and part.max() <= 1
        assert len(part) == len(labels)
        shares = np.bincount(labels, minlength=10) / len(labels)
        assert np.abs(shares - 0.1).max() < 0.015  # stratified: about 10% of each digit


def test_same_seed_same_split_other_seed_other_split():
    a = datasets.digits(seed=0, validation_fraction=0.2)
    b = datasets.digits(seed=0, validation_fraction=0.2)
    c = datasets.digits(seed=1, validation_fraction=0.2)
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x, y)
    assert not np.array_equal(a[1], c[1])


@pytest.mark.parametrize("bad", [0, 0.8, 1.5, -0.1, True, "0.2"])
def test_bad_validation_fraction_is_refused(bad):
    with pytest.raises(ValueError, match="validation_fraction"):
        datasets.digits(test_fraction=0.2, validation_fraction=bad)


def test_bad_test_fraction_is_refused():
    with pytest.raises(ValueError, match="test_fraction"):
        datasets.digits(test_fraction=1.0)
