"""How close each drawn leg lies to the public reference geodata it was drawn from.

The references (``../shared/reference-geodata``: the OSM pipeline route, Natural Earth and OSM
railways, OSM stations) are not part of the project and the app never loads them; this module is for
``python -m corridors measure`` and ``tests/geo/test_reference.py``, which use them where the folder is
present and say so where it is not. Distances are measured in a local azimuthal equidistant
projection centred on each leg (pyproj), where a few km are true to well under 1 %.
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import LineString, MultiLineString, Point, box, shape
from shapely.geometry.base import BaseGeometry

from ..store.datadir import REPO_ROOT

#: Point at another copy of the reference folder (default: <repo>/../shared/reference-geodata).
ENV_VAR = "CORRIDORS_REFERENCE_DIR"

#: The reference line file behind each line reference id of geodata/references.csv.
LINE_FILES: dict[str, str] = {
    "osm-cac-pipeline": "cac-pipeline.geojson",
    "ne-railroads": "rail-natural-earth.geojson",
    "osm-rail-az-ge": "rail-osm.geojson",
}
RAILWAY_REFERENCES = ("ne-railroads", "osm-rail-az-ge")
STATIONS_FILE = "stations.csv"
REQUIRED_FILES = (*LINE_FILES.values(), STATIONS_FILE)

#: Drawn lines are sampled this often for the shares below.
SAMPLE_KM = 0.1
#: The two distances the shares are given for.
NEAR_KM = 2.0
FAR_KM = 10.0
#: How far around a leg the reference is kept when measuring (a little more than FAR_KM).
CLIP_DEG = 0.2

_OSM_NODE = re.compile(r"openstreetmap\.org/node/(\d+)")
#: A station whose element type the extract does not give links the extract; its note names the id.
_EXTRACT_ELEMENT = re.compile(r"OpenStreetMap railway station element (\d+)")


def reference_dir(repo_root: Path = REPO_ROOT) -> Path:
    """$CORRIDORS_REFERENCE_DIR, else the shared folder beside the repository."""
    chosen = os.environ.get(ENV_VAR)
    return Path(chosen) if chosen else repo_root.parent / "shared" / "reference-geodata"


def missing(path: Path) -> list[str]:
    """The reference files not found in ``path`` (all of them where the folder is absent)."""
    return [name for name in REQUIRED_FILES if not (path / name).is_file()]


@dataclass(frozen=True)
class References:
    """The reference lines by reference id, and the OSM stations by id as (lon, lat)."""

    lines: Mapping[str, BaseGeometry]
    stations: Mapping[int, tuple[float, float]]

    def combined(self, ref_ids: Iterable[str]) -> MultiLineString:
        """The named reference lines as one geometry (parts side by side, not unioned)."""
        return MultiLineString([part for r in ref_ids for part in self.lines[r].geoms])


def _line_parts(data: dict, keep=lambda props: True) -> list[LineString]:
    parts: list[LineString] = []
    for feat in data["features"]:
        if not keep(feat.get("properties") or {}):
            continue
        geom = shape(feat["geometry"])
        parts += [g for g in getattr(geom, "geoms", [geom]) if g.geom_type == "LineString"]
    return parts


def load(path: Path) -> References:
    """Read the reference folder (railways of type 'rail' only: lines trains run on today)."""
    lines = {}
    for ref_id, name in LINE_FILES.items():
        data = json.loads((path / name).read_text(encoding="utf-8"))
        keep = (lambda p: p.get("railway") == "rail") if ref_id == "osm-rail-az-ge" else None
        lines[ref_id] = MultiLineString(_line_parts(data, keep) if keep else _line_parts(data))
    with (path / STATIONS_FILE).open(encoding="utf-8", newline="") as handle:
        stations = {
            int(row["osm_id"]): (float(row["lon"]), float(row["lat"]))
            for row in csv.DictReader(handle)
        }
    return References(lines, stations)


class LocalMetric:
    """An azimuthal equidistant projection in km, centred on one leg: within a few hundred km of
    its centre, distances and lengths are true to well under 1 %.

    The one local metric of the project: this module's comparisons, and the recipe that drew the
    legs (``devtools/trace/``, which centres it on its own rule so that its output stays
    byte-identical) use it.
    """

    def __init__(self, lon: float, lat: float) -> None:
        self._fwd = Transformer.from_crs(
            "EPSG:4326",
            f"+proj=aeqd +lat_0={lat:.5f} +lon_0={lon:.5f} +units=km +ellps=WGS84",
            always_xy=True,
        )

    @classmethod
    def around(cls, geom: BaseGeometry) -> LocalMetric:
        """Centred on the middle of the geometry's bounding box."""
        centre = geom.envelope.centroid
        return cls(centre.x, centre.y)

    def __call__(self, geom: BaseGeometry) -> BaseGeometry:
        """The geometry in this projection (x, y in km)."""
        return shapely.transform(geom, self.xy)

    def xy(self, coords: Iterable[Iterable[float]]) -> np.ndarray:
        """(lon, lat) pairs as an array of (x, y) in km."""
        arr = np.asarray(coords, dtype=float)
        x, y = self._fwd.transform(arr[:, 0], arr[:, 1])
        return np.column_stack([x, y])


def _segments(geom: BaseGeometry) -> list[LineString]:
    """A line's two-point segments, so that a spatial index finds the nearest piece quickly."""
    out: list[LineString] = []
    for part in getattr(geom, "geoms", [geom]):
        if part.geom_type != "LineString":
            continue
        coords = np.asarray(part.coords)
        out += list(shapely.linestrings(np.stack([coords[:-1], coords[1:]], axis=1)))
    return out


def distances_along(line: BaseGeometry, reference: BaseGeometry) -> np.ndarray:
    """Distance (km) from points every SAMPLE_KM along ``line`` to ``reference`` (inf beyond reach).

    Only the reference within CLIP_DEG of the line is considered, so anything further away than
    about 20 km counts as far; the shares below need no more.
    """
    west, south, east, north = line.bounds
    near = reference.intersection(
        box(west - CLIP_DEG, south - CLIP_DEG, east + CLIP_DEG, north + CLIP_DEG)
    )
    metric = LocalMetric.around(line)
    drawn = metric(line)
    lengths = [part.length for part in getattr(drawn, "geoms", [drawn])]
    points = []
    for part, km in zip(getattr(drawn, "geoms", [drawn]), lengths, strict=True):
        n = max(2, math.ceil(km / SAMPLE_KM) + 1)
        points += list(shapely.line_interpolate_point(part, np.linspace(0, km, n)))
    pieces = _segments(metric(near)) if not near.is_empty else []
    if not pieces:
        return np.full(len(points), np.inf)
    tree = shapely.STRtree(pieces)
    (found, _), dist = tree.query_nearest(points, return_distance=True, all_matches=False)
    out = np.full(len(points), np.inf)
    out[found] = dist
    return out


def share_within(distances: np.ndarray, km: float) -> float:
    return float(np.mean(distances <= km)) if len(distances) else 0.0


@dataclass(frozen=True)
class StationCheck:
    """A waypoint taken from an OSM station, and how far it is from that station's reference row."""

    waypoint: str
    osm_id: int | None
    km: float | None  # None: not an OSM station, or not in the reference extract


@dataclass(frozen=True)
class LegComparison:
    feature: str
    corridor: str
    method: str
    against: tuple[str, ...]  # the reference line ids measured against
    within_near: float | None  # share of drawn length within NEAR_KM of them
    within_far: float | None  # ... within FAR_KM
    stations: tuple[StationCheck, ...]


def _osm_id(row: Mapping[str, str]) -> int | None:
    match = _OSM_NODE.search(row["source_url"] or "") or _EXTRACT_ELEMENT.search(row["note"] or "")
    return int(match.group(1)) if match else None


def compare_leg(
    feature: str,
    corridor: str,
    method: str,
    references: Iterable[str],
    geom: BaseGeometry,
    waypoints: Iterable[Mapping[str, str]],
    refs: References,
) -> LegComparison:
    """Traced legs against the reference lines they cite; legs through stations against every
    reference railway (a share, not a promise: the stations are there because the lines are not);
    each OSM-station waypoint against its row in the station extract."""
    checks = []
    for row in waypoints:
        osm_id = _osm_id(row)
        km = None
        if osm_id is not None and osm_id in refs.stations:
            lon, lat = refs.stations[osm_id]
            metric = LocalMetric.around(Point(lon, lat))
            km = metric(Point(lon, lat)).distance(
                metric(Point(float(row["lon"]), float(row["lat"])))
            )
        checks.append(StationCheck(row["id"], osm_id, km))
    if geom.geom_type in ("Point", "MultiPoint") or method == "schematic":
        return LegComparison(feature, corridor, method, (), None, None, tuple(checks))
    cited = tuple(r for r in references if r in LINE_FILES)
    against = cited if method == "traced" and cited else RAILWAY_REFERENCES
    distances = distances_along(geom, refs.combined(against))
    return LegComparison(
        feature,
        corridor,
        method,
        against,
        share_within(distances, NEAR_KM),
        share_within(distances, FAR_KM),
        tuple(checks),
    )


def compare(ds, refs: References) -> list[LegComparison]:
    """Every drawn feature of a loaded dataset (corridors.model.dataset.Dataset), in file order."""
    out = []
    for ident, row in ds.features.iterrows():
        names = row["waypoints"] if isinstance(row["waypoints"], list) else []
        rows = [ds.waypoints.loc[n] for n in names if n in ds.waypoints.index]
        out.append(
            compare_leg(
                str(ident),
                str(row["corridor"]),
                str(row["method"]),
                row["references"] or [],
                row.geometry,
                rows,
                refs,
            )
        )
    return out


@dataclass(frozen=True)
class LengthCheck:
    """A claimed length beside the length measured for what it is claimed of."""

    claim: str
    corridor: str
    feature: str  # empty: the whole corridor
    claimed_km: float
    qualifier: str
    source: str
    measured_km: float  # the feature's length, or the corridor's network length
    features_km: float  # the sum of the features' lengths (overlapping lines each counted)

    @property
    def difference(self) -> float:
        return self.measured_km / self.claimed_km - 1


def network_km(geoms: Iterable[BaseGeometry]) -> float:
    """Geodesic length of lines together, where lines drawn on top of each other count once."""
    return networks_km([geoms])[0]


def networks_km(
    groups: Iterable[Iterable[BaseGeometry]], known_km: Iterable[Iterable[float]] | None = None
) -> list[float]:
    """``network_km`` of each group of lines, measured in one geodesic call (a call per group
    was most of what the length check cost at 10,000 corridors).

    ``known_km``: each group's lines' own lengths (``measure.lengths_km``), when already measured.
    A group of one line that its union leaves exactly as it is (same vertices in the same order:
    a line that does not cross itself) is then not measured again: its union's length is that
    length, bit for bit, as the same segments are summed in the same order."""
    from .measure import lengths_km

    known = None if known_km is None else [list(k) for k in known_km]
    unions = []
    reused: dict[int, float] = {}
    for at, group in enumerate(groups):
        geoms = list(group)
        lines = [g for g in geoms if g is not None and g.geom_type not in ("Point", "MultiPoint")]
        union = shapely.union_all(lines) if lines else None
        if (
            known is not None
            and len(geoms) == len(lines) == len(known[at]) == 1
            and shapely.equals_exact(union, lines[0], tolerance=0.0)
        ):
            reused[at] = known[at][0]
            union = None
        unions.append(union)
    measured = lengths_km(unions)
    for at, km in reused.items():
        measured[at] = km
    return [0.0 if km != km or not km else float(km) for km in measured]


def lengths(ds) -> list[LengthCheck]:
    """Every length claim beside the measured length of its feature or of its whole corridor."""
    out = []
    features = ds.features
    for _, claim in ds.claims[ds.claims["field"] == "length"].iterrows():
        try:
            claimed = float(claim["value"])
        except ValueError:
            continue
        mine = features[features["corridor"] == claim["corridor"]]
        if claim["feature"]:
            mine = mine[mine["id"] == claim["feature"]]
        if mine.empty:
            continue
        total = float(sum(km for km in mine["measured_length_km"] if km == km and km))
        measured = total if claim["feature"] else network_km(mine.geometry)
        out.append(
            LengthCheck(
                claim["id"],
                claim["corridor"],
                claim["feature"],
                claimed,
                claim["qualifier"],
                claim["source"],
                round(measured, 1),
                round(total, 1),
            )
        )
    return out
