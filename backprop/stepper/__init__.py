"""The stepper's script: one forward and one backward pass, as a list of steps.

`build(loss)` (a `Value`) or `build(model, X, y, loss="mse")` (a small matrix MLP)
runs the engine once and records what it computes, step by step:
- a `Value` graph: `Value.forward_steps` gives each node in topological order;
  `Value.backward_steps` gives each term of the chain rule as the engine adds it,
      dL/dchild += dL/dnode * dnode/dchild     (upstream × local = contribution),
  so a node used twice gets two steps, and its running total after the second is
  its gradient;
- an MLP: `Sequential.trace` gives each layer's input and output and, backward, its
  gradients; each step is one equation of a layer:
      Z = X W + b,  A = f(Z);   dZ = dA ⊙ f'(Z),  dW = Xᵀ dZ,  db = Σ dZ,  dX = dZ Wᵀ.

The result is a `Script`: `script.steps` is a plain list of dicts (JSON-serialisable,
numbers at full precision), `script.layout` the positions of what is drawn
(`graph.layout` for a Value, `diagrams.network_positions` for an MLP). Every step has
- `id` (its index), `kind` ("forward" or "backward"), `rule` (what it computes);
- `node` (the highlighted node's id), `edge` (the highlighted edge's id, or None),
  `nodes` and `edges` (everything the step highlights);
- `text`, for display: every number rounded in one format (`decimals` places);
- the numbers themselves (see value_source.py and mlp_source.py for each kind).
No number is recomputed here: each one is read from the engine as it ran.

`stepper(...)` takes the same arguments and returns the widget that plays the script in
the browser (`Stepper`, in widget.py; it needs anywidget, imported only then).
"""

from .mlp_source import MAX_EXAMPLES, MAX_UNITS, mlp_script
from .script import Script
from .value_source import value_script


def build(source, X=None, y=None, loss="mse", decimals=2):
    """The `Script` of a `Value` (`build(loss)`) or of a Sequential/MLP on a small batch
    (`build(model, X, y, loss="mse")`)."""
    from ..scalar import Value

    if isinstance(source, Value):
        if X is not None or y is not None:
            raise TypeError("build(value) takes the Value alone: X and y are for an MLP.")
        return value_script(source, decimals=decimals)
    if hasattr(source, "layers") and hasattr(source, "trace"):
        if X is None or y is None:
            raise TypeError("build(model, X, y, loss=...) needs the batch X and its targets y.")
        return mlp_script(source, X, y, loss=loss, decimals=decimals)
    raise TypeError(f"the stepper steps through a Value or a Sequential/MLP, got "
                    f"{type(source).__name__}.")


def stepper(source, X=None, y=None, loss="mse", decimals=2, speed="normal", large=False,
            picture_step=None):
    """The stepper widget: `stepper(loss)` for a `Value`, `stepper(model, X, y, loss="mse")`
    for a small MLP. speed: "slow", "normal" or "fast" (fixed milliseconds per step);
    large: the presenters' large-text mode; picture_step: for a Value, the backward step
    (forward steps + 1 to the number of steps) its saved picture, the one shown without a
    kernel, is frozen on, with that step's panel text (None: the finished pass)."""
    from .widget import stepper as make

    return make(source, X, y, loss=loss, decimals=decimals, speed=speed, large=large,
                picture_step=picture_step)


def __getattr__(name):
    if name == "Stepper":   # the widget class, imported (with anywidget) only when asked for
        from .widget import Stepper

        return Stepper
    raise AttributeError(f"module 'backprop.stepper' has no attribute {name!r}")


__all__ = ["build", "stepper", "Stepper", "value_script", "mlp_script", "Script", "MAX_EXAMPLES",
           "MAX_UNITS"]
