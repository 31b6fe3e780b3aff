"""Checks for homework 04: gradient descent and the learning rate.

    x_{k+1} = x_k - η ∇f(x_k)
On f(x) = a x² / 2 the update is x_{k+1} = (1 - η a) x_k, so it
    converges smoothly      when 0 < η a < 1,
    oscillates but converges when 1 < η a < 2,
    diverges                 when η a > 2      (the limit is η = 2 / a).
"""

import numpy as np

from . import mistakes as M
from .compare import compare
from .feedback import Wrong, call, exercise_check, grading, hidden_seed
from .functions import Formula

REGIMES = ("smooth", "oscillating", "diverging")


def _descend(grad, x0, lr, steps, sign=-1.0):
    xs = [np.array(x0, dtype=np.float64)]
    for _ in range(steps):
        xs.append(xs[-1] + sign * lr * grad(xs[-1]))
    return np.array(xs)


@exercise_check("gradient_descent")
def check_gradient_descent(gradient_descent):
    rng = np.random.default_rng(hidden_seed(401))
    A = np.array([[3.0, 0.5], [0.5, 1.0]])
    target = rng.normal(size=2)
    grad = Formula("quadratic_grad", A=A, target=target)  # of f(x) = (x - t)ᵀ A (x - t) / 2

    x0, lr, steps = rng.normal(size=2), 0.2, 6
    expected = _descend(grad, x0, lr, steps)
    mistakes = [(M.WRONG_SIGN.format(fix="x ← x - lr · grad(x) goes downhill; yours goes uphill"),
                 _descend(grad, x0, lr, steps, sign=+1.0)),
                ("The starting point x0 is missing: return all steps + 1 points, x0 first.",
                 expected[1:])]
    got = call(gradient_descent, grad, x0, lr, steps)
    compare("path", got, expected, mistakes, where=f"for a hidden 2-D quadratic, lr = {lr}, "
                                                   f"steps = {steps}")
    return "the path is right on a hidden 2-D quadratic."


@exercise_check("largest_stable_lr")
def check_largest_stable_lr(largest_stable_lr):
    curvatures = (0.5, 4.0, 10.0)
    if grading():
        rng = np.random.default_rng(hidden_seed(402))
        curvatures = tuple(round(float(a), 2) for a in rng.uniform([0.2, 2, 8], [2, 8, 20]))
    for a in curvatures:
        compare("largest_stable_lr(a)", call(largest_stable_lr, a), 2.0 / a,
                [("That is the learning rate that jumps to the minimum in one step (1 - η a = "
                  "0); the iteration still converges up to twice that.", 1.0 / a)],
                where=f"for a = {a}")
    return "η = 2 / a, right for 3 hidden curvatures."


@exercise_check("lr_regime")
def check_lr_regime(lr_regime):
    cases = [(0.1, 4.0, "smooth"), (0.3, 4.0, "oscillating"), (0.6, 4.0, "diverging"),
             (0.05, 30.0, "oscillating"), (1.0, 0.5, "smooth"), (0.09, 30.0, "diverging")]
    if grading():
        cases = _drawn_regimes(np.random.default_rng(hidden_seed(403)))
    for lr, a, expected in cases:
        got = call(lr_regime, lr, a)
        if got not in REGIMES:
            raise Wrong(f"should return one of {', '.join(map(repr, REGIMES))}, got {got!r}.")
        if got != expected:
            factor = 1 - lr * a
            raise Wrong(f"for lr = {lr}, a = {a} it says {got!r} but the answer is "
                        f"{expected!r}: each step multiplies x by 1 - lr·a = {factor:g}. "
                        "|1 - lr·a| < 1 converges (oscillating when 1 - lr·a < 0), "
                        "|1 - lr·a| > 1 diverges.")
    return "right for 6 hidden (lr, a) pairs."


def _drawn_regimes(rng):
    """Six (lr, a, regime) cases, two per regime, with lr·a well inside its range."""
    ranges = {"smooth": (0.1, 0.8), "oscillating": (1.2, 1.8), "diverging": (2.3, 3.5)}
    cases = []
    for regime in REGIMES * 2:
        a = round(float(rng.uniform(0.5, 30)), 1)
        cases.append((round(float(rng.uniform(*ranges[regime])) / a, 4), a, regime))
    return [cases[i] for i in rng.permutation(len(cases))]
