"""Activation functions f, their derivatives f', and layers that apply them.

| name              | f(z)                     | f'(z)                          |
|-------------------|--------------------------|--------------------------------|
| sigmoid/logistic  | 1 / (1 + e^-z)           | f(z) (1 - f(z))                |
| tanh              | tanh z                   | 1 - tanh(z)^2                  |
| relu              | max(0, z)                | 1 if z > 0 else 0              |
| leaky_relu        | z if z > 0 else a z      | 1 if z > 0 else a  (a = 0.01)  |
| identity/linear   | z                        | 1                              |

The functions work on plain arrays, so lessons can plot them. An activation layer
caches Z in `forward` and returns dZ = dA * f'(Z) in `backward` (elementwise).
"""

import numpy as np

from .validation import lookup


def sigmoid(z):
    """Stable: e^-z is only evaluated where z >= 0, e^z only where z < 0."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z):
    return np.tanh(z)


def tanh_derivative(z):
    return 1.0 - np.tanh(z) ** 2


def relu(z):
    return np.maximum(z, 0.0)


def relu_derivative(z):
    """0 at the kink z = 0 (a subgradient; the same choice as PyTorch)."""
    return (np.asarray(z) > 0).astype(np.float64)


def leaky_relu(z, slope=0.01):
    return np.where(z > 0, z, slope * np.asarray(z, dtype=np.float64))


def leaky_relu_derivative(z, slope=0.01):
    return np.where(np.asarray(z) > 0, 1.0, slope)


def identity(z):
    return np.asarray(z, dtype=np.float64)


def identity_derivative(z):
    return np.ones_like(np.asarray(z, dtype=np.float64))


class Activation:
    """Layer A = f(Z). Subclasses set `function` and `derivative`."""

    name = "activation"

    def __init__(self):
        self._Z = None

    def forward(self, Z):
        self._Z = Z
        return type(self).function(Z)

    def backward(self, dA):
        """dZ = dA * f'(Z)  (the chain rule, elementwise)."""
        self._check_forward_ran()
        return dA * type(self).derivative(self._Z)

    def _check_forward_ran(self):
        if self._Z is None:
            raise RuntimeError(f"{type(self).__name__}.backward() called before forward(): "
                               "run a forward pass first.")

    def parameters(self):
        return []

    def __repr__(self):
        return f"{type(self).__name__}()"


class Sigmoid(Activation):
    name, function, derivative = "sigmoid", staticmethod(sigmoid), staticmethod(sigmoid_derivative)

    def forward(self, Z):  # keep A: f'(Z) = A (1 - A) needs no second exp
        self._Z = Z
        self._A = sigmoid(Z)
        return self._A

    def backward(self, dA):
        self._check_forward_ran()
        return dA * self._A * (1.0 - self._A)


class Tanh(Activation):
    name, function, derivative = "tanh", staticmethod(tanh), staticmethod(tanh_derivative)

    def forward(self, Z):  # keep A: f'(Z) = 1 - A^2 reuses the forward result
        self._Z = Z
        self._A = np.tanh(Z)
        return self._A

    def backward(self, dA):
        self._check_forward_ran()
        return dA * (1.0 - self._A * self._A)


class ReLU(Activation):
    name, function, derivative = "relu", staticmethod(relu), staticmethod(relu_derivative)

    def backward(self, dA):
        self._check_forward_ran()
        return dA * (self._Z > 0)


class LeakyReLU(Activation):
    name = "leaky_relu"
    function, derivative = staticmethod(leaky_relu), staticmethod(leaky_relu_derivative)


class Identity(Activation):
    name, function, derivative = "identity", staticmethod(identity), staticmethod(identity_derivative)

    def backward(self, dA):
        self._check_forward_ran()
        return dA


ACTIVATIONS = {
    "sigmoid": Sigmoid, "logistic": Sigmoid, "tanh": Tanh, "relu": ReLU,
    "leaky_relu": LeakyReLU, "identity": Identity, "linear": Identity,
}


def get_activation(name):
    """An activation layer by name (scikit-learn's 'logistic' and 'identity' work too)."""
    if isinstance(name, Activation):
        return name
    return lookup(name, ACTIVATIONS, "activation")()


def activation_functions(name):
    """(f, f') for a name, e.g. for plotting: `f, df = activation_functions('tanh')`."""
    cls = lookup(name, ACTIVATIONS, "activation")
    return cls.function, cls.derivative
