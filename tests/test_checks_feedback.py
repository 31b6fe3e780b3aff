"""How checks report: not implemented, errors, other named mistakes, strict mode, determinism."""

import numpy as np
import pytest

from backprop import checks
from backprop.checks import feedback
from backprop.checks.compare import compare
from backprop.checks.feedback import Wrong


def test_not_implemented_is_a_short_line_not_a_traceback(capsys):
    def linear_forward(X, W, b):
        raise NotImplementedError()

    checks.check_linear_forward(linear_forward)
    out = capsys.readouterr().out
    assert out == ("… linear_forward: not implemented yet. Replace `raise NotImplementedError()` "
                   "with your code, then run this cell again.\n")
    assert checks.check_linear_forward.evaluate(linear_forward).status == "not implemented"


def test_not_implemented_helper_is_named():
    def softmax(z):
        raise NotImplementedError()

    def cross_entropy(logits, y):
        return -np.log(softmax(logits)[np.arange(len(y)), y]).mean()

    line = checks.check_cross_entropy.evaluate(cross_entropy).line()
    assert "it calls `softmax`, which is not implemented yet" in line


def test_an_exception_names_its_type_and_the_learners_line():
    def linear_backward(dZ, X, W):
        dX = dZ @ W  # shapes (6, 3) @ (4, 3) do not match
        return dX, X.T @ dZ, dZ.sum(0)

    result = checks.check_linear_backward.evaluate(linear_backward)
    assert result.status == "error"
    assert result.line().startswith("✗ linear_backward raised ValueError: matmul")
    assert "(at `dX = dZ @ W  # shapes (6, 3) @ (4, 3) do not match`)" in result.line()


def test_the_largest_relative_error_and_where_it_is():
    expected = np.array([[1.0, 2.0], [3.0, 4.0]])
    got = expected.copy()
    got[1, 0] = 3.3
    with pytest.raises(Wrong) as e:
        compare("dW", got, expected)
    assert str(e.value) == ("dW is wrong (largest relative error 4.8e-02, at dW[1, 0]: yours 3.3, "
                            "expected 3)."), str(e.value)


def test_none_means_a_missing_return():
    def linear_backward(dZ, X, W):
        dX, dW = dZ @ W.T, X.T @ dZ
        db = dZ.sum(0)  # noqa: F841 - the learner forgot to return
        return dX, dW, None

    assert "db is None: did you forget to `return` it?" in \
        checks.check_linear_backward.evaluate(linear_backward).line()


def test_softmax_overflow_is_explained():
    def softmax(z):
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    line = checks.check_softmax.evaluate(softmax).line()
    assert "logits up to 1000" in line and "It overflows" in line and "row's max" in line


def test_softmax_over_the_wrong_axis():
    def softmax(z):
        e = np.exp(z - z.max(axis=0))
        return e / e.sum(axis=0)

    assert "wrong axis" in checks.check_softmax.evaluate(softmax).line()


def test_one_sided_difference_and_missing_bias_correction_and_l1():
    line = checks.check_derivative.evaluate(lambda f, x, h=1e-5: (f(x + h) - f(x)) / h).line()
    assert "one-sided difference" in line

    def adam_step(w, g, m, v, t, lr, b1, b2, eps):
        m, v = b1 * m + (1 - b1) * g, b2 * v + (1 - b2) * g * g
        return w - lr * m / (np.sqrt(v) + eps), m, v

    assert "bias correction is missing" in checks.check_adam_step.evaluate(adam_step).line()
    line = checks.check_penalty_gradient.evaluate(lambda W, l1, l2: l2 * W + l1 * np.abs(W)).line()
    assert "l1 · sign(W), not l1 · |W|" in line


def test_dropped_last_batch_and_regularized_biases():
    def minibatches(n, batch_size, rng):
        order = rng.permutation(n)
        return [order[i:i + batch_size] for i in range(0, n - batch_size + 1, batch_size)]

    assert "the last 3 examples are never used" in \
        checks.check_minibatches.evaluate(minibatches).line()

    def add_penalty_gradients(params, l1, l2):
        for p in params:
            p.grad = p.grad + l2 * p.data + l1 * np.sign(p.data)

    assert "Biases are not regularized" in \
        checks.check_add_penalty_gradients.evaluate(add_penalty_gradients).line()


def test_checks_do_not_let_the_learner_change_the_hidden_inputs():
    def linear_forward(X, W, b):
        Z = X @ W + b
        X[:] = 0  # vandalism must not change the reference
        return Z

    assert checks.check_linear_forward.evaluate(linear_forward).passed


def test_strict_mode_raises_for_nbgrader(monkeypatch, capsys):
    monkeypatch.setattr(feedback, "_STRICT", True)  # the mode is read once, at import

    def linear_forward(X, W, b):
        raise NotImplementedError()

    with pytest.raises(AssertionError, match="not implemented"):
        checks.check_linear_forward(linear_forward)
    checks.check_linear_forward(lambda X, W, b: X @ W + b)  # a right answer passes quietly
    assert capsys.readouterr().out.count("✓") == 1


def test_feedback_is_deterministic():
    def wrong(dZ, X, W):
        return dZ @ W.T, X.T @ dZ * 1.1, dZ.sum(0)

    lines = {checks.check_linear_backward.evaluate(wrong).line() for _ in range(3)}
    assert len(lines) == 1
    assert "It is 1.1 times the right value" in lines.pop()


def test_unknown_check_name_is_reported_not_raised():
    assert checks.evaluate("check_nothing").status == "error"
