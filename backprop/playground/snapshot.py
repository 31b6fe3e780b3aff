"""A PNG of the playground's current state, for places where no widget can run.

GitHub, nbviewer and an untrusted notebook show the `image/png` of the display data
instead of the widget: the output heatmap with the points and a colour bar, the network,
and the loss curves, drawn with the course's own figure helpers. Once the run has
trained, the gradient norm of every layer per epoch (log scale, the backward view's
chart) sits under the loss curves, so a saved lesson keeps its vanishing gradients.

The network's edges follow the playground's `edges` setting, as the widget draws them:
- "weight": colour by the sign of w (class 0's colour for w < 0, class 1's for w > 0),
  width by |w| relative to the largest;
- "gradient": the training-set gradient d(L + P)/dw of every weight (P the penalty),
  on the widget's log scale: t = (log10 |dL/dw| - GRAD_LO) / (GRAD_HI - GRAD_LO),
  clipped to [0, 1], gives the width and the mix from the map's centre to the gradient
  colour; an exact 0 is t = 0.
A line under the network says which, so a still picture is never read the wrong way.
"""

import io

import matplotlib
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter, LogLocator, NullFormatter

from ..diagrams import draw_network
from ..plots import CLASS_COLORS, DIVERGING, GRADIENT, SERIES, STYLE, plot_loss_curves, series_style
from .backward import backward_pass, linears
from .frame import DOMAIN, big_map
from .run import penalties

# The widget's gradient scale (backprop/widgets/static/network.js): |dL/dw| from 1e-5 to 1.
GRAD_LO, GRAD_HI = -5, 0
# Up to this many columns (input, hidden layers, output) the layer names fit on one row
# (the network's panel is about 300 px wide at 1280 px: 40 px a column for 7).
STAGGER_ABOVE = 7
# The bottom strip of the figure (a fraction of its height) kept for the edges' key line.
KEY_ROOM = 0.06


def snapshot_png(run):
    """PNG bytes: heatmap and points | network | loss curves."""
    with matplotlib.rc_context(STYLE):
        fig = snapshot_figure(run)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
    return buffer.getvalue()


def snapshot_figure(run):
    """The picture as a laid-out matplotlib Figure (drawn inside the course's style)."""
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(12.8, 5.0), dpi=80)
        trained = len(run.grad_norms) > 0
        # the map is square (its height sets its width), so its column needs little more than
        # the height; the network gets the rest, so a deep net's columns stand apart
        grid = fig.add_gridspec(2 if trained else 1, 3, width_ratios=[1.45, 1.65, 1.2])
        heat, net = fig.add_subplot(grid[:, 0]), fig.add_subplot(grid[:, 1])
        curves = fig.add_subplot(grid[0, 2])
        values = big_map(run, None).astype(np.float64) / 127.5 - 1.0
        image = heat.imshow(values, cmap=DIVERGING, vmin=-1, vmax=1,
                            extent=(-DOMAIN, DOMAIN, -DOMAIN, DOMAIN), interpolation="bilinear")
        _colour_bar(fig, heat, image, run.problem)
        X_train = run.points[0]
        if run.problem == "classification":
            colors = np.array(CLASS_COLORS)[run.y_train.astype(int)]
        else:
            colors = DIVERGING((np.clip(run.y_train, -1, 1) + 1) / 2)
        heat.scatter(X_train[:, 0], X_train[:, 1], c=colors, s=10, edgecolors="white",
                     linewidths=0.4)
        heat.set(xlim=(-DOMAIN, DOMAIN), ylim=(-DOMAIN, DOMAIN), title=f"output, epoch {run.epoch}",
                 xlabel="$x_1$", ylabel="$x_2$")
        heat.set_aspect("equal")
        heat.grid(False)
        _network(net, run)
        plot_loss_curves(run.history, ax=curves, title="loss")
        # outside, on the right, like the gradient chart's key: inside it covers the curves
        curves.legend(fontsize=10, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
                      handlelength=2.2)
        if trained:
            curves.set_xlabel("")   # the chart below carries the epoch axis
            norms_plot(fig.add_subplot(grid[1, 2], sharex=curves), np.array(run.grad_norms))
        fig.set_layout_engine("tight", rect=(0, KEY_ROOM, 1, 1))   # the key: see _network
    return fig


def _colour_bar(fig, ax, image, problem):
    """The heatmap's scale. Classification draws tanh(z/2) = 2 P(class 1) - 1, so the bar
    is labelled by the probability; regression draws the output itself."""
    # an inset bar: one taken from the grid cell would shrink the equal-aspect map to a stamp
    bar = fig.colorbar(image, cax=ax.inset_axes([1.04, 0.0, 0.05, 1.0]), ticks=[-1, 0, 1])
    if problem == "classification":
        bar.ax.set_yticklabels(["0", "0.5", "1"])
        bar.set_label("P(class 1)", fontsize=11)
    else:
        bar.set_label("output", fontsize=11)
    bar.ax.tick_params(labelsize=9)


def layer_symbols(sizes):
    """x, a^(1), ..., a^(L-1), y-hat: one name per layer, as the lessons write them."""
    hidden = [f"a^{{({k})}}" for k in range(1, len(sizes) - 1)]
    return ["x", *hidden, r"\hat{y}"]


def gradient_fraction(grad):
    """t in [0, 1] of the widget's log scale for each |dL/dw| (0 for an exact 0)."""
    size = np.abs(np.asarray(grad, dtype=np.float64))
    with np.errstate(divide="ignore"):
        t = (np.log10(size) - GRAD_LO) / (GRAD_HI - GRAD_LO)
    return np.where(size > 0, np.clip(t, 0.0, 1.0), 0.0)


def _network(ax, run):
    """The network, its edges drawn by w or by dL/dw as the `edges` setting says."""
    symbols = layer_symbols(run.sizes)
    by_gradient = run.settings["edges"] == "gradient"
    diagram = draw_network(run.sizes, None if by_gradient else run.model, ax=ax,
                           symbols=symbols, show_shapes=False, node_size=250, fontsize=8)
    # one name per layer, written once under its column: a name in every small node
    # (a^(2)_3) is too small to read at 1280x720
    low = min(float(np.min(positions[:, 1])) for positions in diagram.positions)
    # a deep net's columns are closer than a name is wide: its names alternate between
    # two rows, so neighbours never overlap (each row's names are two columns apart)
    staggered = len(symbols) > STAGGER_ABOVE
    for k, texts in enumerate(diagram.texts):
        for text in texts:
            text.set_text("")
        drop = 0.55 + (0.95 if staggered and k % 2 else 0.0)
        name = ax.text(float(diagram.positions[k][0, 0]), low - drop, f"${symbols[k]}$",
                       ha="center", va="top", fontsize=12 if staggered else 13)
        name.set_in_layout(False)   # inside the axes (the ylim below), so the layout may skip it
    ax.set_ylim(bottom=low - 0.55 - (0.95 if staggered else 0.0) - 0.6)
    if by_gradient:
        l1, l2 = penalties(run.settings)
        with np.errstate(over="ignore", invalid="ignore"):
            backward_pass(run.model, run.loss, run.X_train, run.y_train, l1, l2)
        mid = np.array(DIVERGING(0.5)[:3])
        end = np.array(matplotlib.colors.to_rgb(GRADIENT))
        for lines, layer in zip(diagram.edges, linears(run.model)):
            t = gradient_fraction(np.nan_to_num(layer.W.grad, nan=0.0))
            for (i, j), line in np.ndenumerate(lines):
                share = 0.12 + 0.88 * t[i, j]
                line.set_color(tuple((1 - share) * mid + share * end))
                line.set_linewidth(0.5 + 4.0 * t[i, j])
        key = (f"edges: |∂L/∂w| on a log scale, 1e{GRAD_LO} (thin, pale) to 1 (thick, "
               "vermillion)")
    else:
        key = "edges: w < 0 orange, w > 0 sky blue; width and opacity grow with |w| (0: unseen)"
        # width AND opacity grow with |w| from 0, so a weight near 0 (one L1 removed) is
        # all but invisible and the weights that matter stand out, even in a dense net
        weights = [np.nan_to_num(layer.W.data, nan=0.0) for layer in linears(run.model)]
        # the scale's top is the 90th percentile of |w|, not the largest: a few weights
        # that blew up (a too-large learning rate) would otherwise hide all the others
        # ("lower": an actual weight, so one outlier in a small net does not set it)
        largest = float(np.percentile(np.abs(np.concatenate([W.ravel() for W in weights])),
                                      90, method="lower")) or 1.0
        thickest = 4.5 if sum(W.size for W in weights) <= 40 else 2.5
        for lines, W in zip(diagram.edges, weights):
            for (i, j), line in np.ndenumerate(lines):
                share = min(1.0, abs(float(W[i, j])) / largest)
                line.set_linewidth(0.1 + thickest * share)
                line.set_alpha(min(1.0, 0.04 + 1.2 * share ** 0.7))
    settings = run.settings
    title = f"{settings['activation']}, η = {settings['lr']:g}"
    if settings["regularization"] != "none" and settings["reg_rate"]:
        title += f", {settings['regularization']} λ = {settings['reg_rate']:g}"
    ax.set_title(title)
    # left out of the tight layout: the key is wider than the network's column, and the
    # layout would otherwise narrow the network's axes until the key fitted (a squashed net)
    # (centred under the network, in the figure's bottom strip)
    under = matplotlib.transforms.blended_transform_factory(ax.transAxes, ax.figure.transFigure)
    ax.text(0.5, 0.012, key, transform=under, ha="center", va="bottom",
            fontsize=11).set_in_layout(False)


def norms_plot(ax, norms):
    """Each layer's ||dL/dW|| per epoch (norms: (epochs, layers)) on a log scale: a colour,
    a line style and a sparse marker per layer (series_style), so layers stay apart even
    where two colours are close. All zero (every unit dead) says so in words."""
    epochs = np.arange(1, len(norms) + 1)
    if not np.any(norms > 0):
        ax.text(0.5, 0.5, "every ||dL/dW|| = 0", transform=ax.transAxes, ha="center",
                va="center", fontsize=11)
        ax.set(xlabel="epoch", ylabel="||dL/dW||", yticks=[])
        return
    every = max(1, len(epochs) // 6)
    for k in range(norms.shape[1]):
        name = "out" if k == norms.shape[1] - 1 else f"W{k + 1}"   # not L1: the penalty
        values = np.where(norms[:, k] > 0, norms[:, k], np.nan)   # log scale: 0 is not drawn
        if name == "out":   # its own style: the playground has at most 6 hidden layers,
            style = {"color": "#333333", "linestyle": "-", "marker": "x"}   # 6 series
        else:
            style = series_style(k % len(SERIES))
        ax.plot(epochs, values, label=name, linewidth=1.3, markersize=4,
                markevery=(k % every, every), **style)
    ax.set_yscale("log")
    # a few labelled ticks whatever the range: powers of 10 on a long axis, also 2 and 5
    # times them on a shorter one, and three round values inside a range under 10x (where
    # matplotlib would fall back to a crowded linear set)
    positive = norms[norms > 0]
    decades = np.log10(positive.max() / positive.min())
    if decades < 1:
        ticks = np.geomspace(positive.min(), positive.max(), 3)
        ax.yaxis.set_major_locator(FixedLocator([float(f"{t:.2g}") for t in ticks]))
    else:
        ax.yaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0) if decades < 2
                                              else (1.0,), numticks=12))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    ax.yaxis.set_minor_formatter(NullFormatter())   # minor labels pile up on a short axis
    ax.set(xlabel="epoch", ylabel="||dL/dW||")
    # outside the axes, on the right: inside it would cover the curves it names
    ax.legend(fontsize=10, loc="upper left", bbox_to_anchor=(1.01, 1.0), title_fontsize=9,
              title="weights", frameon=False, handlelength=2.2)
