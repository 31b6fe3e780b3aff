"""The figures of lesson 08 (training an MLP), drawn from numbers the lesson computes.

- `plot_step_losses`: the loss of each mini-batch just before its step (makemore's noisy
  per-step curve), with the loss on the whole training set after each epoch, and the whole
  set's loss read just before each epoch's last (small) batch.
- `plot_noise`: the squared miss E||g_B - grad L||^2 of a batch gradient against B, measured
  and from the formula s^2/B * (N - B)/(N - 1) for batches drawn without replacement,
  next to s^2/B (slope -1 on log-log axes) and the signal ||grad L||^2.
- `plot_example_gradients`: one step of two weights from a start: every example's own step
  -lr g_n as an arrow, the steps of a few batches (each the mean of its examples' arrows) and
  the full step (the mean of all), then zoomed in on the mean arrows.
- `plot_paths`: paths of two weights (v1, v2) over the contours of a loss L(w), with the
  minimum of L on the grid drawn on top of everything.
- `layer2_outputs` / `plot_layer2`: each unit of the second hidden layer, a_j = tanh(z_j),
  over the plane, with its output weight w_j (the logit is sum_j w_j a_j + b).
- `plot_sweep`: a learning-rate sweep, each run scored by the mean of its last epochs.
- `plot_hidden_histograms`: makemore part 3's look at the hidden units, a histogram of each
  hidden layer's tanh outputs (shared bins, end bins beyond +-0.99), one panel per input set.
- `plot_step_payoff`: the expected change of a 1-D loss after one noisy step against the
  learning rate, one line per batch size, with where each stops helping.
- `plot_curves_to_read`: a few training-loss curves labelled only "run A", "run B", ... for a
  read-the-curve exercise.

One colour per batch choice in every figure: METHOD_STYLES (full batch, mini-batch, SGD),
three different hues (green, wine, olive); the shuffling orders of one batch size use
ORDER_STYLES, the other three series colours.
"""

import matplotlib.pyplot as plt
import numpy as np

from . import plots

METHOD_STYLES = {
    "full batch": plots.series_style(0),
    "mini-batch": plots.series_style(1),
    "SGD": plots.series_style(4),
}
ORDER_STYLES = tuple(plots.series_style(i) for i in (3, 2, 5))
REGIME_STYLES = tuple(plots.series_style(i) for i in (0, 1, 4))  # three hues, one per learning rate
CURVE_STYLES = tuple(plots.series_style(i) for i in (1, 0, 4, 2))  # four hues, one green


def plot_step_losses(step_losses, epoch_losses, before_last, steps_per_epoch):
    """Per-step batch losses (thin) against epochs, the whole set's loss after each epoch,
    and the whole set's loss just before each epoch's last step."""
    fig, ax = plt.subplots(figsize=(12, 5))
    steps = np.arange(1, len(step_losses) + 1) / steps_per_epoch
    epochs = np.arange(1, len(epoch_losses) + 1)
    ax.plot(
        steps, step_losses, color=plots.NEUTRAL, linewidth=1, label="loss of each batch, before its step"
    )
    ax.plot(epochs, epoch_losses, color=plots.TRAIN, marker="o", label="whole set, after each epoch")
    ax.plot(
        epochs - 1 / steps_per_epoch,
        before_last,
        **ORDER_STYLES[0],
        label="whole set, just before the epoch's last batch (8 examples)",
    )
    ax.set(
        yscale="log",
        xlabel="epoch",
        ylabel="loss (log scale)",
        title="one run, B = 32, N = 200, lr = 0.3",
    )
    ax.set_yticks([0.01, 0.03, 0.1, 0.3, 1], ["0.01", "0.03", "0.1", "0.3", "1"])
    ax.minorticks_off()
    ax.legend(loc="lower left")
    plt.show()


def plot_noise(sizes, measured, formula, s2, signal, N):
    """Squared miss of a batch gradient against B, log-log."""
    fig, ax = plt.subplots(figsize=(10, 5))
    ax.plot(
        sizes, s2 / sizes, color=plots.NEUTRAL, linestyle=":", linewidth=3, label=r"$s^2/B$: slope $-1$"
    )
    ax.plot(sizes, formula, color=plots.GRADIENT, label=r"formula $\frac{s^2}{B}\,\frac{N-B}{N-1}$")
    ax.plot(
        sizes, measured, "o", color=plots.GRADIENT, markersize=9, label="measured, 300 batches per $B$"
    )
    ax.axhline(signal, color=plots.TRAIN, linestyle="--", label=r"the signal, $\|\nabla L\|^2$")
    ax.set(
        xscale="log",
        yscale="log",
        xlabel="batch size $B$ (log scale)",
        ylabel=r"$\mathbb{E}\,\|g_\mathcal{B} - \nabla L\|^2$ (log scale)",
        title=f"noise of a batch gradient, N = {N}: a straight line of slope −1 until B nears N",
    )
    ax.set_xticks(sizes, [str(B) for B in sizes])
    ax.set_yticks([0.01, 0.1, 1], ["0.01", "0.1", "1"])
    ax.minorticks_off()
    ax.legend(loc="lower left")
    plt.show()


def plot_example_gradients(start, example_steps, batch_steps, full_step, loss, batch_size):
    """Two panels of the (v1, v2) plane over the contours of loss(w), arrows from `start`.
    Left: every example's step (rows of example_steps), the batches' steps (rows of
    batch_steps) and the full step, with a dashed box round the right panel's window.
    Right: zoomed in on the start and the tips of the mean arrows, without the examples'."""
    full_colour = METHOD_STYLES["full batch"]["color"]
    batch_colour = METHOD_STYLES["mini-batch"]["color"]
    reach = np.abs(example_steps).max() * 1.05
    ends = np.vstack([np.zeros(2), batch_steps, full_step[None]])  # the start and the tips
    centre = (ends.max(axis=0) + ends.min(axis=0)) / 2
    half = (ends.max(axis=0) - ends.min(axis=0)).max() / 2 * 1.15
    windows = [(start - reach, start + reach), (start + centre - half, start + centre + half)]
    arrow = dict(angles="xy", scale_units="xy", scale=1)
    fig, axes = plt.subplots(1, 2, figsize=(15, 6.8), layout="constrained")
    for k, (ax, (low, high)) in enumerate(zip(axes, windows)):
        w1, w2 = np.meshgrid(np.linspace(low[0], high[0], 81), np.linspace(low[1], high[1], 81))
        surface = np.array([[loss(np.array([a, b])) for a, b in zip(r1, r2)] for r1, r2 in zip(w1, w2)])
        ax.contour(w1, w2, surface, levels=12, colors=plots.NEUTRAL, linewidths=0.8, alpha=0.6, zorder=0)
        if k == 0:
            ax.quiver(
                *np.repeat(start[None], len(example_steps), axis=0).T,
                *example_steps.T,
                color=plots.NEUTRAL,
                width=0.003,
                alpha=0.7,
                zorder=1,
                **arrow,
                label=f"one example's step, $-\\eta\\, g_n$ ({len(example_steps)} arrows)",
            )
        ax.quiver(
            *np.repeat(start[None], len(batch_steps), axis=0).T,
            *batch_steps.T,
            color=batch_colour,
            width=0.006,
            zorder=2,
            **arrow,
            label=f"a batch of {batch_size}: the mean of its arrows ({len(batch_steps)} batches)",
        )
        ax.quiver(
            *start, *full_step, color=full_colour, width=0.009, zorder=3, **arrow,
            label="the full batch: the mean of all",
        )
        ax.plot(*start, "o", color=plots.TRAIN, markersize=8, fillstyle="none", markeredgewidth=2,
                zorder=4)
        ax.set(xlim=(low[0], high[0]), ylim=(low[1], high[1]), xlabel="$v_1$", ylabel="$v_2$")
        ax.set_aspect("equal")
    low, high = windows[1]
    axes[0].add_patch(
        plt.Rectangle(low, *(high - low), fill=False, edgecolor=plots.TRAIN, linestyle="--", zorder=5)
    )
    axes[0].set_title("one step from the start (circle), every example's")
    axes[1].set_title("zoomed in (dashed box): only the means")
    axes[0].legend(loc="upper left", fontsize=11)
    plt.show()
    return windows


def plot_paths(paths, budgets, methods, loss):
    """paths[(title, B)]: array of (v1, v2), start first; budgets[title][B]: its steps;
    methods: (label, B) pairs, label starting with a METHOD_STYLES name; loss(w): L(w)."""
    w1, w2 = np.meshgrid(np.linspace(-3.5, 3.5, 141), np.linspace(-3.5, 5, 121))
    surface = np.array([[loss(np.array([a, b])) for a, b in zip(r1, r2)] for r1, r2 in zip(w1, w2)])
    lowest = np.unravel_index(surface.argmin(), surface.shape)
    fig, axes = plt.subplots(1, 2, figsize=(16, 6.5), layout="constrained")
    for ax, (title, steps) in zip(axes, budgets.items()):
        ax.contour(
            w1,
            w2,
            surface,
            levels=surface.min() + np.geomspace(0.005, 1.5, 10),
            colors=plots.NEUTRAL,
            linewidths=1,
            zorder=0,
        )
        for i, (label, B) in enumerate(methods):
            ws = paths[title, B]
            style = next(s for name, s in METHOD_STYLES.items() if label.startswith(name))
            line = dict(color=style["color"], linewidth=1) if B == 1 else style
            ax.plot(
                ws[:, 0],
                ws[:, 1],
                **line,
                markersize=7,
                zorder=2 + i,
                label=f"{label}: {steps[B]:,} steps",
            )
            ax.plot(
                *ws[-1],
                "X",
                color=style["color"],
                markersize=20 - 4 * i,
                markeredgecolor="white",
                markeredgewidth=1.5,
                zorder=6 + i,
            )  # the smaller end markers on top
        ax.plot(
            *ws[0],
            "o",
            color=plots.TRAIN,
            markersize=14,
            fillstyle="none",
            markeredgewidth=2,
            zorder=5,
            label="start (the same for all)",
        )
        ax.plot([], [], "X", color=plots.NEUTRAL, markersize=14, label="end of each path (its colour)")
        ax.plot(
            w1[lowest],
            w2[lowest],
            "*",
            color=plots.TRAIN,
            markersize=22,
            markeredgecolor="white",
            zorder=10,
            label="minimum of $L$ (on top)",
        )
        ax.set(xlabel="$v_1$", ylabel="$v_2$", title=title, xlim=(-3.5, 3.5), ylim=(-3.5, 5))
        ax.legend(loc="upper left", fontsize=11)
    plt.show()


def layer2_outputs(model, X):
    """The second hidden layer's outputs a = tanh(z) of an MLP [2, h, h, 1]: its first four
    layers (Linear, tanh, Linear, tanh)."""
    for layer in model.layers[:4]:
        X = layer.forward(X)
    return X


def plot_layer2(models, X=None, y=None, extent=5.5):
    """One row per model: each layer-2 unit a_j over the plane, titled with its output
    weight w_j, the boundary (logit 0) dashed; the class-1 points, if given, as small dots."""
    side = np.linspace(-extent, extent, 111)
    g1, g2 = np.meshgrid(side, side)
    grid = np.column_stack([g1.ravel(), g2.ravel()])
    fig, axes = plt.subplots(
        len(models), 8, figsize=(16, 2.2 * len(models) + 0.8), layout="constrained", squeeze=False
    )
    for row, (label, model) in zip(axes, models.items()):
        A2, w = layer2_outputs(model, grid), model.layers[-1].W.data[:, 0]
        logit = model.forward(grid).reshape(g1.shape)
        for j, ax in enumerate(row):
            image = ax.imshow(
                A2[:, j].reshape(g1.shape),
                origin="lower",
                extent=(-extent, extent) * 2,
                cmap=plots.DIVERGING,
                vmin=-1,
                vmax=1,
            )
            ax.contour(g1, g2, logit, levels=[0], colors=plots.TRAIN, linestyles="--", linewidths=1.2)
            if X is not None:
                ax.scatter(*X[y == 1].T, s=3, color=plots.TRAIN, linewidths=0)
            ax.set(xticks=[], yticks=[], title=f"$w_{j + 1}$ = {w[j]:+.2f}")
        row[0].set_ylabel(label)
    for j, ax in enumerate(axes[-1]):
        ax.set_xlabel(f"unit {j + 1}")
    fig.colorbar(image, ax=axes, shrink=0.8, label=r"$a_j = \tanh(z_j)$ (−1 orange, +1 blue)")
    plt.show()


def plot_sweep(grids, scores, regimes, N):
    """grids[B]: log10 rates; scores[(B, order)]: one score per rate; regimes: name ->
    (lo, hi) log10 rate, shaded on the left panel (B = 32 per order); right: each B."""
    fig, (ax, ax_b) = plt.subplots(1, 2, figsize=(16, 5.5), sharey=True, layout="constrained")
    for order in range(3):
        ax.plot(
            grids[32], scores[32, order], **ORDER_STYLES[order], label=f"B = 32, shuffling order {order}"
        )
    for shade, (name, (lo, hi)) in zip([0.10, 0.22, 0.10], regimes.items()):
        ax.axvspan(lo - 0.12, hi + 0.12, color=plots.NEUTRAL, alpha=shade, linewidth=0)
        ax.text((lo + hi) / 2, 30, name, ha="center", va="top")
    for name, B in [("full batch", N), ("mini-batch", 32), ("SGD", 1)]:
        runs, style = np.array([s for (size, _), s in scores.items() if size == B]), METHOD_STYLES[name]
        ax_b.fill_between(
            grids[B], runs.min(axis=0), runs.max(axis=0), color=style["color"], alpha=0.25, lw=0
        )
        ax_b.plot(
            grids[B],
            np.median(runs, axis=0),
            **style,
            label=f"{name} (B = {B})" + (": median of 3 orders" if len(runs) > 1 else ": no shuffling"),
        )
    for axis in (ax, ax_b):
        axis.axhline(
            np.log(2), color=plots.NEUTRAL, linestyle=":", linewidth=3, label=r"blind guess, $\log 2$"
        )
        axis.set(xlabel=r"$\log_{10}$ learning rate", xlim=(-3.2, 1.7))
    ax.legend(loc="lower left")
    ax_b.legend(loc="upper left")  # above the curves: SGD's valley, low on the left, stays in view
    ax.set(
        yscale="log",
        ylim=(0.002, 40),
        ylabel="training loss, mean of epochs 16 to 20 (log scale)",
        title="mini-batches of 32, three shuffling orders",
    )
    ax.set_yticks([0.01, 0.1, 1, 10], ["0.01", "0.1", "1", "10"])
    ax_b.set(title="each batch size (band: lowest to highest of its orders)")
    plt.show()


def plot_regime_curves(curves):
    """CS231n's babysitting picture: the training loss after each epoch for a few learning
    rates (label -> losses) of mini-batch runs (one REGIME_STYLES colour and line style each),
    log scale, with the blind guess log 2."""
    fig, ax = plt.subplots(figsize=(10, 4.5))
    for i, (label, losses) in enumerate(curves.items()):
        ax.plot(np.arange(1, len(losses) + 1), losses, **REGIME_STYLES[i], label=label)
    ax.axhline(
        np.log(2), color=plots.NEUTRAL, linestyle=":", linewidth=3, label=r"blind guess, $\log 2$"
    )
    ax.set(
        yscale="log",
        xlabel="epoch",
        ylabel="training loss (log scale)",
        xticks=[1, 5, 10, 15, 20],
        title="mini-batches of 32, shuffling order 0: one run per learning rate",
    )
    ax.minorticks_off()
    ax.legend(loc="lower left")
    plt.show()


def plot_hidden_histograms(outputs, threshold=0.99):
    """outputs: panel title -> (A1, A2), the tanh outputs of two hidden layers. One panel per
    title, both layers' histograms on the same bins over [-1, 1] (series colours 0 and 1),
    the share of outputs in each bin, and dotted lines at +-threshold. The two end bins are
    exactly the saturated outputs, beyond +-threshold, so their bars read as the saturated share."""
    bins = np.r_[-1, np.linspace(-threshold, threshold, 34), 1]
    fig, axes = plt.subplots(1, len(outputs), figsize=(6 * len(outputs), 4), sharey=True,
                             layout="constrained", squeeze=False)
    for ax, (title, layers) in zip(axes[0], outputs.items()):
        for j, A in enumerate(layers):
            weights = np.full(A.size, 1 / A.size)
            ax.hist(A.ravel(), bins=bins, weights=weights, histtype="step", linewidth=2.5,
                    color=plots.series_style(j)["color"], linestyle=plots.series_style(j)["linestyle"],
                    label=f"layer {j + 1}")
        for edge in (-threshold, threshold):
            ax.axvline(edge, color=plots.NEUTRAL, linestyle=":", linewidth=2)
        ax.set(title=title, xlabel=r"hidden output $a = \tanh(z)$", xlim=(-1.05, 1.05))
    axes[0, 0].set_ylabel("share of the outputs")
    axes[0, 0].legend(loc="upper center", title=rf"dotted: $\pm${threshold}")
    plt.show()


def plot_curves_to_read(curves, zoom=(0.55, 0.75)):
    """curves: label -> training loss after each epoch (up to four), one CURVE_STYLES style
    each, with the blind guess log 2: left on a log scale, right the same curves zoomed in on
    zoom (a linear range of the loss around log 2); the labels say nothing about the runs."""
    fig, (ax, ax_zoom) = plt.subplots(1, 2, figsize=(15, 4.5), layout="constrained")
    for i, (label, losses) in enumerate(curves.items()):
        for a in (ax, ax_zoom):
            a.plot(np.arange(1, len(losses) + 1), losses, **CURVE_STYLES[i], markevery=4,
                   label=label)
    for a in (ax, ax_zoom):
        a.axhline(np.log(2), color=plots.NEUTRAL, linestyle=":", linewidth=2, zorder=0,
                  label=r"blind guess, $\log 2$")
        a.set(xlabel="epoch")
    ax.set(yscale="log", ylabel="training loss (log scale)", title="four runs: what went on in each?")
    ax.minorticks_off()
    ax_zoom.set(ylim=zoom, ylabel="training loss",
                title=f"the same runs, the loss from {zoom[0]} to {zoom[1]}")
    ax_zoom.legend(loc="upper left", bbox_to_anchor=(1.01, 1))
    plt.show()


def plot_step_payoff(lrs, curves, dots, gain):
    """The expected change of a loss after one noisy step against the learning rate.

    curves: label -> the expected change at each of lrs (a line each, series styles 0, 1, 2);
    dots: label -> (lrs, changes) measured by drawing batches (markers of the same style);
    gain: the first-order gain lr * L'^2, drawn as -gain (dashed, neutral). Where each line
    crosses 0 (the step stops helping) is marked on the axis."""
    fig, ax = plt.subplots(figsize=(10, 4.5))
    ax.plot(lrs, -gain, color=plots.NEUTRAL, linestyle="--", linewidth=2,
            label=r"the gain alone, $-\eta L'^2$")
    for i, (label, change) in enumerate(curves.items()):
        style = plots.series_style(i)
        ax.plot(lrs, change, color=style["color"], linestyle=style["linestyle"], linewidth=2.5,
                label=label)
        if label in dots:
            ax.plot(*dots[label], linestyle="none", marker=style["marker"], color=style["color"],
                    markersize=7)
        crossing = lrs[1:][(change[:-1] < 0) & (change[1:] >= 0)]
        if crossing.size:
            ax.plot(crossing[0], 0, marker="v", markersize=12, color=style["color"], linestyle="none")
    ax.axhline(0, color=plots.NEUTRAL, linewidth=1)
    ax.set(xlabel=r"learning rate $\eta$", ylabel="expected change of $L$ in one step",
           title="one step on a parabola: lines computed, markers from random batches; "
                 r"$\blacktriangledown$ where it stops helping",
           ylim=(-1.1, 1.8))
    ax.legend(loc="upper left")
    plt.show()
