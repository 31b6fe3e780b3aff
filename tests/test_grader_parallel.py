"""Grading a folder in parallel (issue 14, item 4): the same scores as one at a time, an
interrupted run that resumes without grading again what it finished, and a change on disk
during a parallel run that is restored, with the overlapping notebooks regraded alone."""

import csv
import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from grader_helpers import package_copy

from backprop.homework import grade_folder
from backprop.homework.batch import REGRADED
from backprop.homework.grade import TAMPERED

ROOT = Path(__file__).resolve().parent.parent
SOURCES, STUDENTS = ROOT / "exercises" / "source", ROOT / "exercises" / "student"
H06, H07 = "06_backprop_in_matrix_form.ipynb", "07_activation_functions.ipynb"


def class_folder(folder):
    """Four submissions of two homeworks: right, untouched, a wrong linear_backward (which
    exercise 4 calls, so it costs both), right."""
    folder.mkdir(parents=True)
    shutil.copy(SOURCES / H06, folder / f"ann_{H06}")
    shutil.copy(STUDENTS / H06, folder / f"ben_{H06}")
    nb = nbformat.read(SOURCES / H06, as_version=4)
    cell = next(c for c in nb.cells if "def linear_backward(" in c.source)
    cell.source = cell.source.replace("db = dZ.sum(axis=0)", "db = dZ.sum(axis=1)")
    nbformat.write(nb, folder / f"cat_{H06}")
    shutil.copy(SOURCES / H07, folder / f"dan_{H07}")
    return folder


def verdicts(run):
    return {g.path.name: [(s.points, s.status, s.message) for s in g.scores] for g in run.grades}


def test_parallel_grading_gives_the_serial_scores(tmp_path):
    folder = class_folder(tmp_path / "class")
    serial = grade_folder(folder, tmp_path / "serial", jobs=1, seed=7, timeout=30,
                          progress=False)
    parallel = grade_folder(folder, tmp_path / "parallel", jobs=2, seed=7, timeout=30,
                            progress=False)
    assert verdicts(parallel) == verdicts(serial)
    assert [g.total for g in serial.grades] == [8, 0, 3, 5]
    assert not parallel.regraded and parallel.seed == serial.seed == 7
    for out in ("serial", "parallel"):
        with open(tmp_path / out / "grades-06_backprop_in_matrix_form.csv", newline="") as f:
            rows = list(csv.DictReader(f))
        assert [r["total"] for r in rows] == ["8", "0", "3"]
        assert {r["seed"] for r in rows} == {"7"}


def test_an_interrupted_run_resumes_and_grades_only_new_or_changed_notebooks(tmp_path):
    folder = class_folder(tmp_path / "class")
    out = tmp_path / "grades"
    journal = out / "results.jsonl"
    command = [sys.executable, "-m", "backprop.homework", "grade", str(folder), "--out",
               str(out), "--jobs", "1", "--seed", "11", "--timeout", "30"]
    grader = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and grader.poll() is None:
            if journal.exists() and journal.read_text().count("\n") >= 1:
                break
            time.sleep(0.2)
        assert grader.poll() is None, "the run ended before it could be interrupted"
        grader.send_signal(signal.SIGINT)  # Ctrl-C, after the first notebook was written
        grader.wait(timeout=120)
    finally:
        if grader.poll() is None:
            grader.kill()
            grader.wait()
    lines = journal.read_text().splitlines()
    if len(lines) == 4:
        # On a loaded machine the run can finish the last notebooks before the signal
        # lands; keep the first notebook's line, as if it had been stopped there, so the
        # resumption below is tested whatever the timing.
        journal.write_text(lines[0] + "\n")
        lines = lines[:1]
    finished = {json.loads(line)["path"] for line in lines}
    assert 1 <= len(finished) < 4
    changed = f"ann_{H06}"  # edited after the interruption: its SHA-256 changes
    nb = nbformat.read(folder / changed, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("an afterthought"))
    nbformat.write(nb, folder / changed)
    resumed = grade_folder(folder, out, jobs=1, timeout=30, progress=False)
    assert resumed.seed == 11, "a resumed run keeps the interrupted run's seed"
    assert resumed.reused == len(finished - {changed})
    assert [g.total for g in resumed.grades] == [8, 0, 3, 5]
    assert len({g.sha256 for g in resumed.grades}) == 4
    again = grade_folder(folder, out, jobs=2, timeout=30, progress=False)
    assert again.reused == 4 and verdicts(again) == verdicts(resumed)


POISON = """\
import os, backprop
with open(backprop.__file__, "a") as f:  # later kernels would import a broken softmax
    f.write("\\nsoftmax = lambda z: 0 * z\\n")
"""


def test_a_change_during_a_parallel_run_is_restored_and_the_overlap_regraded_alone(tmp_path):
    installed, site = package_copy(tmp_path)
    folder = tmp_path / "class"
    folder.mkdir()
    nb = nbformat.read(SOURCES / H06, as_version=4)
    nb.cells.insert(3, nbformat.v4.new_code_cell(POISON))
    nbformat.write(nb, folder / f"a_poison_{H06}")
    for name in ("b", "c"):
        shutil.copy(SOURCES / H06, folder / f"{name}_{H06}")  # exercise 4 uses softmax
    # kernels as the grader's own user, so that the write succeeds
    run = grade_folder(folder, tmp_path / "grades", jobs=2, seed=3, timeout=30, progress=False,
                       kernel_user="none", package_dir=installed, site_dirs=[site])
    poisoned, clean_b, clean_c = run.grades
    assert poisoned.path in run.regraded and REGRADED in poisoned.notes
    assert poisoned.total == 0 and all(s.message == TAMPERED for s in poisoned.scores)
    assert "WARNING: this notebook changed files that grading relies on" in \
        " ".join(poisoned.notes)
    for clean in (clean_b, clean_c):
        assert [s.points for s in clean.scores] == [1, 2, 2, 3], clean.notes
        assert not any(n.startswith("WARNING") for n in clean.notes)
    assert "softmax = lambda" not in (installed / "__init__.py").read_text()


def _benchmark_module():
    """benchmarks/grading_speed.py, whose 40-notebook class folder the goal is measured on."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("grading_speed",
                                                  ROOT / "benchmarks" / "grading_speed.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_benchmarks_forty_notebooks_get_the_same_verdicts_in_parallel(tmp_path):
    """Every homework, right, untouched, wrong and with a raising cell: points, status and
    message of every exercise agree between --jobs 2 and one at a time, with one seed."""
    folder = tmp_path / "class"
    folder.mkdir()
    _benchmark_module().make_submissions(folder, 40)
    serial = grade_folder(folder, tmp_path / "serial", jobs=1, seed=11, progress=False)
    parallel = grade_folder(folder, tmp_path / "parallel", jobs=2, seed=11, progress=False)
    assert len(serial.grades) == 40 and not parallel.regraded
    assert verdicts(parallel) == verdicts(serial)
    kinds = {g.path.name.split("_")[1]: [] for g in serial.grades}
    for g in serial.grades:
        kinds[g.path.name.split("_")[1]].append(g.total)
    assert set(kinds) == {"right", "untouched", "wrong", "raising"}
    assert all(total == 0 for total in kinds["untouched"])
    right = max(kinds["right"])
    assert min(kinds["right"]) > 0 and right > max(kinds["untouched"])
