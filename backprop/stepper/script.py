"""`Script`: the whole step sequence of one forward and one backward pass, built once
in Python, so a front end can play it without asking the kernel at every step.

Without a front end it still shows something: `summary` (a stable text/plain, with no
memory address) and `png()` (the finished picture, see pictures.py: a Value graph
with every data and gradient, an MLP's pass as a three-panel storyboard; a small
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
    _draw: object  # draws the finished picture on a new figure and returns the figure

    @property
    def backward_steps(self):
        return len(self.steps) - self.forward_steps

    def to_dict(self):
        """Everything a front end needs, as plain lists, dicts, strings and floats."""
        return {"source": self.source, "layout": self.layout, "steps": self.steps,
                "forward_steps": self.forward_steps, "decimals": self.decimals}

    def to_json(self):
        return json.dumps(self.to_dict(), allow_nan=False, ensure_ascii=False)

    def figure(self):
        """A new matplotlib figure of the finished pass (close it when done)."""
        return self._draw()

    def png(self):
        """The finished picture as PNG bytes (no metadata that changes between runs)."""
        import io

        import matplotlib.pyplot as plt

        from .pictures import png_dpi

        fig = self.figure()
        try:
            buffer = io.BytesIO()
            fig.savefig(buffer, format="png", dpi=png_dpi(fig), metadata={"Software": None})
        finally:
            plt.close(fig)
        return buffer.getvalue()

    def __repr__(self):
        return self.summary
