"""Real-browser test: a lesson's widget renders and responds in JupyterLab and in
Notebook 7.

Starts the frontend on 127.0.0.1 in a temporary folder holding a copy of the lesson,
opens it in headless Chromium (Debian's package, driven by Playwright: Playwright's
own browser download cannot work on machines without internet), runs all cells,
changes the activation in the explorer and checks that the figure it shows changed.
Skipped, with the reason, where no Chromium is installed (`.ci/run` installs one).
"""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

LESSON = Path(__file__).resolve().parent.parent / "notebooks" / "07_activation_functions.ipynb"
CHROMIUM = next((shutil.which(name) for name in ("chromium-headless-shell", "chromium")
                 if shutil.which(name)), None)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="no Chromium: install Debian's "
                       "chromium-headless-shell (apt-get install chromium-headless-shell)"),
]


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _quiet_settings(folder):
    """A fresh JupyterLab profile shows a 'news' toast that can cover the page."""
    target = folder / "@jupyterlab" / "apputils-extension"
    target.mkdir(parents=True)
    (target / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))


# frontend: (jupyter subcommand, its application class for settings, the lesson's URL path)
FRONTENDS = {
    "JupyterLab": ("lab", "LabApp", f"/lab/tree/{LESSON.name}"),
    "Notebook 7": ("notebook", "JupyterNotebookApp", f"/notebooks/{LESSON.name}"),
}


@pytest.fixture(params=list(FRONTENDS))
def lesson_url(request, tmp_path):
    """URL of the lesson in a fresh server of the frontend, with its token."""
    subcommand, app, path = FRONTENDS[request.param]
    if subcommand == "notebook":
        pytest.importorskip("notebook", reason="Notebook 7 is not installed (pip install notebook)")
    root, settings = tmp_path / "root", tmp_path / "settings"
    root.mkdir()
    _quiet_settings(settings)
    shutil.copy(LESSON, root / LESSON.name)
    port, token = _free_port(), secrets.token_hex(16)
    command = [sys.executable, "-m", "jupyter", subcommand, "--no-browser", "--ip=127.0.0.1",
               f"--port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={root}", f"--{app}.user_settings_dir={settings}",
               f"--{app}.expose_app_in_browser=True", "--allow-root"]
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"))
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=1)
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"jupyter {subcommand} exited: "
                                f"{server.stderr.read().decode()[-2000:]}")
                time.sleep(0.5)
        else:
            pytest.fail(f"jupyter {subcommand} did not answer within 60 s")
        yield f"{url}{path}?token={token}"
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_activation_explorer_responds(lesson_url):
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu",
                                          "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(lesson_url)
        page.wait_for_selector(".jp-NotebookPanel", timeout=60_000)
        page.wait_for_function(
            "() => window.jupyterapp?.shell?.currentWidget?.sessionContext?.session?.kernel"
            "?.status === 'idle'", timeout=60_000)
        page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")

        dropdown = page.locator(".widget-dropdown", has_text="activation").first
        dropdown.wait_for(timeout=90_000)
        figure = page.locator(".widget-output img").first
        figure.wait_for(timeout=90_000)
        before = figure.get_attribute("src")
        assert before and before.startswith("data:image/png")

        choice = "sigmoid" if dropdown.locator("select").input_value() != "sigmoid" else "relu"
        dropdown.locator("select").select_option(choice)
        page.wait_for_function(
            "(old) => { const img = document.querySelector('.widget-output img');"
            " return img && img.src !== old; }", arg=before, timeout=30_000)
        after = page.locator(".widget-output img").first.get_attribute("src")
        browser.close()
    assert after != before, "the explorer's figure did not change after choosing " + choice
