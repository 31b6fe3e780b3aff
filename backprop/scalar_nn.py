"""A multi-layer perceptron built from scalar `Value`s, one neuron at a time.

This is the scalar engine's view of the same network that `backprop.layers.MLP` builds
from matrices. Neuron j of a layer computes

    z_j = sum_i x_i * w_ij + b_j,        a_j = f(z_j)

with the same `W[i, j]` indexing as `Linear` (W has shape (in, out)), so weights can be
copied between the two engines and their gradients compared number for number.
"""

from .scalar import Value

_SCALAR_ACTIVATIONS = {
    "tanh": Value.tanh, "relu": Value.relu, "sigmoid": Value.sigmoid,
    "logistic": Value.sigmoid, "identity": lambda v: v, "linear": lambda v: v,
    "leaky_relu": lambda v: v if v.data > 0 else v * 0.01,  # slope 0.01, as in activations
}


class ScalarMLP:
    """Fully connected layers of `Value` neurons: `ScalarMLP([2, 16, 16, 1], "tanh")`.

    The last layer is linear (it outputs scores/logits), like `backprop.MLP`.
    """

    def __init__(self, sizes, activation="tanh", rng=None, weights=None):
        if activation not in _SCALAR_ACTIVATIONS:
            raise ValueError(f"unknown activation {activation!r}; "
                             f"choose one of {sorted(_SCALAR_ACTIVATIONS)}.")
        self.sizes = list(sizes)
        self.activation = activation
        self.layers = []  # one (W, b) pair per layer: W[i][j] and b[j] are Values
        for k, (n_in, n_out) in enumerate(zip(self.sizes[:-1], self.sizes[1:])):
            if weights is not None:
                W_data, b_data = weights[k]
            else:
                limit = (1.0 / n_in) ** 0.5
                W_data = rng.uniform(-limit, limit, size=(n_in, n_out))
                b_data = [0.0] * n_out
            W = [[Value(W_data[i][j], f"W{k+1}[{i},{j}]") for j in range(n_out)]
                 for i in range(n_in)]
            b = [Value(b_data[j], f"b{k+1}[{j}]") for j in range(n_out)]
            self.layers.append((W, b))

    @classmethod
    def from_matrix_mlp(cls, model):
        """Copy the weights of a `backprop.MLP` (Linear layers) into a ScalarMLP."""
        linears = [layer for layer in model.layers if hasattr(layer, "W")]
        sizes = [linears[0].W.data.shape[0]] + [lin.W.data.shape[1] for lin in linears]
        weights = [(lin.W.data, lin.b.data) for lin in linears]
        return cls(sizes, activation=model.activation, weights=weights)

    def parameters(self):
        return [v for W, b in self.layers for row in W for v in row] + \
               [v for W, b in self.layers for v in b]

    def __call__(self, x):
        """Forward pass for one example x (a list of numbers or Values)."""
        f = _SCALAR_ACTIVATIONS[self.activation]
        last = len(self.layers) - 1
        for k, (W, b) in enumerate(self.layers):
            z = [sum((x[i] * W[i][j] for i in range(len(x))), b[j]) for j in range(len(b))]
            x = z if k == last else [f(zj) for zj in z]
        return x
