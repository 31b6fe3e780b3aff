"""Lesson 02's pictures of small computational graphs, drawn with `draw_graph`.

- `neuron(x1, w1, x2, w2, bias, activation)` builds o = f(w·x + bias), w·x = x1 w1 + x2 w2,
  from labelled Values (f = tanh, relu or sigmoid), so that `draw_graph(o)` names every node.
- `nudge_figure(a, b, c, m)` draws L = (a b + c) m after the forward pass, each box
  showing how far its value moves when a is nudged by h: every operation multiplies the
  nudge by its local derivative, so u = a b moves by b h, d = u + c by b h and
  L = d m by m b h = (dL/da) h. Only forward nudges are shown, no gradients.
- `used_twice_figure(v)` draws r = v + v after `backward()`, with one gradient arc per
  use of v: dr/dv = 1 + 1 = 2.
- `two_paths_figure(x, y, z)` draws out = (x y)(x + z) after `backward()`, with x's two
  backward paths drawn beside the forward arrows: through p = x y it brings
  q y, through q = x + z it brings p 1, and x.grad = q y + p.

Blue is a forward value, vermillion a gradient (backprop.plots), as in every lesson.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.lines import Line2D

from . import plots
from .graph import draw_graph, layout
from .scalar import Value


def _minus(text):
    return text.replace("-", "\u2212")       # a typeset minus sign


def _named(value, label):
    value.label = label
    return value


def neuron(x1, w1, x2, w2, bias, activation="tanh"):
    """o = activation(w·x + bias), w·x = x1 w1 + x2 w2, every node a labelled Value; returns o."""
    if activation not in ("tanh", "relu", "sigmoid"):
        raise ValueError(f"activation must be 'tanh', 'relu' or 'sigmoid', not {activation!r}")
    leaves = [Value(float(v), label=name)
              for v, name in zip((x1, w1, x2, w2, bias), ("x1", "w1", "x2", "w2", "bias"))]
    x1, w1, x2, w2, bias = leaves
    total = _named(_named(x1 * w1, "x1*w1") + _named(x2 * w2, "x2*w2"), "w·x")
    n = _named(total + bias, "n")
    return _named(getattr(n, activation)(), "o")


def nudge_figure(a=2.0, b=-3.0, c=10.0, m=-2.0):
    """L = (a b + c) m with each value's forward nudge when a moves by h (no gradients)."""
    na, nb, nc, nm = (Value(v, label=name) for v, name in zip((a, b, c, m), "abcm"))
    nu = _named(na * nb, "u")
    nd = _named(nu + nc, "d")
    nL = _named(nd * nm, "L")
    fig, ax = plt.subplots(figsize=(12, 4.6))
    draw_graph(nL, ax=ax, decimals=1)
    placed = layout(nL, decimals=1)
    moves = {na: "h", nb: "0", nc: "0", nm: "0", nu: _minus(f"{b:g} h"), nd: _minus(f"{b:g} h"),
             nL: _minus(f"{m * b:g} h")}
    grad_line = {(x, y - 0.25): node for node, (x, y) in placed.position.items()}
    for text in ax.texts:                      # each box's grad line shows its nudge instead
        node = grad_line.get(tuple(text.get_position()))
        if node is not None:
            text.set_text(f"moves {moves[node]}")
            text.set_color(plots.FORWARD)
            text.set_fontweight("bold")
    for node, local, dy in [(nu, _minus(f"× b = × ({b:g})"), 0.6), (nd, "× 1", 0.6),
                            (nL, _minus(f"× m = × ({m:g})"), -0.7)]:
        x_op, y_op = placed.operation_center(node)
        ax.text(x_op, y_op + dy, local, ha="center", va="center", fontsize=13, color=plots.TRAIN)
    ax.set_ylim(placed.ylim[0], placed.ylim[1] + 0.4)
    ax.set_title(_minus(f"nudge a by h: each operation multiplies the nudge by its local "
                        f"derivative,\nso L moves by ({b:g}) · 1 · ({m:g}) · h = {m * b:g} h, "
                        f"and ∂L/∂a = {m * b:g}"))
    return fig


def used_twice_figure(v=2.0):
    """r = v + v after backward(), one vermillion arc per use of v (upstream 1 x local 1)."""
    nv = Value(v, label="v")
    r = _named(nv + nv, "r")
    r.backward()
    fig, ax = plt.subplots(figsize=(10, 5.8))
    draw_graph(r, ax=ax, decimals=1)
    for text in ax.texts:               # a two-value graph drawn large: its text grows with it
        text.set_fontsize(1.4 * text.get_fontsize())
    ax.set_ylim(-1.2, 1.2)              # room for the two gradient arcs
    for sign, use in [(1, 1), (-1, 2)]:  # from the + circle (x = 1.2) back to v's box
        ax.annotate("", xy=(0.2, sign * 0.47), xytext=(1.2, sign * 0.32),
                    arrowprops=dict(arrowstyle="-|>", mutation_scale=16, linewidth=2,
                                    color=plots.GRADIENT, connectionstyle=f"arc3,rad={0.7 * sign}"))
        ax.text(0.7, sign * 0.9, f"use {use}: upstream 1 × local 1 = +1", ha="center",
                va="center", color=plots.GRADIENT, fontsize=15)
    ax.set_title(f"r = v + v: v is used twice, two gradients flow back:\n"
                 f"v.grad = 1 + 1 = {nv.grad:g}")
    return fig


def _beside(start, end, gap):
    """The segment start -> end moved `gap` to its left (seen from start): beside, not on,
    the forward arrow it follows back."""
    (x0, y0), (x1, y1) = start, end
    length = np.hypot(x1 - x0, y1 - y0)
    nx, ny = -(y1 - y0) / length * gap, (x1 - x0) / length * gap
    return (x0 + nx, y0 + ny), (x1 + nx, y1 + ny)


def two_paths_figure(x=3.0, y=2.0, z=2.0):
    """out = (x y)(x + z) after backward(); x's two backward paths in vermillion, beside
    the grey forward arrows: dashed through p = x y (q y), solid through q = x + z (p 1)."""
    nx, ny, nz = Value(x, label="x"), Value(y, label="y"), Value(z, label="z")
    p = _named(nx * ny, "p")
    q = _named(nx + nz, "q")
    out = _named(p * q, "out")
    out.backward()
    fig, ax = plt.subplots(figsize=(10, 6.4))
    draw_graph(out, ax=ax, decimals=1)
    for text in ax.texts:
        text.set_fontsize(1.3 * text.get_fontsize())
    placed = layout(out, decimals=1)
    half = placed.box / 2
    cx, cy = placed.operation_center(out)
    lx, ly = placed.position[nx]
    shares = {p: f"through p: q · y = {q.data:g} · {y:g} = {q.data * y:g}",
              q: f"through q: p · 1 = {p.data:g}"}
    for branch, style, dy in [(p, "--", 0.75), (q, "-", -0.75)]:
        bx, by = placed.position[branch]
        ox, oy = placed.operation_center(branch)
        for start, end in [((cx - 0.3, cy), (bx + half, by)),   # out's * back to the box
                           ((bx - half, by), (ox + 0.3, oy)),   # the box back to its circle
                           ((ox - 0.3, oy), (lx + half, ly))]:  # the circle back to x
            start, end = _beside(start, end, 0.13 * np.sign(by))
            ax.annotate("", xy=end, xytext=start,
                        arrowprops=dict(arrowstyle="-|>", mutation_scale=18, linewidth=3,
                                        linestyle=style, color=plots.GRADIENT, shrinkA=0,
                                        shrinkB=0))
        ax.text(bx, by + dy, shares[branch], ha="center", va="center", fontsize=13,
                color=plots.GRADIENT)
    ax.legend(handles=[Line2D([], [], color=plots.GRADIENT, linestyle=style, linewidth=3,
                              label=label)
                       for style, label in [("--", "x's path through p"),
                                            ("-", "x's path through q")]],
              loc="lower right", fontsize=12)
    ax.set_ylim(placed.ylim[0] - 0.5, placed.ylim[1] + 0.3)
    ax.set_title(f"x reaches out along two paths: x.grad = {p.data:g} + {q.data * y:g} "
                 f"= {nx.grad:g}")
    return fig
