"""The index's way in: tools/course.py writes a "Start here" link to the first lesson
into each index cell that begins with its marker, one after the course map and one at the end."""

import importlib.util
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("course_tool", ROOT / "tools" / "course.py")
course_tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(course_tool)


def test_start_here_links_whichever_lesson_comes_first():
    course = [("01_first_steps", "01", "First steps"), ("02_next", "02", "Next")]
    assert course_tool.start_here(course) == (
        "<!-- start here -->\n**Start here: [01. First steps →](01_first_steps.ipynb)**")


def test_the_index_links_the_first_lesson_after_the_map_and_at_the_end():
    cells = nbformat.read(ROOT / "notebooks" / "00_index.ipynb", as_version=4).cells
    starts = [i for i, c in enumerate(cells) if c.source.startswith(course_tool.START_MARKER)]
    course_map = next(i for i, c in enumerate(cells) if course_tool.MAP_START in c.source)
    assert starts[:1] == [course_map + 1], "a Start here cell must follow the course map"
    assert starts[-1] == len(cells) - 1, "the index must end with a Start here cell"
    link = course_tool.start_here(course_tool.lessons())
    assert all(cells[i].source == link for i in starts)
    target = link.split("](")[1].rstrip(")*")
    assert (ROOT / "notebooks" / target).exists()
