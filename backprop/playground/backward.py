"""The backward view's numbers, computed in the kernel by backprop's own layers.

For the run's network at its current weights, on the whole training set of N points,
with L the mean data loss and P the penalty l2/2 ||W||^2 + l1 |W| (backprop.regularization):

- the gradients dL/dW, dL/db of every layer, meaning d(L + P)/dp: what the edges are
  drawn by in the gradient view (`backward_pass` sets every p.grad, like
  `backprop.training.compute_gradients`, and keeps each layer's dL/dZ on the way);
- the size of each neuron's delta. Neuron j of a layer computes z = x W[:, j] + b[j];
  its delta for point n is d(l_n)/d(z_nj), the gradient of that point's own loss l_n
  (L = mean of l_n, so delta_nj = N * dL/dZ[n, j], and the number does not shrink as the
  training set grows). A neuron shows the root mean square over the training set,

      ||delta_j|| = sqrt(mean_n delta_nj^2) = sqrt(N) * ||dL/dZ[:, j]||_2 ;

  a dead ReLU (f' = 0 on every point) has exactly 0, a saturated sigmoid almost 0, and
  dL/dW[i, j] = mean_n x_ni delta_nj shows why its incoming weights stop moving;
- every layer's gradient norm ||d(L + P)/dW_k||_F (weights only, Frobenius), once per
  epoch for the chart (see `run`);
- the next update's step. The playground trains with plain SGD (no momentum, as
  Playground does), so the next update changes every parameter by exactly

      step = -lr * d(L_B + P)/dp

  on the next mini-batch B: the first `batch_size` points of the next epoch's shuffle,
  peeked from a copy of the run's generator (the run's own stream is not touched). With
  full batches (batch_size >= N) this is -lr times the gradient the edges show; with
  mini-batches it is the noisy SGD step that really comes next.
"""

import copy

import numpy as np

from ..layers import Linear
from ..regularization import add_penalty_gradients
from ..training import compute_gradients


def linears(model):
    return [layer for layer in model.layers if isinstance(layer, Linear)]


def backward_pass(model, loss, X, y, l1=0.0, l2=0.0):
    """Forward and backward through the model's own layers (as `compute_gradients`), keeping
    dL/dZ of every Linear layer on the way: returns that list, first layer first."""
    output = model.forward(X)
    loss.forward(output, y)
    grad = loss.backward()
    dZ = []
    layers = model.layers
    for i in range(len(layers) - 1, -1, -1):
        if isinstance(layers[i], Linear):
            dZ.append(grad)   # the gradient arriving at Z = X W + b
        grad = layers[i].backward(grad, input_grad=False) if i == 0 else layers[i].backward(grad)
    add_penalty_gradients(model.parameters(), l1, l2)
    return dZ[::-1]


def delta_sizes(dZ, n):
    """||delta_j|| = sqrt(N) * ||dL/dZ[:, j]||_2 for every neuron, layer after layer."""
    return np.concatenate([np.sqrt(n) * np.sqrt(np.sum(d * d, axis=0)) for d in dZ])


def layer_norms(model):
    """||dL/dW_k||_F of every Linear layer, from the gradients the last backward left."""
    return np.array([np.sqrt(np.sum(lin.W.grad * lin.W.grad)) for lin in linears(model)])


def next_batch(run):
    """The indices of the training points the next SGD update uses: fit draws one
    permutation per epoch from the run's generator, and the run trains whole epochs."""
    rng = copy.deepcopy(run.rng)
    return rng.permutation(len(run.X_train))[:run.settings["batch_size"]]


def next_step(run, loss, l1, l2):
    """(-lr * dW per layer, -lr * db per layer, batch size): the change the next SGD
    update makes, with `loss` the run's loss."""
    batch = next_batch(run)
    with np.errstate(over="ignore", invalid="ignore"):
        compute_gradients(run.model, loss, run.X_train[batch], run.y_train[batch], l1, l2)
    lr = run.settings["lr"]
    layers = linears(run.model)
    return [-lr * lin.W.grad for lin in layers], [-lr * lin.b.grad for lin in layers], len(batch)
