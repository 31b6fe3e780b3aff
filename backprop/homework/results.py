"""The results of a grading run, kept as each notebook finishes: `results.jsonl` in --out.

One JSON line per graded notebook: its path relative to the submissions folder, SHA-256,
the run's seed, homework, scores (points, status, message, flags) and notes. Lines are
appended and flushed one at a time, so an interrupted run loses at most the notebooks
that were being graded; `load` keeps the last line of each file and skips a cut-off last
line. A later run with the same --out resumes: a notebook whose SHA-256 is unchanged is
not graded again.
"""

import json
import os
from dataclasses import asdict
from pathlib import Path

from .grade import Grade, Score

NAME = "results.jsonl"


def to_line(grade, root):
    data = asdict(grade)
    data.pop("tripped", None)
    data["path"] = str(Path(grade.path).relative_to(root)) if root else str(grade.path)
    return json.dumps(data, ensure_ascii=False)


def from_data(data, root):
    scores = [Score(**s) for s in data["scores"]]
    path = Path(root) / data["path"] if root else Path(data["path"])
    return Grade(path, data["slug"], scores, list(data["notes"]), data["seed"], data["sha256"])


class Journal:
    """The results file of one --out folder."""

    def __init__(self, folder, root):
        self.path = Path(folder) / NAME
        self.root = root

    def load(self):
        """{relative path: Grade} from an earlier run (empty when there is none)."""
        found = {}
        if not self.path.is_file():
            return found
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                data = json.loads(line)
                grade = from_data(data, self.root)
            except (ValueError, KeyError, TypeError):
                continue  # the line an interrupted run was writing
            found[data["path"]] = grade
        return found

    def seeds(self):
        return {g.seed for g in self.load().values()}

    def append(self, grade):
        with open(self.path, "a", encoding="utf-8") as f:
            f.write(to_line(grade, self.root) + "\n")
            f.flush()
            os.fsync(f.fileno())

    def clear(self):
        self.path.unlink(missing_ok=True)
