"""Counting arithmetic: how many +, -, * and / a piece of unchanged code executes.

`Counted` is a float whose +, -, * and / each add 1 to `Counted.operations` and return a
Counted again, so the count follows the values through code written for plain floats;
`operations_executed(run, *args)` runs from a zero count. Lesson 01 counts forward mode
(one sweep per input, n sweeps of O(n) each: O(n^2)) against reverse mode (one forward
pass and one backward sweep: O(n)) this way. A count, unlike a timing, is the same on
every machine.
"""


class Counted(float):
    """A float that counts the +, -, * and / it takes part in, in Counted.operations.

    Each operation returns a Counted again, so the count follows the values through the
    code. Python tries a subclass's reflected method first, so 0.0 + Counted(1) runs
    __radd__ and is counted too, exactly once."""
    operations = 0


def _counting(name):
    """float's operation `name`, counted once and returning a Counted."""
    operation = getattr(float, name)

    def counted(self, other):
        Counted.operations += 1
        return Counted(operation(self, other))
    counted.__name__ = name
    return counted


for _name in ("__add__", "__radd__", "__sub__", "__rsub__",
              "__mul__", "__rmul__", "__truediv__", "__rtruediv__"):
    setattr(Counted, _name, _counting(_name))


def operations_executed(run, *args):
    """run(*args) from a zero count: returns (its result, the operations it executed)."""
    Counted.operations = 0
    result = run(*args)
    return result, Counted.operations
