"""TensorFlow Playground inside the notebook, trained by the course's own `fit`.

- `datasets`: Playground's four classification and two regression sets, split as it does;
- `features`: its seven input features;
- `settings`: its controls, their lists of values and the reset rules;
- `run`: data, model and training in pure Python, through `backprop.fit`;
- `script`: the run written out as plain Python (`pg.code()`);
- `playground`: the `Playground` widget (`step`, `set`, `code`, `model`, `history`);
- `trainer`: its training thread and flow control; `frame`: what it sends the browser;
- `backward`: the backward view's numbers (dL/dw, each neuron's delta, layer gradient
  norms, the next update's step), computed by backprop's own layers;
- `options`, `palette`: the control values and colours the browser gets;
- `snapshot`: the PNG kept in saved notebooks.

`Playground` loads anywidget and matplotlib when it is first used, so the script that
`pg.code()` writes (it imports `features` and `playground_data`) runs without them.
"""

from .datasets import playground_data, reg_gauss, reg_plane
from .features import features


def __getattr__(name):
    if name == "Playground":
        from .playground import Playground

        return Playground
    raise AttributeError(f"module 'backprop.playground' has no attribute {name!r}")


__all__ = ["Playground", "playground_data", "features", "reg_plane", "reg_gauss"]
