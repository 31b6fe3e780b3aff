"""Checks for homework 05: one-hot targets, softmax, cross-entropy and its gradient, MSE.

    softmax(z)_k = e^(z_k - m) / Σ_j e^(z_j - m),  m = max_j z_j  (the same value, no overflow)
    L = -(1/N) Σ_n log softmax(z_n)[y_n]
    dL/dz = (softmax(z) - onehot(y)) / N          ("p - y", divided by N: L is a mean)
    MSE on ŷ (N, 1):  L = (1/N) Σ (ŷ - y)²,   dL/dŷ = 2 (ŷ - y) / N
"""

import numpy as np

from ..losses import log_softmax, softmax
from . import mistakes as M
from .compare import compare
from .feedback import call, exercise_check, hidden_seed


def _cases(seed, shapes=((6, 3), (5, 4))):
    rng = np.random.default_rng(hidden_seed(seed))
    for n, k in shapes:
        yield rng.normal(scale=2.0, size=(n, k)), rng.integers(0, k, size=n)


def _one_hot(y, k):
    out = np.zeros((len(y), k))
    out[np.arange(len(y)), y] = 1.0
    return out


@exercise_check("one_hot")
def check_one_hot(one_hot):
    for logits, y in _cases(501):
        k = logits.shape[1]
        compare("one_hot(y, K)", call(one_hot, y, k), _one_hot(y, k),
                where=f"for y = {y.tolist()}, K = {k}")
    return "right for 2 hidden label vectors."


@exercise_check("softmax")
def check_softmax(softmax_function):
    cases = list(_cases(502)) + [(np.array([[1000.0, 999.0, 998.0], [-1000.0, 0.0, 2.0]]), None)]
    for logits, _ in cases:
        with np.errstate(all="ignore"):
            e = np.exp(logits)
            naive = e / e.sum(axis=1, keepdims=True)
        column = np.exp(logits - logits.max(axis=0)) / np.exp(logits - logits.max(axis=0)).sum(0)
        mistakes = [
            (M.WRONG_AXIS.format(fix="each row (one example) must sum to 1: sum over axis=1 with "
                                     "keepdims=True"), column),
            ("It overflows: e^1000 is inf in float64. Subtract each row's max first, "
             "z - z.max(axis=1, keepdims=True): the result is the same, without overflow.", naive),
        ]
        big = " (logits up to 1000)" if np.abs(logits).max() > 100 else ""
        compare("softmax(logits)", call(softmax_function, logits), softmax(logits), mistakes,
                where=f"for logits of shape {logits.shape}{big}")
    return "right, rows sum to 1, and no overflow for logits of 1000."


@exercise_check("cross_entropy")
def check_cross_entropy(cross_entropy):
    for logits, y in _cases(503):
        log_p = log_softmax(logits)[np.arange(len(y)), y]
        n = len(y)
        mistakes = [(M.FORGOTTEN_1_OVER_N.replace("its gradient is", "it is"), -log_p.sum()),
                    (M.WRONG_SIGN.format(fix="L = -mean(log p[y]) is positive"), log_p.mean()),
                    ("That averages -log p over all N·K entries; take only the probability of "
                     "each example's true class.", -log_softmax(logits).mean())]
        compare("loss", call(cross_entropy, logits, y), -log_p.mean(), mistakes,
                where=f"for N = {n}, K = {logits.shape[1]}")
    return "the mean loss is right for 2 hidden batches."


@exercise_check("cross_entropy_grad")
def check_cross_entropy_grad(cross_entropy_grad):
    for logits, y in _cases(504):
        n = len(y)
        p, t = softmax(logits), _one_hot(y, logits.shape[1])
        mistakes = [(M.FORGOTTEN_1_OVER_N, p - t),
                    (M.WRONG_SIGN.format(fix="dL/dz = p - onehot(y), not onehot(y) - p"), (t - p) / n),
                    ("The one-hot target is missing: dL/dz = (p - onehot(y)) / N.", p / n),
                    ("That subtracts 1 from every entry; subtract 1 only at each example's "
                     "true class (the one-hot target).", (p - 1) / n)]
        compare("dlogits", call(cross_entropy_grad, logits, y), (p - t) / n, mistakes,
                where=f"for logits of shape {logits.shape}")
    return "dL/dz = (p - onehot(y)) / N, right for 2 hidden batches."


@exercise_check("mse_grad")
def check_mse_grad(mse_grad):
    rng = np.random.default_rng(hidden_seed(505))
    for n in (5, 8):
        y_hat, y = rng.normal(size=(n, 1)), rng.normal(size=(n, 1))
        mistakes = [(M.FORGOTTEN_1_OVER_N, 2 * (y_hat - y)),
                    ("Missing the factor 2 from d(ŷ - y)²/dŷ = 2 (ŷ - y).", (y_hat - y) / n),
                    (M.WRONG_SIGN.format(fix="dL/dŷ = 2 (ŷ - y) / N, not 2 (y - ŷ) / N"),
                     2 * (y - y_hat) / n)]
        compare("dy_hat", call(mse_grad, y_hat, y), 2 * (y_hat - y) / n, mistakes,
                where=f"for N = {n}")
    return "dL/dŷ = 2 (ŷ - y) / N, right for 2 hidden batches."
