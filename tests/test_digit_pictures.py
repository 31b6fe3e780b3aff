"""Lesson 11's figure helpers: the input gradient against a numerical one, the nudge going
downhill, the code map against the covariance's eigenvectors, the pictures' content, and
the errors for bad input."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from backprop import MLP, CrossEntropyLoss, numerical_gradient, rel_error, softmax  # noqa: E402
from backprop import digit_pictures as dp  # noqa: E402


@pytest.fixture(scope="module")
def net():
    return MLP([64, 16, 8, 10], activation="relu", seed=0)


@pytest.fixture(scope="module")
def images():
    return np.random.default_rng(0).uniform(size=(6, 64))


def test_input_gradient_is_the_numerical_one(net, images):
    loss = CrossEntropyLoss()
    for label, image in zip((3, 7), images[:2]):
        numeric = numerical_gradient(
            lambda x, label=label: loss.forward(net.forward(x[None, :]), np.array([label])),
            image.copy())
        assert rel_error(dp.input_gradient(net, image, label), numeric) < 1e-6


def test_hidden_codes_are_the_relu_layers(net, images):
    A1, A2 = dp.hidden_codes(net, images)
    W1, b1 = net.layers[0].W.data, net.layers[0].b.data
    assert np.allclose(A1, np.maximum(images @ W1 + b1, 0)) and A2.shape == (6, 8)
    assert np.allclose(A2 @ net.layers[4].W.data + net.layers[4].b.data, net.forward(images))


def test_nudging_raises_the_true_labels_probability(net, images):
    image, label = images[0], 5
    before = softmax(net.forward(image[None, :]))[0, label]
    moved = dp.nudged(net, image, label, steps=5)
    after = softmax(net.forward(moved[None, :]))[0, label]
    assert after > before
    assert np.all((0 <= moved) & (moved <= 1)) and np.abs(moved - image).max() <= 5 * 0.05 + 1e-12
    assert np.array_equal(dp.nudged(net, image, label, steps=0), image)


def test_nudge_until_flip_stops_at_the_first_changed_answer(net, images):
    image, start = images[1], net.forward(images[1][None, :]).argmax()
    moved, steps = dp.nudge_until_flip(net, image, start, +1)  # up the loss of the answer given
    assert net.forward(moved[None, :]).argmax() != start and 1 <= steps <= 40
    assert np.abs(moved - image).max() <= steps * 0.05 + 1e-12 and np.all((0 <= moved) & (moved <= 1))
    if steps > 1:  # one step fewer had not flipped it yet
        before, _ = dp.nudge_until_flip(net, image, start, +1, most=steps - 1)
        assert net.forward(before[None, :]).argmax() == start
    with pytest.raises(ValueError, match="direction"):
        dp.nudge_until_flip(net, image, start, 2)


def test_nearest_mean_accuracy_reads_the_closest_mean():
    X_fit = np.array([[0.0, 0.0], [0.0, 2.0], [10.0, 0.0], [10.0, 2.0]])  # means (0, 1) and (10, 1)
    X = np.array([[1.0, 1.0], [9.0, 5.0], [4.0, 0.0], [6.0, 0.0]])
    assert dp.nearest_mean_accuracy(X_fit, [3, 3, 7, 7], X, [3, 7, 3, 7]) == 1.0
    assert dp.nearest_mean_accuracy(X_fit, [3, 3, 7, 7], X, [7, 3, 7, 3]) == 0.0


def test_code_map_is_the_first_two_principal_components():
    rng = np.random.default_rng(1)
    A = rng.normal(size=(200, 5)) * [5.0, 2.0, 1.0, 0.5, 0.1]
    coordinates, shares = dp.code_map(A)
    centred = A - A.mean(axis=0)
    values, vectors = np.linalg.eigh(np.cov(centred.T))
    top = vectors[:, ::-1][:, :2]
    assert np.allclose(np.abs(coordinates), np.abs(centred @ top))
    assert np.allclose(shares, values[::-1][:2] / values.sum())
    assert shares[0] > shares[1] > 0


def test_placed_puts_the_digit_at_its_place(images):
    canvas = dp.placed(images[:1], 2, 1).reshape(10, 10)
    assert np.array_equal(canvas[2:10, 1:9], images[0].reshape(8, 8))
    assert canvas.sum() == pytest.approx(images[0].sum())
    with pytest.raises(ValueError, match="off the canvas"):
        dp.placed(images, 3, 0)


def test_the_digit_pass_figure_shows_the_prediction_and_the_active_units(net, images):
    fig = dp.digit_pass_figure(net, images[:2], [4, 9], title="two digits")
    A1, A2 = dp.hidden_codes(net, images[:2])
    predicted = net.forward(images[:2]).argmax(axis=1)
    titles = [ax.get_title() for ax in fig.axes]
    assert titles[0] == f"true 4, read {predicted[0]}" and titles[5] == f"true 9, read {predicted[1]}"
    assert titles[1] == f"$A_1$: {np.sum(A1[0] > 0)} of 16 on"
    assert titles[7] == f"$A_2$: {np.sum(A2[1] > 0)} of 8 on"
    assert fig.axes[1].get_ylim() == fig.axes[6].get_ylim(), "one height scale for all rows"
    gradients = [dp.input_gradient(net, image, label) for image, label in zip(images[:2], [4, 9])]
    limit = max(np.abs(g).max() for g in gradients)
    for ax, g in zip((fig.axes[4], fig.axes[9]), gradients):
        assert ax.images[0].get_clim() == pytest.approx((-limit, limit)), "one colour scale for all rows"
        assert ax.get_title().startswith(f"−dL/dX (max {np.abs(g).max():.2g})\n"), "its own largest"
    plt.close(fig)


def test_plot_spread_draws_every_seed(images):
    fig, ax = plt.subplots()
    dp.plot_spread(ax, [("a", "linear", [0.5, 0.5, 0.6]), ("b", "MLP", [0.9, 0.91, 0.92])])
    points = np.concatenate([np.column_stack(line.get_data()) for line in ax.get_lines()])
    assert len(np.unique(points, axis=0)) == 6, "tied seeds keep their own marker"
    plt.close(fig)


def test_bad_input_is_refused_with_a_reason(net, images):
    with pytest.raises(ValueError, match="64 values"):
        dp.input_gradient(net, images[0][:60], 1)
    with pytest.raises(ValueError, match="whole number"):
        dp.nudged(net, images[0], 1, steps=1.5)
    with pytest.raises(ValueError, match="one label per image"):
        dp.digit_pass_figure(net, images[:2], [1])
    with pytest.raises(ValueError, match=r"MLP\(\[64, h1, h2, 10\], activation='relu'\)"):
        dp.hidden_codes(MLP([64, 10], seed=0), images)
    with pytest.raises(ValueError, match="activation='relu'"):   # tanh codes go below 0
        dp.hidden_codes(MLP([64, 8, 8, 10], activation="tanh", seed=0), images)
    with pytest.raises(ValueError, match="at least 3"):
        dp.code_map(images[:2])


def test_the_pass_panels_are_labelled_and_the_gradient_has_a_colour_bar(net, images):
    fig = dp.digit_pass_figure(net, images[:1], [4])
    image, a1, a2, p, gradient = fig.axes[:5]
    assert a1.get_ylabel() == a2.get_ylabel() == "activation" and p.get_ylabel() == "probability"
    assert len(fig.axes) == 6, "one colour bar, for -dL/dX"
    gradient_4 = dp.input_gradient(net, images[0], 4)
    limit = np.abs(gradient_4).max()
    assert gradient.images[0].get_clim() == pytest.approx((-limit, limit)), "symmetric about 0"
    assert np.allclose(gradient.images[0].get_array(), -gradient_4.reshape(8, 8))
    plt.close(fig)


def test_separation_is_between_over_within():
    apart = np.array([[0, 0], [0, 1], [10, 0], [10, 1]], dtype=float)
    # means (0, 0.5) and (10, 0.5): between = 2 * 25 * 2 = 100; within = 4 * 0.25 = 1
    assert dp.separation(apart, [0, 0, 1, 1]) == pytest.approx(100.0)
    # grouped across: means (5, 0) and (5, 1): between = 4 * 0.25 = 1; within = 4 * 25 = 100
    assert dp.separation(apart, [0, 1, 0, 1]) == pytest.approx(0.01)
    with pytest.raises(ValueError, match="one label per row"):
        dp.separation(apart, [0, 1])


def test_the_code_map_colours_each_digit_and_boxes_its_mean():
    fig, ax = plt.subplots()
    places = np.array([[0, 0], [1, 0], [5, 5], [6, 5]], dtype=float)
    dp.plot_code_map(ax, places, [2, 2, 7, 7])
    texts = ax.texts
    assert len(texts) == 6, "4 glyphs and 2 boxed means"
    colours = {t.get_text(): t.get_color() for t in texts[:4]}
    assert colours["2"] == dp.DIGIT_COLORS[2] and colours["7"] == dp.DIGIT_COLORS[7]
    assert texts[4].get_position() == pytest.approx((0.5, 0)) and texts[4].get_bbox_patch() is not None
    assert len(set(dp.DIGIT_COLORS)) == 10
    plt.close(fig)


def test_pattern_rows_and_unit_grid_draw_every_column():
    rng = np.random.default_rng(2)
    columns = rng.normal(size=(64, 10))
    rows = [("mean", rng.uniform(size=(64, 10)), "image"), ("w", columns, "pattern")]
    fig = dp.pattern_rows(rows, "t")
    assert len(fig.axes) == 21, "20 panels and the pattern row's colour bar"
    assert np.allclose(fig.axes[15].images[0].get_array(), columns[:, 5].reshape(8, 8))
    plt.close(fig)
    fig = dp.unit_grid(rng.normal(size=(64, 16)), dead=[3], count=16)
    assert fig.axes[3].get_title() == "unit 3 (dead)" and len(fig.axes) == 17
    plt.close(fig)


def test_pattern_rows_head_each_column_with_its_digit_once():
    rng = np.random.default_rng(3)
    rows = [("a", rng.normal(size=(64, 10)), "pattern"), ("b", rng.normal(size=(100, 10)), "pattern")]
    fig = dp.pattern_rows(rows, "t")
    panels = fig.axes[:10] + fig.axes[11:21]  # row 1, its colour bar, row 2
    assert [ax.get_title() for ax in panels[:10]] == [f"digit {d}" for d in range(10)]
    assert all(ax.get_title() == "" for ax in panels[10:]), "only the top row is headed"
    plt.close(fig)


def test_pattern_rows_label_each_colour_bar():
    rng = np.random.default_rng(4)
    rows = [("a", rng.normal(size=(64, 10)), "pattern"),
            ("b", rng.normal(size=(64, 10)), "pattern", "weight")]
    fig = dp.pattern_rows(rows, "t")
    assert [fig.axes[20].get_ylabel(), fig.axes[21].get_ylabel()] == ["a", "weight"]
    plt.close(fig)


def test_plot_tuning_keeps_the_chosen_star_off_the_frame():
    fig, ax = plt.subplots()
    lrs, l2s = [0.003, 0.01, 0.03], [0.0, 0.001]
    lowest = {(lr, l2): lr + l2 for lr in lrs for l2 in l2s}
    dp.plot_tuning(ax, lowest, (0.003, 0.001), lrs, l2s, title="t")
    left, right = ax.get_xlim()
    assert left < min(lrs) and right > max(lrs), "a margin either side of the grid"
    star = ax.get_lines()[-1]
    assert star.get_label() == "chosen: η = 0.003, λ = 0.001"
    assert tuple(star.get_data()[0]) == (0.003,)
    plt.close(fig)


def test_plot_mistakes_titles_each_digit_with_the_answer_given(images):
    probabilities = np.full((3, 10), 0.05)
    probabilities[[0, 1, 2], [1, 8, 3]] = [0.55, 0.6, 0.9]
    fig = dp.plot_mistakes(images[:3], [7, 4, 9], [1, 8, 3], probabilities, columns=2)
    titles = [ax.get_title() for ax in fig.axes]
    assert titles == ["7 → 1 (p=0.55)", "4 → 8 (p=0.60)", "9 → 3 (p=0.90)", ""], "2 x 2 grid, one blank"
    assert np.allclose(fig.axes[2].images[0].get_array(), images[2].reshape(8, 8))
    plt.close(fig)
    with pytest.raises(ValueError, match="one of each per image"):
        dp.plot_mistakes(images[:3], [7, 4], [1, 8, 3], probabilities)


def test_shifted_moves_each_digit_whole_within_the_canvas(images):
    moved = dp.shifted(images, np.random.default_rng(1), pad=2).reshape(-1, 10, 10)
    assert moved.shape == (6, 10, 10)
    places = set()
    for image, canvas in zip(images, moved):
        assert canvas.sum() == pytest.approx(image.sum())  # all the ink, none lost at an edge
        found = [(r, c) for r in range(3) for c in range(3)
                 if np.array_equal(canvas[r:r + 8, c:c + 8], image.reshape(8, 8))]
        assert found  # the digit sits whole at one of the 9 places
        places.add(found[0])
    assert len(places) > 1  # not every digit at the same place
