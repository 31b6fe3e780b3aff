"""The course's shape: every lesson follows the skeleton, generated cells are current,
links resolve, and notebooks are committed executed from a clean kernel."""

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted(p for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")
                 if not p.name.startswith("00_"))
# Optional companions ("going further") sit in notebooks/further/, one per lesson at most,
# named after the lesson they extend: notebooks/further/NN_<topic>.ipynb.
COMPANIONS = sorted((ROOT / "notebooks" / "further").glob("*.ipynb"))
EXECUTED = sorted((ROOT / "notebooks").glob("*.ipynb")) + COMPANIONS + \
    sorted((ROOT / "exercises" / "source").glob("*.ipynb"))
LINK = re.compile(r"\]\(([^)\s]+)\)")


def _markdown(nb):
    return ["".join(c.source) for c in nb.cells if c.cell_type == "markdown"]


def _name(path):
    return str(path.relative_to(ROOT))


def test_there_is_a_course():
    assert len(LESSONS) >= 11, f"expected at least 11 lessons, found {len(LESSONS)}"


@pytest.mark.parametrize("path", LESSONS, ids=_name)
def test_lesson_follows_the_skeleton(path):
    nb = nbformat.read(path, as_version=4)
    cells = nb.cells
    number = path.name[:2]
    assert re.fullmatch(rf"# {number}\. .+", cells[0].source.strip().splitlines()[0]), \
        "first cell must be '# NN. Title' with the file's number"
    assert cells[1].source.startswith("<!-- nav -->"), "second cell must be the navigation"
    headings = [line for text in _markdown(nb) for line in text.splitlines()
                if line.startswith("## ")]
    assert "## Summary" in headings and "## Exercises" in headings, headings
    assert headings.index("## Summary") < headings.index("## Exercises")
    assert any(re.match(r"## 1\. ", h) for h in headings), "sections are numbered '## 1. ...'"
    code = [c for c in cells if c.cell_type == "code"]
    assert "import" in code[0].source, "the first code cell is the setup cell (imports)"
    later_imports = [c.source for c in code[1:]
                     if re.search(r"^(import|from \S+ import)", c.source, re.M)]
    assert not later_imports, f"imports belong in the one setup cell, found later: {later_imports}"
    assert "**Try it" in "\n".join(_markdown(nb)), "every lesson has a 'Try it' prompt"


@pytest.mark.parametrize("path", EXECUTED, ids=_name)
def test_committed_executed_from_a_clean_kernel(path):
    nb = nbformat.read(path, as_version=4)
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    assert counts == list(range(1, len(counts) + 1)), \
        f"execution counts {counts}: re-run it from a clean kernel (tools/execute_notebooks.py)"
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert not errors, "a committed notebook has an error output"


def test_generated_navigation_and_course_maps_are_current():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "course.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _links(path):
    if path.suffix == ".ipynb":
        texts = _markdown(nbformat.read(path, as_version=4))
    else:
        texts = [path.read_text()]
    return [m for text in texts for m in LINK.findall(text)]


DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "notebooks").glob("*.ipynb")), *COMPANIONS,
             *sorted((ROOT / "exercises").rglob("*.ipynb")), *sorted((ROOT / "docs").glob("*.md"))]


@pytest.mark.parametrize("path", [p for p in DOCUMENTS if p.exists()], ids=_name)
def test_local_links_resolve(path):
    broken = []
    for link in _links(path):
        if re.match(r"[a-z]+:", link) or link.startswith("#"):
            continue  # web addresses and in-page anchors
        target = (path.parent / unquote(link.split("#")[0])).resolve()
        if not target.exists():
            broken.append(link)
    assert not broken, f"broken links in {_name(path)}: {broken}"


@pytest.mark.parametrize("path", COMPANIONS, ids=_name)
def test_companion_belongs_to_its_lesson(path):
    """A companion names its lesson, links back to it, and the lesson links to it, so a
    learner finds the optional material from the lesson and returns from it."""
    number = path.name[:2]
    lessons = list((ROOT / "notebooks").glob(f"{number}_*.ipynb"))
    assert len(lessons) == 1, f"{_name(path)}: no lesson {number} in notebooks/ for it to extend"
    lesson = lessons[0]
    nb = nbformat.read(path, as_version=4)
    assert re.fullmatch(rf"# {number}\+\. .+", nb.cells[0].source.strip().splitlines()[0]), \
        f"{_name(path)}: first line must be '# {number}+. Title' (the lesson it extends, then +)"
    assert f"../{lesson.name}" in "\n".join(_markdown(nb)), \
        f"{_name(path)} must link back to its lesson ../{lesson.name}"
    assert f"further/{path.name}" in "\n".join(_markdown(nbformat.read(lesson, as_version=4))), \
        f"{_name(lesson)} must link to its companion further/{path.name}"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and "import" in code[0].source, "the companion's first code cell is its setup cell"
