"""Checks for homework 10: the L1/L2 penalty and its gradient (the course's convention).

    penalty = l2/2 · Σ W² + l1 · Σ |W|      over the weights only (not the biases)
    dW     += l2 · W + l1 · sign(W)         (added to the data gradient, never replacing it)
"""

import numpy as np

from ..parameter import Parameter
from . import mistakes as M
from .compare import compare
from .feedback import Wrong, call, exercise_check, hidden_seed


def _weights(seed):
    rng = np.random.default_rng(hidden_seed(seed))
    return [rng.normal(size=(4, 3)), rng.normal(size=(3, 2))]


@exercise_check("penalty")
def check_penalty(penalty):
    weights = _weights(1001)
    sq, ab = sum(float(np.sum(W * W)) for W in weights), sum(float(np.sum(np.abs(W))) for W in weights)
    for l1, l2 in [(0.0, 0.1), (0.05, 0.0), (0.02, 0.3)]:
        expected = l2 / 2 * sq + l1 * ab
        mistakes = [("Missing the 1/2: the course's L2 penalty is l2/2 · Σ W², so its gradient "
                     "is l2 · W.", l2 * sq + l1 * ab),
                    ("L1 sums |W|, not W (negative weights count too).",
                     l2 / 2 * sq + l1 * sum(float(np.sum(W)) for W in weights)),
                    ("Only the first weight matrix was counted; sum over all of them.",
                     l2 / 2 * float(np.sum(weights[0] ** 2)) + l1 * float(np.sum(np.abs(weights[0]))))]
        compare("penalty", call(penalty, weights, l1, l2), expected, mistakes,
                where=f"for l1 = {l1}, l2 = {l2}")
    return "right for L2, L1 and both together."


@exercise_check("penalty_gradient")
def check_penalty_gradient(penalty_gradient):
    W = _weights(1002)[0]
    for l1, l2 in [(0.0, 0.1), (0.05, 0.0), (0.02, 0.3)]:
        expected = l2 * W + l1 * np.sign(W)
        mistakes = [("With the penalty l2/2 · Σ W², the gradient is l2 · W, not 2 · l2 · W.",
                     2 * l2 * W + l1 * np.sign(W)),
                    ("L1's gradient is l1 · sign(W), not l1 · |W|: |w| has slope ±1.",
                     l2 * W + l1 * np.abs(W)),
                    ("L1's gradient is l1 · sign(W), not l1 · W (that is L2's shape).",
                     l2 * W + l1 * W)]
        compare("dW", call(penalty_gradient, W, l1, l2), expected, mistakes,
                where=f"for l1 = {l1}, l2 = {l2}")
    return "l2 · W + l1 · sign(W), right for three settings."


@exercise_check("add_penalty_gradients")
def check_add_penalty_gradients(add_penalty_gradients):
    rng = np.random.default_rng(hidden_seed(1003))
    l1, l2 = 0.02, 0.3
    params = [Parameter(rng.normal(size=(4, 3)), "W"), Parameter(rng.normal(size=3), "b", False),
              Parameter(rng.normal(size=(3, 2)), "W"), Parameter(rng.normal(size=2), "b", False)]
    for p in params:
        p.grad = rng.normal(size=p.data.shape)  # the data gradients from backward
    data_grads = [p.grad.copy() for p in params]
    result = call(add_penalty_gradients, params, l1, l2, copy_inputs=False)
    if result is not None:
        raise Wrong(f"should add to p.grad in place and return nothing; it returned a "
                    f"{type(result).__name__}.")
    for i, (p, g) in enumerate(zip(params, data_grads)):
        extra = l2 * p.data + l1 * np.sign(p.data)
        name = f"params[{i}].grad ({'weight' if p.regularize else 'bias'})"
        if p.regularize:
            compare(name, p.grad, g + extra,
                    [(M.OVERWRITTEN.format(fix="the penalty's gradient replaced the data "
                                               "gradient instead of adding to it"), extra)])
        else:
            compare(name, p.grad, g,
                    [("Biases are not regularized: change only parameters with p.regularize "
                      "True (the weights).", g + extra),
                     (M.OVERWRITTEN.format(fix="the bias gradient was replaced"), extra)])
    return "the penalty gradient is added to the weights' gradients only."
