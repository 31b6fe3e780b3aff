"""Lesson 01's pictures of the chain rule on small graphs (pure: same arguments, same figure).

- `sweep_figure(w, a, t, backwards)` draws L = (w1 a1 + w2 a2 + w3 a3 - t)^2 (weights w,
  fixed data a) as a graph, each node labelled with the derivative one sweep carries:
  forward mode seeded at w1 (d node / d w1; one sweep gives dL/dw1 only) or reverse mode
  (dL / d node; one sweep gives all three dL/dwi = 2 r ai, r = s - t).
- `product_area_figure(a, b, da, db)` draws the product rule as a rectangle: d(ab) =
  b da + a db + da db, the strips first order, the corner second order.
- `two_paths_figure()` draws x reaching p q through p = x^2 + 1 and q = sin x, each
  edge labelled with its local derivative: (pq)' = p'q + p q', the two paths added.
- `partial_slice_figure(F, point, slope)` draws a function of two inputs as a surface
  with the slice x2 = point[1] on it, and that slice alone as a curve of x1 with its
  tangent at point[0]: the partial derivative dF/dx1 is the slope of that curve.
- `chain_figure(nodes, links)` draws a chain x -> u -> ... -> y with each node's value
  above it (forward pass) and dy/d(node) below it, and each link's local derivative on
  its backward arrow: dy/d(node) = dy/d(next) times the link's local derivative.

Blue is a forward value, vermillion a derivative (backprop.plots), as in every lesson.
"""

import matplotlib.pyplot as plt
import numpy as np

from . import plots

_SWEEP_NODES = {**{f"w{i}": (0.0, 1 - i) for i in range(3)},
                **{f"m{i}": (2.1, 1 - i) for i in range(3)},
                "s": (3.8, 0), "r": (5.2, 0), "L": (7.6, 0)}
_SWEEP_LABELS = {**{f"w{i}": f"$w_{i + 1}$" for i in range(3)},
                 **{f"m{i}": f"$w_{i + 1} a_{i + 1}$" for i in range(3)},
                 "s": r"$s = \Sigma$", "r": "$r = s - t$", "L": "$L = r^2$"}
_SWEEP_GAP = {**{f"w{i}": 18 for i in range(3)}, **{f"m{i}": 28 for i in range(3)},
              "s": 26, "r": 36, "L": 28}   # half a box's width, in points
_SWEEP_EDGES = ([(f"w{i}", f"m{i}") for i in range(3)] + [(f"m{i}", "s") for i in range(3)]
                + [("s", "r"), ("r", "L")])


def sweep_carried(w, a, t, backwards):
    """What one sweep through L = (w . a - t)^2 (three weights w, fixed data a) leaves at
    each node: forward mode seeded at w1 gives d(node)/dw1 (a1 along w1's branch, 0 on the
    others, 2 r a1 at L); reverse mode gives dL/d(node) (2r from L back to every product,
    2 r ai at wi)."""
    w, a = np.asarray(w, dtype=float), np.asarray(a, dtype=float)
    if w.shape != (3,) or a.shape != (3,):
        raise ValueError(f"sweep_figure draws three weights: got w of shape {w.shape} and "
                         f"a of shape {a.shape}.")
    r = float(w @ a - t)
    if backwards:
        return r, {"L": 1.0, "r": 2 * r, "s": 2 * r, **{f"m{i}": 2 * r for i in range(3)},
                   **{f"w{i}": 2 * r * a[i] for i in range(3)}}
    return r, {"w0": 1.0, "w1": 0.0, "w2": 0.0, "m0": a[0], "m1": 0.0, "m2": 0.0,
               "s": a[0], "r": a[0], "L": 2 * r * a[0]}


def sweep_figure(w, a, t=1.0, backwards=False):
    """Figure: the graph of L = (w1 a1 + w2 a2 + w3 a3 - t)^2, each edge labelled with its
    local derivative, each node with what one sweep carries there (`sweep_carried`):
    forward mode seeded at w1 (grey dashed where it carries 0) or reverse mode (the sum
    passes dL/ds unchanged to every product, drawn thick)."""
    r, carried = sweep_carried(w, a, t, backwards)
    a = np.asarray(a, dtype=float)
    titles = {False: "forward mode, seeded at $w_1$: every node carries "
                     "$\\partial(\\mathrm{node})/\\partial w_1$; one sweep gives "
                     "$\\partial L/\\partial w_1$ only",
              True: "reverse mode: every node gets $\\partial L/\\partial(\\mathrm{node})$;"
                    " one sweep gives all three $\\partial L/\\partial w_i$"}
    with plt.rc_context(plots.STYLE):
        fig, ax = plt.subplots(figsize=(11, 4.2))
        for tail, head in _SWEEP_EDGES:
            (xa, ya), (xb, yb) = _SWEEP_NODES[tail], _SWEEP_NODES[head]
            start, end = (head, tail) if backwards else (tail, head)
            fan_out = backwards and tail.startswith("m")   # the sum copies dL/ds to every term
            live = backwards or carried[tail] != 0.0
            ax.annotate("", _SWEEP_NODES[end], _SWEEP_NODES[start], arrowprops={
                "arrowstyle": "-|>", "lw": 3.5 if fan_out else 2.2, "mutation_scale": 22,
                "shrinkA": _SWEEP_GAP[start], "shrinkB": _SWEEP_GAP[end],
                "linestyle": "-" if live else "--",
                "color": plots.GRADIENT if live else plots.NEUTRAL})
            local = (f"$\\times a_{int(tail[1]) + 1}$ = {a[int(tail[1])]:.2f}"
                     if tail.startswith("w")
                     else f"$\\times 2r$ = {2 * r:.2f}" if head == "L"
                     else "$\\times 1$" if "s" in (tail, head) else None)
            if local:                                   # the edge's local derivative
                ax.text((xa + xb) / 2, (ya + yb) / 2, local, ha="center", va="center",
                        fontsize=13, color=plots.GRADIENT if live else "black",
                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
        for name, (xn, yn) in _SWEEP_NODES.items():
            ax.text(xn, yn, _SWEEP_LABELS[name], ha="center", va="center", fontsize=15,
                    zorder=3, bbox={"boxstyle": "round,pad=0.35", "facecolor": "white",
                                    "edgecolor": plots.FORWARD})
            value = carried[name]
            ax.text(xn, yn - 0.42, f"{value:.2f}", ha="center", va="center", fontsize=14,
                    color=plots.GRADIENT if value != 0.0 else "black",
                    fontweight="bold" if value != 0.0 else "normal")
        ax.text(_SWEEP_NODES["r"][0], 0.4, f"value {r:.2f}", ha="center", va="center",
                fontsize=14, color=plots.FORWARD)       # the forward value behind 2r
        ax.set(xlim=(-0.5, 8.2), ylim=(-1.7, 1.45))
        ax.set_title(titles[backwards], fontsize=14)
        ax.set_axis_off()
        if backwards:
            ax.annotate("the sum passes $\\partial L/\\partial s$\nunchanged to every term",
                        (2.95, -1.1), fontsize=13, color=plots.GRADIENT)
    return fig


def product_area_figure(a=3.0, b=2.0, da=0.4, db=0.3):
    """Figure: the rectangle a b, its strips b da and a db (the product rule's two terms,
    first order in the nudges) and the corner da db (second order), each labelled."""
    with plt.rc_context(plots.STYLE):
        fig, ax = plt.subplots(figsize=(7, 4.6))
        pieces = [((0, 0), a, b, plots.FORWARD, 0.25, f"a b = {a * b:g}"),
                  ((a, 0), da, b, plots.GRADIENT, 0.55, ""),
                  ((0, b), a, db, plots.GRADIENT, 0.55, f"a db = {a * db:.2f}"),
                  ((a, b), da, db, plots.NEUTRAL, 0.8, "")]
        for corner, width, height, color, alpha, text in pieces:
            ax.add_patch(plt.Rectangle(corner, width, height, facecolor=color, alpha=alpha,
                                       edgecolor="black"))
            if text:
                ax.text(corner[0] + width / 2, corner[1] + height / 2, text, ha="center",
                        va="center")
        ax.text(a + da + 0.1, b / 2, f"b da = {b * da:.2f}", va="center")
        ax.annotate(f"da db = {da * db:.2f}", (a + da / 2, b + db / 2),
                    xytext=(a + 0.55, b + 0.55), arrowprops={"arrowstyle": "->"})
        ax.set(xlim=(-0.2, a + da + 1.6), ylim=(-0.2, b + db + 0.8),
               xlabel="side $a$ (nudged by $da$)", ylabel="side $b$ (nudged by $db$)",
               title="The product rule as an area")
        ax.set_aspect("equal")
        ax.grid(False)
    return fig


def two_paths_figure():
    """Figure: x reaches p q along two paths, through p = x^2 + 1 (solid) and q = sin x
    (dashed); each edge carries its local derivative, each path contributes the product
    along it, and (pq)' = p'q + p q' adds the two."""
    spots = {"x": (0.0, 0.0), "p": (2.3, 0.9), "q": (2.3, -0.9), "pq": (4.6, 0.0)}
    names = {"x": "$x$", "p": "$p = x^2 + 1$", "q": r"$q = \sin x$", "pq": r"$p\,q$"}
    links = [((0.2, 0.05), (1.8, 0.85), "$p' = 2x$", "-"),
             ((2.8, 0.85), (4.35, 0.05), r"$\partial(pq)/\partial p = q$", "-"),
             ((0.2, -0.05), (1.9, -0.85), r"$q' = \cos x$", "--"),
             ((2.75, -0.85), (4.35, -0.05), r"$\partial(pq)/\partial q = p$", "--")]
    with plt.rc_context(plots.STYLE):
        fig, ax = plt.subplots(figsize=(9, 4.2))
        for start, end, text, style in links:          # from box edge to box edge
            ax.annotate("", end, start, arrowprops={
                "arrowstyle": "-|>", "lw": 2, "linestyle": style, "color": plots.GRADIENT,
                "shrinkA": 2, "shrinkB": 2})
            ax.text((start[0] + end[0]) / 2, (start[1] + end[1]) / 2, text, ha="center",
                    va="center", color=plots.GRADIENT, fontsize=13,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
        for name, (xn, yn) in spots.items():
            ax.text(xn, yn, names[name], ha="center", va="center", fontsize=14, zorder=3,
                    bbox={"boxstyle": "round,pad=0.4", "facecolor": "white",
                          "edgecolor": plots.FORWARD})
        ax.text(2.3, 1.55, r"path through $p$ (solid): $p' \cdot q$", ha="center",
                fontsize=13, color=plots.GRADIENT)
        ax.text(2.3, -1.6, r"path through $q$ (dashed): $q' \cdot p$", ha="center",
                fontsize=13, color=plots.GRADIENT)
        ax.text(4.6, -0.45, r"$(pq)' = p'q + p\,q'$" "\n(the two paths add)", ha="center",
                va="top", fontsize=13)
        ax.set(xlim=(-0.5, 5.6), ylim=(-1.9, 1.9))
        ax.set_title("Two paths from $x$ to $p\\,q$: multiply along each, add the paths",
                     fontsize=14)
        ax.set_axis_off()
    return fig


def chain_figure(nodes, links, title=None):
    """Figure: a chain of nodes left to right. `nodes` is a list of (name, value,
    dy/d(node)) from the input to the output y; `links` has one (TeX formula, value) per
    link, its local derivative. Values ride the forward arrows (blue, above), the
    derivatives the backward arrows (vermillion, below), each link's local derivative
    under its backward arrow."""
    if len(links) != len(nodes) - 1:
        raise ValueError(f"a chain of {len(nodes)} nodes has {len(nodes) - 1} links, "
                         f"got {len(links)} local derivatives.")
    last = 3 * (len(nodes) - 1)
    with plt.rc_context(plots.STYLE):
        fig, ax = plt.subplots(figsize=(max(11, 2.75 * len(nodes)), 3.6))
        for k, (name, value, grad_value) in enumerate(nodes):
            ax.text(3 * k, 0, f"${name}$", ha="center", va="center", fontsize=18, zorder=3,
                    bbox={"boxstyle": "round,pad=0.4", "facecolor": "white",
                          "edgecolor": plots.FORWARD})
            ax.text(3 * k, 0.55, f"{name} = {value:.3f}", ha="center", color=plots.FORWARD,
                    fontsize=13)
            ax.text(3 * k, -0.55, f"dy/d{name} = {grad_value:.3f}", ha="center", va="top",
                    color=plots.GRADIENT, fontsize=13, fontweight="bold")
        for k, (formula, slope) in enumerate(links):
            ax.annotate("", (3 * k + 2.55, 0.15), (3 * k + 0.45, 0.15),   # forward: values
                        arrowprops={"arrowstyle": "-|>", "color": plots.FORWARD, "lw": 1.5})
            ax.annotate("", (3 * k + 0.45, -0.15), (3 * k + 2.55, -0.15),  # backward
                        arrowprops={"arrowstyle": "-|>", "color": plots.GRADIENT, "lw": 3})
            ax.text(3 * k + 1.5, -0.3, f"$\\times {formula}$ = {slope:.3f}", ha="center",
                    va="top", color=plots.GRADIENT, fontsize=12)
        ax.text(-0.6, 0.95, "forward pass: values (blue, left to right)", color=plots.FORWARD,
                fontsize=12)
        ax.text(-0.6, -1.25, "backward pass: multiply by each link's local derivative "
                "(right to left)", color=plots.GRADIENT, fontsize=12)
        ax.set(xlim=(-0.9, last + 0.9), ylim=(-1.4, 1.2))
        if title:
            ax.set_title(title, fontsize=14)
        ax.set_axis_off()
    return fig


def partial_slice_figure(F, point, slope, x1_range=(-2.0, 2.0), x2_range=(-1.5, 1.5)):
    """Figure: left, the surface F(x1, x2) over the ranges with the slice x2 = point[1]
    drawn on it; right, that slice, g(x1) = F(x1, point[1]), and the line through
    (point[0], g(point[0])) with the given slope. With slope = dF/dx1 at point, the line
    is the slice's tangent: a partial derivative is an ordinary derivative along a slice.
    F takes an array [x1, x2] (either may be an array) and returns F."""
    point = np.asarray(point, dtype=float)
    if point.shape != (2,):
        raise ValueError(f"point must be (x1, x2), two numbers; got shape {point.shape}")
    x1, x2 = point
    g1, g2 = np.meshgrid(np.linspace(*x1_range, 41), np.linspace(*x2_range, 31))
    along = np.linspace(*x1_range, 201)
    slice_values = F(np.array([along, np.full_like(along, x2)]))
    height = float(F(point))
    with plt.rc_context(plots.STYLE):
        fig = plt.figure(figsize=(12.8, 5.0))
        ax3 = fig.add_subplot(1, 2, 1, projection="3d")
        ax3.plot_surface(g1, g2, F(np.array([g1, g2])), color=plots.NEUTRAL, alpha=0.35,
                         linewidth=0)
        ax3.plot(along, np.full_like(along, x2), slice_values, color=plots.FORWARD,
                 linewidth=3, label=f"the slice $x_2$ = {x2:g}")
        ax3.scatter([x1], [x2], [height], color=plots.FORWARD, s=60, depthshade=False)
        ax3.set(xlabel="$x_1$", ylabel="$x_2$", zlabel="$F$", title="the surface $F(x_1, x_2)$")
        ax3.set_xticks(np.linspace(*x1_range, 5))
        ax3.set_yticks(np.linspace(*x2_range, 3))  # few ticks: the labels do not collide
        ax3.view_init(elev=28, azim=-60)
        ax3.legend(loc="upper left", fontsize=12)
        ax = fig.add_subplot(1, 2, 2)
        ax.plot(along, slice_values, color=plots.FORWARD, linewidth=2.5,
                label=f"$F(x_1, {x2:g})$: the slice alone")
        near = np.linspace(x1 - 0.8, x1 + 0.8, 2)
        ax.plot(near, height + slope * (near - x1), color=plots.GRADIENT, linewidth=2.5,
                linestyle="--", label=rf"slope $\partial F/\partial x_1$ = {slope:g}")
        ax.plot(x1, height, "o", color=plots.FORWARD, markersize=9)
        ax.set(xlabel="$x_1$ (with $x_2$ held at " + f"{x2:g})", ylabel="$F$",
               title="one input moves, the other is held")
        ax.legend(fontsize=12, loc="upper center")
    return fig
