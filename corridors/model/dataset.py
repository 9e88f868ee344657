"""Loading the curated data into GeoDataFrames, keeping only what passed validation.

Four steps, each a named call with a typed value between them: ``rawdata.read`` (RawData; never
raises), ``geo.parse.parse`` (Parsed: geometry built and measured, once), ``validate`` (every
problem at once, reading RawData and Parsed), ``build`` (the Dataset of what passed, from the same
Parsed). A broken file or row does not take the rest down:
its problems are returned beside the data, and every valid feature and claim is still loaded, so
the dashboard can draw what is sound and list what is not. ``build`` also keeps the Dataset whole
on its own: no claim without its corridor and source, no feature without its corridor, so nothing
downstream meets a dangling id.

``load(datadir, cache=True)`` keeps the built Dataset in the compiled data cache
(``corridors.model.datacache``), keyed by the content of every data file and the code version.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd

from ..problems import Problem
from ..schema import (
    CLAIM_COLUMNS,
    CORRIDOR_COLUMNS,
    FEATURE_PROPERTIES,
    REFERENCE_COLUMNS,
    SOURCE_COLUMNS,
    WAYPOINT_COLUMNS,
    claim_features,
)
from ..store import rawdata
from ..store.datadir import DataDir, fingerprint, resolve
from . import datacache

if TYPE_CHECKING:
    from ..geo.parse import Parsed

CRS = "EPSG:4326"


@dataclass
class Dataset:
    features: gpd.GeoDataFrame
    claims: pd.DataFrame
    sources: pd.DataFrame
    corridors: pd.DataFrame
    waypoints: pd.DataFrame
    references: pd.DataFrame
    texts: dict[str, str]
    boundaries: gpd.GeoDataFrame
    problems: list[Problem] = field(default_factory=list)
    #: The content hash of the data files it was built from (``datadir.fingerprint``).
    fingerprint: str = ""
    #: Per feature id, the planar length (degrees) of each stretch of it that a border cuts, by
    #: the country's row in ``boundaries`` (``measure.Stretches``; none for a feature wholly
    #: inside): measured once with the countries, read by the place labels.
    stretches: dict[str, dict[int, float]] = field(default_factory=dict)
    _claims_index: dict[str, pd.DataFrame] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_claims_index"] = None  # rebuilt on first use; not worth caching on disk
        return state

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    def claims_for(self, feature_id: str) -> pd.DataFrame:
        """The claims that apply to one feature: its corridor's, and any made of it alone."""
        claims = self._by_corridor().get(self.features.at[feature_id, "corridor"])
        if claims is None:
            return self.claims.iloc[0:0]
        return claims[claims["feature"].isin(claim_features(feature_id))]

    def _by_corridor(self) -> dict[str, pd.DataFrame]:
        """Claims grouped by corridor, computed on first use (the dataset is read-only after load)."""
        if self._claims_index is None:
            self._claims_index = dict(tuple(self.claims.groupby("corridor", sort=False)))
        return self._claims_index

    def unmapped(self) -> list[str]:
        """Corridors the articles mention that have no geometry to draw (listed with quotes).

        One column comparison: a look-up per corridor was most of the view options' time at
        10,000 corridors."""
        return list(self.corridors.index[self.corridors["mapped"] == "no"])

    def parts(self, corridor: str) -> list[str]:
        """The corridors that are parts of this one (corridors.csv ``part_of``), in file order."""
        return list(self.corridors.index[self.corridors["part_of"] == corridor])

    def corridor_name(self, corridor: str) -> str:
        if corridor in self.corridors.index:
            return str(self.corridors.loc[corridor, "name"])
        return corridor


def _table(table: rawdata.Table, columns: tuple[str, ...], key: str, bad: set) -> pd.DataFrame:
    """The rows of a table that passed (no error on their line), indexed by their key."""
    rows = [
        {c: row[c] for c in columns} | {"line": row.line}
        for row in (table.rows if table.usable else [])
        if (table.rel, row.line) not in bad
    ]
    frame = pd.DataFrame(rows, columns=[*columns, "line"])
    return frame.drop_duplicates(key).set_index(key, drop=False)


def load_boundaries(datadir: DataDir) -> gpd.GeoDataFrame:
    """The data folder's countries, read safely; empty when there are none or they are broken."""
    from ..geo import boundaries as boundaries_module

    return boundaries_module.usable(rawdata.read_boundaries(datadir, []))


def build(raw: rawdata.RawData, parsed: Parsed, problems: list[Problem]) -> Dataset:
    """The Dataset of everything that passed: no row or feature with an error is in it.

    A feature is left out when its file or its id has an error; a table row when its line has
    one. Then the Dataset is made whole: a feature needs its corridor, a claim its corridor, its
    source (an article listed in sources.csv, or a reference) and, if it names one, its feature.
    """
    from ..geo import boundaries as boundaries_module

    errors = [p for p in problems if p.level == "error"]
    bad_files = {p.file for p in errors if not p.id}
    bad_ids = {(p.file, p.id) for p in errors if p.id}
    bad_lines = {(p.file, p.line) for p in errors if p.line is not None}

    corridors = _table(raw.corridors, CORRIDOR_COLUMNS, "id", bad_lines)
    references = _table(raw.references, REFERENCE_COLUMNS, "id", bad_lines)
    sources = _table(raw.sources, SOURCE_COLUMNS, "file", bad_lines)
    sources = sources[sources["file"].isin(list(raw.texts))]
    waypoints = _table(raw.waypoints, WAYPOINT_COLUMNS, "id", bad_lines)
    known_corridors = set(corridors.index)

    records = []
    keep = []
    for ref in parsed.features:
        geom = parsed.geometry(ref)
        if (
            geom is None
            or ref.file.rel in bad_files
            or (ref.file.rel, ref.id) in bad_ids
            or ref.props.get("corridor") not in known_corridors
        ):
            continue
        record = {k: ref.props.get(k) for k in FEATURE_PROPERTIES}
        record["file"] = ref.file.rel
        record["geometry"] = geom
        records.append(record)
        keep.append(ref.seq)
    features = gpd.GeoDataFrame(
        records, columns=[*FEATURE_PROPERTIES, "file", "geometry"], geometry="geometry", crs=CRS
    )
    features = features.set_index("id", drop=False)
    lengths = parsed.lengths_km[keep] if keep else np.zeros(0)
    features["measured_length_km"] = [None if np.isnan(km) else round(km, 1) for km in lengths]
    countries = parsed.countries if keep else []
    features["countries"] = [list(countries[seq]) for seq in keep]
    stretches = {  # by id, which validation made unique (else the labels measure themselves)
        ident: parsed.stretches[seq]
        for ident, seq in zip(features.index, keep, strict=True)
        if parsed.stretches[seq] and features.index.is_unique
    }

    claims = _table(raw.claims, CLAIM_COLUMNS, "id", bad_lines)
    cited = set(sources.index) | set(references.index)
    by_feature = dict(zip(features.index, features["corridor"], strict=True))
    of_feature = pd.Series(
        [
            f == "" or by_feature.get(f) == c
            for f, c in zip(claims["feature"], claims["corridor"], strict=True)
        ],
        index=claims.index,
        dtype=bool,
    )
    whole = claims["corridor"].isin(known_corridors) & claims["source"].isin(cited) & of_feature
    claims = claims[whole]

    return Dataset(
        features=features,
        claims=claims,
        sources=sources,
        corridors=corridors,
        waypoints=waypoints,
        references=references,
        texts=dict(raw.texts),
        boundaries=parsed.boundaries
        if parsed.boundaries is not None
        else boundaries_module.empty(),
        problems=problems,
        stretches=stretches,
    )


@contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """Parsing creates millions of small objects and frees none: the cyclic collector would rescan
    them all again and again (more than half the read time at 10,000 corridors). Pause it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def validate(raw: rawdata.RawData, parsed: Parsed | None = None) -> list[Problem]:
    """Every problem of the data (``corridors.validate``), imported here when a build needs it:
    a start that finds its Dataset in the cache never validates, and the checks' modules (with
    the geometry readers they bring) were a quarter of the dashboard's first-run imports."""
    from ..validate import validate as check_all

    return check_all(raw, parsed=parsed)


def _load(datadir: DataDir, concurrent: bool = False) -> Dataset:
    from ..geo.parse import parse  # only a build parses (see validate)

    with _no_gc_pauses():
        raw = rawdata.read(datadir)
        # measured with the data folder's own boundaries, when sound (parsed once, for the
        # boundaries check and for the Dataset); concurrent: measured in a forked process while
        # the checks that do not read the measures run here
        parsed = parse(raw, concurrent=concurrent)
        return build(raw, parsed, validate(raw, parsed=parsed))


def load(datadir: DataDir | None = None, cache: bool = False, concurrent: bool = False) -> Dataset:
    """Read, validate and load everything; what has errors is left out and listed in ``problems``.

    With ``cache``, a Dataset built before from the same data files and the same code is taken
    from the compiled data cache instead (and a new one is put there); tests use the uncached path.
    ``concurrent``: measure the routes in a forked process meanwhile (``geo.parse.parse``), only
    in a single-threaded process (``model/childbuild``); the Dataset is the same either way.
    """
    datadir = datadir or resolve()
    before = fingerprint(datadir)
    cache_key = datacache.key(before) if cache else ""
    if cache:
        cached = datacache.get(cache_key)
        if isinstance(cached, Dataset):
            return cached
    ds = _load(datadir, concurrent=concurrent)
    ds.fingerprint = before
    if cache and fingerprint(datadir) == before:  # a file changed while read: do not keep it
        datacache.put(cache_key, ds)
    return ds
