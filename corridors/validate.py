"""The data rules, written as a list of small checks that each return every problem they find.

Each check takes the raw data (as read, before anything is trusted) and yields Problems naming the
file, the line or id, what is wrong and how to fix it. ``validate`` runs them all, so a curator sees
everything at once rather than one error per run.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

import geopandas as gpd
import shapely
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

from . import anchors, measure, textmatch
from .problems import Problem, error, warning
from .rawdata import GeoFile, RawData, Row, Table
from .schema import (
    CLAIM_COLUMNS,
    COORD_DECIMALS,
    CORRIDOR_COLUMNS,
    FEATURE_PROPERTIES,
    FIELDS,
    KINDS,
    LINE_METHODS,
    MAPPED_VALUES,
    METHODS,
    MODES,
    POINT_METHODS,
    REFERENCE_COLUMNS,
    REGION_BOUNDS,
    SOURCE_COLUMNS,
    STATUSES,
    WAYPOINT_COLUMNS,
    WAYPOINT_KINDS,
    WAYPOINT_TOLERANCE_KM,
)

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*\Z")  # \Z: a trailing newline is not allowed

#: A length claim this far from the measured length, with no note explaining it, is flagged.
LENGTH_TOLERANCE = 0.25


@dataclass
class FeatureRef:
    """One feature as it stands in its file."""

    file: GeoFile
    index: int
    raw: dict

    @property
    def props(self) -> dict:
        props = self.raw.get("properties")
        return props if isinstance(props, dict) else {}

    @property
    def id(self) -> str:
        value = self.props.get("id")
        return value if isinstance(value, str) else f"#{self.index}"


def _one_point_line(geom: dict) -> bool:
    """A LineString (or a part of a MultiLineString) with a single position, which GEOS refuses."""
    coords = geom.get("coordinates")
    if geom.get("type") == "LineString":
        parts = [coords]
    elif geom.get("type") == "MultiLineString" and isinstance(coords, list):
        parts = coords
    else:
        return False
    return any(isinstance(part, list) and len(part) == 1 for part in parts)


class Context:
    """The raw data plus what several checks derive from it, computed once."""

    def __init__(self, raw: RawData, boundaries: gpd.GeoDataFrame | None = None) -> None:
        self.raw = raw
        self._boundaries = boundaries

    @cached_property
    def collections(self) -> list[GeoFile]:
        return [
            f
            for f in self.raw.geofiles
            if f.data is not None
            and f.data.get("type") == "FeatureCollection"
            and isinstance(f.data.get("features"), list)
        ]

    @cached_property
    def features(self) -> list[FeatureRef]:
        return [
            FeatureRef(f, i, feat)
            for f in self.collections
            for i, feat in enumerate(f.data["features"])  # type: ignore[index]
            if isinstance(feat, dict)
        ]

    @cached_property
    def geometries(self) -> dict[int, BaseGeometry | str]:
        """Each feature's shapely geometry, or the reason it could not be built (by object id)."""
        built: dict[int, BaseGeometry | str] = {}
        for ref in self.features:
            geom = ref.raw.get("geometry")
            if not isinstance(geom, dict):
                built[id(ref)] = "the feature has no geometry object"
                continue
            if _one_point_line(geom):
                built[id(ref)] = "a line has fewer than two points"
                continue
            try:
                built[id(ref)] = shape(geom)
            except (ValueError, TypeError, AttributeError, IndexError, KeyError) as exc:
                built[id(ref)] = f"the geometry cannot be built: {str(exc).strip()}"
            except shapely.errors.ShapelyError as exc:
                built[id(ref)] = f"the geometry cannot be built: {str(exc).strip()}"
        return built

    def geometry(self, ref: FeatureRef) -> BaseGeometry | None:
        geom = self.geometries.get(id(ref))
        return geom if isinstance(geom, BaseGeometry) else None

    @cached_property
    def feature_ids(self) -> dict[str, FeatureRef]:
        return {ref.id: ref for ref in self.features}

    def rows(self, table: Table | None) -> list[Row]:
        return table.rows if table else []

    @cached_property
    def corridor_ids(self) -> set[str]:
        return {row["id"] for row in self.rows(self.raw.corridors)}

    @cached_property
    def waypoints(self) -> dict[str, Row]:
        return {row["id"]: row for row in self.rows(self.raw.waypoints)}

    @cached_property
    def source_rows(self) -> dict[str, Row]:
        return {row["file"]: row for row in self.rows(self.raw.sources)}

    @cached_property
    def reference_rows(self) -> dict[str, Row]:
        return {row["id"]: row for row in self.rows(self.raw.references)}

    @cached_property
    def seed_texts(self) -> dict[str, str]:
        return {name: data.decode("utf-8", "replace") for name, data in self.raw.seeds.items()}

    @cached_property
    def boundaries(self) -> gpd.GeoDataFrame | None:
        if self._boundaries is not None:
            return self._boundaries
        path = self.raw.datadir.boundaries
        if not path.exists():
            return None
        return gpd.read_file(path)

    @cached_property
    def land(self) -> BaseGeometry | None:
        return None if self.boundaries is None else shapely.union_all(self.boundaries.geometry)

    @cached_property
    def claims_by_corridor(self) -> dict[str, list[Row]]:
        """Claims indexed once, so per-feature look-ups stay linear in the data's size."""
        index: dict[str, list[Row]] = defaultdict(list)
        for row in self.rows(self.raw.claims):
            index[row["corridor"]].append(row)
        return index

    def claims_for(self, ref: FeatureRef) -> list[Row]:
        corridor = ref.props.get("corridor")
        if not isinstance(corridor, str):
            return []
        return [
            row
            for row in self.claims_by_corridor.get(corridor, [])
            if row["feature"] in ("", ref.id)
        ]


Check = Callable[[Context], Iterable[Problem]]
CHECKS: list[Check] = []


def check(fn: Check) -> Check:
    CHECKS.append(fn)
    return fn


def _fe(ref: FeatureRef, message: str, hint: str) -> Problem:
    return error(ref.file.rel, ref.id, message, hint)


# --- files -----------------------------------------------------------------------------------


@check
def read_problems(ctx: Context) -> Iterator[Problem]:
    """What stopped a file from being read at all (syntax, encoding, size)."""
    yield from ctx.raw.problems


@check
def some_features(ctx: Context) -> Iterator[Problem]:
    """Zero feature files checked is a failure, not a pass."""
    if not ctx.raw.geofiles:
        yield error(
            ctx.raw.datadir.rel(ctx.raw.datadir.features),
            "",
            "no *.geojson feature files found",
            "put one FeatureCollection per corridor in geodata/features/",
        )


_JSON_TYPES = {
    list: "array",
    str: "string",
    int: "number",
    float: "number",
    bool: "boolean",
    type(None): "null",
}


@check
def feature_collection(ctx: Context) -> Iterator[Problem]:
    """Each file is an RFC 7946 FeatureCollection (no 'crs' member: WGS84 is implied)."""
    for f in ctx.raw.geofiles:
        if f.data is None:
            continue
        if "__not_object__" in f.data:
            found = _JSON_TYPES.get(type(f.data["__not_object__"]), "value")
            yield error(
                f.rel,
                "",
                f"the file holds a JSON {found}, not a FeatureCollection object",
                'wrap the features in {"type": "FeatureCollection", "features": [...]}',
            )
            continue
        if f.data.get("type") != "FeatureCollection":
            yield error(
                f.rel,
                "",
                f"type is {f.data.get('type')!r}, not 'FeatureCollection'",
                'wrap the features in {"type": "FeatureCollection", "features": [...]}',
            )
        elif not isinstance(f.data.get("features"), list):
            yield error(f.rel, "", "'features' is not a list", "make 'features' a JSON array")
        if "crs" in f.data:
            yield error(
                f.rel,
                "",
                "has a 'crs' member, which RFC 7946 removed",
                "delete 'crs'; coordinates must be WGS84 longitude, latitude",
            )
        unknown = set(f.data) - {"type", "features", "bbox", "__not_object__"}
        if unknown:
            yield warning(
                f.rel, "", f"unknown top-level member(s): {sorted(unknown)}", "remove them"
            )


# --- features --------------------------------------------------------------------------------


@check
def feature_structure(ctx: Context) -> Iterator[Problem]:
    """Features have an id, exactly the known properties, in the fixed order."""
    for f in ctx.collections:
        for i, feat in enumerate(f.data["features"]):  # type: ignore[index]
            if not isinstance(feat, dict) or feat.get("type") != "Feature":
                yield error(f.rel, f"#{i}", "item is not a GeoJSON Feature", "set type 'Feature'")
    for ref in ctx.features:
        props = ref.raw.get("properties")
        if not isinstance(props, dict):
            yield _fe(ref, "the feature has no properties object", "add a properties object")
            continue
        ident = props.get("id")
        if not isinstance(ident, str) or not ident:
            yield _fe(ref, "missing id", "add a unique lowercase id such as 'titr-caspian-sea'")
        elif not _ID.match(ident):
            yield _fe(ref, f"id {ident!r} is not lowercase letters, digits and '-'", "rename it")
        unknown = [k for k in props if k not in FEATURE_PROPERTIES]
        if unknown:
            yield _fe(
                ref,
                f"unknown propert{'y' if len(unknown) == 1 else 'ies'} {unknown}",
                f"remove it; allowed: {', '.join(FEATURE_PROPERTIES)}",
            )
        missing = [k for k in FEATURE_PROPERTIES if k not in props]
        if missing:
            yield _fe(ref, f"missing properties {missing}", "add them")
        order = [k for k in props if k in FEATURE_PROPERTIES]
        if not missing and not unknown and order != list(FEATURE_PROPERTIES):
            yield warning(
                ref.file.rel,
                ref.id,
                "properties are not in the fixed order",
                "run `python -m corridors fmt` to rewrite the file in canonical form",
            )
        for key in ("name", "drawing"):
            if key in props and (not isinstance(props[key], str) or not props[key].strip()):
                yield _fe(ref, f"{key!r} is empty or not text", f"write the feature's {key}")


@check
def unique_ids(ctx: Context) -> Iterator[Problem]:
    counts = Counter(ref.id for ref in ctx.features)
    for ref in ctx.features:
        if counts[ref.id] > 1 and not ref.id.startswith("#"):
            yield _fe(ref, f"duplicate id {ref.id!r}", "give each feature its own id")


@check
def vocabulary(ctx: Context) -> Iterator[Problem]:
    """kind, mode and status come from the schema's lists; the corridor is a known one."""
    for ref in ctx.features:
        props = ref.props
        if "kind" in props and props["kind"] not in KINDS:
            yield _fe(ref, f"unknown kind {props['kind']!r}", f"use one of {', '.join(KINDS)}")
        if "mode" in props and props["mode"] not in MODES:
            yield _fe(ref, f"unknown mode {props['mode']!r}", f"use one of {', '.join(MODES)}")
        if "status" in props and props["status"] not in STATUSES:
            yield _fe(
                ref, f"unknown status {props['status']!r}", f"use one of {', '.join(STATUSES)}"
            )
        if "corridor" in props and props["corridor"] not in ctx.corridor_ids:
            yield _fe(
                ref,
                f"corridor {props['corridor']!r} is not in corridors.csv",
                "add the corridor to geodata/corridors.csv or fix the id",
            )


@check
def provenance(ctx: Context) -> Iterator[Problem]:
    """How each feature was drawn: a known method for its geometry, an accuracy, its references."""
    for ref in ctx.features:
        props = ref.props
        method = props.get("method")
        if "method" in props and method not in METHODS:
            yield _fe(ref, f"unknown method {method!r}", f"use one of {', '.join(METHODS)}")
        geom = ref.raw.get("geometry")
        geom_type = geom.get("type") if isinstance(geom, dict) else None
        if method in METHODS and geom_type:
            allowed = POINT_METHODS if geom_type == "Point" else LINE_METHODS
            if method not in allowed:
                yield _fe(
                    ref,
                    f"method {method!r} does not fit a {geom_type}",
                    f"use one of {', '.join(allowed)}",
                )
        if "accuracy_km" in props:
            km = props["accuracy_km"]
            if (
                not isinstance(km, int | float)
                or isinstance(km, bool)
                or not math.isfinite(km)
                or km <= 0
            ):
                yield _fe(
                    ref,
                    f"accuracy_km {km!r} is not a positive number of km",
                    "say how far the real thing may lie from the drawing, in km",
                )
        if "references" in props:
            refs = props["references"]
            if not isinstance(refs, list) or not refs or not all(isinstance(r, str) for r in refs):
                yield _fe(
                    ref,
                    "references must be a non-empty list of reference ids",
                    "name the geodata/references.csv rows the drawing comes from",
                )
                continue
            for name in refs:
                if name not in ctx.reference_rows:
                    yield _fe(
                        ref,
                        f"reference {name!r} is not in references.csv",
                        "add it to geodata/references.csv with its title, address and licence",
                    )


def _positions(coords: object) -> Iterator[object]:
    """Every position in a coordinates array, however deeply nested."""
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


def _in_region(lon: float, lat: float) -> bool:
    west, south, east, north = REGION_BOUNDS
    return west <= lon <= east and south <= lat <= north


def _decimals(value: float) -> int:
    text = repr(float(value))
    if "e" in text:
        return 99
    return len(text.split(".")[1].rstrip("0")) if "." in text else 0


@check
def coordinates(ctx: Context) -> Iterator[Problem]:
    """Positions are [lon, lat] numbers in range, with at most 6 decimals, inside the region."""
    for ref in ctx.features:
        geom = ref.raw.get("geometry")
        if not isinstance(geom, dict):
            continue
        bad_shape = out_of_range = swapped = outside = too_precise = 0
        first_bad = ""
        for pos in _positions(geom.get("coordinates")):
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
            elif not _in_region(lon, lat):
                if _in_region(lat, lon):
                    swapped += 1
                else:
                    outside += 1
                first_bad = first_bad or f"[{lon}, {lat}]"
            if max(_decimals(lon), _decimals(lat)) > COORD_DECIMALS:
                too_precise += 1
        if bad_shape:
            yield _fe(
                ref,
                f"{bad_shape} position(s) are not [longitude, latitude] number pairs, e.g. {first_bad}",
                "write each position as [lon, lat]",
            )
        if out_of_range:
            yield _fe(
                ref,
                f"{out_of_range} position(s) out of range (longitude ±180, latitude ±90), "
                f"e.g. {first_bad}",
                "check the numbers; GeoJSON puts longitude first",
            )
        if swapped:
            yield _fe(
                ref,
                f"{swapped} position(s) look like latitude and longitude swapped, e.g. {first_bad}",
                "GeoJSON puts longitude first: write [lon, lat]",
            )
        if outside:
            west, south, east, north = REGION_BOUNDS
            yield _fe(
                ref,
                f"{outside} position(s) far outside the mapped region "
                f"(lon {west}..{east}, lat {south}..{north}), e.g. {first_bad}",
                "check the coordinates against the waypoint's reference",
            )
        if too_precise:
            yield _fe(
                ref,
                f"{too_precise} position(s) have more than {COORD_DECIMALS} decimals",
                "round to 6 decimals (`python -m corridors fmt` does it)",
            )


@check
def geometry(ctx: Context) -> Iterator[Problem]:
    """The geometry fits the kind, is not empty, and is valid (with the reason when it is not)."""
    for ref in ctx.features:
        built = ctx.geometries.get(id(ref))
        if isinstance(built, str):
            yield _fe(ref, built, "write a Point or LineString geometry with [lon, lat] positions")
            continue
        if built is None:
            continue
        kind = KINDS.get(ref.props.get("kind", ""))
        if kind and built.geom_type not in kind.geometry:
            yield _fe(
                ref,
                f"a {kind.name} must be a {' or '.join(kind.geometry)}, not a {built.geom_type}",
                "draw routes as lines and ports as points",
            )
        if built.is_empty:
            yield _fe(ref, "the geometry is empty", "add coordinates")
            continue
        lines = getattr(built, "geoms", [built])
        for part in lines:
            if part.geom_type == "LineString" and len(set(part.coords)) < 2:
                yield _fe(
                    ref,
                    "a line has fewer than two distinct points",
                    "a route needs at least two different positions",
                )
                break
        else:
            if not built.is_valid:
                yield _fe(ref, f"invalid geometry: {explain_validity(built)}", "redraw that part")
            elif built.geom_type == "LineString" and not built.is_simple:
                crossing = _self_crossing(built)
                yield _fe(
                    ref,
                    f"the line crosses itself{crossing}",
                    "reorder the waypoints so the route does not double back over itself",
                )


def _self_crossing(line: BaseGeometry) -> str:
    segments = list(zip(line.coords[:-1], line.coords[1:], strict=True))
    for i, a in enumerate(segments):
        for b in segments[i + 2 :]:
            seg_a = shapely.LineString(a)
            seg_b = shapely.LineString(b)
            if seg_a.intersects(seg_b):
                p = seg_a.intersection(seg_b).representative_point()
                return f" near [{p.x:.4f}, {p.y:.4f}]"
    return ""


@check
def waypoints_on_feature(ctx: Context) -> Iterator[Problem]:
    """Each feature lists its waypoints; each is a known waypoint and lies on the drawn line."""
    for ref in ctx.features:
        names = ref.props.get("waypoints")
        if "waypoints" not in ref.props:
            continue
        if not isinstance(names, list) or not names:
            yield _fe(
                ref,
                "waypoints must be a non-empty list of waypoint ids",
                "list the ids (geodata/waypoints.csv) the route was drawn through",
            )
            continue
        geom = ctx.geometry(ref)
        for name in names:
            row = ctx.waypoints.get(name)
            if row is None:
                yield _fe(
                    ref,
                    f"waypoint {name!r} is not in waypoints.csv",
                    "add it to geodata/waypoints.csv with its coordinate source",
                )
                continue
            point = _waypoint_point(row)
            if point is None or geom is None or geom.is_empty:
                continue
            km = measure.distance_to_geometry_km(point, geom)
            if km > WAYPOINT_TOLERANCE_KM:
                yield _fe(
                    ref,
                    f"waypoint {name!r} lies {km:.1f} km from the drawn geometry "
                    f"(tolerance {WAYPOINT_TOLERANCE_KM} km)",
                    "redraw the line through the waypoint, or fix its coordinates",
                )


#: A vertex of a line drawn through waypoints is at its waypoint within this distance.
VERTEX_AT_WAYPOINT_KM = 0.5


@check
def drawn_through_waypoints(ctx: Context) -> Iterator[Problem]:
    """A line drawn through stations (or schematically) has no vertex that is not a waypoint."""
    for ref in ctx.features:
        method = ref.props.get("method")
        names = ref.props.get("waypoints")
        geom = ctx.geometry(ref)
        if method not in ("stations", "schematic", "located") or geom is None or geom.is_empty:
            continue
        if not isinstance(names, list):
            continue
        points = [p for n in names if (p := _point_of(ctx, n)) is not None]
        if not points:
            continue
        known = shapely.MultiPoint(points)
        parts = getattr(geom, "geoms", [geom])
        for part in parts:
            for x, y in part.coords:
                km = measure.distance_to_geometry_km(Point(x, y), known)
                if km > VERTEX_AT_WAYPOINT_KM:
                    yield _fe(
                        ref,
                        f"vertex [{x}, {y}] is {km:.1f} km from every listed waypoint, but the "
                        f"method {method!r} draws only through waypoints",
                        "list the waypoint it stands for, or set method 'traced' and cite the "
                        "reference line",
                    )
                    break


def _point_of(ctx: Context, name: object) -> Point | None:
    row = ctx.waypoints.get(name) if isinstance(name, str) else None
    return None if row is None else _waypoint_point(row)


def _waypoint_point(row: Row) -> Point | None:
    try:
        lon, lat = float(row["lon"]), float(row["lat"])
    except ValueError:
        return None
    return Point(lon, lat) if math.isfinite(lon) and math.isfinite(lat) else None


@check
def sea_legs_over_water(ctx: Context) -> Iterator[Problem]:
    """A sea crossing is drawn over water: apart from its two port ends, it stays off land."""
    if ctx.land is None:
        return
    for ref in ctx.features:
        geom = ctx.geometry(ref)
        if ref.props.get("mode") != "sea" or geom is None or geom.is_empty:
            continue
        ends = shapely.union_all([Point(c).buffer(0.2) for c in _end_points(geom)])
        on_land = geom.intersection(ctx.land).difference(ends)
        km = measure.length_km(on_land) or 0.0
        if km > 1.0:
            p = on_land.representative_point()
            yield _fe(
                ref,
                f"the sea leg crosses {km:.0f} km of land, e.g. near [{p.x:.3f}, {p.y:.3f}]",
                "add a shape waypoint offshore so the line goes round the land",
            )


def _end_points(geom: BaseGeometry) -> list[tuple[float, float]]:
    parts = getattr(geom, "geoms", [geom])
    return [c for part in parts for c in (part.coords[0], part.coords[-1])]


@check
def status_matches_claims(ctx: Context) -> Iterator[Problem]:
    """A feature's status is the one its status claims state, or 'unstated' where none does."""
    for ref in ctx.features:
        status = ref.props.get("status")
        if status not in STATUSES:
            continue
        claimed = {row["value"] for row in ctx.claims_for(ref) if row["field"] == "status"}
        if not claimed and status != "unstated":
            yield _fe(
                ref,
                f"status {status!r} is not stated by any claim",
                "add a status claim with its quote, or set status 'unstated'",
            )
        elif claimed and status not in claimed:
            yield _fe(
                ref,
                f"status {status!r} differs from the claimed {sorted(claimed)}",
                "set the feature's status to the claimed one",
            )


@check
def every_feature_cited(ctx: Context) -> Iterator[Problem]:
    for ref in ctx.features:
        if "corridor" in ref.props and not ctx.claims_for(ref):
            yield _fe(
                ref,
                "no claim cites this feature",
                "add at least one claim for its corridor to geodata/claims.csv",
            )


@check
def claimed_length_vs_measured(ctx: Context) -> Iterator[Problem]:
    """A claimed length far from the measured one needs a note saying why."""
    measured: dict[str, float] = defaultdict(float)
    for ref in ctx.features:
        geom = ctx.geometry(ref)
        km = measure.length_km(geom) if geom is not None and geom.is_valid else None
        if km:
            measured[ref.props.get("corridor", "")] += km
    for row in ctx.rows(ctx.raw.claims):
        if row["field"] != "length" or row["note"].strip():
            continue
        try:
            claimed = float(row["value"])
        except ValueError:
            continue
        km = measured.get(row["corridor"])
        if km and abs(km - claimed) > LENGTH_TOLERANCE * claimed:
            yield warning(
                ctx.raw.claims.rel,  # type: ignore[union-attr]
                row["id"],
                f"claimed length {claimed:g} km, measured {km:.0f} km",
                "keep the quote and add a note on the discrepancy",
                row.line,
            )


# --- claims ----------------------------------------------------------------------------------


def _columns(table: Table | None, expected: tuple[str, ...]) -> Iterator[Problem]:
    if table is None or not table.present or not table.columns:
        return
    if tuple(table.columns) != expected:
        missing = [c for c in expected if c not in table.columns]
        unknown = [c for c in table.columns if c not in expected]
        detail = "; ".join(
            part
            for part in (
                f"missing {missing}" if missing else "",
                f"unknown {unknown}" if unknown else "",
                "order differs" if not missing and not unknown else "",
            )
            if part
        )
        yield error(table.rel, "", f"header is not {list(expected)}: {detail}", "fix the header", 1)


@check
def table_headers(ctx: Context) -> Iterator[Problem]:
    raw = ctx.raw
    yield from _columns(raw.claims, CLAIM_COLUMNS)
    yield from _columns(raw.sources, SOURCE_COLUMNS)
    yield from _columns(raw.corridors, CORRIDOR_COLUMNS)
    yield from _columns(raw.waypoints, WAYPOINT_COLUMNS)
    yield from _columns(raw.references, REFERENCE_COLUMNS)


def _unique(table: Table | None, key: str, what: str) -> Iterator[Problem]:
    if table is None:
        return
    counts = Counter(row[key] for row in table.rows)
    for row in table.rows:
        if not row[key].strip():
            yield error(table.rel, "", f"{what} with no {key}", f"fill in the {key}", row.line)
        elif counts[row[key]] > 1:
            yield error(
                table.rel, row[key], f"duplicate {key}", f"give each {what} its own {key}", row.line
            )


@check
def unique_table_ids(ctx: Context) -> Iterator[Problem]:
    yield from _unique(ctx.raw.claims, "id", "claim")
    yield from _unique(ctx.raw.corridors, "id", "corridor")
    yield from _unique(ctx.raw.waypoints, "id", "waypoint")
    yield from _unique(ctx.raw.sources, "file", "source")
    yield from _unique(ctx.raw.references, "id", "reference")


@check
def claim_references(ctx: Context) -> Iterator[Problem]:
    """Each claim names a known corridor (and feature), and a source that is in the corpus."""
    table = ctx.raw.claims
    for row in ctx.rows(table):
        if row["corridor"] not in ctx.corridor_ids:
            yield error(
                table.rel,  # type: ignore[union-attr]
                row["id"],
                f"unknown corridor {row['corridor']!r}",
                f"use one of {', '.join(sorted(ctx.corridor_ids))}",
                row.line,
            )
        if row["feature"]:
            ref = ctx.feature_ids.get(row["feature"])
            if ref is None or ref.props.get("corridor") != row["corridor"]:
                yield error(
                    table.rel,  # type: ignore[union-attr]
                    row["id"],
                    f"feature {row['feature']!r} is not a feature of corridor {row['corridor']!r}",
                    "leave 'feature' empty for the whole corridor, or name one of its features",
                    row.line,
                )
        source = row["source"]
        if source not in ctx.source_rows and source not in ctx.reference_rows:
            yield error(
                table.rel,  # type: ignore[union-attr]
                row["id"],
                f"unknown source {source!r}",
                "cite a file listed in seeds/sources.csv, or a reference in geodata/references.csv",
                row.line,
            )


@check
def claim_values(ctx: Context) -> Iterator[Problem]:
    """Field known, unit allowed for it, value in the form its field requires."""
    table = ctx.raw.claims
    for row in ctx.rows(table):
        field = FIELDS.get(row["field"])
        if field is None:
            yield error(
                table.rel,  # type: ignore[union-attr]
                row["id"],
                f"unknown field {row['field']!r}",
                f"use one of {', '.join(FIELDS)}",
                row.line,
            )
            continue
        if row["unit"] not in field.units:
            allowed = ", ".join(repr(u) for u in field.units)
            yield error(
                table.rel,  # type: ignore[union-attr]
                row["id"],
                f"unit {row['unit']!r} is not allowed for {field.name}",
                f"use one of {allowed}",
                row.line,
            )
        problem = field.check(row["value"])
        if problem:
            yield error(
                table.rel,  # type: ignore[union-attr]
                row["id"],
                f"{field.name} value does not parse: {problem}",
                field.description,
                row.line,
            )


@check
def duplicate_claims(ctx: Context) -> Iterator[Problem]:
    table = ctx.raw.claims
    seen: dict[tuple[str, ...], str] = {}
    for row in ctx.rows(table):
        key = (
            row["corridor"],
            row["feature"],
            row["field"],
            row["value"],
            row["source"],
            textmatch.normalise_text(row["quote"]),
        )
        if key in seen:
            yield error(
                table.rel,  # type: ignore[union-attr]
                row["id"],
                f"duplicate of claim {seen[key]!r}",
                "delete one of the two rows",
                row.line,
            )
        else:
            seen[key] = row["id"]


@check
def quotes_verbatim(ctx: Context) -> Iterator[Problem]:
    """Every quote stands word for word in its source (whitespace and quote marks aside)."""
    table = ctx.raw.claims
    for row in ctx.rows(table):
        quote = row["quote"]
        text = ctx.seed_texts.get(row["source"])
        if not quote.strip():
            yield error(
                table.rel,  # type: ignore[union-attr]
                row["id"],
                "empty quote",
                "copy the passage that states the value, word for word",
                row.line,
            )
            continue
        if text is None:
            continue  # the missing source is reported by claim_references / sources_present
        if textmatch.find_quote(quote, text) is None:
            near = textmatch.closest_passage(quote, text)
            detail = ""
            if near:
                diffs = "; ".join(near.differences[:4]) or "differs"
                detail = f"; closest passage ({near.ratio:.0%} alike): {near.passage!r}: {diffs}"
            yield error(
                table.rel,  # type: ignore[union-attr]
                row["id"],
                f"quote not found verbatim in {row['source']}{detail}",
                "copy the passage exactly as the source has it",
                row.line,
            )


check(lambda ctx: anchors.check_anchors(ctx.raw))  # quotes anchored once: corridors/anchors.py


# --- sources ---------------------------------------------------------------------------------


@check
def sources_present(ctx: Context) -> Iterator[Problem]:
    """Each listed source exists with the content hash it had when its claims were made."""
    table = ctx.raw.sources
    by_hash = {hashlib.sha256(data).hexdigest(): name for name, data in ctx.raw.seeds.items()}
    for row in ctx.rows(table):
        name = row["file"]
        data = ctx.raw.seeds.get(name)
        if data is None:
            renamed = by_hash.get(row["sha256"])
            hint = (
                f"it looks renamed to {renamed!r}: rename it back or update sources.csv and claims"
                if renamed
                else "restore the article to seeds/ (a copy from ../shared/seeds/)"
            )
            yield error(table.rel, name, "source file is missing from seeds/", hint, row.line)  # type: ignore[union-attr]
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest != row["sha256"]:
            yield error(
                table.rel,  # type: ignore[union-attr]
                name,
                f"source changed since its claims were made (sha256 {digest[:12]}…, "
                f"recorded {row['sha256'][:12]}…)",
                "restore the original article, or re-check every claim citing it and update sha256",
                row.line,
            )
    for name in ctx.raw.seeds:
        if name not in ctx.source_rows:
            yield error(
                ctx.raw.datadir.rel(ctx.raw.datadir.seeds / name),
                name,
                "article is not listed in seeds/sources.csv",
                "add a row with its headline, outlet, date (where stated) and sha256",
            )


@check
def sources_cited(ctx: Context) -> Iterator[Problem]:
    cited = {row["source"] for row in ctx.rows(ctx.raw.claims)}
    for row in ctx.rows(ctx.raw.sources):
        if row["file"] not in cited:
            yield warning(
                ctx.raw.sources.rel,  # type: ignore[union-attr]
                row["file"],
                "no claim cites this source",
                "fine if the article states nothing about the mapped systems; say so in its note",
                row.line,
            )


# --- corridors and waypoints -----------------------------------------------------------------


@check
def corridors_have_features(ctx: Context) -> Iterator[Problem]:
    """A mapped corridor is drawn; one only mentioned ('mapped' no) is not, and is cited."""
    drawn = {ref.props.get("corridor") for ref in ctx.features}
    table = ctx.raw.corridors
    for row in ctx.rows(table):
        ident = row["id"]
        if ident and not _ID.match(ident):
            yield error(
                table.rel,  # type: ignore[union-attr]
                ident,
                f"id {ident!r} is not lowercase letters, digits and '-'",
                "rename it (and the claims and features that name it)",
                row.line,
            )
        if row["mapped"] not in MAPPED_VALUES:
            yield error(
                table.rel,  # type: ignore[union-attr]
                ident,
                f"mapped {row['mapped']!r} is not one of {', '.join(MAPPED_VALUES)}",
                "'yes' for a corridor drawn in geodata/features/, 'no' for one only mentioned",
                row.line,
            )
        elif row["mapped"] == "yes" and ident and ident not in drawn:
            yield error(
                table.rel,  # type: ignore[union-attr]
                ident,
                "corridor has no feature",
                "draw it in geodata/features/, set mapped to 'no', or remove the row",
                row.line,
            )
        elif row["mapped"] == "no" and ident in drawn:
            yield error(
                table.rel,  # type: ignore[union-attr]
                ident,
                "corridor is drawn but marked mapped 'no'",
                "set mapped to 'yes'",
                row.line,
            )
        elif row["mapped"] == "no" and ident and not ctx.claims_by_corridor.get(ident):
            yield error(
                table.rel,  # type: ignore[union-attr]
                ident,
                "a corridor that is only mentioned needs the claim that mentions it",
                "add a claim quoting the article, or remove the row",
                row.line,
            )


@check
def reference_rows(ctx: Context) -> Iterator[Problem]:
    """Each reference has a title, a web address and a licence; each is used."""
    table = ctx.raw.references
    used = {
        name
        for ref in ctx.features
        for name in (ref.props.get("references") or [])
        if isinstance(name, str)
    }
    used |= {row["source"] for row in ctx.rows(ctx.raw.claims)}
    for row in ctx.rows(table):
        ident = row["id"]
        if ident and not _ID.match(ident):
            yield error(
                table.rel,  # type: ignore[union-attr]
                ident,
                f"id {ident!r} is not lowercase letters, digits and '-'",
                "rename it",
                row.line,
            )
        if not row["title"].strip():
            yield error(table.rel, ident, "reference has no title", "write its title", row.line)  # type: ignore[union-attr]
        if not row["url"].startswith(("https://", "http://")):
            yield error(
                table.rel,  # type: ignore[union-attr]
                ident,
                "reference has no web address",
                "record the https:// address a reader can check",
                row.line,
            )
        if not row["licence"].strip():
            yield error(
                table.rel,  # type: ignore[union-attr]
                ident,
                "reference has no licence",
                "write its licence (or 'facts cited' for a page quoted for one fact)",
                row.line,
            )
        if ident and ident not in used:
            yield warning(
                table.rel,  # type: ignore[union-attr]
                ident,
                "reference is used by no feature or claim",
                "remove it or cite it",
                row.line,
            )


@check
def waypoint_rows(ctx: Context) -> Iterator[Problem]:
    """Waypoints have coordinates in range and, for named places, a public reference."""
    table = ctx.raw.waypoints
    used = {
        n for ref in ctx.features for n in (ref.props.get("waypoints") or []) if isinstance(n, str)
    }
    for row in ctx.rows(table):
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except ValueError:
            yield error(
                table.rel, row["id"], "lat/lon is not a number", "write decimal degrees", row.line
            )  # type: ignore[union-attr]
        else:
            if not _in_region(lon, lat):
                hint = "lat and lon look swapped" if _in_region(lat, lon) else "check the reference"
                yield error(
                    table.rel, row["id"], f"({lat}, {lon}) is outside the region", hint, row.line
                )  # type: ignore[union-attr]
        if row["kind"] not in WAYPOINT_KINDS:
            yield error(
                table.rel,
                row["id"],
                f"unknown kind {row['kind']!r}",
                f"use one of {WAYPOINT_KINDS}",
                row.line,
            )  # type: ignore[union-attr]
        if row["kind"] == "place" and not row["source_url"].startswith(("https://", "http://")):
            yield error(
                table.rel,  # type: ignore[union-attr]
                row["id"],
                "a named place needs the web address of the reference its coordinates come from",
                "look the place up in a public reference and record the address",
                row.line,
            )
        if row["kind"] == "shape" and not row["note"].strip():
            yield error(
                table.rel,  # type: ignore[union-attr]
                row["id"],
                "a shape point needs a note saying why it is there",
                "e.g. 'keeps the sea crossing east of the Absheron Peninsula'",
                row.line,
            )
        if row["id"] and row["id"] not in used:
            yield warning(
                table.rel,
                row["id"],
                "waypoint is used by no feature",
                "remove it or use it",
                row.line,
            )  # type: ignore[union-attr]


def validate(raw: RawData, boundaries: gpd.GeoDataFrame | None = None) -> list[Problem]:
    """Run every check over the raw data; all problems at once, errors first."""
    ctx = Context(raw, boundaries)
    problems = [problem for fn in CHECKS for problem in fn(ctx)]
    return sorted(problems, key=lambda p: (p.level != "error", p.file, p.line or 0, p.id))
