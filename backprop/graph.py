"""Draw the computational graph of a `Value` with matplotlib alone (no graphviz).

Each value is a box with its label, its data (forward colour) and its grad (gradient
colour); each operation is a small circle between its inputs and its result, so the
picture reads left to right exactly like the forward pass, and right to left like
backprop. A node used twice has two outgoing arrows. `layout(root)` gives the positions
alone, for anything else that draws the same graph (the stepper).
"""

from dataclasses import dataclass

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
    """Vertical position in each column, from the root leftwards (a smaller row is higher up). Each
    value sits near the average row of the values that use it, so arrows cross as little
    as possible; among values with the same users, an operation's first input goes on top
    (a above b for a * b), so the figure reads top-down in the order the formula is written."""
    row = {}
    by_column = {}
    for node in order:
        by_column.setdefault(column[node], []).append(node)

    def key(node):
        users = parents[node]
        if not users:
            return (0.0, 0.0)
        # the users' average row first; then the average slot (0 = first input) it fills
        return (sum(row[p] for p in users) / len(users),
                sum(p._children.index(node) for p in users) / len(users))

    for col in sorted(by_column, reverse=True):  # the users' columns are to the right
        nodes = sorted(by_column[col], key=key)
        for i, node in enumerate(nodes):
            row[node] = i - (len(nodes) - 1) / 2
    return row


# Operation names that would not fit in their circle get a symbol.
_OP_SYMBOLS = {"sigmoid": "σ", "relu": "ReLU"}


def operation_symbol(op):
    """What an operation's circle shows: its name ("+", "tanh", "**2"), or a symbol."""
    return _OP_SYMBOLS.get(op, op)


# Layout in data units (the axes keep an equal aspect, INCHES_PER_UNIT). Each value is
# a box as wide as its longest text; its operation is a circle one short arrow to its
# left. Values sit in every other column (see _columns), so consecutive values are a
# box, an arrow, a circle and an arrow apart: a long chain (a neuron and its loss, 7
# values in a row) stays narrow enough to read at a notebook's width.
BOX_HEIGHT, OP_RADIUS, ARROW, ROW = 0.9, 0.3, 0.3, 1.35
INCHES_PER_UNIT, MAX_WIDTH = 0.76, 16.0
FONT_SIZES = {"label": 12, "value": 11, "op": 11}


def _text_inches(text, fontsize):
    """Estimated width of `text` (DejaVu Sans: digits and letters about 0.64 em, space and
    punctuation about 0.33 em); measuring with a renderer would need a drawn figure."""
    ems = sum(0.33 if ch in " .,-:" else 0.64 for ch in text)
    return ems * fontsize / 72


def _box_texts(node, decimals):
    return (node.label or "", f"data {node.data:.{decimals}f}", f"grad {node.grad:.{decimals}f}")


def _box_width(order, decimals):
    """Width (data units) of the boxes: the longest label, data or grad text, plus padding."""
    widest = max(_text_inches(text, FONT_SIZES["label" if k == 0 else "value"])
                 for node in order for k, text in enumerate(_box_texts(node, decimals)))
    return max(1.2, (widest + 0.16) / INCHES_PER_UNIT)


@dataclass
class GraphLayout:
    """Where `draw_graph` puts everything, in data units (no matplotlib needed).

    `order`: the values in topological order; `position[node]`: the centre of its box;
    `box`: the boxes' width (BOX_HEIGHT is their height); `xlim`, `ylim`: the extent."""
    order: list
    position: dict
    box: float
    xlim: tuple
    ylim: tuple

    def operation_center(self, node):
        """Centre of the circle of the operation that made `node`: one arrow left of its box."""
        x, y = self.position[node]
        return (x - self.box / 2 - ARROW - OP_RADIUS, y)


def layout(root, decimals=4):
    """The layout of `root`'s graph: columns, rows and box width (they depend on the texts,
    so on `decimals` and on the current data and grads)."""
    order, column, parents = _columns(root)
    if len(order) > MAX_NODES:
        raise ValueError(f"this graph has {len(order)} values; draw_graph is meant for small "
                         f"graphs (at most {MAX_NODES}). Draw a smaller piece of it.")
    row = _rows(order, column, parents)
    box = _box_width(order, decimals)
    step = box + 2 * (ARROW + OP_RADIUS)
    position = {n: (column[n] / 2 * step, -row[n] * ROW) for n in order}
    xs = [p[0] for p in position.values()]
    ys = [p[1] for p in position.values()]
    xlim = (min(xs) - box / 2 - 0.1, max(xs) + box / 2 + 0.1)
    ylim = (min(ys) - BOX_HEIGHT / 2 - 0.1, max(ys) + BOX_HEIGHT / 2 + 0.1)
    return GraphLayout(order, position, box, xlim, ylim)


def draw_graph(root, ax=None, decimals=4, title=None):
    """Draw `root` and everything it was computed from; returns the matplotlib Axes."""
    placed = layout(root, decimals)
    order, position, box, xlim, ylim = (placed.order, placed.position, placed.box,
                                        placed.xlim, placed.ylim)
    scale = 1.0
    if ax is None:
        # The figure's size follows the layout, so the text fits its boxes; a graph wider
        # than MAX_WIDTH is shrunk, text included (it must stay inside the boxes).
        # The axes get exactly the layout's size (no automatic layout, which would shrink
        # them to make room for the title and leave the text too big for its boxes).
        width = (xlim[1] - xlim[0]) * INCHES_PER_UNIT
        scale = min(1.0, MAX_WIDTH / width)
        axes_size = (width * scale, (ylim[1] - ylim[0]) * INCHES_PER_UNIT * scale)
        title_room = (_text_inches(title, STYLE["axes.titlesize"]) + 0.2, 0.45) if title else (0, 0)
        figure_size = (max(axes_size[0], title_room[0]), axes_size[1] + title_room[1])
        with plt.rc_context({**STYLE, "figure.autolayout": False}):
            fig = plt.figure(figsize=figure_size)
        ax = fig.add_axes(((1 - axes_size[0] / figure_size[0]) / 2, 0,
                           axes_size[0] / figure_size[0], axes_size[1] / figure_size[1]))
    font = {kind: size * scale for kind, size in FONT_SIZES.items()}
    ax.set_axis_off()
    for node in order:
        _draw_value(ax, node, position[node], box, _box_texts(node, decimals), font)
        if node._children:
            x, y = position[node]
            _draw_operation(ax, node, placed.operation_center(node), (x - box / 2, y),
                            [(position[c][0] + box / 2, position[c][1]) for c in node._children],
                            font)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    if title:
        ax.set_title(title)
    return ax


def _draw_value(ax, node, center, box, texts, font):
    """The box: label (bold), data (forward colour), grad (gradient colour)."""
    x, y = center
    ax.add_patch(FancyBboxPatch((x - box / 2, y - BOX_HEIGHT / 2), box, BOX_HEIGHT,
                                boxstyle="round,pad=0.04", facecolor="white", edgecolor=TRAIN,
                                linewidth=1.5, zorder=3))
    for dy, text, color, size in ((0.25, texts[0], TRAIN, font["label"]),
                                  (0.0, texts[1], FORWARD, font["value"]),
                                  (-0.25, texts[2], GRADIENT, font["value"])):
        ax.text(x, y + dy, text, ha="center", va="center", fontsize=size, color=color, zorder=4,
                fontweight="bold" if dy > 0 else "normal")


def _draw_operation(ax, node, center, result_edge, input_edges, font):
    """The circle with the operation's symbol, an arrow from each input's box to it and
    one from it to its result's box."""
    ox, oy = center
    ax.add_patch(plt.Circle(center, OP_RADIUS, facecolor="#edf2f7", edgecolor=TRAIN, zorder=3))
    symbol = operation_symbol(node._op)
    ax.text(ox, oy, symbol, ha="center", va="center", color=TRAIN, zorder=4,
            fontsize=font["op"] * (0.85 if len(symbol) > 2 else 1))  # "tanh" fits its circle
    _arrow(ax, (ox + OP_RADIUS, oy), (result_edge[0] - 0.02, result_edge[1]))
    for k, (child, (cx, cy)) in enumerate(zip(node._children, input_edges)):
        # an input used twice by one operation (a + a): two arrows that leave its box
        # apart and meet at the circle, so both are seen
        twice = node._children.count(child) > 1
        offset = (0.25 if k == 0 else -0.25) if twice else 0.0
        _arrow(ax, (cx + 0.02, cy + offset), (ox - OP_RADIUS, oy),
               bend=(0.2 if k == 0 else -0.2) if twice else 0.0)


def _arrow(ax, start, end, bend=0.0):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=10,
                                 connectionstyle=f"arc3,rad={bend}",
                                 color=NEUTRAL, linewidth=1.3, shrinkA=0, shrinkB=0, zorder=1))
