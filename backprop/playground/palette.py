"""The playground's colours, read from `backprop.plots` when a widget is made.

The browser gets them in the `palette` trait and writes no colour of its own, so the
playground always wears the course palette, whatever its values are today:
negative / positive (classes, signs of weights), mid (the diverging map's centre),
train / test (curves and point outlines), neutral (lines), forward / gradient (the
backward view: edges by dL/dw, the delta bars), and `series`, one colour per layer in the
chart of gradient norms.
"""

from matplotlib.colors import to_hex


def palette():
    from .. import plots

    return {
        "negative": to_hex(plots.NEGATIVE), "positive": to_hex(plots.POSITIVE),
        "mid": to_hex(plots.DIVERGING(0.5)), "train": to_hex(plots.TRAIN),
        "test": to_hex(plots.TEST), "neutral": to_hex(plots.NEUTRAL),
        "forward": to_hex(plots.FORWARD), "gradient": to_hex(plots.GRADIENT),
        "series": [to_hex(color) for color in plots.SERIES],
    }
