"""Lesson 06's backprop-ninja checker: it passes the right backward pass, and stops, naming
the gradient, at the first line that is missing, misshapen or wrong."""

import numpy as np
import pytest

from backprop import softmax
from backprop.backward_exercise import ORDER, check_backward, package_gradients
from backprop.gradcheck import norm_error, numerical_gradient
from backprop.layers import MLP
from backprop.losses import CrossEntropyLoss

rng = np.random.default_rng(3)
X, y = rng.normal(size=(8, 2)), rng.integers(0, 2, size=8)


def solution(X, Y, W1, b1, W2, b2, top="cross_entropy", break_line=None):
    A1 = np.tanh(X @ W1 + b1)
    Z2 = A1 @ W2 + b2
    out = {}
    if top == "mse":
        A2 = 1 / (1 + np.exp(-Z2))
        out["dA2"] = 2 * (A2 - Y) / A2.size
        out["dZ2"] = out["dA2"] * A2 * (1 - A2)
    else:
        out["dZ2"] = (softmax(Z2) - Y) / len(X)
    out["dW2"], out["db2"] = A1.T @ out["dZ2"], out["dZ2"].sum(axis=0)
    out["dZ1"] = (out["dZ2"] @ W2.T) * (1 - A1 ** 2)
    out["dW1"], out["db1"] = X.T @ out["dZ1"], out["dZ1"].sum(axis=0)
    if break_line == "db1 shape":
        out["db1"] = out["dZ1"]
    elif break_line == "dZ1 no f'":
        out["dZ1"] = out["dZ2"] @ W2.T
    elif break_line == "dW2 missing":
        out["dW2"] = None
    return out


def test_the_package_gradients_are_the_true_ones():
    model, loss = MLP([2, 3, 2], activation="tanh", seed=1), CrossEntropyLoss()
    ref = package_gradients(X, y)

    def L(_=None):
        return loss.forward(model.forward(X), y)

    W1, b1, W2, b2 = model.parameters()
    for name, param in [("dW1", W1), ("db1", b1), ("dW2", W2), ("db2", b2)]:
        assert norm_error(ref[name], numerical_gradient(L, param.data)) < 1e-8


@pytest.mark.parametrize("top", ["cross_entropy", "mse"])
def test_a_right_backward_pass_passes_every_line(top, capsys):
    assert check_backward(lambda *a: solution(*a, top=top), X, y, top=top)
    lines = capsys.readouterr().out.splitlines()
    expected = [n for n in ORDER if top == "mse" or n != "dA2"]
    assert [line.split()[0] for line in lines] == expected
    assert all("ok" in line for line in lines)


@pytest.mark.parametrize("broken, first_bad, says", [
    ("dW2 missing", "dW2", "next line to write: dW2"),
    ("dZ1 no f'", "dZ1", "dZ1  WRONG"),
    ("db1 shape", "db1", "db1  shape (8, 3), should be (3,)"),
])
def test_it_stops_at_the_first_bad_line_and_names_it(broken, first_bad, says, capsys):
    assert not check_backward(lambda *a: solution(*a, break_line=broken), X, y)
    out = capsys.readouterr().out
    assert out.splitlines()[-1].startswith(says)
    assert all(line.split()[1] == "ok:" for line in out.splitlines()[:-1])


def test_bad_input_is_refused_with_what_to_do():
    with pytest.raises(ValueError, match="X of shape"):
        check_backward(solution, X[:, :1], y)
    with pytest.raises(ValueError, match="top must be"):
        check_backward(solution, X, y, top="hinge")
    with pytest.raises(TypeError, match="dict of gradients"):
        check_backward(lambda *a: [1, 2], X, y)
