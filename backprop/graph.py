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


def _columns(root):
    """Column of each value: a result sits two columns right of its deepest input (the
    operation in between); a leaf sits just left of where it is first used."""
    order = root.topological_order()
    column = {}
    for node in order:
        column[node] = 0 if not node._children else 2 + max(column[c] for c in node._children)
    # Move each leaf right, next to its first use, so its arrows stay short.
    first_use = {}
    for node in order:
        for child in node._children:
            first_use[child] = min(first_use.get(child, column[node]), column[node])
    for node in order:
        if not node._children and node in first_use:
            column[node] = first_use[node] - 2
    return order, column


def _rows(order, column):
    """Vertical position in each column, ordered by the inputs' average row so that
    arrows cross as little as possible."""
    row = {}
    by_column = {}
    for node in order:
        by_column.setdefault(column[node], []).append(node)
    for col in sorted(by_column):
        nodes = by_column[col]
        if col:
            # results by their inputs' average row; leaves that join here go below
            nodes.sort(key=lambda n: sum(row[c] for c in n._children) / len(n._children)
                       if n._children else float("inf"))
        for i, node in enumerate(nodes):
            row[node] = i - (len(nodes) - 1) / 2
    return row


def draw_graph(root, ax=None, decimals=4, title=None):
    """Draw `root` and everything it was computed from; returns the matplotlib Axes."""
    order, column = _columns(root)
    if len(order) > MAX_NODES:
        raise ValueError(f"this graph has {len(order)} values; draw_graph is meant for small "
                         f"graphs (at most {MAX_NODES}). Draw a smaller piece of it.")
    row = _rows(order, column)
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
            ax.text(ox, oy, node._op, ha="center", va="center", fontsize=11, color=TRAIN,
                    zorder=4)
            _arrow(ax, (ox + 0.3, oy), (x - 0.72, y))
            for child in node._children:
                cx, cy = position[child]
                _arrow(ax, (cx + 0.72, cy), (ox - 0.3, oy))
    xs = [p[0] for p in position.values()]
    ys = [p[1] for p in position.values()]
    ax.set_xlim(min(xs) - 0.9, max(xs) + 0.9)
    ax.set_ylim(min(ys) - 0.7, max(ys) + 0.7)
    ax.set_aspect("equal")
    if title:
        ax.set_title(title)
    return ax


def _arrow(ax, start, end):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=12,
                                 color=NEUTRAL, linewidth=1.3, shrinkA=0, shrinkB=0, zorder=1))
