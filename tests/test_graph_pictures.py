"""Lesson 02's graph pictures: the neuron builder gives the true gradients (against a
numerical gradient) for each activation, the nudge figure shows the forward nudges the
chain rule predicts and no gradients, and the two gradient figures show the true grads."""

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from backprop import graph_pictures, numerical_gradient, rel_error  # noqa: E402


@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid"])
def test_the_neuron_is_labelled_and_backpropagates_correctly(activation):
    inputs = [2.0, -3.0, 0.5, 1.0, 6.5]
    o = graph_pictures.neuron(*inputs, activation=activation)
    o.backward()
    nodes = {node.label: node for node in o.topological_order()}
    assert set(nodes) == {"x1", "w1", "x2", "w2", "bias", "x1*w1", "x2*w2", "w·x", "n", "o"}
    engine = [nodes[name].grad for name in ("x1", "w1", "x2", "w2", "bias")]

    def forward(p):
        return graph_pictures.neuron(*p, activation=activation).data

    assert rel_error(engine, numerical_gradient(forward, np.array(inputs))) < 1e-7


def test_the_neuron_refuses_an_unknown_activation():
    with pytest.raises(ValueError, match="tanh"):
        graph_pictures.neuron(1, 1, 1, 1, 1, activation="softplus")


def test_the_nudge_figure_shows_each_nudge_and_no_gradient():
    fig = graph_pictures.nudge_figure(2.0, -3.0, 10.0, -2.0)
    shown = [t.get_text() for t in fig.axes[0].texts]
    assert not any(text.startswith("grad") for text in shown), "forward nudges only"
    assert shown.count("moves −3 h") == 2 and "moves 6 h" in shown and "moves h" in shown
    assert shown.count("moves 0") == 3
    assert "∂L/∂a = 6" in fig.axes[0].get_title()
    plt.close(fig)


def test_the_gradient_figures_show_the_true_gradients():
    fig = graph_pictures.used_twice_figure(2.0)
    shown = [t.get_text() for t in fig.axes[0].texts]
    assert "grad 2.0" in shown and sum("upstream 1 × local 1" in t for t in shown) == 2
    plt.close(fig)
    x, y, z = 3.0, 2.0, 2.0
    fig = graph_pictures.two_paths_figure(x, y, z)
    ax = fig.axes[0]
    shown = [t.get_text() for t in ax.texts]
    grad_x = (x + z) * y + x * y                       # q y + p, the two paths
    assert f"grad {grad_x:.1f}" in shown and ax.get_title().endswith(f"= {grad_x:g}")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "x's path through p", "x's path through q"]
    plt.close(fig)


def test_the_backward_arrows_sit_beside_the_forward_ones():
    (x0, y0), (x1, y1) = graph_pictures._beside((0.0, 0.0), (2.0, 0.0), 0.13)
    assert (y0, y1) == (0.13, 0.13) and (x0, x1) == (0.0, 2.0)
    (x0, y0), _ = graph_pictures._beside((0.0, 0.0), (0.0, 1.0), 0.1)
    assert math.isclose(x0, -0.1)
