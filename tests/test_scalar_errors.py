"""Bad input to the scalar engine raises at once, with a message that says what was wrong
and what to do (a silent NaN would surface many cells later)."""

import math

import pytest

from backprop import Value


def test_log_of_zero():
    with pytest.raises(ValueError, match=r"log\(0\) is undefined: log needs a positive input"):
        Value(0.0).log()


def test_log_of_negative():
    with pytest.raises(ValueError, match=r"log\(-1\) is undefined: log needs a positive input"):
        Value(-1.0).log()


def test_nan_is_refused():
    with pytest.raises(ValueError, match=r"nan, not a finite number: check the inputs"):
        Value(float("nan"))


def test_inf_is_refused():
    with pytest.raises(ValueError, match=r"inf, not a finite number: check the inputs"):
        Value(math.inf)


def test_string_is_refused():
    with pytest.raises(TypeError, match=r"takes a real number, got str"):
        Value("a")


def test_value_of_a_value_is_refused():
    with pytest.raises(TypeError, match=r"not another Value; use it directly"):
        Value(Value(1.0))


def test_overflowing_result_names_the_operation():
    big = Value(1e200)
    with pytest.raises(ValueError, match=r"result of '\*' is inf.*overflow"):
        big * big


@pytest.mark.parametrize("divide", [lambda: Value(1.0) / Value(0.0), lambda: 10 / Value(0.0)],
                         ids=["Value / Value(0)", "10 / Value(0)"])
def test_division_by_zero_says_what_was_wrong(divide):
    with pytest.raises(ZeroDivisionError, match=r"division of a Value by zero.*divisor's data is 0"):
        divide()


def test_division_by_zero_says_what_to_do():
    with pytest.raises(ZeroDivisionError) as info:
        Value(1.0) / Value(0.0)
    message = str(info.value).lower()
    assert any(hint in message for hint in ("check", "avoid", "add", "use", "make sure"))


def test_negative_base_with_fractional_exponent():
    with pytest.raises(ValueError, match=r"-8.0 \*\* 0.5 has no real derivative.*positive base"):
        Value(-8.0) ** 0.5


def test_value_exponent_is_refused_with_a_recipe():
    with pytest.raises(TypeError, match=r"plain number k.*\.log\(\)\)\.exp\(\)"):
        Value(2.0) ** Value(3.0)
