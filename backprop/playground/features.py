"""The seven input features of Playground, computed from the point (x1, x2).

    x1, x2, x1_squared = x1^2, x2_squared = x2^2, x1_x2 = x1 x2, sin_x1, sin_x2

The network sees only the features that are switched on, as columns in this order (the
order of Playground's input column). With x1 and x2 alone a network must build curved
boundaries from its hidden units; with x1^2 and x2^2 a circle is a straight cut.
"""

import numpy as np

from ..validation import lookup

FEATURES = {
    "x1": lambda X: X[:, 0],
    "x2": lambda X: X[:, 1],
    "x1_squared": lambda X: X[:, 0] ** 2,
    "x2_squared": lambda X: X[:, 1] ** 2,
    "x1_x2": lambda X: X[:, 0] * X[:, 1],
    "sin_x1": lambda X: np.sin(X[:, 0]),
    "sin_x2": lambda X: np.sin(X[:, 1]),
}
LABELS = {"x1": "X₁", "x2": "X₂", "x1_squared": "X₁²", "x2_squared": "X₂²", "x1_x2": "X₁X₂",
          "sin_x1": "sin(X₁)", "sin_x2": "sin(X₂)"}


def features(X, names):
    """The columns `names` (e.g. ["x1", "x2", "x1_x2"]) computed from points X of shape (N, 2)."""
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"features need points of shape (N, 2), got {X.shape}.")
    if not len(names):
        raise ValueError(f"choose at least one feature from: {', '.join(FEATURES)}.")
    return np.column_stack([lookup(name, FEATURES, "feature")(X) for name in names])
