"""Goal 3: `import backprop` is cheap (<= 0.2 s) and loads no plotting or widget code.

Each run is a fresh interpreter (a subprocess), so nothing is cached in memory; it
times `import backprop` from inside, in CPU time like the other benchmarks
(interpreter start-up is not counted; numpy's own import is, since backprop needs it:
its share is shown) and lists which heavy modules got imported.
Reported: the BEST of `repeat` runs (the import does the same work every time; the
spread is only the machine's load).
"""

import json
import subprocess
import sys

HEAVY = ("matplotlib", "ipywidgets", "sklearn")
CODE = f"""
import json, sys, time
cpu, wall = time.process_time(), time.perf_counter()
import numpy
numpy_cpu = time.process_time() - cpu
import backprop
times = [time.process_time() - cpu, time.perf_counter() - wall, numpy_cpu]
print(json.dumps([times, [m for m in {HEAVY!r} if m in sys.modules]]))
"""


def run(repeat=7):
    results = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True,
                             check=True)
        results.append(json.loads(out.stdout))
    best, best_wall, numpy_share = (min(times[i] for times, _ in results) for i in range(3))
    loaded = sorted({m for _, modules in results for m in modules})
    rows = [
        ("import backprop (fresh interpreter)", f"{best:.3f} s", "<= 0.2 s",
         "PASS" if best <= 0.2 else "FAIL"),
        (f"modules of {HEAVY} imported by it", ", ".join(loaded) or "none",
         "no matplotlib, ipywidgets",
         "FAIL" if {"matplotlib", "ipywidgets"} & set(loaded) else "PASS"),
    ]
    return rows, [f"import: best of {repeat} fresh interpreters (CPU time; {numpy_share:.3f} s "
                  f"of it is numpy's own import); best wall-clock {best_wall:.3f} s"]
