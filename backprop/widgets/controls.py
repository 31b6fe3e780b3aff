"""Controls shared by every explorer, with TensorFlow Playground's value lists so a
learner can cross-check a setting in the web playground.

The Playground controls offer a short list of values (dropdowns and selection sliders),
so `explorer.explorer` can draw each setting's figure once, in advance. `float_slider` is
for explorers with too many combinations to draw in advance (one neuron's w1, w2, b):
they draw each setting on its first visit.
"""

import ipywidgets as widgets

# Playground's lists (learning rate 0.00001 ... 10; regularization rate 0 ... 10).
LEARNING_RATES = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10)
REGULARIZATION_RATES = (0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10)
ACTIVATIONS = ("relu", "tanh", "sigmoid", "linear", "leaky_relu")
REGULARIZATIONS = ("none", "L1", "L2")

_STYLE = {"description_width": "initial"}
_LAYOUT = widgets.Layout(width="420px")


def _check_choice(value, options, what):
    """`value` if it is one of `options`, else a ValueError that lists them."""
    if value not in options:
        listed = ", ".join(f"{v:g}" if isinstance(v, float) else str(v) for v in options)
        raise ValueError(f"{what} {value!r} is not one of the explorer's values: {listed}. "
                         "Pick one of these: the explorer draws each of them in advance.")
    return value


def _selection_slider(value, options, description):
    """A slider over a list of numbers that updates on release."""
    _check_choice(value, options, description)
    return widgets.SelectionSlider(options=[(f"{v:g}", v) for v in options], value=value,
                                   description=description, continuous_update=False,
                                   style=_STYLE, layout=_LAYOUT)


def learning_rate_slider(value=0.03, options=LEARNING_RATES, description="learning rate"):
    return _selection_slider(value, options, description)


def regularization_rate_slider(value=0.0, options=REGULARIZATION_RATES,
                               description="regularization rate"):
    return _selection_slider(value, options, description)


def momentum_slider(value=0.9, options=(0.0, 0.5, 0.9, 0.99), description="momentum μ"):
    return _selection_slider(value, options, description)


def choice_dropdown(description, value, options):
    """A menu of `options` (an activation's name, a class label, ...), starting at `value`."""
    _check_choice(value, options, description)
    return widgets.Dropdown(options=list(options), value=value, description=description,
                            style=_STYLE)


def activation_dropdown(value="tanh", options=ACTIVATIONS, description="activation"):
    return choice_dropdown(description, value, options)


def regularization_dropdown(value="none", description="regularization"):
    return choice_dropdown(description, value, REGULARIZATIONS)


def nearest_setting(value, low, high, step):
    """The slider setting nearest to `value`: rounded to a multiple of `step`, kept in
    [low, high] (a start value from a lesson need not sit on the slider's grid)."""
    return float(min(max(round(value / step) * step, low), high))


def float_slider(description, value, low, high, step):
    """A slider from `low` to `high` in steps of `step` that updates on release (a drag
    would ask the kernel for every value passed on the way)."""
    if not low <= value <= high:
        raise ValueError(f"{description} = {value!r} is outside the slider's range "
                         f"[{low:g}, {high:g}]: pick a value inside it.")
    return widgets.FloatSlider(value=value, min=low, max=high, step=step, description=description,
                               continuous_update=False, readout_format=".2f", style=_STYLE,
                               layout=_LAYOUT)
