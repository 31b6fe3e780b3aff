"""The verdicts that were wrong or weak (grading issue, item 7), and nbgrader's mode read
once (item 4): each check is called here directly, as a notebook would call it."""

import os
import subprocess
import sys

import numpy as np

from backprop import checks, softmax


def _batches(order, batch_size):
    return [order[i:i + batch_size] for i in range(0, len(order), batch_size)]


def test_minibatches_must_draw_from_rng_not_from_a_shared_random_state():
    shared = np.random.default_rng(5)  # stands in for numpy's global random state

    def global_state(n, batch_size, rng):
        return _batches(shared.permutation(n), batch_size)

    def own_generator(n, batch_size, rng):
        return _batches(np.random.default_rng(0).permutation(n), batch_size)

    def right(n, batch_size, rng):
        return _batches(rng.permutation(n), batch_size)

    verdict = checks.check_minibatches.evaluate(global_state)
    assert verdict.status == "failed"
    assert "the same rng seed gave different batches" in verdict.message
    assert "np.random.permutation" in verdict.message
    assert "two different rng seeds gave the same batches" in \
        checks.check_minibatches.evaluate(own_generator).message
    assert checks.check_minibatches.evaluate(right).passed


def test_homework_11_without_scikit_learn_blames_the_environment(monkeypatch):
    monkeypatch.setitem(sys.modules, "sklearn.datasets", None)  # `import` now fails
    called = []
    verdict = checks.check_train_digits.evaluate(lambda X, y: called.append(1))
    assert verdict.status == "environment" and not verdict.passed and not called
    assert "scikit-learn" in verdict.message and "not a mistake in your code" in verdict.message
    assert "pip install scikit-learn" in verdict.message
    assert verdict.line().startswith("⚠ train_digits: cannot be checked here")


def _leaky(right_side):
    def leaky_relu_prime(z, slope):
        return np.where(z >= 0 if right_side else z > 0, 1.0, slope)
    return leaky_relu_prime


def _two_layer(right_side):
    def two_layer_gradients(X, y, W1, b1, W2, b2):
        Z1 = X @ W1 + b1
        A1 = np.maximum(Z1, 0)
        dZ2 = softmax(A1 @ W2 + b2)
        dZ2[np.arange(len(y)), y] -= 1
        dZ2 /= len(y)
        dZ1 = dZ2 @ W2.T * ((Z1 >= 0) if right_side else (Z1 > 0))
        return X.T @ dZ1, dZ1.sum(0), A1.T @ dZ2, dZ2.sum(0)
    return two_layer_gradients


def test_either_one_sided_derivative_at_zero_in_homeworks_06_and_07():
    for check, make in [(checks.check_leaky_relu_prime, _leaky),
                        (checks.check_two_layer_gradients, _two_layer)]:
        left, right = check.evaluate(make(False)), check.evaluate(make(True))
        assert left.passed and right.passed, (left.line(), right.line())
        assert "either one-sided derivative is accepted" in right.message
        assert "right-hand derivative" in right.message
    # the same inputs still catch a real mistake at the kink's other side
    relu = checks.check_leaky_relu_prime.evaluate(lambda z, slope: (z >= 0).astype(float))
    assert relu.status == "failed" and "that would be ReLU" in relu.message


def test_a_sum_that_forgets_a_path_is_not_called_an_overwrite():
    for forgot in (lambda a, x: (2 * a * x, a * a), lambda a, x: (a * x + 1, a * a)):
        verdict = checks.check_backward_reuse.evaluate(forgot)
        assert verdict.status == "failed"
        assert "Looks like a path is missing from the sum" in verdict.message
        assert "overwritten" not in verdict.message
    assert checks.check_backward_reuse.evaluate(lambda a, x: (2 * a * x + 1, a * a)).passed


UNSET = """\
import os
from backprop import checks
del os.environ["NBGRADER_EXECUTION"]   # what a learner's cell could do
try:
    checks.check_linear_forward(lambda X, W, b: X @ W)
except AssertionError:
    print("still strict")
"""


def test_nbgraders_mode_is_read_once_at_import():
    env = dict(os.environ, NBGRADER_EXECUTION="autograde")
    done = subprocess.run([sys.executable, "-c", UNSET], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "still strict"
