"""The grader's output: a score table per notebook, and a CSV with one row per notebook."""

import csv

STATUS = {"passed": "ok", "failed": "wrong", "not implemented": "not done", "error": "error",
          "missing": "missing", "timeout": "timeout", "crashed": "crashed", "not run": "not run"}


def _points(x):
    return f"{x:g}"


def table(grade, root=None):
    """A plain-text table: one row per exercise, then the total."""
    name = grade.path.relative_to(root) if root else grade.path
    lines = [f"{name}  (homework {grade.slug})"]
    for note in grade.notes:
        lines.append(f"  note: {note}")
    if not grade.scores:
        lines.append("  total: 0")
        return "\n".join(lines)
    width = max(len(s.title) for s in grade.scores)
    lines.append(f"  {'#':>2}  {'exercise':<{width}}  {'':3}  {'points':>6}  result")
    for s in grade.scores:
        detail = STATUS.get(s.status, s.status)
        if s.status not in ("passed", "not implemented") and s.message:
            detail += f": {_shorten(s.message)}"
        lines.append(f"  {s.number:>2}  {s.title:<{width}}  {'★' * s.stars:<3}  "
                     f"{_points(s.points) + '/' + _points(s.max_points):>6}  {detail}")
    lines.append(f"  {'':>2}  {'total':<{width}}  {'':3}  "
                 f"{_points(grade.total) + '/' + _points(grade.max_total):>6}")
    return "\n".join(lines)


def _shorten(text, limit=160):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def write_csv(grades, path, root=None):
    """One row per notebook: file, homework, total, max, then ex1..exK points, then notes."""
    width = max((len(g.scores) for g in grades), default=0)
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["file", "homework", "total", "max"] + [f"ex{i}" for i in range(1, width + 1)]
                        + ["notes"])
        for g in grades:
            name = g.path.relative_to(root) if root else g.path
            points = [_points(s.points) for s in g.scores] + [""] * (width - len(g.scores))
            writer.writerow([str(name), g.slug, _points(g.total), _points(g.max_total)] + points
                            + ["; ".join(g.notes)])
