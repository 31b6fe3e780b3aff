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

`Sequential.trace(X, y, loss)` runs one forward and one backward pass through
`Sequential`'s own `forward` and `backward` and writes down what passed through each
layer (its input and output; dL/d(output), dL/d(input) and its parameters' gradients;
for an activation, f'(Z) too): the numbers a step-by-step view of backprop shows.
"""

import copy
from dataclasses import dataclass, field

import numpy as np

from .activations import Activation, get_activation
from .losses import get_loss
from .parameter import Parameter

INITS = ("glorot", "he")


def _init_limit(init, in_features, out_features):
    """The uniform limit of `init` (see `Linear`): U(-l, l) has variance l^2 / 3."""
    if init == "glorot":
        return (6.0 / (in_features + out_features)) ** 0.5
    if init == "he":
        return (6.0 / in_features) ** 0.5
    raise ValueError(f"init must be one of {', '.join(map(repr, INITS))}, got {init!r}: "
                     "'glorot' for tanh and sigmoid, 'he' for ReLU.")


class Linear:
    """Fully connected layer Z = X W + b.

    W starts uniform in +-limit and b at zero. `init` picks the limit:
    - "glorot" (default, Glorot/Xavier, as scikit-learn does): sqrt(6 / (in + out)),
      so Var(W) = 2 / (in + out): the variance of the signal is kept forward and
      backward when f'(0) = 1 and in = out (tanh);
    - "he" (He/Kaiming): sqrt(6 / in), so Var(W) = 2 / in: twice as large, to make up
      for the ReLU zeroing half of its inputs.
    `init_scale` overrides the limit with an absolute number (it is not a multiplier)."""

    def __init__(self, in_features, out_features, rng=None, init_scale=None, init="glorot"):
        if rng is None:
            raise TypeError("Linear(...) needs rng=np.random.default_rng(seed): weights are "
                            "random, and an explicit generator makes every run repeatable.")
        scale = _init_limit(init, in_features, out_features) if init_scale is None else init_scale
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

    def trace(self, X, y, loss="mse"):
        """One forward and backward pass, layer by layer: a `Trace`.

        This model's own `forward` and `backward` run unchanged, on a copy whose layers
        are each wrapped in a recorder that calls the real layer and keeps copies of what
        went in and out. Afterwards the parameters hold their gradients, as after
        `backward`."""
        loss = get_loss(loss)
        X = np.asarray(X, dtype=np.float64)
        records = [LayerRecord(i, layer) for i, layer in enumerate(self.layers)]
        recorded = copy.copy(self)  # same class, same forward/backward code
        recorded.layers = [_Recorder(record) for record in records]
        output = recorded.forward(X)
        value = loss.forward(output, y)
        grad_output = loss.backward()
        recorded.backward(grad_output)
        return Trace(records, output.copy(), value, grad_output.copy(), loss)

    def __repr__(self):
        inner = ",\n".join(f"  {layer!r}" for layer in self.layers)
        return f"{type(self).__name__}(\n{inner}\n)"


class MLP(Sequential):
    """`MLP([2, 16, 16, 1], activation="tanh", rng=rng)`: Linear layers with the
    activation between them; the last layer is linear (it outputs scores or logits,
    which the loss turns into probabilities). Without `rng`, weights come from
    `np.random.default_rng(seed)` with seed 0 by default, so every run repeats.
    `init` ("glorot" or "he") is every Linear layer's initialisation (see `Linear`)."""

    def __init__(self, sizes, activation="relu", rng=None, seed=0, init="glorot"):
        sizes = list(sizes)
        if len(sizes) < 2 or any(not isinstance(s, (int, np.integer)) or s < 1 for s in sizes):
            raise ValueError(f"sizes must list at least two positive integers "
                             f"(inputs, ..., outputs), got {sizes}.")
        if rng is None:
            rng = np.random.default_rng(seed)
        get_activation(activation)  # fail early on an unknown name
        _init_limit(init, 1, 1)     # and on an unknown init
        layers = []
        for n_in, n_out in zip(sizes[:-1], sizes[1:]):
            layers += [Linear(n_in, n_out, rng=rng, init=init), get_activation(activation)]
        super().__init__(*layers[:-1])
        self.sizes = sizes
        self.activation = activation
        self.init = init

    def __repr__(self):
        init = "" if self.init == "glorot" else f", init={self.init!r}"
        return f"MLP({self.sizes}, activation={self.activation!r}{init})"


@dataclass
class LayerRecord:
    """What passed through `layer` (layers[index]) in one `Sequential.trace`.

    Forward: `input` X and `output` Y. Backward: `grad_output` dL/dY, `grad_input`
    dL/dX, `grads` {parameter name: dL/dp}; for an activation, `derivative` f'(Z)
    (so grad_input = grad_output * derivative). Every array is a copy."""
    index: int
    layer: object
    input: np.ndarray = None
    output: np.ndarray = None
    grad_output: np.ndarray = None
    grad_input: np.ndarray = None
    grads: dict = field(default_factory=dict)
    derivative: np.ndarray = None


@dataclass
class Trace:
    """`Sequential.trace`'s result: a `LayerRecord` per layer, first layer first; the
    model's `output`, the `loss_value` L, and `grad_output` = dL/d(output) from `loss`."""
    layers: list
    output: np.ndarray
    loss_value: float
    grad_output: np.ndarray
    loss: object


class _Recorder:
    """Stands in for one layer inside `Sequential.trace`: calls the layer's own forward
    and backward and writes copies into its `LayerRecord`."""

    def __init__(self, record):
        self.record = record

    def forward(self, X):
        output = self.record.layer.forward(X)
        self.record.input, self.record.output = X.copy(), output.copy()
        return output

    def backward(self, dY):
        layer, record = self.record.layer, self.record
        dX = layer.backward(dY)
        record.grad_output, record.grad_input = dY.copy(), dX.copy()
        record.grads = {p.name: p.grad.copy() for p in layer.parameters()}
        if isinstance(layer, Activation):
            # f'(Z) from the layer's own backward: dL/dY = 1 gives 1 * f'(Z) = f'(Z) exactly
            record.derivative = layer.backward(np.ones_like(dY))
        return dX
