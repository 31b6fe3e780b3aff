"""The grader's channel, without a kernel: every check gives the same verdict when the
learner's function is called through the wire (probe + remote) as when it is called
directly, and the wire accepts only well-formed plain data."""

import contextlib
import io
from collections import namedtuple
from pathlib import Path

import nbformat
import numpy as np
import pytest

from backprop import checks
from backprop.checks.feedback import hidden_inputs, hidden_seed
from backprop.homework import exercises, wire
from backprop.homework.grade import is_check_cell
from backprop.homework.kernel import Outcome
from backprop.homework.probe import MARKER, Probe
from backprop.homework.remote import Channel, ChannelError, Opaque, RemoteFunction

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261201


class InProcess:
    """A stand-in for a kernel: runs the probe's request cells in a namespace, here."""

    alive = True

    def __init__(self, namespace):
        self.namespace = namespace
        namespace["_bp_probe"] = Probe(namespace)
        self.extra = ""  # text "printed" by the cell besides the probe's reply

    def run(self, code, timeout):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(code, self.namespace)
        return Outcome("ok", [{"output_type": "stream", "name": "stdout",
                               "text": out.getvalue() + self.extra}])


def stand_ins(session, names):
    channel = Channel(session, float("inf"))
    found = channel.lookup(names)
    return [RemoteFunction(channel, {"op": "call", "name": n}, found[n]["name"])
            if found[n]["callable"] else type(found[n]["type"], (Opaque,), {})() for n in names]


def both_ways(check, namespace, names):
    """(local Result, remote Result) of one check on the same hidden inputs."""
    with hidden_inputs(SEED):
        local = checks.evaluate(check, *[namespace[n] for n in names])
        remote = checks.evaluate(check, *stand_ins(InProcess(dict(namespace)), names))
    return local, remote


def notebook_namespace(path):
    namespace = {}
    nb = nbformat.read(path, as_version=4)
    with contextlib.redirect_stdout(io.StringIO()):
        for cell in nb.cells:
            if cell.cell_type == "code" and not is_check_cell(cell):
                exec(cell.source, namespace)
    return namespace, exercises(nb, path.name)


@pytest.mark.parametrize("folder,status", [("source", "passed"), ("student", "not implemented")])
def test_every_check_gives_the_same_verdict_through_the_wire(folder, status):
    seen = set()
    for path in sorted((ROOT / "exercises" / folder).glob("[0-9][0-9]_*.ipynb")):
        namespace, found = notebook_namespace(path)
        for exercise in found:
            local, remote = both_ways(exercise.check, namespace, exercise.args)
            assert (remote.status, remote.message) == (local.status, local.message), \
                f"{path.name} {exercise.check}"
            assert remote.status == status, f"{path.name} {exercise.check}: {remote.line()}"
            seen.add(exercise.check)
    assert seen == set(checks.CHECKS)


def _wrong_answers():
    from backprop import Value

    def linear_backward(dZ, X, W):
        return W @ dZ.T, X.T @ dZ, dZ.sum(0)  # missing transpose

    def linear_forward(X, W, b):
        return (X @ W).astype(np.float32)  # float32, and the bias is missing

    def gradient(x, y):
        Partials = namedtuple("Partials", "df_dx df_dy")
        return Partials(2 * x * y, x ** 2 + 3)  # right, as a named tuple

    def forward_values(a, b, c, m):
        u = Value(a) * Value(b)
        return u, u + c, (u + c) * m  # Value objects: not numbers

    def softmax(z):
        raise NotImplementedError()

    def cross_entropy(logits, y):
        return -np.log(softmax(logits)[np.arange(len(y)), y]).mean()

    def mse_grad(y_hat, y):
        return (y_hat - y) @ np.ones((3, 3))  # raises ValueError on the learner's line

    def minibatches(n, batch_size, rng):
        order = rng.permutation(n)
        for start in range(0, n, batch_size):  # a generator: right
            yield order[start:start + batch_size]

    def mul_backward(a, b, out):
        a.grad = b.data * out.grad  # overwritten
        b.grad = a.data * out.grad

    def add_penalty_gradients(params, l1, l2):
        for p in params:
            p.grad = l2 * p.data + l1 * np.sign(p.data)  # replaced, and biases too

    def numerical_gradient(f, W, h=1e-5):
        grad = np.zeros_like(W)
        for i in np.ndindex(W.shape):
            W[i] += h
            plus = f(W)
            W[i] -= 2 * h
            grad[i] = (plus - f(W)) / (2 * h)  # W is left shifted
        return grad

    def train_epoch(model, loss, X, y, batches, lr):
        losses = []
        for batch in batches:
            losses.append(loss.forward(model.forward(X[batch]), y[batch]))
            model.backward(loss.backward())
            for p in model.parameters():
                p.data += lr * p.grad  # uphill
        return losses

    def lr_regime(lr, a):
        return "smooth"

    return [("check_linear_backward", linear_backward), ("check_linear_forward", linear_forward),
            ("check_forward_values", forward_values), ("check_cross_entropy", cross_entropy),
            ("check_mse_grad", mse_grad), ("check_minibatches", minibatches),
            ("check_mul_backward", mul_backward),
            ("check_add_penalty_gradients", add_penalty_gradients),
            ("check_numerical_gradient", numerical_gradient), ("check_train_epoch", train_epoch),
            ("check_lr_regime", lr_regime), ("check_one_hot", 42), ("check_gradient", gradient)]


@pytest.mark.parametrize("check,function", _wrong_answers(), ids=lambda x: getattr(x, "__name__", x)
                         if not isinstance(x, str) else x)
def test_wrong_answers_get_the_same_feedback_through_the_wire(check, function):
    local, remote = both_ways(check, {"f": function}, ["f"])
    assert (remote.status, remote.message) == (local.status, local.message)
    expected = {"check_minibatches": "passed", "check_gradient": "passed",
                "check_cross_entropy": "not implemented", "check_mse_grad": "error"}.get(check, "failed")
    assert remote.status == expected, remote.line()


def test_hidden_inputs_depend_on_the_seed_and_only_during_grading():
    assert hidden_seed(601) == 601
    with hidden_inputs(1):
        one = hidden_seed(601)
    with hidden_inputs(2):
        two = hidden_seed(601)
    with hidden_inputs(1):
        assert hidden_seed(601) == one
    assert one != two and 601 not in (one, two)
    with pytest.raises(ValueError, match="non-negative integer"):
        with hidden_inputs(-1):
            pass


def _reply_channel(text):
    session = InProcess({"f": lambda x: x})
    session.run = lambda code, timeout: Outcome("ok", [{"output_type": "stream", "name": "stdout",
                                                         "text": text}])
    return Channel(session, float("inf"))


@pytest.mark.parametrize("text,why", [
    ("", "got 0 marked"),
    (f"{MARKER}{'ab' * 16} {{}}\n", "another nonce"),
    (f"{MARKER}x {{}}\n{MARKER}y {{}}\n", "got 2 marked"),
])
def test_a_missing_doubled_or_foreign_reply_is_rejected(text, why):
    with pytest.raises(ChannelError, match=why):
        _reply_channel(text).request({"op": "lookup", "names": []})


def test_a_forged_second_reply_under_the_right_nonce_is_rejected():
    session = InProcess({"f": lambda x: x})
    real = session.run

    def forging(code, timeout):
        nonce = code.rsplit("'", 2)[-2]  # what a pre_run_cell hook can read
        outcome = real(code, timeout)
        outcome.outputs.append({"output_type": "stream", "name": "stdout",
                                "text": f"\n{MARKER}{nonce} {{\"status\": \"returned\"}}\n"})
        return outcome

    session.run = forging
    with pytest.raises(ChannelError, match="got 2 marked"):
        Channel(session, float("inf")).lookup(["f"])


@pytest.mark.parametrize("data,why", [
    ({"$": "array", "dtype": "object", "shape": [1], "data": ""}, "dtype"),
    ({"$": "array", "dtype": "float64", "shape": [2], "data": "AAAAAAAAAAA="}, "needs 16"),
    ({"$": "array", "dtype": "float64", "shape": [-1], "data": ""}, "shape"),
    ({"$": "array", "dtype": "float64", "shape": [10 ** 5, 10 ** 5], "data": ""}, "larger than"),
    ({"$": "pickle", "data": ""}, "unknown value tag"),
    ({"$": "ref", "id": 3}, "unknown value"),
    ({"$": "object", "type": "os.system", "handle": 0, "methods": [], "array": None}, "class name"),
    ({"$": "object", "type": "M", "handle": 0, "methods": ["__del__"], "array": None}, "method"),
    ("x" * (wire.Limits.string_chars + 1), "longer than"),
    (10 ** 500, "digits"),
])
def test_the_decoder_accepts_only_well_formed_plain_data(data, why):
    with pytest.raises(wire.WireError, match=why):
        wire.Decoder()(data)


def test_deep_nesting_and_huge_text_are_refused():
    deep = "[" * 100_000 + "]" * 100_000
    with pytest.raises(wire.WireError):
        wire.loads(deep)
    with pytest.raises(wire.WireError, match="at most"):
        wire.loads(" " * (wire.Limits.text_chars + 1))


def test_values_round_trip_exactly():
    a = np.arange(6, dtype=np.int64).reshape(2, 3)
    value = {"a": a, "t": (1.5, float("nan"), None, True, "s"), "l": [a, a.T.astype(np.float32)],
             "big": 2 ** 100}
    back = wire.loads(wire.dumps(value))
    assert back["l"][0] is back["a"], "the same object stays one object"
    assert np.array_equal(back["a"], a) and back["a"].dtype == np.int64
    assert np.array_equal(back["l"][1], a.T) and back["l"][1].dtype == np.float32
    assert back["t"][0] == 1.5 and np.isnan(back["t"][1]) and back["t"][2:] == (None, True, "s")
    assert back["big"] == 2 ** 100
