"""Benchmarks of the backprop engine: `make benchmark` (or `python benchmarks/run.py`).

Prints the machine, then one table row per goal with PASS/FAIL. Speed goals are ratios
against peers timed in the same run (see each module's docstring for the method):
  mlp_speed        goal 1: fit of a digits MLP vs a bare numpy loop and scikit-learn
  scalar_speed     goal 2: one scalar-engine training step vs micrograd
  import_time      goal 3: `import backprop` time and what it loads
  digits_accuracy  goal 4: test accuracy on the digits vs scikit-learn's default
  widget_speed     goal 5: time of a widget update (and of drawing one setting from scratch)
  grading_speed    goal 7: a folder of 40 submissions graded with --jobs 2 vs serially
  playground_speed goal 6: the playground's frames per second in headless Chromium, vs matplotlib
Not a test (no test_*.py names here): it times things, it does not guard them.
Exit status 1 when a goal fails, so a script can notice.
"""

import sys
import time

import digits_accuracy
import grading_speed
import import_time
import machine
import mlp_speed
import playground_speed
import scalar_speed
import widget_speed  # selects matplotlib's Agg backend (nothing imports pyplot before it)
from threadpoolctl import threadpool_limits

import backprop

COLUMNS = ("benchmark", "measured", "goal", "result")


def print_table(rows):
    widths = [max(len(str(row[i])) for row in [COLUMNS, *rows]) for i in range(4)]
    line = "  ".join("-" * w for w in widths)
    print(line)
    for row in [COLUMNS, None, *rows]:
        if row is None:
            print(line)
            continue
        print("  ".join(str(cell).ljust(w) for cell, w in zip(row, widths)).rstrip())
    print(line)


def main():
    start = time.perf_counter()
    for line in machine.header():
        print(line)
    # One thread for BLAS and OpenMP, for every contestant: the step matrices are below
    # OpenBLAS's threading threshold anyway, and on a busy 2-core machine a second BLAS
    # thread that waits for a core made the per-epoch evaluation up to 4x slower.
    limiter = threadpool_limits(limits=1)
    print("timed with BLAS and OpenMP limited to 1 thread (threadpoolctl)\n", flush=True)
    X_train, X_test, y_train, y_test = backprop.datasets.digits()
    rows, notes = [], []
    sections = [("goal 1: MLP fit speed", lambda: mlp_speed.run(X_train, y_train)),
                ("goal 2: scalar step", scalar_speed.run),
                ("goal 3: import", import_time.run),
                ("goal 4: digits accuracy",
                 lambda: digits_accuracy.run(X_train, X_test, y_train, y_test)),
                ("goal 5: widgets", widget_speed.run),
                ("goal 6: playground", playground_speed.run),
                ("goal 7: grading", grading_speed.run)]
    for title, section in sections:
        print(f"running {title} ...", file=sys.stderr, flush=True)
        section_rows, section_notes = section()
        rows += section_rows
        notes += section_notes
    limiter.restore_original_limits()
    print_table(rows)
    for note in notes:
        print(f"- {note}")
    print(f"- total benchmark time {time.perf_counter() - start:.0f} s")
    return 1 if any(row[3] == "FAIL" for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
