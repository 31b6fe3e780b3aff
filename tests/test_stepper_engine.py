"""The engines' step records that the stepper plays: `Value.forward_steps`,
`Value.backward_steps` (which `Value.backward` itself runs) and `Sequential.trace`
(built on Sequential's own forward and backward)."""

import gc

import numpy as np
import pytest

import backprop as bp
from backprop import Value


def neuron_with_loss():
    x, w, b = Value(0.8, "x"), Value(-1.5, "w"), Value(0.3, "b")
    a = (x * w + b).tanh()
    return a + a * x  # x and a are both used twice


def test_backward_is_backward_steps_run_to_the_end(monkeypatch):
    """Value.backward consumes Value.backward_steps (with the GC paused while it runs)."""
    calls, gc_states = [], []
    real = Value.backward_steps

    def spy(self):
        calls.append(self)
        for step in real(self):
            gc_states.append(gc.isenabled())
            yield step

    loss = neuron_with_loss()
    monkeypatch.setattr(Value, "backward_steps", spy)
    was_enabled = gc.isenabled()
    loss.backward()
    assert calls == [loss]
    assert gc_states and not any(gc_states)  # the collector is off during the pass
    assert gc.isenabled() == was_enabled     # and back as it was afterwards


def test_backward_steps_give_each_term_of_the_chain_rule():
    loss = neuron_with_loss()
    order = loss.topological_order()
    edges = sum(len(n._children) for n in order)
    totals, steps = {}, []
    for step in loss.backward_steps():  # checked as they come, before the next step runs
        steps.append(step)
        child, node, local, upstream, contribution = step
        assert child in node._children
        assert local in node._local_grads
        assert upstream == node.grad            # the user's gradient is final when it flows
        assert contribution == local * upstream
        totals[child] = totals.get(child, 0.0) + contribution
        assert child.grad == totals[child]      # the running total, right after the step
    assert len(steps) == edges
    # the same gradients as backward(), which starts from zero again
    grads = [n.grad for n in order]
    loss.backward()
    assert [n.grad for n in order] == grads
    assert loss.grad == 1.0
    # nodes visited outputs first: the parents appear in reverse topological order
    parents = []
    for _, node, *_ in steps:
        if not parents or parents[-1] is not node:
            parents.append(node)
    assert parents == [n for n in reversed(order) if n._children]


def test_a_node_used_twice_gets_two_terms_that_add_up():
    a = Value(3.0, "a")
    b = a * a
    steps = list(b.backward_steps())
    assert [(s[0], s[2], s[4]) for s in steps] == [(a, 3.0, 3.0), (a, 3.0, 3.0)]
    assert a.grad == 6.0 == 2 * a.data


def test_forward_steps_follow_the_topological_order():
    loss = neuron_with_loss()
    steps = list(loss.forward_steps())
    assert [node for node, _ in steps] == loss.topological_order()
    seen = set()
    for node, inputs in steps:
        assert inputs == node._children and all(c in seen for c in inputs)
        seen.add(node)
    assert list(Value(2.0).forward_steps())[0][1] == ()


def test_backward_steps_on_a_deep_chain_need_no_recursion():
    x = Value(0.5)
    y = x
    for _ in range(20_000):
        y = y * 1.0001
    assert sum(1 for _ in y.backward_steps()) == 2 * 20_000
    assert x.grad == pytest.approx(1.0001 ** 20_000, rel=1e-9)


@pytest.mark.parametrize("sizes, activation, loss, y", [
    ([2, 3, 1], "tanh", "mse", np.array([0.5, -1.0, 2.0])),
    ([3, 4, 2], "relu", "cross_entropy", np.array([0, 1, 1])),
    ([2, 2, 2, 1], "sigmoid", "bce", np.array([1.0, 0.0, 1.0])),
])
def test_trace_records_what_forward_and_backward_compute(sizes, activation, loss, y):
    rng = np.random.default_rng(3)
    model = bp.MLP(sizes, activation=activation, rng=rng)
    X = rng.normal(size=(3, sizes[0]))
    trace = model.trace(X, y, loss)
    assert [r.layer for r in trace.layers] == model.layers  # the real layers, in order
    traced = {name: p.grad.copy() for name, p in model.named_parameters()}
    # the plain passes, layer by layer, from the model's own forward and backward
    loss_fn = bp.get_loss(loss)
    out = model.forward(X)
    np.testing.assert_allclose(trace.output, out, rtol=1e-14, atol=0)
    assert trace.loss_value == pytest.approx(loss_fn.forward(out, y), rel=1e-14)
    dout = loss_fn.backward()
    np.testing.assert_allclose(trace.grad_output, dout, rtol=1e-14, atol=0)
    dX = model.backward(dout)
    for name, p in model.named_parameters():
        np.testing.assert_allclose(traced[name], p.grad, rtol=1e-13, atol=1e-300)
    np.testing.assert_allclose(trace.layers[0].grad_input, dX, rtol=1e-13, atol=1e-300)
    # layer by layer: outputs feed the next inputs, gradients the previous layer
    np.testing.assert_array_equal(trace.layers[0].input, X)
    for before, after in zip(trace.layers, trace.layers[1:]):
        np.testing.assert_array_equal(before.output, after.input)
        np.testing.assert_array_equal(before.grad_output, after.grad_input)
    np.testing.assert_array_equal(trace.layers[-1].grad_output, trace.grad_output)
    f_prime = bp.activation_functions(activation)[1]
    for record in trace.layers:
        if isinstance(record.layer, bp.Linear):
            assert set(record.grads) == {"W", "b"} and record.derivative is None
            np.testing.assert_allclose(record.output, record.input @ record.layer.W.data
                                       + record.layer.b.data, rtol=1e-12)
        else:
            assert record.grads == {}
            np.testing.assert_allclose(record.derivative, f_prime(record.input), rtol=1e-12)
            np.testing.assert_allclose(record.grad_input,
                                       record.grad_output * record.derivative, rtol=1e-12)


def test_trace_keeps_copies():
    model = bp.MLP([2, 2, 1], activation="tanh", seed=1)
    X = np.array([[1.0, 2.0]])
    trace = model.trace(X, np.array([0.0]))
    W_grad = trace.layers[0].grads["W"].copy()
    X[0, 0] = 99.0
    model.layers[0].W.grad[...] = 0.0
    assert trace.layers[0].input[0, 0] == 1.0
    np.testing.assert_array_equal(trace.layers[0].grads["W"], W_grad)


def test_trace_errors_are_the_engine_s():
    model = bp.MLP([2, 2, 1], seed=0)
    with pytest.raises(ValueError, match=r"expects input of shape \(N, 2\)"):
        model.trace(np.ones((2, 3)), np.ones(2))
    with pytest.raises(ValueError, match="unknown loss"):
        model.trace(np.ones((2, 2)), np.ones(2), loss="hinge")
