"""Goal 5: a widget answers a control change in at most 200 ms (median; max reported).

Times are CPU times (see timer.py for why), median and maximum over the settings.

For each explorer module: build the explorer first, as a lesson cell does (its time is
reported, not judged: it may train and cache every run so that a change only draws); draw
the default figure once (matplotlib's first draw loads fonts: in a lesson that happens
when the cell runs, not on a change); then for each control setting time what the
explorer does on a change: call the pure `*_figure(**controls)` and render the figure
to PNG in memory with `backprop.widgets.controls.render_png` (one draw), then close it.
A module that does not exist yet is reported as "not yet available".
Reference row: the same for a bare 3-panel figure in the course style (one line per
panel), i.e. what matplotlib alone costs per update on this machine.
"""

import contextlib
import importlib
import inspect
import io
import statistics
import time

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported anywhere in this process
import matplotlib.pyplot as plt  # noqa: E402

LRS = (0.001, 0.03, 0.3, 3)
SETTINGS = {  # module: control settings to time (keys not in the signature are dropped)
    "learning_rate": [{"lr": v, "learning_rate": v} for v in LRS],
    "activation": [{"activation": a} for a in ("relu", "tanh", "sigmoid", "linear", "leaky_relu")],
    "regularization": [{"regularization": kind, "rate": rate}
                       for kind, rate in (("L2", 0.003), ("L2", 0.1), ("L2", 3), ("L1", 0.03),
                                          ("none", 0))],
}
GOAL = 0.2


def _draw(figure_function, controls):
    """(CPU seconds, wall seconds) to make the figure and render it as an explorer does."""
    from backprop.widgets.controls import render_png

    cpu, wall = time.process_time(), time.perf_counter()
    fig = figure_function(**controls)
    render_png(fig)
    elapsed = time.process_time() - cpu, time.perf_counter() - wall
    plt.close(fig)
    return elapsed


def _bare_figure():
    """A 3-panel figure like the explorers' (course style, one line per panel)."""
    from backprop import plots

    with plt.rc_context(plots.STYLE):
        fig = plt.figure(figsize=(12.8, 7.2))
        grid = fig.add_gridspec(2, 2)
        for spec in (grid[0, 0], grid[0, 1], grid[1, :]):
            ax = fig.add_subplot(spec)
            ax.plot([0.0, 0.25, 1.0, 2.25, 4.0])
            ax.set(title="title", xlabel="x", ylabel="y")
    return fig


def time_bare_figure(repeat=7):
    _draw(_bare_figure, {})  # first draw loads fonts
    cpu = [_draw(_bare_figure, {})[0] for _ in range(repeat)]
    return ("  reference: bare 3-panel course-style figure",
            f"median {1000 * statistics.median(cpu):.0f} ms, max {1000 * max(cpu):.0f} ms "
            f"(n={repeat})", "(reference)", "INFO")


def time_module(name, settings):
    """(row, note) for backprop.widgets.<name>."""
    label = f"widget {name}: control change"
    try:
        module = importlib.import_module(f"backprop.widgets.{name}")
        figure_function = getattr(module, f"{name}_figure")
    except (ImportError, AttributeError) as error:
        return (label, "not yet available", "<= 200 ms", "SKIP"), f"{name}: {error}"
    accepted = inspect.signature(figure_function).parameters
    settings = [{k: v for k, v in s.items() if k in accepted} for s in settings]
    if not any(settings):
        return ((label, f"signature not recognised: {inspect.signature(figure_function)}",
                 "<= 200 ms", "SKIP"), f"{name}: no known control parameter")
    build, explorer = "no explorer", getattr(module, f"{name}_explorer", None)
    if explorer is not None:
        start = time.process_time()
        with contextlib.redirect_stdout(io.StringIO()):  # no frontend: display() would print
            explorer()
        build = f"explorer built in {time.process_time() - start:.1f} s"
    first, _ = _draw(figure_function, {})
    times = [_draw(figure_function, s) for s in settings]
    cpu = [c for c, _ in times]
    typical, worst = statistics.median(cpu), max(cpu)
    wall = statistics.median(w for _, w in times)
    row = (label, f"median {1000 * typical:.0f} ms, max {1000 * worst:.0f} ms (n={len(times)})",
           "<= 200 ms", "PASS" if typical <= GOAL else "FAIL")
    return row, (f"{name}: {build}; first draw {first:.2f} s; varied "
                 f"{', '.join(sorted(set().union(*settings)))}; median wall-clock {1000 * wall:.0f} ms")


def run():
    rows, notes = [], []
    for name, settings in SETTINGS.items():
        row, note = time_module(name, settings)
        rows.append(row)
        notes.append(note)
    rows.append(time_bare_figure())  # last, so matplotlib's caches are as warm as for the widgets
    return rows, notes
