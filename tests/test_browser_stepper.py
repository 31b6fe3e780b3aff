"""Real-browser tests of the stepper in JupyterLab and in Notebook 7, headless Chromium.

Opens tests/notebooks/stepper.ipynb (a Value graph in which `a` is used twice, then a
2-3-1 MLP on two examples), runs all cells, and drives both widgets like a learner and
like a presenter: step, back, play to the end, the keys, the large-text mode, and
Python moving the cursor. Expected numbers come from the same notebook cells run here
(the Script), rounded with the Script's own format. The tests of one frontend share one
page and run in order. Skipped, with the reason, where no Chromium is installed.
"""

import json
from pathlib import Path

import pytest
from browser_helpers import CHROMIUM, FRONTENDS, NO_CHROMIUM, open_and_run_all, widget_page

from backprop.stepper.numbers import number
from backprop.stepper.widget import TIMINGS

NOTEBOOK = Path(__file__).resolve().parent / "notebooks" / "stepper.ipynb"
V = ".backprop-stepper[data-source=value]"
M = ".backprop-stepper[data-source=mlp]"

pytestmark = [pytest.mark.browser, pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM)]


def _scripts():
    """The Scripts of the notebook's two widgets, from its own cells run in this process."""
    cells = [c for c in json.loads(NOTEBOOK.read_text())["cells"] if c["cell_type"] == "code"]
    scope = {}
    for cell in cells:
        exec("".join(cell["source"]), scope)
    return scope["w"].script, scope["m"].script


VALUE, NETWORK = _scripts()


@pytest.fixture(scope="module", params=list(FRONTENDS))
def page(request, tmp_path_factory):
    """The test notebook, run, in a fresh server of the frontend; fails on an error
    raised by the widget's JavaScript."""
    with widget_page(request.param, [NOTEBOOK], tmp_path_factory.mktemp("jupyter")) as \
            (page, urls, errors):
        open_and_run_all(page, urls[NOTEBOOK.name])
        page.wait_for_selector(M, timeout=90_000)
        page.locator(V).scroll_into_view_if_needed()
        page.shots = tmp_path_factory.mktemp("screenshots")
        yield page
    assert errors == [], f"JavaScript errors in {request.param}: {errors}"


def hook(page, root, name):
    return page.locator(root).get_attribute(f"data-{name}")


def wait_step(page, root, k, timeout=10_000):
    page.wait_for_function(f"() => document.querySelector('{root}').dataset.step === '{k}'",
                           timeout=timeout)


def shown(page, root, node, role):
    """The text the widget shows for a node (its data, grad, tally), with plain minus signs."""
    return page.locator(f"{root} [data-node='{node}'] [data-role={role}], "
                        f"{root} [data-role={role}][data-node='{node}']").first.text_content() \
        .replace("\u2212", "-")


def shown_value(page, node):
    return shown(page, V, node, "data")


def test_the_widgets_render_with_their_hooks(page):
    for root, script in ((V, VALUE), (M, NETWORK)):
        assert hook(page, root, "steps") == str(len(script.steps))
        assert hook(page, root, "forward-steps") == str(script.forward_steps)
        assert hook(page, root, "step") == "0" and hook(page, root, "highlight") == ""
        assert page.locator(root).get_attribute("tabindex") == "0"
        assert page.locator(root).get_attribute("data-lm-suppress-shortcuts") == "true"
    # one box per value, none showing a number yet
    assert page.locator(f"{V} .bp-node").count() == len(VALUE.layout["nodes"])
    assert all(shown_value(page, n["id"]) == "data" for n in VALUE.layout["nodes"])


def test_step_forward_highlights_the_next_node_and_shows_its_value(page):
    d = VALUE.decimals
    for k in (1, 2, 3):
        page.click(f"{V} [data-role=step]")
        wait_step(page, V, k)
        step = VALUE.steps[k - 1]
        assert hook(page, V, "highlight") == step["node"]
        assert shown_value(page, step["node"]) == f"data {number(step['data'], d)}"
        assert page.locator(f"{V} [data-role=panel]").get_attribute("data-text") == step["text"]
    assert hook(page, V, "highlight") != VALUE.steps[0]["node"]   # it moved


def test_step_back_hides_what_came_after(page):
    page.click(f"{V} [data-role=back]")
    wait_step(page, V, 2)
    assert hook(page, V, "highlight") == VALUE.steps[1]["node"]
    assert shown_value(page, VALUE.steps[2]["node"]) == "data"
    page.click(f"{V} [data-role=start]")
    wait_step(page, V, 0)
    assert hook(page, V, "highlight") == ""


def test_play_to_the_end_shows_every_gradient_at_a_fixed_pace(page):
    n, d = len(VALUE.steps), VALUE.decimals
    page.select_option(f"{V} select[data-role=speed]", "fast")
    # record when each step is shown, to check the fixed timing
    page.evaluate(f"""() => {{ const root = document.querySelector('{V}'); window.__times = [];
        new MutationObserver(() => window.__times.push(performance.now()))
            .observe(root, {{ attributes: true, attributeFilter: ['data-step'] }}); }}""")
    page.click(f"{V} [data-role=play]")
    page.wait_for_function(f"() => document.querySelector('{V}').dataset.playing === 'true'")
    wait_step(page, V, n, timeout=n * TIMINGS["fast"] + 20_000)
    page.wait_for_function(f"() => document.querySelector('{V}').dataset.playing === 'false'")
    for node in VALUE.layout["nodes"]:
        assert shown(page, V, node["id"], "grad") == f"grad {number(node['grad'], d)}"
        assert shown_value(page, node["id"]) == f"data {number(node['data'], d)}"
    # a, used twice: its two contributions, added, under its box
    a = next(node for node in VALUE.layout["nodes"] if node["name"] == "a")
    terms = [s["contribution"] for s in VALUE.steps if s.get("rule") == "chain" and s["node"] == a["id"]]
    assert len(terms) == 2
    tally = shown(page, V, a["id"], "tally")
    assert tally.startswith(number(terms[0], d)) and tally.endswith(f"= {number(a['grad'], d)}")
    intervals = page.evaluate("() => window.__times.slice(1).map((t, i) => t - window.__times[i])")
    assert len(intervals) >= n - 2
    assert min(intervals) >= TIMINGS["fast"] - 20            # never faster than the pace
    assert sorted(intervals)[len(intervals) // 2] < TIMINGS["fast"] * 1.5
    page.screenshot(path=str(page.shots / "value-end.png"))


def test_the_keys_step_play_and_jump_when_focused(page):
    n = len(VALUE.steps)
    page.select_option(f"{V} select[data-role=speed]", "normal")
    page.locator(V).focus()
    page.keyboard.press("Home")
    wait_step(page, V, 0)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    wait_step(page, V, 2)
    page.keyboard.press("ArrowLeft")
    wait_step(page, V, 1)
    assert hook(page, V, "highlight") == VALUE.steps[0]["node"]
    page.keyboard.press("End")
    wait_step(page, V, n)
    page.keyboard.press("Home")
    wait_step(page, V, 0)
    page.keyboard.press("Space")
    page.wait_for_function(f"() => document.querySelector('{V}').dataset.playing === 'true'")
    wait_step(page, V, 1, timeout=TIMINGS["normal"] + 5_000)
    page.keyboard.press("Space")
    page.wait_for_function(f"() => document.querySelector('{V}').dataset.playing === 'false'")
    stopped = hook(page, V, "step")
    page.wait_for_timeout(TIMINGS["normal"] + 300)
    assert hook(page, V, "step") == stopped
    # the notebook did not take the keys: the stepper still has the focus
    assert page.evaluate(f"() => document.activeElement === document.querySelector('{V}')")


def _python(page, code):
    """Run `code` in the notebook's kernel; its printed output."""
    return page.evaluate("""async (code) => {
        const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
        const future = kernel.requestExecute({ code });
        let out = "";
        future.onIOPub = (msg) => { if (msg.header.msg_type === "stream") out += msg.content.text; };
        await future.done;
        return out; }""", code)


def test_python_follows_the_cursor_and_can_move_it(page):
    page.locator(V).focus()
    page.keyboard.press("Home")
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    wait_step(page, V, 4)
    page.wait_for_timeout(600)   # the cursor is saved once a burst of steps ends
    assert _python(page, "print(w.step)").strip() == "4"
    _python(page, f"w.goto({VALUE.forward_steps})")
    wait_step(page, V, VALUE.forward_steps)
    assert hook(page, V, "highlight") == VALUE.steps[VALUE.forward_steps - 1]["node"]


def test_the_mlp_shows_each_layers_equation_and_every_gradient(page):
    d = NETWORK.decimals
    page.locator(M).scroll_into_view_if_needed()
    page.click(f"{M} [data-role=step]")
    page.click(f"{M} [data-role=step]")
    wait_step(page, M, 2)
    step = NETWORK.steps[1]                       # Z1 = X W1 + b1
    assert hook(page, M, "highlight") == step["node"] == "layer1"
    assert page.locator(f"{M} [data-role=panel]").get_attribute("data-text") == step["text"]
    assert page.locator(f"{M} [data-matrix=W1]").count() == 1
    for neuron, value in step["neurons"].items():
        assert shown(page, M, neuron, "data") == number(value, d)
    page.click(f"{M} [data-role=end]")
    wait_step(page, M, len(NETWORK.steps))
    last = {}
    for s in NETWORK.steps:
        if s["kind"] == "backward":
            last.update(s["neurons"])
    assert set(last) == {n["id"] for n in NETWORK.layout["nodes"]}
    for neuron, grad in last.items():
        assert shown(page, M, neuron, "grad") == number(grad, d)


def test_the_large_text_mode_is_readable_at_1280x720(page):
    page.locator(V).scroll_into_view_if_needed()
    page.click(f"{V} [data-role=large]")
    page.wait_for_function(f"() => document.querySelector('{V}').dataset.large === 'true'")
    page.locator(V).focus()
    page.keyboard.press("End")
    wait_step(page, V, len(VALUE.steps))
    panel = page.locator(f"{V} [data-role=panel]")
    size = page.evaluate("(el) => parseFloat(getComputedStyle(el).fontSize)", panel.element_handle())
    assert size >= 30
    # nothing spills out sideways at 1280 px: the bar and the panel fit the widget
    fits = page.evaluate(f"""() => [...document.querySelectorAll('{V} .bp-bar, {V} [data-role=panel]')]
        .every((el) => el.scrollWidth <= el.clientWidth + 1)""")
    assert fits
    box = page.locator(V).bounding_box()
    assert box["width"] <= 1280 and box["height"] <= 720
    page.locator(V).scroll_into_view_if_needed()
    page.screenshot(path=str(page.shots / "value-large.png"))
    page.click(f"{V} [data-role=large]")
    page.wait_for_function(f"() => document.querySelector('{V}').dataset.large === 'false'")


def test_the_mlp_names_each_backprop_equation_and_keys_its_edges(page):
    """Each backward step carries its BP tag (BP4 on dW2), the dW and db steps mark no
    single example's row (they sum over the batch), and the network says what its edge
    colours mean."""
    page.locator(M).scroll_into_view_if_needed()
    if not page.locator(f"{M} [data-role=start]").is_disabled():
        page.click(f"{M} [data-role=start]")
    wait_step(page, M, 0)
    target = next(k for k, s in enumerate(NETWORK.steps) if s["equation"].startswith("dW2"))
    for _ in range(target + 1):
        page.click(f"{M} [data-role=step]")
    wait_step(page, M, target + 1)
    panel = f"{M} [data-role=panel]"
    assert page.locator(f"{panel} [data-role=tag]").inner_text() == "BP4"
    assert page.locator(f"{panel} .bp-first").count() == 0
    assert "w < 0 slate" in page.locator(f"{M} [data-role=edge-key]").text_content()
    second_line = page.locator(f"{M} [data-role=edge-key-dw]").text_content()
    assert "lit edges: dW2, numbers in the panel" in second_line
    page.screenshot(path=str(page.shots / "mlp-dW2.png"))
    page.click(f"{M} [data-role=back]")
    wait_step(page, M, target)
    tags = {s["tag"] for s in NETWORK.steps if s["kind"] == "backward"}
    assert {"BP1", "BP2", "BP3", "BP4"} <= tags
    assert page.locator(f"{panel} [data-role=tag]").inner_text() == NETWORK.steps[target - 1]["tag"]
    assert page.locator(f"{M} [data-role=edge-key-dw]").text_content() == ""
