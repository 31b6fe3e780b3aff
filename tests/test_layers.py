"""`Linear`, `Sequential` and `MLP`: Z = X W + b and its backward (dX = dZ W^T,
dW = X^T dZ, db = sum_n dZ) checked numerically; whole networks gradient-checked with
`backprop.gradcheck` and with our own numerical dX."""

import numpy as np
import pytest
from engine_helpers import input_gradient_error, kink_margin, max_rel_error, numeric_grad, targets_for

import backprop as bp


def test_linear_forward_shapes_and_init():
    rng = np.random.default_rng(0)
    lin = bp.Linear(3, 5, rng=rng)
    assert lin.W.data.shape == (3, 5) and lin.b.data.shape == (5,)
    assert np.all(lin.b.data == 0)
    assert np.abs(lin.W.data).max() <= np.sqrt(6 / 8)  # Glorot limit sqrt(6 / (in + out))
    assert lin.W.regularize and not lin.b.regularize
    X = rng.normal(size=(4, 3))
    np.testing.assert_allclose(lin.forward(X), X @ lin.W.data + lin.b.data, rtol=1e-15)


def test_linear_backward_matches_numerical_gradients():
    rng = np.random.default_rng(3)
    lin = bp.Linear(4, 3, rng=rng)
    lin.b.data = rng.normal(size=3)
    X = rng.normal(size=(5, 4))
    dZ = rng.uniform(0.5, 1.5, size=(5, 3)) * rng.choice([-1.0, 1.0], size=(5, 3))

    def objective():  # L = sum(Z * dZ), so dL/dZ = dZ
        return float(np.sum(lin.forward(X) * dZ))

    lin.forward(X)
    dX = lin.backward(dZ)
    for analytic, wrt in [(dX, X), (lin.W.grad.copy(), lin.W.data), (lin.b.grad.copy(), lin.b.data)]:
        assert max_rel_error(analytic, numeric_grad(objective, wrt)) <= 1e-7
    # and the formulas themselves
    np.testing.assert_allclose(lin.W.grad, X.T @ dZ, rtol=1e-14)
    np.testing.assert_allclose(lin.b.grad, dZ.sum(axis=0), rtol=1e-14)


def test_linear_backward_overwrites_grad():
    rng = np.random.default_rng(0)
    lin = bp.Linear(2, 2, rng=rng)
    X, dZ = rng.normal(size=(3, 2)), rng.normal(size=(3, 2))
    lin.forward(X)
    lin.backward(dZ)
    first = lin.W.grad.copy()
    lin.backward(dZ)
    np.testing.assert_array_equal(lin.W.grad, first)


def test_linear_needs_an_explicit_rng():
    with pytest.raises(TypeError, match=r"needs rng=np.random.default_rng\(seed\)"):
        bp.Linear(2, 3)


def test_mlp_structure_and_seeding():
    model = bp.MLP([2, 8, 4, 3], activation="tanh", seed=1)
    kinds = [type(layer).__name__ for layer in model.layers]
    assert kinds == ["Linear", "Tanh", "Linear", "Tanh", "Linear"]  # last layer linear
    names = [name for name, _ in model.named_parameters()]
    assert names == ["layers[0].W", "layers[0].b", "layers[2].W", "layers[2].b",
                     "layers[4].W", "layers[4].b"]
    assert [p for _, p in model.named_parameters()] == model.parameters()
    same, other = bp.MLP([2, 8, 4, 3], "tanh", seed=1), bp.MLP([2, 8, 4, 3], "tanh", seed=2)
    for p, q, r in zip(model.parameters(), same.parameters(), other.parameters()):
        np.testing.assert_array_equal(p.data, q.data)
        if p.regularize:
            assert not np.array_equal(p.data, r.data)
    with_rng = bp.MLP([2, 8, 4, 3], "tanh", rng=np.random.default_rng(1))
    np.testing.assert_array_equal(with_rng.layers[0].W.data, model.layers[0].W.data)


def test_sequential_zero_grad_and_call():
    model = bp.MLP([3, 4, 2], seed=0)
    X = np.random.default_rng(0).normal(size=(5, 3))
    out = model(X)
    model.backward(np.ones_like(out))
    assert any(np.any(p.grad != 0) for p in model.parameters())
    model.zero_grad()
    assert all(np.all(p.grad == 0) and p.grad.shape == p.data.shape for p in model.parameters())


CASES = [  # (activation, loss, sizes)
    (act, loss, sizes)
    for act in ["sigmoid", "tanh", "relu", "leaky_relu", "identity"]
    for loss, sizes in [("mse", [3, 5, 4, 2]), ("bce", [3, 6, 1]), ("cross_entropy", [3, 5, 4, 3])]
]


@pytest.mark.parametrize("activation, loss, sizes", CASES)
def test_whole_network_gradcheck(activation, loss, sizes):
    rng = np.random.default_rng(7)
    model = bp.MLP(sizes, activation=activation, seed=3)
    for p in model.parameters():
        if not p.regularize:  # non-zero biases, so they matter in the check
            p.data = rng.normal(scale=0.5, size=p.data.shape)
    X = rng.normal(size=(6, sizes[0]))
    y = targets_for(loss, rng, 6, sizes[-1])
    assert kink_margin(model, X) > 1e-3  # no finite difference crosses a (leaky) ReLU kink
    report = bp.gradcheck(model, loss, X, y)
    assert report.ok, str(report)
    assert report.max_norm_error <= 1e-6
    assert input_gradient_error(model, loss, X, y) <= 1e-6
