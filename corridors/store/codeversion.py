"""One hash of the code, for every cache that must be dropped when the code changes.

The map page, its data files and the compiled dataset are cached on disk by the version of the
code that made them. Every file of the package is hashed, in every folder (Python, the map's
JavaScript and CSS): a cache keyed by part of it would serve stale pages after an upgrade that
changed only the part it skipped.

Two versions key the caches, and each has one name everywhere: ``code_version`` (this hash, with
the versions of the libraries a cache holds objects of) and ``data_version`` (the content hash of
the data files, ``datadir.fingerprint``). A release's own version (``citations.map_version``) is a
third thing, for citing the map, and keys nothing.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

#: The package folder: corridors/.
PACKAGE_DIR = Path(__file__).resolve().parents[1]

#: Files that are code: what a cached object can depend on.
CODE_SUFFIXES = (".py", ".js", ".css")


def package_files(root: Path = PACKAGE_DIR) -> list[Path]:
    """Every code file under ``root``, in a stable order (caches and bytecode left out)."""
    return sorted(
        path
        for path in root.rglob("*")
        if path.suffix in CODE_SUFFIXES and path.is_file() and "__pycache__" not in path.parts
    )


def source_hash(root: Path = PACKAGE_DIR) -> str:
    """A hash of every code file's path (relative to ``root``) and bytes."""
    digest = hashlib.sha256()
    for path in package_files(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


@cache
def _source_hash_cached() -> str:
    return source_hash()


def code_version(*versions: object) -> str:
    """The package's source hash combined with the versions of what the cached object uses
    besides it (libraries, Python): one definition for the dataset cache and the map component."""
    digest = hashlib.sha256(_source_hash_cached().encode() + b"\0")
    for version in versions:
        digest.update(str(version).encode() + b"\0")
    return digest.hexdigest()
