"""Goal 3: `import backprop` is cheap (<= 0.2 s) and loads no plotting or widget code.

Each run is a fresh interpreter (a subprocess), so nothing is cached in memory; it
times `import backprop` from inside, in CPU time like the other benchmarks
(interpreter start-up is not counted; numpy's own import is, since backprop needs it:
its share is shown) and lists which heavy modules got imported.
Bytecode is cached, as on a learner's machine after the first import: the runs use a
temporary `PYTHONPYCACHEPREFIX`, filled by one untimed warm-up run (an environment with
PYTHONDONTWRITEBYTECODE set would otherwise compile backprop's sources on every run,
about 20 ms that no learner pays twice). BLAS is limited to one thread, as everywhere
in the benchmarks.
Reported: the BEST of `repeat` runs (the import does the same work every time; the
spread is only the machine's load).
"""

import json
import os
import subprocess
import sys
import tempfile

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
    with tempfile.TemporaryDirectory() as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        # One BLAS thread, as for the rest of the run (run.py): otherwise OpenBLAS starts a
        # thread per core during `import numpy`, whose busy-waiting adds about 70 ms of CPU
        # time (not of wall-clock time) on 2 cores.
        env.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
        for _ in range(repeat + 1):  # the first run only fills the bytecode cache
            out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True,
                                 check=True, env=env)
            results.append(json.loads(out.stdout))
    results = results[1:]
    best, best_wall, numpy_share = (min(times[i] for times, _ in results) for i in range(3))
    loaded = sorted({m for _, modules in results for m in modules})
    rows = [
        ("import backprop (fresh interpreter)", f"{best:.3f} s", "<= 0.2 s",
         "PASS" if best <= 0.2 else "FAIL"),
        (f"modules of {HEAVY} imported by it", ", ".join(loaded) or "none",
         "no matplotlib, ipywidgets",
         "FAIL" if {"matplotlib", "ipywidgets"} & set(loaded) else "PASS"),
    ]
    own = min(times[0] - times[2] for times, _ in results)
    return rows, [f"import: best of {repeat} fresh interpreters, bytecode cached (CPU time; "
                  f"numpy's own import {numpy_share:.3f} s at best, backprop's own modules "
                  f"{1000 * own:.0f} ms at best); best wall-clock {best_wall:.3f} s"]
