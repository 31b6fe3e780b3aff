"""The steps of a `Value` graph, read from the engine as it runs.

Forward: one step per value, in `Value.forward_steps`' topological order (each value
after its inputs): a leaf shows its number, an operation its inputs and its result.

Backward: first the seed ∂L/∂L = 1, then one step per term that `Value.backward_steps`
adds, outputs first:

    ∂L/∂child (+)= ∂L/∂node · ∂node/∂child = upstream × local = contribution
(when the node is L itself its local derivative is written ∂(its operation)/∂child, e.g.
∂(d · m)/∂d, so it does not read as the total ∂L/∂d; a value used twice shows its first
path's share as "so far" and the total only after the last path)

with `grad`, the child's running total right after the addition. A child that is an
input of several operations (or twice of one, a + a) gets one step per path ("path 1
of 2", ...); the last one's `grad` is its gradient.

Ids: value k of the topological order is "v<k>"; the edge into input slot a (or b) of
the operation that made v5 is "v5.a" (or "v5.b"), so a + a has two edges. Numbers are
full float64; `text` rounds each one with `numbers.number`.
"""

from ..graph import MAX_NODES, layout
from ..scalar import Value
from .layouts import value_layout
from .numbers import check_decimals, number, operand
from .pictures import value_picture
from .script import Script

_BINARY = {"+": ("+", "+"), "-": ("-", "-"), "*": ("·", "×"), "/": ("/", "/")}


def value_script(root, decimals=2):
    """The `Script` of `root`'s forward and backward pass (it runs `root`'s backward)."""
    if not isinstance(root, Value):
        raise TypeError(f"value_script needs a Value (the output of an expression), "
                        f"got {type(root).__name__}.")
    check_decimals(decimals)
    forward = list(root.forward_steps())
    if len(forward) > MAX_NODES:
        raise ValueError(f"this graph has {len(forward)} values; the stepper is meant for "
                         f"small graphs (at most {MAX_NODES}). Step through a smaller piece.")
    ids = {node: f"v{k}" for k, (node, _) in enumerate(forward)}
    names = {node: node.label or ids[node] for node, _ in forward}
    names[root] = root.label or "L"
    terms = _record_backward(root)
    placed = layout(root, decimals)  # after backward: the finished picture's layout
    steps = [_forward_step(node, inputs, ids, names, decimals) for node, inputs in forward]
    expressions = {node: _expression(node, inputs, names) for node, inputs in forward if inputs}
    steps += _backward_steps(root, terms, ids, names, expressions, decimals)
    for k, step in enumerate(steps):
        step["id"] = k
    snapshot = {node: (node.data, node.grad) for node, _ in forward}
    summary = (f"Stepper: the graph of {names[root]} ({len(forward)} values, "
               f"{sum(1 for _, inputs in forward if inputs)} operations): {len(forward)} "
               f"forward steps, {len(steps) - len(forward)} backward steps; "
               f"{names[root]} = {number(root.data, max(decimals, 4))}")
    return Script("value", value_layout(placed, root, ids, names), steps, len(forward),
                  summary, decimals,
                  lambda k=None: value_picture(root, snapshot, decimals,
                                               None if k is None else (k, steps, ids)))


def _record_backward(root):
    """Run the engine's backward pass; for each term, the running total right after it.
    An operation's terms come slot a first, then slot b (the order backward_steps adds)."""
    terms, slots_done = [], {}
    for child, node, local, upstream, contribution in root.backward_steps():
        slot = "ab"[slots_done.get(node, 0)]
        slots_done[node] = slots_done.get(node, 0) + 1
        terms.append((child, node, slot, local, upstream, contribution, child.grad))
    return terms


def _forward_step(node, inputs, ids, names, decimals):
    n = names[node]
    out = number(node.data, decimals)
    slots = "ab"[:len(inputs)]
    step = {"kind": "forward", "rule": "operation" if inputs else "leaf", "node": ids[node],
            "edge": None, "nodes": list(dict.fromkeys([ids[node], *(ids[c] for c in inputs)])),
            "edges": [f"{ids[node]}.{s}" for s in slots], "op": node._op,
            "inputs": [ids[c] for c in inputs], "data": node.data}
    if not inputs:
        step["text"] = f"{n} = {out}"
        return step
    nums = [number(inputs[0].data, decimals)]
    nums += [operand(c.data, decimals) for c in inputs[1:]]  # after an operator
    op = node._op
    if op in _BINARY:
        with_numbers = f"{nums[0]} {_BINARY[op][1]} {nums[1]}"
    elif op.startswith("**"):
        with_numbers = f"{operand(inputs[0].data, decimals)}{op}"
    elif op == "neg":
        with_numbers = f"-({nums[0]})"
    else:  # a function of one input: tanh, exp, log, relu, sigmoid
        with_numbers = f"{op}({nums[0]})"
    step["text"] = f"{n} = {_expression(node, inputs, names)} = {with_numbers} = {out}"
    return step


def _expression(node, inputs, names):
    """The operation that made `node`, in names: "d · m", "v + v", "tanh(n)", "c**2"."""
    a, op = names[inputs[0]], node._op
    if op in _BINARY:
        return f"{a} {_BINARY[op][0]} {names[inputs[1]]}"
    if op.startswith("**"):
        return f"{a}{op}"
    return f"-{a}" if op == "neg" else f"{op}({a})"


def _local_symbol(node, child, root, names, expressions):
    """The local derivative's symbol, ∂p/∂c. When p is the output L itself, ∂L/∂c would
    read as the total gradient, so the operation is written out instead: ∂(d · m)/∂d."""
    p = f"({expressions[node]})" if node is root else names[node]
    return f"∂{p}/∂{names[child]}"


def _backward_steps(root, terms, ids, names, expressions, decimals):
    d = f"∂{names[root]}"
    steps = [{"kind": "backward", "rule": "seed", "node": ids[root], "edge": None,
              "nodes": [ids[root]], "edges": [], "grad": root.grad,
              "text": f"{d}/{d} = {number(root.grad, decimals)}"}]
    paths = {}
    for child, *_ in terms:
        paths[child] = paths.get(child, 0) + 1
    taken, before = {}, {}
    for child, node, slot, local, upstream, contribution, grad in terms:
        taken[child] = taken.get(child, 0) + 1
        c, p = names[child], names[node]
        up, loc, con = number(upstream, decimals), operand(local, decimals), number(
            contribution, decimals)
        local_symbol = _local_symbol(node, child, root, names, expressions)
        product = f"{d}/∂{p} · {local_symbol} = {up} × {loc} = {con}"
        if paths[child] == 1:
            text = f"{d}/∂{c} = {product}"
        elif taken[child] == 1:  # one path's share, not yet the gradient: say so
            text = f"{d}/∂{c} so far = {product}   (path 1 of {paths[child]})"
        else:
            total = (f"{number(before[child], decimals)} + {operand(contribution, decimals)} = "
                     f"{number(grad, decimals)}")
            text = (f"{d}/∂{c} += {product}; {d}/∂{c} = {total}   "
                    f"(path {taken[child]} of {paths[child]})")
        edge = f"{ids[node]}.{slot}"
        steps.append({"kind": "backward", "rule": "chain", "node": ids[child], "from": ids[node],
                      "edge": edge, "nodes": [ids[child], ids[node]], "edges": [edge],
                      "local": local, "upstream": upstream, "contribution": contribution,
                      "factors": [upstream, local], "before": before.get(child, 0.0),
                      "grad": grad, "path": taken[child], "paths": paths[child], "text": text})
        before[child] = grad
    return steps
