"""The stepper's script for a small matrix MLP: each step is one layer equation, its
matrices are those the model's own forward and backward compute, forward layer by
layer and backward in reverse; the neurons show the first example; bad input errors."""

import json

import numpy as np
import pytest
from engine_helpers import agg_pyplot

import backprop as bp
from backprop import diagrams
from backprop.stepper import build, mlp_script

SHAPES = {
    "2-3-1 tanh, mse": (lambda: bp.MLP([2, 3, 1], activation="tanh", seed=1), 2, "mse",
                        np.array([0.5, -1.0])),
    "3-4-2 relu, cross-entropy": (lambda: bp.MLP([3, 4, 2], activation="relu", seed=2), 4,
                                  "cross_entropy", np.array([0, 1, 1, 0])),
    "1-2-2-1 sigmoid, bce": (lambda: bp.MLP([1, 2, 2, 1], activation="sigmoid", seed=3), 3,
                             "bce", np.array([1.0, 0.0, 1.0])),
    "4-4 linear, mse": (lambda: bp.MLP([4, 4], seed=4), 1, "mse", np.ones((1, 4))),
    "sigmoid output": (lambda: bp.Sequential(bp.Linear(2, 2, rng=np.random.default_rng(5)),
                                             bp.Tanh(),
                                             bp.Linear(2, 1, rng=np.random.default_rng(6)),
                                             bp.Sigmoid()), 3, "mse", np.array([0.0, 1.0, 1.0])),
}


def case(name):
    make, n, loss, y = SHAPES[name]
    model = make()
    width = model.layers[0].W.data.shape[0]
    X = np.random.default_rng(7).normal(size=(n, width))
    return model, X, y, loss


def by_equation(script):
    return {step["equation"].split(" ")[0].rstrip(":"): step for step in script.steps}


def engine_pass(model, X, y, loss):
    """Every matrix of one pass, by name, from the layers' own forward and backward, run
    here one at a time: Zk after Linear k, Ak after its activation; dM = dL/dM."""
    loss = bp.get_loss(loss)
    found, out, k, names = {"X": X}, X, 0, ["X"]  # names[i]: the input of layer i
    for layer in model.layers:
        out = layer.forward(out)
        k += isinstance(layer, bp.Linear)
        names.append(f"{'Z' if isinstance(layer, bp.Linear) else 'A'}{k}")
        found[names[-1]] = out
    found["L"] = loss.forward(out, y)
    grad = loss.backward()
    found[f"d{names[-1]}"] = grad
    for i in reversed(range(len(model.layers))):
        layer = model.layers[i]
        grad = layer.backward(grad)
        found[f"d{names[i]}"] = grad
        if isinstance(layer, bp.Linear):
            found[f"dW{names[i + 1][1:]}"] = layer.W.grad
            found[f"db{names[i + 1][1:]}"] = layer.b.grad
    return found


@pytest.mark.parametrize("name", SHAPES)
def test_every_matrix_is_the_engine_s(name):
    model, X, y, loss = case(name)
    script = mlp_script(model, X, y, loss=loss)
    expected = engine_pass(model, X, y, loss)
    shown = by_equation(script)
    for key, value in expected.items():
        assert key in shown, f"no step computes {key}"
        np.testing.assert_allclose(np.asarray(shown[key]["result"]["value"]), value,
                                   rtol=1e-13, atol=1e-300, err_msg=key)
    assert len(shown) == len(script.steps)  # each equation once


@pytest.mark.parametrize("name", SHAPES)
def test_each_step_s_operands_make_its_result(name):
    model, X, y, loss = case(name)
    script = mlp_script(model, X, y, loss=loss)
    for step in script.steps:
        result = np.asarray(step["result"]["value"])
        ops = [np.asarray(m["value"]) for m in step["operands"]]
        rule = step["rule"]
        if rule == "linear":
            np.testing.assert_allclose(result, ops[0] @ ops[1] + ops[2], rtol=1e-12, atol=1e-15)
        elif rule == "activation":
            f = bp.activation_functions(step["equation"].split(" = ")[1].split("(")[0])[0]
            np.testing.assert_allclose(result, f(ops[0]), rtol=1e-12)
        elif rule == "hadamard":
            np.testing.assert_allclose(result, ops[0] * ops[1], rtol=1e-12, atol=1e-300)
        elif rule == "matmul":
            np.testing.assert_allclose(result, ops[0] @ ops[1], rtol=1e-12, atol=1e-15)
        elif rule == "sum":
            np.testing.assert_allclose(result, ops[0].sum(axis=0), rtol=1e-12, atol=1e-15)
        else:
            assert rule in {"inputs", "loss", "loss_gradient"}
        if "edge_values" in step:  # dWk[i, j] on the edge of Wk[i, j]
            k = step["layer"]
            assert step["edge_values"] == {f"w{k}.{i}.{j}": v for (i, j), v in
                                           np.ndenumerate(result)}
        if step["neurons"]:  # each neuron shows the first example's value
            first = result[0] if result.ndim == 2 else result
            assert step["neurons"] == {f"n{step['layer']}.{i}": v for i, v in enumerate(first)}


@pytest.mark.parametrize("name", SHAPES)
def test_forward_goes_layer_by_layer_and_backward_in_reverse(name):
    model, X, y, loss = case(name)
    script = mlp_script(model, X, y, loss=loss)
    kinds = [s["kind"] for s in script.steps]
    n = script.forward_steps
    assert kinds == ["forward"] * n + ["backward"] * (len(kinds) - n)
    layers_forward = [s["layer"] for s in script.steps[:n]]
    layers_backward = [s["layer"] for s in script.steps[n:]]
    assert layers_forward == sorted(layers_forward) and layers_forward[0] == 0
    assert layers_backward == sorted(layers_backward, reverse=True) and layers_backward[-1] == 0
    linears = [s["equation"] for s in script.steps[:n] if s["rule"] == "linear"]
    grads_of_w = [s["equation"] for s in script.steps[n:] if s["equation"].startswith("dW")]
    assert [e[1:3] for e in linears] == [e[2:4] for e in grads_of_w][::-1]  # Z1, Z2 / dW2, dW1
    assert script.steps[n - 1]["rule"] == "loss" and script.steps[n]["rule"] == "loss_gradient"


def test_the_equations_of_a_two_layer_network():
    model, X, y, loss = case("2-3-1 tanh, mse")
    script = mlp_script(model, X, y, loss=loss)
    assert [s["text"] for s in script.steps] == [
        "X: the batch, 2 × 2   (2×2)",
        "Z1 = X W1 + b1   (2×3) = (2×2)(2×3) + (3)",
        "A1 = tanh(Z1)   (2×3), elementwise",
        "Z2 = A1 W2 + b2   (2×1) = (2×3)(3×1) + (1)",
        f"L = mse(Z2, y)   = {script.steps[4]['result']['value']:.2f}",
        "dZ2 = ∂L/∂Z2   (2×1)",
        "dW2 = A1ᵀ dZ2   (3×1) = (3×2)(2×1)",
        "db2 = Σ dZ2   (1) = the column sums of (2×1)",
        "dA1 = dZ2 W2ᵀ   (2×3) = (2×1)(1×3)",
        "dZ1 = dA1 ⊙ tanh'(Z1)   (2×3) = (2×3) ⊙ (2×3)",
        "dW1 = Xᵀ dZ1   (2×3) = (2×2)(2×3)",
        "db1 = Σ dZ1   (3) = the column sums of (2×3)",
        "dX = dZ1 W1ᵀ   (2×2) = (2×3)(3×2)",
    ]
    assert script.forward_steps == 5


def test_highlights_and_layout_are_draw_network_s():
    plt = agg_pyplot()
    model, X, y, loss = case("3-4-2 relu, cross-entropy")
    script = mlp_script(model, X, y, loss=loss)
    layout = script.layout
    assert layout["sizes"] == [3, 4, 2]
    drawn = diagrams.draw_network(layout["sizes"], weights=model)
    for node in layout["nodes"]:
        centre = drawn.nodes[node["layer"]][node["index"]].get_offsets()[0]
        assert (node["x"], node["y"]) == tuple(centre)
    weights = diagrams.weights_of(model)
    for edge in layout["edges"]:
        k, i, j = (int(p) for p in edge["id"][1:].split("."))
        assert edge["weight"] == weights[k - 1][i, j]
        assert (edge["from"], edge["to"]) == (f"n{k - 1}.{i}", f"n{k}.{j}")
    node_ids = {n["id"] for n in layout["nodes"]}
    edge_ids = {e["id"] for e in layout["edges"]}
    layer_ids = {g["id"] for g in layout["layers"]}
    for step in script.steps:
        assert step["node"] in layer_ids
        assert set(step["nodes"]) <= node_ids and set(step["edges"]) <= edge_ids
        assert set(step.get("edge_values", {})) <= edge_ids
    plt.close("all")


def test_json_summary_and_png():
    plt = agg_pyplot()
    model, X, y, loss = case("2-3-1 tanh, mse")
    script = build(model, X, y, loss=loss)
    assert json.loads(script.to_json()) == script.to_dict()
    value = script.steps[script.forward_steps - 1]["result"]["value"]
    assert repr(script) == ("Stepper: MLP [2, 3, 1] (tanh) on 2 examples, mse loss: 5 forward "
                            f"steps, 8 backward steps; L = {value:.4f}")
    png = script.png()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and script.png() == png
    assert plt.get_fignums() == []


def test_bad_input():
    model = bp.MLP([2, 3, 1], seed=0)
    X, y = np.ones((2, 2)), np.ones(2)
    with pytest.raises(ValueError, match="1 to 4 examples"):
        mlp_script(model, np.ones((5, 2)), np.ones(5))
    with pytest.raises(ValueError, match="1 to 4 examples"):
        mlp_script(model, np.ones(2), y)
    with pytest.raises(ValueError, match=r"at most 4 units per layer; .* \[2, 5, 1\]"):
        mlp_script(bp.MLP([2, 5, 1], seed=0), X, y)
    with pytest.raises(ValueError, match="each followed by at most one activation"):
        mlp_script(bp.Sequential(bp.Tanh(), bp.Linear(2, 1, rng=np.random.default_rng(0))), X, y)
    with pytest.raises(TypeError, match="needs a backprop Sequential"):
        mlp_script("model", X, y)
    with pytest.raises(TypeError, match="needs the batch X and its targets y"):
        build(model)
    with pytest.raises(ValueError, match=r"expects input of shape \(N, 2\)"):
        mlp_script(model, np.ones((2, 3)), y)
    with pytest.raises(ValueError, match="unknown loss"):
        mlp_script(model, X, y, loss="hinge")
    with pytest.raises(ValueError, match="decimals must be"):
        mlp_script(model, X, y, decimals=20)
