"""Command line: `python -m backprop.homework generate` and `... grade <notebook-or-folder>`.

    python -m backprop.homework generate [--check] [--write-metadata]
    python -m backprop.homework grade PATH [--out DIR] [--jobs N] [--seed N] [--restart]
                   [--timeout S] [--notebook-timeout S] [--zero-flagged] [--kernel-user USER]

`generate` writes the student versions from the sources; `--write-metadata` first writes
into each source check cell the package names its exercise replaces; `--check` writes
nothing and exits 1 if a student version (or that metadata) is out of date.

`grade` prints the run's seed (every hidden input is drawn from it; `--seed N` repeats a
run), a score table per notebook and the totals per homework. For a folder it writes,
as each notebook finishes, into --out DIR (default: `grades/` beside the folder, never
inside it): one Markdown feedback file per notebook, `grades-<slug>.csv` per homework and
results.jsonl; run it again with the same --out and it resumes, grading again only the
notebooks whose SHA-256 changed (`--restart` grades everything again). Every bad path or
argument is a one-line error (exit status 2).
"""

import argparse
import sys
from pathlib import Path

from .batch import default_jobs, grade_folder
from .generate import generate, write_metadata
from .isolation import describe, kernel_user
from .report import table, totals
from .spec import source_dir


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (no usage block)."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message}\n")


def main(argv=None):
    parser = Parser(prog="python -m backprop.homework", description=__doc__,
                    formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    gen = commands.add_parser("generate", help="write exercises/student from exercises/source")
    gen.add_argument("--source", help="folder of source notebooks (default exercises/source)")
    gen.add_argument("--student", help="output folder (default: 'student' beside the sources)")
    gen.add_argument("--check", action="store_true", help="only report stale student versions")
    gen.add_argument("--write-metadata", action="store_true",
                     help="first write each check cell's backprop.replaces into the sources")
    grade = commands.add_parser("grade", help="grade a notebook or a folder of notebooks")
    grade.add_argument("path", help="a filled-in student notebook, or a folder of them")
    grade.add_argument("--out", help="folder for the reports and results (default for a "
                       "folder: grades/ beside it; for one notebook: none)")
    grade.add_argument("--jobs", type=int, default=default_jobs(),
                       help=f"notebooks graded at once, one kernel each (default: the number "
                       f"of cores, {default_jobs()})")
    grade.add_argument("--timeout", type=float, default=60.0,
                       help="seconds allowed per code cell and per check (default 60)")
    grade.add_argument("--notebook-timeout", type=float, default=600.0,
                       help="seconds allowed per notebook, all cells and checks (default 600)")
    grade.add_argument("--seed", type=int, help="the seed of the hidden inputs (default: a new "
                       "one, printed; when resuming, the earlier run's), to repeat a run")
    grade.add_argument("--restart", action="store_true",
                       help="ignore the results of an earlier run in --out and grade everything")
    grade.add_argument("--zero-flagged", action="store_true",
                       help="score 0 for exercises whose code is flagged (default: report only)")
    grade.add_argument("--kernel-user", default="auto",
                       help="run kernels as this user (needs root and setpriv); 'auto' (default): "
                       "a fresh unprivileged uid per kernel when run as root, else your user; "
                       "'none': your user")
    grade.add_argument("--source", help="folder of source notebooks (default exercises/source)")
    args = parser.parse_args(argv)
    if args.command == "generate":
        return _generate(parser, args)
    return _grade(grade, args)


def _generate(parser, args):
    try:
        sources = source_dir(args.source)
        student = Path(args.student) if args.student else sources.parent / "student"
        stale_sources = write_metadata(sources, check=args.check) \
            if args.write_metadata or args.check else []
        changed = generate(sources, student, check=args.check)
    except (ValueError, FileNotFoundError) as e:
        parser.error(str(e))
    for path in stale_sources:
        print(f"{'stale metadata' if args.check else 'wrote metadata'} {path}")
    for path in changed:
        print(f"{'stale' if args.check else 'wrote'} {path}")
    if args.check and (changed or stale_sources):
        print("out of date: run `python -m backprop.homework generate --write-metadata`.")
        return 1
    print(f"{len(changed)} student notebook(s) {'stale' if args.check else 'written'}.")
    return 0


def _grade(parser, args):
    target = Path(args.path)
    if not target.exists():
        parser.error(f"{target} is neither a notebook nor a folder.")
    if target.is_file() and target.suffix != ".ipynb":
        parser.error(f"{target} is not a notebook (.ipynb) nor a folder.")
    for name in ("timeout", "notebook_timeout"):
        if not getattr(args, name) > 0:
            parser.error(f"--{name.replace('_', '-')} must be a positive number of seconds.")
    if args.seed is not None and not 0 <= args.seed < 2 ** 63:
        parser.error("--seed must be a non-negative integer.")
    if args.jobs < 1:
        parser.error("--jobs must be at least 1.")
    out = _out_folder(parser, target, args.out)
    try:
        user = kernel_user(args.kernel_user)
        source_dir(args.source)
    except (ValueError, FileNotFoundError) as e:
        parser.error(str(e))

    def announce(seed):
        print(f"seed {seed} (hidden inputs; `--seed {seed}` repeats this run); {describe(user)}",
              flush=True)

    try:
        run = grade_folder(target, out, jobs=args.jobs, seed=args.seed, timeout=args.timeout,
                           notebook_timeout=args.notebook_timeout, source_dir=args.source,
                           kernel_user=args.kernel_user, zero_flagged=args.zero_flagged,
                           restart=args.restart, on_seed=announce)
    except (ValueError, FileNotFoundError, OSError) as e:
        parser.error(str(e).splitlines()[0] if str(e) else type(e).__name__)
    grades = run.grades
    root = target if target.is_dir() else None
    for g in grades:
        print(table(g, root))
        print()
    if run.reused:
        print(f"{run.reused} notebook(s) kept from the earlier run in {out} (unchanged SHA-256).")
    if run.regraded:
        print(f"WARNING: files that grading relies on changed during the parallel run; "
              f"restored, and {len(run.regraded)} overlapping notebook(s) regraded one at a "
              "time: " + ", ".join(str(p) for p in run.regraded), file=sys.stderr)
    if len(grades) > 1 or target.is_dir():
        print(f"{len(grades)} notebooks graded.")
        for slug, count, points, most in totals(grades):
            if slug == "?":
                print(f"  {count} notebook(s) not identified as a homework: not in any total.")
            else:
                print(f"  {slug}: {count} notebook(s), total {points:g} of {most:g} points.")
    warned = [g for g in grades if any(n.startswith("WARNING") for n in g.notes)]
    if warned:
        print(f"WARNING: {len(warned)} notebook(s) changed files on disk that grading relies on "
              "(see their notes): " + ", ".join(str(g.path) for g in warned), file=sys.stderr)
    environment = [g for g in grades if any(s.status == "environment" for s in g.scores)]
    if environment:
        print(f"WARNING: {len(environment)} notebook(s) have exercises that this Python "
              "environment cannot check (status 'environment', see their messages): fix the "
              "environment and grade again with --restart.", file=sys.stderr)
    flagged = sum(bool(s.flags) for g in grades for s in g.scores)
    if flagged:
        print(f"{flagged} exercise(s) flagged (a reason to look, not proof): see the reports"
              + (" (scored 0: --zero-flagged)." if args.zero_flagged else "."))
    if out is not None:
        print(f"reports in {out}: one Markdown file per notebook, grades-<homework>.csv, "
              "results.jsonl")
    return 0


def _out_folder(parser, target, given):
    """--out, or grades/ beside the submissions folder; never inside it."""
    if given is None and target.is_file():
        return None
    folder = target.resolve() if target.is_dir() else target.resolve().parent
    out = Path(given).resolve() if given else folder.parent / "grades"
    if out == folder or folder in out.parents:
        parser.error(f"--out {out} is inside the submissions folder {folder}; choose a folder "
                     "outside it.")
    if out.exists() and not out.is_dir():
        parser.error(f"--out {out} exists and is not a folder.")
    if given is None and folder.parent == folder:
        parser.error("the submissions folder has no parent folder for grades/; pass --out DIR.")
    return out


if __name__ == "__main__":
    sys.exit(main())
