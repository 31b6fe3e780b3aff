"""Draw the computational graph of a `Value` with matplotlib alone (no graphviz).

Each value is a box with its label, its data (forward colour) and its grad (gradient
colour); each operation is a small circle between its inputs and its result, so the
picture reads left to right exactly like the forward pass, and right to left like
backprop. A node used twice has two outgoing arrows.
"""

import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from .plots import FORWARD, GRADIENT, NEUTRAL, STYLE, TRAIN

MAX_NODES = 60


def _parents(order):
    parents = {node: [] for node in order}
    for node in order:
        for child in node._children:
            parents[child].append(node)
    return parents


def _columns(root):
    """Column of each value, placed as late as possible: the root on the right, every
    other value two columns left of its first use (its operation sits in between), so
    arrows stay short."""
    order = root.topological_order()
    parents = _parents(order)
    column = {}
    for node in reversed(order):  # each node after all the nodes that use it
        column[node] = min((column[p] - 2 for p in parents[node]), default=0)
    leftmost = min(column.values())
    return order, {node: col - leftmost for node, col in column.items()}, parents


def _rows(order, column, parents):
    """Vertical position in each column, from the root leftwards: each value sits near
    the average row of the values that use it, so arrows cross as little as possible."""
    row = {}
    by_column = {}
    for node in reversed(order):
        by_column.setdefault(column[node], []).append(node)
    for col in sorted(by_column, reverse=True):
        nodes = by_column[col]
        nodes.sort(key=lambda n: sum(row[p] for p in parents[n]) / len(parents[n])
                   if parents[n] else 0.0)
        for i, node in enumerate(nodes):
            row[node] = i - (len(nodes) - 1) / 2
    return row


# Operation names that would not fit in their circle get a symbol.
_OP_SYMBOLS = {"sigmoid": "σ", "relu": "ReLU"}


def draw_graph(root, ax=None, decimals=4, title=None):
    """Draw `root` and everything it was computed from; returns the matplotlib Axes."""
    order, column, parents = _columns(root)
    if len(order) > MAX_NODES:
        raise ValueError(f"this graph has {len(order)} values; draw_graph is meant for small "
                         f"graphs (at most {MAX_NODES}). Draw a smaller piece of it.")
    row = _rows(order, column, parents)
    height = max(row.values()) - min(row.values()) + 1
    if ax is None:
        with plt.rc_context(STYLE):
            width = max(column.values()) + 1
            _, ax = plt.subplots(figsize=(min(2.2 * width + 1, 16), min(1.5 * height + 1, 9)))
    ax.set_axis_off()
    xscale, yscale = 1.6, 1.4
    position = {n: (column[n] * xscale, -row[n] * yscale) for n in order}

    for node in order:
        x, y = position[node]
        box = FancyBboxPatch((x - 0.7, y - 0.45), 1.4, 0.9, boxstyle="round,pad=0.04",
                             facecolor="white", edgecolor=TRAIN, linewidth=1.5,
                             zorder=3)
        ax.add_patch(box)
        ax.text(x, y + 0.25, node.label or "", ha="center", va="center", fontsize=12,
                fontweight="bold", color=TRAIN, zorder=4)
        ax.text(x, y, f"data {node.data:.{decimals}f}", ha="center", va="center",
                fontsize=11, color=FORWARD, zorder=4)
        ax.text(x, y - 0.25, f"grad {node.grad:.{decimals}f}", ha="center", va="center",
                fontsize=11, color=GRADIENT, zorder=4)
        if node._children:
            ox, oy = x - xscale, y
            ax.add_patch(plt.Circle((ox, oy), 0.3, facecolor="#edf2f7", edgecolor=TRAIN, zorder=3))
            ax.text(ox, oy, _OP_SYMBOLS.get(node._op, node._op), ha="center", va="center",
                    fontsize=11, color=TRAIN, zorder=4)
            _arrow(ax, (ox + 0.3, oy), (x - 0.72, y))
            for k, child in enumerate(node._children):
                cx, cy = position[child]
                # an input used twice by one operation (a + a) gets two curved arrows
                bend = (0.35 if k == 0 else -0.35) if node._children.count(child) > 1 else 0.0
                _arrow(ax, (cx + 0.72, cy), (ox - 0.3, oy), bend)
    xs = [p[0] for p in position.values()]
    ys = [p[1] for p in position.values()]
    ax.set_xlim(min(xs) - 0.9, max(xs) + 0.9)
    ax.set_ylim(min(ys) - 0.7, max(ys) + 0.7)
    ax.set_aspect("equal")
    if title:
        ax.set_title(title)
    return ax


def _arrow(ax, start, end, bend=0.0):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=12,
                                 connectionstyle=f"arc3,rad={bend}",
                                 color=NEUTRAL, linewidth=1.3, shrinkA=0, shrinkB=0, zorder=1))
