"""Loading the curated data into GeoDataFrames, keeping only what passed validation.

A broken file or row does not take the rest down: its problems are returned beside the data, and
every valid feature and claim is still loaded, so the dashboard can draw what is sound and list what
is not.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd
from shapely.geometry import shape

from . import measure, rawdata
from .datadir import DataDir, resolve
from .problems import Problem
from .schema import CLAIM_COLUMNS, FEATURE_PROPERTIES
from .validate import validate

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
    _claims_index: dict[str, pd.DataFrame] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    def claims_for(self, feature_id: str) -> pd.DataFrame:
        """The claims that apply to one feature: its corridor's, and any made of it alone."""
        claims = self._by_corridor().get(self.features.at[feature_id, "corridor"])
        if claims is None:
            return self.claims.iloc[0:0]
        return claims[claims["feature"].isin(["", feature_id])]

    def _by_corridor(self) -> dict[str, pd.DataFrame]:
        """Claims grouped by corridor, computed on first use (the dataset is read-only after load)."""
        if self._claims_index is None:
            self._claims_index = dict(tuple(self.claims.groupby("corridor", sort=False)))
        return self._claims_index

    def unmapped(self) -> list[str]:
        """Corridors the articles mention that have no geometry to draw (listed with quotes)."""
        return [c for c in self.corridors.index if self.corridors.loc[c, "mapped"] == "no"]

    def corridor_name(self, corridor: str) -> str:
        if corridor in self.corridors.index:
            return str(self.corridors.loc[corridor, "name"])
        return corridor


def _table(table: rawdata.Table | None, columns: tuple[str, ...], key: str) -> pd.DataFrame:
    rows = [
        {c: row[c] for c in columns} | {"line": row.line} for row in (table.rows if table else [])
    ]
    frame = pd.DataFrame(rows, columns=[*columns, "line"])
    return frame.drop_duplicates(key).set_index(key, drop=False)


def load_boundaries(datadir: DataDir) -> gpd.GeoDataFrame:
    if datadir.boundaries.exists():
        return gpd.read_file(datadir.boundaries).to_crs(CRS)
    return gpd.GeoDataFrame({"name": []}, geometry=[], crs=CRS)


def load(datadir: DataDir | None = None) -> Dataset:
    """Read, validate and load everything; what has errors is left out and listed in ``problems``."""
    datadir = datadir or resolve()
    raw = rawdata.read(datadir)
    boundaries = load_boundaries(datadir)
    problems = validate(raw, boundaries)
    bad_files = {p.file for p in problems if p.level == "error" and not p.id}
    bad_ids = {(p.file, p.id) for p in problems if p.level == "error" and p.id}

    records = []
    for geofile in raw.geofiles:
        if geofile.data is None or geofile.rel in bad_files:
            continue
        features = geofile.data.get("features")
        for i, feat in enumerate(features if isinstance(features, list) else []):
            if not isinstance(feat, dict):
                continue  # reported by validation ("item is not a GeoJSON Feature")
            props = feat.get("properties")
            props = props if isinstance(props, dict) else {}
            ident = props.get("id") if isinstance(props.get("id"), str) else f"#{i}"
            if (geofile.rel, ident) in bad_ids:
                continue
            record = {k: props.get(k) for k in FEATURE_PROPERTIES}
            record["file"] = geofile.rel
            record["geometry"] = shape(feat["geometry"])
            records.append(record)
    features = gpd.GeoDataFrame(
        records, columns=[*FEATURE_PROPERTIES, "file", "geometry"], geometry="geometry", crs=CRS
    )
    features = features.set_index("id", drop=False)
    features["measured_length_km"] = [
        None if km is None else round(km, 1) for km in map(measure.length_km, features.geometry)
    ]
    features["countries"] = [
        [c.country for c in measure.countries_crossed(geom, boundaries)] if len(boundaries) else []
        for geom in features.geometry
    ]

    claims_rel = raw.claims.rel if raw.claims else ""
    bad_claims = {ident for (file, ident) in bad_ids if file == claims_rel}
    claims = _table(raw.claims, CLAIM_COLUMNS, "id")
    claims = claims[~claims["id"].isin(bad_claims)]

    from .schema import CORRIDOR_COLUMNS, REFERENCE_COLUMNS, SOURCE_COLUMNS, WAYPOINT_COLUMNS

    return Dataset(
        features=features,
        claims=claims,
        sources=_table(raw.sources, SOURCE_COLUMNS, "file"),
        corridors=_table(raw.corridors, CORRIDOR_COLUMNS, "id"),
        waypoints=_table(raw.waypoints, WAYPOINT_COLUMNS, "id"),
        references=_table(raw.references, REFERENCE_COLUMNS, "id"),
        texts={name: data.decode("utf-8", "replace") for name, data in raw.seeds.items()},
        boundaries=boundaries,
        problems=problems,
    )
