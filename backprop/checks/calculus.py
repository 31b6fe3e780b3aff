"""Checks for homework 01: derivatives, the chain rule, partial derivatives.

    central difference   f'(x) ≈ (f(x + h) - f(x - h)) / (2h)       error O(h²)
    product rule         (x² sin x)' = 2x sin x + x² cos x
    chain rule           (sin(x²))' = cos(x²) · 2x
    partials             f(x, y) = x² y + 3y:  ∂f/∂x = 2xy,  ∂f/∂y = x² + 3
"""

import numpy as np

from . import mistakes as M
from .compare import compare, unpack
from .feedback import call, exercise_check, grading, hidden_seed
from .functions import Formula

FUNCTIONS = [("x³ - 2x", Formula("poly3"), 1.3), ("sin", Formula("sin"), 0.7),
             ("exp(x/2)", Formula("exp_half"), -1.1)]


@exercise_check("derivative")
def check_derivative(derivative):
    h = 1e-5
    points = np.random.default_rng(hidden_seed(100)).uniform(-2, 2, size=3).round(3)
    for (label, f, x), drawn in zip(FUNCTIONS, points):
        x = float(drawn) if grading() else x
        expected = (f(x + h) - f(x - h)) / (2 * h)
        mistakes = [
            ("That is the one-sided difference (f(x+h) - f(x))/h, whose error shrinks only "
             "like h; use the central difference (f(x+h) - f(x-h)) / (2h).", (f(x + h) - f(x)) / h),
            ("Divide by 2h: the two points x-h and x+h are 2h apart.", (f(x + h) - f(x - h)) / h),
        ]
        got = call(derivative, f, x, h=h)
        compare("derivative(f, x)", got, expected, mistakes, where=f"for f(x) = {label} at x = {x}")
    return "the central difference is right on 3 hidden functions."


@exercise_check("product_rule")
def check_product_rule(dfdx):
    x = np.random.default_rng(hidden_seed(101)).uniform(-3, 3, size=7)
    expected = 2 * x * np.sin(x) + x ** 2 * np.cos(x)
    half = "The product rule has two terms: (uv)' = u'v + uv', here 2x·sin x + x²·cos x."
    mistakes = [(half, 2 * x * np.sin(x)), (half, x ** 2 * np.cos(x)),
                ("That is u'·v', not the product rule (uv)' = u'v + uv'.", 2 * x * np.cos(x))]
    compare("dfdx(x)", call(dfdx, x), expected, mistakes, where="for 7 hidden x in [-3, 3]")
    return "right for 7 hidden values of x."


@exercise_check("chain_rule")
def check_chain_rule(dfdx):
    x = np.random.default_rng(hidden_seed(102)).uniform(-2, 2, size=7)
    expected = np.cos(x ** 2) * 2 * x
    mistakes = [("Chain rule: multiply the outer derivative cos(x²) by the inner derivative "
                 "2x.", np.cos(x ** 2)),
                (M.WRONG_VARIABLE.format(fix="the outer derivative cos(u) must be taken at the "
                                         "inner value u = x², i.e. cos(x²)"), np.cos(x) * 2 * x)]
    compare("dfdx(x)", call(dfdx, x), expected, mistakes, where="for 7 hidden x in [-2, 2]")
    return "right for 7 hidden values of x."


@exercise_check("gradient")
def check_gradient(gradient):
    rng = np.random.default_rng(hidden_seed(103))
    for x, y in rng.uniform(-2, 2, size=(3, 2)):
        got = unpack(call(gradient, x, y), ["df_dx", "df_dy"])
        dx, dy = 2 * x * y, x ** 2 + 3
        swapped = "The two partial derivatives are swapped: return (∂f/∂x, ∂f/∂y)."
        where = f"at (x, y) = ({x:.3f}, {y:.3f})"
        compare("df_dx", got[0], dx, [(swapped, dy)], where=where)
        compare("df_dy", got[1], dy, [(swapped, dx),
                                      ("∂f/∂y holds x fixed: ∂(x²y)/∂y = x², and ∂(3y)/∂y = 3.",
                                       x ** 2)], where=where)
    return "both partial derivatives are right at 3 hidden points."
