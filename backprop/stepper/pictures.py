"""The stepper's static pictures: what a notebook shows where no widget can run
(GitHub, nbviewer, a video still). They must teach on their own, from the same numbers
the widget plays (read from the script's steps, never recomputed).

- A `Value` graph: draw_graph's figure of the finished pass (every value with its data
  and grad). A small graph is saved at a higher resolution (`png_dpi`), so that
  r = a + a is not a thumbnail with unreadable text.
- An MLP: a storyboard of the pass in three panels, left to right as the stepper plays it:
    1. forward:   each neuron shows example 0's output, Zk = A(k-1) Wk + bk, Ak = f(Zk);
    2. BP1, BP2:  each neuron shows example 0's error dZk = ∂L/∂Zk, with the
                  equations that pass it down, dA(k-1) = dZk Wkᵀ, dZk = dAk ⊙ f'(Zk);
    3. BP3, BP4:  the parameter gradients of the whole batch, dWk = A(k-1)ᵀ dZk as
                  matrices (and as the edges: colour = sign, width = size) and
                  dbk = Σ dZk at the neurons.
Examples and inputs are numbered as numpy indexes them, from 0, like the lessons:
example 0 is X[0], the inputs are x_0, x_1, ...
Each network carries a key under it that says what its edges are: w in panels 1 and 2,
dW in panel 3 (dark slate < 0, sky blue > 0, width |w|), since the lesson's blue/vermillion
mean forward/gradient and the edge colours mean something else.

Why dark slate, not the course's orange, for a negative edge here: panels 2 and 3 write
vermillion gradient numbers right beside the edges, and orange/vermillion are only 12.5
apart (CIEDE2000) under simulated deuteranopia, so an orange edge reads as a gradient.
NEGATIVE_EDGE (TRAIN's slate) is at least PAIR_LIMIT = 20 from GRADIENT and from POSITIVE
under all four views that tests/test_palette.py checks.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

from .. import graph
from ..diagrams import draw_network
from ..plots import GRADIENT, NEUTRAL, POSITIVE, STYLE, TRAIN
from .numbers import number, shape

# A picture narrower than this (inches, at 100 dpi) is saved at a higher dpi, up to
# MAX_ZOOM times, so its 11-point text stays readable next to the lesson's figures.
MIN_WIDTH, MAX_ZOOM = 6.0, 2.5
FONT = 13            # the storyboard's text (points); draw_network's numbers are 14
LINE = 0.3           # inches per line of text in the storyboard
KEY = 0.4            # inches under each network for its edge key
NEGATIVE_EDGE = TRAIN  # a negative edge: far from the vermillion numbers (see the docstring)


def picture_edge_color(w):
    """The picture's edge colour for a weight or gradient w: sky blue > 0, slate < 0."""
    return POSITIVE if w > 0 else NEGATIVE_EDGE if w < 0 else NEUTRAL


def png_dpi(fig):
    """The dpi to save `fig` at: 100, or more for a figure narrower than MIN_WIDTH."""
    width = fig.get_size_inches()[0]
    return 100 * min(MAX_ZOOM, max(1.0, MIN_WIDTH / width))


def value_picture(root, snapshot, decimals, frozen=None):
    """draw_graph's figure of the graph as the script recorded it (its data and grads
    are put back for the drawing, then the current ones restored).

    frozen: None for the finished pass, or (k, steps, ids) to freeze the picture after
    the first k steps of a backward pass: each grad is its running total after step k
    (0 where no term has arrived yet), step k's edge is drawn as a vermillion arrow
    back from the operation to its input, and step k's panel text is the title."""
    current = {node: (node.data, node.grad) for node in snapshot}
    shown = dict(snapshot)
    title, edge = None, None
    if frozen is not None:
        k, steps, ids = frozen
        grads = {}
        for step in steps[:k]:       # the running totals, as the widget shows them
            if step["kind"] == "backward":
                grads[step["node"]] = step["grad"]
        shown = {node: (data, grads.get(ids[node], 0.0)) for node, (data, _) in snapshot.items()}
        step = steps[k - 1]
        title = f"step {k} of {len(steps)}: {step['text']}"
        edge = step["edge"]
    try:
        for node, (data, grad) in shown.items():
            node.data, node.grad = data, grad
        ax = graph.draw_graph(root, decimals=decimals, title=title)
        if edge is not None:
            _mark_edge(ax, root, edge, {ids[node]: node for node in snapshot}, decimals)
        return ax.figure
    finally:
        for node, (data, grad) in current.items():
            node.data, node.grad = data, grad


def _mark_edge(ax, root, edge, by_id, decimals):
    """A vermillion arrow over edge "v5.a": from v5's operation circle back to the box of
    its input in slot a (the direction the gradient travels)."""
    node_id, slot = edge.split(".")
    node = by_id[node_id]
    child = node._children["ab".index(slot)]
    placed = graph.layout(root, decimals)
    ox, oy = placed.operation_center(node)
    cx, cy = placed.position[child]
    twice = node._children.count(child) > 1          # a + a: its two arrows bend apart
    offset = (0.25 if slot == "a" else -0.25) if twice else 0.0
    bend = (-0.2 if slot == "a" else 0.2) if twice else 0.0
    arrow = FancyArrowPatch((ox - graph.OP_RADIUS, oy), (cx + placed.box / 2 + 0.02, cy + offset),
                            arrowstyle="-|>", mutation_scale=16, linewidth=2.6, color=GRADIENT,
                            connectionstyle=f"arc3,rad={bend}", shrinkA=0, shrinkB=0, zorder=2)
    arrow.set_gid(f"gradient {edge}")      # which edge it marks (read by the tests)
    ax.add_patch(arrow)


def _vector(values, decimals):
    return "(" + ", ".join(number(v, decimals) for v in np.ravel(values)) + ")"


def _matrix_rows(values, decimals):
    """A matrix as aligned rows of text: [ 0.02 -0.05] (monospace keeps the columns)."""
    cells = [[number(v, decimals) for v in row] for row in np.atleast_2d(values)]
    width = max(len(c) for row in cells for c in row)
    return ["[" + " ".join(c.rjust(width) for c in row) + "]" for row in cells]


def edge_key(ax, symbol):
    """The key under a network: what an edge's colour and width say about `symbol`
    ("w" or "dW"), as a one-row legend of two coloured edges. Returns the Legend."""
    handles = [Line2D([], [], color=NEGATIVE_EDGE, lw=4), Line2D([], [], color=POSITIVE, lw=4)]
    labels = [f"{symbol} < 0", f"{symbol} > 0,  width |{symbol}|"]
    return ax.legend(handles, labels, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncol=2,
                     frameon=False, fontsize=FONT, labelcolor=TRAIN, handlelength=1.6,
                     columnspacing=1.0, borderaxespad=0.1)


def _storyboard_text(steps, decimals):
    """The three panels' lines: (text, colour, monospace) each, read from the steps."""
    forward, errors, params = [], [], []
    for step in steps:
        value = np.asarray(step["result"]["value"])
        if step["kind"] == "forward":
            if step["rule"] == "loss":
                forward.append((f"{step['equation']} = {number(value, decimals)}", TRAIN, False))
            elif step["rule"] != "inputs":
                forward.append((f"{step['equation']}   {shape(value)}", TRAIN, False))
        elif step["tag"] in ("BP1", "BP2"):
            errors.append((f"{step['tag']}  {step['equation']}", TRAIN, False))
            errors.append((f"       example 0: {_vector(value[0], decimals)}", GRADIENT, False))
        elif step["tag"] == "BP4":
            params.append((f"BP4  {step['equation']} =", TRAIN, False))
            params += [("       " + row, GRADIENT, True) for row in _matrix_rows(value, decimals)]
        elif step["tag"] == "BP3":
            params.append((f"BP3  {step['equation']} = {_vector(value, decimals)}", TRAIN, False))
    return forward, errors, params


def mlp_picture(sizes, weights, names, steps, decimals):
    """The storyboard of one forward and backward pass (see the module docstring)."""
    last = len(sizes) - 1
    results = {step["result"]["name"]: np.asarray(step["result"]["value"]) for step in steps}
    outputs = [results[name][0] for name in names]            # X, A1 (or Z1), ...: example 0
    errors = [None] + [results[f"dZ{k}"][0] for k in range(1, last + 1)]
    biases = [None] + [results[f"db{k}"] for k in range(1, last + 1)]
    grad_weights = [results[f"dW{k}"] for k in range(1, last + 1)]
    texts = _storyboard_text(steps, decimals)
    lines = max(len(t) for t in texts)

    panel = max(4.3, 1.2 * len(sizes) + 0.7)                 # inches per panel
    net_height, text_height = 0.75 * max(sizes) + 1.05 + KEY, LINE * lines + 0.2
    with plt.rc_context({**STYLE, "figure.autolayout": False}):
        fig = plt.figure(figsize=(3 * panel, net_height + text_height + 0.5))
    grid = fig.add_gridspec(2, 3, height_ratios=[net_height, text_height], left=0.01,
                            right=0.99, top=1 - 0.5 / fig.get_size_inches()[1], bottom=0.01,
                            hspace=0.02, wspace=0.06)
    titles = ["1. forward: each neuron's output\n(example 0, X[0])",
              "2. BP1, BP2: each neuron's error\ndZ = ∂L/∂Z (example 0, with the 1/N)",
              "3. BP3, BP4: the gradients of the batch\nedges: dW, neurons: db"]
    drawings = [dict(values=outputs), dict(values=errors, value_color=GRADIENT),
                dict(values=biases, value_color=GRADIENT)]
    for column, (title, options, text) in enumerate(zip(titles, drawings, texts)):
        net_ax = fig.add_subplot(grid[0, column])
        diagram = draw_network(sizes, weights, ax=net_ax, decimals=decimals, fontsize=FONT,
                               show_shapes=column < 2, **options)
        net_ax.set_title(title, fontsize=FONT + 1, color=TRAIN)
        if options["values"][0] is None:   # inputs without a value: numpy's indices, from 0
            for i, label in enumerate(diagram.texts[0]):
                label.set_text(f"$x_{i}$")
        bottom, top_y = net_ax.get_ylim()   # room under the network for its edge key
        net_ax.set_ylim(bottom - KEY / (net_height - KEY) * (top_y - bottom), top_y)
        edge_key(net_ax, "dW" if column == 2 else "w")
        shown = grad_weights if column == 2 else weights   # panel 3's edges show dW
        for lines_k, g in zip(diagram.edges, shown):       # colour = sign (picture's colours)
            for (i, j), line in np.ndenumerate(lines_k):
                line.set_color(picture_edge_color(g[i, j]))
        if column == 2:   # width = size of dW, not of W
            top = max(np.abs(g).max() for g in grad_weights) or 1.0
            for k, (lines_k, g) in enumerate(zip(diagram.edges, grad_weights)):
                for (i, j), line in np.ndenumerate(lines_k):
                    line.set_linewidth(0.8 + 4.2 * abs(g[i, j]) / top)
                label = f"$dW_{k + 1}$ ({g.shape[0]}, {g.shape[1]})"   # where W's shape was
                net_ax.text(k + 0.5, (max(sizes) - 1) / 2 + 0.75, label, ha="center", fontsize=FONT)
        text_ax = fig.add_subplot(grid[1, column])
        text_ax.set_axis_off()
        text_ax.set(xlim=(0, 1), ylim=(0, 1))
        for row, (line, color, mono) in enumerate(text):
            text_ax.text(0.04, 1 - (row + 0.5) * LINE / text_height, line, color=color,
                         fontsize=FONT, va="center", ha="left",
                         family="DejaVu Sans Mono" if mono else None)
    return fig
