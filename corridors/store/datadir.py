"""Where the data lives: the repository's own copy, or a curator's copy named by flag or variable."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

#: Point the CLI and the dashboard at another copy of the data (the folder holding geodata/, seeds/).
ENV_VAR = "CORRIDORS_DATA_DIR"

REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class DataDir:
    root: Path

    @property
    def geodata(self) -> Path:
        return self.root / "geodata"

    @property
    def features(self) -> Path:
        return self.geodata / "features"

    @property
    def claims(self) -> Path:
        return self.geodata / "claims.csv"

    @property
    def corridors(self) -> Path:
        return self.geodata / "corridors.csv"

    @property
    def waypoints(self) -> Path:
        return self.geodata / "waypoints.csv"

    @property
    def references(self) -> Path:
        return self.geodata / "references.csv"

    @property
    def boundaries(self) -> Path:
        return self.geodata / "boundaries.geojson"

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def sources(self) -> Path:
        return self.seeds / "sources.csv"

    def folders(self) -> tuple[Path, Path]:
        """The data folders: nothing outside them is ever read (see corridors.store.reading)."""
        return (self.geodata, self.seeds)

    def rel(self, path: Path) -> str:
        """A path as the curator sees it: relative to the data folder.

        A path outside the data folder is shown by its name only, so that no message carries the
        layout of the user's machine (a symlink to /home/me/secret/x shows as 'x').
        """
        root = os.path.abspath(self.root)
        absolute = os.path.abspath(path)
        try:
            return Path(absolute).relative_to(root).as_posix()
        except ValueError:
            pass
        try:
            return Path(os.path.realpath(path)).relative_to(os.path.realpath(root)).as_posix()
        except ValueError:
            return Path(absolute).name


def resolve(path: str | os.PathLike[str] | None = None) -> DataDir:
    """The data folder: an explicit path, else $CORRIDORS_DATA_DIR, else the repository's own."""
    chosen = path or os.environ.get(ENV_VAR) or REPO_ROOT
    return DataDir(Path(chosen))


#: A file this large is refused by every reading limit; it counts by size and time, unread.
_FINGERPRINT_MAX_BYTES = 128 * 1024 * 1024

#: Content hashes of files already seen, by path, valid while their stat is unchanged.
_hashes: dict[str, tuple[tuple[int, ...], bytes]] = {}


def _file_digest(path: str, st: os.stat_result) -> bytes:
    key = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
    known = _hashes.get(path)
    if known and known[0] == key:
        return known[1]
    if st.st_size > _FINGERPRINT_MAX_BYTES:
        digest = hashlib.sha256(repr(key).encode()).digest()
    else:
        digest = hashlib.sha256()
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError:
            return b"unreadable"
        with os.fdopen(fd, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
        digest = digest.digest()
    _hashes[path] = (key, digest)
    return digest


def fingerprint(datadir: DataDir) -> str:
    """A content hash of every data file (geodata/ and seeds/): it changes when any file does.

    The dashboard compares it on each run to notice edits made while it runs; the compiled data
    cache uses it as its key. Only regular files are read (a FIFO or a device is never opened; a
    symlink counts by where it points, its target by its own entry); a file is hashed again only
    when its size, times or inode change, so a second call costs one stat a file.
    """
    digest = hashlib.sha256()
    for folder in datadir.folders():
        if not folder.is_dir():
            digest.update(b"missing " + folder.name.encode() + b"\0")
            continue
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames.sort()
            for name in sorted(
                filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]
            ):
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, datadir.root).replace(os.sep, "/")
                digest.update(rel.encode("utf-8", "surrogateescape") + b"\0")
                try:
                    st = os.lstat(path)
                except OSError:
                    digest.update(b"gone\0")
                    continue
                if stat.S_ISLNK(st.st_mode):
                    digest.update(b"link " + os.fsencode(os.readlink(path)) + b"\0")
                elif stat.S_ISREG(st.st_mode):
                    digest.update(_file_digest(path, st))
                else:
                    digest.update(f"type {stat.S_IFMT(st.st_mode)}".encode() + b"\0")
    return digest.hexdigest()
