"""Regularization explorer: what an L1 or L2 penalty does to a model that overfits.

The model is deliberately too big for its data: an MLP [2, 32, 32, 1] (about 1,100
weights) trained on only 60 noisy points of a Playground set; of the other 240 points, the
explorer uses the 120 that lesson 10 calls the validation set (`validation_split`), never its
test set. Without a penalty it learns the training set by heart: the training loss goes
towards 0 while the validation loss climbs. The penalty (the course's convention, see
`backprop.regularization`)

    L_total = L_data + l2/2 * sum(W^2) + l1 * sum(|W|)        (weights only, not biases)
    dW     += l2 * W + l1 * sign(W)

pulls every weight towards 0 at each step (training: full-batch Adam). A tiny rate
changes little, a moderate rate closes the train/validation gap, and a rate so strong that
the penalty outweighs the data drives every weight to (about) 0: the network then predicts
the same probability everywhere (set by the output bias alone), a valid picture that the
figure explains.

Three panels: the decision boundary (training points with a dark edge, validation points
with a white edge, a key saying so, and a colour bar for P(class 1)), train and validation
loss per epoch (the data loss, without the penalty) on fixed axes so that changes are
visible, each curve named in a margin right of its end where no curve is drawn, and the
histogram of the weights.

`regularization_figure` is pure. Each run depends only on its arguments and is cached
at module level; `regularization_explorer` trains and draws every setting before it
returns the widget (`explorer.explorer`), so a change only shows a ready image.
"""

import matplotlib.pyplot as plt
import numpy as np

from .. import datasets, plots
from ..layers import MLP
from ..training import fit
from ..validation import check_non_negative_number
from . import controls
from .explorer import explorer

SETTINGS = {"dataset": "xor", "noise": 0.3, "n": 300, "test_fraction": 0.8, "hidden": (32, 32),
            "lr": 0.02, "epochs": 150, "seed": 0}
COLLAPSED = 0.05  # every |W| below this: the penalty won, the figure says what that means
LABEL_HEIGHT = 0.14  # one curve label's height, as a fraction of the loss panel's y range
LABEL_GAP = 0.02  # space between a curve's end and its name, as a fraction of the epochs
LABEL_MARGIN = 0.5  # room right of the curves for the names ("validation" at 14 pt)
FIGSIZE = (11.2, 5.0)  # inches at 100 dpi: 500 px, so controls and figure fit a 1280x720 screen
_CACHE = {}


def penalty_strengths(regularization, rate):
    """(l1, l2) for a Playground setting: 'none' ignores the rate (as Playground does)."""
    kind = regularization.lower() if isinstance(regularization, str) else regularization
    if kind not in ("none", "l1", "l2"):
        raise ValueError(f"unknown regularization {regularization!r}; choose one of "
                         f"{', '.join(controls.REGULARIZATIONS)}.")
    rate = check_non_negative_number(rate, "rate (the regularization rate)")
    return (rate if kind == "l1" else 0.0), (rate if kind == "l2" else 0.0)


def overfitting_data(dataset="xor", noise=0.3, n=300, test_fraction=0.8, seed=0):
    """(X_train, X_test, y_train, y_test): a small noisy training set, a large test set."""
    if dataset not in datasets.PLAYGROUND:
        raise ValueError(f"unknown dataset {dataset!r}; choose one of "
                         f"{', '.join(sorted(datasets.PLAYGROUND))}.")
    X, y = datasets.PLAYGROUND[dataset](n=n, noise=noise, seed=seed)
    return datasets.train_test_split(X, y, test_fraction=test_fraction, seed=seed)


def validation_split(X_held, y_held):
    """(X_val, X_test, y_val, y_test): lesson 10's halving of the held-out points. The explorer
    draws and scores the validation half only, so that looking at it never shows the test set."""
    return datasets.train_test_split(X_held, y_held, test_fraction=0.5, seed=1)


def _explorer_data(settings):
    """(X_train, X_val, y_train, y_val) for the explorer's settings."""
    X_train, X_held, y_train, y_held = overfitting_data(
        *[settings[k] for k in ("dataset", "noise", "n", "test_fraction", "seed")])
    X_val, _, y_val, _ = validation_split(X_held, y_held)
    return X_train, X_val, y_train, y_val


def training_run(regularization="none", rate=0.0, **settings):
    """(model, history) of the wide MLP trained with full-batch Adam and the given penalty
    (cached: the returned model is shared, so do not train it further)."""
    l1, l2 = penalty_strengths(regularization, rate)
    unknown = sorted(set(settings) - set(SETTINGS))
    if unknown:
        raise TypeError(f"unknown setting(s) {', '.join(unknown)}; the settings are "
                        f"{', '.join(SETTINGS)}.")
    settings = {**SETTINGS, **settings}
    key = (l1, l2, tuple(sorted((k, tuple(v) if isinstance(v, list) else v)
                                for k, v in settings.items())))
    if key not in _CACHE:
        X_train, X_val, y_train, y_val = _explorer_data(settings)
        model = MLP([2, *settings["hidden"], 1], activation="relu", seed=settings["seed"])
        history = fit(model, X_train, y_train, loss="bce", optimizer="adam", lr=settings["lr"],
                      epochs=settings["epochs"], batch_size=None, l1=l1, l2=l2,
                      validation=(X_val, y_val), seed=settings["seed"], verbose=False)
        _CACHE[key] = (model, history)
    return _CACHE[key]


def _describe(regularization, rate):
    l1, l2 = penalty_strengths(regularization, rate)
    if l1:
        return f"L1, λ₁ = {l1:g}"
    if l2:
        return f"L2, λ₂ = {l2:g}"
    return "no regularization"


def _plot_losses(ax, history, top):
    # The two curves in the course's train/test styles, named at their ends instead of in a
    # legend (a legend costs ~15 ms per update; the update budget is 200 ms).
    epochs = np.arange(1, history.epochs + 1)
    ax.plot(epochs, history.loss, color=plots.TRAIN)
    ax.plot(epochs, history.val_loss, color=plots.TEST, linestyle="--")
    # Each name sits just right of its curve's end, in a margin that no curve enters
    # (placed on the curve, a name is struck through by its own line). Centred on its end,
    # a name is kept half a label height inside the panel ("train" ends near 0) and one
    # label height away from the other name ("validation" above it).
    half = LABEL_HEIGHT * top / 2
    train_y = max(history.loss[-1], half)
    held_y = min(max(history.val_loss[-1], train_y + 2 * half), top - half)
    train_y = min(train_y, held_y - 2 * half)
    x = epochs[-1] * (1 + LABEL_GAP)
    ax.text(x, train_y, "train", color=plots.TRAIN, ha="left", va="center")
    ax.text(x, held_y, "validation", color=plots.TEST, ha="left", va="center")
    ax.set_xlim(0, epochs[-1] * (1 + LABEL_MARGIN))
    gap = history.val_loss[-1] - history.loss[-1]
    ax.set(xlabel="epoch", ylabel="loss", ylim=(0, top))
    ax.set_title(f"loss: train {history.loss[-1]:.3f}, validation {history.val_loss[-1]:.3f} "
                 f"(gap {gap:.3f})", fontsize=14)


def _weights(model):
    return np.concatenate([p.data.ravel() for p in model.parameters() if p.regularize])


def _plot_weights(ax, model, lr):
    # The x-range follows the weights (a fixed range would hide weights shrunk to ~1e-7),
    # so the title states the scale: the largest |W|. Adam moves every weight by about lr
    # per step, so under L1 a weight that "should" be 0 jiggles within about +-lr of it
    # (lesson 10 shows this for SGD): |W| < lr counts as zero.
    weights = _weights(model)
    plots.plot_weight_histogram(model, ax=ax)
    near_zero = np.mean(np.abs(weights) < lr)
    ax.set_title(f"weights: max |W| {np.abs(weights).max():.2g}, {near_zero:.0%} below {lr:g}",
                 fontsize=14)
    return weights


def regularization_figure(regularization="none", rate=0.0, **settings):
    """Figure: decision boundary (left), train/test loss per epoch (top right) and the
    weight histogram (bottom right) after training with the given penalty."""
    model, history = training_run(regularization, rate, **settings)
    free_history = training_run("none", 0.0, **settings)[1]  # fixes the loss axis
    X_train, X_val, y_train, y_val = _explorer_data({**SETTINGS, **settings})
    # A fixed layout instead of the style's autolayout: measuring every label for
    # tight_layout would cost about a third of each widget update.
    with plt.rc_context({**plots.STYLE, "figure.autolayout": False}):
        fig = plt.figure(figsize=FIGSIZE)
        grid = fig.add_gridspec(2, 2, width_ratios=(1, 1.15), left=0.05, right=0.98, bottom=0.11,
                                top=0.92, wspace=0.32, hspace=0.62)
        ax_boundary = fig.add_subplot(grid[:, 0])
        ax_loss, ax_weights = fig.add_subplot(grid[0, 1]), fig.add_subplot(grid[1, 1])
        plots.plot_decision_boundary(model, X_train, y_train, ax=ax_boundary, X_test=X_val,
                                     y_test=y_val, resolution=60)
        # The lesson's axis names and no ticks (coordinates say nothing here): every text drawn
        # costs time on every update, and an update must stay well under 200 ms.
        ax_boundary.set(xlabel="$x_1$", ylabel="$x_2$", xticks=[], yticks=[])
        # The key for the two kinds of points (one small legend: about 10 ms per update).
        ax_boundary.collections[-2].set_label("training")
        ax_boundary.collections[-1].set_label("validation")
        ax_boundary.legend(loc="upper left", fontsize=11, framealpha=0.85)
        # The colour bar reads the background: the model's P(class 1), as in lesson 10's
        # other boundary plots. It is added last, so fig.axes[1:3] stay the loss and weights.
        background = next(c for c in ax_boundary.collections if hasattr(c, "levels"))
        fig.colorbar(background, ax=ax_boundary, fraction=0.05, pad=0.02, ticks=[0, 0.5, 1],
                     label="P(class 1)")
        accuracy = history.val_accuracy[-1]
        # 13 pt: the longest title ("no regularization: ...") fits beside the colour bar
        ax_boundary.set_title(f"{_describe(regularization, rate)}: validation accuracy {accuracy:.0%}",
                              fontsize=13)
        top = 1.1 * max(max(free_history.val_loss), max(history.val_loss), max(history.loss))
        _plot_losses(ax_loss, history, top)
        weights = _plot_weights(ax_weights, model, {**SETTINGS, **settings}["lr"])
        for ax in (ax_loss, ax_weights):
            ax.locator_params(nbins=3)  # the default ~8 ticks per axis cost ~35 ms per update
            ax.grid(False)
        ax_loss.locator_params(axis="x", nbins=4)  # epochs 0, 50, 100, 150
        if np.abs(weights).max() < COLLAPSED:
            p = plots.model_scores(model, X_val).mean()
            ax_boundary.text(0.5, 0.04, "the penalty won: every weight is ~0,\nso the model "
                             f"predicts P(class 1) = {p:.2f}\neverywhere (from the bias alone)",
                             transform=ax_boundary.transAxes, ha="center", va="bottom",
                             fontsize=13, color=plots.GRADIENT,
                             bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none"})
    return fig


def regularization_explorer(regularization="none", rate=0.0, precompute=True, **settings):
    """Regularization dropdown (none / L1 / L2) and Playground's rate slider over
    `regularization_figure`. With `precompute`, every setting is trained and drawn first,
    so a change shows a ready image; settings without a penalty (none, or a rate of 0)
    are one run and one figure."""
    penalty_strengths(regularization, rate)  # fail early on a bad setting
    if isinstance(regularization, str):  # "l2" as the dropdown spells it: "L2"
        regularization = {"l1": "L1", "l2": "L2"}.get(regularization.lower(), regularization)
    return explorer(
        lambda regularization, rate: regularization_figure(regularization, rate, **settings),
        {"regularization": controls.regularization_dropdown(regularization),
         "rate": controls.regularization_rate_slider(rate)},
        css_class="regularization-explorer", precompute=precompute, cache_key=penalty_strengths)


def best_inside_regions(w_star, H, n=400_000):
    """The minimum of the bowl L(w) = (w - w*)^T H (w - w*) / 2 over each unit region.

    Constrained form of the penalties: minimising L + penalty equals minimising L inside
    {penalty <= r} (for convex L). With two weights, L2's region w1^2 + w2^2 <= 1 is a circle
    and L1's |w1| + |w2| <= 1 a diamond. For w* outside both, the best point lies on the
    edge, found here by searching n points of it. Returns {name: (edge, best point)} and
    the bowl function.
    """
    w_star, H = np.asarray(w_star, float), np.asarray(H, float)

    def bowl(w):
        d = w - w_star
        return 0.5 * np.einsum("...i,ij,...j->...", d, H, d)

    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    circle = np.column_stack([np.cos(t), np.sin(t)])
    regions = {"L2: $w_1^2 + w_2^2 \\leq 1$ (a circle)": circle,
               "L1: $|w_1| + |w_2| \\leq 1$ (a diamond)":
                   circle / np.abs(circle).sum(axis=1, keepdims=True)}
    return {name: (edge, edge[np.argmin(bowl(edge))]) for name, edge in regions.items()}, bowl


def regions_figure(w_star=(2.0, 0.45), H=((1.0, 0.3), (0.3, 1.5))):
    """Figure: the contours of the bowl, L2's circle and L1's diamond, and the best point
    inside each (the bold contour is the lowest loss the region allows). Returns
    (fig, {name: best point})."""
    found, bowl = best_inside_regions(w_star, H)
    axis_w = np.linspace(-1.4, 3.2, 300)
    W1, W2 = np.meshgrid(axis_w, axis_w)
    surface = bowl(np.stack([W1, W2], axis=-1))
    fig, axes = plt.subplots(1, 2, figsize=(12.8, 4.9))
    for ax, (name, (edge, w)) in zip(axes, found.items()):
        ax.fill(edge[::1000, 0], edge[::1000, 1], color=plots.NEUTRAL, alpha=0.5)
        ax.contour(W1, W2, surface, levels=[0.05, 0.25, 0.7, 1.3], colors=plots.FORWARD, linewidths=1,
                   alpha=0.6)
        ax.contour(W1, W2, surface, levels=[bowl(w)], colors=plots.FORWARD, linewidths=2.5)
        ax.axhline(0, color=plots.TRAIN, linewidth=0.8)
        ax.axvline(0, color=plots.TRAIN, linewidth=0.8)
        ax.plot(*w_star, "x", color=plots.TRAIN, markersize=12, markeredgewidth=2.5)
        ax.annotate("minimum of L", w_star, xytext=(0, 14), textcoords="offset points", ha="center",
                    fontsize=13)
        ax.plot(*w, "o", color=plots.TRAIN, markersize=10)
        # the label in the empty lower left, an arrow to the point: no contour is covered
        ax.annotate(f"best inside\n({w[0]:.2f}, {w[1]:.2f})", w, xytext=(-1.3, -1.25), fontsize=13,
                    arrowprops={"arrowstyle": "->", "color": plots.TRAIN})
        ax.set(title=name, xlabel="$w_1$", ylabel="$w_2$", aspect="equal", xlim=(-1.4, 3.2),
               ylim=(-1.4, 1.8))
    return fig, {name: w for name, (_, w) in found.items()}


def penalty_paths(w_star, H, lambdas, sweeps=50):
    """The minimum of the bowl L(w) = (w - w*)^T H (w - w*) / 2 plus each penalty, for every
    strength in `lambdas`: {"L2": (len, 2) array, "L1": (len, 2) array}.

    L2, L + lam/2 |w|^2: the gradient H (w - w*) + lam w is 0 at w = (H + lam I)^-1 H w*.
    L1, L + lam (|w1| + |w2|): coordinate descent. With w_j held, the best w_i without the
    penalty is a_i = w*_i - H_ij (w_j - w*_j) / H_ii; the penalty moves it lam / H_ii towards
    0 and stops at 0 (a soft threshold). `sweeps` passes over both weights (lesson 10's
    companion, section 9, derives this and checks the optimality condition).
    """
    w_star, H = np.asarray(w_star, float), np.asarray(H, float)

    def l1_minimum(lam):
        w = w_star.copy()
        for _ in range(sweeps):
            for i, j in [(0, 1), (1, 0)]:
                alone = w_star[i] - H[i, j] * (w[j] - w_star[j]) / H[i, i]
                w[i] = np.sign(alone) * max(abs(alone) - lam / H[i, i], 0.0)
        return w

    return {"L2": np.array([np.linalg.solve(H + lam * np.eye(2), H @ w_star) for lam in lambdas]),
            "L1": np.array([l1_minimum(lam) for lam in lambdas])}


def boundary_panel(model, ax, X_train, y_train, X_val, y_val, title=None, colorbar=True):
    """Lesson 10's static decision boundary: the background is the model's P(class 1)
    (with the P = 0.5 contour), training points large with a dark edge, validation points
    small and faint, and (if `colorbar`) a colour bar reading the background. Returns ax."""
    plots.plot_decision_boundary(model, X_train, y_train, ax=ax, title=title)
    ax.collections[-1].set_sizes([70])  # the training points
    ax.collections[-1].set_linewidths(1.2)
    ax.scatter(X_val[:, 0], X_val[:, 1], c=np.array(plots.CLASS_COLORS)[np.asarray(y_val, int) % 2],
               s=12, alpha=0.6, linewidths=0)
    if colorbar:
        background = next(c for c in ax.collections if hasattr(c, "levels"))
        ax.figure.colorbar(background, ax=ax, fraction=0.046, pad=0.03, label="P(class 1)",
                           ticks=[0, 0.5, 1])
    return ax


def weight_histograms(weights, bins=40, ylim=(0.8, 2000)):
    """Figure: side by side, one histogram per entry of `weights` ({title: array of weights}),
    all on the same `bins` bins from -max|w| to +max|w| over every array, negative weights
    and non-negative ones in the palette's NEGATIVE and POSITIVE colours, counts on a log
    scale (the few large weights stay visible next to a tall peak at 0). Returns the figure."""
    weights = {title: np.ravel(w) for title, w in weights.items()}
    limit = max(np.abs(w).max() for w in weights.values())
    edges = np.linspace(-limit, limit, bins + 1)
    fig, axes = plt.subplots(1, len(weights), figsize=(12.8, 4.2), sharex=True, sharey=True,
                             squeeze=False)
    for ax, (title, w) in zip(axes[0], weights.items()):
        for part, color, label in [(w[w < 0], plots.NEGATIVE, "negative"),
                                   (w[w >= 0], plots.POSITIVE, "positive")]:
            ax.stairs(np.histogram(part, bins=edges)[0], edges, fill=True, color=color, label=label)
        ax.set(title=title, xlabel="weight value", yscale="log", ylim=ylim)
    axes[0, 0].set_ylabel("count (log scale)")
    axes[0, 0].legend(fontsize=11)
    return fig
