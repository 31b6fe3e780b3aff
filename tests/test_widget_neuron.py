"""Neuron explorer: its gradients against numerical ones (float64), its figure's content,
the widget driven without a browser, and the errors for bad input."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from widget_helpers import record_displays, same_picture  # noqa: E402

from backprop import datasets, numerical_gradient, rel_error  # noqa: E402
from backprop.widgets import neuron  # noqa: E402


@pytest.fixture(scope="module")
def data():
    X, y = datasets.gauss(n=100, seed=0)
    return X / 2, y   # lesson 03's halved clouds


@pytest.mark.parametrize("w, b", [((0.5, -0.3), 0.1), ((-3.0, 2.5), -2.0), ((4.0, 4.0), 3.0)])
def test_gradients_match_numerical_ones(data, w, b):
    X, y = data
    w = np.array(w)
    loss, dw, db = neuron.loss_and_gradients(w, b, X, y)
    numerical_w = numerical_gradient(lambda v: neuron.loss_and_gradients(v, b, X, y)[0], w.copy())
    numerical_b = numerical_gradient(lambda v: neuron.loss_and_gradients(w, v[0], X, y)[0],
                                     np.array([b]))
    assert rel_error(dw, numerical_w) < 1e-7 and rel_error(np.array([db]), numerical_b) < 1e-7
    assert np.isclose(loss, np.mean((1 / (1 + np.exp(-(X @ w + b))) - y) ** 2))


def test_the_loss_surface_is_the_loss(data):
    X, y = data
    w1s, w2s = np.array([-1.0, 0.0, 2.0]), np.array([0.5, -3.0])
    surface = neuron.loss_surface(0.25, X, y, w1s, w2s)
    assert surface.shape == (2, 3)
    for row, w2 in enumerate(w2s):
        for column, w1 in enumerate(w1s):
            expected = neuron.loss_and_gradients(np.array([w1, w2]), 0.25, X, y)[0]
            assert np.isclose(surface[row, column], expected, rtol=1e-12)


def test_the_figure_shows_the_setting_and_the_downhill_arrow(data):
    X, y = data
    fig = neuron.neuron_figure(-1.0, 0.5, 1.0, X, y)
    loss, dw, db = neuron.loss_and_gradients(np.array([-1.0, 0.5]), 1.0, X, y)
    title = fig._suptitle.get_text()
    assert f"L = {loss:.3f}" in title and f"∂L/∂b = {db:+.3f}" in title
    plane, weights = fig.axes[0], fig.axes[1]
    accuracy = np.mean(((X @ np.array([-1.0, 0.5]) + 1.0) > 0) == (y == 1))
    assert f"accuracy {accuracy:.0%}" in plane.get_title()
    arrows = [a for a in weights.texts if hasattr(a, "arrow_patch") and a.arrow_patch is not None]
    assert len(arrows) == 1
    start, end = np.array(arrows[0].xyann), np.array(arrows[0].xy)
    assert np.allclose(end - start, -neuron.ARROW_SCALE * dw), "the arrow is -dL/dw, scaled"
    # downhill: a small step along the arrow lowers the loss
    step = 1e-3 * (end - start) / np.linalg.norm(end - start)
    assert neuron.loss_and_gradients(start + step, 1.0, X, y)[0] < loss
    plt.close(fig)


def test_a_vanishing_gradient_gets_no_arrow_but_a_legend_that_says_so(data):
    """Where |dL/dw| is tiny (a saturated neuron, or one that already fits) an arrow
    would be all head; the legend says the gradient is about 0 instead."""
    X, y = data
    fig = neuron.neuron_figure(4.0, 4.0, 0.0, X, y)
    weights = fig.axes[1]
    assert not [a for a in weights.texts if getattr(a, "arrow_patch", None) is not None]
    assert any("≈ 0" in t.get_text() for t in weights.get_legend().get_texts())
    plt.close(fig)


def test_the_explorer_draws_each_slider_move(monkeypatch, data):
    X, y = data
    shown = record_displays(monkeypatch)
    widget = neuron.neuron_explorer(X, y, w=(0.31, -0.7), b=0.1)
    w1, w2, b = widget.children[:3]
    assert (w1.value, w2.value, b.value) == (0.25, -0.75, 0.0), "rounded to the 0.25 steps"
    assert "neuron-explorer" in widget._dom_classes
    assert len(shown) == 1 and len(widget.figures.drawn) == 1, "nothing drawn in advance"
    w2.value = 1.5
    assert same_picture(shown[-1], neuron.neuron_figure(0.25, 1.5, 0.0, X, y))
    b.value = -2.0
    assert same_picture(shown[-1], neuron.neuron_figure(0.25, 1.5, -2.0, X, y))
    assert len(set(shown)) == 3
    assert not plt.get_fignums(), "the explorer closes the figures it draws"


def test_bad_input_is_refused_with_a_reason(data):
    X, y = data
    with pytest.raises(ValueError, match="two input features"):
        neuron.neuron_figure(1, 1, 0, np.hstack([X, X[:, :1]]), y)
    with pytest.raises(ValueError, match="one label per point"):
        neuron.neuron_explorer(X, y[:-1])
    with pytest.raises(ValueError, match="labels 0 and 1"):
        neuron.neuron_figure(1, 1, 0, X, y + 1)
    with pytest.raises(ValueError, match="NaN or inf"):
        neuron.neuron_figure(float("nan"), 1, 0, X, y)
    with pytest.raises(ValueError, match="two weights"):
        neuron.neuron_explorer(X, y, w=(1.0, 2.0, 3.0))
