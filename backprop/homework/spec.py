"""What a homework notebook contains: its exercises, read from the source notebook.

An exercise is a markdown heading `## Exercise N: Title ★★☆`, a solution cell (code with
`### BEGIN SOLUTION` / `### END SOLUTION`) and a check cell whose whole source is one
call `checks.check_<name>(<learner names>)`. The check cell carries nbgrader's metadata
(`grade: true`, `points`), so points live in one place that nbgrader reads too, and
`{"backprop": {"replaces": [...]}}`: the package names the exercise replaces (see
`replaces`; the course's default list where a cell has none).
"""

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .replaces import replaces as default_replaces

HEADING = re.compile(r"^## Exercise (\d+): (.+?) ([★☆]{3})\s*$", re.MULTILINE)
REPO_SOURCES = Path(__file__).resolve().parents[2] / "exercises" / "source"


@dataclass
class Exercise:
    number: int
    title: str
    stars: int
    points: float
    check: str        # name of the function in backprop.checks
    args: list        # names of the learner's objects it is called with
    replaces: list = field(default_factory=list)  # package names the solution must not call


def source_dir(path=None):
    """The folder of the source notebooks: `path`, else ./exercises/source, else the repo's."""
    for candidate in ([Path(path)] if path else [Path("exercises/source"), REPO_SOURCES]):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"no folder of source notebooks at {path or 'exercises/source'}; "
                            "pass --source DIR (the folder with the NN_slug.ipynb sources).")


def parse_check(source, where):
    """('check_linear_backward', ['linear_backward']) from 'checks.check_linear_backward(...)'."""
    try:
        tree = ast.parse(source)
    except SyntaxError as e:
        raise ValueError(f"{where}: the check cell is not valid Python ({e.msg}).") from None
    call = tree.body[0].value if len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr) else None
    ok = isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) \
        and isinstance(call.func.value, ast.Name) and call.func.value.id == "checks" \
        and not call.keywords and all(isinstance(a, ast.Name) for a in call.args)
    if not ok:
        raise ValueError(f"{where}: a check cell must be exactly one call "
                         f"`checks.check_<name>(<names>)`, got {source.strip()!r}.")
    return call.func.attr, [a.id for a in call.args]


def exercises(notebook, name="notebook"):
    """The notebook's exercises in order; raises ValueError on a malformed notebook."""
    found, heading = [], None
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown":
            match = HEADING.search(cell.source)
            if match:
                heading = match
            continue
        grading = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or not grading.get("grade"):
            continue
        where = f"{name}, cell {index}"
        if heading is None:
            raise ValueError(f"{where}: check cell without an '## Exercise N: Title ★☆☆' heading.")
        check, args = parse_check(cell.source, where)
        points = grading.get("points")
        if not isinstance(points, (int, float)) or points <= 0:
            raise ValueError(f"{where}: the check cell needs nbgrader points > 0, got {points!r}.")
        listed = cell.metadata.get("backprop", {}).get("replaces")
        if listed is not None and not (isinstance(listed, list)
                                       and all(isinstance(n, str) for n in listed)):
            raise ValueError(f"{where}: metadata backprop.replaces must be a list of dotted "
                             f"names, got {listed!r}.")
        found.append(Exercise(int(heading.group(1)), heading.group(2), heading.group(3).count("★"),
                              float(points), check, args,
                              default_replaces(check) if listed is None else list(listed)))
        heading = None
    return found


def slug_of(notebook, path):
    """The homework a notebook belongs to: its metadata, else its file name."""
    slug = notebook.metadata.get("backprop_homework", {}).get("slug")
    return slug or Path(path).stem


def load_sources(folder=None):
    """{slug: (path, [Exercise])} for every source notebook."""
    folder = source_dir(folder)
    table = {}
    for path in sorted(folder.glob("[0-9][0-9]_*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        table[slug_of(notebook, path)] = (path, exercises(notebook, path.name))
    return table
