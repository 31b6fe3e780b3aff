"""Flags from the solution code's syntax tree (grading issue, item 6): a solution that
reaches what its exercise replaces, code that touches interpreter or grader internals,
and the check cells' `backprop.replaces` metadata that `generate --write-metadata` writes."""

import shutil
from pathlib import Path

import nbformat

from backprop.homework import grade_notebook
from backprop.homework.flags import Inspection
from backprop.homework.generate import write_metadata
from backprop.homework.grade import is_check_cell
from backprop.homework.replaces import REPLACES
from backprop.homework.spec import Exercise, exercises, load_sources

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "exercises" / "source"
FORWARD = Exercise(1, "Linear forward", 1, 1, "check_linear_forward", ["linear_forward"],
                   REPLACES["check_linear_forward"])
BACKWARD = Exercise(2, "Linear backward", 2, 2, "check_linear_backward", ["linear_backward"],
                    REPLACES["check_linear_backward"])


def inspect(*sources):
    return Inspection(list(enumerate(sources, 1)))


def test_reaching_the_package_is_flagged_through_any_import_or_helper():
    for code in ["from backprop import Linear\ndef linear_forward(X, W, b):\n    return Linear",
                 "import backprop as bp\ndef helper():\n    return bp.layers.Linear\n"
                 "def linear_forward(X, W, b):\n    return helper()",
                 "import backprop\ndef linear_forward(X, W, b):\n"
                 "    return getattr(backprop, 'MLP')",
                 "def linear_forward(X, W, b):\n    from backprop.layers import Linear as L\n"
                 "    return L"]:
        flags = inspect("%matplotlib inline\nimport numpy as np", code).flags(FORWARD)
        assert len(flags) == 1 and "which this exercise asks the learner to write" in flags[0], \
            (code, flags)
        assert "code cell 2" in flags[0]


def test_honest_code_and_the_given_imports_are_not_flagged():
    code = ("import numpy as np\nfrom backprop import checks, softmax\n"
            "def linear_forward(X, W, b):\n    return X @ W + b\n"
            "def linear_backward(dZ, X, W):\n    return dZ @ W.T, X.T @ dZ, dZ.sum(0)")
    inspection = inspect(code)
    assert inspection.flags(FORWARD) == [] and inspection.flags(BACKWARD) == []
    assert inspection.notebook_flags([FORWARD, BACKWARD]) == []
    for slug, (path, found) in load_sources().items():  # the course's own solutions
        nb = nbformat.read(path, as_version=4)
        cells = [(n, c.source) for n, c in enumerate(
            (c for c in nb.cells if c.cell_type == "code"), 1) if not is_check_cell(c)]
        inspection = Inspection(cells)
        assert all(inspection.flags(e) == [] for e in found), slug
        assert inspection.notebook_flags(found) == [], slug


def test_internals_are_flagged_in_the_exercise_or_for_the_notebook():
    inside = ("def linear_forward(X, W, b):\n    import sys\n    sys.modules.pop('x', None)\n"
              "    return X @ W + b")
    outside = ("import os, builtins\nfrom backprop import checks\n"
               "os.environ.pop('NBGRADER_EXECUTION', None)\n"
               "get_ipython().events.register('post_run_cell', print)\n"
               "checks.evaluate = None\nbuiltins.print = len\n_bp_probe = None")
    inspection = inspect(inside, outside)
    assert inspection.flags(FORWARD) == [
        "touches sys.modules (code cell 1, line 3), an internal of Python, IPython or the grader"]
    notebook = " | ".join(inspection.notebook_flags([FORWARD]))
    for reached in ("os.environ", "get_ipython().events", "assigns to backprop.checks.evaluate",
                    "assigns to builtins.print", "_bp_probe"):
        assert reached in notebook, reached


def test_a_call_of_an_earlier_exercise_is_found():
    code = ("def linear_forward(X, W, b):\n    return X @ W + b\n"
            "def linear_backward(dZ, X, W):\n    _ = linear_forward(X, W, 0)\n    return dZ")
    assert inspect(code).calls_earlier(BACKWARD, [FORWARD]) == [(1, "linear_forward")]
    assert inspect(code).calls_earlier(FORWARD, []) == []


def test_generate_writes_the_replaced_names_into_the_check_cells(tmp_path):
    shutil.copytree(SOURCES, tmp_path / "source")
    write_metadata(tmp_path / "source")
    assert write_metadata(tmp_path / "source", check=True) == []
    path = tmp_path / "source" / "06_backprop_in_matrix_form.ipynb"
    nb = nbformat.read(path, as_version=4)
    checks_cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert checks_cells[0].metadata["backprop"]["replaces"] == REPLACES["check_linear_forward"]
    # only the metadata changed: the cells' sources and outputs are as they were
    before = nbformat.read(SOURCES / path.name, as_version=4)
    assert [c.source for c in nb.cells] == [c.source for c in before.cells]
    assert [c.get("outputs") for c in nb.cells] == [c.get("outputs") for c in before.cells]
    # a teacher's own list in the metadata is what the grader uses
    checks_cells[0].metadata["backprop"]["replaces"] = ["numpy.matmul"]
    assert exercises(nb)[0].replaces == ["numpy.matmul"]


def test_zero_flagged_scores_a_flagged_exercise_0_and_says_why(tmp_path):
    nb = nbformat.read(SOURCES / "06_backprop_in_matrix_form.ipynb", as_version=4)
    cell = next(c for c in nb.cells if "def linear_forward(" in c.source)
    cell.source = "import backprop\n" + cell.source.replace(
        "return X @ W + b", "return backprop.Linear.forward if False else X @ W + b")
    nbformat.write(nb, tmp_path / "flagged.ipynb")
    reported = grade_notebook(tmp_path / "flagged.ipynb", seed=1)
    zeroed = grade_notebook(tmp_path / "flagged.ipynb", seed=1, zero_flagged=True)
    assert [s.points for s in reported.scores] == [1, 2, 2, 3]
    assert reported.scores[0].flags == zeroed.scores[0].flags != []
    assert "reaches backprop.Linear.forward" in reported.scores[0].flags[0]
    assert [s.points for s in zeroed.scores] == [0, 2, 2, 3]
    assert zeroed.scores[0].message.startswith("scored 0: flagged (--zero-flagged)")
