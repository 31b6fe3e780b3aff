"""Homework tooling: student versions from the sources, and a grader.

    python -m backprop.homework generate          exercises/source -> exercises/student
    python -m backprop.homework grade PATH        score tables, Markdown reports, CSVs

`generate` strips nbgrader's solution regions; `grade` runs each notebook's code in a
fresh, isolated kernel and scores every exercise in its own process with the checks in
`backprop.checks`, calling the learner's functions in the kernel through plain data
(`grade`, `remote`, `probe`, `wire`; `isolation` for the kernel's folders, user and the
files that must not change; `flags` for what the solution code reaches; `batch` for
parallel, resumable runs over a folder, `results` and `report` for what they write).
"""

from .batch import grade_folder
from .generate import generate, strip_solutions, student_version, write_metadata
from .grade import Grade, Score, grade_notebook, grade_paths
from .report import markdown, table, write_csvs
from .spec import Exercise, exercises, load_sources

__all__ = ["generate", "strip_solutions", "student_version", "write_metadata", "Grade", "Score",
           "grade_notebook", "grade_paths", "grade_folder", "markdown", "table", "write_csvs",
           "Exercise", "exercises", "load_sources"]
