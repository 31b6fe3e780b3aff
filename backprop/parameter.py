"""A trainable array and its gradient.

`p.data` holds the values, `p.grad` holds dL/dp (same shape), filled by `backward`.
The names follow PyTorch so learners can move on without relearning vocabulary.
`regularize` marks weights (True) as opposed to biases (False): L1/L2 penalties apply
to weights only (see `backprop.regularization`).
"""

import numpy as np


class Parameter:
    __slots__ = ("data", "grad", "name", "regularize")

    def __init__(self, data, name="", regularize=True):
        self.data = np.asarray(data, dtype=np.float64)
        self.grad = np.zeros_like(self.data)
        self.name = name
        self.regularize = regularize

    def __repr__(self):
        return f"Parameter({self.name or '?'}, shape={self.data.shape})"
