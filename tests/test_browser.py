"""Real-browser test: a lesson's widget renders and responds in JupyterLab and in
Notebook 7.

Starts the frontend on 127.0.0.1 in a temporary folder holding a copy of the lesson
(tests/browser_helpers.py), opens it in headless Chromium (Debian's package, driven by
Playwright: Playwright's own browser download cannot work on machines without
internet), runs all cells, changes the activation in the explorer and checks that the
figure it shows changed. Skipped, with the reason, where no Chromium is installed
(`.ci/run` installs one).
"""

from pathlib import Path

import pytest
from browser_helpers import CHROMIUM, CHROMIUM_ARGS, FRONTENDS, NO_CHROMIUM, frontend, open_and_run_all

LESSON = Path(__file__).resolve().parent.parent / "notebooks" / "07_activation_functions.ipynb"

pytestmark = [pytest.mark.browser, pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM)]


@pytest.mark.parametrize("name", list(FRONTENDS))
def test_activation_explorer_responds(name, tmp_path):
    if FRONTENDS[name][0] == "notebook":
        pytest.importorskip("notebook", reason="Notebook 7 is not installed (pip install notebook)")
    playwright = pytest.importorskip("playwright.sync_api")
    with frontend(name, [LESSON], tmp_path) as urls, playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        open_and_run_all(page, urls[LESSON.name])

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
