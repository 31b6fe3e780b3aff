"""The course palette: one colour per meaning, readable with every kind of colour vision.

Colours carry meaning across the whole course, so a viewer learns them once:
- FORWARD (blue) for values computed in the forward pass, GRADIENT (vermillion) for
  gradients;
- CLASS_COLORS: NEGATIVE (orange) for class 0 and negative weights, POSITIVE (sky blue)
  for class 1 and positive weights, the orange/blue of TensorFlow Playground;
- TRAIN (dark slate, solid lines) and TEST (purple, dashed lines) for what is measured on
  each split; TRAIN is also the ink of labels and outlines, NEUTRAL (light grey) of
  reference lines and contours;
- SERIES for several runs side by side, each with its own line style and marker
  (`series_style(i)`), so runs are told apart without colour too.

Where they come from. FORWARD, GRADIENT, NEGATIVE and POSITIVE are four colours of
Okabe and Ito's Color Universal Design set (2008), made for viewers with and without
colour-vision deficiency. SERIES mixes two more Okabe-Ito colours (bluish green, reddish
purple) with four of Paul Tol's "muted" scheme (wine, green, olive, purple), chosen to be
none of the fixed colours above. TRAIN, TEST and NEUTRAL are the course's earlier slate,
purple and grey, which already met the limits below.

What "readable" means here, and what tests/test_palette.py checks. Each colour is
converted to CIELab as seen with normal vision and as simulated, at full severity, for
deuteranopia, protanopia and tritanopia (Machado, Oliveira and Fernandes 2009). The
distance between two colours is CIEDE2000 (Sharma, Wu and Dalal 2005), where about 1 is
the smallest visible difference and 20 is a difference seen at a glance. Under all four
views:
- each fixed-meaning pair (FORWARD/GRADIENT, NEGATIVE/POSITIVE, TRAIN/TEST) is at least
  PAIR_LIMIT = 20 apart (the old green/red pair was 12.9 under deuteranopia);
- any two SERIES colours are at least SERIES_LIMIT = 10 apart; with six runs on one plot
  no set of colours can do much better under simulation, which is why each run also gets
  a line style.

This module needs no matplotlib: widgets and `backprop.plots` import it.
"""

import operator

FORWARD = "#0072b2"   # Okabe-Ito blue
GRADIENT = "#d55e00"  # Okabe-Ito vermillion
NEGATIVE = "#e69f00"  # Okabe-Ito orange: class 0, negative weights
POSITIVE = "#56b4e9"  # Okabe-Ito sky blue: class 1, positive weights
CLASS_COLORS = (NEGATIVE, POSITIVE)
TRAIN = "#2d3748"
TEST = "#805ad5"
NEUTRAL = "#a0aec0"
# The middle of the diverging map (class-0 side -> undecided -> class-1 side): near white,
# so an undecided region reads as neither class.
DIVERGING_COLORS = (NEGATIVE, "#f7f7f7", POSITIVE)

# Runs on one plot (learning rates, optimizers, batch sizes). The order matters: most
# plots show 2 to 4 runs, so the first entries are the ones furthest apart.
SERIES = ("#009e73",  # Okabe-Ito bluish green
          "#882255",  # Tol muted wine
          "#cc79a7",  # Okabe-Ito reddish purple
          "#117733",  # Tol muted green
          "#999933",  # Tol muted olive
          "#aa4499")  # Tol muted purple
# One line style and one marker per run: a second cue that needs no colour vision at all.
SERIES_LINESTYLES = ("-", "--", "-.", ":", (0, (6, 2, 1, 2, 1, 2)), (0, (10, 3)))
SERIES_MARKERS = ("o", "s", "^", "D", "v", "P")
SERIES_STYLES = tuple({"color": c, "linestyle": ls, "marker": m}
                      for c, ls, m in zip(SERIES, SERIES_LINESTYLES, SERIES_MARKERS))

# The fixed-meaning pairs and the limits the palette is held to (see tests/test_palette.py).
PAIR_LIMIT = 20.0
SERIES_LIMIT = 10.0
PAIRS = {"forward/gradient": (FORWARD, GRADIENT),
         "class 0/class 1 (negative/positive weight)": (NEGATIVE, POSITIVE),
         "train/test": (TRAIN, TEST)}


def series_style(i):
    """Colour, line style and marker of run `i` (0-based), as keyword arguments for
    `ax.plot(x, y, **series_style(i))`. Drop the marker with `markevery` or `marker=None`
    for dense curves."""
    try:
        i = operator.index(i)  # ints and numpy integers, not 1.0 or "1"
    except TypeError:
        raise TypeError(f"series_style: the run index must be an integer, got {i!r}") from None
    if not 0 <= i < len(SERIES_STYLES):
        raise ValueError(f"series_style: run index {i} is out of range: the palette has "
                         f"{len(SERIES_STYLES)} run styles (0 to {len(SERIES_STYLES) - 1}). "
                         "Split the runs over several plots, or label each curve directly.")
    return dict(SERIES_STYLES[i])
