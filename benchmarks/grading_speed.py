"""Benchmark: grading a class folder with `--jobs 2` against one notebook at a time.

Goal (issue 14, item 4): 40 mixed submissions graded with 2 jobs on a 2-core machine take
at most 0.6x the serial time, with the same scores.

Method: 40 notebooks made from the course's own homework, round the 11 homeworks: the
solutions, the untouched student version, the solutions with the first exercise's answer
replaced by `return None` (a wrong answer), and the solutions with a cell that raises. Both
runs grade the same folder with the same seed (`batch.grade_folder`, each into its own
output folder, so neither resumes the other); the serial run goes first. Wall-clock time
of each whole run, kernels' start included. The scores (points and status of every
exercise) must agree exactly: the hidden inputs come from the seed, and kernels use one
BLAS thread.

    python benchmarks/grading_speed.py [--notebooks 40] [--jobs 2]
Prints both times and their ratio; exit status 1 when the goal fails or scores differ.
"""

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from backprop.homework import grade_folder

ROOT = Path(__file__).resolve().parent.parent
SOURCES, STUDENTS = ROOT / "exercises" / "source", ROOT / "exercises" / "student"
GOAL = 0.6
SOLUTION = re.compile(r"( *)### BEGIN SOLUTION\n.*?### END SOLUTION", re.DOTALL)


def _wrong_first_answer(notebook):
    cell = next(c for c in notebook.cells if "### BEGIN SOLUTION" in c.source)
    cell.source = SOLUTION.sub(lambda m: f"{m.group(1)}return None", cell.source, count=1)
    return notebook


def _raising_cell(notebook):
    notebook.cells.append(nbformat.v4.new_code_cell("raise RuntimeError('a scratch cell')"))
    return notebook


def make_submissions(folder, count):
    """`count` notebooks, `NNN_<slug>.ipynb`, cycling through homeworks and kinds."""
    sources = sorted(SOURCES.glob("[0-9][0-9]_*.ipynb"))
    kinds = [("right", SOURCES, None), ("untouched", STUDENTS, None),
             ("wrong", SOURCES, _wrong_first_answer), ("raising", SOURCES, _raising_cell)]
    for i in range(count):
        source = sources[i % len(sources)]
        kind, base, edit = kinds[(i // len(sources) + i) % len(kinds)]
        notebook = nbformat.read(base / source.name, as_version=4)
        if edit:
            notebook = edit(notebook)
        nbformat.write(notebook, Path(folder) / f"{i:03d}_{kind}_{source.name}")


def _scores(run):
    return {g.path.name: [(s.points, s.status) for s in g.scores] for g in run.grades}


def measure(count=40, jobs=2, seed=2024):
    with tempfile.TemporaryDirectory(prefix="grading-speed-") as tmp:
        tmp = Path(tmp)
        folder = tmp / "submissions"
        folder.mkdir()
        make_submissions(folder, count)
        times, runs = {}, {}
        for label, n in (("serial", 1), ("parallel", jobs)):
            start = time.perf_counter()
            runs[label] = grade_folder(folder, tmp / f"grades-{label}", jobs=n, seed=seed,
                                       progress=False)
            times[label] = time.perf_counter() - start
        same = _scores(runs["serial"]) == _scores(runs["parallel"])
        differ = sorted(k for k in _scores(runs["serial"])
                        if _scores(runs["serial"])[k] != _scores(runs["parallel"]).get(k))
        points = sum(g.total for g in runs["serial"].grades)
    return times, same, differ, points


def run(count=40, jobs=2):
    """For benchmarks/run.py: (rows, notes)."""
    times, same, differ, points = measure(count, jobs)
    ratio = times["parallel"] / times["serial"]
    rows = [(f"grading {count} notebooks, --jobs {jobs} / serial", f"{ratio:.2f}x",
             f"<= {GOAL}x", "PASS" if ratio <= GOAL else "FAIL"),
            (f"grading {count} notebooks, same scores either way", "yes" if same else
             f"no ({len(differ)} differ)", "yes", "PASS" if same else "FAIL")]
    notes = [f"grading: serial {times['serial']:.1f} s, --jobs {jobs} {times['parallel']:.1f} s, "
             f"{points:g} points in all" + (f"; scores differ for {', '.join(differ)}"
                                             if differ else "")]
    return rows, notes


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notebooks", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    if args.notebooks < 1 or args.jobs < 2:
        parser.error("--notebooks must be >= 1 and --jobs >= 2.")
    rows, notes = run(args.notebooks, args.jobs)
    for row in rows:
        print("  ".join(str(x) for x in row))
    for note in notes:
        print(f"- {note}")
    return 1 if any(row[3] == "FAIL" for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
