"""Gradient checking: compare backprop's gradients with numerical ones.

Central differences approximate a derivative with error O(h^2):

    df/dx_i ≈ (f(x + h e_i) - f(x - h e_i)) / (2h)

In float64 with h = 1e-5 the two should agree to about 1e-8 or better (relative).
`rel_error(a, b) = max |a - b| / max(|a| + |b|, tiny)` compares elementwise;
the report also gives the norm-based error ||a - b|| / (||a|| + ||b||) per parameter.
By the triangle inequality ||a - b|| <= ||a|| + ||b||, so both errors lie in [0, 1]:
1 means "no agreement at all" (for instance a = -b, or one of them zero).

Both measures need two arrays of the same shape. numpy would broadcast a (8, 3)
gradient against a (3,) one and return a number with no meaning (it can even exceed
1), so `rel_error`, `norm_error` and `gradcheck` refuse a shape mismatch with a
ValueError that names both shapes. A gradient must have the shape of its variable;
one that does not is itself the bug (a missing sum over the batch, for instance).

Such an error is set by rounding (about 1e-16 per operation) and by the O(h^2)
truncation of the difference quotient, so its last digits change with the CPU, the BLAS
library and the order of a sum. The course therefore prints it as a bound
(`below(err, 1e-8)` gives "< 1e-8"), never as a value: the printed text is then the
same on every machine, and an error that is not below its bound is printed in full.
"""

import numpy as np

from .losses import get_loss
from .regularization import add_penalty_gradients, penalty


def numerical_gradient(f, x, h=1e-5):
    """df/dx for a scalar function f of the array x, by central differences.

    x is changed in place one entry at a time and restored, so f may read it directly
    (e.g. x is a weight matrix of a model)."""
    x = np.asarray(x)
    if x.dtype != np.float64:
        raise TypeError(f"numerical_gradient needs a float64 array, got {x.dtype}: "
                        "in float32 the rounding error swamps the difference.")
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        original = x[i]
        x[i] = original + h
        f_plus = f(x)
        x[i] = original - h
        f_minus = f(x)
        x[i] = original
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad


def _same_shape(a, b, caller):
    """a and b as float64 arrays, or ValueError naming both shapes when they differ."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(
            f"{caller}: the two arrays have different shapes, {a.shape} and {b.shape}. "
            "numpy would broadcast them and the error would mean nothing. Compare arrays "
            "of the same shape: a gradient must have the shape of its variable (a missing "
            "sum over the batch, e.g. db = dZ instead of dZ.sum(axis=0), leaves one row per "
            "example); reshape only if the values really line up.")
    return a, b


def rel_error(a, b):
    """Largest elementwise relative error max |a-b| / max(|a|+|b|, 1e-12), in [0, 1].

    a and b must have the same shape (ValueError otherwise, naming both)."""
    a, b = _same_shape(a, b, "rel_error")
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-12)))


def below(error, bound):
    """'< bound' if error < bound, else the error itself and the bound it exceeds.

    For printing rounding-level errors: `f"relative error {below(err, 1e-8)}"` reads
    "relative error < 1e-8" on every machine, where `{err:.1e}` would print digits
    that another CPU or BLAS changes."""
    error, bound = float(error), float(bound)
    if not bound > 0:
        raise ValueError(f"below: the bound must be a positive number, got {bound!r}.")
    if error < bound:
        return f"< {_short(bound)}"
    return f"{error:.1e} (not below {_short(bound)})"


def _short(number):
    """1e-08 -> '1e-8', 2.5e-10 -> '2.5e-10', 0.2 -> '0.2': the shortest form, exponent unpadded."""
    if number >= 0.01:
        return f"{number:g}"
    mantissa, exponent = f"{number:e}".split("e")
    mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}e{int(exponent)}"


def norm_error(a, b):
    """||a - b|| / max(||a|| + ||b||, 1e-12), in [0, 1], robust where single entries are ~0.

    a and b must have the same shape (ValueError otherwise, naming both)."""
    a, b = _same_shape(a, b, "norm_error")
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-12))


class GradcheckReport:
    """One row per parameter; prints as a table. `ok` is True when all rows pass.

    The table prints a passing norm error as "< tolerance" (its digits are rounding
    noise that changes from machine to machine) and a failing one in full. The exact
    numbers stay in `rows`."""

    def __init__(self, rows, tolerance):
        self.rows = rows  # dicts: name, shape, rel_error, norm_error, ok
        self.tolerance = tolerance

    @property
    def ok(self):
        return all(row["ok"] for row in self.rows)

    @property
    def max_norm_error(self):
        return max(row["norm_error"] for row in self.rows)

    def __str__(self):
        lines = [f"{'parameter':<14}{'shape':<12}{'norm error':>26}  ok", "-" * 56]
        for r in self.rows:
            lines.append(f"{r['name']:<14}{str(r['shape']):<12}"
                         f"{below(r['norm_error'], self.tolerance):>26}  {'yes' if r['ok'] else 'NO'}")
        return "\n".join(lines)

    __repr__ = __str__


def gradcheck(model, loss, X, y, l1=0.0, l2=0.0, h=1e-5, tolerance=1e-6):
    """Backprop gradient vs numerical gradient of (loss + penalty) for every parameter.

    A parameter passes when its norm-based error is below `tolerance`; the printed
    report shows passing errors as "< tolerance".

    Before any number is compared, every gradient that backward() left must have the
    shape of its parameter: if one does not, a ValueError names each such parameter with
    both shapes (comparing them would broadcast and mean nothing)."""
    loss = get_loss(loss)
    X = np.asarray(X, dtype=np.float64)
    params = model.parameters()

    def objective(_=None):
        return loss.forward(model.forward(X), y) + penalty(params, l1, l2)

    objective()
    model.backward(loss.backward())
    # Shapes before the penalty: adding l2 * W to a wrong-shaped gradient would broadcast too.
    wrong = [f"{name} has gradient shape {np.shape(p.grad)} but value shape {p.data.shape}"
             for name, p in model.named_parameters() if np.shape(p.grad) != p.data.shape]
    if wrong:
        raise ValueError(
            "gradcheck: every gradient must have the shape of its parameter. Here "
            + "; ".join(wrong) + ". Fix the backward() that sets these gradients before "
            "comparing numbers (a gradient with one row per example is missing its sum over "
            "the batch, dZ.sum(axis=0)).")
    add_penalty_gradients(params, l1, l2)
    analytic = [p.grad.copy() for p in params]
    rows = []
    for (name, p), a in zip(model.named_parameters(), analytic):
        n = numerical_gradient(objective, p.data, h)
        err = norm_error(a, n)
        rows.append({"name": name, "shape": p.data.shape, "rel_error": rel_error(a, n),
                     "norm_error": err, "ok": err < tolerance})
    return GradcheckReport(rows, tolerance)
