"""The kernel's side of grading: call the learner's functions on the grader's inputs.

The grader sends this file's source (and `wire`'s) into the learner's kernel as text, after
the learner's cells have run; nothing here is imported from disk there, and nothing here
judges an answer. Each request is one cell, `_bp_probe.serve(request, nonce)`, and prints
one line, MARKER + nonce + " " + the reply as JSON:

    {"op": "lookup", "names": [...]}    -> {"names": {name: {"defined", "callable", "type"}}}
    {"op": "call", "name": ..., "args": ..., "kwargs": ..., "state": bool}
    {"op": "method", "handle": k, "method": "forward", "args": ..., "kwargs": ...}
        -> {"status": "returned", "result": ..., "state": [args, kwargs] or null}
        or {"status": "raised", "kind": "not implemented" | "error", "type", "message",
            "where", "own", "line"}

Whatever the learner's code does to this kernel (hooks, patched modules, printed lines),
it can only change the data in these replies: the grader validates them and computes
every verdict in its own process.
"""

import json
import os
import sys
import traceback
import warnings
from types import SimpleNamespace

import numpy as np

if "wire" not in globals():  # imported by the grader; in a kernel, `wire` is given
    from . import wire

MARKER = "@@backprop-reply@@"


class Probe:
    def __init__(self, user_ns):
        self.user_ns = user_ns
        self.objects = {}

    def serve(self, request, nonce):
        try:
            reply = self.handle(json.loads(request))
        except Exception as e:  # a bug or a broken kernel: say so, the grader scores 0
            reply = {"status": "broken", "message": f"{type(e).__name__}: {e}"}
        text = json.dumps(reply, allow_nan=True, separators=(",", ":"))
        sys.stdout.write(f"\n{MARKER}{nonce} {text}\n")
        sys.stdout.flush()

    def handle(self, request):
        op = request["op"]
        if op == "lookup":
            self.objects.clear()
            return {"names": {name: self.describe(name) for name in request["names"]}}
        if op == "call":
            target = self.user_ns[request["name"]]
        elif op == "method":
            target = getattr(self.objects[request["handle"]], request["method"])
        else:
            raise ValueError(f"unknown op {op!r}")
        decoder = wire.Decoder(build=build)
        args, kwargs = decoder(request["args"]), decoder(request["kwargs"])
        return self.call(target, args, kwargs, request.get("state", False))

    def describe(self, name):
        if name not in self.user_ns:
            return {"defined": False, "callable": False, "type": "", "name": ""}
        value = self.user_ns[name]
        kind = type(value).__name__
        return {"defined": True, "callable": callable(value),
                "type": kind if wire.IDENTIFIER.match(kind) else "object",
                "name": str(getattr(value, "__name__", ""))[:100]}

    def call(self, function, args, kwargs, state):
        try:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                result = function(*args, **kwargs)
                encoded = wire.Encoder(self.objects, state=False)(result)
        except NotImplementedError:
            tb = sys.exc_info()[2]
            return {"status": "raised", "kind": "not implemented", "type": "NotImplementedError",
                    "message": "", "where": traceback.extract_tb(tb)[-1].name,
                    "own": str(getattr(function, "__name__", "")), "line": ""}
        except (Exception, SystemExit) as e:
            return {"status": "raised", "kind": "error", "type": type(e).__name__,
                    "message": _first_line(e), "where": "", "own": "",
                    "line": _learner_line(sys.exc_info()[2])}
        reply = {"status": "returned", "result": encoded, "state": None}
        if state:
            reply["state"] = wire.Encoder(self.objects, state=True)([list(args), kwargs])
        return reply


def _first_line(error):
    text = str(error).strip()
    return text.splitlines()[0] if text else ""


def _learner_line(tb):
    """The last line of the traceback that is the learner's (not numpy's, not backprop's)."""
    import backprop

    package = os.path.dirname(os.path.abspath(backprop.__file__))
    frames = [f for f in traceback.extract_tb(tb)
              if not os.path.abspath(f.filename).startswith(package)
              and "site-packages" not in f.filename and not f.filename.startswith("<grader")
              and f.line]
    return frames[-1].line.strip() if frames else ""


def build(kind, fields):
    """The real objects for the grader's inputs (in the kernel)."""
    import backprop

    if kind == "rng":
        rng = np.random.Generator(np.random.PCG64())
        rng.bit_generator.state = fields["state"]
        return rng
    if kind == "namespace":
        return SimpleNamespace(**fields)
    if kind == "parameter":
        p = backprop.Parameter(fields["data"], fields["name"], fields["regularize"])
        p.grad = np.array(fields["grad"], dtype=np.float64)
        return p
    if kind == "mlp":
        model = backprop.MLP(fields["sizes"], activation=fields["activation"])
        for p, data in zip(model.parameters(), fields["params"]):
            p.data[...] = data
        return model
    if kind == "loss":
        return getattr(backprop, fields["name"])()
    raise ValueError(f"cannot build {kind!r}")


def install_code(functions_source, wire_source, probe_source):
    """The cell that sets up `_bp_probe` in a kernel, from the three modules' sources."""
    return (
        "import types as _bp_types\n"
        "_bp_functions = {}\n"
        f"exec(compile({functions_source!r}, '<grader functions>', 'exec'), _bp_functions)\n"
        "_bp_wire = _bp_types.ModuleType('_bp_wire')\n"
        "_bp_wire.Formula = _bp_functions['Formula']\n"
        "_bp_wire.FUNCTIONS = _bp_functions['FUNCTIONS']\n"
        f"exec(compile({wire_source!r}, '<grader wire>', 'exec'), _bp_wire.__dict__)\n"
        "_bp_probe_module = _bp_types.ModuleType('_bp_probe')\n"
        "_bp_probe_module.wire = _bp_wire\n"
        f"exec(compile({probe_source!r}, '<grader probe>', 'exec'), _bp_probe_module.__dict__)\n"
        "_bp_probe = _bp_probe_module.Probe(globals())\n"
        "del _bp_types, _bp_probe_module, _bp_functions\n"
    )
