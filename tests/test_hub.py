"""The class route, for real: a JupyterHub on 127.0.0.1, two students, one nbgitpuller link.

What runs (everything on 127.0.0.1, free ports, inside the test's temporary folder):
- a teacher's git repository: a clone of this repository's HEAD (committed files only);
- JupyterHub from PyPI with DummyAuthenticator (any listed user, any password) and
  SimpleLocalProcessSpawner (a single-user server per student, as this same user, with
  HOME = a folder per student), behind configurable-http-proxy from npm;
- headless Chromium (Debian's package, driven by Playwright), one context per student.

What is checked:
1. each student logs in through the hub's login page and follows the link made by
   tools/nbgitpuller_link.py; nbgitpuller clones the course into their home and opens
   lesson 07; all cells run and the lesson's playground resets and redraws when its
   activation menu changes (the same check as tests/test_browser.py);
2. one student edits a cell of a homework notebook and saves it; the teacher commits a
   new file and a change to another cell of that notebook; the student follows the link
   again and, read from the notebook's JSON on disk, has the new file, the teacher's cell
   and their own cell; the other student, who edited nothing, gets the teacher's cell too.

configurable-http-proxy is installed with npm under ~/.cache/backprop-tests/chp/<release>
(XDG_CACHE_HOME is honoured), once, then reused; never globally. Its release is the newest
whose `engines` admits the machine's Node. The test is skipped, saying why, when Chromium,
Node, npm, the proxy, jupyterhub or nbgitpuller cannot be had. Everything it started
(hub, proxy, single-user servers and their kernels) is stopped even when it fails.
"""

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from browser_helpers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    KERNEL_IDLE,
    NO_CHROMIUM,
    free_port,
    playground_responds,
    quiet_settings,
)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from nbgitpuller_link import make_link  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM)]

STUDENTS = ("ada", "grace")
FOLDER = "backprop-course"
LESSON = "notebooks/07_activation_functions.ipynb"
HOMEWORK = "exercises/student/01_derivatives_and_the_chain_rule.ipynb"
NEW_FILE = "notebooks/announcements.md"
# configurable-http-proxy releases, newest first, with the lowest Node major version that
# each one's package.json `engines` admits (read from `npm view configurable-http-proxy@X engines`)
PROXY_RELEASES = (("5.3.0", 20), ("4.6.3", 10))
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "backprop-tests" / "chp"
PASSWORD = secrets.token_hex(8)  # typed on the login page; DummyAuthenticator takes any


def _skip_unless(condition, reason):
    if not condition:
        pytest.skip(reason)


@pytest.fixture(scope="module")
def proxy_command():
    """Path of configurable-http-proxy, installed from npm into the cache on first use."""
    node, npm = shutil.which("node"), shutil.which("npm")
    _skip_unless(node, "no Node.js for configurable-http-proxy: apt-get install nodejs npm")
    _skip_unless(npm, "no npm to install configurable-http-proxy: apt-get install npm")
    found = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    major = int(re.match(r"v(\d+)", found).group(1)) if re.match(r"v(\d+)", found) else 0
    release = next((r for r, lowest in PROXY_RELEASES if major >= lowest), None)
    _skip_unless(release, f"Node {found or '?'} is older than any configurable-http-proxy "
                          f"release this test knows ({PROXY_RELEASES})")
    target = CACHE / release
    command = target / "node_modules" / ".bin" / "configurable-http-proxy"
    if not command.exists():
        # install beside the target and rename it into place, so that an interrupted
        # install is never reused and two runs installing at once do not mix files
        shutil.rmtree(target, ignore_errors=True)
        staging = CACHE / f".{release}-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        result = subprocess.run(
            [npm, "install", "--prefix", str(staging), f"configurable-http-proxy@{release}",
             "--no-audit", "--no-fund", "--no-save", "--loglevel=error"],
            capture_output=True, text=True, timeout=300)
        if result.returncode != 0:
            shutil.rmtree(staging, ignore_errors=True)
            said = [line for line in result.stderr.splitlines() if line.startswith("npm error")]
            pytest.skip(f"npm could not install configurable-http-proxy@{release}: "
                        + (" / ".join(said[:3]) or result.stderr.strip()[-300:]))
        try:
            staging.rename(target)
        except OSError:  # another run renamed its install first: use that one
            shutil.rmtree(staging, ignore_errors=True)
    version = subprocess.run([str(command), "--version"], capture_output=True, text=True)
    assert version.stdout.strip() == release, f"{command} reports {version.stdout!r}"
    return str(command)


@pytest.fixture
def teacher_repo(tmp_path):
    """The teacher's repository: a clone of this repository's HEAD, on branch `main`."""
    _skip_unless((ROOT / ".git").exists(), "the course folder is not a git repository")
    repo = tmp_path / "teacher" / FOLDER
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "checkout", "--quiet", "-B", "main"], check=True)
    return repo


def _hub_config(tmp_path, proxy, port, homes):
    """jupyterhub_config.py for a throwaway hub: nothing outside tmp_path, 127.0.0.1 only."""
    args = ["--LabApp.expose_app_in_browser=True"]  # window.jupyterapp, to run all cells
    if os.geteuid() == 0:
        args.append("--allow-root")
    settings = {
        "JupyterHub.bind_url": f"http://127.0.0.1:{port}",
        "JupyterHub.hub_bind_url": f"http://127.0.0.1:{free_port()}",
        "JupyterHub.db_url": f"sqlite:///{tmp_path / 'jupyterhub.sqlite'}",
        "JupyterHub.cookie_secret_file": str(tmp_path / "jupyterhub_cookie_secret"),
        "JupyterHub.pid_file": str(tmp_path / "jupyterhub.pid"),
        "JupyterHub.authenticator_class": "dummy",
        "JupyterHub.spawner_class": "simple",
        "ConfigurableHTTPProxy.command": [proxy],
        "ConfigurableHTTPProxy.api_url": f"http://127.0.0.1:{free_port()}",
        "ConfigurableHTTPProxy.pid_file": str(tmp_path / "proxy.pid"),
        # DummyAuthenticator takes any password from these users (its own `password`
        # option is deprecated since JupyterHub 5.3)
        "Authenticator.allowed_users": set(STUDENTS),
        "SimpleLocalProcessSpawner.home_dir_template": str(homes / "{username}"),
        # the single-user server runs from this interpreter, so it has the course,
        # JupyterLab and nbgitpuller
        "Spawner.cmd": [sys.executable, "-m", "jupyterhub.singleuser"],
        "Spawner.args": args,
        "Spawner.default_url": "/lab",
        "Spawner.start_timeout": 120,
        "Spawner.http_timeout": 120,
        # one matplotlib font cache for both students, built once
        "Spawner.environment": {"MPLCONFIGDIR": str(tmp_path / "matplotlib")},
    }
    return "\n".join(f"c.{key} = {value!r}" for key, value in settings.items()) + "\n"


def _stop(process, timeout=30):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _kill_leftovers(homes, proxy_pid_file):
    """SIGKILL what the hub should have stopped: the proxy (by its pid file) and every
    process whose working folder is in a student's home (servers and kernels; the
    spawner starts them in sessions of their own, so they are not the hub's children)."""
    pids = set()
    if proxy_pid_file.exists():
        pids.add(int(proxy_pid_file.read_text().strip() or 0))
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if Path(os.readlink(entry / "cwd")).is_relative_to(homes):
                    pids.add(int(entry.name))
            except OSError:
                continue
    for pid in pids - {0, os.getpid()}:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@pytest.fixture
def hub(tmp_path, proxy_command):
    """URL of a running hub; stops the hub, the proxy and every single-user server after."""
    pytest.importorskip("jupyterhub", reason="jupyterhub is not installed (pip install jupyterhub)")
    pytest.importorskip("nbgitpuller", reason="nbgitpuller is not installed (pip install nbgitpuller)")
    homes, work = tmp_path / "home", tmp_path / "hub"
    work.mkdir()
    for student in STUDENTS:
        # a fresh JupyterLab profile shows a 'news' toast that can cover the page
        quiet_settings(homes / student / ".jupyter" / "lab" / "user-settings")
    port = free_port()
    config = work / "jupyterhub_config.py"
    config.write_text(_hub_config(work, proxy_command, port, homes))
    log = open(work / "jupyterhub.log", "w")
    server = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(config)],
                              cwd=work, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/hub/health", timeout=2)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("JupyterHub did not start:\n" + (work / "jupyterhub.log")
                                .read_text()[-3000:])
                time.sleep(0.5)
        yield url
    finally:
        _stop(server)  # on SIGTERM the hub stops the single-user servers and the proxy
        _kill_leftovers(homes, work / "proxy.pid")
        log.close()


def _log_in(context, hub, student, next_url):
    """Log in through the hub's own login page, then go on to `next_url`."""
    page = context.new_page()
    # leaving a notebook with unsaved outputs asks "leave this page?": say yes
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{hub}/hub/login?next={quote(next_url, safe='')}")
    page.fill("#username_input", student)
    page.fill("#password_input", PASSWORD)
    page.click("#login_submit")
    return page


def _wait_for_lesson(page):
    """Wait for the pull to finish and the notebook to open with an idle kernel; fail
    with nbgitpuller's own log if the pull failed."""
    page.wait_for_selector(".jp-NotebookPanel, #container-error:not(.hidden)", timeout=180_000)
    if page.locator("#container-error:not(.hidden)").count():
        pytest.fail("nbgitpuller could not pull: " + page.inner_text("#status-details"))
    page.wait_for_function(KERNEL_IDLE, timeout=90_000)


def _playground_responds(page):
    """Run all cells, change the playground's activation: (output before, after, epoch)."""
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    return playground_responds(page)


def _cell_sources(path):
    return ["".join(cell["source"]) for cell in json.loads(path.read_text())["cells"]]


def _student_edits(page, hub, student, index, text):
    """Open the homework in JupyterLab, replace cell `index`'s source, save; returns
    the saved notebook's path and that cell's source as JupyterLab holds them."""
    page.goto(f"{hub}/user/{student}/lab/tree/{FOLDER}/{HOMEWORK}")
    _wait_for_lesson(page)
    page.wait_for_function("(path) => window.jupyterapp.shell.currentWidget?.context?.path"
                           "?.endsWith(path)", arg=HOMEWORK, timeout=30_000)
    return page.evaluate(
        """async ([index, text]) => {
            const panel = window.jupyterapp.shell.currentWidget;
            await panel.context.ready;
            panel.content.model.cells.get(index).sharedModel.setSource(text);
            await panel.context.save();
            return [panel.context.path, panel.content.model.cells.get(index).sharedModel.getSource()];
        }""", [index, text])


def _teacher_commits(repo, title_cell_index):
    """Change one cell's source by editing the file's text (so git sees a one-line
    change, as an editor would make), add a file, commit."""
    notebook = repo / HOMEWORK
    text = notebook.read_text()
    old = json.loads(text)["cells"][title_cell_index]["source"][0]
    new = old + " (revised by the teacher)"
    assert text.count(json.dumps(old, ensure_ascii=False)) == 1
    notebook.write_text(text.replace(json.dumps(old, ensure_ascii=False),
                                     json.dumps(new, ensure_ascii=False)))
    (repo / NEW_FILE).write_text("# Announcements\n\nHomework 01 is due on Friday.\n")
    git = ["git", "-C", str(repo), "-c", "user.name=Teacher", "-c", "user.email=teacher@example.org"]
    subprocess.run([*git, "add", NEW_FILE, HOMEWORK], check=True)
    subprocess.run([*git, "commit", "--quiet", "-m", "Revise homework 01, add announcements"],
                   check=True)
    return new


def test_class_route_through_jupyterhub(hub, teacher_repo, tmp_path):
    playwright = pytest.importorskip("playwright.sync_api")
    # file:// (not a plain path) so nbgitpuller's shallow clone works as it does for https
    link = make_link(hub, teacher_repo.as_uri(), branch="main", notebook=LESSON, folder=FOLDER)
    path_of_link = link.removeprefix(hub)
    homes = tmp_path / "home"
    original = _cell_sources(teacher_repo / HOMEWORK)
    # the student answers the last exercise; the teacher revises the title (cell 0):
    # cells far apart, so git merges the two changes without a conflict
    answer_index = max(i for i, source in enumerate(original)
                       if source.startswith("def ") and "raise NotImplementedError()" in source)
    assert answer_index > 5
    answer = original[answer_index].replace("raise NotImplementedError()", "return 0.0, 0.0")

    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            pages = {}
            for student in STUDENTS:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                pages[student] = _log_in(context, hub, student, path_of_link)
                _wait_for_lesson(pages[student])
                lesson = homes / student / FOLDER / LESSON
                assert lesson.exists(), f"nbgitpuller did not put the course into {student}'s home"
                before, after, epoch = _playground_responds(pages[student])
                assert before and before.startswith("data:image/png")
                assert after != before and epoch == 0, f"{student}'s playground did not respond"

            ada = STUDENTS[0]
            path, source = _student_edits(pages[ada], hub, ada, answer_index, answer)
            assert path.endswith(HOMEWORK) and source == answer
            saved = homes / ada / FOLDER / HOMEWORK
            deadline = time.monotonic() + 30
            while _cell_sources(saved)[answer_index] != answer:
                assert time.monotonic() < deadline, "JupyterLab did not save the student's edit"
                time.sleep(0.5)

            title = _teacher_commits(teacher_repo, 0)
            for student in STUDENTS:
                pages[student].goto(link)
                _wait_for_lesson(pages[student])
        finally:
            browser.close()

    for student in STUDENTS:
        course = homes / student / FOLDER
        assert (course / NEW_FILE).exists(), f"{student} did not get the teacher's new file"
        cells = _cell_sources(course / HOMEWORK)
        assert cells[0] == title, f"{student} did not get the teacher's revised cell"
    ada_cells = _cell_sources(homes / ada / FOLDER / HOMEWORK)
    assert ada_cells[answer_index] == answer, "the pull overwrote the student's own answer"
    grace_cells = _cell_sources(homes / STUDENTS[1] / FOLDER / HOMEWORK)
    assert grace_cells[answer_index] == original[answer_index]
