"""Checks for homework 02: backprop by hand through small graphs, and the backward of
`Value` operations.

Graph 1 (lesson 02's names):  u = a·b,  d = u + c,  L = d·m.
    dL/dm = d,  dL/dd = m,  dL/dc = m,  dL/du = m,  dL/da = m·b,  dL/db = m·a.
Graph 2 (a used three times):  u = a·x,  v = u·a,  L = v + a.
    dL/da = x·a (through u) + u (through v) + 1 (directly) = 2ax + 1,   dL/dx = a².
Operation backward (micrograd style), for out = a·b and out = tanh(a):
    a.grad += b.data · out.grad;   b.grad += a.data · out.grad;   a.grad += (1 - out.data²) · out.grad
"""

import math
from types import SimpleNamespace

import numpy as np

from ..scalar import Value
from . import mistakes as M
from .compare import compare, unpack
from .feedback import Wrong, call, exercise_check, hidden_seed


def _graph1(a, b, c, m):
    va, vb, vc, vm = Value(a), Value(b), Value(c), Value(m)
    u = va * vb
    d = u + vc
    L = d * vm
    L.backward()
    return {"u": u.data, "d": d.data, "L": L.data,
            "da": va.grad, "db": vb.grad, "dc": vc.grad, "dm": vm.grad}


def _cases(seed, n=3):
    return np.random.default_rng(hidden_seed(seed)).uniform(-3, 3, size=(n, 4)).round(3)


@exercise_check("forward_values")
def check_forward_values(forward_values):
    for a, b, c, m in _cases(201):
        ref = _graph1(a, b, c, m)
        got = unpack(call(forward_values, a, b, c, m), ["u", "d", "L"])
        for name, value in zip(["u", "d", "L"], got):
            compare(name, value, ref[name], where=f"for a, b, c, m = {a}, {b}, {c}, {m}")
    return "u, d and L are right for 3 hidden inputs."


@exercise_check("backward_by_hand")
def check_backward_by_hand(backward_by_hand):
    for a, b, c, m in _cases(202):
        ref = _graph1(a, b, c, m)
        got = unpack(call(backward_by_hand, a, b, c, m), ["da", "db", "dc", "dm"])
        where = f"for a, b, c, m = {a}, {b}, {c}, {m}"
        wrong_var = M.WRONG_VARIABLE.format(fix="∂(a·b)/∂a is the other factor b, not a")
        compare("da", got[0], ref["da"], [(wrong_var, m * a)], where=where)
        compare("db", got[1], ref["db"], [(wrong_var.replace("∂a is the other factor b, not a",
                                                             "∂b is the other factor a, not b"),
                                           m * b)], where=where)
        compare("dc", got[2], ref["dc"], [("d = u + c passes its gradient to c unchanged: "
                                           "dL/dc = dL/dd = m.", 1.0)], where=where)
        compare("dm", got[3], ref["dm"], where=where)
    return "all four gradients agree with the Value engine on 3 hidden inputs."


@exercise_check("backward_reuse")
def check_backward_reuse(backward_reuse):
    for a, x in _cases(203)[:, :2]:
        va, vx = Value(a), Value(x)
        u = va * vx
        L = u * va + va
        L.backward()
        got = unpack(call(backward_reuse, a, x), ["da", "dx"])
        # a by-hand sum that leaves out one or two of the three paths (through u = a·x,
        # through v = u·a, directly): x·a, u = a·x, 1, and their partial sums
        partial = [(M.MISSING_PATH.format(fix=f"your da = {v:.4g} has only {label}, but a reaches "
                                          "L three ways: x·a (through u) + u (through v) + 1 "
                                          "(directly) = 2ax + 1"), v)
                   for v, label in ((x * a, "one path"), (1.0, "the direct path"),
                                    (x * a + 1.0, "two of the paths"),
                                    (2 * a * x, "the paths through u and v"))]
        where = f"for a = {a}, x = {x}"
        compare("da", got[0], va.grad, partial, where=where)
        compare("dx", got[1], vx.grad, where=where)
    return "da sums all three paths and dx is right, on 3 hidden inputs."


def _node(data, grad=0.0):
    return SimpleNamespace(data=float(data), grad=float(grad))


def _run_op_backward(function, nodes, out):
    result = call(function, *nodes, out, copy_inputs=False)
    if result is not None:
        raise Wrong("should change a.grad (and b.grad) in place and return nothing; "
                    f"it returned a {type(result).__name__}.")


@exercise_check("mul_backward")
def check_mul_backward(mul_backward):
    rng = np.random.default_rng(hidden_seed(204))
    a_data, b_data, upstream, earlier_a, earlier_b = rng.uniform(-2, 2, size=5).round(3)
    # two different inputs that already hold gradient from other paths
    a, b = _node(a_data, earlier_a), _node(b_data, earlier_b)
    out = _node(a_data * b_data, upstream)
    _run_op_backward(mul_backward, (a, b), out)
    over = M.OVERWRITTEN.format(fix="a.grad already held gradient from another path and it was "
                                    "replaced")
    where = f"a = {a_data}, b = {b_data}, out.grad = {upstream}"
    compare("a.grad", a.grad, earlier_a + b_data * upstream,
            [(over, b_data * upstream),
             (M.WRONG_VARIABLE.format(fix="∂(a·b)/∂a = b, so a.grad += b.data · out.grad"),
              earlier_a + a_data * upstream),
             (M.FORGOT_UPSTREAM.format(upstream="out.grad"), earlier_a + b_data)], where=where)
    compare("b.grad", b.grad, earlier_b + a_data * upstream,
            [(over.replace("a.grad", "b.grad"), a_data * upstream)], where=where)
    # the same node on both sides: out = a·a must give a.grad = 2a · out.grad
    a = _node(a_data)
    out = _node(a_data * a_data, upstream)
    _run_op_backward(mul_backward, (a, a), out)
    compare("a.grad", a.grad, 2 * a_data * upstream,
            [(M.OVERWRITTEN.format(fix="for out = a·a, both factors are the same node, so its "
                                       "gradient must get both shares"), a_data * upstream)],
            where=f"for out = a·a with a = {a_data}")
    return "right for two inputs and for a node used twice (a·a)."


@exercise_check("tanh_backward")
def check_tanh_backward(tanh_backward):
    rng = np.random.default_rng(hidden_seed(205))
    a_data, upstream, earlier = rng.uniform(-2, 2, size=3).round(3)
    a = _node(a_data, earlier)
    t = math.tanh(a_data)
    out = _node(t, upstream)
    _run_op_backward(tanh_backward, (a,), out)
    compare("a.grad", a.grad, earlier + (1 - t * t) * upstream,
            [(M.OVERWRITTEN.format(fix="a.grad already held gradient from another path and "
                                       "it was replaced"), (1 - t * t) * upstream),
             (M.WRONG_VARIABLE.format(fix="tanh'(a) = 1 - tanh(a)² = 1 - out.data², "
                                          "you used 1 - a.data²"),
              earlier + (1 - a_data ** 2) * upstream),
             (M.FORGOT_UPSTREAM.format(upstream="out.grad"), earlier + (1 - t * t))],
            where=f"a = {a_data}, out.grad = {upstream}")
    return "right, and it adds to the gradient a node already has."
