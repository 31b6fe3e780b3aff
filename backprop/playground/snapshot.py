"""A PNG of the playground's current state, for places where no widget can run.

GitHub, nbviewer and an untrusted notebook show the `image/png` of the display data
instead of the widget: the output heatmap with the points, the network with its
weights, and the loss curves, drawn with the course's own figure helpers.
"""

import io

import matplotlib
import numpy as np
from matplotlib.figure import Figure

from ..diagrams import draw_network
from ..plots import CLASS_COLORS, DIVERGING, STYLE, plot_loss_curves
from .frame import DOMAIN, big_map


def snapshot_png(run):
    """PNG bytes: heatmap and points | network | loss curves."""
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(12.8, 4.2), dpi=80)
        heat, net, curves = fig.subplots(1, 3, gridspec_kw={"width_ratios": [1, 1.4, 1.3]})
        values = big_map(run, None).astype(np.float64) / 127.5 - 1.0
        heat.imshow(values, cmap=DIVERGING, vmin=-1, vmax=1,
                    extent=(-DOMAIN, DOMAIN, -DOMAIN, DOMAIN), interpolation="bilinear")
        X_train = run.points[0]
        if run.problem == "classification":
            colors = np.array(CLASS_COLORS)[run.y_train.astype(int)]
        else:
            colors = DIVERGING((np.clip(run.y_train, -1, 1) + 1) / 2)
        heat.scatter(X_train[:, 0], X_train[:, 1], c=colors, s=10, edgecolors="white",
                     linewidths=0.4)
        heat.set(xlim=(-DOMAIN, DOMAIN), ylim=(-DOMAIN, DOMAIN), title=f"output, epoch {run.epoch}")
        heat.set_aspect("equal")
        heat.grid(False)
        draw_network(run.sizes, run.model, ax=net, show_shapes=False, node_size=250, fontsize=8)
        net.set_title(f"{run.settings['activation']}, lr={run.settings['lr']:g}")
        plot_loss_curves(run.history, ax=curves, title="loss")
        fig.set_layout_engine("tight")
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
    return buffer.getvalue()
