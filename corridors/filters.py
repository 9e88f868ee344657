"""Which features a view shows: the layer toggles and the status, country and source filters."""

from __future__ import annotations

from .dataset import Dataset
from .viewstate import Options, ViewState


def options(ds: Dataset) -> Options:
    """The choices the data offers, in a stable order (schema order for kinds and statuses)."""
    from .schema import KINDS, STATUSES

    features = ds.features
    kinds, statuses, drawn = (
        set(features["kind"]),
        set(features["status"]),
        set(features["corridor"]),
    )
    countries = sorted({c for cs in features["countries"] for c in cs})
    return Options(
        layers=tuple(k for k in KINDS if k in kinds),
        statuses=tuple(s for s in STATUSES if s in statuses),
        countries=tuple(countries),
        sources=tuple(ds.sources.index),
        corridors=tuple(c for c in ds.corridors.index if c in drawn),
    )


def visible(ds: Dataset, state: ViewState, kind: str | None = None) -> list[str]:
    """Ids of the features the view shows (optionally of one kind), in data order."""
    features = ds.features
    mask = features["kind"].isin(state.layers) & features["status"].isin(state.statuses)
    if kind is not None:
        mask &= features["kind"] == kind
    if state.countries:
        wanted = set(state.countries)
        mask &= features["countries"].map(lambda cs: bool(wanted.intersection(cs)))
    if state.sources:
        cited = set(ds.claims.loc[ds.claims["source"].isin(state.sources), "corridor"])
        mask &= features["corridor"].isin(cited)
    return list(features.index[mask])


def counts(ds: Dataset, state: ViewState) -> dict[str, tuple[int, int]]:
    """Per kind: (features shown under the current filters if the layer is on, features in all)."""
    everything = ViewState(
        layers=list(ds.features["kind"].unique()),
        statuses=state.statuses,
        countries=state.countries,
        sources=state.sources,
    )
    result = {}
    for kind in options(ds).layers:
        result[kind] = (
            len(visible(ds, everything, kind)),
            int((ds.features["kind"] == kind).sum()),
        )
    return result
