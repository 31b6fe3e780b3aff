"""What crosses between the grader and a learner's kernel: plain data only, as JSON text.

The grader sends the inputs of one call of a learner's function; the kernel sends back
what the function returned (and, for a function that must change its arguments, their
new state), or the exception it raised, as text. Both sides use this module: the grader
imports it, and sends its source into the kernel (which never imports it from disk),
with that of `backprop.checks.functions`.

The format, one JSON value per Python value:
    None, bool, int, float (NaN and inf allowed), str      as themselves
    list, tuple, dict (str keys)                            {"$": "list"|"tuple"|"dict",
                                                             "items": ...} (a bare JSON list
                                                             is read as a list too)
    numpy array                                             {"$": "array", "dtype", "shape",
                                                             "data": base64 of the C-order bytes}
    numpy scalar (np.float64(2.0), np.int64(3))             {"$": "scalar", ...}, shape []
    a repeated object (the same node passed twice)          {"$": "ref", "id": k}
and, for inputs and arguments' state: "namespace" (an object with .data and .grad),
"parameter", "mlp", "loss", "rng" (a numpy Generator's exact state) and "function"
(a `backprop.checks.functions.Formula`, by name and parameters). Anything else a learner
returns becomes {"$": "object", "type": its class name, "handle": k, "methods": [...],
"array": ...}: the object stays in the kernel, and the grader can call the listed methods
by handle. Every compound value also carries an "id", which "ref" refers to.

`loads(text)` on the grader's side is strict: it accepts only these forms, within the
size limits of `Limits`, and raises `WireError` (saying what was wrong) for anything else.
"""

import base64
import json
import math
import re
from types import SimpleNamespace

import numpy as np

DTYPES = {"bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
          "float16", "float32", "float64", "complex64", "complex128"}
IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,99}$")


class WireError(Exception):
    """A message that is not well-formed plain data (or is too large)."""


class Limits:
    """How much one reply may hold: a learner's code cannot make the grader run out of memory."""
    text_chars = 64_000_000     # the whole JSON text
    array_bytes = 32_000_000    # all arrays together
    nodes = 200_000             # values of any kind
    depth = 32                  # nesting
    string_chars = 100_000      # one string
    int_digits = 400            # one integer


if "Formula" not in globals():  # imported by the grader; in a kernel, they are given
    from ..checks.functions import FUNCTIONS, Formula


# --- encoding (both sides) --------------------------------------------------------------

def _array(value):
    value = np.asarray(value)
    if not value.flags.c_contiguous:  # (np.ascontiguousarray would make a 0-d array 1-d)
        value = value.copy(order="C")
    return {"$": "array", "dtype": value.dtype.name, "shape": list(value.shape),
            "data": base64.b64encode(value.tobytes()).decode("ascii")}


class Encoder:
    """Python values -> JSON-ready data. `objects` keeps what cannot be sent (by handle),
    `state=True` sends the inner state of namespaces, parameters and models."""

    def __init__(self, objects=None, state=True, limit_items=100_000):
        self.objects = objects if objects is not None else {}
        self.state, self.limit_items = state, limit_items
        self.seen = {}

    def __call__(self, value):
        return self.encode(value, 0)

    def encode(self, value, depth):
        if depth > Limits.depth:
            return self.opaque(value)
        if value is None or isinstance(value, (bool, str)):
            return str(value) if isinstance(value, str) else value
        if isinstance(value, (int, float)) and not isinstance(value, np.generic):
            return int(value) if isinstance(value, int) else float(value)
        if isinstance(value, np.generic):
            if isinstance(value, np.str_):
                return str(value)
            if value.dtype.name in DTYPES:  # a numpy scalar stays one (np.float64(2.0))
                return dict(_array(np.asarray(value)), **{"$": "scalar"})
            return self.opaque(value)
        key = id(value)
        if key in self.seen:
            return {"$": "ref", "id": self.seen[key][0]}
        ref = len(self.seen)
        self.seen[key] = (ref, value)  # keeps `value` alive, so its id is not reused
        encoded = self._compound(value, depth)
        encoded["id"] = ref
        return encoded

    def _compound(self, value, depth):
        if isinstance(value, np.ndarray):
            if value.dtype.name in DTYPES:
                return _array(value)
            return self.opaque(value)
        if isinstance(value, list) or _is_lazy_sequence(value):
            items = list(_bounded(value, self.limit_items))
            out = [self.encode(v, depth + 1) for v in items]
            return {"$": "list", "items": out}
        if isinstance(value, tuple):
            return {"$": "tuple", "items": [self.encode(v, depth + 1) for v in value]}
        if isinstance(value, dict) and all(isinstance(k, str) for k in value):
            return {"$": "dict", "items": {k: self.encode(v, depth + 1) for k, v in value.items()}}
        if isinstance(value, Formula):
            return {"$": "function", "name": value.name,
                    "params": {k: self.encode(v, depth + 1) for k, v in value.params.items()}}
        if isinstance(value, np.random.Generator):
            return {"$": "rng", "state": value.bit_generator.state}
        if self.state:
            kind = type(value).__name__
            if isinstance(value, SimpleNamespace):
                return {"$": "namespace", "attrs": {k: self.encode(v, depth + 1)
                                                    for k, v in vars(value).items()}}
            if kind == "Parameter" and hasattr(value, "regularize"):
                return {"$": "parameter", "data": self.encode(value.data, depth + 1),
                        "grad": self.encode(value.grad, depth + 1), "name": str(value.name),
                        "regularize": bool(value.regularize)}
            if kind == "MLP" and hasattr(value, "sizes"):
                return {"$": "mlp", "sizes": [int(s) for s in value.sizes],
                        "activation": str(value.activation),
                        "params": [self.encode(p.data, depth + 1) for p in value.parameters()]}
            if kind in LOSSES:
                return {"$": "loss", "name": kind}
        return self.opaque(value)

    def opaque(self, value):
        """An object that stays in the kernel: its class name, a handle, its public methods,
        and its value as a float array when numpy can make one (as a check would)."""
        handle = len(self.objects)
        self.objects[handle] = value
        methods = []
        for name in ("forward", "backward", "parameters"):
            try:
                if callable(getattr(value, name, None)):
                    methods.append(name)
            except Exception:  # a property that raises: not a method we can call
                pass
        try:
            as_float = np.asarray(value, dtype=np.float64)
            array = _array(as_float) if as_float.size <= 1_000_000 else None
        except Exception:
            array = None
        name = type(value).__name__
        return {"$": "object", "type": name if IDENTIFIER.match(name) else "object",
                "handle": handle, "methods": methods, "array": array}


LOSSES = ("CrossEntropyLoss", "MSELoss", "BCEWithLogitsLoss")


def _is_lazy_sequence(value):
    """A generator, map, range, zip, ...: what a list comprehension would turn into a list."""
    return isinstance(value, range) or (hasattr(value, "__next__") and hasattr(value, "__iter__"))


def _bounded(iterable, limit):
    for count, item in enumerate(iterable):
        if count >= limit:
            raise WireError(f"more than {limit} items: an endless iterator?")
        yield item


def dumps(value, objects=None, state=True):
    return json.dumps(Encoder(objects, state)(value), allow_nan=True, separators=(",", ":"))


# --- decoding ------------------------------------------------------------------------------

class Decoder:
    """JSON data -> Python values, strictly; `build(kind, fields)` makes the stateful objects
    (the kernel builds real ones, the grader keeps their state as a `State`)."""

    def __init__(self, build=None, opaque=None):
        self.build = build or (lambda kind, fields: State(kind, fields))
        self.opaque = opaque or (lambda fields: fields)
        self.refs, self.nodes, self.array_bytes = {}, 0, 0

    def __call__(self, data):
        return self.decode(data, 0)

    def decode(self, data, depth):
        self.nodes += 1
        if self.nodes > Limits.nodes:
            raise WireError(f"more than {Limits.nodes} values")
        if depth > Limits.depth:
            raise WireError(f"nested deeper than {Limits.depth} levels")
        if data is None or isinstance(data, (bool, float)):
            return data
        if isinstance(data, int):
            if len(str(abs(data))) > Limits.int_digits:
                raise WireError("an integer with too many digits")
            return data
        if isinstance(data, str):
            if len(data) > Limits.string_chars:
                raise WireError(f"a string longer than {Limits.string_chars} characters")
            return data
        if isinstance(data, list):
            return [self.decode(v, depth + 1) for v in data]
        if not isinstance(data, dict):
            raise WireError(f"unexpected JSON value of type {type(data).__name__}")
        tag = data.get("$")
        if tag == "ref":
            ref = _field(data, "id", int)
            if ref not in self.refs:
                raise WireError(f"a reference to unknown value {ref}")
            return self.refs[ref]
        value = self._tagged(tag, data, depth)
        if "id" in data:
            self.refs[_field(data, "id", int)] = value
        return value

    def _tagged(self, tag, data, depth):
        def sub(key, kind=None):
            value = self.decode(data[key], depth + 1) if key in data else _missing(key)
            if kind is not None and not isinstance(value, kind):
                raise WireError(f"field {key!r} should be {kind.__name__}")
            return value

        def fields(key):  # a JSON object of encoded values (parameters, attributes)
            items = data.get(key)
            if not isinstance(items, dict):
                raise WireError(f"field {key!r} should be an object")
            return {str(k): self.decode(v, depth + 1) for k, v in items.items()}

        if tag == "array":
            return self._array(data)
        if tag == "scalar":
            value = self._array(data)
            if value.shape != ():
                raise WireError("a scalar must have shape []")
            return value[()]
        if tag in ("list", "tuple"):
            items = data.get("items")
            if not isinstance(items, list):
                raise WireError(f"a {tag} needs a list of items")
            values = [self.decode(v, depth + 1) for v in items]
            return values if tag == "list" else tuple(values)
        if tag == "dict":
            items = data.get("items")
            if not isinstance(items, dict):
                raise WireError("a dict needs an object of items")
            return {str(k): self.decode(v, depth + 1) for k, v in items.items()}
        if tag == "function":
            name = _field(data, "name", str)
            if name not in FUNCTIONS:
                raise WireError(f"unknown function {name!r}")
            return Formula(name, **fields("params"))
        if tag == "rng":
            state = data.get("state")
            if not isinstance(state, dict) or state.get("bit_generator") != "PCG64":
                raise WireError("an rng must carry a PCG64 state")
            return self.build("rng", {"state": state})
        if tag == "namespace":
            return self.build("namespace", fields("attrs"))
        if tag == "parameter":
            return self.build("parameter", {"data": sub("data"), "grad": sub("grad"),
                                            "name": sub("name", str),
                                            "regularize": sub("regularize", bool)})
        if tag == "mlp":
            return self.build("mlp", {"sizes": sub("sizes", list),
                                      "activation": sub("activation", str),
                                      "params": sub("params", list)})
        if tag == "loss":
            name = _field(data, "name", str)
            if name not in LOSSES:
                raise WireError(f"unknown loss {name!r}")
            return self.build("loss", {"name": name})
        if tag == "object":
            kind = _field(data, "type", str)
            methods = data.get("methods")
            if not IDENTIFIER.match(kind) or not isinstance(methods, list) or \
                    not all(m in ("forward", "backward", "parameters") for m in methods):
                raise WireError("an object needs a class name and known method names")
            array = data.get("array")
            array = None if array is None else self.decode(array, depth + 1)
            if array is not None and not isinstance(array, np.ndarray):
                raise WireError("an object's array must be an array")
            return self.opaque({"type": kind, "handle": _field(data, "handle", int),
                                "methods": methods, "array": array})
        raise WireError(f"unknown value tag {tag!r}")

    def _array(self, data):
        dtype, shape, text = data.get("dtype"), data.get("shape"), data.get("data")
        if dtype not in DTYPES:
            raise WireError(f"array dtype {dtype!r} is not allowed")
        if not isinstance(shape, list) or len(shape) > 16 or \
                not all(isinstance(n, int) and not isinstance(n, bool) and 0 <= n for n in shape):
            raise WireError("an array shape must be a list of at most 16 sizes >= 0")
        if not isinstance(text, str):
            raise WireError("array data must be base64 text")
        size = math.prod(shape) * np.dtype(dtype).itemsize
        self.array_bytes += size
        if self.array_bytes > Limits.array_bytes:
            raise WireError(f"arrays larger than {Limits.array_bytes} bytes in all")
        try:
            raw = base64.b64decode(text.encode("ascii"), validate=True)
        except (ValueError, UnicodeEncodeError):
            raise WireError("array data is not valid base64") from None
        if len(raw) != size:
            raise WireError(f"array data has {len(raw)} bytes, its shape {shape} needs {size}")
        return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()


class State:
    """The grader's view of a stateful object's fields ('namespace', 'parameter', ...)."""

    def __init__(self, kind, fields):
        self.kind, self.fields = kind, fields

    def __repr__(self):
        return f"State({self.kind!r})"


def _field(data, key, kind):
    value = data.get(key)
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise WireError(f"field {key!r} should be {kind.__name__}")
    return value


def _missing(key):
    raise WireError(f"missing field {key!r}")


def loads(text, build=None, opaque=None):
    """Parse and decode one message; WireError when it is not well-formed plain data."""
    if not isinstance(text, str) or len(text) > Limits.text_chars:
        raise WireError(f"a message must be text of at most {Limits.text_chars} characters")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as e:
        raise WireError(f"not valid JSON ({type(e).__name__})") from None
    try:
        return Decoder(build, opaque)(data)
    except RecursionError:
        raise WireError("nested too deeply") from None
