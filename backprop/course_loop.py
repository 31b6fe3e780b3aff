"""The course on one page: a digit going through a 64-32-10 network, and the training loop
drawn around it, each stage labelled with the lessons that teach it.

One test digit x (8x8 = 64 pixels) goes forward: the hidden layer a = relu(x W1 + b1)
(32 units, each dot as dark as its activation), the logits z = a W2 + b2 and the class
probabilities p = softmax(z) (10 bars). Backward, the loss L = -log p_y sends
dL/dW back to every one of the 64*32 + 32 + 32*10 + 10 = 2,410 weights and biases, and
an update W <- W - eta dL/dW closes the loop. The index draws it so a newcomer sees the
network that reads the digits before any lesson names its parts.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.patches import FancyArrowPatch

from .diagrams import weights_of
from .losses import softmax
from .plots import FORWARD, GRADIENT, NEUTRAL, STYLE

# which lessons teach each stage of the loop
STAGES = {
    "forward": "forward: a = relu(x W1 + b1), p = softmax(a W2 + b2)   (lessons 03, 05)",
    "backward": "backward: dL/dW for all {n:,} weights and biases in one sweep   (lessons 01, 02, "
                "06)",
    "update": "update: each W a step against dL/dW (SGD: W ← W − η dL/dW; here Adam), a batch of "
              "digits at a time   (lessons 04, 08, 09)",
    "well": "training it well: activations and initialisation (07), overfitting (10); "
            "all of it on real digits (11)",
}
ACTIVATION_MAP = LinearSegmentedColormap.from_list("activation", ["#ffffff", FORWARD])


def _check_model(model):
    """A 64-h-10 MLP with ReLU (the picture reads its hidden outputs as 'how active', from
    0), with a clear error for any other model."""
    kinds = [type(layer).__name__ for layer in getattr(model, "layers", [])]
    shapes = [W.shape for W in weights_of(model)] if kinds else []
    if kinds != ["Linear", "ReLU", "Linear"] or shapes[0][0] != 64 or shapes[1][1] != 10:
        raise ValueError(f"draw_course_loop draws a 64-h-10 MLP with ReLU (one hidden layer), "
                         f"got layers {kinds}: build it with MLP([64, h, 10], "
                         "activation='relu').")


def course_loop_values(model, image):
    """(hidden activations, probabilities) of one flattened 8x8 image, from the model's own
    layers: the numbers the picture draws."""
    x = np.asarray(image, dtype=np.float64).reshape(1, -1)
    if x.size != 64:
        raise ValueError(f"image must be one 8x8 digit (64 pixel values), got {np.size(image)} "
                         "values: pass X_test[k].")
    _check_model(model)
    hidden = model.layers[1].forward(model.layers[0].forward(x))
    return hidden[0], softmax(model.layers[2].forward(hidden))[0]


def _arrow(ax, start, end, color, text, text_y):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=22, lw=2.5,
                                 color=color))
    ax.text((start[0] + end[0]) / 2, text_y, text, ha="center", va="center", color=color,
            fontsize=11)


def draw_course_loop(model, image, label, ax=None):
    """Draw one digit through a trained MLP([64, h, 10]) with the loop forward -> loss ->
    backward -> update around it. Returns the axes."""
    hidden, p = course_loop_values(model, image)
    n_params = sum(p.data.size for p in model.parameters())
    if ax is None:
        with plt.rc_context(STYLE):
            ax = plt.subplots(figsize=(12, 5.6))[1]
    x = np.asarray(image, dtype=np.float64).reshape(8, 8)
    ax.imshow(x, cmap="gray_r", extent=(0.5, 2.4, -1.2, 1.2), zorder=3)
    ax.set_aspect("auto")   # the extent above keeps the digit about square at this size
    ax.text(1.45, -1.45, "x: 64 pixels", ha="center", va="top", fontsize=11)
    h = len(hidden)
    hy = np.linspace(1.5, -1.5, h)
    oy = np.linspace(1.35, -1.35, 10)
    # every weight as a line: each of the 64 pixels (its centre) to every hidden unit, each
    # hidden unit to every output; under the image, so the pixels' lines fan out of it
    centres = [(0.5 + 1.9 * (c + 0.5) / 8, 1.2 - 2.4 * (r + 0.5) / 8)
               for r in range(8) for c in range(8)]
    lines = [[centre, (4.5, y)] for y in hy for centre in centres]
    lines += [[(4.5, y), (6.8, y1)] for y in hy for y1 in oy]
    ax.add_collection(LineCollection(lines, colors=NEUTRAL, linewidths=0.4, alpha=0.35, zorder=1))
    top = hidden.max() or 1.0
    ax.scatter(np.full(h, 4.5), hy, s=28, c=hidden / top, cmap=ACTIVATION_MAP, vmin=0, vmax=1,
               edgecolors="#333333", linewidths=0.6, zorder=3)
    ax.text(4.5, -1.75, f"{h} hidden units\n(dark = active)", ha="center", va="top", fontsize=11)
    guess = int(np.argmax(p))
    ax.scatter(np.full(10, 6.8), oy, s=70, c=p, cmap=ACTIVATION_MAP, vmin=0, vmax=1,
               edgecolors="#333333", linewidths=0.6, zorder=3)
    for k, (y, pk) in enumerate(zip(oy, p)):
        ax.text(7.05, y, str(k), ha="left", va="center", fontsize=10,
                fontweight="bold" if k == guess else "normal")
        ax.barh(y, 1.4 * pk, left=7.35, height=0.22, color=FORWARD, zorder=2)
    ax.text(7.6, -1.75, f"p = softmax: {guess} ({p[guess]:.0%})", ha="center", va="top",
            fontsize=11)
    ax.text(9.55, 0.0, f"target: {label}\nL = −log p$_{{{label}}}$\n= {-np.log(p[label]):.2f}",
            ha="center", va="center", fontsize=12,
            bbox={"boxstyle": "round", "fc": "#f7f7f7", "ec": NEUTRAL})
    ax.add_patch(FancyArrowPatch((8.85, 0.0), (8.95, 0.0), arrowstyle="-|>", mutation_scale=16,
                                 lw=1.5, color="#333333"))   # p -> L
    _arrow(ax, (0.3, 2.15), (9.4, 2.15), FORWARD, STAGES["forward"], 2.55)
    _arrow(ax, (9.4, -2.55), (0.3, -2.55), GRADIENT, STAGES["backward"].format(n=n_params), -2.95)
    # the update closes the loop: from the end of the backward sweep back to the start
    ax.add_patch(FancyArrowPatch((0.3, -2.55), (0.3, 2.15), connectionstyle="arc3,rad=-0.35",
                                 arrowstyle="-|>", mutation_scale=18, lw=1.8, color="#333333"))
    ax.text(4.85, -3.4, STAGES["update"], ha="center", va="center", fontsize=11)
    ax.text(4.85, -3.8, STAGES["well"], ha="center", va="center", fontsize=10, color="#444444")
    ax.set(xlim=(-1.2, 10.3), ylim=(-4.05, 2.85))
    ax.set_axis_off()
    return ax
