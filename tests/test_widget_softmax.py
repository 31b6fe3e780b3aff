"""Softmax explorer: probabilities, loss and gradient p - y checked against numpy and a
numerical gradient (float64); the figure and the widget; errors for bad input."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from widget_helpers import record_displays, same_picture  # noqa: E402

from backprop import CrossEntropyLoss, numerical_gradient, rel_error  # noqa: E402
from backprop.widgets import softmax  # noqa: E402


@pytest.mark.parametrize("z, target", [((2.0, 1.0, -1.0), 0), ((-4.0, 4.0, 0.5), 0),
                                       ((0.0, 0.0, 0.0), 2), ((300.0, -300.0, 1.0), 1)])
def test_probabilities_loss_and_gradient(z, target):
    z = np.array(z)
    p, loss, gradient = softmax.softmax_and_gradient(z, target)
    assert np.isclose(p.sum(), 1) and np.all(p >= 0) and np.all(np.isfinite(p))
    assert np.isclose(loss, CrossEntropyLoss().forward(z[None], np.array([target])))
    assert abs(gradient.sum()) < 1e-12
    if np.abs(z).max() < 50:   # the numerical gradient needs a loss that is not saturated
        numerical = numerical_gradient(lambda v: softmax.softmax_and_gradient(v, target)[1], z.copy())
        assert rel_error(gradient, numerical) < 1e-7


def test_adding_a_constant_to_every_logit_changes_nothing():
    p, loss, _ = softmax.softmax_and_gradient(np.array([2.0, 1.0, -1.0]), 0)
    shifted, shifted_loss, _ = softmax.softmax_and_gradient(np.array([4.0, 3.0, 1.0]), 0)
    assert np.allclose(p, shifted) and np.isclose(loss, shifted_loss)


def test_the_figure_shows_the_numbers():
    fig = softmax.softmax_figure(-2.0, 3.5, 0.0, target=0)
    p, loss, gradient = softmax.softmax_and_gradient(np.array([-2.0, 3.5, 0.0]), 0)
    assert f"{loss:.3f}" in fig._suptitle.get_text()
    written = [t.get_text() for t in fig.axes[1].texts]
    assert written == [f"{v:.3f}" for v in p]
    assert [t.get_text() for t in fig.axes[2].texts] == [f"{v:+.3f}" for v in gradient]
    heights = [bar.get_height() for bar in fig.axes[2].patches]
    assert np.allclose(heights, gradient)
    plt.close(fig)


def test_the_explorer_draws_each_change(monkeypatch):
    shown = record_displays(monkeypatch)
    widget = softmax.softmax_explorer(z=(2.1, 1.0, -1.0), target=0)
    z0, z1, z2, target = widget.children[:4]
    assert (z0.value, z1.value, z2.value, target.value) == (2.0, 1.0, -1.0, 0)
    assert "softmax-explorer" in widget._dom_classes
    target.value = 2
    assert same_picture(shown[-1], softmax.softmax_figure(2.0, 1.0, -1.0, 2))
    z2.value = 3.5
    assert same_picture(shown[-1], softmax.softmax_figure(2.0, 1.0, 3.5, 2))
    assert len(set(shown)) == 3
    assert not plt.get_fignums()


def test_bad_input_is_refused_with_a_reason():
    with pytest.raises(ValueError, match="classes count from 0"):
        softmax.softmax_figure(1, 2, 3, target=3)
    with pytest.raises(ValueError, match="exactly 3 logits"):
        softmax.softmax_explorer(z=(1.0, 2.0))
    with pytest.raises(ValueError, match="NaN or inf"):
        softmax.softmax_figure(1, float("inf"), 3)
    with pytest.raises(ValueError, match="outside the slider's range"):
        softmax.controls.float_slider("z0", 9.0, -4.0, 4.0, 0.5)
