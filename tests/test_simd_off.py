"""Proof that the second test pass really computed without numpy's dispatched SIMD.

`tools/run_tests.py` sets NPY_DISABLE_CPU_FEATURES (and BACKPROP_SIMD_OFF, the same
list) for its second pass. numpy ignores names it does not know, silently, so the
pass would repeat the first one if the names were wrong. This test starts a Jupyter
kernel the way nbval does and asks numpy inside it which targets it found: every
disabled one must be reported as not found.
"""

import os
from pathlib import Path

import pytest
from jupyter_client.manager import start_new_kernel

SIMD_SOURCE = (Path(__file__).resolve().parent.parent / "tools" / "simd.py").read_text()


def kernel_found_targets():
    manager, client = start_new_kernel(kernel_name="python3")
    try:
        code = SIMD_SOURCE + "\nprint(' '.join(dispatch_targets_found()) or '-')"
        lines = []
        reply = client.execute_interactive(
            code, timeout=60,
            output_hook=lambda msg: lines.append(msg["content"].get("text", "")))
        assert reply["content"]["status"] == "ok", reply["content"]
        return "".join(lines).split() if "".join(lines).strip() != "-" else []
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def test_kernel_reports_every_disabled_target_off():
    disabled = os.environ.get("BACKPROP_SIMD_OFF")
    if disabled is None:
        pytest.skip("only meaningful in the second pass of tools/run_tests.py")
    disabled = disabled.split()
    assert disabled, "the second pass was started with an empty list of targets"
    found = kernel_found_targets()
    still_on = [name for name in disabled if name in found]
    assert not still_on, (f"NPY_DISABLE_CPU_FEATURES={' '.join(disabled)} did not take "
                          f"effect in the kernel: it still uses {still_on}")
