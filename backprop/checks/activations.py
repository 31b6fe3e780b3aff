"""Checks for homework 07: activation derivatives and an activation layer's backward.

    sigmoid'(z) = s (1 - s),  s = sigmoid(z)        tanh'(z) = 1 - tanh(z)²
    leaky_relu'(z) = 1 if z > 0 else slope           dZ = dA * f'(Z)  (elementwise)
At z = 0 exactly leaky ReLU has a kink: the course takes the left-hand derivative (slope),
and the checks accept the right-hand one (1) too, saying so.
"""

import numpy as np

from ..activations import sigmoid, sigmoid_derivative
from . import mistakes as M
from .compare import close, compare
from .feedback import call, exercise_check, hidden_seed


def _z(seed, shape=(4, 5)):
    z = np.random.default_rng(hidden_seed(seed)).normal(scale=2.0, size=shape)
    z[0, 0] = 0.0  # the kink of ReLU and friends: either one-sided derivative is accepted
    return z


@exercise_check("sigmoid_prime")
def check_sigmoid_prime(sigmoid_prime):
    z = _z(701)
    s = sigmoid(z)
    mistakes = [(M.WRONG_VARIABLE.format(fix="z (1 - z) applies the formula to z; use s (1 - s) "
                                         "with s = sigmoid(z)"), z * (1 - z)),
                ("That is sigmoid(z) itself; its derivative is s (1 - s).", s)]
    compare("sigmoid_prime(z)", call(sigmoid_prime, z), s * (1 - s), mistakes,
            where=f"for z of shape {z.shape}")
    return "right on a hidden array of z values."


@exercise_check("tanh_prime")
def check_tanh_prime(tanh_prime):
    z = _z(702)
    t = np.tanh(z)
    mistakes = [(M.WRONG_VARIABLE.format(fix="1 - z² applies the formula to z; use 1 - t² with "
                                         "t = tanh(z)"), 1 - z * z),
                ("Square tanh(z): tanh'(z) = 1 - tanh(z)².", 1 - t)]
    compare("tanh_prime(z)", call(tanh_prime, z), 1 - t * t, mistakes,
            where=f"for z of shape {z.shape}")
    return "right on a hidden array of z values."


@exercise_check("leaky_relu_prime")
def check_leaky_relu_prime(leaky_relu_prime):
    z = _z(703)
    right_side = False
    for slope in (0.01, 0.2):
        got = call(leaky_relu_prime, z, slope)
        expected = np.where(z > 0, 1.0, slope)
        at_zero = np.where(z >= 0, 1.0, slope)  # the other one-sided derivative at z = 0
        if close(got, at_zero) and not close(got, expected):
            right_side = True
            continue
        mistakes = [("That is leaky_relu(z) itself, not its derivative.", np.where(z > 0, z, slope * z)),
                    ("The negative side has slope `slope`, not 0 (that would be ReLU).",
                     (z > 0).astype(float)),
                    ("The negative side has slope `slope`, not 0 (that would be ReLU).",
                     (z >= 0).astype(float))]
        compare("leaky_relu_prime(z)", got, expected, mistakes, where=f"for slope = {slope}")
    if right_side:
        return ("right on both sides and for two slopes. At z = 0 exactly, where leaky ReLU has "
                "a kink, you took the right-hand derivative (1) and the course the left-hand one "
                "(slope, like PyTorch): either one-sided derivative is accepted.")
    return "right on both sides, at 0, and for two slopes."


@exercise_check("sigmoid_backward")
def check_sigmoid_backward(sigmoid_backward):
    rng = np.random.default_rng(hidden_seed(704))
    Z = rng.normal(scale=2.0, size=(5, 3))
    A, dA = sigmoid(Z), rng.normal(size=(5, 3))
    mistakes = [(M.WRONG_VARIABLE.format(fix="you used sigmoid'(A); the derivative belongs at Z: "
                                         "sigmoid'(Z) = A (1 - A)"), dA * sigmoid_derivative(A)),
                (M.WRONG_VARIABLE.format(fix="Z (1 - Z) applies the formula to Z; sigmoid'(Z) = "
                                         "A (1 - A)"), dA * Z * (1 - Z)),
                (M.FORGOT_UPSTREAM.format(upstream="dA: dZ = dA * A (1 - A)"), A * (1 - A))]
    compare("dZ", call(sigmoid_backward, dA, Z, A), dA * A * (1 - A), mistakes,
            where=f"for Z of shape {Z.shape}")
    return "dZ = dA * A (1 - A) is right on a hidden batch."
