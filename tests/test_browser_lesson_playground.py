"""A lesson with a playground, opened as a learner opens it: run all, and the widget draws.

Lesson 04 is copied into a fresh JupyterLab or Notebook 7 server, every cell is run in
headless Chromium, and the playground it displays must draw its first frame, showing the
epoch the lesson trained it to, with no error from the widget's JavaScript.
"""

from pathlib import Path

import pytest
from browser_helpers import CHROMIUM, FRONTENDS, NO_CHROMIUM, open_and_run_all, widget_page

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
LESSON = NOTEBOOKS / "04_gradient_descent_and_the_learning_rate.ipynb"
ROOT = ".backprop-playground"

pytestmark = [pytest.mark.browser, pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM)]


@pytest.mark.parametrize("name", list(FRONTENDS))
def test_lesson_04_runs_all_and_its_playground_draws(name, tmp_path):
    with widget_page(name, [LESSON], tmp_path) as (page, urls, errors):
        open_and_run_all(page, urls[LESSON.name])
        page.wait_for_function(f"() => +document.querySelector('{ROOT}')?.dataset.frames >= 1",
                               timeout=180_000)
        root = page.locator(ROOT).first
        epoch = int(root.get_attribute("data-epoch"))
        status = root.get_attribute("data-status")
    assert errors == [], f"JavaScript errors in {name}: {errors}"
    assert status == "paused", "nothing may start training when the widget is displayed"
    assert epoch > 0, "the lesson trains its playground with pg.step(n) before showing it"
