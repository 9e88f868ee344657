"""Exports for people who work in other tools: GeoJSON, CSV (the claims), GeoPackage and KML.

Each export carries the citations with the geometry, so a figure never travels without its quote.
"""

from __future__ import annotations

import html
import json
import tempfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import mapping

from . import geojsonio, join
from .dataset import CRS, Dataset
from .schema import CLAIM_COLUMNS

FORMATS = ("geojson", "csv", "gpkg", "kml")

#: Properties of every exported feature, in order.
EXPORT_PROPERTIES = (
    "id",
    "corridor",
    "corridor_name",
    "name",
    "kind",
    "mode",
    "status",
    "method",
    "accuracy_km",
    "measured_length_km",
    "countries",
    "waypoints",
    "drawing",
    "references",
    "citations",
)


def feature_records(ds: Dataset) -> list[dict]:
    """One dict per feature with every exported property (lists kept as lists)."""
    records = []
    for feature_id, row in ds.features.iterrows():
        km = row["measured_length_km"]
        records.append(
            {
                "id": feature_id,
                "corridor": row["corridor"],
                "corridor_name": ds.corridor_name(row["corridor"]),
                "name": row["name"],
                "kind": row["kind"],
                "mode": row["mode"],
                "status": row["status"],
                "method": row["method"],
                "accuracy_km": float(row["accuracy_km"]),
                "measured_length_km": None if km is None or pd.isna(km) else float(km),
                "countries": list(row["countries"]),
                "waypoints": list(row["waypoints"]),
                "drawing": row["drawing"],
                "references": [_reference(ds, r) for r in row["references"]],
                "citations": join.citations(ds, feature_id),
                "geometry": row.geometry,
            }
        )
    return records


def _reference(ds: Dataset, reference_id: str) -> dict[str, str]:
    """A reference as exports carry it: enough to find it and credit it without this project."""
    if reference_id not in ds.references.index:
        return {"id": reference_id}
    row = ds.references.loc[reference_id]
    return {
        "id": reference_id,
        "title": row["title"],
        "url": row["url"],
        "licence": row["licence"],
        "attribution": row["attribution"],
    }


def to_geojson(ds: Dataset) -> str:
    features = [
        {
            "type": "Feature",
            "properties": {k: r[k] for k in EXPORT_PROPERTIES},
            "geometry": mapping(r["geometry"]),
        }
        for r in feature_records(ds)
    ]
    features = [json.loads(json.dumps(f)) for f in features]  # tuples to lists
    return geojsonio.dumps(features, EXPORT_PROPERTIES)


def to_csv(ds: Dataset) -> str:
    return ds.claims[list(CLAIM_COLUMNS)].to_csv(index=False, lineterminator="\n")


def _flat_frame(ds: Dataset) -> gpd.GeoDataFrame:
    """A flat table for formats without lists: list-valued properties become JSON text."""
    records = feature_records(ds)
    for r in records:
        for key in ("countries", "waypoints", "references", "citations"):
            r[key] = json.dumps(r[key], ensure_ascii=False)
    return gpd.GeoDataFrame(records, columns=[*EXPORT_PROPERTIES, "geometry"], crs=CRS)


def render(ds: Dataset, fmt: str) -> bytes:
    """One export as bytes: what the CLI writes to a file and the dashboard offers for download."""
    if fmt == "geojson":
        return to_geojson(ds).encode("utf-8")
    if fmt == "csv":
        return to_csv(ds).encode("utf-8")
    if fmt in ("gpkg", "kml"):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"corridors.{fmt}"
            write(ds, fmt, path)
            return path.read_bytes()
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def write(ds: Dataset, fmt: str, output: Path) -> None:
    """Write one export; GeoPackage and KML go through GDAL (pyogrio)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "geojson":
        output.write_text(to_geojson(ds), encoding="utf-8")
    elif fmt == "csv":
        output.write_text(to_csv(ds), encoding="utf-8")
    elif fmt == "gpkg":
        output.unlink(missing_ok=True)
        _flat_frame(ds).to_file(output, driver="GPKG", layer="features", engine="pyogrio")
    elif fmt == "kml":
        output.unlink(missing_ok=True)
        frame = _flat_frame(ds)
        frame.insert(0, "Name", frame["name"])
        frame.insert(1, "Description", [_kml_description(r) for r in feature_records(ds)])
        frame.to_file(output, driver="KML", engine="pyogrio")
    else:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def _kml_description(record: dict) -> str:
    """Figures with their quotes, HTML-escaped: KML viewers render the description as HTML."""
    lines = [
        f"{record['corridor_name']} — status: {record['status']}",
        f"drawn: {record['method']}, within about {record['accuracy_km']:g} km",
    ]
    lines += [
        f"reference: {r.get('title', r['id'])} {r.get('url', '')}" for r in record["references"]
    ]
    for c in record["citations"]:
        lines.append(f"{c['field']}: {c['value']} {c['unit']}".rstrip())
        lines.append(f"  “{c['quote']}” — {c['source']}")
    return "<br>".join(html.escape(line) for line in lines)
