"""Digit explorer: its figure's content, the widget driven without a browser, and the
errors for bad input."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from widget_helpers import record_displays, same_picture  # noqa: E402

from backprop import MLP  # noqa: E402
from backprop.widgets import digit  # noqa: E402


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(0)
    net = MLP([64, 16, 8, 10], activation="relu", seed=0)
    return net, rng.uniform(size=(12, 64)), rng.integers(0, 10, 12)


def test_the_figure_shows_the_picked_digit(data):
    net, X, y = data
    fig = digit.digit_figure(net, X, y, 3)
    assert fig._suptitle.get_text() == "digit 3"
    assert fig.axes[0].get_title() == f"true {y[3]}, read {net.forward(X[3:4]).argmax()}"
    plt.close(fig)
    fig = digit.digit_figure(net, X, y, 3, steps=5, name="test digit")
    assert fig._suptitle.get_text().startswith("test digit 3, moved 5 steps")
    plt.close(fig)


def test_the_explorer_draws_each_pick(monkeypatch, data):
    net, X, y = data
    shown = record_displays(monkeypatch)
    widget = digit.digit_explorer(net, X, y, choices=[0, 2, 5])
    picker, steps = widget.children[:2]
    assert "digit-explorer" in widget._dom_classes
    assert picker.value == 0 and steps.value == 0 and len(shown) == 1
    scale = max(float(A.max()) for A in digit.digit_pictures.hidden_codes(net, X[[0, 2, 5]]))
    picker.value = 5
    assert same_picture(shown[-1], digit.digit_figure(net, X, y, 5, scale=scale))
    steps.value = 3
    assert same_picture(shown[-1], digit.digit_figure(net, X, y, 5, 3, scale=scale))
    assert len(set(shown)) == 3
    assert not plt.get_fignums(), "the explorer closes the figures it draws"


def test_the_default_choices_include_every_misread_digit(data):
    net, X, y = data
    widget = digit.digit_explorer(net, X, y)
    offered = [value for _, value in widget.children[0].options]
    misread = np.flatnonzero(net.forward(X).argmax(axis=1) != y)
    assert set(misread) <= set(offered) and offered == sorted(offered)


def test_bad_input_is_refused_with_a_reason(data):
    net, X, y = data
    with pytest.raises(ValueError, match=r"\(N, 64\)"):
        digit.digit_explorer(net, X[:, :60], y)
    with pytest.raises(ValueError, match="one label per image"):
        digit.digit_explorer(net, X, y[:-1])
    with pytest.raises(ValueError, match="not digits of X"):
        digit.digit_explorer(net, X, y, choices=[0, 99])
    with pytest.raises(ValueError, match="not one of the choices"):
        digit.digit_explorer(net, X, y, choices=[0, 1], k=4)
    with pytest.raises(ValueError, match="pick a digit"):
        digit.digit_figure(net, X, y, 12)
