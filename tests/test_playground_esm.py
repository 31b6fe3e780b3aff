"""The JavaScript: the joined module anywidget loads has no import left (a blob URL
cannot resolve one), it is valid JavaScript, the join refuses what it cannot join, and
no colour is written in the JavaScript or the CSS (they come from backprop.plots)."""

import re
import shutil
import subprocess

import pytest

from backprop.playground import Playground
from backprop.widgets.esm import STATIC, join

SOURCES = sorted(STATIC.glob("*.js")) + sorted(STATIC.glob("*.css"))


def test_the_joined_module_has_no_import_left():
    module = join("playground.js")
    assert not re.search(r"^\s*import\b", module, re.MULTILINE)
    assert not re.search(r"""\bfrom\s*["']""", module)
    assert not re.search(r"""\bimport\s*\(""", module)       # no dynamic import either
    assert "http://" not in module.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in module
    assert module.count("export default") == 1
    # every file of static/ that the entry uses is in it, each once
    for name in ["dom.js", "colors.js", "heatmap.js", "network.js", "controls.js", "frames.js"]:
        assert module.count(f"// ---- {name}") == 1


def test_the_widget_carries_the_joined_module():
    pg = Playground()
    assert pg._esm == join("playground.js") and "backprop-playground" in pg._css
    pg.close()


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_joined_module_is_valid_javascript(tmp_path):
    path = tmp_path / "playground.mjs"
    path.write_text(join("playground.js"))
    result = subprocess.run(["node", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def _write(folder, files):
    for name, text in files.items():
        (folder / name).write_text(text)


def test_the_join_scopes_each_file_and_wires_its_imports(tmp_path):
    _write(tmp_path, {
        "a.js": "const secret = 1;\nexport function one() { return secret; }\n",
        "b.js": "const secret = 2;\nexport const two = secret;\n",
        "main.js": 'import { one } from "./a.js";\nimport { two } from "./b.js";\n'
                   "export default { value: one() + two };\n",
    })
    module = join("main.js", folder=tmp_path)
    assert "const { one } = __a;" in module and "return { one };" in module
    assert module.index("// ---- a.js") < module.index("// ---- main.js")
    if shutil.which("node"):
        (tmp_path / "out.mjs").write_text(module)
        run = subprocess.run(["node", "--input-type=module", "-e",
                              f"import m from '{tmp_path / 'out.mjs'}'; console.log(m.value)"],
                             capture_output=True, text=True)
        assert run.stdout.strip() == "3", run.stderr   # both `secret`s kept apart


@pytest.mark.parametrize("files, message", [
    ({"main.js": 'import { x } from "https://cdn.example/x.js";\nexport default {};\n'},
     "no packages, URLs or CDNs"),
    ({"main.js": 'import x from "./a.js";\nexport default {};\n', "a.js": ""},
     "only `import { a, b } from"),
    ({"main.js": 'import { x } from "./a.js";\nexport default {};\n',
      "a.js": 'import { y } from "./main.js";\nexport const x = 1;\n'}, "import cycle"),
    ({"main.js": 'import { x } from "./a.js";\nexport default {};\n',
      "a.js": "export const y = 1;\n"}, "imports x from a.js, which does not export it"),
    ({"main.js": 'import { x } from "./missing.js";\nexport default {};\n'}, "missing.js"),
    ({"main.js": 'import { x } from "./a.js";\nexport default {};\n',
      "a.js": "export default {};\n"}, "only the entry file may `export default`"),
    ({"main.js": "export { a };\nexport default {};\n"}, "write `export function|const|let|class"),
])
def test_the_join_refuses_what_it_cannot_join(tmp_path, files, message):
    _write(tmp_path, files)
    with pytest.raises((ValueError, FileNotFoundError), match=re.escape(message)):
        join("main.js", folder=tmp_path)


# Hex colours, rgb()/hsl() with numbers, and CSS colour names used as values.
COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?)\(\s*\d|"
                    r"""(?:[:=]\s*|["'])(?:white|black|red|green|blue|orange|gray|grey|purple|"""
                    r"""yellow|silver|navy|teal)\b""")


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_no_colour_is_written_in_the_javascript_or_css(path):
    found = COLOUR.findall(path.read_text())
    assert found == [], f"{path.name} writes colours {found}: take them from the palette trait"


def test_the_colour_check_would_see_a_colour():
    assert COLOUR.findall('ctx.fillStyle = "#f59322";') and COLOUR.findall("color: white;")
    assert COLOUR.findall("rgb(12, 3, 4)") and not COLOUR.findall("rgb(${r}, ${g}, ${b})")
