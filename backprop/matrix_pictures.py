"""Lesson 06's pictures of matrix gradients, and of the backward flow through a network.

For a Linear layer Z = X W + b with X (N, D), W (D, H), and dZ = dL/dZ from above:

- `draw_outer_products(X, dZ, entry)`: dW = X^T dZ as the sum over the examples of the
  outer products np.outer(X[n], dZ[n]) (one (D, H) matrix each), with the terms of
  dW[entry] filled. Row and column indices are numpy's (from 0).
- `draw_gradient_products(N, D, H, dw_entry, dx_entry)`: the two products of the backward
  pass, dW = X^T dZ (a sum over the N examples) and dX = dZ W^T (a sum over the H
  neurons), with the row and column that make one entry of each filled.
- `draw_wishes(W_out, dz_out, a_hidden, j)`: BP2 for one hidden neuron on one example, the
  output errors sent back along the weights, summed, and gated by tanh'.
- `draw_backward_flow(N, D, H, K)`: X -> Linear -> Tanh -> Linear -> loss, what each
  module caches on its forward pass above it, and the gradients dZ2 = (P - Y)/N, dA1, dZ1,
  dX flowing back below, each with its shape.

Colours: FORWARD (blue) for forward values, GRADIENT (vermillion) for gradients.
This module loads matplotlib; `import backprop` does not import it.
"""

import matplotlib.pyplot as plt
import numpy as np

from . import diagrams
from .plots import FORWARD, GRADIENT, STYLE, TRAIN


def _axes(ax, figsize):
    if ax is None:
        with plt.rc_context(STYLE):
            ax = plt.subplots(figsize=figsize)[1]
    return ax


def _grid(ax, left, values, hot, title):
    """One matrix of numbers at x = left, its `hot` cells filled, numpy indices around it."""
    for (r, c), v in np.ndenumerate(values):
        filled = (r, c) == hot
        ax.add_patch(plt.Rectangle((left + c, -r - 1), 1, 1, lw=1.5, edgecolor=TRAIN,
                                   facecolor=GRADIENT if filled else "white"))
        ax.text(left + c + 0.5, -r - 0.5, f"{v:g}", ha="center", va="center", fontsize=16,
                color="white" if filled else GRADIENT)
    rows, cols = values.shape
    for r in range(rows):
        ax.text(left - 0.12, -r - 0.5, r, ha="right", va="center", fontsize=11, color=TRAIN)
    for c in range(cols):
        ax.text(left + c + 0.5, -rows - 0.08, c, ha="center", va="top", fontsize=11, color=TRAIN)
    ax.text(left + cols / 2, 0.25, title, ha="center", va="bottom", fontsize=14)


def draw_outer_products(X, dZ, entry=(1, 0), ax=None):
    """dW = X^T dZ = sum_n outer(X[n], dZ[n]), drawn as the terms, "+", "=", the sum, with
    dW[entry] and its N terms filled. Returns the list of the N outer products."""
    X, dZ = np.asarray(X, dtype=float), np.asarray(dZ, dtype=float)
    if X.ndim != 2 or dZ.ndim != 2 or len(X) != len(dZ):
        raise ValueError(f"X (N, D) and dZ (N, H) need the same N, got {X.shape} and {dZ.shape}.")
    shares = [np.outer(x_n, dz_n) for x_n, dz_n in zip(X, dZ)]
    D, H = shares[0].shape
    ax = _axes(ax, figsize=(10, 3.9))
    step = H + 1.5
    left = 0.0
    for n, share in enumerate(shares):
        x_txt, dz_txt = ", ".join(f"{v:g}" for v in X[n]), ", ".join(f"{v:g}" for v in dZ[n])
        _grid(ax, left, share, entry, f"outer(X[{n}], dZ[{n}])\n$({x_txt})^\\top({dz_txt})$")
        ax.text(left + H + 0.75, -D / 2, "+" if n < len(shares) - 1 else "=", ha="center",
                va="center", fontsize=24)
        left += step
    _grid(ax, left, X.T @ dZ, entry, "$dW = X^\\top dZ$\n(the sum)")
    terms = " + ".join(f"({s[entry]:g})" if s[entry] < 0 else f"{s[entry]:g}" for s in shares)
    ax.text((left + H) / 2, -D - 0.55, f"dW{list(entry)}:  {terms} = {(X.T @ dZ)[entry]:g}",
            ha="center", va="top", fontsize=14, color=GRADIENT)
    ax.set(xlim=(-0.5, left + H + 0.3), ylim=(-D - 1.2, 1.9), aspect="equal")
    ax.axis("off")
    return shares


def _label_indices(ax, matrices, captions, depth, gap=1.5):
    """Numpy indices left of every row and under every column, a caption under each matrix."""
    left = 0.0
    for m, caption in zip(matrices, captions):
        for r in range(m.rows):
            ax.text(left - 0.12, -r - 0.5, r, ha="right", va="center", fontsize=11, color=TRAIN)
        for c in range(m.cols):
            ax.text(left + c + 0.5, -m.rows - 0.08, c, ha="center", va="top", fontsize=11,
                    color=TRAIN)
        ax.text(left + m.cols / 2, -depth - 0.6, caption, ha="center", va="top", fontsize=12)
        left += m.cols + gap
    ax.set_xlim(-0.7, left - gap + 0.3)
    ax.set_ylim(-depth - 1.5, 2.4)


def draw_gradient_products(N=4, D=3, H=2, dw_entry=(1, 0), dx_entry=(2, 1)):
    """Two panels: dW = X^T dZ with the row of X^T and the column of dZ that make
    dW[dw_entry], and dX = dZ W^T with the row of dZ and the column of W^T that make
    dX[dx_entry]. Returns the figure."""
    i, j = dw_entry
    n, i_x = dx_entry
    if not (0 <= i < D and 0 <= j < H and 0 <= n < N and 0 <= i_x < D):
        raise ValueError(f"entries {dw_entry} of dW ({D}, {H}) and {dx_entry} of dX ({N}, {D}) "
                         "must lie inside the matrices.")
    Mat = diagrams.Matrix
    with plt.rc_context(STYLE):
        fig, (ax_w, ax_x) = plt.subplots(1, 2, figsize=(12, 3.9), gridspec_kw={"wspace": 0.06})
    fig.set_layout_engine("none")  # placed by hand: no empty band below the matrices
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.01, top=0.84)
    left_eq = [Mat(r"$X^\top$", D, N, {(i, t) for t in range(N)}, FORWARD),
               Mat("$dZ$", N, H, {(t, j) for t in range(N)}, GRADIENT),
               Mat("$dW$", D, H, {(i, j)}, GRADIENT)]
    right_eq = [Mat("$dZ$", N, H, {(n, c) for c in range(H)}, GRADIENT),
                Mat(r"$W^\top$", H, D, {(c, i_x) for c in range(H)}, FORWARD),
                Mat("$dX$", N, D, {(n, i_x)}, GRADIENT)]
    diagrams.draw_equation(left_eq, ["@", "="], ax=ax_w,
                           title="$dW = X^\\top dZ$:\na sum over the N examples")
    _label_indices(ax_w, left_eq, ["← N examples →", "", f"dW[{i}, {j}]"], max(N, D))
    diagrams.draw_equation(right_eq, ["@", "="], ax=ax_x,
                           title="$dX = dZ\\,W^\\top$:\na sum over the H neurons")
    _label_indices(ax_x, right_eq, ["← H neurons →", "", f"dX[{n}, {i_x}]"], max(N, D))
    return fig


def backward_flow(N=8, D=2, H=3, K=2):
    """The boxes of `draw_backward_flow`: (name, what its forward caches) for each module,
    and (symbol, shape) for each gradient passed back, from the loss down to X."""
    modules = [("Linear 1", f"cache X {(N, D)}"), ("Tanh", f"cache Z1 {(N, H)}"),
               ("Linear 2", f"cache A1 {(N, H)}"), ("softmax + CE", f"cache log P {(N, K)}, y {(N,)}")]
    grads = [("dZ2 = (P − Y)/N", (N, K)), ("dA1 = dZ2 W2ᵀ", (N, H)),
             ("dZ1 = dA1 ⊙ tanh′(Z1)", (N, H)), ("dX = dZ1 W1ᵀ", (N, D))]
    return modules, grads


def draw_backward_flow(N=8, D=2, H=3, K=2, ax=None):
    """X -> Linear 1 -> Tanh -> Linear 2 -> softmax + CE -> L, left to right in FORWARD
    blue with each module's cache above it; below, the gradients in GRADIENT vermillion
    flowing right to left, each with its shape, and the parameter gradients each Linear
    stores (dW = cached input^T dZ, db = dZ.sum(axis=0)). Returns the Axes."""
    modules, grads = backward_flow(N, D, H, K)
    ax = _axes(ax, figsize=(12.8, 4.6))
    xs = [2.1, 4.9, 7.7, 10.7]  # the modules; X at 0, L at 12.7
    stops = [0.0, *xs, 12.7]
    half = [0.45, 0.6, 0.4, 0.6, 0.95, 0.3]  # half widths of X, the boxes, L
    box = dict(boxstyle="round,pad=0.4", facecolor="white", edgecolor=FORWARD, lw=2)
    ax.text(0, 0, f"X\n{(N, D)}", ha="center", va="center", fontsize=13, color=FORWARD)
    ax.text(12.7, 0, "L", ha="center", va="center", fontsize=15, color=FORWARD)
    for x, (name, cache) in zip(xs, modules):
        ax.text(x, 0, name, ha="center", va="center", fontsize=14, bbox=box)
        ax.text(x, 0.8, cache, ha="center", va="bottom", fontsize=11, color=FORWARD)
    for k, shape in enumerate([(N, D), (N, H), (N, H), (N, K), ()]):
        start, end = stops[k] + half[k] + 0.1, stops[k + 1] - half[k + 1] - 0.1
        ax.annotate("", (end, 0.2), (start, 0.2),
                    arrowprops=dict(arrowstyle="->", color=FORWARD, lw=1.8))
        if 0 < k < 4:
            ax.text((start + end) / 2, 0.3, str(shape), ha="center", va="bottom", fontsize=10,
                    color=FORWARD)
    for k, (symbol, shape) in zip([3, 2, 1, 0], grads):  # from module k + 1 down to stop k
        start, end = stops[k + 1] - half[k + 1] - 0.1, stops[k] + half[k] + 0.1
        ax.annotate("", (end, -0.25), (start, -0.25),
                    arrowprops=dict(arrowstyle="->", color=GRADIENT, lw=1.8))
        ax.text((start + end) / 2, -0.4, f"{symbol}\n{shape}", ha="center", va="top",
                fontsize=11, color=GRADIENT)
    for x, k, shapes in [(xs[2], 2, ((H, K), (K,))), (xs[0], 1, ((D, H), (H,)))]:
        ax.text(x, -1.45, f"stores dW{k} {shapes[0]}, db{k} {shapes[1]}", ha="center", va="top",
                fontsize=11, color=GRADIENT)
    ax.text(6.35, 1.6, "forward: each module keeps what its backward needs (the cache)", ha="center",
            fontsize=12, color=FORWARD)
    ax.text(6.35, -2.15, "backward: each module turns the gradient of its output into that of "
            "its input", ha="center", fontsize=12, color=GRADIENT)
    ax.set(xlim=(-0.6, 13.1), ylim=(-2.4, 1.95))
    ax.axis("off")
    return ax


def draw_tables(tables, row_label="example", col_label="class", fmt="{:+.2f}", row_ticks=None,
                col_ticks=None, blocks=()):
    """Matrices side by side as tables of numbers, one panel each; `tables` is a list of
    (matrix, title, colour) or (matrix, title, colour, format): FORWARD for forward values,
    GRADIENT for gradients, so the colour says what a number is and its sign is printed.
    row_ticks and col_ticks label the rows and columns (default 0, 1, ...); blocks lists
    (row, col, height, width) rectangles to tint in the table's colour. Returns the figure."""
    arrays = [np.atleast_2d(np.asarray(table[0], dtype=float)) for table in tables]
    rows = {a.shape[0] for a in arrays}
    if len(rows) != 1:
        raise ValueError(f"tables need the same number of rows, got {sorted(rows)}.")
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(1, len(tables), figsize=(3.2 * len(tables), 4.8), squeeze=False)
    for ax, values, (_, title, colour, *table_fmt) in zip(axes[0], arrays, tables):
        n_rows, n_cols = values.shape
        for (r, c), v in np.ndenumerate(values):
            tinted = any(r0 <= r < r0 + h and c0 <= c < c0 + w for r0, c0, h, w in blocks)
            ax.add_patch(plt.Rectangle((c, -r - 1), 1, 1, facecolor=colour if tinted else "white",
                                       alpha=0.18 if tinted else 1, edgecolor=TRAIN, lw=1))
            ax.text(c + 0.5, -r - 0.5, (table_fmt or [fmt])[0].format(v), ha="center",
                    va="center", fontsize=12, color=colour)
        ax.set(xlim=(0, n_cols), ylim=(-n_rows, 0), xticks=np.arange(n_cols) + 0.5,
               xticklabels=range(n_cols) if col_ticks is None else col_ticks,
               yticks=-np.arange(n_rows) - 0.5,
               yticklabels=range(n_rows) if row_ticks is None else row_ticks, xlabel=col_label,
               title=title)
        ax.tick_params(length=0)
        ax.grid(False)
        for side in ax.spines.values():
            side.set_visible(False)
    axes[0][0].set_ylabel(row_label)
    return fig


def draw_wishes(W_out, dz_out, a_hidden, j=0, n=0, ax=None):
    """BP2 for one hidden tanh neuron j on one example, as 3Blue1Brown's "wishes": each output
    neuron k's error dz_out[k] travels back along the edge W_out[j, k] that carries it,
    scaled by the weight (a wish w * dz, arrow width by its size, printed to 5 digits, their
    sum as the sum of the printed wishes); the wishes add up at
    the hidden neuron, and the gate tanh'(z) = 1 - a^2 scales the sum into its error.
    W_out (H, K), dz_out (K,) and a_hidden (H,) are example n's (n only labels the result);
    weights and a are forward values (FORWARD), errors and wishes gradients (GRADIENT).
    Returns (wishes, dz_j)."""
    W_out, dz_out, a_hidden = (np.asarray(v, dtype=float) for v in (W_out, dz_out, a_hidden))
    if W_out.ndim != 2 or dz_out.shape != (W_out.shape[1],) or a_hidden.shape != (W_out.shape[0],):
        raise ValueError(f"draw_wishes needs W_out (H, K), dz_out (K,) and a_hidden (H,); got "
                         f"{W_out.shape}, {dz_out.shape} and {a_hidden.shape}.")
    if not 0 <= j < W_out.shape[0]:
        raise ValueError(f"j = {j} is not a hidden neuron of the {W_out.shape[0]}.")
    wishes = W_out[j] * dz_out
    gate = 1 - a_hidden[j] ** 2
    total = wishes.sum()
    dz_j = total * gate
    K = len(dz_out)
    ax = _axes(ax, figsize=(12.8, 1.6 + 1.6 * K))
    ys = (K - 1) / 2 - np.arange(K) * 1.0 * 1.6  # the output neurons, top to bottom
    ys = ys - ys.mean()
    x_out, x_hid, x_gate, x_res = 9.0, 4.2, 1.6, -0.6
    widest = max(np.abs(wishes).max(), 1e-300)
    for k, (yk, w, d, wish) in enumerate(zip(ys, W_out[j], dz_out, wishes)):
        ax.add_patch(plt.Circle((x_out, yk), 0.42, facecolor="white", edgecolor=GRADIENT, lw=2))
        ax.text(x_out, yk, f"{d:+.4f}", ha="center", va="center", fontsize=11, color=GRADIENT)
        ax.text(x_out + 0.6, yk, f"output {k}\nits error dz", ha="left", va="center", fontsize=11,
                color=GRADIENT)
        ax.annotate("", (x_hid + 0.5, 0.12 * yk), (x_out - 0.45, yk),
                    arrowprops=dict(arrowstyle="-|>", color=GRADIENT,
                                    lw=1 + 5 * abs(wish) / widest, mutation_scale=18))
        xm, ym = (x_out + x_hid) / 2 + 0.2, (yk + 0.12 * yk) / 2
        label = dict(ha="center", fontsize=11, bbox=dict(boxstyle="round,pad=0.15", facecolor="white",
                                                         edgecolor="none"))
        ax.text(xm, ym + 0.1, f"weight {w:+.4f}", va="bottom", color=FORWARD, **label)
        ax.text(xm, ym - 0.1, f"× {d:+.4f} = {wish:+.5f}", va="top", color=GRADIENT, **label)
    ax.add_patch(plt.Circle((x_hid, 0), 0.5, facecolor="white", edgecolor=GRADIENT, lw=2))
    ax.text(x_hid, 0, "Σ", ha="center", va="center", fontsize=18, color=GRADIENT)
    shown = sum(round(float(wish), 5) for wish in wishes)  # the sum of the wishes as printed
    ax.text(x_hid, -0.62, f"hidden {j}: sum\n{shown:+.5f}", ha="center", va="top", fontsize=11,
            color=GRADIENT)
    ax.annotate("", (x_gate + 0.75, 0), (x_hid - 0.5, 0),
                arrowprops=dict(arrowstyle="-|>", color=GRADIENT, lw=2, mutation_scale=18))
    ax.text(x_gate, 0, f"× {gate:.4f}", ha="center", va="center", fontsize=12, color=TRAIN,
            bbox=dict(boxstyle="round,pad=0.4", facecolor="white", edgecolor=FORWARD, lw=2))
    ax.text(x_gate, -0.62, f"gate tanh′(z) = 1 − a²\na = {a_hidden[j]:+.4f}", ha="center",
            va="top", fontsize=11, color=FORWARD)
    ax.annotate("", (x_res + 0.55, 0), (x_gate - 0.75, 0),
                arrowprops=dict(arrowstyle="-|>", color=GRADIENT, lw=2, mutation_scale=18))
    ax.text(x_res, 0, f"{dz_j:+.4f}", ha="center", va="center", fontsize=12, color=GRADIENT)
    ax.text(x_res, -0.62, f"its error\ndZ1[{n}, {j}]", ha="center", va="top", fontsize=11,
            color=GRADIENT)
    ax.text(x_out + 0.6, ys.min() - 0.75, "arrow width ∝ |weight × error|", ha="left", va="top",
            fontsize=11, color=GRADIENT)
    top = ys.max() + 0.9
    ax.text((x_res + x_out) / 2, top, "BP2: the output errors travel back along the weights, add up, "
            "and pass the gate f′", ha="center", va="bottom", fontsize=13)
    ax.set(xlim=(x_res - 0.9, x_out + 2.3), ylim=(min(ys.min(), -1.4) - 0.5, top + 0.6))
    ax.set_aspect("equal")
    ax.axis("off")
    return wishes, dz_j
