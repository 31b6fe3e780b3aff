"""The nbgrader route of the README, for real: `nbgrader generate_assignment` and
`nbgrader autograde` on homework 06, copied as it is into a course folder.

nbgrader runs in a virtual environment of its own, made once and cached in
~/.cache/backprop-tests/nbgrader-venv (never in the course's .venv); a .pth file there
points at this checkout, so that the autograding kernel can `import backprop`. The test
is skipped, with the reason, where nbgrader cannot be installed.

Three submissions: the untouched student version (0 of 8), the solutions (8 of 8), and
the untouched version with a cell that removes NBGRADER_EXECUTION before the checks run:
the checks read the mode once, at import, so it still scores 0.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NAME = "06_backprop_in_matrix_form.ipynb"
VERSION = "0.9.6"
VENV = Path.home() / ".cache" / "backprop-tests" / "nbgrader-venv"
UNSET = "import os\nos.environ.pop('NBGRADER_EXECUTION', None)  # a learner's cell"
SCORES = """\
import json
from nbgrader.api import Gradebook
with Gradebook("sqlite:///gradebook.db") as gb:
    print(json.dumps({s: [gb.find_submission("hw06", s).score,
                          gb.find_submission("hw06", s).max_score]
                      for s in ("alice", "bob", "carol")}))
"""


def _run(command, cwd=None, timeout=600):
    env = dict(os.environ, PATH=f"{VENV / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}")
    env.pop("NBGRADER_EXECUTION", None)
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)


def _has_nbgrader():
    nbgrader = VENV / "bin" / "nbgrader"
    if not nbgrader.exists():
        return False
    done = _run([str(nbgrader), "--version"], timeout=120)
    return done.returncode == 0 and f"nbgrader version {VERSION}" in done.stdout


@pytest.fixture(scope="module")
def nbgrader_venv():
    if not _has_nbgrader():
        shutil.rmtree(VENV, ignore_errors=True)
        VENV.parent.mkdir(parents=True, exist_ok=True)
        made = subprocess.run([sys.executable, "-m", "venv", str(VENV)], capture_output=True,
                              text=True, timeout=300)
        if made.returncode != 0:
            pytest.skip(f"cannot make a virtual environment for nbgrader: {made.stderr[-300:]}")
        pip = _run([str(VENV / "bin" / "python"), "-m", "pip", "install", "--quiet",
                    f"nbgrader=={VERSION}", "numpy>=2.4"], timeout=900)
        if pip.returncode != 0 or not _has_nbgrader():
            shutil.rmtree(VENV, ignore_errors=True)
            lines = (pip.stderr or pip.stdout).strip().splitlines()
            pytest.skip(f"nbgrader {VERSION} cannot be installed here: "
                        f"{lines[-1] if lines else 'pip failed'}")
    site = _run([str(VENV / "bin" / "python"), "-c",
                 "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip()
    (Path(site) / "backprop-course.pth").write_text(f"{ROOT}\n")  # this checkout, wherever it is
    return VENV


def _submit(course, student, notebook):
    folder = course / "submitted" / student / "hw06"
    folder.mkdir(parents=True)
    nbformat.write(notebook, folder / NAME)


def test_nbgrader_generates_and_autogrades_one_homework(nbgrader_venv, tmp_path):
    course = tmp_path / "course"
    (course / "source" / "hw06").mkdir(parents=True)
    shutil.copy(ROOT / "exercises" / "source" / NAME, course / "source" / "hw06" / NAME)
    (course / "nbgrader_config.py").write_text(
        'c = get_config()\nc.CourseDirectory.course_id = "backprop"\n')
    nbgrader = str(nbgrader_venv / "bin" / "nbgrader")
    made = _run([nbgrader, "generate_assignment", "hw06", "--create"], cwd=course)
    assert made.returncode == 0, made.stderr[-2000:]
    released = nbformat.read(course / "release" / "hw06" / NAME, as_version=4)
    assert "raise NotImplementedError()" in "".join(c.source for c in released.cells)

    _submit(course, "alice", released)  # untouched
    solved = nbformat.read(course / "release" / "hw06" / NAME, as_version=4)
    answers = {c.metadata["nbgrader"]["grade_id"]: c.source for c in
               nbformat.read(ROOT / "exercises" / "source" / NAME, as_version=4).cells
               if c.metadata.get("nbgrader", {}).get("solution")}
    for cell in solved.cells:
        if cell.metadata.get("nbgrader", {}).get("solution"):
            cell.source = answers[cell.metadata["nbgrader"]["grade_id"]]
    _submit(course, "bob", solved)
    unset = nbformat.read(course / "release" / "hw06" / NAME, as_version=4)
    unset.cells.insert(3, nbformat.v4.new_code_cell(UNSET))
    _submit(course, "carol", unset)

    graded = _run([nbgrader, "autograde", "hw06", "--create"], cwd=course)
    assert graded.returncode == 0, graded.stderr[-2000:]
    scores = _run([str(nbgrader_venv / "bin" / "python"), "-c", SCORES], cwd=course)
    assert scores.returncode == 0, scores.stderr[-2000:]
    result = json.loads(scores.stdout.strip().splitlines()[-1])
    assert result == {"alice": [0, 8], "bob": [8, 8], "carol": [0, 8]}, result
