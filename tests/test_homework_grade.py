"""The grader: full marks for the sources, zero for untouched student versions, the right
partial marks for one wrong answer, and a submission that crashes, loops forever or
deletes its checks loses only the exercises it affects; the folder's reports go beside it.
(The attacks, the isolation, the faults, the flags, the verdicts and parallel grading have
their own files: tests/test_grader_*.py.)"""

import csv
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from backprop.homework import grade_notebook, table
from backprop.homework.__main__ import main

ROOT = Path(__file__).resolve().parent.parent
NAME = "06_backprop_in_matrix_form.ipynb"
SOURCE = ROOT / "exercises" / "source" / NAME
STUDENT = ROOT / "exercises" / "student" / NAME


TAMPER = """\
from backprop import checks
from backprop.checks.feedback import Result
checks.evaluate = lambda name, *args: Result(name, "passed", "")
checks.check_linear_forward.evaluate = lambda *args: Result("linear_forward", "passed", "")
"""


def points(grade):
    return [s.points for s in grade.scores]


def edited(tmp, name, edit):
    """A copy of the source notebook with `edit(cells)` applied to its list of cells."""
    nb = nbformat.read(SOURCE, as_version=4)
    nb.cells = edit(nb.cells)
    path = tmp / name
    nbformat.write(nb, path)
    return path


def replace_in(cells, function, old, new):
    cell = next(c for c in cells if f"def {function}(" in c.source)
    assert old in cell.source
    cell.source = cell.source.replace(old, new)
    return cells


def test_source_gets_full_marks():
    grade = grade_notebook(SOURCE)
    assert points(grade) == [1, 2, 2, 3] and grade.total == grade.max_total == 8
    assert table(grade).splitlines()[-1].split() == ["total", "8/8"]


def test_untouched_student_version_gets_zero():
    grade = grade_notebook(STUDENT)
    assert grade.total == 0 and grade.max_total == 8
    assert {s.status for s in grade.scores} == {"not implemented"}


def test_one_wrong_answer_costs_exactly_that_exercise(tmp_path):
    path = edited(tmp_path, NAME, lambda cells: replace_in(
        cells, "numerical_gradient", "f_minus = f(W)", "f_minus = f(W) * 0 + f_plus - 1e-3"))
    grade = grade_notebook(path)
    assert points(grade) == [1, 2, 0, 3] and grade.total == 6
    assert grade.scores[2].status == "failed" and "grad is wrong" in grade.scores[2].message


@pytest.fixture(scope="module")
def bad_submissions(tmp_path_factory):
    """A class folder: a crash, an endless loop, deleted checks, a file that is no notebook."""
    folder = tmp_path_factory.mktemp("submissions")
    (folder / "alice").mkdir()
    edited(folder / "alice", NAME, lambda cells: replace_in(  # kills the kernel in exercise 3
        cells, "numerical_gradient", "grad = np.zeros_like(W)", "import os\n    os._exit(1)"))
    (folder / "bob").mkdir()
    edited(folder / "bob", NAME, lambda cells: replace_in(  # loops forever in exercise 1
        cells, "linear_forward", "return X @ W + b", "while True:\n        pass"))
    (folder / "carol").mkdir()
    edited(folder / "carol", "carol_" + NAME, lambda cells:  # no check cells, tampering, an error
           [c for c in replace_in(cells, "linear_forward", "X @ W + b", "X @ W")
            if "checks.check_" not in c.source] + [nbformat.v4.new_code_cell(TAMPER),
                                                    nbformat.v4.new_code_cell("1 / 0")])
    (folder / "dave").mkdir()
    (folder / "dave" / NAME).write_text("this is not a notebook")
    shutil.copy(STUDENT, folder / "erin.ipynb")  # renamed: found by its metadata
    return folder


def test_a_folder_is_graded_and_each_problem_costs_only_its_exercises(bad_submissions, capsys):
    out = bad_submissions.parent / "grades"  # the default: beside the folder, not in it
    assert main(["grade", str(bad_submissions), "--timeout", "3", "--jobs", "1"]) == 0
    printed = capsys.readouterr().out
    assert not list(bad_submissions.rglob("*.csv")) and not list(bad_submissions.rglob("*.md"))
    with open(out / "grades-06_backprop_in_matrix_form.csv", newline="") as f:
        rows = {row["file"]: row for row in csv.DictReader(f)}
    points = [f"ex{n} {title}: points (of {most})" for n, title, most in
              [(1, "Linear forward", 1), (2, "Linear backward", 2),
               (3, "A numerical gradient for a matrix", 2),
               (4, "Backprop through a two-layer network", 3)]]
    alice, bob = rows[f"alice/{NAME}"], rows[f"bob/{NAME}"]
    carol, dave, erin = rows[f"carol/carol_{NAME}"], rows[f"dave/{NAME}"], rows["erin.ipynb"]
    assert [alice[c] for c in points] == ["1", "2", "0", "3"]
    assert alice["ex3 A numerical gradient for a matrix: status"] == "crashed"
    assert "exercise 3: the kernel died while checking this exercise" in alice["notes"]
    assert [bob[c] for c in points] == ["0", "2", "2", "3"]
    assert [carol[c] for c in points] == ["0", "2", "2", "3"], "tampering ignored"
    assert "assigns to backprop.checks.evaluate" in carol["ex2 Linear backward: flags"]
    assert dave["total"] == "0" and dave["max"] == "8" and "cannot read the notebook" in \
        dave["notes"]
    assert erin["total"] == "0" and erin["max"] == "8"
    assert erin["ex1 Linear forward: status"] == "not implemented"
    assert {r["seed"] for r in rows.values()} == {re.search(r"seed (\d+)", printed).group(1)}
    assert all(len(r["sha256"]) == 64 for r in rows.values())
    assert "crashed: the kernel died while checking this exercise" in printed
    assert "timeout: the check ran over 3 s" in printed
    assert "06_backprop_in_matrix_form: 5 notebook(s), total 20 of 40 points." in printed
    assert re.match(r"seed \d+ \(hidden inputs; `--seed \d+` repeats this run\); kernels run as",
                    printed)
    feedback = (out / "alice" / NAME).with_suffix(".md").read_text()
    assert "## Exercise 3: A numerical gradient for a matrix ★★☆" in feedback
    assert "**0 of 2** (crashed)" in feedback


def test_generate_check_passes_on_the_committed_versions(capsys):
    """Student versions and the check cells' `backprop.replaces` metadata are up to date
    (else: python -m backprop.homework generate --write-metadata)."""
    assert main(["generate", "--check"]) == 0
    assert "0 student notebook(s) stale." in capsys.readouterr().out


def test_a_kernel_stuck_beyond_interrupts_is_given_up(tmp_path):
    """A loop that ignores the interrupt: the session reports the kernel hung and stops it (the
    grader then starts a new one, as the crash case above shows)."""
    from backprop.homework.kernel import KernelSession

    with KernelSession(tmp_path) as kernel:
        assert kernel.run("x = 41", 10).status == "ok"
        outcome = kernel.run("import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                             "while True:\n    pass", 2)
        assert outcome.status == "hung" and not kernel.alive
