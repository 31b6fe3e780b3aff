"""`Playground`: TensorFlow Playground in the notebook, trained by `backprop.fit`.

    pg = Playground(dataset="spiral", layers=[8, 8], activation="relu", lr=0.03)
    pg                    # the widget: Play/Pause, Step, Reset, every control
    pg.step(100)          # exactly 100 epochs, in this cell (a running Play pauses)
    pg.set(lr=0.01)       # validated; the learning rate does not reset, the rest does
    pg.set(edges="gradient")   # the backward view: edges drawn by dL/dw (no reset)
    pg.model, pg.history  # the backprop MLP and its History since the reset
    pg.grad_norms         # (epochs, layers): each layer's ||dL/dW|| after every epoch
    print(pg.code())      # the same run as plain Python: one fit call per learning rate

The kernel trains (in a background thread while playing) and sends frames; the browser
draws them (static/playground.js). Nothing trains when the widget is displayed.
Where the course differs from Playground, it does so on purpose (see `Playground`).
"""

import base64
import threading

import anywidget
import numpy as np
import traitlets

from ..validation import check_count
from ..widgets.esm import STATIC, join
from .frame import encode_frame, encode_points
from .messages import handle
from .options import options
from .palette import palette
from .run import Run
from .script import code
from .settings import EDGES, needs_reset, validate
from .trainer import Trainer


class Playground(anywidget.AnyWidget):
    """TensorFlow Playground's settings, data and network, trained with `backprop.fit`.

    Settings (Playground's controls and lists of values, see `backprop.playground.settings`):
    dataset, noise, train_percent, batch_size, lr, activation, regularization, reg_rate,
    features, layers, seed, show_test, discretize, speed; `problem` picks a dataset.

    Semantics, decided here rather than copied from Playground:
    - Initialisation: the course's `MLP`: weights uniform in +-sqrt(6 / (in + out))
      (Glorot), biases 0. Playground draws U(-0.5, 0.5) and sets biases to 0.1. The
      playground builds its network with the same `MLP` a learner builds in a lesson.
    - Output and loss: classification uses a linear output z trained with
      binary cross-entropy on labels 0/1 (fit's loss="bce"); the heatmap draws
      tanh(z/2) = 2 sigmoid(z) - 1, so it keeps Playground's scale (-1 orange, +1 blue,
      the boundary at 0). Regression uses a linear output with mean squared error
      (loss="mse", twice Playground's 1/2 squared error). Playground puts tanh on the
      output and trains it with 1/2 squared error on +-1 targets, whose gradient fades
      on confidently wrong points; the lessons teach cross-entropy instead. The losses
      shown are fit's, so they equal `pg.history`.
    - Shuffling: fit's. Every epoch is a fresh permutation of the training points from
      the run's generator; the last mini-batch of an epoch may be smaller and nothing
      carries over to the next epoch. Playground keeps one order and carries a partial
      batch over into the next epoch.
    - Regularization: fit's convention. At every mini-batch step, l2 * W (L2) or
      l1 * sign(W) (L1) is added to the data gradient, on weights only (never biases),
      before the update. Playground applies the penalty as a second step after the data
      step; with plain SGD the two differ only by terms of order lr^2.
    - L1's dead links: none. Playground sets a weight that the L1 step pushes across zero
      to exactly 0 and never updates it again. Here L1 is the plain subgradient
      (sign(0) = 0): a weight L1 removes stays within about lr * rate of zero, drawn as
      a hairline, and can come back if the data needs it. It is the gradient of the
      objective fit minimises, with no hidden state.
    - Divergence: fit's rule (loss NaN/inf or 10,000 times the first step's) stops the
      run with fit's message; it stays stopped until a reset.
    - Seeds: one `seed` draws the data, then the weights, then each epoch's shuffle.
      Reset re-initialises from it, so the same settings and seed give the same run;
      `regenerate()` draws a new seed.

    The backward view (beyond Playground, see `backward`): `edges="gradient"` draws each
    edge by dL/dw on the training set instead of by w; every neuron has a bar for the size
    of its delta (RMS over the training set of d(loss of a point)/dz, 0 for a dead ReLU);
    a chart shows every layer's ||dL/dW||_F per epoch on a log scale. Hovering an edge
    shows w, dL/dw and the step -lr * dL/dw that the next update takes. The playground
    trains with plain SGD (as Playground does), so that step is exact: the next update
    uses the next mini-batch, whose gradient the kernel computes for the hover.

    Saved notebooks: the display data also holds a PNG of the state at display time and
    a stable text (no memory address), for GitHub, nbviewer and untrusted notebooks.
    """

    _esm = join("playground.js")
    _css = (STATIC / "playground.css").read_text(encoding="utf-8")
    _settings = traitlets.Dict().tag(sync=True)
    options = traitlets.Dict().tag(sync=True)
    palette = traitlets.Dict().tag(sync=True)
    status = traitlets.Unicode("paused").tag(sync=True)
    epoch = traitlets.Int(0).tag(sync=True)
    edges = traitlets.Enum(EDGES, "weight").tag(sync=True)   # mirrors settings["edges"]

    def __init__(self, **settings):
        run = Run(**settings)   # validates before any widget exists
        super().__init__()
        self._run = run
        self._lock = threading.RLock()
        self._focus = None
        self._trainer = Trainer(train=self._train_chunk, frame=self._frame, send=self._post,
                                stopped=self._stopped_by_itself, lock=self._lock)
        self.options, self.palette = options(), palette()
        self._publish_settings()
        self.on_msg(self._on_message)

    # what Python reads ------------------------------------------------------------

    @property
    def settings(self):
        """A copy of the current settings."""
        return dict(self._run.settings)

    @property
    def model(self):
        """The `backprop` MLP being trained. Reading it pauses a running Play, so it
        does not change while you look."""
        self.pause()
        return self._run.model

    @property
    def history(self):
        """fit's `History` of the run since the last reset."""
        return self._run.history

    @property
    def grad_norms(self):
        """(epochs, layers) array: each layer's gradient norm ||d(L + P)/dW||_F on the
        training set after every epoch since the reset (the chart's numbers)."""
        with self._lock:
            return np.array(self._run.grad_norms).reshape(len(self._run.grad_norms),
                                                          len(self._run.sizes) - 1)

    def code(self):
        """The run since the last reset as plain Python using `backprop` and `fit`."""
        with self._lock:
            return code(self._run)

    # what Python (or the browser) does ----------------------------------------------

    def play(self):
        """Train in the background, `speed` epochs per drawn frame, until `pause()`."""
        if self._run.history.diverged:
            return self
        self.status = "playing"
        self._trainer.play(self._run.settings["speed"])
        return self

    def pause(self):
        was_playing = self._trainer.playing or self._trainer.alive
        self._trainer.pause()
        self.status = "paused"
        self.epoch = self._run.epoch
        if was_playing:
            self._trainer.flush()   # the state the thread reached, if not sent yet
        return self

    def step(self, n=1):
        """Pause a running Play, train exactly `n` epochs in this cell, return the history."""
        n = check_count(n, "n (the number of epochs)")
        self.pause()
        with self._lock:
            self._run.train(n)
        self.epoch = self._run.epoch
        self._trainer.changed()
        return self._run.history

    def set(self, **changes):
        """Change settings, e.g. `pg.set(activation="relu", layers=[8, 8])`.

        Every value is checked first; a bad one raises and changes nothing. Any change but
        the learning rate and the drawing settings resets training to epoch 0 and pauses
        (as in Playground)."""
        new = validate(self._run.settings, changes)   # raises before anything changes
        resets = needs_reset(self._run.settings, new)
        if resets:
            self._trainer.pause()
        with self._lock:
            self._run.set(**changes)
            self._trainer.speed = self._run.settings["speed"]
        self._publish_settings()
        if resets:
            self._after_reset()
        else:
            self._trainer.changed()
        return self

    def reset(self):
        """Back to epoch 0: data, weights and shuffling rebuilt from the seed."""
        self._trainer.pause()
        with self._lock:
            self._run.reset()
        self._after_reset()
        return self

    def regenerate(self):
        """A new random seed: new data and new weights (Playground's Regenerate)."""
        seed = int(np.random.default_rng().integers(100_000))   # fresh entropy, not a global state
        return self.set(seed=seed)

    def snapshot(self):
        """The current state as a picture (an IPython Image): the static figure to keep
        next to the widget, for viewers where no widget runs."""
        from IPython.display import Image

        from .snapshot import snapshot_png

        with self._lock:
            return Image(data=snapshot_png(self._run), format="png")

    def close(self):
        """Stop the training thread, then close the widget."""
        trainer = getattr(self, "_trainer", None)   # None if __init__ refused the settings
        if trainer is not None:
            trainer.pause()
        super().close()

    # plumbing -----------------------------------------------------------------------

    def _publish_settings(self):
        self._settings = {k: list(v) if isinstance(v, tuple) else v
                          for k, v in self._run.settings.items()}
        self.edges = self._run.settings["edges"]

    @traitlets.observe("edges")
    def _edges_changed(self, change):   # `pg.edges = "gradient"` works like pg.set(edges=...)
        if hasattr(self, "_run") and change["new"] != self._run.settings["edges"]:
            self.set(edges=change["new"])

    def _after_reset(self):
        self.status = "paused"
        self.epoch = 0
        self._send_points()
        self._trainer.changed(restart_curve=True)

    def _post(self, content, buffers):
        self.send(content, buffers)

    def _send_points(self):
        if self._trainer.lead is not None:
            with self._lock:
                content, buffers = encode_points(self._run)
            self._post(content, buffers)

    def _frame(self, seq, curve_from):
        return encode_frame(self._run, seq, curve_from, self._focus)

    def _train_chunk(self, epochs):
        """Run by the training thread, with the lock held: False once the run diverged."""
        self._run.train(epochs)
        return not self._run.history.diverged

    def _stopped_by_itself(self):
        self.status = "paused"
        self.epoch = self._run.epoch

    def _on_message(self, _widget, content, buffers):
        handle(self, content)

    def _repr_mimebundle_(self, **kwargs):
        data, metadata = super()._repr_mimebundle_(**kwargs)
        from .snapshot import snapshot_png  # matplotlib, only when displayed

        with self._lock:
            data["image/png"] = base64.b64encode(snapshot_png(self._run)).decode("ascii")
        return data, metadata

    def __repr__(self):
        s = self._run.settings
        return (f"Playground(dataset={s['dataset']!r}, layers={list(s['layers'])}, "
                f"activation={s['activation']!r}, lr={s['lr']!r}, epoch={self._run.epoch})")
