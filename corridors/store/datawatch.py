"""Noticing that the data files changed while the dashboard runs, cheaply.

Every run compares a stat signature (name, size, modification time, inode of every entry under
geodata/ and seeds/, symlinks not followed): a few system calls. Only when it differs is the full
content hash (``datadir.fingerprint``) computed; caches are keyed by that hash, so an edit that
leaves the content as it was (a ``touch``) reloads nothing.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from .datadir import DataDir, fingerprint


def signature(datadir: DataDir) -> tuple:
    """(relative path, size, mtime_ns, inode, mode) of every entry in the data folders."""
    entries = []
    root = os.path.join(os.fspath(datadir.root), "")  # paths as strings: run on every rerun
    for folder in (datadir.geodata, datadir.seeds):
        for dirpath, dirnames, filenames in os.walk(folder):  # never follows symlinked folders
            dirnames.sort()
            base = os.path.join(dirpath, "")
            rel_base = base[len(root) :] if base.startswith(root) else None
            for name in sorted([*dirnames, *filenames]):
                path = base + name
                try:
                    st = os.lstat(path)
                except OSError:
                    continue
                rel = rel_base + name if rel_base is not None else _relative(path, datadir.root)
                entries.append((rel, st.st_size, st.st_mtime_ns, st.st_ino, st.st_mode))
    return tuple(entries)


def _relative(path: str, root: Path) -> str:
    return str(Path(path).relative_to(root))


class Watch:
    """The data folder's current fingerprint, recomputed only when its signature changes."""

    def __init__(self, datadir: DataDir) -> None:
        self.datadir = datadir
        self._lock = threading.Lock()
        self._signature: tuple | None = None
        self._fingerprint = ""

    def fingerprint(self) -> str:
        with self._lock:
            now = signature(self.datadir)
            if now != self._signature:
                self._fingerprint = fingerprint(self.datadir)
                self._signature = now
            return self._fingerprint
