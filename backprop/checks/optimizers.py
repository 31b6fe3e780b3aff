"""Checks for homework 09: one step of momentum, RMSprop and Adam (the course's formulas).

    momentum:  v ← μ v + g;                      w ← w - η v
    RMSprop:   s ← α s + (1 - α) g²;             w ← w - η g / (√s + ε)
    Adam:      m ← β1 m + (1 - β1) g;  v ← β2 v + (1 - β2) g²;   (t = 1, 2, ... counts steps)
               m̂ = m / (1 - β1^t);   v̂ = v / (1 - β2^t);      w ← w - η m̂ / (√v̂ + ε)
"""

import numpy as np

from . import mistakes as M
from .compare import compare, unpack
from .feedback import call, exercise_check, hidden_seed


def _state(seed, shape=(3, 4)):
    rng = np.random.default_rng(hidden_seed(seed))
    return rng.normal(size=shape), rng.normal(size=shape), rng.normal(scale=0.5, size=shape)


@exercise_check("momentum_step")
def check_momentum_step(momentum_step):
    w, g, v = _state(901)
    lr, mu = 0.1, 0.9
    v_new = mu * v + g
    got = unpack(call(momentum_step, w, g, v, lr, mu), ["w_new", "v_new"])
    mistakes_v = [("That is the other convention, v ← μ v - η g; this course uses v ← μ v + g "
                   "and w ← w - η v.", mu * v - lr * g),
                  ("The velocity was not updated: v ← μ v + g.", v)]
    compare("v_new", got[1], v_new, mistakes_v, where="for a hidden w, g and v")
    mistakes_w = [(M.WRONG_SIGN.format(fix="w ← w - η v (yours went uphill)"), w + lr * v_new),
                  ("The step used the gradient, not the velocity: w ← w - η v.", w - lr * g),
                  ("The step used the old velocity; update v first, then w ← w - η v.",
                   w - lr * v)]
    compare("w_new", got[0], w - lr * v_new, mistakes_w, where="for a hidden w, g and v")
    return "w and v are right for a hidden step."


@exercise_check("rmsprop_step")
def check_rmsprop_step(rmsprop_step):
    w, g, s = _state(902)
    s = s * s
    lr, alpha, eps = 0.01, 0.99, 1e-8
    s_new = alpha * s + (1 - alpha) * g * g
    got = unpack(call(rmsprop_step, w, g, s, lr, alpha, eps), ["w_new", "s_new"])
    compare("s_new", got[1], s_new,
            [("The new square gets weight (1 - α): s ← α s + (1 - α) g².", alpha * s + g * g),
             ("Square the gradient: s averages g², not g.", alpha * s + (1 - alpha) * g)],
            where="for a hidden w, g and s")
    compare("w_new", got[0], w - lr * g / (np.sqrt(s_new) + eps),
            [("Divide by the square root: w ← w - η g / (√s + ε).", w - lr * g / (s_new + eps)),
             ("The step used the old s; update s first.", w - lr * g / (np.sqrt(s) + eps)),
             (M.WRONG_SIGN.format(fix="w ← w - η g / (√s + ε)"),
              w + lr * g / (np.sqrt(s_new) + eps))],
            where="for a hidden w, g and s")
    return "w and s are right for a hidden step."


def _adam(w, g, m, v, t, lr, b1, b2, eps, correct=True):
    m = b1 * m + (1 - b1) * g
    v = b2 * v + (1 - b2) * g * g
    m_hat, v_hat = (m / (1 - b1 ** t), v / (1 - b2 ** t)) if correct else (m, v)
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


@exercise_check("adam_step")
def check_adam_step(adam_step):
    w, g, m = _state(903)
    v = m * m
    lr, b1, b2, eps = 0.01, 0.9, 0.999, 1e-8
    for t in (1, 3):
        expected = _adam(w, g, m, v, t, lr, b1, b2, eps)
        got = unpack(call(adam_step, w, g, m, v, t, lr, b1, b2, eps), ["w_new", "m_new", "v_new"])
        where = f"at step t = {t}"
        compare("m_new", got[1], expected[1],
                [("The betas are swapped: m uses β1 = 0.9, v uses β2 = 0.999.",
                  b2 * m + (1 - b2) * g)], where=where)
        compare("v_new", got[2], expected[2],
                [("Square the gradient: v averages g².", b2 * v + (1 - b2) * g)], where=where)
        mistakes = [("The bias correction is missing: divide m by (1 - β1^t) and v by (1 - β2^t) "
                     "before the step (early steps are otherwise far too small).",
                     _adam(w, g, m, v, t, lr, b1, b2, eps, correct=False)[0])]
        mistakes += [(f"The bias correction used t = {s} instead of t = {t}: t counts steps from 1.",
                      _adam(w, g, m, v, s, lr, b1, b2, eps)[0]) for s in (t - 1, t + 1) if s > 0]
        compare("w_new", got[0], expected[0], mistakes, where=where)
    return "w, m and v are right at steps 1 and 3."
