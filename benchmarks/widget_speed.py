"""Goal 5: a widget answers a control change in at most 200 ms (median; max reported).

Times are CPU times (see timer.py for why), median and maximum over the settings.

For each explorer module: build the explorer, as a lesson cell does (its time is
reported, not judged: it may train and cache every run so that a change only draws),
then for each control setting time what a learner waits for: set the control's value
on the widget, which calls the pure `*_figure(**controls)` and displays the figure;
`display` is replaced by what the frontend's kernel does with it, i.e. produce the PNG
(a figure shown through `controls.show_figure` is drawn once; a bare matplotlib
figure would be drawn the inline backend's way, with bbox_inches="tight").
Reference row: a bare 3-panel figure in the course style rendered the inline way, i.e.
what matplotlib alone costs per update on this machine.
"""

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


def time_module(name, settings):
    """(row, note) for backprop.widgets.<name>: time control changes on the explorer."""
    from backprop.widgets import controls

    label = f"widget {name}: control change"
    try:
        module = importlib.import_module(f"backprop.widgets.{name}")
        make_explorer = getattr(module, f"{name}_explorer")
    except (ImportError, AttributeError) as error:
        return (label, "not yet available", "<= 200 ms", "SKIP"), f"{name}: {error}"
    original_display, pngs = controls.display, []
    controls.display = lambda shown: pngs.append(_as_png(shown))
    try:
        start = time.process_time()
        widget = make_explorer()
        build = time.process_time() - start
        by_name = {child.description.replace(" ", "_"): child for child in widget.children
                   if hasattr(child, "description")}
        times = []  # one entry per control change (each change redraws once)
        for setting in settings:
            for key, value in setting.items():
                control = by_name.get(key)
                if control is None or control.value == value:
                    continue
                cpu, wall = time.process_time(), time.perf_counter()
                control.value = value
                times.append((time.process_time() - cpu, time.perf_counter() - wall))
                plt.close("all")
    finally:
        controls.display = original_display
    cpu = [c for c, _ in times]
    typical, worst = statistics.median(cpu), max(cpu)
    wall = statistics.median(w for _, w in times)
    row = (label, f"median {1000 * typical:.0f} ms, max {1000 * worst:.0f} ms (n={len(times)})",
           "<= 200 ms", "PASS" if typical <= GOAL else "FAIL")
    return row, (f"{name}: explorer built in {build:.1f} s; {len(pngs)} PNGs shown; "
                 f"median wall-clock {1000 * wall:.0f} ms")


def run():
    rows, notes = [], []
    for name, settings in SETTINGS.items():
        row, note = time_module(name, settings)
        rows.append(row)
        notes.append(note)
    rows.append(time_bare_figure())  # last, so matplotlib's caches are as warm as for the widgets
    return rows, notes
