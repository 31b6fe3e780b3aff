"""Gradient descent on a loss surface (`backprop.surfaces`), step by step, and its picture.

`descend(surface, optimizer, lr, steps)` runs the package's own optimizers (SGD, SGD with
momentum, RMSprop, Adam) on a `Parameter` w: each step sets w.grad = dL/dw from the
surface's analytic gradient and calls the optimizer's `step()`, exactly as training a
network does. It returns a `Descent`: the points w_0 ... w_k, their losses and how the
run ended (converged, diverged, or neither). `plot_paths` draws the surface (contours in
2-D, the curve L(w) in 1-D) with the paths on it.
"""

from dataclasses import dataclass

import numpy as np

from .optim import SGD, Adam, RMSprop
from .parameter import Parameter
from .validation import as_finite_array, check_count, lookup

OPTIMIZERS = {"sgd": (SGD, {}), "momentum": (SGD, {"momentum": 0.9}),
              "rmsprop": (RMSprop, {}), "adam": (Adam, {})}
NAMES = {"sgd": "gradient descent", "momentum": "momentum", "rmsprop": "RMSprop", "adam": "Adam"}


@dataclass
class Descent:
    """A run of `descend`: points (k+1, D) and losses (k+1,) from the start to step k."""

    points: np.ndarray
    losses: np.ndarray
    optimizer: str
    lr: float
    diverged: bool = False
    converged: bool = False
    message: str = ""

    @property
    def steps(self):
        return len(self.losses) - 1

    @property
    def label(self):
        return f"{NAMES[self.optimizer]}, η = {self.lr:g}"


def descend(surface, start=None, optimizer="sgd", lr=0.1, steps=100, tol=None, blowup=1e6,
            **options):
    """Run `optimizer` ('sgd', 'momentum' = SGD with momentum 0.9, 'rmsprop', 'adam'; extra
    keyword arguments go to its class) for at most `steps` updates from `start`.

    Each step sets w.grad = dL/dw and calls the optimizer's `step()`. The run stops early:
    - diverged, when the loss or w is not finite or the loss exceeds `blowup` times
      max(L(start), 1) (the step that did it is not recorded: its values may be inf);
    - converged, when `tol` is given and |L_k - L_(k-1)| < tol (the stopping rule).
    A run that ends with a higher loss than it started with is also flagged diverged."""
    start = surface.start if start is None else as_finite_array(start, "start", ndim=1)
    surface._check(start)
    steps = check_count(steps, "steps")
    cls, defaults = lookup(optimizer, OPTIMIZERS, "optimizer")
    w = Parameter(start.copy(), name="w")
    opt = cls([w], lr=lr, **{**defaults, **options})
    points, losses = [w.data.copy()], [float(surface.loss(w.data))]
    limit = blowup * max(losses[0], 1.0)
    # The name says what really ran: SGD with momentum > 0 is "momentum", and vice versa.
    name = ("momentum" if opt.momentum else "sgd") if isinstance(opt, SGD) else optimizer.lower()
    run = Descent(None, None, name, float(lr))
    with np.errstate(over="ignore", invalid="ignore"):  # a blow-up is caught just below
        for k in range(1, steps + 1):
            w.grad = surface.gradient(w.data)
            opt.step()
            loss = float(surface.loss(w.data))
            if not (np.isfinite(loss) and np.all(np.isfinite(w.data)) and loss <= limit):
                run.diverged = True
                run.message = (f"diverged at step {k}: the loss reached {loss:.3g} (it started "
                               f"at {losses[0]:.3g}): lr = {lr:g} is too large")
                break
            points.append(w.data.copy())
            losses.append(loss)
            if tol is not None and abs(losses[-2] - loss) < tol:
                run.converged = True
                run.message = (f"converged at step {k}: |ΔL| = {abs(losses[-2] - loss):.2g} "
                               f"< tol = {tol:g}, L = {loss:.4g}")
                break
    if not run.diverged and losses[-1] > losses[0]:
        run.diverged = True
        run.message = (f"diverging: after {len(losses) - 1} steps the loss grew from "
                       f"{losses[0]:.3g} to {losses[-1]:.3g}: lr = {lr:g} is too large")
    if run.diverged and run.optimizer == "sgd" and surface.max_stable_lr and not options:
        run.message += f" (here gradient descent needs lr < 2/a_max = {surface.max_stable_lr:.3g})"
    if not run.message:
        run.message = f"{len(losses) - 1} steps: L went from {losses[0]:.4g} to {losses[-1]:.4g}"
    run.points, run.losses = np.array(points), np.array(losses)
    return run


# Runs get plots.SERIES colours: the course colours (forward, gradient, classes, train/test)
# keep their meanings, and a run is none of those. Each run also gets its own line style
# and marker (plots.series_style), so runs stay apart for every kind of colour vision.


def _levels(surface, Z, count):
    """Contour levels spaced geometrically above the minimum: the floor of a valley needs
    many more levels than its walls to be visible."""
    low, high = float(surface.loss(surface.minimum)), float(Z.max())
    return low + np.geomspace(1e-4, 1.0, count) * (high - low)


def plot_paths(surface, paths, ax=None, labels=None, colors=None, levels=14, resolution=150,
               title=None, legend=True):
    """Draw `surface` over its window and each `Descent` in `paths` on it: the start as a
    circle, one dot per step, a dark x where a run diverged (its label says so), a star at
    the minimum.

    2-D surfaces get contour lines of L; 1-D ones the curve L(w) with the points (w_k, L_k).
    matplotlib is loaded here, so `import backprop` stays cheap."""
    import matplotlib.pyplot as plt

    from . import plots

    paths = [paths] if isinstance(paths, Descent) else list(paths)
    labels = labels or [p.label for p in paths]
    styles = [plots.series_style(i) for i in range(len(paths))]
    if colors:
        styles = [{**style, "color": color} for style, color in zip(styles, colors)]
    if ax is None:
        with plt.rc_context(plots.STYLE):
            ax = plt.subplots(figsize=(8.0, 4.5) if surface.dim == 1 else (8.0, 6.0))[1]
    if surface.dim == 1:
        w = np.linspace(*surface.window[0], resolution)
        ax.plot(w, surface.loss(w[None]), color=plots.NEUTRAL, linewidth=2, zorder=1)
        ax.set(xlim=surface.window[0], xlabel="w", ylabel="L(w)")
        ax.plot(surface.minimum[0], surface.loss(surface.minimum), "*", color=plots.TRAIN,
                markersize=16, zorder=4)
    else:
        (x0, x1), (y0, y1) = surface.window
        W = np.stack(np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution)))
        Z = surface.loss(W)
        ax.contour(W[0], W[1], Z, levels=_levels(surface, Z, levels), colors=plots.NEUTRAL,
                   linewidths=1.0, zorder=1)
        ax.plot(*surface.minimum, "*", color=plots.TRAIN, markersize=18, zorder=4)
        ax.set(xlim=(x0, x1), ylim=(y0, y1), xlabel="$w_1$", ylabel="$w_2$")
        ax.set_aspect("equal")
        ax.grid(False)
    for path, label, style in zip(paths, labels, styles):
        x, y = (path.points[:, 0], path.losses) if surface.dim == 1 else path.points.T
        if path.diverged:
            label = f"{label}: diverged"
        ax.plot(x, y, **style, markersize=4, linewidth=1.8, label=label, zorder=3)
        ax.plot(x[0], y[0], style["marker"], color=style["color"], markersize=10,
                markerfacecolor="white", zorder=3)
        if path.diverged:
            ax.plot(x[-1], y[-1], "X", color=plots.TRAIN, markersize=14, zorder=5)
    if legend and paths:
        ax.legend(loc="upper right", fontsize=11, framealpha=0.9)
    if title:
        ax.set_title(title)
    return ax
