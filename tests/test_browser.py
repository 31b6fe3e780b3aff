"""Real-browser test: a lesson's widget renders and responds in JupyterLab and in
Notebook 7.

Starts the frontend on 127.0.0.1 in a temporary folder holding a copy of the lesson
(tests/browser_helpers.py), opens it in headless Chromium (Debian's package, driven by
Playwright: Playwright's own browser download cannot work on machines without
internet), runs all cells, changes the activation in the lesson's playground and checks
that its run resets and its output map changes. Skipped, with the reason, where no Chromium is installed
(`.ci/run` installs one).
"""

from pathlib import Path

import pytest
from browser_helpers import (
    CHROMIUM,
    FRONTENDS,
    NO_CHROMIUM,
    open_and_run_all,
    playground_responds,
    widget_page,
)

LESSON = Path(__file__).resolve().parent.parent / "notebooks" / "07_activation_functions.ipynb"

pytestmark = [pytest.mark.browser, pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM)]


@pytest.mark.parametrize("name", list(FRONTENDS))
def test_the_lessons_playground_responds_to_its_activation_menu(name, tmp_path):
    with widget_page(name, [LESSON], tmp_path) as (page, urls, errors):
        open_and_run_all(page, urls[LESSON.name])
        before, after, epoch = playground_responds(page)
    assert errors == [], f"JavaScript errors in {name}: {errors}"
    assert before.startswith("data:image/png") and after != before
    assert epoch == 0, "a new activation starts a new run"
