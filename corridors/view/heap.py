"""Freed memory given back to the system after each run of the page (glibc's ``malloc_trim``).

Building the page frees most of what it allocates (a cold start's map files, a panel, a toggle's
subset of the data), but glibc keeps freed pages in its heap for the next allocation: at 10,000
corridors the server grew by ~50 MB over a few toggles and clicks that left ~6 MB of live Python
objects (tracemalloc). Trimming after a run returns those pages; it costs about a millisecond
after a light run and up to ~25 ms after a cold start's (measured at 10,000 corridors). Elsewhere
than glibc (musl, macOS) there is no such call and nothing is done.
"""

from __future__ import annotations

import ctypes
import functools


@functools.cache
def _malloc_trim():
    """glibc's ``malloc_trim``, or None where the C library has none."""
    try:
        return ctypes.CDLL(None).malloc_trim  # the process's own symbols, libc among them
    except (OSError, AttributeError):
        return None


def trim() -> bool:
    """Give the heap's free pages back to the system; True when the C library could."""
    malloc_trim = _malloc_trim()
    if malloc_trim is None:
        return False
    malloc_trim(0)
    return True
