"""What the kernel sends the browser: the data points once per reset, then one frame
per drawn picture, as binary buffers (no JSON for arrays).

Maps are sampled over Playground's square [-6, 6]^2, row 0 at the top (x2 = +6), each
value v in [-1, 1] coded as a byte q = round((v + 1) * 127.5) (0 = -1, 255 = +1; the
browser colours it). What v is:
- output: classification draws tanh(z / 2) = 2 sigmoid(z) - 1 of the logit z, so 0 is
  the decision boundary; regression draws the prediction, clipped to [-1, 1];
- a hidden neuron: its activation, clipped to [-1, 1] (as Playground does);
- an input feature: the feature divided by its largest size on the square, so x1 and
  x1^2 both span the colour scale.

`points` buffers: float32 (N, 2) positions, float32 (N,) targets in [-1, 1], uint8 (N,)
1 for a test point; plus uint8 (7, S, S) input-feature maps (they never change).
`frame` buffers, in order:
0. uint8 (R, R) big map (the output, or the hovered neuron);
1. uint8 (H + 1, S, S) every hidden neuron's map, then the output's;
2. float32 weights, 3. float32 biases: each layer's W (in, out) row-major, layer after
   layer, then each layer's b;
4. float32 dL/dW, 5. float32 dL/db, the same layouts: d(L + P)/dp on the whole training
   set at the frame's weights (data loss plus penalty), what the gradient view draws;
6. float32 (H + 1,) the size of every neuron's delta, hidden neurons then the output
   (root mean square over the training set, see `backward`);
7. float32 -lr * dL/dW, 8. float32 -lr * dL/db: the step the next SGD update takes, on
   the next mini-batch (content `step_batch` points, `lr` the learning rate);
9. float32 (E, K) each of the K layers' gradient norm ||dL/dW_k||_F per epoch, for the
   epochs from `curve_from` on (like the loss curves), K = content `grad_layers`.
Non-finite values of a diverged run are sent as float32's largest (or 0 for NaN). Every
number the browser shows comes from these buffers: it computes none itself.
"""

import numpy as np

from ..activations import Activation
from .backward import backward_pass, delta_sizes, linears, next_step
from .features import FEATURES, features
from .run import penalties

BIG, SMALL, DOMAIN = 100, 25, 6.0   # Playground's 100 x 100 grid; thumbnails at 25 x 25


def grid(size):
    """(size * size, 2) cell centres, row by row from the top (x2 = +6) to the bottom."""
    centres = (np.arange(size) + 0.5) / size * 2 * DOMAIN - DOMAIN
    x1, x2 = np.meshgrid(centres, centres[::-1])
    return np.column_stack([x1.ravel(), x2.ravel()])


_GRIDS = {size: grid(size) for size in (BIG, SMALL)}


def quantize(values):
    """Values in [-1, 1] (clipped) as bytes 0..255."""
    return np.round((np.clip(values, -1.0, 1.0) + 1.0) * 127.5).astype(np.uint8)


def layer_outputs(model, X):
    """Each hidden layer's activations, then the output, for inputs X (N, n_features)."""
    outputs, A = [], X
    layers = model.layers
    for i, layer in enumerate(layers):
        A = layer.forward(A)
        after_activation = isinstance(layer, Activation)
        if after_activation or (i == len(layers) - 1):
            outputs.append(A)
    return outputs


def output_picture(values, problem):
    return np.tanh(values / 2.0) if problem == "classification" else values


def input_maps():
    """(7, S, S) bytes: every feature over the square, scaled by its largest size."""
    g = _GRIDS[SMALL]
    maps = [fn(g) / np.abs(fn(g)).max() for fn in FEATURES.values()]
    return quantize(np.stack(maps)).reshape(len(maps), SMALL, SMALL)


def encode_points(run):
    X_train, X_test = run.points
    X = np.vstack([X_train, X_test]).astype(np.float32)
    y = np.concatenate([run.y_train, run.y_test]).astype(np.float64)
    if run.problem == "classification":
        y = 2 * y - 1   # labels 0/1 drawn as Playground's -1/+1
    is_test = np.repeat(np.array([0, 1], np.uint8), [len(X_train), len(X_test)])
    content = {"type": "points", "n": len(X), "features": list(FEATURES)}
    return content, [X.tobytes(), y.astype(np.float32).tobytes(), is_test.tobytes(),
                     input_maps().tobytes()]


def neuron_id(focus, sizes):
    """Check a hovered neuron (layer, index) against the network; None if it is gone."""
    if focus is None:
        return None
    layer, index = focus
    if layer == 0:
        return focus if 0 <= index < len(FEATURES) else None
    return focus if 1 <= layer < len(sizes) and 0 <= index < sizes[layer] else None


def big_map(run, focus):
    """The big heatmap: the output, or the hovered neuron (layer 0 = an input feature)."""
    g = _GRIDS[BIG]
    if focus is not None and focus[0] == 0:
        fn = list(FEATURES.values())[focus[1]]
        values = fn(g) / np.abs(fn(g)).max()
    else:
        with np.errstate(over="ignore", invalid="ignore"):
            outputs = layer_outputs(run.model, features(g, run.settings["features"]))
        if focus is None or focus[0] == len(outputs):
            values = output_picture(outputs[-1][:, 0], run.problem)
        else:
            values = outputs[focus[0] - 1][:, focus[1]]
    return quantize(np.nan_to_num(values)).reshape(BIG, BIG)


def neuron_maps(run):
    g = _GRIDS[SMALL]
    with np.errstate(over="ignore", invalid="ignore"):
        outputs = layer_outputs(run.model, features(g, run.settings["features"]))
    outputs[-1] = output_picture(outputs[-1], run.problem)
    columns = np.concatenate(outputs, axis=1).T   # (H + 1, S * S)
    return quantize(np.nan_to_num(columns)).reshape(-1, SMALL, SMALL)


def flat(arrays):
    """Arrays joined as float32; a diverged run's huge values become float32's largest."""
    big = np.finfo(np.float32).max
    values = np.concatenate([np.ravel(a) for a in arrays]) if len(arrays) else np.zeros(0)
    values = np.nan_to_num(values, posinf=big, neginf=-big)
    return np.clip(values, -big, big).astype(np.float32)


def parameters(run):
    """{weights, biases, dW, db, delta, step_W, step_b} as float32 arrays, and the next
    batch's size: gradients and deltas on the training set, the step on the next batch."""
    l1, l2 = penalties(run.settings)
    layers = linears(run.model)
    # the next update's step first: the training-set gradients are then the last ones
    # computed, so `pg.model`'s p.grad are the ones the edges show
    step_W, step_b, batch = next_step(run, run.loss, l1, l2)
    with np.errstate(over="ignore", invalid="ignore"):
        dZ = backward_pass(run.model, run.loss, run.X_train, run.y_train, l1, l2)
        delta = delta_sizes(dZ, len(run.X_train))
    return {"weights": flat([lin.W.data for lin in layers]),
            "biases": flat([lin.b.data for lin in layers]),
            "dW": flat([lin.W.grad for lin in layers]), "db": flat([lin.b.grad for lin in layers]),
            "delta": flat([delta]), "step_W": flat(step_W), "step_b": flat(step_b)}, batch


def encode_frame(run, seq, curve_from=0, focus=None):
    """(content, buffers) of one frame. The loss curves are sent from epoch `curve_from`."""
    history = run.history
    focus = neuron_id(focus, run.sizes)
    arrays, batch = parameters(run)
    norms = flat(run.grad_norms[curve_from:])
    content = {
        "type": "frame", "seq": seq, "epoch": run.epoch, "sizes": run.sizes,
        "features": list(run.settings["features"]), "problem": run.problem,
        "loss_train": history.loss[-1] if history.loss else None,
        "loss_test": history.val_loss[-1] if history.val_loss else None,
        "curve_from": curve_from, "curve_train": history.loss[curve_from:],
        "curve_test": history.val_loss[curve_from:], "focus": list(focus) if focus else None,
        "diverged": history.diverged, "message": history.message,
        "big": BIG, "small": SMALL,
        "lr": run.settings["lr"], "step_batch": batch, "n_train": len(run.X_train),
        "grad_layers": len(run.sizes) - 1,
    }
    buffers = [big_map(run, focus).tobytes(), neuron_maps(run).tobytes()]
    buffers += [arrays[name].tobytes() for name in
                ("weights", "biases", "dW", "db", "delta", "step_W", "step_b")]
    buffers.append(norms.tobytes())
    return content, buffers
