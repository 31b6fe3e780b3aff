"""Lesson 06's backprop-ninja checker: a learner's hand-written backward pass, compared
gradient by gradient with the package's (the role of Karpathy's `cmp` in makemore part 4).

The network is `MLP([D, H, K], activation="tanh", seed=seed)`:

    Z1 = X W1 + b1,   A1 = tanh(Z1),   Z2 = A1 W2 + b2,

with softmax + cross-entropy on Z2 (top="cross_entropy"), or a sigmoid A2 = sigma(Z2)
and the MSE against the one-hot Y (top="mse"). The learner's function
`backward(X, Y, W1, b1, W2, b2)` returns a dict of gradients; the package's are the ones
its layers compute:

    cross-entropy: dZ2 = (P - Y) / N                                   (BP1)
    mse:           dA2 = 2 (A2 - Y) / (N K),  dZ2 = dA2 * A2 (1 - A2)   (BP1, f' != 1)
    then           dW2 = A1^T dZ2, db2 = sum_n dZ2[n]                  (BP4, BP3)
                   dZ1 = (dZ2 W2^T) * (1 - A1^2)                       (BP2)
                   dW1 = X^T dZ1, db1 = sum_n dZ1[n]                   (BP4, BP3)

They are compared in that order, and the first one missing, of the wrong shape or wrong
by 1e-12 or more stops the check with a line that names it: the learner fixes one line
at a time, from the top of the backward pass down.
"""

import numpy as np

from .activations import Sigmoid
from .gradcheck import below
from .layers import MLP, Sequential
from .losses import CrossEntropyLoss, MSELoss

ORDER = ("dA2", "dZ2", "dW2", "db2", "dZ1", "dW1", "db1")  # the backward pass, top down
TOLERANCE = 1e-12  # the same sums in another order agree far below this


def package_gradients(X, y, sizes=(2, 3, 2), top="cross_entropy", seed=1):
    """The package's gradients of the network above, by name (see the module docstring)."""
    if top not in ("cross_entropy", "mse"):
        raise ValueError(f"top must be 'cross_entropy' or 'mse', not {top!r}")
    layers = MLP(list(sizes), activation="tanh", seed=seed).layers
    net = Sequential(*layers, Sigmoid()) if top == "mse" else Sequential(*layers)
    Y = np.eye(sizes[-1])[y]
    loss = MSELoss() if top == "mse" else CrossEntropyLoss()
    loss.forward(net.forward(X), Y if top == "mse" else y)
    grads = {}
    if top == "mse":
        grads["dA2"] = loss.backward()
        grads["dZ2"] = net.layers[3].backward(grads["dA2"])     # BP1: dA2 * sigma'(Z2)
    else:
        grads["dZ2"] = loss.backward()                          # BP1: (P - Y) / N
    grads["dZ1"] = net.layers[1].backward(net.layers[2].backward(grads["dZ2"]))  # BP2
    net.layers[0].backward(grads["dZ1"])
    first, second = net.layers[0], net.layers[2]
    grads.update(dW2=second.W.grad, db2=second.b.grad, dW1=first.W.grad, db1=first.b.grad)
    return grads


def check_backward(backward, X, y, sizes=(2, 3, 2), top="cross_entropy", seed=1):
    """Call backward(X, Y, W1, b1, W2, b2) with the weights of MLP(sizes, "tanh", seed) and
    the one-hot Y of the labels y; print one line per gradient, in the order of ORDER, and
    stop at the first that is missing (None), has the wrong shape or differs from the
    package's by TOLERANCE or more. Returns True when every gradient is right."""
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if X.ndim != 2 or X.shape[1] != sizes[0] or y.shape != (len(X),):
        raise ValueError(f"check_backward needs X of shape (N, {sizes[0]}) and one label per "
                         f"row of X; got X {X.shape} and y {y.shape}")
    reference = package_gradients(X, y, sizes, top, seed)
    W1, b1, W2, b2 = (p.data.copy() for p in MLP(list(sizes), activation="tanh",
                                                  seed=seed).parameters())
    mine = backward(X, np.eye(sizes[-1])[y], W1, b1, W2, b2)
    if not isinstance(mine, dict):
        raise TypeError(f"backward must return a dict of gradients by name ({', '.join(ORDER)}), "
                        f"not {type(mine).__name__}")
    for name in (name for name in ORDER if name in reference):
        if mine.get(name) is None:
            print(f"next line to write: {name}")
            return False
        got, ref = np.asarray(mine[name]), reference[name]
        if got.shape != ref.shape:
            print(f"{name:<4} shape {got.shape}, should be {ref.shape}")
            return False
        diff = np.abs(got - ref).max()
        if not diff < TOLERANCE:
            print(f"{name:<4} WRONG: max diff {diff:.1e}")
            return False
        print(f"{name:<4} ok: max diff {below(diff, TOLERANCE)}")
    return True
