"""A PNG of the playground's current state, for places where no widget can run.

GitHub, nbviewer and an untrusted notebook show the `image/png` of the display data
instead of the widget: the output heatmap with the points, the network with its
weights, and the loss curves, drawn with the course's own figure helpers. Once the run
has trained, the gradient norm of every layer per epoch (log scale, the backward view's
chart) sits under the loss curves, so a saved lesson keeps its vanishing gradients.
"""

import io

import matplotlib
import numpy as np
from matplotlib.figure import Figure

from ..diagrams import draw_network
from ..plots import CLASS_COLORS, DIVERGING, SERIES, STYLE, plot_loss_curves
from .frame import DOMAIN, big_map


def snapshot_png(run):
    """PNG bytes: heatmap and points | network | loss curves."""
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(12.8, 4.2), dpi=80)
        trained = len(run.grad_norms) > 0
        grid = fig.add_gridspec(2 if trained else 1, 3, width_ratios=[1, 1.4, 1.3])
        heat, net = fig.add_subplot(grid[:, 0]), fig.add_subplot(grid[:, 1])
        curves = fig.add_subplot(grid[0, 2])
        values = big_map(run, None).astype(np.float64) / 127.5 - 1.0
        heat.imshow(values, cmap=DIVERGING, vmin=-1, vmax=1,
                    extent=(-DOMAIN, DOMAIN, -DOMAIN, DOMAIN), interpolation="bilinear")
        X_train = run.points[0]
        if run.problem == "classification":
            colors = np.array(CLASS_COLORS)[run.y_train.astype(int)]
        else:
            colors = DIVERGING((np.clip(run.y_train, -1, 1) + 1) / 2)
        heat.scatter(X_train[:, 0], X_train[:, 1], c=colors, s=10, edgecolors="white",
                     linewidths=0.4)
        heat.set(xlim=(-DOMAIN, DOMAIN), ylim=(-DOMAIN, DOMAIN), title=f"output, epoch {run.epoch}")
        heat.set_aspect("equal")
        heat.grid(False)
        draw_network(run.sizes, run.model, ax=net, show_shapes=False, node_size=250, fontsize=8)
        net.set_title(f"{run.settings['activation']}, lr={run.settings['lr']:g}")
        plot_loss_curves(run.history, ax=curves, title="loss")
        if trained:
            curves.set_xlabel("")   # the chart below carries the epoch axis
            norms_plot(fig.add_subplot(grid[1, 2], sharex=curves), np.array(run.grad_norms))
        fig.set_layout_engine("tight")
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
    return buffer.getvalue()


def norms_plot(ax, norms):
    """Each layer's ||dL/dW|| per epoch (norms: (epochs, layers)) on a log scale."""
    epochs = np.arange(1, len(norms) + 1)
    for k in range(norms.shape[1]):
        name = "out" if k == norms.shape[1] - 1 else f"L{k + 1}"
        values = np.where(norms[:, k] > 0, norms[:, k], np.nan)   # log scale: 0 is not drawn
        ax.plot(epochs, values, color=SERIES[k % len(SERIES)], label=name, linewidth=1.2,
                linestyle="-" if k < len(SERIES) else "--")
    if np.any(norms > 0):
        ax.set_yscale("log")
    ax.set(xlabel="epoch", ylabel="||dL/dW||")
    ax.legend(ncol=min(4, norms.shape[1]), fontsize=6, loc="upper right", title_fontsize=6,
              title="gradient norm per layer", framealpha=0.8)
