"""Shared by the grader's tests: a copy of the installed package and a site folder, so a
test can let a notebook damage them without touching the real installation."""

import shutil
from pathlib import Path

import backprop


def package_copy(tmp_path):
    """(a copy of backprop under tmp_path/installed, a site-packages folder holding one
    harmless path file): the package_dir and site_dirs a grading run can be given."""
    original = tmp_path / "installed" / "backprop"
    shutil.copytree(Path(backprop.__file__).parent, original,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    site = tmp_path / "site-packages"
    site.mkdir()
    (site / "harmless.pth").write_text("# a path file\n")
    return original, site
