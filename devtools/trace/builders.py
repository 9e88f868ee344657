"""The legs' geometry by method: traced on a network, straight through stations, a schematic sea
crossing; and what is measured of each (deviation from the reference, km per country, how far
station chords stray).
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import shapely
from shapely.geometry import LineString, Point

from corridors.geo.compare import LocalMetric
from devtools.trace.geometry import (
    PORT_LAND_KM,
    dist_km,
    geodesic_km,
    leg_metric,
    sample_distances,
    thin,
)
from devtools.trace.legs import (
    PORT_REFERENCE,
    Leg,
)
from devtools.trace.network import Network
from devtools.trace.places import Places


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
