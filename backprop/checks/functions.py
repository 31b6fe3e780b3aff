"""Functions the checks pass to a learner's code (`f` for a numerical gradient, `grad` for
gradient descent, ...), named so that the grader can send them to a learner's kernel.

`Formula("tanh_sum", X=X)` is the function W -> Σ tanh(X W); the same code runs in the
learner's kernel (the grader sends this file there as text) and in the checks.
    poly3(x) = x³ - 2x      sin(x)      exp_half(x) = exp(x/2)
    tanh_sum(W; X) = Σ tanh(X W)        quadratic_grad(x; A, target) = A (x - target)
"""

import math

import numpy as np


def _poly3(x):
    return x ** 3 - 2 * x


def _exp_half(x):
    return math.exp(0.5 * x)


def _tanh_sum(W, X):
    return float(np.sum(np.tanh(X @ W)))


def _quadratic_grad(x, A, target):
    return A @ (x - target)


FUNCTIONS = {"poly3": _poly3, "sin": math.sin, "exp_half": _exp_half, "tanh_sum": _tanh_sum,
             "quadratic_grad": _quadratic_grad}


class Formula:
    """A function of one argument, from FUNCTIONS, with fixed parameters."""

    def __init__(self, name, **params):
        if name not in FUNCTIONS:
            raise ValueError(f"unknown function {name!r}; known: {', '.join(FUNCTIONS)}.")
        self.name, self.params = name, params

    def __call__(self, x):
        return FUNCTIONS[self.name](x, **self.params)

    def __repr__(self):
        return f"Formula({self.name!r})"
