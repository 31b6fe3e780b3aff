"""Reports a teacher can use (grading issue, item 8): whole messages, one CSV per homework
with titles, statuses and messages, totals that never mix homeworks, max points for an
unreadable notebook, and a one-line error for every bad path or argument."""

import csv
import json
import shutil
from pathlib import Path

import pytest

from backprop.homework import Grade, Score, grade_notebook, markdown, table, write_csvs
from backprop.homework.__main__ import main
from backprop.homework.report import totals
from backprop.homework.spec import load_sources

ROOT = Path(__file__).resolve().parent.parent
H06 = "06_backprop_in_matrix_form"
LONG = ("dW is wrong (largest relative error 3.3e-01) (for X (6, 4), W (4, 3)). " * 4
        + "THE FIX: transpose it.")


def _grade(path, slug, points, seed=1):
    sources = load_sources()
    scores = [Score(e.number, e.title, e.stars, e.points, p, "passed" if p else "failed",
                    "" if p else LONG) for e, p in zip(sources[slug][1], points)]
    return Grade(Path(path), slug, scores, seed=seed, sha256="ab" * 32)


def test_a_message_is_never_cut_and_the_feedback_file_has_everything():
    grade = _grade("/class/ann.ipynb", H06, [1, 0, 2, 3])
    grade.scores[0].flags = ["reaches backprop.Linear (code cell 2, line 3), which ..."]
    text = table(grade)
    assert "THE FIX: transpose it." in text and "…" not in text
    feedback = markdown(grade)
    assert feedback.count("THE FIX: transpose it.") == 1
    assert "## Exercise 2: Linear backward ★★☆" in feedback and "**0 of 2** (wrong)" in feedback
    assert "reaches backprop.Linear" in feedback and "`--seed 1`" in feedback
    assert "ab" * 32 in feedback


def test_one_csv_per_homework_with_titles_and_totals_per_homework(tmp_path):
    sources = load_sources()
    grades = [_grade(tmp_path / "ann.ipynb", H06, [1, 2, 2, 3]),
              _grade(tmp_path / "ben.ipynb", H06, [1, 0, 0, 0]),
              _grade(tmp_path / "cat.ipynb", "09_optimizers", [1, 0, 0]),
              Grade(tmp_path / "dan.ipynb", "?", notes=["not one of the homework notebooks"])]
    written = write_csvs(grades, tmp_path, sources, root=tmp_path)
    assert sorted(p.name for p in written) == [f"grades-{H06}.csv", "grades-09_optimizers.csv",
                                               "grades-unidentified.csv"]
    with open(tmp_path / f"grades-{H06}.csv", newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
    assert reader.fieldnames[:9] == [
        "file", "sha256", "seed", "total", "max", "ex1 Linear forward: points (of 1)",
        "ex1 Linear forward: status", "ex1 Linear forward: message", "ex1 Linear forward: flags"]
    assert [r["file"] for r in rows] == ["ann.ipynb", "ben.ipynb"]
    assert rows[1]["ex2 Linear backward: status"] == "failed"
    assert rows[1]["ex2 Linear backward: message"] == LONG
    assert [(slug, n, points, most) for slug, n, points, most in totals(grades)] == [
        (H06, 2, 9.0, 16.0), ("09_optimizers", 1, 1.0, 7.0), ("?", 1, 0.0, 0.0)]


def test_an_unreadable_notebook_still_shows_its_max_points(tmp_path):
    path = tmp_path / f"dave_{H06}.ipynb"
    path.write_text("{ this is not a notebook")
    grade = grade_notebook(path)
    assert grade.slug == H06 and grade.total == 0 and grade.max_total == 8
    assert {s.status for s in grade.scores} == {"unreadable"} and not grade.graded
    assert "0/8" in table(grade).splitlines()[-1]


@pytest.fixture
def folder(tmp_path):
    submissions = tmp_path / "class"
    submissions.mkdir()
    shutil.copy(ROOT / "exercises" / "student" / f"{H06}.ipynb", submissions / f"{H06}.ipynb")
    (submissions / "notes.txt").write_text("not a notebook")
    (tmp_path / "empty").mkdir()
    return submissions


def _error(capsys, argv):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("python -m backprop.homework"), err
    return err


def test_every_bad_path_or_argument_is_a_one_line_error(folder, capsys):
    tmp = folder.parent
    assert "neither a notebook nor a folder" in _error(capsys, ["grade", str(tmp / "nope")])
    assert "is not a notebook" in _error(capsys, ["grade", str(folder / "notes.txt")])
    assert "no notebooks" in _error(capsys, ["grade", str(tmp / "empty")])
    assert "inside the submissions folder" in _error(
        capsys, ["grade", str(folder), "--out", str(folder / "grades")])
    assert "inside the submissions folder" in _error(capsys, ["grade", str(folder), "--out",
                                                              str(folder)])
    (tmp / "a_file").write_text("")
    assert "is not a folder" in _error(capsys, ["grade", str(folder), "--out", str(tmp / "a_file")])
    assert "--jobs must be at least 1" in _error(capsys, ["grade", str(folder), "--jobs", "0"])
    assert "invalid int value" in _error(capsys, ["grade", str(folder), "--jobs", "two"])
    assert "positive number" in _error(capsys, ["grade", str(folder), "--timeout", "0"])
    assert "--seed must be" in _error(capsys, ["grade", str(folder), "--seed", "-3"])
    assert "no folder of source notebooks" in _error(
        capsys, ["grade", str(folder), "--source", str(tmp / "nope")])
    assert "unrecognized arguments" in _error(capsys, ["grade", str(folder), "--csv", "x.csv"])
    out = tmp / "grades"
    out.mkdir()
    (out / "results.jsonl").write_text(json.dumps(
        {"path": f"{H06}.ipynb", "slug": H06, "scores": [], "notes": [], "seed": 5,
         "sha256": "0"}) + "\n")
    assert "holds a run with seed 5" in _error(capsys, ["grade", str(folder), "--seed", "6"])
