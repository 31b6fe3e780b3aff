"""The operation counter: each +, -, * and / between Counted numbers counted once, plain
floats not at all, and the result a Counted again."""

import pytest

from backprop.counting import Counted, operations_executed


def test_the_operation_counter_counts_each_arithmetic_operation_once():
    a, b = Counted(2.0), Counted(3.0)
    result, ops = operations_executed(lambda: (a + b) * a - 1.0 / b + 0.0 + 2 * b)
    assert ops == 7 and isinstance(result, Counted)   # +, *, /, -, +, *, +
    assert float(result) == pytest.approx(10 - 1 / 3 + 6)
    # a loop of n products and n sums: 2n, plus nothing for plain floats
    w = [Counted(v) for v in (0.5, -1.0, 2.0)]
    total, ops = operations_executed(lambda: sum(wi * xi for wi, xi in zip(w, (1, 2, 3))))
    assert ops == 6 and float(total) == pytest.approx(4.5)
    assert operations_executed(lambda: 1.0 + 2.0)[1] == 0
