"""SYNTHETIC BENCHMARK DATA: a complete, valid data folder of N made-up corridors, for scaling runs.

Nothing written here describes real infrastructure. Every corridor, waypoint, article and quote is
generated (names say "Synthetic", the waypoints cite https://example.org/synthetic, the articles
say so in their first line) and is written only to a temporary folder given on the command line or
by the benchmark, never into the repository's own geodata/ or seeds/.

The folder has what the validator and the dashboard expect (point CORRIDORS_DATA_DIR at it):

- geodata/features/synthetic_NNN.geojson: at most 100 corridors a file, canonical form
  (corridors.store.geojsonio.dumps); each corridor is one LineString of 200 vertices inside lon 25..125,
  lat 30..56, at most 6 decimals, strictly increasing in longitude (so it never crosses itself);
- geodata/waypoints.csv: the first and last vertex of each line, kind "place";
- geodata/claims.csv: 10 claims a corridor (status, cost, length as measured, ...), each quote a
  whole sentence of its synthetic article;
- seeds/synthetic_NNN.txt: one article per 10 corridors (about 9 KB, like the real seeds), listed
  in seeds/sources.csv with its sha256;
- geodata/corridors.csv (every corridor mapped), geodata/references.csv (one synthetic reference
  every line is "traced" from), and a copy of the repository's geodata/boundaries.geojson.

    python -m benchmarks.synthetic 1000 /tmp/syn-1000     # write, then validate it
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import math
import random
import shutil
import sys
import time
from pathlib import Path

from shapely.geometry import LineString

from corridors.geo import measure
from corridors.quotes import anchors
from corridors.schema import (
    CLAIM_COLUMNS,
    CORRIDOR_COLUMNS,
    REFERENCE_COLUMNS,
    SOURCE_COLUMNS,
    WAYPOINT_COLUMNS,
)
from corridors.store import geojsonio
from corridors.store.datadir import REPO_ROOT, DataDir
from devtools.corpus import report_validation

VERTICES = 200
CLAIMS_PER_CORRIDOR = 10
CORRIDORS_PER_FILE = 100
CORRIDORS_PER_ARTICLE = 10
SYNTHETIC_URL = "https://example.org/synthetic"
SYNTHETIC_REFERENCE = "synthetic-reference"
#: Where lines are drawn: inside the region the validator accepts (lon 25..125, lat 30..56).
LON_RANGE = (26.0, 123.0)
LAT_RANGE = (31.0, 55.0)

#: (kind, mode, capacity unit) in turn; statuses in turn (each stated by a status claim).
KINDS = (
    ("railway", "rail", "tonnes/year"),
    ("pipeline", "pipeline", "bcm/year"),
    ("corridor", "road", "tonnes/year"),
)
STATUSES = (
    ("operating", "operating"),
    ("planned", "planned"),
    ("under_construction", "under construction"),
)


def corridor_id(i: int) -> str:
    return f"syn-{i:05d}"


def feature_id(i: int) -> str:
    return f"syn-{i:05d}-line"


def _line(rng: random.Random) -> list[list[float]]:
    """200 vertices, strictly increasing longitude, a gentle wave in latitude, 6 decimals."""
    span = rng.uniform(4.0, 18.0)
    west = rng.uniform(LON_RANGE[0], LON_RANGE[1] - span)
    base = rng.uniform(LAT_RANGE[0] + 2.5, LAT_RANGE[1] - 2.5)
    amp = rng.uniform(0.3, 2.0)
    waves = rng.uniform(0.5, 3.0)
    phase = rng.uniform(0, 2 * math.pi)
    drift = rng.uniform(-1.0, 1.0)
    coords = []
    for k in range(VERTICES):
        t = k / (VERTICES - 1)
        lon = west + span * t
        lat = base + amp * math.sin(phase + 2 * math.pi * waves * t) + drift * t
        lat = min(max(lat, LAT_RANGE[0]), LAT_RANGE[1])
        coords.append([round(lon, 6), round(lat, 6)])
    return coords


def _claims(i: int, kind: tuple[str, str, str], status: tuple[str, str], km: int, source: str):
    """Ten (field, value, unit, sentence) for one corridor; each sentence is its own quote."""
    name = f"Synthetic corridor {i:05d}"
    cost = 500_000_000 + 1_000 * i
    capacity = 5 + i % 40
    start = 2000 + i % 25
    return [
        ("name", name, "", f"{name} is the name this synthetic article gives the route."),
        ("status", status[0], "", f"{name} is {status[1]}, the synthetic article says."),
        ("cost", str(cost), "USD", f"{name} cost {cost:,} US dollars in this synthetic text."),
        ("length", str(km), "km", f"{name} runs for {km} kilometres in this synthetic text."),
        (
            "capacity",
            str(capacity),
            kind[2],
            f"{name} carries {capacity} {kind[2].replace('/', ' a ')} in this synthetic text.",
        ),
        ("start_date", str(start), "", f"Work on {name} started in {start}, it says here."),
        (
            "completion_date",
            str(start + 10),
            "",
            f"{name} is due to be finished in {start + 10}, it says here.",
        ),
        (
            "operator",
            f"Synthetic Operator {i:05d}",
            "",
            f"{name} is run by Synthetic Operator {i:05d}.",
        ),
        (
            "role",
            "moves synthetic freight",
            "",
            f"{name} moves synthetic freight for the benchmark.",
        ),
        (
            "route",
            f"from Synthetic Town A{i:05d} to Synthetic Town B{i:05d}",
            "",
            f"{name} goes from Synthetic Town A{i:05d} to Synthetic Town B{i:05d}.",
        ),
    ]


def _write_csv(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def generate(n: int, root: Path, seed: int = 20240601) -> DataDir:
    """Write a complete synthetic data folder of ``n`` corridors to ``root`` (replacing it)."""
    if root.exists():
        shutil.rmtree(root)
    datadir = DataDir(root)
    datadir.features.mkdir(parents=True)
    datadir.seeds.mkdir(parents=True)
    shutil.copyfile(DataDir(REPO_ROOT).boundaries, datadir.boundaries)
    rng = random.Random(seed)

    features: list[dict] = []
    corridors, waypoints, claims = [], [], []
    articles: dict[str, list[str]] = {}
    for i in range(n):
        cid, fid = corridor_id(i), feature_id(i)
        kind = KINDS[i % len(KINDS)]
        status = STATUSES[i % len(STATUSES)]
        coords = _line(rng)
        km = round(measure.length_km(LineString(coords)) or 0)
        wp_a, wp_b = f"{cid}-a", f"{cid}-b"
        source = f"synthetic_{i // CORRIDORS_PER_ARTICLE:04d}.txt"
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "id": fid,
                    "corridor": cid,
                    "name": f"Synthetic corridor {i:05d} line",
                    "kind": kind[0],
                    "mode": kind[1],
                    "status": status[0],
                    "method": "traced",
                    "accuracy_km": 1,
                    "references": [SYNTHETIC_REFERENCE],
                    "waypoints": [wp_a, wp_b],
                    "drawing": "SYNTHETIC benchmark line: 200 generated vertices, not a real route.",
                },
                "geometry": {"type": "LineString", "coordinates": coords},
            }
        )
        corridors.append(
            {
                "id": cid,
                "name": f"Synthetic corridor {i:05d}",
                "mapped": "yes",
                "part_of": "",
                "summary": "SYNTHETIC benchmark corridor: generated data, not a real route.",
            }
        )
        for wid, (lon, lat), end in ((wp_a, coords[0], "A"), (wp_b, coords[-1], "B")):
            waypoints.append(
                {
                    "id": wid,
                    "name": f"Synthetic Town {end}{i:05d}",
                    "country": "Synthetic",
                    "lat": repr(lat),
                    "lon": repr(lon),
                    "kind": "place",
                    "source_url": SYNTHETIC_URL,
                    "source_coordinates_text": "synthetic",
                    "note": "SYNTHETIC benchmark waypoint (a vertex of its generated line).",
                }
            )
        sentences = articles.setdefault(source, [])
        for k, (fld, value, unit, sentence) in enumerate(_claims(i, kind, status, km, source)):
            claims.append(
                {
                    "id": f"{cid}-c{k:02d}",
                    "corridor": cid,
                    "feature": "",
                    "field": fld,
                    "value": value,
                    "unit": unit,
                    "qualifier": "",
                    "period": "",
                    "scope": "",
                    "source": source,
                    "quote": sentence,
                    "note": "",
                }
            )
            sentences.append(sentence)
        if (i + 1) % CORRIDORS_PER_FILE == 0 or i == n - 1:
            name = f"synthetic_{i // CORRIDORS_PER_FILE:03d}.geojson"
            (datadir.features / name).write_text(geojsonio.dumps(features), encoding="utf-8")
            features = []

    sources = []
    for name, sentences in articles.items():
        paragraphs = [
            " ".join(sentences[j : j + CLAIMS_PER_CORRIDOR])
            for j in range(0, len(sentences), CLAIMS_PER_CORRIDOR)
        ]
        text = (
            "SYNTHETIC BENCHMARK ARTICLE. Generated text about made-up corridors; not reporting.\n\n"
            + "\n\n".join(paragraphs)
            + "\n"
        )
        data = text.encode("utf-8")
        (datadir.seeds / name).write_bytes(data)
        sources.append(
            {
                "file": name,
                "sha256": hashlib.sha256(data).hexdigest(),
                "headline": f"Synthetic article {name[10:14]}",
                "outlet": "Synthetic benchmark wire",
                "dateline": "",
                "date": "2025-01-01",
                "author": "",
                "syndicated": "",
                "note": "SYNTHETIC benchmark article, generated; not real reporting.",
            }
        )
    _write_csv(datadir.corridors, CORRIDOR_COLUMNS, corridors)
    _write_csv(datadir.waypoints, WAYPOINT_COLUMNS, waypoints)
    _write_csv(datadir.claims, CLAIM_COLUMNS, claims)
    _write_csv(datadir.sources, SOURCE_COLUMNS, sources)
    reference = {
        "id": SYNTHETIC_REFERENCE,
        "title": "SYNTHETIC benchmark reference (not a real source)",
        "publisher": "Synthetic",
        "url": SYNTHETIC_URL,
        "licence": "synthetic test data",
        "attribution": "",
        "note": "Every synthetic line is 'traced' from this made-up reference.",
    }
    _write_csv(datadir.references, REFERENCE_COLUMNS, [reference])
    anchors.write(datadir)  # the generated geodata/anchors.csv, as `fmt` writes it
    return datadir


def folder_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corridors", type=int)
    parser.add_argument("output", type=Path)
    parser.add_argument("--no-validate", action="store_true")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    datadir = generate(args.corridors, args.output)
    took = time.perf_counter() - start
    print(
        f"wrote {args.corridors} synthetic corridors to {datadir.root} "
        f"({folder_bytes(datadir.root) / 1e6:.1f} MB) in {took:.1f} s"
    )
    if args.no_validate:
        return 0
    return report_validation(datadir)


if __name__ == "__main__":
    sys.exit(main())
