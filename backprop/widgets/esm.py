"""Join the widgets' JavaScript files into the one ES module that anywidget loads.

anywidget imports `_esm` from a blob URL, where `import ... from "./colors.js"` cannot
resolve. So the source stays one concept per file in `static/`, and this join (plain
Python, no bundler, no npm) puts them together:

- each file may import names from its neighbours, one statement per line:
  `import { a, b } from "./other.js";` (no other import: no package, no URL, no CDN);
- each file exports with `export function`, `export const`, `export let` or
  `export class`; the entry file alone has `export default`;
- every file except the entry becomes a closure that returns its exports
  (`const __colors = (() => { ...; return { a, b }; })();`), in dependency order, so
  the files' private names can never collide; an import becomes
  `const { a, b } = __colors;`.

Anything else (a cycle, a missing file, an import of an unknown name) raises.
"""

import functools
import re
from pathlib import Path

STATIC = Path(__file__).resolve().parent / "static"

_IMPORT = re.compile(r'^import\s*\{([^}]*)\}\s*from\s*"\./([\w-]+\.js)";?\s*$')
_EXPORT = re.compile(r"^export\s+(?:async\s+)?(function\*?|const|let|class)\s+([A-Za-z_$][\w$]*)")


def _module_name(filename):
    return "__" + re.sub(r"\W", "_", filename[:-3])


def _parse(path, entry):
    """(imports {file: [names]}, exports [names], body lines) of one file."""
    imports, exports, body = {}, [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path.name}:{number}"
        if line.startswith("import"):
            match = _IMPORT.match(line)
            if not match:
                raise ValueError(f"{where}: only `import {{ a, b }} from \"./file.js\";` is "
                                 f"supported (no packages, URLs or CDNs), got: {line.strip()}")
            names = [n.strip() for n in match.group(1).split(",") if n.strip()]
            if any(" as " in n for n in names):
                raise ValueError(f"{where}: `import {{ a as b }}` is not supported; use the name.")
            imports.setdefault(match.group(2), []).extend(names)
            continue
        if line.startswith("export default"):
            if not entry:
                raise ValueError(f"{where}: only the entry file may `export default`.")
        elif line.startswith("export"):
            match = _EXPORT.match(line)
            if not match:
                raise ValueError(f"{where}: write `export function|const|let|class name`, "
                                 f"got: {line.strip()}")
            exports.append(match.group(2))
            line = line[len("export "):]
        body.append(line)
    return imports, exports, body


@functools.lru_cache(maxsize=None)
def join(entry, folder=STATIC):
    """The single ES module made of `entry` (a file in `folder`) and what it imports."""
    folder = Path(folder)
    parsed, order, visiting = {}, [], set()

    def visit(name, chain):
        if name in visiting:
            raise ValueError(f"import cycle: {' -> '.join(chain + [name])}")
        if name in parsed:
            return
        path = folder / name
        if not path.is_file():
            raise FileNotFoundError(f"{chain[-1] if chain else 'join'} imports {name}, "
                                    f"which is not in {folder.name}/")
        visiting.add(name)
        parsed[name] = _parse(path, entry=(name == entry))
        for dependency in parsed[name][0]:
            visit(dependency, chain + [name])
        visiting.discard(name)
        order.append(name)

    visit(entry, [])
    out = [f"// One module joined from {', '.join(order)} by backprop.widgets.esm.join."]
    for name in order:
        imports, exports, body = parsed[name]
        lines = []
        for dependency, names in imports.items():
            missing = set(names) - set(parsed[dependency][1])
            if missing:
                raise ValueError(f"{name} imports {', '.join(sorted(missing))} from "
                                 f"{dependency}, which does not export it.")
            lines.append(f"const {{ {', '.join(names)} }} = {_module_name(dependency)};")
        if name == entry:
            out += [f"// ---- {name}"] + lines + body
        else:
            out += [f"// ---- {name}", f"const {_module_name(name)} = (() => {{"] + lines + body
            out += [f"return {{ {', '.join(exports)} }};", "})();"]
    return "\n".join(out) + "\n"
