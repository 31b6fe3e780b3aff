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
