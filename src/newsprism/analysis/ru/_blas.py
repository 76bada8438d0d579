"""Run natasha's taggers with numpy's OpenBLAS on one thread.

slovnet (natasha's models) runs its CNNs as many small numpy matrix products, one batch of a few
sentences at a time. OpenBLAS splits each product across all cores and waits for every thread to
finish its part, so one core busy with anything else stalls every product. On this project's
two-core machine, shared with other jobs, natasha's parse of a news article (12 WMT segments) took
230-270 ms on OpenBLAS's default two threads and 28-45 ms on one. The products are small (tens of
tokens by a few hundred features), so a second thread has little to gain even on an idle machine.
The parse is the same on one thread: the whole Russian analysis of 201 texts, and natasha's raw
tags, heads, relations and spans, were byte-identical both ways.

The number of threads can only be set through OpenBLAS's own C functions (the
``OPENBLAS_NUM_THREADS`` variable is read once, when numpy loads). They are looked up in the
OpenBLAS that numpy's wheel bundles (``numpy.libs`` on Linux and Windows, ``numpy/.dylibs`` on
macOS) or, on Linux, any OpenBLAS loaded into the process; with none found (numpy built on MKL,
Accelerate or a system BLAS) :func:`one_blas_thread` changes nothing.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import logging
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

__all__ = ["one_blas_thread"]

log = logging.getLogger(__name__)

# (get, set) symbol pairs: scipy-openblas (numpy >= 2 wheels, 64-bit ints), then a plain OpenBLAS.
_SYMBOLS = (
    ("scipy_openblas_get_num_threads64_", "scipy_openblas_set_num_threads64_"),
    ("openblas_get_num_threads64_", "openblas_set_num_threads64_"),
    ("openblas_get_num_threads", "openblas_set_num_threads"),
)

_lock = threading.Lock()
_depth = 0
_saved = 0


def _candidates() -> list[str]:
    """Paths of OpenBLAS libraries numpy may have loaded, the bundled ones first."""
    import numpy

    root = Path(numpy.__file__).resolve().parent
    paths = [str(p) for folder in (root.parent / "numpy.libs", root / ".dylibs") if folder.is_dir()
             for p in sorted(folder.iterdir()) if "openblas" in p.name.lower()]
    with contextlib.suppress(OSError):  # Linux only: what is mapped into this process
        maps = Path("/proc/self/maps").read_text(encoding="utf-8", errors="replace")
        fields = (line.split(None, 5) for line in maps.splitlines())
        paths += sorted({f[5] for f in fields if len(f) == 6 and "openblas" in f[5].lower()})
    return list(dict.fromkeys(paths))


@functools.cache
def _controls() -> tuple[Callable[[], int], Callable[[int], None]] | None:
    """OpenBLAS's get and set functions for the number of threads, or ``None`` without them."""
    for path in _candidates():
        try:
            lib = ctypes.CDLL(path)  # already loaded by numpy: the same library, not a second copy
        except OSError:
            continue
        for get_name, set_name in _SYMBOLS:
            get, set_ = getattr(lib, get_name, None), getattr(lib, set_name, None)
            if get is not None and set_ is not None:
                get.restype, get.argtypes = ctypes.c_int, []
                set_.restype, set_.argtypes = None, [ctypes.c_int]
                return get, set_
    log.debug("no OpenBLAS thread control found; natasha runs on numpy's default threads")
    return None


@contextlib.contextmanager
def one_blas_thread() -> Iterator[None]:
    """Within the block, numpy's matrix products run on one thread (restored after; nests, thread-safe).

    The setting is the process's, so while one thread is inside the block any other thread's
    products run on one thread too: only speed can change, never a result.
    """
    global _depth, _saved
    controls = _controls()
    if controls is None:
        yield
        return
    get, set_ = controls
    with _lock:
        if _depth == 0:
            _saved = get()
            if _saved != 1:
                set_(1)
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _saved != 1:
                set_(_saved)
