"""Grade filled-in homework notebooks: run each in a fresh kernel, then the grader's checks.

The notebook's own check cells are not trusted (a learner can edit or delete them).
The learner's code cells run in order in a separate kernel, each with a time limit; then,
in the same kernel, the grader imports a fresh copy of `backprop.checks` and runs the
check of every exercise listed in the *source* notebook, each in its own guarded cell. So a
cell that raises, loops forever or kills the kernel costs only the exercises it affects:
- a learner cell that times out is interrupted and the run goes on;
- a learner cell that kills (or hangs) the kernel is skipped in a new kernel (3 tries);
- a check that times out or kills the kernel scores 0, and the next one gets a new kernel.
An exercise scores its points when its check passes, else 0.
This is not a sandbox: the learner's code runs with your rights (see the README).
"""

import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .kernel import KernelSession
from .spec import load_sources, slug_of

MARKER = "@@backprop-grade@@"
FRESH_CHECKS = """\
import sys as _bp_sys
for _bp_name in [n for n in list(_bp_sys.modules) if n.split(".")[:2] == ["backprop", "checks"]]:
    del _bp_sys.modules[_bp_name]
import builtins as _bp_builtins
import json as _bp_json
import backprop.checks as _bp_checks
"""
RUN_CHECK = """\
try:
    _bp_args = ({args},)
except NameError as _bp_error:
    _bp_result = {{"status": "missing", "message": str(_bp_error), "passed": False}}
else:
    _bp_result = _bp_checks.evaluate({check!r}, *_bp_args).as_dict()
_bp_builtins.print({marker!r} + _bp_json.dumps(_bp_result))
"""


@dataclass
class Score:
    number: int
    title: str
    stars: int
    max_points: float
    points: float = 0.0
    status: str = "not run"
    message: str = ""


@dataclass
class Grade:
    path: Path
    slug: str
    scores: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    @property
    def total(self):
        return sum(s.points for s in self.scores)

    @property
    def max_total(self):
        return sum(s.max_points for s in self.scores)


def grade_notebook(path, sources=None, timeout=60.0, source_dir=None):
    """Grade one notebook; never raises for anything the submission does."""
    path = Path(path)
    sources = sources if sources is not None else load_sources(source_dir)
    try:
        notebook = nbformat.read(path, as_version=4)
    except Exception as e:
        return Grade(path, "?", notes=[f"cannot read the notebook ({type(e).__name__}: {e})"])
    slug = _match(slug_of(notebook, path), path, sources)
    if slug is None:
        return Grade(path, "?", notes=["not one of the homework notebooks (no known slug in "
                                       "its metadata or file name)"])
    grade = Grade(path, slug, [Score(e.number, e.title, e.stars, e.points)
                               for e in sources[slug][1]])
    cells = [c.source for c in notebook.cells if c.cell_type == "code" and c.source.strip()]
    with tempfile.TemporaryDirectory(prefix="backprop-grade-") as cwd:
        session, skipped = _run_learner_cells(cells, cwd, timeout, grade.notes)
        try:
            for exercise, score in zip(sources[slug][1], grade.scores):
                if session is None or not session.alive:
                    session, skipped = _run_learner_cells(cells, cwd, timeout, [], skipped)
                _grade_exercise(session, exercise, score, timeout)
        finally:
            if session is not None:
                session.stop()
    return grade


def _match(slug, path, sources):
    if slug in sources:
        return slug
    for known in sources:  # "alice_06_backprop_in_matrix_form (1).ipynb"
        if known in Path(path).name:
            return known
    return None


def _run_learner_cells(cells, cwd, timeout, notes, skipped=frozenset()):
    """A kernel that ran the learner's cells; cells that kill the kernel are left out."""
    skipped = set(skipped)
    for _ in range(3):
        session = KernelSession(cwd).start()
        died = None
        for index, code in enumerate(cells):
            if index in skipped:
                continue
            outcome = session.run(code, timeout)
            if outcome.status == "timeout":
                notes.append(f"code cell {index + 1} ran over {timeout:g} s and was interrupted")
            elif outcome.status == "dead":
                died = index
                break
        if died is None:
            return session, skipped
        notes.append(f"code cell {died + 1} stopped the kernel; graded without it")
        skipped.add(died)
    notes.append("the kernel kept dying; the exercises were graded on an empty kernel")
    return KernelSession(cwd).start(), skipped


def _grade_exercise(session, exercise, score, timeout):
    setup = session.run(FRESH_CHECKS, 60)
    if setup.status != "ok":
        score.status, score.message = "error", f"the checks could not be loaded ({setup.error()})"
        return
    code = RUN_CHECK.format(args=", ".join(exercise.args), check=exercise.check, marker=MARKER)
    outcome = session.run(code, timeout)
    if outcome.status == "timeout":
        score.status, score.message = "timeout", f"the check ran over {timeout:g} s"
        return
    if outcome.status == "dead":
        score.status, score.message = "crashed", "the kernel died while checking this exercise"
        return
    lines = [line for line in outcome.text().splitlines() if line.startswith(MARKER)]
    if not lines:
        score.status, score.message = "error", outcome.error() or "the check printed no verdict"
        return
    result = json.loads(lines[-1][len(MARKER):])
    score.status, score.message = result["status"], result["message"]
    if result["passed"]:
        score.points = score.max_points


def grade_paths(target, timeout=60.0, source_dir=None):
    """Grade a notebook, or every notebook under a folder (checkpoints skipped)."""
    target = Path(target)
    sources = load_sources(source_dir)
    if target.is_dir():
        paths = sorted(p for p in target.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    elif target.is_file():
        paths = [target]
    else:
        raise FileNotFoundError(f"{target} is neither a notebook nor a folder.")
    return [grade_notebook(p, sources, timeout) for p in paths]
