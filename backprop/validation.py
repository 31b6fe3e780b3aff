"""Checks at the door: refuse bad input with a message that says what to do.

Every public entry point that takes data or settings calls these, so a learner sees
"X has NaN in 3 entries" instead of a silent NaN loss twenty cells later.
"""

import numbers

import numpy as np


def as_finite_array(a, name, ndim=None):
    """Return `a` as a float64 array; refuse NaN/inf and (optionally) a wrong ndim."""
    try:
        arr = np.asarray(a, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be an array of numbers, got {type(a).__name__}.") from None
    if ndim is not None and arr.ndim != ndim:
        hint = " (one row per example: use X.reshape(-1, 1) for a single feature)" if ndim == 2 else ""
        raise ValueError(f"{name} must be {ndim}-D, got shape {arr.shape}{hint}.")
    bad = ~np.isfinite(arr)
    if bad.any():
        raise ValueError(f"{name} contains {int(bad.sum())} NaN or inf value(s) "
                         f"(first at index {tuple(int(i) for i in np.argwhere(bad)[0])}); "
                         "clean or impute the data before training.")
    return arr


def check_positive_number(value, name):
    """A learning rate, say: a real number > 0."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not np.isfinite(value) \
            or value <= 0:
        raise ValueError(f"{name} must be a positive number, got {value!r}; "
                         f"try a value like 0.1 or 0.01.")
    return float(value)


def check_non_negative_number(value, name):
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not np.isfinite(value) \
            or value < 0:
        raise ValueError(f"{name} must be a number >= 0, got {value!r} (0 switches it off).")
    return float(value)


def check_count(value, name, allow_none=False):
    """An integer >= 1, like epochs or batch_size."""
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        extra = " (or None for the full batch)" if allow_none else ""
        raise ValueError(f"{name} must be an integer >= 1{extra}, got {value!r}.")
    return int(value)


def lookup(name, table, kind):
    """Find `name` in a {name: thing} table, or list the valid names."""
    key = name.lower() if isinstance(name, str) else name
    if key not in table:
        raise ValueError(f"unknown {kind} {name!r}; valid names are: {', '.join(sorted(table))}.")
    return table[key]
