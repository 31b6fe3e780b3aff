"""Command line: `python -m backprop.homework generate` and `... grade <notebook-or-folder>`.

    python -m backprop.homework generate [--check]         student versions from the sources
    python -m backprop.homework grade PATH [--csv OUT] [--timeout S] [--seed N]
                                           [--notebook-timeout S] [--kernel-user USER]

`generate --check` writes nothing and exits 1 if a student version is out of date.
`grade` prints the run's seed (every hidden input is drawn from it; `--seed N` repeats a
run), a score table per notebook and the total; for a folder it also writes a CSV
(default: grades.csv inside the folder).
"""

import argparse
import sys
from pathlib import Path

from .generate import generate
from .grade import grade_paths, new_seed
from .isolation import describe, kernel_user
from .report import table, write_csv
from .spec import source_dir


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m backprop.homework", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    gen = commands.add_parser("generate", help="write exercises/student from exercises/source")
    gen.add_argument("--source", help="folder of source notebooks (default exercises/source)")
    gen.add_argument("--student", help="output folder (default: 'student' beside the sources)")
    gen.add_argument("--check", action="store_true", help="only report stale student versions")
    grade = commands.add_parser("grade", help="grade a notebook or a folder of notebooks")
    grade.add_argument("path", help="a filled-in student notebook, or a folder of them")
    grade.add_argument("--csv", help="CSV output (default for a folder: PATH/grades.csv)")
    grade.add_argument("--timeout", type=float, default=60.0,
                       help="seconds allowed per code cell and per check (default 60)")
    grade.add_argument("--notebook-timeout", type=float, default=600.0,
                       help="seconds allowed per notebook, all cells and checks (default 600)")
    grade.add_argument("--seed", type=int, help="the seed of the hidden inputs (default: a new "
                       "one, printed), to repeat a run")
    grade.add_argument("--kernel-user", default="auto",
                       help="run kernels as this user (needs root and setpriv); 'auto' (default): "
                       "nobody when run as root, else your user; 'none': your user")
    grade.add_argument("--source", help="folder of source notebooks (default exercises/source)")
    args = parser.parse_args(argv)

    if args.command == "generate":
        sources = source_dir(args.source)
        student = Path(args.student) if args.student else sources.parent / "student"
        changed = generate(sources, student, check=args.check)
        for path in changed:
            print(f"{'stale' if args.check else 'wrote'} {path}")
        if args.check and changed:
            print("student versions are out of date: run `python -m backprop.homework generate`.")
            return 1
        print(f"{len(changed)} student notebook(s) {'stale' if args.check else 'written'}.")
        return 0

    target = Path(args.path)
    if not target.exists():
        parser.error(f"{target} is neither a notebook nor a folder.")
    for name in ("timeout", "notebook_timeout"):
        if getattr(args, name) <= 0:
            parser.error(f"--{name.replace('_', '-')} must be a positive number of seconds.")
    if args.seed is not None and args.seed < 0:
        parser.error("--seed must be a non-negative integer.")
    seed = new_seed() if args.seed is None else args.seed
    try:
        user = kernel_user(args.kernel_user)
    except ValueError as e:
        parser.error(str(e))
    print(f"seed {seed} (hidden inputs; `--seed {seed}` repeats this run); {describe(user)}")
    try:
        grades = grade_paths(target, timeout=args.timeout, source_dir=args.source, seed=seed,
                             notebook_timeout=args.notebook_timeout, kernel_user=args.kernel_user)
    except (ValueError, FileNotFoundError) as e:
        parser.error(str(e))
    root = target if target.is_dir() else None
    for g in grades:
        print(table(g, root))
        print()
    if len(grades) > 1 or target.is_dir():
        print(f"{len(grades)} notebooks graded; total {sum(g.total for g in grades):g} of "
              f"{sum(g.max_total for g in grades):g} points.")
    warned = [g for g in grades if any(n.startswith("WARNING") for n in g.notes)]
    if warned:
        print(f"WARNING: {len(warned)} notebook(s) changed files on disk that grading relies on "
              "(see their notes): " + ", ".join(str(g.path) for g in warned), file=sys.stderr)
    csv_path = args.csv or (target / "grades.csv" if target.is_dir() else None)
    if csv_path:
        write_csv(grades, csv_path, root)
        print(f"wrote {csv_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
