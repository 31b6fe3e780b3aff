"""The steps of a small matrix MLP on a small batch, read from `Sequential.trace`.

The model is Linear layers, each optionally followed by one activation. Layer k
(from 1) computes, forward and then backward (A0 = X, the batch):

    Zk = A(k-1) Wk + bk          Ak = f(Zk)
    dZk = dAk ⊙ f'(Zk)           dWk = A(k-1)ᵀ dZk,   dbk = Σ dZk,   dA(k-1) = dZk Wkᵀ

(a layer without an activation has Ak = Zk). Before them come the inputs and the loss
L(ŷ, y); the backward pass starts from dŷ = ∂L/∂ŷ, which the loss computes. Each step
carries its `result` and `operands` (name and matrix, full precision, as in the
equation: `A(k-1)ᵀ` is stored transposed), `rule` (how the operands make the result:
"matmul", "hadamard", "sum", ...), and `neurons`: the first example's value for each
neuron of the layer, drawn in `diagrams.network_positions`' layout.

Ids: neuron i of layer k (layer 0 = the inputs) is "n<k>.<i>"; the whole layer is
"layer<k>"; the edge of weight Wk[i, j] is "w<k>.<i>.<j>". A step's `node` is a layer.
"""

import numpy as np

from ..activations import Activation
from ..layers import Linear, Sequential
from .layouts import mlp_layout
from .numbers import check_decimals, number, shape
from .pictures import mlp_picture
from .script import Script

MAX_EXAMPLES, MAX_UNITS = 4, 4  # what a drawing of neurons and a panel of matrices can show


def mlp_script(model, X, y, loss="mse", decimals=2):
    """The `Script` of one forward and backward pass of `model` on the batch (X, y)."""
    groups = _layer_groups(model)
    check_decimals(decimals)
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or not 1 <= len(X) <= MAX_EXAMPLES:
        raise ValueError(f"the stepper shows a batch of 1 to {MAX_EXAMPLES} examples as a 2-D "
                         f"array X (examples, features); got shape {X.shape}. Take X[:4].")
    sizes = [groups[0][0].W.data.shape[0]] + [linear.W.data.shape[1] for linear, _ in groups]
    if max(sizes) > MAX_UNITS:
        raise ValueError(f"the stepper draws at most {MAX_UNITS} units per layer; this model's "
                         f"layer widths are {sizes}. Step through a smaller MLP.")
    trace = model.trace(X, y, loss)
    weights = [linear.W.data.copy() for linear, _ in groups]
    records = iter(trace.layers)
    paired = [(next(records), next(records) if act is not None else None) for _, act in groups]
    names = ["X"] + [f"{'A' if act else 'Z'}{k}" for k, (_, act) in enumerate(paired, 1)]
    steps = _forward(paired, names, trace, weights, X, y)
    n_forward = len(steps)
    steps += _backward(paired, names, trace, weights)
    for k, step in enumerate(steps):
        step["id"] = k
        step["tag"] = equation_tag(step, len(paired))
        step["text"] = step["equation"] + "   " + _shapes(step, decimals)
        del step["shapes"]
    activations = sorted({act.name for _, act in groups if act is not None}) or ["no activation"]
    summary = (f"Stepper: MLP {sizes} ({', '.join(activations)}) on {len(X)} example"
               f"{'s' if len(X) > 1 else ''}, {trace.loss.name} loss: {n_forward} forward "
               f"steps, {len(steps) - n_forward} backward steps; "
               f"L = {number(trace.loss_value, max(decimals, 4))}")
    return Script("mlp", mlp_layout(sizes, weights, names), steps, n_forward, summary, decimals,
                  lambda: mlp_picture(sizes, weights, names, steps, decimals))


def equation_tag(step, last):
    """Which of the four backprop equations a backward step is (Nielsen's names):
    BP1 the last layer's error dZ (from dL/dŷ, and through f' when the last layer has an
    activation), BP2 an error passed down a layer (dA(k-1) = dZk Wkᵀ, dZk = dAk ⊙ f'(Zk)),
    BP3 db, BP4 dW. dX, the data's gradient, is the last step and none of them: training
    does not need it. Forward steps have no tag ("")."""
    if step["kind"] != "backward":
        return ""
    name = step["result"]["name"]
    if name == "dX":
        return "not needed for training"
    if step["rule"] == "sum":
        return "BP3"
    if step["rule"] == "matmul" and name.startswith("dW"):
        return "BP4"
    if step["rule"] == "loss_gradient" or (step["rule"] == "hadamard" and step["layer"] == last):
        return "BP1"
    return "BP2"


def _layer_groups(model):
    """[(Linear, activation or None), ...]: the only shape the network drawing shows."""
    if not isinstance(model, Sequential):
        raise TypeError(f"the stepper needs a backprop Sequential or MLP, got "
                        f"{type(model).__name__}.")
    groups = []
    for layer in model.layers:
        if isinstance(layer, Linear):
            groups.append([layer, None])
        elif isinstance(layer, Activation) and groups and groups[-1][1] is None:
            groups[-1][1] = layer
        else:
            raise ValueError(f"the stepper shows Linear layers, each followed by at most one "
                             f"activation; this model has {model.layers}.")
    if not groups:
        raise ValueError("the model has no layers to step through.")
    return [tuple(g) for g in groups]


def _matrix(name, value):
    return {"name": name, "value": np.asarray(value, dtype=np.float64).tolist()}


def _neurons(k, row):
    return {f"n{k}.{i}": float(v) for i, v in enumerate(np.ravel(row))}


def _edges(k, n_in, n_out):
    return [f"w{k}.{i}.{j}" for i in range(n_in) for j in range(n_out)]


def _step(kind, rule, k, equation, result, operands, neurons=None, edges=(), shapes="{0}"):
    """One step; `shapes` writes the equation's shapes, {0} the result's, {1}... the operands'."""
    nodes = list(neurons or {})
    return {"kind": kind, "rule": rule, "layer": k, "node": f"layer{k}", "edge": None,
            "nodes": nodes, "edges": list(edges), "equation": equation,
            "result": _matrix(*result), "operands": [_matrix(*op) for op in operands],
            "neurons": neurons or {}, "shapes": shapes}


def _forward(paired, names, trace, weights, X, y):
    steps = [_step("forward", "inputs", 0, f"X: the batch, {len(X)} × {X.shape[1]}",
                   ("X", X), [], _neurons(0, X[0]))]
    for k, (linear, act) in enumerate(paired, 1):
        W, b = weights[k - 1], linear.layer.b.data
        steps.append(_step("forward", "linear", k, f"Z{k} = {names[k - 1]} W{k} + b{k}",
                           (f"Z{k}", linear.output),
                           [(names[k - 1], linear.input), (f"W{k}", W), (f"b{k}", b)],
                           _neurons(k, linear.output[0]), _edges(k, *W.shape), "{0} = {1}{2} + {3}"))
        if act is not None:
            steps.append(_step("forward", "activation", k, f"A{k} = {act.layer.name}(Z{k})",
                               (f"A{k}", act.output), [(f"Z{k}", act.input)],
                               _neurons(k, act.output[0]), shapes="{0}, elementwise"))
    last = len(paired)
    steps.append(_step("forward", "loss", last, f"L = {trace.loss.name}({names[-1]}, y)",
                       ("L", trace.loss_value), [(names[-1], trace.output), ("y", y)]))
    return steps


def _backward(paired, names, trace, weights):
    last = len(paired)
    steps = [_step("backward", "loss_gradient", last, f"d{names[-1]} = ∂L/∂{names[-1]}",
                   (f"d{names[-1]}", trace.grad_output), [(names[-1], trace.output)],
                   _neurons(last, trace.grad_output[0]))]
    for k in range(last, 0, -1):
        linear, act = paired[k - 1]
        if act is not None:
            f = act.layer.name
            steps.append(_step("backward", "hadamard", k, f"dZ{k} = dA{k} ⊙ {f}'(Z{k})",
                               (f"dZ{k}", act.grad_input),
                               [(f"dA{k}", act.grad_output), (f"{f}'(Z{k})", act.derivative)],
                               _neurons(k, act.grad_input[0]), shapes="{0} = {1} ⊙ {2}"))
        dZ, W, below = linear.grad_output, weights[k - 1], names[k - 1]
        steps.append(_step("backward", "matmul", k, f"dW{k} = {below}ᵀ dZ{k}",
                           (f"dW{k}", linear.grads["W"]),
                           [(f"{below}ᵀ", linear.input.T), (f"dZ{k}", dZ)],
                           edges=_edges(k, *W.shape), shapes="{0} = {1}{2}"))
        steps[-1]["edge_values"] = {e: float(v) for e, v in
                                    zip(_edges(k, *W.shape), linear.grads["W"].ravel())}
        steps.append(_step("backward", "sum", k, f"db{k} = Σ dZ{k}",
                           (f"db{k}", linear.grads["b"]), [(f"dZ{k}", dZ)],
                           shapes="{0} = the column sums of {1}"))
        steps.append(_step("backward", "matmul", k - 1, f"d{below} = dZ{k} W{k}ᵀ",
                           (f"d{below}", linear.grad_input), [(f"dZ{k}", dZ), (f"W{k}ᵀ", W.T)],
                           _neurons(k - 1, linear.grad_input[0]), _edges(k, *W.shape),
                           "{0} = {1}{2}"))
    return steps


def _shapes(step, decimals):
    """The shapes of the equation, e.g. (2×3) = (2×2)(2×3) + (3); for the loss, its value."""
    if step["rule"] == "loss":
        return f"= {number(step['result']['value'], decimals)}"
    shapes = [shape(np.asarray(m["value"])) for m in [step["result"], *step["operands"]]]
    return step["shapes"].format(*shapes)
