"""Loss surfaces: losses of one or two parameters, to watch gradient descent move.

A surface is a loss L(w) of a parameter vector w with its analytic gradient dL/dw.
`loss(w)` and `gradient(w)` take w with the parameters on the first axis, so
`loss(np.array([w1, w2]))` is one value and `loss(np.stack([W1, W2]))` a whole grid.

- `Quadratic(A)`: L(w) = 1/2 w^T A w (A symmetric positive definite), dL/dw = A w.
  Gradient descent w <- w - η A w multiplies each eigen-direction of A (curvature a_i)
  by (1 - η a_i), so it converges iff |1 - η a_i| < 1 for all i, i.e.
  0 < η < 2 / max_i a_i (`max_stable_lr`); the flattest direction sets the speed.
  `parabola(a)`: the 1-D case L = a/2 w^2, dL/dw = a w.
  `bowl(a, b, angle)`: L = (a u1^2 + b u2^2) / 2 with u = w rotated by `angle` degrees;
  b/a is the condition number ("ill-conditioned" when it is large).
- `Valley(c)`: Rosenbrock's curved valley L = (1 - w1)^2 + c (w2 - w1^2)^2, minimum (1, 1),
  dL/dw1 = -2 (1 - w1) - 4 c w1 (w2 - w1^2),   dL/dw2 = 2 c (w2 - w1^2).

`backprop.descent` runs the package's optimizers on these surfaces and draws the paths.
"""

import numpy as np

from .validation import as_finite_array


class Surface:
    """Base class: `name`, `formula` (LaTeX), `minimum`, plotting `window` per axis, `start`."""

    max_stable_lr = None  # known only for quadratics

    def __init__(self, name, formula, minimum, window, start):
        self.name, self.formula = name, formula
        self.minimum = np.asarray(minimum, dtype=np.float64)
        self.window, self.start = window, np.asarray(start, dtype=np.float64)
        self.dim = len(self.minimum)

    def _check(self, w):
        w = np.asarray(w, dtype=np.float64)
        if w.ndim == 0 or w.shape[0] != self.dim:
            raise ValueError(f"{self.name} takes w with {self.dim} parameter(s) on the first "
                             f"axis, got shape {w.shape}.")
        return w

    def __call__(self, w):
        return self.loss(w)

    def __repr__(self):
        return f"<surface {self.name}>"


class Quadratic(Surface):
    """L(w) = 1/2 (w - c)^T A (w - c), dL/dw = A (w - c); c is the minimum (default 0)."""

    def __init__(self, A, center=None, name="quadratic", window=None, start=None):
        A = as_finite_array(A, "A", ndim=2)
        if A.shape[0] != A.shape[1] or not np.allclose(A, A.T):
            raise ValueError(f"A must be a symmetric square matrix, got {A.shape}.")
        self.curvatures = np.linalg.eigvalsh(A)
        if self.curvatures.min() <= 0:
            raise ValueError("A must be positive definite (all curvatures > 0), got "
                             f"eigenvalues {np.round(self.curvatures, 4).tolist()}.")
        self.A = A
        center = np.zeros(len(A)) if center is None else center
        window = window or [(-5.0, 5.0)] * len(A)
        start = (-4.0,) * len(A) if start is None else start
        super().__init__(name, r"\frac{1}{2} w^\top A w", center, window, start)
        self.max_stable_lr = 2.0 / self.curvatures.max()

    def loss(self, w):
        d = (self._check(w).T - self.minimum).T
        return 0.5 * np.einsum("i...,ij,j...->...", d, self.A, d)

    def gradient(self, w):
        d = (self._check(w).T - self.minimum).T
        return np.einsum("ij,j...->i...", self.A, d)


def parabola(a=1.0, start=4.0):
    """L(w) = a/2 w^2 (one parameter): the curvature a is L''(w)."""
    q = Quadratic([[a]], name=f"parabola a={a:g}", window=[(-5.0, 5.0)], start=(start,))
    q.formula = rf"L(w) = \frac{{{a:g}}}{{2}} w^2"
    return q


def bowl(a=1.0, b=10.0, angle=0.0, start=(-4.5, 2.0), window=((-5.0, 5.0), (-3.0, 3.0))):
    """L = (a u1^2 + b u2^2)/2, u = R(angle) w: an elliptic bowl with condition number b/a.
    `window` ((w1 from, to), (w2 from, to)) is the region `plot_paths` draws."""
    t = np.deg2rad(angle)
    R = np.array([[np.cos(t), np.sin(t)], [-np.sin(t), np.cos(t)]])
    A = R.T @ np.diag([a, b]) @ R
    q = Quadratic(A, name=f"bowl a={a:g} b={b:g}", window=[tuple(w) for w in window], start=start)
    q.formula = (rf"L = \frac{{1}}{{2}}({a:g}\,w_1^2 + {b:g}\,w_2^2)" if angle == 0 else
                 rf"L = \frac{{1}}{{2}}({a:g}\,u_1^2 + {b:g}\,u_2^2),\ u = R_{{{angle:g}°}}w")
    return q


class Valley(Surface):
    """Rosenbrock's valley L = (1 - w1)^2 + c (w2 - w1^2)^2: a narrow curved floor."""

    def __init__(self, c=10.0, start=(-1.5, 2.5)):
        self.c = float(c)
        super().__init__(f"valley c={c:g}", rf"L = (1 - w_1)^2 + {c:g}\,(w_2 - w_1^2)^2",
                         (1.0, 1.0), [(-2.0, 2.0), (-1.0, 3.0)], start)

    def loss(self, w):
        w1, w2 = self._check(w)
        return (1 - w1) ** 2 + self.c * (w2 - w1 ** 2) ** 2

    def gradient(self, w):
        w1, w2 = self._check(w)
        return np.stack([-2 * (1 - w1) - 4 * self.c * w1 * (w2 - w1 ** 2),
                         2 * self.c * (w2 - w1 ** 2)])
