"""Layers in matrix form: `Linear`, `Sequential` and the `MLP` builder.

The layer contract, stated once for the whole package:
- `forward(X)` takes a batch X of shape (N, D), caches what backward needs, returns
  the output;
- `backward(dY)` takes dL/dY, stores dL/dp in every parameter's `.grad` (overwriting:
  each backward computes fresh gradients) and returns dL/dX;
- `parameters()` lists the `Parameter`s (each with `.data` and `.grad`).

For `Linear`, with W of shape (in, out) so the code reads like the maths:

    Z  = X W + b
    dX = dZ W^T          dW = X^T dZ          db = sum over the batch of dZ

These three lines plus dZ = dA * f'(Z) (in `backprop.activations`) are backprop.
"""

import numpy as np

from .activations import get_activation
from .parameter import Parameter


class Linear:
    """Fully connected layer Z = X W + b.

    W starts uniform in +-sqrt(6 / (in + out)) (Glorot/Xavier, as scikit-learn does) and
    b at zero; `init_scale` overrides the limit (the activation lessons use it)."""

    def __init__(self, in_features, out_features, rng=None, init_scale=None):
        if rng is None:
            raise TypeError("Linear(...) needs rng=np.random.default_rng(seed): weights are "
                            "random, and an explicit generator makes every run repeatable.")
        scale = (6.0 / (in_features + out_features)) ** 0.5 if init_scale is None else init_scale
        self.W = Parameter(rng.uniform(-scale, scale, size=(in_features, out_features)), "W")
        self.b = Parameter(np.zeros(out_features), "b", regularize=False)
        self.name = f"Linear({in_features}, {out_features})"
        self._X = None

    def forward(self, X):
        if X.ndim != 2 or X.shape[1] != self.W.data.shape[0]:
            raise ValueError(f"{self.name} expects input of shape (N, {self.W.data.shape[0]}), "
                             f"got {X.shape}: check the number of features (columns) of X "
                             "or the layer sizes.")
        self._X = X
        return X @ self.W.data + self.b.data

    def backward(self, dZ, input_grad=True):
        """Store dW and db; return dX (or None with input_grad=False: training never needs
        the gradient with respect to the data, and it costs a matrix product)."""
        if self._X is None:
            raise RuntimeError(f"{self.name}.backward() called before forward(): "
                               "run a forward pass first.")
        self.W.grad = self._X.T @ dZ       # dW = X^T dZ
        self.b.grad = dZ.sum(axis=0)       # db = sum_n dZ[n]
        return dZ @ self.W.data.T if input_grad else None   # dX = dZ W^T

    def parameters(self):
        return [self.W, self.b]

    def __repr__(self):
        return self.name


class Sequential:
    """Layers applied in order; backward runs them in reverse."""

    def __init__(self, *layers):
        self.layers = list(layers)
        for i, layer in enumerate(self.layers):  # "layers[2] Linear(16, 1)" in error messages
            if isinstance(layer, Linear):
                layer.name = f"layers[{i}] {layer.name.split('] ')[-1]}"

    def forward(self, X):
        for layer in self.layers:
            X = layer.forward(X)
        return X

    __call__ = forward

    def backward(self, dout, input_grad=True):
        """Backpropagate dL/d(output) through every layer; return dL/dX (None when
        input_grad=False and the first layer is Linear: it then skips dX)."""
        for layer in reversed(self.layers[1:]):
            dout = layer.backward(dout)
        first = self.layers[0]
        if not input_grad and isinstance(first, Linear):
            return first.backward(dout, input_grad=False)
        return first.backward(dout)

    def parameters(self):
        return [p for layer in self.layers for p in layer.parameters()]

    def named_parameters(self):
        """[('layers[0].W', W), ('layers[0].b', b), ...] for reports and saving."""
        return [(f"layers[{i}].{p.name}", p)
                for i, layer in enumerate(self.layers) for p in layer.parameters()]

    def zero_grad(self):
        for p in self.parameters():
            p.grad = np.zeros_like(p.data)

    def __repr__(self):
        inner = ",\n".join(f"  {layer!r}" for layer in self.layers)
        return f"{type(self).__name__}(\n{inner}\n)"


class MLP(Sequential):
    """`MLP([2, 16, 16, 1], activation="tanh", rng=rng)`: Linear layers with the
    activation between them; the last layer is linear (it outputs scores or logits,
    which the loss turns into probabilities). Without `rng`, weights come from
    `np.random.default_rng(seed)` with seed 0 by default, so every run repeats."""

    def __init__(self, sizes, activation="relu", rng=None, seed=0):
        sizes = list(sizes)
        if len(sizes) < 2 or any(not isinstance(s, (int, np.integer)) or s < 1 for s in sizes):
            raise ValueError(f"sizes must list at least two positive integers "
                             f"(inputs, ..., outputs), got {sizes}.")
        if rng is None:
            rng = np.random.default_rng(seed)
        get_activation(activation)  # fail early on an unknown name
        layers = []
        for n_in, n_out in zip(sizes[:-1], sizes[1:]):
            layers += [Linear(n_in, n_out, rng=rng), get_activation(activation)]
        super().__init__(*layers[:-1])
        self.sizes = sizes
        self.activation = activation

    def __repr__(self):
        return f"MLP({self.sizes}, activation={self.activation!r})"
