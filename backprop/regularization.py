"""L1 and L2 weight penalties: one convention for the whole course.

The training objective is the mean data loss plus a penalty on the *weights* (not the
biases, which only shift a boundary and do not make a model more complex):

    L_total = L_data + l2/2 * sum(W**2) + l1 * sum(|W|)
    dW     += l2 * W + l1 * sign(W)

This matches CS231n and TensorFlow Playground's "regularization rate" (with l2/2 so the
gradient is l2*W). scikit-learn's MLPClassifier(alpha=...) divides its L2 penalty by the
batch size instead: its alpha corresponds to l2 = alpha / n_samples (full batch) here.
"""

import numpy as np


def _weights(params):
    return [p for p in params if p.regularize]


def penalty(params, l1=0.0, l2=0.0):
    """l2/2 * sum(W^2) + l1 * sum(|W|) over the weight parameters."""
    total = 0.0
    for p in _weights(params):
        if l2:
            total += 0.5 * l2 * float(np.sum(p.data * p.data))
        if l1:
            total += l1 * float(np.sum(np.abs(p.data)))
    return total


def penalty_gradients(params, l1=0.0, l2=0.0):
    """[(W, l2 * W + l1 * sign(W)) for each weight]: d(penalty)/dW, sign(0) = 0."""
    return [(p, l2 * p.data + l1 * np.sign(p.data)) for p in _weights(params)]


def add_penalty_gradients(params, l1=0.0, l2=0.0):
    """After backward: W.grad += l2 * W + l1 * sign(W)."""
    if not (l1 or l2):
        return
    for p, g in penalty_gradients(params, l1, l2):
        p.grad = p.grad + g
