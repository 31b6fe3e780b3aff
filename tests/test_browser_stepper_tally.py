"""A running total ("6.00 + 10.00 = 16.00") never covers an operation's circle.

Lesson 02's out = (x y)(x + z) puts x's total, drawn above x's box, right where p's `*`
sits; the widget must move it below the box. Measured in headless Chromium at 1280x720
in JupyterLab, on the widget at the end of its backward pass (every total shown)."""

from pathlib import Path

import pytest
from browser_helpers import CHROMIUM, NO_CHROMIUM, open_and_run_all, widget_page

NOTEBOOK = Path(__file__).resolve().parent / "notebooks" / "stepper_two_paths.ipynb"
W = ".backprop-stepper[data-source=value]"

pytestmark = [pytest.mark.browser, pytest.mark.skipif(CHROMIUM is None, reason=NO_CHROMIUM)]

OVERLAPS = """(root) => {
  const svg = document.querySelector(root + ' svg.bp-graph');
  const box = (el) => el.getBoundingClientRect();
  const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const totals = [...svg.querySelectorAll('[data-role=tally]')].filter((t) => t.textContent);
  const circles = [...svg.querySelectorAll('.bp-op circle')];
  return {totals: totals.map((t) => t.textContent),
          overlaps: totals.flatMap((t) => circles.filter((c) => hit(box(t), box(c)))
                                              .map(() => t.textContent))};
}"""


def test_a_running_total_never_covers_an_operation(tmp_path):
    with widget_page("JupyterLab", [NOTEBOOK], tmp_path) as (page, urls, errors):
        open_and_run_all(page, urls[NOTEBOOK.name])
        page.wait_for_selector(f"{W} svg.bp-graph", timeout=90_000)
        page.locator(W).scroll_into_view_if_needed()
        page.wait_for_function(f"() => [...document.querySelectorAll('{W} [data-role=tally]')]"
                               ".some((t) => t.textContent)", timeout=30_000)
        found = page.evaluate(OVERLAPS, W)
    assert errors == []
    assert any("16" in t for t in found["totals"]), found   # x's two paths: 6 + 10 = 16
    assert found["overlaps"] == [], found
