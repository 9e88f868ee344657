"""Writing the project's data files: the traced corridors' feature files and their waypoint rows."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from corridors.schema import WAYPOINT_COLUMNS
from corridors.store import atomicfile, geojsonio
from devtools.trace.legs import (
    COUNTRY_NAME,
)

#: The feature file each corridor's legs go to (geodata/features/).
FEATURE_FILES = {
    "cacgp": "cacgp.geojson",
    "titr": "titr.geojson",
    "khorgos-dry-port": "khorgos-dry-port.geojson",
}


def waypoint_row(wp: dict) -> dict[str, str]:
    """A geodata/waypoints.csv row for a waypoint of the output."""
    return {
        "id": wp["id"],
        "name": wp["name"],
        "country": COUNTRY_NAME.get(wp["country"] or "", ""),
        "lat": f"{wp['lat']}",
        "lon": f"{wp['lon']}",
        "kind": "shape" if wp["kind"] == "shape" else "place",
        "source_url": wp["source_url"],
        "source_coordinates_text": wp["source_coordinates_text"],
        "note": wp["note"],
    }


def write_geodata(legs: list[dict], geodata: Path) -> None:
    """Write the traced corridors' feature files and their waypoint rows into a geodata folder.

    A feature keeps the status its file already has (statuses come from claims, not from the
    references); a new one starts as 'unstated'. Waypoint rows with the ids written here are
    replaced, others are kept.
    """
    statuses = {}
    for path in sorted((geodata / "features").glob("*.geojson")):
        for feat in json.loads(path.read_text(encoding="utf-8"))["features"]:
            statuses[feat["properties"]["id"]] = feat["properties"]["status"]
    for corridor, name in FEATURE_FILES.items():
        features = []
        for rec in (r for r in legs if r["corridor"] == corridor):
            coords = rec["coordinates"]
            geometry = (
                {"type": "Point", "coordinates": coords[0]}
                if rec["method"] == "located"
                else {"type": "LineString", "coordinates": coords}
            )
            props = {k: rec[k] for k in ("id", "corridor", "name", "kind", "mode")}
            props["status"] = statuses.get(rec["id"], "unstated")
            props |= {k: rec[k] for k in ("method", "accuracy_km", "references")}
            props["waypoints"] = [w["id"] for w in rec["waypoints"]]
            props["drawing"] = rec["drawing"]
            features.append({"type": "Feature", "properties": props, "geometry": geometry})
        atomicfile.write_text(geodata / "features" / name, geojsonio.dumps(features))
    rows: dict[str, dict] = {}
    for rec in legs:
        for wp in rec["waypoints"]:
            row = waypoint_row(wp)
            if rows.setdefault(row["id"], row) != row:
                raise AssertionError(f"waypoint {row['id']} differs between legs")
    path = geodata / "waypoints.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        kept = [r for r in csv.DictReader(fh) if r["id"] not in rows]
    text = io.StringIO(newline="")
    writer = csv.DictWriter(text, fieldnames=WAYPOINT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(kept + list(rows.values()))
    atomicfile.write_text(path, text.getvalue())
