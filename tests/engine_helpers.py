"""Shared helpers for the engine tests (plain functions, so no conftest is needed).

The numerical derivatives here are written independently of `backprop.gradcheck`, so a
bug there cannot hide a bug in backprop: central differences, error O(h^2),

    df/dx ≈ (f(x + h) - f(x - h)) / (2h).
"""

import numpy as np

import backprop as bp


def derivative(f, x, h=1e-6):
    """d f / d x of a scalar Python function at the float x."""
    return (f(x + h) - f(x - h)) / (2.0 * h)


def numeric_grad(f, x, h=1e-5):
    """Gradient of the scalar f(x) for a float64 array x (changed in place, restored)."""
    assert x.dtype == np.float64
    grad = np.empty_like(x)
    flat, gflat = x.reshape(-1), grad.reshape(-1)  # views onto x and grad
    assert np.shares_memory(flat, x), "numeric_grad needs a contiguous array"
    for i in range(flat.size):
        keep = flat[i]
        flat[i] = keep + h
        plus = f()
        flat[i] = keep - h
        minus = f()
        flat[i] = keep
        gflat[i] = (plus - minus) / (2.0 * h)
    return grad


def max_rel_error(a, b):
    """max_i |a_i - b_i| / (|a_i| + |b_i|); entries where both are exactly 0 count as 0."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    denom = np.abs(a) + np.abs(b)
    ratio = np.divide(np.abs(a - b), denom, out=np.zeros_like(denom), where=denom > 0)
    return float(ratio.max())


def norm_rel_error(a, b):
    """||a - b|| / (||a|| + ||b||), 0 when both are exactly zero."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    denom = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denom == 0 else float(np.linalg.norm(a - b) / denom)


def away_from_kink(rng, shape, low=1e-2, high=3.0):
    """Random numbers with low <= |z| <= high and random sign (ReLU's kink is at 0)."""
    return rng.uniform(low, high, size=shape) * rng.choice([-1.0, 1.0], size=shape)


def pre_activations(model, X):
    """The Z of every Linear layer that is followed by an activation."""
    out, found = X, []
    for k, layer in enumerate(model.layers):
        out = layer.forward(out)
        if isinstance(layer, bp.Linear) and k + 1 < len(model.layers):
            found.append(out.copy())
    return found


def kink_margin(model, X):
    """Smallest |Z| feeding an activation: a numerical gradient is only valid for a
    (leaky) ReLU network when every perturbation h keeps Z on the same side of 0."""
    zs = pre_activations(model, X)
    return min((float(np.abs(z).min()) for z in zs), default=np.inf)


def targets_for(loss, rng, n, k):
    """Random targets of the right kind for a loss and n examples with k outputs."""
    if loss == "cross_entropy":
        return rng.integers(0, k, size=n)
    if loss == "bce":
        return rng.integers(0, 2, size=n).astype(np.float64)
    return rng.normal(size=(n, k))


def input_gradient_error(model, loss_name, X, y):
    """Norm-based error between backprop's dX and a numerical dX of the mean loss."""
    loss = bp.get_loss(loss_name)
    X = X.copy()
    loss.forward(model.forward(X), y)
    dX = model.backward(loss.backward())
    numeric = numeric_grad(lambda: loss.forward(model.forward(X), y), X)
    return norm_rel_error(dX, numeric)


def scalar_mse_loss(smlp, X, Y):
    """MSE of a ScalarMLP as a `Value`: mean over all N*K entries, like MSELoss."""
    total, count = 0.0, 0
    for x, targets in zip(X, Y):
        for out, t in zip(smlp([float(v) for v in x]), targets):
            total = total + (out - float(t)) ** 2
            count += 1
    return total / count


def compare_engines(model, X, Y):
    """Run the same MSE forward/backward in both engines; return (loss pair, grad pairs)."""
    mse = bp.MSELoss()
    matrix_loss = mse.forward(model.forward(X), Y)
    model.backward(mse.backward())
    smlp = bp.ScalarMLP.from_matrix_mlp(model)
    scalar_loss = scalar_mse_loss(smlp, X, Y)
    scalar_loss.backward()
    linears = [layer for layer in model.layers if isinstance(layer, bp.Linear)]
    pairs = []
    for lin, (W, b) in zip(linears, smlp.layers):
        pairs.append((lin.W.grad, np.array([[w.grad for w in row] for row in W])))
        pairs.append((lin.b.grad, np.array([v.grad for v in b])))
    return (matrix_loss, scalar_loss.data), pairs


def agg_pyplot():
    """matplotlib.pyplot on the non-interactive Agg backend (no window, no display)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt
