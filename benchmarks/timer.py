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
