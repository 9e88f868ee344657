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
from shapely.geometry import box, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

from ..problems import Problem, error, warning
from ..schema import REGION_BOUNDS
from ..store import geojsonio
from ..store.atomicfile import write_bytes
from ..store.rawdata import GeoFile

CRS = "EPSG:4326"

#: Margin around the mapped region, in degrees, so the basemap does not end at the routes' edge.
MARGIN_DEG = 15.0
DECIMALS = 3  # about 100 m: far finer than the 1:50m data can claim


WORLD_ATLAS = "world-atlas@2.0.2"

_NOT_USED = "the boundaries are not used: no country is measured and the sea-leg check is skipped"


def empty() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"name": []}, geometry=[], crs=CRS)


def frame(geofile: GeoFile | None) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """The countries of a boundaries file read by ``rawdata``, or none with what is wrong.

    All or nothing: a country without a name or a sound (Multi)Polygon makes the whole file
    unused, since measuring against part of the map would name wrong countries silently (``usable``
    and ``geo.parse`` rely on it: an error always comes with no country). Routes
    are drawn either way; only the countries they cross go unmeasured.
    """
    if geofile is None or geofile.data is None:
        return empty(), []  # no file (the boundaries check says so), or a reading problem
    rel = geofile.rel
    features = geofile.data.get("features")
    if geofile.data.get("type") != "FeatureCollection" or not isinstance(features, list):
        return empty(), [error(rel, "", "not a FeatureCollection of countries", _NOT_USED)]
    problems: list[Problem] = []
    names: list[str] = []
    shapes = []
    for i, feature in enumerate(features):
        where = f"#{i}"
        props = feature.get("properties") if isinstance(feature, dict) else None
        name = props.get("name") if isinstance(props, dict) else None
        if not isinstance(name, str) or not name.strip():
            problems.append(error(rel, where, "country has no 'name'", _NOT_USED))
            continue
        geometry = feature.get("geometry")
        if not isinstance(geometry, dict) or geometry.get("type") not in (
            "Polygon",
            "MultiPolygon",
        ):
            problems.append(
                error(rel, name, "country has no Polygon or MultiPolygon geometry", _NOT_USED)
            )
            continue
        try:
            geom = shape(geometry)
        except (ValueError, TypeError, AttributeError, IndexError, KeyError, OverflowError):
            geom = None
        except shapely.errors.ShapelyError:
            geom = None
        if geom is not None and not geom.is_empty and not geom.is_valid:
            reason = explain_validity(geom)
            geom = _polygons(shapely.make_valid(geom))
            problems.append(
                warning(
                    rel,
                    name,
                    f"country geometry is invalid ({reason}); measured with a repaired copy",
                    "rebuild the file with `python -m corridors boundaries`",
                )
            )
        if geom is None or geom.is_empty:
            problems.append(error(rel, name, "country geometry is empty", _NOT_USED))
            continue
        names.append(name)
        shapes.append(geom)
    if any(p.level == "error" for p in problems):
        return empty(), problems
    if not shapes:
        return empty(), [error(rel, "", "the file holds no country", _NOT_USED)]
    return gpd.GeoDataFrame({"name": names}, geometry=shapes, crs=CRS), problems


def _polygons(geom: BaseGeometry) -> BaseGeometry:
    """The polygonal part of a repaired geometry (make_valid may add stray lines or points)."""
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def usable(geofile: GeoFile | None) -> gpd.GeoDataFrame:
    """The countries to measure with: the file's, or none when it has an error.

    ``frame`` is all or nothing (a file with an error gives no country), so its countries are
    already the usable ones; the problems are for the validator to list.
    """
    countries, _ = frame(geofile)
    return countries


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
            # snapped to the grid of DECIMALS with GEOS keeping it valid (plain rounding can make
            # a ring cross itself, as it did for Russia)
            "geometry": json.loads(
                json.dumps(mapping(shapely.set_precision(row.geometry, 10**-DECIMALS)))
            ),
        }
        for _, row in frame.iterrows()
    ]
    for feature in features:  # already on the grid: rounding only drops float noise
        feature["geometry"]["coordinates"] = geojsonio.round_coords(
            feature["geometry"]["coordinates"], DECIMALS
        )
    write_bytes(path, geojsonio.dumps(features, ("name",)).encode("utf-8"))
