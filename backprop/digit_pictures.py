"""Pictures for lesson 11 (handwritten digits): weights as images, digits at other places,
one digit's pass through an MLP, and a 2-D map of a hidden layer's code.

The MLP [64, h1, h2, 10] of the lesson computes, for one image x (64 pixels in [0, 1]),

    A1 = relu(x W1 + b1),   A2 = relu(A1 W2 + b2),   p = softmax(A2 W3 + b3),

and backprop one step further than training goes gives the input gradient

    dL/dx = dZ1 W1^T,   with L = -log p_y (cross-entropy of the true label y),

which `Sequential.backward` returns anyway. `draw_digit_pass` draws x, A1, A2, p and
-dL/dx side by side (blue: more ink there lowers the loss of the true label).

`nudge_until_flip` steps the same way (up or down the loss) until the prediction changes.
`nudged` moves an image `steps` times along -dL/dx (each step's largest pixel change is
`step`, pixels clipped to [0, 1]): downhill for the true label, so a misread digit drifts
towards being read right.

`code_map` projects hidden codes on their first two principal components: centre the rows
of A (N, units), take the SVD A_c = U S V^T, and the coordinates are A_c V[:, :2]; the
share of the variance each keeps is S_k^2 / sum S^2. `separation` measures how far apart
the digits sit on such a map: the spread of the digit means around the centre over the
spread of the digits around their own mean (Fisher's ratio, between / within).

Colours: weights and gradients use the diverging map (blue +, orange -, white 0) with a
colour bar, since their sign matters; activations and probabilities are bars in FORWARD
blue with their y axis labelled; on the code map each digit is drawn as its own glyph in
one of ten colours (DIGIT_COLORS), so the glyph, not the colour, carries the label.
"""

import matplotlib.pyplot as plt
import numpy as np

from . import plots
from .losses import CrossEntropyLoss, softmax
from .validation import as_finite_array

PASS_WIDTHS = [1, 2.4, 1.4, 1.6, 1.25]  # image, A1 (128 bars), A2 (64 bars), p, -dL/dX (+ colour bar)
# ten colours for ten digits, all from the course palette (the glyph itself names the digit)
DIGIT_COLORS = (plots.FORWARD, plots.GRADIENT, plots.NEGATIVE, plots.POSITIVE) + tuple(plots.SERIES)


def _image(image, pixels=64):
    image = as_finite_array(image, "image").ravel()
    if image.size != pixels:
        raise ValueError(f"the image has {image.size} pixels: give one flattened 8x8 digit "
                         f"({pixels} values, as a row of X).")
    return image


def _check_net(net):
    """The lesson's MLP([64, h1, h2, 10], activation='relu'): Linear, ReLU, Linear, ReLU,
    Linear (the pictures read its ReLU outputs as 'how active', from 0)."""
    kinds = [type(layer).__name__ for layer in getattr(net, "layers", [])]
    if kinds != ["Linear", "ReLU", "Linear", "ReLU", "Linear"]:
        raise ValueError(f"the digit pictures need the lesson's MLP([64, h1, h2, 10], "
                         f"activation='relu'), got layers {kinds}.")


def hidden_codes(net, X):
    """(A1, A2): both hidden layers' ReLU outputs for the rows of X, from the model's own
    layers (so the picture shows exactly what its forward pass computes)."""
    _check_net(net)
    A1 = net.layers[1].forward(net.layers[0].forward(np.atleast_2d(X)))
    return A1, net.layers[3].forward(net.layers[2].forward(A1))


def input_gradient(net, image, label):
    """dL/dx (64,) of the cross-entropy of `label` for one image: one forward and one
    backward pass, whose return value is the gradient at the input."""
    image = _image(image)
    loss = CrossEntropyLoss()
    loss.forward(net.forward(image[None, :]), np.array([int(label)]))
    return net.backward(loss.backward())[0]


def nudged(net, image, label, steps, step=0.05):
    """The image after `steps` steps down dL/dx (each step's largest pixel change `step`,
    pixels kept in [0, 1]): towards a higher probability of `label`."""
    if int(steps) != steps or steps < 0:
        raise ValueError(f"steps = {steps!r}: give a whole number of steps, 0 or more.")
    x = _image(image).copy()
    for _ in range(int(steps)):
        gradient = input_gradient(net, x, label)
        largest = np.abs(gradient).max()
        if largest == 0:      # saturated: no pixel would change the loss
            break
        x = np.clip(x - step * gradient / largest, 0.0, 1.0)
    return x


def nudge_until_flip(net, image, label, direction, step=0.05, most=40):
    """(moved image, steps): steps of x <- clip(x + direction * step * g / max|g|, 0, 1), with
    g = dL/dx for `label` (so each step's largest pixel change is `step`), until the
    prediction differs from the start's or `most` steps are made. direction +1 climbs the
    loss of `label` (away from it), -1 descends it (towards it)."""
    if direction not in (-1, 1):
        raise ValueError(f"direction = {direction!r}: give +1 (up the loss) or -1 (down it).")
    x = _image(image).copy()
    start = net.forward(x[None, :]).argmax()
    for steps in range(1, int(most) + 1):
        gradient = input_gradient(net, x, label)
        largest = np.abs(gradient).max()
        if largest == 0:      # saturated: no pixel would change the loss
            return x, steps - 1
        x = np.clip(x + direction * step * gradient / largest, 0.0, 1.0)
        if net.forward(x[None, :]).argmax() != start:
            break
    return x, steps


def nearest_mean_accuracy(X_fit, y_fit, X, y):
    """The accuracy on (X, y) of the nearest class mean: m_d = the mean of the rows of X_fit
    labelled d, and each row x of X gets the d with the smallest |x - m_d|^2 (no training).
    X may be pixels or any layer's codes of the same examples."""
    X_fit, X = np.atleast_2d(as_finite_array(X_fit, "X_fit")), np.atleast_2d(as_finite_array(X, "X"))
    classes = np.unique(y_fit)
    means = np.array([X_fit[np.asarray(y_fit) == d].mean(axis=0) for d in classes])
    distances = ((X[:, None, :] - means[None, :, :]) ** 2).sum(axis=2)
    return float(np.mean(classes[distances.argmin(axis=1)] == np.asarray(y)))


def show_pattern(ax, column, title="", side=8, limit=None):
    """A weight vector as a side x side image: blue +, orange -, white 0 (symmetric)."""
    column = np.asarray(column)
    limit = np.abs(column).max() if limit is None else limit
    image = ax.imshow(column.reshape(side, side), cmap=plots.DIVERGING, vmin=-limit, vmax=limit)
    ax.set_title(title, fontsize=13)
    ax.set(xticks=[], yticks=[])
    ax.spines[:].set_visible(False)
    return image


def show_image(ax, image, title=""):
    """An image in grey, ink dark; its side is the square root of its size."""
    image = np.asarray(image)
    side = int(round(np.sqrt(image.size)))
    ax.imshow(image.reshape(side, side), cmap="gray_r", vmin=0, vmax=1)
    ax.set_title(title, fontsize=13)
    ax.axis("off")


def row_label(ax, text):
    """A label left of a row of image panels (their axes are off, so no ylabel)."""
    ax.text(-0.12, 0.5, text, transform=ax.transAxes, rotation=90, ha="right", va="center",
            fontsize=12)


def neighbour_correlation(columns, side=8):
    """Correlation of each weight with its right-hand neighbour in the image: 0 for noise."""
    images = np.asarray(columns).T.reshape(-1, side, side)
    return np.corrcoef(images[:, :, :-1].ravel(), images[:, :, 1:].ravel())[0, 1]


def placed(X, r, c, pad=2):
    """Every 8x8 image of X at the same place of an (8 + pad)-pixel canvas: r down, c right."""
    if not (0 <= r <= pad and 0 <= c <= pad):
        raise ValueError(f"place ({r}, {c}) is off the canvas: r and c go from 0 to pad = {pad}.")
    canvas = np.zeros((len(X), 8 + pad, 8 + pad))
    canvas[:, r:r + 8, c:c + 8] = np.asarray(X).reshape(-1, 8, 8)
    return canvas.reshape(len(X), -1)


def accuracy_by_place(net, X, y, pad=2):
    """(pad + 1, pad + 1): the accuracy with every digit of X at place (r, c)."""
    return np.array([[np.mean(net.forward(placed(X, r, c, pad)).argmax(axis=1) == y)
                      for c in range(pad + 1)] for r in range(pad + 1)])


def plot_spread(ax, groups):
    """One row per (label, model name, accuracies), one hollow marker per seed, the seeds
    stacked a little apart (seed 0 on top) so that close values stay visible."""
    for row, (_, name, accuracies) in enumerate(groups):
        style = plots.series_style(0 if name == "linear" else 1)
        offsets = 0.18 * (np.arange(len(accuracies)) - (len(accuracies) - 1) / 2)
        ax.plot(accuracies, row + offsets, linestyle="none", marker=style["marker"],
                markerfacecolor="none", markeredgecolor=style["color"], markeredgewidth=2,
                markersize=10)
    ax.set(yticks=range(len(groups)), yticklabels=[label for label, _, _ in groups],
           ylim=(-0.6, len(groups) - 0.4),
           xlabel="validation accuracy (one marker per seed, seeds 0, 1, 2 from top)")
    ax.invert_yaxis()


def draw_digit_pass(axes, net, image, label, scale=None, limit=None):
    """Five panels for one digit: the image, A1 and A2 as bars (one per unit, one shared
    height scale: `scale`, default the larger maximum), the ten probabilities (the true
    label hatched) and -dL/dx as an image, its colours from -limit to limit (default its
    own largest |dL/dx|, which the title gives)."""
    image = _image(image)
    label = int(label)
    A1, A2 = (A[0] for A in hidden_codes(net, image))
    p = softmax(net.forward(image[None, :]))[0]
    gradient = input_gradient(net, image, label)
    top = scale if scale is not None else max(A1.max(), A2.max(), 1e-12)
    show_image(axes[0], image, f"true {label}, read {p.argmax()}")
    for ax, A, name in [(axes[1], A1, "$A_1$"), (axes[2], A2, "$A_2$")]:
        ax.bar(np.arange(A.size), A, width=1.0, color=plots.FORWARD)
        ax.set(xlim=(-0.5, A.size - 0.5), ylim=(0, 1.05 * top), xticks=[0, A.size - 1],
               xlabel="unit", ylabel="activation")
        ax.set_title(f"{name}: {np.sum(A > 0)} of {A.size} on", fontsize=13)
        ax.grid(axis="x", visible=False)
    bars = axes[3].bar(range(10), p, color=plots.FORWARD)
    bars[label].set(hatch="//", edgecolor=plots.NEUTRAL)
    axes[3].set(xticks=range(10), ylim=(0, 1.05), xlabel="digit", ylabel="probability")
    axes[3].set_title(f"p (hatched: true {label})", fontsize=13)
    axes[3].grid(axis="x", visible=False)
    largest = np.abs(gradient).max()
    limit = max(largest if limit is None else limit, 1e-300)
    shown = axes[4].imshow(-gradient.reshape(8, 8), cmap=plots.DIVERGING, vmin=-limit, vmax=limit)
    axes[4].set_title(f"−dL/dX (max {largest:.2g})\nblue: ink lowers L", fontsize=13)
    axes[4].set(xticks=[], yticks=[])
    axes[4].grid(False)
    bar = axes[4].figure.colorbar(shown, ax=axes[4], shrink=0.9, ticks=[-limit, 0, limit])
    bar.ax.set_yticklabels([f"{-limit:.2g}", "0", f"{limit:.2g}"])


def digit_pass_figure(net, images, labels, title=None, scale=None):
    """One row of `draw_digit_pass` per image, one activation scale and one -dL/dX colour
    scale (the largest |dL/dX| of all rows) for all rows."""
    images = np.atleast_2d(as_finite_array(images, "images"))
    labels = np.atleast_1d(labels)
    if len(images) != len(labels):
        raise ValueError(f"{len(images)} images but {len(labels)} labels: give one label per image.")
    if scale is None:
        scale = max(max(A.max() for A in hidden_codes(net, images)), 1e-12)
    limit = max(np.abs(input_gradient(net, image, label)).max() for image, label in zip(images, labels))
    with plt.rc_context(plots.STYLE):
        fig, axes = plt.subplots(len(images), 5, figsize=(12.8, 1.1 + 2.5 * len(images)),
                                 layout="constrained", squeeze=False,
                                 gridspec_kw={"width_ratios": PASS_WIDTHS})
        for row, image, label in zip(axes, images, labels):
            draw_digit_pass(row, net, image, label, scale=scale, limit=limit)
        if title:
            fig.suptitle(title, fontsize=14)
    return fig


def code_map(A):
    """(coordinates (N, 2), variance shares (2,)) of the rows of A on their first two
    principal components."""
    A = np.atleast_2d(as_finite_array(A, "A"))
    if len(A) < 3:
        raise ValueError(f"A has {len(A)} rows: a map of the codes needs at least 3 examples.")
    centred = A - A.mean(axis=0)
    _, s, Vt = np.linalg.svd(centred, full_matrices=False)
    # fix each component's sign (the SVD's is arbitrary): its largest loading is positive
    signs = np.sign(Vt[:2][np.arange(2), np.abs(Vt[:2]).argmax(axis=1)])
    return centred @ (Vt[:2].T * signs), s[:2] ** 2 / np.sum(s ** 2)


def separation(coordinates, labels):
    """Between-digit over within-digit spread on a map: sum_d N_d |m_d - m|^2 over
    sum_d sum_{n in d} |u_n - m_d|^2 (m_d: digit d's mean place, m: the centre)."""
    coordinates, labels = np.asarray(coordinates), np.asarray(labels)
    if len(coordinates) != len(labels):
        raise ValueError(f"{len(coordinates)} places but {len(labels)} labels: give one label per row.")
    centre, groups = coordinates.mean(axis=0), [coordinates[labels == d] for d in np.unique(labels)]
    between = sum(len(g) * np.sum((g.mean(axis=0) - centre) ** 2) for g in groups)
    return between / sum(np.sum((g - g.mean(axis=0)) ** 2) for g in groups)


def plot_code_map(ax, coordinates, labels):
    """Each example drawn as its digit, in that digit's colour, at its place on the map; each
    digit's mean place as a large boxed glyph."""
    coordinates, labels = np.asarray(coordinates), np.asarray(labels)
    for (u, v), label in zip(coordinates, labels):
        ax.text(u, v, str(label), ha="center", va="center", fontsize=11,
                color=DIGIT_COLORS[int(label) % 10], alpha=0.8)
    for d in np.unique(labels):
        ax.text(*coordinates[labels == d].mean(axis=0), str(d), fontsize=22, weight="bold",
                ha="center", va="center", color=DIGIT_COLORS[int(d) % 10],
                bbox={"facecolor": "white", "edgecolor": plots.TRAIN, "linewidth": 1.5})
    margin = 0.05 * np.ptp(coordinates, axis=0)
    ax.set(xlim=(coordinates[:, 0].min() - margin[0], coordinates[:, 0].max() + margin[0]),
           ylim=(coordinates[:, 1].min() - margin[1], coordinates[:, 1].max() + margin[1]),
           xticks=[], yticks=[], xlabel="direction of largest spread",
           ylabel="second largest")


def pattern_rows(rows, title, side=8):
    """A figure of rows of ten 8x8 panels, one per digit: rows = [(name, columns (64, 10),
    kind)] or [(name, columns, kind, bar label)], kind "image" (grey ink, 0..1) or "pattern"
    (diverging, one colour bar per row, symmetric about 0, labelled with the bar label, by
    default the row's name)."""
    with plt.rc_context(plots.STYLE):
        fig, axes = plt.subplots(len(rows), 10, figsize=(12.8, 0.6 + 1.55 * len(rows)),
                                 layout="constrained", squeeze=False)
        for r, (row, (name, columns, kind, *bar_label)) in enumerate(zip(axes, rows)):
            columns = np.asarray(columns)
            limit = np.abs(columns).max()
            for d, ax in enumerate(row):
                heading = f"digit {d}" if r == 0 else ""  # the top row names the columns
                if kind == "image":
                    show_image(ax, columns[:, d], heading)
                else:
                    shown = show_pattern(ax, columns[:, d], heading,
                                         side=int(round(np.sqrt(len(columns)))), limit=limit)
            row_label(row[0], name)
            if kind != "image":
                fig.colorbar(shown, ax=row, label=bar_label[0] if bar_label else name, shrink=0.9)
        fig.suptitle(title, fontsize=14)
    return fig


def plot_mistakes(images, labels, predicted, probabilities, columns=5):
    """A grid of digit images (rows of 64 pixels), each titled 'true → predicted (p=...)' with
    p = probabilities[k, predicted[k]], the softmax probability of the (wrong) answer given.
    `columns` per row keeps each 8x8 image and its title readable on a 720p screen."""
    images, probabilities = np.atleast_2d(images), np.atleast_2d(probabilities)
    if not len(images) == len(labels) == len(predicted) == len(probabilities):
        raise ValueError(f"{len(images)} images, {len(labels)} labels, {len(predicted)} predictions and "
                         f"{len(probabilities)} rows of probabilities: give one of each per image.")
    with plt.rc_context(plots.STYLE):
        fig, axes = plt.subplots(max(1, int(np.ceil(len(images) / columns))), columns,
                                 figsize=(12.8, 6.4), squeeze=False)
        for ax in axes.ravel():
            ax.axis("off")
        for k, ax in enumerate(axes.ravel()[:len(images)]):
            ax.imshow(np.reshape(images[k], (8, 8)), cmap="gray_r", vmin=0, vmax=1)
            ax.set_title(f"{labels[k]} → {predicted[k]} (p={probabilities[k, predicted[k]]:.2f})",
                         color=plots.TRAIN)
        fig.suptitle("misclassified test digits: true → predicted (probability of the prediction)")
    return fig


def unit_grid(W1, dead=(), count=32, title=""):
    """The first `count` columns of W1 as 8x8 patterns on one colour scale, dead units framed."""
    W1 = np.asarray(W1)
    limit = np.abs(W1).max()  # one scale: a unit with small weights looks pale, as it should
    with plt.rc_context(plots.STYLE):
        fig, axes = plt.subplots(count // 8, 8, figsize=(12.8, 0.8 + 1.55 * (count // 8)),
                                 layout="constrained", squeeze=False)
        for j, ax in enumerate(axes.ravel()):
            heading = f"unit {j}" + (" (dead)" if j in dead else "")
            shown = show_pattern(ax, W1[:, j], heading, limit=limit)
            if j in dead:  # a frame: this pattern is never used
                ax.spines[:].set_visible(True)
                ax.spines[:].set(color=plots.TRAIN, linewidth=3)
        fig.colorbar(shown, ax=axes, shrink=0.6, label="weight")
        fig.suptitle(title, fontsize=14)
    return fig


def plot_places(ax, grid, title):
    """The accuracy at each place as a heatmap with its value printed in each cell."""
    ax.imshow(grid, cmap="Blues", vmin=0.4, vmax=1.0)
    ax.grid(False)  # the style's grid would cross the numbers
    for (r, c), value in np.ndenumerate(grid):
        ax.text(c, r, f"{value:.2f}", ha="center", va="center", fontsize=16,
                color="white" if value > 0.75 else plots.TRAIN)
    ax.set(xticks=range(grid.shape[1]), yticks=range(grid.shape[0]), xlabel="pixels moved right",
           ylabel="pixels moved down", title=title)


def plot_tuning(ax, lowest, chosen, lrs, l2s, title):
    """Lowest validation loss against η, one line per λ, the chosen setting starred."""
    for i, l2 in enumerate(l2s):
        ax.plot(lrs, [lowest[lr, l2] for lr in lrs], **plots.series_style(i), label=f"λ = {l2:g}")
    ax.plot(chosen[0], lowest[chosen], "*", markersize=26, markerfacecolor="none",
            markeredgecolor=plots.TRAIN, markeredgewidth=1.5, zorder=3,
            label=f"chosen: η = {chosen[0]:g}, λ = {chosen[1]:g}")
    ax.set(xscale="log", xticks=lrs, xticklabels=[f"{lr:g}" for lr in lrs], xlabel="learning rate η",
           xlim=(min(lrs) / 1.3, max(lrs) * 1.3), title=title)  # a margin: no marker on the frame
    ax.minorticks_off()


def shifted(X, rng, pad=2):
    """Each 8x8 image of X pasted on a blank (8 + pad) x (8 + pad) canvas, moved r down and c
    right, with r and c drawn uniformly from 0..pad by `rng` (one place per image): rows of
    (8 + pad)^2 pixels, the same ink as before."""
    X = as_finite_array(X, "X")
    size = 8 + pad
    canvas = np.zeros((len(X), size, size))
    rows, columns = rng.integers(0, pad + 1, size=(2, len(X)))
    for k, (r, c) in enumerate(zip(rows, columns)):
        canvas[k, r:r + 8, c:c + 8] = X[k].reshape(8, 8)
    return canvas.reshape(len(X), -1)
