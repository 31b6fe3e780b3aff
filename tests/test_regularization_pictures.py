"""Lesson 10's pictures draw the numbers they are given: the data-size curves, the kept
epoch and patience of early stopping, the sweep, and dropout's thinned networks."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from backprop import regularization_pictures as rp  # noqa: E402


def test_data_size_draws_the_means_and_every_draw():
    sizes = [60, 120, 240]
    train = np.array([[0.0, 0.0], [0.1, 0.3], [0.2, 0.2]])
    val = np.array([[0.9, 0.9], [0.7, 0.5], [0.3, 0.25]])
    ax = rp.plot_data_size(sizes, train, val)
    means = [line for line in ax.get_lines() if "mean" in line.get_label()]
    assert [line.get_label() for line in means] == ["train (mean of the draws)",
                                                    "validation (mean of the draws)"]
    assert np.allclose(means[0].get_ydata(), train.mean(axis=1))
    assert np.allclose(means[1].get_ydata(), val.mean(axis=1))
    dots = [line for line in ax.get_lines() if line.get_linestyle() == "None"]
    assert sorted(len(d.get_xdata()) for d in dots) == [6, 6]  # every draw of both losses
    with pytest.raises(ValueError, match="one row per size"):
        rp.plot_data_size(sizes, train[:2], val[:2])
    plt.close("all")


def test_early_stopping_marks_the_kept_epoch_and_fades_the_rest():
    val = np.array([0.9, 0.5, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7])
    train = np.linspace(0.9, 0.1, 8)
    ax = rp.plot_early_stopping(train, val, best_epoch=3, stop_epoch=5)
    kept = next(line for line in ax.get_lines() if line.get_label().startswith("kept"))
    assert kept.get_xdata()[0] == 3 and kept.get_ydata()[0] == 0.3
    solid = [line for line in ax.get_lines() if line.get_label() in ("train", "validation")]
    faded = [line for line in ax.get_lines() if line.get_alpha() == 0.3]
    assert all(list(line.get_xdata()) == [1, 2, 3, 4, 5] for line in solid)
    assert len(faded) == 2 and all(list(line.get_xdata()) == [5, 6, 7, 8] for line in faded)
    span = ax.patches[0].get_path().transformed(ax.patches[0].get_patch_transform())  # the patience
    assert {round(x) for x in span.vertices[:, 0]} == {3, 5}  # from the kept epoch to the stop
    with pytest.raises(ValueError, match="best_epoch"):
        rp.plot_early_stopping(train, val, best_epoch=6, stop_epoch=5)
    plt.close("all")


def test_strength_sweep_draws_one_panel_per_penalty():
    grid = [0.01, 0.1, 1]
    sweep = {"L2": np.array([[0.1, 0.5], [0.2, 0.3], [0.6, 0.6]]), "L1": np.ones((3, 2))}
    fig = rp.plot_strength_sweep(grid, sweep, free_val=0.9)
    assert [ax.get_title() for ax in fig.axes] == ["L2", "L1"]
    train, val = fig.axes[0].get_lines()[:2]
    assert np.allclose(train.get_ydata(), [0.1, 0.2, 0.6])
    assert np.allclose(val.get_ydata(), [0.5, 0.3, 0.6])
    with pytest.raises(ValueError, match="one .train, validation. pair"):
        rp.plot_strength_sweep(grid, {"L2": np.ones((2, 2))}, 0.9)
    plt.close("all")


def test_dropout_draws_edges_between_kept_units_only():
    sizes = [2, 3, 3, 1]
    step = [np.array([1.0, 0.0, 2.0]), np.array([0.0, 0.0, 2.0])]  # 2 and 1 units kept
    fig = rp.draw_dropout(sizes, [step, None], ["step", "test"])
    thinned, full = fig.axes
    assert len(thinned.get_lines()) == 2 * 2 + 2 * 1 + 1 * 1  # input-h1, h1-h2, h2-output
    assert len(full.get_lines()) == 2 * 3 + 3 * 3 + 3 * 1
    assert thinned.get_title().endswith("3 of 6 hidden units on")
    assert full.get_title().endswith("6 of 6 hidden units on")
    with pytest.raises(ValueError, match="one entry per hidden unit"):
        rp.draw_dropout(sizes, [[np.ones(3)]], ["one layer only"])
    plt.close("all")


def test_penalty_paths_draw_each_path_and_label_the_marked_strengths():
    lambdas = np.linspace(0, 3, 31)
    l2 = np.column_stack([2 / (1 + lambdas), 0.45 / (1 + lambdas)])
    l1 = np.column_stack([np.maximum(2 - lambdas, 0), np.zeros_like(lambdas)])
    ax = rp.plot_penalty_paths((2.0, 0.45), np.eye(2), lambdas, {"L2": l2, "L1": l1},
                               marks=(1, 2))
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert np.allclose(lines["L2"].get_xydata(), l2) and np.allclose(lines["L1"].get_xydata(), l1)
    assert sorted(t.get_text() for t in ax.texts if t.get_text().startswith("λ =")) == \
        ["λ = 1", "λ = 1", "λ = 2", "λ = 2"]
    with pytest.raises(ValueError, match="one point .w1, w2. per lambda"):
        rp.plot_penalty_paths((2.0, 0.45), np.eye(2), lambdas, {"L2": l2[:5]})
    plt.close("all")


def test_dropout_rates_draw_both_curves_and_the_reference():
    ax = rp.plot_dropout_rates([0.1, 0.5, 0.9], [0.7, 0.3, 0.5], [0.25, 0.24, 0.4], free_late=0.85)
    late, lowest, free = ax.get_lines()
    assert np.allclose(late.get_ydata(), [0.7, 0.3, 0.5])
    assert np.allclose(lowest.get_ydata(), [0.25, 0.24, 0.4])
    assert np.allclose(free.get_ydata(), 0.85)
    with pytest.raises(ValueError, match="one late and one lowest loss per rate"):
        rp.plot_dropout_rates([0.1, 0.5], [0.7], [0.2, 0.3], 0.85)
    plt.close("all")


def test_losses_and_accuracy_share_the_epochs_and_mark_the_lowest():
    class Run:
        loss, val_loss, val_accuracy = [0.6, 0.3, 0.1], [0.7, 0.4, 0.5], [0.5, 0.8, 0.75]

    fig, axes = plt.subplots(2, 1, sharex=True)
    assert rp.plot_losses_and_accuracy(Run, axes) == 2
    assert [line.get_label() for line in axes[0].get_lines()[:2]] == ["train loss", "validation loss"]
    assert axes[1].get_ylim() == (0, 1) and list(axes[1].get_lines()[0].get_ydata()) == Run.val_accuracy
    Run.loss = [0.6]
    with pytest.raises(ValueError):
        rp.plot_losses_and_accuracy(Run, axes)
    plt.close(fig)


def test_logit_slice_draws_one_curve_per_network():
    t = np.linspace(-1, 1, 5)
    ax = rp.plot_logit_slice(t, {"a": t, "b": 2 * t}, (0.5, 0.2))
    assert [line.get_label() for line in ax.get_lines()[:2]] == ["a", "b"]
    with pytest.raises(ValueError):
        rp.plot_logit_slice(t, {"a": t[:3]}, (0.5, 0.2))
    plt.close(ax.figure)
