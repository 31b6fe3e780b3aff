"""backprop.unit_maps: the per-unit pictures and the K-class maps show the values the
network computes (checked against the forward pass), in the course's colours; bad input
gets an error that says what to pass."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.contour import ContourSet  # noqa: E402

from backprop import MLP, plots, softmax, unit_maps  # noqa: E402

CORNERS = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
W1 = np.array([[1.5, -0.8, 0.3], [0.4, 1.1, -1.7]])
b1 = np.array([-0.2, 0.1, 0.5])
W2 = np.array([[0.7, -0.4], [-1.2, 0.9], [0.5, -1.5]])
b2 = np.array([0.1, -0.1])


def forward(points):
    A = np.tanh(points @ W1 + b1)
    return A, softmax(A @ W2 + b2)[:, 1]


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_plane_grid_covers_the_limits():
    g1, g2, points = unit_maps.plane_grid((-1.0, 2.0), 5)
    assert g1.shape == g2.shape == (5, 5) and points.shape == (25, 2)
    assert points.min() == -1.0 and points.max() == 2.0
    assert np.allclose(points[:, 0], g1.ravel()) and np.allclose(points[:, 1], g2.ravel())


def test_unit_maps_labels_each_corner_with_its_value():
    fig = unit_maps.unit_maps(forward, CORNERS, weights=W1)
    panels = [ax for ax in fig.axes if ax.get_title()]
    assert [ax.get_title() for ax in panels] == ["neuron 1: $a_1$", "neuron 2: $a_2$",
                                                 "neuron 3: $a_3$", "output: $p$(class 1)"]
    A, p = forward(CORNERS)
    for j, ax in enumerate(panels):
        written = [t.get_text() for t in ax.texts if t.arrow_patch is None]  # not the arrow
        expected = A[:, j] if j < 3 else p
        assert written == [f"{v:.2f}" for v in expected]
    # one colour bar for the hidden units, one for the output
    assert len(fig.axes) == 6


def test_unit_maps_arrows_point_along_the_weight_columns_and_stay_short():
    fig = unit_maps.unit_maps(forward, CORNERS, weights=5 * W1)  # long columns: arrows still short
    panels = [ax for ax in fig.axes if ax.get_title()][:3]
    centre = CORNERS.mean(axis=0)
    for j, ax in enumerate(panels):
        arrows = [a for a in ax.texts if a.arrow_patch is not None]
        assert len(arrows) == 1
        tip = np.array(arrows[0].xy) - centre
        assert np.isclose(np.linalg.norm(tip), unit_maps.ARROW_LENGTH)
        assert np.allclose(tip / np.linalg.norm(tip), W1[:, j] / np.linalg.norm(W1[:, j]))
        # a plain arrow (a shaft and a small filled head), white on a dark outline
        patch = arrows[0].arrow_patch
        assert type(patch.get_arrowstyle()).__name__ == "CurveFilledB"
        assert [type(e).__name__ for e in patch.get_path_effects()] == ["Stroke", "Normal"]
        # every arrow tip is nearer the centre than any corner dot
        assert np.linalg.norm(tip) < np.linalg.norm(CORNERS - centre, axis=1).min()


def test_unit_maps_without_weights_draws_no_arrows():
    fig = unit_maps.unit_maps(forward, CORNERS)
    assert all(t.arrow_patch is None for ax in fig.axes for t in ax.texts)


def test_unit_maps_rejects_bad_input():
    with pytest.raises(ValueError, match="two columns"):
        unit_maps.unit_maps(forward, np.zeros((4, 3)))
    with pytest.raises(ValueError, match=r"shape \(2, 3\)"):
        unit_maps.unit_maps(forward, CORNERS, weights=W1.T)
    with pytest.raises(TypeError, match="pair"):
        unit_maps.unit_maps(lambda points: forward(points)[0], CORNERS)
    with pytest.raises(ValueError, match="one row"):
        unit_maps.unit_maps(lambda points: forward(points[:-1]), CORNERS)
    with pytest.raises(ValueError, match="low < high"):
        unit_maps.unit_maps(forward, CORNERS, lim=(2.0, -1.0))
    with pytest.raises(ValueError, match="resolution"):
        unit_maps.unit_maps(forward, CORNERS, resolution=1)


def three_blobs():
    rng = np.random.default_rng(0)
    y = np.repeat([0, 1, 2], 10)
    centres = np.array([[0.0, 2.0], [-2.0, -1.0], [2.0, -1.0]])
    return centres[y] + 0.3 * rng.standard_normal((30, 2)), y


def test_class_maps_draws_each_p_k_and_the_argmax_regions():
    X, y = three_blobs()
    model = MLP([2, 3, 3], activation="tanh", seed=0)
    fig = unit_maps.class_maps(lambda points: softmax(model.forward(points)), X, y, lim=(-3, 3),
                               resolution=31)
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    assert titles == ["$p_0$, class 0", "$p_1$, class 1", "$p_2$, class 2", "argmax (prediction)"]
    regions = [ax for ax in fig.axes if ax.get_title() == "argmax (prediction)"][0]
    # the data are drawn once per class, in the class colours of backprop.plots
    colours = [to_hex(c.get_facecolor()[0]) for c in regions.collections if len(c.get_offsets()) == 10]
    assert colours == [to_hex(c) for c in (plots.NEGATIVE, plots.POSITIVE, plots.SERIES[0])]


def test_class_maps_draws_the_argmax_boundary_where_the_prediction_changes():
    X, y = three_blobs()

    def left_or_right(points):  # class 1 right of x_1 = 0.3, class 0 left of it, never class 2
        P = np.zeros((len(points), 3))
        P[np.arange(len(points)), (points[:, 0] > 0.3).astype(int)] = 1.0
        return P

    fig = unit_maps.class_maps(left_or_right, X, y, lim=(-3, 3), resolution=61)  # grid step 0.1
    regions = [ax for ax in fig.axes if ax.get_title() == "argmax (prediction)"][0]
    edges = [c for c in regions.get_children() if isinstance(c, ContourSet)][1:]
    vertices = np.concatenate([p.vertices for c in edges for p in c.get_paths() if len(p.vertices)])
    assert np.all(np.abs(vertices[:, 0] - 0.3) <= 0.1)  # within one grid step of the true edge


def test_class_colors_start_with_the_class_pair_and_refuse_too_many():
    assert unit_maps.class_colors(2) == tuple(plots.CLASS_COLORS)
    with pytest.raises(ValueError, match="classes"):
        unit_maps.class_colors(7)


def test_class_maps_rejects_bad_input():
    X, y = three_blobs()
    uniform = lambda points: np.full((len(points), 3), 1 / 3)  # noqa: E731
    with pytest.raises(ValueError, match="summing to 1"):
        unit_maps.class_maps(lambda points: np.ones((len(points), 3)), X, y)
    with pytest.raises(ValueError, match="classes 0 to 1"):
        unit_maps.class_maps(lambda points: np.full((len(points), 2), 0.5), X, y)
    with pytest.raises(ValueError, match="integer class labels"):
        unit_maps.class_maps(uniform, X, y.astype(float))
    with pytest.raises(ValueError, match="integer class labels"):
        unit_maps.class_maps(uniform, X, y[:-1])
    with pytest.raises(ValueError, match="NaN or inf"):
        unit_maps.class_maps(lambda points: np.full((len(points), 3), np.nan), X, y)


def _line_output(points, weights):
    """p(class 1) of a one-line model: sigmoid(points @ w + c); weights = (w, c)."""
    w, c = weights
    return 1 / (1 + np.exp(-(points @ w + c)))


def test_training_maps_draws_the_loss_and_one_map_per_snapshot():
    shots = {0: (np.array([1.0, 0.0]), -0.5), 5: (np.array([0.0, 2.0]), -1.0)}
    losses = np.linspace(1.0, 0.1, 10)
    fig = unit_maps.training_maps(_line_output, shots, losses, CORNERS, [0, 1, 1, 0])
    curve, *maps = [ax for ax in fig.axes if ax.get_title()]
    assert [ax.get_title() for ax in maps] == ["step 0: p(class 1)", "step 5: p(class 1)"]
    assert curve.get_yscale() == "log" and np.allclose(curve.lines[0].get_ydata(), losses)
    # a dot on the curve at each snapshot's step, at that step's loss
    assert [tuple(line.get_xydata()[0]) for line in curve.lines[1:]] == [(0, 1.0), (5, losses[5])]
    # the 0.5 line of step 5 is x_2 = 0.5 (2 x_2 - 1 = 0)
    half = next(c for c in maps[1].collections if isinstance(c, ContourSet) and c.levels[0] == 0.5)
    assert np.allclose(half.allsegs[0][0][:, 1], 0.5, atol=1e-6)
    # each corner carries its p(class 1) at that step, in the corners' order
    for ax, weights in zip(maps, shots.values()):
        assert [t.get_text() for t in ax.texts] == [f"{v:.2f}" for v in _line_output(CORNERS, weights)]
    plt.close(fig)


def test_training_maps_rejects_bad_input():
    shots = {0: (np.array([1.0, 0.0]), 0.0)}
    with pytest.raises(ValueError, match="labels must be 0/1"):
        unit_maps.training_maps(_line_output, shots, [1.0, 0.5], CORNERS, [0, 1, 2, 0])
    with pytest.raises(ValueError, match="inside the loss curve"):
        unit_maps.training_maps(_line_output, {9: shots[0]}, [1.0, 0.5], CORNERS, [0, 1, 1, 0])


def test_training_maps_draws_a_reference_line_on_the_loss_panel():
    shots = {0: (np.array([1.0, 0.0]), -0.5), 5: (np.array([0.0, 2.0]), -1.0)}
    losses = np.linspace(1.0, 0.1, 10)
    fig = unit_maps.training_maps(_line_output, shots, losses, CORNERS, [0, 1, 1, 0],
                                  reference=(np.log(2), "log 2"))
    curve = [ax for ax in fig.axes if ax.get_title()][0]
    # the curve, one dot per snapshot, then the reference across the whole panel
    assert len(curve.lines) == 1 + len(shots) + 1
    assert np.allclose(curve.lines[-1].get_ydata(), np.log(2))
    assert "log 2" in [t.get_text() for t in curve.texts]
    with pytest.raises(ValueError, match="reference"):
        unit_maps.training_maps(_line_output, shots, losses, CORNERS, [0, 1, 1, 0], reference=np.log(2))
    with pytest.raises(ValueError, match="reference"):
        unit_maps.training_maps(_line_output, shots, losses, CORNERS, [0, 1, 1, 0],
                                reference=(0.0, "zero"))


def test_training_maps_draws_each_hidden_line_where_its_pre_activation_is_zero():
    shots = {0: (np.array([1.0, 0.0]), -0.5), 5: (np.array([0.0, 2.0]), -1.0)}
    losses = np.linspace(1.0, 0.1, 10)
    first_layer = {0: (W1, b1), 5: (2 * W1, b1 - 0.3)}  # one first layer per snapshot, by its w
    def hidden_lines(weights):
        return first_layer[0 if weights[1] == -0.5 else 5]

    fig = unit_maps.training_maps(_line_output, shots, losses, CORNERS, [0, 1, 1, 0],
                                  hidden_lines=hidden_lines)
    maps = [ax for ax in fig.axes if ax.get_title()][1:]
    for ax, (W, b) in zip(maps, first_layer.values()):
        contours = [c for c in ax.collections
                    if isinstance(c, ContourSet) and c.levels.tolist() == [0.0]]
        assert len(contours) == 3
        for j, contour in enumerate(contours):
            assert to_hex(contour.get_edgecolor()[0]) == to_hex(plots.series_style(j)["color"])
            vertices = np.vstack([path.vertices for path in contour.get_paths() if len(path.vertices)])
            assert np.abs(vertices @ W[:, j] + b[j]).max() < 0.05  # on the line z_j = 0
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert labels == ["p = 0.5", "neuron 1's line, $z_1 = 0$", "neuron 2's line, $z_2 = 0$",
                      "neuron 3's line, $z_3 = 0$", "class 0", "class 1"]
    with pytest.raises(ValueError, match="hidden_lines"):
        unit_maps.training_maps(_line_output, shots, losses, CORNERS, [0, 1, 1, 0],
                                hidden_lines=lambda weights: (W1, b1[:2]))
