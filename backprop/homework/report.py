"""The grader's output: a score table per notebook, a Markdown feedback file per notebook,
and one CSV per homework.

- `table(grade)`: plain text, one row per exercise with the whole message (never cut).
- `markdown(grade)`: the full feedback of every exercise, its flags, the notebook's notes,
  its SHA-256 and the run's seed.
- `write_csvs(grades, folder)`: `grades-<slug>.csv` per homework, one row per notebook:
  file, sha256, seed, total, max, then for each exercise N (its title in the header)
  points, status, message and flags, then the notes. Notebooks whose homework is unknown
  go to `grades-unidentified.csv`. Totals are per homework, never across homeworks.
"""

import csv
from pathlib import Path

STATUS = {"passed": "ok", "failed": "wrong", "not implemented": "not done", "error": "error",
          "missing": "missing", "timeout": "timeout", "crashed": "crashed", "not run": "not run",
          "environment": "not gradable here (the environment's fault)",
          "unreadable": "unreadable"}
UNIDENTIFIED = "unidentified"


def _points(x):
    return f"{x:g}"


def name_of(grade, root=None):
    try:
        return grade.path.relative_to(root) if root else grade.path
    except ValueError:
        return grade.path


def table(grade, root=None):
    """A plain-text table: one row per exercise, then the total."""
    lines = [f"{name_of(grade, root)}  (homework {grade.slug})"]
    for note in grade.notes:
        lines.append(f"  note: {note}")
    if not grade.scores:
        lines.append("  total: 0 (max unknown: the homework could not be identified)")
        return "\n".join(lines)
    width = max(len(s.title) for s in grade.scores)
    lines.append(f"  {'#':>2}  {'exercise':<{width}}  {'':3}  {'points':>6}  result")
    for s in grade.scores:
        detail = STATUS.get(s.status, s.status)
        if s.status not in ("passed", "not implemented") and s.message:
            detail += f": {' '.join(s.message.split())}"
        if s.flags:
            detail += f"  [flagged: {len(s.flags)}]"
        lines.append(f"  {s.number:>2}  {s.title:<{width}}  {'★' * s.stars:<3}  "
                     f"{_points(s.points) + '/' + _points(s.max_points):>6}  {detail}")
    lines.append(f"  {'':>2}  {'total':<{width}}  {'':3}  "
                 f"{_points(grade.total) + '/' + _points(grade.max_total):>6}")
    return "\n".join(lines)


def markdown(grade, root=None):
    """The feedback file of one notebook."""
    total = f"{_points(grade.total)} of {_points(grade.max_total)} points" if grade.scores \
        else "0 points (the homework could not be identified)"
    lines = [f"# {name_of(grade, root)}", "",
             f"Homework `{grade.slug}`: **{total}**.", "",
             f"- notebook SHA-256: `{grade.sha256 or 'unreadable'}`",
             f"- seed of the hidden inputs: {grade.seed} (`--seed {grade.seed}` repeats the run)"]
    if grade.notes:
        lines += ["", "## Notes", ""] + [f"- {note}" for note in grade.notes]
    for s in grade.scores:
        lines += ["", f"## Exercise {s.number}: {s.title} {'★' * s.stars}{'☆' * (3 - s.stars)}",
                  "", f"**{_points(s.points)} of {_points(s.max_points)}** "
                  f"({STATUS.get(s.status, s.status)})", ""]
        if s.message:
            lines.append(s.message)
        if s.flags:
            lines += ["", "Flagged (a reason to look, not proof):", ""]
            lines += [f"- {flag}" for flag in s.flags]
    return "\n".join(lines) + "\n"


def markdown_path(grade, out, root=None):
    """Where a notebook's feedback goes: its path under `out`, with .md for .ipynb."""
    name = Path(name_of(grade, root))
    if name.is_absolute():
        name = Path(name.name)
    return Path(out) / name.with_suffix(".md")


def csv_name(slug):
    return f"grades-{slug if slug != '?' else UNIDENTIFIED}.csv"


def header(exercises):
    """The CSV header for a homework's exercises (objects with number, title, points)."""
    columns = ["file", "sha256", "seed", "total", "max"]
    for e in exercises:
        title = f"ex{e.number} {e.title}"
        columns += [f"{title}: points (of {_points(e.points)})", f"{title}: status",
                    f"{title}: message", f"{title}: flags"]
    return columns + ["notes"]


def row(grade, root=None):
    values = [str(name_of(grade, root)), grade.sha256, grade.seed,
              _points(grade.total), _points(grade.max_total) if grade.scores else ""]
    for s in grade.scores:
        values += [_points(s.points), s.status, s.message, "; ".join(s.flags)]
    return values + ["; ".join(grade.notes)]


def write_csv(grades, path, exercises, root=None):
    """One homework's CSV: `exercises` gives the columns, `grades` the rows."""
    path = Path(path)
    temporary = path.with_name(path.name + ".part")  # a reader never sees half a file
    with open(temporary, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header(exercises))
        for grade in grades:
            writer.writerow(row(grade, root))
    temporary.replace(path)


def write_csvs(grades, folder, sources, root=None):
    """`grades-<slug>.csv` for every homework among `grades`; returns the paths written."""
    by_slug = {}
    for grade in grades:
        by_slug.setdefault(grade.slug, []).append(grade)
    written = []
    for slug, group in sorted(by_slug.items()):
        exercises = sources[slug][1] if slug in sources else []
        path = Path(folder) / csv_name(slug)
        write_csv(sorted(group, key=lambda g: str(name_of(g, root))), path, exercises, root)
        written.append(path)
    return written


def totals(grades):
    """[(slug, notebooks, points, max)] per homework, in slug order; unidentified last."""
    by_slug = {}
    for grade in grades:
        entry = by_slug.setdefault(grade.slug, [0, 0.0, 0.0])
        entry[0] += 1
        entry[1] += grade.total
        entry[2] += grade.max_total
    known = sorted(k for k in by_slug if k != "?")
    return [(k, *by_slug[k]) for k in known + (["?"] if "?" in by_slug else [])]
