"""Controls shared by every explorer, with TensorFlow Playground's value lists so a
learner can cross-check a setting in the web playground.

`explorer(figure_function, controls, css_class)` turns a pure figure function into a
widget: every control change calls the function with the control values and shows
the returned figure (closing it, so figures do not pile up in memory).
"""

import io

import ipywidgets as widgets
import matplotlib.pyplot as plt
from IPython.display import display

# Playground's lists (learning rate 0.00001 ... 10; regularization rate 0 ... 10).
LEARNING_RATES = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10)
REGULARIZATION_RATES = (0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10)
ACTIVATIONS = ("relu", "tanh", "sigmoid", "linear", "leaky_relu")
REGULARIZATIONS = ("none", "L1", "L2")

_STYLE = {"description_width": "initial"}
_LAYOUT = widgets.Layout(width="420px")


def learning_rate_slider(value=0.03, options=LEARNING_RATES, description="learning rate"):
    return widgets.SelectionSlider(options=[(f"{v:g}", v) for v in options], value=value,
                                   description=description, continuous_update=False,
                                   style=_STYLE, layout=_LAYOUT)


def regularization_rate_slider(value=0.0, options=REGULARIZATION_RATES,
                               description="regularization rate"):
    return widgets.SelectionSlider(options=[(f"{v:g}", v) for v in options], value=value,
                                   description=description, continuous_update=False,
                                   style=_STYLE, layout=_LAYOUT)


def activation_dropdown(value="tanh", options=ACTIVATIONS, description="activation"):
    return widgets.Dropdown(options=list(options), value=value, description=description,
                            style=_STYLE)


def regularization_dropdown(value="none", description="regularization"):
    return widgets.Dropdown(options=list(REGULARIZATIONS), value=value,
                            description=description, style=_STYLE)


def render_png(fig):
    """The figure as PNG bytes, drawn once.

    The inline backend would save with bbox_inches="tight", which draws the figure twice
    (once to measure, once to save); explorers lay their figures out themselves, so one
    draw is enough and a control change answers about twice as fast."""
    buffer = io.BytesIO()
    # Light compression: a few percent larger, about 20 ms faster, and it never leaves
    # the machine (kernel to browser).
    fig.savefig(buffer, format="png", pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


class RenderedOnce:
    """A figure that displays as a PNG drawn once (see `render_png`); everything else
    (axes, savefig, ...) is the figure's own, so tests can inspect what was shown."""

    def __init__(self, figure):
        self.figure = figure

    def _repr_png_(self):
        return render_png(self.figure)

    def __getattr__(self, name):
        return getattr(self.figure, name)

    def __repr__(self):
        width, height = self.figure.get_size_inches() * self.figure.dpi
        return f"<Figure {width:.0f}x{height:.0f}>"


def show_figure(fig):
    """Display a figure inside a widget's output area (drawn once), then close it."""
    display(RenderedOnce(fig))
    plt.close(fig)


def explorer(figure_function, controls, css_class):
    """`interactive` widget calling `figure_function(**control values)` on each change.

    `css_class` is added to the widget (a stable hook for browser tests)."""
    def update(**values):
        show_figure(figure_function(**values))

    widget = widgets.interactive(update, **controls)
    widget.add_class(css_class)
    return widget
