"""The proposals files (geodata/proposed/<stem>.csv): where they live, how rows are read and added.

Review reads and rewrites the same files, so these helpers live apart from the reading passes.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from ...schema import CLAIM_COLUMNS
from ...store import atomicfile
from ...store.datadir import DataDir
from ...store.rawdata import table_text

#: Columns of geodata/proposed/<stem>.csv: a claim row, and why it is proposed.
PROPOSAL_COLUMNS: tuple[str, ...] = (*CLAIM_COLUMNS, "confidence", "reason")


def proposed_dir(datadir: DataDir) -> Path:
    return datadir.geodata / "proposed"


def proposals_path(datadir: DataDir, stem: str) -> Path:
    return proposed_dir(datadir) / f"{stem}.csv"


def append_rows(path: Path, columns: Iterable[str], rows: list[dict[str, str]]) -> None:
    """Append rows to a table, keeping the rows already there.

    The table is read as text (so CRLF line ends come back as '\\n') and rewritten whole through
    corridors.store.atomicfile, so a failed write leaves it as it was rather than cut off in a row.
    """
    text = path.read_text(encoding="utf-8")
    if text and not text.endswith("\n"):
        text += "\n"
    atomicfile.write_bytes(path, (text + table_text(columns, rows, header=False)).encode("utf-8"))


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_rows(path: Path, rows: list[dict[str, str]]) -> None:
    """Write a proposals file whole (atomically), in PROPOSAL_COLUMNS (a column a row lacks is
    written empty)."""
    rows = [{c: row.get(c, "") for c in PROPOSAL_COLUMNS} for row in rows]
    atomicfile.write_bytes(path, table_text(PROPOSAL_COLUMNS, rows).encode("utf-8"))
