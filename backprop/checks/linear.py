"""Checks for homework 06: the Linear layer in matrix form, gradient checks, two layers.

    Z = X W + b                X (N, in), W (in, out), b (out,)
    dX = dZ Wᵀ,   dW = Xᵀ dZ,   db = Σ_n dZ[n]        (each gradient has its variable's shape)
Two layers, ReLU, softmax cross-entropy:
    Z1 = X W1 + b1,  A1 = relu(Z1),  Z2 = A1 W2 + b2,  dZ2 = (softmax(Z2) - onehot(y)) / N
    dW2 = A1ᵀ dZ2,  db2 = Σ dZ2,  dA1 = dZ2 W2ᵀ,  dZ1 = dA1 * (Z1 > 0),  dW1 = Xᵀ dZ1,  db1 = Σ dZ1
At Z1 = 0 exactly (one hidden entry is) relu has a kink: (Z1 > 0) takes the left-hand
derivative, (Z1 >= 0) the right-hand one; both are accepted, and the feedback says so.
"""

import numpy as np

from ..gradcheck import numerical_gradient
from ..losses import softmax
from . import mistakes as M
from .compare import close, compare, unpack
from .feedback import Wrong, call, exercise_check, hidden_seed
from .functions import Formula

SHAPES = [(6, 4, 3), (5, 2, 7)]  # (N, in, out): in != out, so a transpose cannot hide


def _case(rng, n, d_in, d_out):
    return rng.normal(size=(n, d_in)), rng.normal(size=(d_in, d_out)), rng.normal(size=d_out)


@exercise_check("linear_forward")
def check_linear_forward(linear_forward):
    rng = np.random.default_rng(hidden_seed(601))
    for n, d_in, d_out in SHAPES:
        X, W, b = _case(rng, n, d_in, d_out)
        compare("Z", call(linear_forward, X, W, b), X @ W + b,
                [("The bias b is missing: Z = X @ W + b.", X @ W)],
                where=f"for X {X.shape}, W {W.shape}")
    return "Z = X W + b is right for 2 hidden shapes."


def linear_mistakes(X, W, dZ):
    """What the classic mistakes give for dX, dW, db (also used by the two-layer check)."""
    n = len(X)
    return {
        "dX": [(M.MISSING_TRANSPOSE.format(fix="dX = dZ @ W.T (shape (N, in), like X)"), W @ dZ.T)],
        "dW": [(M.MISSING_TRANSPOSE.format(fix="dW = X.T @ dZ (shape (in, out), like W)"),
                dZ.T @ X)],
        "db": [(M.MISSING_BATCH_SUM.format(fix="db = dZ.sum(axis=0)"), dZ),
               (M.WRONG_AXIS.format(fix="db sums over the batch, axis=0 (one value per output)"),
                dZ.sum(axis=1)),
               (M.DOUBLE_1_OVER_N.format(fix="db = dZ.sum(axis=0), not dZ.mean(axis=0)"),
                dZ.sum(axis=0) / n)],
    }


@exercise_check("linear_backward")
def check_linear_backward(linear_backward):
    rng = np.random.default_rng(hidden_seed(602))
    for n, d_in, d_out in SHAPES:
        X, W, _ = _case(rng, n, d_in, d_out)
        dZ = rng.normal(size=(n, d_out))
        dX, dW, db = unpack(call(linear_backward, dZ, X, W), ["dX", "dW", "db"])
        mistakes, where = linear_mistakes(X, W, dZ), f"for X {X.shape}, W {W.shape}"
        compare("dX", dX, dZ @ W.T, mistakes["dX"], where=where)
        compare("dW", dW, X.T @ dZ, mistakes["dW"], where=where)
        compare("db", db, dZ.sum(axis=0), mistakes["db"], where=where)
    return "dX, dW and db are right for 2 hidden shapes."


@exercise_check("numerical_gradient")
def check_numerical_gradient(numerical_gradient_function):
    rng = np.random.default_rng(hidden_seed(603))
    X = rng.normal(size=(5, 3))
    W = rng.normal(size=(3, 2))
    f = Formula("tanh_sum", X=X)  # W -> Σ tanh(X W)

    expected = numerical_gradient(f, W.copy())
    not_restored = W.copy()
    unrestored = np.zeros_like(W)
    for i in np.ndindex(W.shape):  # what happens when W[i] is left at W[i] - h
        not_restored[i] += 1e-5
        f_plus = f(not_restored)
        not_restored[i] -= 2e-5
        unrestored[i] = (f_plus - f(not_restored)) / 2e-5
    mistakes = [("Each entry must be put back after its two evaluations: with W[i] left at "
                 "W[i] - h, every later entry is measured at a shifted point.", unrestored),
                ("That is the one-sided difference (f(W + h) - f(W)) / h; use the central "
                 "difference (f(W + h) - f(W - h)) / (2h).", _forward_difference(f, W)),
                ("Divide by 2h: W + h and W - h are 2h apart.", 2 * expected)]
    W_given = W.copy()
    got = call(numerical_gradient_function, f, W_given, h=1e-5, copy_inputs=False)
    compare("grad", got, expected, mistakes, rtol=1e-6, where=f"for a hidden f and W {W.shape}")
    if not close(W_given, W, 1e-12):
        raise Wrong("the gradient is right but W was changed: restore every entry after "
                    "perturbing it (the model's weights must come back unchanged).")
    return "right, and W comes back unchanged."


def _forward_difference(f, W, h=1e-5):
    W, grad, base = W.copy(), np.zeros_like(W), f(W)
    for i in np.ndindex(W.shape):
        W[i] += h
        grad[i] = (f(W) - base) / h
        W[i] -= h
    return grad


def _two_layer(X, y, W1, b1, W2, b2, relu_mask=True, mean=True):
    Z1 = X @ W1 + b1
    A1 = np.maximum(Z1, 0)
    p = softmax(A1 @ W2 + b2)
    p[np.arange(len(y)), y] -= 1
    dZ2 = p / len(y) if mean else p
    dA1 = dZ2 @ W2.T
    mask = relu_mask(Z1) if callable(relu_mask) else (Z1 > 0) if relu_mask else 1.0
    dZ1 = dA1 * mask
    return {"dW1": X.T @ dZ1, "db1": dZ1.sum(0), "dW2": A1.T @ dZ2, "db2": dZ2.sum(0),
            "A1": A1, "dZ1": dZ1, "dZ2": dZ2}


@exercise_check("two_layer_gradients")
def check_two_layer_gradients(two_layer_gradients):
    rng = np.random.default_rng(hidden_seed(604))
    n, d, h, k = 7, 4, 5, 3
    X, y = rng.normal(size=(n, d)), rng.integers(0, k, size=n)
    W1, b1 = rng.normal(size=(d, h)), rng.normal(scale=0.5, size=h)
    W2, b2 = rng.normal(size=(h, k)), rng.normal(scale=0.5, size=k)
    X[0], b1[0] = 0.0, 0.0  # Z1[0, 0] = 0 exactly: the kink of the ReLU (either side is right)
    ref = _two_layer(X, y, W1, b1, W2, b2)
    right = _two_layer(X, y, W1, b1, W2, b2, relu_mask=lambda Z1: Z1 >= 0)
    no_mask = _two_layer(X, y, W1, b1, W2, b2, relu_mask=False)
    summed = _two_layer(X, y, W1, b1, W2, b2, mean=False)
    got = unpack(call(two_layer_gradients, X, y, W1, b1, W2, b2), ["dW1", "db1", "dW2", "db2"])
    relu = ("The ReLU's derivative is missing: dZ1 = dA1 * (Z1 > 0), since A1 = relu(Z1) "
            "passes gradient only where Z1 > 0.")
    layer2 = linear_mistakes(ref["A1"], W2, ref["dZ2"])
    layer1 = linear_mistakes(X, W1, ref["dZ1"])
    where = f"for X {X.shape}, W1 {W1.shape}, W2 {W2.shape}"
    right_side = False
    for name, mistakes in [("dW2", layer2["dW"]), ("db2", layer2["db"]),
                           ("dW1", layer1["dW"] + [(relu, no_mask["dW1"])]),
                           ("db1", layer1["db"] + [(relu, no_mask["db1"])])]:
        value = got[["dW1", "db1", "dW2", "db2"].index(name)]
        if name in ("dW1", "db1") and close(value, right[name]) and not close(value, ref[name]):
            right_side = True  # relu'(0) = 1, the right-hand derivative: accepted
            continue
        mistakes = mistakes + [(M.FORGOTTEN_1_OVER_N, summed[name])]
        compare(name, value, ref[name], mistakes, where=where)
    if right_side:
        return ("all four gradients are right (checked in the order dW2, db2, dW1, db1). At "
                "Z1 = 0 exactly, where the ReLU has a kink, you took the right-hand derivative "
                "(1, from Z1 >= 0) and the course the left-hand one (0, from Z1 > 0): either "
                "one-sided derivative is accepted.")
    return "all four gradients are right (checked in the order dW2, db2, dW1, db1)."
