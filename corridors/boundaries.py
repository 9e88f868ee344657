"""The regional country boundaries: a reproducible recipe from Natural Earth (public domain).

The committed ``geodata/boundaries.geojson`` is this recipe's output from Natural Earth's 1:50m
countries as packaged in the npm package ``world-atlas`` 2.0.2 (TopoJSON, ISC licence; the data is
public domain). It serves both measurement (which countries a route crosses) and the offline
basemap. Rebuild with ``python -m corridors boundaries`` (needs npm to fetch the package), or pass
``--source`` a countries file GDAL can read, such as pyogrio's bundled 1:110m
``naturalearth_lowres`` (too coarse near borders: it puts Khorgos in China).
"""

from __future__ import annotations

import json
import subprocess
import tarfile
from pathlib import Path

import geopandas as gpd
import pyogrio
import shapely
from shapely.geometry import box, mapping

from . import geojsonio
from .schema import REGION_BOUNDS

#: Margin around the mapped region, in degrees, so the basemap does not end at the routes' edge.
MARGIN_DEG = 15.0
DECIMALS = 3  # about 100 m: far finer than 1:110m data can claim


WORLD_ATLAS = "world-atlas@2.0.2"


def fetch_world_atlas(workdir: Path) -> Path:
    """Natural Earth 1:50m countries from the npm registry (``npm pack``, no install)."""
    subprocess.run(["npm", "pack", WORLD_ATLAS], cwd=workdir, check=True, capture_output=True)
    tarball = next(workdir.glob("world-atlas-*.tgz"))
    with tarfile.open(tarball) as tar:
        tar.extract("package/countries-50m.json", workdir, filter="data")
    return workdir / "package" / "countries-50m.json"


def build(source: Path) -> gpd.GeoDataFrame:
    """Countries clipped to the region plus a margin, valid, with name only."""
    layers = [name for name, _ in pyogrio.list_layers(source)]
    world = gpd.read_file(source, layer="countries" if "countries" in layers else layers[0])
    world = world.set_crs("EPSG:4326") if world.crs is None else world.to_crs("EPSG:4326")
    west, south, east, north = REGION_BOUNDS
    frame = box(west - MARGIN_DEG, south - MARGIN_DEG, east + MARGIN_DEG, north + MARGIN_DEG)
    clipped = world[world.intersects(frame)].copy()
    clipped["geometry"] = shapely.intersection(shapely.make_valid(clipped.geometry.values), frame)
    clipped = clipped[~clipped.geometry.is_empty]
    return clipped[["name", "geometry"]].sort_values("name").reset_index(drop=True)


def write(frame: gpd.GeoDataFrame, path: Path) -> None:
    features = [
        {
            "type": "Feature",
            "properties": {"name": row["name"]},
            "geometry": json.loads(json.dumps(mapping(row.geometry))),
        }
        for _, row in frame.iterrows()
    ]
    for feature in features:
        feature["geometry"]["coordinates"] = geojsonio.round_coords(
            feature["geometry"]["coordinates"], DECIMALS
        )
    path.write_text(geojsonio.dumps(features, ("name",)), encoding="utf-8")
