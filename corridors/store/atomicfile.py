"""Writing a file so that it is either wholly replaced or left exactly as it was.

The bytes go to a temporary file in the target's own folder, are flushed to disk (fsync), and only
then renamed over the target (an atomic rename on POSIX), so a full disk, a killed process or an
unwritable folder leaves the previous file byte-identical. Exports, ``fmt``, the boundaries
recipe, anchors.csv, ingest, review, the annotations export, the trace recipe
(``devtools/trace/``) and the two caches (the map's data files, the compiled dataset) write
through here: the one writer of the package.

A cache passes ``durable=False``: its file is still replaced whole (a reader never sees half of
it), but not flushed to disk first, as a lost cache file is rebuilt and the flush would cost a
cold start its time.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


class WriteError(Exception):
    """A file could not be written; the message is one line, the old file is unchanged."""


def _umask() -> int:
    """The process umask, read without changing it (os.umask would, for every thread)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


def write_bytes(output: Path, data: bytes, durable: bool = True) -> None:
    """Replace ``output`` by ``data`` atomically, or raise WriteError leaving it unchanged."""
    write_with(output, lambda handle: handle.write(data), durable)


def write_text(output: Path, text: str, durable: bool = True) -> None:
    """Replace ``output`` by ``text`` in UTF-8 (line ends as given), as ``write_bytes``."""
    write_bytes(output, text.encode("utf-8"), durable)


def write_with(output: Path, write: Callable[[BinaryIO], object], durable: bool = True) -> None:
    """Replace ``output`` by what ``write`` writes to a binary handle (a large pickle is streamed,
    never held twice in memory), atomically, or raise WriteError leaving it unchanged.

    ``durable``: flush the file and its folder to disk before and after the rename (off for
    caches, see the module's docstring).
    """
    output = Path(output)
    try:
        st = os.stat(output)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise WriteError(f"cannot write {output}: {exc.strerror}") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise WriteError(f"cannot write {output}: it is a folder; name a file inside it")
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise WriteError(f"cannot write {output}: it exists and is not a regular file")
    folder = output.parent
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if st is not None:
            os.chmod(tmp, stat.S_IMODE(st.st_mode))
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, output)
        tmp = None
        if not durable:
            return
        with contextlib.suppress(OSError):  # not every file system can fsync a folder
            dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
    except OSError as exc:
        raise WriteError(
            f"cannot write {output}: {exc.strerror or exc}; the previous file is unchanged"
        ) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
