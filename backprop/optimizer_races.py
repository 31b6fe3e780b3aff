"""Lesson 09's races: the four optimizers on one surface.

- ``steps_to(run, target)``: the first step k with L(w^(k)) < target (None if never).
- ``settles_at(run, target)``: the first step k from which L stays below target to the end
  of the run (None if the last loss is not below it). The two differ when a run dips
  below the target and comes back out (RMSprop at a fixed rate on a quadratic does).
- ``race(surface)``: each optimizer (of ``names``) tries the learning rates ``lrs`` (default
  ``LRS``; lesson 09 passes the finer ``FINE_LRS``) and keeps the one that
  settles below L < 10^-3 in the fewest steps (each run is 5 times longer than the budget,
  so that a dip that does not last is not counted); ``first=True`` scores the first dip
  instead. Momentum is SGD with mu = 0.9 (v <- mu v + g, w <- w - eta v).
- ``make_optimizer(name, params, lr)``: "sgd", "momentum" (mu = 0.9), "rmsprop" or "adam".
"""

import numpy as np

from backprop.descent import descend
from backprop.optim import SGD, Adam, RMSprop

OPTIMIZERS = ("sgd", "momentum", "rmsprop", "adam")
LRS = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
# 25 rates from 0.001 to 1, each about 1.33 times the last (8 per decade): finer than the
# narrowest window of working rates (gradient descent's, about 2 times wide on lesson 09's valley)
FINE_LRS = tuple(float(f"{lr:.3g}") for lr in np.geomspace(1e-3, 1.0, 25))


def steps_to(run, target=1e-3):
    """First step at which run.losses < target, or None if the run never gets there."""
    hits = np.flatnonzero(run.losses < target)
    return int(hits[0]) if len(hits) else None


def settles_at(run, target=1e-3):
    """First step from which run.losses stays below target to the end of the run, or None
    if the run's last loss is not below target."""
    above = np.flatnonzero(~(run.losses < target))
    if not len(above):
        return 0
    return int(above[-1]) + 1 if above[-1] + 1 < len(run.losses) else None


def race(surface, steps=300, lrs=LRS, target=1e-3, first=False, horizon=None, names=OPTIMIZERS):
    """{optimizer: (best lr, steps, its run)} over lrs, for each optimizer in names: the fewest
    steps (at most `steps`) after which L stays below target until step `horizon` (default
    5 * steps; the runs are that long). With first=True: the first step with L < target, on
    runs of `steps` steps. (None, None, None) when no rate of lrs qualifies."""
    horizon = steps if first else (5 * steps if horizon is None else horizon)
    score = steps_to if first else settles_at
    best = {}
    for name in names:
        runs = [descend(surface, optimizer=name, lr=lr, steps=horizon) for lr in lrs]
        counts = [(score(run, target), run.lr, run) for run in runs]
        reached = [c for c in counts if c[0] is not None and c[0] <= steps]
        count, lr, run = min(reached, key=lambda r: r[0]) if reached else (None, None, None)
        best[name] = (lr, count, run)
    return best


def make_optimizer(name, params, lr):
    """The package optimizer called name ('momentum' = SGD with momentum 0.9)."""
    if name == "momentum":
        return SGD(params, lr, momentum=0.9)
    return {"sgd": SGD, "rmsprop": RMSprop, "adam": Adam}[name](params, lr)
