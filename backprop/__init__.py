"""backprop: a small, readable backpropagation engine for a hands-on course.

Two engines, one per level of the course:
- `Value` (backprop.scalar): scalar reverse-mode autograd, one number per node;
- `Linear`, `Sequential`, `MLP` (backprop.layers): backprop in matrix form.

Importing this package is cheap: `backprop.plots` and `backprop.widgets` load
matplotlib and ipywidgets only when they are first used.
"""

from .activations import (
    Identity,
    LeakyReLU,
    ReLU,
    Sigmoid,
    Tanh,
    activation_functions,
    get_activation,
)
from .gradcheck import below, gradcheck, norm_error, numerical_gradient, rel_error
from .layers import MLP, Linear, Sequential
from .losses import BCEWithLogitsLoss, CrossEntropyLoss, MSELoss, get_loss, softmax
from .optim import SGD, Adam, RMSprop, get_optimizer
from .parameter import Parameter
from .regularization import penalty
from .scalar import Value
from .scalar_nn import ScalarMLP
from .serialization import load_weights, save_weights
from .training import History, evaluate, fit


def draw_graph(value, **kwargs):
    """Draw the computational graph of a `Value` (see backprop.graph.draw_graph)."""
    from .graph import draw_graph as _draw

    return _draw(value, **kwargs)


def __getattr__(name):
    # Lazy submodules: `backprop.plots`, `backprop.widgets`, `backprop.datasets`, ...
    import importlib

    if name in {"plots", "widgets", "datasets", "graph", "checks", "surfaces", "descent",
                "diagrams", "playground", "stepper"}:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'backprop' has no attribute {name!r}")


__all__ = [
    "Value", "ScalarMLP", "draw_graph", "Linear", "Sequential", "MLP", "Parameter",
    "Sigmoid", "Tanh", "ReLU", "LeakyReLU", "Identity", "get_activation",
    "activation_functions", "MSELoss", "BCEWithLogitsLoss", "CrossEntropyLoss", "get_loss",
    "softmax", "SGD", "RMSprop", "Adam", "get_optimizer", "penalty", "fit", "History",
    "evaluate", "numerical_gradient", "rel_error", "norm_error", "below", "gradcheck",
    "save_weights", "load_weights",
]
