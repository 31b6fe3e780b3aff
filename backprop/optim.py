"""Optimizers: turn gradients into parameter updates.

With g = p.grad and learning rate η (`lr`), for every parameter p:

    SGD:      v = μ v + g;                 p -= η v           (μ = momentum, default 0)
    RMSprop:  s = α s + (1 - α) g^2;       p -= η g / (sqrt(s) + ε)
    Adam:     m = β1 m + (1 - β1) g;       v = β2 v + (1 - β2) g^2
              m̂ = m / (1 - β1^t);          v̂ = v / (1 - β2^t);   p -= η m̂ / (sqrt(v̂) + ε)
    AdamW:    Adam's step, plus decoupled weight decay λ (`weight_decay`) on the weights:
              p -= η (m̂ / (sqrt(v̂) + ε) + λ p)

Defaults are PyTorch's: RMSprop lr=0.01, α=0.99, ε=1e-8; Adam lr=0.001, β=(0.9, 0.999),
ε=1e-8; AdamW as Adam with λ=0.01. SGD has no default learning rate: choosing it is the
lesson.
"""

import numpy as np

from .validation import check_non_negative_number, check_positive_number, lookup


class Optimizer:
    def __init__(self, params, lr):
        self.params = list(params)
        if not self.params:
            raise ValueError("the optimizer got no parameters: pass model.parameters().")
        self.lr = check_positive_number(lr, "lr (the learning rate)")
        self.state = [{} for _ in self.params]

    def zero_grad(self):
        for p in self.params:
            p.grad = np.zeros_like(p.data)

    def __repr__(self):
        return f"{type(self).__name__}(lr={self.lr:g})"


class SGD(Optimizer):
    def __init__(self, params, lr, momentum=0.0):
        super().__init__(params, lr)
        self.momentum = check_non_negative_number(momentum, "momentum")

    def step(self):
        for p, state in zip(self.params, self.state):
            if self.momentum:
                v = state["velocity"] = self.momentum * state.get("velocity", 0.0) + p.grad
                p.data -= self.lr * v
            else:
                p.data -= self.lr * p.grad


class RMSprop(Optimizer):
    def __init__(self, params, lr=0.01, alpha=0.99, eps=1e-8):
        super().__init__(params, lr)
        self.alpha, self.eps = alpha, eps

    def step(self):
        for p, state in zip(self.params, self.state):
            s = state["square_avg"] = (self.alpha * state.get("square_avg", 0.0)
                                       + (1 - self.alpha) * p.grad ** 2)
            p.data -= self.lr * p.grad / (np.sqrt(s) + self.eps)


class Adam(Optimizer):
    def __init__(self, params, lr=0.001, betas=(0.9, 0.999), eps=1e-8):
        super().__init__(params, lr)
        self.beta1, self.beta2 = betas
        self.eps = eps
        self.t = 0

    def step(self):
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        correction1, correction2 = 1 - b1 ** self.t, 1 - b2 ** self.t
        for p, state in zip(self.params, self.state):
            if not state:
                state["m"], state["v"] = np.zeros_like(p.data), np.zeros_like(p.data)
            m, v, g = state["m"], state["v"], p.grad
            m *= b1
            m += (1 - b1) * g
            v *= b2
            v += (1 - b2) * (g * g)
            p.data -= (self.lr / correction1) * m / (np.sqrt(v / correction2) + self.eps)


class AdamW(Adam):
    """Adam with decoupled weight decay (Loshchilov & Hutter, 2019).

    An L2 penalty λ/2 Σ W² adds λW to the gradient. With plain SGD that is the same as
    multiplying every weight by (1 - ηλ) per step ("weight decay"). Adam divides the whole
    gradient, penalty included, by sqrt(v̂): the penalty's pull on a weight then depends on
    that weight's gradient history, and with no data gradient at all it is η·sign(W)
    per step, whatever |W|. AdamW keeps the penalty out of m and v and decays directly:

        p -= η m̂ / (sqrt(v̂) + ε)        (Adam on the data gradient g = p.grad)
        p -= η λ p                        (weights only: parameters with p.regularize)

    so every weight shrinks by the factor (1 - ηλ) per step, as with SGD and L2, on top of
    Adam's step. The decay uses p before the Adam step (PyTorch's order); both terms are
    computed from the same p, so the order does not change the result. As everywhere in
    the course, biases are not decayed (PyTorch's AdamW decays every parameter it is
    given). Pass an instance to `fit` (`optimizer=AdamW(model.parameters(), lr=...,
    weight_decay=...)`), and do not also pass l2=: that would add the coupled penalty on top.
    """

    def __init__(self, params, lr=0.001, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01):
        super().__init__(params, lr, betas, eps)
        self.weight_decay = check_non_negative_number(weight_decay, "weight_decay")

    def step(self):
        # The decay factor from the weights before the Adam step (PyTorch's order).
        decays = [self.lr * self.weight_decay * p.data if p.regularize and self.weight_decay else None
                  for p in self.params]
        super().step()
        for p, decay in zip(self.params, decays):
            if decay is not None:
                p.data -= decay

    def __repr__(self):
        return f"AdamW(lr={self.lr:g}, weight_decay={self.weight_decay:g})"


# AdamW is not listed by name: its weight_decay is a choice to make, so pass an instance.
OPTIMIZERS = {"sgd": SGD, "rmsprop": RMSprop, "adam": Adam}


def get_optimizer(optimizer, params, lr=None):
    """An optimizer from an instance or a name ('sgd', 'rmsprop', 'adam')."""
    if isinstance(optimizer, Optimizer):
        return optimizer
    cls = lookup(optimizer, OPTIMIZERS, "optimizer")
    if lr is None:
        if cls is SGD:
            raise ValueError("optimizer='sgd' needs a learning rate: pass lr=..., e.g. lr=0.1.")
        return cls(params)
    return cls(params, lr=lr)
