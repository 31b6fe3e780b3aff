"""The playground's run: data, model and training, in pure Python (no widget, no thread).

A run is a function of the settings (see `settings`) and nothing else:

    rng = np.random.default_rng(seed)                 one generator, used in this order:
    X_train, X_test, y_train, y_test = playground_data(dataset, noise, train_percent, rng=rng)
    model = MLP([n_features, *layers, 1], activation, rng=rng)
    fit(model, ..., seed=rng, history=history)        once per learning-rate segment

Training goes through `backprop.fit` itself, a few epochs per call, with the run's
`History` and generator passed on, so the playground trains with exactly the loop a
learner reads in the lessons. `segments` records [lr, epochs] for each stretch trained
at one learning rate, which is all `script.code` needs to write the run as plain Python.

For the backward view, the run also records after every epoch each layer's gradient
norm ||d(L + P)/dW_k||_F on the whole training set at the epoch's final weights
(`grad_norms`, one row per epoch of `history`). So `fit` is called one epoch at a time:
with the same generator and History that is the same training as one call for all the
epochs (SGD keeps no state between calls), and computing a gradient changes no weight.
"""

import numpy as np

from ..layers import MLP
from ..losses import get_loss
from ..training import History, compute_gradients, fit
from .backward import layer_norms
from .datasets import playground_data, problem_of
from .features import features
from .settings import DEFAULTS, needs_reset, validate

LOSSES = {"classification": "bce", "regression": "mse"}


def penalties(settings):
    """(l1, l2) for fit from Playground's regularization and rate."""
    rate = float(settings["reg_rate"])
    return (rate if settings["regularization"] == "L1" else 0.0,
            rate if settings["regularization"] == "L2" else 0.0)


class Run:
    """One training run since the last reset: `model`, `history`, `segments`."""

    def __init__(self, **settings):
        self.settings = validate(DEFAULTS, settings)
        self.reset()

    @property
    def problem(self):
        return problem_of(self.settings["dataset"])

    @property
    def loss(self):
        """The run's loss object (fit's 'bce' or 'mse')."""
        return get_loss(LOSSES[self.problem])

    @property
    def sizes(self):
        return [len(self.settings["features"]), *self.settings["layers"], 1]

    def reset(self):
        """Rebuild data, weights and shuffling from the seed: epoch 0."""
        s = self.settings
        rng = np.random.default_rng(s["seed"])
        X_train, X_test, self.y_train, self.y_test = playground_data(
            s["dataset"], noise=s["noise"], train_percent=s["train_percent"], rng=rng)
        self.points = (X_train, X_test)   # the raw (x1, x2), for drawing
        self.X_train = features(X_train, s["features"])
        self.X_test = features(X_test, s["features"])
        self.model = MLP(self.sizes, activation=s["activation"], rng=rng)
        self.rng = rng
        self.history = History()
        self.segments = []
        self.grad_norms = []   # per epoch: each layer's ||dL/dW||_F on the training set

    def set(self, **changes):
        """Apply validated changes; returns True when they reset the run."""
        new = validate(self.settings, changes)
        reset = needs_reset(self.settings, new)
        self.settings = new
        if reset:
            self.reset()
        return reset

    @property
    def epoch(self):
        """Epochs trained since the reset (the epoch a divergence broke in is not counted)."""
        return self.history.epochs

    def train(self, epochs):
        """Train `epochs` more epochs with `fit` (nothing when the run has diverged)."""
        if self.history.diverged:
            return self.history
        lr = self.settings["lr"]
        if not self.segments or self.segments[-1][0] != lr:
            self.segments.append([lr, 0])
        self.segments[-1][1] += epochs
        l1, l2 = penalties(self.settings)
        loss = self.loss
        for _ in range(epochs):
            done = self.history.epochs
            fit(self.model, self.X_train, self.y_train, loss=loss, optimizer="sgd", lr=lr,
                epochs=1, batch_size=self.settings["batch_size"], l1=l1, l2=l2,
                validation=(self.X_test, self.y_test), seed=self.rng, verbose=False,
                history=self.history)
            if self.history.epochs == done:   # diverged: the epoch is not counted
                break
            with np.errstate(over="ignore", invalid="ignore"):
                compute_gradients(self.model, loss, self.X_train, self.y_train, l1, l2)
            self.grad_norms.append(layer_norms(self.model))
        return self.history
