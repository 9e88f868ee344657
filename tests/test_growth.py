"""The data grows one article at a time: growing it must never break a test.

A copy of the live data gains a new article, a claim quoting it and a new drawn corridor; the whole
non-browser suite then runs against that copy (the data-validation tests read it through
``CORRIDORS_TEST_LIVE_DIR``; every behavioural test reads the frozen fixture anyway) and must pass.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from corridors import cli
from corridors.store.datadir import REPO_ROOT, DataDir

pytestmark = pytest.mark.slow

ARTICLE = """Railway news, 1 December 2026

The planned Trans-Example railway will link Alpha and Beta. Officials said the line would open by 2031.
"""


def _append_row(path: Path, row: dict[str, str]) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        columns = list(reader.fieldnames or [])
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows([*rows, {c: row.get(c, "") for c in columns}])
    path.write_text(out.getvalue(), encoding="utf-8")


def grow(root: Path) -> None:
    """Add an article, a claim citing it, and a corridor drawn through two new waypoints."""
    data = DataDir(root)
    name = "900_growth_test.txt"
    (data.seeds / name).write_text(ARTICLE, encoding="utf-8")
    digest = hashlib.sha256(ARTICLE.encode()).hexdigest()
    _append_row(data.sources, {"file": name, "sha256": digest, "note": "Added by the growth test."})
    _append_row(
        data.corridors,
        {"id": "trans-example", "name": "Trans-Example railway", "mapped": "yes", "summary": "x"},
    )
    for ident, lat, lon in (("growth-alpha", "43.0", "70.0"), ("growth-beta", "43.5", "71.0")):
        _append_row(
            data.waypoints,
            {
                "id": ident,
                "name": ident,
                "country": "Kazakhstan",
                "lat": lat,
                "lon": lon,
                "kind": "place",
                "source_url": "https://example.org/growth",
                "source_coordinates_text": f"{lat}, {lon}",
            },
        )
    _append_row(
        data.references,
        {
            "id": "growth-reference",
            "title": "Growth test reference",
            "url": "https://example.org/growth",
            "licence": "facts cited",
        },
    )
    feature = {
        "type": "Feature",
        "properties": {
            "id": "trans-example",
            "corridor": "trans-example",
            "name": "Trans-Example railway",
            "kind": "railway",
            "mode": "rail",
            "status": "planned",
            "method": "stations",
            "accuracy_km": 20,
            "references": ["growth-reference"],
            "waypoints": ["growth-alpha", "growth-beta"],
            "drawing": "Straight between two test places.",
        },
        "geometry": {"type": "LineString", "coordinates": [[70.0, 43.0], [71.0, 43.5]]},
    }
    (data.features / "trans-example.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": [feature]}), encoding="utf-8"
    )
    for ident, field, value in (
        ("growth-status", "status", "planned"),
        ("growth-done", "completion_date", "2031"),
    ):
        _append_row(
            data.claims,
            {
                "id": ident,
                "corridor": "trans-example",
                "field": field,
                "value": value,
                "source": name,
                "quote": "The planned Trans-Example railway will link Alpha and Beta."
                if field == "status"
                else "Officials said the line would open by 2031.",
                "qualifier": "by" if field == "completion_date" else "",
            },
        )


def test_grown_data_is_valid_and_every_test_still_passes(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(REPO_ROOT / "geodata", root / "geodata")
    shutil.copytree(REPO_ROOT / "seeds", root / "seeds")
    for path in root.rglob("*"):
        path.chmod(path.stat().st_mode | 0o200)
    grow(root)
    assert cli.main(["--data-dir", os.fspath(root), "fmt"]) == 0
    assert cli.main(["--data-dir", os.fspath(root), "validate"]) == 0
    env = {**os.environ, "CORRIDORS_TEST_LIVE_DIR": os.fspath(root)}
    env.pop("CORRIDORS_DATA_DIR", None)
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-x",
            "-p",
            "no:cacheprovider",
            "-m",
            "not browser and not slow",
        ],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert " passed" in run.stdout
