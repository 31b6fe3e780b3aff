"""Learning-rate explorer: the pure figure function for every Playground learning rate
(no warnings, divergence flagged and explained, a tiny lr called crawling) and the widget
driven without a browser."""

import warnings
from io import BytesIO

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from widget_helpers import record_displays, same_picture  # noqa: E402

from backprop.widgets import controls  # noqa: E402
from backprop.widgets import learning_rate as lrw  # noqa: E402

LIMIT = 2 / lrw.SURFACE["b"]  # gradient descent on the bowl diverges above 2/b


def texts(fig):
    """Every title and text drawn on the figure, in one string."""
    found = []
    for ax in fig.axes:
        found.append(ax.get_title())
        found.extend(t.get_text() for t in ax.texts)
    return "\n".join(found)


@pytest.fixture(scope="module")
def figures():
    """{lr: text of its figure}, made with warnings turned into errors."""
    made = {}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for lr in controls.LEARNING_RATES:
            fig = lrw.learning_rate_figure(lr=lr)
            assert len(fig.axes) == 2
            for line in fig.axes[1].get_lines():  # the loss curves: never a NaN or inf
                assert np.all(np.isfinite(np.asarray(line.get_ydata(), dtype=float)))
            fig.savefig(BytesIO(), format="png")  # renders without a warning either
            made[lr] = texts(fig)
            plt.close(fig)
    return made


def test_playground_learning_rates():
    assert controls.LEARNING_RATES[0] == 0.00001 and controls.LEARNING_RATES[-1] == 10
    assert len(controls.LEARNING_RATES) == 11


@pytest.mark.parametrize("lr", controls.LEARNING_RATES)
def test_every_learning_rate_draws_and_says_what_happened(figures, lr):
    text = figures[lr]
    assert f"η = {lr:g}" in text
    if lr > LIMIT:
        assert "diverged at step" in text and "lr too large" in text, text
        assert "diverged in epoch" in text, "the network diverges too at this lr"
    else:
        assert "diverged" not in text, text
    if lr <= 0.001:
        assert "crawling" in text and "lr too small" in text, text
    if lr in (0.1, 0.3):
        assert "converged" in text, text


def test_the_figure_is_pure():
    first, second = lrw.learning_rate_figure(lr=0.3), lrw.learning_rate_figure(lr=0.3)
    assert texts(first) == texts(second)
    for a, b in zip(first.axes, second.axes):
        for la, lb in zip(a.get_lines(), b.get_lines()):
            assert (la.get_xydata() == lb.get_xydata()).all()
    plt.close(first)
    plt.close(second)


def test_diverged_network_history_is_finite():
    history = lrw.network_history(10)
    assert history.diverged and all(abs(v) < float("inf") for v in history.loss)


def test_bad_learning_rate_is_refused():
    with pytest.raises(ValueError, match="positive number"):
        lrw.learning_rate_figure(lr=0)
    with pytest.raises(ValueError, match="positive number"):
        lrw.learning_rate_explorer(value=-1)


def test_explorer_responds_to_the_slider(monkeypatch):
    shown = record_displays(monkeypatch)
    widget = lrw.learning_rate_explorer(value=0.03)
    slider = widget.children[0]
    assert slider.description == "learning rate" and slider.value == 0.03
    assert "learning-rate-explorer" in widget._dom_classes
    assert widget.out in widget.children
    assert len(widget.figures.drawn) == len(controls.LEARNING_RATES), "all drawn up front"
    assert len(shown) == 1, "the explorer shows one figure when it is built"
    for lr in (10, 0.00001):
        slider.value = lr
        assert same_picture(shown[-1], lrw.learning_rate_figure(lr=lr))
    assert len(shown) == 3, "each slider move shows one figure"
    assert len(set(shown)) == 3
    assert not plt.get_fignums(), "the explorer closes the figures it draws"


def test_the_noise_floor_is_drawn_at_its_ratio():
    floor = lrw.noise_floor()
    assert 0.005 < floor < 0.015, "about noise² = 0.1²"
    fig = lrw.learning_rate_figure(lr=0.1)
    ratio = floor / lrw.network_initial_loss()
    flat = [line for line in fig.axes[1].get_lines()
            if line.get_label() == "MLP noise floor"]
    assert len(flat) == 1 and np.allclose(flat[0].get_ydata(), ratio)
    # the best network run ends above its floor, within a factor of 10
    assert ratio < lrw.network_history(0.1).loss[-1] / lrw.network_initial_loss() < 10 * ratio
    plt.close(fig)


def test_network_line_follows_its_tangent_and_parabola():
    small = np.array([0.0, 1e-6, 1e-3])
    losses, L0, g2, c = lrw.network_line(small)
    assert np.isclose(L0, lrw.network_initial_loss(), rtol=1e-12) and losses[0] == L0
    assert np.isclose(losses[1], L0 - 1e-6 * g2, rtol=1e-9)   # first order: the tangent
    second = L0 - 1e-3 * g2 + c * 1e-6 / 2                     # second order: the parabola
    assert abs(losses[2] - second) < 1e-3 * abs(losses[2] - (L0 - 1e-3 * g2))
    assert c > 0 and g2 > 0
    # one full step along the line is the first update of full-batch gradient descent
    step, *_ = lrw.network_line([0.22])
    assert np.isclose(step[0], lrw.network_history(0.22).loss[0], rtol=1e-9)
    # the curvature along g is at most lambda_max (about 9.45 at this start, lesson 04)
    assert 0 < c / g2 < 10


def test_a_still_descending_note_never_reads_as_converged():
    # At lr = 0.03 the bowl ends at 0.114 % of L_0, just above the 0.1 % that means "converged": with one
    # significant figure the note printed "0.1%". Two figures keep the two verdicts apart.
    from backprop.descent import descend
    from backprop.surfaces import bowl

    surface = bowl(lrw.SURFACE["a"], lrw.SURFACE["b"], start=lrw.SURFACE["start"])
    run = descend(surface, lr=0.03, steps=100)
    ratio = run.losses[-1] / run.losses[0]
    assert lrw.CONVERGED < ratio < 1.5 * lrw.CONVERGED  # the case the note must tell apart
    text, _ = lrw.verdict(run, surface)
    assert text.startswith("still descending") and "0.11% of L_0" in text, text


def test_the_loss_panel_fits_its_curves():
    """The y range hugs the shown ratios (whole decades, at least MIN_DECADES), never the
    old fixed 16 decades for a run that spans 3, and its ticks read 10ᵏ."""
    assert lrw.ratio_range([1.0, 0.5, 2e-3]) == (1e-3, 10.0)
    assert lrw.ratio_range([1.0, 0.9]) == (1e-2, 10.0)                 # at least 3 decades
    assert lrw.ratio_range([1.0, 1e-30], [3e7]) == lrw.RATIO_LIMITS     # clipped to the limits
    assert lrw.power_of_ten(1e-4) == "10⁻⁴" and lrw.power_of_ten(10.0) == "10¹"
    fig = lrw.learning_rate_figure(lr=0.03)
    ax = fig.axes[1]
    low, high = ax.get_ylim()
    shown = np.concatenate([np.asarray(line.get_ydata(), dtype=float) for line in ax.get_lines()
                            if len(line.get_ydata()) > 2])
    assert low <= shown.min() and shown.max() <= high
    assert np.log10(high / low) <= 5, "a run that spans 3 decades gets a tight axis"
    fig.canvas.draw()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels and all(label.startswith("10") for label in labels), labels
    plt.close(fig)
    fig = lrw.learning_rate_figure(lr=1)  # diverged: the axis reaches up to the stop
    assert fig.axes[1].get_ylim()[1] >= 1e6
    plt.close(fig)


def test_learning_rate_finder_records_the_loss_after_each_update_and_stops_at_the_blow_up():
    lrs = np.logspace(-4, np.log10(3), 300)
    tried, losses, model = lrw.learning_rate_finder(lrs, batch_size=20, seed=0)
    assert len(losses) == len(tried) + 1 and np.array_equal(tried, lrs[:len(tried)])
    assert np.isclose(losses[0], lrw.network_initial_loss(), rtol=1e-12)
    assert losses[-1] > 4 * losses[:-1].min()  # stopped at the first update past 4 times the lowest
    assert np.all(losses[1:-1] <= 4 * np.minimum.accumulate(losses[:-2]))
    # the mini-batch blow-up does not depend on round-off: nudged starts give the same run
    for nudge in (1e-13, 1e-12):
        again = lrw.learning_rate_finder(lrs, batch_size=20, seed=0, nudge=nudge)
        assert np.array_equal(again[0], tried) and np.allclose(again[1], losses, rtol=1e-6)
    # a prefix of the rates replays the same batches: the model after k updates
    k = 100
    _, first_k, _ = lrw.learning_rate_finder(lrs[:k], batch_size=20, seed=0)
    assert np.array_equal(first_k, losses[:k + 1])


def test_learning_rate_finder_full_batch_is_gradient_descent():
    lrs = np.full(5, 0.1)
    _, losses, _ = lrw.learning_rate_finder(lrs, batch_size=None)
    assert np.allclose(losses[1:], lrw.network_history(0.1, epochs=5).loss, rtol=1e-12)
