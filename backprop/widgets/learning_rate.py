"""Learning-rate explorer: what η does in w <- w - η dL/dw, on a surface and on a network.

Three panels, same learning rate η:
1. gradient descent on the bowl L = (a w1^2 + b w2^2)/2 (a=1, b=5): each coordinate is
   multiplied by (1 - η a_i) per step, so it converges iff η < 2/b = 0.4 and the flat
   direction sets the speed: tiny η crawls, η near 2/b zigzags, η > 2/b diverges;
2. that run's loss per step (log scale);
3. a small MLP [1, 8, 1] (tanh) fitting a 1-D curve with the MSE loss, trained with
   `fit` by full-batch gradient descent: the same three regimes on a real network.
A run that diverges stops (never a NaN) and the figure says where and why in red.

`learning_rate_figure` is pure: same arguments, same figure. The network's training
depends only on its arguments and is cached, so moving back to a value only draws.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import ticker

from .. import datasets, plots
from ..layers import MLP
from ..surfaces import bowl, descend, plot_paths
from ..training import fit
from ..validation import check_positive_number
from . import controls

SURFACE = {"a": 1.0, "b": 5.0, "start": (-4.5, 2.0), "text": "L = (w1² + 5 w2²)/2"}
LOSS_LIMITS = (1e-8, 1e8)     # fixed axes, so moving the slider moves the curve, not the axes
MLP_LIMITS = (1e-2, 1e3)
CONVERGED = 1e-3              # "converged": the loss fell below this fraction of its start
CRAWLING = 0.5                # "crawling": after all the steps it is still above this fraction
_CACHE = {}


def network_history(lr, epochs=100, seed=0):
    """History of MLP([1, 8, 1], tanh) fitted to `datasets.regression_1d` (MSE, full
    batch, so one step per epoch is one gradient-descent update) (cached)."""
    key = (float(lr), epochs, seed)
    if key not in _CACHE:
        X, y = datasets.regression_1d(n=100, seed=seed)
        model = MLP([1, 8, 1], activation="tanh", seed=seed)
        _CACHE[key] = fit(model, X, y, loss="mse", lr=lr, epochs=epochs, batch_size=None,
                          seed=seed, verbose=False)
    return _CACHE[key]


def verdict(run, surface):
    """(text, colour) that explains how a gradient-descent run on `surface` ended."""
    if run.diverged:  # run.message starts "diverged at step k: ..."
        return (f"{run.message.split(':')[0]}: lr too large\n(this bowl needs "
                f"lr < 2/b = {surface.max_stable_lr:.2g})", plots.GRADIENT)
    ratio = run.losses[-1] / run.losses[0]
    if ratio < CONVERGED:
        first = int(np.argmax(run.losses < CONVERGED * run.losses[0]))
        return f"converged: L < {CONVERGED:g} x its start after {first} steps", plots.FORWARD
    if ratio < CRAWLING:
        return (f"still descending: after {run.steps} steps L is {ratio:.1%} of its start\n"
                "(a larger lr gets there sooner)", plots.TRAIN)
    moved = float(np.linalg.norm(run.points[-1] - run.points[0]))
    return (f"crawling: in {run.steps} steps w moved only {moved:.2g}\n"
            f"and L fell by {1 - ratio:.1%}: lr too small", plots.GRADIENT)


def _note(ax, text, color, y=0.04):
    ax.text(0.5, y, text, transform=ax.transAxes, ha="center", va="bottom", fontsize=13,
            color=color, bbox={"facecolor": "white", "alpha": 0.9, "edgecolor": color})


def _log_axis(ax, ticks):
    """Log y-axis with plain labels (1e-04): mathtext's 10^k labels are parsed again for
    every new figure and would cost more than the rest of a widget update."""
    ax.set_yscale("log")
    ax.yaxis.set_major_locator(ticker.FixedLocator(ticks))
    ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"1e{np.log10(v):.0f}"))
    ax.yaxis.set_minor_locator(ticker.NullLocator())


def _plot_surface_losses(ax, run, steps):
    ax.plot(np.arange(run.steps + 1), run.losses, "-o", color=plots.TRAIN, markersize=3)
    if run.diverged:
        ax.axvline(run.steps + 0.5, color=plots.GRADIENT, linestyle=":")
    _log_axis(ax, [1e-8, 1e-4, 1, 1e4, 1e8])
    ax.set(ylim=LOSS_LIMITS, xlim=(0, steps), xlabel="step k", ylabel="L(w_k)",
           title="loss per step on the bowl")


def _plot_network(ax, lr, epochs, seed):
    history = network_history(lr, epochs, seed)
    ax.plot(np.arange(1, history.epochs + 1), history.loss, "-", color=plots.TRAIN)
    _log_axis(ax, [1e-2, 1e-1, 1, 1e1, 1e2, 1e3])
    ax.set(ylim=MLP_LIMITS, xlim=(0, epochs), xlabel="epoch (one full-batch step)",
           ylabel="training loss (MSE)", title="MLP [1, 8, 1] fitting a curve")
    if history.diverged:
        ax.axvline(history.epochs + 0.5, color=plots.GRADIENT, linestyle=":")
        _note(ax, f"diverged in epoch {history.epochs + 1}: lr too large", plots.GRADIENT, 0.75)
    else:
        _note(ax, f"loss after epoch 1: {history.loss[0]:.3g}, after epoch {epochs}: "
              f"{history.loss[-1]:.3g}", plots.TRAIN, 0.75)


def learning_rate_figure(lr=0.03, steps=50, epochs=100, seed=0):
    """Figure: the gradient-descent path on a bowl (left), its loss per step (top right)
    and an MLP's training loss per epoch (bottom right), all with learning rate `lr`."""
    lr = check_positive_number(lr, "lr (the learning rate)")
    surface = bowl(SURFACE["a"], SURFACE["b"], start=SURFACE["start"])
    run = descend(surface, optimizer="sgd", lr=lr, steps=steps)
    # A fixed layout instead of the style's autolayout: tight_layout measures every label
    # on each update and would double the drawing time of a slider move.
    with plt.rc_context({**plots.STYLE, "figure.autolayout": False}):
        fig = plt.figure(figsize=(12.8, 7.2))
        grid = fig.add_gridspec(2, 2, width_ratios=(1.25, 1), left=0.06, right=0.98, bottom=0.09,
                                top=0.93, wspace=0.2, hspace=0.42)
        ax_path = fig.add_subplot(grid[:, 0])
        plot_paths(surface, run, ax=ax_path, legend=False, resolution=80, levels=12,
                   title=f"gradient descent, lr = {lr:g}, on {SURFACE['text']}")
        ax_path.set(xlabel="w1", ylabel="w2")
        _note(ax_path, *verdict(run, surface))
        _plot_surface_losses(fig.add_subplot(grid[0, 1]), run, steps)
        _plot_network(fig.add_subplot(grid[1, 1]), lr, epochs, seed)
    return fig


def learning_rate_explorer(value=0.03, steps=50, epochs=100, seed=0, precompute=True):
    """Playground's learning-rate slider (0.00001 ... 10) over `learning_rate_figure`.
    With `precompute`, the network is trained (and cached) for every value first."""
    check_positive_number(value, "value (the learning rate)")
    if precompute:
        for lr in controls.LEARNING_RATES:
            network_history(lr, epochs, seed)
    return controls.explorer(lambda lr: learning_rate_figure(lr, steps, epochs, seed),
                             {"lr": controls.learning_rate_slider(value)},
                             css_class="learning-rate-explorer")
