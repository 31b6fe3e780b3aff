"""The whole test suite, in two passes: `python tools/run_tests.py [extra pytest args]`.

Pass 1 runs ruff, then every test, lesson and homework source (nbval compares every
output with the committed notebook).

Pass 2 runs the lessons and the homework sources again under strict nbval with numpy's
dispatched SIMD switched off (`NPY_DISABLE_CPU_FEATURES`, names from `tools/simd.py`).
That changes the last bits of much of numpy's arithmetic; the committed outputs must
come back unchanged. `tests/test_simd_off.py` runs in that pass and fails unless a
kernel started inside it reports every disabled target as not found, so a pass that
silently computed as before cannot pass.

`make test` and the README's pip route both call this file.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from simd import dispatch_targets_found  # noqa: E402

NBVAL = ["--nbval", "--nbval-current-env",
         "--nbval-sanitize-with", "tests/nbval_sanitize.cfg", "-p", "no:cacheprovider"]
COURSE = ["notebooks", "exercises/source"]


def run(command, env=None):
    print("$", " ".join(command), flush=True)
    return subprocess.call(command, cwd=ROOT, env=env)


def main(extra):
    python = sys.executable
    if run([python, "-m", "ruff", "check", "backprop", "tests", "benchmarks", "tools"]):
        return 1
    if run([python, "-m", "pytest", "tests", *COURSE, *NBVAL, *extra]):
        return 1

    env = {k: v for k, v in os.environ.items() if k != "NPY_DISABLE_CPU_FEATURES"}
    targets = dispatch_targets_found()
    if not targets:
        print("numpy dispatches no SIMD targets on this CPU: a second pass would compute "
              "exactly as the first, so it is not run.")
        return 0
    env["NPY_DISABLE_CPU_FEATURES"] = " ".join(targets)
    env["BACKPROP_SIMD_OFF"] = env["NPY_DISABLE_CPU_FEATURES"]
    print(f"\nPass 2: the course again with numpy's SIMD targets {', '.join(targets)} off",
          flush=True)
    return run([python, "-m", "pytest", "tests/test_simd_off.py", *COURSE, *NBVAL, *extra],
               env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
