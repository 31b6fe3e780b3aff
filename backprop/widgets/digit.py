"""Digit explorer: pick a digit, watch it go through the lesson-11 MLP and backprop reach
its pixels; then move the image down the gradient and watch the answer change.

The figure is `digit_pictures.digit_pass_figure` for one image (see that module for the
maths): the image, the hidden activations A1 and A2 (one bar per unit, one height scale
for every digit, so digits can be compared), the ten probabilities and -dL/dx, with
L = -log p_y for the true label y. The second control moves the image `steps` steps down
dL/dx (`digit_pictures.nudged`: each step changes no pixel by more than 0.05), so a
misread digit drifts towards being read right, and the picture shows which ink that takes.

`digit_figure` is pure (same arguments, same figure); the explorer draws each setting on
its first visit and keeps its PNG, which is also what a saved notebook shows.
"""

import ipywidgets as widgets
import numpy as np

from .. import digit_pictures
from ..validation import as_finite_array
from .explorer import explorer

STEPS = (0, 1, 2, 3, 5, 8, 12)   # the nudge slider: most change comes in the first steps


def _check_data(X, y):
    X = as_finite_array(X, "X", ndim=2)
    y = np.asarray(y)
    if X.shape[1] != 64:
        raise ValueError(f"X has shape {X.shape}: the digit explorer needs flattened 8x8 digits, "
                         "an (N, 64) array such as X_test.")
    if len(y) != len(X):
        raise ValueError(f"X has {len(X)} rows but y has {len(y)} labels: give one label per image.")
    return X, y


def digit_figure(net, X, y, k, steps=0, scale=None, name="digit"):
    """The pass of digit k of (X, y) after `steps` nudges down dL/dx (0: the image itself),
    titled "`name` k"."""
    X, y = _check_data(X, y)
    if not 0 <= k < len(X):
        raise ValueError(f"k = {k!r}: pick a digit from 0 to {len(X) - 1}.")
    image = digit_pictures.nudged(net, X[k], y[k], steps)
    heading = f"{name} {k}" + (f", moved {steps} steps down dL/dX" if steps else "")
    return digit_pictures.digit_pass_figure(net, image, [y[k]], title=heading, scale=scale)


def digit_explorer(net, X, y, choices=None, k=None, name="digit"):
    """A dropdown of digits (`choices`, default the first 40 and every misread one) and a
    nudge-steps slider over `digit_figure` (titled "`name` k"); it starts at `k` (default:
    the first choice)."""
    X, y = _check_data(X, y)
    predicted = net.forward(X).argmax(axis=1)
    if choices is None:
        misread = np.flatnonzero(predicted != y)
        choices = sorted(set(range(min(40, len(X)))) | set(misread.tolist()))
    choices = [int(c) for c in choices]
    bad = [c for c in choices if not 0 <= c < len(X)]
    if not choices or bad:
        raise ValueError(f"choices {bad or choices} are not digits of X: give indices from 0 to "
                         f"{len(X) - 1}.")
    k = choices[0] if k is None else k
    if k not in choices:
        raise ValueError(f"k = {k!r} is not one of the choices: add it to `choices`.")
    # one height scale for every picture: the largest activation over the choices
    scale = max(float(A.max()) for A in digit_pictures.hidden_codes(net, X[choices]))
    picker = widgets.Dropdown(
        options=[(f"{c}: true {y[c]}, read {predicted[c]}" + ("  ✗" if predicted[c] != y[c] else ""), c)
                 for c in choices],
        value=k, description="digit", style={"description_width": "initial"})
    slider = widgets.SelectionSlider(options=[(str(s), s) for s in STEPS], value=0,
                                     description="steps down dL/dX", continuous_update=False,
                                     style={"description_width": "initial"},
                                     layout=widgets.Layout(width="420px"))
    return explorer(lambda k, steps: digit_figure(net, X, y, k, steps, scale=scale, name=name),
                    {"k": picker, "steps": slider}, css_class="digit-explorer", precompute=False)
