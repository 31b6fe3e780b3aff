"""What a teacher wants to know about a solution, read from its syntax tree (never run).

`Inspection(cells, exercises)` parses the learner's code cells (IPython `%` and `!` lines
blanked) and, for each exercise, finds its *solution code*: the last top-level definition
of each name the check is called with, and every top-level function or class that code
refers to (transitively). Names are resolved through the notebook's imports, so
`import backprop as bp; bp.layers.Linear` and `from backprop import Linear` both read as
`backprop.Linear`-like dotted names, as does `getattr(backprop, "Linear")`.

- `flags(exercise)`: the exercise's solution code reaches a name the exercise replaces
  (`Exercise.replaces`: `backprop.Linear` covers `backprop.Linear.forward`, a module
  covers what is in it), or touches grader or interpreter internals (`sys.modules`,
  import hooks, `builtins`, IPython events, the environment, the grader's `_bp_` names,
  assigning into a module). Internals touched outside every exercise's code are the
  notebook's flags (`notebook_flags`).
- `calls_earlier(exercise, earlier)`: the earlier exercises whose functions the solution
  code calls, so a wrong earlier answer can be named as the cause.

A flag is a reason to look, not proof: the syntax tree cannot see every way to reach a
name, and a flagged line may be harmless.
"""

import ast
import re
from dataclasses import dataclass

INTERNALS = ("sys.modules", "sys.meta_path", "sys.path_hooks", "sys.path_importer_cache",
             "sys.settrace", "sys.setprofile", "sys._getframe", "sys.addaudithook",
             "sys.stdout", "sys.displayhook", "sys.excepthook", "importlib", "builtins",
             "__builtins__", "__import__", "os.environ", "os.putenv", "os.unsetenv",
             "os.kill", "os.fork", "ctypes", "gc.get_objects", "gc.get_referrers",
             "inspect.currentframe", "inspect.stack", "atexit", "threading.settrace")
IPYTHON = {"events", "ast_transformers", "input_transformers_cleanup",
           "input_transformers_post", "user_ns", "user_global_ns", "register_magic_function",
           "set_custom_exc", "displayhook", "display_pub", "run_cell", "kernel"}
MAGIC = re.compile(r"^\s*[%!]")


@dataclass
class Reach:
    name: str   # the dotted name reached, e.g. "backprop.layers.Linear"
    cell: int   # the code cell's number (1-based, among code cells)
    line: int

    def where(self):
        return f"code cell {self.cell}, line {self.line}"


def covers(listed, name):
    """Whether the listed dotted name covers `name` (itself or something inside it)."""
    return name == listed or name.startswith(listed + ".")


class Inspection:
    def __init__(self, cells):
        """`cells`: [(code cell number, source)] of the learner's cells, in order."""
        self.trees = []
        for number, source in cells:
            text = "\n".join("" if MAGIC.match(line) else line for line in source.split("\n"))
            try:
                self.trees.append((number, ast.parse(text)))
            except (SyntaxError, ValueError):
                continue  # a cell that cannot run has no solution code either
        self.aliases = {}      # module-level: local name -> dotted name
        self.definitions = {}  # top-level def/class name -> (cell, node); the last one wins
        for number, tree in self.trees:
            for node in tree.body:
                _imports(node, self.aliases)
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    self.definitions[node.name] = (number, node)

    def solution(self, names):
        """The (cell, node) of the definitions of `names` and of the helpers they use."""
        found, todo = {}, [n for n in names if n in self.definitions]
        while todo:
            name = todo.pop()
            if name in found:
                continue
            found[name] = self.definitions[name]
            for node in ast.walk(found[name][1]):
                if isinstance(node, ast.Name) and node.id in self.definitions \
                        and node.id not in found:
                    todo.append(node.id)
        return found

    def reaches(self, node, cell, aliases):
        """Every dotted name the code under `node` refers to, as a Reach."""
        local = dict(aliases)
        for sub in ast.walk(node):
            _imports(sub, local)
        inner = {id(sub.value) for sub in ast.walk(node) if isinstance(sub, ast.Attribute)}
        out = []
        for sub in ast.walk(node):
            name = None if id(sub) in inner else _dotted(sub, local)  # the whole chain only
            if name:
                out.append(Reach(name, cell, getattr(sub, "lineno", 0)))
            elif isinstance(sub, ast.Name) and sub.id.startswith("_bp_"):
                out.append(Reach(sub.id, cell, sub.lineno))
            if isinstance(sub, ast.Attribute) and sub.attr in IPYTHON and \
                    _is_get_ipython(sub.value, local):
                out.append(Reach(f"get_ipython().{sub.attr}", cell, sub.lineno))
            for target in _assigned(sub):
                dotted = _dotted(target, local)
                if dotted and ("." in dotted or isinstance(sub, ast.Call)):
                    out.append(Reach(f"assignment to {dotted}", cell, sub.lineno))
        return out

    def flags(self, exercise, solution_names=None):
        """The exercise's flags: one line each, naming what was reached and where."""
        lines = []
        for cell, node in self.solution(solution_names or exercise.args).values():
            for reach in self.reaches(node, cell, self.aliases):
                listed = next((n for n in exercise.replaces if covers(n, reach.name)), None)
                if listed:
                    lines.append(f"reaches {reach.name} ({reach.where()}), which this "
                                 "exercise asks the learner to write")
                elif _internal(reach.name):
                    lines.append(_internal_line(reach))
        return _unique(lines)

    def notebook_flags(self, exercises):
        """Internals touched by code outside every exercise's solution code."""
        inside = set()
        for exercise in exercises:
            inside |= {id(node) for _, node in self.solution(exercise.args).values()}
        lines = []
        for number, tree in self.trees:
            for node in tree.body:
                if id(node) in inside:
                    continue
                for reach in self.reaches(node, number, self.aliases):
                    if _internal(reach.name):
                        lines.append(_internal_line(reach))
        return _unique(lines)

    def calls_earlier(self, exercise, earlier):
        """[(number, name)] of the earlier exercises' functions this solution refers to."""
        own = self.solution(exercise.args)
        names = set()
        for name, (_, node) in own.items():
            names |= {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} - {name}
        return [(e.number, arg) for e in earlier for arg in e.args
                if arg in names and arg not in exercise.args]


def _imports(node, aliases):
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.asname:
                aliases[alias.asname] = alias.name
            else:
                top = alias.name.split(".")[0]
                aliases[top] = top
    elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
        for alias in node.names:
            if alias.name == "*":
                aliases[f"*{node.module}"] = node.module
            else:
                aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"


def _dotted(node, aliases):
    """'backprop.layers.Linear' for `bp.layers.Linear` (bp = backprop), else None."""
    parts = []
    while True:
        if isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Call) and _is_name(node.func, "getattr") and \
                len(node.args) >= 2 and isinstance(node.args[1], ast.Constant) and \
                isinstance(node.args[1].value, str):
            parts.append(node.args[1].value)
            node = node.args[0]
        else:
            break
    if not isinstance(node, ast.Name):
        return None
    if node.id in aliases:
        base = aliases[node.id]
    elif node.id in ("__builtins__", "__import__"):
        base = node.id
    else:
        return None
    return ".".join([base] + parts[::-1])


def _is_name(node, name):
    return isinstance(node, ast.Name) and node.id == name


def _is_get_ipython(node, aliases):
    return isinstance(node, ast.Call) and (_is_name(node.func, "get_ipython") or
                                           _dotted(node.func, aliases) == "IPython.get_ipython")


def _assigned(node):
    """The targets a statement assigns to (x.y = ..., x.y += ..., del x.y, setattr(x, ...))."""
    if isinstance(node, ast.Assign):
        return [t for t in node.targets if isinstance(t, ast.Attribute)]
    if isinstance(node, (ast.AugAssign, ast.AnnAssign)) and isinstance(node.target, ast.Attribute):
        return [node.target]
    if isinstance(node, ast.Delete):
        return [t for t in node.targets if isinstance(t, ast.Attribute)]
    if isinstance(node, ast.Call) and _is_name(node.func, "setattr") and node.args:
        return [node.args[0]]
    return []


def _internal(name):
    if name.startswith(("assignment to ", "get_ipython().", "_bp_")):
        return True
    return any(covers(listed, name) for listed in INTERNALS)


def _internal_line(reach):
    if reach.name.startswith("assignment to "):
        return (f"assigns to {reach.name[len('assignment to '):]} ({reach.where()}): it changes "
                "a module that other code, the checks included, relies on")
    name = next((n for n in INTERNALS if covers(n, reach.name)), reach.name)  # sys.modules
    return f"touches {name} ({reach.where()}), an internal of Python, IPython or the grader"


def _unique(lines):
    seen, out = set(), []
    for line in lines:
        if line not in seen:
            seen.add(line)
            out.append(line)
    return out
