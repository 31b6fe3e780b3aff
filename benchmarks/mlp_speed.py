"""Goal 1: training speed of the matrix engine through the public API.

A 64-128-64-10 ReLU MLP on the digits, Adam (lr 0.003, betas 0.9/0.999, eps 1e-8),
batch 32, float64, 10 epochs, timed three ways in the same run:
- `backprop.fit(backprop.MLP(...), ..., train_metrics="running")`: training loss and
  accuracy as the mean over each epoch's mini-batches, which is what scikit-learn
  records too (its `loss_curve_`), so all three do the same arithmetic;
- the bare numpy loop of `numpy_mlp.py`, from a copy of the same initial weights;
- scikit-learn's MLPClassifier with the same architecture and settings.
Ratios: backprop / numpy (goal <= 1.2: the package costs at most 20% over bare numpy)
and backprop / scikit-learn (goal <= 0.6), with bare numpy / scikit-learn as a reference
(the floor for the second goal: the package cannot beat the arithmetic it does). A
reference row repeats the numpy comparison
with fit's default `train_metrics="end_of_epoch"` (one more forward pass over the
training set per epoch, in both).
"""

import warnings

import numpy_mlp
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier
from timer import agreement_row, interleaved, ratio_row

import backprop

SIZES, LR, EPOCHS, BATCH = [64, 128, 64, 10], 0.003, 10, 32


def initial_weights():
    model = backprop.MLP(SIZES, activation="relu", seed=0)
    return [(layer.W.data.copy(), layer.b.data.copy()) for layer in model.layers
            if isinstance(layer, backprop.Linear)]


def train_backprop(X, y, epochs=EPOCHS, train_metrics="running"):
    model = backprop.MLP(SIZES, activation="relu", seed=0)
    history = backprop.fit(model, X, y, loss="cross_entropy", optimizer="adam", lr=LR,
                           epochs=epochs, batch_size=BATCH, seed=0, verbose=False,
                           train_metrics=train_metrics)
    return model, history


def train_sklearn(X, y):
    clf = MLPClassifier(hidden_layer_sizes=(128, 64), activation="relu", solver="adam",
                        batch_size=BATCH, max_iter=EPOCHS, learning_rate_init=LR, alpha=0,
                        tol=0, n_iter_no_change=10**9, shuffle=True, random_state=0)
    # Stopping after exactly 10 epochs is the point (equal work for every contestant),
    # so scikit-learn's "did not converge" warning says nothing here: silence it.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return clf.fit(X, y)


def run(X, y, repeat=9):
    """Rows (name, measured, goal, status) and note lines."""
    weights = initial_weights()
    best = interleaved({"backprop": lambda: train_backprop(X, y),
                        "numpy": lambda: numpy_mlp.train(weights, X, y, EPOCHS, BATCH, LR,
                                                         metrics="running"),
                        "backprop, end of epoch": lambda: train_backprop(
                            X, y, train_metrics="end_of_epoch"),
                        "numpy, end of epoch": lambda: numpy_mlp.train(
                            weights, X, y, EPOCHS, BATCH, LR),
                        "sklearn": lambda: train_sklearn(X, y)}, repeat)
    t = {name: cpu for name, (cpu, _) in best.items()}
    wall = {name: seconds for name, (_, seconds) in best.items()}
    _, history = train_backprop(X, y)
    bare_loss, _ = numpy_mlp.train(weights, X, y, EPOCHS, BATCH, LR, metrics="running")
    diff = abs(history.loss[-1] - bare_loss)
    rows = [
        ratio_row("MLP fit, 10 epochs: backprop / bare numpy", t["backprop"], t["numpy"], 1.2),
        ratio_row("MLP fit, 10 epochs: backprop / scikit-learn", t["backprop"], t["sklearn"], 0.6),
        ratio_row("  reference: bare numpy / scikit-learn (the same arithmetic without the package)",
                  t["numpy"], t["sklearn"]),
        ratio_row("  reference: same, end-of-epoch metrics: backprop / numpy",
                  t["backprop, end of epoch"], t["numpy, end of epoch"]),
        agreement_row("MLP final train loss: |backprop - numpy|", diff,
                      f"{history.loss[-1]:.6f} vs {bare_loss:.6f}"),
    ]
    notes = [f"MLP fit: best of {repeat} interleaved runs each (CPU time); wall-clock ratios "
             f"{wall['backprop'] / wall['numpy']:.2f}x numpy, "
             f"{wall['backprop'] / wall['sklearn']:.2f}x scikit-learn"]
    return rows, notes
