"""Committed notebooks carry no anywidget model state.

An anywidget's saved state holds its whole JavaScript (`_esm`): tens of kilobytes per
widget in every diff, and a second copy of the code that could drift from the package.
tools/execute_notebooks.py leaves it out; the saved notebook shows the PNG snapshot.
"""

import importlib.util
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(p for folder in ("notebooks", "exercises", "tests/notebooks")
                   for p in (ROOT / folder).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_anywidget_code_saved(path):
    assert '"_esm"' not in path.read_text(encoding="utf-8"), (
        f"{path.relative_to(ROOT)} holds an anywidget's JavaScript in its widget state: "
        "re-run it with tools/execute_notebooks.py, which leaves it out")


def test_executor_drops_anywidget_models_and_keeps_the_others():
    spec = importlib.util.spec_from_file_location("execute_notebooks",
                                                  ROOT / "tools" / "execute_notebooks.py")
    executor = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(executor)
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["widgets"] = {executor.WIDGET_STATE: {"state": {
        "a": {"state": {"_esm": "export default {}"}},
        "b": {"state": {"value": 1}}}}}
    executor.drop_anywidget_state(notebook)
    assert list(notebook.metadata["widgets"][executor.WIDGET_STATE]["state"]) == ["b"]
    del notebook.metadata["widgets"][executor.WIDGET_STATE]["state"]["b"]
    notebook.metadata["widgets"][executor.WIDGET_STATE]["state"]["c"] = {"state": {"_esm": ""}}
    executor.drop_anywidget_state(notebook)
    assert "widgets" not in notebook.metadata
