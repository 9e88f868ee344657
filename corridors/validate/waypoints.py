"""Waypoints: each row has finite coordinates in the region and, for a named place, the reference
its coordinates come from; each feature lists known waypoints that lie on its drawn line, and a
line drawn through stations has no vertex that is not one of them."""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np
import shapely
from shapely.geometry import Point

from ..geo import measure
from ..geo.drawing import REDRAWN_METHODS
from ..problems import Problem, error, warning
from ..schema import WAYPOINT_KINDS, WAYPOINT_TOLERANCE_KM
from ..store.rawdata import Row
from .base import Context, bad_id, check, feature_error, listed
from .geometry import in_region

#: A vertex of a line drawn through waypoints is at its waypoint within this distance.
VERTEX_AT_WAYPOINT_KM = 0.5


def waypoint_point(row: Row) -> Point | None:
    """A waypoint's position, or None when its lat/lon are not finite numbers."""
    try:
        lon, lat = float(row["lon"]), float(row["lat"])
    except ValueError:
        return None
    return Point(lon, lat) if math.isfinite(lon) and math.isfinite(lat) else None


def _point_of(ctx: Context, name: object) -> Point | None:
    row = ctx.waypoints.get(name) if isinstance(name, str) else None
    return None if row is None else waypoint_point(row)


@check
def waypoints_on_feature(ctx: Context) -> Iterator[Problem]:
    """Each feature lists its waypoints; each is a known waypoint and lies on the drawn line."""
    pairs: list[tuple[int, str, Point]] = []  # (feature seq, waypoint id, its position)
    found: dict[int, list[Problem]] = {}
    for ref in ctx.parsed.features:
        names = ref.props.get("waypoints")
        if "waypoints" not in ref.props:
            continue
        if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
            yield feature_error(
                ref,
                "waypoints must be a non-empty list of waypoint ids",
                "list the ids (geodata/waypoints.csv) the route was drawn through",
            )
            continue
        geom = ctx.parsed.geometry(ref)
        for name in names:
            row = ctx.waypoints.get(name)
            if row is None:
                if ctx.usable(ctx.raw.waypoints):
                    found.setdefault(ref.seq, []).append(
                        feature_error(
                            ref,
                            f"waypoint {name!r} is not in waypoints.csv",
                            "add it to geodata/waypoints.csv with its coordinate source",
                        )
                    )
                continue
            point = waypoint_point(row)
            if point is not None and geom is not None and not geom.is_empty:
                pairs.append((ref.seq, name, point))
    if pairs:
        km = measure.distances_to_km(
            np.array([p for _, _, p in pairs], dtype=object),
            ctx.parsed.geometry_array[[seq for seq, _, _ in pairs]],
        )
        for (seq, name, _), distance in zip(pairs, km, strict=True):
            if distance > WAYPOINT_TOLERANCE_KM:
                found.setdefault(seq, []).append(
                    feature_error(
                        ctx.parsed.features[seq],
                        f"waypoint {name!r} lies {distance:.1f} km from the drawn geometry "
                        f"(tolerance {WAYPOINT_TOLERANCE_KM} km)",
                        "redraw the line through the waypoint, or fix its coordinates",
                    )
                )
    for seq in sorted(found):
        yield from found[seq]


@check
def drawn_through_waypoints(ctx: Context) -> Iterator[Problem]:
    """A line drawn through stations (or schematically) has no vertex that is not a waypoint."""
    for ref in ctx.parsed.features:
        method = ref.props.get("method")
        names = ref.props.get("waypoints")
        geom = ctx.parsed.geometry(ref)
        if method not in REDRAWN_METHODS or geom is None or geom.is_empty:
            continue
        if not isinstance(names, list):
            continue
        points = [p for n in names if (p := _point_of(ctx, n)) is not None]
        if not points:
            continue
        known = shapely.MultiPoint(points)
        vertices = shapely.points(shapely.get_coordinates(geom))
        km = measure.distances_to_km(vertices, np.full(len(vertices), known, dtype=object))
        far = np.flatnonzero(km > VERTEX_AT_WAYPOINT_KM)
        if len(far):
            vertex = vertices[far[0]]
            yield feature_error(
                ref,
                f"vertex [{vertex.x}, {vertex.y}] is {km[far[0]]:.1f} km from every listed "
                f"waypoint, but the method {method!r} draws only through waypoints",
                "list the waypoint it stands for, or set method 'traced' and cite the "
                "reference line",
            )


@check
def waypoint_rows(ctx: Context) -> Iterator[Problem]:
    """Waypoints have finite coordinates in range and, for named places, a public reference."""
    table = ctx.raw.waypoints
    used = {
        n
        for ref in ctx.parsed.features
        for n in listed(ref.props.get("waypoints"))
        if isinstance(n, str)
    }
    for row in table.rows:
        ident = row["id"]
        if problem := bad_id(table, row, "rename it (and the features that list it)"):
            yield problem
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except ValueError:
            yield error(
                table.rel, ident, "lat/lon is not a number", "write decimal degrees", row.line
            )
        else:
            if not (math.isfinite(lat) and math.isfinite(lon)):
                yield error(
                    table.rel,
                    ident,
                    f"lat/lon ({row['lat']}, {row['lon']}) is not a finite number",
                    "write decimal degrees",
                    row.line,
                )
            elif not in_region(lon, lat):
                hint = "lat and lon look swapped" if in_region(lat, lon) else "check the reference"
                yield error(
                    table.rel, ident, f"({lat}, {lon}) is outside the region", hint, row.line
                )
        if row["kind"] not in WAYPOINT_KINDS:
            yield error(
                table.rel,
                ident,
                f"unknown kind {row['kind']!r}",
                f"use one of {WAYPOINT_KINDS}",
                row.line,
            )
        if row["kind"] == "place" and not row["source_url"].startswith(("https://", "http://")):
            yield error(
                table.rel,
                ident,
                "a named place needs the web address of the reference its coordinates come from",
                "look the place up in a public reference and record the address",
                row.line,
            )
        if row["kind"] == "shape" and not row["note"].strip():
            yield error(
                table.rel,
                ident,
                "a shape point needs a note saying why it is there",
                "e.g. 'keeps the sea crossing east of the Absheron Peninsula'",
                row.line,
            )
        if ident and ident not in used and ctx.parsed.all_features_read:
            yield warning(
                table.rel, ident, "waypoint is used by no feature", "remove it or use it", row.line
            )
