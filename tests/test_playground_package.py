"""A wheel built from the repository holds the playground: its Python package and the
JavaScript and CSS files in backprop/widgets/static (Colab, Binder and hub images
install a wheel, not the checkout)."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from backprop.widgets.esm import STATIC

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel_files(tmp_path_factory):
    source = tmp_path_factory.mktemp("source")
    shutil.copy(REPO / "pyproject.toml", source)
    shutil.copy(REPO / "README.md", source)
    shutil.copytree(REPO / "backprop", source / "backprop",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    out = tmp_path_factory.mktemp("wheel")
    # no build isolation: the venv's setuptools builds it, without a download
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                             "--no-build-isolation", "-q", "-w", str(out), str(source)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    (wheel,) = out.glob("backprop-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_the_wheel_holds_the_static_files(wheel_files):
    static = sorted(p.name for p in STATIC.iterdir() if p.suffix in (".js", ".css"))
    assert "playground.js" in static and "playground.css" in static
    missing = [name for name in static if f"backprop/widgets/static/{name}" not in wheel_files]
    assert missing == [], ("not in the wheel (declare them as package data in pyproject.toml): "
                           f"{missing}")


def test_the_wheel_holds_the_playground_package(wheel_files):
    package = REPO / "backprop" / "playground"
    missing = [p.name for p in package.glob("*.py")
               if f"backprop/playground/{p.name}" not in wheel_files]
    assert missing == [], f"not in the wheel (list backprop.playground in pyproject): {missing}"
