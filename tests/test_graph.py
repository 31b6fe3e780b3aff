"""`draw_graph`: every value is drawn with its label, data and grad; every operation is
one circle; a graph too large to read is refused with a clear message."""

import pytest
from engine_helpers import agg_pyplot
from matplotlib.patches import Circle, FancyBboxPatch

import backprop as bp
from backprop import Value


@pytest.fixture
def plt():
    plt = agg_pyplot()
    yield plt
    plt.close("all")


def small_graph():
    x, w, b = Value(0.8, label="x"), Value(-1.5, label="w"), Value(0.3, label="b")
    z = x * w + b
    z.label = "z"
    a = z.tanh()
    a.label = "a"
    loss = a + a * x  # x and a are both used twice
    loss.label = "L"
    loss.backward()
    return loss


def test_every_node_and_operation_is_drawn(plt):
    from backprop.plots import FORWARD, GRADIENT

    loss = small_graph()
    nodes = loss.topological_order()
    operations = [n for n in nodes if n._children]
    ax = bp.draw_graph(loss)
    texts = [(t.get_text(), t.get_color()) for t in ax.texts]
    for node in nodes:
        assert (f"data {node.data:.4f}", FORWARD) in texts
        assert (f"grad {node.grad:.4f}", GRADIENT) in texts
    labels = [t for t, _ in texts]
    for label in ["x", "w", "b", "z", "a", "L"]:
        assert label in labels
    for node in operations:
        assert node._op in labels
    circles = [p for p in ax.patches if isinstance(p, Circle)]
    boxes = [p for p in ax.patches if isinstance(p, FancyBboxPatch)]
    assert len(circles) == len(operations) == 5  # *, +, tanh, *, +
    assert len(boxes) == len(nodes)
    # 3 texts per value (label, data, grad) and 1 per operation (its symbol)
    assert len(ax.texts) == 3 * len(nodes) + len(operations)


def test_grad_texts_show_the_backward_result(plt):
    a = Value(2.0, label="a")
    b = a + a
    b.backward()
    texts = [t.get_text() for t in bp.draw_graph(b).texts]
    assert "grad 2.0000" in texts and "data 4.0000" in texts


def test_decimals_title_and_given_axes(plt):
    loss = small_graph()
    fig, ax = plt.subplots()
    returned = bp.draw_graph(loss, ax=ax, decimals=2, title="one neuron")
    assert returned is ax
    assert ax.get_title() == "one neuron"
    assert f"data {loss.data:.2f}" in [t.get_text() for t in ax.texts]


def test_huge_graph_is_refused(plt):
    v = Value(1.0)
    for _ in range(100):
        v = v * 1.01
    with pytest.raises(ValueError, match=r"this graph has \d+ values.*at most 60.*smaller piece"):
        bp.draw_graph(v)
    assert not plt.get_fignums()  # refused before any figure was made


def test_every_text_fits_inside_its_box_and_a_long_chain_fits_16_inches(plt):
    x = Value(-123.456789, label="a long label")
    chain = x
    for _ in range(4):  # 9 values in a row, with wide numbers: wider than 16 in unscaled
        chain = chain * 1.5 - 100.0
    chain.label = "out"
    chain.backward()
    ax = bp.draw_graph(chain, title="a chain")
    assert ax.figure.get_size_inches()[0] <= 16.0
    renderer = ax.figure.canvas.get_renderer()
    boxes = [p.get_window_extent(renderer) for p in ax.patches if isinstance(p, FancyBboxPatch)]
    for text in ax.texts:
        if text.get_text().startswith(("data", "grad")) or text.get_text() == "a long label":
            extent = text.get_window_extent(renderer)
            holder = [b for b in boxes if b.x0 <= (extent.x0 + extent.x1) / 2 <= b.x1
                      and b.y0 <= (extent.y0 + extent.y1) / 2 <= b.y1]
            assert len(holder) == 1, text.get_text()
            assert holder[0].x0 <= extent.x0 and extent.x1 <= holder[0].x1, text.get_text()


def _heights(root):
    """Each labelled value's height in draw_graph's layout (larger = higher on the page)."""
    placed = bp.graph.layout(root)
    return {node.label: placed.position[node][1] for node in placed.order if node.label}


def test_first_input_is_drawn_on_top():
    # a figure is read top-down, like the formula left to right: a above b for a * b
    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    heights = _heights(a * b)
    assert heights["a"] > heights["b"]
    # a neuron reads x1, w1, x2, w2 from the top, then s above bias (s + bias)
    x1, w1 = Value(2.0, label="x1"), Value(-3.0, label="w1")
    x2, w2 = Value(0.0, label="x2"), Value(1.0, label="w2")
    bias = Value(6.9, label="bias")
    s = x1 * w1 + x2 * w2
    s.label = "s"
    heights = _heights((s + bias).tanh())
    top_down = sorted(["x1", "w1", "x2", "w2"], key=lambda name: -heights[name])
    assert top_down == ["x1", "w1", "x2", "w2"]
    assert heights["s"] > heights["bias"]


def test_a_value_used_by_two_operations_sits_between_them():
    # out = (x*y) * (x+z): p = x*y above q = x+z, y feeds only p (top), z only q (bottom),
    # and x, which feeds both, sits between them so no arrows cross
    x, y, z = Value(3.0, label="x"), Value(2.0, label="y"), Value(2.0, label="z")
    p, q = x * y, x + z
    p.label, q.label = "p", "q"
    heights = _heights(p * q)
    assert heights["p"] > heights["q"]
    assert heights["y"] > heights["x"] > heights["z"]
