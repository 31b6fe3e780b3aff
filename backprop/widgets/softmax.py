"""Softmax explorer: move three logits and watch the probabilities, the cross-entropy
loss and its gradient.

For one example with logits z = (z_0, z_1, z_2) and correct class c (classes count from 0):

    p_k = e^(z_k) / sum_j e^(z_j),        L = -log p_c,        dL/dz_k = p_k - [k = c].

Three panels, left to right: the logits (forward values), the probabilities (the correct
class's bar outlined, the one-hot target drawn as a dashed outline), and the gradient
p - Y, Y the one-hot row of the label (gradient colour). What a learner can see by moving the sliders:
- adding the same number to every logit changes nothing (softmax sees only differences);
- the gradient always sums to 0: its one negative entry, on the correct logit, balances the
  positive ones, so a step against it raises that logit as much as it lowers the others
  together (raising one logit lowers the other probabilities, not the other logits);
- a confidently wrong example (a large wrong logit) has a large loss and a gradient close
  to -1 on the correct class and +1 on the wrong one; a right one has a gradient near 0.

`softmax_figure` is pure; the explorer draws each setting on its first visit.
"""

import matplotlib.pyplot as plt
import numpy as np

from .. import plots
from ..losses import softmax
from ..validation import as_finite_array
from . import controls
from .explorer import explorer

LOGIT_RANGE = (-4.0, 4.0)
SLIDER_STEP = 0.5
CLASSES = 3
FIGSIZE = (12.8, 4.8)
INK = "#333333"


def softmax_and_gradient(z, target):
    """(p, L, dL/dz) for logits z (K,) and the correct class `target`."""
    p = softmax(z[None])[0]   # the package's softmax (log-sum-exp: no overflow)
    one_hot = np.zeros_like(p)
    one_hot[target] = 1.0
    return p, float(-np.log(p[target])), p - one_hot


def _check_target(target):
    if isinstance(target, bool) or not isinstance(target, (int, np.integer)) \
            or not 0 <= target < CLASSES:
        raise ValueError(f"target = {target!r}: the correct class must be 0, 1 or 2 "
                         "(classes count from 0).")
    return int(target)


def _bars(ax, values, color, title, ylim, labels, target):
    classes = np.arange(len(values))
    edges = [INK if k == target else color for k in classes]
    ax.bar(classes, values, color=color, edgecolor=edges, linewidth=[3 if k == target else 1
                                                                       for k in classes])
    ax.axhline(0, color=INK, linewidth=1)
    for k, value in zip(classes, values):
        inside = 0.5 * (ylim[1] - ylim[0]) * 0.08
        ax.text(k, value + (inside if value >= 0 else -inside), labels.format(value),
                ha="center", va="bottom" if value >= 0 else "top", fontsize=13, color=INK)
    ax.set(xticks=classes, xticklabels=[f"class {k}" + (" ✓" if k == target else "")
                                        for k in classes],
           ylim=ylim, title=title)
    ax.grid(axis="x", visible=False)


def softmax_figure(z0, z1, z2, target=0):
    """Figure: the logits, softmax's probabilities with the one-hot target, and the
    gradient p - Y of L = -log p_target (Y: the one-hot row)."""
    z = as_finite_array([z0, z1, z2], "the logits z0, z1, z2")
    target = _check_target(target)
    p, loss, gradient = softmax_and_gradient(z, target)
    with plt.rc_context({**plots.STYLE, "figure.autolayout": False}):
        fig, (ax_z, ax_p, ax_g) = plt.subplots(1, 3, figsize=FIGSIZE)
        fig.subplots_adjust(left=0.05, right=0.99, bottom=0.12, top=0.74, wspace=0.25)
        _bars(ax_z, z, plots.FORWARD, "logits $z^{[2]}_k$", (-5.6, 5.6), "{:+.1f}", target)
        _bars(ax_p, p, plots.FORWARD, "softmax: $p_k$", (0, 1.5), "{:.3f}", target)
        ax_p.bar(target, 1.0, fill=False, edgecolor=INK, linestyle="--", linewidth=2,
                 label="target $Y$ (one-hot)")
        ax_p.legend(loc="upper center", fontsize=11)
        _bars(ax_g, gradient, plots.GRADIENT, "gradient $\\partial L/\\partial z^{[2]}_k = p_k - Y_k$",
              (-1.4, 1.4), "{:+.3f}", target)
        # p - Y sums to 0 for any logits (both sum to 1): a fact to read, not a measurement
        # two lines: one line of this length runs off a 1280-pixel-wide figure
        fig.suptitle(f"correct class {target}:   $L = -\\log p_{target}$ = {loss:.3f}\n"
                     "p − Y sums to 0: a step on the logits against it raises the correct one "
                     "as much as it lowers the others together",
                     fontsize=15)
    return fig


def softmax_explorer(z=(2.0, 1.0, -1.0), target=0):
    """Sliders for three logits (steps of 0.5, from -4 to 4) and a menu for the correct
    class, over `softmax_figure`; start values are rounded to the sliders' steps."""
    z = as_finite_array(z, "z (the logits)").ravel()
    if z.shape != (CLASSES,):
        raise ValueError(f"z has {z.size} entries: the explorer takes exactly {CLASSES} logits.")
    target = _check_target(target)
    sliders = {f"z{k}": controls.float_slider(
        f"z{k}", controls.nearest_setting(value, *LOGIT_RANGE, SLIDER_STEP), *LOGIT_RANGE,
        SLIDER_STEP) for k, value in enumerate(z)}
    sliders["target"] = controls.choice_dropdown("correct class", target, tuple(range(CLASSES)))
    return explorer(softmax_figure, sliders, css_class="softmax-explorer", precompute=False)
