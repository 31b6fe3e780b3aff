"""Isolation of the learner's kernels: their own folders and environment, a copy of the
package without the comparison code, an unprivileged user when the grader is root, and
a change on disk detected, reported, restored, and never graded with (tested on a copy
of the package and a stand-in site-packages folder in a temporary folder)."""

import os
import shutil
import tempfile
from pathlib import Path

import nbformat
import pytest
from grader_helpers import package_copy

from backprop.homework import grade_paths
from backprop.homework.grade import INSTALL, TAMPERED
from backprop.homework.isolation import Workspace, kernel_user
from backprop.homework.kernel import KernelSession

ROOT = Path(__file__).resolve().parent.parent
NAME = "06_backprop_in_matrix_form.ipynb"
SOURCE = ROOT / "exercises" / "source" / NAME
STUDENT = ROOT / "exercises" / "student" / NAME
PROBE_KERNEL = """\
import os, sys, backprop
from backprop import checks
facts = dict(uid=os.getuid(), home=os.environ["HOME"], ipython=os.environ["IPYTHONDIR"],
             path0=sys.path[sys.path.index(os.environ["PYTHONPATH"])], package=backprop.__file__,
             evaluate=hasattr(checks, "evaluate"), secret="BACKPROP_TEST_SECRET" in os.environ,
             threads=os.environ.get("OPENBLAS_NUM_THREADS"))
try:
    open(backprop.__file__, "a").close()
    facts["write"] = "allowed"
except PermissionError:
    facts["write"] = "denied"
print(repr(facts))
"""


def test_a_kernel_gets_its_own_folders_the_copy_and_no_comparison_code(monkeypatch):
    monkeypatch.setenv("BACKPROP_TEST_SECRET", "the teacher's token")
    with Workspace() as workspace:
        kernel = KernelSession(workspace=workspace).start()
        try:
            outcome = kernel.run(PROBE_KERNEL, 60)
            assert kernel.run(INSTALL, 60).status == "ok"
            loaded = kernel.run("import sys\nprint(sorted(m for m in sys.modules if m.startswith("
                                "('backprop.checks.', 'backprop.homework'))))", 60)
        finally:
            kernel.stop()
        assert outcome.status == "ok", outcome.error()
        facts = eval(outcome.text())  # the kernel printed a dict literal of plain values
        lib = str(workspace.lib)
        assert facts["home"].startswith(str(workspace.root)) and facts["home"].endswith("home")
        assert facts["ipython"].startswith(str(workspace.root))
        assert facts["path0"] == lib and facts["package"] == f"{lib}/backprop/__init__.py"
        assert not facts["evaluate"], "backprop.checks is an inert stub in a grading kernel"
        assert loaded.text().strip() == "[]", "no kernel imports the comparison code"
        assert not facts["secret"], "the kernel does not inherit the grader's environment"
        assert facts["threads"] == "1", "parallel kernels must not oversubscribe the cores"
        if os.geteuid() == 0:
            assert facts["uid"] >= 3_000_000_000 and facts["write"] == "denied"
        else:
            assert facts["uid"] == os.geteuid()


def test_kernel_user_options_are_checked():
    assert kernel_user("none") is None
    if os.geteuid() == 0:
        assert kernel_user("auto") == "private" and kernel_user("nobody")[2] == "nobody"
        with pytest.raises(ValueError, match="no such user"):
            kernel_user("no-such-user-here")
        with pytest.raises(ValueError, match="that is root"):
            kernel_user("root")
    else:
        with pytest.raises(ValueError, match="only root"):
            kernel_user("nobody")


POISON = """\
import os, backprop
lib = os.path.dirname(os.path.dirname(backprop.__file__))
with open(backprop.__file__, "a") as f:  # later kernels would import a broken softmax
    f.write("\\nsoftmax = lambda z: 0 * z\\n")
with open(os.path.join(lib, "sitecustomize.py"), "w") as f:
    f.write("print('poisoned')\\n")
with open({site!r} + "/evil.pth", "w") as f:
    f.write("import os\\n")
with open({site!r} + "/harmless.pth", "a") as f:
    f.write("import sys\\n")
with open({original!r} + "/losses.py", "a") as f:
    f.write("\\n# changed by a submission\\n")
"""


def test_a_change_on_disk_is_detected_reported_restored_and_never_graded_with(tmp_path):
    original, site = package_copy(tmp_path)
    folder = tmp_path / "class"
    folder.mkdir()
    nb = nbformat.read(SOURCE, as_version=4)
    nb.cells.insert(3, nbformat.v4.new_code_cell(POISON.format(site=str(site),
                                                               original=str(original))))
    nbformat.write(nb, folder / "a_poison.ipynb")
    shutil.copy(SOURCE, folder / "b_source.ipynb")  # uses backprop.softmax in exercise 4
    shutil.copy(STUDENT, folder / "c_student.ipynb")
    # kernels as the grader's own user, so that the writes succeed
    poisoned, clean, stub = grade_paths(folder, timeout=20, kernel_user="none",
                                        package_dir=original, site_dirs=[site])
    notes = " ".join(poisoned.notes)
    assert "WARNING: this notebook changed files that grading relies on" in notes
    assert "the grader's copy of backprop: changed backprop/__init__.py; added sitecustomize.py" \
        in notes
    assert "start-up hooks" in notes and "evil.pth" in notes and "harmless.pth" in notes
    assert f"the grader's own package at {original.resolve()} (not restored" in notes
    assert poisoned.total == 0 and all(s.message == TAMPERED for s in poisoned.scores)
    assert [s.points for s in clean.scores] == [1, 2, 2, 3], clean.notes
    assert not any("WARNING" in n for n in clean.notes + stub.notes)
    assert stub.total == 0 and {s.status for s in stub.scores} == {"not implemented"}
    assert not (site / "evil.pth").exists()
    assert (site / "harmless.pth").read_text() == "# a path file\n"


@pytest.mark.skipif(os.geteuid() != 0, reason="kernels run as another user only under root")
def test_as_root_the_same_writes_are_refused(tmp_path):
    original, site = package_copy(tmp_path)
    nb = nbformat.read(STUDENT, as_version=4)
    nb.cells.insert(3, nbformat.v4.new_code_cell(POISON.format(site=str(site),
                                                               original=str(original))))
    nbformat.write(nb, tmp_path / NAME)
    [grade] = grade_paths(tmp_path / NAME, timeout=20, package_dir=original, site_dirs=[site])
    assert not any("WARNING" in n for n in grade.notes), grade.notes
    assert {s.status for s in grade.scores} == {"not implemented"}
    assert not (site / "evil.pth").exists()
    assert "changed by a submission" not in (original / "losses.py").read_text()


DAEMON = """\
import os, time
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        with open({pidfile!r}, "w") as f:
            f.write(str(os.getpid()))
        time.sleep(600)
    os._exit(0)
time.sleep(1)
"""


@pytest.mark.skipif(os.geteuid() != 0, reason="kernels run as their own user only under root")
def test_a_background_process_left_by_a_kernel_is_killed(tmp_path):
    drop = Path(tempfile.mkdtemp())  # where the kernel's user may write its daemon's pid
    try:
        drop.chmod(0o1777)
        pidfile = drop / "pid"
        nb = nbformat.read(STUDENT, as_version=4)
        nb.cells.insert(3, nbformat.v4.new_code_cell(DAEMON.format(pidfile=str(pidfile))))
        nbformat.write(nb, tmp_path / NAME)
        [grade] = grade_paths(tmp_path / NAME, timeout=20)
        assert grade.total == 0
        status = Path(f"/proc/{int(pidfile.read_text())}/status")
        alive = status.exists() and "State:\tZ" not in status.read_text()  # a zombie is dead
        assert not alive, "the daemon outlived its kernel"
    finally:
        shutil.rmtree(drop, ignore_errors=True)
