"""Faults cost only the exercises they touch: a function that kills the kernel, called from
three scratch cells, keeps the honest partial score; a folder of poisoned notebooks still
grades every other notebook; the per-notebook time limit holds."""

import json
from pathlib import Path

import nbformat

from backprop.homework import grade_paths
from backprop.homework.grade import TAMPERED

ROOT = Path(__file__).resolve().parent.parent
NAME = "06_backprop_in_matrix_form.ipynb"
SOURCE = ROOT / "exercises" / "source" / NAME
STUDENT = ROOT / "exercises" / "student" / NAME
CRASH = "import os\n    os._exit(1)"


def write(folder, name, base, solution=None, extra=(), after=None):
    """`base` with the body of function `solution[0]` replaced by `solution[1]`, and the
    `extra` cells inserted after the cell defining `after` (else after the setup cell)."""
    nb = nbformat.read(base, as_version=4)
    if solution:
        cell = next(c for c in nb.cells if f"def {solution[0]}(" in c.source)
        head = cell.source.split('"""')[0] + '"""' + cell.source.split('"""')[1] + '"""\n    '
        cell.source = head + solution[1]
    at = 3 if after is None else \
        next(i for i, c in enumerate(nb.cells) if f"def {after}(" in c.source) + 1
    for code in reversed(extra):
        nb.cells.insert(at, nbformat.v4.new_code_cell(code))
    path = Path(folder) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def points(grade):
    return [s.points for s in grade.scores]


def test_a_crash_reached_from_three_cells_keeps_the_honest_partial_score(tmp_path):
    calls = ["numerical_gradient(lambda W: 0.0, np.ones((2, 2)))"] * 3
    write(tmp_path, NAME, SOURCE, ("numerical_gradient", CRASH), calls, after="numerical_gradient")
    [grade] = grade_paths(tmp_path / NAME, timeout=20)
    assert points(grade) == [1, 2, 0, 3], [(s.status, s.message) for s in grade.scores]
    assert grade.scores[2].status == "crashed"
    assert sum("stopped the kernel; graded without it" in n for n in grade.notes) == 3
    assert not any("empty kernel" in n for n in grade.notes)


HANG = ("import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
        "while True:\n    time.sleep(0.1)")
FLOOD = ("print('@@backprop-grade@@{not json')\nprint('@@backprop-reply@@zz {\"status\"')\n"
         "print('@@backprop-grade@@' + '[' * 100000)")


def test_a_poisoned_folder_still_grades_every_other_notebook(tmp_path):
    folder = tmp_path / "class"
    write(folder, "a_hang.ipynb", SOURCE, extra=[HANG])  # a cell ignores the interrupt
    write(folder, "b_flood.ipynb", STUDENT, extra=[FLOOD])  # malformed verdict lines
    write(folder, "c_exit.ipynb", SOURCE, extra=["import os\nos._exit(3)"])  # kills the kernel
    write(folder, "d_tamper.ipynb", STUDENT, extra=[  # deletes the probe after it is set up
        "get_ipython().events.register('pre_run_cell', "
        "lambda *a: globals().pop('_bp_probe', None))"])
    write(folder, "e_ok.ipynb", SOURCE)
    write(folder, "f_stub.ipynb", STUDENT)
    (folder / "g_broken.ipynb").write_text("{ not a notebook")
    (folder / "h_other.ipynb").write_text(json.dumps(nbformat.v4.new_notebook()))
    grades = {g.path.name: g for g in grade_paths(folder, timeout=20)}  # room for a busy machine
    assert len(grades) == 8
    assert points(grades["a_hang.ipynb"]) == [1, 2, 2, 3]
    assert any("hung the kernel" in n for n in grades["a_hang.ipynb"].notes)
    assert grades["b_flood.ipynb"].total == 0
    assert {s.status for s in grades["b_flood.ipynb"].scores} == {"not implemented"}
    assert points(grades["c_exit.ipynb"]) == [1, 2, 2, 3]
    assert grades["d_tamper.ipynb"].total == 0
    assert points(grades["e_ok.ipynb"]) == [1, 2, 2, 3]
    assert grades["f_stub.ipynb"].total == 0 and grades["f_stub.ipynb"].max_total == 8
    assert "cannot read the notebook" in grades["g_broken.ipynb"].notes[0]
    assert "not one of the homework notebooks" in grades["h_other.ipynb"].notes[0]
    assert all(s.message != TAMPERED for g in grades.values() for s in g.scores)


def test_the_notebook_time_limit_stops_only_that_notebook(tmp_path):
    slow = ["import time\ntime.sleep(5)"] * 4  # 20 s in all, each cell within its own limit
    write(tmp_path, "a_slow.ipynb", SOURCE, extra=slow)
    write(tmp_path, "b_ok.ipynb", SOURCE)
    grades = grade_paths(tmp_path, timeout=10, notebook_timeout=15)
    slow, ok = grades
    assert slow.total == 0 and {s.status for s in slow.scores} == {"timeout"}
    assert "the notebook ran over its limit of 15 s" in slow.scores[0].message
    assert points(ok) == [1, 2, 2, 3]
