"""The scalar engine stays finite and correct where the true value is finite: tanh and
sigmoid saturate without overflow for |x| up to 1000; exp refuses a result beyond float64."""

import math

import pytest

from backprop import Value


@pytest.mark.parametrize("x", [50.0, 500.0, 1000.0, -50.0, -500.0, -1000.0])
def test_tanh_and_sigmoid_stay_finite_for_large_inputs(x):
    v = Value(x)
    t = v.tanh()
    t.backward()
    assert t.data == math.copysign(1.0, x)
    assert v.grad == pytest.approx(0.0, abs=1e-40)  # true value 4 e^(-2|x|) <= 1.5e-43
    v = Value(x)
    s = v.sigmoid()
    s.backward()
    exact = math.exp(-abs(x)) / (1 + math.exp(-abs(x)))  # sigmoid(-|x|), no overflow
    assert math.isfinite(s.data) and math.isfinite(v.grad)
    assert s.data == pytest.approx(1 - exact if x > 0 else exact, rel=1e-15, abs=0)
    # the derivative s(1 - s) is at most 2e-22 here; for x > 0, s rounds to 1 and it to 0
    assert v.grad == pytest.approx(exact * (1 - exact), abs=1e-20)
    assert v.grad >= 0.0


def test_sigmoid_saturates_exactly_at_1000():
    low, high = Value(-1000.0), Value(1000.0)
    s_low, s_high = low.sigmoid(), high.sigmoid()
    assert s_low.data == 0.0 and s_high.data == 1.0
    s_low.backward()
    s_high.backward()
    assert low.grad == 0.0 and high.grad == 0.0


def test_exp_near_the_float64_limit():
    assert Value(709.0).exp().data == pytest.approx(math.exp(709.0))
    with pytest.raises(OverflowError, match="largest float64.*scale the input down"):
        Value(710.0).exp()
