"""`Script`: the whole step sequence of one forward and one backward pass, built once
in Python, so a front end can play it without asking the kernel at every step.

Without a front end it still shows something: `summary` (a stable text/plain, with no
memory address) and `png()` (the finished picture, see pictures.py: a Value graph
with every data and gradient, or with `png(picture_step=k)` frozen on step k of its
backward pass with that step's panel text, an MLP's pass as a three-panel storyboard; a small
picture is saved at a higher resolution)."""

import json
from dataclasses import dataclass


@dataclass(eq=False)
class Script:
    """`source` "value" or "mlp"; `layout` (what is drawn, where); `steps` (see the
    package docstring); `forward_steps`: how many of the steps are forward (they come
    first); `summary`: one line of text; `decimals`: the display format's places."""
    source: str
    layout: dict
    steps: list
    forward_steps: int
    summary: str
    decimals: int
    _draw: object  # draws the picture on a new figure (a Value's: after step k if given)

    @property
    def backward_steps(self):
        return len(self.steps) - self.forward_steps

    def to_dict(self):
        """Everything a front end needs, as plain lists, dicts, strings and floats."""
        return {"source": self.source, "layout": self.layout, "steps": self.steps,
                "forward_steps": self.forward_steps, "decimals": self.decimals}

    def to_json(self):
        return json.dumps(self.to_dict(), allow_nan=False, ensure_ascii=False)

    def check_picture_step(self, picture_step):
        """None, or a step k of the backward pass (forward_steps + 1 to len(steps)) that a
        Value graph's picture can be frozen on; a clear error otherwise."""
        if picture_step is None:
            return None
        if self.source != "value":
            raise ValueError("picture_step freezes the picture of a Value graph; an MLP's "
                             "picture is always its whole pass. Leave picture_step out.")
        first, last = self.forward_steps + 1, len(self.steps)
        if isinstance(picture_step, bool) or not isinstance(picture_step, int) or not (
                first <= picture_step <= last):
            raise ValueError(f"picture_step must be a step of the backward pass, an integer "
                             f"from {first} (the seed) to {last} (the last term); got "
                             f"{picture_step!r}.")
        return picture_step

    def figure(self, picture_step=None):
        """A new matplotlib figure (close it when done): the finished pass, or a Value
        graph frozen after step `picture_step` of its backward pass (see
        pictures.value_picture)."""
        if self.check_picture_step(picture_step) is None:
            return self._draw()
        return self._draw(picture_step)

    def png(self, picture_step=None):
        """The picture as PNG bytes (no metadata that changes between runs)."""
        import io

        import matplotlib.pyplot as plt

        from .pictures import png_dpi

        fig = self.figure(picture_step)
        try:
            buffer = io.BytesIO()
            fig.savefig(buffer, format="png", dpi=png_dpi(fig), metadata={"Software": None})
        finally:
            plt.close(fig)
        return buffer.getvalue()

    def __repr__(self):
        return self.summary
