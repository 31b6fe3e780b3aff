"""Activation explorer: what the choice of f in A = f(Z) does, in three panels.

1. f(z) and f'(z) (`plots.plot_activation`);
2. training: the loss per epoch of a small MLP ([2, 8, 8, 1]) fitted with `fit` on a
   Playground set, for every activation (the chosen one bold, the others faint, so the
   comparison is on screen);
3. gradient flow: ||dW|| per layer of a deep net (8 hidden layers of width 16) after one
   backward pass at initialisation. Backprop multiplies by f'(Z) once per layer,

       dZ_l = (dZ_{l+1} W_{l+1}^T) * f'(Z_l),

   and sigmoid' <= 1/4, so with sigmoid the first layers get gradients orders of
   magnitude smaller than the last (vanishing gradients); the log scale shows it.

`activation_figure` is pure (same arguments, same figure). The training runs and the
gradient norms depend only on the arguments, so they are cached at module level; the
explorer draws each activation's figure once, when it is built (`explorer.explorer`).
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import ticker

from .. import datasets, plots
from ..activations import ACTIVATIONS
from ..layers import MLP
from ..losses import BCEWithLogitsLoss
from ..training import fit
from . import controls
from .explorer import explorer

_CACHE = {}
# Fixed y-ranges, so switching activation moves the curves and bars, not the axes.
GRADIENT_LIMITS, LOSS_LIMITS = (1e-8, 1e1), (5e-4, 30.0)
_LINESTYLES = {"relu": "-", "tanh": "--", "sigmoid": ":", "linear": "-.",
               "leaky_relu": (0, (6, 2, 1, 2))}


def _check_settings(activation, dataset):
    if activation not in controls.ACTIVATIONS and activation not in ACTIVATIONS:
        raise ValueError(f"unknown activation {activation!r}; choose one of "
                         f"{', '.join(controls.ACTIVATIONS)}.")
    if dataset not in datasets.PLAYGROUND:
        raise ValueError(f"unknown dataset {dataset!r}; choose one of "
                         f"{', '.join(sorted(datasets.PLAYGROUND))}.")


def training_history(activation, dataset="circle", lr=0.3, epochs=100, seed=0):
    """History of `fit` for MLP([2, 8, 8, 1]) with BCE, mini-batches of 32 (cached)."""
    key = ("train", activation, dataset, lr, epochs, seed)
    if key not in _CACHE:
        X, y = datasets.PLAYGROUND[dataset](n=200, seed=seed)
        model = MLP([2, 8, 8, 1], activation=activation, seed=seed)
        _CACHE[key] = fit(model, X, y, loss="bce", lr=lr, epochs=epochs, batch_size=32,
                          seed=seed, verbose=False)
    return _CACHE[key]


def deep_gradient_norms(activation, dataset="circle", depth=8, width=16, seed=0):
    """{'layers[0].W': ||dW||, ...} of MLP([2] + [width]*depth + [1]) after one forward and
    backward pass of the BCE loss at initialisation (cached)."""
    key = ("grad", activation, dataset, depth, width, seed)
    if key not in _CACHE:
        X, y = datasets.PLAYGROUND[dataset](n=200, seed=seed)
        model = MLP([2] + [width] * depth + [1], activation=activation, seed=seed)
        loss = BCEWithLogitsLoss()
        loss.forward(model.forward(X), y)
        model.backward(loss.backward())
        _CACHE[key] = plots.gradient_norms(model)
    return _CACHE[key]


def _plot_training(ax, activation, dataset, lr, epochs, seed):
    for name in controls.ACTIVATIONS:  # the others first, faint, so the chosen one is on top
        if name != activation:
            history = training_history(name, dataset, lr, epochs, seed)
            ax.plot(np.arange(1, history.epochs + 1), history.loss, color=plots.NEUTRAL,
                    linewidth=1.5, linestyle=_LINESTYLES[name], label=name)
    history = training_history(activation, dataset, lr, epochs, seed)
    ax.plot(np.arange(1, history.epochs + 1), history.loss, color=plots.TRAIN, linewidth=3,
            label=activation)
    ax.set_yscale("log")
    ax.set_ylim(*LOSS_LIMITS)
    ax.set(xlabel="epoch", ylabel="training loss (log)",
           title=f"training on {dataset}: accuracy {history.accuracy[-1]:.1%}")
    ax.legend(loc="upper right", fontsize=10, ncol=3)  # above the curves: loss < 2


def _plot_gradients(ax, activation, dataset, depth, width, seed):
    norms = deep_gradient_norms(activation, dataset, depth, width, seed)
    plots.plot_gradient_norms(norms, ax=ax, title=f"gradient norm per layer at initialisation "
                                                  f"({depth} hidden layers of {width})")
    ax.set_ylim(*GRADIENT_LIMITS)
    values = list(norms.values())
    ax.set_xticks(range(len(values)), [str(i + 1) for i in range(len(values))])
    ax.set_xlabel("layer (input → output)")
    ax.text(0.01, 0.95, f"layer 1 / layer {len(values)}: {values[0] / values[-1]:.1e}",
            transform=ax.transAxes, ha="left", va="top", color=plots.GRADIENT)


# Mathtext is parsed again for every new figure (its cache lives in the renderer), which
# costs more than the rest of a widget update; these labels say the same in plain text.
_PLAIN_LABELS = {"$f(z)$": "f(z)", "$f'(z)$": "f'(z)", "$z$": "z", "$\\|dW\\|$": "||dW||"}


def _plain_text(fig):
    """Plain-text labels and log ticks (1e-04, no minor labels): same content, drawn faster."""
    for ax in fig.axes:
        for text in [ax.xaxis.label, ax.yaxis.label] + (ax.get_legend().get_texts()
                                                       if ax.get_legend() else []):
            text.set_text(_PLAIN_LABELS.get(text.get_text(), text.get_text()))
        if ax.get_yscale() == "log":
            ax.yaxis.set_major_locator(ticker.LogLocator(numticks=6))
            ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{v:.0e}"))
            ax.yaxis.set_minor_locator(ticker.NullLocator())


def activation_figure(activation="tanh", dataset="circle", lr=0.3, epochs=100, depth=8,
                      width=16, seed=0):
    """Figure: f and f' (top left), training loss per epoch (top right), ||dW|| per layer
    of a deep net at initialisation (bottom)."""
    _check_settings(activation, dataset)
    # A fixed layout instead of the style's autolayout: tight_layout would measure every
    # label on each update and double the drawing time of a widget change.
    with plt.rc_context({**plots.STYLE, "figure.autolayout": False}):
        fig = plt.figure(figsize=(11.2, 6.3))
        grid = fig.add_gridspec(2, 2, left=0.09, right=0.98, bottom=0.1, top=0.94, wspace=0.24,
                                hspace=0.45)
        ax_f, ax_train, ax_grad = (fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[0, 1]),
                                   fig.add_subplot(grid[1, :]))
        plots.plot_activation(activation, ax=ax_f)
        ax_f.set_title(f"{activation}: f and its derivative f'")
        _plot_training(ax_train, activation, dataset, lr, epochs, seed)
        _plot_gradients(ax_grad, activation, dataset, depth, width, seed)
        _plain_text(fig)
        ax_f.locator_params(nbins=4)  # every tick label is text to draw: fewer is faster
        ax_train.locator_params(axis="x", nbins=4)
    return fig


def activation_explorer(value="tanh", dataset="circle", lr=0.3, epochs=100, depth=8, width=16,
                        seed=0, precompute=True):
    """Dropdown of Playground's activations over `activation_figure` (other settings fixed).

    With `precompute`, every activation's figure is drawn before the widget is returned,
    so a change shows a ready image (`explorer.explorer`)."""
    _check_settings(value, dataset)
    return explorer(lambda activation: activation_figure(activation, dataset, lr, epochs, depth,
                                                         width, seed),
                    {"activation": controls.activation_dropdown(value)},
                    css_class="activation-explorer", precompute=precompute)
