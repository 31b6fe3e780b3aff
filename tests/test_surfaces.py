"""Loss surfaces: analytic gradients against numerical ones (float64), gradient descent
against its closed form, divergence flagged cleanly, and the package's optimizers reaching
the minimum."""

import subprocess
import sys
import warnings

import numpy as np
import pytest

import backprop.descent as D
import backprop.surfaces as S
from backprop import numerical_gradient

SURFACES = [S.parabola(2.0), S.bowl(1, 10), S.bowl(1, 20, angle=30), S.Valley(10), S.Valley(100)]


@pytest.fixture(autouse=True)
def no_warnings():
    """Divergence must be handled without a single NaN/overflow warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


@pytest.mark.parametrize("surface", SURFACES, ids=str)
def test_gradient_matches_numerical_gradient(surface):
    rng = np.random.default_rng(0)
    for _ in range(5):
        w = rng.uniform(-2, 2, surface.dim)
        numerical = numerical_gradient(surface.loss, w.copy())
        analytic = surface.gradient(w)
        assert analytic.shape == w.shape
        np.testing.assert_allclose(analytic, numerical, rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("surface", SURFACES, ids=str)
def test_grid_evaluation_matches_pointwise(surface):
    rng = np.random.default_rng(1)
    W = rng.uniform(-2, 2, (surface.dim, 4, 3))
    losses, grads = surface.loss(W), surface.gradient(W)
    assert losses.shape == (4, 3) and grads.shape == W.shape
    for i in range(4):
        for j in range(3):
            assert losses[i, j] == pytest.approx(surface.loss(W[:, i, j]), rel=1e-12)
            np.testing.assert_allclose(grads[:, i, j], surface.gradient(W[:, i, j]), rtol=1e-12)


def test_minimum_has_zero_gradient_and_lowest_loss():
    for surface in SURFACES:
        np.testing.assert_allclose(surface.gradient(surface.minimum), 0, atol=1e-12)
        rng = np.random.default_rng(2)
        others = surface.minimum[:, None] + rng.normal(size=(surface.dim, 50))
        assert np.all(surface.loss(others) > surface.loss(surface.minimum))


def test_quadratic_stability_limit_is_two_over_largest_curvature():
    assert S.parabola(4.0).max_stable_lr == pytest.approx(0.5)
    assert S.bowl(1, 10).max_stable_lr == pytest.approx(0.2)
    assert S.bowl(1, 10, angle=30).max_stable_lr == pytest.approx(0.2)  # rotation keeps curvatures
    assert S.Valley().max_stable_lr is None


def test_gradient_descent_on_a_parabola_follows_the_closed_form():
    # w_k = (1 - lr a)^k w_0
    a, w0, lr = 2.0, 4.0, 0.3
    run = D.descend(S.parabola(a, start=w0), lr=lr, steps=10)
    expected = w0 * (1 - lr * a) ** np.arange(11)
    np.testing.assert_allclose(run.points[:, 0], expected, rtol=1e-12)
    np.testing.assert_allclose(run.losses, a / 2 * expected ** 2, rtol=1e-12)


def test_small_lr_converges_and_large_lr_is_flagged_diverged():
    surface = S.bowl(1, 10)
    good = D.descend(surface, lr=0.1, steps=100)
    assert not good.diverged and good.steps == 100
    assert good.losses[-1] < 1e-4 * good.losses[0]
    bad = D.descend(surface, lr=1.0, steps=100)
    assert bad.diverged and bad.steps < 100, bad.message
    assert np.all(np.isfinite(bad.points)) and np.all(np.isfinite(bad.losses))
    assert "diverged at step" in bad.message and "too large" in bad.message
    assert "2/a_max = 0.2" in bad.message


@pytest.mark.parametrize("lr", [1e3, 1e8, 1e300])
def test_huge_learning_rates_stop_cleanly(lr):
    run = D.descend(S.Valley(10), lr=lr, steps=50)
    assert run.diverged and np.all(np.isfinite(run.losses)), run.message


def test_just_above_two_over_a_diverges_just_below_converges():
    surface = S.parabola(2.0)  # limit 2/a = 1
    assert not D.descend(surface, lr=0.99, steps=200).diverged
    slow_blowup = D.descend(surface, lr=1.01, steps=200)  # |1 - lr a| = 1.02 per step
    assert slow_blowup.diverged and "grew" in slow_blowup.message, slow_blowup.message


def test_stopping_rule_on_the_loss_change():
    run = D.descend(S.bowl(1, 10), lr=0.1, steps=1000, tol=1e-6)
    assert run.converged and not run.diverged and run.steps < 1000
    assert abs(run.losses[-1] - run.losses[-2]) < 1e-6
    assert np.all(np.abs(np.diff(run.losses[:-1])) >= 1e-6)  # it did not stop earlier
    assert "converged at step" in run.message


def test_momentum_run_uses_the_velocity_update():
    # v = mu v + g; w -= lr v, on L = a/2 w^2 (g = a w)
    a, lr, mu, w = 2.0, 0.1, 0.9, 4.0
    run = D.descend(S.parabola(a, start=w), optimizer="momentum", lr=lr, steps=3)
    v, expected = 0.0, [w]
    for _ in range(3):
        v = mu * v + a * w
        w = w - lr * v
        expected.append(w)
    np.testing.assert_allclose(run.points[:, 0], expected, rtol=1e-12)
    assert run.label == "momentum, η = 0.1"
    same = D.descend(S.parabola(a, start=4.0), optimizer="sgd", momentum=mu, lr=lr, steps=3)
    np.testing.assert_allclose(same.points, run.points)
    assert same.optimizer == "momentum"  # the label names what ran
    assert D.descend(S.parabola(a), optimizer="momentum", momentum=0, lr=lr).optimizer == "sgd"


@pytest.mark.parametrize("surface,optimizer,lr,steps", [
    (S.bowl(1, 10), "sgd", 0.15, 200),
    (S.bowl(1, 10), "momentum", 0.02, 300),
    (S.bowl(1, 10), "rmsprop", 0.01, 800),
    (S.bowl(1, 10), "adam", 0.1, 500),
    (S.Valley(10), "momentum", 0.002, 1000),
    (S.Valley(10), "adam", 0.05, 1000),
], ids=lambda x: str(x))
def test_optimizers_reach_the_minimum(surface, optimizer, lr, steps):
    run = D.descend(surface, optimizer=optimizer, lr=lr, steps=steps)
    assert not run.diverged, run.message
    distance = np.linalg.norm(run.points[-1] - surface.minimum)
    assert distance < 0.05, f"{run.label}: ended {distance:.3g} from the minimum"


def test_optimizer_options_are_passed_on():
    a = D.descend(S.bowl(), optimizer="adam", lr=0.1, steps=5)
    b = D.descend(S.bowl(), optimizer="adam", lr=0.1, steps=5, betas=(0.5, 0.9))
    assert not np.allclose(a.points, b.points)


def test_bad_input_gets_a_clear_error():
    with pytest.raises(ValueError, match="2 parameter"):
        D.descend(S.bowl(), start=[1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="valid names"):
        D.descend(S.bowl(), optimizer="lbfgs")
    with pytest.raises(ValueError, match="positive number"):
        D.descend(S.bowl(), lr=-0.1)
    with pytest.raises(ValueError, match="NaN"):
        D.descend(S.bowl(), start=[np.nan, 1.0])
    with pytest.raises(ValueError, match="positive definite"):
        S.Quadratic([[1.0, 0.0], [0.0, -1.0]])
    with pytest.raises(ValueError, match="symmetric"):
        S.Quadratic([[1.0, 2.0], [0.0, 1.0]])


def test_plot_paths_in_one_and_two_dimensions():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs = [D.descend(S.bowl(1, 10), lr=lr, steps=30) for lr in (0.1, 0.3)]
    ax = D.plot_paths(S.bowl(1, 10), runs, title="bowl")
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["gradient descent, η = 0.1", "gradient descent, η = 0.3: diverged"]
    assert ax.get_title() == "bowl" and len(ax.collections) > 0  # the contour lines
    plt.close(ax.figure)
    ax = D.plot_paths(S.parabola(2.0), D.descend(S.parabola(2.0), lr=0.3, steps=5))
    x, y = ax.get_lines()[1].get_data()  # [0]: the curve L(w)
    np.testing.assert_allclose(y, 1.0 * np.asarray(x) ** 2)  # points sit on L = a/2 w^2
    plt.close(ax.figure)


def test_importing_surfaces_and_descent_does_not_load_matplotlib():
    code = "import sys, backprop.surfaces, backprop.descent; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
