"""The first step after reading: features parsed into geometry and measured, once.

``parse(raw)`` is a pure function of the raw data (and, optionally, the boundaries to measure
with). Its result, ``Parsed``, holds each feature as it stands in its file, its positions as a
numpy array, its shapely geometry (or why it could not be built), whether that geometry is valid,
its geodesic length and the countries it crosses. The checks read it (``validate``) and the
Dataset is built from it (``model.dataset.build``): read -> parse -> validate -> build, each a
named call with a typed value between them, so nothing is parsed or measured twice and nothing
travels in an untyped slot.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from .. import forked
from ..problems import Problem
from ..store.rawdata import GeoFile, RawData
from . import boundaries as boundaries_module
from . import measure


@dataclass(frozen=True)
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
    numbers = list(itertools.chain.from_iterable(positions))
    if not set(map(type, numbers)) <= _NUMBER_TYPES:
        return None
    try:  # from the flat list: the shape is known, numpy need not discover it (half the time)
        return np.fromiter(numbers, dtype=float, count=len(numbers)).reshape(-1, 2)
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


@dataclass(frozen=True, eq=False)
class Measures:
    """What ``parse`` measures on the ellipsoid, per feature (by ``FeatureRef.seq``): the slow
    part, and the part only the length check and the Dataset read (``measure_all``)."""

    #: Geodesic length of each feature in km (NaN for points and unbuilt geometry).
    lengths_km: np.ndarray
    #: The countries each feature crosses, in route order (empty without boundaries).
    countries: list[list[str]]
    #: Each feature's stretches cut at a border, in degrees (``measure.Stretches``).
    stretches: measure.Stretches


def measure_all(geometry_array: np.ndarray, boundaries: gpd.GeoDataFrame | None) -> Measures:
    """Every feature's length, and the countries it crosses with the stretches cut at a border
    (none without boundaries)."""
    lengths = measure.lengths_km(geometry_array)
    if boundaries is None:
        return Measures(lengths, [[] for _ in geometry_array], [{} for _ in geometry_array])
    crossings, stretches = measure.crossings_and_stretches(
        geometry_array, measure.Countries.of(boundaries), lengths=lengths
    )
    return Measures(lengths, [[c.country for c in found] for found in crossings], stretches)


#: Routes a piece when the measures are shared with a forked process (``_shared_measures``):
#: small enough that the side done first waits little for the other, large enough that each
#: piece's bulk calls stay bulk.
SHARED_PIECE = 200


def _shared_measures(
    geometry_array: np.ndarray, boundaries: gpd.GeoDataFrame | None
) -> Callable[[], Measures]:
    """``measure_all``, in pieces shared by a forked process and this one (``forked.share``):
    the fork measures from the first route while this process runs the checks that do not read
    the measures, then measures from the last route until the two meet. Every route's measures
    depend on that route alone, so the pieces joined are ``measure_all`` of the whole, bit for bit.
    """
    n = len(geometry_array)
    edges = [*range(0, n, SHARED_PIECE), n]

    def piece(i: int) -> Measures:
        return measure_all(geometry_array[edges[i] : edges[i + 1]], boundaries)

    pieces = forked.share(piece, len(edges) - 1)

    def joined() -> Measures:
        done = pieces()
        if not done:
            return measure_all(geometry_array, boundaries)
        # one string object per country name, as ``measure_all`` of the whole gives (the pieces
        # sent by the fork hold their own copies): the Dataset pickles to the same bytes
        names: dict[str, str] = {}
        return Measures(
            np.concatenate([m.lengths_km for m in done]),
            [[names.setdefault(c, c) for c in found] for m in done for found in m.countries],
            [s for m in done for s in m.stretches],
        )

    return joined


@dataclass(frozen=True, eq=False)
class Parsed:
    """The raw data's features parsed and measured (``parse``); one entry per feature, by
    ``FeatureRef.seq``, in every list and array."""

    #: Files that are FeatureCollections, with their features list.
    collections: list[tuple[GeoFile, list]]
    #: Every feature file was read as a FeatureCollection: only then does a corridor, waypoint or
    #: reference that no feature names really lack one (else the file's problem says it).
    all_features_read: bool
    features: list[FeatureRef]
    #: Each feature's positions as an (n, 2) array, or None when they are not well formed.
    positions: list[np.ndarray | None]
    #: Each feature's shapely geometry, or the reason it could not be built.
    built: list[BaseGeometry | str]
    #: Every feature's geometry in one array (None where it could not be built).
    geometry_array: np.ndarray
    #: Per feature: is its geometry valid in the OGC sense (False where there is none).
    valid: np.ndarray
    #: The boundaries as read from the data folder, and what is wrong with them.
    boundary_frame: tuple[gpd.GeoDataFrame, list[Problem]]
    #: The boundaries measured with (the caller's, else the data folder's if sound), or None.
    boundaries: gpd.GeoDataFrame | None
    #: The features measured (``Measures``), or what gives them when first read (a measure
    #: running in another process meanwhile: ``parse(concurrent=True)``).
    measures: Measures | Callable[[], Measures]
    feature_ids: dict[str, FeatureRef] = field(default_factory=dict)

    @cached_property
    def measured(self) -> Measures:
        measures = self.measures
        return measures if isinstance(measures, Measures) else measures()

    @property
    def lengths_km(self) -> np.ndarray:
        """Geodesic length of each feature in km (NaN for points and unbuilt geometry)."""
        return self.measured.lengths_km

    @property
    def countries(self) -> list[list[str]]:
        """The countries each feature crosses, in route order (empty without boundaries)."""
        return self.measured.countries

    @property
    def stretches(self) -> measure.Stretches:
        """Each feature's stretches cut at a border, in degrees (``measure.Stretches``)."""
        return self.measured.stretches

    def geometry(self, ref: FeatureRef) -> BaseGeometry | None:
        geom = self.built[ref.seq]
        return geom if isinstance(geom, BaseGeometry) else None

    @cached_property
    def land(self) -> BaseGeometry | None:
        """All the boundaries as one shape (only the sea-leg check needs it: made on first use)."""
        return None if self.boundaries is None else shapely.union_all(self.boundaries.geometry)


def _collections(raw: RawData) -> list[tuple[GeoFile, list]]:
    found = []
    for f in raw.geofiles:
        if f.data is None or f.data.get("type") != "FeatureCollection":
            continue
        features = f.data.get("features")
        if isinstance(features, list):
            found.append((f, features))
    return found


def _valid(geoms: np.ndarray) -> np.ndarray:
    if not len(geoms):
        return np.zeros(0, dtype=bool)
    present = ~shapely.is_missing(geoms)
    result = np.zeros(len(geoms), dtype=bool)
    result[present] = shapely.is_valid(geoms[present])
    return result


def _measured_with(
    given: gpd.GeoDataFrame | None, read: gpd.GeoDataFrame
) -> gpd.GeoDataFrame | None:
    """The caller's boundaries, else the data folder's (all or nothing: none when the file has an
    error, which ``boundaries.frame`` ensures by returning no country)."""
    if given is not None:
        return given if len(given) else None
    return read if len(read) else None


def parse(
    raw: RawData, boundaries: gpd.GeoDataFrame | None = None, concurrent: bool = False
) -> Parsed:
    """The raw data's features parsed and measured; ``boundaries`` are the countries to measure
    with (without them, the data folder's own boundaries file when it is sound).

    ``concurrent``: measure in a forked process (``forked``; only in a single-threaded process),
    so that the caller can run the checks that do not read the measures meanwhile; the measures
    are the same either way."""
    collections = _collections(raw)
    features: list[FeatureRef] = []
    for f, items in collections:
        for i, feat in enumerate(items):
            if isinstance(feat, dict):
                features.append(FeatureRef(f, i, feat, len(features)))
    positions = [
        positions_array(g) if isinstance(g := ref.raw.get("geometry"), dict) else None
        for ref in features
    ]
    built = [_build(ref.raw.get("geometry"), positions[ref.seq]) for ref in features]
    geometry_array = np.array(
        [g if isinstance(g, BaseGeometry) else None for g in built] or [], dtype=object
    )
    boundary_frame = boundaries_module.frame(raw.boundaries)
    measured_with = _measured_with(boundaries, boundary_frame[0])
    if concurrent:
        measures: Measures | Callable[[], Measures] = _shared_measures(
            geometry_array, measured_with
        )
    else:
        measures = measure_all(geometry_array, measured_with)
    return Parsed(
        collections=collections,
        all_features_read=len(collections) == len(raw.geofiles),
        features=features,
        positions=positions,
        built=built,
        geometry_array=geometry_array,
        valid=_valid(geometry_array),
        boundary_frame=boundary_frame,
        boundaries=measured_with,
        measures=measures,
        feature_ids={ref.id: ref for ref in features},
    )
