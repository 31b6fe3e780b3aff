"""Interactive explorers: a thin ipywidgets front over a pure figure function.

Each explorer has two halves, so it is testable without a browser and reusable:
- a pure function `*_figure(**controls) -> matplotlib Figure` that does the work;
- `*_explorer(...)`, which wires Playground-style controls to that function with
  `ipywidgets.interactive` and returns the widget (drive it in tests by setting a
  control's `.value`).

Lessons show the pure function's figure in a normal cell first, so the committed
notebook shows a static figure where no widget frontend runs (GitHub, nbconvert).
Shared controls and TensorFlow Playground's value lists live in `controls`.
"""
