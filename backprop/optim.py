"""Optimizers: turn gradients into parameter updates.

With g = p.grad and learning rate η (`lr`), for every parameter p:

    SGD:      v = μ v + g;                 p -= η v           (μ = momentum, default 0)
    RMSprop:  s = α s + (1 - α) g^2;       p -= η g / (sqrt(s) + ε)
    Adam:     m = β1 m + (1 - β1) g;       v = β2 v + (1 - β2) g^2
              m̂ = m / (1 - β1^t);          v̂ = v / (1 - β2^t);   p -= η m̂ / (sqrt(v̂) + ε)

Defaults are PyTorch's: RMSprop lr=0.01, α=0.99, ε=1e-8; Adam lr=0.001, β=(0.9, 0.999),
ε=1e-8. SGD has no default learning rate: choosing it is the lesson.
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
