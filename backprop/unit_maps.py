"""Pictures of what a small network computes over its input plane (two inputs).

Every point x = (x_1, x_2) of a grid goes through the network, and a panel colours the
plane by one value computed there:

- `unit_maps`: hidden unit j of a layer a = f(x W + b) gives a_j(x) = f(x_1 W[0, j] +
  x_2 W[1, j] + b_j). Its pre-activation is 0 on the straight line
  x W[:, j] + b_j = 0, and it changes only along the weight column W[:, j] (drawn as an
  arrow, white on a dark outline, direction only): a soft step across a line. A last panel
  shows the output p(class 1), which mixes those steps.
- `training_maps`: a loss curve and p(class 1) over the plane at a few training steps,
  optionally with each hidden unit's line x W[:, j] + b_j = 0 at that step.
- `class_maps`: a K-class network's softmax p_k(x) = e^(z_k(x)) / sum_c e^(z_c(x)), one
  panel per class, and the argmax regions {x : p_k(x) is the largest} with the data.
  Since the p_k sum to 1 at every point, where one map is dark the others are light.

Both take the network as a function of the points (M, 2), so any forward pass (numpy by
hand, an `MLP`, a `Sequential`) can be drawn. Colours come from `backprop.plots`: the
class-0/class-1 diverging map for a_j and p(class 1), FORWARD (blue) for the forward
values p_k, CLASS_COLORS plus SERIES for the classes (with a marker per class, so classes
are told apart without colour).
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import patheffects
from matplotlib.colors import LinearSegmentedColormap

from . import plots
from .validation import as_finite_array

ARROW_LENGTH = 0.42  # a direction: long enough to see, its head clear of every corner dot (0.71)
ARROW_OUTLINE = [patheffects.Stroke(linewidth=4.5, foreground=plots.TRAIN), patheffects.Normal()]
PROBABILITY = LinearSegmentedColormap.from_list("course_probability", ["white", plots.FORWARD])
CLASS_MARKERS = ("o", "s", "^", "D", "v", "P")


def class_colors(K):
    """K colours for classes 0..K-1: the course's class 0/1 pair, then SERIES colours."""
    colors = (*plots.CLASS_COLORS, *plots.SERIES)
    if not 1 <= K <= len(CLASS_MARKERS):
        raise ValueError(f"class_maps draws 1 to {len(CLASS_MARKERS)} classes, got K = {K}.")
    return colors[:K]


def plane_grid(lim, resolution):
    """(g1, g2, points): a resolution x resolution grid over lim x lim, and its points (M, 2)."""
    lim = as_finite_array(lim, "lim", ndim=1)
    if lim.shape != (2,) or not lim[0] < lim[1]:
        raise ValueError(f"lim must be (low, high) with low < high, got {tuple(lim)}.")
    if isinstance(resolution, bool) or not isinstance(resolution, (int, np.integer)) or resolution < 2:
        raise ValueError(f"resolution must be an integer of at least 2, got {resolution!r}.")
    g1, g2 = np.meshgrid(np.linspace(*lim, resolution), np.linspace(*lim, resolution))
    return g1, g2, np.column_stack([g1.ravel(), g2.ravel()])


def _points(X, name):
    X = as_finite_array(X, name, ndim=2)
    if X.shape[1] != 2:
        raise ValueError(f"{name} must have two columns (x_1, x_2), got shape {X.shape}.")
    return X


def _hidden_and_output(forward, points):
    out = forward(points)
    if not (isinstance(out, tuple) and len(out) == 2):
        raise TypeError("forward(points) must return a pair (A, p): the hidden outputs (M, H) "
                        "and p(class 1) (M,).")
    A = as_finite_array(out[0], "the hidden outputs A returned by forward", ndim=2)
    p = as_finite_array(out[1], "p(class 1) returned by forward", ndim=1)
    if len(A) != len(points) or len(p) != len(points):
        raise ValueError(f"forward was given {len(points)} points but returned A of shape {A.shape} "
                         f"and p of shape {p.shape}: one row (entry) per point is needed.")
    return A, p


def _label_points(ax, points, values):
    """Write each value (2 decimals) just outside its point, away from the points' centre."""
    centre, spread = points.mean(axis=0), np.ptp(points, axis=0)
    for point, value in zip(points, values):
        side = np.sign(np.where(spread > 0, point - centre, 1.0))
        ax.annotate(f"{value:.2f}", point, xytext=(19 * side[0], 13 * side[1]),
                    textcoords="offset points", ha="center", va="center", fontsize=11,
                    bbox=dict(boxstyle="square,pad=0.15", fc="white", ec="none"))


def unit_maps(forward, corners, weights=None, lim=(-1.0, 2.0), resolution=151,
              value_range=(-1.0, 1.0), value_label=r"$a_j = \tanh(z_j)$"):
    """One panel per hidden unit a_j over the plane, and a last panel for p(class 1).

    forward(points (M, 2)) -> (A (M, H), p (M,)): the hidden outputs and p(class 1).
    corners (N, 2): the points drawn as dots, each labelled with its value in the panel.
    weights (2, H), optional: the first layer's W; its column j is drawn in panel j as an
    arrow (its direction) from the centre of the corners. value_range: the range of a_j
    (tanh: (-1, 1)); the dark line is where a_j is at its middle (tanh: 0) and p = 0.5.
    Returns the figure."""
    corners = _points(corners, "corners")
    g1, g2, grid = plane_grid(lim, resolution)
    A, p1 = _hidden_and_output(forward, grid)
    A_at, p_at = _hidden_and_output(forward, corners)
    H = A.shape[1]
    if weights is not None:
        weights = as_finite_array(weights, "weights", ndim=2)
        if weights.shape != (2, H):
            raise ValueError(f"weights must be the first layer's W, shape (2, {H}), "
                             f"got {weights.shape}.")
    low, high = value_range
    centre = corners.mean(axis=0)
    fig, axes = plt.subplots(1, H + 1, figsize=(3.2 * (H + 1), 3.9), layout="constrained")
    filled = []
    for j, ax in enumerate(axes):
        hidden = j < H
        values = (A[:, j] if hidden else p1).reshape(g1.shape)
        levels = np.linspace(low, high, 21) if hidden else np.linspace(0, 1, 21)
        filled.append(ax.contourf(g1, g2, values, levels=levels, cmap=plots.DIVERGING))
        ax.contour(g1, g2, values, levels=[(low + high) / 2 if hidden else 0.5], colors=plots.TRAIN)
        if hidden and weights is not None and np.linalg.norm(weights[:, j]) > 0:
            tip = centre + ARROW_LENGTH * weights[:, j] / np.linalg.norm(weights[:, j])
            # a plain arrow, white on a dark outline: unlike the dark zero line, and visible on both
            # classes' colours (a shaft with a small head, not a cursor-like block)
            ax.annotate("", xy=tip, xytext=centre, zorder=4,
                        arrowprops=dict(arrowstyle="-|>,head_length=0.5,head_width=0.3", color="white",
                                        lw=2, shrinkA=0, shrinkB=0, path_effects=ARROW_OUTLINE))
        ax.scatter(corners[:, 0], corners[:, 1], s=50, color="white", edgecolors=plots.TRAIN, zorder=3)
        _label_points(ax, corners, A_at[:, j] if hidden else p_at)
        title = f"neuron {j + 1}: $a_{j + 1}$" if hidden else "output: $p$(class 1)"
        ax.set(xlabel="$x_1$", ylabel="$x_2$" if j == 0 else None, aspect="equal",
               xlim=lim, ylim=lim, title=title)
        ax.grid(False)
    fig.colorbar(filled[0], ax=axes[:H], ticks=[low, (low + high) / 2, high], shrink=0.8,
                 label=value_label)
    fig.colorbar(filled[H], ax=axes[H], ticks=[0, 0.5, 1], shrink=0.8, label="p(class 1)")
    return fig


def class_maps(predict_proba, X, y, lim=None, resolution=151, title=None):
    """K panels p_k(x) over the plane, then the argmax regions, with the data (X, y).

    predict_proba(points (M, 2)) -> P (M, K): probabilities, each row summing to 1 (for an
    MLP: `lambda points: softmax(model.forward(points))`). lim: (low, high) for both axes,
    by default the data's range plus a margin. Returns the figure."""
    X = _points(X, "X")
    y = np.asarray(y)
    if y.shape != (len(X),) or y.dtype.kind not in "iu":
        raise ValueError(f"y must be integer class labels, one per row of X (shape ({len(X)},)), "
                         f"got shape {y.shape} and dtype {y.dtype}.")
    if lim is None:
        lim = (X.min() - 0.5, X.max() + 0.5)
    g1, g2, grid = plane_grid(lim, resolution)
    P = as_finite_array(predict_proba(grid), "the probabilities returned by predict_proba", ndim=2)
    if len(P) != len(grid) or np.any(P < 0) or not np.allclose(P.sum(axis=1), 1, atol=1e-6):
        raise ValueError("predict_proba must return probabilities, one row per point, each row "
                         f"summing to 1 (a softmax); got shape {P.shape}.")
    K = P.shape[1]
    if y.min() < 0 or y.max() >= K:
        raise ValueError(f"the labels y must be classes 0 to {K - 1} (the model has K = {K} outputs), "
                         f"got labels from {y.min()} to {y.max()}.")
    colors = class_colors(K)
    fig, axes = plt.subplots(1, K + 1, figsize=(3.2 * (K + 1), 4.3), layout="constrained")

    def dots(ax, edge):
        # a white edge keeps a marker visible on the dark end of the p_k map, a dark one on the light
        for k in range(K):
            ax.scatter(*X[y == k].T, s=30, marker=CLASS_MARKERS[k], color=colors[k],
                       edgecolors=edge, linewidths=0.9, label=f"class {k}")

    for k, ax in enumerate(axes[:K]):
        # each p_k in its own class's colour (white to it): dark in panel k means class k, so no
        # panel's dark end reads as another class's colour (one blue for all read as class 1)
        ramp = LinearSegmentedColormap.from_list(f"p_{k}", ["white", colors[k]])
        # pcolormesh, not contourf: a smooth map without bands (p_k is a probability, no levels)
        ax.pcolormesh(g1, g2, P[:, k].reshape(g1.shape), cmap=ramp, vmin=0, vmax=1,
                      shading="gouraud", rasterized=True)
        dots(ax, edge=plots.TRAIN)
        ax.set(title=f"$p_{k}$, class {k}")
    # one bar per panel, in that panel's colour: white is p_k = 0, the class's full colour p_k = 1
    for k, ax in enumerate(axes[:K]):
        shade = plt.cm.ScalarMappable(norm=plt.Normalize(0, 1), cmap=LinearSegmentedColormap.from_list(
            f"p_shade_{k}", ["white", colors[k]]))
        fig.colorbar(shade, ax=ax, ticks=[0, 0.5, 1], shrink=0.8, location="bottom",
                     label=f"$p_{k}$: white 0, full colour 1")
    winner = P.argmax(axis=1).reshape(g1.shape)
    regions = axes[K]
    regions.contourf(g1, g2, winner, levels=np.arange(K + 1) - 0.5, colors=colors, alpha=0.35)
    for k in range(K):  # the edge of each region (a shared edge is drawn twice, in one place)
        regions.contour(g1, g2, (winner == k).astype(float), levels=[0.5], colors=plots.TRAIN,
                        linewidths=1.5)
    dots(regions, edge=plots.TRAIN)
    regions.set(title="argmax (prediction)")
    fig.legend(*regions.get_legend_handles_labels(), loc="outside lower center", ncols=K)
    for j, ax in enumerate(axes):
        ax.set(xlabel="$x_1$", ylabel="$x_2$" if j == 0 else None, aspect="equal", xlim=lim, ylim=lim)
        ax.grid(False)
    if title:
        fig.suptitle(title)
    return fig


def training_maps(output, snapshots, losses, corners, labels, lim=(-1.0, 2.0), resolution=101,
                  reference=None, hidden_lines=None):
    """The loss curve of a training run, then p(class 1) over the plane at a few steps.

    output(points (M, 2), weights) -> p(class 1) (M,): the network's output for one saved set
    of weights. snapshots: {step: weights}, at most 4 steps. losses: the loss at every step
    (drawn on a log scale, with a dot at each snapshot). corners (N, 2), labels (N,) 0/1: the
    training points, coloured by class and each labelled with its p(class 1) at that step.
    reference, optional: (value, label), a dotted line across the loss panel at that loss
    (for example (log 2, "log 2"), where a network with no opinion starts).
    hidden_lines, optional: weights -> (W (2, H), b (H,)), the first layer of one snapshot;
    each map then also draws hidden unit j's line x W[:, j] + b_j = 0 in series colour j,
    named in a legend under the maps (with the p = 0.5 boundary, dotted and drawn on top, and the
    two classes' dots), so the lines can be followed from step to step.
    Returns the figure."""
    corners = _points(corners, "corners")
    labels = np.asarray(labels)
    losses = as_finite_array(losses, "losses", ndim=1)
    if labels.shape != (len(corners),) or not np.isin(labels, (0, 1)).all():
        raise ValueError(f"labels must be 0/1, one per corner (shape ({len(corners)},)), "
                         f"got {labels!r}.")
    if not 1 <= len(snapshots) <= 4 or any(not 0 <= step < len(losses) for step in snapshots):
        raise ValueError("snapshots must be 1 to 4 {step: weights} with steps inside the loss curve, "
                         f"got steps {list(snapshots)} for {len(losses)} losses.")
    if reference is not None:
        if not (isinstance(reference, tuple) and len(reference) == 2
                and isinstance(reference[0], (int, float)) and np.isfinite(reference[0])
                and reference[0] > 0):
            raise ValueError("reference must be (value, label) with a positive loss value, "
                             f"got {reference!r}.")
    g1, g2, grid = plane_grid(lim, resolution)
    fig, axes = plt.subplots(1, len(snapshots) + 1, figsize=(max(12.8, 3.3 * (len(snapshots) + 1)), 3.6),
                             layout="constrained")
    axes[0].plot(losses, color=plots.FORWARD)
    axes[0].set(xlabel="step", ylabel="loss L", yscale="log", title="loss on the training points")
    ticks = np.arange(np.ceil(lim[0]), lim[1] + 0.5)  # every whole number in the plane
    for ax, (step, weights) in zip(axes[1:], snapshots.items()):
        axes[0].plot(step, losses[step], "o", color=plots.TRAIN)
        first = step == min(snapshots)  # the first label above its dot, the others below and right
        axes[0].annotate(f"step {step}", (step, losses[step]), xytext=(6, 5) if first else (9, -4),
                         textcoords="offset points", va="bottom" if first else "top", fontsize=10,
                         bbox=dict(boxstyle="square,pad=0.1", fc="white", ec="none"))
        p1 = as_finite_array(output(grid, weights), "p(class 1) returned by output", ndim=1)
        filled = ax.contourf(g1, g2, p1.reshape(g1.shape), cmap=plots.DIVERGING,
                             levels=np.linspace(0, 1, 21))
        if hidden_lines is not None:
            W, b = hidden_lines(weights)
            W = as_finite_array(W, "the first layer's W returned by hidden_lines", ndim=2)
            b = as_finite_array(b, "the first layer's b returned by hidden_lines", ndim=1)
            if W.shape[0] != 2 or b.shape != (W.shape[1],):
                raise ValueError("hidden_lines(weights) must return (W (2, H), b (H,)), "
                                 f"got shapes {W.shape} and {b.shape}.")
            Z = grid @ W + b
            for j in range(W.shape[1]):
                style = plots.series_style(j)
                ax.contour(g1, g2, Z[:, j].reshape(g1.shape), levels=[0.0], colors=style["color"],
                           linestyles=style["linestyle"], linewidths=2.2)
        # the boundary last and thin, dotted: a hidden line under it stays visible
        ax.contour(g1, g2, p1.reshape(g1.shape), levels=[0.5], colors=plots.TRAIN, linestyles=":",
                   linewidths=1.6, zorder=2.5)
        ax.scatter(*corners.T, s=50, c=[plots.CLASS_COLORS[c] for c in labels], edgecolors=plots.TRAIN,
                   zorder=3)
        _label_points(ax, corners, as_finite_array(output(corners, weights), "p(class 1) at the corners",
                                                   ndim=1))
        ax.set(title=f"step {step}: p(class 1)", xlabel="$x_1$", ylabel="$x_2$", aspect="equal",
               xticks=ticks, yticks=ticks)
        ax.grid(False)
    if reference is not None:  # after the dots: lines[0] is the curve, then one dot per snapshot
        value, label = reference
        axes[0].axhline(value, color=plots.NEUTRAL, ls=":", lw=1.5)
        axes[0].annotate(label, (len(losses) - 1, value), xytext=(0, -4), textcoords="offset points",
                         ha="right", va="top", fontsize=10, color=plots.TRAIN)
    top = max(losses.max(), reference[0] if reference is not None else 0)
    axes[0].set_ylim(top=2 * top)  # room above the first dot for its label
    fig.colorbar(filled, ax=axes[1:], ticks=[0, 0.5, 1], shrink=0.8, label="p(class 1)")
    if hidden_lines is not None:
        handles = [plt.Line2D([], [], color=plots.TRAIN, ls=":", lw=1.6, label="p = 0.5")]
        for j in range(W.shape[1]):
            style = plots.series_style(j)
            handles.append(plt.Line2D([], [], color=style["color"], ls=style["linestyle"], lw=2.2,
                                      label=f"neuron {j + 1}'s line, $z_{j + 1} = 0$"))
        handles += [plt.Line2D([], [], ls="", marker="o", ms=7, color=plots.CLASS_COLORS[c],
                               markeredgecolor=plots.TRAIN, label=f"class {c}") for c in (0, 1)]
        fig.legend(handles=handles, loc="outside lower center", ncols=len(handles))
    return fig


__all__ = ["unit_maps", "class_maps", "training_maps", "plane_grid", "class_colors", "PROBABILITY"]
