"""`make lab` starts JupyterLab on the course index, as root or not, with no browser when asked.

The test runs `make lab OPEN_BROWSER=0` exactly as a learner would (the variable is in the
README), reads the URL that tools/lab.py prints, polls the server's /api/status until it
answers, checks that the index notebook is served, and stops the server.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_lab_decides_root_and_browser_flags():
    import importlib.util

    spec = importlib.util.spec_from_file_location("lab", ROOT / "tools" / "lab.py")
    lab = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(lab)
    assert "--allow-root" in lab.lab_command(open_browser=True, root=True)
    assert "--allow-root" not in lab.lab_command(open_browser=True, root=False)
    assert "--no-browser" in lab.lab_command(open_browser=False, root=False)
    assert not lab.should_open_browser({}, "linux")                     # no screen
    assert lab.should_open_browser({"DISPLAY": ":0"}, "linux")
    assert not lab.should_open_browser({"DISPLAY": ":0", "OPEN_BROWSER": "0"}, "linux")
    assert lab.should_open_browser({"OPEN_BROWSER": "1"}, "linux")
    assert lab.should_open_browser({}, "darwin")


def wait_for_url(process, lines, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for line in list(lines):
            match = re.search(r"The course is at (http://\S+)", line)
            if match:
                return match.group(1)
        if process.poll() is not None:
            break
        time.sleep(0.2)
    pytest.fail("make lab printed no URL; its output was:\n" + "".join(lines))


def test_make_lab_serves_the_index():
    if shutil.which("make") is None:
        pytest.skip("make is not installed (the README's pip route starts tools/lab.py directly)")
    if subprocess.call(["make", "-q", ".venv/.course-installed"], cwd=ROOT) != 0:
        pytest.skip("the course's .venv is not installed or out of date: make lab would reinstall it")
    env = {**os.environ, "OPEN_BROWSER": "0"}
    env.pop("DISPLAY", None)
    lab = subprocess.Popen(["make", "lab"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, start_new_session=True)
    lines = []
    reader = threading.Thread(target=lambda: lines.extend(iter(lab.stdout.readline, "")), daemon=True)
    reader.start()
    try:
        url = wait_for_url(lab, lines)
        output = "".join(lines)
        assert "No browser opened." in output and "ssh -L" in output
        base, token = re.match(r"(http://[^/]+)/\S*?token=(\w+)", url).groups()
        status = None
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5) as reply:
                    status = json.load(reply)
                break
            except OSError:
                time.sleep(0.3)
        assert status is not None and "started" in status, output
        index = f"{base}/api/contents/notebooks/00_index.ipynb?content=0&token={token}"
        with urllib.request.urlopen(index, timeout=10) as reply:
            assert json.load(reply)["type"] == "notebook"
    finally:
        os.killpg(lab.pid, signal.SIGTERM)
        try:
            lab.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(lab.pid, signal.SIGKILL)
            lab.wait()
