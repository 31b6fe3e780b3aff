"""Nudge explorer: its nudges against the chain rule and the true moves, the figure's
arrows and circles, the widget driven without a browser, and the errors for bad input."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from widget_helpers import record_displays, same_picture  # noqa: E402

from backprop import numerical_gradient, rel_error  # noqa: E402
from backprop.widgets import nudge  # noqa: E402


@pytest.mark.parametrize("x", [-1.7, 0.3, 1.4])
def test_the_nudges_are_the_chain_rule_and_the_gaps_shrink_like_dx_squared(x):
    n = nudge.nudges(x, 1e-3)
    slope = numerical_gradient(lambda a: np.sin(a[0] ** 2 + 1), np.array([x]))[0]
    assert rel_error(n["dy"] / 1e-3, slope) < 1e-8, "dy = dy/du du/dx dx"
    assert np.isclose(n["true_du"], (x + 1e-3) ** 2 - x ** 2, rtol=1e-9)
    # halving dx quarters the u gap exactly (it is dx^2) and the y gap nearly
    gaps = [nudge.nudges(x, dx) for dx in (0.02, 0.01)]
    u_ratio = (gaps[0]["true_du"] - gaps[0]["du"]) / (gaps[1]["true_du"] - gaps[1]["du"])
    y_ratio = (gaps[0]["true_dy"] - gaps[0]["dy"]) / (gaps[1]["true_dy"] - gaps[1]["dy"])
    assert abs(u_ratio - 4) < 1e-6 and 3.5 < y_ratio < 4.5


def test_the_figure_draws_each_nudge_from_zero_and_the_true_values():
    fig = nudge.nudge_figure(1.4, 0.15)
    n = nudge.nudges(1.4, 0.15)
    ax = fig.axes[0]
    arrows = [a for a in ax.texts if getattr(a, "arrow_patch", None) is not None]
    solid = sorted((a for a in arrows if a.xyann[0] == 0 and a.xy[1] == a.xyann[1]),
                   key=lambda a: -a.xy[1])
    assert [a.xy[0] for a in solid] == pytest.approx([0.15, n["du"], n["dy"]])
    circles = [line for line in ax.lines if line.get_markerfacecolor() == "none"]
    assert sorted(float(c.get_xdata()[0]) for c in circles) == pytest.approx(
        sorted([n["true_du"], n["true_dy"]]))
    assert "dx = 0.15" in ax.get_title()
    key = ax.get_legend().get_texts()[0].get_text()
    assert f"$\\Delta u$ = {n['true_du']:.3g}" in key and f"{n['true_dy']:.3g}" in key
    assert f"$|\\Delta u - du|$ {abs(n['true_du'] - n['du']):.2g}" in ax.get_title()
    plt.close(fig)


def test_another_chain_can_be_drawn():
    n = nudge.nudges(1.4, 0.15, inner=lambda x: 3 * x, inner_slope=lambda x: 3.0)
    assert n["du"] == pytest.approx(0.45) and n["true_du"] == pytest.approx(0.45)
    assert n["dy"] == pytest.approx(np.cos(4.2) * 0.45)
    plt.close(nudge.nudge_figure(1.4, 0.15, inner=lambda x: 3 * x, inner_slope=lambda x: 3.0))


def test_the_explorer_draws_each_slider_move(monkeypatch):
    shown = record_displays(monkeypatch)
    widget = nudge.nudge_explorer(x=1.42, dx=0.153)
    x, dx = widget.children[:2]
    assert (x.value, dx.value) == pytest.approx((1.4, 0.15)), "rounded to the slider steps"
    assert "nudge-explorer" in widget._dom_classes
    assert len(shown) == 1 and len(widget.figures.drawn) == 1, "nothing drawn in advance"
    dx.value = 0.3
    assert same_picture(shown[-1], nudge.nudge_figure(1.4, 0.3))
    x.value = -0.5
    assert same_picture(shown[-1], nudge.nudge_figure(-0.5, 0.3))
    assert len(set(shown)) == 3
    assert not plt.get_fignums(), "the explorer closes the figures it draws"


def test_the_explorer_starts_where_every_smaller_dx_closes_both_gaps():
    # the default start: each step down the slider shrinks both gaps (from 0.3 it did not)
    widget = nudge.nudge_explorer()
    assert widget.children[1].value == pytest.approx(0.2)
    gaps = []
    for dx in (0.2, 0.1, 0.05):
        n = nudge.nudges(1.4, dx)
        gaps.append((abs(n["true_du"] - n["du"]), abs(n["true_dy"] - n["dy"])))
    assert all(a > b for earlier, later in zip(gaps, gaps[1:]) for a, b in zip(earlier, later))
    n3, n2 = nudge.nudges(1.4, 0.3), nudge.nudges(1.4, 0.2)
    assert abs(n3["true_dy"] - n3["dy"]) < abs(n2["true_dy"] - n2["dy"]), \
        "the reason for the start: from 0.3 to 0.2 the y gap grows"


def test_the_explorer_draws_the_chain_it_is_given(monkeypatch):
    shown = record_displays(monkeypatch)
    chain = {"inner": lambda x: 3 * x, "inner_slope": lambda x: 3.0}
    widget = nudge.nudge_explorer(x=1.4, dx=0.15, **chain)
    assert same_picture(shown[-1], nudge.nudge_figure(1.4, 0.15, **chain))
    assert not same_picture(shown[-1], nudge.nudge_figure(1.4, 0.15)), "not the default chain"
    widget.children[1].value = 0.1
    assert same_picture(shown[-1], nudge.nudge_figure(1.4, 0.1, **chain))
    with pytest.raises(TypeError, match="function of one number"):
        nudge.nudge_explorer(inner_slope=3)


def test_bad_input_is_refused_with_a_reason():
    with pytest.raises(ValueError, match="no nudge"):
        nudge.nudges(1.0, 0)
    with pytest.raises(ValueError, match="finite"):
        nudge.nudge_figure(float("nan"), 0.1)
    with pytest.raises(TypeError, match="must be a number"):
        nudge.nudge_explorer(x="one")
    with pytest.raises(TypeError, match="function of one number"):
        nudge.nudges(1.0, 0.1, inner=3)
    with pytest.raises(ValueError, match="outside the explorer's range"):
        nudge.nudge_explorer(dx=5.0)   # not silently rounded onto the slider


def test_each_link_factor_sits_on_its_connector_and_clear_of_the_nudges():
    # the factor "× dy/du" once stood beside its dashed connector, and the connector ran
    # through the text; now it is centred on the connector in an opaque box
    for x, dx in [(1.4, 0.15), (0.75, 0.2), (-1.7, 0.05)]:
        fig = nudge.nudge_figure(x, dx)
        fig.canvas.draw()
        ax = fig.axes[0]
        renderer = fig.canvas.get_renderer()
        factors = [t for t in ax.texts if t.get_text().startswith("×")]
        assert len(factors) == 2
        connectors = [a for a in ax.texts if getattr(a, "arrow_patch", None) is not None
                      and a.xy[1] != a.xyann[1]]
        labels = [t for t in ax.texts if t.get_text().startswith(("dx =", "du =", "dy ="))]
        for factor, connector in zip(factors, sorted(connectors, key=lambda a: -a.xy[1])):
            mid = ((connector.xy[0] + connector.xyann[0]) / 2,
                   (connector.xy[1] + connector.xyann[1]) / 2)
            assert factor.get_position() == pytest.approx(mid)
            assert factor.get_bbox_patch() is not None
            assert factor.get_bbox_patch().get_facecolor()[:3] == (1.0, 1.0, 1.0)
            assert factor.get_zorder() > connector.get_zorder()
            box = factor.get_window_extent(renderer)
            assert not any(box.overlaps(label.get_window_extent(renderer)) for label in labels)
        plt.close(fig)
