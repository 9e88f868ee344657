"""One writer at a time: the lock every write of the curated tables (claims.csv, sources.csv,
anchors.csv, the proposals) is taken under.

Two curators, or two terminals, running ``ingest`` or ``review`` at once would each read a table,
add their rows and write it back, and the second write would drop the first one's rows. Each such
read-modify-write runs under an exclusive lock on one file beside the data folders (never inside
them, so the dashboard's watcher and the data hash never see it); a process that cannot get it
within the timeout stops with one line saying another process is writing, and writes nothing.

The lock is ``filelock``'s (an OS-level ``flock``, released by the kernel when a process dies, so a
killed curator never leaves it stuck). It is re-entrant within a thread: ``review`` takes it and
the anchors rewrite it calls takes it again. Threads (the dashboard's sessions) exclude each other.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from filelock import FileLock, Timeout

from .datadir import DataDir

#: The lock file's name, in the folder holding geodata/ and seeds/.
LOCK_NAME = ".corridors-write.lock"
#: Seconds to wait for another writer before giving up ($CORRIDORS_LOCK_TIMEOUT overrides).
TIMEOUT_VAR = "CORRIDORS_LOCK_TIMEOUT"
DEFAULT_TIMEOUT_S = 30.0

_locks: dict[str, FileLock] = {}
_guard = threading.Lock()


class Busy(Exception):
    """Another process holds the data's write lock; the message is one line."""


def _timeout() -> float:
    try:
        return max(0.0, float(os.environ.get(TIMEOUT_VAR, DEFAULT_TIMEOUT_S)))
    except ValueError:
        return DEFAULT_TIMEOUT_S


def _lock(datadir: DataDir) -> FileLock:
    """One FileLock object per lock file in this process (so taking it again nests)."""
    path = os.fspath(datadir.root / LOCK_NAME)
    with _guard:
        if path not in _locks:
            _locks[path] = FileLock(path, thread_local=True)
        return _locks[path]


@contextmanager
def writing(datadir: DataDir, timeout: float | None = None) -> Iterator[None]:
    """Hold the data's write lock for a read-modify-write of its tables, or raise Busy."""
    wait = _timeout() if timeout is None else timeout
    lock = _lock(datadir)
    try:
        lock.acquire(timeout=wait)
    except Timeout:
        raise Busy(
            f"another process is writing the data in {datadir.root} (it holds {LOCK_NAME}); "
            f"waited {wait:g} s: try again when it has finished"
        ) from None
    try:
        yield
    finally:
        lock.release()
