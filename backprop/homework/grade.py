"""Grade filled-in homework notebooks: the learner's code runs in a kernel, the verdicts here.

For each notebook, in a fresh isolated kernel (`isolation.Workspace`):
1. the learner's code cells run in order, each with a time limit, except the notebook's
   own check cells (known by their source and nbgrader metadata), which are skipped;
2. for each exercise of the *source* notebook, the grader runs that exercise's check in
   its own process (`backprop.checks`, imported when grading starts), with every hidden
   input drawn from the run's seed; each call of the learner's function is sent to the
   kernel, which runs it and returns plain data (`probe`, `wire`, `remote`), and the check
   compares that with its own reference. So nothing the learner's code does to the kernel
   (printing, hooks, patched builtins or modules) can write or change a verdict.
A cell that kills or hangs the kernel is left out and the kernel restarted with the other
cells; a call that kills or hangs it costs that exercise, and the next exercise gets a
restarted kernel. Time limits: `timeout` per cell and per check, `notebook_timeout` per
notebook. After every cell and every check the workspace's files are hashed: a change
stops that notebook, is reported in its notes, and is undone before the next one (in a
parallel run, `batch` restores and regrades instead: a worker's `Watch` only reports).

From the solution code's syntax tree (`flags`), each exercise is flagged when it reaches a
package name the exercise replaces or touches interpreter or grader internals; with
`zero_flagged`, a flagged exercise scores 0. An exercise that fails while calling the
function of an earlier exercise that failed says that this may be the cause.
"""

import hashlib
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .. import checks
from ..checks import functions
from ..checks.feedback import hidden_inputs
from . import probe, wire
from .flags import Inspection
from .isolation import Workspace
from .kernel import KernelSession
from .remote import CallTimeout, Channel, ChannelError, KernelLost, Opaque, RemoteFunction
from .report import STATUS
from .spec import load_sources, parse_check, slug_of

_SOURCES = [Path(m.__file__).read_text(encoding="utf-8")  # read once, when grading starts
            for m in (functions, wire, probe)]
INSTALL = probe.install_code(*_SOURCES)
TAMPERED = "not graded: this notebook changed files that grading relies on (see the notes)"
UNREADABLE = "not graded: the file could not be read as a notebook (see the notes)"
PASSING = ("passed",)


@dataclass
class Score:
    number: int
    title: str
    stars: int
    max_points: float
    points: float = 0.0
    status: str = "not run"
    message: str = ""
    flags: list = field(default_factory=list)


@dataclass
class Grade:
    path: Path
    slug: str
    scores: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    seed: int = None
    sha256: str = ""
    tripped: bool = False  # a parallel worker saw the package change: `batch` regrades it

    @property
    def total(self):
        return sum(s.points for s in self.scores)

    @property
    def max_total(self):
        return sum(s.max_points for s in self.scores)

    @property
    def graded(self):
        """False when the grader could not grade this notebook at all."""
        return bool(self.scores) and not any(
            n.startswith(("cannot read", "the grader failed")) for n in self.notes) and \
            not all(s.message in (TAMPERED, UNREADABLE) for s in self.scores)


class OutOfTime(BaseException):
    """The notebook's time limit is reached."""


class Tampered(BaseException):
    """Files that grading relies on changed while the notebook ran."""


def new_seed():
    return secrets.randbelow(2 ** 31)


def file_hash(path):
    """SHA-256 of the file's bytes ('' when it cannot be read)."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


def is_check_cell(cell):
    """The notebook's own check cells: nbgrader's graded cells and `checks.check_x(...)`."""
    grading = cell.metadata.get("nbgrader", {})
    if grading.get("grade") and not grading.get("solution"):
        return True
    try:
        parse_check(cell.source, "cell")
    except ValueError:
        return False
    return True


class Runner:
    """The kernel of one notebook: its honest cells run, the probe installed.

    `session()` returns a live kernel, starting one if needed; a cell that kills, hangs or
    times out the kernel is left out of this and every later start."""

    def __init__(self, cells, workspace, timeout, deadline, notes):
        self.cells, self.workspace = cells, workspace
        self.timeout, self.deadline, self.notes = timeout, deadline, notes
        self.left_out, self.current, self.starts = set(), None, 0

    def budget(self, limit):
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise OutOfTime()
        return min(limit, left)

    def session(self):
        while self.current is None or not self.current.alive:
            self.current = None
            self.starts += 1
            self.verify()  # never start a kernel on a changed copy
            kernel = KernelSession(workspace=self.workspace).start()
            if self._run_cells(kernel):
                setup = kernel.run(INSTALL, self.budget(60))
                self.verify()
                if setup.status != "ok":
                    kernel.stop(immediately=True)
                    raise ChannelError(f"the grader's probe could not be set up ({setup.error()})")
                self.current = kernel
        return self.current

    def _run_cells(self, kernel):
        """Run the cells not left out; False (kernel stopped) when one killed the kernel."""
        for number, code in self.cells:
            if number in self.left_out:
                continue
            limit = self.budget(self.timeout)
            outcome = kernel.run(code, limit)
            self.verify()
            if outcome.status == "ok" or outcome.status == "error":
                continue
            self.left_out.add(number)
            if outcome.status == "timeout":
                self.notes.append(f"code cell {number} ran over {limit:g} s and was interrupted; "
                                  "it is left out when the kernel restarts")
                continue
            what = "hung the kernel" if outcome.status == "hung" else "stopped the kernel"
            self.notes.append(f"code cell {number} {what}; graded without it")
            kernel.stop(immediately=True)
            return False
        return True

    def verify(self):
        restored, reported = self.workspace.watch.changes()
        for line in reported:
            note = "WARNING: changed on disk during this notebook: " + line
            if note not in self.notes:
                self.notes.append(note)
        if restored:
            self.notes.append("WARNING: this notebook changed files that grading relies on: "
                              + "; ".join(restored) + ". They were restored, and grading of "
                              "this notebook stopped.")
            raise Tampered()

    def stop(self):
        if self.current is not None:
            self.current.stop(immediately=True)
            self.current = None


def _scores(exercises):
    return [Score(e.number, e.title, e.stars, e.points) for e in exercises]


def grade_notebook(path, sources=None, timeout=60.0, source_dir=None, *, seed=None,
                   notebook_timeout=600.0, workspace=None, zero_flagged=False):
    """Grade one notebook; never raises for anything the submission does."""
    path = Path(path)
    sources = sources if sources is not None else load_sources(source_dir)
    seed = new_seed() if seed is None else seed
    digest = file_hash(path)
    try:
        notebook = nbformat.read(path, as_version=4)
    except Exception as e:
        slug = _match(path.stem, path, sources)  # the file name may still say which homework
        grade = Grade(path, slug or "?", _scores(sources[slug][1]) if slug else [],
                      notes=[f"cannot read the notebook ({type(e).__name__}: {e})"], seed=seed,
                      sha256=digest)
        for score in grade.scores:
            score.status, score.message = "unreadable", UNREADABLE
        return grade
    slug = _match(slug_of(notebook, path), path, sources)
    if slug is None:
        return Grade(path, "?", notes=["not one of the homework notebooks (no known slug in "
                                       "its metadata or file name)"], seed=seed, sha256=digest)
    grade = Grade(path, slug, _scores(sources[slug][1]), seed=seed, sha256=digest)
    own = workspace is None
    try:
        workspace = workspace or Workspace()
        _grade(notebook, grade, sources[slug][1], workspace, timeout, notebook_timeout, seed,
               zero_flagged)
    except Exception as e:  # the grader's own failure: say so, and go on with the others
        grade.notes.append(f"the grader failed on this notebook ({type(e).__name__}: {e})")
    finally:
        if own and workspace is not None:
            workspace.close()
    return grade


def _grade(notebook, grade, exercises, workspace, timeout, notebook_timeout, seed,
           zero_flagged=False):
    restored, _ = workspace.watch.changes()
    if restored and not workspace.watch.restoring:  # another worker's notebook changed them
        grade.tripped = True
        for score in grade.scores:
            score.status, score.message = "error", TAMPERED
        grade.notes.append("files that grading relies on had changed when this notebook "
                           "started: " + "; ".join(restored))
        return
    if restored:
        grade.notes.append("WARNING: files that grading relies on had changed before this "
                           "notebook (after the previous one): " + "; ".join(restored)
                           + ". They were restored.")
    cells = [(n, c.source) for n, c in enumerate(
        (c for c in notebook.cells if c.cell_type == "code"), 1)
        if c.source.strip() and not is_check_cell(c)]
    inspection = Inspection(cells)
    everywhere = inspection.notebook_flags(exercises)
    if everywhere:
        grade.notes.append("flagged (code outside the exercises): " + "; ".join(everywhere))
    for exercise, score in zip(exercises, grade.scores):
        score.flags = inspection.flags(exercise) + everywhere
    runner = Runner(cells, workspace, timeout, time.monotonic() + notebook_timeout, grade.notes)
    pending = list(zip(exercises, grade.scores))
    try:
        while pending:
            exercise, score = pending[0]
            _grade_exercise(runner, exercise, score, timeout, seed)
            pending.pop(0)
            runner.verify()
    except OutOfTime:
        for _, score in pending:
            score.status = "timeout"
            score.message = f"the notebook ran over its limit of {notebook_timeout:g} s"
        grade.notes.append(f"the notebook ran over its limit of {notebook_timeout:g} s")
    except Tampered:
        for _, score in pending:
            score.points, score.status, score.message = 0.0, "error", TAMPERED
        grade.tripped = not workspace.watch.restoring
    finally:
        _explain_causes(inspection, exercises, grade.scores)
        if zero_flagged:
            for score in grade.scores:
                if score.flags and score.points:
                    score.points = 0.0
                    score.message = ("scored 0: flagged (--zero-flagged), see the flags. "
                                     + score.message)
        runner.stop()
        restored, _ = workspace.watch.changes()
        if restored and not workspace.watch.restoring:
            grade.tripped = True
        elif restored:
            grade.notes.append("WARNING: this notebook changed files that grading relies on: "
                               + "; ".join(restored) + ". They were restored.")


def _grade_exercise(runner, exercise, score, timeout, seed):
    """Run one check here, on stand-ins that call the learner's functions in the kernel."""
    try:
        channel = Channel(runner.session(), time.monotonic() + runner.budget(timeout))
        found = channel.lookup(exercise.args)
        missing = [name for name in exercise.args if not found[name]["defined"]]
        if missing:
            score.status, score.message = "missing", f"name {missing[0]!r} is not defined"
            return
        stand_ins = [RemoteFunction(channel, {"op": "call", "name": name}, found[name]["name"])
                     if found[name]["callable"] else type(found[name]["type"], (Opaque,), {})()
                     for name in exercise.args]
        with hidden_inputs(seed):
            result = checks.evaluate(exercise.check, *stand_ins)
    except CallTimeout:
        if runner.deadline <= time.monotonic():
            raise OutOfTime() from None
        score.status, score.message = "timeout", f"the check ran over {timeout:g} s"
        return
    except KernelLost as e:
        runner.current = None  # the next exercise restarts the kernel
        score.status = "timeout" if e.status == "timeout" else "crashed"
        score.message = (f"the check ran over {timeout:g} s and the kernel did not answer the "
                         "interrupt") if e.status == "timeout" else \
            "the kernel died while checking this exercise"
        runner.notes.append(f"exercise {exercise.number}: {score.message}; the kernel was "
                            "restarted for the next exercise")
        return
    except ChannelError as e:
        runner.stop()
        score.status, score.message = "error", f"the kernel's reply was rejected: {e}"
        runner.notes.append(f"exercise {exercise.number}: {score.message}")
        return
    score.status, score.message = result.status, result.message
    if result.passed:
        score.points = score.max_points


def _explain_causes(inspection, exercises, scores):
    """Name a wrong earlier exercise that a failing exercise's code calls."""
    verdicts = {e.number: s for e, s in zip(exercises, scores)}
    for index, (exercise, score) in enumerate(zip(exercises, scores)):
        if score.status not in ("failed", "error") or score.message == TAMPERED:
            continue
        for number, name in inspection.calls_earlier(exercise, exercises[:index]):
            earlier = verdicts[number]
            if earlier.status not in PASSING:
                score.message += (f" This code calls `{name}` from exercise {number}, which is "
                                  f"not right yet ({STATUS.get(earlier.status, earlier.status)})"
                                  f": that may be the cause, so fix exercise {number} first.")


def _match(slug, path, sources):
    if slug in sources:
        return slug
    for known in sources:  # "alice_06_backprop_in_matrix_form (1).ipynb"
        if known in Path(path).name:
            return known
    return None


def notebooks_in(target):
    """The notebooks to grade: `target` itself, or every notebook under the folder."""
    target = Path(target)
    if target.is_dir():
        return sorted(p for p in target.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    if target.is_file():
        return [target]
    raise FileNotFoundError(f"{target} is neither a notebook nor a folder.")


def grade_paths(target, timeout=60.0, source_dir=None, *, seed=None, notebook_timeout=600.0,
                kernel_user="auto", package_dir=None, site_dirs=None, zero_flagged=False):
    """Grade a notebook, or every notebook under a folder (checkpoints skipped), all with
    the same seed (drawn now unless given) in one workspace, one at a time (`batch` grades
    in parallel and resumes)."""
    paths = notebooks_in(target)
    sources = load_sources(source_dir)
    seed = new_seed() if seed is None else seed
    grades = []
    with Workspace(package_dir, site_dirs, kernel_user) as workspace:
        for path in paths:
            grades.append(grade_notebook(path, sources, timeout, seed=seed,
                                         notebook_timeout=notebook_timeout, workspace=workspace,
                                         zero_flagged=zero_flagged))
    return grades
