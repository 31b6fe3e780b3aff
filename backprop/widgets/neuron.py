"""Neuron explorer: move w1, w2 and b of one sigmoid neuron and watch its output, its
loss and the gradient that would correct it.

The neuron of lesson 03: a = sigma(z), z = w1 x1 + w2 x2 + b, with the mean squared
error over N points,

    L = (1/N) sum_n (a_n - y_n)^2,
    dL/dz_n = (2/N) (a_n - y_n) a_n (1 - a_n),
    dL/dw_i = sum_n dL/dz_n x_n,i,        dL/db = sum_n dL/dz_n.

Two panels, one setting (w1, w2, b):
1. the input plane: a(x) as the background (a colour bar from 0 to 1), the points in
   their class colours, the decision line z = 0 (where a = 1/2) and the direction of w,
   which is perpendicular to it and points to the side where z > 0 (class 1);
2. weight space: the loss L(w1, w2) at this b as contour lines, the current w as a dot
   and -dL/dw (drawn ARROW_SCALE times longer) as an arrow in the gradient colour: the
   direction of a gradient-descent step, at right angles to the contours, downhill.

`neuron_figure` is pure (same arguments, same figure); the explorer draws a setting the
first time it is visited and keeps its PNG (three sliders have too many combinations to
draw them all in advance).
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.lines import Line2D

from .. import datasets, plots
from ..activations import activation_functions
from ..validation import as_finite_array
from . import controls
from .explorer import explorer

WEIGHT_RANGE = (-4.0, 4.0)   # the sliders' ranges: wide enough to saturate the sigmoid
BIAS_RANGE = (-3.0, 3.0)
SLIDER_STEP = 0.25
ARROW_SCALE = 4.0            # the arrow is -ARROW_SCALE * dL/dw: -dL/dw itself is too short to see
MIN_ARROW = 0.35             # shorter (weight units), it hides behind the dot: the legend says so
PLANE = (-3.0, 3.0)          # the input plane shown (the lesson's halved Gaussian clouds fit)
FIGSIZE = (12.8, 6.0)
INK = "#333333"              # text and the decision line: neutral, not a palette meaning
_sigmoid = activation_functions("sigmoid")[0]   # the package's sigma, as lesson 03 uses it


def _check_data(X, y):
    X = as_finite_array(X, "X", ndim=2)
    y = as_finite_array(y, "y", ndim=1)
    if X.shape[1] != 2:
        raise ValueError(f"X has shape {X.shape}: the neuron explorer needs two input features "
                         "per point (a (N, 2) array), to draw them on a plane.")
    if len(y) != len(X):
        raise ValueError(f"X has {len(X)} rows but y has {len(y)} labels: give one label per point.")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError("y must hold class labels 0 and 1 only (the neuron's target a = y).")
    return X, y


def loss_and_gradients(w, b, X, y):
    """(L, dL/dw (2,), dL/db) of the mean squared error of sigma(X w + b) against y."""
    a = _sigmoid(X @ w + b)
    dz = 2.0 * (a - y) * a * (1.0 - a) / len(y)
    return float(np.mean((a - y) ** 2)), X.T @ dz, float(dz.sum())


def loss_surface(b, X, y, w1s, w2s):
    """L(w1, w2) at bias b on the grid w1s x w2s (rows: w2, columns: w1)."""
    W1, W2 = np.meshgrid(w1s, w2s)
    z = W1[..., None] * X[:, 0] + W2[..., None] * X[:, 1] + b   # (rows, columns, N)
    return np.mean((_sigmoid(z) - y) ** 2, axis=-1)


def _plane_panel(ax, w, b, X, y):
    grid = np.linspace(*PLANE, 121)
    G1, G2 = np.meshgrid(grid, grid)
    output = _sigmoid(w[0] * G1 + w[1] * G2 + b)
    image = ax.imshow(output, extent=(*PLANE, *PLANE), origin="lower", cmap=plots.DIVERGING,
                      vmin=0, vmax=1, alpha=0.8, interpolation="bilinear")
    for label, marker in ((0, "o"), (1, "s")):
        mine = y == label
        ax.scatter(X[mine, 0], X[mine, 1], s=36, marker=marker, color=plots.CLASS_COLORS[label],
                   edgecolor=INK, linewidth=0.8, zorder=3)
    norm = float(np.hypot(*w))
    if norm > 0:  # the line w.x + b = 0 and the unit vector w/|w| from its point nearest 0
        foot = -b * w / norm**2
        direction = np.array([-w[1], w[0]]) / norm
        ends = foot + np.outer([-10, 10], direction)
        ax.plot(ends[:, 0], ends[:, 1], color=INK, linewidth=2.5, zorder=4)
        ax.annotate("", xy=foot + w / norm, xytext=foot, zorder=5,
                    arrowprops={"arrowstyle": "-|>", "color": INK, "lw": 2.5,
                                "mutation_scale": 22})
    accuracy = float(np.mean(((X @ w + b) > 0) == (y == 1)))
    ax.set(xlim=PLANE, ylim=PLANE, xlabel="$x_1$", ylabel="$x_2$", aspect="equal",
           title=f"the neuron's output a(x): accuracy {accuracy:.0%}")
    ax.grid(False)
    bar = ax.figure.colorbar(image, ax=ax, fraction=0.046, pad=0.03, ticks=[0, 0.5, 1])
    bar.set_label("a = σ(z)")
    handles = [Line2D([], [], marker="s", linestyle="", color=plots.POSITIVE, markeredgecolor=INK,
                      label="class 1"),
               Line2D([], [], marker="o", linestyle="", color=plots.NEGATIVE, markeredgecolor=INK,
                      label="class 0"),
               Line2D([], [], color=INK, label="z = 0 (a = 1/2); arrow: w")]
    ax.legend(handles=handles, loc="lower right", fontsize=11, framealpha=0.9)


def _weight_panel(ax, w, b, X, y, loss, dw):
    w1s = np.linspace(*WEIGHT_RANGE, 81)
    surface = loss_surface(b, X, y, w1s, w1s)
    # levels evenly spaced between the window's lowest and highest loss, so every b shows
    # a readable number of lines
    levels = np.linspace(surface.min(), surface.max(), 14)[1:-1]
    lines = ax.contour(w1s, w1s, surface, levels=levels, colors=plots.NEUTRAL, linewidths=1.4)
    ax.clabel(lines, lines.levels[::3], fmt="%.2f", fontsize=10, colors=INK)
    ax.plot(*w, "o", color=plots.FORWARD, markersize=11, zorder=5, label=f"w: L = {loss:.3f}")
    step = -ARROW_SCALE * dw
    length = float(np.hypot(*step))
    if length >= MIN_ARROW:
        # the head grows with the arrow up to its full size: a fixed head on a short
        # shaft is drawn past the shaft's start and seems to point the other way
        ax.annotate("", xy=w + step, xytext=w, zorder=6, annotation_clip=False,
                    arrowprops={"arrowstyle": "-|>", "color": plots.GRADIENT, "lw": 3,
                                "mutation_scale": float(np.clip(30 * length, 12, 24))})
        label = f"−∂L/∂w (drawn {ARROW_SCALE:g}× longer)"
    else:
        label = f"−∂L/∂w ≈ 0 here: |∂L/∂w| = {np.hypot(*dw):.1g}"
    ax.plot([], [], color=plots.GRADIENT, linewidth=3, label=label)
    ax.set(xlim=WEIGHT_RANGE, ylim=WEIGHT_RANGE, xlabel="$w_1$", ylabel="$w_2$", aspect="equal",
           title=f"loss L(w1, w2) at b = {b:g}")
    ax.legend(loc="lower right", fontsize=11, framealpha=0.9)


def neuron_figure(w1, w2, b, X, y):
    """Figure: the neuron sigma(w1 x1 + w2 x2 + b) over the input plane with the data
    (left) and the loss over (w1, w2) at this b with the gradient step (right)."""
    X, y = _check_data(X, y)
    w = as_finite_array([w1, w2], "w1, w2")
    b = float(as_finite_array(b, "b", ndim=0))
    loss, dw, db = loss_and_gradients(w, b, X, y)
    with plt.rc_context({**plots.STYLE, "figure.autolayout": False}):
        fig = plt.figure(figsize=FIGSIZE)
        grid = fig.add_gridspec(1, 2, left=0.06, right=0.98, bottom=0.11, top=0.86, wspace=0.2)
        ax_plane, ax_weights = fig.add_subplot(grid[0]), fig.add_subplot(grid[1])
        _plane_panel(ax_plane, w, b, X, y)
        _weight_panel(ax_weights, w, b, X, y, loss, dw)
        fig.suptitle(f"w = ({w[0]:g}, {w[1]:g}), b = {b:g}:   L = {loss:.3f},   "
                     f"∂L/∂w = ({dw[0]:+.3f}, {dw[1]:+.3f}),   ∂L/∂b = {db:+.3f}", fontsize=15)
    return fig


def _slider(description, value, limits):
    return controls.float_slider(description, controls.nearest_setting(value, *limits, SLIDER_STEP),
                                 *limits, SLIDER_STEP)


def lesson_data():
    """Lesson 03's data: 100 points of Playground's two Gaussian clouds, coordinates halved."""
    X, y = datasets.gauss(n=100, seed=0)
    return X / 2, y


def neuron_explorer(X=None, y=None, w=(0.5, -0.5), b=0.0):
    """Sliders for w1, w2 and b (steps of 0.25) over `neuron_figure` on the data (X, y)
    (lesson 03's, `lesson_data()`, if not given); the start values are rounded to the
    sliders' steps."""
    if X is None and y is None:
        X, y = lesson_data()
    X, y = _check_data(X, y)
    w = as_finite_array(w, "w").ravel()
    if w.shape != (2,):
        raise ValueError(f"w has {w.size} entries: give the neuron's two weights (w1, w2).")
    sliders = {"w1": _slider("w1", w[0], WEIGHT_RANGE), "w2": _slider("w2", w[1], WEIGHT_RANGE),
               "b": _slider("b", float(b), BIAS_RANGE)}
    return explorer(lambda w1, w2, b: neuron_figure(w1, w2, b, X, y), sliders,
                    css_class="neuron-explorer", precompute=False)
