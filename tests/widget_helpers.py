"""Shared helpers for the widget tests: record what an explorer displays, and compare it
with the pure figure function's own figure, pixel for pixel."""

import io

import matplotlib.pyplot as plt
import numpy as np

from backprop.widgets import explorer


def record_displays(monkeypatch):
    """List that receives the PNG bytes of everything explorers display from now on."""
    shown = []
    monkeypatch.setattr(explorer, "display", lambda image: shown.append(image.data))
    return shown


def pixels(png_bytes):
    """Decode a PNG into 0-255 RGBA values."""
    return np.round(plt.imread(io.BytesIO(png_bytes), format="png") * 255)


def same_picture(png_bytes, fig):
    """Whether the PNG shows exactly what `fig` renders to (closes `fig`)."""
    try:
        return np.array_equal(pixels(png_bytes), pixels(explorer.render_png(fig)))
    finally:
        plt.close(fig)
