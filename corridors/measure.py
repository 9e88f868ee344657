"""Measuring routes on the ellipsoid: lengths, distances and the countries a route crosses.

Lengths are geodesic (pyproj on WGS84), never planar degrees, so a figure on the map can be set
beside an article's claimed length.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
from pyproj import Geod
from shapely import ops
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from .schema import COUNTRY_MIN_KM

GEOD = Geod(ellps="WGS84")

#: A port on a coast drawn from coarse boundaries may fall just offshore; count the nearest country.
POINT_COUNTRY_SNAP_KM = 30.0

#: A point this close to a border is named in both countries: the boundaries are not finer.
POINT_BORDER_KM = 3.0

#: A route's end counts its country only this far inside the border line.
END_INSIDE_KM = 2.0


def length_km(geom: BaseGeometry | None) -> float | None:
    """Geodesic length in km, None for points and empty geometry."""
    if geom is None or geom.is_empty or geom.geom_type in ("Point", "MultiPoint"):
        return None
    return GEOD.geometry_length(geom) / 1000.0


def distance_km(a: Point, b: Point) -> float:
    return GEOD.inv(a.x, a.y, b.x, b.y)[2] / 1000.0


def distance_to_geometry_km(point: Point, geom: BaseGeometry) -> float:
    """Geodesic distance from a point to the nearest point of a geometry (nearest found in degrees).

    Nearest-in-degrees differs from nearest-on-the-ellipsoid by little at the scale of a few km,
    which is all this is used for (is a waypoint on its line?).
    """
    _, nearest = ops.nearest_points(point, geom)
    return distance_km(point, nearest)


@dataclass(frozen=True)
class Crossing:
    country: str
    km: float | None  # None for a point feature


def countries_crossed(
    geom: BaseGeometry, boundaries: gpd.GeoDataFrame, min_km: float = COUNTRY_MIN_KM
) -> list[Crossing]:
    """The countries a route runs through, in route order, each with the length inside it.

    A country counts only where at least ``min_km`` of the route lies inside it, so a line drawn
    along a border does not pick up a neighbour it merely grazes.
    """
    if geom is None or geom.is_empty:
        return []
    candidates = boundaries.iloc[boundaries.sindex.query(geom, predicate="intersects")]
    if geom.geom_type in ("Point", "MultiPoint"):
        return _point_countries(geom, boundaries)
    line = ops.linemerge(geom) if geom.geom_type == "MultiLineString" else geom
    found: list[tuple[float, Crossing]] = []
    for _, country in candidates.iterrows():
        inside = geom.intersection(country.geometry)
        km = length_km(inside) or 0.0
        if km >= min_km:
            parts = [p for p in getattr(inside, "geoms", [inside]) if p.geom_type == "LineString"]
            position = min(
                (line.project(Point(p.coords[0])) for p in parts if line.geom_type == "LineString"),
                default=0.0,
            )
            found.append((position, Crossing(str(country["name"]), round(km, 1))))
    # A route that ends clearly inside a country enters it, however short the stretch.
    named = {crossing.country for _, crossing in found}
    for end, position in ((_first(line), 0.0), (_last(line), float("inf"))):
        for crossing in _point_countries(end, candidates, snap_km=0.0)[:1]:
            country = candidates[candidates["name"] == crossing.country].geometry.iloc[0]
            depth = distance_to_geometry_km(end, country.boundary)
            if crossing.country not in named and depth >= END_INSIDE_KM:
                inside = geom.intersection(country)
                found.append(
                    (position, Crossing(crossing.country, round(length_km(inside) or 0, 1)))
                )
                named.add(crossing.country)
    return [crossing for _, crossing in sorted(found, key=lambda item: item[0])]


def _first(line: BaseGeometry) -> Point:
    parts = getattr(line, "geoms", [line])
    return Point(parts[0].coords[0])


def _last(line: BaseGeometry) -> Point:
    parts = getattr(line, "geoms", [line])
    return Point(parts[-1].coords[-1])


def _point_countries(
    point: BaseGeometry, boundaries: gpd.GeoDataFrame, snap_km: float = POINT_COUNTRY_SNAP_KM
) -> list[Crossing]:
    """The country a point lies in, plus any whose border is within POINT_BORDER_KM.

    Near a border, 1:50m boundaries cannot tell the side (Khorgos lies within a kilometre or two of
    the line), so both countries are named rather than one guessed. A coastal point just offshore
    is given the nearest country within ``snap_km``.
    """
    near = boundaries.iloc[boundaries.sindex.query(point.buffer(0.1), predicate="intersects")]
    found: list[tuple[float, str]] = []
    for _, country in near.iterrows():
        km = (
            0.0
            if country.geometry.contains(point)
            else distance_to_geometry_km(point, country.geometry)
        )
        if km == 0.0 or km <= POINT_BORDER_KM:
            found.append((km, str(country["name"])))
    if not found and snap_km and len(boundaries):
        nearest = boundaries.iloc[boundaries.sindex.nearest(point, return_all=False)[1]]
        km = distance_to_geometry_km(point, nearest.iloc[0].geometry)
        if km <= snap_km:
            found.append((km, str(nearest.iloc[0]["name"])))
    return [Crossing(name, None) for _, name in sorted(found)]
