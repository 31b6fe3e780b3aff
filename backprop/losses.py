"""Loss functions: the mean loss over a batch and its gradient dL/dŷ.

`forward(pred, target)` returns the mean loss L as a float; `backward()` returns
dpred = dL/dpred, already divided by N (the batch size) because L is a mean.

- MSELoss: pred (N, K) values, target (N, K) (or (N,) when K = 1);
  L = mean over all N*K entries of (ŷ - y)^2,        dŷ = 2 (ŷ - y) / (N K).
- BCEWithLogitsLoss: pred (N, 1) logits z, target 0/1 of shape (N,) or (N, 1);
  L = mean of -y log p - (1-y) log(1-p) with p = sigmoid(z),   dz = (p - y) / N.
- CrossEntropyLoss: pred (N, K) logits z, target class indices (N,) in 0..K-1;
  L = mean of -log softmax(z)[y],                   dz = (softmax(z) - onehot(y)) / N.

Both cross-entropies work on logits and use the log-sum-exp trick, so they are finite
for any finite logits: log softmax(z)_k = z_k - m - log sum_j e^(z_j - m), m = max_j z_j.
"""

import numpy as np

from .validation import lookup


def log_softmax(logits):
    shifted = logits - logits.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def softmax(logits):
    return np.exp(log_softmax(np.asarray(logits, dtype=np.float64)))


class Loss:
    name = "loss"

    def __init__(self):
        self._cache = None

    def _check_forward_ran(self):
        if self._cache is None:
            raise RuntimeError(f"{type(self).__name__}.backward() called before forward(): "
                               "compute the loss first.")

    def __call__(self, pred, target):
        return self.forward(pred, target)

    def __repr__(self):
        return f"{type(self).__name__}()"


def _column_target(pred, target, loss_name):
    """Accept y of shape (N,) for a single-output model: it becomes (N, 1)."""
    target = np.asarray(target, dtype=np.float64)
    if target.ndim == 1 and pred.ndim == 2 and pred.shape[1] == 1:
        target = target[:, None]
    if target.shape != pred.shape:
        raise ValueError(f"{loss_name}: predictions have shape {pred.shape} but targets have "
                         f"shape {target.shape}; they must match (one target per output).")
    return target


class MSELoss(Loss):
    """Mean squared error, L = mean((ŷ - y)^2); dŷ = 2 (ŷ - y) / (N K)."""

    name = "mse"

    def forward(self, pred, target):
        target = _column_target(pred, target, "MSELoss")
        diff = pred - target
        self._cache = diff
        return float(np.mean(diff ** 2))

    def backward(self):
        self._check_forward_ran()
        diff = self._cache
        return 2.0 * diff / diff.size


class BCEWithLogitsLoss(Loss):
    """Binary cross-entropy on a logit z: L = mean(softplus(z) - y z); dz = (sigmoid(z) - y) / N.

    softplus(z) = log(1 + e^z) = max(z, 0) + log(1 + e^-|z|) never overflows."""

    name = "bce"

    def forward(self, logits, target):
        target = _column_target(logits, target, "BCEWithLogitsLoss")
        if logits.shape[1] != 1:
            raise ValueError(f"BCEWithLogitsLoss needs one logit per example (shape (N, 1)), "
                             f"got {logits.shape}; for {logits.shape[1]} classes use "
                             "CrossEntropyLoss.")
        if ((target < 0) | (target > 1)).any():
            raise ValueError("BCEWithLogitsLoss targets must be 0 or 1 (or probabilities in "
                             f"[0, 1]), got values from {target.min():g} to {target.max():g}.")
        softplus = np.maximum(logits, 0) + np.log1p(np.exp(-np.abs(logits)))
        self._cache = (logits, target)
        return float(np.mean(softplus - target * logits))

    def backward(self):
        self._check_forward_ran()
        logits, target = self._cache
        e = np.exp(-np.abs(logits))  # stable sigmoid
        p = np.where(logits >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
        return (p - target) / len(logits)


class CrossEntropyLoss(Loss):
    """Softmax + cross-entropy on logits (N, K) and integer labels y in 0..K-1.

    L = -mean_n log softmax(z_n)[y_n];   dz = (softmax(z) - onehot(y)) / N  (= p - y)."""

    name = "cross_entropy"

    def forward(self, logits, target):
        labels = check_class_labels(target, logits.shape[1], len(logits))
        log_p = log_softmax(logits)
        self._cache = (log_p, labels)
        return float(-np.mean(log_p[np.arange(len(labels)), labels]))

    def backward(self):
        self._check_forward_ran()
        log_p, labels = self._cache
        dlogits = np.exp(log_p)
        dlogits[np.arange(len(labels)), labels] -= 1.0
        return dlogits / len(labels)


def as_class_indices(target):
    """Labels as int64, refusing anything that is not a whole number (0.5 is no class)."""
    y = np.asarray(target)
    if y.dtype.kind in "iu":  # signed or unsigned integers (a cheap test: fit runs it per batch)
        return y
    bad = ~np.isfinite(y) | (y != np.round(y))
    if bad.any():
        raise ValueError(f"class labels must be whole numbers 0..K-1, got {y[bad][0]}; "
                         "for a regression target use loss='mse'.")
    return y.astype(np.int64)


def check_class_labels(target, n_classes, n_examples):
    """Integer labels 0..K-1, one per example, or a clear error."""
    y = as_class_indices(target)
    if y.ndim != 1 or len(y) != n_examples:
        raise ValueError(f"class labels must be a 1-D array with one label per example "
                         f"({n_examples}), got shape {y.shape}.")
    if len(y) and (y.min() < 0 or y.max() >= n_classes):
        raise ValueError(f"class labels must be in 0..{n_classes - 1} (the model has "
                         f"{n_classes} outputs), got labels from {y.min()} to {y.max()}; "
                         "make the last layer as wide as the number of classes.")
    return y


LOSSES = {"mse": MSELoss, "bce": BCEWithLogitsLoss, "binary_cross_entropy": BCEWithLogitsLoss,
          "cross_entropy": CrossEntropyLoss}


def get_loss(loss):
    """A loss instance from an instance or a name ('mse', 'bce', 'cross_entropy')."""
    if isinstance(loss, Loss):
        return loss
    return lookup(loss, LOSSES, "loss")()
