"""Reading the curated files as they are, keeping what went wrong instead of raising.

Validation and loading both start here: every file goes through ``corridors.store.reading`` (regular
files inside the data folders only, size limits, strict UTF-8, safe JSON), and a file or row that
cannot be read becomes a Problem with its line, while the rest of the data is still read, so every
problem is reported at once. Tables are always there: a missing or unreadable one is an empty
table marked ``usable = False`` (with its problem), never None.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import Problem, error
from ..schema import (
    CLAIM_COLUMNS,
    CORRIDOR_COLUMNS,
    REFERENCE_COLUMNS,
    SOURCE_COLUMNS,
    WAYPOINT_COLUMNS,
)
from . import reading
from .datadir import DataDir


@dataclass
class GeoFile:
    """One GeoJSON file: its parsed content, or None with the problem that stopped parsing."""

    path: Path
    rel: str
    data: dict | None


class Row(dict):
    """One table row: its cells by column name ('' for a column it lacks) and its line number.

    A dict, so that the checks' millions of cell look-ups are plain dict look-ups.
    """

    def __init__(self, line: int, values: dict[str, str]) -> None:
        super().__init__(values)
        self.line = line

    def __missing__(self, key: str) -> str:
        return ""

    def __repr__(self) -> str:
        return f"Row(line={self.line}, {dict.__repr__(self)})"


@dataclass
class Table:
    rel: str
    rows: list[Row] = field(default_factory=list)
    present: bool = True
    #: False when the table could not be read or its header is wrong: its rows are not data, and
    #: checks that look things up in it stay quiet (the one problem with the table says it all).
    usable: bool = True


@dataclass
class RawData:
    datadir: DataDir
    geofiles: list[GeoFile] = field(default_factory=list)
    claims: Table = field(default_factory=lambda: Table("geodata/claims.csv", present=False))
    sources: Table = field(default_factory=lambda: Table("seeds/sources.csv", present=False))
    corridors: Table = field(default_factory=lambda: Table("geodata/corridors.csv", present=False))
    waypoints: Table = field(default_factory=lambda: Table("geodata/waypoints.csv", present=False))
    references: Table = field(
        default_factory=lambda: Table("geodata/references.csv", present=False)
    )
    seeds: dict[str, bytes] = field(default_factory=dict)  # article file name -> its bytes
    #: article file name -> its text: the same names as ``seeds`` (an article that cannot be
    #: decoded is in neither, but in ``refused_seeds``)
    texts: dict[str, str] = field(default_factory=dict)
    refused_seeds: set[str] = field(default_factory=set)  # articles present but not readable
    boundaries: GeoFile | None = None  # None when there is no boundaries file
    problems: list[Problem] = field(default_factory=list)  # problems met while reading
    #: What the checks derived from this data (validate.Context), kept for the Dataset builder.
    context: object | None = field(default=None, repr=False, compare=False)


def read_geofile(
    datadir: DataDir,
    path: Path,
    problems: list[Problem],
    limit: reading.Limit | None = None,
) -> GeoFile:
    """One GeoJSON file through the safe reading layer; ``data`` is None if it cannot be used."""
    rel = datadir.rel(path)
    data = reading.read_bytes(datadir, path, limit or reading.FEATURE_FILE, problems)
    if data is None:
        return GeoFile(path, rel, None)
    text = reading.decode_text(data, rel, problems)
    if text is None:
        return GeoFile(path, rel, None)
    before = len(problems)
    parsed = reading.parse_json(text, rel, problems)
    if len(problems) > before:  # refused, with its reason (None is also what JSON null parses to)
        return GeoFile(path, rel, None)
    return GeoFile(path, rel, parsed if isinstance(parsed, dict) else {"__not_object__": parsed})


def _row_id(values: dict[str, str]) -> str:
    """What names a row: its id, or for sources.csv its file name."""
    return values.get("id") or values.get("file") or ""


def _header_problem(rel: str, columns: list[str], expected: tuple[str, ...]) -> Problem:
    missing = [c for c in expected if c not in columns]
    unknown = [c for c in columns if c not in expected]
    repeated = sorted({c for c in columns if columns.count(c) > 1})
    detail = "; ".join(
        part
        for part in (
            f"missing {missing}" if missing else "",
            f"unknown {unknown}" if unknown else "",
            f"repeated {repeated}" if repeated else "",
            "order differs" if not (missing or unknown or repeated) else "",
        )
        if part
    )
    return error(
        rel,
        "",
        f"header is not {list(expected)}: {detail}; the table is not read",
        "fix the header (the first line)",
        1,
    )


def read_table(
    datadir: DataDir, path: Path, expected: tuple[str, ...], problems: list[Problem]
) -> Table:
    """A CSV table with exactly the expected header; each malformed row is a problem."""
    return read_table_text(datadir, path, expected, problems)[0]


def read_table_text(
    datadir: DataDir, path: Path, expected: tuple[str, ...], problems: list[Problem]
) -> tuple[Table, str | None]:
    """``read_table``, and the text the table was parsed from (None when it could not be read).

    For a check that also compares the file with how `fmt` writes it (anchors.csv), so that the
    file is read once and the rows and the text compared are of the same read.
    """
    rel = datadir.rel(path)
    if not os.path.lexists(path):
        problems.append(error(rel, "", "file is missing", "restore it from git"))
        return Table(rel, present=False, usable=False), None
    data = reading.read_bytes(datadir, path, reading.TABLE, problems)
    text = None if data is None else reading.decode_text(data, rel, problems, csv=True)
    if text is None:
        return Table(rel, usable=False), None
    return _parse_table(rel, text, expected, problems), text


def parse_table(rel: str, text: str, expected: tuple[str, ...], problems: list[Problem]) -> Table:
    """A table from its text, as if read from ``rel``: for data checked before it is written
    (review validates the claims it would add in memory)."""
    return _parse_table(rel, text, expected, problems)


def _parse_table(rel: str, text: str, expected: tuple[str, ...], problems: list[Problem]) -> Table:
    """The rows of a table's text, when its header is exactly the expected one."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        header = []
    if header != list(expected):
        problems.append(_header_problem(rel, header, expected))
        return Table(rel, usable=False)
    rows: list[Row] = []
    try:
        for cells in reader:
            if not cells:
                continue  # a blank line
            line = reader.line_num
            if cells == header:
                problems.append(
                    error(rel, "", f"the header row is repeated at line {line}", "delete it", line)
                )
                continue
            values = dict(zip(header, cells, strict=False))
            if len(cells) > len(header):
                problems.append(
                    error(
                        rel,
                        _row_id(values),
                        f"row has {len(cells) - len(header)} more cell(s) than the header",
                        "quote cells that contain commas with double quotes",
                        line,
                    )
                )
            elif len(cells) < len(header):
                short = header[len(cells) :]
                problems.append(
                    error(
                        rel,
                        _row_id(values),
                        f"row has {len(short)} fewer cell(s) than the header (no {', '.join(short)})",
                        "add the missing cells: an empty cell still needs its comma",
                        line,
                    )
                )
                values |= {c: "" for c in short}
            rows.append(Row(line, values))
    except csv.Error as exc:
        problems.append(
            error(rel, "", f"CSV error: {exc}", "fix the quoting there", reader.line_num)
        )
    return Table(rel, rows)


def table_text(
    columns: Iterable[str], rows: Iterable[Mapping[str, str]], header: bool = True
) -> str:
    """CSV as `fmt` writes the tables: minimal quoting, '\\n' line ends.

    The one writer, so that the rows ingest and review write, anchors.csv, and the check that
    anchors.csv is as `fmt` writes it all agree byte for byte.
    """
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    if header:
        writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def read_boundaries(datadir: DataDir, problems: list[Problem]) -> GeoFile | None:
    """geodata/boundaries.geojson through the same safe reading; None when there is none."""
    if not os.path.lexists(datadir.boundaries):
        return None
    return read_geofile(datadir, datadir.boundaries, problems, reading.BOUNDARIES)


def read(datadir: DataDir) -> RawData:
    """Read every curated file; what cannot be read is recorded as a problem, never raised."""
    raw = RawData(datadir)
    problems = raw.problems
    for path in reading.list_folder(datadir, datadir.features, ".geojson", problems):
        raw.geofiles.append(read_geofile(datadir, path, problems))
    raw.claims = read_table(datadir, datadir.claims, CLAIM_COLUMNS, problems)
    raw.sources = read_table(datadir, datadir.sources, SOURCE_COLUMNS, problems)
    raw.corridors = read_table(datadir, datadir.corridors, CORRIDOR_COLUMNS, problems)
    raw.waypoints = read_table(datadir, datadir.waypoints, WAYPOINT_COLUMNS, problems)
    raw.references = read_table(datadir, datadir.references, REFERENCE_COLUMNS, problems)
    raw.boundaries = read_boundaries(datadir, problems)
    for path in reading.list_folder(datadir, datadir.seeds, ".txt", problems):
        rel = datadir.rel(path)
        data = reading.read_bytes(datadir, path, reading.ARTICLE, problems)
        text = None if data is None else reading.decode_text(data, rel, problems)
        if data is None or text is None:
            raw.refused_seeds.add(path.name)
            continue
        raw.seeds[path.name] = data
        raw.texts[path.name] = text
    return raw
