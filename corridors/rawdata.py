"""Reading the curated files as they are, keeping what went wrong instead of raising.

Validation and loading both start here: a file that cannot be read becomes a Problem with its line
and column, and the rest of the data is still read, so every problem is reported at once.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from .datadir import DataDir
from .problems import Problem, error

#: Larger files are refused before parsing, so a runaway file cannot hang or exhaust memory.
MAX_FILE_BYTES = 64 * 1024 * 1024


class DuplicateKeyError(ValueError):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    seen: dict[str, object] = {}
    for key, value in pairs:
        if key in seen:
            raise DuplicateKeyError(key)
        seen[key] = value
    return seen


@dataclass
class GeoFile:
    """One GeoJSON file: its parsed content, or None with the problem that stopped parsing."""

    path: Path
    rel: str
    data: dict | None
    sha256: str = ""


@dataclass
class Row:
    line: int
    values: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.values.get(key) or ""


@dataclass
class Table:
    rel: str
    columns: list[str]
    rows: list[Row]
    present: bool = True


@dataclass
class RawData:
    datadir: DataDir
    geofiles: list[GeoFile] = field(default_factory=list)
    claims: Table | None = None
    sources: Table | None = None
    corridors: Table | None = None
    waypoints: Table | None = None
    references: Table | None = None
    seeds: dict[str, bytes] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # problems met while reading


def _size(n: int) -> str:
    """A byte count as people read it (64 MiB, 16 KiB, 900 bytes)."""
    for unit, scale in (("MiB", 2**20), ("KiB", 2**10)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def _read_text(path: Path, rel: str, problems: list[Problem]) -> str | None:
    """A file's UTF-8 text, or None with a problem saying why it cannot be read."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        problems.append(error(rel, "", f"cannot read the file: {exc.strerror}", "restore the file"))
        return None
    if size > MAX_FILE_BYTES:
        problems.append(
            error(
                rel,
                "",
                f"file is {_size(size)}, over the {_size(MAX_FILE_BYTES)} limit; not read",
                "split it into smaller files or simplify its geometry",
            )
        )
        return None
    raw = path.read_bytes()
    if not raw.strip():
        problems.append(error(rel, "", "file is empty", "write a FeatureCollection, or delete it"))
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(
            error(
                rel, "", "file starts with a UTF-8 byte-order mark", "save it as UTF-8 without BOM"
            )
        )
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(
            error(
                rel,
                "",
                f"not UTF-8: byte 0x{raw[exc.start]:02x} at byte {exc.start}",
                "save the file as UTF-8",
                line,
            )
        )
        return None


def read_geofile(path: Path, rel: str, problems: list[Problem]) -> GeoFile:
    text = _read_text(path, rel, problems)
    if text is None:
        return GeoFile(path, rel, None)
    digest = hashlib.sha256(text.encode()).hexdigest()
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except DuplicateKeyError as exc:
        problems.append(
            error(rel, "", f"duplicate JSON key {exc.args[0]!r}", "keep one of the two keys")
        )
        return GeoFile(path, rel, None, digest)
    except json.JSONDecodeError as exc:
        problems.append(
            error(
                rel,
                "",
                f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
                "fix the JSON syntax there (a missing comma or bracket is the usual cause)",
                exc.lineno,
            )
        )
        return GeoFile(path, rel, None, digest)
    return GeoFile(path, rel, data if isinstance(data, dict) else {"__not_object__": data}, digest)


def _row_id(values: dict[str, str | None]) -> str:
    """What names a row: its id, or for sources.csv its file name."""
    return values.get("id") or values.get("file") or ""


def read_table(path: Path, rel: str, problems: list[Problem]) -> Table:
    if not path.exists():
        problems.append(error(rel, "", "file is missing", "restore it from git"))
        return Table(rel, [], [], present=False)
    text = _read_text(path, rel, problems)
    if text is None:
        return Table(rel, [], [], present=True)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows: list[Row] = []
    try:
        for values in reader:
            extra = values.pop(None, None)  # type: ignore[call-overload]
            if extra:
                problems.append(
                    error(
                        rel,
                        _row_id(values),
                        f"row has {len(extra)} more cell(s) than the header",
                        "quote cells that contain commas with double quotes",
                        reader.line_num,
                    )
                )
            short = [k for k, v in values.items() if v is None]
            if short:
                problems.append(
                    error(
                        rel,
                        _row_id(values),
                        f"row has {len(short)} fewer cell(s) than the header (no {', '.join(short)})",
                        "add the missing cells: an empty cell still needs its comma",
                        reader.line_num,
                    )
                )
            rows.append(Row(reader.line_num, {k: (v or "") for k, v in values.items()}))
    except csv.Error as exc:
        problems.append(error(rel, "", f"CSV error: {exc}", "fix the quoting", reader.line_num))
    return Table(rel, list(reader.fieldnames or []), rows)


def read(datadir: DataDir) -> RawData:
    """Read every curated file; what cannot be read is recorded as a problem, never raised."""
    raw = RawData(datadir)
    problems = raw.problems
    if datadir.features.is_dir():
        for path in sorted(datadir.features.glob("*.geojson")):
            raw.geofiles.append(read_geofile(path, datadir.rel(path), problems))
    raw.claims = read_table(datadir.claims, datadir.rel(datadir.claims), problems)
    raw.sources = read_table(datadir.sources, datadir.rel(datadir.sources), problems)
    raw.corridors = read_table(datadir.corridors, datadir.rel(datadir.corridors), problems)
    raw.waypoints = read_table(datadir.waypoints, datadir.rel(datadir.waypoints), problems)
    raw.references = read_table(datadir.references, datadir.rel(datadir.references), problems)
    if datadir.seeds.is_dir():
        for path in sorted(datadir.seeds.glob("*.txt")):
            raw.seeds[path.name] = path.read_bytes()
    return raw
