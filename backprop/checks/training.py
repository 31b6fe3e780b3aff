"""Checks for homework 08 (and 11): mini-batches, one epoch of SGD, a target accuracy.

One epoch = one pass over a shuffled order of the N examples, cut into batches of
`batch_size` (the last one smaller when batch_size does not divide N). One step:
    out = model.forward(X[batch]);  L = loss.forward(out, y[batch])
    model.backward(loss.backward());  p.data -= lr * p.grad   for every parameter p
"""

import numpy as np

from .. import datasets
from ..layers import MLP
from ..losses import CrossEntropyLoss
from .compare import compare
from .feedback import Wrong, call, exercise_check, grading, hidden_seed


def _batch_cases():
    """(n, batch_size): one that leaves a smaller last batch, one that divides n, one > n."""
    if not grading():
        return [(23, 5), (16, 4), (7, 10)]
    rng = np.random.default_rng(hidden_seed(800))
    size = int(rng.integers(3, 7))
    rest, full = int(rng.integers(1, size)), int(rng.integers(4, 7))
    small = int(rng.integers(2, 9))
    return [(full * size + rest, size), (full * (size - 1), size - 1),
            (small, small + int(rng.integers(1, 5)))]


@exercise_check("minibatches")
def check_minibatches(minibatches):
    for n, batch_size in _batch_cases():
        batches = call(minibatches, n, batch_size, np.random.default_rng(hidden_seed(801)))
        where = f" (for n = {n}, batch_size = {batch_size})"
        try:
            batches = [np.asarray(b).reshape(-1) for b in batches]
            flat = np.concatenate(batches) if batches else np.array([], dtype=int)
        except (TypeError, ValueError):
            raise Wrong("should return a list of index arrays, one per batch" + where) from None
        sizes = [len(b) for b in batches]
        full, rest = divmod(n, batch_size)
        expected_sizes = [batch_size] * full + ([rest] if rest else [])
        if len(flat) == full * batch_size and rest and sorted(flat.tolist()) != list(range(n)) \
                and len(set(flat.tolist())) == len(flat):
            raise Wrong(f"the last {rest} examples are never used{where}: keep the last, "
                        "smaller batch (range(0, n, batch_size) does that).")
        if sorted(flat.tolist()) != list(range(n)):
            raise Wrong(f"every index 0..n-1 must appear exactly once per epoch{where}; yours "
                        f"has {len(flat)} indices, {len(set(flat.tolist()))} of them different.")
        if sizes != expected_sizes:
            raise Wrong(f"batch sizes are {sizes}, expected {expected_sizes}{where}.")
        if n > 10 and flat.tolist() == list(range(n)):
            raise Wrong("the batches are not shuffled: draw the order with rng.permutation(n), "
                        "so every epoch sees the examples in a new order.")
    # The order must come from `rng` and nothing else: the same seed twice gives the same
    # batches (numpy's global state, np.random.permutation, would not), two seeds differ.
    first = call(minibatches, 23, 5, np.random.default_rng(hidden_seed(801)))
    again = call(minibatches, 23, 5, np.random.default_rng(hidden_seed(801)))
    other = call(minibatches, 23, 5, np.random.default_rng(hidden_seed(802)))
    if _as_lists(first) != _as_lists(again):
        raise Wrong("the same rng seed gave different batches: the order must come from the "
                    "`rng` argument alone (rng.permutation(n)), not from numpy's global random "
                    "state (np.random.permutation, np.random.shuffle) or another generator.")
    if _as_lists(again) == _as_lists(other):
        raise Wrong("two different rng seeds gave the same batches: shuffle with the `rng` "
                    "argument (rng.permutation(n)), not with numpy's global random state or a generator "
                    "of your own.")
    return "every example once per epoch, shuffled with rng, the right batch sizes."


def _as_lists(batches):
    return [np.asarray(b).reshape(-1).tolist() for b in batches]


def _model():
    return MLP([2, 6, 2], activation="tanh", seed=hidden_seed(3))


def _epoch(model, X, y, batches, lr, sign=-1.0, weights_only=False, full=False):
    loss, losses = CrossEntropyLoss(), []
    for batch in batches:
        rows = slice(None) if full else batch
        losses.append(loss.forward(model.forward(X[rows]), y[rows]))
        model.backward(loss.backward())
        for p in model.parameters():
            if p.regularize or not weights_only:
                p.data += sign * lr * p.grad
    return np.array(losses)


@exercise_check("train_epoch")
def check_train_epoch(train_epoch):
    X, y = datasets.moons(n=40, noise=0.2, seed=hidden_seed(804))
    batches = list(np.array_split(np.random.default_rng(hidden_seed(805)).permutation(40), 5))
    lr = 0.5
    reference = _model()
    losses = _epoch(reference, X, y, batches, lr)
    variants = {
        "Wrong sign: p.data -= lr * p.grad moves downhill; yours moved uphill.": dict(sign=1.0),
        "The biases were not updated: update every parameter in model.parameters().":
            dict(weights_only=True),
        "Every step used the whole data set; use only the batch, X[batch] and y[batch].":
            dict(full=True),
    }
    learner = _model()
    got = call(train_epoch, learner, CrossEntropyLoss(), X, y, batches, lr, copy_inputs=False)
    for (name, p), q in zip(learner.named_parameters(), reference.parameters()):
        if not np.allclose(p.data, q.data, rtol=1e-6, atol=1e-9):
            mistakes = []
            for text, options in variants.items():
                model = _model()
                _epoch(model, X, y, batches, lr, **options)
                mistakes.append((text, dict(model.named_parameters())[name].data))
            unchanged = dict(_model().named_parameters())[name].data
            mistakes.append(("The parameters did not change: after backward, update them with "
                             "p.data -= lr * p.grad.", unchanged))
            compare(name, p.data, q.data, mistakes, where="after one epoch of 5 hidden batches")
    compare("losses", got, losses,
            [("Record each step's loss before the update, one per batch.", losses[1:])],
            where="the list of the 5 step losses")
    return "one epoch of mini-batch SGD gives the right weights and step losses."


def accuracy_of(model, X, y):
    """Fraction right, from (N, K) class scores (argmax) or (N, 1) logits (> 0)."""
    out = np.asarray(model.forward(X), dtype=np.float64)
    predicted = out.argmax(axis=1) if out.ndim == 2 and out.shape[1] > 1 else \
        (out.reshape(-1) > 0).astype(int)
    return float(np.mean(predicted == y))


def check_target_accuracy(train, X_train, y_train, X_test, y_test, target):
    """Train with the learner's function, then measure accuracy on the hidden test set."""
    model = call(train, X_train, y_train, copy_inputs=False)
    if not hasattr(model, "forward"):
        raise Wrong(f"should return the trained model (with .forward), got "
                    f"{type(model).__name__}.")
    try:
        acc = accuracy_of(model, X_test, y_test)
    except Exception as e:
        raise Wrong(f"model.forward(X_test) failed with {type(e).__name__}: {e}.") from None
    if acc < target:
        raise Wrong(f"test accuracy {acc:.1%} on {len(y_test)} hidden points, below the "
                    f"target {target:.0%}. Try more epochs, a wider or deeper model, or "
                    "another learning rate (Adam with lr=0.01 is a good start).")
    return f"reaches the target test accuracy {target:.0%} on {len(y_test)} hidden points."


@exercise_check("train_spiral")
def check_train_spiral(train_spiral):
    X_train, y_train = datasets.spiral(n=400, seed=hidden_seed(806))
    X_test, y_test = datasets.spiral(n=400, seed=hidden_seed(807))
    return check_target_accuracy(train_spiral, X_train, y_train, X_test, y_test, 0.95)
