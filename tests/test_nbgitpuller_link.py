"""tools/nbgitpuller_link.py: the link it prints is one nbgitpuller reads as meant.

The link is checked against the installed nbgitpuller's own source: every query
parameter must be one its handlers read, and the folder the pull writes (`targetpath`)
must be the one the page it opens (`urlpath`) lies in. tests/test_hub.py follows such a
link on a real hub.
"""

import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from nbgitpuller_link import default_folder, main, make_link, repository_url  # noqa: E402

HUB = "https://hub.example.edu"
REPO = "https://github.com/teacher/backprop-course.git"


def _query(link):
    parts = urlsplit(link)
    query = parse_qs(parts.query, strict_parsing=True)
    assert all(len(values) == 1 for values in query.values()), f"a parameter repeats: {query}"
    return parts, {key: values[0] for key, values in query.items()}


def _parameters_nbgitpuller_reads():
    spec = importlib.util.find_spec("nbgitpuller")
    if spec is None:
        pytest.skip("nbgitpuller is not installed (pip install nbgitpuller)")
    source = (Path(spec.origin).parent / "handlers.py").read_text()
    names = set(re.findall(r"get_argument\(\s*'(\w+)'", source))
    assert {"repo", "branch", "urlpath", "targetpath"} <= names, names  # the parsing still works
    return names


def test_link_is_what_nbgitpuller_reads():
    link = make_link(HUB, REPO, branch="main", notebook="notebooks/07_activation_functions.ipynb")
    parts, query = _query(link)
    assert f"{parts.scheme}://{parts.netloc}" == HUB
    assert parts.path == "/hub/user-redirect/git-pull"
    assert set(query) <= _parameters_nbgitpuller_reads()
    assert query == {"repo": REPO, "branch": "main", "targetpath": "backprop-course",
                     "urlpath": "lab/tree/backprop-course/notebooks/07_activation_functions.ipynb"}


def test_every_character_is_encoded_and_comes_back():
    # '/' inside a value is encoded too (as nbgitpuller's generator does), '&' and '='
    # must be, or the query would split in the wrong places
    repo = "https://git.example.edu/a&b=c/course"
    link = make_link(HUB + "/", repo, branch="term/2027-spring", notebook="notebooks/00_index.ipynb")
    assert "%2F" in link and "&b=" not in link and " " not in link
    _, query = _query(link)
    assert query["repo"] == repo and query["branch"] == "term/2027-spring"
    assert link.startswith(HUB + "/hub/")  # no double slash from the hub's trailing one


def test_hub_under_a_path_notebook_7_and_own_folder():
    link = make_link("https://example.edu/course/", REPO, notebook="notebooks/00_index.ipynb",
                     interface="notebook", folder="ml-2027")
    parts, query = _query(link)
    assert parts.path == "/course/hub/user-redirect/git-pull"
    assert query["targetpath"] == "ml-2027"
    assert query["urlpath"] == "notebooks/ml-2027/notebooks/00_index.ipynb"


@pytest.mark.parametrize("repo, folder", [
    ("https://github.com/teacher/backprop-course.git", "backprop-course"),
    ("https://github.com/teacher/backprop-course/", "backprop-course"),
    ("file:///srv/git/course", "course"),
])
def test_default_folder_is_the_repository_name(repo, folder):
    assert default_folder(repo) == folder
    _, query = _query(make_link(HUB, repo))
    assert query["urlpath"].startswith(f"lab/tree/{folder}/")


@pytest.mark.parametrize("arguments, flag", [
    ({"hub": "hub.example.edu"}, "--hub"),
    ({"hub": "ftp://hub.example.edu"}, "--hub"),
    ({"hub": "https://hub.example.edu/?next=x"}, "--hub"),
    ({"repo": ""}, "--repo"),
    ({"repo": "git@github.com:teacher/course.git"}, "--repo"),
    ({"repo": " https://github.com/teacher/course"}, "--repo"),
    ({"branch": "-main"}, "--branch"),
    ({"branch": "a..b"}, "--branch"),
    ({"branch": "has space"}, "--branch"),
    ({"notebook": "/notebooks/00_index.ipynb"}, "--notebook"),
    ({"notebook": "../secrets.ipynb"}, "--notebook"),
    ({"notebook": "notebooks/README.md"}, "--notebook"),
    ({"interface": "vscode"}, "--interface"),
    ({"folder": "../elsewhere"}, "--folder"),
])
def test_bad_input_names_the_argument(arguments, flag):
    call = {"hub": HUB, "repo": REPO} | arguments
    with pytest.raises(ValueError, match=re.escape(flag)):
        make_link(**call)


def test_repository_url_comes_from_pyproject(tmp_path):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "x"\n[project.urls]\nRepository = "https://example.org/r"\n')
    assert repository_url(pyproject) == "https://example.org/r"
    assert repository_url(tmp_path / "missing.toml") is None


def test_command_line(tmp_path, capsys):
    assert main(["--hub", HUB, "--repo", REPO, "--notebook", "notebooks/00_index.ipynb"]) == 0
    printed = capsys.readouterr().out.strip()
    assert printed == make_link(HUB, REPO)

    no_urls = tmp_path / "pyproject.toml"
    no_urls.write_text('[project]\nname = "x"\n')
    with pytest.raises(SystemExit) as stop:
        main(["--hub", HUB], pyproject=no_urls)
    assert stop.value.code == 2
    assert "[project.urls] Repository" in capsys.readouterr().err


def test_runs_as_a_script_and_refuses_bad_input():
    script = [sys.executable, str(ROOT / "tools" / "nbgitpuller_link.py"), "--hub", HUB, "--repo", REPO]
    good = subprocess.run(script, capture_output=True, text=True, timeout=30)
    assert good.returncode == 0 and good.stdout.startswith(HUB + "/hub/user-redirect/git-pull?")
    bad = subprocess.run([*script, "--notebook", "../x.ipynb"], capture_output=True, text=True,
                         timeout=30)
    assert bad.returncode == 2 and "--notebook" in bad.stderr and not bad.stdout
