"""What each exercise asks the learner to write, and so must not simply call.

`REPLACES[check]` lists the dotted names of the package code (or of a library) that does
the exercise's job: a solution that reaches one of them, e.g. `backprop.Linear` for
`linear_forward`, gets a flag in the grader's report (`flags`). A listed module covers
everything in it (`backprop.optim` covers `backprop.optim.SGD`).

`python -m backprop.homework generate --write-metadata` writes each list into its check
cell's metadata, `{"backprop": {"replaces": [...]}}`, in the source notebooks (and so in
the student versions); the grader reads it from there, so a teacher's own homework can
list its own names. This table is the course's default, used where a cell lists none.
"""

_SCALAR = ["backprop.Value", "backprop.scalar", "backprop.ScalarMLP", "backprop.scalar_nn"]
_NUMERICAL = ["backprop.numerical_gradient", "backprop.gradcheck"]
_LAYERS = ["backprop.Linear", "backprop.Sequential", "backprop.MLP", "backprop.layers"]
_OPTIMIZERS = ["backprop.SGD", "backprop.RMSprop", "backprop.Adam", "backprop.get_optimizer",
               "backprop.optim"]
_TRAINING = ["backprop.fit", "backprop.training"]
_PENALTY = ["backprop.penalty", "backprop.regularization"]

REPLACES = {
    # 01: derivatives by finite differences
    "check_derivative": _NUMERICAL,
    "check_product_rule": _NUMERICAL + _SCALAR,
    "check_chain_rule": _NUMERICAL + _SCALAR,
    "check_gradient": _NUMERICAL + _SCALAR,
    # 02: backprop by hand, and the Value engine's own backward
    "check_forward_values": _SCALAR,
    "check_backward_by_hand": _SCALAR,
    "check_backward_reuse": _SCALAR,
    "check_mul_backward": _SCALAR,
    "check_tanh_backward": _SCALAR,
    # 03: one neuron
    "check_neuron_forward": _LAYERS + _SCALAR,
    "check_neuron_gradients": _LAYERS + _SCALAR + ["backprop.activations.sigmoid_derivative"],
    "check_tanh_neuron_gradients": _LAYERS + _SCALAR + ["backprop.activations.tanh_derivative"],
    "check_neuron_step": _LAYERS + _SCALAR + _OPTIMIZERS,
    # 04: gradient descent
    "check_gradient_descent": _OPTIMIZERS + _TRAINING,
    "check_largest_stable_lr": [],
    "check_lr_regime": [],
    # 05: softmax and the losses
    "check_one_hot": ["backprop.losses"],
    "check_softmax": ["backprop.softmax", "backprop.losses", "scipy.special.softmax"],
    "check_cross_entropy": ["backprop.CrossEntropyLoss", "backprop.losses", "backprop.get_loss"],
    "check_cross_entropy_grad": ["backprop.CrossEntropyLoss", "backprop.losses",
                                 "backprop.get_loss"],
    "check_mse_grad": ["backprop.MSELoss", "backprop.losses", "backprop.get_loss"],
    # 06: the Linear layer and two layers in matrix form (softmax is given)
    "check_linear_forward": _LAYERS,
    "check_linear_backward": _LAYERS,
    "check_numerical_gradient": _NUMERICAL,
    "check_two_layer_gradients": _LAYERS + _NUMERICAL + [
        "backprop.ReLU", "backprop.CrossEntropyLoss", "backprop.get_loss",
        "backprop.activations.relu_derivative"],
    # 07: activation derivatives (sigmoid itself is given)
    "check_sigmoid_prime": ["backprop.Sigmoid", "backprop.activations.sigmoid_derivative",
                            "backprop.get_activation", "backprop.activation_functions"],
    "check_tanh_prime": ["backprop.Tanh", "backprop.activations.tanh_derivative",
                         "backprop.get_activation", "backprop.activation_functions"],
    "check_leaky_relu_prime": ["backprop.LeakyReLU", "backprop.activations.leaky_relu_derivative",
                               "backprop.get_activation", "backprop.activation_functions"],
    "check_sigmoid_backward": ["backprop.Sigmoid", "backprop.activations.sigmoid_derivative",
                               "backprop.get_activation", "backprop.activation_functions"],
    # 08: mini-batches and an epoch of SGD (train_spiral may use MLP and fit: they are given)
    "check_minibatches": _TRAINING,
    "check_train_epoch": _TRAINING + _OPTIMIZERS,
    "check_train_spiral": [],
    # 09: optimizers
    "check_momentum_step": _OPTIMIZERS,
    "check_rmsprop_step": _OPTIMIZERS,
    "check_adam_step": _OPTIMIZERS,
    # 10: regularization
    "check_penalty": _PENALTY,
    "check_penalty_gradient": _PENALTY,
    "check_add_penalty_gradients": _PENALTY,
    # 11: digits (MLP and fit are given for train_digits)
    "check_accuracy": ["backprop.training", "sklearn.metrics"],
    "check_confusion_matrix": ["sklearn.metrics"],
    "check_train_digits": [],
}


def replaces(check):
    """The course's default list for a check (empty for an unknown one)."""
    return list(REPLACES.get(check, []))
