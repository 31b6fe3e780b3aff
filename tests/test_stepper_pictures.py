"""The stepper's static pictures (backprop/stepper/pictures.py): what GitHub, nbviewer and
a video still show in place of the widget. The MLP picture is a storyboard that must
teach the four equations from the script's own numbers; a small Value graph must be
saved large enough to read."""

import struct

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex

from backprop import MLP, Linear, Sequential, Tanh, Value, colors, plots
from backprop.activations import Sigmoid
from backprop.stepper import build
from backprop.stepper.numbers import number
from backprop.stepper.pictures import MAX_ZOOM, MIN_WIDTH, NEGATIVE_EDGE, png_dpi

matplotlib.use("Agg")


def png_size(png):
    return struct.unpack(">II", png[16:24])


@pytest.fixture
def lesson_script():
    """Lesson 06's stepper: MLP [2, 3, 2], tanh, 4 examples, cross-entropy."""
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(4, 2)), rng.integers(0, 2, size=4)
    return build(MLP([2, 3, 2], activation="tanh", seed=1), X, y, loss="cross_entropy")


@pytest.fixture
def figure(lesson_script):
    fig = lesson_script.figure()
    yield fig
    plt.close(fig)


def results(script):
    return {s["result"]["name"]: np.asarray(s["result"]["value"]) for s in script.steps}


def panel(fig, words):
    """The network axes whose title contains `words`, and the text axes below it."""
    axes = fig.axes
    k = next(i for i, ax in enumerate(axes) if words in ax.get_title())
    return axes[k], axes[k + 1]


def node_texts(ax):
    return [t.get_text() for t in ax.texts if "(" not in t.get_text()]  # not "W1 (2, 3)"


def lines(ax):
    return [t.get_text() for t in ax.texts]


def formatted(values, decimals=2):
    return [number(v, decimals) for v in np.ravel(values)]


def test_the_forward_panel_shows_each_layers_output_for_example_0(lesson_script, figure):
    r = results(lesson_script)
    net, text = panel(figure, "forward")
    assert "example 0, X[0]" in net.get_title()   # numpy's index, as in the lessons
    assert node_texts(net) == formatted(r["X"][0]) + formatted(r["A1"][0]) + formatted(r["Z2"][0])
    assert lines(text)[:3] == ["Z1 = X W1 + b1   (4×3)", "A1 = tanh(Z1)   (4×3)",
                               "Z2 = A1 W2 + b2   (4×2)"]
    assert lines(text)[3] == f"L = cross_entropy(Z2, y) = {number(r['L'], 2)}"


def test_the_error_panel_shows_dZ_at_the_neurons_not_dA(lesson_script, figure):
    r = results(lesson_script)
    dZ1, dA1, dZ2 = r["dZ1"][0], r["dA1"][0], r["dZ2"][0]
    assert formatted(dZ1) != formatted(dA1)  # the test needs a case where dZ and dA differ
    net, text = panel(figure, "error")
    assert "dZ = ∂L/∂Z (example 0" in net.get_title() and "δ" not in net.get_title()
    assert node_texts(net) == ["$x_0$", "$x_1$"] + formatted(dZ1) + formatted(dZ2)
    vec = lambda v: "(" + ", ".join(formatted(v)) + ")"  # noqa: E731
    assert [line.strip() for line in lines(text)] == [
        "BP1  dZ2 = ∂L/∂Z2", f"example 0: {vec(dZ2)}",
        "BP2  dA1 = dZ2 W2ᵀ", f"example 0: {vec(dA1)}",
        "BP2  dZ1 = dA1 ⊙ tanh'(Z1)", f"example 0: {vec(dZ1)}"]


def test_the_gradient_panel_shows_dW_as_matrices_and_edges_and_db_at_the_neurons(lesson_script,
                                                                                    figure):
    r = results(lesson_script)
    net, text = panel(figure, "BP3, BP4")
    assert node_texts(net) == ["$x_0$", "$x_1$"] + formatted(r["db1"]) + formatted(r["db2"])
    assert "$dW_1$ (2, 3)" in lines(net) and "$W_1$ (2, 3)" not in lines(net)
    shown = [line.strip() for line in lines(text)]
    assert shown[0] == "BP4  dW2 = A1ᵀ dZ2 ="
    for row, values in zip(shown[1:4], r["dW2"]):   # the matrix, row by row
        assert row.strip("[]").split() == formatted(values)
    assert shown[4] == "BP3  db2 = Σ dZ2 = (" + ", ".join(formatted(r["db2"])) + ")"
    assert shown[5] == "BP4  dW1 = Xᵀ dZ1 ="
    assert [row.strip("[]").split() for row in shown[6:8]] == [formatted(v) for v in r["dW1"]]
    # the edges of layer 1 are dW1's: colour = sign, width grows with |dW|
    edges = [line for line in net.lines][:6]         # draw_network draws layer 1's first
    dW1 = r["dW1"].ravel()
    colours = [to_hex(line.get_color()) for line in edges]
    assert colours == [to_hex(plots.POSITIVE if g > 0 else NEGATIVE_EDGE) for g in dW1]
    widths = np.array([line.get_linewidth() for line in edges])
    assert np.all(np.diff(widths[np.argsort(np.abs(dW1))]) >= 0)


def test_a_last_activation_makes_two_BP1_lines(figure):
    plt.close(figure)
    rng = np.random.default_rng(1)
    model = Sequential(Linear(3, 4, rng=rng), Tanh(), Linear(4, 1, rng=rng), Sigmoid())
    script = build(model, rng.normal(size=(3, 3)), rng.normal(size=(3, 1)), loss="mse")
    fig = script.figure()
    try:
        tags = [line.split()[0] for line in lines(panel(fig, "error")[1]) if "example" not in line]
        assert tags == ["BP1", "BP1", "BP2", "BP2"]  # dA2 = ∂L/∂A2, dZ2 = dA2 ⊙ σ'; dA1, dZ1
    finally:
        plt.close(fig)


def test_the_storyboard_is_readable_at_1280x720(lesson_script, figure):
    width, height = figure.get_size_inches()
    assert width <= 13.5 and height <= 7.2     # shown whole, not shrunk, in a 1280-px notebook
    assert min(t.get_fontsize() for ax in figure.axes for t in ax.texts) >= 12
    assert png_size(lesson_script.png()) == (round(width * 100), round(height * 100))


def test_drawing_the_picture_leaves_the_steps_alone(lesson_script):
    before = lesson_script.to_json()
    plt.close(lesson_script.figure())
    assert lesson_script.to_json() == before


def test_a_small_value_graph_is_saved_large_enough_to_read():
    a = Value(2.0, label="a")
    r = a + a
    r.label = "r"
    script = build(r)
    fig = script.figure()
    try:
        small = fig.get_size_inches()[0]
        assert small < MIN_WIDTH / 1.5            # r = a + a draws under 4 inches wide
        assert png_dpi(fig) == pytest.approx(100 * min(MAX_ZOOM, MIN_WIDTH / small))
    finally:
        plt.close(fig)
    width, height = png_size(script.png())
    assert width >= 0.99 * MIN_WIDTH * 100 and height >= 150   # was 295 x 83


def test_a_wide_picture_keeps_100_dpi():
    fig = plt.figure(figsize=(MIN_WIDTH + 1, 2))
    try:
        assert png_dpi(fig) == 100
    finally:
        plt.close(fig)
    fig = plt.figure(figsize=(0.5, 0.5))
    try:
        assert png_dpi(fig) == 100 * MAX_ZOOM     # a tiny one is enlarged at most MAX_ZOOM times
    finally:
        plt.close(fig)


def test_every_network_carries_a_key_for_its_edge_colours_and_widths(figure):
    """Blue/vermillion mean forward/gradient in the lessons; the edges use slate/sky blue
    for the sign, so each panel must say so: w in panels 1 and 2, dW in panel 3."""
    for words, symbol in [("forward", "w"), ("error", "w"), ("BP3, BP4", "dW")]:
        net, _ = panel(figure, words)
        key = net.get_legend()
        assert key is not None, f"panel '{words}' has no edge key"
        assert [t.get_text() for t in key.get_texts()] == [f"{symbol} < 0",
                                                           f"{symbol} > 0,  width |{symbol}|"]
        swatches = [to_hex(h.get_color()) for h in key.legend_handles]
        assert swatches == [to_hex(NEGATIVE_EDGE), to_hex(plots.POSITIVE)]
        assert min(t.get_fontsize() for t in key.get_texts()) >= 12
        # the key sits under the network, not over a neuron: below every drawn edge
        lowest_edge = min(min(line.get_ydata()) for line in net.lines)
        box = key.get_window_extent(figure.canvas.get_renderer())
        edge_px = net.transData.transform((0, lowest_edge))[1]
        assert box.y1 < edge_px


def test_a_negative_edge_is_clearly_apart_from_the_vermillion_gradient_numbers(figure):
    """Panels 2 and 3 write GRADIENT numbers beside the edges: a negative edge must not
    read as one. The palette's pair rule (PAIR_LIMIT in CIEDE2000, under normal vision and
    the three simulated deficiencies) holds against GRADIENT and against the positive
    edge's sky blue. The course's orange NEGATIVE fails it (12.5 under deuteranopia)."""
    from test_palette import distances  # the palette test's CIEDE2000 and CVD simulation

    for other in (colors.GRADIENT, colors.POSITIVE):
        close = {view: d for view, d in distances(NEGATIVE_EDGE, other).items()
                 if d < colors.PAIR_LIMIT}
        assert not close, f"negative edge vs {other}: {close}"
    # and the picture really draws it: every panel's negative weights use it, none orange
    weights = MLP([2, 3, 2], activation="tanh", seed=1).layers[0].W.data.ravel()
    for words in ("forward", "error"):
        net, _ = panel(figure, words)
        colours = [to_hex(line.get_color()) for line in net.lines][:6]   # layer 1's edges
        assert colours == [to_hex(plots.POSITIVE if w > 0 else NEGATIVE_EDGE) for w in weights]
    drawn = {to_hex(line.get_color()) for ax in figure.axes for line in ax.lines}
    assert to_hex(plots.NEGATIVE) not in drawn


# A Value picture frozen on one backward step (picture_step): the fallback that shows the
# panel text of the key step, for lessons whose stepper's point is one moment of the pass.

def two_path_graph():
    """out = (x y)(x + z) at x = 3, y = z = 2: x gets two terms, 6 (through q) then 10."""
    x, y, z = Value(3.0, label="x"), Value(2.0, label="y"), Value(2.0, label="z")
    p, q = x * y, x + z
    p.label, q.label = "p", "q"
    out = p * q
    out.label = "out"
    return out


def box_grads(ax):
    """{label: grad text} read from the drawn boxes (label, data, grad: three texts each)."""
    texts = [t.get_text() for t in ax.texts]
    return {texts[i]: texts[i + 2] for i in range(len(texts) - 2)
            if texts[i + 1].startswith("data ") and texts[i + 2].startswith("grad ")}


def gradient_arrows(ax):
    return [patch for patch in ax.patches
            if type(patch).__name__ == "FancyArrowPatch"
            and to_hex(patch.get_edgecolor()) == to_hex(plots.GRADIENT)]


def test_a_frozen_picture_shows_the_running_totals_the_step_and_its_text():
    script = build(two_path_graph())
    k = next(i for i, s in enumerate(script.steps, 1) if "path 1 of 2" in s.get("text", ""))
    fig = script.figure(picture_step=k)
    try:
        ax = fig.axes[0]
        assert ax.get_title() == f"step {k} of {len(script.steps)}: {script.steps[k - 1]['text']}"
        grads = box_grads(ax)
        # after path 1 only: x holds 6 (not yet 16), y and z no term yet, p and q theirs
        assert grads == {"x": "grad 6.00", "y": "grad 0.00", "z": "grad 0.00",
                         "p": "grad 5.00", "q": "grad 6.00", "out": "grad 1.00"}
        arrows = gradient_arrows(ax)
        assert len(arrows) == 1                  # only step k's edge is marked
        assert arrows[0].get_gid() == f"gradient {script.steps[k - 1]['edge']}"
        start, end = arrows[0].get_path().vertices[[0, -1]]
        assert end[0] < start[0]                 # drawn backwards: from q's circle to x
    finally:
        plt.close(fig)
    finished = script.figure()
    try:
        assert box_grads(finished.axes[0])["x"] == "grad 16.00"   # the default: every grad
        assert not gradient_arrows(finished.axes[0]) and finished.axes[0].get_title() == ""
    finally:
        plt.close(finished)


def test_the_default_picture_is_unchanged_and_a_frozen_one_differs():
    script = build(two_path_graph())
    assert script.png() == script.png(None)
    assert script.png(script.forward_steps + 4) != script.png()


def test_freezing_the_picture_is_checked(lesson_script):
    script = build(two_path_graph())
    last = len(script.steps)
    for bad in (0, script.forward_steps, last + 1, True, 9.0, "10"):
        with pytest.raises(ValueError, match=f"from {script.forward_steps + 1} .* to {last}"):
            script.png(bad)
    with pytest.raises(ValueError, match="Value graph"):
        lesson_script.png(1)
