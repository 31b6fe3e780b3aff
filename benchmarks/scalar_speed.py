"""Goal 2: one training step of the scalar engine, against micrograd.

The step, identical for both engines (same weights: micrograd's are overwritten with a
copy of ours, so both compute the same numbers and their losses are compared):
  scores = model(x) for 100 two-moons points (labels y in {-1, +1});
  L = mean(relu(1 - y * score)) + 1e-4 * sum(p * p);   backward;   p -= lr * dL/dp.
Goal: backprop's step takes at most 20% of micrograd's (ratio <= 0.2).
micrograd accumulates gradients, so its step zeroes them first (backprop's backward
starts from zero by itself).
"""

import numpy as np
from timer import agreement_row, interleaved, ratio_row

import backprop

SIZES, N_POINTS, ALPHA, LR = [2, 16, 16, 1], 100, 1e-4, 0.1


def step(score, params, X, y):
    """One full step; returns the loss. `score(x)` is the model's output Value for x; the
    same code drives both engines (their Values have the same operators)."""
    losses = [(1 - yi * score(xi)).relu() for xi, yi in zip(X, y)]
    loss = sum(losses) * (1.0 / len(losses)) + ALPHA * sum(p * p for p in params)
    for p in params:  # micrograd needs this; for backprop it is a no-op in effect
        p.grad = 0.0
    loss.backward()
    for p in params:
        p.data -= LR * p.grad
    return loss.data


def micrograd_copy(model):
    """micrograd's MLP(2, [16, 16, 1]) holding the weights of a backprop ScalarMLP."""
    from micrograd.nn import MLP

    twin = MLP(SIZES[0], SIZES[1:])
    for layer, (W, b) in zip(twin.layers, model.layers):
        for j, neuron in enumerate(layer.neurons):
            for i, w in enumerate(neuron.w):
                w.data = W[i][j].data
            neuron.b.data = b[j].data
    return twin


def run(repeat=7):
    X, labels = backprop.datasets.moons(N_POINTS, noise=0.1)
    X, y = X.tolist(), (2.0 * labels - 1.0).tolist()
    ours = backprop.ScalarMLP(SIZES, activation="relu", rng=np.random.default_rng(0))
    try:
        theirs = micrograd_copy(ours)
    except ImportError as error:
        return [("scalar step: backprop / micrograd", f"micrograd not importable ({error})",
                 "<= 0.20x", "SKIP")], []
    ours_p, theirs_p = ours.parameters(), theirs.parameters()

    def ours_step():
        return step(lambda x: ours(x)[0], ours_p, X, y)

    def theirs_step():  # micrograd's MLP returns a single Value for one output
        return step(theirs, theirs_p, X, y)

    first = ours_step(), theirs_step()  # also a warm-up
    best = interleaved({"backprop": ours_step, "micrograd": theirs_step}, repeat)
    last = ours_step(), theirs_step()
    (t_ours, wall_ours), (t_theirs, wall_theirs) = best["backprop"], best["micrograd"]
    diff = max(abs(first[0] - first[1]), abs(last[0] - last[1]))
    rows = [
        ratio_row("scalar step: backprop / micrograd", t_ours, t_theirs, 0.20, unit="ms"),
        agreement_row("scalar step: |loss backprop - micrograd|", diff,
                      f"step {repeat + 2}: {last[0]:.6f}"),
    ]
    return rows, [f"scalar step: best of {repeat} interleaved steps each (CPU time, GC on); "
                  f"wall-clock ratio {wall_ours / wall_theirs:.2f}x"]
