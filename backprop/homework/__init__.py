"""Homework tooling: student versions from the sources, and a grader.

    python -m backprop.homework generate          exercises/source -> exercises/student
    python -m backprop.homework grade PATH        score table (and a CSV for a folder)

`generate` strips nbgrader's solution regions; `grade` runs each notebook's code in a
fresh, isolated kernel and scores every exercise in its own process with the checks in
`backprop.checks`, calling the learner's functions in the kernel through plain data
(`grade`, `remote`, `probe`, `wire`; `isolation` for the kernel's folders, user and the
files that must not change).
"""

from .generate import generate, strip_solutions, student_version
from .grade import Grade, Score, grade_notebook, grade_paths
from .report import table, write_csv
from .spec import Exercise, exercises, load_sources

__all__ = ["generate", "strip_solutions", "student_version", "Grade", "Score", "grade_notebook",
           "grade_paths", "table", "write_csv", "Exercise", "exercises", "load_sources"]
