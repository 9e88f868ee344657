"""Where the data lives: the repository's own copy, or a curator's copy named by flag or variable."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

#: Point the CLI and the dashboard at another copy of the data (the folder holding geodata/, seeds/).
ENV_VAR = "CORRIDORS_DATA_DIR"

REPO_ROOT = Path(__file__).resolve().parent.parent


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

    def rel(self, path: Path) -> str:
        """A path as the curator sees it: relative to the data folder."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


def resolve(path: str | os.PathLike[str] | None = None) -> DataDir:
    """The data folder: an explicit path, else $CORRIDORS_DATA_DIR, else the repository's own."""
    chosen = path or os.environ.get(ENV_VAR) or REPO_ROOT
    return DataDir(Path(chosen))


def fingerprint(datadir: DataDir) -> str:
    """A content hash of every data file (geodata/ and seeds/): it changes when any file does.

    The dashboard compares it on each run to notice edits made while it runs; caches use it as
    their key. Only regular files count (a symlink or a FIFO is never followed or read here).
    """
    digest = hashlib.sha256()
    for folder in (datadir.geodata, datadir.seeds):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_symlink() or not path.is_file():
                continue
            digest.update(path.relative_to(datadir.root).as_posix().encode())
            digest.update(b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
