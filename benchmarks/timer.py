"""Timing helpers: process CPU time, interleaved repeats, best of N.

This runs on a shared 2-core machine where other jobs come and go, so:
- the clock is the process's CPU time (`time.process_time`), which counts only the work
  this process does; wall-clock time also counts the time other jobs hold the CPU (its
  value is kept too and shown in the notes). `run.py` limits BLAS/OpenMP to one thread,
  so CPU time and wall time measure the same single-threaded work;
- the contestants of one comparison run in turn inside each repeat (A, B, A, B, ...);
- a speed figure is the BEST (minimum) of `repeat` runs: the work is the same every
  time, and load can only add to it;
- the garbage collector stays ON (the scalar engines' cost depends on it; `timeit`
  would switch it off); `gc.collect()` runs before each timed call, outside the timer,
  so no run pays for garbage left by the previous one.
"""

import gc
import time


def measure(fn, setup=None):
    """(cpu seconds, wall seconds, result) of fn(setup()) (or fn()); setup is not timed."""
    args = (setup(),) if setup is not None else ()
    gc.collect()
    cpu, wall = time.process_time(), time.perf_counter()
    result = fn(*args)
    return time.process_time() - cpu, time.perf_counter() - wall, result


def interleaved(contestants, repeat):
    """{name: (best cpu seconds, best wall seconds)} for {name: fn}, run in turn `repeat` times."""
    runs = {name: [] for name in contestants}
    for _ in range(repeat):
        for name, fn in contestants.items():
            runs[name].append(measure(fn)[:2])
    return {name: (min(c for c, _ in r), min(w for _, w in r)) for name, r in runs.items()}


def ratio_row(label, ours, peer, goal=None, unit="s"):
    """Table row comparing two best times: 'r x (ours / peer)', judged against `goal`
    (at most that ratio) or, with goal=None, an INFO reference."""
    ratio = ours / peer
    scale, digits = (1000, 0) if unit == "ms" else (1, 3)
    measured = f"{ratio:.2f}x ({scale * ours:.{digits}f} {unit} / {scale * peer:.{digits}f} {unit})"
    if goal is None:
        return (label, measured, "(reference)", "INFO")
    return (label, measured, f"<= {goal}x", "PASS" if ratio <= goal else "FAIL")


def agreement_row(label, difference, detail, limit=1e-9):
    """Table row checking that two contestants computed the same number (to `limit`)."""
    ok = difference <= limit and difference == difference  # NaN never agrees
    limit_text = f"{limit:.0e}".replace("e-0", "e-")  # 1e-9, not 1e-09
    return (label, f"{difference:.1e} ({detail})", f"<= {limit_text}", "PASS" if ok else "FAIL")
