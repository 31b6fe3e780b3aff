"""The activation explorer: the pure figure function for every activation, and the widget
driven without a browser (set the dropdown's value, check what it displays)."""

import io
import warnings

import matplotlib

matplotlib.use("Agg")  # headless; set before pyplot is imported by the widget module

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from widget_helpers import record_displays, same_picture  # noqa: E402

from backprop.widgets import activation as widget  # noqa: E402

ACTIVATIONS = ("relu", "tanh", "sigmoid", "linear", "leaky_relu")


def png(fig):
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi="figure")
    return buffer.getvalue()


@pytest.mark.parametrize("name", ACTIVATIONS)
def test_figure_has_three_labelled_panels_without_warnings(name):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning (matplotlib, numpy) fails the test
        fig = widget.activation_figure(name)
        data = png(fig)
    ax_f, ax_train, ax_grad = fig.axes
    assert data.startswith(b"\x89PNG")
    assert ax_f.get_title() == f"{name}: f and its derivative f'"
    assert ax_f.get_xlabel() == "z"
    assert [t.get_text() for t in ax_f.get_legend().get_texts()] == ["f(z)", "f'(z)"]
    assert ax_train.get_title().startswith("training on circle: accuracy ")
    assert (ax_train.get_xlabel(), ax_train.get_yscale()) == ("epoch", "log")
    legend = [t.get_text() for t in ax_train.get_legend().get_texts()]
    assert sorted(legend) == sorted(ACTIVATIONS) and legend[-1] == name  # chosen one drawn last
    assert ax_grad.get_title().startswith("gradient norm per layer at initialisation")
    assert ax_grad.get_yscale() == "log" and ax_grad.get_ylim() == pytest.approx(widget.GRADIENT_LIMITS)
    assert len(ax_grad.patches) == 9  # 8 hidden layers + the output layer: 9 weight matrices
    plt.close(fig)


def test_chosen_activation_curves_are_its_own():
    fig = widget.activation_figure("relu")
    ax_f, ax_train, ax_grad = fig.axes
    z = np.linspace(-5, 5, 401)
    assert np.allclose(ax_f.lines[0].get_ydata(), np.maximum(z, 0))
    assert np.allclose(ax_train.lines[-1].get_ydata(), widget.training_history("relu").loss)
    heights = [bar.get_height() for bar in ax_grad.patches]
    assert np.allclose(heights, list(widget.deep_gradient_norms("relu").values()))
    plt.close(fig)


def test_sigmoid_gradients_vanish_and_tanh_gradients_do_not():
    sigmoid = list(widget.deep_gradient_norms("sigmoid").values())
    tanh = list(widget.deep_gradient_norms("tanh").values())
    assert sigmoid[0] / sigmoid[-1] < 1e-4   # first layer 10,000x smaller than the last
    assert 0.1 < tanh[0] / tanh[-1] < 10     # about the same size through the depth


def test_training_separates_activations():
    assert widget.training_history("relu").accuracy[-1] == 1.0
    assert widget.training_history("linear").accuracy[-1] < 0.7  # a line cannot fit a circle


def test_figure_is_pure():
    first, second = widget.activation_figure("tanh"), widget.activation_figure("tanh")
    for a, b in zip(first.axes, second.axes):
        for line_a, line_b in zip(a.lines, b.lines):
            assert np.array_equal(line_a.get_ydata(), line_b.get_ydata())
    assert png(first) == png(second)
    plt.close("all")


def test_bad_settings_get_clear_errors():
    with pytest.raises(ValueError, match="unknown activation 'swish'; choose one of relu"):
        widget.activation_figure("swish")
    with pytest.raises(ValueError, match="unknown dataset 'moon'"):
        widget.activation_figure("tanh", dataset="moon")


def test_explorer_updates_its_output_when_the_dropdown_changes(monkeypatch):
    plt.close("all")
    shown = record_displays(monkeypatch)
    explorer = widget.activation_explorer()
    dropdown = explorer.children[0]
    assert "activation-explorer" in explorer._dom_classes
    assert dropdown.description == "activation" and list(dropdown.options) == list(ACTIVATIONS)
    assert len(explorer.figures.drawn) == len(ACTIVATIONS), "every activation drawn up front"
    assert dropdown.value == "tanh" and len(shown) == 1
    dropdown.value = "sigmoid"
    assert len(shown) == 2 and shown[-1] != shown[-2]
    # What it shows is, pixel for pixel, the pure function's figure for that activation.
    for name, image in (("tanh", shown[-2]), ("sigmoid", shown[-1])):
        assert same_picture(image, widget.activation_figure(name))
    assert plt.get_fignums() == []  # every drawn figure was closed


def test_explorer_rejects_bad_settings_before_building():
    with pytest.raises(ValueError, match="unknown activation 'softmax'"):
        widget.activation_explorer(value="softmax")
