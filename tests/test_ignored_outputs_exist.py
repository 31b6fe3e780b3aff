"""A cell whose output nbval ignores must still have one.

`# NBVAL_IGNORE_OUTPUT` marks cells whose output differs from run to run (a widget's view,
a timing). nbval then compares nothing, so a widget that silently stops being displayed
(its call no longer the cell's last expression) would pass every run. The committed
notebook is what GitHub, nbviewer and a video still show: such a cell must carry output.
"""

from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(p for folder in ("notebooks", "exercises")
                   for p in (ROOT / folder).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def empty_ignored_cells(notebook):
    """Positions of code cells marked NBVAL_IGNORE_OUTPUT that have no output at all."""
    return [i for i, cell in enumerate(notebook.cells)
            if cell.cell_type == "code" and "NBVAL_IGNORE_OUTPUT" in cell.source
            and not cell.get("outputs")]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_ignored_output_cell_shows_something(path):
    notebook = nbformat.read(path, as_version=4)
    empty = empty_ignored_cells(notebook)
    assert not empty, (
        f"{path.relative_to(ROOT)}: cells {empty} are marked NBVAL_IGNORE_OUTPUT but have no "
        "output; a widget shows only if it is the cell's last expression (or is display()ed): "
        "fix the cell and re-run tools/execute_notebooks.py")


def test_the_check_catches_a_widget_that_is_not_displayed():
    notebook = nbformat.v4.new_notebook()
    shown = nbformat.v4.new_code_cell("# NBVAL_IGNORE_OUTPUT\nexplorer()")
    shown.outputs = [nbformat.v4.new_output("display_data", data={"text/plain": "explorer"})]
    lost = nbformat.v4.new_code_cell("# NBVAL_IGNORE_OUTPUT\nexplorer()\nassert True")
    notebook.cells = [shown, lost, nbformat.v4.new_code_cell("x = 1")]
    assert empty_ignored_cells(notebook) == [1]
