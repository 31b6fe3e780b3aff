"""Checks for homework 03: one neuron, its gradients and one gradient-descent step.

    z = w·x + b,   a = f(z),   L = (a - y)²
    dL/da = 2 (a - y),   dz = dL/da · f'(z),   dw = dz · x,   db = dz
    sigmoid'(z) = a (1 - a),   tanh'(z) = 1 - a²      (both from the output a = f(z))
    step:  w ← w - η dw,   b ← b - η db
"""

import numpy as np

from ..activations import sigmoid
from . import mistakes as M
from .compare import compare, unpack
from .feedback import call, exercise_check, hidden_seed


def _cases(seed, n=3, d=4):
    rng = np.random.default_rng(hidden_seed(seed))
    return [(rng.normal(size=d), rng.normal(size=d), float(rng.normal()), float(rng.uniform()))
            for _ in range(n)]


def _gradients(x, w, b, f, dz_rule):
    """(dw, db) for the neuron a = f(w·x + b) when dz = dz_rule(z, a)."""
    z = w @ x + b
    dz = dz_rule(z, f(z))
    return dz * x, dz


def _sigmoid_mistakes(x, w, b, y):
    def grads(rule):
        return _gradients(x, w, b, sigmoid, rule)

    return [
        (M.WRONG_VARIABLE.format(fix="you used sigmoid'(a) = sigmoid(a)(1 - sigmoid(a)); the "
                                     "derivative belongs at z: sigmoid'(z) = a (1 - a)"),
         grads(lambda z, a: 2 * (a - y) * sigmoid(a) * (1 - sigmoid(a)))),
        (M.WRONG_VARIABLE.format(fix="z (1 - z) is the formula applied to z; sigmoid'(z) = "
                                     "a (1 - a) with a = sigmoid(z)"),
         grads(lambda z, a: 2 * (a - y) * z * (1 - z))),
        (M.WRONG_SIGN.format(fix="dL/da = 2 (a - y), not 2 (y - a)"),
         grads(lambda z, a: 2 * (y - a) * a * (1 - a))),
        ("Missing the factor 2 from d(a - y)²/da = 2 (a - y).",
         grads(lambda z, a: (a - y) * a * (1 - a))),
        (M.FORGOT_UPSTREAM.format(upstream="dL/da = 2 (a - y)"), grads(lambda z, a: a * (1 - a))),
    ]


def _compare_gradients(got, expected, mistakes, where):
    dw, db = unpack(got, ["dw", "db"])
    compare("dw", dw, expected[0], [(text, m[0]) for text, m in mistakes], where=where)
    compare("db", db, expected[1], [(text, m[1]) for text, m in mistakes], where=where)


@exercise_check("neuron_forward")
def check_neuron_forward(neuron_forward):
    for x, w, b, _ in _cases(301):
        compare("a", call(neuron_forward, x, w, b), sigmoid(w @ x + b),
                [("That is z = w·x + b; the neuron's output is a = sigmoid(z).", w @ x + b),
                 ("The bias is missing: z = w·x + b.", sigmoid(w @ x))],
                where=f"for x and w of shape {x.shape}")
    return "right on 3 hidden neurons."


@exercise_check("neuron_gradients")
def check_neuron_gradients(neuron_gradients):
    for x, w, b, y in _cases(302):
        expected = _gradients(x, w, b, sigmoid, lambda z, a, y=y: 2 * (a - y) * a * (1 - a))
        _compare_gradients(call(neuron_gradients, x, w, b, y), expected,
                           _sigmoid_mistakes(x, w, b, y), f"for x and w of shape {x.shape}")
    return "dw and db are right on 3 hidden neurons."


@exercise_check("tanh_neuron_gradients")
def check_tanh_neuron_gradients(tanh_neuron_gradients):
    for x, w, b, y in _cases(303):
        expected = _gradients(x, w, b, np.tanh, lambda z, a, y=y: 2 * (a - y) * (1 - a * a))
        mistakes = [
            (M.WRONG_VARIABLE.format(fix="you used tanh'(a) = 1 - tanh(a)²; the derivative "
                                         "belongs at z: tanh'(z) = 1 - a²"),
             _gradients(x, w, b, np.tanh, lambda z, a, y=y: 2 * (a - y) * (1 - np.tanh(a) ** 2))),
            (M.WRONG_VARIABLE.format(fix="1 - z² applies the formula to z; tanh'(z) = 1 - a² "
                                         "with a = tanh(z)"),
             _gradients(x, w, b, np.tanh, lambda z, a, y=y: 2 * (a - y) * (1 - z * z))),
        ]
        _compare_gradients(call(tanh_neuron_gradients, x, w, b, y), expected, mistakes,
                           f"for x and w of shape {x.shape}")
    return "dw and db are right on 3 hidden tanh neurons."


@exercise_check("neuron_step")
def check_neuron_step(neuron_step):
    for x, w, b, y in _cases(304):
        lr = 0.5
        dw, db = _gradients(x, w, b, sigmoid, lambda z, a, y=y: 2 * (a - y) * a * (1 - a))
        uphill = M.WRONG_SIGN.format(fix="gradient descent moves against the gradient, "
                                         "w - lr · dw (yours went uphill)")
        got = unpack(call(neuron_step, x, w, b, y, lr), ["w_new", "b_new"])
        where = f"for lr = {lr}"
        compare("w_new", got[0], w - lr * dw, [(uphill, w + lr * dw),
                                               ("That is the step lr · dw, not the new w.",
                                                -lr * dw)], where=where)
        compare("b_new", got[1], b - lr * db, [(uphill, b + lr * db)], where=where)
    return "one gradient-descent step is right on 3 hidden neurons."
