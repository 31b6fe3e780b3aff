"""`Stepper`: one forward and one backward pass, played step by step in the browser.

    stepper(loss)                       # a Value: the graph draw_graph draws
    stepper(model, X, y, loss="mse")    # a small MLP on a small batch: draw_network's layout

Python runs the engine once (`build`, see the package docstring) and sends the whole
`Script` as JSON in the `_script` trait: every value, gradient and chain-rule text comes
from that one run. The browser (static/stepper.js) only moves a cursor through the
steps, so stepping, playing and jumping never wait for the kernel, even a busy one.

Playing is deterministic: each speed is a fixed number of milliseconds per step
(`TIMINGS`), and every transition lasts a fixed fraction of it, so two screen
recordings of the same cell are identical. The colours are `backprop.plots`' (the
`palette` trait); the browser writes none of its own.

Where no widget can run (GitHub, nbviewer, an untrusted notebook, nbval) the display
data holds a PNG of the finished pass (`Script.png`), or of one backward step with its
panel text if `picture_step` is given, and a stable text/plain.
"""

import base64

import anywidget
import traitlets

from ..widgets.esm import STATIC, join
from . import build

# Milliseconds per step for each speed; "slow" suits a talk, "fast" a quick replay.
TIMINGS = {"slow": 2400, "normal": 1400, "fast": 600}


def palette():
    """The course palette, by role: forward values, gradients, ink (text and boxes),
    neutral (arrows), negative / positive (signs of weights)."""
    from matplotlib.colors import to_hex

    from .. import plots
    from .pictures import NEGATIVE_EDGE

    # a negative edge is slate, not the course's orange: the panel writes vermillion
    # gradient numbers beside the edges, and orange is too close to them for a
    # colour-blind viewer (the saved picture, pictures.py, says why)
    return {"forward": to_hex(plots.FORWARD), "gradient": to_hex(plots.GRADIENT),
            "ink": to_hex(plots.TRAIN), "neutral": to_hex(plots.NEUTRAL),
            "negative": to_hex(NEGATIVE_EDGE), "positive": to_hex(plots.POSITIVE)}


class Stepper(anywidget.AnyWidget):
    """The widget of one `Script`. Buttons: start, back, play/pause, step, end of
    forward, end of backward, speed, large text. Keys (with the widget focused):
    → and ← step, Space plays or pauses, Home goes to the start, End to the end.

    `step` is the number of steps shown (0 to `len(script.steps)`); set it, or call
    `goto(k)`, from Python to move the cursor. `large=True` is the presenters' mode."""

    _esm = join("stepper.js")
    _css = (STATIC / "stepper.css").read_text(encoding="utf-8")
    _script = traitlets.Unicode().tag(sync=True)
    palette = traitlets.Dict().tag(sync=True)
    timings = traitlets.Dict().tag(sync=True)
    speed = traitlets.Unicode("normal").tag(sync=True)
    large = traitlets.Bool(False).tag(sync=True)
    step = traitlets.Int(0).tag(sync=True)

    def __init__(self, script, speed="normal", large=False, picture_step=None):
        from .script import Script

        if not isinstance(script, Script):
            raise TypeError(f"Stepper shows a Script (from backprop.stepper.build); got "
                            f"{type(script).__name__}. Use stepper(loss) or stepper(model, X, y).")
        if speed not in TIMINGS:   # before the widget exists, so nothing is left half made
            raise ValueError(f"speed must be one of {', '.join(TIMINGS)}; got {speed!r}.")
        self._picture_step = script.check_picture_step(picture_step)
        self._source = script
        super().__init__(_script=script.to_json(), palette=palette(), timings=dict(TIMINGS),
                         speed=speed, large=bool(large))

    @property
    def script(self):
        """The `Script` the widget plays (its steps are exactly what the browser got)."""
        return self._source

    @traitlets.validate("speed")
    def _check_speed(self, proposal):
        if proposal["value"] not in TIMINGS:
            raise traitlets.TraitError(f"speed must be one of {', '.join(TIMINGS)}; "
                                       f"got {proposal['value']!r}.")
        return proposal["value"]

    @traitlets.validate("step")
    def _check_step(self, proposal):
        n = len(self._source.steps)
        if not 0 <= proposal["value"] <= n:
            raise traitlets.TraitError(f"step counts the steps shown: 0 to {n}; "
                                       f"got {proposal['value']}.")
        return proposal["value"]

    def goto(self, k):
        """Show the first `k` steps (0: nothing yet; `script.forward_steps`: the end of
        the forward pass; `len(script.steps)`: every gradient)."""
        self.step = k
        return self

    def _repr_mimebundle_(self, **kwargs):
        data, metadata = super()._repr_mimebundle_(**kwargs)
        png = self._source.png(self._picture_step)
        data["image/png"] = base64.b64encode(png).decode("ascii")
        data["text/plain"] = repr(self)
        return data, metadata

    def __repr__(self):
        return repr(self._source)


def stepper(source, X=None, y=None, loss="mse", decimals=2, speed="normal", large=False,
            picture_step=None):
    """The stepper widget of a `Value` (`stepper(loss)`) or of a small Sequential/MLP on
    a small batch (`stepper(model, X, y, loss="mse")`); see `build` for the arguments.
    picture_step: freeze a Value graph's saved picture on that backward step."""
    return Stepper(build(source, X, y, loss=loss, decimals=decimals), speed=speed, large=large,
                   picture_step=picture_step)
