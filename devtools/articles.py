"""An article taken out of a copy of the data as if it had never been ingested: what the
leave-one-out ingest benchmark (benchmarks/ingest_recall.py) starts from, and what a test checks
leaves data that validates. Here, not in benchmarks/, because tests use it too."""

from __future__ import annotations

import csv
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from corridors.problems import Problem
from corridors.quotes import anchors
from corridors.store import geojsonio, rawdata
from corridors.store.datadir import DataDir
from corridors.validate import validate


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    path.write_text(rawdata.table_text(columns, rows), encoding="utf-8")


def copy_data(live: DataDir, root: Path) -> DataDir:
    shutil.copytree(live.geodata, root / "geodata")
    shutil.copytree(live.seeds, root / "seeds")
    for path in root.rglob("*"):
        path.chmod(path.stat().st_mode | 0o200)
    return DataDir(root)


@dataclass
class Removal:
    """What taking an article out of a copy of the data removed, and what no longer validates."""

    claims: list[dict[str, str]]
    #: corridors every claim of which cited the article: they exist only through it
    orphans: list[str]
    #: corridors.csv rows and features of the orphans, taken out too (``drop_orphans``)
    dropped: bool
    #: every error `validate` reports on the copy
    problems: list[Problem]
    #: ids (corridors and their features) of the orphans, which their errors are about
    orphan_ids: set[str]

    @property
    def unexpected(self) -> list[Problem]:
        """Errors not about an orphan kept known: none, or the copy is not what it should be."""
        return [p for p in self.problems if p.id not in self.orphan_ids]


def remove_article(data: DataDir, article: str, held: Path, drop_orphans: bool) -> Removal:
    """Take the article out of the copy as if it had never been ingested, so that it validates.

    Removed: the article (moved to ``held``), its sources.csv row and every claim whose source is
    the article (claims citing a reference stay, whatever system they are about). A feature whose
    status no claim states any more is set to 'unstated', and one whose status differs from the
    claims left to a claimed status (what `validate` asks); geodata/anchors.csv is rewritten, as
    `fmt` does. A corridor every claim of which cited the article exists only through it: with
    ``drop_orphans`` its corridors.csv row and its features go too (the copy then validates in
    full, and ingest can only list it as "mentioned, not mapped"); without, it stays a known
    system and its "needs a claim" errors are the only ones left.
    """
    shutil.move(data.seeds / article, held)
    columns, sources = read_rows(data.sources)
    _write(data.sources, columns, [r for r in sources if r["file"] != article])
    columns, claims = read_rows(data.claims)
    removed = [c for c in claims if c["source"] == article]
    kept = [c for c in claims if c["source"] != article]
    _write(data.claims, columns, kept)
    orphans = sorted({c["corridor"] for c in removed} - {c["corridor"] for c in kept})
    if drop_orphans and orphans:
        columns, corridors = read_rows(data.corridors)
        _write(data.corridors, columns, [r for r in corridors if r["id"] not in orphans])
    orphan_ids = set(orphans)
    for path in sorted(data.features.glob("*.geojson")):
        collection = json.loads(path.read_text(encoding="utf-8"))
        features = collection["features"]
        orphan_ids |= {
            f["properties"].get("id")
            for f in features
            if f["properties"].get("corridor") in orphans
        }
        changed = False
        if drop_orphans:
            features = [f for f in features if f["properties"].get("corridor") not in orphans]
            changed = len(features) != len(collection["features"])
        for feature in features:
            props = feature["properties"]
            claimed = sorted(
                c["value"]
                for c in kept
                if c["corridor"] == props.get("corridor")
                and c["feature"] in ("", props.get("id"))
                and c["field"] == "status"
            )
            status = props.get("status")
            if not claimed and status != "unstated":
                props["status"], changed = "unstated", True
            elif claimed and status not in claimed:
                props["status"], changed = claimed[0], True
        if not features:
            path.unlink()
        elif changed:
            path.write_text(geojsonio.dumps(features), encoding="utf-8")
    anchors.write(data)
    problems = [p for p in validate(rawdata.read(data)) if p.level == "error"]
    return Removal(removed, orphans, drop_orphans, problems, orphan_ids)
