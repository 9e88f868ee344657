"""Which features a view shows: the layer toggles and the status, country and source filters.

Each filter means what it says. Within a filter the values combine with OR, filters combine with
AND; an empty layer or status selection shows nothing, an empty country or source selection is no
filter. The source filter is offered only with articles that cite a mapped system (an article that
cites none would give an empty map): those are listed apart, with the reason.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Sequence

import pandas as pd

from ..model.dataset import Dataset
from ..schema import KINDS
from .viewstate import Options, ViewState


def options(ds: Dataset) -> Options:
    """The choices the data offers, in a stable order (schema order for kinds and statuses)."""
    from ..schema import KINDS, STATUSES

    features = ds.features
    # columns as lists first: iterating a pandas string column yields one value per call
    kinds, statuses, drawn = (
        set(features["kind"].tolist()),
        set(features["status"].tolist()),
        set(features["corridor"].tolist()),
    )
    countries = sorted({c for cs in features["countries"].tolist() for c in cs})
    about_drawn = ds.claims["corridor"].isin(drawn)
    cited = set(ds.claims.loc[about_drawn, "source"].tolist())
    # As of another day a feature is drawn with the status its claims gave it then, or "unstated"
    # before any said one: every such status is offered, not only today's.
    claimed = ds.claims.loc[about_drawn & (ds.claims["field"] == "status")]
    if len(features):
        statuses |= set(claimed["value"].tolist()) | {"unstated"}
    return Options(
        layers=tuple(k for k in KINDS if k in kinds),
        statuses=tuple(s for s in STATUSES if s in statuses),
        countries=tuple(countries),
        sources=tuple(f for f in ds.sources.index if f in cited),
        corridors=tuple(c for c in ds.corridors.index if c in drawn),
        mentioned=tuple(c for c in ds.unmapped() if c not in drawn),
        uncited=tuple(f for f in ds.sources.index if f not in cited),
    )


def _shown(ds: Dataset, state: ViewState) -> pd.Series:
    """Which features the view shows, as a mask over ``ds.features`` (every filter applied)."""
    features = ds.features
    mask = features["kind"].isin(state.layers) & features["status"].isin(state.statuses)
    if state.countries:
        wanted = set(state.countries)
        mask &= features["countries"].map(lambda cs: bool(wanted.intersection(cs)))
    if state.sources:
        cited = set(ds.claims.loc[ds.claims["source"].isin(state.sources), "corridor"])
        mask &= features["corridor"].isin(cited)
    return mask


def visible(ds: Dataset, state: ViewState, kind: str | None = None) -> list[str]:
    """Ids of the features the view shows (optionally of one kind), in data order."""
    features = ds.features
    mask = _shown(ds, state)
    if kind is not None:
        mask &= features["kind"] == kind
    return list(features.index[mask])


def counts(ds: Dataset, state: ViewState) -> dict[str, tuple[int, int]]:
    """Per kind: (features shown under the current filters if the layer is on, features in all).

    The filters are applied once for every kind (the mask of a view with every layer on), then
    counted per kind: the counts are read on every rerun, at any size of data.
    """
    everything = ViewState(
        layers=list(ds.features["kind"].unique()),
        statuses=state.statuses,
        countries=state.countries,
        sources=state.sources,
    )
    kinds = ds.features["kind"]
    shown = kinds[_shown(ds, everything)].value_counts()
    totals = kinds.value_counts()
    return {kind: (int(shown.get(kind, 0)), int(totals[kind])) for kind in KINDS if kind in totals}


def subset(ds: Dataset, ids: Iterable[str], sources: Iterable[str] = ()) -> Dataset:
    """The dataset cut down to what a view shows, for downloads of "what is shown".

    Keeps the features ``ids`` and the claims that apply to them (their corridor's, and those made
    of one of them); with ``sources``, only the claims those sources make, as the panel shows.
    """
    ids = [i for i in dict.fromkeys(ids) if i in ds.features.index]
    features = ds.features.loc[ids]
    claims = ds.claims
    mask = claims["corridor"].isin(set(features["corridor"])) & (
        claims["feature"].eq("") | claims["feature"].isin(ids)
    )
    chosen = list(sources)
    if chosen:
        mask &= claims["source"].isin(chosen)
    return dataclasses.replace(ds, features=features, claims=claims[mask])


def empty_reason(state: ViewState, options: Options) -> str | None:
    """Why the view shows nothing, in one sentence for the reader; None when it shows something
    or when the reason is only that no feature matches (the caller says that)."""
    if not state.layers:
        return "Every layer is off: the map shows nothing. Turn a layer on in the sidebar."
    if not state.statuses:
        return (
            "No status is selected: the map shows nothing. Choose one or more statuses in the "
            "sidebar (an empty status filter hides everything, it does not mean 'all')."
        )
    return None


#: Said when the filters each allow something but no feature passes them all.
NOTHING_MATCHES = (
    "No drawn feature matches all the filters at once (status, country and article "
    "combine: each must hold). Widen one of them in the sidebar."
)


def panel_warning(state: ViewState, options: Options, shown: Sequence[str]) -> str | None:
    """What the panel column warns when the map shows nothing; None when it shows something."""
    reason = empty_reason(state, options)
    if reason is None and not shown:
        return NOTHING_MATCHES
    return reason


def visible_by_kind(
    ds: Dataset, state: ViewState, shown: Sequence[str], layers: Iterable[str]
) -> dict[str, list[str] | None]:
    """The ids each layer that is on shows (``shown``, from ``visible``), None for all of them:
    the map component's argument, which stays small when a layer is shown whole."""
    visible: dict[str, list[str] | None] = {}
    kinds = ds.features["kind"]
    shown_kinds = kinds.loc[list(shown)]  # feature ids are unique: one row each, in data order
    for kind in layers:
        if kind in state.layers:
            ids = list(shown_kinds.index[shown_kinds == kind])
            total = int((kinds == kind).sum())
            visible[kind] = None if len(ids) == total else ids
    return visible


def ids_key(ids: Sequence[str]) -> str:
    """A digest of a list of feature ids: a cache key that costs one hash, not one per id."""
    return hashlib.sha256("\0".join(ids).encode()).hexdigest()
