"""The quotes panel as plain data: what the reader is told about one corridor, before any HTML.

``corridor_panel`` gathers the summary, the readings of each field (``readings``: claims of like
and like, the schema's ``readings_key``), where the sources disagree (``disagreements``), the
claims by field with each quote in its sentence, how each leg was drawn and the sources. Tested
without a browser; ``corridors.view.panel`` renders it as escaped HTML.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from ..model.dataset import Dataset
from ..model.sources import Source, source, sources_by_file
from ..quotes import textmatch
from ..schema import (
    FIELDS,
    KINDS,
    METHODS,
    field_label,
    format_claim,
    format_value,
    readings_key,
    single,
    status_label,
    value_key,
)

SNIPPET_CHARS = 110


def snippet(quote: str, limit: int = SNIPPET_CHARS) -> str:
    """A short form of a quote for popups: whole words, an ellipsis where it was cut."""
    text = textmatch.normalise_text(quote)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + " …"


@dataclass(frozen=True)
class QuoteInContext:
    before: str
    quote: str
    after: str
    found: bool


@dataclass(frozen=True)
class ClaimView:
    id: str
    field: str
    value: str
    quote: str
    context: QuoteInContext | LazyContext
    source: Source
    note: str
    feature: str
    raw: str = ""  # the value as stored, for comparing readings
    unit: str = ""
    qualifier: str = ""
    period: str = ""  # the date or period the value refers to, as stored ('2025-01/2025-06')
    scope: str = ""  # the part or party it is about, as stored ('Kazakhstan', 'Dostyk–Aktau')
    corridor: str = ""

    def row(self, feature: str | None = None) -> dict[str, str]:
        """The claim as the schema's rules read it (``readings_key``, ``value_key``); ``feature``
        puts the leg the panel groups it under in place of the stored feature."""
        return {
            "corridor": self.corridor,
            "feature": self.feature if feature is None else feature,
            "field": self.field,
            "value": self.raw,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "period": self.period,
            "scope": self.scope,
        }


@dataclass(frozen=True)
class WaypointView:
    id: str
    name: str
    lat: str
    lon: str
    kind: str
    source_url: str
    note: str


@dataclass(frozen=True)
class ReferenceView:
    id: str
    title: str
    publisher: str
    url: str
    licence: str
    attribution: str


@dataclass(frozen=True)
class FeatureView:
    id: str
    name: str
    kind: str
    mode: str
    status: str
    measured_km: float | None
    countries: list[str]
    drawing: str
    waypoints: list[WaypointView]
    method: str = ""
    accuracy_km: float | None = None
    references: list[ReferenceView] = field(default_factory=list)


def reference(ds: Dataset, reference_id: str) -> ReferenceView:
    """A reference as the panel names it; an unknown id is shown as it is."""
    if reference_id not in ds.references.index:
        return ReferenceView(reference_id, reference_id, "", "", "", "")
    row = ds.references.loc[reference_id]
    return ReferenceView(
        reference_id,
        row["title"],
        row["publisher"],
        row["url"],
        row["licence"],
        row["attribution"],
    )


#: The summary's rows: one per field, then the other figures stated (traffic, targets, ...), then
#: the dates (schema.DATE_FIELDS) as one row.
SUMMARY_FIELDS = ("status", "length", "cost", "capacity")


@dataclass(frozen=True)
class Reading:
    """One value the sources give for a field, with every claim that gives it."""

    field: str
    value: str  # as a reader writes it ("US$8 billion", "by 2030", "520 km (Kazakhstan)")
    scope: str  # "" for the whole system, else the name of the drawn leg the claims are about
    claims: tuple[ClaimView, ...]
    #: What the reading is about (schema.readings_key): readings with the same ``like`` speak of
    #: the same figure (same leg, field, scope and period), so they may disagree.
    like: tuple[str, ...] = ()

    @property
    def sources(self) -> list[Source]:
        """The distinct sources behind this reading, in the order the claims cite them."""
        seen: dict[str, Source] = {}
        for claim in self.claims:
            seen.setdefault(claim.source.file, claim.source)
        return list(seen.values())


@dataclass(frozen=True)
class Disagreement:
    """Two or more different values for one field of one thing, each with its claims."""

    field: str
    label: str
    scope: str
    readings: tuple[Reading, ...]
    like: tuple[str, ...] = ()  # the readings' common ``like``


@dataclass
class CorridorPanel:
    id: str
    name: str
    summary: str
    features: list[FeatureView]
    groups: list[tuple[str, list[ClaimView]]]
    measured_km: float | None
    measured_countries: list[str]
    claimed_lengths: list[str]
    claimed_countries: list[str]
    sources: list[Source] = field(default_factory=list)
    mapped: bool = True  # False: only mentioned in the articles, no geometry to draw
    kinds: list[str] = field(default_factory=list)  # layer labels of the drawn features
    readings: dict[str, list[Reading]] = field(default_factory=dict)  # field -> readings
    disagreements: list[Disagreement] = field(default_factory=list)
    drawn_statuses: list[str] = field(default_factory=list)  # how the map draws it
    source_filter: list[Source] = field(default_factory=list)  # the quotes are limited to these
    hidden_claims: int = 0  # claims left out by the source filter
    #: The system this one is a part of (corridors.csv part_of), as (id, name); None for a whole.
    part_of: tuple[str, str] | None = None
    #: Its parts (Line D of the pipeline), as (id, name, mapped): figures of their own, listed.
    parts: list[tuple[str, str, bool]] = field(default_factory=list)


class LazyContext:
    """A quote's sentence, found the first time it is read: a system with thousands of claims
    shows a page of them, and only the quotes shown are looked for in their articles."""

    def __init__(self, ds: Dataset, file: str, quote: str) -> None:
        self._ds, self._file, self._quote = ds, file, quote

    @functools.cached_property
    def found_in(self) -> QuoteInContext:
        return quote_in_context(self._ds, self._file, self._quote)

    before = property(lambda self: self.found_in.before)
    quote = property(lambda self: self.found_in.quote)
    after = property(lambda self: self.found_in.after)
    found = property(lambda self: self.found_in.found)


def quote_in_context(ds: Dataset, file: str, quote: str) -> QuoteInContext:
    if file not in ds.texts:  # a reference: its page is not kept here, so the quote stands alone
        return QuoteInContext("", textmatch.normalise_text(quote), "", file in ds.references.index)
    text = ds.texts.get(file, "")
    match = textmatch.find_quote(quote, text)
    if match is None:
        return QuoteInContext("", quote, "", False)
    before, quoted, after = textmatch.sentence_around(text, match)
    return QuoteInContext(
        textmatch.normalise_text(before) + (" " if before[-1:].isspace() else ""),
        textmatch.normalise_text(quoted),
        (" " if after[:1].isspace() else "") + textmatch.normalise_text(after),
        True,
    )


def _km(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def readings(
    claims: Sequence[ClaimView], scope_of: dict[str, str] | None = None
) -> dict[str, list[Reading]]:
    """Claims grouped into readings: per field, one per distinct value of like and like.

    ``scope_of`` maps a claim's feature id to the leg it speaks for ("" or a leg's name); a claim
    about the whole system has scope "". Like and like is the schema's ``readings_key`` (same leg,
    field, stated scope and period): a section's length, a part's figure or last year's traffic
    is a reading of its own. Two claims of a value are one reading with two sources; the qualifier
    ("by", "over") is shown only when every claim of the reading states the same one.
    """
    scope_of = scope_of or {}
    grouped: dict[tuple, list[ClaimView]] = {}
    for claim in claims:
        leg = scope_of.get(claim.feature, "") if claim.feature else ""
        row = claim.row(feature=leg)
        grouped.setdefault((leg, readings_key(row), value_key(row)), []).append(claim)
    out: dict[str, list[Reading]] = {}
    for (leg, like, _), members in grouped.items():
        qualifiers = {c.qualifier for c in members}
        qualifier = qualifiers.pop() if len(qualifiers) == 1 else ""
        first = members[0]
        value = format_value(
            first.field, first.raw, first.unit, qualifier, first.period, first.scope
        )
        out.setdefault(first.field, []).append(
            Reading(first.field, value, leg, tuple(members), like)
        )
    return out


def _in_field_order(names: Iterable[str]) -> list[str]:
    """Field names in the schema's order (its display order); names it lacks after, as found."""
    present = list(dict.fromkeys(names))
    return [f for f in FIELDS if f in present] + [f for f in present if f not in FIELDS]


def disagreements(by_field: dict[str, list[Reading]]) -> list[Disagreement]:
    """Figures of one thing that the sources give different values for, in the schema's order:
    readings of like and like (``Reading.like``) of a field that holds one value at a time."""
    found = []
    for field_name in _in_field_order(by_field):
        if not single(field_name):
            continue
        likes: dict[tuple[str, ...], list[Reading]] = {}
        for reading in by_field[field_name]:
            likes.setdefault(reading.like, []).append(reading)
        for like, group in likes.items():
            if len(group) > 1:
                label = field_label(field_name)
                found.append(Disagreement(field_name, label, group[0].scope, tuple(group), like))
    return found


def claim_view(
    ds: Dataset, row: Mapping[str, str], sources: dict[str, Source] | None = None
) -> ClaimView:
    """One claim as the reader sees it: its value formatted, its quote in its sentence (found when
    first shown). ``sources`` memoises the look-up of each source across a panel's claims."""
    file = row["source"]
    if sources is None:
        cited = source(ds, file)
    elif (cited := sources.get(file)) is None:
        cited = sources[file] = source(ds, file)
    return ClaimView(
        id=row["id"],
        field=row["field"],
        value=format_claim(row),
        quote=row["quote"],
        context=LazyContext(ds, file, row["quote"]),
        source=cited,
        note=row["note"],
        feature=row["feature"],
        raw=row["value"],
        unit=row["unit"],
        qualifier=row["qualifier"],
        period=row["period"],
        scope=row["scope"],
        corridor=row["corridor"],
    )


def corridor_panel(
    ds: Dataset, corridor_id: str, sources: Iterable[str] | None = None
) -> CorridorPanel:
    """Everything known about one corridor: summary, disagreements, claims by field, drawing.

    With ``sources``, only the claims those sources make are shown (the source filter filters the
    quotes too), and the panel records how many it left out.
    """
    features = ds.features[ds.features["corridor"] == corridor_id]
    all_claims = ds.claims[ds.claims["corridor"] == corridor_id]
    claims = all_claims
    chosen = list(dict.fromkeys(sources or ()))
    if chosen:
        claims = all_claims[all_claims["source"].isin(chosen)]
    summary, mapped, part_of = _corridor_row(ds, corridor_id)
    parts = [
        (p, ds.corridor_name(p), ds.corridors.loc[p, "mapped"] != "no")
        for p in ds.parts(corridor_id)
    ]
    feature_views = [_feature_view(ds, fid, row) for fid, row in features.iterrows()]

    views: list[ClaimView] = []
    by_field: dict[str, list[ClaimView]] = {}
    cited = sources_by_file(ds, claims["source"])
    for row in _records(claims):
        view = claim_view(ds, row, cited)
        views.append(view)
        by_field.setdefault(row["field"], []).append(view)
    groups = [(field_label(f), by_field[f]) for f in _in_field_order(by_field)]

    # A claim about one leg speaks for that leg only when the system has several.
    names = {f.id: f.name for f in feature_views}
    scope_of = {fid: (name if len(feature_views) > 1 else "") for fid, name in names.items()}
    by_reading = readings(views, scope_of)

    lengths = [f.measured_km for f in feature_views if f.measured_km]
    files = list(dict.fromkeys(claims["source"]))
    return CorridorPanel(
        id=corridor_id,
        name=ds.corridor_name(corridor_id),
        summary=summary,
        features=feature_views,
        groups=groups,
        measured_km=round(sum(lengths), 1) if lengths else None,
        measured_countries=_measured_countries(feature_views),
        claimed_lengths=[v.value for v in by_field.get("length", [])],
        claimed_countries=_claimed_countries(claims),
        sources=[cited.get(f) or source(ds, f) for f in files],
        mapped=mapped,
        kinds=list(
            dict.fromkeys(KINDS[f.kind].label if f.kind in KINDS else f.kind for f in feature_views)
        ),
        readings=by_reading,
        disagreements=disagreements(by_reading),
        drawn_statuses=list(dict.fromkeys(f.status for f in feature_views)),
        source_filter=[source(ds, f) for f in chosen],
        hidden_claims=len(all_claims) - len(claims),
        part_of=part_of,
        parts=parts,
    )


def _records(frame: pd.DataFrame) -> list[dict]:
    """The rows as dicts, as ``to_dict("records")`` gives them, seven times faster: a column at a
    time (``tolist``) rather than a cell at a time (a system has thousands of claims)."""
    columns = list(frame.columns)
    cells = zip(*(frame[c].tolist() for c in columns), strict=True)
    return [dict(zip(columns, values, strict=True)) for values in cells]


def _corridor_row(ds: Dataset, corridor_id: str) -> tuple[str, bool, tuple[str, str] | None]:
    """The corridor's summary, whether it is drawn, and the whole it is part of: a corridor that
    only features name (no row of its own) gets no summary and counts as drawn."""
    if corridor_id not in ds.corridors.index:
        return "", True, None
    summary = str(ds.corridors.loc[corridor_id, "summary"])
    mapped = ds.corridors.loc[corridor_id, "mapped"] != "no"
    parent = str(ds.corridors.loc[corridor_id, "part_of"])
    part_of = (parent, ds.corridor_name(parent)) if parent else None
    return summary, mapped, part_of


def _feature_view(ds: Dataset, fid: str, row) -> FeatureView:
    """One drawn leg as the panel describes it: labels from the schema (the raw value when the
    schema does not know it, so nothing is hidden), its waypoints and references resolved."""
    return FeatureView(
        id=fid,
        name=row["name"],
        kind=KINDS[row["kind"]].name if row["kind"] in KINDS else row["kind"],
        mode=row["mode"],
        status=status_label(row["status"]),
        measured_km=_km(row["measured_length_km"]),
        countries=list(row["countries"]),
        drawing=row["drawing"],
        waypoints=[_waypoint(ds, w) for w in row["waypoints"]],
        method=METHODS[row["method"]].label if row["method"] in METHODS else row["method"],
        accuracy_km=_km(row["accuracy_km"]),
        references=[reference(ds, r) for r in row["references"]],
    )


def _measured_countries(feature_views: list[FeatureView]) -> list[str]:
    """The countries the drawn legs cross, each once, in the order the legs meet them."""
    measured: list[str] = []
    for view in feature_views:
        measured += [c for c in view.countries if c not in measured]
    return measured


def _claimed_countries(claims: pd.DataFrame) -> list[str]:
    """The countries the sources say the corridor crosses, each once, in the order claimed, to
    set beside the measured ones."""
    claimed: list[str] = []
    for _, row in claims[claims["field"] == "countries"].iterrows():
        claimed += [c.strip() for c in row["value"].split(";") if c.strip() not in claimed]
    return claimed


def _waypoint(ds: Dataset, waypoint_id: str) -> WaypointView:
    if waypoint_id not in ds.waypoints.index:
        return WaypointView(waypoint_id, waypoint_id, "", "", "", "", "not in waypoints.csv")
    row = ds.waypoints.loc[waypoint_id]
    return WaypointView(
        waypoint_id,
        row["name"],
        row["lat"],
        row["lon"],
        row["kind"],
        row["source_url"],
        row["note"],
    )
