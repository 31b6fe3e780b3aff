"""`backprop.widgets.explorer`: each setting of a pure figure function is drawn at most
once, up front with `precompute`, and what a control change shows is that drawing."""

import matplotlib

matplotlib.use("Agg")  # headless; set before pyplot is imported

import ipywidgets as widgets  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from widget_helpers import record_displays, same_picture  # noqa: E402

from backprop.widgets import controls  # noqa: E402
from backprop.widgets.explorer import FigureCache, explorer  # noqa: E402


class CountingFigures:
    """A pure figure function (a bar per argument) that counts its calls."""

    def __init__(self):
        self.calls = []

    def __call__(self, shape="square", size=1):
        self.calls.append((shape, size))
        fig, ax = plt.subplots(figsize=(2, 2))
        ax.bar([0, 1], [size, 2 if shape == "square" else 3])
        return fig


def shapes_and_sizes():
    return {"shape": widgets.Dropdown(options=["square", "round"], value="square"),
            "size": widgets.SelectionSlider(options=[("one", 1), ("two", 2), ("three", 3)],
                                            value=1)}


def test_precompute_draws_every_combination_once_and_changes_only_show(monkeypatch):
    plt.close("all")
    shown, figure = record_displays(monkeypatch), CountingFigures()
    widget = explorer(figure, shapes_and_sizes(), css_class="shapes")
    assert sorted(figure.calls) == sorted((s, n) for s in ("square", "round") for n in (1, 2, 3))
    assert "shapes" in widget._dom_classes and len(shown) == 1
    shape, size = widget.children[:2]
    shape.value, size.value, shape.value = "round", 3, "square"
    assert len(figure.calls) == 6, "a control change must not draw again"
    assert len(shown) == 4 and len(set(shown)) == 4
    assert same_picture(shown[-1], figure("square", 3))
    assert plt.get_fignums() == []


def test_without_precompute_each_setting_is_drawn_on_its_first_visit(monkeypatch):
    shown, figure = record_displays(monkeypatch), CountingFigures()
    widget = explorer(figure, shapes_and_sizes(), css_class="shapes", precompute=False)
    assert figure.calls == [("square", 1)]  # the first display
    size = widget.children[1]
    size.value, size.value = 2, 1
    assert figure.calls == [("square", 1), ("square", 2)]
    assert shown[0] == shown[2] != shown[1]


def test_cache_key_merges_settings_that_draw_the_same_figure():
    figure = CountingFigures()
    cache = FigureCache(figure, cache_key=lambda shape, size: shape)
    cache.fill(shapes_and_sizes())
    assert len(cache.drawn) == 2 and len(figure.calls) == 2


def test_an_error_in_the_figure_function_reaches_the_caller():
    def broken(**values):
        plt.figure()
        raise ValueError("no such setting")

    with pytest.raises(ValueError, match="no such setting"):
        FigureCache(broken).png(shape="square")
    plt.close("all")


def test_controls_offer_lists_of_values_so_settings_can_be_drawn_ahead():
    for control in (controls.learning_rate_slider(), controls.regularization_rate_slider(),
                    controls.activation_dropdown(), controls.regularization_dropdown()):
        assert isinstance(control, (widgets.Dropdown, widgets.SelectionSlider))


@pytest.mark.parametrize("make, what", [
    (lambda: controls.learning_rate_slider(0.05), "learning rate 0.05"),
    (lambda: controls.regularization_rate_slider(0.2), "regularization rate 0.2"),
    (lambda: controls.activation_dropdown("softplus"), "activation 'softplus'"),
    (lambda: controls.regularization_dropdown("dropout"), "regularization 'dropout'"),
])
def test_a_value_outside_a_controls_list_is_refused_with_the_list(make, what):
    with pytest.raises(ValueError, match=f"{what} is not one of the explorer's values: .*Pick one"):
        make()


def test_fill_reports_progress_once_per_distinct_figure():
    figure, calls = CountingFigures(), []
    cache = FigureCache(figure, cache_key=lambda shape, size: shape)
    cache.fill(shapes_and_sizes(), progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 2), (2, 2)]
    cache.fill(shapes_and_sizes(), progress=lambda done, total: calls.append((done, total)))
    assert len(calls) == 2, "nothing left to draw, nothing to report"


def test_in_a_notebook_a_progress_bar_shows_while_drawing_and_leaves_no_trace(monkeypatch):
    from backprop.widgets import explorer as module

    class Handle:
        def __init__(self):
            self.updates = []

        def update(self, obj):
            self.updates.append(obj.data)

    shown, handle = [], Handle()

    def fake_display(obj, display_id=False):
        shown.append(obj)
        return handle if display_id else None

    monkeypatch.setattr(module, "_in_a_kernel", lambda: True)
    monkeypatch.setattr(module, "display", fake_display)
    widget = explorer(CountingFigures(), shapes_and_sizes(), css_class="shapes")
    assert '<progress value="1" max="6"' in shown[0].data and "1 of 6" in shown[0].data
    assert [f"{k} of 6" in text for k, text in zip(range(2, 7), handle.updates)] == [True] * 5
    assert handle.updates[-1] == ""  # replaced by nothing when done
    assert len(widget.figures.drawn) == 6


def test_outside_a_notebook_no_progress_bar_is_shown(monkeypatch):
    shown = record_displays(monkeypatch)
    explorer(CountingFigures(), shapes_and_sizes(), css_class="shapes")
    assert len(shown) == 1  # only the explorer's first figure


def test_the_display_carries_the_current_figure_as_a_png_for_saved_notebooks(monkeypatch):
    """A saved notebook shows the explorer's PNG where no widget can run; it is the
    figure of the setting the controls hold, and follows a control change."""
    import base64

    from backprop.widgets.neuron import neuron_explorer, neuron_figure

    shown = record_displays(monkeypatch)
    widget = neuron_explorer(w=(1.0, -0.5), b=0.5)
    bundle = widget._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert base64.b64decode(bundle["image/png"]) == shown[-1]
    widget.children[2].value = -1.0
    png = base64.b64decode(widget._repr_mimebundle_()["image/png"])
    from backprop.widgets.neuron import lesson_data

    assert same_picture(png, neuron_figure(1.0, -0.5, -1.0, *lesson_data()))
