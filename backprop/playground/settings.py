"""The playground's settings: Playground's controls, their values, and which reset training.

| setting        | values (Playground's lists)                          | default     |
|----------------|------------------------------------------------------|-------------|
| dataset        | circle, xor, gauss, spiral; reg_plane, reg_gauss     | circle      |
| noise          | 0, 5, ..., 50 (percent)                              | 0           |
| train_percent  | 10, 20, ..., 90 (percent of the points that train)   | 50          |
| batch_size     | 1 ... 30                                             | 10          |
| lr             | 0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, ... 10    | 0.03        |
| activation     | relu, tanh, sigmoid, linear                          | tanh        |
| regularization | none, L1, L2                                         | none        |
| reg_rate       | 0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10      | 0           |
| features       | any non-empty subset of the seven inputs             | x1, x2      |
| layers         | 0 to 6 hidden layers of 1 to 8 neurons               | [4, 2]      |
| seed           | an integer >= 0: the data, the weights, the shuffling| 0           |
| show_test, discretize | True / False (drawing only)                   | False       |
| speed          | epochs per drawn frame: 1, 2, 5, 10, 20, 50, 100     | 1           |
| edges          | what the edges show: weight w, or gradient dL/dw     | weight      |

`problem` ('classification' or 'regression') follows from the dataset; setting it picks
that problem's first dataset. As in Playground, every change resets training except the
learning rate (the run goes on with the new rate) and the drawing-only settings
(show_test, discretize, speed, edges).
"""

import numbers

from ..validation import lookup
from ..widgets.controls import LEARNING_RATES, REGULARIZATION_RATES, REGULARIZATIONS
from .datasets import CLASSIFICATION, DATASETS, REGRESSION
from .features import FEATURES

ACTIVATIONS = ("relu", "tanh", "sigmoid", "linear")   # Playground's four
NOISES = tuple(range(0, 51, 5))
TRAIN_PERCENTS = tuple(range(10, 91, 10))
SPEEDS = (1, 2, 5, 10, 20, 50, 100)
EDGES = ("weight", "gradient")   # the forward view (Playground's) and the backward view
MAX_LAYERS, MAX_NEURONS, MAX_BATCH = 6, 8, 30

DEFAULTS = {
    "dataset": "circle", "noise": 0, "train_percent": 50, "batch_size": 10, "lr": 0.03,
    "activation": "tanh", "regularization": "none", "reg_rate": 0, "features": ("x1", "x2"),
    "layers": (4, 2), "seed": 0, "show_test": False, "discretize": False, "speed": 1,
    "edges": "weight",
}
# Changing one of these keeps the run going (Playground does not reset for them either).
NO_RESET = {"lr", "show_test", "discretize", "speed", "edges"}


def _listed(value, options):
    return ", ".join(f"{v:g}" if isinstance(v, float) else str(v) for v in options)


def _one_of(options, what):
    def check(value):
        if isinstance(value, bool) or value not in options:
            raise ValueError(f"{what} {value!r} is not one of Playground's values: "
                             f"{_listed(value, options)}.")
        return options[options.index(value)]
    return check


def _integer(value, low, high, what):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or not low <= value <= high:
        raise ValueError(f"{what} must be an integer from {low} to {high}, got {value!r}.")
    return int(value)


def _layers(value):
    if isinstance(value, (str, bytes)) or not hasattr(value, "__len__"):
        raise ValueError(f"layers must be a list of hidden-layer sizes such as [4, 2], "
                         f"got {value!r}.")
    if len(value) > MAX_LAYERS:
        raise ValueError(f"layers: at most {MAX_LAYERS} hidden layers, got {len(value)}.")
    return tuple(_integer(n, 1, MAX_NEURONS, "each layer's number of neurons") for n in value)


def _features(value):
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        raise ValueError(f"features must be a list of feature names, e.g. ['x1', 'x2'], "
                         f"got {value!r}.")
    chosen = set()
    for name in value:
        lookup(name, FEATURES, "feature")
        chosen.add(name)
    if not chosen:
        raise ValueError(f"features: switch on at least one of {', '.join(FEATURES)}.")
    return tuple(name for name in FEATURES if name in chosen)   # Playground's order


def _dataset(value):
    lookup(value, DATASETS, "dataset")
    return value.lower()


def _flag(what):
    def check(value):
        if not isinstance(value, bool):
            raise ValueError(f"{what} must be True or False, got {value!r}.")
        return value
    return check


CHECKS = {
    "dataset": _dataset,
    "noise": _one_of(NOISES, "noise"),
    "train_percent": _one_of(TRAIN_PERCENTS, "train_percent"),
    "batch_size": lambda v: _integer(v, 1, MAX_BATCH, "batch_size"),
    "lr": _one_of(LEARNING_RATES, "lr (the learning rate)"),
    "activation": _one_of(ACTIVATIONS, "activation"),
    "regularization": _one_of(REGULARIZATIONS, "regularization"),
    "reg_rate": _one_of(REGULARIZATION_RATES, "reg_rate (the regularization rate)"),
    "features": _features,
    "layers": _layers,
    "seed": lambda v: _integer(v, 0, 2**32 - 1, "seed"),
    "show_test": _flag("show_test"),
    "discretize": _flag("discretize"),
    "speed": _one_of(SPEEDS, "speed (epochs per frame)"),
    "edges": _one_of(EDGES, "edges (what the edges are drawn by)"),
}
PROBLEMS = {"classification": next(iter(CLASSIFICATION)), "regression": next(iter(REGRESSION))}


def validate(current, changes):
    """The settings after `changes`, every value checked; `current` is not touched.

    Raises TypeError for an unknown setting and ValueError for a bad value, before
    anything changes."""
    new = dict(current)
    changes = dict(changes)
    problem = changes.pop("problem", None)
    if problem is not None:
        first = lookup(problem, PROBLEMS, "problem")
        dataset = changes.get("dataset", new["dataset"])
        if (dataset in CLASSIFICATION) != (problem == "classification"):
            if "dataset" in changes:
                names = CLASSIFICATION if problem == "classification" else REGRESSION
                raise ValueError(f"dataset {dataset!r} is not a {problem} dataset; "
                                 f"choose one of {', '.join(names)}.")
            changes["dataset"] = first
    for name, value in changes.items():
        if name not in CHECKS:
            raise TypeError(f"unknown setting {name!r}; the settings are: "
                            f"problem, {', '.join(CHECKS)}.")
        new[name] = CHECKS[name](value)
    return new


def needs_reset(old, new):
    """True when a setting that defines the run (not the learning rate) changed."""
    return any(old[name] != new[name] for name in new if name not in NO_RESET)
