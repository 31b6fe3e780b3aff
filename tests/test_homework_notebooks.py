"""The homework notebooks: one per lesson, the house skeleton, nbgrader metadata, checks that
pass in the committed sources, and student versions that are current and run clean."""

import re
from pathlib import Path

import nbformat
import pytest

from backprop.checks import CHECKS
from backprop.homework import exercises, generate, student_version
from backprop.homework.kernel import KernelSession

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "exercises" / "source").glob("[0-9][0-9]_*.ipynb"))
STUDENTS = sorted((ROOT / "exercises" / "student").glob("[0-9][0-9]_*.ipynb"))
SLUGS = ["01_derivatives_and_the_chain_rule", "02_computational_graphs", "03_a_single_neuron",
         "04_gradient_descent_and_the_learning_rate", "05_the_forward_pass_and_the_loss",
         "06_backprop_in_matrix_form", "07_activation_functions", "08_training_an_mlp",
         "09_optimizers", "10_overfitting_and_regularization", "11_handwritten_digits"]


def test_one_homework_per_lesson_and_student_versions_for_all():
    assert [p.stem for p in SOURCES] == SLUGS
    assert [p.stem for p in STUDENTS] == SLUGS


def test_student_versions_are_current():
    stale = generate(ROOT / "exercises" / "source", ROOT / "exercises" / "student", check=True)
    assert not stale, f"stale: {[p.name for p in stale]}; run `python -m backprop.homework generate`"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_source_skeleton_and_metadata(path):
    nb = nbformat.read(path, as_version=4)
    number, cells = path.name[:2], nb.cells
    assert re.fullmatch(rf"# Homework {number}: .+", cells[0].source)
    assert f"](../../notebooks/{path.name})" in cells[1].source, "link back to the lesson"
    assert cells[2].cell_type == "code", "the third cell is the one setup cell"
    assert re.search(r"^from backprop import .*\bchecks\b", cells[2].source, re.M)
    found = exercises(nb, path.name)
    assert 3 <= len(found) <= 6
    assert [e.number for e in found] == list(range(1, len(found) + 1))
    assert all(e.points == e.stars and e.check in CHECKS for e in found)
    code = [c for c in cells if c.cell_type == "code"]
    assert len(code) == 1 + 2 * len(found), "one setup cell, then a solution and a check per exercise"
    ids = [c.metadata["nbgrader"]["grade_id"] for c in cells]
    assert len(ids) == len(set(ids)), "nbgrader grade_ids must be unique"
    for solution, check in zip(code[1::2], code[2::2]):
        assert solution.metadata["nbgrader"]["solution"] and "### BEGIN SOLUTION" in solution.source
        assert check.metadata["nbgrader"]["grade"] and check.metadata["nbgrader"]["locked"]
        verdict = "".join(o.get("text", "") for o in check.outputs)
        assert verdict.startswith("✓ "), f"the solution must pass its check: {verdict!r}"


def test_every_check_is_used_by_some_homework():
    used = {e.check for p in SOURCES for e in exercises(nbformat.read(p, as_version=4))}
    assert used == set(CHECKS)


def test_student_versions_hide_the_solutions():
    for path in STUDENTS:
        text = path.read_text(encoding="utf-8")
        assert "BEGIN SOLUTION" not in text and "raise NotImplementedError()" in text
        nb = nbformat.read(path, as_version=4)
        assert all(not c.outputs and c.execution_count is None
                   for c in nb.cells if c.cell_type == "code")


def test_untouched_student_notebooks_run_top_to_bottom(tmp_path):
    """Every cell of every student notebook runs without an error output, and every check
    says 'not implemented yet' (one kernel, reset between notebooks, to keep this fast)."""
    with KernelSession(tmp_path) as kernel:
        for path in STUDENTS:
            nb = nbformat.read(path, as_version=4)
            assert kernel.run("%reset -f", 30).status == "ok"
            expected = {e.check.removeprefix("check_") for e in exercises(nb)}
            said = set()
            for cell in (c for c in nb.cells if c.cell_type == "code"):
                outcome = kernel.run(cell.source, 60)
                assert outcome.status == "ok", f"{path.name}: {outcome.error()}\n{cell.source}"
                for line in outcome.text().splitlines():
                    match = re.fullmatch(r"… (\w+): not implemented yet\. .+", line)
                    assert match, f"{path.name}: unexpected output {line!r}"
                    said.add(match.group(1))
            assert said == expected, path.name


def test_generated_stub_keeps_the_signature():
    nb = nbformat.read(SOURCES[5], as_version=4)
    cell = next(c for c in student_version(nb).cells if "def linear_backward" in c.source)
    assert cell.source == (
        'def linear_backward(dZ, X, W):\n'
        '    """(dX, dW, db) for Z = X W + b, given dZ (N, out), X (N, in), W (in, out)."""\n'
        '    # YOUR CODE HERE\n'
        '    raise NotImplementedError()')
