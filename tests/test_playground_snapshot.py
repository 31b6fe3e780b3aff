"""The saved picture of the playground: a colour bar, one name per layer, and edges drawn
by what the `edges` setting says (w, or dL/dw on the widget's log scale)."""

from pathlib import Path

import matplotlib
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

import backprop
from backprop.playground import Playground
from backprop.playground.backward import linears
from backprop.playground.snapshot import (
    GRAD_HI,
    GRAD_LO,
    _network,
    gradient_fraction,
    layer_symbols,
    snapshot_figure,
    snapshot_png,
)
from backprop.plots import DIVERGING, GRADIENT


def test_every_layer_has_its_own_name():
    assert layer_symbols([2, 4, 3, 1]) == ["x", "a^{(1)}", "a^{(2)}", r"\hat{y}"]
    assert layer_symbols([2, 1]) == ["x", r"\hat{y}"]


def test_gradient_scale_is_the_widgets_log_scale():
    """network.js: t = (log10|g| - GRAD_LO) / (GRAD_HI - GRAD_LO), clipped; 0 for g = 0."""
    js = (Path(backprop.__file__).parent / "widgets" / "static" / "network.js").read_text()
    assert f"export const GRAD_LO = {GRAD_LO};" in js and f"export const GRAD_HI = {GRAD_HI};" in js
    grads = np.array([0.0, 1e-7, 1e-5, -10 ** -2.5, 1.0, 30.0])
    assert np.allclose(gradient_fraction(grads), [0, 0, 0, 0.5, 1, 1])


def _edge_colours(pg):
    fig = Figure()
    ax = fig.add_subplot()
    _network(ax, pg._run)
    lines = [line for line in ax.lines]
    return ax, np.array([matplotlib.colors.to_rgb(line.get_color()) for line in lines]), \
        np.array([line.get_linewidth() for line in lines])


@pytest.fixture
def trained():
    pg = Playground(dataset="circle", layers=[3], activation="tanh", lr=0.03, seed=3)
    pg.step(3)
    return pg


def test_gradient_edges_follow_dL_dw(trained):
    trained.set(edges="gradient")
    _, colours, widths = _edge_colours(trained)
    t = np.concatenate([gradient_fraction(lin.W.grad).ravel() for lin in linears(trained.model)])
    assert len(colours) == len(t) and np.ptp(t) > 0.05   # the run has gradients of several sizes
    share = 0.12 + 0.88 * t
    mid, end = np.array(DIVERGING(0.5)[:3]), np.array(matplotlib.colors.to_rgb(GRADIENT))
    assert np.allclose(colours, (1 - share)[:, None] * mid + share[:, None] * end)
    assert np.allclose(widths, 0.5 + 4.0 * t)


def test_weight_edges_follow_the_sign_of_w(trained):
    _, colours, _ = _edge_colours(trained)
    w = np.concatenate([lin.W.data.ravel() for lin in linears(trained.model)])
    positive = matplotlib.colors.to_rgb("#56b4e9")
    assert [tuple(c) == positive for c in colours] == list(w > 0)


def test_weight_edges_fade_out_as_w_goes_to_zero():
    """An L1 run: the weights it drove to 0 are drawn all but invisible, the largest at
    full opacity and width, and width and opacity grow with |w|."""
    pg = Playground(dataset="gauss", layers=[4, 4], activation="tanh", lr=0.03,
                    regularization="L1", reg_rate=0.03, seed=1)
    pg.step(60)
    fig = Figure()
    ax = fig.add_subplot()
    _network(ax, pg._run)
    size = np.abs(np.concatenate([lin.W.data.ravel() for lin in linears(pg.model)]))
    alphas = np.array([line.get_alpha() for line in ax.lines])
    widths = np.array([line.get_linewidth() for line in ax.lines])
    assert (size < 1e-3).any(), "the L1 run removed some weights"
    assert alphas[size < 1e-3].max() < 0.1 and widths[size < 1e-3].max() < 0.2
    assert alphas[np.argmax(size)] == 1.0
    order = np.argsort(size)
    assert np.all(np.diff(alphas[order]) >= 0) and np.all(np.diff(widths[order]) >= 0)


def test_the_picture_says_what_the_edges_and_colours_mean(trained):
    ax, _, _ = _edge_colours(trained)
    texts = [t.get_text() for t in ax.texts]
    assert any("w < 0" in t for t in texts)
    assert ["$x$", "$a^{(1)}$", r"$\hat{y}$"] == [t for t in texts if t.startswith("$")]
    trained.set(edges="gradient")
    ax, _, _ = _edge_colours(trained)
    assert any("∂L/∂w" in t for t in (t.get_text() for t in ax.texts))


def test_switching_the_edges_changes_the_saved_picture(trained):
    by_weight = snapshot_png(trained._run)
    trained.set(edges="gradient")
    assert snapshot_png(trained._run) != by_weight


@pytest.mark.parametrize("low, high", [(0.55, 0.62), (0.01, 0.5), (1e-5, 1.0)])
def test_the_gradient_norm_axis_has_a_few_labels_whatever_its_range(low, high):
    """Between 2 and 6 labelled ticks inside the data's range: a range under 10x would
    otherwise get matplotlib's crowded linear fallback."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from backprop.playground.snapshot import norms_plot

    fig = Figure()
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    norms = np.geomspace(low, high, 20)[:, None] * np.ones((1, 2))
    norms_plot(ax, norms)
    fig.canvas.draw()
    bottom, top = ax.get_ylim()
    shown = [t for t, v in zip(ax.get_yticklabels(), ax.get_yticks()) if bottom <= v <= top]
    assert 2 <= len([t for t in shown if t.get_text()]) <= 6, [t.get_text() for t in shown]


def test_one_exploded_weight_does_not_hide_the_others(trained):
    """A weight that blew up (a too-large learning rate) gets the widest edge; the other
    edges stay visible (scaled to the largest |w| they would shrink to hairlines)."""
    before = _edge_colours(trained)[2]
    linears(trained.model)[0].W.data[0, 0] = 1e4
    after = _edge_colours(trained)[2]
    assert after[0] == after.max() >= before.max()
    assert np.all(after[1:] >= 0.5 * before[1:]) and after[1:].max() > 1.0


@pytest.mark.parametrize("hidden", [1, 2, 3, 4, 6])
def test_layer_names_never_overlap_each_other_or_the_key(hidden):
    """Six hidden layers put the columns closer than a name is wide: the names then take
    two rows. Measured on the drawn picture, at its saved size."""
    pg = Playground(dataset="circle", layers=[8] * hidden, activation="tanh", seed=1)
    pg.step(1)
    fig = snapshot_figure(pg._run)
    renderer = FigureCanvasAgg(fig).get_renderer()   # the renderer savefig uses
    fig.draw(renderer)
    net = next(ax for ax in fig.axes if any(t.get_text().startswith("edges") for t in ax.texts))
    names = [t for t in net.texts if t.get_text().startswith("$")]
    key = [t for t in net.texts if t.get_text().startswith("edges")]
    assert len(names) == hidden + 2 and len(key) == 1
    boxes = [t.get_window_extent(renderer) for t in names + key]
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            assert not boxes[i].overlaps(boxes[j]), (names + key)[i].get_text()


def test_the_output_map_and_the_network_both_get_room():
    """The map is what a still is read for: at least a fifth of the picture's width, no
    narrower than the loss charts (it was a 170-pixel stamp when its colour bar took a share
    of its grid cell). The network's columns stand at least 30 pixels apart even with six
    hidden layers (they were 14 apart when the key under the network, wider than its column,
    made the tight layout narrow the network's axes)."""
    pg = Playground(dataset="circle", layers=[8] * 6, activation="tanh", seed=1)
    pg.step(1)
    fig = snapshot_figure(pg._run)
    FigureCanvasAgg(fig).draw()
    heat = next(ax for ax in fig.axes if ax.get_title().startswith("output"))
    width = heat.get_position().width
    charts = [ax for ax in fig.axes if ax.get_title() == "loss" or ax.get_ylabel() == "||dL/dW||"]
    assert width > 0.2 and len(charts) == 2
    assert all(width >= ax.get_position().width for ax in charts)
    net = next(ax for ax in fig.axes if any(t.get_text().startswith("edges") for t in ax.texts))
    columns = net.transData.transform(np.c_[np.arange(8), np.zeros(8)])[:, 0]
    assert np.diff(columns).min() >= 30, np.diff(columns)
