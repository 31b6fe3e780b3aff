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
2. weight space: the loss L(w1, w2) at this b as filled bands (light: low L; a colour
   bar from 0 to 1, the same shade for the same L at every setting) with labelled lines,
   the current w as a dot and -dL/dw (drawn ARROW_SCALE times longer) as an arrow in the
   gradient colour: the direction of a gradient-descent step, at right angles to the
   contours, downhill.

`neuron_figure` is pure (same arguments, same figure); the explorer draws a setting the
first time it is visited and keeps its PNG (three sliders have too many combinations to
draw them all in advance).

Watching gradient descent: `training_figure(history, k, X, y)` draws the same two panels
for the k-th entry of a recorded run (history[k] = (w, b) after k steps), with the path
w(0), ..., w(k) in weight space; `training_explorer` puts a step slider over it, and
`training_strip` draws the input plane at a few steps side by side (the static picture);
`descent_walk` draws the whole run as a walk on the loss surface at b = 0.
The run is recorded by the caller, so the widget shows exactly the lesson's run.

`neuron_diagram(x, w, b)` draws the textbook neuron: inputs, weighted edges, the sum
z = w . x + b and the activation a = sigma(z), with the numbers of one example;
`neuron_plane(x, w, b)` draws what that neuron computes: a(x) over the whole plane, its
line z = 0, the direction of w, and the example x on its own line of equal z (its
numbers in the legend, where no label can hide a line).
"""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import LinearSegmentedColormap, to_rgb
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

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
FIGSIZE = (12.8, 5.5)        # 5.5 in high: the sliders and both panels fit at 1280x720
TRAINING_STEPS = (0, 1, 2, 3, 5, 10, 20, 50, 100, 200)  # the step slider: most change is early
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


def _plane_panel(ax, w, b, X, y, title=None, colorbar=True, legend=True):
    grid = np.linspace(*PLANE, 121)
    G1, G2 = np.meshgrid(grid, grid)
    output = _sigmoid(w[0] * G1 + w[1] * G2 + b)
    image = ax.imshow(output, extent=(*PLANE, *PLANE), origin="lower", cmap=plots.DIVERGING,
                      vmin=0, vmax=1, alpha=0.8, interpolation="bilinear")
    for label, marker in ((0, "o"), (1, "s")):
        mine = y == label
        ax.scatter(X[mine, 0], X[mine, 1], s=36, marker=marker, color=plots.CLASS_COLORS[label],
                   edgecolor=INK, linewidth=0.8, zorder=3)
    _line_and_arrow(ax, w, b)
    accuracy = float(np.mean(((X @ w + b) > 0) == (y == 1)))
    ax.set(xlim=PLANE, ylim=PLANE, xlabel="$x_1$", ylabel="$x_2$", aspect="equal",
           title=(title or "the neuron's output a(x)") + f": accuracy {accuracy:.0%}")
    ax.grid(False)
    if colorbar:
        bar = ax.figure.colorbar(image, ax=ax, fraction=0.046, pad=0.03, ticks=[0, 0.5, 1])
        bar.set_label("a = σ(z)")
    if legend:
        _class_legend(ax)
    return image


def _line_and_arrow(ax, w, b, level=0.0, **style):
    """The line w.x + b = level and, for level 0, the unit vector w/|w| from its point
    nearest the origin: z is constant along the line and grows fastest along w."""
    norm = float(np.hypot(*w))
    if norm == 0:
        return
    foot = (level - b) * w / norm**2
    direction = np.array([-w[1], w[0]]) / norm
    ends = foot + np.outer([-10, 10], direction)
    ax.plot(ends[:, 0], ends[:, 1], **{"color": INK, "linewidth": 2.5, "zorder": 4, **style})
    if level == 0:
        ax.annotate("", xy=foot + w / norm, xytext=foot, zorder=5,
                    arrowprops={"arrowstyle": "-|>", "color": INK, "lw": 2.5,
                                "mutation_scale": 22})


def _class_legend(ax, ncol=3):
    """The classes' markers and the line's meaning, under the axes: never on the data."""
    ax.legend(handles=_class_handles(), loc="upper center", bbox_to_anchor=(0.5, -0.12),
              ncol=ncol, fontsize=11, frameon=False, handletextpad=0.3, columnspacing=1.0)


def _class_handles():
    return [Line2D([], [], marker="s", linestyle="", color=plots.POSITIVE, markeredgecolor=INK,
                   label="class 1"),
            Line2D([], [], marker="o", linestyle="", color=plots.NEGATIVE, markeredgecolor=INK,
                   label="class 0"),
            Line2D([], [], color=INK, label="z = 0 (a = 1/2); arrow: direction of w")]


def contour_levels(surface, bins=10):
    """About `bins` round loss values strictly inside the surface's range: every b shows
    a readable number of bands, labelled 0.1, 0.2, ... rather than 0.3127."""
    low, high = float(surface.min()), float(surface.max())
    levels = MaxNLocator(nbins=bins).tick_values(low, high)
    return levels[(levels > low) & (levels < high)]


# the loss's fill: light where L is low (downhill), dark where it is high, the same
# shade for the same L at every setting (the colour bar runs from 0 to 1, L's range)
# (the dark end is TRAIN mixed a quarter with white: dark enough, yet the dot stays visible)
LOSS_MAP = LinearSegmentedColormap.from_list(
    "neuron_loss", ["#f7f7f7", plots.NEUTRAL, 0.75 * np.array(to_rgb(plots.TRAIN)) + 0.25])


def _weight_panel(ax, w, b, X, y, loss, dw, path=None):
    w1s = np.linspace(*WEIGHT_RANGE, 81)
    surface = loss_surface(b, X, y, w1s, w1s)
    levels = contour_levels(surface)
    ax.contourf(w1s, w1s, surface, levels=[0.0, *levels, 1.0], cmap=LOSS_MAP, vmin=0, vmax=1)
    if len(levels):  # a flat surface (every point alike) has no lines to draw
        lines = ax.contour(w1s, w1s, surface, levels=levels, colors="white", linewidths=0.8)
        ax.clabel(lines, fmt="%g", fontsize=10, colors=INK)
    shade = plt.cm.ScalarMappable(norm=plt.Normalize(0, 1), cmap=LOSS_MAP)
    bar = ax.figure.colorbar(shade, ax=ax, fraction=0.046, pad=0.03, ticks=[0, 0.25, 0.5, 0.75, 1])
    bar.set_label("mean loss L")
    if path is not None and len(path) > 1:  # the walk so far, one small dot per step
        ax.plot(path[:, 0], path[:, 1], "o-", color=plots.FORWARD, markersize=3, linewidth=1.5,
                alpha=0.7, zorder=4, label=f"path of w: {len(path) - 1} steps")
    ax.plot(*w, "o", color=plots.FORWARD, markersize=12, markeredgecolor="white",
            markeredgewidth=1.5, zorder=5, label=f"w: L = {loss:.3f}")
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
        # no number here: the title gives ∂L/∂w, and a rounded |∂L/∂w| beside it disagreed
        # with it ("0.0003" against "(+0.000, +0.000)", "0.003" against "(-0.001, -0.002)")
        label = "−∂L/∂w ≈ 0 here: too short to draw"
    ax.plot([], [], color=plots.GRADIENT, linewidth=3, label=label)
    ax.set(xlim=WEIGHT_RANGE, ylim=WEIGHT_RANGE, xlabel="$w_1$", ylabel="$w_2$", aspect="equal",
           title=f"loss L(w1, w2) at b = {b:.2f}")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize=11,
              frameon=False, handletextpad=0.3, columnspacing=1.0)


def _two_panels(w, b, X, y, heading, path=None):
    loss, dw, db = loss_and_gradients(w, b, X, y)
    with plt.rc_context({**plots.STYLE, "figure.autolayout": False}):
        fig = plt.figure(figsize=FIGSIZE)
        grid = fig.add_gridspec(1, 2, left=0.04, right=0.95, bottom=0.23, top=0.86, wspace=0.12)
        ax_plane, ax_weights = fig.add_subplot(grid[0]), fig.add_subplot(grid[1])
        _plane_panel(ax_plane, w, b, X, y)
        _weight_panel(ax_weights, w, b, X, y, loss, dw, path)
        # two decimals: the sliders' steps are 0.25, and a trained w's further digits are noise
        fig.suptitle(f"{heading}w = ({w[0]:.2f}, {w[1]:.2f}), b = {b:.2f}:   L = {loss:.3f},   "
                     f"∂L/∂w = ({signed(dw[0])}, {signed(dw[1])}),   ∂L/∂b = {signed(db)}", fontsize=15)
    return fig


def signed(value, decimals=3):
    """`value` with its sign and `decimals` decimals, but a value that rounds to 0 prints
    as +0.000: `f"{-1e-5:+.3f}"` gives "-0.000", a sign the reader cannot use."""
    text = f"{float(value):+.{decimals}f}"
    return "+" + text[1:] if float(text) == 0 else text


def neuron_figure(w1, w2, b, X, y):
    """Figure: the neuron sigma(w1 x1 + w2 x2 + b) over the input plane with the data
    (left) and the loss over (w1, w2) at this b with the gradient step (right)."""
    X, y = _check_data(X, y)
    w = as_finite_array([w1, w2], "w1, w2")
    b = float(as_finite_array(b, "b", ndim=0))
    return _two_panels(w, b, X, y, heading="")


def _check_history(history):
    """A recorded run [(w, b) after 0, 1, ... steps] as arrays W (K + 1, 2) and B (K + 1,);
    w may be a (2,) vector or a Linear layer's (2, 1) column, b a number or a (1,) array."""
    if len(history) == 0:
        raise ValueError("history is empty: give the run as a list of (w, b), one per step, "
                         "starting with the weights before the first step.")
    W, B = [], []
    for k, entry in enumerate(history):
        if len(entry) != 2:
            raise ValueError(f"history[{k}] has {len(entry)} items: each entry is a pair (w, b).")
        w = as_finite_array(entry[0], f"history[{k}]'s w").ravel()
        b = as_finite_array(entry[1], f"history[{k}]'s b").ravel()
        if w.shape != (2,) or b.shape != (1,):
            raise ValueError(f"history[{k}] has {w.size} weights and {b.size} biases: each entry "
                             "is one neuron's (w, b), with two weights and one bias.")
        W.append(w)
        B.append(b[0])
    return np.array(W), np.array(B)


def _check_step(step, W):
    if isinstance(step, bool) or not isinstance(step, (int, np.integer)) or not 0 <= step < len(W):
        raise ValueError(f"step = {step!r}: the history holds steps 0 to {len(W) - 1}; "
                         "pick a whole number in that range.")
    return int(step)


def training_figure(history, step, X, y):
    """`neuron_figure` at history[step] (the weights after `step` steps of a recorded run),
    with the path of w from step 0 to `step` drawn in weight space."""
    X, y = _check_data(X, y)
    W, B = _check_history(history)
    step = _check_step(step, W)
    heading = f"after {step} step{'' if step == 1 else 's'}:   "
    return _two_panels(W[step], float(B[step]), X, y, heading, path=W[: step + 1])


def training_strip(history, steps, X, y):
    """The input plane after each of `steps` (a few step numbers of the recorded run) side
    by side, with one colour bar and one legend: the static picture of the run."""
    X, y = _check_data(X, y)
    W, B = _check_history(history)
    steps = [_check_step(k, W) for k in steps]
    if not steps:
        raise ValueError("steps is empty: give the step numbers to draw, e.g. (0, 1, 2, 200).")
    with plt.rc_context({**plots.STYLE, "figure.autolayout": False}):
        fig, axes = plt.subplots(1, len(steps), figsize=(3.2 * len(steps) + 0.8, 4.4),
                                 gridspec_kw={"left": 0.05, "right": 0.9, "bottom": 0.2,
                                              "top": 0.9, "wspace": 0.08})
        axes = np.atleast_1d(axes)
        for ax, k in zip(axes, steps):
            image = _plane_panel(ax, W[k], float(B[k]), X, y,
                                 title=f"after {k} step{'' if k == 1 else 's'}",
                                 colorbar=False, legend=False)
            ax.title.set_fontsize(12)
            ax.tick_params(labelsize=13)  # the style says 12: small in a 4-panel strip
        for ax in axes[1:]:  # one shared y axis: the ticks of the first panel
            ax.set_ylabel("")
            ax.tick_params(labelleft=False)
        fig.legend(handles=_class_handles(), loc="lower center", ncol=3, fontsize=11,
                   frameon=False, bbox_to_anchor=(0.47, 0.0))
        bar = fig.colorbar(image, ax=list(axes), fraction=0.02, pad=0.02, ticks=[0, 0.5, 1])
        bar.set_label("a = σ(z)")
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


def training_explorer(history, X, y, steps=TRAINING_STEPS, step=None):
    """A step slider over `training_figure`: watch a recorded gradient-descent run move the
    line (left) and walk w downhill (right). `steps` are the slider's step numbers (those
    the history holds are kept); it starts at `step` (default: the first). Each step is
    drawn on its first visit."""
    X, y = _check_data(X, y)
    W, _ = _check_history(history)
    options = [k for k in steps if 0 <= k < len(W)]
    if not options:
        raise ValueError(f"none of the steps {tuple(steps)} is in the history (steps 0 to "
                         f"{len(W) - 1}): give step numbers the run has.")
    step = options[0] if step is None else step
    if step not in options:
        raise ValueError(f"step = {step!r} is not one of the slider's steps {tuple(options)}.")
    slider = widgets.SelectionSlider(options=[(str(k), k) for k in options], value=step,
                                     description="step", continuous_update=False,
                                     style={"description_width": "initial"},
                                     layout=widgets.Layout(width="420px"))
    return explorer(lambda step: training_figure(history, step, X, y), {"step": slider},
                    css_class="neuron-training-explorer", precompute=False)



def neuron_diagram(x, w, b):
    """The textbook picture of one neuron with one example's numbers: inputs x_i (first on
    top), edges weighted by w_i (sky blue positive, orange negative, as weights are drawn
    in the course), the sum z = w . x + b, then a = sigma(z)."""
    x = as_finite_array(x, "x", ndim=1)
    w = as_finite_array(w, "w", ndim=1)
    b = float(as_finite_array(b, "b", ndim=0))
    if len(x) != len(w) or len(x) == 0:
        raise ValueError(f"x has {len(x)} entries and w has {len(w)}: give one weight per input.")
    z = float(w @ x + b)
    a = float(_sigmoid(z))
    rows = np.linspace(0.8, 0.2, len(x)) if len(x) > 1 else np.array([0.5])  # first on top
    node = {"boxstyle": "circle,pad=0.35", "facecolor": "white", "edgecolor": INK, "lw": 1.8}
    with plt.rc_context({**plots.STYLE, "figure.autolayout": False}):
        fig, ax = plt.subplots(figsize=(11, 4.2))
        fig.subplots_adjust(left=0.01, right=0.99, bottom=0.02, top=0.88)
        ax.set(xlim=(0, 1), ylim=(-0.08, 1))
        ax.axis("off")
        total, squash = np.array([0.47, 0.5]), np.array([0.7, 0.5])
        for i, (row, xi, wi) in enumerate(zip(rows, x, w), start=1):
            ax.text(0.08, row, f"$x_{i}$\n{xi:g}", ha="center", va="center", fontsize=14,
                    color=plots.FORWARD, bbox=node)
            ax.annotate("", xy=total - [0.035, 0], xytext=(0.12, row),
                        arrowprops={"arrowstyle": "-|>", "lw": 1 + 4 * min(abs(wi), 1),
                                    "color": plots.POSITIVE if wi > 0 else plots.NEGATIVE})
            # the weight's label on its edge's outer side (above an edge from above the sum)
            middle = 0.6 * np.array([0.12, row]) + 0.4 * total
            ax.text(*middle + [0, 0.05 if row >= total[1] else -0.05], f"$w_{i}$ = {wi:g}",
                    ha="center", va="bottom" if row >= total[1] else "top", fontsize=13)
        ax.annotate("", xy=total - [0, 0.06], xytext=total - [0, 0.36],
                    arrowprops={"arrowstyle": "-|>", "lw": 1.5, "color": INK})
        ax.text(*total - [0, 0.4], f"bias b = {b:g}", ha="center", va="top", fontsize=13)
        ax.text(*total, "Σ", ha="center", va="center", fontsize=22, bbox=node)
        ax.annotate("", xy=squash - [0.045, 0], xytext=total + [0.035, 0],
                    arrowprops={"arrowstyle": "-|>", "lw": 1.5, "color": INK})
        ax.text(0.585, 0.56, f"z = {z:.2f}", ha="center", fontsize=13, color=plots.FORWARD)
        ax.text(*squash, "σ", ha="center", va="center", fontsize=22, bbox=node)
        ax.annotate("", xy=(0.88, 0.5), xytext=squash + [0.045, 0],
                    arrowprops={"arrowstyle": "-|>", "lw": 1.5, "color": INK})
        ax.text(0.93, 0.5, f"a\n{a:.3f}", ha="center", va="center", fontsize=14,
                color=plots.FORWARD, bbox=node)
        ax.set_title(f"one neuron: z = w · x + b = {z:.2f}, then a = σ(z) = {a:.3f}", fontsize=15)
    return fig


def neuron_plane(x, w, b):
    """Figure: what one neuron computes, a(x) = sigma(w . x + b) over the whole input plane
    (background, colour bar), its line z = 0 (a = 1/2) with the direction of w, and one
    example point x with a dashed line through it: every point on that line has x's z."""
    x = as_finite_array(x, "x", ndim=1)
    w = as_finite_array(w, "w", ndim=1)
    b = float(as_finite_array(b, "b", ndim=0))
    if len(x) != 2 or len(w) != 2:
        raise ValueError(f"x has {len(x)} entries and w has {len(w)}: the plane needs two of each.")
    if not np.hypot(*w) > 0:
        raise ValueError("w = (0, 0) gives the same a at every point: there is no line to draw.")
    z = float(w @ x + b)
    grid = np.linspace(*PLANE, 121)
    G1, G2 = np.meshgrid(grid, grid)
    with plt.rc_context({**plots.STYLE, "figure.autolayout": False}):
        fig, ax = plt.subplots(figsize=(6.6, 5.5))
        fig.subplots_adjust(left=0.1, right=0.86, bottom=0.2, top=0.9)
        image = ax.imshow(_sigmoid(w[0] * G1 + w[1] * G2 + b), extent=(*PLANE, *PLANE),
                          origin="lower", cmap=plots.DIVERGING, vmin=0, vmax=1, alpha=0.8,
                          interpolation="bilinear")
        _line_and_arrow(ax, w, b)
        _line_and_arrow(ax, w, b, level=z, linestyle="--", linewidth=1.8)
        ax.plot(*x, "o", color=plots.FORWARD, markersize=12, markeredgecolor=INK, zorder=6)
        ax.set(xlim=PLANE, ylim=PLANE, xlabel="$x_1$", ylabel="$x_2$", aspect="equal",
               title=f"$a(x) = \\sigma({w[0]:g}\\,x_1 {'-' if w[1] < 0 else '+'} {abs(w[1]):g}\\,x_2 "
                     f"{'-' if b < 0 else '+'} {abs(b):g})$")
        ax.grid(False)
        bar = fig.colorbar(image, ax=ax, fraction=0.046, pad=0.03, ticks=[0, 0.5, 1])
        bar.set_label("a = σ(z)")
        # the example's numbers go in the legend, under the axes: a label on the plane
        # would hide a line for some x, w, b
        example = f"x = ({x[0]:g}, {x[1]:g}): z = {z:.2f}, a = {float(_sigmoid(z)):.3f}"
        ax.legend(handles=[Line2D([], [], color=INK, linewidth=2.5,
                                  label="z = 0 (a = 1/2); arrow: direction of w"),
                           Line2D([], [], color=INK, linewidth=1.8, linestyle="--",
                                  label=f"z = {z:.2f}, like x"),
                           Line2D([], [], marker="o", linestyle="", color=plots.FORWARD,
                                  markersize=10, markeredgecolor=INK, label=example)],
                  loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize=11,
                  frameon=False)
    return fig


def descent_walk(history, X, y, marks=None, limits=((-1.0, 3.5), (-1.5, 2.5))):
    """Figure: a recorded run (history[k] = (W, b) after k steps, W of shape (2, 1)) as a
    walk on the loss surface L(w1, w2) at b = 0, the slice that fits a run whose |b|
    stays small: one dot per step, and w at the steps `marks` as a dashed arrow from the
    origin, so the arrows show w turning first and growing later (by default at steps
    0, 1, 2, 5 and the last)."""
    X, y = _check_data(X, y)
    path, _ = _check_history(history)
    if marks is None:
        marks = sorted({k for k in (0, 1, 2, 5) if k < len(path)} | {len(path) - 1})
    marks = [_check_step(k, path) for k in marks]
    (w1_low, w1_high), (w2_low, w2_high) = limits
    w1s, w2s = np.linspace(w1_low, w1_high, 181), np.linspace(w2_low, w2_high, 161)
    surface = loss_surface(0.0, X, y, w1s, w2s)
    with plt.rc_context(plots.STYLE):
        fig, ax = plt.subplots(figsize=(9, 7))
        lines = ax.contour(w1s, w2s, surface, colors=plots.NEUTRAL, linewidths=1.2,
                           levels=[0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7])
        ax.clabel(lines, fmt="%g", fontsize=11, colors=INK)  # dark: pale labels were hard to read
        ax.plot(path[:, 0], path[:, 1], "o-", color=plots.TRAIN, markersize=3, linewidth=1.5)
        for k in marks:
            ax.annotate("", path[k], (0, 0), arrowprops={"arrowstyle": "-|>", "color": plots.TRAIN,
                                                         "lw": 1.2, "linestyle": "--"})
            ax.plot(*path[k], "o", color=plots.TRAIN, markersize=9)
            ax.annotate(f"step {k}", path[k], xytext=(10, -4), textcoords="offset points")
        ax.plot(0, 0, "+", color=plots.TRAIN, markersize=12, markeredgewidth=2)
        ax.set(xlabel="$w_1$", ylabel="$w_2$", aspect="equal",
               title="mean loss $L(w_1, w_2)$ at $b = 0$: $w$ after each step (dots)\n"
                     "and as an arrow from the origin (dashed)")
    return fig
