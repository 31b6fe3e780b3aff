"""`import backprop` stays cheap: no matplotlib, no ipywidgets, no scikit-learn."""

import subprocess
import sys


def test_import_does_not_load_plotting_or_widgets():
    code = ("import sys, backprop; "
            "print(sorted(m for m in ('matplotlib', 'ipywidgets', 'sklearn') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_lazy_submodules_load_on_first_use():
    import backprop

    assert backprop.plots.FORWARD != backprop.plots.GRADIENT
    assert callable(backprop.datasets.circle)
