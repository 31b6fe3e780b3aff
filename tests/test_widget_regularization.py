"""The regularization explorer: the pure figure function for every control value, what the
penalties do to the trained model, and the widget driven without a browser."""

import io
import warnings

import matplotlib

matplotlib.use("Agg")  # headless; set before pyplot is imported by the widget module

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from widget_helpers import record_displays, same_picture  # noqa: E402

from backprop import BCEWithLogitsLoss, evaluate  # noqa: E402
from backprop.widgets import controls  # noqa: E402
from backprop.widgets import regularization as widget  # noqa: E402

COMBINATIONS = [(kind, rate) for kind in controls.REGULARIZATIONS
                for rate in controls.REGULARIZATION_RATES]


def png(fig):
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def largest_weight(kind, rate):
    return np.abs(widget._weights(widget.training_run(kind, rate)[0])).max()


@pytest.mark.parametrize("kind, rate", COMBINATIONS)
def test_figure_for_every_setting_has_three_filled_panels_without_warnings(kind, rate):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning (matplotlib, numpy) fails the test
        fig = widget.regularization_figure(kind, rate)
        data = png(fig)
    assert data.startswith(b"\x89PNG")
    ax_boundary, ax_loss, ax_weights, ax_colorbar = fig.axes
    assert ax_colorbar.get_ylabel() == "P(class 1)"
    history = widget.training_run(kind, rate)[1]
    assert not history.diverged and history.epochs == widget.SETTINGS["epochs"]
    assert ax_boundary.get_title().endswith(f"validation accuracy {history.val_accuracy[-1]:.0%}")
    strength = {"L1": f"L1, λ₁ = {rate:g}", "L2": f"L2, λ₂ = {rate:g}"}.get(kind, "no regularization")
    assert ax_boundary.get_title().startswith(strength if rate else "no regularization")  # lesson 10
    assert len(ax_boundary.collections) >= 3  # filled background + training and test points
    train, test = ax_loss.lines[:2]
    assert np.allclose(train.get_ydata(), history.loss)
    assert np.allclose(test.get_ydata(), history.val_loss)
    assert ax_loss.get_title().startswith(
        f"loss: train {history.loss[-1]:.3f}, validation {history.val_loss[-1]:.3f}")
    assert [t.get_text() for t in ax_loss.texts] == ["train", "validation"]
    counts = sum(patch.get_data().values.sum() for patch in ax_weights.patches)
    assert counts == widget._weights(widget.training_run(kind, rate)[0]).size  # every weight
    assert ax_weights.get_title().startswith("weights: max |W| ")
    plt.close(fig)


def test_without_regularization_the_model_overfits():
    history = widget.training_run("none", 0)[1]
    assert history.loss[-1] < 0.05 and history.accuracy[-1] == 1.0  # learnt by heart
    assert history.val_loss[-1] > 3 * min(history.val_loss)          # validation loss climbs again
    assert history.val_loss[-1] - history.loss[-1] > 0.5               # a wide gap (lesson 10: 0.90)


@pytest.mark.parametrize("kind, rate", [("L2", 0.03), ("L1", 0.01)])
def test_a_moderate_penalty_closes_the_gap(kind, rate):
    free, regularized = widget.training_run("none", 0)[1], widget.training_run(kind, rate)[1]
    assert regularized.val_loss[-1] < free.val_loss[-1] / 3
    assert regularized.val_accuracy[-1] > free.val_accuracy[-1]
    assert regularized.loss[-1] > free.loss[-1]  # it fits the training set less closely


def test_l2_shrinks_the_weights_and_l1_zeroes_many():
    assert largest_weight("L2", 0.03) < largest_weight("none", 0) / 2
    near_zero = {kind: np.mean(np.abs(widget._weights(widget.training_run(kind, rate)[0]))
                               < widget.SETTINGS["lr"]) for kind, rate in [("none", 0), ("L1", 0.01)]}
    assert near_zero["none"] < 0.1 and near_zero["L1"] > 0.9


@pytest.mark.parametrize("kind", ["L1", "L2"])
def test_a_penalty_stronger_than_the_data_leaves_every_weight_near_zero(kind):
    fig = widget.regularization_figure(kind, 10)
    assert largest_weight(kind, 10) < widget.COLLAPSED
    assert widget.training_run(kind, 10)[1].accuracy[-1] < 0.65  # one class for every point
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any(t.startswith("the penalty won") for t in texts)
    plt.close(fig)
    fig = widget.regularization_figure(kind, 0.01)
    assert not fig.axes[0].texts  # the explanation is only shown when the penalty won
    plt.close(fig)


def test_rate_zero_or_none_is_the_same_unregularized_run():
    assert widget.training_run("none", 10) is widget.training_run("none", 0)
    assert widget.training_run("L1", 0) is widget.training_run("L2", 0) is widget.training_run("none")
    assert widget.penalty_strengths("l1", 0.3) == (0.3, 0.0)
    assert widget.penalty_strengths("L2", 0.3) == (0.0, 0.3)


def test_figure_is_pure():
    first, second = widget.regularization_figure("L2", 0.1), widget.regularization_figure("L2", 0.1)
    assert png(first) == png(second)
    assert png(first) != png(widget.regularization_figure("L2", 0.01))
    plt.close("all")


def test_bad_settings_get_clear_errors():
    with pytest.raises(ValueError, match="unknown regularization 'L3'; choose one of none, L1, L2"):
        widget.regularization_figure("L3", 0.1)
    with pytest.raises(ValueError, match="rate .* must be a number >= 0, got -0.1"):
        widget.regularization_figure("L2", -0.1)
    with pytest.raises(ValueError, match="must be a number >= 0, got nan"):
        widget.regularization_figure("L1", float("nan"))
    with pytest.raises(ValueError, match="unknown dataset 'moon'"):
        widget.regularization_figure("L2", 0.1, dataset="moon")
    with pytest.raises(ValueError, match="unknown regularization"):
        widget.regularization_explorer("dropout")
    with pytest.raises(TypeError, match="unknown setting.* epoch; the settings are dataset"):
        widget.regularization_figure("L2", 0.1, epoch=10)


def test_explorer_updates_its_output_when_the_controls_change(monkeypatch):
    plt.close("all")
    shown = record_displays(monkeypatch)
    explorer = widget.regularization_explorer()
    dropdown, slider = explorer.children[:2]
    assert "regularization-explorer" in explorer._dom_classes
    assert dropdown.description == "regularization" and list(dropdown.options) == ["none", "L1", "L2"]
    assert slider.description == "regularization rate"
    assert [value for _, value in slider.options] == list(controls.REGULARIZATION_RATES)
    # Drawn up front: one figure without a penalty, one per positive rate for L1 and L2.
    assert len(explorer.figures.drawn) == 1 + 2 * (len(controls.REGULARIZATION_RATES) - 1)
    assert len(shown) == 1 and same_picture(shown[-1], widget.regularization_figure())
    dropdown.value = "L2"  # rate 0: the same model and the same picture
    assert len(shown) == 2 and shown[-1] == shown[0]
    slider.value = 0.03
    assert same_picture(shown[-1], widget.regularization_figure("L2", 0.03))
    dropdown.value = "L1"
    assert same_picture(shown[-1], widget.regularization_figure("L1", 0.03))
    assert len(shown) == 4 and len(set(shown)) == 3
    assert plt.get_fignums() == []  # every drawn figure was closed


def test_explorer_accepts_lower_case_names_and_refuses_rates_off_the_list():
    explorer = widget.regularization_explorer("l2", 0.1, precompute=False)
    assert explorer.children[0].value == "L2"
    with pytest.raises(ValueError, match=r"regularization rate 0.05 is not one of .*0.03, 0.1"):
        widget.regularization_explorer("L2", 0.05, precompute=False)


@pytest.mark.parametrize("kind, rate", COMBINATIONS)
def test_curve_names_stay_inside_the_loss_panel_and_apart(kind, rate):
    # "train" used to sit below its curve's end, on the epoch tick labels; and when the
    # penalty won, the two curves end together and their names must not overlap.
    fig = widget.regularization_figure(kind, rate)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax_loss = fig.axes[1]
    panel = ax_loss.get_window_extent(renderer)
    train, held_out = (text.get_window_extent(renderer) for text in ax_loss.texts)
    for box in (train, held_out):
        assert panel.y0 <= box.y0 and box.y1 <= panel.y1 + 1  # inside, above the tick labels
    assert not train.overlaps(held_out)
    plt.close(fig)


def test_the_boundary_has_a_key_and_the_figure_fits_a_720_pixel_screen():
    fig = widget.regularization_figure("L2", 0.03)
    legend = fig.axes[0].get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == ["training", "validation"]
    width, height = fig.get_size_inches() * fig.dpi
    assert width <= 1280 and height <= 520  # leaves about 200 px for the controls and the browser
    plt.close(fig)


@pytest.mark.parametrize("kind, rate", [("none", 0), ("L2", 0.03), ("L1", 0.01), ("L2", 10)])
def test_curve_names_sit_right_of_every_curve_so_no_line_crosses_them(kind, rate):
    # The names used to sit on the curves' ends and were struck through by the lines.
    fig = widget.regularization_figure(kind, rate)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax_loss = fig.axes[1]
    rightmost = max(ax_loss.transData.transform((line.get_xdata().max(), 0))[0]
                    for line in ax_loss.get_lines())
    panel = ax_loss.get_window_extent(renderer)
    for text in ax_loss.texts:
        box = text.get_window_extent(renderer)
        assert box.x0 > rightmost and box.x1 <= panel.x1 + 1  # in the margin, inside the panel
    plt.close(fig)


def test_the_boundary_has_a_colour_bar_for_p_class_1_from_0_to_1():
    fig = widget.regularization_figure("L2", 0.03)
    colorbars = [ax for ax in fig.axes if ax.get_ylabel() == "P(class 1)"]
    assert len(colorbars) == 1
    ticks = colorbars[0].get_yticks()
    assert ticks.min() == 0 and ticks.max() == 1
    plt.close(fig)


@pytest.mark.parametrize("kind, rate", [("none", 0), ("L1", 0.001), ("L2", 0.003)])
def test_the_boundary_title_ends_before_the_colour_bar(kind, rate):
    fig = widget.regularization_figure(kind, rate)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    title = fig.axes[0].title.get_window_extent(renderer)
    colorbar = fig.axes[3].get_tightbbox(renderer)
    assert not title.overlaps(colorbar)
    plt.close(fig)


def test_best_inside_regions_matches_the_closed_forms():
    # Round bowl (H = I): the best point in the circle is w*/|w*|; in the diamond, for w*
    # far along the first axis, the corner (1, 0).
    found, bowl = widget.best_inside_regions([3.0, 0.4], np.eye(2), n=40_000)
    (_, circle_best), (_, diamond_best) = found.values()
    assert np.allclose(circle_best, np.array([3.0, 0.4]) / np.hypot(3.0, 0.4), atol=1e-3)
    assert np.allclose(diamond_best, [1.0, 0.0], atol=1e-12)
    assert bowl(np.array([3.0, 0.4])) == 0
    fig, best = widget.regions_figure()
    assert len(fig.axes) == 2 and abs(list(best.values())[1][1]) < 1e-12
    plt.close(fig)


def test_boundary_panel_draws_training_validation_points_and_a_colour_bar():
    X_train, X_held, y_train, y_held = widget.overfitting_data()
    fig, ax = plt.subplots()
    widget.boundary_panel(widget.training_run("L2", 0.03)[0], ax, X_train, y_train, X_held[:50],
                          y_held[:50], title="t")
    dots = [c for c in ax.collections if isinstance(c, matplotlib.collections.PathCollection)]
    sizes = [c.get_sizes()[0] for c in dots]
    assert 70 in sizes and 12 in sizes  # training enlarged, validation small
    assert len(fig.axes) == 2 and fig.axes[1].get_ylabel() == "P(class 1)"
    assert ax.get_title() == "t"
    fig2, ax2 = plt.subplots()
    widget.boundary_panel(widget.training_run("none")[0], ax2, X_train, y_train, X_held, y_held,
                          colorbar=False)
    assert len(fig2.axes) == 1
    plt.close("all")


def test_weight_histograms_count_every_weight_on_shared_symmetric_bins():
    rng = np.random.default_rng(0)
    weights = {"a": rng.normal(size=500), "b": 0.1 * rng.normal(size=(20, 20))}
    fig = widget.weight_histograms(weights, bins=10)
    assert [ax.get_title() for ax in fig.axes] == ["a", "b"]
    limit = max(np.abs(w).max() for w in weights.values())
    for ax, w in zip(fig.axes, weights.values()):
        counts = sum(patch.get_data().values.sum() for patch in ax.patches)
        assert counts == w.size  # every weight in exactly one bin of one colour
        edges = ax.patches[0].get_data().edges
        assert len(edges) == 11 and np.isclose(edges[0], -limit) and np.isclose(edges[-1], limit)
        assert ax.get_yscale() == "log"
    plt.close(fig)


def test_the_explorer_never_sees_the_test_set():
    # Lesson 10 chooses on the validation half of the held-out points and touches the test
    # half once: the explorer's curves and points must come from the validation half only.
    _, X_held, _, y_held = widget.overfitting_data()
    X_val, X_test, y_val, y_test = widget.validation_split(X_held, y_held)
    model, history = widget.training_run("none")
    assert np.isclose(history.val_loss[-1], evaluate(model, BCEWithLogitsLoss(), X_val, y_val)[0])
    assert not np.isclose(history.val_loss[-1], evaluate(model, BCEWithLogitsLoss(), X_test, y_test)[0])
    fig = widget.regularization_figure("none", 0)
    drawn = fig.axes[0].collections[-1].get_offsets()
    plt.close(fig)  # a figure left open would leak into later tests' plt.get_fignums()
    assert len(drawn) == len(X_val) and np.allclose(np.sort(drawn, axis=0), np.sort(X_val, axis=0))


def test_penalty_paths_meet_each_penalty_s_optimality_condition():
    w_star, H = np.array([2.0, 0.45]), np.array([[1.0, 0.3], [0.3, 1.5]])
    lambdas = np.linspace(0, 3, 31)
    paths = widget.penalty_paths(w_star, H, lambdas)
    assert paths["L2"].shape == paths["L1"].shape == (31, 2)
    slope_l2 = (paths["L2"] - w_star) @ H + lambdas[:, None] * paths["L2"]  # gradient of L + lam/2 |w|^2
    assert np.abs(slope_l2).max() < 1e-12
    w = paths["L1"]
    slope = (w - w_star) @ H  # where w_i != 0: slope + lam sign(w_i) = 0; where w_i = 0: |slope| <= lam
    violation = np.where(w != 0, np.abs(slope + lambdas[:, None] * np.sign(w)),
                         np.maximum(np.abs(slope) - lambdas[:, None], 0.0))
    assert violation.max() < 1e-9
    assert np.array_equal(w[0], w_star) and np.all(w[-1] == 0) and np.any((w[:, 1] == 0) & (w[:, 0] > 0))
