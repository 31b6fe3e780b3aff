"""Each classic mistake is diagnosed by name: the check computes what the mistake would give
on its hidden inputs and names it only when the learner's answer equals that."""

import numpy as np

from backprop import checks
from backprop.activations import sigmoid


def verdict(check, *args):
    result = check.evaluate(*args)
    assert not result.passed, "a wrong answer passed"
    return result.line()


# --- missing transpose --------------------------------------------------------------------
def test_missing_transpose_in_dW():
    def linear_backward(dZ, X, W):
        return dZ @ W.T, dZ.T @ X, dZ.sum(axis=0)

    line = verdict(checks.check_linear_backward, linear_backward)
    assert "dW has shape (3, 4) but should have shape (4, 3)" in line
    assert "missing transpose" in line and "dW = X.T @ dZ" in line


def test_missing_transpose_in_confusion_matrix():
    def confusion_matrix(y_true, y_pred, k):
        C = np.zeros((k, k))
        np.add.at(C, (y_pred, y_true), 1)
        return C

    assert "missing transpose" in verdict(checks.check_confusion_matrix, confusion_matrix)


# --- missing sum over the batch -------------------------------------------------------------
def test_missing_sum_over_the_batch_for_db():
    def linear_backward(dZ, X, W):
        return dZ @ W.T, X.T @ dZ, dZ

    line = verdict(checks.check_linear_backward, linear_backward)
    assert "db has shape (6, 3) but should have shape (3,)" in line
    assert "missing sum over the batch" in line and "dZ.sum(axis=0)" in line


def test_mean_instead_of_sum_for_db_is_a_double_one_over_n():
    def linear_backward(dZ, X, W):
        return dZ @ W.T, X.T @ dZ, dZ.mean(axis=0)

    assert "1/N applied twice" in verdict(checks.check_linear_backward, linear_backward)


# --- forgotten 1/N ----------------------------------------------------------------------------
def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def one_hot(y, k):
    return np.eye(k)[y]


def test_forgotten_one_over_n_in_the_cross_entropy_gradient():
    def cross_entropy_grad(logits, y):
        return softmax(logits) - one_hot(y, logits.shape[1])

    line = verdict(checks.check_cross_entropy_grad, cross_entropy_grad)
    assert "dlogits is wrong (largest relative error" in line and "forgotten 1/N" in line


def test_forgotten_one_over_n_in_a_two_layer_network():
    def two_layer_gradients(X, y, W1, b1, W2, b2):
        Z1 = X @ W1 + b1
        A1 = np.maximum(Z1, 0)
        dZ2 = softmax(A1 @ W2 + b2) - one_hot(y, W2.shape[1])  # no / N
        dZ1 = dZ2 @ W2.T * (Z1 > 0)
        return X.T @ dZ1, dZ1.sum(0), A1.T @ dZ2, dZ2.sum(0)

    line = verdict(checks.check_two_layer_gradients, two_layer_gradients)
    assert line.startswith("✗ two_layer_gradients: dW2 is wrong") and "forgotten 1/N" in line


def test_forgotten_one_over_n_in_the_mse_gradient():
    assert "forgotten 1/N" in verdict(checks.check_mse_grad, lambda y_hat, y: 2 * (y_hat - y))


# --- wrong sign -------------------------------------------------------------------------------
def test_wrong_sign_in_the_cross_entropy_gradient():
    def cross_entropy_grad(logits, y):
        return (one_hot(y, logits.shape[1]) - softmax(logits)) / len(y)

    assert "wrong sign" in verdict(checks.check_cross_entropy_grad, cross_entropy_grad)


def test_wrong_sign_in_a_gradient_descent_step():
    def neuron_step(x, w, b, y, lr):
        a = sigmoid(w @ x + b)
        dz = 2 * (a - y) * a * (1 - a)
        return w + lr * dz * x, b + lr * dz

    line = verdict(checks.check_neuron_step, neuron_step)
    assert "wrong sign" in line and "uphill" in line


# --- derivative at the wrong variable ---------------------------------------------------------
def test_sigmoid_prime_of_a_instead_of_z():
    def neuron_gradients(x, w, b, y):
        a = sigmoid(w @ x + b)
        dz = 2 * (a - y) * sigmoid(a) * (1 - sigmoid(a))  # sigmoid'(a)
        return dz * x, dz

    line = verdict(checks.check_neuron_gradients, neuron_gradients)
    assert "dw is wrong (largest relative error" in line
    assert "wrong variable" in line and "sigmoid'(a)" in line


def test_sigmoid_layer_backward_at_the_wrong_variable():
    def sigmoid_backward(dA, Z, A):
        return dA * sigmoid(A) * (1 - sigmoid(A))

    line = verdict(checks.check_sigmoid_backward, sigmoid_backward)
    assert "wrong variable" in line and "sigmoid'(A)" in line


def test_tanh_backward_from_the_input_instead_of_the_output():
    def tanh_backward(a, out):
        a.grad += (1 - a.data ** 2) * out.grad

    assert "wrong variable" in verdict(checks.check_tanh_backward, tanh_backward)


# --- overwritten instead of accumulated -------------------------------------------------------
def test_gradient_overwritten_in_a_value_operation():
    def mul_backward(a, b, out):
        a.grad = b.data * out.grad
        b.grad = a.data * out.grad

    line = verdict(checks.check_mul_backward, mul_backward)
    assert "a.grad is wrong" in line and "overwritten instead of accumulated" in line


def test_paths_not_summed_for_a_node_used_three_times():
    assert "Looks like a path is missing from the sum" in verdict(checks.check_backward_reuse,
                                                           lambda a, x: (1.0, a * a))


def test_penalty_gradient_overwrites_the_data_gradient():
    def add_penalty_gradients(params, l1, l2):
        for p in params:
            if p.regularize:
                p.grad = l2 * p.data + l1 * np.sign(p.data)

    assert "overwritten instead of accumulated" in verdict(checks.check_add_penalty_gradients,
                                                           add_penalty_gradients)
