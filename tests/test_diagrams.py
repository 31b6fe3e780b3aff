"""backprop.diagrams: the network drawing has one node per neuron and one edge per weight,
coloured by the weight's sign; equation diagrams draw one cell per matrix entry (plus the
broadcast copies) and fill exactly the chosen cells; bad input gets a clear error."""

import numpy as np
import pytest
from engine_helpers import agg_pyplot
from matplotlib.colors import to_hex

import backprop as bp


@pytest.fixture
def plt():
    plt = agg_pyplot()
    yield plt
    plt.close("all")


def test_network_has_a_node_per_neuron_and_an_edge_per_weight(plt):
    from backprop import diagrams

    d = diagrams.draw_network([3, 5, 4, 1])
    assert [len(layer) for layer in d.nodes] == [3, 5, 4, 1]
    assert [e.shape for e in d.edges] == [(3, 5), (5, 4), (4, 1)]
    assert len(d.ax.lines) == 3 * 5 + 5 * 4 + 4 * 1
    assert [t.get_text() for t in d.texts[0]] == ["$x_1$", "$x_2$", "$x_3$"]
    assert d.texts[1][4].get_text() == "$a_5$" and d.texts[3][0].get_text() == r"$\hat{y}_1$"
    # an edge joins the centres of the two nodes it connects
    np.testing.assert_array_equal(d.edges[1][2, 3].get_xydata(),
                                  [d.positions[1][2], d.positions[2][3]])


def test_edges_are_coloured_by_sign_and_sized_by_magnitude(plt):
    from backprop import diagrams, plots

    W1 = np.array([[0.5, -2.0, 0.0], [1.0, -0.1, 3.0]])
    W2 = np.array([[-1.0], [2.0], [0.25]])
    d = diagrams.draw_network([2, 3, 1], weights=[W1, W2])
    for W, lines in zip([W1, W2], d.edges):
        for (i, j), w in np.ndenumerate(W):
            expected = plots.POSITIVE if w > 0 else plots.NEGATIVE if w < 0 else plots.NEUTRAL
            assert to_hex(lines[i, j].get_color()) == expected, (i, j, w)
    widths = {w: line.get_linewidth() for W, ls in zip([W1, W2], d.edges)
              for w, line in zip(W.ravel(), ls.ravel())}
    assert widths[3.0] > widths[2.0] > widths[1.0] > widths[0.5] > widths[0.0]
    assert widths[-2.0] == widths[2.0]  # width shows size, colour shows sign


def test_a_model_can_be_passed_as_weights(plt):
    from backprop import diagrams

    model = bp.MLP([2, 3, 2], activation="tanh", seed=0)
    d = diagrams.draw_network(model.sizes, weights=model)
    W2 = model.layers[2].W.data
    assert [W.shape for W in diagrams.weights_of(model)] == [(2, 3), (3, 2)]
    assert to_hex(d.edges[1][0, 1].get_color()) == diagrams.edge_color(W2[0, 1])
    assert any("$W_2$ (3, 2)" == t.get_text() for t in d.ax.texts)


def test_values_are_written_in_the_nodes_and_can_be_updated(plt):
    from backprop import diagrams, plots

    d = diagrams.draw_network([2, 2], values=[np.array([0.5, -1.25]), None], decimals=2)
    assert [t.get_text() for t in d.texts[0]] == ["0.50", "-1.25"]
    assert to_hex(d.texts[0][0].get_color()) == plots.FORWARD
    assert [t.get_text() for t in d.texts[1]] == [r"$\hat{y}_1$", r"$\hat{y}_2$"]
    d.set_values(1, [0.125, 2.0], color=plots.GRADIENT, decimals=3)  # e.g. a backward step
    assert [t.get_text() for t in d.texts[1]] == ["0.125", "2.000"]
    assert to_hex(d.texts[1][1].get_color()) == plots.GRADIENT
    with pytest.raises(ValueError, match="layer 1 has 2 nodes, got 3"):
        d.set_values(1, [1, 2, 3])


@pytest.mark.parametrize("kwargs, message", [
    ({"sizes": [3]}, "at least two layer widths"),
    ({"sizes": [2, 40]}, "draw a small network"),
    ({"sizes": [2, 3], "weights": [np.zeros((3, 2))]}, r"must have shapes \(in, out\) = \[\(2, 3\)\]"),
    ({"sizes": [2, 3], "values": [[1, 2]]}, "one entry per layer"),
    ({"sizes": [2, 3], "values": [[1, 2], [1, 2]]}, "one entry per layer"),
])
def test_bad_network_input_gets_a_clear_error(plt, kwargs, message):
    from backprop import diagrams

    with pytest.raises(ValueError, match=message):
        diagrams.draw_network(**kwargs)


def _cells(ax):
    return [p for p in ax.patches if type(p).__name__ == "Rectangle"]


def test_linear_forward_fills_what_makes_one_entry(plt):
    from backprop import diagrams, plots

    N, D, H = 4, 2, 3
    ax = diagrams.draw_linear_forward(N, D, H, entry=(1, 2))
    cells = _cells(ax)
    # X, W, b with its N - 1 broadcast copies, Z
    assert len(cells) == N * D + D * H + N * H + N * H
    filled = [c for c in cells if to_hex(c.get_facecolor()) == plots.FORWARD]
    # row 1 of X (D), column 2 of W (D), b[2] and its N - 1 copies, Z[1, 2]
    assert len(filled) == D + D + N + 1
    dashed = [c for c in cells if c.get_linestyle() == "--"]
    assert len(dashed) == (N - 1) * H
    assert [t.get_text() for t in ax.texts if t.get_text() in "@+="] == ["@", "+", "="]


def test_equation_checks_its_operators(plt):
    from backprop import diagrams

    a, b = diagrams.Matrix("A", 2, 3), diagrams.Matrix("B", 3, 1)
    ax = diagrams.draw_equation([a, b], ["@"], title="A @ B")
    assert len(_cells(ax)) == 2 * 3 + 3 * 1 and ax.get_title() == "A @ B"
    with pytest.raises(ValueError, match="2 matrices need 1 operators, got 2"):
        diagrams.draw_equation([a, b], ["@", "="])


def test_import_backprop_does_not_load_the_diagrams():
    import subprocess
    import sys

    code = "import sys, backprop; print('backprop.diagrams' in sys.modules, 'matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
