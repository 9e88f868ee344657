"""What every check shares: the registry of checks and the Context they read the raw data through.

The Context derives, once, what several checks need (each feature's coordinates as a numpy array,
its shapely geometry, the lengths and countries measured on the ellipsoid, the tables indexed by
id), so the rules stay small and the whole pass stays linear in the size of the data. The Dataset
builder reuses the same Context, so nothing is measured twice.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from ..geo import boundaries as boundaries_module
from ..geo import measure
from ..problems import Problem, error
from ..store.rawdata import GeoFile, RawData, Row, Table

#: Ids of features, corridors, claims, waypoints and references. \Z, not $: no trailing newline.
ID = re.compile(r"^[a-z0-9][a-z0-9-]*\Z")

Check = Callable[["Context"], Iterable[Problem]]

#: Every check, in the order registered; ``validate`` runs them all and stamps each problem with
#: the check's name (tests hold one labelled failing case per name).
CHECKS: list[Check] = []


def check(fn: Check) -> Check:
    CHECKS.append(fn)
    return fn


@dataclass
class FeatureRef:
    """One feature as it stands in its file (``seq``: its place among all features)."""

    file: GeoFile
    index: int
    raw: dict
    seq: int

    @property
    def props(self) -> dict:
        props = self.raw.get("properties")
        return props if isinstance(props, dict) else {}

    @property
    def id(self) -> str:
        value = self.props.get("id")
        return value if isinstance(value, str) else f"#{self.index}"


def listed(value: object) -> list:
    """A property that should be a list, as a list (anything else counts as none)."""
    return value if isinstance(value, list) else []


def feature_error(ref: FeatureRef, message: str, hint: str) -> Problem:
    return error(ref.file.rel, ref.id, message, hint)


_NUMBER_TYPES = {int, float}


def positions_array(geom: dict) -> np.ndarray | None:
    """A well-formed LineString's, Point's or MultiLineString's positions as one (n, 2) array.

    None for anything else (a malformed position, a bool, a third coordinate, another type): the
    slow per-position walk then says what is wrong. The type tests run over C iterators, so the
    fast path costs about what numpy's conversion does.
    """
    kind, coords = geom.get("type"), geom.get("coordinates")
    if kind == "Point":
        parts = [[coords]]
    elif kind == "LineString":
        parts = [coords]
    elif kind == "MultiLineString" and type(coords) is list:
        parts = coords
    else:
        return None
    if not all(type(p) is list for p in parts):
        return None
    positions = list(itertools.chain.from_iterable(parts))
    if not positions:
        return np.zeros((0, 2))
    if set(map(type, positions)) != {list} or set(map(len, positions)) != {2}:
        return None
    if not set(map(type, itertools.chain.from_iterable(positions))) <= _NUMBER_TYPES:
        return None
    try:
        return np.array(positions, dtype=float)
    except (OverflowError, ValueError):
        return None


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


def _build(geom: object, positions: np.ndarray | None) -> BaseGeometry | str:
    """A feature's shapely geometry, or the reason it cannot be built."""
    if not isinstance(geom, dict):
        return "the feature has no geometry object"
    if _one_point_line(geom):
        return "a line has fewer than two points"
    if positions is not None and np.isfinite(positions).all():
        try:
            kind = geom["type"]
            if kind == "Point":
                return shapely.points(positions[0])
            if kind == "LineString":
                return shapely.linestrings(positions) if len(positions) else shapely.LineString()
            parts = [shapely.linestrings(np.array(p, dtype=float)) for p in geom["coordinates"]]
            return shapely.multilinestrings(parts)
        except (ValueError, IndexError, shapely.errors.ShapelyError):
            pass  # the general path below says why
    try:
        return shape(geom)
    except (ValueError, TypeError, AttributeError, IndexError, KeyError, OverflowError) as exc:
        return f"the geometry cannot be built: {str(exc).strip()}"
    except shapely.errors.ShapelyError as exc:
        return f"the geometry cannot be built: {str(exc).strip()}"


class Context:
    """The raw data plus what several checks derive from it, computed once."""

    def __init__(self, raw: RawData, boundaries: gpd.GeoDataFrame | None = None) -> None:
        self.raw = raw
        self._boundaries = boundaries

    @classmethod
    def of(cls, raw: RawData, boundaries: gpd.GeoDataFrame | None = None) -> Context:
        """The Context of this raw data and boundaries, shared by ``validate`` and ``build``."""
        cached = raw.context
        if isinstance(cached, Context) and cached._boundaries is boundaries:
            return cached
        ctx = cls(raw, boundaries)
        raw.context = ctx
        return ctx

    # --- features and their geometry ---------------------------------------------------------

    @cached_property
    def collections(self) -> list[tuple[GeoFile, list]]:
        """Files that are FeatureCollections, with their features list."""
        found = []
        for f in self.raw.geofiles:
            if f.data is None or f.data.get("type") != "FeatureCollection":
                continue
            features = f.data.get("features")
            if isinstance(features, list):
                found.append((f, features))
        return found

    @cached_property
    def all_features_read(self) -> bool:
        """Every feature file was read as a FeatureCollection: only then does a corridor, waypoint
        or reference that no feature names really lack one (else the file's problem says it)."""
        return len(self.collections) == len(self.raw.geofiles)

    @cached_property
    def features(self) -> list[FeatureRef]:
        refs: list[FeatureRef] = []
        for f, items in self.collections:
            for i, feat in enumerate(items):
                if isinstance(feat, dict):
                    refs.append(FeatureRef(f, i, feat, len(refs)))
        return refs

    @cached_property
    def positions(self) -> list[np.ndarray | None]:
        """Each feature's positions as an (n, 2) array, or None when they are not well formed."""
        return [
            positions_array(g) if isinstance(g := ref.raw.get("geometry"), dict) else None
            for ref in self.features
        ]

    @cached_property
    def built(self) -> list[BaseGeometry | str]:
        """Each feature's shapely geometry, or the reason it could not be built."""
        return [_build(ref.raw.get("geometry"), self.positions[ref.seq]) for ref in self.features]

    def geometry(self, ref: FeatureRef) -> BaseGeometry | None:
        geom = self.built[ref.seq]
        return geom if isinstance(geom, BaseGeometry) else None

    @cached_property
    def geometry_array(self) -> np.ndarray:
        """Every feature's geometry in one array (None where it could not be built)."""
        return np.array([self.geometry(ref) for ref in self.features] or [], dtype=object)

    @cached_property
    def valid(self) -> np.ndarray:
        """Per feature: is its geometry valid in the OGC sense (False where there is none)."""
        geoms = self.geometry_array
        if not len(geoms):
            return np.zeros(0, dtype=bool)
        present = ~shapely.is_missing(geoms)
        result = np.zeros(len(geoms), dtype=bool)
        result[present] = shapely.is_valid(geoms[present])
        return result

    @cached_property
    def lengths_km(self) -> np.ndarray:
        """Geodesic length of each feature in km (NaN for points and unbuilt geometry)."""
        return measure.lengths_km(self.geometry_array)

    @cached_property
    def feature_ids(self) -> dict[str, FeatureRef]:
        return {ref.id: ref for ref in self.features}

    # --- tables ------------------------------------------------------------------------------

    @staticmethod
    def usable(table: Table) -> bool:
        """A table that was read with the right header; look-ups into any other say nothing."""
        return table.present and table.usable

    @cached_property
    def corridor_ids(self) -> set[str]:
        return {row["id"] for row in self.raw.corridors.rows}

    @cached_property
    def waypoints(self) -> dict[str, Row]:
        return {row["id"]: row for row in self.raw.waypoints.rows}

    @cached_property
    def source_rows(self) -> dict[str, Row]:
        return {row["file"]: row for row in self.raw.sources.rows}

    @cached_property
    def reference_rows(self) -> dict[str, Row]:
        return {row["id"]: row for row in self.raw.references.rows}

    @property
    def seed_texts(self) -> dict[str, str]:
        return self.raw.texts

    @cached_property
    def claims_by_corridor(self) -> dict[str, list[Row]]:
        """Claims indexed once, so per-feature look-ups stay linear in the data's size."""
        index: dict[str, list[Row]] = defaultdict(list)
        for row in self.raw.claims.rows:
            index[row["corridor"]].append(row)
        return index

    @cached_property
    def claims_by_feature(self) -> dict[tuple[str, str], list[Row]]:
        """Claims by (corridor, feature), feature '' for the whole corridor: a feature's claims
        are two look-ups, not a pass over its corridor's thousands."""
        index: dict[tuple[str, str], list[Row]] = defaultdict(list)
        for row in self.raw.claims.rows:
            index[(row["corridor"], row["feature"])].append(row)
        return index

    def claims_for(self, ref: FeatureRef) -> list[Row]:
        """The claims of a feature's corridor as a whole, then those of the feature itself."""
        corridor = ref.props.get("corridor")
        if not isinstance(corridor, str):
            return []
        whole = self.claims_by_feature.get((corridor, ""), [])
        return [*whole, *self.claims_by_feature.get((corridor, ref.id), [])]

    # --- boundaries --------------------------------------------------------------------------

    @cached_property
    def boundary_frame(self) -> tuple[gpd.GeoDataFrame, list[Problem]]:
        """The boundaries as read from the data folder, with what is wrong with them."""
        return boundaries_module.frame(self.raw.boundaries)

    @cached_property
    def boundaries(self) -> gpd.GeoDataFrame | None:
        """The boundaries to measure with: the caller's, else the data folder's if sound."""
        if self._boundaries is not None:
            return self._boundaries if len(self._boundaries) else None
        frame, _ = self.boundary_frame  # all or nothing: no country when the file has an error
        return frame if len(frame) else None

    @cached_property
    def land(self) -> BaseGeometry | None:
        return None if self.boundaries is None else shapely.union_all(self.boundaries.geometry)

    @cached_property
    def countries(self) -> list[list[str]]:
        """The countries each feature crosses, in route order (empty without boundaries)."""
        if self.boundaries is None:
            return [[] for _ in self.features]
        crossings = measure.countries_crossed_many(
            self.geometry_array, measure.Countries.of(self.boundaries), lengths=self.lengths_km
        )
        return [[c.country for c in found] for found in crossings]


def bad_id(table: Table, row: Row, hint: str) -> Problem | None:
    """The problem with a row's id if it is not a plain id (lowercase letters, digits and '-'), so
    that no markup or separator travels through an id into a page or a link."""
    ident = row["id"]
    if ident.strip() and not ID.match(ident):
        return error(
            table.rel,
            ident,
            f"id {ident!r} is not lowercase letters, digits and '-'",
            hint,
            row.line,
        )
    return None
