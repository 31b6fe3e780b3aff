"""The grader's side of a learner's kernel: a learner's function, called from the grader.

`Channel(session, deadline)` sends one request to the kernel and reads back the one reply
line that carries the request's random nonce; it accepts nothing else: no reply, two
replies, a reply under another nonce, or one that is not well-formed plain data (`wire`)
raises `ChannelError`. `RemoteFunction(channel, {"op": "call", "name": name})` is what a
check receives instead of the learner's function: `backprop.checks.feedback.call` sees
that it is remote (`backprop_remote`) and calls it through the channel; an argument the
function must change (copy_inputs=False) gets its new state back (`apply_state`). The
check itself, its reference and its comparison all run here, in the grader's process.

What the kernel returns that is not plain data (a trained model, say) arrives as an
`Opaque` object with the kernel object's class name: its `forward(X)` etc. are again
calls through the channel, and numpy sees its float value when the kernel could make one.
"""

import re
import secrets
import time

import numpy as np

from . import wire
from .probe import MARKER

REPLY = re.compile(rf"^{re.escape(MARKER)}([0-9a-f]+) (.*)$")


class KernelLost(BaseException):
    """The kernel died (or stayed stuck) during a call; BaseException, so no check catches it."""

    def __init__(self, status):
        super().__init__(status)
        self.status = status  # "dead" or "timeout"


class CallTimeout(BaseException):
    """A call ran over the exercise's time; the kernel was interrupted and still answers."""


class ChannelError(BaseException):
    """The kernel's reply was missing, doubled or malformed: the exercise scores 0."""


class Channel:
    def __init__(self, session, deadline):
        self.session, self.deadline = session, deadline

    def request(self, message):
        """Send one request (a dict of wire-encoded parts), return the reply as a dict."""
        budget = self.deadline - time.monotonic()
        if budget <= 0:
            raise CallTimeout()
        nonce = secrets.token_hex(16)
        text = wire.json.dumps(message, allow_nan=True, separators=(",", ":"))
        outcome = self.session.run(f"_bp_probe.serve({text!r}, {nonce!r})", budget)
        if outcome.status in ("dead", "hung"):
            raise KernelLost("timeout" if outcome.status == "hung" else "dead")
        if outcome.status == "timeout":
            raise CallTimeout()
        replies = [m for m in (REPLY.match(line) for line in outcome.text().splitlines()) if m]
        marked = [line for line in outcome.text().splitlines() if MARKER in line]
        if len(replies) != 1 or len(marked) != 1 or replies[0].group(1) != nonce:
            raise ChannelError(f"expected one reply from the kernel, got {len(marked)} marked "
                               f"line(s){' under another nonce' if len(marked) == 1 else ''}"
                               + (f" ({outcome.error()})" if outcome.error() else ""))
        text = replies[0].group(2)
        if len(text) > wire.Limits.text_chars:
            raise ChannelError(f"the kernel's reply is longer than {wire.Limits.text_chars} "
                               "characters")
        try:
            reply = wire.json.loads(text)
        except (ValueError, RecursionError):
            raise ChannelError("the kernel's reply is not valid JSON") from None
        if not isinstance(reply, dict):
            raise ChannelError("the kernel's reply is not an object")
        if reply.get("status") == "broken":
            raise ChannelError(f"the kernel could not serve the request ({reply.get('message')})")
        return reply

    def lookup(self, names):
        reply = self.request({"op": "lookup", "names": list(names)})
        found = reply.get("names")
        if not isinstance(found, dict) or set(found) != set(names):
            raise ChannelError("the kernel's lookup reply does not list the names asked for")
        for info in found.values():
            if not isinstance(info, dict) or not all(isinstance(info.get(k), t) for k, t in
                                                     [("defined", bool), ("callable", bool),
                                                      ("type", str), ("name", str)]):
                raise ChannelError("malformed lookup reply")
            if info["type"] and not wire.IDENTIFIER.match(info["type"]):
                raise ChannelError("malformed type name in the lookup reply")
        return found

    def call(self, message, args, kwargs, state):
        encoder = wire.Encoder(state=True)
        message = dict(message, args=encoder(list(args)), kwargs=encoder(dict(kwargs)),
                       state=state)
        reply = self.request(message)
        status = reply.get("status")
        if status == "raised":
            fields = {k: reply.get(k) for k in ("kind", "type", "message", "where", "own", "line")}
            if fields["kind"] not in ("not implemented", "error") or \
                    not all(isinstance(v, str) and len(v) <= 10_000 for v in fields.values()):
                raise ChannelError("malformed exception in the kernel's reply")
            return "raised", fields, None
        if status != "returned":
            raise ChannelError(f"unknown reply status {status!r}")
        result = self._decode(reply.get("result"))
        after = self._decode(reply.get("state")) if state else None
        if state and not (isinstance(after, list) and len(after) == 2
                          and isinstance(after[0], list) and len(after[0]) == len(args)
                          and isinstance(after[1], dict)):
            raise ChannelError("the kernel's reply lacks the arguments' new state")
        return "returned", result, after

    def _decode(self, data):
        try:
            return wire.Decoder(opaque=lambda fields: opaque(self, fields))(data)
        except (wire.WireError, RecursionError) as e:
            raise ChannelError(f"malformed data in the kernel's reply: {e}") from None


class RemoteFunction:
    """A learner's function that lives in the kernel; `call(...)` in the checks uses it."""

    backprop_remote = True

    def __init__(self, channel, message, name=""):
        self.channel, self.message, self.__name__ = channel, message, name

    def __call__(self, *args, **kwargs):
        raise TypeError("a learner's function is called through backprop.checks.feedback.call")

    def remote_call(self, args, kwargs, copy_inputs):
        """("returned", value) or ("raised", {"kind", "type", "message", "where", "own", "line"})."""
        kind, result, after = self.channel.call(self.message, args, kwargs, not copy_inputs)
        if kind == "raised":
            return kind, result
        if after is not None:
            for local, state in zip(args, after[0]):
                apply_state(local, state)
            for key, state in after[1].items():
                if key in kwargs:
                    apply_state(kwargs[key], state)
        return kind, result


class Opaque:
    """Base of the stand-ins for kernel objects that are not plain data."""


def opaque(channel, fields):
    """An object of a class named like the kernel's (so messages read the same)."""
    namespace = {"_channel": channel, "_handle": fields["handle"]}
    if fields["array"] is not None:
        value = fields["array"]
        namespace["__array__"] = lambda self, dtype=None, copy=None: \
            np.asarray(value, dtype=dtype)
    for method in fields["methods"]:
        namespace[method] = _method(method)
    return type(fields["type"], (Opaque,), namespace)()


def _method(name):
    def method(self, *args, **kwargs):
        function = RemoteFunction(self._channel, {"op": "method", "handle": self._handle,
                                                  "method": name}, name)
        kind, result = function.remote_call(args, kwargs, copy_inputs=True)
        if kind == "raised":
            raise RemoteException.named(result["type"])(result["message"])
        return result

    method.__name__ = name
    return method


class RemoteException(Exception):
    """An exception the learner's object raised in the kernel, under its own class name."""

    @staticmethod
    def named(name):
        return type(name if wire.IDENTIFIER.match(name) else "Exception", (RemoteException,), {})


def apply_state(local, state):
    """Bring a grader-side argument up to date with its new state in the kernel."""
    if isinstance(local, np.ndarray):
        if isinstance(state, np.ndarray) and state.shape == local.shape:
            local[...] = state
        return
    if isinstance(local, list) and isinstance(state, list):
        for item, item_state in zip(local, state):
            apply_state(item, item_state)
        return
    if not isinstance(state, wire.State):
        return
    if state.kind == "namespace" and hasattr(local, "__dict__"):
        for key in ("data", "grad"):
            if key in state.fields:
                setattr(local, key, state.fields[key])
    elif state.kind == "parameter" and hasattr(local, "regularize"):
        local.data, local.grad = state.fields["data"], state.fields["grad"]
    elif state.kind == "mlp" and hasattr(local, "parameters"):
        for p, data in zip(local.parameters(), state.fields["params"]):
            p.data = data
