"""Goal 5: a widget answers a control change in at most 200 ms (median; max reported).

Times are CPU times (see timer.py for why), median and maximum over the settings.

For each explorer module: build the explorer, as a lesson cell does (its time is
reported, not judged: explorers train and draw every setting when they are built, see
`backprop.widgets.explorer`), then for each control setting time what a learner waits
for: set the control's value on the widget, which displays that setting's PNG; `display`
is replaced by what the frontend's kernel does with it, i.e. produce the PNG bytes.
A second row per explorer times drawing one setting from scratch (the pure
`*_figure(**controls)` rendered to PNG): what an update would cost without the cache,
and what building the explorer costs per setting.
Reference row: a bare 3-panel figure in the course style rendered the inline way, i.e.
what matplotlib alone costs per update on this machine.
"""

import contextlib
import importlib
import io
import statistics
import time

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported anywhere in this process
import matplotlib.pyplot as plt  # noqa: E402

LRS = (0.001, 0.03, 0.3, 3)
SETTINGS = {  # module: control settings to time (keys not in the signature are dropped)
    "learning_rate": [{"learning_rate": v} for v in LRS],
    "activation": [{"activation": a} for a in ("relu", "tanh", "sigmoid", "linear", "leaky_relu")],
    "regularization": [{"regularization": kind, "regularization_rate": rate}
                       for kind, rate in (("L2", 0.003), ("L2", 0.1), ("L2", 3), ("L1", 0.03),
                                          ("none", 0))],
    # the slider explorers draw a setting on its first visit: every change below is new
    "neuron": [{"w1": 1.0}, {"w2": -2.0}, {"b": 1.5}, {"w1": -3.0}, {"b": -1.0}],
    "softmax": [{"z0": 3.0}, {"z1": -1.0}, {"correct_class": 2}, {"z2": 4.0}, {"z0": -4.0}],
    "momentum": [{"learning_rate": 0.039}, {"momentum_μ": 0.68}, {"learning_rate": 0.01},
                 {"momentum_μ": 0.99}, {"learning_rate": 0.08}],
}
GOAL = 0.2


def _draw(figure_function, controls):
    """(CPU seconds, wall seconds) to make the figure and render it as an explorer does."""
    cpu, wall = time.process_time(), time.perf_counter()
    fig = figure_function(**controls)
    _as_png(fig)
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


def _as_png(shown):
    """What the kernel publishes for a displayed object: its PNG."""
    if hasattr(shown, "_repr_png_"):
        return shown._repr_png_()
    buffer = io.BytesIO()
    shown.savefig(buffer, format="png", bbox_inches="tight")
    return buffer.getvalue()


def _summary(seconds):
    typical, worst = statistics.median(seconds), max(seconds)
    return f"median {1000 * typical:.1f} ms, max {1000 * worst:.1f} ms (n={len(seconds)})"


def _draw_from_scratch(widget):
    """CPU seconds to draw the widget's current setting without its cache."""
    from backprop.widgets.explorer import render_png

    start = time.process_time()
    fig = widget.figures.figure_function(**widget.kwargs)
    render_png(fig)
    elapsed = time.process_time() - start
    plt.close(fig)
    return elapsed


@contextlib.contextmanager
def _shown_pngs():
    """List of the PNGs explorers display meanwhile (`display` replaced by what the kernel
    does: produce the PNG). Outside a kernel the widget's output area clears itself by
    printing terminal escape codes; they are kept out of the benchmark's table."""
    from backprop.widgets import explorer

    original, pngs = explorer.display, []
    explorer.display = lambda shown: pngs.append(_as_png(shown))
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            yield pngs
    finally:
        explorer.display = original


def time_module(name, settings):
    """(rows, note) for backprop.widgets.<name>: time control changes on the explorer,
    and drawing each setting from scratch."""
    label = f"widget {name}: control change"
    try:
        module = importlib.import_module(f"backprop.widgets.{name}")
        make_explorer = getattr(module, f"{name}_explorer")
    except (ImportError, AttributeError) as error:
        return [(label, "not yet available", "<= 200 ms", "SKIP")], f"{name}: {error}"
    with _shown_pngs() as pngs:
        start = time.process_time()
        widget = make_explorer()
        build = time.process_time() - start
        by_name = {child.description.replace(" ", "_"): child for child in widget.children
                   if hasattr(child, "description")}
        times, draws = [], []  # one entry per control change (each change shows one PNG)
        for setting in settings:
            for key, value in setting.items():
                control = by_name.get(key)
                if control is None or control.value == value:
                    continue
                cpu, wall = time.process_time(), time.perf_counter()
                control.value = value
                times.append((time.process_time() - cpu, time.perf_counter() - wall))
                draws.append(_draw_from_scratch(widget))
                plt.close("all")
    cpu = [c for c, _ in times]
    wall = statistics.median(w for _, w in times)
    rows = [(label, _summary(cpu), "<= 200 ms",
             "PASS" if statistics.median(cpu) <= GOAL else "FAIL"),
            (f"  {name}: one setting drawn from scratch", _summary(draws), "(reference)", "INFO")]
    return rows, (f"{name}: explorer built (every setting trained and drawn) in {build:.1f} s; "
                  f"{len(pngs)} PNGs shown; median wall-clock per change {1000 * wall:.1f} ms")


def run():
    rows, notes = [], []
    for name, settings in SETTINGS.items():
        module_rows, note = time_module(name, settings)
        rows.extend(module_rows)
        notes.append(note)
    rows.append(time_bare_figure())  # last, so matplotlib's caches are as warm as for the widgets
    return rows, notes
