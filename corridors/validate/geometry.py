"""Geometry: positions are [lon, lat] numbers in the region with at most 6 decimals; each shape
fits its kind, is not empty, is valid, and a line does not cross itself.

Well-formed positions (nearly all of them) are checked as one numpy array for all features at once;
only a feature whose positions are malformed is walked position by position, to say what is wrong.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

from ..problems import Problem
from ..schema import COORD_DECIMALS, KINDS, REGION_BOUNDS
from .base import Context, FeatureRef, check, feature_error


def _positions(coords: object) -> Iterator[object]:
    """Every position in a coordinates array, however deeply nested (JSON depth is bounded)."""
    if isinstance(coords, list) and coords and all(isinstance(c, int | float) for c in coords):
        yield coords
    elif isinstance(coords, list):
        if not coords:
            return
        if all(isinstance(c, list) for c in coords):
            for c in coords:
                yield from _positions(c)
        else:
            yield coords


def in_region(lon: float, lat: float) -> bool:
    west, south, east, north = REGION_BOUNDS
    return west <= lon <= east and south <= lat <= north


def _decimals(value: float) -> int:
    text = repr(float(value))
    if "e" in text:
        return 99
    return len(text.split(".")[1].rstrip("0")) if "." in text else 0


def _slow_counts(coords: object) -> tuple[int, int, int, int, int, str]:
    """(bad shape, out of range, swapped, outside, too precise, first bad) by walking positions."""
    bad_shape = out_of_range = swapped = outside = too_precise = 0
    first_bad = ""
    for pos in _positions(coords):
        if (
            not isinstance(pos, list)
            or len(pos) not in (2, 3)
            or not all(isinstance(c, int | float) and not isinstance(c, bool) for c in pos)
            or not all(math.isfinite(c) for c in pos)
        ):
            bad_shape += 1
            first_bad = first_bad or repr(pos)[:60]
            continue
        lon, lat = pos[0], pos[1]
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            out_of_range += 1
            first_bad = first_bad or f"[{lon}, {lat}]"
        elif not in_region(lon, lat):
            if in_region(lat, lon):
                swapped += 1
            else:
                outside += 1
            first_bad = first_bad or f"[{lon}, {lat}]"
        if max(_decimals(lon), _decimals(lat)) > COORD_DECIMALS:
            too_precise += 1
    return bad_shape, out_of_range, swapped, outside, too_precise, first_bad


def _fast_counts(ctx: Context) -> dict[int, tuple[int, int, int, int, int, str]]:
    """The same counts for every feature with well-formed positions, from one array of all."""
    seqs = [ref.seq for ref in ctx.parsed.features if ctx.parsed.positions[ref.seq] is not None]
    arrays = [ctx.parsed.positions[s] for s in seqs]
    if not arrays:
        return {}
    sizes = np.array([len(a) for a in arrays])
    owner = np.repeat(np.arange(len(arrays)), sizes)
    xy = np.concatenate(arrays) if sizes.sum() else np.zeros((0, 2))
    lon, lat = xy[:, 0], xy[:, 1]
    west, south, east, north = REGION_BOUNDS
    in_range = (np.abs(lon) <= 180) & (np.abs(lat) <= 90)
    region = (lon >= west) & (lon <= east) & (lat >= south) & (lat <= north)
    flipped = (lat >= west) & (lat <= east) & (lon >= south) & (lon <= north)
    scale = 10.0**COORD_DECIMALS
    precise = (np.rint(lon * scale) / scale != lon) | (np.rint(lat * scale) / scale != lat)
    out_of_range = ~in_range
    swapped = in_range & ~region & flipped
    outside = in_range & ~region & ~flipped
    bad = ~(in_range & region)
    n = len(arrays)

    def per_feature(mask: np.ndarray) -> np.ndarray:
        return np.bincount(owner[mask], minlength=n)

    counts = [per_feature(m) for m in (out_of_range, swapped, outside, precise)]
    first_bad: dict[int, str] = {}
    for k in np.flatnonzero(bad):
        first_bad.setdefault(int(owner[k]), f"[{float(lon[k])!r}, {float(lat[k])!r}]")
    result = {}
    for i, seq in enumerate(seqs):
        if any(c[i] for c in counts):
            result[seq] = (
                0,
                int(counts[0][i]),
                int(counts[1][i]),
                int(counts[2][i]),
                int(counts[3][i]),
                first_bad.get(i, ""),
            )
    return result


@check
def coordinates(ctx: Context) -> Iterator[Problem]:
    """Positions are [lon, lat] numbers in range, with at most 6 decimals, inside the region."""
    fast = _fast_counts(ctx)
    for ref in ctx.parsed.features:
        geom = ref.raw.get("geometry")
        if not isinstance(geom, dict):
            continue
        if ctx.parsed.positions[ref.seq] is not None:
            counts = fast.get(ref.seq)
            if counts is None:
                continue
        else:
            counts = _slow_counts(geom.get("coordinates"))
        yield from _coordinate_problems(ref, *counts)


def _coordinate_problems(
    ref: FeatureRef,
    bad_shape: int,
    out_of_range: int,
    swapped: int,
    outside: int,
    too_precise: int,
    first_bad: str,
) -> Iterator[Problem]:
    if bad_shape:
        yield feature_error(
            ref,
            f"{bad_shape} position(s) are not [longitude, latitude] number pairs, e.g. {first_bad}",
            "write each position as [lon, lat]",
        )
    if out_of_range:
        yield feature_error(
            ref,
            f"{out_of_range} position(s) out of range (longitude ±180, latitude ±90), "
            f"e.g. {first_bad}",
            "check the numbers; GeoJSON puts longitude first",
        )
    if swapped:
        yield feature_error(
            ref,
            f"{swapped} position(s) look like latitude and longitude swapped, e.g. {first_bad}",
            "GeoJSON puts longitude first: write [lon, lat]",
        )
    if outside:
        west, south, east, north = REGION_BOUNDS
        yield feature_error(
            ref,
            f"{outside} position(s) far outside the mapped region "
            f"(lon {west}..{east}, lat {south}..{north}), e.g. {first_bad}",
            "check the coordinates against the waypoint's reference",
        )
    if too_precise:
        yield feature_error(
            ref,
            f"{too_precise} position(s) have more than {COORD_DECIMALS} decimals",
            "round to 6 decimals (`python -m corridors fmt` does it)",
        )


@check
def geometry(ctx: Context) -> Iterator[Problem]:
    """The geometry fits the kind, is not empty, and is valid (with the reason when it is not)."""
    geoms = ctx.parsed.geometry_array
    simple = np.ones(len(geoms), dtype=bool)
    lines = np.array([g is not None and g.geom_type == "LineString" for g in geoms], dtype=bool)
    if lines.any():
        simple[lines] = shapely.is_simple(geoms[lines])
    for ref in ctx.parsed.features:
        built = ctx.parsed.built[ref.seq]
        if isinstance(built, str):
            yield feature_error(
                ref, built, "write a Point or LineString geometry with [lon, lat] positions"
            )
            continue
        kind_name = ref.props.get("kind")
        kind = KINDS.get(kind_name) if isinstance(kind_name, str) else None
        if kind and built.geom_type not in kind.geometry:
            yield feature_error(
                ref,
                f"a {kind.name} must be a {' or '.join(kind.geometry)}, not a {built.geom_type}",
                "draw routes as lines and ports as points",
            )
        if built.is_empty:
            yield feature_error(ref, "the geometry is empty", "add coordinates")
            continue
        parts = getattr(built, "geoms", [built])
        if any(
            part.geom_type == "LineString"
            and bool((coords := shapely.get_coordinates(part)).size)
            and (coords == coords[0]).all()
            for part in parts
        ):
            yield feature_error(
                ref,
                "a line has fewer than two distinct points",
                "a route needs at least two different positions",
            )
        elif not ctx.parsed.valid[ref.seq]:
            yield feature_error(
                ref, f"invalid geometry: {explain_validity(built)}", "redraw that part"
            )
        elif built.geom_type == "LineString" and not simple[ref.seq]:
            yield feature_error(
                ref,
                f"the line crosses itself{_self_crossing(built)}",
                "reorder the waypoints so the route does not double back over itself",
            )


def _self_crossing(line: BaseGeometry) -> str:
    coords = shapely.get_coordinates(line)
    segments = shapely.linestrings(np.stack([coords[:-1], coords[1:]], axis=1))
    tree = shapely.STRtree(segments)
    left, right = tree.query(segments, predicate="intersects")
    apart = right > left + 1
    if not apart.any():
        return ""
    left, right = left[apart], right[apart]
    first = np.lexsort((right, left))[0]  # the first crossing along the line, as it is drawn
    a, b = segments[left[first]], segments[right[first]]
    p = shapely.intersection(a, b).representative_point()
    return f" near [{p.x:.4f}, {p.y:.4f}]"
