"""Boundaries: the countries file is sound (or its absence is said), and a sea leg is drawn over
water. Boundaries serve measurement only: when they are missing or broken, routes still load and
draw, their countries go unmeasured, and the checks that need land say they were skipped."""

from __future__ import annotations

from collections.abc import Iterator

import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from ..geo import measure
from ..problems import Problem, warning
from .base import Context, check, feature_error

_SKIPPED_HINT = "restore geodata/boundaries.geojson (`python -m corridors boundaries` rebuilds it)"


@check
def boundaries_usable(ctx: Context) -> Iterator[Problem]:
    """Every country has a name and a valid (Multi)Polygon; a missing file is said, not ignored."""
    datadir = ctx.raw.datadir
    if ctx.raw.boundaries is None:
        yield warning(
            datadir.rel(datadir.boundaries),
            "",
            "no boundaries file: the countries each route crosses are not measured",
            _SKIPPED_HINT,
        )
        return
    _, problems = ctx.parsed.boundary_frame
    yield from problems


@check
def sea_legs_over_water(ctx: Context) -> Iterator[Problem]:
    """A sea crossing is drawn over water: apart from its two port ends, it stays off land."""
    sea_legs = [
        ref
        for ref in ctx.parsed.features
        if ref.props.get("mode") == "sea"
        and (g := ctx.parsed.geometry(ref)) is not None
        and not g.is_empty
    ]
    if not sea_legs:
        return
    if ctx.parsed.land is None:
        datadir = ctx.raw.datadir
        yield warning(
            datadir.rel(datadir.boundaries),
            "",
            f"the sea-leg check was skipped for {len(sea_legs)} sea leg(s): no usable boundaries",
            _SKIPPED_HINT,
        )
        return
    for ref in sea_legs:
        geom = ctx.parsed.geometry(ref)
        assert geom is not None
        ends = shapely.union_all([Point(c).buffer(0.2) for c in _end_points(geom)])
        on_land = geom.intersection(ctx.parsed.land).difference(ends)
        km = measure.length_km(on_land) or 0.0
        if km > 1.0:
            p = on_land.representative_point()
            yield feature_error(
                ref,
                f"the sea leg crosses {km:.0f} km of land, e.g. near [{p.x:.3f}, {p.y:.3f}]",
                "add a shape waypoint offshore so the line goes round the land",
            )


def _end_points(geom: BaseGeometry) -> list[tuple[float, float]]:
    parts = getattr(geom, "geoms", [geom])
    return [c for part in parts for c in (part.coords[0], part.coords[-1])]
