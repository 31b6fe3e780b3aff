"""A lesson with a playground, opened as a learner opens it: run all, and the widget draws.

Lesson 04 is copied into a fresh JupyterLab or Notebook 7 server, every cell is run in
headless Chromium, and the playground it displays must draw its first frame, showing the
epoch the lesson trained it to, with no error from the widget's JavaScript.
"""

from pathlib import Path

import pytest
from browser_helpers import CHROMIUM, CHROMIUM_ARGS, FRONTENDS, NO_CHROMIUM, frontend, open_and_run_all

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
LESSON = NOTEBOOKS / "04_gradient_descent_and_the_learning_rate.ipynb"
ROOT = ".backprop-playground"

pytestmark = [pytest.mark.browser, pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM)]


@pytest.mark.parametrize("name", list(FRONTENDS))
def test_lesson_04_runs_all_and_its_playground_draws(name, tmp_path):
    if FRONTENDS[name][0] == "notebook":
        pytest.importorskip("notebook", reason="Notebook 7 is not installed (pip install notebook)")
    playwright = pytest.importorskip("playwright.sync_api")
    errors = []
    with frontend(name, [LESSON], tmp_path) as urls, playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.on("pageerror", lambda error: errors.append(f"{error}\n{error.stack}")
                if "blob:" in (error.stack or "") else None)
        open_and_run_all(page, urls[LESSON.name])
        page.wait_for_function(f"() => +document.querySelector('{ROOT}')?.dataset.frames >= 1",
                               timeout=180_000)
        root = page.locator(ROOT).first
        epoch = int(root.get_attribute("data-epoch"))
        status = root.get_attribute("data-status")
        browser.close()
    assert errors == [], f"JavaScript errors in {name}: {errors}"
    assert status == "paused", "nothing may start training when the widget is displayed"
    assert epoch > 0, "the lesson trains its playground with pg.step(n) before showing it"
