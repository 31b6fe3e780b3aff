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


def test_a_small_gradient_has_its_size_only_in_the_title(data):
    """The title gives dL/dw to three decimals; the legend gives no second, rounded size
    that could disagree with it (a title of (+0.000, +0.000) beside a legend of 0.0003)."""
    X, y = data
    fig = neuron.neuron_figure(4.0, 4.0, 0.0, X, y)
    loss, dw, _ = neuron.loss_and_gradients(np.array([4.0, 4.0]), 0.0, X, y)
    assert np.hypot(*dw) < 5e-4 and "(+0.000, +0.000)" in fig._suptitle.get_text()
    texts = [t.get_text() for t in fig.axes[1].get_legend().get_texts()]
    assert any("too short to draw" in t for t in texts) and not any("|∂L/∂w|" in t for t in texts)
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


@pytest.fixture(scope="module")
def run(data):
    """A recorded gradient-descent run, as lesson 03 records it: (W (2, 1), b (1,)) per step."""
    X, y = data
    W, b = np.array([[0.4], [-0.6]]), np.zeros(1)
    history = [(W.copy(), b.copy())]
    for _ in range(30):
        _, dw, db = neuron.loss_and_gradients(W[:, 0], b[0], X, y)
        W, b = W - dw[:, None], b - db
        history.append((W.copy(), b.copy()))
    return history


def _weight_dot_and_path(fig):
    weights = fig.axes[1]
    lines = {line.get_label(): line for line in weights.get_lines()}
    dot = next(line for label, line in lines.items() if label.startswith("w: L = "))
    path = [line for label, line in lines.items() if label.startswith("path of w")]
    return dot, path


def test_the_training_figure_shows_step_k_and_the_path_so_far(data, run):
    X, y = data
    fig = neuron.training_figure(run, 5, X, y)
    dot, path = _weight_dot_and_path(fig)
    assert np.allclose(np.ravel(dot.get_data()), run[5][0][:, 0]), "the dot is w after 5 steps"
    walked = np.column_stack(path[0].get_data())
    assert np.allclose(walked, [W[:, 0] for W, _ in run[:6]]), "the path is w(0) ... w(5)"
    loss = neuron.loss_and_gradients(run[5][0][:, 0], run[5][1][0], X, y)[0]
    assert fig._suptitle.get_text().startswith("after 5 steps") and f"L = {loss:.3f}" in \
        fig._suptitle.get_text()
    plt.close(fig)
    fig = neuron.training_figure(run, 0, X, y)
    assert not _weight_dot_and_path(fig)[1], "no path before the first step"
    plt.close(fig)


def test_the_step_slider_moves_the_neuron_along_the_run(monkeypatch, data, run):
    X, y = data
    shown = record_displays(monkeypatch)
    widget = neuron.training_explorer(run, X, y, steps=(0, 1, 5, 30, 500))
    slider = widget.children[0]
    assert [value for _, value in slider.options] == [0, 1, 5, 30], "steps beyond the run dropped"
    assert slider.value == 0 and "neuron-training-explorer" in widget._dom_classes
    assert same_picture(shown[-1], neuron.training_figure(run, 0, X, y))
    slider.value = 30
    assert same_picture(shown[-1], neuron.training_figure(run, 30, X, y))
    assert not same_picture(shown[-1], neuron.training_figure(run, 0, X, y)), "the step changed it"
    slider.value = 5
    assert same_picture(shown[-1], neuron.training_figure(run, 5, X, y))
    assert len(set(shown)) == 3 and not plt.get_fignums()


def test_the_strip_draws_one_plane_per_step(data, run):
    X, y = data
    fig = neuron.training_strip(run, (0, 2, 30), X, y)
    planes = [ax for ax in fig.axes if ax.get_title()]
    assert [ax.get_title().split(":")[0] for ax in planes] == ["after 0 steps", "after 2 steps",
                                                              "after 30 steps"]
    for ax, k in zip(planes, (0, 2, 30)):
        W, b = run[k]
        accuracy = np.mean(((X @ W[:, 0] + b[0]) > 0) == (y == 1))
        assert ax.get_title().endswith(f"accuracy {accuracy:.0%}")
    markers = {collection.get_paths()[0].vertices.shape[0] for collection in planes[0].collections
               if len(collection.get_offsets()) > 0}
    assert len(markers) == 2, "the two classes have different markers"
    plt.close(fig)


def test_the_contour_levels_are_round_and_inside_the_range():
    surface = np.array([[0.0123, 0.4], [0.77, 0.9871]])
    levels = neuron.contour_levels(surface)
    assert len(levels) >= 8 and np.all((levels > 0.0123) & (levels < 0.9871))
    assert np.allclose(levels * 20, np.round(levels * 20)), "multiples of 0.05"


def test_the_diagram_shows_the_example_numbers():
    fig = neuron.neuron_diagram([2.0, -1.0], [0.5, -0.3], 0.1)
    words = " ".join(t.get_text() for t in fig.axes[0].texts) + fig.axes[0].get_title()
    for expected in ("$w_1$ = 0.5", "$w_2$ = -0.3", "b = 0.1", "z = 1.40", "0.802"):
        assert expected in words
    heights = [t.get_position()[1] for t in fig.axes[0].texts if t.get_text().startswith("$x_")]
    assert heights[0] > heights[1], "the first input is drawn on top"
    plt.close(fig)


def test_bad_runs_are_refused_with_a_reason(data, run):
    X, y = data
    with pytest.raises(ValueError, match="history is empty"):
        neuron.training_figure([], 0, X, y)
    with pytest.raises(ValueError, match="two weights and one bias"):
        neuron.training_figure([(np.ones(3), 0.0)], 0, X, y)
    with pytest.raises(ValueError, match="steps 0 to 30"):
        neuron.training_figure(run, 31, X, y)
    with pytest.raises(ValueError, match="none of the steps"):
        neuron.training_explorer(run, X, y, steps=(100, 200))
    with pytest.raises(ValueError, match="not one of the slider's steps"):
        neuron.training_explorer(run, X, y, steps=(0, 5), step=3)
    with pytest.raises(ValueError, match="one weight per input"):
        neuron.neuron_diagram([1.0, 2.0], [1.0], 0.0)


def test_a_gradient_that_rounds_to_zero_prints_without_a_minus_sign():
    assert neuron.signed(-1e-5) == "+0.000"
    assert neuron.signed(-0.0004) == "+0.000"
    assert neuron.signed(-0.0006) == "-0.001"
    assert neuron.signed(0.25) == "+0.250"
    fig = neuron.neuron_figure(1.0, 1.0, -1e-6, np.array([[1.0, 1.0], [-1.0, -1.0]]),
                               np.array([1.0, 0.0]))
    assert "-0.000" not in fig._suptitle.get_text()
    plt.close(fig)


def test_the_explorer_figure_is_short_enough_for_a_1280x720_screen(data):
    X, y = data
    fig = neuron.neuron_figure(0.5, -0.5, 0.0, X, y)
    assert fig.get_size_inches()[1] <= 5.6
    plt.close(fig)


def test_the_plane_marks_the_example_its_z_and_the_line():
    fig = neuron.neuron_plane([2.0, -1.0], [0.5, -0.3], 0.1)
    ax = fig.axes[0]
    legend = " | ".join(t.get_text() for t in ax.get_legend().get_texts())
    assert "x = (2, -1): z = 1.40, a = 0.802" in legend
    assert not [t for t in ax.texts if t.get_text()], "no label on the plane: it would hide a line"
    assert "x_1" in ax.get_title() and "x_2" in ax.get_title()  # subscripts, like the axes
    lines = [line for line in ax.get_lines() if len(line.get_xdata()) == 2]
    assert len(lines) == 2, "the line z = 0 and the dashed line through x"
    # the solid line is z = 0: w . p + b = 0 at both ends; the dashed one has x's z
    for line, level in zip(lines, (0.0, 1.4)):
        ends = np.c_[line.get_xdata(), line.get_ydata()]
        assert np.allclose(ends @ [0.5, -0.3] + 0.1, level)
    plt.close(fig)


def test_the_plane_refuses_a_zero_w_or_a_wrong_length():
    with pytest.raises(ValueError, match="no line"):
        neuron.neuron_plane([2.0, -1.0], [0.0, 0.0], 0.1)
    with pytest.raises(ValueError, match="two of each"):
        neuron.neuron_plane([2.0, -1.0, 3.0], [0.5, -0.3, 1.0], 0.1)


def test_the_walk_draws_every_step_and_an_arrow_per_mark(data, run):
    X, y = data
    fig = neuron.descent_walk(run, X, y, marks=(0, 2))
    ax = fig.axes[0]
    walk = ax.get_lines()[0]
    assert len(walk.get_xdata()) == len(run), "one dot per recorded step"
    assert np.allclose(walk.get_xdata()[-1], np.ravel(run[-1][0])[0])
    assert [t.get_text() for t in ax.texts if t.get_text().startswith("step")] == ["step 0", "step 2"]
    plt.close(fig)
    with pytest.raises(ValueError, match="history holds steps"):
        neuron.descent_walk(run, X, y, marks=(len(run),))


def test_the_loss_is_drawn_as_filled_bands_with_a_colour_bar_from_0_to_1(data):
    """Filled bands (light: low loss) read at a glance where bare contour lines did not;
    the shade means the same L at every setting, so the bar always runs from 0 to 1."""
    from matplotlib.contour import ContourSet
    X, y = data
    fig = neuron.neuron_figure(0.5, -0.5, 0.0, X, y)
    weights = fig.axes[1]
    filled = [c for c in weights.collections if isinstance(c, ContourSet) and c.filled]
    if not filled:  # matplotlib < 3.8 keeps one collection per band
        filled = [c for c in weights.get_children() if isinstance(c, ContourSet) and c.filled]
    assert len(filled) == 1
    levels = filled[0].levels
    assert levels[0] == 0.0 and levels[-1] == 1.0 and 8 <= len(levels) - 2 <= 12
    bars = [ax for ax in fig.axes if ax.get_ylabel() == "mean loss L"]
    assert len(bars) == 1 and bars[0].get_ylim() == (0.0, 1.0)
    assert sum(neuron.LOSS_MAP(0.0)[:3]) > sum(neuron.LOSS_MAP(1.0)[:3]), "light is low loss"
    plt.close(fig)
