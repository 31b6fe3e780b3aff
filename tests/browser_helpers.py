"""Shared by the real-browser tests and benchmarks: a Jupyter frontend on 127.0.0.1 in a
temporary folder, and Debian's headless Chromium driven by Playwright (Playwright's own
browser download cannot work on machines without internet)."""

import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

CHROMIUM = next((shutil.which(name) for name in ("chromium-headless-shell", "chromium")
                 if shutil.which(name)), None)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
NO_CHROMIUM = ("no Chromium: install Debian's chromium-headless-shell "
               "(apt-get install chromium-headless-shell)")

# frontend: (jupyter subcommand, its application class for settings, URL prefix of a notebook)
FRONTENDS = {
    "JupyterLab": ("lab", "LabApp", "/lab/tree/"),
    "Notebook 7": ("notebook", "JupyterNotebookApp", "/notebooks/"),
}
KERNEL_IDLE = ("() => window.jupyterapp?.shell?.currentWidget?.sessionContext?.session?.kernel"
               "?.status === 'idle'")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def quiet_settings(folder):
    """A fresh JupyterLab profile shows a 'news' toast that can cover the page."""
    target = folder / "@jupyterlab" / "apputils-extension"
    target.mkdir(parents=True, exist_ok=True)
    (target / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))


@contextlib.contextmanager
def frontend(name, notebooks, workdir):
    """Serve copies of `notebooks` with frontend `name`; yields {notebook name: URL}.

    Raises RuntimeError if the server exits or does not answer within 60 s."""
    subcommand, app, prefix = FRONTENDS[name]
    root, settings = workdir / "root", workdir / "settings"
    root.mkdir(parents=True, exist_ok=True)
    quiet_settings(settings)
    for notebook in notebooks:
        shutil.copy(notebook, root / notebook.name)
    port, token = free_port(), secrets.token_hex(16)
    command = [sys.executable, "-m", "jupyter", subcommand, "--no-browser", "--ip=127.0.0.1",
               f"--port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={root}", f"--{app}.user_settings_dir={settings}",
               f"--{app}.expose_app_in_browser=True", "--allow-root"]
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(workdir / "runtime"))
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=1)
                break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError(f"jupyter {subcommand} exited: "
                                       f"{server.stderr.read().decode()[-2000:]}") from None
                time.sleep(0.5)
        else:
            raise RuntimeError(f"jupyter {subcommand} did not answer within 60 s")
        yield {nb.name: f"{url}{prefix}{nb.name}?token={token}" for nb in notebooks}
    finally:
        server.terminate()
        server.wait(timeout=20)


def open_and_run_all(page, url):
    """Open a notebook, wait for its kernel, run every cell."""
    page.goto(url)
    page.wait_for_selector(".jp-NotebookPanel", timeout=60_000)
    page.wait_for_function(KERNEL_IDLE, timeout=60_000)
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")


@contextlib.contextmanager
def widget_page(name, notebooks, workdir):
    """A 1280x720 Chromium page next to a fresh server of frontend `name` serving copies of
    `notebooks`: yields (page, {notebook name: URL}, errors). `errors` collects every error
    raised by a widget's JavaScript; the caller asserts it is empty. Skips (pytest) when
    Playwright or, for Notebook 7, the notebook package is missing."""
    import pytest

    if FRONTENDS[name][0] == "notebook":
        pytest.importorskip("notebook", reason="Notebook 7 is not installed (pip install notebook)")
    playwright = pytest.importorskip("playwright.sync_api")
    errors = []
    with frontend(name, notebooks, workdir) as urls, playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            # anywidget runs a widget's module from a blob: URL; errors elsewhere are the
            # frontend's own (Notebook 7 reports one about a settings schema at start-up)
            page.on("pageerror", lambda error: errors.append(f"{error}\n{error.stack}")
                    if "blob:" in (error.stack or "") else None)
            yield page, urls, errors
        finally:
            browser.close()


PLAYGROUND = ".backprop-playground"


def playground_responds(page, timeout=180_000):
    """After run-all: wait for the page's first playground to draw, choose another
    activation in its menu, and return (output pixels before, after, epoch after). A new
    activation resets the run, so the epoch goes back to 0 and the output map changes."""
    root = page.locator(PLAYGROUND).first
    page.wait_for_function(f"() => +document.querySelector('{PLAYGROUND}')?.dataset.frames >= 1",
                           timeout=timeout)
    root.scroll_into_view_if_needed()
    pixels = (f"() => document.querySelector('{PLAYGROUND} canvas[data-role=output]')"
              ".toDataURL()")
    before = page.evaluate(pixels)
    menu = root.locator("select[data-role=activation]")
    current = menu.input_value()
    other = next(v for v in menu.locator("option").evaluate_all("os => os.map(o => o.value)")
                 if v != current)
    menu.select_option(other)
    page.wait_for_function(f"() => document.querySelector('{PLAYGROUND}').dataset.epoch === '0'",
                           timeout=30_000)
    page.wait_for_function(f"(old) => ({pixels})() !== old", arg=before, timeout=30_000)
    return before, page.evaluate(pixels), int(root.get_attribute("data-epoch"))
