"""Numbers for display: every number of the stepper's texts goes through `number`, so
all of them are rounded in one format (fixed point, `decimals` places; default 2, as in
`∂L/∂w = ∂L/∂z · ∂z/∂w = 0.50 × 2.00 = 1.00`). The steps keep the full values."""


def check_decimals(decimals):
    if not isinstance(decimals, int) or isinstance(decimals, bool) or not 0 <= decimals <= 8:
        raise ValueError(f"decimals must be an integer from 0 to 8, got {decimals!r}.")
    return decimals


def number(x, decimals):
    """x rounded to `decimals` places; "-0.00" (a tiny negative) is written "0.00"."""
    text = f"{x:.{decimals}f}"
    return text[1:] if text.startswith("-") and not text.strip("-0.") else text


def shape(array):
    """(2×3) for a matrix, (3) for a vector."""
    return "(" + "×".join(str(n) for n in array.shape) + ")"


def operand(x, decimals):
    """`number`, in parentheses when negative, for a number after an operator:
    1.00 × (-0.72), not 1.00 × -0.72."""
    text = number(x, decimals)
    return f"({text})" if text.startswith("-") else text
