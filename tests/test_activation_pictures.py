"""backprop.activation_pictures: the per-layer measures of lesson 07 are what they claim
(dW_l, Z_l, A_l from one pass; saturated and inactive shares; update-to-data ratios; the
deep net's weight range), and its pictures draw one panel per unit."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from backprop import MLP, Linear, ReLU, Sigmoid, Tanh, datasets  # noqa: E402
from backprop import activation_pictures as ap  # noqa: E402

X, y = datasets.circle(40, seed=0)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_walk_returns_dW_and_Z_A_dZ_per_layer():
    net = MLP([2, 4, 4, 1], activation="tanh", seed=0)
    linear, act = ap.walk(net, X, y)
    assert len(linear) == 3 and len(act) == 2
    W1 = net.layers[0].W.data
    np.testing.assert_allclose(act[0].input, X @ W1 + net.layers[0].b.data)
    np.testing.assert_allclose(act[0].output, np.tanh(act[0].input))
    np.testing.assert_allclose(linear[0].grads["W"], X.T @ act[0].grad_input)   # dW_1 = X^T dZ_1


def test_deep_net_weights_lie_in_the_limit():
    net = ap.deep_net(Sigmoid, 2.0, sizes=(2, 16, 16, 1))
    linears = [layer for layer in net.layers if isinstance(layer, Linear)]
    assert len(linears) == 3 and isinstance(net.layers[1], Sigmoid)
    assert isinstance(net.layers[-1], Linear)
    assert all(np.abs(layer.W.data).max() <= 2.0 for layer in linears)
    assert max(np.abs(layer.W.data).max() for layer in linears) > 1.5


def test_off_share_counts_saturated_and_inactive_entries():
    class Record:
        def __init__(self, Z, A):
            self.input, self.output = Z, A
    Z = np.array([[-5.0, -0.1, 0.5, 5.0]])
    assert ap.off_share(Record(Z, np.tanh(Z)), "tanh") == 0.5
    sig = 1 / (1 + np.exp(-Z))
    assert ap.off_share(Record(Z, sig), "sigmoid") == 0.5
    assert ap.off_share(Record(Z, np.maximum(Z, 0)), "relu") == 0.5
    with pytest.raises(ValueError, match="kind"):
        ap.off_share(Record(Z, Z), "gelu")


def test_layer_colour_pales_from_base_to_output():
    assert ap.layer_colour(0, "#0000ff") == (0.0, 0.0, 1.0)
    np.testing.assert_allclose(ap.layer_colour(8, "#0000ff"), (0.6, 0.6, 1.0))


def test_update_ratios_match_a_fresh_full_batch_gradient():
    from backprop import BCEWithLogitsLoss
    from backprop.training import compute_gradients
    net = MLP([2, 4, 1], activation="relu", seed=0)
    start = [layer.W.data.copy() for layer in net.layers if isinstance(layer, Linear)]
    ratios, moved, history = ap.update_ratios(net, X, y, lr=0.1, epochs=3)
    assert ratios.shape == (3, 2) and moved.shape == (2,) and len(history.loss) == 3
    compute_gradients(net, BCEWithLogitsLoss(), X, y)
    linears = [layer for layer in net.layers if isinstance(layer, Linear)]
    expected = [0.1 * np.linalg.norm(m.W.grad) / np.linalg.norm(m.W.data) for m in linears]
    np.testing.assert_allclose(ratios[-1], expected)
    expected = [np.linalg.norm(m.W.data - s) / np.linalg.norm(s) for m, s in zip(linears, start)]
    np.testing.assert_allclose(moved, expected)
    assert np.all(moved > 0)


def test_histogram_column_and_unit_maps_draw():
    records = ap.walk(ap.deep_net(Tanh, 1.0), X, y)[1]
    fig, (top, bottom) = plt.subplots(2)
    ap.histogram_column(top, bottom, "tanh", "tanh", records)
    assert len(top.patches) == 3 and len(bottom.patches) == 3
    net = MLP([2, 3, 3, 1], activation="relu", seed=0)
    fig, rows = plt.subplots(2, 3)
    image = ap.unit_map_rows(net, rows, np.linspace(-2, 2, 11), points=X)
    assert image.get_array().max() == pytest.approx(1.0) and rows[1, 2].get_title() == "unit 3"
    assert isinstance(net.layers[1], ReLU)


def test_per_layer_plot_numbers_layers_from_one():
    fig, ax = plt.subplots()
    ap.per_layer_plot(ax, {"a": ([1.0, 0.1, 0.01], {"color": "k"}), "b": ([1.0, 2.0, 4.0], {})},
                      "norm", "title")
    lines = ax.get_lines()
    assert len(lines) == 2 and list(lines[0].get_xdata()) == [1, 2, 3]
    assert ax.get_yscale() == "log" and [t.get_text() for t in ax.get_legend().get_texts()] == ["a", "b"]


def test_update_ratio_panels_draw_each_layer_and_a_legend_per_panel():
    fig, axes = plt.subplots(1, 2)
    r = np.full((12, 4), 1e-3) * np.arange(1, 5)
    ap.update_ratio_panels(axes, {"one": r, "two": r / 10}, layers=[0, 3])
    for ax in axes:
        assert len(ax.get_legend().get_texts()) == 2 and ax.get_yscale() == "log"
        np.testing.assert_allclose(ax.get_lines()[1].get_ydata(), r[:, 3] / (1 if ax is axes[0] else 10))
    colours = {line.get_color() for line in axes[0].get_lines()[:2]}
    assert len(colours) == 2


def test_active_panels_show_a_dead_unit_as_a_white_column():
    fig, axes = plt.subplots(1, 1, squeeze=False)
    active = np.array([[True, False], [False, False], [True, False]])
    ap.active_panels(axes[0], [active], ["t"], order=np.array([2, 1, 0]))
    image = axes[0, 0].get_images()[0]
    np.testing.assert_array_equal(image.get_array(), active[[2, 1, 0]])
    assert axes[0, 0].get_title() == "t" and axes[0, 0].get_xticklabels()[1].get_text() == "2"


def test_active_panels_mark_the_class_split():
    fig, axes = plt.subplots(1, 1, squeeze=False)
    ap.active_panels(axes[0], [np.ones((5, 2), bool)], ["t"], split=3)
    assert [label.get_text() for label in axes[0, 0].get_yticklabels()] == ["class 0", "class 1"]
    assert axes[0, 0].get_lines()[0].get_ydata()[0] == 2.5
