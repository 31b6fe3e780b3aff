"""The stepper's script for a `Value` graph: every number is the engine's, forward in a
topological order, backward in its reverse, one chain-rule term per step; the text
rounds every factor in one format; the layout is draw_graph's."""

import json
import math
import re

import pytest
from engine_helpers import agg_pyplot
from matplotlib.patches import FancyBboxPatch

from backprop import Value, graph
from backprop.stepper import build, value_script


def neuron():
    x, w, b = Value(0.8, "x"), Value(-1.5, "w"), Value(0.3, "b")
    z = x * w + b
    z.label = "z"
    a = z.tanh()
    a.label = "a"
    loss = (a - 0.5) ** 2
    loss.label = "L"
    return loss


def used_twice_in_one_op():
    a = Value(1.25, "a")
    b = a + a
    b.label = "b"
    return b


def squared():
    a = Value(-0.7, "a")
    return a * a


def exp_div_pow():
    a, b = Value(0.4, "a"), Value(-1.3, "b")
    return (a.exp() / (b ** 2 + 1)) ** 3 - b / a


def everything():
    x, y = Value(0.9, "x"), Value(2.2, "y")
    return ((x * y).sigmoid() + (-x).relu() + y.log() - (x - y).tanh()) / 2 + 10 / y


EXPRESSIONS = {"neuron": neuron, "a + a": used_twice_in_one_op, "a * a": squared,
               "exp, /, pow": exp_div_pow, "all operations": everything}


def number_text(x, decimals):
    """The one display format, written independently of the stepper: fixed point, with
    negative zero shown as 0."""
    text = f"{x:.{decimals}f}"
    return text.replace("-", "") if float(text) == 0 else text


def numbers_in(text):
    """Every number in a text, as written, with parentheses round negatives removed; not
    the digits of names (v2), of an exponent (**2) or of "(path 1 of 2)"."""
    text = re.sub(r"\(path \d+ of \d+\)", "", text)
    return re.findall(r"(?<![\w.*])-?\d+(?:\.\d+)?", text)


def engine_nodes(root):
    """id -> node after the engine's own backward (ids: topological position)."""
    root.backward()
    return {f"v{k}": node for k, node in enumerate(root.topological_order())}


@pytest.mark.parametrize("name", EXPRESSIONS)
def test_every_value_and_gradient_is_the_engine_s(name):
    root = EXPRESSIONS[name]()
    script = value_script(root)
    nodes = engine_nodes(root)
    forward = script.steps[:script.forward_steps]
    backward = script.steps[script.forward_steps:]
    assert all(s["kind"] == "forward" for s in forward)
    assert all(s["kind"] == "backward" for s in backward)
    assert len(forward) == len(nodes)
    id_of = {node: i for i, node in nodes.items()}
    for step in forward:
        node = nodes[step["node"]]
        assert step["data"] == node.data
        assert step["inputs"] == [id_of[c] for c in node._children]
    final = {}
    for step in backward:
        final[step["node"]] = step["grad"]
        if step["rule"] == "chain":
            parent, child = nodes[step["from"]], nodes[step["node"]]
            assert step["upstream"] == parent.grad
            slot = "ab".index(step["edge"].split(".")[1])
            assert child is parent._children[slot]
            assert step["local"] == parent._local_grads[slot]
    assert final == {i: n.grad for i, n in nodes.items()}  # every node gets its gradient
    for entry in script.layout["nodes"]:
        assert (entry["data"], entry["grad"]) == (nodes[entry["id"]].data, nodes[entry["id"]].grad)


@pytest.mark.parametrize("name", EXPRESSIONS)
def test_forward_is_topological_and_backward_its_reverse(name):
    script = value_script(EXPRESSIONS[name]())
    forward = [s["node"] for s in script.steps[:script.forward_steps]]
    assert len(set(forward)) == len(forward)
    done = set()
    for step in script.steps[:script.forward_steps]:
        assert set(step["inputs"]) <= done, "an input must appear before the value it makes"
        done.add(step["node"])
    backward = script.steps[script.forward_steps:]
    assert backward[0]["rule"] == "seed" and backward[0]["node"] == forward[-1]
    assert backward[0]["grad"] == 1.0
    users = []
    for step in backward[1:]:
        if not users or users[-1] != step["from"]:
            users.append(step["from"])
    with_inputs = [s["node"] for s in script.steps[:script.forward_steps] if s["inputs"]]
    assert users == with_inputs[::-1]


@pytest.mark.parametrize("name", EXPRESSIONS)
def test_contributions_of_a_node_add_up_to_its_gradient(name):
    script = value_script(EXPRESSIONS[name]())
    by_node = {}
    for step in script.steps[script.forward_steps:]:
        if step["rule"] == "chain":
            by_node.setdefault(step["node"], []).append(step)
    for steps in by_node.values():
        assert [s["path"] for s in steps] == list(range(1, len(steps) + 1))
        assert all(s["paths"] == len(steps) for s in steps)
        assert steps[0]["before"] == 0.0
        for previous, step in zip(steps, steps[1:]):
            assert step["before"] == previous["grad"]
        for step in steps:
            assert step["grad"] == step["before"] + step["contribution"]
        assert math.fsum(s["contribution"] for s in steps) == pytest.approx(steps[-1]["grad"],
                                                                            rel=1e-12)


def test_a_plus_a_gets_two_contributions_on_two_edges():
    script = value_script(used_twice_in_one_op())
    chain = [s for s in script.steps if s.get("rule") == "chain"]
    assert [(s["node"], s["edge"], s["contribution"], s["grad"]) for s in chain] == [
        ("v0", "v1.a", 1.0, 1.0), ("v0", "v1.b", 1.0, 2.0)]
    assert {e["id"] for e in script.layout["edges"]} == {"v1.a", "v1.b"}
    # b is the output: its local derivative is written as its operation, and the first
    # path's share is "so far", so no line claims ∂b/∂a = 1 (it is 2)
    assert chain[0]["text"] == ("∂b/∂a so far = ∂b/∂b · ∂(a + a)/∂a = 1.00 × 1.00 = 1.00   "
                                "(path 1 of 2)")
    assert chain[1]["text"] == ("∂b/∂a += ∂b/∂b · ∂(a + a)/∂a = 1.00 × 1.00 = 1.00; "
                                "∂b/∂a = 1.00 + 1.00 = 2.00   (path 2 of 2)")


@pytest.mark.parametrize("name", EXPRESSIONS)
@pytest.mark.parametrize("decimals", [2, 3])
def test_factors_multiply_to_the_step_and_the_text_rounds_them_alike(name, decimals):
    script = value_script(EXPRESSIONS[name](), decimals=decimals)
    for step in script.steps:
        for token in numbers_in(step["text"]):
            assert re.fullmatch(rf"-?\d+\.\d{{{decimals}}}", token), (token, step["text"])
        if step["rule"] == "chain":
            upstream, local = step["factors"]
            assert (upstream, local) == (step["upstream"], step["local"])
            assert upstream * local == pytest.approx(step["contribution"], rel=1e-15, abs=0)
            shown = numbers_in(step["text"])
            expected = [upstream, local, step["contribution"]]
            if step["path"] > 1:
                expected += [step["before"], step["contribution"], step["grad"]]
            assert shown == [number_text(x, decimals) for x in expected]
        elif step["kind"] == "forward":
            assert numbers_in(step["text"])[-1] == number_text(step["data"], decimals)


def test_the_text_of_the_issue_example():
    w, x = Value(3.0, "w"), Value(2.0, "x")
    z = w * x
    z.label = "z"
    loss = z * 0.5
    loss.label = "L"
    texts = [s["text"] for s in value_script(loss).steps]
    assert "∂L/∂w = ∂L/∂z · ∂z/∂w = 0.50 × 2.00 = 1.00" in texts
    assert "∂L/∂z = ∂L/∂L · ∂(z · v3)/∂z = 1.00 × 0.50 = 0.50" in texts  # L's own operation
    assert "z = w · x = 3.00 × 2.00 = 6.00" in texts
    assert "∂L/∂L = 1.00" in texts


def test_negative_numbers_after_an_operator_are_in_parentheses():
    a, b = Value(1.5, "a"), Value(-2.0, "b")
    c = a * b
    c.label = "c"
    texts = [s["text"] for s in value_script(c ** 2).steps]
    assert "c = a · b = 1.50 × (-2.00) = -3.00" in texts
    assert "L = c**2 = (-3.00)**2 = 9.00" in texts  # an unnamed output is L


def test_highlights_name_drawn_nodes_and_edges():
    script = value_script(everything())
    node_ids = {n["id"] for n in script.layout["nodes"]}
    edges = {e["id"]: e for e in script.layout["edges"]}
    for k, step in enumerate(script.steps):
        assert step["id"] == k
        assert step["node"] in node_ids and set(step["nodes"]) <= node_ids
        assert set(step["edges"]) <= set(edges)
        if step.get("rule") == "chain":
            edge = edges[step["edge"]]
            assert (edge["from"], edge["to"]) == (step["node"], step["from"])


def test_the_layout_is_draw_graph_s():
    plt = agg_pyplot()
    root = neuron()
    script = value_script(root, decimals=2)
    placed = graph.layout(root, decimals=2)
    ids = {f"v{k}": n for k, n in enumerate(root.topological_order())}
    for entry in script.layout["nodes"]:
        assert (entry["x"], entry["y"]) == placed.position[ids[entry["id"]]]
    assert script.layout["box_width"] == placed.box
    ax = graph.draw_graph(root, decimals=2)
    corners = sorted((p.get_x(), p.get_y()) for p in ax.patches if isinstance(p, FancyBboxPatch))
    expected = sorted((n["x"] - placed.box / 2, n["y"] - graph.BOX_HEIGHT / 2)
                      for n in script.layout["nodes"])
    assert len(corners) == len(expected) == 9
    for corner, want in zip(corners, expected):
        assert corner == pytest.approx(want)
    plt.close("all")


def test_the_script_is_plain_json_at_full_precision():
    script = value_script(exp_div_pow())
    assert json.loads(script.to_json()) == script.to_dict()
    assert script.to_dict()["forward_steps"] == script.forward_steps


def test_summary_and_png_fallback():
    plt = agg_pyplot()
    root = neuron()
    script = build(root)
    # values x, w, x*w, b, z, a, 0.5, a - 0.5, L; operations *, +, tanh, -, **2; backward:
    # the seed and one step per edge (2 + 2 + 1 + 2 + 1)
    loss = (math.tanh(0.8 * -1.5 + 0.3) - 0.5) ** 2
    assert repr(script) == script.summary == (
        "Stepper: the graph of L (9 values, 5 operations): 9 forward steps, 9 backward "
        f"steps; L = {loss:.4f}")
    assert "0x" not in repr(script)
    grads = [n.grad for n in root.topological_order()]
    (root * 3).backward()  # the graph changes afterwards: the picture stays the script's
    changed = [n.grad for n in root.topological_order()]
    png = script.png()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5000
    assert [n.grad for n in root.topological_order()] == changed != grads
    assert script.png() == png  # the same bytes every time
    assert plt.get_fignums() == []


def test_a_single_value_has_one_step_each_way():
    script = value_script(Value(3.0, "c"))
    assert [(s["kind"], s["text"]) for s in script.steps] == [("forward", "c = 3.00"),
                                                               ("backward", "∂c/∂c = 1.00")]


@pytest.mark.parametrize("call, error, message", [
    (lambda: value_script(3.0), TypeError, "needs a Value"),
    (lambda: value_script(neuron(), decimals=-1), ValueError, "decimals must be an integer"),
    (lambda: value_script(neuron(), decimals=2.5), ValueError, "decimals must be an integer"),
    (lambda: build(neuron(), X=[[1.0]]), TypeError, "takes the Value alone"),
    (lambda: build("loss"), TypeError, "steps through a Value or a Sequential"),
    (lambda: value_script(sum(Value(float(i)) for i in range(40))), ValueError,
     "at most 60"),
])
def test_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()
