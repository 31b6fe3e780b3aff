"""Binder and Colab: the files repo2docker reads, and the lines Colab runs.

- binder/runtime.txt pins a Python the course supports; binder/requirements.txt is the
  course's requirements (with `-e .`), not a second list that could drift, plus
  nbgitpuller (so the same image can be a hub's single-user image);
- repo2docker itself (if installed) reads the folder: `--no-build --debug` prints the
  Dockerfile it would build, which must build the pinned Python and run pip on
  binder/requirements.txt after the whole repository is copied in (so `-e .` finds it);
- the Colab lines print nothing and change nothing outside Colab, and in Colab install
  the package from the repository URL;
- the Binder badge, the Colab links and the nbgitpuller link all take the repository
  from the same place ([project.urls] Repository), and the README's badge, when there
  is one, is the one generated from it.
"""

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from course_links import binder_badge, binder_url, colab_setup_lines, colab_url, github_slug  # noqa: E402
from nbgitpuller_link import main as link_main  # noqa: E402
from nbgitpuller_link import repository_url  # noqa: E402

BINDER = ROOT / "binder"
REPO = "https://github.com/your-school/backprop-course"


def _pinned_python():
    match = re.fullmatch(r"python-(\d+)\.(\d+)\n?", (BINDER / "runtime.txt").read_text())
    assert match, "binder/runtime.txt must be one line like python-3.11"
    return int(match.group(1)), int(match.group(2))


def test_runtime_is_a_python_the_course_supports():
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    lowest = tuple(int(n) for n in re.fullmatch(r">=\s*(\d+)\.(\d+)", requires).groups())
    assert _pinned_python() >= lowest, f"binder pins Python {_pinned_python()}, course needs {requires}"


def test_binder_requirements_are_the_course_requirements():
    lines = [line.strip() for line in (BINDER / "requirements.txt").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    # the course's list, plus nbgitpuller so the same image serves a hub
    assert lines == ["-r ../requirements.txt", "nbgitpuller"]
    assert "-e ." in (ROOT / "requirements.txt").read_text().splitlines()
    # JupyterLab 4 and ipywidgets 8 ship their front ends prebuilt: no postBuild step
    assert not (BINDER / "postBuild").exists() or (BINDER / "postBuild").stat().st_mode & 0o111


def test_repo2docker_reads_the_binder_folder(tmp_path):
    pytest.importorskip("repo2docker", reason="repo2docker is not installed "
                        "(pip install jupyter-repo2docker)")
    copy = tmp_path / "course"
    copy.mkdir()
    shutil.copytree(BINDER, copy / "binder")
    for name in ("requirements.txt", "pyproject.toml"):
        shutil.copy(ROOT / name, copy / name)
    run = subprocess.run([sys.executable, "-m", "repo2docker", "--no-build", "--no-run", "--debug",
                          str(copy)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    dockerfile = run.stdout + run.stderr
    major, minor = _pinned_python()
    assert f"python={major}.{minor}" in dockerfile
    copy_all = dockerfile.find("src/ ${REPO_DIR}/")
    install = dockerfile.find('-r "binder/requirements.txt"')
    assert copy_all != -1 and install > copy_all, "pip must run after the repository is copied"


def test_colab_lines_do_nothing_outside_colab():
    run = subprocess.run([sys.executable, "-c", colab_setup_lines(REPO) + "print(sorted(dir()))"],
                         capture_output=True, text=True, timeout=30)
    assert run.returncode == 0 and run.stderr == ""
    assert run.stdout.strip() == str(sorted(["__annotations__", "__builtins__", "__doc__",
                                             "__loader__", "__name__", "__package__",
                                             "__spec__", "sys"]))


def test_colab_lines_install_from_the_repository(monkeypatch):
    calls = []
    monkeypatch.setitem(sys.modules, "google.colab", type(sys)("google.colab"))
    monkeypatch.setattr(subprocess, "run", lambda command, **kw: calls.append(command))
    exec(colab_setup_lines(REPO), {})
    assert len(calls) == 1
    assert calls[0][1:4] == ["-m", "pip", "install"]
    assert calls[0][-1] == "backprop[widgets,data] @ git+https://github.com/your-school/backprop-course"


def test_links_agree_on_one_repository(tmp_path, capsys):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(f'[project]\nname = "backprop"\n[project.urls]\nRepository = "{REPO}.git"\n')
    repo = repository_url(pyproject)
    slug = github_slug(repo)
    assert slug == "your-school/backprop-course"
    assert f"/v2/gh/{slug}/HEAD?urlpath=lab%2Ftree%2Fnotebooks%2F00_index.ipynb" in binder_badge(repo)
    assert colab_url(repo, "notebooks/07_activation_functions.ipynb").endswith(
        f"/github/{slug}/blob/main/notebooks/07_activation_functions.ipynb")
    assert f"github.com/{slug}\"" in colab_setup_lines(repo)
    link_main(["--hub", "https://hub.example.edu"], pyproject=pyproject)
    assert "repo=https%3A%2F%2Fgithub.com%2Fyour-school%2Fbackprop-course.git" in capsys.readouterr().out


def test_not_github_is_refused():
    for bad in (None, "", "https://gitlab.com/a/b", "https://github.com/only-owner"):
        with pytest.raises(ValueError, match="GitHub repository URL"):
            binder_url(bad)


def test_readme_badge_is_generated_from_pyproject():
    repo = repository_url()
    readme = (ROOT / "README.md").read_text()
    badges = [line for line in readme.splitlines() if "mybinder.org/badge" in line]
    if repo is None or not badges:
        pytest.skip("no [project.urls] Repository in pyproject.toml or no Binder badge in the "
                    "README yet (python tools/course_links.py prints the badge line)")
    assert badges == [binder_badge(repo)]


def test_command_line(tmp_path, capsys):
    from course_links import main
    assert main(["--repo", REPO]) == 0
    out = capsys.readouterr().out
    assert binder_badge(REPO) in out and colab_setup_lines(REPO) in out
    empty = tmp_path / "pyproject.toml"
    empty.write_text('[project]\nname = "x"\n')
    with pytest.raises(SystemExit) as stop:
        main([], pyproject=empty)
    assert stop.value.code == 2 and "no repository URL" in capsys.readouterr().err
