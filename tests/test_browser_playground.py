"""Real-browser tests of the playground in JupyterLab and in Notebook 7, headless Chromium.

Opens tests/notebooks/playground.ipynb (one playground at Playground's defaults), runs
all cells, then drives the widget like a learner: Play, Pause, Step, Reset, the
keyboard, a control that resets, and the +/- layer buttons, reading the test hooks on
the widget's root (data-epoch, data-status, data-layers, data-frames) and the pixels of
the output canvas. The tests of one frontend share one page and run in order.
Skipped, with the reason, where no Chromium is installed.
"""

from pathlib import Path

import pytest
from browser_helpers import CHROMIUM, CHROMIUM_ARGS, FRONTENDS, NO_CHROMIUM, frontend, open_and_run_all

NOTEBOOK = Path(__file__).resolve().parent / "notebooks" / "playground.ipynb"
ROOT = ".backprop-playground"

pytestmark = [pytest.mark.browser, pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM)]


@pytest.fixture(scope="module", params=list(FRONTENDS))
def page(request, tmp_path_factory):
    """The test notebook, run, in a fresh server of the frontend; fails on an error
    raised by the widget's JavaScript."""
    if FRONTENDS[request.param][0] == "notebook":
        pytest.importorskip("notebook", reason="Notebook 7 is not installed (pip install notebook)")
    playwright = pytest.importorskip("playwright.sync_api")
    errors = []
    with frontend(request.param, [NOTEBOOK], tmp_path_factory.mktemp("jupyter")) as urls, \
            playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        # anywidget runs the widget's module from a blob: URL; errors elsewhere are the
        # frontend's own (Notebook 7 reports one about a settings schema at start-up)
        page.on("pageerror", lambda error: errors.append(f"{error}\n{error.stack}")
                if "blob:" in (error.stack or "") else None)
        open_and_run_all(page, urls[NOTEBOOK.name])
        page.wait_for_function(f"() => +document.querySelector('{ROOT}')?.dataset.frames >= 1",
                               timeout=90_000)
        page.locator(ROOT).scroll_into_view_if_needed()
        yield page
        browser.close()
    assert errors == [], f"JavaScript errors in {request.param}: {errors}"


def hook(page, name):
    return page.locator(ROOT).get_attribute(f"data-{name}")


def epoch(page):
    return int(hook(page, "epoch"))


def wait_epoch(page, condition, timeout=30_000):
    page.wait_for_function(f"() => {{ const e = +document.querySelector('{ROOT}').dataset.epoch;"
                           f" return {condition}; }}", timeout=timeout)


def output_pixels(page):
    return page.evaluate(f"() => document.querySelector('{ROOT} canvas[data-role=output]')"
                         ".toDataURL()")


def test_the_widget_shows_the_default_setting(page):
    assert hook(page, "status") == "paused" and epoch(page) == 0
    assert hook(page, "layers") == "4,2" and hook(page, "edges") == "weight"
    root = page.locator(ROOT)
    assert root.get_attribute("tabindex") == "0"
    assert root.get_attribute("data-lm-suppress-shortcuts") == "true"
    assert page.locator(f"{ROOT} .bp-hidden").count() == 6


def test_play_raises_the_epoch_and_changes_the_output(page):
    before = output_pixels(page)
    page.click(f"{ROOT} [data-role=play]")
    page.wait_for_function(f"() => document.querySelector('{ROOT}').dataset.status === 'playing'")
    wait_epoch(page, "e >= 20")
    assert output_pixels(page) != before
    assert int(hook(page, "frames")) >= 20


def test_pause_stops_the_epoch(page):
    page.click(f"{ROOT} [data-role=play]")
    page.wait_for_function(f"() => document.querySelector('{ROOT}').dataset.status === 'paused'")
    page.wait_for_timeout(300)   # the last frames in flight arrive
    stopped = epoch(page)
    page.wait_for_timeout(1000)
    assert epoch(page) == stopped


def test_step_adds_exactly_one_epoch(page):
    start = epoch(page)
    page.click(f"{ROOT} [data-role=step]")
    wait_epoch(page, f"e === {start + 1}")
    page.wait_for_timeout(500)
    assert epoch(page) == start + 1 and hook(page, "status") == "paused"


def test_reset_goes_back_to_epoch_0(page):
    assert epoch(page) > 0
    page.click(f"{ROOT} [data-role=reset]")
    wait_epoch(page, "e === 0")


def test_the_keyboard_plays_pauses_and_steps(page):
    page.locator(ROOT).focus()
    page.keyboard.press("Space")
    page.wait_for_function(f"() => document.querySelector('{ROOT}').dataset.status === 'playing'")
    wait_epoch(page, "e >= 5")
    page.keyboard.press("Space")
    page.wait_for_function(f"() => document.querySelector('{ROOT}').dataset.status === 'paused'")
    page.wait_for_timeout(300)
    stopped = epoch(page)
    page.keyboard.press("ArrowRight")
    wait_epoch(page, f"e === {stopped + 1}")
    # the notebook did not take the keys: the playground still has the focus
    assert page.evaluate(f"() => document.activeElement === document.querySelector('{ROOT}')")


def test_changing_the_activation_resets_training(page):
    page.click(f"{ROOT} [data-role=play]")
    wait_epoch(page, "e >= 5")
    page.select_option(f"{ROOT} select[data-role=activation]", label="ReLU")
    wait_epoch(page, "e === 0")
    page.wait_for_function(f"() => document.querySelector('{ROOT}').dataset.status === 'paused'")
    page.wait_for_timeout(500)
    assert epoch(page) == 0


def test_adding_a_layer_adds_a_column_of_neurons(page):
    columns = ("() => new Set([...document.querySelectorAll('.backprop-playground .bp-hidden')]"
               ".map((n) => n.dataset.layer)).size")
    assert page.evaluate(columns) == 2
    page.click(f"{ROOT} [data-role=add-layer]")
    page.wait_for_function(f"() => document.querySelector('{ROOT}').dataset.layers === '4,2,2'")
    assert page.evaluate(columns) == 3
    assert page.locator(f"{ROOT} .bp-hidden[data-layer='3']").count() == 2
    page.click(f"{ROOT} [data-role=remove-layer]")
    page.wait_for_function(f"() => document.querySelector('{ROOT}').dataset.layers === '4,2'")
    assert page.evaluate(columns) == 2
