"""The reference for the MLP benchmark: a bare numpy training loop, no package code.

It does the arithmetic of `backprop.fit(model, X, y, optimizer="adam", ...)` for a ReLU
MLP with a softmax cross-entropy loss, in the same order, so from the same initial
weights it reaches the same final loss:

- every epoch: order = rng.permutation(N) from rng = default_rng(seed), mini-batches
  order[start:start + batch_size];
- forward: Z = A W + b, A = max(Z, 0) (last layer linear), log-softmax with the max
  subtracted, step loss L = -mean(log p[y]) (fit computes it for its divergence check);
- backward: dZ = (softmax - onehot) / n, dW = A^T dZ, db = sum(dZ), dA = dZ W^T,
  dZ = dA * (Z > 0); no dX for the input layer (nothing needs it);
- Adam (t counts steps): m = b1 m + (1-b1) g, v = b2 v + (1-b2) g^2,
  W -= (lr / (1 - b1^t)) m / (sqrt(v / (1 - b2^t)) + eps);
- training metrics as fit records them: `metrics="end_of_epoch"` evaluates the whole
  training set after every epoch (fit's default), `metrics="running"` keeps the mean of
  the mini-batch losses and accuracies over the epoch (fit's train_metrics="running").
"""

import numpy as np


def _log_softmax(Z):
    shifted = Z - Z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def _forward(params, X):
    """Logits and the per-layer (input A, pre-activation Z) pairs backward needs."""
    cache, A = [], X
    last = len(params) // 2 - 1
    for k in range(last + 1):
        Z = A @ params[2 * k] + params[2 * k + 1]
        cache.append((A, Z))
        A = Z if k == last else np.maximum(Z, 0.0)
    return A, cache


def train(weights, X, y, epochs, batch_size, lr, seed=0, betas=(0.9, 0.999), eps=1e-8,
          metrics="end_of_epoch"):
    """Train copies of `weights` [(W, b), ...]; return (final train loss, final train accuracy)."""
    params = [a.copy() for pair in weights for a in pair]  # W1, b1, W2, b2, ...
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    b1, b2 = betas
    rng = np.random.default_rng(seed)
    t = 0
    for _ in range(epochs):
        order = rng.permutation(len(X))
        loss_sum = correct = 0.0
        for start in range(0, len(X), batch_size):
            batch = order[start:start + batch_size]
            Xb, yb = X[batch], y[batch]
            rows = np.arange(len(yb))
            logits, cache = _forward(params, Xb)
            log_p = _log_softmax(logits)
            step_loss = -np.mean(log_p[rows, yb])
            if not np.isfinite(step_loss):
                raise FloatingPointError("the bare numpy loop diverged")
            if metrics == "running":
                loss_sum += step_loss * len(yb)
                correct += float(np.mean(logits.argmax(axis=1) == yb)) * len(yb)
            dZ = np.exp(log_p)
            dZ[rows, yb] -= 1.0
            dZ /= len(yb)
            grads = [None] * len(params)
            for k in range(len(cache) - 1, -1, -1):
                A, _ = cache[k]
                grads[2 * k] = A.T @ dZ
                grads[2 * k + 1] = dZ.sum(axis=0)
                if k:
                    dZ = (dZ @ params[2 * k].T) * (cache[k - 1][1] > 0)
            t += 1
            c1, c2 = 1 - b1 ** t, 1 - b2 ** t
            for p, g, mp, vp in zip(params, grads, m, v):
                mp *= b1
                mp += (1 - b1) * g
                vp *= b2
                vp += (1 - b2) * (g * g)
                p -= (lr / c1) * mp / (np.sqrt(vp / c2) + eps)
        if metrics == "running":
            loss, accuracy = loss_sum / len(X), correct / len(X)
        else:
            logits, _ = _forward(params, X)
            loss = float(-np.mean(_log_softmax(logits)[np.arange(len(y)), y]))
            accuracy = float(np.mean(logits.argmax(axis=1) == y))
    return loss, accuracy
