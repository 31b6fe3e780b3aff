"""The header of the benchmark table: what machine and software the numbers come from."""

import os
import platform

import numpy as np
import sklearn


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def blas():
    """The BLAS numpy uses, as threadpoolctl sees it (library, version, cores, threads)."""
    from threadpoolctl import threadpool_info

    for info in threadpool_info():
        if info.get("user_api") == "blas" and "numpy" in info.get("filepath", ""):
            return (f"{info.get('internal_api')} {info.get('version')} "
                    f"({info.get('architecture')} kernels, {info.get('num_threads')} threads)")
    return "unknown (threadpoolctl found no BLAS loaded by numpy)"


def header():
    coretype = os.environ.get("OPENBLAS_CORETYPE")
    return [
        f"CPU: {cpu_model()}, {os.cpu_count()} logical cores; {platform.system()} "
        f"{platform.machine()}",
        f"Python {platform.python_version()}, numpy {np.__version__}, "
        f"scikit-learn {sklearn.__version__}",
        f"numpy BLAS: {blas()}" + (f"; OPENBLAS_CORETYPE={coretype}" if coretype else ""),
    ]
