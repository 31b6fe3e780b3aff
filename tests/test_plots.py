"""Figures build without error (Agg backend, figures closed after each test), for
normal and for diverged training histories, and draw what they claim to draw."""

import warnings

import matplotlib
import numpy as np
import pytest
from engine_helpers import agg_pyplot

import backprop as bp
from backprop import datasets


@pytest.fixture
def plt():
    plt = agg_pyplot()
    yield plt
    plt.close("all")


@pytest.fixture(scope="module")
def trained():
    X, y = datasets.circle(80, seed=0)
    X_val, y_val = datasets.circle(40, seed=1)
    model = bp.MLP([2, 6, 1], "tanh", seed=0)
    history = bp.fit(model, X, y, loss="bce", lr=0.3, epochs=8, validation=(X_val, y_val),
                     verbose=False)
    return model, history, (X, y, X_val, y_val)


@pytest.fixture(scope="module")
def diverged():
    X, y = datasets.gauss(40, seed=0)
    model = bp.MLP([2, 8, 1], "relu", seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        history = bp.fit(model, X, y, loss="bce", lr=1e6, epochs=20, verbose=False)
    assert history.diverged
    return model, history, X, y


def test_loss_curves_for_a_normal_history(plt, trained):
    from backprop import plots

    _, history, _ = trained
    ax = plots.plot_loss_curves(history, title="loss")
    assert [line.get_label() for line in ax.lines] == ["train", "test"]
    np.testing.assert_array_equal(ax.lines[0].get_ydata(), history.loss)
    np.testing.assert_array_equal(ax.lines[1].get_ydata(), history.val_loss)
    assert ax.lines[0].get_color() == plots.TRAIN and ax.lines[1].get_linestyle() == "--"
    ax = plots.plot_loss_curves(history, accuracy=True)
    np.testing.assert_array_equal(ax.lines[0].get_ydata(), history.accuracy)
    assert ax.get_ylabel() == "accuracy"
    assert plots.plot_loss_curves(history, log=True).get_yscale() == "log"


def test_loss_curves_for_a_diverged_history(plt, diverged):
    from backprop import plots

    _, history, _, _ = diverged
    for kwargs in [{}, {"log": True}, {"accuracy": True}]:
        ax = plots.plot_loss_curves(history, **kwargs)
        assert any("diverged" in t.get_text() for t in ax.get_legend().get_texts())
    partial = bp.History(loss=[0.7, 0.5, 40.0], accuracy=[0.5, 0.6, 0.5], diverged=True)
    ax = plots.plot_loss_curves(partial, log=True)
    assert len(ax.lines[0].get_xdata()) == 3
    assert any("diverged" in t.get_text() for t in ax.get_legend().get_texts())
    ax.figure.canvas.draw()  # actually render it


def test_decision_boundary(plt, trained, diverged):
    from backprop import plots

    model, _, (X, y, X_val, y_val) = trained
    ax = plots.plot_decision_boundary(model, X, y, X_test=X_val, y_test=y_val, title="circle")
    assert len(ax.collections) >= 2 and ax.get_title() == "circle"
    multi = bp.MLP([2, 4, 3], seed=0)
    plots.plot_decision_boundary(multi, X, y % 3)
    broken, _, Xd, yd = diverged  # weights blown up by the huge learning rate
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        plots.plot_decision_boundary(broken, Xd, yd).figure.canvas.draw()


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "leaky_relu", "identity"])
def test_activation_plot(plt, name):
    from backprop import plots

    ax = plots.plot_activation(name)
    curves = {line.get_label(): line for line in ax.lines}
    f_line, df_line = curves["$f(z)$"], curves["$f'(z)$"]  # f and f', plus a zero line
    f, df = bp.activation_functions(name)
    np.testing.assert_array_equal(f_line.get_ydata(), f(f_line.get_xdata()))
    np.testing.assert_array_equal(df_line.get_ydata(), df(df_line.get_xdata()))
    assert f_line.get_color() == plots.FORWARD and df_line.get_color() == plots.GRADIENT


def test_gradient_norms_and_weight_histogram(plt):
    from backprop import plots

    model = bp.MLP([2, 5, 4, 1], "sigmoid", seed=0)
    loss = bp.MSELoss()
    X = np.random.default_rng(0).normal(size=(10, 2))
    loss.forward(model.forward(X), np.ones(10))
    model.backward(loss.backward())
    norms = plots.gradient_norms(model)
    assert list(norms) == ["layers[0].W", "layers[2].W", "layers[4].W"]
    assert norms["layers[2].W"] == pytest.approx(np.linalg.norm(model.layers[2].W.grad))
    ax = plots.plot_gradient_norms(norms)
    assert len(ax.patches) == 3 and ax.get_yscale() == "log"
    ax = plots.plot_weight_histogram(model)
    # bars (Rectangle) or filled outlines (StepPatch): count what each one draws
    counts = sum(p.get_height() if hasattr(p, "get_height") else p.get_data().values.sum()
                 for p in ax.patches)
    assert counts == 2 * 5 + 5 * 4 + 4 * 1  # every weight once, no biases


def test_confusion_matrix_and_digits(plt):
    from backprop import plots

    y_true, y_pred = np.array([0, 1, 2, 2, 1, 0, 2]), np.array([0, 2, 2, 2, 1, 0, 1])
    ax = plots.plot_confusion_matrix(y_true, y_pred)
    assert sum(int(t.get_text()) for t in ax.texts) == len(y_true)
    images = np.random.default_rng(0).uniform(size=(10, 64))
    fig = plots.plot_digits(images, labels=list(range(10)), predictions=[0] * 10, columns=5)
    assert len(fig.axes) == 10
    assert [ax.get_title() for ax in fig.axes[:2]] == ["0 → 0", "1 → 0"]
    palette = {matplotlib.colors.to_hex(c) for c in
               (plots.FORWARD, plots.GRADIENT, plots.NEGATIVE, plots.POSITIVE, plots.TEST)}
    assert not {matplotlib.colors.to_hex(ax.title.get_color()) for ax in fig.axes} & palette


def test_the_palette_legend_names_every_meaning(plt):
    from backprop import plots

    fig = plots.plot_palette()
    texts = " ".join(t.get_text() for t in fig.axes[0].texts)
    for meaning in ("forward", "gradients", "class 0", "class 1", "training", "validation",
                    "test", "guides", "several runs"):
        assert meaning in texts


def test_use_style_sets_the_course_style(plt):
    from backprop import plots

    with plt.rc_context():
        plots.use_style()
        assert plt.rcParams["font.size"] == plots.STYLE["font.size"]
        assert tuple(plt.rcParams["figure.figsize"]) == plots.STYLE["figure.figsize"]
