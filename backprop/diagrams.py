"""Diagrams that explain a network: its drawing, and the shapes of its matrix products.

- `draw_network(sizes, weights, values)`: neurons as circles in columns (layer 0 = the
  inputs), weights as lines. Edge colour = sign of the weight (the course palette:
  POSITIVE blue, NEGATIVE orange), width = |w| relative to the largest. Optional values
  are written in the nodes (FORWARD colour by default, GRADIENT for gradients). It
  returns a `NetworkDiagram` holding every artist, so a step-by-step animation can
  update texts and colours instead of redrawing. `network_positions(sizes)` gives its
  layout alone.
- `draw_equation([Matrix(...), ...], ops)`: matrices as grids of cells side by side,
  e.g. Z = X W + b, with chosen cells filled (what makes one entry of the result) and
  broadcast copies drawn dashed, as numpy pretends they exist.

Indices of `hot` cells are numpy's (from 0); node labels count from 1, like the maths.
This module loads matplotlib; `import backprop` does not import it.
"""

from dataclasses import dataclass, field

import matplotlib.pyplot as plt
import numpy as np

from .plots import FORWARD, NEGATIVE, NEUTRAL, POSITIVE, STYLE, TRAIN

MAX_WIDTH = 12  # more neurons per layer than this would not be readable


def _new_axes(ax, figsize):
    if ax is None:
        with plt.rc_context(STYLE):
            ax = plt.subplots(figsize=figsize)[1]
    return ax


def weights_of(model):
    """The weight matrices W (in, out) of a `Sequential`/`MLP`, first layer first."""
    return [layer.W.data for layer in model.layers if hasattr(layer, "W")]


def edge_color(w):
    """POSITIVE for w > 0, NEGATIVE for w < 0, NEUTRAL for exactly 0."""
    return POSITIVE if w > 0 else NEGATIVE if w < 0 else NEUTRAL


@dataclass
class NetworkDiagram:
    """What `draw_network` drew: `positions[k]` is an (n_k, 2) array of node centres,
    `nodes[k][i]` the circle of node i of layer k, `texts[k][i]` its text, and
    `edges[k][i, j]` the line from node i of layer k to node j of layer k + 1."""
    ax: object
    positions: list
    nodes: list
    texts: list
    edges: list

    def set_values(self, layer, values, color=FORWARD, decimals=2, fontsize=12):
        """Write `values` (one per node) into the nodes of `layer`, in `color`."""
        values = np.asarray(values, dtype=float).reshape(-1)
        if len(values) != len(self.texts[layer]):
            raise ValueError(f"layer {layer} has {len(self.texts[layer])} nodes, got "
                             f"{len(values)} values.")
        for text, v in zip(self.texts[layer], values):
            text.set_text(f"{v:.{decimals}f}")
            text.set_color(color)
            text.set_fontsize(fontsize)


def _check_network(sizes, weights, values):
    if len(sizes) < 2 or any(int(s) != s or not 1 <= s <= MAX_WIDTH for s in sizes):
        raise ValueError(f"sizes must list at least two layer widths between 1 and {MAX_WIDTH}, "
                         f"got {list(sizes)}: draw a small network.")
    expected = list(zip(sizes[:-1], sizes[1:]))
    if weights is not None and [np.shape(W) for W in weights] != expected:
        raise ValueError(f"weights for sizes {list(sizes)} must have shapes (in, out) = {expected}, "
                         f"got {[np.shape(W) for W in weights]}.")
    if values is not None and (len(values) != len(sizes) or any(
            v is not None and np.size(v) != n for v, n in zip(values, sizes))):
        raise ValueError(f"values must be one entry per layer ({len(sizes)}), each None or "
                         f"{list(sizes)} numbers.")


def network_positions(sizes):
    """Node centres of `draw_network`: layer k is the column x = k, its n nodes sit one
    unit apart, centred on y = 0, node 0 on top. A list of (n_k, 2) arrays."""
    return [np.column_stack([np.full(n, float(k)), (n - 1) / 2 - np.arange(n)])
            for k, n in enumerate(sizes)]


def draw_network(sizes, weights=None, values=None, ax=None, symbols=None, value_color=FORWARD,
                 decimals=2, show_shapes=True, node_size=1600, fontsize=14):
    """Draw a layered network and return a `NetworkDiagram`.

    sizes: layer widths, inputs first, e.g. [2, 3, 2]. weights: a list of W (in, out)
    arrays, or a model (`weights_of(model)` is used); None draws grey edges. values: one
    entry per layer, None or that layer's numbers, written in the nodes in `value_color`.
    symbols: one per layer (default x, a, ..., ŷ): a node without a value shows
    `$symbol_i$`, i from 1. show_shapes writes `W_k (in, out)` above each set of edges."""
    sizes = list(sizes)
    if weights is not None and hasattr(weights, "layers"):
        weights = weights_of(weights)
    _check_network(sizes, weights, values)
    symbols = symbols or ["x"] + ["a"] * (len(sizes) - 2) + [r"\hat{y}"]
    ax = _new_axes(ax, figsize=(2.2 * len(sizes) + 1, 0.9 * max(sizes) + 1.5))
    top = (max(sizes) - 1) / 2
    positions = network_positions(sizes)
    wmax = max((np.abs(W).max() for W in weights), default=0) if weights is not None else 0
    edges = []
    for k, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        lines = np.empty((n_in, n_out), dtype=object)
        for i, j in np.ndindex(n_in, n_out):
            w = None if weights is None else weights[k][i, j]
            color = NEUTRAL if w is None else edge_color(w)
            width = 1.5 if w is None else 0.8 + 4.2 * abs(w) / (wmax or 1)
            (x0, y0), (x1, y1) = positions[k][i], positions[k + 1][j]
            lines[i, j] = ax.plot([x0, x1], [y0, y1], color=color, lw=width, zorder=1)[0]
        edges.append(lines)
        if show_shapes:
            ax.text(k + 0.5, top + 0.75, f"$W_{k + 1}$ ({n_in}, {n_out})", ha="center",
                    fontsize=fontsize)
    nodes, texts = [], []
    for k, xy in enumerate(positions):
        nodes.append([ax.scatter(x, y, s=node_size, color="white", edgecolors=TRAIN, lw=2,
                                 zorder=2) for x, y in xy])
        texts.append([ax.text(x, y, f"${symbols[k]}_{i + 1}$", ha="center", va="center",
                              color=TRAIN, fontsize=fontsize, zorder=3)
                      for i, (x, y) in enumerate(xy)])
    diagram = NetworkDiagram(ax, positions, nodes, texts, edges)
    for k, v in enumerate(values or []):
        if v is not None:
            diagram.set_values(k, v, value_color, decimals)
    ax.set(xlim=(-0.45, len(sizes) - 0.55), ylim=(-top - 0.6, top + 1.2))
    ax.axis("off")
    return diagram


@dataclass
class Matrix:
    """One matrix of an equation diagram. `hot`: cells (row, col), numpy indices, filled
    with `color`; `broadcast_to`: draw dashed, faded copies of row 0 down to that many
    rows (what broadcasting pretends); `shape`: text under the label (default
    "(rows, cols)"); `caption`: text under the grid."""
    label: str
    rows: int
    cols: int
    hot: set = field(default_factory=set)
    color: str = FORWARD
    broadcast_to: int = 0
    shape: str = ""
    caption: str = ""


def _draw_grid(ax, left, m):
    for r, c in np.ndindex(max(m.rows, m.broadcast_to), m.cols):
        copy = r >= m.rows  # a broadcast copy of row 0
        face = m.color if ((0 if copy else r), c) in m.hot else "white"
        ax.add_patch(plt.Rectangle((left + c, -r - 1), 1, 1, facecolor=face, edgecolor=TRAIN,
                                   ls="--" if copy else "-", alpha=0.35 if copy else 1.0, lw=1.5))
    ax.text(left + m.cols / 2, 0.3, f"{m.label}\n{m.shape or (m.rows, m.cols)}", ha="center",
            va="bottom")
    depth = max(m.rows, m.broadcast_to)
    if m.caption:
        ax.text(left + m.cols / 2, -depth - 0.4, m.caption, ha="center", va="top", fontsize=12)


def draw_equation(matrices, ops, ax=None, title=None, gap=1.5):
    """Draw matrices side by side with the operator strings `ops` between them
    (len(ops) == len(matrices) - 1), e.g. X @ W + b = Z. Returns the Axes."""
    if len(ops) != len(matrices) - 1:
        raise ValueError(f"{len(matrices)} matrices need {len(matrices) - 1} operators, "
                         f"got {len(ops)}.")
    depth = max(max(m.rows, m.broadcast_to) for m in matrices)
    ax = _new_axes(ax, figsize=(1.1 * sum(m.cols + gap for m in matrices), 0.9 * depth + 2.5))
    left = 0.0
    for m, op in zip(matrices, [*ops, ""]):
        _draw_grid(ax, left, m)
        if op:
            ax.text(left + m.cols + gap / 2, -depth / 2, op, ha="center", va="center", fontsize=22)
        left += m.cols + gap
    ax.set(xlim=(-0.3, left - gap + 0.3), ylim=(-depth - 1.9, 2.4), aspect="equal")
    ax.axis("off")
    if title:
        ax.set_title(title)
    return ax


def draw_linear_forward(N=4, D=2, H=3, entry=(1, 2), ax=None, title=None):
    """Z = XW + b for a batch: X (N, D), W (D, H), b (H,) broadcast to every row, Z (N, H).
    The cells that make Z[entry] (numpy indices) are filled: row n of X, column j of W,
    b[j]."""
    n, j = entry
    terms = [Matrix("X", N, D, {(n, i) for i in range(D)}, shape=f"(N, D) = ({N}, {D})"),
             Matrix("W", D, H, {(i, j) for i in range(D)}, shape=f"(D, H) = ({D}, {H})"),
             Matrix("b", 1, H, {(0, j)}, broadcast_to=N, shape=f"(H,) = ({H},)",
                    caption="b copied to every row\n(broadcasting)"),
             Matrix("Z", N, H, {(n, j)}, shape=f"(N, H) = ({N}, {H})")]
    return draw_equation(terms, ["@", "+", "="], ax=ax, title=title)
