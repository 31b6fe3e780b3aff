"""Learning-rate explorer: what η does in w <- w - η dL/dw, on a surface and on a network.

Two panels, one learning rate η:
1. gradient descent on the bowl L = (a w1^2 + b w2^2)/2 (a=1, b=5): each coordinate is
   multiplied by (1 - η a_i) per step, so it converges iff η < 2/b = 0.4 and the flat
   direction sets the speed: tiny η crawls, η near 2/b zigzags, η > 2/b diverges;
2. the loss per update, divided by its value at the start (log scale), for that run and
   for a small MLP [1, 8, 1] (tanh) fitting a 1-D curve with the MSE loss, trained with
   `fit` by full-batch gradient descent (one update per epoch): the same regimes on a
   real network, with the network's noise floor (the MSE of the noiseless curve
   sin x + 0.3x on the noisy points, divided by L_0): no fit gets far below it.
A run that diverges stops (never a NaN) and the figure says where and why, in words.
The loss panel's y range is fitted to what it shows (whole powers of ten around the curves
and the floor, at least 3 of them, labelled 10ᵏ like the lessons' figures), so a run that
spans 3 decades fills the panel.

`learning_rate_figure` is pure: same arguments, same figure. The network's training
depends only on its arguments and is cached. The explorer draws every value's figure
when it is built (`explorer.explorer`), so a slider move shows a ready image; the figure
still keeps to two axes with few ticks and plain-text labels, so building stays quick.
"""

from dataclasses import replace

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import ticker

from .. import datasets, plots
from ..descent import descend, plot_paths
from ..layers import MLP
from ..losses import MSELoss
from ..optim import SGD
from ..surfaces import bowl
from ..training import evaluate, fit
from ..validation import check_positive_number
from . import controls
from .explorer import explorer

SURFACE = {"a": 1.0, "b": 5.0, "start": (-4.5, 2.0), "window": ((-5, 5), (-4, 4)),
           "text": "L = (w₁² + 5 w₂²)/2"}  # subscripts as characters: no mathtext to parse
INK = "#333333"   # the notes' text: a neutral dark grey, not a palette colour (TRAIN means data)
RATIO_LIMITS = (1e-8, 1e8)  # the widest y range: a diverging run stops near 1e6 L_0 (or 1e7)
MIN_DECADES = 3             # the y range spans at least this many powers of ten
CONVERGED = 1e-3            # "converged": the loss fell below this fraction of its start
CRAWLING = 0.5              # "crawling": after all the steps it is still above this fraction
FIGSIZE = (12.8, 7.2)       # 1280 x 720 pixels at the course's 100 dpi
_CACHE = {}


def _network_data(seed):
    X, y = datasets.regression_1d(n=100, seed=seed)
    return X, y, MLP([1, 8, 1], activation="tanh", seed=seed)


def network_history(lr, epochs=100, seed=0):
    """History of MLP([1, 8, 1], tanh) fitted to `datasets.regression_1d` (MSE, full
    batch, so one epoch is one gradient-descent update) (cached)."""
    key = ("history", float(lr), epochs, seed)
    if key not in _CACHE:
        X, y, model = _network_data(seed)
        _CACHE[key] = fit(model, X, y, loss="mse", lr=lr, epochs=epochs, batch_size=None,
                          seed=seed, verbose=False)
    return _CACHE[key]


def network_initial_loss(seed=0):
    """The network's MSE before any update (the same for every learning rate)."""
    if ("initial", seed) not in _CACHE:
        X, y, model = _network_data(seed)
        _CACHE["initial", seed] = evaluate(model, MSELoss(), X, y)[0]
    return _CACHE["initial", seed]


def noise_floor(seed=0):
    """The MSE of the curve the data come from, sin x + 0.3 x, on the noisy training points:
    about noise² = 0.01, the loss a perfect fit of the curve would have."""
    X, y, _ = _network_data(seed)
    return float(np.mean((np.sin(X[:, 0]) + 0.3 * X[:, 0] - y) ** 2))


def network_line(lrs, seed=0):
    """The network's loss along its first step, at the start theta_0 with gradient g:
    returns (losses, L_0, |g|², c) where losses[i] = L(theta_0 - lrs[i] g) and
    c = gᵀ H g is the curvature along g (H the Hessian), from a central difference of the
    gradient, (g · (∇L(theta_0 + h g) - ∇L(theta_0 - h g))) / 2h. The second-order model
    is L_0 - lr |g|² + c lr² / 2: a parabola whose tangent at lr = 0 is L_0 - lr |g|²."""
    lrs = np.asarray(lrs, dtype=float)
    X, y, model = _network_data(seed)
    params, mse = model.parameters(), MSELoss()
    start = [p.data.copy() for p in params]

    def loss_and_gradient(offset):  # at theta_0 + offset (one flat vector)
        sizes = np.cumsum([0] + [p.data.size for p in params])
        for p, w, i, j in zip(params, start, sizes[:-1], sizes[1:]):
            p.data = w + offset[i:j].reshape(w.shape)
        loss = mse.forward(model.forward(X), y)
        model.backward(mse.backward())
        return float(loss), np.concatenate([p.grad.ravel() for p in params])

    L0, g = loss_and_gradient(np.zeros(sum(w.size for w in start)))
    losses = np.array([loss_and_gradient(-lr * g)[0] for lr in lrs])
    h = 1e-5 / np.linalg.norm(g)  # a nudge of length 1e-5 along g
    curvature = float(g @ (loss_and_gradient(h * g)[1] - loss_and_gradient(-h * g)[1]) / (2 * h))
    return losses, L0, float(g @ g), curvature


def learning_rate_finder(lrs, batch_size=20, seed=0, nudge=0.0, stop=4.0):
    """Smith's range test on the explorer's network MLP([1, 8, 1], tanh, seed 0).

    Update k is w <- w - lrs[k] * dL_B/dw, the MSE gradient on a mini-batch B of
    `batch_size` points drawn (without replacement) by `np.random.default_rng(seed)`
    (`batch_size=None`: all 100 points, full-batch gradient descent). After each update
    the loss on all 100 points is recorded; the run stops after the first update whose
    loss is not finite or above `stop` times the lowest so far (the blow-up).
    `nudge` multiplies every start weight by (1 + nudge * z), z ~ N(0, 1) from seed 12345:
    a relative perturbation to test how the result depends on round-off.

    Returns (tried, losses, model): tried[k] is the rate of update k, losses[0] the loss
    at the start and losses[k + 1] the loss after update k, model the network at the stop.
    With mini-batches the sampling noise keeps every direction of the weights excited, so
    the blow-up comes soon after the rate passes the sharpest curvature's limit; on the
    full batch, steps below the limit shrink the sharpest direction down to round-off,
    and the blow-up point is then set by round-off.
    """
    lrs = np.asarray(lrs, dtype=float)
    X, y, model = _network_data(0)
    if nudge:
        z = np.random.default_rng(12345)
        for p in model.parameters():
            p.data = p.data * (1 + nudge * z.standard_normal(p.data.shape))
    mse, rng = MSELoss(), np.random.default_rng(seed)
    optimizer = SGD(model.parameters(), lr=float(lrs[0]))
    losses = [float(mse.forward(model.forward(X), y))]
    for lr in lrs:
        batch = slice(None) if batch_size is None else rng.choice(len(X), batch_size, replace=False)
        mse.forward(model.forward(X[batch]), y[batch])
        model.backward(mse.backward())
        optimizer.lr = float(lr)
        optimizer.step()
        with np.errstate(over="ignore", invalid="ignore"):
            losses.append(float(mse.forward(model.forward(X), y)))
        if not np.isfinite(losses[-1]) or losses[-1] > stop * min(losses):
            break
    return lrs[:len(losses) - 1], np.array(losses), model


def verdict(run, surface):
    """(text, colour) that explains how a gradient-descent run on `surface` ended."""
    if run.diverged:  # run.message starts "diverged at step k: ..."
        return (f"{run.message.split(':')[0]}: lr too large\n"
                f"(needs lr < 2/b = {surface.max_stable_lr:.2g})", INK)
    ratio = run.losses[-1] / run.losses[0]
    if ratio < CONVERGED:
        first = int(np.argmax(run.losses < CONVERGED * run.losses[0]))
        return f"converged: L < {CONVERGED:g} L_0 after {first} steps", INK
    if ratio < CRAWLING:
        # Two significant figures: with one, 0.114 % printed as "0.1%", the ratio that means converged.
        return f"still descending: L = {100 * ratio:.2g}% of L_0 after {run.steps} steps", INK
    moved = float(np.linalg.norm(run.points[-1] - run.points[0]))
    return (f"crawling: w moved {moved:.2g} in {run.steps} steps\n"
            f"and L fell by {1 - ratio:.1%}: lr too small", INK)


def ratio_range(*curves):
    """The y range (low, high) of the loss-ratio panel: the powers of ten just around every
    shown value (curves and the noise floor, all L_k / L_0 > 0), at least MIN_DECADES wide and
    inside RATIO_LIMITS. Fitted to the curves, so a run that uses 3 decades is not squashed
    into a corner of 16; a curve that falls below 1e-8 leaves the bottom."""
    values = np.concatenate([np.ravel(c) for c in curves])
    values = values[np.isfinite(values) & (values > 0)]
    low = max(np.floor(np.log10(values.min())), np.log10(RATIO_LIMITS[0]))
    high = min(max(np.ceil(np.log10(values.max())), 1.0), np.log10(RATIO_LIMITS[1]))
    low = min(low, high - MIN_DECADES)
    return 10.0 ** low, 10.0 ** high


SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def power_of_ten(value):
    """'10⁻⁴' for 1e-4: the lessons' 10^k, written with superscript characters (mathtext's
    labels are parsed again for every new figure, which slows a slider move)."""
    return "10" + str(int(round(np.log10(value)))).translate(SUPERSCRIPTS)


def _note(ax, text, color, y=0.04):
    ax.text(0.5, y, text, transform=ax.transAxes, ha="center", va="bottom", fontsize=13,
            color=color, bbox={"facecolor": "white", "alpha": 0.9, "edgecolor": color})


def _first_outside(run, surface):
    """The index of the run's first point outside the surface's window, or None."""
    (x0, x1), (y0, y1) = surface.window
    return next((k for k, (x, y) in enumerate(run.points)
                 if not (x0 <= x <= x1 and y0 <= y <= y1)), None)


def _inside_the_window(run, surface):
    """The run up to its first point outside the window (and that point): a diverging
    path's later segments run between points far outside, and clipped to the window they
    would be drawn straight through the minimum."""
    last = _first_outside(run, surface)
    if last is None:
        return run
    return replace(run, points=run.points[:last + 1], losses=run.losses[:last + 1])


def _number_the_steps(ax, run, surface):
    """Step numbers on a diverging path's points, and where it leaves the window: drawn as
    a line, a path that jumps from one wall to the other seems to run through the minimum."""
    left = _first_outside(run, surface)
    for k, (x, y) in enumerate(run.points[1:8], start=1):
        if left is None or k < left:
            ax.annotate(str(k), (x, y), xytext=(6, 6), textcoords="offset points", fontsize=12,
                        color=INK, zorder=6)
    if left is not None:
        factors = (1 - run.lr * SURFACE["a"], 1 - run.lr * SURFACE["b"])
        ax.text(0.98, 0.02, f"step {left} leaves the window: w = ({run.points[left, 0]:.3g}, "
                f"{run.points[left, 1]:.3g});\neach step multiplies w1 by {factors[0]:+.3g} "
                f"and w2 by {factors[1]:+.3g}", transform=ax.transAxes, fontsize=12, color=INK,
                ha="right", va="bottom", bbox={"facecolor": "white", "alpha": 0.9, "edgecolor": INK})


def _plot_losses(ax, run, history, initial, floor, updates):
    """Both runs' loss divided by its start value, per update, on one log axis."""
    ax.plot(np.arange(run.steps + 1), run.losses / run.losses[0], color=plots.SERIES[0],
            label="bowl (left)")
    ratios = np.concatenate([[1.0], np.asarray(history.loss) / initial])
    ax.plot(np.arange(len(ratios)), ratios, color=plots.SERIES[1], label="MLP [1, 8, 1] (curve fit)")
    # the network's loss cannot go much below the noise: a flat end there is done, not stalled
    ax.axhline(floor / initial, color=plots.NEUTRAL, linestyle="-.", linewidth=1.5,
               label="MLP noise floor")
    # each run's stop line in its own colour and style, so two stops a step apart differ
    stops = ((run.diverged, run.steps, plots.SERIES[0], ":", "bowl stopped"),
             (history.diverged, history.epochs, plots.SERIES[1], "--", "MLP stopped"))
    for diverged, last, color, style, label in stops:
        if diverged:
            ax.axvline(last + 0.5, color=color, linestyle=style, linewidth=1.5, label=label)
    ax.set_yscale("log")
    low, high = ratio_range(run.losses / run.losses[0], ratios, floor / initial)
    decades = np.arange(np.log10(high), np.log10(low) - 1, -1 if high / low <= 1e6 else -2)
    ax.yaxis.set_major_locator(ticker.FixedLocator(10.0 ** decades))
    ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: power_of_ten(v)))
    ax.yaxis.set_minor_locator(ticker.NullLocator())
    ax.set(ylim=(low, high), xlim=(0, updates), xticks=np.linspace(0, updates, 3),
           xlabel="update k (MLP: 1 full-batch epoch)", ylabel="$L_k / L_0$",
           title="loss relative to its start")
    # below the panel: inside, a fitted y range leaves no corner free of curves
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize=12)
    if history.diverged:
        text, color = f"MLP: diverged in epoch {history.epochs + 1}: lr too large", INK
    else:
        text, color = f"MLP: loss {initial:.3g} → {history.loss[-1]:.3g}", INK
    _note(ax, text, color, y=0.86)


def learning_rate_figure(lr=0.03, updates=100, seed=0):
    """Figure: `updates` gradient-descent steps with learning rate `lr` on a bowl (left);
    the loss per update of that run and of an MLP trained with the same lr (right)."""
    lr = check_positive_number(lr, "lr (the learning rate)")
    surface = bowl(SURFACE["a"], SURFACE["b"], start=SURFACE["start"], window=SURFACE["window"])
    run = descend(surface, optimizer="sgd", lr=lr, steps=updates)
    history, initial = network_history(lr, updates, seed), network_initial_loss(seed)
    # A fixed layout instead of the style's autolayout: tight_layout measures every label
    # on each update and would double the drawing time of a slider move.
    with plt.rc_context({**plots.STYLE, "figure.autolayout": False}):
        fig = plt.figure(figsize=FIGSIZE)
        grid = fig.add_gridspec(1, 2, width_ratios=(1.15, 1), left=0.06, right=0.98,
                                bottom=0.22, top=0.92, wspace=0.14)
        ax_path, ax_loss = fig.add_subplot(grid[0]), fig.add_subplot(grid[1])
        plot_paths(surface, _inside_the_window(run, surface), ax=ax_path,
                   colors=[plots.SERIES[0]], legend=False, resolution=80, levels=12,
                   title=f"η = {lr:g}: gradient descent on {SURFACE['text']}")
        ax_path.set(xlabel="$w_1$", ylabel="$w_2$", xticks=[-4, 0, 4], yticks=[-4, 0, 4])
        if run.diverged:
            _number_the_steps(ax_path, run, surface)
        # a diverging path crosses the bottom of the window: its note goes to the top
        _note(ax_path, *verdict(run, surface), y=0.8 if run.diverged else 0.04)
        _plot_losses(ax_loss, run, history, initial, noise_floor(seed), updates)
    return fig


def learning_rate_explorer(value=0.03, updates=100, seed=0, precompute=True):
    """Playground's learning-rate slider (0.00001 ... 10) over `learning_rate_figure`.
    With `precompute`, every value's figure is drawn (training its network) first, so a
    slider move only shows a ready image."""
    check_positive_number(value, "value (the learning rate)")
    return explorer(lambda lr: learning_rate_figure(lr, updates, seed),
                    {"lr": controls.learning_rate_slider(value)},
                    css_class="learning-rate-explorer", precompute=precompute)
