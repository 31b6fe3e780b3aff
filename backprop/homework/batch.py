"""Grading a class folder: in parallel, written as it goes, resumable.

`grade_folder(target, out, jobs=N, ...)`:
1. Lists the notebooks (`grade.notebooks_in`). With `out`, reads `out/results.jsonl`
   (`results.Journal`) of an earlier run: a notebook whose SHA-256 is unchanged keeps its
   result and is not graded again, and the run keeps that run's seed (a different --seed
   is refused: the scores would not be comparable), unless `restart`.
2. Grades the others, `jobs` at a time, each in a worker process of its own with its own
   kernel (`grade.grade_notebook`); all share one `isolation.Workspace` made here.
3. As each notebook finishes: its line is appended to results.jsonl, its Markdown
   feedback written, and its homework's CSV rewritten (`report`), so an interrupted run
   loses only the notebooks in progress. A progress line on stderr counts the notebooks
   done, those the grader could not grade, and estimates the time left.

Integrity in parallel: a worker's watch only reports a change of the package copy or of
the start-up hooks (it cannot tell which of the running notebooks made it). When one
does, or this process sees a change after a notebook finishes, no new notebook starts;
the running ones finish (they see the change and stop), the copy is restored, and every
notebook that overlapped is regraded alone, where a change is pinned on its notebook.
"""

import multiprocessing
import os
import sys
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from . import report
from .grade import Grade, file_hash, grade_notebook, new_seed, notebooks_in
from .isolation import Workspace
from .results import Journal
from .spec import load_sources

REGRADED = ("regraded alone: files that grading relies on changed while this notebook was "
            "graded in parallel with others")


@dataclass
class Run:
    grades: list               # one per notebook, in path order
    seed: int
    reused: int = 0            # results kept from an earlier run (same SHA-256)
    regraded: list = field(default_factory=list)  # paths regraded alone after an incident


def default_jobs():
    return max(1, os.cpu_count() or 1)


class Progress:
    """'12/40 done, 1 not graded, about 2 min 10 s left' on stderr (one line, redrawn)."""

    def __init__(self, total, stream=None, enabled=True):
        self.total, self.done, self.failed = total, 0, 0
        self.stream = stream or sys.stderr
        self.enabled = enabled and total > 0
        self.start = time.monotonic()
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.every = max(1, total // 20)

    def update(self, grade):
        self.done += 1
        self.failed += not grade.graded
        if not self.enabled:
            return
        left = (time.monotonic() - self.start) / self.done * (self.total - self.done)
        width = 30
        filled = int(width * self.done / self.total)
        line = (f"[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} done, "
                f"{self.failed} not graded, about {_duration(left)} left")
        if self.tty:
            end = "\n" if self.done == self.total else ""
            self.stream.write("\r" + line + end)
        elif self.done % self.every == 0 or self.done == self.total:
            self.stream.write(line + "\n")
        self.stream.flush()


def _duration(seconds):
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    return f"{seconds // 60} min {seconds % 60} s"


class Writer:
    """Writes each finished notebook's results: the journal, its Markdown, its CSV."""

    def __init__(self, out, root, sources, journal):
        self.out, self.root, self.sources, self.journal = out, root, sources, journal
        self.grades = {}

    def keep(self, key, grade, write=True):
        self.grades[key] = grade
        if self.out is None or not write:
            return
        self.journal.append(grade)
        path = report.markdown_path(grade, self.out, self.root)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(report.markdown(grade, self.root), encoding="utf-8")
        self.csv(grade.slug)

    def csv(self, slug):
        group = [g for g in self.grades.values() if g.slug == slug]
        report.write_csvs(group, self.out, self.sources, self.root)


def grade_folder(target, out=None, *, jobs=1, seed=None, timeout=60.0, notebook_timeout=600.0,
                 source_dir=None, kernel_user="auto", zero_flagged=False, restart=False,
                 progress=True, package_dir=None, site_dirs=None, on_seed=None):
    """Grade `target` (a folder or one notebook); see the module docstring. Raises
    ValueError for a bad argument (a one-line message)."""
    if not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"--jobs must be a whole number >= 1, got {jobs!r}.")
    target = Path(target)
    paths = notebooks_in(target)
    if not paths:
        raise ValueError(f"no notebooks (*.ipynb) under {target}.")
    root = target if target.is_dir() else target.parent
    sources = load_sources(source_dir)
    journal = None
    previous = {}
    if out is not None:
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        journal = Journal(out, root)
        if restart:
            journal.clear()
        previous = journal.load()
    seeds = {g.seed for g in previous.values()}
    if len(seeds) > 1:
        raise ValueError(f"{journal.path} mixes runs of seeds {sorted(seeds)}; pass --restart "
                         "to grade everything again.")
    if seeds and seed is not None and seed not in seeds:
        raise ValueError(f"{journal.path} holds a run with seed {seeds.pop()}: resume it with "
                         "that --seed (or none), or pass --restart to grade everything again.")
    seed = seeds.pop() if seeds else (new_seed() if seed is None else seed)
    if on_seed is not None:
        on_seed(seed)
    writer = Writer(out, root, sources, journal)
    keys = {path: str(path.relative_to(root)) for path in paths}
    todo, reused = [], 0
    for path in paths:
        earlier = previous.get(keys[path])
        if earlier is not None and earlier.sha256 and earlier.sha256 == file_hash(path):
            writer.keep(keys[path], earlier, write=False)
            reused += 1
        else:
            todo.append(path)
    if out is not None and reused:
        for slug in {g.slug for g in writer.grades.values()}:
            writer.csv(slug)  # only the notebooks still in the folder
    bar = Progress(len(todo), enabled=progress)
    options = dict(timeout=timeout, seed=seed, notebook_timeout=notebook_timeout,
                   zero_flagged=zero_flagged)
    regraded = []
    with Workspace(package_dir, site_dirs, kernel_user) as workspace:
        def finish(path, grade):
            writer.keep(keys[path], grade)
            bar.update(grade)

        if jobs == 1 or len(todo) <= 1:
            for path in todo:
                finish(path, grade_notebook(path, sources, workspace=workspace, **options))
        else:
            suspects = _parallel(todo, min(jobs, len(todo)), workspace, sources, options, finish)
            regraded = list(suspects)
    grades = [writer.grades[keys[p]] for p in paths]
    return Run(grades, seed, reused, regraded)


def _parallel(todo, jobs, workspace, sources, options, finish):
    """Grade `todo` with `jobs` workers; returns the paths that were regraded alone."""
    pending, running, suspects, regraded = list(todo), {}, [], []
    context = multiprocessing.get_context("spawn")  # no fork of a process with threads
    pool = None
    try:
        while pending or running:
            if pool is None:
                pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker,
                                           initargs=(workspace, sources, options))
            while pending and len(running) < jobs and not suspects:
                path = pending.pop(0)
                running[pool.submit(_grade_in_worker, str(path))] = path
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                path = running.pop(future)
                try:
                    grade = future.result()
                except BrokenProcessPool:
                    grade = None
                changed, _ = workspace.watch.changes(restore=False)
                if grade is None or grade.tripped or changed or suspects:
                    suspects.append(path)  # it overlapped a change: regrade it alone
                else:
                    finish(path, grade)
            if suspects and not running:
                if _broken(pool):
                    pool.shutdown(wait=True, cancel_futures=True)
                    pool = None
                workspace.watch.changes(restore=True)  # restore the copy and the hooks
                for path in suspects:  # here the watch restores, and pins a change on its notebook
                    grade = grade_notebook(path, sources, workspace=workspace, **options)
                    grade.notes.insert(0, REGRADED)
                    finish(path, grade)
                    regraded.append(path)
                suspects = []
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    return regraded


def _broken(pool):
    return pool is not None and bool(getattr(pool, "_broken", False))


_WORKER = {}


def _start_worker(workspace, sources, options):
    workspace.watch.restoring = False
    _WORKER.update(workspace=workspace, sources=sources, options=options)


def _grade_in_worker(path):
    try:
        return grade_notebook(Path(path), _WORKER["sources"], workspace=_WORKER["workspace"],
                              **_WORKER["options"])
    except BaseException as e:  # never lose the notebook: the main process regrades it
        grade = Grade(Path(path), "?", notes=[f"the worker failed ({type(e).__name__}: {e})"])
        grade.tripped = True
        return grade
