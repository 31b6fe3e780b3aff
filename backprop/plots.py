"""Figures shared by every lesson and widget, in one style and one palette.

The palette lives in `backprop.colors` (its docstring gives each meaning, the sources,
Okabe-Ito and Paul Tol, and the colour-vision limits it is tested against); its names
are re-exported here, so `plots.FORWARD`, `plots.SERIES`, ... keep working:
- FORWARD (blue) for forward values, GRADIENT (vermillion) for gradients;
- CLASS_COLORS = (NEGATIVE orange, POSITIVE sky blue): class 0/1, negative/positive weights;
- TRAIN (dark slate, solid) and TEST (purple, dashed) for curves measured on each split;
- SERIES for several runs side by side, with `series_style(i)` giving each run a line
  style and a marker as well as a colour.
DIVERGING, the map from class 0 through white to class 1, is built from those colours.
The style (16:9 figures, large fonts) stays readable in a 1280x720 video.

matplotlib is imported here, never by `import backprop`.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import LinearSegmentedColormap

from .colors import (  # noqa: F401  (re-exported: lessons and widgets use plots.NAME)
    CLASS_COLORS,
    DIVERGING_COLORS,
    FORWARD,
    GRADIENT,
    NEGATIVE,
    NEUTRAL,
    POSITIVE,
    SERIES,
    SERIES_LINESTYLES,
    SERIES_MARKERS,
    SERIES_STYLES,
    TEST,
    TRAIN,
    series_style,
)

DIVERGING = LinearSegmentedColormap.from_list("course_diverging", list(DIVERGING_COLORS))

STYLE = {
    "figure.figsize": (8.0, 4.5), "figure.dpi": 100, "savefig.dpi": 100,
    "font.size": 14, "axes.titlesize": 16, "axes.labelsize": 14, "legend.fontsize": 12,
    "xtick.labelsize": 12, "ytick.labelsize": 12, "lines.linewidth": 2.5,
    "axes.spines.top": False, "axes.spines.right": False, "axes.grid": True,
    "grid.alpha": 0.3, "figure.autolayout": True,
}


def use_style():
    """Apply the course style to every figure made after this call."""
    plt.rcParams.update(STYLE)


def _axes(ax, figsize=None):
    if ax is not None:
        return ax
    with plt.rc_context(STYLE):
        return plt.subplots(figsize=figsize)[1]


def model_scores(model, grid):
    """The model's confidence for class 1 on `grid` (sigmoid of one logit), or the
    predicted class for several outputs."""
    from .activations import sigmoid

    out = model.forward(grid)
    return sigmoid(out[:, 0]) if out.shape[1] == 1 else out.argmax(axis=1)


def plot_decision_boundary(model, X, y, ax=None, X_test=None, y_test=None, title=None,
                           resolution=150, padding=0.5):
    """Background: the model's output over the plane; dots: the data coloured by class
    (test points, if given, drawn with a white edge)."""
    ax = _axes(ax, figsize=(5.5, 5.5))
    points = X if X_test is None else np.vstack([X, X_test])
    lo, hi = points.min(axis=0) - padding, points.max(axis=0) + padding
    xx, yy = np.meshgrid(np.linspace(lo[0], hi[0], resolution), np.linspace(lo[1], hi[1], resolution))
    with np.errstate(over="ignore", invalid="ignore"):
        scores = model_scores(model, np.column_stack([xx.ravel(), yy.ravel()])).reshape(xx.shape)
    scores = np.nan_to_num(scores, nan=0.5)
    if scores.dtype.kind == "f":
        ax.contourf(xx, yy, scores, levels=np.linspace(0, 1, 11), cmap=DIVERGING, alpha=0.8)
        ax.contour(xx, yy, scores, levels=[0.5], colors=TRAIN, linewidths=1.5)
    else:
        ax.contourf(xx, yy, scores, cmap="tab10", alpha=0.3)
    colors = np.array(CLASS_COLORS)
    ax.scatter(X[:, 0], X[:, 1], c=colors[np.asarray(y, int) % 2], s=22, edgecolors=TRAIN,
               linewidths=0.5)
    if X_test is not None:
        ax.scatter(X_test[:, 0], X_test[:, 1], c=colors[np.asarray(y_test, int) % 2], s=22,
                   edgecolors="white", linewidths=1.0)
    ax.set(xlim=(lo[0], hi[0]), ylim=(lo[1], hi[1]), xlabel="$x_1$", ylabel="$x_2$")
    ax.set_aspect("equal")
    ax.grid(False)
    if title:
        ax.set_title(title)
    return ax


def plot_loss_curves(history, ax=None, accuracy=False, log=False, title=None):
    """Train (solid) and validation (dashed) loss per epoch from a `History`; a
    diverged run is marked where it stopped."""
    ax = _axes(ax)
    pairs = [(history.accuracy, history.val_accuracy)] if accuracy else \
        [(history.loss, history.val_loss)]
    train, val = pairs[0]
    epochs = np.arange(1, len(train) + 1)
    if len(train):
        ax.plot(epochs, train, color=TRAIN, label="train")
    if len(val):
        ax.plot(epochs[:len(val)], val, color=TEST, linestyle="--", label="test")
    if history.diverged:  # in the legend, so the note never sits on top of a curve
        ax.axvline(len(train) + 0.5, color=GRADIENT, linestyle=":",
                   label="diverged: lower the learning rate")
    if log and len(train):
        ax.set_yscale("log")
    ax.set(xlabel="epoch", ylabel="accuracy" if accuracy else "loss")
    if len(train) or len(val) or history.diverged:
        ax.legend()
    if title:
        ax.set_title(title)
    return ax


def plot_activation(name, ax=None, z=None):
    """An activation f(z) (FORWARD colour) and its derivative f'(z) (GRADIENT colour)."""
    from .activations import activation_functions

    f, df = activation_functions(name)
    z = np.linspace(-5, 5, 401) if z is None else z
    ax = _axes(ax, figsize=(5.5, 4))
    ax.plot(z, f(z), color=FORWARD, label="$f(z)$")
    ax.plot(z, df(z), color=GRADIENT, linestyle="--", label="$f'(z)$")
    ax.axhline(0, color=NEUTRAL, linewidth=1)
    ax.set(xlabel="$z$", title=name)
    ax.legend(loc="upper left")
    return ax


def gradient_norms(model):
    """{'layers[0].W': ||dW||, ...} for each weight matrix, after a backward pass."""
    return {name: float(np.linalg.norm(p.grad)) for name, p in model.named_parameters()
            if p.regularize}


def plot_gradient_norms(norms, ax=None, title="gradient norm per layer", log=True):
    """Bars of ||dW|| per layer (input layer on the left), log scale by default, since
    vanishing gradients shrink by orders of magnitude."""
    ax = _axes(ax)
    names, values = list(norms), np.array(list(norms.values()), dtype=float)
    ax.bar(range(len(values)), np.maximum(values, 1e-30), color=GRADIENT)
    ax.set_xticks(range(len(values)), [f"layer {i + 1}" for i in range(len(names))])
    if log:
        ax.set_yscale("log")
    ax.set(ylabel="$\\|dW\\|$", title=title)
    return ax


def plot_weight_histogram(model, ax=None, bins=40, title="weights"):
    """Histogram of all weights (not biases): negative in orange, positive in blue."""
    ax = _axes(ax)
    weights = np.concatenate([p.data.ravel() for p in model.parameters() if p.regularize])
    limit = max(float(np.abs(weights).max()), 1e-3)
    edges = np.linspace(-limit, limit, bins + 1)
    # One filled outline per sign (stairs) instead of one patch per bar (hist): the same
    # picture, drawn several times faster, which keeps widget updates under 200 ms.
    for part, color, label in [(weights[weights < 0], NEGATIVE, "negative"),
                               (weights[weights >= 0], POSITIVE, "positive")]:
        ax.stairs(np.histogram(part, bins=edges)[0], edges, fill=True, color=color, label=label)
    ax.set(xlabel="weight value", ylabel="count", title=title)
    return ax


def plot_confusion_matrix(y_true, y_pred, n_classes=None, ax=None, title="confusion matrix"):
    """Rows: true class, columns: predicted class, numbers in each cell."""
    n = n_classes or int(max(np.max(y_true), np.max(y_pred)) + 1)
    counts = np.zeros((n, n), dtype=int)
    np.add.at(counts, (np.asarray(y_true), np.asarray(y_pred)), 1)
    ax = _axes(ax, figsize=(6.5, 6))
    ax.imshow(counts, cmap="Blues")
    for i in range(n):
        for j in range(n):
            if counts[i, j]:
                ax.text(j, i, counts[i, j], ha="center", va="center", fontsize=11,
                        color="white" if counts[i, j] > counts.max() / 2 else TRAIN)
    ax.set(xticks=range(n), yticks=range(n), xlabel="predicted", ylabel="true", title=title)
    ax.grid(False)
    return ax


def plot_digits(images, labels, predictions=None, columns=8):
    """A grid of 8x8 digit images with their label (and prediction, if given), titled in
    the style's text colour: no palette colour, since each of those means something."""
    images = np.asarray(images).reshape(-1, 8, 8)
    rows = max(1, int(np.ceil(len(images) / columns)))
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(rows, columns, figsize=(1.4 * columns, 1.7 * rows), squeeze=False)
    for k, ax in enumerate(axes.ravel()):
        ax.axis("off")
        if k < len(images):
            ax.imshow(images[k], cmap="gray_r", vmin=0, vmax=1)
            text = f"{labels[k]}" if predictions is None else f"{labels[k]} → {predictions[k]}"
            ax.set_title(text, fontsize=12)
    return fig


def plot_palette():
    """The course's colour legend, shown once in the index for learners and viewers.

    Curves on held-out data (a validation set in lessons 10 and 11, or the test set) are
    drawn in TEST, dashed, as `plot_loss_curves` draws them; training curves in TRAIN, solid.
    """
    entries = [(FORWARD, "forward values (data)"), (GRADIENT, "gradients (grad)"),
               (NEGATIVE, "class 0 / negative weight"), (POSITIVE, "class 1 / positive weight"),
               # validation curves share the test colour: both are held-out data
               (TRAIN, "training set (solid)"), (TEST, "validation or test set (dashed)"),
               (NEUTRAL, "guides: axes, secants, edges")]
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(9, 4.2))
    for i, (color, meaning) in enumerate(entries):
        row, col = divmod(i, 2)
        ax.add_patch(plt.Rectangle((col * 4, -row), 0.6, 0.6, color=color))
        ax.text(col * 4 + 0.8, -row + 0.3, meaning, va="center", fontsize=14)
    # several runs in one figure: a colour, a line style and a marker each (series_style)
    for k in range(4):
        style = series_style(k)
        ax.plot([0.9 * k, 0.9 * k + 0.6], [-3.7, -3.7], **style, markersize=6)
    ax.text(3.6, -3.7, "several runs in one figure (colour, line style, marker)", va="center",
            fontsize=14)
    ax.set(xlim=(-0.2, 8.6), ylim=(-4.2, 0.8))
    ax.set_axis_off()
    ax.set_title("What the colours mean in every lesson")
    return fig
