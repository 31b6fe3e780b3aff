"""The lists of values the browser's controls offer, sent once in the `options` trait,
so the JavaScript holds no list of its own and offers exactly what `set` accepts."""

from ..widgets.controls import LEARNING_RATES, REGULARIZATION_RATES, REGULARIZATIONS
from .datasets import CLASSIFICATION, REGRESSION
from .features import FEATURES, LABELS
from .settings import (
    ACTIVATIONS,
    EDGES,
    MAX_BATCH,
    MAX_LAYERS,
    MAX_NEURONS,
    NOISES,
    SPEEDS,
    TRAIN_PERCENTS,
)

DATASET_LABELS = {"circle": "Circle", "xor": "Exclusive or", "gauss": "Gaussian",
                  "spiral": "Spiral", "reg_plane": "Plane", "reg_gauss": "Multi gaussian"}
ACTIVATION_LABELS = {"relu": "ReLU", "tanh": "Tanh", "sigmoid": "Sigmoid", "linear": "Linear"}


def options():
    return {
        "datasets": {"classification": list(CLASSIFICATION), "regression": list(REGRESSION)},
        "dataset_labels": DATASET_LABELS,
        "noise": list(NOISES), "train_percent": list(TRAIN_PERCENTS),
        "batch_size": list(range(1, MAX_BATCH + 1)),
        "lr": list(LEARNING_RATES), "activation": list(ACTIVATIONS),
        "activation_labels": ACTIVATION_LABELS,
        "regularization": list(REGULARIZATIONS), "reg_rate": list(REGULARIZATION_RATES),
        "speed": list(SPEEDS), "features": list(FEATURES), "feature_labels": LABELS,
        "max_layers": MAX_LAYERS, "max_neurons": MAX_NEURONS, "edges": list(EDGES),
    }
