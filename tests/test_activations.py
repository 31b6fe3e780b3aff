"""Activation functions and layers: values, derivatives, and layer backward
dZ = dA * f'(Z) checked against numerical gradients (max relative error <= 1e-7)."""

import warnings

import numpy as np
import pytest
from engine_helpers import away_from_kink, max_rel_error, numeric_grad

import backprop as bp
from backprop.activations import ACTIVATIONS

NAMES = sorted(ACTIVATIONS)  # every spelling, including scikit-learn's
REFERENCE = {  # f written independently of the engine (moderate z only)
    "sigmoid": lambda z: 1 / (1 + np.exp(-z)), "logistic": lambda z: 1 / (1 + np.exp(-z)),
    "tanh": np.tanh, "relu": lambda z: np.where(z > 0, z, 0.0),
    "leaky_relu": lambda z: np.where(z > 0, z, 0.01 * z),
    "identity": lambda z: z, "linear": lambda z: z,
}


def test_all_names_covered():
    assert set(NAMES) == set(REFERENCE)
    assert {"sigmoid", "tanh", "relu", "leaky_relu", "identity", "logistic"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_layer_backward_matches_numerical_gradient(name):
    rng = np.random.default_rng(1)
    Z = away_from_kink(rng, (6, 4))  # |z| >= 1e-2: no finite difference crosses ReLU's kink
    dA = away_from_kink(rng, (6, 4), low=0.5, high=1.5)  # upstream gradient
    layer = bp.get_activation(name)
    A = layer.forward(Z)
    np.testing.assert_allclose(A, REFERENCE[name](Z), rtol=1e-14)
    dZ = layer.backward(dA)
    numeric = numeric_grad(lambda: float(np.sum(layer.forward(Z) * dA)), Z)  # L = sum(A * dA)
    assert max_rel_error(dZ, numeric) <= 1e-7
    assert bp.rel_error(dZ, numeric) <= 1e-7


@pytest.mark.parametrize("name", NAMES)
def test_function_pair_derivative_matches_numerical(name):
    f, df = bp.activation_functions(name)
    z = away_from_kink(np.random.default_rng(2), 50)
    h = 1e-6
    numeric = (f(z + h) - f(z - h)) / (2 * h)
    assert max_rel_error(df(z), numeric) <= 1e-7


def test_relu_and_leaky_relu_at_the_kink_and_slope():
    z = np.array([-2.0, 0.0, 3.0])
    _, drelu = bp.activation_functions("relu")
    leaky, dleaky = bp.activation_functions("leaky_relu")
    np.testing.assert_array_equal(drelu(z), [0.0, 0.0, 1.0])  # 0 at the kink, like PyTorch
    np.testing.assert_array_equal(leaky(z), [-0.02, 0.0, 3.0])
    np.testing.assert_array_equal(dleaky(z), [0.01, 0.01, 1.0])


def test_sigmoid_and_tanh_stable_for_huge_inputs():
    z = np.array([-1000.0, -500.0, -50.0, 0.0, 50.0, 500.0, 1000.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow RuntimeWarning
        for name in ["sigmoid", "tanh"]:
            layer = bp.get_activation(name)
            A = layer.forward(z)
            dZ = layer.backward(np.ones_like(z))
            assert np.isfinite(A).all() and np.isfinite(dZ).all()
        s = bp.activation_functions("sigmoid")[0](z)
    assert s[0] == 0.0 and s[-1] == 1.0 and s[3] == 0.5
    assert s[2] == pytest.approx(np.exp(-50.0), rel=1e-12)


def test_backward_returns_fresh_gradient_each_time():
    layer = bp.Tanh()
    Z = np.array([[0.5, -1.0]])
    layer.forward(Z)
    first = layer.backward(np.ones_like(Z))
    second = layer.backward(np.ones_like(Z))
    np.testing.assert_array_equal(first, second)
    np.testing.assert_allclose(first, 1 - np.tanh(Z) ** 2)


def test_get_activation_names_and_instances():
    assert isinstance(bp.get_activation("logistic"), bp.Sigmoid)
    assert isinstance(bp.get_activation("identity"), bp.Identity)
    assert isinstance(bp.get_activation("ReLU"), bp.ReLU)  # case does not matter
    layer = bp.LeakyReLU()
    assert bp.get_activation(layer) is layer
    assert bp.get_activation("relu") is not bp.get_activation("relu")  # a fresh layer each time
    assert bp.ReLU().parameters() == []
