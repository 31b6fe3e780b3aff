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
from .gradcheck import below, norm_error, numerical_gradient
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


# --- Step 1 of the exercise: softmax + cross-entropy, atom by atom ----------------------

ATOMS = ("dlogP", "dP", "dE", "dS", "dm", "dZ")  # the backward pass through the atoms, top down
ATOM_TOLERANCE = 1e-6  # gradcheck's tolerance: dP = 1/P, for a small P, is only good to about 1e-7


def softmax_ce_atoms(Z, y):
    """Mean cross-entropy of softmax(Z) against the labels y, one atom per line (the lesson's
    forward): returns L and the cache of every atom's result."""
    Z, y = np.asarray(Z, dtype=np.float64), np.asarray(y)
    m = Z.max(axis=1, keepdims=True)  # 1. the max of each row, (N, 1)
    S = Z - m                         # 1. shift
    E = np.exp(S)                     # 2. exp
    s = E.sum(axis=1, keepdims=True)  # 3. sum of each row, (N, 1)
    P = E / s                         # 4. divide
    logP = np.log(P)                  # 5. log
    L = -logP[np.arange(len(Z)), y].mean()  # 6. pick, minus the mean
    return L, {"Z": Z, "y": y, "m": m, "S": S, "E": E, "s": s, "P": P, "logP": logP}


def _rest_of_forward(cache):
    """For each gradient's name: (the atom's result, L as a function of it)."""
    rows, y, Z = np.arange(len(cache["Z"])), cache["y"], cache["Z"]

    def from_logP(v):
        return -v[rows, y].mean()

    def from_P(v):
        return from_logP(np.log(v))

    def from_E(v):
        return from_P(v / v.sum(axis=1, keepdims=True))

    def from_S(v):
        return from_E(np.exp(v))

    return {"dlogP": ("logP", from_logP), "dP": ("P", from_P), "dE": ("E", from_E),
            "dS": ("S", from_S), "dm": ("m", lambda v: from_S(Z - v)),
            "dZ": ("Z", lambda v: from_S(v - v.max(axis=1, keepdims=True)))}


def _copy(cache):
    return {k: np.array(v, copy=True) for k, v in cache.items()}


def _atom_line(name, got, value, numerical, absolute=False):
    """Print one check line; True when got matches numerical (same shape, within ATOM_TOLERANCE)."""
    got = np.asarray(got, dtype=np.float64)
    if got.shape != value.shape:
        print(f"{name:<6} shape {got.shape}, should be {value.shape} (the shape of {name[1:]})")
        return False
    if absolute:  # dm is about 0, so a relative measure would compare rounding with rounding
        err, what = np.abs(got - numerical).max(), "max |difference|"
    else:
        err, what = norm_error(got, numerical), "norm error"
    ok = err < ATOM_TOLERANCE
    print(f"{name:<6} {what} {below(err, ATOM_TOLERANCE)}  {'ok' if ok else 'WRONG'}")
    return ok


def check_atoms(backward, cache, seed=0):
    """Check a learner's backward(cache) -> dict of dlogP, dP, dE, dS, dm, dZ, top atom first.

    1. Each gradient against the numerical gradient of the rest of the forward pass, from its
       atom on (dm by its largest absolute difference, since it is about 0). Stops at the
       first missing, misshapen or wrong one.
    2. The route through the max. Here dm is 0, so step 1 cannot tell dZ = dS (no route
       through the max) from the right dZ. So backward runs once more, on a copy of the cache
       with E and S changed consistently (E times random factors in [0.5, 1.5], S plus their
       log), P and s left alone: the gradient dS reaching the shift then has rows that do not
       sum to 0. dm and dZ must follow the shift's local rule, S = Z - m with m = the row max,
       for that dS, checked numerically.
    Returns True when everything passes."""
    grads = backward(_copy(cache))
    if not isinstance(grads, dict):
        raise TypeError(f"backward must return a dict of gradients by name ({', '.join(ATOMS)}), "
                        f"not {type(grads).__name__}")
    for name, (value, rest) in _rest_of_forward(cache).items():
        if grads.get(name) is None:
            print(f"next line to write: {name}")
            return False
        numerical = numerical_gradient(rest, np.array(cache[value], dtype=np.float64))
        if not _atom_line(name, grads[name], cache[value], numerical, absolute=(name == "dm")):
            return False
    # 2. the probe: a gradient reaching the shift whose rows do not sum to 0
    probe = _copy(cache)
    factors = np.random.default_rng(seed).uniform(0.5, 1.5, size=np.shape(cache["E"]))
    probe["E"], probe["S"] = cache["E"] * factors, cache["S"] + np.log(factors)
    got = backward(_copy(probe))
    dS = np.asarray(got["dS"], dtype=np.float64)
    if not np.abs(dS.sum(axis=1)).max() > 1e-6:
        print("the route through the max cannot be checked: build each gradient from the cache's "
              "values (E, s, P, ...), as the forward left them")
        return False
    Z, m = cache["Z"], cache["m"]
    local_m = numerical_gradient(lambda v: float(np.sum(dS * (Z - v))), np.array(m, dtype=np.float64))
    local_Z = numerical_gradient(lambda v: float(np.sum(dS * (v - v.max(axis=1, keepdims=True)))),
                                 np.array(Z, dtype=np.float64))
    print("the route through the max, for a dS whose rows do not sum to 0:")
    return (_atom_line("dm", got["dm"], m, local_m) and _atom_line("dZ", got["dZ"], Z, local_Z))
