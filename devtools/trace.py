"""Trace the route legs of the corridors map from the public reference geodata.

Development recipe (kept as ``devtools/trace.py``; what it draws, the stations, ports and legs, is
curated data in ``devtools/trace_legs.py`` beside it). It reads only the reference folder
(``../shared/reference-geodata/``: see its README.md for origins, licences and gaps) and the
project's country polygons (``geodata/boundaries.geojson``), chooses vertices, and writes one JSON
list of legs with their coordinates, waypoints, drawing notes and measured statistics.

Why a recipe and not hand-edited coordinates: every vertex can be traced back to a reference vertex,
an OpenStreetMap station (by its OSM id), a row of ``ports.csv`` (each with its public source) or,
on the two Caspian crossings only, an offshore shape point whose reason is written beside it. Running the script again on the
same references gives byte-identical output, so a reviewer can check any leg by rerunning it.

Methods (the leg's ``method``):

- ``traced``: the shortest path on a reference line network (Natural Earth railroads, the OSM
  railways of Azerbaijan and eastern Georgia, or the OSM pipeline) between stations given by OSM id,
  thinned by Douglas–Peucker in a local metric projection. The stations themselves replace the
  nearest reference vertex, so that legs meet exactly at shared stations.
- ``stations``: straight segments through OSM stations, where the reference railways have a gap.
- ``schematic``: a sea crossing from port to port, kept off land by a few offshore shape points.
- ``located``: a single point at a station.

Accuracy (``accuracy_km``): for a traced leg, its largest deviation from the reference line plus the
reference's own error (``REFERENCE_ERROR_KM``); for a leg through stations, an estimate calibrated on
comparable traced legs; 50 km for the schematic sea crossings.

Usage (from the repository's root; ``--geodata geodata`` rewrites the pipeline, Middle Corridor and
dry port features and their waypoint rows, keeping each feature's status)::

    python -m devtools.trace [--ref DIR] [--boundaries FILE] [--out FILE] [--geodata DIR]

It never runs in the app or the tests.
"""

from __future__ import annotations

import argparse
import csv
import heapq
import io
import itertools
import json
import math
from pathlib import Path

import numpy as np
import shapely
from pyproj import Geod
from shapely.geometry import LineString, Point, shape

from corridors.geo.compare import LocalMetric
from corridors.schema import WAYPOINT_COLUMNS
from corridors.store import atomicfile, geojsonio
from devtools.trace_legs import (
    COUNTRY_ISO2,
    COUNTRY_NAME,
    EXTRACT_URL,
    LEGS,
    NODE_ID_MIN,
    ODBL,
    OSM_PIPELINE_RELATION,
    PIPELINE_LINES,
    PORT_COORDINATES_TEXT,
    PORT_NOTE,
    PORT_OSM_ID,
    PORT_REFERENCE,
    PORT_SOURCE,
    PORT_URL,
    PORTS,
    REF_FILES,
    REFERENCE_ERROR_KM,
    STATIONS,
    Leg,
)

GEOD = Geod(ellps="WGS84")

# Douglas–Peucker tolerance for traced legs. Natural Earth is quantised to about 40 m and its own
# generalisation puts stations 0.5–3 km off its lines, so 0.5 km keeps the drawn line well inside
# the reference's own error while cutting the vertex count to tens or a few hundred per leg.
SIMPLIFY_KM = 0.5
# Natural Earth lines often end on another line without sharing a vertex (a T-junction, or a tile
# seam after quantisation). Ends within this distance of another line are joined to it.
NE_SNAP_KM = 0.3
# The OSM extract was line-merged, so its junctions are shared vertices; only tiny seams remain.
OSM_SNAP_KM = 0.05
# Sampling step for the deviation statistics.
SAMPLE_KM = 0.1
# A waypoint must lie this close to the drawn line.
WAYPOINT_MAX_KM = 2.0
# The Caspian crossings may touch land only this close to a port.
PORT_LAND_KM = 20.0
DECIMALS = 5
# A turn sharper than this at a vertex means the path went out to a station and back (a spur).
MIN_TURN_DEG = 15
# The Caspian crossings are schematic; ferries may run tens of km from the drawn line.
SEA_ACCURACY_KM = 50
# ---------------------------------------------------------------------------------------------
# Reading the references


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


# ---------------------------------------------------------------------------------------------
# Geometry helpers


def geodesic_km(coords) -> float:
    lons, lats = zip(*coords, strict=True)
    return GEOD.line_length(lons, lats) / 1000


def dist_km(a, b) -> float:
    return GEOD.inv(a[0], a[1], b[0], b[1])[2] / 1000


def leg_metric(coords) -> LocalMetric:
    """The local metric (``corridors.geo.compare.LocalMetric``, in km) Douglas–Peucker and the
    deviation statistics use for one leg: centred on the mean of its vertices, to 4 decimals.

    That centre is the rule the committed legs were drawn with; another (the compare module's
    bounding-box middle) would move some kept vertices, and the recipe would no longer reproduce
    geodata/ byte for byte.
    """
    arr = np.asarray(coords, dtype=float)
    return LocalMetric(float(f"{arr[:, 0].mean():.4f}"), float(f"{arr[:, 1].mean():.4f}"))


def douglas_peucker(xy: np.ndarray, tol: float) -> list[int]:
    """Indices of the vertices Douglas–Peucker keeps (always the two ends).

    Written out rather than using shapely's simplify so that the kept vertices are, by
    construction, a subset of the input ones (no reprojection round trip).
    """
    n = len(xy)
    keep = np.zeros(n, dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        i, j = stack.pop()
        if j <= i + 1:
            continue
        a, b = xy[i], xy[j]
        pts = xy[i + 1 : j]
        ab = b - a
        denom = float(ab @ ab)
        if denom == 0:
            d = np.hypot(*(pts - a).T)
        else:
            t = np.clip(((pts - a) @ ab) / denom, 0, 1)
            d = np.hypot(*(pts - (a + t[:, None] * ab)).T)
        k = int(np.argmax(d))
        if d[k] > tol:
            m = i + 1 + k
            keep[m] = True
            stack += [(i, m), (m, j)]
    return [int(i) for i in np.flatnonzero(keep)]


def sample_distances(line_xy: np.ndarray, other: LineString, step: float = SAMPLE_KM):
    """Distances (km) from points every ``step`` km along a line to another geometry."""
    line = LineString(line_xy)
    n = max(2, math.ceil(line.length / step) + 1)
    pts = shapely.line_interpolate_point(line, np.linspace(0, line.length, n))
    return shapely.distance(pts, other)


def rounded(coords) -> list[list[float]]:
    out = []
    for lon, lat in coords:
        v = [round(lon, DECIMALS), round(lat, DECIMALS)]
        if not out or out[-1] != v:
            out.append(v)
    return out


# ---------------------------------------------------------------------------------------------
# A line network with shortest paths


class Network:
    """An undirected graph of reference vertices, weighted by geodesic length.

    Every vertex of every line is a node and consecutive vertices are joined. A line end that is
    not shared with another line but lies within ``snap_km`` of one (a T-junction without a common
    vertex) is joined to both vertices of the nearest segment of that line, so paths can turn there.
    """

    def __init__(self, lines, snap_km: float):
        self.adj: dict[tuple, dict[tuple, float]] = {}
        for part in lines:
            for a, b in itertools.pairwise(part):
                self._join(a, b)
        degree = {node: len(nbrs) for node, nbrs in self.adj.items()}
        geoms = [LineString(p) for p in lines]
        tree = shapely.STRtree(geoms)
        for i, part in enumerate(lines):
            for end in (part[0], part[-1]):
                if degree.get(end) != 1:
                    continue
                pt = Point(end)
                # Candidates within a generous radius in degrees; the exact test is geodesic.
                best = None
                for j in tree.query(pt, predicate="dwithin", distance=snap_km / 50):
                    if j == i:
                        continue
                    along_j = geoms[j].project(pt)
                    foot = geoms[j].interpolate(along_j)
                    d = dist_km(end, (foot.x, foot.y))
                    if d <= snap_km and (best is None or (d, j) < best[:2]):
                        best = (d, int(j), along_j)
                if best is None:
                    continue
                _, j, along_j = best
                other = np.asarray(lines[j])
                cum = np.concatenate([[0], np.cumsum(np.hypot(*np.diff(other, axis=0).T))])
                k = min(int(np.searchsorted(cum, along_j, side="right")) - 1, len(other) - 2)
                self._join(end, lines[j][k])
                self._join(end, lines[j][k + 1])
        self.nodes = sorted(self.adj)
        self._arr = np.array(self.nodes)

    def _join(self, a, b):
        if a == b:
            return
        w = dist_km(a, b)
        self.adj.setdefault(a, {})[b] = w
        self.adj.setdefault(b, {})[a] = w

    def nearest(self, lonlat) -> tuple[tuple, float]:
        """The network vertex nearest to a point, and its distance in km."""
        dx = (self._arr[:, 0] - lonlat[0]) * math.cos(math.radians(lonlat[1]))
        dy = self._arr[:, 1] - lonlat[1]
        i = int(np.argmin(dx * dx + dy * dy))
        return self.nodes[i], dist_km(self.nodes[i], lonlat)

    def path(self, a, b) -> list[tuple]:
        """Dijkstra shortest path from vertex a to vertex b (both included)."""
        dist = {a: 0.0}
        prev: dict[tuple, tuple] = {}
        queue = [(0.0, a)]
        while queue:
            d, u = heapq.heappop(queue)
            if u == b:
                break
            if d > dist[u]:
                continue
            for v, w in self.adj[u].items():
                nd = d + w
                if nd < dist.get(v, math.inf):
                    dist[v] = nd
                    prev[v] = u
                    heapq.heappush(queue, (nd, v))
        if b not in dist:
            raise ValueError(f"no path between {a} and {b}")
        out = [b]
        while out[-1] != a:
            out.append(prev[out[-1]])
        return out[::-1]


# ---------------------------------------------------------------------------------------------
# Waypoints


class Places:
    """Stations (by OSM id) and ports (by row) as waypoint records."""

    def __init__(self, stations: list[dict], ports: list[dict]):
        self.stations = {int(r["osm_id"]): r for r in stations}
        self.ports = ports

    def lonlat(self, ref) -> tuple[float, float]:
        if isinstance(ref, tuple):
            row = self.ports[ref[1] - 1]
            return float(row["lon"]), float(row["lat"])
        row = self.stations[ref]
        return float(row["lon"]), float(row["lat"])

    def waypoint(self, ref) -> dict:
        if isinstance(ref, tuple):
            n = ref[1]
            row = self.ports[n - 1]
            slug, name = PORTS[n]
            lat, lon = round(float(row["lat"]), DECIMALS), round(float(row["lon"]), DECIMALS)
            return {
                "id": slug,
                "kind": "port",
                "name": name,
                "country": row["country"],
                "lat": lat,
                "lon": lon,
                "osm_id": PORT_OSM_ID.get(n),
                "source": f"ports.csv row {n}",
                "source_url": PORT_URL[n],
                "source_coordinates_text": PORT_COORDINATES_TEXT.get(
                    n, f"{row['lat']}, {row['lon']}"
                ),
                "note": PORT_NOTE[n],
            }
        row = self.stations[ref]
        slug, english = STATIONS[ref]
        local = row["name"]
        name = english if local == english else f"{english} ({local})"
        if ref >= NODE_ID_MIN:
            url = f"https://www.openstreetmap.org/node/{ref}"
            element = f"node {ref}"
        else:
            url = EXTRACT_URL + row["source"].split(":", 1)[1]
            element = f"element {ref} (node or way: the extract does not say which)"
        return {
            "id": slug,
            "kind": "station",
            "name": name,
            "country": row["country"],
            "lat": float(row["lat"]),
            "lon": float(row["lon"]),
            "osm_id": ref,
            "source": "stations.csv",
            "source_url": url,
            "source_coordinates_text": f"{row['lat']}, {row['lon']}",
            "note": f"OpenStreetMap railway station {element}, named {local!r}; coordinates as in "
            "the Overpass extract of 2026-04-01 (reference-geodata stations.csv, 5 decimals).",
        }


def names(places: Places, refs) -> str:
    """'Name (local name, OSM id), …' for drawing notes; ports by their ports.csv row."""
    out = []
    for ref in refs:
        if isinstance(ref, tuple):
            out.append(f"{PORTS[ref[1]][1]} ({PORT_SOURCE[ref[1]]})")
            continue
        english, local = STATIONS[ref][1], places.stations[ref]["name"]
        out.append(
            f"{english} (OSM {ref})" if local == english else f"{english} ({local}, OSM {ref})"
        )
    return ", ".join(out)


# ---------------------------------------------------------------------------------------------
# Builders


def thin(coords: list, fixed: list[int], metric: LocalMetric) -> list:
    """Douglas–Peucker between consecutive fixed vertices (the stops), keeping the stops."""
    xy = metric.xy(coords)
    keep: list[int] = []
    for i, j in itertools.pairwise(fixed):
        sub = douglas_peucker(xy[i : j + 1], SIMPLIFY_KM)
        keep += [i + k for k in sub if not keep or i + k != keep[-1]]
    return [coords[k] for k in keep]


def trace(net: Network, places: Places, stops: list) -> tuple[list, list, list[int]]:
    """Shortest path through the stops.

    Returns the reference path (network vertices only), the full-resolution drawn path (the
    vertex nearest each stop replaced by the stop itself) and the indices of the stops in it.
    """
    snaps = [net.nearest(places.lonlat(s))[0] for s in stops]
    ref = [snaps[0]]
    drawn = [places.lonlat(stops[0])]
    fixed = [0]
    for k in range(1, len(stops)):
        nodes = net.path(snaps[k - 1], snaps[k])
        ref += nodes[1:]
        drawn += [*nodes[1:-1], places.lonlat(stops[k])]
        fixed.append(len(drawn) - 1)
    return ref, drawn, fixed


def deviation_stats(drawn, reference, metric: LocalMetric) -> dict:
    """How far the drawn line is from the reference line, both ways."""
    d_xy = metric.xy(drawn)
    r_xy = metric.xy(reference)
    d_to_r = sample_distances(d_xy, LineString(r_xy))
    r_to_d = sample_distances(r_xy, LineString(d_xy))
    return {
        "within_2km_share": round(float(np.mean(d_to_r <= 2.0)), 3),
        "within_10km_share": round(float(np.mean(d_to_r <= 10.0)), 3),
        "max_deviation_km": round(float(max(d_to_r.max(), r_to_d.max())), 2),
        "p95_deviation_km": round(float(np.percentile(np.concatenate([d_to_r, r_to_d]), 95)), 2),
    }


def country_km(coords, countries) -> dict[str, float]:
    """Geodesic km of the line inside each country polygon; 'outside' is sea and large lakes."""
    line = LineString(coords)
    out = {}
    total = geodesic_km(coords)
    inside = 0.0
    for iso, poly in sorted(countries.items()):
        piece = line.intersection(poly)
        if piece.is_empty:
            continue
        km = sum(
            geodesic_km(g.coords)
            for g in getattr(piece, "geoms", [piece])
            if g.geom_type == "LineString"
        )
        if km >= 0.05:
            out[iso] = round(km, 1)
            inside += km
    if total - inside >= 0.5:
        out["outside"] = round(total - inside, 1)
    return out


def chord_calibration(reference, places: Places, metric: LocalMetric) -> list[tuple[float, float]]:
    """(chord km, max offset km) for consecutive on-line stations along a traced reference path.

    Used to estimate how far straight chords between stations may lie from the track on the
    gap legs: the stations within 1.5 km of the reference path are ordered along it, and for each
    consecutive pair the largest distance of the reference path between them from their chord is
    measured. Natural Earth is generalised, so this underestimates real curvature; the estimate is
    rounded up generously.
    """
    r_xy = metric.xy(reference)
    line = LineString(r_xy)
    ids = sorted(places.stations)
    pts = metric.xy([places.lonlat(i) for i in ids])
    pts_geom = shapely.points(pts)
    near = shapely.distance(pts_geom, line) <= 1.5
    along = sorted(
        (line.project(Point(p)), tuple(p)) for p, ok in zip(pts, near, strict=True) if ok
    )
    cum = np.concatenate([[0], np.cumsum(np.hypot(*np.diff(r_xy, axis=0).T))])
    out = []
    for (s0, p0), (s1, p1) in itertools.pairwise(along):
        chord = math.dist(p0, p1)
        if chord < 3:
            continue
        inner = r_xy[(cum > s0) & (cum < s1)]
        if len(inner) == 0:
            continue
        offset = shapely.distance(shapely.points(inner), LineString([p0, p1])).max()
        out.append((chord, float(offset)))
    return out


def build_traced(leg: Leg, nets, places: Places) -> tuple[dict, list, list, list]:
    """A leg along a reference network: stats, coordinates, reference path, reference ids."""
    net = nets[leg.network]
    reference, drawn, fixed = trace(net, places, leg.stops)
    metric = leg_metric(drawn)
    traced = thin(drawn, fixed, metric)
    coords = traced + [places.lonlat(t) for t in leg.tail]
    stats = {
        "vertices": len(coords),
        "length_km": round(geodesic_km(coords), 1),
        "reference_path_km": round(geodesic_km(reference), 1),
        "straight_km": round(dist_km(coords[0], coords[-1]), 1),
    }
    stats |= deviation_stats(traced, reference, metric)
    if leg.tail:
        stats["tail_km"] = round(geodesic_km(coords[len(traced) - 1 :]), 1)
    ref_id = {"ne": "ne-railroads", "osm": "osm-rail-az-ge"}[leg.network]
    references = [ref_id, "osm-stations"]
    for stop in leg.stops + leg.tail:
        if isinstance(stop, tuple) and PORT_REFERENCE[stop[1]] not in references:
            references.append(PORT_REFERENCE[stop[1]])
    return stats, coords, reference, references


def build_stations(leg: Leg, places: Places) -> tuple[dict, list, list, list]:
    """A gap leg: straight segments through stations."""
    coords = [places.lonlat(s) for s in leg.stops]
    reference: list = []
    references = ["osm-stations"]
    stats = {
        "vertices": len(coords),
        "length_km": round(geodesic_km(coords), 1),
        "straight_km": round(dist_km(coords[0], coords[-1]), 1),
    }
    return stats, coords, reference, references


def build_sea(leg: Leg, places: Places, countries) -> tuple[dict, list, list, list]:
    """A schematic sea crossing, checked to stay off land away from the ports."""
    a, b = (places.lonlat(s) for s in leg.stops)
    coords = [a] + [(lon, lat) for lon, lat, _ in leg.shape] + [b]
    # Off land except near the ports.
    metric = leg_metric(coords)
    xy = metric.xy(coords)
    line = LineString(xy)
    ends = shapely.union(Point(xy[0]).buffer(PORT_LAND_KM), Point(xy[-1]).buffer(PORT_LAND_KM))
    open_sea = line.difference(ends)
    for iso, poly in countries.items():
        land = shapely.transform(poly, metric.xy)
        if open_sea.intersects(land):
            raise AssertionError(f"{leg.id} crosses land ({iso}) away from the ports")
    land_all = shapely.union_all([shapely.transform(p, metric.xy) for p in countries.values()])
    clearance = float(open_sea.distance(land_all))
    stats = {
        "vertices": len(coords),
        "length_km": round(geodesic_km(coords), 1),
        "straight_km": round(dist_km(a, b), 1),
        "min_clearance_from_land_km": round(clearance, 1),
    }
    return stats, coords, [], list(dict.fromkeys(PORT_REFERENCE[s[1]] for s in leg.stops))


def reference_union(nets) -> LineString:
    """All reference railways as one lon/lat geometry, to measure gap legs against."""
    lines = []
    for net in nets.values():
        lines += [LineString([a, b]) for a, nbrs in net.adj.items() for b in nbrs if a < b]
    return shapely.union_all(lines)


# ---------------------------------------------------------------------------------------------
# Drawing notes and accuracy


def short_names(places: Places, refs) -> str:
    """'A – B – C' in English, for traced legs whose waypoints carry the ids."""
    return " – ".join(STATIONS[r][1] if isinstance(r, int) else PORTS[r[1]][1] for r in refs)


def traced_drawing(leg: Leg, places: Places) -> str:
    """1–3 sentences: source, path, thinning, and any note, then the ODbL sentence."""
    source = {
        "ne": "Natural Earth 1:10m railroads (rail-natural-earth.geojson; made with Natural Earth)",
        "osm": "the OpenStreetMap railways of Azerbaijan and eastern Georgia (rail-osm.geojson, "
        "railway=rail)",
    }[leg.network]
    text = (
        f"Vertices chosen from {source} along the shortest path "
        f"{short_names(places, leg.stops)}, with the OpenStreetMap stations "
        f"{'(and the port point) ' if any(isinstance(s, tuple) for s in leg.stops) else ''}"
        f"replacing their nearest reference vertex, thinned by Douglas–Peucker at "
        f"{SIMPLIFY_KM:g} km in a local metric projection."
    )
    if leg.note:
        text += f" {leg.note}."
    if leg.tail:
        last = leg.stops[-1]
        text += (
            f" The last stretch runs straight from {short_names(places, [last])} station to the "
            f"point of {names(places, leg.tail)}."
        )
    return f"{text} {ODBL}"


def stations_drawing(leg: Leg, places: Places) -> str:
    text = (
        f"Straight segments through OpenStreetMap railway stations, in order: "
        f"{names(places, leg.stops)}. Reason: {leg.note}."
    )
    return f"{text} {ODBL}"


def sea_drawing(leg: Leg, places: Places) -> str:
    shapes = "; ".join(f"{lat:.2f} N {lon:.2f} E, {why}" for lon, lat, why in leg.shape)
    return (
        f"Schematic crossing from {names(places, leg.stops[:1])} to "
        f"{names(places, leg.stops[1:])}, kept over water by {len(leg.shape)} offshore shape "
        f"point{'s' if len(leg.shape) > 1 else ''} ({shapes}). It stays off the Natural Earth 1:50m land of "
        f"geodata/boundaries.geojson except within {PORT_LAND_KM:g} km of each port; the real "
        f"ferry lane is not in the references. {ODBL}"
    )


def traced_accuracy_km(leg_network: str, stats: dict) -> int:
    """The drawn line's largest deviation from its reference plus the reference's own error."""
    return math.ceil(stats["max_deviation_km"] + REFERENCE_ERROR_KM[leg_network])


def traced_accuracy(leg_network: str, stats: dict) -> str:
    text = (
        f"Drawn line within {stats['max_deviation_km']:.2f} km of the reference line "
        f"(95th percentile {stats['p95_deviation_km']:.2f} km; the largest offsets are where a "
        f"station replaces the reference vertex nearest to it)."
    )
    if leg_network == "ne":
        text += " Natural Earth itself is generalised: stations lie 0.5–3 km from its lines, so"
    else:
        text += " The OSM extract was simplified at about 50 m and follows the track closely, so"
    text += (
        f" {REFERENCE_ERROR_KM[leg_network]:g} km is added for the reference's own error: "
        f"{traced_accuracy_km(leg_network, stats)} km."
    )
    return text


def estimate_chord_error(chords: list[float], calibration, floor: int = 0) -> dict:
    """Estimated offset of straight station chords from the real track.

    For each chord of the gap leg, the calibration chords of similar length (0.5–2 times; if
    fewer than five, the five closest in length) give a 95th-percentile offset; the leg's estimate
    is the largest of these. The accuracy figure is 1.5 times that plus 1 km, because Natural Earth
    flattens curves (so calibration underestimates them) and stations are points, not track.
    """
    cal = np.array(calibration)
    worst = 0.0
    for c in chords:
        sel = cal[(cal[:, 0] >= 0.5 * c) & (cal[:, 0] <= 2 * c)]
        if len(sel) < 5:
            sel = cal[np.argsort(np.abs(np.log(cal[:, 0] / c)), kind="stable")[:5]]
        worst = max(worst, float(np.percentile(sel[:, 1], 95)))
    return {
        "chord_km_min": round(min(chords), 1),
        "chord_km_max": round(max(chords), 1),
        "calibration_chords": len(cal),
        "calibration_chord_km_max": round(float(cal[:, 0].max()), 1),
        "estimated_chord_offset_km": round(worst, 1),
        "accuracy_km": max(3, floor, math.ceil(1.5 * worst + 1)),
    }


def stations_accuracy(leg: Leg, stats: dict, accuracy: int) -> str:
    base = max(3, math.ceil(1.5 * stats["estimated_chord_offset_km"] + 1))
    text = (
        f"Chords of {stats['chord_km_min']:.0f}–{stats['chord_km_max']:.0f} km between stations. "
        f"On comparable traced legs ({', '.join(leg.calibrate_on)}), station-to-station chords "
        f"of similar length stray up to {stats['estimated_chord_offset_km']:.1f} km from the "
        f"Natural Earth track (95th percentile); Natural Earth flattens curves, so the estimate "
        f"is 1.5 times that plus 1 km, {base} km."
    )
    if accuracy > base:
        text += f" It is raised to {accuracy} km: {leg.accuracy_note}."
    return text


# ---------------------------------------------------------------------------------------------
# Main


def pipeline_legs(ref_dir: Path) -> list[dict]:
    """Lines A, B and C: one OSM centreline, thinned; the three records differ only in name."""
    pipes = read_pipeline(ref_dir / REF_FILES["osm-cac-pipeline"])
    out = []
    for slug, letter, gem in PIPELINE_LINES:
        reference = pipes[gem]
        metric = leg_metric(reference)
        coords = thin(reference, [0, len(reference) - 1], metric)
        stats = {
            "vertices": len(coords),
            "length_km": round(geodesic_km(coords), 1),
            "reference_path_km": round(geodesic_km(reference), 1),
        }
        stats |= deviation_stats(coords, reference, metric)
        stats["accuracy_basis"] = (
            f"Drawn line within {stats['max_deviation_km']:.2f} km of the OSM route (95th "
            f"percentile {stats['p95_deviation_km']:.2f} km); the three 25–29 km gap jumps are "
            f"straight in the reference too, so the pipe may lie a few km off there: "
            f"{REFERENCE_ERROR_KM['pipeline']:g} km is added, "
            f"{traced_accuracy_km('pipeline', stats)} km."
        )
        ends = [
            {
                "id": "cacgp-west-end",
                "kind": "route-end",
                "name": "West end of the OSM route (Turkmenistan, about 10 km before the "
                "Uzbek border)",
                "country": "TM",
                "lat": round(reference[0][1], DECIMALS),
                "lon": round(reference[0][0], DECIMALS),
                "osm_id": "relation/8165751",
                "source": f"cac-pipeline.geojson ({gem}), first vertex",
                "source_url": OSM_PIPELINE_RELATION,
                "source_coordinates_text": f"{reference[0][0]}, {reference[0][1]}",
                "note": "The first vertex of OSM relation 8165751 as exported in Global Energy "
                "Monitor's identical route files P1124, P2299 and P2300 (GeoJSON order: lon, "
                "lat); the line starts on the Turkmen side of the border, and the 188 km from the "
                "gas fields are not in it.",
            },
            {
                "id": "cacgp-east-end",
                "kind": "route-end",
                "name": "East end of the OSM route (Xinjiang, about 10 km south of Horgos city)",
                "country": "CN",
                "lat": round(reference[-1][1], DECIMALS),
                "lon": round(reference[-1][0], DECIMALS),
                "osm_id": "relation/8165751",
                "source": f"cac-pipeline.geojson ({gem}), last vertex",
                "source_url": OSM_PIPELINE_RELATION,
                "source_coordinates_text": f"{reference[-1][0]}, {reference[-1][1]}",
                "note": "The last vertex of OSM relation 8165751 as exported in Global Energy "
                "Monitor's identical route files P1124, P2299 and P2300 (GeoJSON order: lon, "
                "lat).",
            },
        ]
        out.append(
            {
                "id": f"cacgp-line-{slug}",
                "corridor": "cacgp",
                "name": f"Central Asia–China gas pipeline, Line {letter}",
                "kind": "pipeline",
                "mode": "pipeline",
                "method": "traced",
                "references": ["osm-cac-pipeline"],
                "waypoints": ends,
                "accuracy_km": traced_accuracy_km("pipeline", stats),
                "drawing": (
                    f"Vertices chosen from cac-pipeline.geojson, feature {gem} (OSM relation "
                    f"8165751 as used by Global Energy Monitor; Lines A, B and C share this one "
                    f"centreline, and {gem} = Line {letter} is assumed from the id order), thinned "
                    f"by Douglas–Peucker at {SIMPLIFY_KM:g} km in a local metric projection. The "
                    f"reference's three straight jumps of 25–29 km near 78.0, 78.7 and 80.2 E "
                    f"(missing OSM relation members) are kept as they are, and the 188 km Turkmen "
                    f"section from Saman-Depe to the border is not in the reference. Accuracy: "
                    f"{stats['accuracy_basis']} {ODBL}"
                ),
                "coordinates": rounded(coords),
                "stats": stats,
            }
        )
    return out


def shape_waypoint(lon: float, lat: float, why: str) -> dict:
    return {
        "id": f"shape-{round(lat * 100)}n-{round(lon * 100)}e",  # ids take no dots
        "kind": "shape",
        "name": f"Offshore shape point {lat:.2f} N {lon:.2f} E",
        "country": None,
        "lat": lat,
        "lon": lon,
        "osm_id": None,
        "source": "offshore shape point chosen in trace.py (sea legs only)",
        "source_url": "",
        "source_coordinates_text": "",
        "note": f"Offshore shape point: {why}.",
        "reason": why,
    }


def along(coords, waypoints: list[dict]) -> list[dict]:
    """Waypoints in their order along the drawn line."""
    metric = leg_metric(coords)
    line = LineString(metric.xy(coords))
    pos = [line.project(Point(metric.xy([(w["lon"], w["lat"])])[0])) for w in waypoints]
    return [w for _, w in sorted(zip(pos, waypoints, strict=True), key=lambda t: t[0])]


def build(ref_dir: Path, boundaries: Path) -> list[dict]:
    places = Places(
        read_csv(ref_dir / REF_FILES["osm-stations"]), read_csv(ref_dir / REF_FILES["ports"])
    )
    countries = read_countries(boundaries)
    nets = {
        "ne": Network(read_lines(ref_dir / REF_FILES["ne-railroads"]), NE_SNAP_KM),
        "osm": Network(
            read_lines(ref_dir / REF_FILES["osm-rail-az-ge"], lambda p: p["railway"] == "rail"),
            OSM_SNAP_KM,
        ),
    }
    rail_any = reference_union(nets)
    for rec in (out := pipeline_legs(ref_dir)):
        rec["stats"]["countries_km"] = country_km(rec["coordinates"], countries)

    # Traced legs first, so that the gap legs can be calibrated against them.
    traced_refs: dict[str, list] = {}
    records = {}
    for leg in sorted(LEGS, key=lambda leg: leg.method != "traced"):
        if leg.method == "traced":
            stats, coords, reference, references = build_traced(leg, nets, places)
            traced_refs[leg.id] = reference
            drawing = traced_drawing(leg, places)
            accuracy = traced_accuracy_km(leg.network, stats)
            stats["accuracy_basis"] = traced_accuracy(leg.network, stats)
        elif leg.method == "stations":
            stats, coords, reference, references = build_stations(leg, places)
            metric = leg_metric(coords)
            calibration = []
            for other in leg.calibrate_on:
                calibration += chord_calibration(
                    traced_refs[other], places, leg_metric(traced_refs[other])
                )
            chords = [
                dist_km(places.lonlat(a), places.lonlat(b))
                for a, b in itertools.pairwise(leg.stops)
            ]
            est = estimate_chord_error(chords, calibration, leg.min_accuracy_km)
            accuracy = est.pop("accuracy_km")
            stats |= est
            d = sample_distances(metric.xy(coords), shapely.transform(rail_any, metric.xy))
            stats["within_10km_of_any_reference_railway_share"] = round(float(np.mean(d <= 10)), 3)
            stats["accuracy_basis"] = stations_accuracy(leg, stats, accuracy)
            drawing = stations_drawing(leg, places)
        else:
            stats, coords, reference, references = build_sea(leg, places, countries)
            drawing = sea_drawing(leg, places)
            accuracy = SEA_ACCURACY_KM
            stats["accuracy_basis"] = (
                "Schematic: ferries may run tens of km from this line; the references hold no "
                "ferry lane."
            )
        stats["countries_km"] = country_km(coords, countries)
        drawing = drawing.replace(ODBL, f"Accuracy: {stats['accuracy_basis']} {ODBL}")
        refs = dict.fromkeys(leg.stops + leg.tail + leg.via)
        waypoints = [places.waypoint(s) for s in refs]
        waypoints += [shape_waypoint(*s) for s in leg.shape]
        records[leg.id] = {
            "id": leg.id,
            "corridor": leg.corridor,
            "name": leg.name,
            "kind": leg.kind,
            "mode": leg.mode,
            "method": leg.method,
            "references": references,
            "waypoints": along(coords, waypoints),
            "accuracy_km": accuracy,
            "drawing": drawing,
            "coordinates": rounded(coords),
            "stats": stats,
        }
    out += [records[leg.id] for leg in LEGS]

    # The Khorgos dry port, at Altynkol station.
    altynkol = places.waypoint(4046956026)
    out.append(
        {
            "id": "khorgos-dry-port",
            "corridor": "khorgos-dry-port",
            "name": "Khorgos dry port (Khorgos Gateway)",
            "kind": "port",
            "mode": "port",
            "method": "located",
            "references": ["osm-stations", "railfreight-khorgos-2022"],
            "waypoints": [altynkol],
            "accuracy_km": 2,
            "drawing": (
                "A point at Altynkol station (OpenStreetMap node 4046956026), the Kazakh border "
                "station at Khorgos. RailFreight.com (2022) says the dry port covers 102.8 hectares "
                "as part of the Altynkol railway station complex; no published coordinates of the "
                "terminal itself were found, so the station stands for it, within about 2 km. "
                f"{ODBL}"
            ),
            "coordinates": [[altynkol["lon"], altynkol["lat"]]],
            "stats": {
                "vertices": 1,
                "accuracy_basis": "The station stands in for the dry port's terminals beside it.",
            },
        }
    )
    check(out)
    return out


def sharpest_turn(coords) -> float:
    """The smallest angle (degrees) between consecutive segments: near 0 means a spur."""
    worst = 180.0
    for a, b, c in zip(coords, coords[1:], coords[2:], strict=False):
        back = GEOD.inv(b[0], b[1], a[0], a[1])[0]
        fwd = GEOD.inv(b[0], b[1], c[0], c[1])[0]
        worst = min(worst, abs((back - fwd + 180) % 360 - 180))
    return worst


def check(out: list[dict]) -> None:
    """Fail loudly if a leg breaks a drawing rule; record the softer findings in its stats."""
    expected = {leg.id: set(leg.countries) for leg in LEGS}
    expected |= {f"cacgp-line-{s}": {"TM", "UZ", "KZ", "CN"} for s, _, _ in PIPELINE_LINES}
    for rec in out:
        coords = rec["coordinates"]
        stats = rec["stats"]
        if len(coords) < 2:
            continue
        if not 10 <= len(coords) <= 400:
            stats["vertex_count_note"] = {
                "stations": f"only {len(coords)} stations along this line are in stations.csv",
                "schematic": "a schematic crossing: two ports and the offshore shape point",
                "traced": "a short leg: Douglas–Peucker at 0.5 km keeps few vertices",
            }[rec["method"]]
        metric = leg_metric(coords)
        line = LineString(metric.xy(coords))
        for wp in rec["waypoints"]:
            d = line.distance(Point(metric.xy([(wp["lon"], wp["lat"])])[0]))
            if d > WAYPOINT_MAX_KM:
                raise AssertionError(f"{rec['id']}: waypoint {wp['id']} is {d:.1f} km off")
        stats["sharpest_turn_deg"] = round(sharpest_turn(coords))
        if stats["sharpest_turn_deg"] < MIN_TURN_DEG:
            raise AssertionError(f"{rec['id']}: a spur ({stats['sharpest_turn_deg']} degrees)")
        if rec["id"] in expected:
            stats["unexpected_countries_km"] = {
                k: v
                for k, v in stats["countries_km"].items()
                if k not in expected[rec["id"]] and k != "outside"
            }


# ---------------------------------------------------------------------------------------------
# Writing the project's data files

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


def main() -> None:
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--ref",
        type=Path,
        default=here.parent.parent / "shared" / "reference-geodata",
        help="the reference-geodata folder (default: ../shared/reference-geodata from the repo)",
    )
    parser.add_argument(
        "--boundaries",
        type=Path,
        default=here.parent / "geodata" / "boundaries.geojson",
        help="country polygons (Natural Earth 1:50m)",
    )
    parser.add_argument("--out", type=Path, default=Path("legs.json"), help="output JSON file")
    parser.add_argument(
        "--geodata",
        type=Path,
        help="also write the feature files and waypoint rows into this geodata folder",
    )
    args = parser.parse_args()
    legs = build(args.ref, args.boundaries)
    atomicfile.write_text(args.out, json.dumps(legs, ensure_ascii=False, indent=1) + "\n")
    if args.geodata:
        write_geodata(legs, args.geodata)
    for rec in legs:
        s = rec["stats"]
        print(
            f"{rec['id']:32} {rec['method']:10} {s['vertices']:4d} v "
            f"{s.get('length_km', 0):8.1f} km  acc {rec['accuracy_km']} km"
        )


if __name__ == "__main__":
    main()
