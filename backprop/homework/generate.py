"""Write the student version of each source notebook: solutions out, everything else kept.

Inside a code cell, the lines from `### BEGIN SOLUTION` to `### END SOLUTION` become

    # YOUR CODE HERE
    raise NotImplementedError()

at the markers' indentation (exactly what nbgrader writes), outputs and execution counts
are cleared, and the rest of the notebook, metadata included, is kept as it is. Solutions
must sit inside a function body: a top-level `raise` would stop "Run all" with an error,
whereas a stub inside a function raises only when its check calls it (and the check
says "not implemented yet").

`write_metadata` puts into every check cell of a source notebook the package names its
exercise replaces (`{"backprop": {"replaces": [...]}}`, from `replaces.REPLACES`), and
changes nothing else in the file; the student versions then carry it too.
"""

import copy
import re
from pathlib import Path

import nbformat

from .replaces import replaces
from .spec import parse_check

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
STUB = ["# YOUR CODE HERE", "raise NotImplementedError()"]


def strip_solutions(source, where="cell"):
    """Replace every BEGIN/END SOLUTION region of a code cell's source with the stub."""
    out, inside, indent = [], False, ""
    for number, line in enumerate(source.split("\n"), 1):
        marker = line.strip()
        if marker == BEGIN:
            if inside:
                raise ValueError(f"{where}, line {number}: {BEGIN} inside another solution.")
            indent = re.match(r"\s*", line).group(0)
            if not indent:
                raise ValueError(f"{where}, line {number}: a solution at the top level of a cell "
                                 "would raise when the student runs it; put it inside a "
                                 "function body.")
            inside = True
            out += [indent + s for s in STUB]
        elif marker == END:
            if not inside:
                raise ValueError(f"{where}, line {number}: {END} without {BEGIN}.")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise ValueError(f"{where}: {BEGIN} without {END}.")
    return "\n".join(out)


def student_version(notebook, name="notebook"):
    """A new notebook: solutions stubbed, outputs cleared."""
    student = copy.deepcopy(notebook)
    solutions = 0
    for index, cell in enumerate(student.cells):
        if cell.cell_type != "code":
            continue
        if BEGIN in cell.source:
            cell.source = strip_solutions(cell.source, f"{name}, cell {index}")
            solutions += 1
        cell.outputs, cell.execution_count = [], None
        cell.metadata.pop("execution", None)
    if not solutions:
        raise ValueError(f"{name}: no {BEGIN} ... {END} region found.")
    return student


def generate(source_dir, student_dir, check=False):
    """Write (or, with check=True, only compare) every student version.

    Returns the list of student files that were (or would be) changed."""
    source_dir, student_dir = Path(source_dir), Path(student_dir)
    changed = []
    for path in sorted(source_dir.glob("[0-9][0-9]_*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        text = nbformat.writes(student_version(notebook, path.name)) + "\n"
        target = student_dir / path.name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            changed.append(target)
            if not check:
                student_dir.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
    return changed


def _is_check_cell(cell):
    grading = cell.metadata.get("nbgrader", {})
    return cell.cell_type == "code" and grading.get("grade") and not grading.get("solution")


def write_metadata(source_dir, check=False):
    """Write (or, with check=True, only compare) each check cell's `backprop.replaces`.

    Returns the list of source files that were (or would be) changed."""
    changed = []
    for path in sorted(Path(source_dir).glob("[0-9][0-9]_*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        stale = False
        for index, cell in enumerate(notebook.cells):
            if not _is_check_cell(cell):
                continue
            name, _ = parse_check(cell.source, f"{path.name}, cell {index}")
            wanted = replaces(name)
            if cell.metadata.get("backprop", {}).get("replaces") != wanted:
                cell.metadata.setdefault("backprop", {})["replaces"] = wanted
                stale = True
        if stale:
            changed.append(path)
            if not check:
                path.write_text(nbformat.writes(notebook) + "\n", encoding="utf-8")
    return changed
