"""The compiled data cache: the validated, measured Dataset kept on disk between starts.

Reading, validating and measuring 10,000 corridors takes seconds; unpickling the result takes a
fraction of one. The key is the content hash of every data file (``datadir.fingerprint``) plus the
code version (a hash of this package's source and of the libraries the pickle holds objects of),
so a change to any data file, to the code or to a library misses the cache and rebuilds.

Where: ``$CORRIDORS_CACHE_DIR``, else ``$XDG_CACHE_HOME/corridors``, else ``~/.cache/corridors``;
never inside the repository (a checkout may be read-only, and the cache is not source). A cache
folder that cannot be written, or that another user could write (a pickle runs code when loaded),
is not used: the cache then lives in memory for the life of the process.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
from collections import OrderedDict
from functools import cache
from pathlib import Path
from typing import Any

from ..store import atomicfile, codeversion
from ..store.datadir import REPO_ROOT

ENV_VAR = "CORRIDORS_CACHE_DIR"

#: Dataset files kept on disk (the most recently written); older ones are deleted.
DISK_ENTRIES = 4

#: Datasets kept in memory (the last few keys): the fallback, and a second load in one process.
MEMORY_ENTRIES = 2
_memory: OrderedDict[str, Any] = OrderedDict()


def folder() -> Path:
    """Where cached datasets are written (it may not exist yet)."""
    chosen = os.environ.get(ENV_VAR)
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "corridors"


@cache
def code_version() -> str:
    """The package's code version with the versions the cached objects depend on."""
    import geopandas
    import numpy
    import pandas
    import shapely

    return codeversion.code_version(
        sys.version,
        numpy.__version__,
        pandas.__version__,
        geopandas.__version__,
        shapely.__version__,
    )


def key(data_version: str) -> str:
    """The cache key of a dataset: its data version (``datadir.fingerprint``) and the code's."""
    return hashlib.sha256(f"{data_version}\0{code_version()}".encode()).hexdigest()[:32]


def _usable_folder(create: bool) -> Path | None:
    """The cache folder if it is ours alone and outside the repository, else None."""
    path = folder()
    try:
        real = path.resolve()
        if real == REPO_ROOT or REPO_ROOT in real.parents:
            return None
        if create:
            path.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid():
        return None
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return None
    return path


def usable() -> bool:
    """Whether datasets can be kept on disk (a child process's build can reach this one)."""
    return _usable_folder(create=True) is not None


def get(cache_key: str) -> Any | None:
    """The dataset cached under this key (memory first, then disk), or None."""
    if cache_key in _memory:
        _memory.move_to_end(cache_key)
        return _memory[cache_key]
    value = read(f"{cache_key}.pickle")
    if value is not None:
        _remember(cache_key, value)
    return value


def read(name: str) -> Any | None:
    """The object pickled in the file ``name`` of the cache folder, or None: only from a folder
    and a regular file of this user's (``_usable_folder``), and a truncated or stale file is a
    miss, never an error."""
    base = _usable_folder(create=False)
    if base is None:
        return None
    try:
        fd = os.open(base / name, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            st = os.fstat(handle.fileno())
            if not stat.S_ISREG(st.st_mode) or st.st_uid != os.getuid():
                return None
            return pickle.load(handle)
    except Exception:  # a truncated or stale file is a miss, never an error: it is rebuilt
        return None


def _remember(cache_key: str, value: Any) -> None:
    _memory[cache_key] = value
    _memory.move_to_end(cache_key)
    while len(_memory) > MEMORY_ENTRIES:
        _memory.popitem(last=False)


def put(cache_key: str, value: Any) -> bool:
    """Keep the dataset in memory and, when the folder allows, on disk; True if on disk.

    Written whole or not at all (``atomicfile``, not flushed to disk: a lost entry is rebuilt), so
    a reader never sees half a file; older entries of the same data are not kept (one file per
    key, the folder holds what was loaded recently and can be deleted at any time).
    """
    _remember(cache_key, value)
    if not write(f"{cache_key}.pickle", value):
        return False
    prune("*.pickle", DISK_ENTRIES)
    return True


def write(name: str, value: Any) -> bool:
    """Pickle ``value`` into the file ``name`` of the cache folder, whole or not at all
    (``atomicfile``, not flushed to disk: a lost entry is rebuilt); True if written."""
    base = _usable_folder(create=True)
    if base is None:
        return False
    try:
        atomicfile.write_with(
            base / name,
            lambda handle: pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL),
            durable=False,
        )
    except (atomicfile.WriteError, OSError):
        return False
    return True


def prune(pattern: str, keep: int) -> None:
    """Keep the ``keep`` most recently written files of the cache folder matching ``pattern``
    (a glob), delete the older ones; a file that cannot be read or removed is left."""
    base = _usable_folder(create=False)
    if base is None:
        return
    try:
        entries = sorted(base.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[keep:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def clear_memory() -> None:
    _memory.clear()


def in_memory() -> bool:
    """Whether this process holds a dataset (it has loaded or built one)."""
    return bool(_memory)
