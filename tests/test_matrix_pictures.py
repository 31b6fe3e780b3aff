"""Lesson 06's pictures: the numbers they draw are the gradients they claim."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from backprop import matrix_pictures as mp  # noqa: E402
from backprop.plots import FORWARD, GRADIENT  # noqa: E402


def test_outer_products_sum_to_dW_and_fill_the_entry():
    X = np.array([[1.0, 2.0], [3.0, -1.0]])
    dZ = np.array([[0.5, -1.0], [2.0, 1.0]])
    ax = plt.subplots()[1]
    shares = mp.draw_outer_products(X, dZ, entry=(1, 0), ax=ax)
    assert np.array_equal(sum(shares), X.T @ dZ)
    texts = [t.get_text() for t in ax.texts]
    assert "dW[1, 0]:  1 + (-2) = -1" in texts
    assert any(t.startswith("outer(X[1], dZ[1])") for t in texts)  # each term names both rows
    filled = [p for p in ax.patches if p.get_facecolor()[:3] == matplotlib.colors.to_rgb(GRADIENT)]
    assert len(filled) == 3  # the entry in each of the two terms and in the sum
    plt.close("all")


def test_outer_products_refuse_mismatched_batches():
    with pytest.raises(ValueError, match="same N"):
        mp.draw_outer_products(np.ones((2, 2)), np.ones((3, 2)))


def test_gradient_products_fill_one_row_and_one_column():
    fig = mp.draw_gradient_products(N=4, D=3, H=2, dw_entry=(1, 0), dx_entry=(2, 1))
    ax_w, ax_x = fig.axes
    for ax, n_forward, n_gradient in [(ax_w, 4, 4 + 1), (ax_x, 2, 2 + 1)]:
        colours = [matplotlib.colors.to_hex(p.get_facecolor()) for p in ax.patches]
        assert colours.count(matplotlib.colors.to_hex(FORWARD)) == n_forward
        assert colours.count(matplotlib.colors.to_hex(GRADIENT)) == n_gradient
    with pytest.raises(ValueError, match="inside"):
        mp.draw_gradient_products(N=4, D=3, H=2, dw_entry=(3, 0))
    plt.close("all")


def test_backward_flow_shapes_match_a_real_network():
    from backprop import MLP, CrossEntropyLoss

    N, D, H, K = 8, 2, 3, 2
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(N, D)), rng.integers(0, K, size=N)
    model, loss_fn = MLP([D, H, K], activation="tanh", seed=1), CrossEntropyLoss()
    loss_fn.forward(model.forward(X), y)
    dZ2 = loss_fn.backward()
    dA1 = model.layers[2].backward(dZ2)
    dZ1 = model.layers[1].backward(dA1)
    dX = model.layers[0].backward(dZ1)
    _, grads = mp.backward_flow(N, D, H, K)
    assert [shape for _, shape in grads] == [dZ2.shape, dA1.shape, dZ1.shape, dX.shape]
    ax = mp.draw_backward_flow(N, D, H, K)
    texts = " ".join(t.get_text() for t in ax.texts)
    assert "dZ2 = (P − Y)/N\n(8, 2)" in texts and "stores dW1 (2, 3), db1 (3,)" in texts
    assert "cache log P (8, 2), y (8,)" in texts  # CrossEntropyLoss keeps log_p and the labels
    plt.close("all")


def test_tables_print_every_number_in_its_colour():
    Y = np.eye(2)[[0, 1, 1]]
    PY = np.array([[-0.25, 0.25], [0.5, -0.5], [0.125, -0.125]])
    fig = mp.draw_tables([(Y, "Y", FORWARD, "{:.0f}"), (PY, "P - Y", GRADIENT)], fmt="{:g}")
    ax_y, ax_g = fig.axes
    assert [t.get_text() for t in ax_g.texts] == [f"{v:g}" for v in PY.ravel()]
    assert [t.get_text() for t in ax_y.texts] == ["1", "0", "0", "1", "0", "1"]
    assert {matplotlib.colors.to_hex(t.get_color()) for t in ax_y.texts} == {
        matplotlib.colors.to_hex(FORWARD)}
    with pytest.raises(ValueError, match="same number of rows"):
        mp.draw_tables([(Y, "Y", FORWARD), (PY[:2], "P - Y", GRADIENT)])
    plt.close("all")


def test_tables_label_ticks_and_tint_blocks():
    J = np.kron(np.eye(2), [[1.0, 0.5], [-2.0, 1.0]])
    ticks = ["a", "b", "c", "d"]
    fig = mp.draw_tables([(J, "J", FORWARD, "{:g}")], row_ticks=ticks, col_ticks=ticks,
                         blocks=[(0, 0, 2, 2), (2, 2, 2, 2)])
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ticks
    assert [t.get_text() for t in ax.get_yticklabels()] == ticks
    tinted = [p.get_facecolor()[3] < 1 for p in ax.patches]  # row by row, 4 x 4 cells
    blocks = np.kron(np.eye(2), np.ones((2, 2)))
    assert tinted == [bool(blocks[r, c]) for r in range(4) for c in range(4)]
    plt.close("all")


def test_wishes_are_bp2_for_one_hidden_neuron():
    from backprop import MLP, CrossEntropyLoss

    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(8, 2)), rng.integers(0, 2, size=8)
    model, loss_fn = MLP([2, 3, 2], activation="tanh", seed=1), CrossEntropyLoss()
    loss_fn.forward(model.forward(X), y)
    dZ2 = loss_fn.backward()
    dZ1 = model.layers[1].backward(model.layers[2].backward(dZ2))
    W2 = model.layers[2].W.data
    A1 = np.tanh(X @ model.layers[0].W.data + model.layers[0].b.data)
    for j in range(3):
        ax = plt.subplots()[1]
        wishes, dz_j = mp.draw_wishes(W2, dZ2[4], A1[4], j=j, n=4, ax=ax)
        assert np.allclose(wishes, W2[j] * dZ2[4]) and abs(dz_j - dZ1[4, j]) < 1e-15
        texts = " ".join(t.get_text() for t in ax.texts)
        shown = sum(round(float(wish), 5) for wish in wishes)  # the sum of the printed wishes
        assert f"{dz_j:+.4f}" in texts and f"dZ1[4, {j}]" in texts and f"{shown:+.5f}" in texts
        assert abs(shown - wishes.sum()) < 2e-5 and "arrow width" in texts
    with pytest.raises(ValueError, match="hidden neuron"):
        mp.draw_wishes(W2, dZ2[0], A1[0], j=3)
    with pytest.raises(ValueError, match="W_out"):
        mp.draw_wishes(W2, dZ2[0][:1], A1[0])
    plt.close("all")
