"""Measuring what the activations do inside a deep network (lesson 07, section 3).

For a network of Linear layers Z_l = A_(l-1) W_l + b_l, each followed by an activation
A_l = f(Z_l) (A_0 = X), one forward and backward pass gives per layer:

- `walk`: the records of the Linear layers (grads["W"] = dW_l = A_(l-1)^T dZ_l) and of the
  activation layers (input = Z_l, output = A_l, grad_input = dZ_l = dA_l * f'(Z_l)).
- `off_share`: the share of a layer's entries that pass back (almost) no gradient:
  tanh saturated, |A| > 0.97 (so tanh' = 1 - A^2 < 0.06); sigmoid saturated, A < 0.03 or
  A > 0.97 (sigma' = A (1 - A) < 0.03); ReLU inactive, Z <= 0 (f' = 0).
- `update_ratios`: Karpathy's update-to-data ratio lr * ||dW_l|| / ||W_l|| per layer after
  every epoch of training, with the full-batch gradient dW_l.

`deep_net` builds the lesson's deep net with weights uniform in +-limit, `histogram_column`
draws Karpathy's activation and gradient histograms, `unit_map_rows` draws each hidden unit's
A_(l,j)(x) over a two-input plane (TensorFlow Playground's neuron pictures), `layer_colour`
pales a base colour from the input layer to the output layer. `per_layer_plot` draws a
quantity per layer (log scale), `update_ratio_panels` the update-to-data ratios of a few
layers per epoch, `active_panels` Karpathy's picture of where each ReLU unit is active.
"""

import numpy as np
from matplotlib.colors import ListedColormap, to_rgb

from . import plots
from .activations import ReLU, Tanh
from .layers import Linear, Sequential
from .losses import BCEWithLogitsLoss
from .training import compute_gradients, fit
from .unit_maps import PROBABILITY

SATURATION = 0.97


def walk(model, X, y, loss="bce"):
    """One forward + backward pass: (records of the Linear layers, of the activation layers)."""
    records = model.trace(X, y, loss=loss).layers
    return ([r for r in records if isinstance(r.layer, Linear)],
            [r for r in records if not isinstance(r.layer, Linear)])


def deep_net(activation, limit, sizes=(2,) + (16,) * 8 + (1,), seed=0):
    """Linear layers of `sizes` with weights uniform in +-limit, `activation()` between them."""
    rng, layers = np.random.default_rng(seed), []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        layers += [Linear(n_in, n_out, rng=rng, init_scale=limit), activation()]
    return Sequential(*layers[:-1])


def off_share(record, kind):
    """Share of a layer's entries saturated (kind "tanh", "sigmoid") or inactive ("relu")."""
    A, Z = record.output, record.input
    if kind == "tanh":
        return float(np.mean(np.abs(A) > SATURATION))
    if kind == "sigmoid":
        return float(np.mean((A < 1 - SATURATION) | (A > SATURATION)))
    if kind == "relu":
        return float(np.mean(Z <= 0))
    raise ValueError(f"kind must be 'tanh', 'sigmoid' or 'relu', got {kind!r}.")


def layer_colour(index, base, n_layers=9):
    """Layer `index` (0-based) of n_layers: `base` at the input, paling towards white at the output."""
    rgb = np.array(to_rgb(base))
    return tuple(rgb + (1 - rgb) * 0.6 * index / (n_layers - 1))


def update_ratios(model, X, y, lr=0.3, epochs=100, seed=0):
    """Train with `fit` one epoch at a time (the same shuffling as one run of `epochs`).

    Returns (ratios, moved, history): ratios[e, l] = lr ||dW_l|| / ||W_l|| after epoch e + 1
    (full-batch dW_l, no step taken), moved[l] = ||W_l - W_l(start)|| / ||W_l(start)||.
    """
    linears = [layer for layer in model.layers if isinstance(layer, Linear)]
    before = [layer.W.data.copy() for layer in linears]
    ratios, order, history = [], np.random.default_rng(seed), None
    for _ in range(epochs):
        history = fit(model, X, y, loss="bce", lr=lr, epochs=1, seed=order, history=history,
                      verbose=False)
        compute_gradients(model, BCEWithLogitsLoss(), X, y)
        ratios.append([lr * np.linalg.norm(m.W.grad) / np.linalg.norm(m.W.data) for m in linears])
    moved = np.array([np.linalg.norm(m.W.data - b) / np.linalg.norm(b) for m, b in zip(linears, before)])
    return np.array(ratios), moved, history


def histogram_column(top, bottom, title, kind, records, layers=(0, 3, 7)):
    """Histograms of A_l (top; ReLU: log10 of the entries > 0) and log10 |dZ_l| (bottom, entries != 0).

    Values beyond the bins are counted in the outermost bin, so nothing disappears.
    """
    a_bins = np.linspace(-1, 1, 41) if kind == "tanh" else np.linspace(-4, 1, 41)
    g_bins, word = np.linspace(-10, 1, 45), "saturated" if kind == "tanh" else "inactive"
    for k, i in enumerate(layers):
        A, dZ = records[i].output, records[i].grad_input
        a = A if kind == "tanh" else np.clip(np.log10(A[A > 0]), a_bins[0], a_bins[-1])
        g = np.clip(np.log10(np.abs(dZ[dZ != 0])), g_bins[0], g_bins[-1])
        style = dict(linestyle=plots.SERIES_LINESTYLES[k], linewidth=2.5)
        top.stairs(np.histogram(a, bins=a_bins)[0], a_bins, **style,
                   color=layer_colour(i, plots.FORWARD),
                   label=f"layer {i + 1}: {off_share(records[i], kind):.0%} {word}")
        bottom.stairs(np.histogram(g, bins=g_bins)[0], g_bins, **style,
                      color=layer_colour(i, plots.GRADIENT), label=f"layer {i + 1}")
    top.set(title=f"{title}: activations",
            xlabel="$A_l$" if kind == "tanh" else "$\\log_{10} A_l$ (entries > 0)")
    bottom.set(title=f"{title}: gradients",
               xlabel="$\\log_{10} |dZ_l|$ ($\\neq 0$; below $-10$: first bin)")
    top.legend(fontsize=12, loc="upper center")
    bottom.legend(fontsize=12, loc="upper left")


def unit_map_rows(net, rows, side, points=None):
    """Draw each hidden unit's output A_(l,j) over the plane, one row of axes per hidden layer.

    tanh units on the diverging class map (-1 to 1); a ReLU unit divided by its maximum, from white (0)
    to blue (its max). Dashed: the net's boundary (logit 0); black dots: `points` (e.g. the class-1
    points). Returns the last image, for a colour bar.
    """
    g1, g2 = np.meshgrid(side, side)
    out = np.column_stack([g1.ravel(), g2.ravel()])
    logit = net.forward(out).reshape(g1.shape)
    rows, image = iter(rows), None
    for layer in net.layers[:-1]:                      # everything up to the output layer
        out = layer.forward(out)
        if isinstance(layer, (Tanh, ReLU)):
            relu = isinstance(layer, ReLU)
            maps = out.reshape(len(side), len(side), -1)
            maps = maps / np.maximum(maps.max(axis=(0, 1)), 1e-12) if relu else maps
            for j, ax in enumerate(next(rows)):
                image = ax.imshow(maps[:, :, j], origin="lower", extent=(side[0], side[-1]) * 2,
                                  cmap=PROBABILITY if relu else plots.DIVERGING,
                                  vmin=0 if relu else -1, vmax=1)
                ax.contour(g1, g2, logit, levels=[0], colors="black", linestyles="--", linewidths=1.5)
                if points is not None:
                    ax.scatter(points[:, 0], points[:, 1], s=3, color="black")
                ax.set(xticks=[], yticks=[], title=f"unit {j + 1}")
    return image


def per_layer_plot(ax, curves, ylabel, title, legend=None, markevery=1):
    """One curve per layer-indexed quantity, log y axis, layers numbered from 1 (the input side).

    `curves` maps a legend label to (values for layers 1, 2, ..., style keywords for ax.plot);
    `legend`: keyword arguments for ax.legend (default: inside, font size 12).
    """
    for label, (values, style) in curves.items():
        ax.plot(range(1, len(values) + 1), values, **style, markevery=markevery, label=label)
    n = max(len(values) for values, _ in curves.values())
    ax.set(yscale="log", xlabel="layer $l$ (input → output)", ylabel=ylabel, title=title,
           xticks=range(1, n + 1) if n <= 10 else range(0, n + 1, 5))
    ax.legend(**(legend or {"fontsize": 12}))


def update_ratio_panels(axes, ratios, layers, rule=1e-3):
    """One panel per run: `ratios` maps a title to an (epochs, layers) array of update-to-data
    ratios; the 0-based `layers` are drawn, each in its own series style, with the rule of thumb
    dotted and a legend above every panel, off the curves."""
    for ax, (name, r) in zip(axes, ratios.items()):
        epochs = np.arange(1, len(r) + 1)
        for k, layer in enumerate(layers):
            ax.plot(epochs, r[:, layer], **plots.series_style(k), markevery=(2 * k, 10),
                    label=f"layer {layer + 1}")
        ax.axhline(rule, color=plots.TRAIN, linestyle=":", linewidth=2)
        ax.text(epochs[-1], rule * 1.4, f"rule of thumb {rule:g}", ha="right", fontsize=12)
        ax.set(yscale="log", xlabel="epoch")
        ax.set_title(f"{name}: update-to-data ratio per layer", pad=32)
        ax.legend(fontsize=11, ncols=len(layers), loc="lower center", bbox_to_anchor=(0.5, 1.0),
                  columnspacing=0.8, handlelength=2.5, frameon=False)   # above the curves
    axes[0].set_ylabel("$\\eta\\,\\|dW_l\\| / \\|W_l\\|$ (log scale)")


def active_panels(axes, maps, titles, order=None, split=None):
    """Karpathy's picture: per panel one row per example, one column per unit, `plots.FORWARD`
    where the unit is active (maps[k] True), white where not: a dead unit is a white column.
    `order` sorts the rows (e.g. by class); `split`, the number of class-0 rows after sorting,
    draws a line where class 1 starts and labels the two blocks."""
    for ax, active, title in zip(axes, maps, titles):
        rows = active if order is None else active[order]
        ax.imshow(rows, aspect="auto", interpolation="nearest",
                  cmap=ListedColormap(["white", plots.FORWARD]), vmin=0, vmax=1)
        ax.set(title=title, xlabel="unit", xticks=[0, active.shape[1] - 1],
               xticklabels=["1", str(active.shape[1])], yticks=[])
        ax.grid(False)
        ax.spines[:].set_visible(True)                  # a frame, so an all-white panel still shows
        if split is not None:
            ax.axhline(split - 0.5, color=plots.TRAIN, linewidth=2, linestyle="--")
            ax.set_yticks([(split - 1) / 2, (split + len(rows) - 1) / 2], ["class 0", "class 1"])
