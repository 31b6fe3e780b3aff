"""The stepper's static pictures: what a notebook shows where no widget can run
(GitHub, nbviewer, a video still), the finished pass with its data and gradients."""

import matplotlib.pyplot as plt

from .. import graph
from ..diagrams import draw_network
from ..plots import GRADIENT, STYLE


def value_picture(root, snapshot, decimals):
    """draw_graph's figure of the graph as the script recorded it (its data and grads
    are put back for the drawing, then the current ones restored)."""
    current = {node: (node.data, node.grad) for node in snapshot}
    try:
        for node, (data, grad) in snapshot.items():
            node.data, node.grad = data, grad
        return graph.draw_graph(root, decimals=decimals).figure
    finally:
        for node, (data, grad) in current.items():
            node.data, node.grad = data, grad


def mlp_picture(sizes, weights, outputs, grads, decimals):
    """Two draw_network panels for example 1: each layer's output, and its gradient."""
    with plt.rc_context(STYLE):
        fig, (left, right) = plt.subplots(1, 2, figsize=(2 * (2.2 * len(sizes) + 1),
                                                          0.9 * max(sizes) + 1.8))
    draw_network(sizes, weights, values=outputs, ax=left, decimals=decimals)
    left.set_title("forward: each layer's output (example 1)")
    draw_network(sizes, weights, values=grads, ax=right, value_color=GRADIENT, decimals=decimals)
    right.set_title("backward: ∂L/∂(output) (example 1)")
    return fig
