"""Lesson 01's chain-rule pictures: the sweeps carry the true derivatives (against a numerical
gradient), the product rule's pieces have the right areas and labels, the chain figure shows
the true dy/dx, and bad input is refused with a reason."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from backprop import chain_pictures, numerical_gradient, rel_error  # noqa: E402


@pytest.mark.parametrize("backwards", [False, True])
def test_the_sweeps_carry_the_chain_rule_of_the_loss(backwards):
    rng = np.random.default_rng(3)
    w, x, t = rng.standard_normal(3), rng.standard_normal(3), 1.0
    r, carried = chain_pictures.sweep_carried(w, x, t, backwards)
    grad = numerical_gradient(lambda ws: (ws @ x - t) ** 2, w.copy())
    if backwards:
        assert rel_error(np.array([carried[f"w{i}"] for i in range(3)]), grad) < 1e-8
        assert carried["L"] == 1.0 and carried["s"] == carried["m2"] == 2 * r
    else:
        assert rel_error(carried["L"], grad[0]) < 1e-8, "one forward sweep gives dL/dw1"
        assert carried["w1"] == carried["m2"] == 0.0
    fig = chain_pictures.sweep_figure(w, x, t, backwards)
    shown = [t.get_text() for t in fig.axes[0].texts]
    assert f"{carried['L']:.2f}" in shown and f"value {r:.2f}" in shown
    plt.close(fig)
    with pytest.raises(ValueError, match="three weights"):
        chain_pictures.sweep_carried(np.ones(4), np.ones(4), t, backwards)


def test_the_product_area_labels_its_strips_and_corner():
    fig = chain_pictures.product_area_figure(3.0, 2.0, 0.4, 0.3)
    ax = fig.axes[0]
    shown = {t.get_text() for t in ax.texts}
    assert {"a b = 6", "a db = 0.90", "b da = 0.80", "da db = 0.12"} <= shown
    areas = sorted(p.get_width() * p.get_height() for p in ax.patches)
    assert areas == pytest.approx(sorted([6.0, 0.8, 0.9, 0.12])), "the four pieces"
    plt.close(fig)
    fig = chain_pictures.two_paths_figure()
    assert sum("paths add" in t.get_text() for t in fig.axes[0].texts) == 1
    plt.close(fig)


def test_the_chain_figure_shows_the_values_and_derivatives_it_is_given():
    x = 1.4
    u, v = x * x + 1, np.sin(x * x + 1)
    y = np.exp(v)
    grads = [y * np.cos(u) * 2 * x, y * np.cos(u), y, 1.0]
    nodes = list(zip("xuvy", [x, u, v, y], grads))
    fig = chain_pictures.chain_figure(nodes, [("2x", 2 * x), ("\\cos u", np.cos(u)), ("e^v", y)])
    shown = [t.get_text() for t in fig.axes[0].texts]
    assert f"dy/dx = {grads[0]:.3f}" in shown and "y = 1.198" in shown
    slope = numerical_gradient(lambda a: np.exp(np.sin(a[0] ** 2 + 1)), np.array([x]))[0]
    assert f"dy/dx = {slope:.3f}" in shown, "the figure's dy/dx is the true derivative"
    plt.close(fig)
    with pytest.raises(ValueError, match="3 links"):
        chain_pictures.chain_figure(nodes[:4], [("2x", 2.8)])


def test_the_partial_slice_is_the_surface_along_x2_held_and_its_tangent():
    def F(x):
        return x[0] ** 2 + x[0] * x[1] + 3 * x[1] ** 2

    fig = chain_pictures.partial_slice_figure(F, (1.5, 0.5), slope=3.5)
    surface_axes, slice_axes = fig.axes
    curve, tangent, _ = slice_axes.get_lines()
    x1 = curve.get_xdata()
    assert np.allclose(curve.get_ydata(), x1 ** 2 + 0.5 * x1 + 0.75)
    (a, b), (fa, fb) = tangent.get_xdata(), tangent.get_ydata()
    assert np.isclose((fb - fa) / (b - a), 3.5)
    assert np.isclose(fa + 3.5 * (1.5 - a), F(np.array([1.5, 0.5])))  # it goes through the point
    with pytest.raises(ValueError, match="point must be .x1, x2."):
        chain_pictures.partial_slice_figure(F, (1.5, 0.5, 2.0), slope=3.5)
    plt.close("all")
