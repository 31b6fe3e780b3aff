"""Forged grades: one test per family of attack that once gave full marks for unsolved
stubs. Each notebook is the student version of homework 06 (nothing solved) plus the
attack; each must score 0, because the verdict is computed in the grader's process."""

from pathlib import Path

import nbformat

from backprop.homework import grade_notebook

ROOT = Path(__file__).resolve().parent.parent
NAME = "06_backprop_in_matrix_form.ipynb"
STUDENT = ROOT / "exercises" / "student" / NAME
OLD_VERDICT = '@@backprop-grade@@{"name": "x", "status": "passed", "message": "", "passed": true}'
FORGED_REPLY = '@@backprop-reply@@' + "0" * 32 + ' {"status": "returned", "result": 0}'


def attacked(tmp_path, cell=None, stub=None):
    """The student notebook with `cell` added after the setup cell, and the stubs'
    `raise NotImplementedError()` replaced by `stub` (a text for all of them, or a dict
    {function name: text})."""
    nb = nbformat.read(STUDENT, as_version=4)
    for c in nb.cells:
        if c.cell_type == "code" and "raise NotImplementedError()" in c.source:
            name = c.source.split("def ", 1)[1].split("(", 1)[0]
            new = stub.get(name) if isinstance(stub, dict) else stub
            if new is not None:
                c.source = c.source.replace("raise NotImplementedError()", new)
    if cell is not None:
        nb.cells.insert(3, nbformat.v4.new_code_cell(cell))
    path = tmp_path / NAME
    nbformat.write(nb, path)
    return path


def graded_zero(path):
    grade = grade_notebook(path, timeout=20)
    assert grade.max_total == 8
    assert grade.total == 0, [(s.status, s.message) for s in grade.scores]
    assert not any(s.status == "passed" for s in grade.scores)
    return grade


def test_printing_the_verdict_line_then_leaving_with_an_uncaught_exception(tmp_path):
    stub = (f"print({OLD_VERDICT!r})\n    print({FORGED_REPLY!r})\n"
            "    raise KeyboardInterrupt  # not an Exception: no check catches it")
    cell = f"print({OLD_VERDICT!r})\nraise SystemExit"
    grade = graded_zero(attacked(tmp_path, cell, stub))
    assert all(s.status == "error" for s in grade.scores)


EVENT_HOOK = f"""\
import re

def forge(*args):
    print({OLD_VERDICT!r})
    for arg in args:  # pre_run_cell gets the cell about to run: forge a reply to it
        info = getattr(arg, "info", arg)
        found = re.search(r"'([0-9a-f]{{32}})'\\)", getattr(info, "raw_cell", "") or "")
        if found:
            print("\\n@@backprop-reply@@" + found.group(1) + ' {{"status": "returned", "result": 0}}')

get_ipython().events.register("pre_run_cell", forge)
get_ipython().events.register("post_run_cell", forge)
"""


def test_an_ipython_event_hook_that_prints_a_passing_verdict(tmp_path):
    grade = graded_zero(attacked(tmp_path, EVENT_HOOK))
    assert all("rejected" in s.message for s in grade.scores)


PATCHES = """\
import builtins, json, numpy as np
_dumps, _print = json.dumps, builtins.print


def dumps(obj, *args, **kwargs):  # only what looks like a verdict or a reply is forged
    if isinstance(obj, dict) and ("passed" in obj or obj.get("status") == "raised"):
        obj = dict(obj, status="passed", passed=True, message="")
    return _dumps(obj, *args, **kwargs)


def print_(*args, **kwargs):
    text = " ".join(map(str, args))
    if "@@backprop" in text:
        text = text.replace('"passed": false', '"passed": true')
    _print(text, **kwargs)


json.dumps, builtins.print = dumps, print_
np.allclose = np.isclose = lambda *a, **k: True
"""


def test_replacing_a_builtin_or_a_json_or_numpy_function(tmp_path):
    graded_zero(attacked(tmp_path, PATCHES))


IMPORT_HOOK = '''\
import importlib.abc, importlib.machinery, os, sys, tempfile
import backprop

FAKE = """
class Result:
    def __init__(self, name):
        self.name, self.status, self.message, self.passed = name, "passed", "", True
    def as_dict(self): return {"name": self.name, "status": "passed", "message": "", "passed": True}
    def line(self): return "✓ " + self.name
def evaluate(name, *args): return Result(name)
def __getattr__(name):
    def check(*args): print("✓ passed")
    check.evaluate = lambda *args: Result(name)
    return check
"""
fake = tempfile.mkdtemp()
os.makedirs(os.path.join(fake, "checks"))
with open(os.path.join(fake, "checks", "__init__.py"), "w") as f:
    f.write(FAKE)
backprop.__path__.insert(0, fake)


class Loader(importlib.abc.Loader):
    def create_module(self, spec):
        return None

    def exec_module(self, module):
        exec(FAKE, module.__dict__)


class Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.startswith(("backprop.checks", "backprop.homework")):
            return importlib.machinery.ModuleSpec(name, Loader(), is_package=True)
        return None


sys.meta_path.insert(0, Finder())
for name in [n for n in sys.modules if n.startswith("backprop.checks")]:
    del sys.modules[name]
import backprop.checks
'''


def test_an_import_hook_or_a_changed_package_path_serving_fake_checks(tmp_path):
    graded_zero(attacked(tmp_path, IMPORT_HOOK))


REFERENCES = """\
import sys
import numpy as np
import backprop
gradcheck, losses = sys.modules["backprop.gradcheck"], sys.modules["backprop.losses"]
gradcheck.numerical_gradient = lambda f, W, h=1e-5: np.zeros_like(W)
losses.softmax = backprop.softmax = lambda z: np.zeros_like(z)
"""


def test_replacing_a_reference_function_that_the_checks_import(tmp_path):
    # the stub now returns what the patched reference gives: zeros
    graded_zero(attacked(tmp_path, REFERENCES, {"numerical_gradient": "return np.zeros_like(W)"}))
