"""The two engines compute the same thing: for the same tiny MLP and batch, the scalar
`Value` graph and the matrix layers give the same loss and the same dW, db (to 1e-10).
MSELoss is a mean over all N*K entries, and so is the scalar loss built here."""

import math

import numpy as np
import pytest
from engine_helpers import compare_engines, kink_margin

import backprop as bp
from backprop import Value


@pytest.mark.parametrize("sizes, activation", [([3, 4, 2, 1], "tanh"), ([3, 4, 2, 1], "relu"),
                                               ([2, 5, 3], "sigmoid"), ([2, 3, 3, 2], "identity")])
def test_same_mse_loss_and_gradients(sizes, activation):
    rng = np.random.default_rng(11)
    model = bp.MLP(sizes, activation=activation, seed=4)
    for p in model.parameters():
        if not p.regularize:
            p.data = rng.normal(scale=0.3, size=p.data.shape)
    X, Y = rng.normal(size=(5, sizes[0])), rng.normal(size=(5, sizes[-1]))
    assert kink_margin(model, X) > 1e-6  # summation order cannot flip a ReLU
    (matrix_loss, scalar_loss), pairs = compare_engines(model, X, Y)
    assert scalar_loss == pytest.approx(matrix_loss, rel=1e-10, abs=1e-10)
    assert len(pairs) == 2 * (len(sizes) - 1)
    for matrix_grad, scalar_grad in pairs:
        assert matrix_grad.shape == scalar_grad.shape
        np.testing.assert_allclose(scalar_grad, matrix_grad, rtol=1e-10, atol=1e-10)
    assert any(np.abs(g).max() > 1e-3 for g, _ in pairs)  # not trivially all zero


def test_same_forward_output():
    model = bp.MLP([3, 4, 2], "tanh", seed=0)
    X = np.random.default_rng(0).normal(size=(4, 3))
    smlp = bp.ScalarMLP.from_matrix_mlp(model)
    scalar = np.array([[v.data for v in smlp(list(x))] for x in X])
    np.testing.assert_allclose(scalar, model.forward(X), rtol=1e-12, atol=1e-14)
    assert smlp.sizes == [3, 4, 2] and smlp.activation == "tanh"
    assert len(smlp.parameters()) == 3 * 4 + 4 * 2 + 4 + 2


def test_same_cross_entropy_gradients():
    """Softmax cross-entropy written with Value.exp and Value.log agrees with CrossEntropyLoss."""
    rng = np.random.default_rng(5)
    model = bp.MLP([2, 3, 3], "tanh", seed=2)
    X, labels = rng.normal(size=(4, 2)), np.array([0, 2, 1, 2])
    ce = bp.CrossEntropyLoss()
    matrix_loss = ce.forward(model.forward(X), labels)
    model.backward(ce.backward())
    smlp = bp.ScalarMLP.from_matrix_mlp(model)
    total = Value(0.0)
    for x, k in zip(X, labels):
        logits = smlp(list(x))
        total = total - (logits[k].exp() / sum((z.exp() for z in logits), Value(0.0))).log()
    loss = total / len(X)
    loss.backward()
    assert loss.data == pytest.approx(matrix_loss, rel=1e-10)
    for lin, (W, b) in zip([model.layers[0], model.layers[2]], smlp.layers):
        np.testing.assert_allclose([[w.grad for w in row] for row in W], lin.W.grad, rtol=1e-10,
                                   atol=1e-12)
        np.testing.assert_allclose([v.grad for v in b], lin.b.grad, rtol=1e-10, atol=1e-12)


def test_scalar_mlp_from_explicit_weights_and_rng():
    W1, b1 = [[0.5, -1.0], [2.0, 0.25]], [0.1, -0.2]
    W2, b2 = [[1.5], [-0.5]], [0.3]
    smlp = bp.ScalarMLP([2, 2, 1], "tanh", weights=[(W1, b1), (W2, b2)])
    x = [0.4, -0.7]
    h = [math.tanh(x[0] * W1[0][j] + x[1] * W1[1][j] + b1[j]) for j in range(2)]
    expected = h[0] * W2[0][0] + h[1] * W2[1][0] + b2[0]  # the last layer is linear
    assert smlp(x)[0].data == pytest.approx(expected, rel=1e-14)
    a = bp.ScalarMLP([2, 3, 1], "relu", rng=np.random.default_rng(0))
    b = bp.ScalarMLP([2, 3, 1], "relu", rng=np.random.default_rng(0))
    assert [v.data for v in a.parameters()] == [v.data for v in b.parameters()]
