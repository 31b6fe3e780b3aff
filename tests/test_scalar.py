"""The scalar engine `Value`: forward values and gradients of every operation, checked
against central differences in float64; graph shapes that trip up tiny autograd
engines (deep chains, a node used twice, diamonds). Stability: test_scalar_stability.py."""

import math

import pytest
from engine_helpers import derivative

from backprop import Value

# (description, operation on a Value, the same operation on a float, point x)
UNARY_CASES = [
    ("v + 2", lambda v: v + 2, lambda x: x + 2, 1.7),
    ("2 + v", lambda v: 2 + v, lambda x: 2 + x, 1.7),
    ("v - 1", lambda v: v - 1, lambda x: x - 1, 1.7),
    ("1 - v", lambda v: 1 - v, lambda x: 1 - x, 1.7),
    ("v * 2", lambda v: v * 2, lambda x: x * 2, 1.7),
    ("2 * v", lambda v: 2 * v, lambda x: 2 * x, 1.7),
    ("v / 10", lambda v: v / 10, lambda x: x / 10, 1.7),
    ("10 / v", lambda v: 10 / v, lambda x: 10 / x, 1.7),
    ("10 / v at v<0", lambda v: 10 / v, lambda x: 10 / x, -0.6),
    ("-v", lambda v: -v, lambda x: -x, 1.7),
    ("v ** 3", lambda v: v ** 3, lambda x: x ** 3, 1.7),
    ("v ** 3 at v<0", lambda v: v ** 3, lambda x: x ** 3, -1.3),
    ("v ** -0.5", lambda v: v ** -0.5, lambda x: x ** -0.5, 1.7),
    ("v ** 2.5", lambda v: v ** 2.5, lambda x: x ** 2.5, 0.8),
    ("v ** -2 at v<0", lambda v: v ** -2, lambda x: x ** -2, -1.3),
    ("relu(v), v>0", lambda v: v.relu(), lambda x: max(x, 0.0), 1.7),
    ("relu(v), v<0", lambda v: v.relu(), lambda x: max(x, 0.0), -0.4),
    ("tanh(v)", lambda v: v.tanh(), math.tanh, 0.6),
    ("tanh(v) at v<0", lambda v: v.tanh(), math.tanh, -2.2),
    ("sigmoid(v)", lambda v: v.sigmoid(), lambda x: 1 / (1 + math.exp(-x)), 0.6),
    ("sigmoid(v) at v<0", lambda v: v.sigmoid(), lambda x: 1 / (1 + math.exp(-x)), -3.1),
    ("exp(v)", lambda v: v.exp(), math.exp, 1.3),
    ("exp(v) at v<0", lambda v: v.exp(), math.exp, -2.0),
    ("log(v)", lambda v: v.log(), math.log, 0.3),
    ("log(v) large", lambda v: v.log(), math.log, 40.0),
]


@pytest.mark.parametrize("name, op, f, x", UNARY_CASES, ids=[c[0] for c in UNARY_CASES])
def test_one_input_data_and_gradient(name, op, f, x):
    v = Value(x)
    out = op(v)
    assert isinstance(out, Value)
    assert out.data == pytest.approx(f(x), rel=1e-14, abs=1e-15)
    out.backward()
    assert v.grad == pytest.approx(derivative(f, x), rel=1e-7, abs=1e-9)


BINARY_CASES = [
    ("a + b", lambda a, b: a + b), ("a - b", lambda a, b: a - b),
    ("a * b", lambda a, b: a * b), ("a / b", lambda a, b: a / b),
]


@pytest.mark.parametrize("name, op", BINARY_CASES, ids=[c[0] for c in BINARY_CASES])
@pytest.mark.parametrize("a0, b0", [(1.5, -0.8), (-2.0, 3.0)])
def test_two_input_data_and_both_partials(name, op, a0, b0):
    a, b = Value(a0), Value(b0)
    out = op(a, b)
    assert out.data == pytest.approx(op(a0, b0), rel=1e-14)
    out.backward()
    assert a.grad == pytest.approx(derivative(lambda x: op(x, b0), a0), rel=1e-7)
    assert b.grad == pytest.approx(derivative(lambda x: op(a0, x), b0), rel=1e-7)


def test_composite_expression_gradient():
    """A neuron-like expression mixing every operation."""
    def f(x, w):
        return ((x * w + 0.5).tanh() * 3 - (x / w) ** 2 + (w * 0.1).exp() + x.sigmoid()).relu()

    def f_float(x, w):
        return max(3 * math.tanh(x * w + 0.5) - (x / w) ** 2 + math.exp(w * 0.1)
                   + 1 / (1 + math.exp(-x)), 0.0)

    x, w = Value(0.9), Value(-1.4)
    out = f(x, w)
    assert out.data == pytest.approx(f_float(0.9, -1.4), rel=1e-13)
    out.backward()
    assert x.grad == pytest.approx(derivative(lambda t: f_float(t, -1.4), 0.9), rel=1e-7)
    assert w.grad == pytest.approx(derivative(lambda t: f_float(0.9, t), -1.4), rel=1e-7)


def test_deep_chain_of_100000_operations():
    x = Value(0.5)
    y = x
    for _ in range(100_000):
        y = y * 1.00001
    y.backward()  # a recursive topological sort would raise RecursionError here
    assert y.data == pytest.approx(0.5 * 1.00001 ** 100_000, rel=1e-9)
    assert x.grad == pytest.approx(1.00001 ** 100_000, rel=1e-9)


def test_node_used_twice_accumulates():
    a = Value(3.0)
    b = a + a
    b.backward()
    assert a.grad == 2.0
    c = Value(3.0)
    d = c * c  # d = c^2, dd/dc = 2c
    d.backward()
    assert c.grad == 6.0


def test_diamond_graph_sums_both_paths():
    """a feeds b and c, both feed d: dd/da = (dd/db)(db/da) + (dd/dc)(dc/da)."""
    a = Value(0.7)
    b = a * 3
    c = a.tanh()
    d = b * c
    d.backward()
    t = math.tanh(0.7)
    assert a.grad == pytest.approx(3 * t + 3 * 0.7 * (1 - t * t), rel=1e-14)
    assert a.grad == pytest.approx(derivative(lambda x: 3 * x * math.tanh(x), 0.7), rel=1e-7)
    assert b.grad == pytest.approx(t) and c.grad == pytest.approx(2.1)


def test_backward_twice_gives_the_same_gradients():
    a, b = Value(1.2), Value(-0.3)
    mid = a * b + a
    out = mid.tanh() * a
    out.backward()
    first = [node.grad for node in out.topological_order()]
    out.backward()  # documented: recomputes from zero, does not accumulate
    second = [node.grad for node in out.topological_order()]
    assert first == second
    assert a.grad == pytest.approx(derivative(lambda x: math.tanh(x * -0.3 + x) * x, 1.2), rel=1e-7)


def test_topological_order_puts_inputs_first():
    a, b = Value(1.0), Value(2.0)
    c = a * b
    d = c + a
    e = d.exp() + c
    order = e.topological_order()
    assert order[-1] is e
    assert len(order) == len({id(n) for n in order})  # each node once
    position = {id(n): i for i, n in enumerate(order)}
    for node in order:
        for child in node._children:
            assert position[id(child)] < position[id(node)]
