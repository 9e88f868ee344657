"""Reading the reference geodata: line files, the pipeline centrelines, station and port tables, the
country polygons.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import shapely
from shapely.geometry import shape

from devtools.trace.legs import (
    COUNTRY_ISO2,
)


def read_lines(path: Path, keep=lambda props: True) -> list[list[tuple[float, float]]]:
    """Every LineString part of a GeoJSON file, as lists of (lon, lat) tuples."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for feat in data["features"]:
        if not keep(feat["properties"]):
            continue
        geom = feat["geometry"]
        parts = [geom["coordinates"]] if geom["type"] == "LineString" else geom["coordinates"]
        out.extend([tuple(v) for v in part] for part in parts)
    return out


def read_pipeline(path: Path) -> dict[str, list[tuple[float, float]]]:
    """The pipeline centreline per GEM id (P1124, P2299, P2300)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        f["properties"]["gem_id"]: [tuple(v) for v in f["geometry"]["coordinates"]]
        for f in data["features"]
    }


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def read_countries(path: Path) -> dict[str, object]:
    """Country polygons of the region by ISO2 (only the countries the legs can touch)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out = {}
    for feat in data["features"]:
        iso = COUNTRY_ISO2.get(feat["properties"]["name"])
        if iso:
            out[iso] = shapely.make_valid(shape(feat["geometry"]))
    return out
