"""Checks for the homework notebooks: run the learner's code on hidden inputs, say what is wrong.

Each `check_<name>(learner_function)` runs the function on random, seeded inputs the
learner does not see, compares with a reference and prints one line: ✓ (right),
… (not implemented yet) or ✗ with what is wrong: which output or gradient, the largest
relative error, and the classic mistake that explains it when there is one (a missing
transpose, a missing sum over the batch, a forgotten 1/N, a wrong sign, a derivative
at the wrong variable, a gradient overwritten instead of accumulated).

`check_<name>.evaluate(...)` returns the verdict as a `Result` without printing (the
grader uses it). One module per homework notebook; `CHECKS` maps names to checks.
"""

from .activations import (
    check_leaky_relu_prime,
    check_sigmoid_backward,
    check_sigmoid_prime,
    check_tanh_prime,
)
from .calculus import check_chain_rule, check_derivative, check_gradient, check_product_rule
from .descent import check_gradient_descent, check_largest_stable_lr, check_lr_regime
from .digits import check_accuracy, check_confusion_matrix, check_train_digits
from .feedback import Result, strict
from .graphs import (
    check_backward_by_hand,
    check_backward_reuse,
    check_forward_values,
    check_mul_backward,
    check_tanh_backward,
)
from .linear import (
    check_linear_backward,
    check_linear_forward,
    check_numerical_gradient,
    check_two_layer_gradients,
)
from .losses import (
    check_cross_entropy,
    check_cross_entropy_grad,
    check_mse_grad,
    check_one_hot,
    check_softmax,
)
from .neuron import (
    check_neuron_forward,
    check_neuron_gradients,
    check_neuron_step,
    check_tanh_neuron_gradients,
)
from .optimizers import check_adam_step, check_momentum_step, check_rmsprop_step
from .regularization import check_add_penalty_gradients, check_penalty, check_penalty_gradient
from .training import check_minibatches, check_train_epoch, check_train_spiral

CHECKS = {
    "check_accuracy": check_accuracy,
    "check_adam_step": check_adam_step,
    "check_add_penalty_gradients": check_add_penalty_gradients,
    "check_backward_by_hand": check_backward_by_hand,
    "check_backward_reuse": check_backward_reuse,
    "check_chain_rule": check_chain_rule,
    "check_confusion_matrix": check_confusion_matrix,
    "check_cross_entropy": check_cross_entropy,
    "check_cross_entropy_grad": check_cross_entropy_grad,
    "check_derivative": check_derivative,
    "check_forward_values": check_forward_values,
    "check_gradient": check_gradient,
    "check_gradient_descent": check_gradient_descent,
    "check_largest_stable_lr": check_largest_stable_lr,
    "check_leaky_relu_prime": check_leaky_relu_prime,
    "check_linear_backward": check_linear_backward,
    "check_linear_forward": check_linear_forward,
    "check_lr_regime": check_lr_regime,
    "check_minibatches": check_minibatches,
    "check_momentum_step": check_momentum_step,
    "check_mse_grad": check_mse_grad,
    "check_mul_backward": check_mul_backward,
    "check_neuron_forward": check_neuron_forward,
    "check_neuron_gradients": check_neuron_gradients,
    "check_neuron_step": check_neuron_step,
    "check_numerical_gradient": check_numerical_gradient,
    "check_one_hot": check_one_hot,
    "check_penalty": check_penalty,
    "check_penalty_gradient": check_penalty_gradient,
    "check_product_rule": check_product_rule,
    "check_rmsprop_step": check_rmsprop_step,
    "check_sigmoid_backward": check_sigmoid_backward,
    "check_sigmoid_prime": check_sigmoid_prime,
    "check_softmax": check_softmax,
    "check_tanh_backward": check_tanh_backward,
    "check_tanh_neuron_gradients": check_tanh_neuron_gradients,
    "check_tanh_prime": check_tanh_prime,
    "check_train_digits": check_train_digits,
    "check_train_epoch": check_train_epoch,
    "check_train_spiral": check_train_spiral,
    "check_two_layer_gradients": check_two_layer_gradients,
}


def evaluate(check_name, *args):
    """The grader's entry point: run one check by name, return a `Result` (never raises)."""
    check = CHECKS.get(check_name)
    if check is None:
        return Result(check_name, "error", f"is not a known check (valid: {', '.join(CHECKS)}).")
    return check.evaluate(*args)


__all__ = ["CHECKS", "Result", "evaluate", "strict",
           "check_accuracy",
           "check_adam_step",
           "check_add_penalty_gradients",
           "check_backward_by_hand",
           "check_backward_reuse",
           "check_chain_rule",
           "check_confusion_matrix",
           "check_cross_entropy",
           "check_cross_entropy_grad",
           "check_derivative",
           "check_forward_values",
           "check_gradient",
           "check_gradient_descent",
           "check_largest_stable_lr",
           "check_leaky_relu_prime",
           "check_linear_backward",
           "check_linear_forward",
           "check_lr_regime",
           "check_minibatches",
           "check_momentum_step",
           "check_mse_grad",
           "check_mul_backward",
           "check_neuron_forward",
           "check_neuron_gradients",
           "check_neuron_step",
           "check_numerical_gradient",
           "check_one_hot",
           "check_penalty",
           "check_penalty_gradient",
           "check_product_rule",
           "check_rmsprop_step",
           "check_sigmoid_backward",
           "check_sigmoid_prime",
           "check_softmax",
           "check_tanh_backward",
           "check_tanh_neuron_gradients",
           "check_tanh_prime",
           "check_train_digits",
           "check_train_epoch",
           "check_train_spiral",
           "check_two_layer_gradients",
           ]
