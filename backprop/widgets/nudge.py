"""Nudge explorer: the chain rule as a nudge passed along dx -> du -> dy, with sliders
for the point x and the nudge dx.

Lesson 01's chain: u = g(x) = x^2 + 1 and y = f(u) = sin u. A nudge dx of x moves u by
about du = g'(x) dx and then y by about dy = f'(u) du (the tangent lines' first-order
predictions), so

    dy ≈ f'(u) g'(x) dx,   that is   dy/dx = dy/du · du/dx.

The true moves, Δu = g(x + dx) - g(x) and Δy = f(g(x + dx)) - f(g(x)), differ from the
predictions by terms of order dx^2: halve dx and the gap between an arrow's tip and the
true value shrinks about fourfold, while the arrows only halve.

The figure draws the three number lines with the same scale, each centred on its own
starting value (x, u and y can be far apart; what the picture is about is how long
each nudge is), so every arrow starts at 0 and its length is the nudge. The scale
follows the largest nudge, so the arrows keep their size on screen when dx shrinks and
the gaps visibly close. Hollow circles mark the true values at x + dx, drawn behind
the arrows.

`nudge_figure` is pure (same arguments, same figure); the explorer draws a setting on
its first visit and keeps its PNG.

The lesson's other pictures (the product rule as an area, two paths, a chain with its
local derivatives, forward and reverse sweeps) are in `backprop/chain_pictures.py`.
"""

import matplotlib.pyplot as plt
import numpy as np

from .. import plots
from . import controls
from .explorer import explorer

X_RANGE = (-2.0, 2.0)    # the x slider: the lesson's check points lie in [-2, 2]
X_STEP = 0.05
DX_RANGE = (0.01, 0.5)   # the nudge slider: 0.4, 0.2, 0.1, 0.05 are all settings
DX_STEP = 0.01
FIGSIZE = (10.0, 4.8)
INK = "#333333"          # row names and values: neutral, not a palette meaning


def _lesson_inner(x):
    return x * x + 1


def _lesson_inner_slope(x):
    return 2 * x


def _number(value, name):
    """`value` as a finite float, or a ValueError naming the argument."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}.") from None
    if not np.isfinite(number):
        raise ValueError(f"{name} = {value!r}: give a finite number.")
    return number


def nudges(x, dx, inner=_lesson_inner, inner_slope=_lesson_inner_slope, outer=np.sin,
           outer_slope=np.cos):
    """The chain at x nudged by dx: a dict with u, y, the slopes du/dx and dy/du, the
    first-order nudges du = du/dx dx and dy = dy/du du, and the true moves true_du and
    true_dy."""
    x, dx = _number(x, "x"), _number(dx, "dx")
    if dx == 0:
        raise ValueError("dx = 0 is no nudge: give a small nonzero dx, such as 0.1.")
    for function, name in ((inner, "inner"), (inner_slope, "inner_slope"), (outer, "outer"),
                           (outer_slope, "outer_slope")):
        if not callable(function):
            raise TypeError(f"{name} must be a function of one number, got "
                            f"{type(function).__name__}.")
    u = _number(inner(x), "inner(x)")
    du_dx, dy_du = _number(inner_slope(x), "inner_slope(x)"), _number(outer_slope(u), "outer_slope(u)")
    y = _number(outer(u), "outer(u)")
    du = du_dx * dx
    true_du = _number(inner(x + dx), "inner(x + dx)") - u
    return {"u": u, "y": y, "du_dx": du_dx, "dy_du": dy_du, "du": du, "dy": dy_du * du,
            "true_du": true_du, "true_dy": _number(outer(u + true_du), "outer(u + du)") - y}


def nudge_figure(x, dx, inner=_lesson_inner, inner_slope=_lesson_inner_slope, outer=np.sin,
                 outer_slope=np.cos):
    """Figure: three number lines (x, u, y) on one scale, each centred on its value; the
    arrows are the nudges dx, du = du/dx dx, dy = dy/du du; the hollow circles are the true
    moves Delta u, Delta y at x + dx (their values in the key, as a label near an arrow's
    tip names the arrow), and the title gives the gaps |Delta u - du|, |Delta y - dy|.
    The defaults are lesson 01's u = x^2 + 1, y = sin u."""
    n = nudges(x, dx, inner, inner_slope, outer, outer_slope)
    x, dx = float(x), float(dx)
    rows = [("x", x, dx, None, f"dx = {dx:.3g}"),
            ("u", n["u"], n["du"], n["true_du"], f"du = {n['du']:.3g}"),
            ("y", n["y"], n["dy"], n["true_dy"], f"dy = {n['dy']:.3g}")]
    factors = [f"× du/dx = {n['du_dx']:.3g}", f"× dy/du = {n['dy_du']:.3g}"]
    reach = max(abs(v) for _, _, nudge, true, _ in rows for v in (nudge, true or 0.0))
    reach = reach or abs(dx)     # all nudges 0 beyond x's: keep a window to draw in
    with plt.rc_context({**plots.STYLE, "figure.autolayout": False}):
        fig, ax = plt.subplots(figsize=FIGSIZE)
        fig.subplots_adjust(left=0.03, right=0.98, bottom=0.13, top=0.87)
        previous = None   # the nudge on the line above
        for level, (name, at, nudge, true, text) in zip([2, 1, 0], rows):
            ax.axhline(level, color=plots.NEUTRAL, linewidth=1, zorder=0)
            if true is not None:   # behind the arrow, a little larger than its head
                ax.plot(true, level, "o", markersize=17, mfc="none", mec=plots.GRADIENT,
                        mew=2, alpha=0.55, zorder=1,
                        # the circles' values in the key: the label near a tip is the arrow's
                        label=f"true value: $\\Delta u$ = {n['true_du']:.3g}, "
                        f"$\\Delta y$ = {n['true_dy']:.3g}" if name == "u" else None)
            # the head shrinks with a short arrow (a fixed head would stick out behind
            # the shaft's start and seem to point the other way); about 250 px per reach
            head = float(np.clip(125 * abs(nudge) / reach, 2, 20))
            ax.annotate("", (nudge, level), (0, level), zorder=3,
                        arrowprops={"arrowstyle": "-|>,head_length=0.5,head_width=0.3",
                                    "lw": 4, "color": plots.GRADIENT, "shrinkA": 0,
                                    "shrinkB": 0, "mutation_scale": head})
            ax.plot(0, level, "o", color=plots.FORWARD, markersize=9, zorder=4)
            # the nudge's name clear of the connector that lands on its tip: under the
            # tip (and its circle), outwards, for a long arrow, else above its middle on the side
            # away from where the connector comes from
            if previous is not None and abs(nudge) > 0.3 * reach:
                ax.annotate(text, (nudge, level), xytext=(4 if nudge > 0 else -4, -13),
                            textcoords="offset points", ha="left" if nudge > 0 else "right",
                            va="top", color=plots.GRADIENT, fontsize=13)
            else:
                side = "center" if previous is None else "right" if previous > nudge else "left"
                ax.annotate(text, (nudge / 2, level), xytext=(0, 8), textcoords="offset points",
                            ha=side, va="bottom", color=plots.GRADIENT, fontsize=13)
            previous = nudge
            ax.annotate(f"${name}$ = {at:.3g}", (0, level), xytext=(0, -12),
                        textcoords="offset points", ha="center", va="top", color=plots.FORWARD,
                        fontsize=13, zorder=6,   # over any connector that crosses it
                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
        for level, factor, (_, _, nudge, _, _), (_, _, nudge_next, _, _) in zip(
                [2, 1], factors, rows, rows[1:]):   # one connector per link, tip to tip
            ax.annotate("", (nudge_next, level - 0.9), (nudge, level - 0.1),
                        arrowprops={"arrowstyle": "-|>", "color": plots.GRADIENT, "lw": 1.5,
                                    "linestyle": "--"})
            # on the connector's middle, in a white box that interrupts the dashes: no
            # arrow runs under the text, whatever the connector's slope
            ax.text((nudge + nudge_next) / 2, level - 0.5, factor, color=plots.GRADIENT,
                    ha="center", va="center", fontsize=12, zorder=5,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 2})
        for level, (name, *_rest) in zip([2, 1, 0], rows):
            ax.text(0.005, level + 0.13, f"${name}$ line", fontsize=15, color=INK,
                    transform=ax.get_yaxis_transform())
        ax.set(xlim=(-1.9 * reach, 1.9 * reach), ylim=(-0.55, 2.45), yticks=[],
               xlabel="change from each line's starting value (one scale for all three lines)")
        # the legend in the bottom corner away from the y nudge and its label
        ax.legend(loc="lower left" if n["dy"] > 0 else "lower right", fontsize=12,
                  framealpha=0.9)
        ax.grid(False)
        gaps = f"gaps $|\\Delta u - du|$ {abs(n['true_du'] - n['du']):.2g}, " \
               f"$|\\Delta y - dy|$ {abs(n['true_dy'] - n['dy']):.2g}"
        ax.set_title(f"x = {x:.3g}, dx = {dx:.3g}: the nudge stretched by each link;   {gaps}",
                     fontsize=13)
    return fig


def nudge_explorer(x=1.4, dx=0.2, inner=_lesson_inner, inner_slope=_lesson_inner_slope,
                   outer=np.sin, outer_slope=np.cos):
    """Sliders for the point x (steps of 0.05 in [-2, 2]) and the nudge dx (steps of 0.01
    in [0.01, 0.5]) over `nudge_figure` for the chain given (lesson 01's by default; pass
    the lesson's own functions so that a learner's edited chain shows here too). The
    start values are rounded to the sliders' steps. The default dx = 0.2: from there each
    smaller setting closes both gaps (from 0.3 to 0.2 the y gap grows, its dx^3 term
    still winning)."""
    x, dx = _number(x, "x"), _number(dx, "dx")
    for value, name, (low, high) in ((x, "x", X_RANGE), (dx, "dx", DX_RANGE)):
        if not low <= value <= high:   # rounding it onto the slider would hide the mistake
            raise ValueError(f"{name} = {value:g} is outside the explorer's range "
                             f"[{low:g}, {high:g}]: pick a start inside it (nudge_figure "
                             "draws any other value).")
    chain = (inner, inner_slope, outer, outer_slope)
    nudges(x, dx, *chain)   # a bad chain fails here, with its reason, not inside a slider
    sliders = {
        "x": controls.float_slider("x", controls.nearest_setting(x, *X_RANGE, X_STEP),
                                   *X_RANGE, X_STEP),
        "dx": controls.float_slider("dx", controls.nearest_setting(dx, *DX_RANGE, DX_STEP),
                                    *DX_RANGE, DX_STEP)}
    # the slider's float steps (0.30000000000000004): round to the grid so the figure's
    # labels and the cache see the setting, not the float noise
    return explorer(lambda x, dx: nudge_figure(round(x, 2), round(dx, 2), *chain), sliders,
                    css_class="nudge-explorer", precompute=False)
