"""Scalar reverse-mode automatic differentiation: the `Value` engine.

Every arithmetic operation on `Value`s records a node in a computational graph:
the result's `data`, the input nodes (`_children`) and, computed right away in the
forward pass, the *local derivative* of the result with respect to each input.
`backward()` then applies the chain rule from the output back to every input:

    child.grad += (d node / d child) * node.grad

The `+=` is the multivariable chain rule: a node used twice receives the sum of the
gradients along both paths (`b = a + a` gives `a.grad == 2`).

Design choices (each fixes a known problem of tiny autograd engines):
- the local derivatives are stored as numbers, not as closures, so a node never refers
  to itself and Python frees a graph by reference counting, without the slow cyclic
  garbage collector;
- the topological order is built with an explicit stack, so a graph 100,000 operations
  deep backpropagates without `RecursionError`;
- `backward()` starts from zero every time: it resets the `grad` of every node in the
  graph before it applies the chain rule, so calling it twice gives the same gradients
  (PyTorch instead accumulates across calls; to combine two losses here, add them and
  call `backward()` once);
- `tanh`, `sigmoid` and `exp` are written so they stay finite wherever the true value is;
  a result that is not a finite number raises at once instead of spreading NaN.
"""

import math


def _as_value(x):
    return x if isinstance(x, Value) else Value(x)


class Value:
    """A scalar that remembers how it was computed, so gradients can flow back."""

    __slots__ = ("data", "grad", "label", "_children", "_local_grads", "_op")

    def __init__(self, data, label="", _children=(), _local_grads=(), _op=""):
        if isinstance(data, Value):
            raise TypeError("Value(...) takes a number, not another Value; use it directly.")
        try:
            data = float(data)
        except (TypeError, ValueError):
            raise TypeError(f"Value(...) takes a real number, got {type(data).__name__}.") from None
        if not math.isfinite(data):
            made_by = f"the result of '{_op}'" if _op else "Value(...)"
            raise ValueError(f"{made_by} is {data}, not a finite number: check the inputs "
                             "(an overflow or a division by zero upstream?).")
        self.data = data
        self.grad = 0.0
        self.label = label
        self._children = _children
        self._local_grads = _local_grads
        self._op = _op

    def __repr__(self):
        name = f"{self.label}: " if self.label else ""
        return f"Value({name}data={self.data:.4g}, grad={self.grad:.4g})"

    # --- operations, each with its local derivatives ---
    def __add__(self, other):
        other = _as_value(other)
        return Value(self.data + other.data, "", (self, other), (1.0, 1.0), "+")

    def __mul__(self, other):
        other = _as_value(other)
        return Value(self.data * other.data, "", (self, other), (other.data, self.data), "*")

    def __pow__(self, k):
        if not isinstance(k, (int, float)):
            raise TypeError("Value ** k needs a plain number k (an int or a float); "
                            "for a Value exponent write (k * a.log()).exp().")
        if self.data == 0 and k < 1:
            raise ValueError(f"0 ** {k} is undefined or has no derivative at 0; "
                             "keep the base away from 0 (e.g. add a small epsilon).")
        if self.data < 0 and not float(k).is_integer():
            raise ValueError(f"{self.data} ** {k} has no real derivative here; "
                             "use a positive base or an integer exponent.")
        return Value(self.data ** k, "", (self,), (k * self.data ** (k - 1),), f"**{k:g}")

    def __neg__(self):
        return Value(-self.data, "", (self,), (-1.0,), "neg")

    def __sub__(self, other):  # d(a-b)/da = 1, d(a-b)/db = -1
        other = _as_value(other)
        return Value(self.data - other.data, "", (self, other), (1.0, -1.0), "-")

    def __truediv__(self, other):  # d(a/b)/da = 1/b, d(a/b)/db = -a/b^2
        other = _as_value(other)
        if other.data == 0:
            raise ZeroDivisionError("division of a Value by zero: the divisor's data is 0. "
                                    "Check how the divisor became 0, or add a small epsilon.")
        return Value(self.data / other.data, "", (self, other),
                     (1.0 / other.data, -self.data / other.data ** 2), "/")

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
        return Value(self.data if positive else 0.0, "", (self,), (1.0 if positive else 0.0,),
                     "relu")

    def tanh(self):
        """tanh'(x) = 1 - tanh(x)**2. math.tanh saturates to +-1 without overflow."""
        t = math.tanh(self.data)
        return Value(t, "", (self,), (1.0 - t * t,), "tanh")

    def sigmoid(self):
        """sigmoid(x) = 1 / (1 + e^-x); sigmoid'(x) = s (1 - s) = e / (1 + e)^2, e = e^-|x|.

        Only e^-|x| is ever computed, so nothing overflows, and the derivative keeps its
        precision in the tails (where 1 - s would round to 0)."""
        e = math.exp(-abs(self.data))
        s = 1.0 / (1.0 + e) if self.data >= 0 else e / (1.0 + e)
        return Value(s, "", (self,), (e / (1.0 + e) ** 2,), "sigmoid")

    def exp(self):
        """exp'(x) = exp(x). Above x = 709 the result is not a finite float64."""
        if self.data > 709.78:
            raise OverflowError(f"exp({self.data:g}) is larger than the largest float64; "
                                "scale the input down.")
        e = math.exp(self.data)
        return Value(e, "", (self,), (e,), "exp")

    def log(self):
        """log'(x) = 1 / x, defined for x > 0."""
        if self.data <= 0:
            raise ValueError(f"log({self.data:g}) is undefined: log needs a positive input.")
        return Value(math.log(self.data), "", (self,), (1.0 / self.data,), "log")

    # --- the backward pass ---
    def topological_order(self):
        """Every node of the graph, each after all of its inputs (no recursion)."""
        order, visited = [], set()
        stack = [(self, False)]
        while stack:
            node, inputs_done = stack.pop()
            if inputs_done:
                order.append(node)
            elif node not in visited:
                visited.add(node)
                stack.append((node, True))
                stack.extend((child, False) for child in node._children if child not in visited)
        return order

    def backward(self):
        """Fill `.grad` of every node with d(self)/d(node), by the chain rule."""
        order = self.topological_order()
        for node in order:
            node.grad = 0.0
        self.grad = 1.0
        for node in reversed(order):
            for child, local in zip(node._children, node._local_grads):
                child.grad += local * node.grad
