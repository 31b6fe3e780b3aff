"""The playground's speed: frames drawn per second in JupyterLab, epochs per second, and
what one frame costs the kernel, next to what redrawing the same picture with
matplotlib achieves. Run alone (`python benchmarks/playground_speed.py`) or from
`run.py` via `run()`.

Browser rows: JupyterLab on 127.0.0.1 and Debian's headless Chromium (Playwright), one
notebook with three playgrounds at Playground's default setting (circle, noise 0, 50%
training data, batch 10, [4, 2] tanh, lr 0.03): at speed 1 (one epoch per frame), at the
fastest speed (100 epochs per frame), and the largest network (6 layers of 8 neurons,
all 7 features). Each plays `WARM_UP` s first, then `SECONDS` s are measured from the
widget's own counters (data-frames, data-epoch) read with `page.evaluate`, using
Playwright's `wait_for_timeout` (its events only flow while the API is called).
"No growing backlog": at speed 1 the epoch and the frame count must rise together
(epochs - frames drawn stays within the two frames flow control allows in flight).
Headless Chromium renders in software; a desktop browser is not slower.

Kernel rows (no browser): the CPU time of one epoch and of encoding one frame, the
frame's size in bytes, and the matplotlib reference: `snapshot_png`, the same picture
(heatmap, network, loss curves) drawn and encoded as a PNG per frame.
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

SECONDS = 5.0   # measured per case
WARM_UP = 2.0   # seconds of play before measuring
ALL_FEATURES = ["x1", "x2", "x1_squared", "x2_squared", "x1_x2", "sin_x1", "sin_x2"]
CASES = {  # name: (Playground settings, goal kind, goal)
    "default, speed 1": ({"seed": 1}, "fps", 24),
    "fastest speed": ({"seed": 1, "speed": 100}, "epochs", 300),
    "largest network": ({"seed": 1, "layers": [8] * 6, "features": ALL_FEATURES}, "fps", 15),
}
FPS_GOAL = 30   # Playground's pace; 24 is the minimum


def _notebook(folder):
    import nbformat

    cells = [nbformat.v4.new_code_cell("from backprop.playground import Playground")]
    for i, (settings, _, _) in enumerate(CASES.values()):
        cells.append(nbformat.v4.new_code_cell(f"pg{i} = Playground(**{settings!r})\npg{i}"))
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    path = folder / "playground_speed.ipynb"
    nbformat.write(notebook, path)
    return path


def _counters(page, index):
    return page.evaluate(
        "(i) => { const r = document.querySelectorAll('.backprop-playground')[i];"
        " return [performance.now(), +r.dataset.frames, +r.dataset.epoch]; }", index)


def browser_rates():
    """{case: (frames per s, epochs per s, max(epochs - frames) drift)} measured in JupyterLab."""
    from browser_helpers import CHROMIUM, CHROMIUM_ARGS, frontend, open_and_run_all
    from playwright.sync_api import sync_playwright

    if CHROMIUM is None:
        raise RuntimeError("no Chromium: apt-get install chromium-headless-shell")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        notebook = _notebook(folder)
        with frontend("JupyterLab", [notebook], folder / "jupyter") as urls, \
                sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            open_and_run_all(page, urls[notebook.name])
            page.wait_for_function("() => [...document.querySelectorAll('.backprop-playground')]"
                                   f".filter((r) => +r.dataset.frames >= 1).length === {len(CASES)}",
                                   timeout=120_000)
            for index, name in enumerate(CASES):
                roots = page.locator(".backprop-playground")
                roots.nth(index).scroll_into_view_if_needed()
                roots.nth(index).locator("[data-role=play]").click()
                page.wait_for_timeout(1000 * WARM_UP)
                t0, f0, e0 = _counters(page, index)
                drift = []
                while True:
                    page.wait_for_timeout(250)
                    t, f, e = _counters(page, index)
                    drift.append((e - e0) - (f - f0))
                    if t - t0 >= SECONDS * 1000:
                        break
                roots.nth(index).locator("[data-role=play]").click()
                seconds = (t - t0) / 1000
                results[name] = ((f - f0) / seconds, (e - e0) / seconds, max(map(abs, drift)))
                page.wait_for_timeout(500)
            browser.close()
    return results


def kernel_costs(repeat=30):
    """{case: (ms of CPU per epoch, ms of CPU per frame encoding, frame bytes)}, and the
    matplotlib reference (ms per PNG)."""
    from backprop.playground.frame import encode_frame
    from backprop.playground.run import Run
    from backprop.playground.snapshot import snapshot_png

    costs = {}
    for name, (settings, _, _) in CASES.items():
        run = Run(**settings)   # the same settings as the notebook's playgrounds
        run.train(3)   # warm up
        epoch, frame = [], []
        for seq in range(repeat):
            cpu = time.process_time()
            run.train(1)
            epoch.append(time.process_time() - cpu)
            cpu = time.process_time()
            content, buffers = encode_frame(run, seq)
            frame.append(time.process_time() - cpu)
        size = sum(len(b) for b in buffers) + len(repr(content))
        costs[name] = (1000 * min(epoch), 1000 * statistics.median(frame), size)
    run = Run(seed=1)
    run.train(10)
    snapshot_png(run)   # warm up matplotlib
    times = []
    for _ in range(10):
        cpu = time.process_time()
        snapshot_png(run)
        times.append(time.process_time() - cpu)
    return costs, 1000 * statistics.median(times)


def run():
    rows, notes = [], []
    costs, matplotlib_ms = kernel_costs()
    for name, (epoch_ms, frame_ms, size) in costs.items():
        rows.append((f"playground kernel: {name}",
                     f"{epoch_ms:.2f} ms/epoch + {frame_ms:.2f} ms/frame, {size / 1000:.1f} kB/frame",
                     "(reference)", "INFO"))
    rows.append(("playground: matplotlib redraw of the same picture",
                 f"{1000 / matplotlib_ms:.1f} frames/s ({matplotlib_ms:.0f} ms/frame)",
                 "(reference)", "INFO"))
    try:
        rates = browser_rates()
    except Exception as error:   # no browser here: say so, judge nothing
        notes.append(f"playground browser rows skipped: {error}")
        return rows, notes
    for name, (fps, eps, _) in rates.items():
        _, kind, goal = CASES[name]
        measured = f"{fps:.1f} frames/s, {eps:.0f} epochs/s"
        if kind == "fps":
            text = f">= {goal} frames/s" + (f" (goal {FPS_GOAL})" if goal == 24 else "")
            rows.append((f"playground in JupyterLab: {name}", measured, text,
                         "PASS" if fps >= goal else "FAIL"))
        else:
            rows.append((f"playground in JupyterLab: {name}", measured, f">= {goal} epochs/s",
                         "PASS" if eps >= goal else "FAIL"))
    drift = rates["default, speed 1"][2]
    rows.append(("playground: backlog at speed 1", f"epochs - frames drawn varied by {drift:.0f}",
                 "<= 2", "PASS" if drift <= 2 else "FAIL"))
    notes.append(f"playground browser rows: headless Chromium, {SECONDS:.0f} s per case after "
                 f"{WARM_UP:.0f} s of warm-up, wall-clock rates from the widget's data-frames / "
                 "data-epoch counters")
    return rows, notes


if __name__ == "__main__":
    table, remarks = run()
    for row in table:
        print("  ".join(str(cell) for cell in row))
    for remark in remarks:
        print("-", remark)
    sys.exit(1 if any(row[3] == "FAIL" for row in table) else 0)
