"""Momentum explorer: choose the learning rate eta and the momentum mu on lesson 09's
narrow valley and see the path, the speed of each direction and its prediction.

The valley is L = (a w1^2 + b w2^2)/2 with a = 1 (the floor) and b = 50 (across). Along
a direction of curvature h, heavy-ball momentum (v <- mu v + g, w <- w - eta v, g = h w)
is the linear recurrence w_(k+1) = (1 + mu - eta h) w_k - mu w_(k-1), so |w_k| shrinks
like rho^k, with rho the largest |root| of

    r^2 - (1 + mu - eta h) r + mu = 0          (mu = 0: rho = |1 - eta h|).

Complex roots (a spiral: overshoot and swing back) have |r| = sqrt(mu) whatever h. The
run diverges when rho > 1, that is for eta h > 2 (1 + mu).

Two panels, one setting (eta, mu):
1. the first PATH_STEPS steps over the valley's contours, next to plain gradient descent
   with the same eta (a reference: mu = 0);
2. |w1| and |w2| of the momentum run per step on a log axis, each under its predicted
   line rho^k, with the number of steps to L < 10^-3 in the title.
With `roots=True` (the explorer) a third, small panel marks the two roots of each
direction in the complex plane against the unit circle (|r| = 1: beyond it, divergence)
and the circle |r| = sqrt(mu) on which complex roots lie, so a slider move shows the
roots move.

`momentum_figure` is pure; the explorer draws each setting on its first visit.
"""

from dataclasses import replace
from functools import partial

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import patheffects, ticker

from .. import plots
from ..descent import descend, plot_paths
from ..surfaces import bowl
from ..validation import check_non_negative_number, check_positive_number
from . import controls
from .explorer import explorer

CURVATURES = {"floor": 1.0, "across": 50.0}   # a and b of the valley
LEARNING_RATES = (0.005, 0.01, 0.02, 0.03, 0.039, 0.05, 0.075, 0.08)
MOMENTA = (0.0, 0.3, 0.5, 0.68, 0.8, 0.9, 0.95, 0.99)
STEPS = 400         # the run (enough for mu = 0.9 to reach L < 1e-3 at eta = 0.03)
PATH_STEPS = 120    # the path panel shows the start of it, where the shape is visible
TARGET = 1e-3
FLOOR = 1e-12       # the log axis's floor: smaller |w| is not drawn
FIGSIZE = (12.8, 6.0)
ROOTS_FIGSIZE = (15.0, 5.6)   # with the roots panel: still one row, readable at 1280x720
INK = "#333333"
# one colour and marker per direction, in every figure of lesson 09: the floor pink with
# triangles, the steep direction dark slate with diamonds (not a green: green is gradient
# descent's colour in the path panel and in the lesson)
DIRECTION_STYLES = {"floor": plots.series_style(2),
                    "across": {**plots.series_style(3), "color": plots.TRAIN}}


def convergence_factor(h, lr, mu):
    """rho: the largest |root| of r^2 - (1 + mu - lr h) r + mu = 0 (mu = 0: |1 - lr h|)."""
    return float(np.abs(np.roots([1.0, -(1.0 + mu - lr * h), mu])).max())


def direction_roots(h, lr, mu):
    """The two (complex) roots of r^2 - (1 + mu - lr h) r + mu = 0, larger |r| first."""
    r = np.roots([1.0, -(1.0 + mu - lr * h), mu]).astype(complex)
    return r[np.argsort(-np.abs(r), kind="stable")]


def valley():
    return bowl(CURVATURES["floor"], CURVATURES["across"])


def _steps_to_target(run):
    """The step from which L stays below TARGET to the end of the run (lesson 09's count), or None."""
    above = np.flatnonzero(~(run.losses < TARGET))
    if not len(above):
        return 0
    return int(above[-1]) + 1 if above[-1] + 1 < len(run.losses) else None


def _run(lr, mu, steps):
    if mu == 0:
        return descend(valley(), optimizer="sgd", lr=lr, steps=steps)
    return descend(valley(), optimizer="momentum", lr=lr, momentum=mu, steps=steps)


def _outcome(run):
    if run.diverged:
        return f"diverged at step {run.steps + 1}"
    reached = _steps_to_target(run)
    return f"L stays below 1e-3 from step {reached}" if reached is not None else \
        f"L = {run.losses[-1]:.2g} after {run.steps} steps"


def power_of_ten(value, _pos=None):
    """Tick label 10^k (mathtext) for a log axis whose ticks are powers of ten."""
    return f"$10^{{{np.log10(value):.0f}}}$"


def _speed_panel(ax, run, lr, mu):
    k = np.arange(run.steps + 1)
    # a white edge keeps a dashed prediction visible where it lies on its own curve
    edge = [patheffects.withStroke(linewidth=4, foreground="white")]
    for i, (name, h) in enumerate(CURVATURES.items()):
        rho = convergence_factor(h, lr, mu)
        size = np.abs(run.points[:, i])
        size[size < FLOOR] = np.nan   # below the axis: not drawn (the log axis has no 0)
        style = DIRECTION_STYLES[name]  # series 0 and 1 are the path panel's runs
        ax.plot(k, size, color=style["color"], linewidth=2, label=f"|w{i + 1}| ({name}, h = {h:g})")
        predicted = np.abs(run.points[0, i]) * rho ** k.astype(float)
        predicted[(predicted < FLOOR) | (predicted > 1e6)] = np.nan
        # the direction's marker (as in the roots panel and lesson 09) rides on the smooth line
        ax.plot(k, predicted, color=style["color"], linestyle="--", linewidth=1.8, zorder=3,
                marker=style["marker"], markevery=(20 + 10 * i, 50), markersize=8,
                markeredgecolor="black", path_effects=edge,
                label=f"predicted |w{i + 1}|: start × ρ^k, factor per step ρ = {rho:.3f}")
    ax.set_yscale("log")
    ax.yaxis.set_major_locator(ticker.FixedLocator([1e-12, 1e-8, 1e-4, 1, 1e4]))
    # the top shows a diverging run's first steps; a converging |w| stays below |w_0| ~ 5
    ax.yaxis.set_major_formatter(ticker.FuncFormatter(power_of_ten))
    ax.yaxis.set_minor_locator(ticker.NullLocator())
    ax.set(ylim=(FLOOR / 2, 1e4 if run.diverged else 1e2), xlim=(0, STEPS), xlabel="step k",
           title=f"the μ = {mu:g} run: {_outcome(run)}")
    ax.set_ylabel("|w1|, |w2| after k steps", labelpad=6)
    # lower left: the curves start top left and fall to the right, so that corner stays empty
    ax.legend(loc="lower left", fontsize=10, framealpha=0.9)


def _roots_panel(ax, lr, mu):
    """The current roots of both directions against the unit circle and |r| = sqrt(mu).
    The panel grows to hold a root outside the unit circle (a diverging setting), and an
    arrow names that root."""
    turn = np.linspace(0, 2 * np.pi, 200)
    ax.plot(np.cos(turn), np.sin(turn), color=plots.NEUTRAL, linewidth=1.5)
    if mu > 0:
        ax.plot(np.sqrt(mu) * np.cos(turn), np.sqrt(mu) * np.sin(turn), color=plots.NEUTRAL,
                linestyle=":", linewidth=1.5, label=f"|r| = √μ = {np.sqrt(mu):.3f}")
    reach = 1.0
    for name, h in CURVATURES.items():
        r = direction_roots(h, lr, mu)
        style = DIRECTION_STYLES[name]   # the speed panel's colour and marker
        ax.plot(r.real, r.imag, style["marker"], color=style["color"], markersize=10,
                markeredgecolor="black", linestyle="none", zorder=5,
                label=f"{name}: ρ = {abs(r[0]):.3f}")
        reach = max(reach, abs(r[0]))
        if abs(r[0]) > 1:
            ax.annotate(f"|r| = {abs(r[0]):.2f} > 1:\ndiverges", (r[0].real, r[0].imag),
                        xytext=(0, -0.55 * reach), ha="center", va="top", fontsize=11,
                        color=style["color"], arrowprops={"arrowstyle": "->", "color": INK})
    size = 1.3 * reach   # autoscaled: every root is inside the panel
    # the room above the circle holds the legend, clear of roots inside it
    ax.set(xlim=(-size, size), ylim=(-size, size + reach), aspect="equal",
           xlabel="real part of r", ylabel="imaginary part of r",
           title="the roots r; circle: |r| = 1")
    ax.legend(loc="upper center", fontsize=10, framealpha=0.9)


def momentum_figure(lr=0.03, mu=0.9, roots=False):
    """Figure: gradient descent and momentum mu at learning rate lr on the valley (left);
    the momentum run's |w1|, |w2| against their predicted rho^k (middle or right); with
    `roots`, each direction's two roots against the unit circle (right)."""
    lr = check_positive_number(lr, "lr (the learning rate)")
    mu = check_non_negative_number(mu, "mu (the momentum)")
    if mu >= 1:
        raise ValueError(f"mu = {mu:g}: momentum must be below 1 (at 1 the velocity never "
                         "forgets and the run cannot settle); try 0.9.")
    surface = valley()
    run = _run(lr, mu, STEPS)
    plain = _run(lr, 0.0, STEPS) if mu > 0 else run   # the reference: mu = 0
    shown = [plain, run] if mu > 0 else [plain]
    # plot_paths adds ": diverged" to a diverged run's label itself
    labels = ["gradient descent" + ("" if plain.diverged else f": {_outcome(plain)}")]
    if mu > 0:
        labels.append(f"momentum μ = {mu:g}" + ("" if run.diverged else f": {_outcome(run)}"))
    with plt.rc_context({**plots.STYLE, "figure.autolayout": False}):
        fig = plt.figure(figsize=ROOTS_FIGSIZE if roots else FIGSIZE)
        ratios = (1.2, 1, 0.75) if roots else (1.2, 1)
        grid = fig.add_gridspec(1, len(ratios), width_ratios=ratios, left=0.05 if roots else 0.06,
                                right=0.99 if roots else 0.98, bottom=0.11, top=0.86,
                                wspace=0.27 if roots else 0.2)
        ax_path, ax_speed = fig.add_subplot(grid[0]), fig.add_subplot(grid[1])
        if roots:
            _roots_panel(fig.add_subplot(grid[2]), lr, mu)
        first = [_first(r, PATH_STEPS) for r in shown]
        plot_paths(surface, first, ax=ax_path, labels=labels, resolution=80, levels=12,
                   title=f"first {PATH_STEPS} steps on L = (w1² + 50 w2²)/2")
        ax_path.set(xlabel="w1", ylabel="w2")
        ax_path.legend(loc="lower right", fontsize=11, framealpha=0.9)
        _speed_panel(ax_speed, run, lr, mu)
        # no stability limit here: lesson 09 derives it after the first look at this figure
        fig.suptitle(f"η = {lr:g}, μ = {mu:g}: gradient descent and momentum on the same valley",
                     fontsize=15)
    return fig


def _first(run, steps):
    """The run cut to its first `steps` steps (a copy: the run itself is left whole);
    marked diverged only if it diverged within them."""
    return replace(run, points=run.points[:steps + 1], losses=run.losses[:steps + 1],
                   diverged=run.diverged and run.steps <= steps)


def momentum_explorer(lr=0.03, mu=0.9):
    """Sliders for eta and mu (fixed lists, including the lesson's 0.03, 0.039 and its
    best mu = 0.68) over `momentum_figure` with its roots panel."""
    sliders = {"lr": controls.learning_rate_slider(lr, LEARNING_RATES),
               "mu": controls.momentum_slider(mu, MOMENTA)}
    return explorer(partial(momentum_figure, roots=True), sliders, css_class="momentum-explorer",
                    precompute=False)


def recurrence_figure(h=1.0, lr=0.03, mus=(0.3, 0.684, 0.9), steps=60):
    """Lesson 09's on-ramp to the roots: w after k steps along ONE direction (curvature h)
    for three momenta (real roots, roots meeting, complex roots), each with the band
    +-w(0) rho^k (a swing follows it up to a constant factor; where the two roots meet,
    w = (c1 + c2 k) rho^k leaves it). Returns the figure."""
    h = check_positive_number(h, "h (the curvature)")
    lr = check_positive_number(lr, "lr (the learning rate)")
    k = np.arange(steps + 1)
    # the direction's own style where h is one of the valley's curvatures (the floor by default)
    style = DIRECTION_STYLES["across" if h == CURVATURES["across"] else "floor"]
    with plt.rc_context(plots.STYLE):
        fig, axes = plt.subplots(1, len(mus), figsize=(15.0, 3.9), sharey=True)
        for ax, mu in zip(np.atleast_1d(axes), mus):
            r = direction_roots(h, lr, mu)
            w = [1.0, 1.0 - lr * h]   # w(0) = 1, and the first step from v = 0
            for _ in range(steps - 1):
                w.append((1 + mu - lr * h) * w[-1] - mu * w[-2])
            rho = abs(r[0])
            kind = ("the roots meet: smallest ρ" if abs(r[0] - r[1]) < 0.05
                    else "complex roots: swings" if abs(r[0].imag) > 0
                    else "real roots: smooth decay" if r[0].real > 0  # a negative root flips the sign
                    else "a negative real root: zigzag")
            ax.axhline(0, color=plots.NEUTRAL, linewidth=1)
            ax.fill_between(k, -rho ** k, rho ** k, color=plots.NEUTRAL, alpha=0.15,
                            label=f"±ρ^k, ρ = {rho:.3f}")
            ax.plot(k, w, **style, markevery=5, label="w after k steps")
            ax.set(title=f"μ = {mu:.3g}: {kind}", xlabel="step k", ylim=(-1.05, 1.05))
            ax.legend(loc="upper right", fontsize=10)
        np.atleast_1d(axes)[0].set_ylabel(f"w (one direction, h = {h:g})")
    return fig


def roots_figure(lr=0.03, mu_marks=(0.9,)):
    """Lesson 09's root locus at learning rate lr, as mu goes from 0 to 0.99. Left: rho of
    each direction (the larger |root|) against mu. Right: where the two roots of each
    direction go, against the unit circle. The star marks the best mu, where the floor's
    roots meet. Floor: triangles, across: diamonds, as in `momentum_figure`.
    Returns (figure, best mu on a grid of step 0.001)."""
    mus = np.linspace(0.0, 0.99, 991)
    turn = np.linspace(0, 2 * np.pi, 400)
    rho = {name: np.array([convergence_factor(h, lr, mu) for mu in mus])
           for name, h in CURVATURES.items()}
    best_mu = float(mus[np.argmin(np.maximum(*rho.values()))])
    with plt.rc_context(plots.STYLE):
        fig, (rates, locus) = plt.subplots(1, 2, figsize=(15.0, 6.2),
                                           gridspec_kw={"width_ratios": (1.25, 1)})
        locus.plot(np.cos(turn), np.sin(turn), color=plots.NEUTRAL, linewidth=1.5)
        locus.text(0.73, 0.73, "|r| = 1:\nbeyond,\ndiverges", fontsize=11, color=plots.TRAIN)
        for mu, dash in ((best_mu, "--"), *((m, ":") for m in mu_marks)):
            locus.plot(np.sqrt(mu) * np.cos(turn), np.sqrt(mu) * np.sin(turn),
                       color=plots.NEUTRAL, linestyle=dash, linewidth=2,
                       label=f"|r| = √μ, μ = {mu:.3g}")
        for name, h in CURVATURES.items():
            style = DIRECTION_STYLES[name]
            r = np.array([direction_roots(h, lr, mu) for mu in mus])
            locus.scatter(r.real, r.imag, s=3, color=style["color"])
            for mu in (0.0, *mu_marks):   # the direction's marker, named by its mu
                at = direction_roots(h, lr, mu)
                locus.plot(at.real, at.imag, style["marker"], color=style["color"],
                           markersize=9, markeredgecolor="black", zorder=5)
                locus.annotate(f"μ = {mu:g}", (at[0].real, abs(at[0].imag)),
                               xytext=(4, 6), textcoords="offset points", fontsize=10)
            at = direction_roots(h, lr, best_mu)
            locus.plot(at.real, at.imag, "*", color=style["color"], markersize=15,
                       markeredgecolor="black", zorder=6)
        locus.annotate(f"★ μ = {best_mu:.3f}: the floor's roots meet\n"
                       "(the ★ pair above and below:\nthe across roots, same μ)",
                       (np.sqrt(best_mu), 0), xytext=(0.05, -0.6), arrowprops={"arrowstyle": "->"},
                       fontsize=11)
        locus.set(xlabel="real part of r", ylabel="imaginary part of r", xlim=(-1.05, 1.05),
                  ylim=(-1.05, 1.05), aspect="equal",
                  title=f"▲ floor, ◆ across: the two roots of each, η = {lr:g}")
        locus.legend(loc="lower left", fontsize=10)
        rates.plot(mus, np.sqrt(mus), color=plots.NEUTRAL, linestyle=":", linewidth=2,
                   label="√μ")
        for name, h in CURVATURES.items():
            rates.plot(mus, rho[name], **DIRECTION_STYLES[name], markevery=100,
                       label=f"{name} (h = {h:g})")
        best = convergence_factor(CURVATURES["floor"], lr, best_mu)
        rates.plot(best_mu, best, "*", color=DIRECTION_STYLES["floor"]["color"], markersize=20, zorder=5)
        rates.annotate(f"best μ ≈ {best_mu:.2f}: ρ = {best:.2f}", (best_mu, best),
                       xytext=(0.02, 0.72), arrowprops={"arrowstyle": "->"})
        rates.set(xlabel="momentum μ", ylabel="ρ: factor per step (smaller = faster)",
                  ylim=(0, 1.02), title=f"ρ = the larger |r| of each direction, η = {lr:g}")
        rates.legend(loc="lower right")
    return fig, best_mu
