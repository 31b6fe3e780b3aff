"""`fit`: the training loop, in one place.

One *step* = forward a mini-batch, compute the loss, backward, update the weights.
One *epoch* = one pass over the whole training set, i.e. ceil(N / batch_size) steps.
`batch_size=None` is full-batch gradient descent (one step per epoch), `batch_size=1`
is stochastic gradient descent. The order of examples is reshuffled every epoch from
`seed`, so a run repeats exactly.

After every epoch the loss (data loss, without the penalty) and the accuracy are
measured on the whole training set and, if given, on the validation set. With
`train_metrics="running"` the training figures are instead the mean over the epoch's
mini-batches, measured as the weights change (what scikit-learn's `loss_curve_` and
Keras report): free, but a little behind the weights at the end of the epoch. A run
whose loss becomes NaN/inf or grows 10,000-fold stops, says so, and returns the history
so far.

`train_step` is one step on its own (the playground runs the same one). A run can go
on over several `fit` calls, for example with a new learning rate: pass the previous
call's `history=` (epochs are appended, and divergence is still measured from the run's
first step) and one generator as `seed=` (the shuffling order continues instead of
starting again).
"""

from dataclasses import dataclass, field

import numpy as np

from .layers import Sequential
from .losses import BCEWithLogitsLoss, CrossEntropyLoss, as_class_indices, get_loss
from .optim import get_optimizer
from .regularization import add_penalty_gradients, penalty
from .validation import as_finite_array, check_count, check_non_negative_number


@dataclass
class History:
    """Per-epoch record of a run. Accuracy lists stay empty for regression (MSE)."""

    loss: list = field(default_factory=list)
    accuracy: list = field(default_factory=list)
    val_loss: list = field(default_factory=list)
    val_accuracy: list = field(default_factory=list)
    penalty: list = field(default_factory=list)
    steps: int = 0
    start_loss: float = None  # the first step's loss: the divergence rule compares with it
    diverged: bool = False
    message: str = ""

    @property
    def epochs(self):
        return len(self.loss)

    def __repr__(self):
        last = f", last loss={self.loss[-1]:.4f}" if self.loss else ""
        flag = ", diverged" if self.diverged else ""
        return f"History(epochs={self.epochs}, steps={self.steps}{last}{flag})"


def accuracy(loss, output, y):
    """Fraction of correct predictions for a classification loss, else None."""
    # count_nonzero / n rather than np.mean: the same number, a few microseconds less per
    # mini-batch (train_metrics="running" calls this at every step).
    if isinstance(loss, CrossEntropyLoss):
        return np.count_nonzero(output.argmax(axis=1) == y) / len(y)
    if isinstance(loss, BCEWithLogitsLoss):
        return np.count_nonzero((output[:, 0] > 0) == (np.reshape(y, -1) > 0.5)) / len(output)
    return None


def evaluate(model, loss, X, y):
    """(mean data loss, accuracy or None) of `model` on (X, y)."""
    with np.errstate(over="ignore", invalid="ignore"):
        output = model.forward(X)
        return loss.forward(output, y), accuracy(loss, output, y)


def compute_gradients(model, loss, X, y, l1=0.0, l2=0.0):
    """Forward, loss, backward: every p.grad becomes d(L_data + penalty)/dp on (X, y).
    Returns (data loss, output)."""
    output = model.forward(X)
    data_loss = loss.forward(output, y)
    if isinstance(model, Sequential):  # no dX: nothing needs it here
        model.backward(loss.backward(), input_grad=False)
    else:
        model.backward(loss.backward())
    add_penalty_gradients(model.parameters(), l1, l2)
    return data_loss, output


def train_step(model, loss, optimizer, X, y, l1=0.0, l2=0.0):
    """One step of training on a mini-batch: the gradients, then the optimizer's update.
    Returns (the batch's data loss before the update, the model's output)."""
    step_loss, output = compute_gradients(model, loss, X, y, l1, l2)
    optimizer.step()
    return step_loss, output


def _diverging(step_loss, start_loss):
    """NaN/inf, or 10,000 times the first step's loss (at least 10,000)."""
    return not np.isfinite(step_loss) or step_loss > 1e4 * max(start_loss, 1.0)


def _record(history, loss_value, acc, val):
    history.loss.append(loss_value)
    if acc is not None:
        history.accuracy.append(acc)
    if val is not None:
        history.val_loss.append(val[0])
        if val[1] is not None:
            history.val_accuracy.append(val[1])


def fit(model, X, y, loss="cross_entropy", optimizer="sgd", lr=0.1, epochs=10,
        batch_size=32, l1=0.0, l2=0.0, validation=None, seed=0, verbose=True,
        train_metrics="end_of_epoch", history=None):
    """Train `model` in place and return its `History`.

    loss: instance or 'mse' / 'bce' / 'cross_entropy'; optimizer: instance or 'sgd' /
    'rmsprop' / 'adam' (built with `lr`); l1, l2: penalty strengths (see regularization);
    train_metrics: 'end_of_epoch' (exact) or 'running' (mean over the epoch's batches);
    seed: an int, or a np.random.Generator to go on with its shuffling order; history: a
    previous call's History to continue (a diverged one is returned as it is).
    """
    if train_metrics not in ("end_of_epoch", "running"):
        raise ValueError(f"train_metrics must be 'end_of_epoch' or 'running', got {train_metrics!r}.")
    running = train_metrics == "running"
    X = as_finite_array(X, "X", ndim=2)
    y = as_finite_array(y, "y")
    if len(y) != len(X):
        raise ValueError(f"X has {len(X)} examples but y has {len(y)}; they must match.")
    loss = get_loss(loss)
    classifier = isinstance(loss, (CrossEntropyLoss, BCEWithLogitsLoss))
    if isinstance(loss, CrossEntropyLoss):
        y = as_class_indices(y)  # whole numbers only; the loss checks their range
    params = model.parameters()
    optimizer = get_optimizer(optimizer, params, lr)
    epochs = check_count(epochs, "epochs")
    batch_size = check_count(batch_size, "batch_size", allow_none=True) or len(X)
    l1, l2 = check_non_negative_number(l1, "l1"), check_non_negative_number(l2, "l2")
    if validation is not None:
        X_val = as_finite_array(validation[0], "validation X", ndim=2)
        y_val = as_finite_array(validation[1], "validation y")
        if isinstance(loss, CrossEntropyLoss):
            y_val = as_class_indices(y_val)

    rng = np.random.default_rng(seed)  # a Generator is used as it is
    if history is None:
        history = History()
    if history.diverged:
        return history
    first = history.epochs + 1
    for epoch in range(first, first + epochs):
        order = rng.permutation(len(X))
        loss_sum, correct = 0.0, 0.0
        with np.errstate(over="ignore", invalid="ignore"):  # divergence is checked below
            for start in range(0, len(X), batch_size):
                batch = order[start:start + batch_size]
                step_loss, output = train_step(model, loss, optimizer, X[batch], y[batch], l1, l2)
                history.steps += 1
                if running:
                    loss_sum += step_loss * len(batch)
                    correct += (accuracy(loss, output, y[batch]) or 0.0) * len(batch)
                if history.start_loss is None:
                    history.start_loss = step_loss
                if _diverging(step_loss, history.start_loss):
                    history.diverged = True
                    break
        if running:
            train = (loss_sum / len(X), correct / len(X) if classifier else None)
        else:
            train = evaluate(model, loss, X, y)
        if not history.diverged and not np.isfinite(train[0]):
            history.diverged = True
        if history.diverged:
            lr = optimizer.lr
            history.message = (f"Training diverged in epoch {epoch} (step {history.steps}): the "
                               f"loss reached {step_loss:.4g}. The learning rate lr={lr:g} "
                               "is too large for this problem: try a smaller one, e.g. "
                               f"lr={lr / 10:g}. Returning the history so far.")
            if verbose:
                print(history.message)
            break
        val = evaluate(model, loss, X_val, y_val) if validation is not None else None
        _record(history, train[0], train[1], val)
        history.penalty.append(penalty(params, l1, l2))
    return history
