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

    ``meanwhile``: work that needs no data (the map page), done here while the child builds
    (only then: otherwise the caller does it when it needs it, as before)."""
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
    """Run the cold build in a child process; True if it exited cleanly (its output, a cache
    entry, is then read by ``dataset.load``). ``meanwhile`` runs here while the child works; an
    error in it is left for the caller to meet when it does that work itself."""
    try:
        child = subprocess.Popen(
            [sys.executable, "-m", __name__, str(root)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    with child:
        try:
            if meanwhile is not None:
                with contextlib.suppress(Exception):
                    meanwhile()
            return child.wait(timeout=CHILD_TIMEOUT_S) == 0
        except subprocess.TimeoutExpired:
            child.kill()
            return False
        except BaseException:
            child.kill()  # as subprocess.run does: no child left building for nobody
            raise


def spare_core(cores: int | None = None, load: float | None = None) -> bool:
    """Whether a core is free for the fork that measures the routes beside the checks
    (``dataset.load(concurrent=True)``): the 1-minute load average leaves at least one core
    idle. On a busy machine the fork only costs: the two processes take turns on the same cores
    and the pages both touch are copied (at 10,000 corridors, load average 7–14 on 2 cores: 6 %
    more CPU and 11 % more wall time than one process)."""
    cores = (os.cpu_count() or 1) if cores is None else cores
    if load is None:
        try:
            load = os.getloadavg()[0]
        except OSError:
            return False
    return cores >= 2 and load <= cores - 1


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    # this process has no other thread: the routes can be measured in a fork, given a free core
    dataset.load(DataDir(Path(args[0])), cache=True, concurrent=spare_core())
    return 0


if __name__ == "__main__":
    sys.exit(main())
