"""Compare a learner's array with the reference and say precisely what differs.

`compare(name, got, expected, mistakes)` returns quietly when the two agree to
`rtol` (relative, elementwise, with a tiny absolute floor for entries near zero);
otherwise it raises `Wrong` with, in this order of preference:
1. a named classic mistake, when `got` equals what that mistake produces on the same
   hidden inputs (the `mistakes` list of (text, array) pairs that the check computed);
2. a shape message ("db has shape (6, 3) but should have shape (3,)");
3. a sign or constant-factor message when got = c * expected;
4. otherwise the largest relative error and where it is.
"""

import numpy as np

from ..gradcheck import rel_error
from . import mistakes as M
from .feedback import Wrong


def as_array(value, name):
    """The learner's value as a float64 array, or Wrong with a message saying why not."""
    if value is None:
        raise Wrong(f"{name} is None: did you forget to `return` it?")
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise Wrong(f"{name} should be a number or an array of numbers, "
                    f"got {type(value).__name__}.") from None


def close(got, expected, rtol=1e-6):
    """Same shape and |got - expected| <= rtol * (|got| + |expected|) + a tiny floor."""
    got, expected = np.asarray(got, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    if got.shape != expected.shape:
        return False
    both_nan = np.isnan(got) & np.isnan(expected)
    same_inf = np.isinf(got) & (got == expected)
    floor = 1e-12 * max(1.0, float(np.max(np.abs(expected[np.isfinite(expected)]), initial=0)))
    with np.errstate(invalid="ignore"):
        ok = np.abs(got - expected) <= rtol * (np.abs(got) + np.abs(expected)) + floor
    return bool(np.all(ok | both_nan | same_inf))


def unpack(value, names):
    """Split a returned tuple into its named parts, or say what was returned instead."""
    if not isinstance(value, (tuple, list)) or len(value) != len(names):
        got = f"a {type(value).__name__} of length {len(value)}" \
            if isinstance(value, (tuple, list)) else type(value).__name__
        raise Wrong(f"should return {len(names)} values ({', '.join(names)}), got {got}.")
    return value


def compare(name, got, expected, mistakes=(), rtol=1e-6, where=""):
    """Raise Wrong unless `got` matches `expected`; see the module docstring.

    `where` (e.g. "for X of shape (6, 4)") is appended to say which hidden case failed."""
    expected = np.asarray(expected, dtype=np.float64)
    got = as_array(got, name)
    if expected.ndim == 0 and got.size == 1:
        got = got.reshape(())  # a number returned as [x] or [[x]] is still that number
    suffix = f" ({where})" if where else ""
    if close(got, expected, rtol):
        return
    for text, candidate in mistakes:
        if close(got, candidate, rtol):
            raise Wrong(_what(name, got, expected) + suffix + ". " + text)
    if got.shape != expected.shape:
        if got.size == expected.size and close(got.reshape(expected.shape), expected, rtol):
            raise Wrong(f"{name} has the right values but shape {got.shape}; it should have "
                        f"shape {expected.shape}{suffix} (use .reshape or drop keepdims).")
        if got.ndim == 2 and close(got, expected.T, rtol):
            raise Wrong(f"{name} has shape {got.shape} but should have shape {expected.shape}"
                        f"{suffix}. " + M.TRANSPOSED_RESULT.format(fix="transpose it"))
        raise Wrong(f"{name} has shape {got.shape} but should have shape {expected.shape}{suffix}.")
    if not np.all(np.isfinite(got)):
        bad = int(np.sum(~np.isfinite(got)))
        raise Wrong(f"{name} contains NaN or inf in {bad} of {got.size} entries{suffix}.")
    if close(got, -expected, rtol):
        raise Wrong(_what(name, got, expected) + suffix + ". "
                    + M.WRONG_SIGN.format(fix=f"{name} has the right size but the opposite sign"))
    factor = _constant_factor(got, expected)
    if factor is not None:
        raise Wrong(_what(name, got, expected) + suffix + ". " + M.FACTOR.format(
            factor=factor, fix="the formula is right up to a constant; check every factor"))
    raise Wrong(_what(name, got, expected, worst=True) + suffix + ".")


def _what(name, got, expected, worst=False):
    """'dW is wrong (largest relative error 3.1e-01, at dW[2, 0]: yours 0.1, expected 0.3)'."""
    if got.shape != expected.shape:
        return f"{name} has shape {got.shape} but should have shape {expected.shape}"
    text = f"{name} is wrong (largest relative error {rel_error(got, expected):.1e}"
    if worst and got.ndim > 0:
        errors = np.abs(got - expected) / np.maximum(np.abs(got) + np.abs(expected), 1e-12)
        index = np.unravel_index(int(np.argmax(errors)), got.shape)
        label = ", ".join(str(int(i)) for i in index)
        text += f", at {name}[{label}]: yours {got[index]:.4g}, expected {expected[index]:.4g}"
    elif worst:
        text += f": yours {float(got):.4g}, expected {float(expected):.4g}"
    return text + ")"


def _constant_factor(got, expected):
    """c when got = c * expected for a constant c far from 1, else None."""
    scale = float(np.sum(expected * expected))
    if scale == 0:
        return None
    c = float(np.sum(got * expected)) / scale
    if abs(c - 1) < 1e-3 or abs(c) < 1e-12 or not close(got, c * expected, 1e-6):
        return None
    return c
