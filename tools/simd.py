"""Which of numpy's dispatched SIMD targets this CPU uses, and how to switch them off.

numpy compiles some loops several times, once per SIMD level ("dispatch targets"), and
picks the best one the CPU supports when it is imported. `NPY_DISABLE_CPU_FEATURES`
switches targets off, so the same machine computes with other code paths: other
summation orders, other last bits. The test runner uses that to check that every
printed output of the course survives a change in the last bits of the arithmetic.

Two traps, both silent or fatal: numpy ignores a name that is not a dispatch target
(so a wrong name would just repeat the first run), and refuses to import if a
*baseline* feature is named. So the names come from numpy itself, computed in a
process where the variable is unset.
"""


def dispatch_targets_found():
    """The dispatch targets this numpy build found on this CPU (and so uses).

    numpy 2: `show_config(mode="dicts")["SIMD Extensions"]["found"]`;
    numpy 1.x: `__cpu_dispatch__` filtered by `__cpu_features__`."""
    import numpy

    if int(numpy.__version__.split(".")[0]) >= 2:
        simd = numpy.show_config(mode="dicts")["SIMD Extensions"]
        return list(simd.get("found", []))
    from numpy.core import _multiarray_umath as umath

    return [name for name in umath.__cpu_dispatch__ if umath.__cpu_features__.get(name)]
