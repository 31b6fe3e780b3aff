"""Checks for homework 11: accuracy, the confusion matrix, and a digit classifier.

    accuracy = mean(argmax_k logits[n, k] == y[n])
    C[i, j]  = number of examples of true class i predicted as class j   (rows: truth)
"""

import numpy as np

from .. import datasets
from .compare import compare
from .feedback import call, exercise_check, hidden_seed, require
from .training import check_target_accuracy


@exercise_check("accuracy")
def check_accuracy(accuracy):
    rng = np.random.default_rng(hidden_seed(1101))
    logits, y = rng.normal(size=(50, 10)), rng.integers(0, 10, size=50)
    y[:20] = logits[:20].argmax(axis=1)  # make some right, so the answer is not about 0.1
    expected = float(np.mean(logits.argmax(axis=1) == y))
    compare("accuracy", call(accuracy, logits, y), expected,
            [("That is a count; the accuracy is the fraction right (divide by N).",
              expected * len(y)),
             ("That is the error rate, 1 - accuracy.", 1 - expected)],
            where="for 50 hidden examples, 10 classes")
    return "right for 50 hidden examples."


@exercise_check("confusion_matrix")
def check_confusion_matrix(confusion_matrix):
    rng = np.random.default_rng(hidden_seed(1102))
    k = 4
    y_true = rng.integers(0, k, size=40)
    y_pred = np.where(rng.uniform(size=40) < 0.6, y_true, rng.integers(0, k, size=40))
    expected = np.zeros((k, k))
    np.add.at(expected, (y_true, y_pred), 1)
    compare("C", call(confusion_matrix, y_true, y_pred, k), expected,
            [("Rows and columns are swapped (a missing transpose): C[i, j] counts true class i "
              "predicted as j, so rows are the truth.", expected.T)],
            where=f"for 40 hidden labels, {k} classes")
    return "right, rows are the true class."


@exercise_check("train_digits")
def check_train_digits(train_digits):
    # The hidden digits come from scikit-learn: without it, nothing can be checked, and
    # that is the grading environment's fault, not the learner's.
    require("sklearn.datasets", "scikit-learn", "loading the hidden digits")
    require("sklearn.model_selection", "scikit-learn", "splitting the hidden digits")
    X_train, X_test, y_train, y_test = datasets.digits(test_fraction=0.25,
                                                        seed=hidden_seed(1103) % 2 ** 32)
    return check_target_accuracy(train_digits, X_train, y_train, X_test, y_test, 0.95)
