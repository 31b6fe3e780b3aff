"""Lesson 10's static pictures of the remedies for overfitting: more data, early stopping,
the penalty's strength and dropout.

- `plot_data_size(sizes, train, val)`: the final training and validation loss against the
  number of training points, one dot per draw of the extra points and a line through the
  means; the band between the two mean lines is the generalization gap,
  gap = L_validation - L_train.
- `plot_early_stopping(train, val, best_epoch, stop_epoch)`: the loss curves of one run,
  the epoch whose weights early stopping keeps (the lowest validation loss), the patience
  it waits after that epoch, and, faded, what training on would have done.
- `plot_strength_sweep(grid, sweep, free_val)`: the final training and validation loss at
  each penalty strength lambda, one panel per penalty.
- `plot_penalty_paths(w_star, H, lambdas, paths)`: the penalized minimum of a quadratic bowl
  as the strength lambda grows, one path per penalty, from the bowl's minimum (lambda = 0)
  towards 0.
- `plot_dropout_rates(rates, late, lowest, free_late)`: the validation loss against the
  dropout rate p, at the end of training and at its lowest, against no dropout.
- `plot_losses_and_accuracy(history, axes)`: one run's training and validation loss (top)
  and validation accuracy (bottom), two panels sharing the epoch axis, the epoch of the
  lowest validation loss marked on both.
- `plot_logit_slice(t, logits, point)`: the logit z of several networks along a vertical
  line through one training point.
- `draw_dropout(sizes, masks, titles)`: the thinned networks of dropout. Each panel is one
  training step's mask (a unit with mask 0 is dropped: its circle hollow and crossed, its
  edges gone), or, for a mask of None, the full network used at test time.

Curves measured on the training set are TRAIN, on the validation set TEST; kept units
and their edges FORWARD, as in the lessons. This module loads matplotlib; `import
backprop` does not import it.
"""

import matplotlib.pyplot as plt
import numpy as np

from .plots import FORWARD, NEUTRAL, POSITIVE, STYLE, TEST, TRAIN, series_style


def _axes(ax, figsize):
    if ax is None:
        with plt.rc_context(STYLE):
            ax = plt.subplots(figsize=figsize)[1]
    return ax


def plot_data_size(sizes, train, val, ax=None):
    """train, val: arrays of shape (len(sizes), draws), the final losses of each run. Dots
    per draw, lines through the means, the gap between the means shaded. Returns ax."""
    train, val = np.asarray(train, float), np.asarray(val, float)
    if train.shape != val.shape or train.shape[0] != len(sizes):
        raise ValueError(f"train and val need one row per size ({len(sizes)}) and the same "
                         f"shape; got {train.shape} and {val.shape}")
    ax = _axes(ax, (12.8, 4.2))
    for losses, color, marker, name in [(train, TRAIN, "o", "train"),
                                        (val, TEST, "s", "validation")]:
        ax.plot(np.repeat(sizes, losses.shape[1]), losses.ravel(), marker, color=color,
                markersize=8, alpha=0.45, linestyle="none", label=f"{name}, each draw")
        ax.plot(sizes, losses.mean(axis=1), marker + ("-" if name == "train" else "--"),
                color=color, linewidth=2.5, markersize=9, label=f"{name} (mean of the draws)")
    ax.fill_between(sizes, train.mean(axis=1), val.mean(axis=1), color=NEUTRAL, alpha=0.15,
                    label="the gap")
    ax.set(xscale="log", xlabel="training points (log scale)", ylabel="final loss")
    ax.set_xticks(sizes, [str(n) for n in sizes])
    ax.minorticks_off()
    ax.legend(fontsize=12)
    return ax


def plot_early_stopping(train, val, best_epoch, stop_epoch, ax=None):
    """Loss curves (epochs from 1) with the kept epoch marked on the validation curve, the
    patience (best_epoch to stop_epoch) shaded, and the epochs after stop_epoch faded.
    Returns ax."""
    n = len(val)
    if len(train) != n or not 1 <= best_epoch <= stop_epoch <= n:
        raise ValueError(f"need 1 <= best_epoch ({best_epoch}) <= stop_epoch ({stop_epoch}) <= "
                         f"the number of epochs ({n}), and as many training as validation losses")
    ax = _axes(ax, (12.8, 4.6))
    epochs = np.arange(1, n + 1)
    run, after = epochs <= stop_epoch, epochs >= stop_epoch
    for losses, color, style, name in [(train, TRAIN, "-", "train"), (val, TEST, "--", "validation")]:
        losses = np.asarray(losses, float)
        ax.plot(epochs[run], losses[run], color=color, linestyle=style, label=name)
        ax.plot(epochs[after], losses[after], color=color, linestyle=style, alpha=0.3)
    ax.axvspan(best_epoch, stop_epoch, color=NEUTRAL, alpha=0.15,
               label=f"patience: {stop_epoch - best_epoch} epochs without a new lowest")
    ax.plot(best_epoch, val[best_epoch - 1], "o", color=TEST, markersize=12, markerfacecolor="white",
            markeredgewidth=2.5, label=f"kept: the weights of epoch {best_epoch}")
    ax.axvline(stop_epoch, color=TRAIN, linestyle=":", linewidth=1.5)
    ax.text(stop_epoch + 2, 0.92 * max(val), f"stopped at epoch {stop_epoch}\n(faded: training on)",
            color=TRAIN, va="top", fontsize=12)
    ax.set(xlabel="epoch", ylabel="loss")
    ax.legend(fontsize=12, loc="lower right", bbox_to_anchor=(1, 0.1))  # between the faded curves
    return ax


def _unit_positions(sizes):
    """x (layer) and y (unit) of every unit, each layer centred on y = 0."""
    return [(np.full(n, x, float), np.arange(n) - (n - 1) / 2) for x, n in enumerate(sizes)]


def draw_dropout(sizes, masks, titles):
    """One panel per entry of masks: a list with one mask per hidden layer (nonzero: kept,
    0: dropped) or None for the full network. Edges join kept units only. Returns the
    figure."""
    hidden = sizes[1:-1]
    for mask in masks:
        if mask is not None and [np.size(m) for m in mask] != list(hidden):
            raise ValueError(f"each mask needs one entry per hidden unit, {hidden}; got "
                             f"{[np.size(m) for m in mask]}")
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(1, len(masks), figsize=(4.3 * len(masks), 4.6), squeeze=False)
    positions = _unit_positions(sizes)
    for ax, mask, title in zip(axes[0], masks, titles):
        kept = [np.ones(sizes[0], bool)] + [np.ones(n, bool) if mask is None else np.ravel(m) != 0
                                            for n, m in zip(hidden, mask or hidden)] + \
               [np.ones(sizes[-1], bool)]
        for (x0, y0), (x1, y1), k0, k1 in zip(positions, positions[1:], kept, kept[1:]):
            for i in np.flatnonzero(k0):
                for j in np.flatnonzero(k1):
                    ax.plot([x0[i], x1[j]], [y0[i], y1[j]], color=FORWARD, linewidth=0.9,
                            alpha=0.55, zorder=1)
        for (xs, ys), k in zip(positions, kept):
            ax.scatter(xs[k], ys[k], s=260, color=FORWARD, edgecolor=TRAIN, linewidth=1.2, zorder=3)
            ax.scatter(xs[~k], ys[~k], s=260, color="white", edgecolor=NEUTRAL, linewidth=1.2,
                       zorder=3)
            ax.scatter(xs[~k], ys[~k], s=120, marker="x", color=NEUTRAL, linewidth=1.5, zorder=4)
        n_kept = int(sum(k.sum() for k in kept[1:-1]))
        ax.set_title(f"{title}\n{n_kept} of {sum(hidden)} hidden units on", fontsize=14)
        ax.set(xlim=(-0.4, len(sizes) - 0.6), ylim=(-max(sizes) / 2 - 0.3, max(sizes) / 2 + 0.3))
        ax.axis("off")
    return fig


def plot_strength_sweep(grid, sweep, free_val):
    """One panel per penalty: sweep is {name: array of shape (len(grid), 2)}, the final
    training and validation loss at each strength lambda of grid (log axis), with the
    validation loss of the run without a penalty dotted. Returns the figure."""
    for name, losses in sweep.items():
        if np.shape(losses) != (len(grid), 2):
            raise ValueError(f"sweep[{name!r}] needs one (train, validation) pair per strength: "
                             f"shape ({len(grid)}, 2), got {np.shape(losses)}")
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(1, len(sweep), figsize=(12.8, 4.6), sharey=True, squeeze=False)
    for ax, (name, losses) in zip(axes[0], sweep.items()):
        ax.plot(grid, np.asarray(losses)[:, 0], "o-", color=TRAIN, label="train")
        ax.plot(grid, np.asarray(losses)[:, 1], "s--", color=TEST, label="validation")
        ax.axhline(free_val, color=TEST, linestyle=":", linewidth=1.5, label="validation, no penalty")
        ax.set(xscale="log", xlabel="λ (regularization rate)", ylabel="final loss", title=name)
        ax.legend(fontsize=11, loc="lower right")
    return fig


def plot_penalty_paths(w_star, H, lambdas, paths, marks=(0.5, 1, 2), ax=None):
    """The contours of the bowl L(w) = (w - w*)^T H (w - w*) / 2 and, for each entry of
    paths ({name: array of shape (len(lambdas), 2)}), the minimum of L + penalty at each
    lambda: a line from w* (lambda = 0) towards 0, with a dot and its lambda at each of
    `marks`. Returns ax."""
    w_star, H, lambdas = np.asarray(w_star, float), np.asarray(H, float), np.asarray(lambdas)
    for name, path in paths.items():
        if np.shape(path) != (len(lambdas), 2):
            raise ValueError(f"paths[{name!r}] needs one point (w1, w2) per lambda: shape "
                             f"({len(lambdas)}, 2), got {np.shape(path)}")
    ax = _axes(ax, (12.8, 5.6))
    grid = np.linspace(-0.4, 2.6, 300)
    W1, W2 = np.meshgrid(grid, grid)
    D = np.stack([W1 - w_star[0], W2 - w_star[1]], axis=-1)
    ax.contour(W1, W2, 0.5 * np.einsum("...i,ij,...j->...", D, H, D),
               levels=[0.05, 0.25, 0.7, 1.3, 2.2], colors=FORWARD, linewidths=1, alpha=0.5)
    ax.axhline(0, color=TRAIN, linewidth=0.8)
    ax.axvline(0, color=TRAIN, linewidth=0.8)
    ax.plot(*w_star, "x", color=TRAIN, markersize=12, markeredgewidth=2.5)
    ax.annotate("minimum of L (λ = 0)", w_star, xytext=(0, 12), textcoords="offset points",
                ha="center", fontsize=13)
    for k, (name, path) in enumerate(paths.items()):
        style = series_style(k)
        path = np.asarray(path, float)
        ax.plot(path[:, 0], path[:, 1], color=style["color"], linestyle=style["linestyle"],
                linewidth=2.5, label=name)
        for lam in marks:
            i = int(np.argmin(np.abs(lambdas - lam)))
            ax.plot(*path[i], style["marker"], color=style["color"], markersize=9)
            # L2's labels above its path, L1's below: the two paths run close near w*
            ax.annotate(f"λ = {lambdas[i]:g}", path[i], xytext=(0, 12 if k == 0 else -20),
                        textcoords="offset points", ha="center", fontsize=12,
                        color=style["color"])
    ax.set(xlabel="$w_1$", ylabel="$w_2$", aspect="equal", xlim=(-0.4, 2.6), ylim=(-0.4, 1.0))
    ax.legend(fontsize=12, loc="upper left")
    return ax


def plot_dropout_rates(rates, late, lowest, free_late, ax=None):
    """The validation loss against the dropout rate p: `late`, the mean over the last
    epochs of each run, and `lowest`, each run's lowest, with no dropout's late mean as a
    dotted line. Returns ax."""
    if not len(rates) == len(late) == len(lowest):
        raise ValueError(f"one late and one lowest loss per rate: got {len(rates)} rates, "
                         f"{len(late)} late and {len(lowest)} lowest losses")
    ax = _axes(ax, (6.4, 5.0))
    ax.plot(rates, late, "s-", color=TEST, linewidth=2.5, markersize=9,
            label="mean of the last 20 epochs")
    ax.plot(rates, lowest, "o--", color=NEUTRAL, linewidth=1.8, markersize=7,
            label="lowest during the run")
    ax.axhline(free_late, color=TEST, linestyle=":", linewidth=1.8,
               label="no dropout, last 20 epochs")
    ax.set(xlabel="dropout rate p (drop probability)", ylabel="validation loss",
           ylim=(0, 1.5 * max(free_late, *late)))  # room for the legend above every line
    ax.set_xticks(rates)
    ax.legend(fontsize=11, loc="upper right")
    return ax


def plot_losses_and_accuracy(history, axes):
    """Two stacked panels sharing the epoch axis: top, the training and validation loss with
    the epoch of the lowest validation loss marked; bottom, the validation accuracy on its own
    0-to-1 scale. axes: (ax_loss, ax_accuracy). Returns the lowest epoch (from 1)."""
    ax_loss, ax_accuracy = axes
    val = np.asarray(history.val_loss, float)
    if len(history.loss) != len(val) or len(history.val_accuracy) != len(val) or not len(val):
        raise ValueError("need as many training losses, validation losses and accuracies, at least one")
    epochs = np.arange(1, len(val) + 1)
    best = int(np.argmin(val)) + 1
    ax_loss.plot(epochs, history.loss, color=TRAIN, label="train loss")
    ax_loss.plot(epochs, val, color=TEST, linestyle="--", label="validation loss")
    ax_accuracy.plot(epochs, history.val_accuracy, color=TEST, linestyle="--",
                     label="validation accuracy")
    for ax in axes:
        ax.axvline(best, color=NEUTRAL, linestyle=":", label=f"lowest validation loss (epoch {best})")
    ax_loss.set(ylabel="loss")
    ax_accuracy.set(xlabel="epoch", ylabel="validation\naccuracy", ylim=(0, 1), yticks=[0, 0.5, 1])
    ax_loss.legend(fontsize=12, loc="upper left")
    ax_accuracy.legend(fontsize=12, loc="lower right")
    return best


def plot_logit_slice(t, logits, point, ax=None):
    """The logit z along a vertical line through a training point: one curve per network
    (logits: {name: z values at t}), z = 0 marked, the point's height marked. Returns ax."""
    ax = _axes(ax, (12.8, 4.2))
    for k, (name, z) in enumerate(logits.items()):
        if len(z) != len(t):
            raise ValueError(f"{name}: {len(z)} logits for {len(t)} positions")
        style = series_style(k)
        ax.plot(t, z, color=style["color"], linestyle=style["linestyle"], linewidth=2.5, label=name)
    ax.axhline(0, color=TRAIN, linewidth=0.8)
    ax.axvline(point[1], color=POSITIVE, linewidth=3, alpha=0.8,
               label=f"mislabelled class-1 training point ({point[0]:.1f}, {point[1]:.1f})")
    ax.set(title=f"the logit z along the line $x_1$ = {point[0]:.2f} (z > 0: class 1)", xlabel="$x_2$",
           ylabel="logit z", ylim=(-12, 12))
    ax.legend(fontsize=12, loc="lower right")
    return ax
