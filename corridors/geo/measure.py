"""Measuring routes on the ellipsoid: lengths, distances and the countries a route crosses.

Lengths are geodesic (pyproj on WGS84), never planar degrees, so a figure on the map can be set
beside an article's claimed length. Everything here works on arrays of geometries at once (shapely
2 vectorised operations, one STRtree over the countries, one pyproj call for every segment), so
10,000 routes cost seconds, not minutes; the one-geometry functions are the same code on a list of
one.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

import geopandas as gpd
import numpy as np
import shapely
from pyproj import Geod
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from ..schema import COUNTRY_MIN_KM

GEOD = Geod(ellps="WGS84")

#: A port on a coast drawn from coarse boundaries may fall just offshore; count the nearest country.
POINT_COUNTRY_SNAP_KM = 30.0

#: A point this close to a border is named in both countries: the boundaries are not finer.
POINT_BORDER_KM = 3.0

#: A route's end counts its country only this far inside the border line.
END_INSIDE_KM = 2.0

#: Countries this near a point (in degrees, ≥ 6 km everywhere in the region) are looked at.
_NEAR_DEG = 0.1

_POINT_TYPES = (0, 4)  # shapely type ids of Point and MultiPoint
_LINESTRING = 1
_MULTILINESTRING = 5


def lengths_km(geoms: Sequence[BaseGeometry | None] | np.ndarray) -> np.ndarray:
    """Geodesic length of each geometry in km; NaN for points, empty or missing geometry.

    All segments of all lines go to pyproj in one call; a MultiLineString's parts are summed
    without the gap between them.
    """
    geoms = np.asarray(geoms, dtype=object)
    result = np.full(len(geoms), np.nan)
    if not len(geoms):
        return result
    present = ~shapely.is_missing(geoms)
    present[present] &= ~shapely.is_empty(geoms[present])
    linear = present.copy()
    linear[present] = ~np.isin(shapely.get_type_id(geoms[present]), _POINT_TYPES)
    if not linear.any():
        return result
    which = np.flatnonzero(linear)
    parts, owner = shapely.get_parts(geoms[which], return_index=True)
    lines = shapely.get_type_id(parts) == _LINESTRING
    parts, owner = parts[lines], owner[lines]
    coords, part_of = shapely.get_coordinates(parts, return_index=True)
    same = part_of[1:] == part_of[:-1]
    total = np.zeros(len(which))
    if same.any():
        # every pair of consecutive positions at once (the metres of ``GEOD.inv``, bit for bit,
        # without the azimuths): the pairs that join two parts are then left out
        metres = GEOD.line_lengths(coords[:, 0], coords[:, 1])[same]
        total = np.bincount(owner[part_of[1:][same]], weights=metres, minlength=len(which))
    result[which] = total / 1000.0
    return result


def length_km(geom: BaseGeometry | None) -> float | None:
    """Geodesic length in km, None for points and empty geometry."""
    km = lengths_km([geom])[0]
    return None if np.isnan(km) else float(km)


def distance_km(a: Point, b: Point) -> float:
    return GEOD.inv(a.x, a.y, b.x, b.y)[2] / 1000.0


def distances_to_km(points: np.ndarray, geoms: np.ndarray) -> np.ndarray:
    """Geodesic distance from each point to the nearest point of its geometry (found in degrees).

    Nearest-in-degrees differs from nearest-on-the-ellipsoid by little at the scale of a few km,
    which is all this is used for (is a waypoint on its line? is a port near a border?).
    """
    if not len(points):
        return np.zeros(0)
    lines = shapely.shortest_line(np.asarray(points, dtype=object), np.asarray(geoms, dtype=object))
    coords = shapely.get_coordinates(lines).reshape(-1, 2, 2)
    _, _, metres = GEOD.inv(coords[:, 0, 0], coords[:, 0, 1], coords[:, 1, 0], coords[:, 1, 1])
    return np.abs(metres) / 1000.0


def distance_to_geometry_km(point: Point, geom: BaseGeometry) -> float:
    """Geodesic distance from a point to the nearest point of a geometry."""
    return float(distances_to_km(np.array([point]), np.array([geom]))[0])


@dataclass(frozen=True)
class Crossing:
    country: str
    km: float | None  # None for a point feature


class Countries:
    """The country polygons indexed once (an STRtree, prepared shapes, their border lines)."""

    def __init__(self, boundaries: gpd.GeoDataFrame) -> None:
        self.names = np.asarray([str(n) for n in boundaries["name"]], dtype=object)
        self.shapes = np.asarray(boundaries.geometry.values, dtype=object)
        shapely.prepare(self.shapes)
        self.borders = shapely.boundary(self.shapes)
        self.tree = shapely.STRtree(self.shapes)

    def __len__(self) -> int:
        return len(self.shapes)

    _cache: ClassVar[dict[int, tuple[weakref.ref, Countries]]] = {}

    @classmethod
    def of(cls, boundaries: gpd.GeoDataFrame) -> Countries:
        """The index of a boundaries frame, built once per frame (frames are not changed)."""
        known = cls._cache.get(id(boundaries))
        if known and known[0]() is boundaries:
            return known[1]
        index = cls(boundaries)
        for key in [k for k, (ref, _) in cls._cache.items() if ref() is None]:
            del cls._cache[key]  # indexes of frames that are gone
        cls._cache[id(boundaries)] = (weakref.ref(boundaries), index)
        return index


def _nearby(
    points: np.ndarray, pi: np.ndarray, ci: np.ndarray, countries: Countries
) -> list[list[tuple[float, str, int]]]:
    """For (point, country) candidate pairs: per point, the (km, name, country) of each country it
    lies in or whose border is within POINT_BORDER_KM, nearest first."""
    found: list[list[tuple[float, str, int]]] = [[] for _ in range(len(points))]
    near = shapely.dwithin(countries.shapes[ci], points[pi], _NEAR_DEG)
    pi, ci = pi[near], ci[near]
    inside = shapely.contains(countries.shapes[ci], points[pi])
    km = np.zeros(len(pi))
    outside = ~inside
    km[outside] = distances_to_km(points[pi][outside], countries.shapes[ci][outside])
    for p, c, d, within in zip(pi, ci, km, inside, strict=True):
        if within or d <= POINT_BORDER_KM:
            found[p].append((0.0 if within else float(d), countries.names[c], int(c)))
    return [sorted(f) for f in found]


def _point_countries(
    points: np.ndarray, countries: Countries
) -> list[list[tuple[float, str, int]]]:
    """The country each point lies in, plus any whose border is within POINT_BORDER_KM; a point
    in none gets the nearest country within POINT_COUNTRY_SNAP_KM (a port just offshore).

    Near a border, 1:50m boundaries cannot tell the side (Khorgos lies within a kilometre or two
    of the line), so both countries are named rather than one guessed.
    """
    pi, ci = countries.tree.query(points, predicate="dwithin", distance=_NEAR_DEG)
    found = _nearby(points, pi, ci, countries)
    lonely = [i for i, f in enumerate(found) if not f]
    if lonely:
        nearest = countries.tree.nearest(points[lonely])
        km = distances_to_km(points[lonely], countries.shapes[nearest])
        for i, c, d in zip(lonely, nearest, km, strict=True):
            if d <= POINT_COUNTRY_SNAP_KM:
                found[i].append((float(d), countries.names[c], int(c)))
    return found


#: Per route, the planar length (degrees) of each of its cut stretches, by the country's position
#: in the boundaries: ``{country: degrees}`` for each country the route crosses the border of.
Stretches = list[dict[int, float]]


def countries_crossed_many(
    geoms: Sequence[BaseGeometry | None] | np.ndarray,
    countries: Countries,
    min_km: float = COUNTRY_MIN_KM,
    lengths: np.ndarray | None = None,
) -> list[list[Crossing]]:
    """The countries each route runs through, in route order, each with the length inside it.

    A country counts only where at least ``min_km`` of the route lies inside it, so a line drawn
    along a border does not pick up a neighbour it merely grazes; a route that ends at least
    END_INSIDE_KM inside a country enters it however short the stretch. A point gets the country
    it lies in (both, near a border) with no length. ``lengths``: each geometry's length in km,
    when already measured (``lengths_km``).
    """
    return crossings_and_stretches(geoms, countries, min_km, lengths)[0]


def crossings_and_stretches(
    geoms: Sequence[BaseGeometry | None] | np.ndarray,
    countries: Countries,
    min_km: float = COUNTRY_MIN_KM,
    lengths: np.ndarray | None = None,
) -> tuple[list[list[Crossing]], Stretches]:
    """``countries_crossed_many``, and the planar length of each stretch the overlay cut out of
    a route where it crosses a border (``Stretches``): the place labels order the countries by
    the routes' planar length inside them, and would otherwise cut every route again."""
    geoms = np.asarray(geoms, dtype=object)
    result: list[list[Crossing]] = [[] for _ in range(len(geoms))]
    stretches: Stretches = [{} for _ in range(len(geoms))]
    if not len(geoms) or not len(countries):
        return result, stretches
    present = ~shapely.is_missing(geoms)
    present[present] &= ~shapely.is_empty(geoms[present])
    kinds = np.full(len(geoms), -1)
    kinds[present] = shapely.get_type_id(geoms[present])
    is_point = np.isin(kinds, _POINT_TYPES)

    point_idx = np.flatnonzero(is_point)
    if len(point_idx):
        firsts = shapely.get_geometry(geoms[point_idx], 0)  # a MultiPoint by its first point
        for i, found in zip(point_idx, _point_countries(firsts, countries), strict=True):
            result[i] = [Crossing(name, None) for _, name, _ in found]

    line_idx = np.flatnonzero(present & ~is_point)
    if not len(line_idx):
        return result, stretches
    lines = geoms[line_idx]
    merged = lines.copy()
    multi = kinds[line_idx] == _MULTILINESTRING
    if multi.any():
        merged[multi] = shapely.line_merge(lines[multi])
    line_km = lengths_km(lines) if lengths is None else np.asarray(lengths)[line_idx]
    gi, ci, inside, km, cut = _stretches_inside(lines, line_km, countries)
    cut_at = np.flatnonzero(cut)
    degrees = shapely.length(inside[cut_at])
    for g, c, deg in zip(gi[cut_at].tolist(), ci[cut_at].tolist(), degrees.tolist(), strict=True):
        stretches[line_idx[g]][c] = deg
    position = _entry_positions(inside, merged, gi)
    chosen, depth_km = _end_countries(merged, gi, ci, countries)
    for g, crossings in enumerate(
        _crossings_in_order(len(lines), gi, ci, km, position, chosen, depth_km, countries, min_km)
    ):
        result[line_idx[g]] = crossings
    return result, stretches


def _stretches_inside(
    lines: np.ndarray, line_km: np.ndarray, countries: Countries
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each (route, country) pair that intersects, sorted by route then country, with the part of
    the route inside the country, its length in km and whether it was cut (the route is not
    wholly inside): one bulk overlay instead of one per pair."""
    gi, ci = _intersecting(lines, countries)
    order = np.lexsort((ci, gi))
    gi, ci = gi[order], ci[order]
    # A route wholly inside a country is its own intersection (a prepared test, no overlay).
    whole = shapely.contains_properly(countries.shapes[ci], lines[gi])
    inside = lines[gi].copy()
    cut = ~whole
    inside[cut] = shapely.intersection(lines[gi[cut]], countries.shapes[ci[cut]])
    km = np.zeros(len(gi))
    km[whole] = line_km[gi[whole]]
    km[cut] = np.nan_to_num(lengths_km(inside[cut]))
    return gi, ci, inside, km, cut


def _intersecting(geoms: np.ndarray, countries: Countries) -> tuple[np.ndarray, np.ndarray]:
    """The (geometry, country) pairs that intersect, as ``countries.tree.query(geoms,
    predicate="intersects")`` finds them (in another order; callers sort): the boxes from the
    tree, then the test by the countries' prepared shapes. The tree's own test prepares each
    route instead and walks the country's thousands of edges for it: at 10,000 routes it took
    ten times as long (0.6 s against 0.06 s)."""
    gi, ci = countries.tree.query(geoms)
    hit = shapely.intersects(countries.shapes[ci], geoms[gi])
    return gi[hit], ci[hit]


def _entry_positions(inside: np.ndarray, merged: np.ndarray, gi: np.ndarray) -> np.ndarray:
    """Where the route enters each country, so countries are listed in route order.

    The first vertex of each stretch inside it, located along the (merged) route; a route that is
    not one line puts every country at 0.
    """
    position = np.zeros(len(gi))
    parts, owner = shapely.get_parts(inside, return_index=True)
    keep = shapely.get_type_id(parts) == _LINESTRING
    keep &= shapely.get_type_id(merged[gi[owner]]) == _LINESTRING
    if keep.any():
        starts = shapely.get_point(parts[keep], 0)
        located = shapely.line_locate_point(merged[gi[owner[keep]]], starts)
        first = np.full(len(gi), np.inf)
        np.fmin.at(first, owner[keep], located)  # fmin: a degenerate line locates as NaN
        position = np.where(np.isfinite(first), first, 0.0)
    return position


def _end_countries(
    merged: np.ndarray, gi: np.ndarray, ci: np.ndarray, countries: Countries
) -> tuple[list, np.ndarray]:
    """The country each end of each route lies in, among those the route intersects, and how deep
    inside it: a route that ends well inside a country enters it however short the stretch.

    Ends are indexed route by route: the first ends (0..n-1), then the last ends (n..2n-1).
    """
    n = len(merged)
    first_part, last_part = merged.copy(), merged.copy()
    still_multi = shapely.get_type_id(merged) != _LINESTRING
    if still_multi.any():
        first_part[still_multi] = shapely.get_geometry(merged[still_multi], 0)
        last_part[still_multi] = shapely.get_geometry(merged[still_multi], -1)
    ends = np.concatenate([shapely.get_point(first_part, 0), shapely.get_point(last_part, -1)])
    end_countries = _nearby(ends, np.concatenate([gi, gi + n]), np.concatenate([ci, ci]), countries)
    chosen = [found[0] if found else None for found in end_countries]
    with_country = [e for e, c in enumerate(chosen) if c is not None]
    depth_km = np.zeros(len(ends))
    if with_country:
        depth_km[with_country] = distances_to_km(
            ends[with_country], countries.borders[[chosen[e][2] for e in with_country]]
        )
    return chosen, depth_km


def _crossings_in_order(
    n: int,
    gi: np.ndarray,
    ci: np.ndarray,
    km: np.ndarray,
    position: np.ndarray,
    chosen: list,
    depth_km: np.ndarray,
    countries: Countries,
    min_km: float,
) -> list[list[Crossing]]:
    """Each route's crossings in route order: the countries with at least ``min_km`` inside, plus
    a country an end lies deep inside (at the start or the end of the list)."""
    out: list[list[Crossing]] = []
    pair_km = {(int(g), int(c)): k for g, c, k in zip(gi, ci, km, strict=True)}
    at = 0
    for g in range(n):
        found: list[tuple[float, Crossing]] = []
        while at < len(gi) and gi[at] == g:
            if km[at] >= min_km:
                found.append(
                    (position[at], Crossing(countries.names[ci[at]], round(float(km[at]), 1)))
                )
            at += 1
        named = {crossing.country for _, crossing in found}
        for e, end_position in ((g, 0.0), (g + n, float("inf"))):
            if chosen[e] is None:
                continue
            _, name, c = chosen[e]
            if name not in named and depth_km[e] >= END_INSIDE_KM:
                inside_km = pair_km.get((g, c), 0.0)
                found.append((end_position, Crossing(name, round(float(inside_km), 1))))
                named.add(name)
        out.append([crossing for _, crossing in sorted(found, key=lambda f: f[0])])
    return out


def countries_crossed(
    geom: BaseGeometry | None, boundaries: gpd.GeoDataFrame, min_km: float = COUNTRY_MIN_KM
) -> list[Crossing]:
    """The countries one route runs through, in route order (see countries_crossed_many)."""
    if geom is None or geom.is_empty or not len(boundaries):
        return []
    return countries_crossed_many([geom], Countries.of(boundaries), min_km)[0]
