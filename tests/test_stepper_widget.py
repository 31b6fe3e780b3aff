"""The stepper widget without a kernel: its traits carry exactly the Script's steps (the
browser computes nothing), the colours are backprop.plots', the display data has a PNG
of the finished pass and a stable text/plain, bad arguments are refused, and the joined
JavaScript module is valid, has no import left, and rounds numbers exactly as the
Script's texts do (checked by running the module's own files in node)."""

import base64
import json
import re
import shutil
import subprocess

import numpy as np
import pytest
import traitlets
from matplotlib.colors import to_hex

from backprop import MLP, Value, plots
from backprop.stepper import Stepper, build, stepper
from backprop.stepper.numbers import number
from backprop.stepper.pictures import NEGATIVE_EDGE
from backprop.stepper.widget import TIMINGS
from backprop.widgets.esm import STATIC, join

NODE = shutil.which("node")


def expression():
    """a is used twice: L = (a·b + c)·a."""
    a, b, c = Value(2.0, label="a"), Value(-3.0, label="b"), Value(10.0, label="c")
    e = a * b
    e.label = "e"
    d = e + c
    d.label = "d"
    L = d * a
    L.label = "L"
    return L


def neuron():
    x, w, b = Value(0.5, label="x"), Value(-1.5, label="w"), Value(0.25, label="b")
    z = x * w + b
    return ((z.tanh() - Value(1.0, label="y")) ** 2)


def mlp(sizes=(2, 3, 1), n=2, activation="tanh"):
    rng = np.random.default_rng(3)
    X = rng.normal(size=(n, sizes[0]))
    y = rng.normal(size=(n, sizes[-1]))
    return MLP(list(sizes), activation=activation, seed=1), X, y


SOURCES = {
    "value": lambda: (expression(),),
    "neuron": lambda: (neuron(),),
    "mlp-2-3-1": lambda: mlp(),
    "mlp-3-4-2-4": lambda: mlp((3, 4, 2), n=4, activation="relu"),
}


@pytest.fixture(params=list(SOURCES))
def made(request):
    """(widget, a Script built the same way from a fresh copy of the same source)."""
    widget = stepper(*SOURCES[request.param]())
    yield widget, build(*SOURCES[request.param]())
    widget.close()


def test_the_trait_carries_exactly_the_scripts_steps(made):
    widget, fresh = made
    sent = json.loads(widget._script)
    assert sent == widget.script.to_dict()
    assert sent["steps"] == widget.script.steps          # full precision, every field
    assert sent["forward_steps"] == widget.script.forward_steps
    # and they are the engine's numbers: the same source built again gives the same
    assert sent["steps"] == fresh.steps and sent["layout"] == fresh.layout


def test_the_value_steps_the_browser_gets_end_with_every_gradient():
    L = expression()
    widget = stepper(L)
    steps = json.loads(widget._script)["steps"]
    last = {}
    for step in steps:
        if step["kind"] == "backward":
            last[step["node"]] = step["grad"]
    order = [step["node"] for step in steps if step["kind"] == "forward"]
    nodes = {n["id"]: n for n in json.loads(widget._script)["layout"]["nodes"]}
    assert set(last) == set(order) == set(nodes)
    for node_id, grad in last.items():
        assert grad == nodes[node_id]["grad"]            # the engine's grad, exactly
    a = next(n["id"] for n in nodes.values() if n["name"] == "a")
    terms = [s["contribution"] for s in steps if s.get("rule") == "chain" and s["node"] == a]
    assert len(terms) == 2 and terms[0] + terms[1] == pytest.approx(last[a], abs=1e-12)
    widget.close()


def test_the_colours_are_the_course_palette():
    widget = stepper(expression())
    assert widget.palette == {
        "forward": to_hex(plots.FORWARD), "gradient": to_hex(plots.GRADIENT),
        "ink": to_hex(plots.TRAIN), "neutral": to_hex(plots.NEUTRAL),
        "negative": to_hex(NEGATIVE_EDGE), "positive": to_hex(plots.POSITIVE)}
    assert widget.timings == TIMINGS and all(isinstance(ms, int) for ms in TIMINGS.values())
    widget.close()


def test_the_display_data_has_the_finished_picture_and_a_stable_text(made):
    widget, fresh = made
    data, _ = widget._repr_mimebundle_()
    png = base64.b64decode(data["image/png"])
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and png == fresh.png()
    assert "application/vnd.jupyter.widget-view+json" in data
    assert data["text/plain"] == repr(widget) == repr(fresh) == fresh.summary
    assert not re.search(r"0x[0-9a-f]{6,}", data["text/plain"])   # no memory address
    assert "text/html" not in data                                # it would beat the PNG


def test_options_reach_the_traits_and_goto_moves_the_cursor():
    widget = stepper(expression(), speed="slow", large=True)
    assert (widget.speed, widget.large, widget.step) == ("slow", True, 0)
    n = len(widget.script.steps)
    assert widget.goto(widget.script.forward_steps).step == widget.script.forward_steps
    widget.goto(n)
    assert widget.step == n
    with pytest.raises(traitlets.TraitError, match=f"0 to {n}"):
        widget.goto(n + 1)
    with pytest.raises(traitlets.TraitError, match="speed must be one of slow, normal, fast"):
        widget.speed = "warp"
    widget.close()


def test_bad_arguments_say_what_to_do():
    with pytest.raises(ValueError, match="speed must be one of"):
        stepper(expression(), speed="warp")
    with pytest.raises(TypeError, match="Use stepper"):
        Stepper("not a script")
    with pytest.raises(TypeError, match="X and y are for an MLP"):
        stepper(expression(), np.zeros((1, 2)))
    model, X, y = mlp()
    with pytest.raises(TypeError, match="needs the batch X and its targets y"):
        stepper(model)


def test_the_widget_carries_the_joined_module_and_its_css():
    widget = stepper(expression())
    assert widget._esm == join("stepper.js") and ".backprop-stepper" in widget._css
    widget.close()


def test_the_joined_module_has_no_import_left():
    module = join("stepper.js")
    assert not re.search(r"^\s*import\b", module, re.MULTILINE)
    assert not re.search(r"""\bfrom\s*["']""", module)
    assert not re.search(r"""\bimport\s*\(""", module)
    assert "https://" not in module and "http://" not in module.replace("http://www.w3.org/2000/svg", "")
    assert module.count("export default") == 1
    # every stepper file and the shared drawing file are in it, each once
    for path in sorted(STATIC.glob("stepper*.js")) + [STATIC / "draw.js"]:
        assert module.count(f"// ---- {path.name}") == 1, path.name


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_the_joined_module_is_valid_javascript(tmp_path):
    path = tmp_path / "stepper.mjs"
    path.write_text(join("stepper.js"))
    result = subprocess.run([NODE, "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def _node(tmp_path, files, script):
    """Run `script` (an ES module importing the given static files) in node; its stdout."""
    for name in files:
        shutil.copy(STATIC / name, tmp_path / name)
    (tmp_path / "main.mjs").write_text(script)
    result = subprocess.run([NODE, str(tmp_path / "main.mjs")], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_the_browser_rounds_every_number_as_the_scripts_texts_do(tmp_path):
    # exact ties (0.125, 2.5) are where JavaScript's toFixed and Python's format differ
    values = [0.125, -0.125, 0.375, 2.5, 3.5, -0.001, 1.005, 123.456, -2.675, 0.0, -0.0,
              1e-30, 6.0, -4.0, 0.8364600460297281, -1.289209455675054, 1e6 + 0.5]
    cases = [(x, d) for x in values for d in (0, 1, 2, 4)]
    out = _node(tmp_path, ["stepper_format.js"],
                'import { fixed } from "./stepper_format.js";\n'
                f"const cases = {json.dumps(cases)};\n"
                "console.log(JSON.stringify(cases.map(([x, d]) => fixed(x, d))));\n")
    assert json.loads(out) == [number(x, d) for x, d in cases]


@pytest.mark.skipif(NODE is None, reason="node is not installed")
@pytest.mark.parametrize("name", list(SOURCES))
def test_the_state_the_browser_shows_at_the_end_is_the_engines(tmp_path, name):
    script = build(*SOURCES[name]())
    out = _node(tmp_path, ["stepper_state.js"],
                'import { stateAt } from "./stepper_state.js";\n'
                f"const steps = {script.to_json()}.steps;\n"
                "const states = [0, " f"{script.forward_steps}, steps.length"
                "].map((k) => stateAt(steps, k));\n"
                "console.log(JSON.stringify(states));\n")
    start, forward, end = json.loads(out)
    assert start["current"] is None and start["data"] == {} and start["grad"] == {}
    if script.source == "value":
        nodes = {n["id"]: n for n in script.layout["nodes"]}
        assert forward["data"] == {i: n["data"] for i, n in nodes.items()} and forward["grad"] == {}
        assert end["grad"] == {i: n["grad"] for i, n in nodes.items()}
        for node_id, terms in end["terms"].items():   # the contributions add up to the gradient
            assert sum(terms) == pytest.approx(end["grad"][node_id], rel=1e-12, abs=1e-12)
    else:
        neurons = [n["id"] for n in script.layout["nodes"]]
        assert set(forward["value"]) == set(neurons) and forward["neuronGrad"] == {}
        assert set(end["neuronGrad"]) == set(neurons)
        last = {}
        for step in script.steps:
            if step["kind"] == "backward":
                last.update(step["neurons"])
        assert end["neuronGrad"] == last
        assert set(end["edgeGrad"]) == {e["id"] for e in script.layout["edges"]}


def test_picture_step_freezes_only_the_saved_picture():
    root = Value(2.0, label="a") * Value(-3.0, label="b")
    k = build(root).forward_steps + 2
    frozen = stepper(root, picture_step=k)
    data, _ = frozen._repr_mimebundle_()
    assert base64.b64decode(data["image/png"]) == frozen.script.png(k)
    assert base64.b64decode(data["image/png"]) != frozen.script.png()
    assert frozen.step == 0                      # the live widget still starts at the start
    plain, _ = stepper(root)._repr_mimebundle_()
    assert base64.b64decode(plain["image/png"]) == frozen.script.png()
    with pytest.raises(ValueError, match="picture_step"):
        stepper(root, picture_step=1)
