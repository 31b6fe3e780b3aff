"""How a check talks to a learner: one short line, never a wall of traceback.

A check (`check_linear_backward(linear_backward)`) runs the learner's function on hidden,
seeded inputs, compares with a reference and prints one line:

    ✓ linear_backward: right on 3 hidden test cases.
    … linear_backward: not implemented yet. Replace `raise NotImplementedError()` ...
    ✗ linear_backward: db has shape (6, 3) but should have shape (3,). Looks like a missing sum ...
    ✗ linear_backward raised ValueError: ... (at `return dZ @ W`)

    ⚠ train_digits: cannot be checked here: scikit-learn is missing ... (not your code)

`check.evaluate(...)` returns the same verdict as a `Result` and prints nothing: the
grader (`backprop.homework`) uses it. Under nbgrader's autograder (it sets the variable
NBGRADER_EXECUTION) or with BACKPROP_CHECKS_STRICT=1, a check that did not pass also
raises AssertionError, so nbgrader gives the cell 0 points. The mode is read once, when
this module is imported (the setup cell's `from backprop import checks`), so a later
`del os.environ["NBGRADER_EXECUTION"]` in a notebook does not turn it off. (Code in the
same kernel can still replace the checks themselves: nbgrader's model runs the checks
in the learner's kernel; `python -m backprop.homework grade` does not.)

A check first makes sure that it can run here (`SetupProblem`, e.g. a missing optional
package): that is the environment's fault, reported with status "environment", never
blamed on the learner.

Grading: the grader runs the checks in its own process, on remote stand-ins for the
learner's functions (`call` sends their inputs to the learner's kernel and gets plain data
back), inside `hidden_inputs(run_seed)`: every `hidden_seed(n)` then gives a seed drawn
from the run's seed instead of the fixed `n` that a notebook uses while a learner works.
"""

import contextlib
import copy
import functools
import os
import sys
import traceback
import warnings
from dataclasses import dataclass

import numpy as np

SYMBOLS = {"passed": "✓", "not implemented": "…", "failed": "✗", "error": "✗",
           "environment": "⚠"}


class Wrong(Exception):
    """Raised inside a check when the learner's answer is wrong; the text is the feedback."""


class NotImplementedYet(Exception):
    """The learner's code (or a function it calls) still raises NotImplementedError."""


class LearnerError(Exception):
    """The learner's code raised; the text names the exception and the line."""


class SetupProblem(Exception):
    """The check cannot run in this Python environment (e.g. a package is missing)."""


def require(module, package=None, needed_for="this check"):
    """Import `module` for the check, or raise SetupProblem naming what to install."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as e:
        package = package or module.split(".")[0]
        raise SetupProblem(
            f"cannot be checked here: {needed_for} needs {package}, which this Python "
            f"environment lacks ({type(e).__name__}: {e}). That is the environment's fault, "
            f"not a mistake in your code: install it (pip install {package}) and run the "
            "check again.") from None


@dataclass
class Result:
    name: str      # the learner's function or class, as the exercise names it
    status: str    # "passed", "failed", "not implemented", "error" or "environment"
    message: str

    @property
    def passed(self):
        return self.status == "passed"

    def line(self):
        if self.status == "error":
            return f"✗ {self.name} {self.message}"
        return f"{SYMBOLS[self.status]} {self.name}: {self.message}"

    def as_dict(self):
        return {"name": self.name, "status": self.status, "message": self.message,
                "passed": self.passed}


# Read once, at import: a notebook that removes the variable later cannot switch it off.
_STRICT = bool(os.environ.get("NBGRADER_EXECUTION")) or \
    os.environ.get("BACKPROP_CHECKS_STRICT") == "1"


def strict():
    """True under nbgrader's autograder/validator, or with BACKPROP_CHECKS_STRICT=1, as the
    environment was when this module was imported."""
    return _STRICT


_RUN = {"seed": None}


def hidden_seed(n):
    """`n` while a learner works; during grading, a seed drawn from the run's seed and `n`."""
    if _RUN["seed"] is None:
        return n
    return int(np.random.default_rng([_RUN["seed"], n]).integers(2 ** 63))


def grading():
    """True inside `hidden_inputs`: the checks may then draw their fixed cases at random too."""
    return _RUN["seed"] is not None


@contextlib.contextmanager
def hidden_inputs(seed):
    """Draw every hidden input from `seed` (a non-negative int) while the block runs."""
    if not isinstance(seed, int) or seed < 0:
        raise ValueError(f"the grading seed must be a non-negative integer, got {seed!r}.")
    previous, _RUN["seed"] = _RUN["seed"], seed
    try:
        yield
    finally:
        _RUN["seed"] = previous


def exercise_check(name):
    """Decorator: turn `body(*learner_objects) -> success text` into a check function.

    The body raises Wrong (bad answer); `call` raises NotImplementedYet or LearnerError."""

    def decorate(body):
        def evaluate(*args, **kwargs):
            try:
                message = body(*args, **kwargs)
            except SetupProblem as e:
                return Result(name, "environment", str(e))
            except NotImplementedYet as e:
                return Result(name, "not implemented", str(e))
            except Wrong as e:
                return Result(name, "failed", str(e))
            except LearnerError as e:
                return Result(name, "error", str(e))
            except Exception as e:  # the check choked on what the learner's code returned
                return Result(name, "failed", "the check could not use what your code returned "
                              f"({type(e).__name__}: {e}).")
            return Result(name, "passed", message)

        @functools.wraps(body)
        def check(*args, **kwargs):
            result = evaluate(*args, **kwargs)
            print(result.line())
            if strict() and not result.passed:
                raise AssertionError(result.line())

        check.evaluate = evaluate
        check.exercise = name
        return check

    return decorate


def call(function, *args, copy_inputs=True, **kwargs):
    """Run the learner's `function` on copies of the inputs (so it cannot change ours;
    `copy_inputs=False` where the function must change what it gets, e.g. a model).

    Floating-point warnings are silenced: an overflow shows up as inf/NaN in the result,
    which the comparison then explains (the same text in a notebook and under pytest)."""
    if not callable(function):
        raise Wrong(f"expected a function or class here, got {type(function).__name__}.")
    if getattr(type(function), "backprop_remote", False):  # the grader's stand-in
        kind, value = function.remote_call(args, kwargs, copy_inputs)
        if kind == "returned":
            return value
        if value["kind"] == "not implemented":
            raise NotImplementedYet(not_implemented_message(value["where"], value["own"]))
        raise LearnerError(error_message(value["type"], value["message"], value["line"]))
    if copy_inputs:
        args, kwargs = copy.deepcopy(args), copy.deepcopy(kwargs)
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            return function(*args, **kwargs)
    except NotImplementedError:
        raise NotImplementedYet(_not_implemented_text(function, sys.exc_info()[2])) from None
    except Exception as e:
        raise LearnerError(_error_text(e, sys.exc_info()[2])) from None


def _not_implemented_text(function, tb):
    return not_implemented_message(traceback.extract_tb(tb)[-1].name,
                                   getattr(function, "__name__", ""))


def not_implemented_message(where, own):
    """The text for NotImplementedError raised in function `where`, called as `own`."""
    text = ("not implemented yet. Replace `raise NotImplementedError()` with your code, "
            "then run this cell again.")
    if where not in (own, "__init__", "<module>") and not where.startswith("<"):
        text = f"not implemented yet: it calls `{where}`, which is not implemented yet."
    return text


def _error_text(error, tb):
    message = str(error).strip().splitlines()[0] if str(error).strip() else ""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    learner_frames = [f for f in traceback.extract_tb(tb)
                      if not os.path.abspath(f.filename).startswith(package)
                      and "site-packages" not in f.filename and f.line]
    line = learner_frames[-1].line.strip() if learner_frames else ""
    return error_message(type(error).__name__, message, line)


def error_message(type_name, message, line):
    """'raised ValueError: <message> (at `<line of the learner's code>`).'"""
    text = f"raised {type_name}" + (f": {message}" if message else "")
    if line:
        text += f" (at `{line}`)"
    return text + "."
