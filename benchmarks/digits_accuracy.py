"""Goal 4: the digits model of goal 1, trained longer, classifies the test set well.

backprop: MLP 64-128-64-10 (ReLU), Adam lr 0.003, batch 32, EPOCHS epochs, seed 0.
Peer (shown next to it, no goal): scikit-learn's default MLPClassifier(random_state=0)
(one hidden layer of 100, Adam lr 0.001, alpha 1e-4, batch 200) with max_iter=300.
Both use the same split: backprop.datasets.digits() (80/20, stratified, seed 0).
"""

import warnings

from mlp_speed import train_backprop
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

import backprop

EPOCHS, SKLEARN_MAX_ITER = 30, 300


def run(X_train, X_test, y_train, y_test):
    model, history = train_backprop(X_train, y_train, epochs=EPOCHS)
    _, ours = backprop.evaluate(model, backprop.CrossEntropyLoss(), X_test, y_test)
    clf = MLPClassifier(random_state=0, max_iter=SKLEARN_MAX_ITER)
    # Its default tol stops it when the loss flattens; if it is still improving after
    # max_iter it warns. Either way the accuracy it reached is the number we compare.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(X_train, y_train)
    theirs = clf.score(X_test, y_test)
    rows = [(f"digits test accuracy, {EPOCHS} epochs", f"{ours:.4f}",
             ">= 0.97", "PASS" if ours >= 0.97 else "FAIL"),
            (f"  peer: sklearn default MLPClassifier ({clf.n_iter_} epochs)", f"{theirs:.4f}",
             "(reference)", "INFO")]
    notes = [f"digits: {len(X_train)} train / {len(X_test)} test images; backprop's final "
             f"train loss {history.loss[-1]:.4f}"]
    return rows, notes
