"""A cold build in a child process: the server keeps the built Dataset, not the build's heap.

Reading, validating and measuring 10,000 corridors allocates about a gigabyte of small Python
objects (parsed GeoJSON, table rows, text indexes) and frees nearly all of it; the allocator keeps
most of those pages, so a server that built its data in-process stayed at ~1 GB for its life,
against ~0.4 GB when the same Dataset came from the compiled data cache. So when the cache misses,
a child process builds the Dataset and writes it to the cache; the server then reads it from
there, as on a warm start. Whenever that cannot work (no usable cache folder, the child fails,
the data changed meanwhile), ``dataset.load`` builds in-process, as before.

    python -m corridors.model.childbuild DATADIR     # what the child runs
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from ..store.datadir import DataDir, fingerprint
from . import datacache, dataset

#: The child's time limit; past it the server builds the data itself.
CHILD_TIMEOUT_S = 1800.0
#: Data folders smaller than this (geodata/ and seeds/, in bytes) are built in-process: the
#: child's own start (its imports, ~2 s) would cost more than the build's heap (the live data's
#: files are under 1 MB; 10,000 synthetic corridors, 98 MB).
CHILD_ABOVE_BYTES = 8_000_000


def load(datadir: DataDir, meanwhile: Callable[[], object] | None = None) -> dataset.Dataset:
    """``dataset.load(datadir, cache=True)``, a cache miss of big data built in a child first.

    ``meanwhile``: the caller's work that needs no data (the dashboard's map page), done while a
    child builds, so that on two cores it costs the wait nothing. Called at most once, and only
    then; an error in it is left for the caller to meet when it does that work itself."""
    if (
        data_bytes(datadir) > CHILD_ABOVE_BYTES
        and datacache.get(datacache.key(fingerprint(datadir))) is None
        and datacache.usable()
    ):
        build_in_child(datadir.root, meanwhile)
    return dataset.load(datadir, cache=True)


def data_bytes(datadir: DataDir) -> int:
    """The size of the data folder's files (a stat each)."""
    total = 0
    for folder in datadir.folders():
        for dirpath, _, filenames in os.walk(folder):
            for name in filenames:
                with contextlib.suppress(OSError):
                    total += os.stat(os.path.join(dirpath, name)).st_size
    return total


def build_in_child(root: Path, meanwhile: Callable[[], object] | None = None) -> bool:
    """Run the cold build in a child process, ``meanwhile()`` in this one as it runs; True if the
    child exited cleanly (its output, a cache entry, is then read by ``dataset.load``)."""
    try:
        child = subprocess.Popen(
            [sys.executable, "-m", __name__, str(root)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    try:
        if meanwhile is not None:
            with contextlib.suppress(Exception):
                meanwhile()
        child.wait(timeout=CHILD_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return False
    finally:
        if child.poll() is None:  # past the limit, or this thread was interrupted
            child.kill()
            child.wait()
    return child.returncode == 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    dataset.load(DataDir(Path(args[0])), cache=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
