"""Real-browser tests of the playground in JupyterLab and in Notebook 7, headless Chromium.

Opens tests/notebooks/playground.ipynb (one playground at Playground's defaults), runs
all cells, then drives the widget like a learner: Play, Pause, Step, Reset, the
keyboard, a control that resets, the +/- layer buttons, and the backward view (the
gradient switch, the delta bars, hovering an edge, the gradient-norm chart), reading the
test hooks on the widget's root (data-epoch, data-status, data-layers, data-frames,
data-edges) and the pixels of the output canvas. The tests of one frontend share one
page and run in order.
Skipped, with the reason, where no Chromium is installed.
"""

import re
from pathlib import Path

import pytest
from browser_helpers import CHROMIUM, FRONTENDS, NO_CHROMIUM, open_and_run_all, widget_page

NOTEBOOK = Path(__file__).resolve().parent / "notebooks" / "playground.ipynb"
ROOT = ".backprop-playground"

pytestmark = [pytest.mark.browser, pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM)]


@pytest.fixture(scope="module", params=list(FRONTENDS))
def page(request, tmp_path_factory):
    """The test notebook, run, in a fresh server of the frontend; fails on an error
    raised by the widget's JavaScript."""
    with widget_page(request.param, [NOTEBOOK], tmp_path_factory.mktemp("jupyter")) as \
            (page, urls, errors):
        open_and_run_all(page, urls[NOTEBOOK.name])
        page.wait_for_function(f"() => +document.querySelector('{ROOT}')?.dataset.frames >= 1",
                               timeout=90_000)
        page.locator(ROOT).scroll_into_view_if_needed()
        yield page
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


EDGES = f"{ROOT} path.bp-edge"
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def number(text):
    """A number as the tooltip writes it (−3.20×10⁻⁴, 0.0211) as a float."""
    text = text.strip().replace("−", "-")
    match = re.fullmatch(r"(-?[\d.]+)(?:×10([⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+))?", text)
    assert match, f"not a number: {text!r}"
    exponent = int(match.group(2).translate(SUPERSCRIPTS)) if match.group(2) else 0
    return float(match.group(1)) * 10.0 ** exponent


def drawn_edges(page):
    return page.evaluate(f"() => [...document.querySelectorAll('{EDGES}')].map((p) =>"
                         " [p.getAttribute('stroke'), p.getAttribute('stroke-width'), p.dataset.value])")


def test_the_gradient_view_changes_the_edges(page):
    page.click(f"{ROOT} [data-role=step]")   # a trained state: the gradients are not the weights
    page.click(f"{ROOT} [data-role=step]")
    wait_epoch(page, "e >= 2")
    page.wait_for_timeout(300)
    assert hook(page, "edges") == "weight"
    weights = drawn_edges(page)
    page.click(f"{ROOT} [data-role=edges-gradient]")
    page.wait_for_function(f"() => document.querySelector('{ROOT}').dataset.edges === 'gradient'")
    page.wait_for_timeout(300)
    gradients = drawn_edges(page)
    assert len(gradients) == len(weights) == 2 * 4 + 4 * 2 + 2 * 1
    assert [e[0] for e in gradients] != [e[0] for e in weights]     # colours
    assert [e[1] for e in gradients] != [e[1] for e in weights]     # widths
    assert [e[2] for e in gradients] != [e[2] for e in weights]     # the values drawn
    assert page.locator(f"{ROOT} [data-role=edges-gradient]").get_attribute("aria-pressed") == "true"
    # every neuron (and the output) shows the size of its delta
    heights = page.evaluate(f"() => [...document.querySelectorAll('{ROOT} [data-role=delta]')]"
                            ".map((d) => d.firstChild.getBoundingClientRect().height)")
    assert len(heights) == 4 + 2 + 1 and sum(heights) > 0
    # an empty bar is a neuron whose delta is below the scale (a dead ReLU has exactly 0):
    # hovering it shows the number
    hidden = page.locator(f"{ROOT} .bp-hidden")
    for i, height in enumerate(heights[:-1]):
        hidden.nth(i).hover()
        tip = page.locator(f"{ROOT} [data-role=tip]")
        tip.wait_for(state="visible")
        delta = number(tip.locator("[data-role=tip-delta]").inner_text())
        assert (height == 0) == (delta < 1e-5), (i, height, delta)
    page.mouse.move(5, 5)


def test_hovering_an_edge_shows_w_its_gradient_and_the_next_step(page):
    assert hook(page, "edges") == "gradient"
    # the middle of the first edge, and the edge that is really under it there
    x, y = page.evaluate(f"""() => {{
        const hit = document.querySelector('{ROOT} .bp-edge-hit');
        const p = hit.getPointAtLength(hit.getTotalLength() / 2);
        const m = hit.getScreenCTM();
        return [m.a * p.x + m.c * p.y + m.e, m.b * p.x + m.d * p.y + m.f]; }}""")
    page.mouse.move(x, y)
    tip = page.locator(f"{ROOT} [data-role=tip]")
    tip.wait_for(state="visible")
    index = page.evaluate("([x, y]) => +document.elementFromPoint(x, y).dataset.index", [x, y])
    drawn = float(page.evaluate(f"(i) => document.querySelectorAll('{EDGES}')[i].dataset.value", index))
    w = number(tip.locator("[data-role=tip-value]").inner_text())
    grad = number(tip.locator("[data-role=tip-grad]").inner_text())
    step = number(tip.locator("[data-role=tip-step]").inner_text())
    assert grad == pytest.approx(drawn, rel=6e-3)                 # the number the edge is drawn by
    assert w != 0 and step != 0 and "η = 0.03" in tip.inner_text()
    page.mouse.move(5, 5)
    tip.wait_for(state="hidden")


def test_the_gradient_norm_chart_grows_while_playing(page):
    chart = f"{ROOT} canvas[data-role=grad-chart]"
    before = int(page.locator(chart).get_attribute("data-epochs"))
    assert before == epoch(page)
    pixels = page.evaluate(f"() => document.querySelector('{chart}').toDataURL()")
    page.click(f"{ROOT} [data-role=play]")
    wait_epoch(page, f"e >= {before + 15}")
    page.click(f"{ROOT} [data-role=play]")
    page.wait_for_function(f"() => document.querySelector('{ROOT}').dataset.status === 'paused'")
    page.wait_for_timeout(500)
    assert int(page.locator(chart).get_attribute("data-epochs")) == epoch(page) >= before + 15
    assert page.evaluate(f"() => document.querySelector('{chart}').toDataURL()") != pixels
    page.click(f"{ROOT} [data-role=edges-weight]")   # back to Playground's view
    page.wait_for_function(f"() => document.querySelector('{ROOT}').dataset.edges === 'weight'")
