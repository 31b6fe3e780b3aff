"""Momentum explorer: the predicted factor rho against measured runs, divergence exactly
where eta h > 2 (1 + mu) for every slider setting, the figure, the widget, bad input."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from widget_helpers import record_displays, same_picture  # noqa: E402

from backprop.descent import descend  # noqa: E402
from backprop.widgets import momentum  # noqa: E402


def test_gradient_descent_factor_is_one_minus_lr_h():
    for h, lr in ((1.0, 0.03), (50.0, 0.03), (50.0, 0.039)):
        assert np.isclose(momentum.convergence_factor(h, lr, 0.0), abs(1 - lr * h))


def test_complex_roots_have_modulus_sqrt_mu():
    # across the valley at eta = 0.03 the roots are complex for mu = 0.9
    assert np.isclose(momentum.convergence_factor(50.0, 0.03, 0.9), np.sqrt(0.9))


@pytest.mark.parametrize("lr, mu", [(0.03, 0.9), (0.03, 0.5), (0.01, 0.95), (0.039, 0.3)])
def test_the_measured_rate_is_the_predicted_factor(lr, mu):
    run = descend(momentum.valley(), optimizer="momentum", lr=lr, momentum=mu, steps=400)
    for i, h in enumerate(momentum.CURVATURES.values()):
        rho = momentum.convergence_factor(h, lr, mu)
        size = np.abs(run.points[:, i])
        # the largest |w| in a late window of 40 steps vs the same 200 steps later:
        # their ratio is rho^200 up to the polynomial factor of a double root
        early, late = size[100:140].max(), size[300:340].max()
        if late > 1e-200:
            measured = (late / early) ** (1 / 200)
            assert abs(measured - rho) < 0.01, (h, measured, rho)


def test_every_slider_setting_diverges_exactly_beyond_the_limit():
    for lr in momentum.LEARNING_RATES:
        for mu in momentum.MOMENTA:
            fig = momentum.momentum_figure(lr, mu)
            unstable = lr * momentum.CURVATURES["across"] > 2 * (1 + mu)
            title = fig.axes[1].get_title()
            assert ("diverged" in title) == unstable, (lr, mu, title)
            assert f"μ = {mu:g}" in fig._suptitle.get_text()
            plt.close(fig)


def test_the_explorer_draws_each_move(monkeypatch):
    shown = record_displays(monkeypatch)
    widget = momentum.momentum_explorer(lr=0.03, mu=0.9)
    lr, mu = widget.children[:2]
    assert "momentum-explorer" in widget._dom_classes and len(shown) == 1
    mu.value = 0.68
    assert same_picture(shown[-1], momentum.momentum_figure(0.03, 0.68, roots=True))
    lr.value = 0.08
    assert same_picture(shown[-1], momentum.momentum_figure(0.08, 0.68, roots=True))
    assert len(set(shown)) == 3 and not plt.get_fignums()


def test_bad_input_is_refused_with_a_reason():
    with pytest.raises(ValueError, match="below 1"):
        momentum.momentum_figure(0.03, 1.0)
    with pytest.raises(ValueError, match="number >= 0"):
        momentum.momentum_figure(0.03, -0.1)
    with pytest.raises(ValueError, match="positive number"):
        momentum.momentum_figure(0, 0.9)
    with pytest.raises(ValueError, match="not one of the explorer's values"):
        momentum.momentum_explorer(lr=0.04)


def test_the_roots_panel_marks_the_current_roots_of_each_direction():
    fig = momentum.momentum_figure(0.03, 0.5, roots=True)
    assert len(fig.axes) == 3 and len(momentum.momentum_figure(0.03, 0.5).axes) == 2
    panel = fig.axes[2]
    marked = {line.get_label(): line.get_xdata() + 1j * line.get_ydata()
              for line in panel.get_lines() if line.get_linestyle() == "None"}
    for name, h in momentum.CURVATURES.items():
        (label,) = [lbl for lbl in marked if lbl.startswith(name)]
        expected = np.roots([1.0, -(1.0 + 0.5 - 0.03 * h), 0.5])
        assert np.allclose(sorted(marked[label], key=abs), sorted(expected, key=abs))
        assert f"ρ = {momentum.convergence_factor(h, 0.03, 0.5):.3f}" in label
    # at mu = 0.5 the floor's roots are real, the steep direction's lie on |r| = sqrt(mu)
    floor, steep = (marked[lbl] for lbl in sorted(marked, key=lambda s: not s.startswith("floor")))
    assert np.allclose(floor.imag, 0) and np.allclose(np.abs(steep), np.sqrt(0.5))
    plt.close("all")


def test_the_roots_move_with_the_sliders(monkeypatch):
    shown = record_displays(monkeypatch)
    widget = momentum.momentum_explorer(lr=0.03, mu=0.9)
    widget.children[1].value = 0.5
    assert same_picture(shown[-1], momentum.momentum_figure(0.03, 0.5, roots=True))
    assert not same_picture(shown[-1], momentum.momentum_figure(0.03, 0.5))
    plt.close("all")


def test_a_diverging_root_is_inside_the_roots_panel_and_named():
    # eta = 0.075, mu = 0.5: across the valley one root is -2, outside the unit circle
    fig = momentum.momentum_figure(0.075, 0.5, roots=True)
    panel = fig.axes[2]
    root = momentum.direction_roots(50.0, 0.075, 0.5)[0]
    assert abs(root) > 1.9
    (x0, x1), (y0, y1) = panel.get_xlim(), panel.get_ylim()
    assert x0 < root.real < x1 and y0 < root.imag < y1
    notes = [t.get_text() for t in panel.texts]
    assert any("diverges" in t and f"{abs(root):.2f}" in t for t in notes), notes
    # a stable setting draws no such arrow and keeps the small panel
    calm = momentum.momentum_figure(0.03, 0.9, roots=True).axes[2]
    assert not calm.texts and calm.get_xlim()[1] < 1.5
    plt.close("all")


def test_the_log_panel_names_both_predictions_and_uses_powers_of_ten():
    fig = momentum.momentum_figure(0.03, 0.9)
    panel = fig.axes[1]
    labels = [t.get_text() for t in panel.get_legend().get_texts()]
    assert sum(lbl.startswith("predicted |w1|") for lbl in labels) == 1
    assert sum(lbl.startswith("predicted |w2|") for lbl in labels) == 1
    fig.canvas.draw()
    ticks = [t.get_text() for t in panel.get_yticklabels() if t.get_text()]
    assert ticks and all(t.startswith("$10^{") for t in ticks), ticks
    # one marker language: floor ^, across D, in the speed panel and the roots panel
    markers = {line.get_label().split(" ")[1]: line.get_marker() for line in panel.get_lines()
               if line.get_label().startswith("predicted")}
    assert markers == {"|w1|:": "^", "|w2|:": "D"}
    roots = {line.get_label().split(":")[0]: line.get_marker()
             for line in momentum.momentum_figure(0.03, 0.9, roots=True).axes[2].get_lines()
             if line.get_linestyle() == "None"}
    assert roots == {"floor": "^", "across": "D"}
    plt.close("all")


def test_the_on_ramp_shows_the_recurrence_of_the_real_optimizer():
    from backprop import SGD, Parameter
    fig = momentum.recurrence_figure(h=1.0, lr=0.03, mus=(0.3, 0.684, 0.9), steps=60)
    titles = [ax.get_title() for ax in fig.axes]
    assert "real roots" in titles[0] and "meet" in titles[1] and "complex" in titles[2]
    for ax, mu in zip(fig.axes, (0.3, 0.684, 0.9)):
        (curve,) = [line for line in ax.get_lines() if line.get_label() == "w after k steps"]
        p = Parameter(np.array([1.0]))
        opt, expected = SGD([p], lr=0.03, momentum=mu), [1.0]
        for _ in range(60):
            p.grad = 1.0 * p.data
            opt.step()
            expected.append(float(p.data[0]))
        assert np.allclose(curve.get_ydata(), expected, rtol=1e-9, atol=1e-12)
    # complex roots change sign; real roots of a positive start do not
    assert (fig.axes[2].get_lines()[-1].get_ydata() < 0).any()
    assert (fig.axes[0].get_lines()[-1].get_ydata() > 0).all()
    plt.close("all")


def test_the_root_locus_finds_the_meeting_point():
    fig, best = momentum.roots_figure(lr=0.03)
    assert abs(best - (1 - np.sqrt(0.03)) ** 2) < 0.002
    locus = fig.axes[1]
    marks = {line.get_marker() for line in locus.get_lines() if line.get_linestyle() == "None"}
    assert {"^", "D", "*"} <= marks and not marks & {"o"}
    plt.close("all")
    with pytest.raises(ValueError, match="positive number"):
        momentum.recurrence_figure(lr=-1)


def test_one_colour_one_meaning_and_no_limit_before_the_lesson_derives_it():
    # the directions' colours are not the colours of the runs in the path panel (gradient
    # descent green, momentum wine), and each direction keeps its colour in every figure
    from matplotlib.colors import to_hex
    fig = momentum.momentum_figure(0.03, 0.9, roots=True)
    path, speed, roots = fig.axes
    runs = {to_hex(line.get_color()) for line in path.get_lines() if line.get_label()[0] != "_"}
    floor, across = (to_hex(momentum.DIRECTION_STYLES[n]["color"]) for n in ("floor", "across"))
    assert floor != across and not {floor, across} & runs, (runs, floor, across)
    for ax in (speed, roots):
        seen = {to_hex(line.get_color()) for line in ax.get_lines() if line.get_marker() in "^D"}
        assert seen == {floor, across}, seen
    assert "2(1 + μ)" not in fig._suptitle.get_text()
    (curve,) = [line for line in momentum.recurrence_figure().axes[0].get_lines()
                if line.get_label() == "w after k steps"]
    assert to_hex(curve.get_color()) == floor
    plt.close("all")
