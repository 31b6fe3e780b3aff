"""backprop.training_pictures: lesson 08's figures draw what they claim (the layer-2 outputs
give the logit as sum_j w_j a_j + b; one colour per batch choice; the minimum on top)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from backprop import MLP, datasets  # noqa: E402
from backprop import training_pictures as tp  # noqa: E402

X, y = datasets.circle(40, seed=0)


@pytest.fixture(autouse=True)
def no_show(monkeypatch):
    monkeypatch.setattr(plt, "show", lambda: None)
    yield
    plt.close("all")


def test_layer2_outputs_give_the_logit_as_a_weighted_sum():
    model = MLP([2, 8, 8, 1], activation="tanh", seed=0)
    A2 = tp.layer2_outputs(model, X)
    w, b = model.layers[-1].W.data[:, 0], model.layers[-1].b.data[0]
    assert A2.shape == (40, 8) and np.all(np.abs(A2) <= 1)
    assert np.allclose(A2 @ w + b, model.forward(X)[:, 0])


def test_plot_layer2_draws_one_panel_per_unit_and_model():
    models = {
        "a": MLP([2, 8, 8, 1], activation="tanh", seed=0),
        "b": MLP([2, 8, 8, 1], activation="tanh", seed=1),
    }
    tp.plot_layer2(models, X, y)
    fig = plt.gcf()
    assert len(fig.axes) == 16 + 1  # 2 rows of 8 units, one colour bar


def test_methods_have_distinct_colours_and_orders_differ_from_them():
    colours = [s["color"] for s in tp.METHOD_STYLES.values()] + [s["color"] for s in tp.ORDER_STYLES]
    assert len(set(colours)) == 6


def test_plot_paths_draws_the_minimum_on_top():
    def loss(w):
        return float(np.sum((w - [0.5, 1.0]) ** 2))

    path = np.array([[-2.0, -2.5], [-1.0, -1.0], [0.4, 0.9]])
    methods = [("full batch (B = 200)", 200), ("mini-batch (B = 32)", 32), ("SGD (B = 1)", 1)]
    budgets = {"t": {200: 2, 32: 2, 1: 2}}
    paths = {("t", B): path for _, B in methods}
    budgets["u"] = budgets["t"]
    paths.update({("u", B): path for _, B in methods})
    tp.plot_paths(paths, budgets, methods, loss)
    ax = plt.gcf().axes[0]
    star = [line for line in ax.lines if line.get_marker() == "*"][0]
    assert star.get_zorder() > max(line.get_zorder() for line in ax.lines if line is not star)
    assert np.allclose([star.get_xdata()[0], star.get_ydata()[0]], [0.5, 1.0], atol=0.05)


def test_plot_sweep_and_noise_and_step_losses_run():
    grids = {200: np.array([-1.0, 0.0]), 32: np.array([-1.0, 0.0]), 1: np.array([-1.0])}
    scores = {
        (200, 0): np.array([0.6, 0.3]),
        **{(32, o): np.array([0.5, 0.1]) for o in range(3)},
        **{(1, o): np.array([0.05]) for o in range(3)},
    }
    tp.plot_sweep(grids, scores, {"too small": (-1, -1), "valley": (0, 0), "too large": (0, 0)}, N=200)
    assert len(plt.gcf().axes) == 2
    sizes = np.array([1, 10, 100])
    tp.plot_noise(sizes, 1 / sizes, 1 / sizes, 1.0, 0.04, N=200)
    tp.plot_step_losses(np.linspace(0.7, 0.1, 14), [0.6, 0.2], [0.5, 0.15], steps_per_epoch=7)
    assert len(plt.gcf().axes[0].lines) == 3


def test_plot_regime_curves_draws_one_line_per_rate_and_log2():
    tp.plot_regime_curves({"a": [0.7, 0.6], "b": [0.5, 0.1], "c": [3.0, 2.0]})
    lines = plt.gcf().axes[0].lines
    assert len(lines) == 4
    assert len({line.get_color() for line in lines[:3]}) == 3  # one colour per learning rate


def test_methods_are_three_hues_not_two_shades_of_one():
    # SERIES 1, 2 and 5 are all red-purple and 0 and 3 both green: at most one of each family
    indices = [
        next(i for i, s in enumerate(tp.plots.SERIES_STYLES) if s == style)
        for style in tp.METHOD_STYLES.values()
    ]
    families = {0: "green", 3: "green", 1: "red", 2: "red", 5: "red", 4: "olive"}
    assert len({families[i] for i in indices}) == 3


def test_plot_sweep_keeps_the_right_legend_off_the_low_curves():
    grids = {200: np.array([-1.0, 0.0]), 32: np.array([-1.0, 0.0]), 1: np.array([-1.0])}
    scores = {(200, 0): np.array([0.6, 0.3]), **{(32, o): np.array([0.5, 0.1]) for o in range(3)},
              **{(1, o): np.array([0.004]) for o in range(3)}}
    tp.plot_sweep(grids, scores, {"too small": (-1, -1), "valley": (0, 0), "too large": (0, 0)}, N=200)
    left, right = plt.gcf().axes
    assert right.get_legend()._loc == 2  # upper left
    assert left.get_ylim()[0] < 0.004  # a score of 0.004 stays in view


def test_plot_example_gradients_draws_every_arrow_and_zooms_on_the_means():
    rng = np.random.default_rng(0)
    start, example_steps = np.array([-2.0, -2.5]), rng.normal(size=(50, 2))
    batch_steps = np.array([example_steps[i::5].mean(axis=0) for i in range(5)])
    full_step = example_steps.mean(axis=0)
    windows = tp.plot_example_gradients(
        start, example_steps, batch_steps, full_step, loss=lambda w: float(w @ w), batch_size=10
    )
    left, right = plt.gcf().axes[:2]
    assert [len(q.U) for q in left.collections if hasattr(q, "U")] == [50, 5, 1]
    assert [len(q.U) for q in right.collections if hasattr(q, "U")] == [5, 1]
    for low, high in windows:  # each window holds the start and every tip it draws
        tips = start + np.vstack([np.zeros(2), batch_steps, full_step[None]])
        assert np.all(tips >= low) and np.all(tips <= high)
    ends = start + example_steps
    assert np.all(ends >= windows[0][0]) and np.all(ends <= windows[0][1])
    widths = [high[0] - low[0] for low, high in windows]
    assert widths[1] < widths[0]  # the right panel zooms in


def test_plot_hidden_histograms_shares_bins_and_sums_to_one():
    model = MLP([2, 8, 8, 1], activation="tanh", seed=0)
    A1 = model.layers[1].forward(model.layers[0].forward(X))
    A2 = model.layers[3].forward(model.layers[2].forward(A1))
    tp.plot_hidden_histograms({"raw": (A1, A2), "scaled": (A1 / 2, A2 / 2)})
    fig = plt.gcf()
    assert len(fig.axes) == 2
    for ax in fig.axes:
        patches = ax.patches
        assert len(patches) == 2  # one step outline per layer
        colours = {tuple(p.get_edgecolor()) for p in patches}
        assert len(colours) == 2
        xs = [p.get_xy()[:, 0] for p in patches]
        assert np.isclose(xs[0].min(), -1) and np.isclose(xs[0].max(), 1)  # the shared bins span [-1, 1]
        assert np.allclose(np.unique(xs[0]), np.unique(xs[1]))
        assert np.any(np.isclose(xs[0], 0.99)) and np.any(np.isclose(xs[0], -0.99))  # edges at +-0.99


def test_plot_curves_to_read_draws_every_curve_in_its_own_colour():
    curves = {f"run {c}": np.linspace(1, 0.1 * (i + 1), 10) for i, c in enumerate("ABCD")}
    tp.plot_curves_to_read(curves)
    axes = plt.gcf().axes
    assert len(axes) == 2 and axes[0].get_yscale() == "log" and axes[1].get_ylim() == (0.55, 0.75)
    for ax in axes:  # both panels draw every curve, in its own colour
        lines = [line for line in ax.get_lines() if line.get_label().startswith("run")]
        assert [line.get_label() for line in lines] == list(curves)
        assert len({line.get_color() for line in lines}) == 4
        assert all(np.allclose(line.get_ydata(), curves[line.get_label()]) for line in lines)


def test_plot_step_payoff_marks_where_each_line_crosses_zero():
    lrs = np.linspace(0, 2, 81)
    curves = {"B = 8": -lrs + lrs**2, "B = 32": -lrs + 0.6 * lrs**2}
    tp.plot_step_payoff(lrs, curves, {"B = 8": (lrs[::20], curves["B = 8"][::20])}, gain=lrs)
    ax = plt.gcf().axes[0]
    marks = [line.get_xdata()[0] for line in ax.lines if line.get_marker() == "v"]
    assert len(marks) == 2 and abs(marks[0] - 1) < 0.03 and abs(marks[1] - 1 / 0.6) < 0.03
