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


# --- check_atoms: softmax + cross-entropy, atom by atom -----------------------------------

from backprop.backward_exercise import ATOMS, check_atoms, softmax_ce_atoms  # noqa: E402


def atoms_solution(cache, break_line=None):
    """The lesson's solution; break_line leaves out or breaks one line as a learner might."""
    Z, y, m, E, s, P = (cache[k] for k in ("Z", "y", "m", "E", "s", "P"))
    N = len(Z)
    dlogP = np.zeros_like(P)
    dlogP[np.arange(N), y] = -1 / N
    dP = dlogP / P
    dE = dP / s
    ds = -(dP * E / s ** 2).sum(axis=1, keepdims=True)
    if break_line != "no sum route":
        dE = dE + ds
    dS = dE * E
    dm = -dS.sum(axis=1, keepdims=True)
    dZ = dS if break_line == "no max route" else dS + (Z == m) * dm
    if break_line == "dm no keepdims":
        dm = -dS.sum(axis=1)
    out = {"dlogP": dlogP, "dP": dP, "dE": dE, "dS": dS, "dm": dm, "dZ": dZ}
    if break_line == "no dm":
        del out["dm"]
    return out


def atoms_from_P(cache):
    """Another right answer: ds through P = E / s, and dS through exp(S)."""
    Z, y, m, S, s, P = (cache[k] for k in ("Z", "y", "m", "S", "s", "P"))
    N = len(Z)
    dlogP = np.zeros_like(P)
    dlogP[np.arange(N), y] = -1 / N
    dP = dlogP / P
    dE = dP / s - (dP * P / s).sum(axis=1, keepdims=True)
    dS = dE * np.exp(S)
    dm = -dS.sum(axis=1, keepdims=True)
    return {"dlogP": dlogP, "dP": dP, "dE": dE, "dS": dS, "dm": dm, "dZ": dS + (Z == m) * dm}


def atoms_cache():
    Z = np.random.default_rng(4).normal(size=(8, 3))
    return softmax_ce_atoms(Z, np.random.default_rng(5).integers(0, 3, size=8))


def test_softmax_ce_atoms_is_the_package_loss():
    Z = np.random.default_rng(4).normal(size=(8, 3))
    labels = np.random.default_rng(5).integers(0, 3, size=8)
    L, cache = softmax_ce_atoms(Z, labels)
    assert abs(L - CrossEntropyLoss().forward(Z, labels)) < 1e-12
    assert set(cache) == {"Z", "y", "m", "S", "E", "s", "P", "logP"}
    assert ATOMS == ("dlogP", "dP", "dE", "dS", "dm", "dZ")


@pytest.mark.parametrize("answer", [atoms_solution, atoms_from_P])
def test_check_atoms_passes_right_answers(answer, capsys):
    assert check_atoms(answer, atoms_cache()[1])
    out = capsys.readouterr().out
    assert "WRONG" not in out and "the route through the max" in out


@pytest.mark.parametrize("break_line, first_wrong", [
    ("no max route", "dZ"),       # dZ = dS: right numbers here (dm = 0), wrong rule
    ("no sum route", "dE"),
    ("dm no keepdims", "dm"),
])
def test_check_atoms_catches_a_wrong_line(break_line, first_wrong, capsys):
    _, cache = atoms_cache()
    assert not check_atoms(lambda c: atoms_solution(c, break_line), cache)
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith(first_wrong) and ("WRONG" in last or "shape" in last)


def test_check_atoms_without_the_max_route_passes_step_1_then_fails(capsys):
    """The hole a review found: dZ = dS agrees with the numerical dZ, because dm is 0; only the
    probe with a dS whose rows do not sum to 0 can see the missing route."""
    _, cache = atoms_cache()
    assert not check_atoms(lambda c: atoms_solution(c, "no max route"), cache)
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines[:6]] == list(ATOMS)
    assert all(line.endswith("ok") for line in lines[:6])  # step 1 cannot see it
    assert lines[-2] == "dm     norm error < 1e-6  ok"
    assert lines[-1].startswith("dZ") and "WRONG" in lines[-1]


def test_check_atoms_asks_for_a_missing_dm(capsys):
    _, cache = atoms_cache()
    assert not check_atoms(lambda c: atoms_solution(c, "no dm"), cache)
    assert capsys.readouterr().out.strip().splitlines()[-1] == "next line to write: dm"


def test_check_atoms_does_not_let_the_learner_change_the_cache():
    _, cache = atoms_cache()
    before = {k: v.copy() for k, v in cache.items()}

    def vandal(c):
        out = atoms_solution(c)
        for v in c.values():
            v[...] = 0
        return out

    assert check_atoms(vandal, cache)
    assert all(np.array_equal(cache[k], before[k]) for k in before)
