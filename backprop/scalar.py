"""Scalar reverse-mode automatic differentiation: the `Value` engine.

Every arithmetic operation on `Value`s records a node in a computational graph: the
result's `data`, its inputs (at most two, `a` and `b`) and, computed right away in the
forward pass, the *local derivative* of the result with respect to each input.
`backward()` then applies the chain rule from the output back to every input:

    child.grad += (d node / d child) * node.grad

one term at a time: `backward_steps()` yields each term as it adds it, and `backward()`
just runs it to the end (so a stepper that records the steps shows the engine's own).

The `+=` is the multivariable chain rule: a node used twice receives the sum of the
gradients along both paths (`b = a + a` gives `a.grad == 2`).

Design choices (each fixes a known problem of tiny autograd engines):
- the local derivatives are stored as numbers, not as closures, so a node never refers
  to itself and Python frees a graph by reference counting; the inputs sit in plain
  slots, not in tuples, so each node is a single object and the cyclic garbage
  collector (most of micrograd's run time) has little to walk;
- the topological order is built with an explicit stack, so a graph 100,000 operations
  deep backpropagates without `RecursionError`;
- `backward()` starts from zero every time: it resets the `grad` of every node in the
  graph before it applies the chain rule, so calling it twice gives the same gradients
  (PyTorch instead accumulates across calls; to combine two losses here, add them and
  call `backward()` once);
- `tanh`, `sigmoid` and `exp` are written so they stay finite wherever the true value is;
  a result that is not a finite number raises at once instead of spreading NaN.
"""

import gc
import math
from contextlib import contextmanager


def _as_value(x):
    return x if isinstance(x, Value) else Value(x)


def _result(data, op, a, da, b=None, db=0.0):
    """The node an operation returns: inputs a (and b) with local derivatives da (and db).

    The inputs are Values already, so only the result needs checking; skipping
    `__init__`'s conversions makes the forward pass faster."""
    if not math.isfinite(data):
        raise ValueError(f"the result of '{op}' is {data}, not a finite number: check the "
                         "inputs (an overflow or a division by zero upstream?).")
    node = object.__new__(Value)
    node.data, node.grad, node.label, node._op = data, 0.0, "", op
    node._a, node._da, node._b, node._db = a, da, b, db
    return node


class Value:
    """A scalar that remembers how it was computed, so gradients can flow back."""

    __slots__ = ("data", "grad", "label", "_op", "_a", "_da", "_b", "_db")

    def __init__(self, data, label=""):
        if isinstance(data, Value):
            raise TypeError("Value(...) takes a number, not another Value; use it directly.")
        try:
            data = float(data)
        except (TypeError, ValueError):
            raise TypeError(f"Value(...) takes a real number, got {type(data).__name__}.") from None
        if not math.isfinite(data):
            raise ValueError(f"Value(...) got {data}, not a finite number: check the inputs "
                             "and clean NaN/inf out of the data first.")
        self.data, self.grad, self.label, self._op = data, 0.0, label, ""
        self._a, self._da, self._b, self._db = None, 0.0, None, 0.0

    @property
    def _children(self):
        """The inputs of the operation that made this node: (), (a,) or (a, b)."""
        return tuple(v for v in (self._a, self._b) if v is not None)

    @property
    def _local_grads(self):
        """d(self)/d(input) for each input, in the order of `_children`."""
        return (self._da, self._db)[:len(self._children)]

    def __repr__(self):
        name = f"{self.label}: " if self.label else ""
        return f"Value({name}data={self.data:.4g}, grad={self.grad:.4g})"

    # --- operations, each with its local derivatives ---
    def __add__(self, other):  # d(a+b)/da = 1, d(a+b)/db = 1
        other = _as_value(other)
        return _result(self.data + other.data, "+", self, 1.0, other, 1.0)

    def __mul__(self, other):  # d(ab)/da = b, d(ab)/db = a
        other = _as_value(other)
        return _result(self.data * other.data, "*", self, other.data, other, self.data)

    def __pow__(self, k):  # d(a^k)/da = k a^(k-1)
        if not isinstance(k, (int, float)):
            raise TypeError("Value ** k needs a plain number k (an int or a float); "
                            "for a Value exponent write (k * a.log()).exp().")
        if self.data == 0 and k < 1:
            raise ValueError(f"0 ** {k} is undefined or has no derivative at 0; "
                             "keep the base away from 0 (e.g. add a small epsilon).")
        if self.data < 0 and not float(k).is_integer():
            raise ValueError(f"{self.data} ** {k} has no real derivative here; "
                             "use a positive base or an integer exponent.")
        return _result(self.data ** k, f"**{k:g}", self, k * self.data ** (k - 1))

    def __neg__(self):
        return _result(-self.data, "neg", self, -1.0)

    def __sub__(self, other):  # d(a-b)/da = 1, d(a-b)/db = -1
        other = _as_value(other)
        return _result(self.data - other.data, "-", self, 1.0, other, -1.0)

    def __truediv__(self, other):  # d(a/b)/da = 1/b, d(a/b)/db = -a/b^2
        other = _as_value(other)
        if other.data == 0:
            raise ZeroDivisionError("division of a Value by zero: the divisor's data is 0. "
                                    "Check how the divisor became 0, or add a small epsilon.")
        return _result(self.data / other.data, "/", self, 1.0 / other.data,
                       other, -self.data / other.data ** 2)

    # reflected forms, so plain numbers work on the left: 2 * v, 1 - v, 10 / v
    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return _as_value(other) - self

    def __rtruediv__(self, other):
        return _as_value(other) / self

    # --- functions of one input, each with its derivative ---
    def relu(self):
        """relu(x) = max(0, x); derivative 1 for x > 0, else 0 (0 at the kink)."""
        positive = self.data > 0
        return _result(self.data if positive else 0.0, "relu", self, 1.0 if positive else 0.0)

    def tanh(self):
        """tanh'(x) = 1 - tanh(x)**2. math.tanh saturates to +-1 without overflow."""
        t = math.tanh(self.data)
        return _result(t, "tanh", self, 1.0 - t * t)

    def sigmoid(self):
        """sigmoid(x) = 1 / (1 + e^-x); sigmoid'(x) = s (1 - s) = e / (1 + e)^2, e = e^-|x|.

        Only e^-|x| is ever computed, so nothing overflows, and the derivative keeps its
        precision in the tails (where 1 - s would round to 0)."""
        e = math.exp(-abs(self.data))
        s = 1.0 / (1.0 + e) if self.data >= 0 else e / (1.0 + e)
        return _result(s, "sigmoid", self, e / (1.0 + e) ** 2)

    def exp(self):
        """exp'(x) = exp(x). Above x = 709 the result is not a finite float64."""
        if self.data > 709.78:
            raise OverflowError(f"exp({self.data:g}) is larger than the largest float64; "
                                "scale the input down.")
        e = math.exp(self.data)
        return _result(e, "exp", self, e)

    def log(self):
        """log'(x) = 1 / x, defined for x > 0."""
        if self.data <= 0:
            raise ValueError(f"log({self.data:g}) is undefined: log needs a positive input.")
        return _result(math.log(self.data), "log", self, 1.0 / self.data)

    # --- the backward pass ---
    def topological_order(self):
        """Every node of the graph, each after all of its inputs (no recursion).

        Depth-first with an explicit stack: look at the node on top; push its first
        input not seen yet; once all its inputs are done, it is done too."""
        order, seen, stack = [], {self}, [self]
        while stack:
            node = stack[-1]
            if node._a is not None and node._a not in seen:
                seen.add(node._a)
                stack.append(node._a)
            elif node._b is not None and node._b not in seen:
                seen.add(node._b)
                stack.append(node._b)
            else:
                order.append(stack.pop())
        return order

    def forward_steps(self):
        """The forward pass replayed: `(node, inputs)` for every node, in the order of
        `topological_order` (the order `backward_steps` walks in reverse). The values
        were computed when the expression was built; this only visits them in order."""
        for node in self.topological_order():
            yield node, node._children

    def backward_steps(self):
        """The backward pass, one term of the chain rule at a time.

        Sort the graph, set every grad to 0 and d(self)/d(self) = 1; then, from the output
        back to the inputs, add each node's grad times a local derivative into one input.
        After each addition, yield `(child, node, local, upstream, contribution)`:
        contribution = upstream * local was just added to `child.grad`, which now holds
        its running total (a node used twice gets two contributions)."""
        order = self.topological_order()
        for node in order:
            node.grad = 0.0
        self.grad = 1.0
        for node in reversed(order):  # outputs first, inputs last
            upstream = node.grad  # complete: every user of `node` has already added to it
            if node._a is not None:
                contribution = upstream * node._da
                node._a.grad += contribution
                yield node._a, node, node._da, upstream, contribution
            if node._b is not None:
                contribution = upstream * node._db
                node._b.grad += contribution
                yield node._b, node, node._db, upstream, contribution

    def backward(self):
        """Fill `.grad` of every node with d(self)/d(node), by the chain rule."""
        with _garbage_collector_paused():
            for _ in self.backward_steps():  # each step adds one term into one grad
                pass


@contextmanager
def _garbage_collector_paused():
    """Speed only: a graph has no cycles, so the cyclic collector would walk it in vain."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
