"""Lesson 09's races: steps_to, settles_at, race, make_optimizer and FINE_LRS."""

import numpy as np

from backprop import SGD, Adam, RMSprop
from backprop.descent import descend
from backprop.optimizer_races import (
    FINE_LRS,
    LRS,
    make_optimizer,
    race,
    settles_at,
    steps_to,
)
from backprop.parameter import Parameter
from backprop.surfaces import bowl


def test_steps_to_matches_the_flat_directions_factor():
    surface = bowl(a=1.0, b=50.0)
    run = descend(surface, lr=0.01, steps=600)
    predicted = np.log(1e-3 / (0.5 * surface.start[0] ** 2)) / (2 * np.log(1 - 0.01))
    assert abs(steps_to(run) - predicted) < 2
    assert steps_to(descend(surface, lr=0.01, steps=10)) is None


def test_settles_at_waits_until_the_loss_stays_below():
    run = descend(bowl(a=1.0, b=50.0), optimizer="rmsprop", lr=0.3, steps=300)
    assert steps_to(run) == 6 and settles_at(run) is None  # it dips, then comes back out
    gd = descend(bowl(a=1.0, b=50.0), lr=0.03, steps=300)
    assert settles_at(gd) == steps_to(gd) == 152
    heavy = descend(bowl(a=1.0, b=50.0), optimizer="momentum", lr=0.03, steps=300)
    k = settles_at(heavy)
    assert k > steps_to(heavy) and np.all(heavy.losses[k:] < 1e-3) and heavy.losses[k - 1] >= 1e-3


def test_race_keeps_each_optimizers_fastest_rate():
    best = race(bowl(a=1.0, b=50.0))
    for name, (lr, count, run) in best.items():
        if name == "rmsprop":  # no rate of LRS settles: each dips below 1e-3, then comes back out
            assert (lr, count, run) == (None, None, None)
            continue
        assert lr in LRS and run.lr == lr and settles_at(run) == count and run.steps == 1500
        others = [settles_at(descend(bowl(a=1.0, b=50.0), optimizer=name, lr=r, steps=1500))
                  for r in LRS]
        assert count == min(c for c in others if c is not None and c <= 300)
    dips = race(bowl(a=1.0, b=50.0), first=True)
    assert dips["rmsprop"][:2] == (0.3, 6) and dips["rmsprop"][2].steps == 300
    assert race(bowl(a=1.0, b=50.0), steps=3)["sgd"] == (None, None, None)
    some = race(bowl(a=1.0, b=50.0), lrs=(0.01, 0.03), names=("sgd",))
    assert list(some) == ["sgd"] and some["sgd"][:2] == (0.03, 152)


def test_make_optimizer_builds_the_named_optimizer():
    p = [Parameter(np.zeros(2))]
    assert isinstance(make_optimizer("sgd", p, 0.1), SGD) and not make_optimizer("sgd", p, 0.1).momentum
    assert make_optimizer("momentum", p, 0.1).momentum == 0.9
    assert isinstance(make_optimizer("rmsprop", p, 0.1), RMSprop)
    assert isinstance(make_optimizer("adam", p, 0.1), Adam)


def test_fine_lrs_is_a_log_grid_finer_than_lrs():
    ratios = np.divide(FINE_LRS[1:], FINE_LRS[:-1])
    assert len(FINE_LRS) == 25 and FINE_LRS[0] == 0.001 and FINE_LRS[-1] == 1.0
    assert np.all((1.32 < ratios) & (ratios < 1.34)) and {0.001, 0.01, 0.1, 1.0} <= set(FINE_LRS)
