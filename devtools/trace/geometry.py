"""Tolerances of the recipe and the geometry it measures with: geodesic lengths, the one local metric
of a leg, Douglas–Peucker thinning, sampled distances, turns.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import shapely
from pyproj import Geod
from shapely.geometry import LineString

from corridors.geo.compare import LocalMetric

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


def thin(coords: list, fixed: list[int], metric: LocalMetric) -> list:
    """Douglas–Peucker between consecutive fixed vertices (the stops), keeping the stops."""
    xy = metric.xy(coords)
    keep: list[int] = []
    for i, j in itertools.pairwise(fixed):
        sub = douglas_peucker(xy[i : j + 1], SIMPLIFY_KM)
        keep += [i + k for k in sub if not keep or i + k != keep[-1]]
    return [coords[k] for k in keep]


def sharpest_turn(coords) -> float:
    """The smallest angle (degrees) between consecutive segments: near 0 means a spur."""
    worst = 180.0
    for a, b, c in zip(coords, coords[1:], coords[2:], strict=False):
        back = GEOD.inv(b[0], b[1], a[0], a[1])[0]
        fwd = GEOD.inv(b[0], b[1], c[0], c[1])[0]
        worst = min(worst, abs((back - fwd + 180) % 360 - 180))
    return worst
