"""What the reader sees about one corridor: every claim with its quote in context, and its sources.

``corridor_panel`` gathers the content as plain data (tested without Streamlit); ``render_html``
turns it into HTML in which every string from the data is escaped, so an article or a curator's
note can never inject markup into the page.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import pandas as pd

from . import textmatch
from .dataset import Dataset
from .schema import FIELDS, KINDS, METHODS, MODES, STATUSES, format_value

#: Fields shown first, in this order; the rest follow in schema order.
FIELD_ORDER = (
    "status",
    "cost",
    "length",
    "capacity",
    "lines",
    "start_date",
    "completion_date",
    "proposed_date",
    "route",
    "countries",
    "operator",
    "role",
    "context",
    "corridor",
    "name",
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
class Source:
    file: str
    headline: str
    outlet: str
    date: str
    dateline: str
    syndicated: bool
    note: str
    url: str = ""  # references only: the page a reader can check
    reference: bool = False  # a public reference, not one of the articles in seeds/

    @property
    def label(self) -> str:
        """A short citation: outlet and date where stated, else the file's number."""
        if self.reference:
            return f"reference: {self.outlet or self.headline}"
        parts = [self.outlet or f"article {self.file[:3]}"]
        if self.date:
            parts.append(self.date)
        return ", ".join(parts)


def source(ds: Dataset, file: str) -> Source:
    """An article of the corpus, or a public reference cited for a figure the articles lack."""
    if file in ds.references.index and file not in ds.sources.index:
        ref = ds.references.loc[file]
        return Source(
            file, ref["title"], ref["publisher"], "", "", False, ref["note"], ref["url"], True
        )
    if file not in ds.sources.index:
        return Source(file, "", "", "", "", False, "")
    row = ds.sources.loc[file]
    return Source(
        file=file,
        headline=row["headline"],
        outlet=row["outlet"],
        date=row["date"],
        dateline=row["dateline"],
        syndicated=row["syndicated"] == "yes",
        note=row["note"],
    )


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
    context: QuoteInContext
    source: Source
    note: str
    feature: str


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
    notes: list[tuple[str, str]] = field(default_factory=list)  # (claim id, note)
    sources: list[Source] = field(default_factory=list)


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


def corridor_panel(ds: Dataset, corridor_id: str) -> CorridorPanel:
    """Everything known about one corridor, claims grouped by field in reading order."""
    features = ds.features[ds.features["corridor"] == corridor_id]
    claims = ds.claims[ds.claims["corridor"] == corridor_id]
    summary = ""
    if corridor_id in ds.corridors.index:
        summary = str(ds.corridors.loc[corridor_id, "summary"])

    feature_views = [
        FeatureView(
            id=fid,
            name=row["name"],
            kind=KINDS[row["kind"]].name if row["kind"] in KINDS else row["kind"],
            mode=row["mode"],
            status=STATUSES[row["status"]].label if row["status"] in STATUSES else row["status"],
            measured_km=_km(row["measured_length_km"]),
            countries=list(row["countries"]),
            drawing=row["drawing"],
            waypoints=[_waypoint(ds, w) for w in row["waypoints"]],
            method=METHODS[row["method"]].label if row["method"] in METHODS else row["method"],
            accuracy_km=_km(row["accuracy_km"]),
            references=[reference(ds, r) for r in row["references"]],
        )
        for fid, row in features.iterrows()
    ]

    by_field: dict[str, list[ClaimView]] = {}
    for _, row in claims.iterrows():
        view = ClaimView(
            id=row["id"],
            field=row["field"],
            value=format_value(row["field"], row["value"], row["unit"], row["qualifier"]),
            quote=row["quote"],
            context=quote_in_context(ds, row["source"], row["quote"]),
            source=source(ds, row["source"]),
            note=row["note"],
            feature=row["feature"],
        )
        by_field.setdefault(row["field"], []).append(view)
    order = [f for f in FIELD_ORDER if f in by_field] + [
        f for f in by_field if f not in FIELD_ORDER
    ]
    groups = [(FIELDS[f].label if f in FIELDS else f, by_field[f]) for f in order]

    lengths = [f.measured_km for f in feature_views if f.measured_km]
    measured_countries: list[str] = []
    for view in feature_views:
        measured_countries += [c for c in view.countries if c not in measured_countries]
    claimed_countries: list[str] = []
    for _, row in claims[claims["field"] == "countries"].iterrows():
        claimed_countries += [
            c.strip() for c in row["value"].split(";") if c.strip() not in claimed_countries
        ]
    files = list(dict.fromkeys(claims["source"]))
    return CorridorPanel(
        id=corridor_id,
        name=ds.corridor_name(corridor_id),
        summary=summary,
        features=feature_views,
        groups=groups,
        measured_km=round(sum(lengths), 1) if lengths else None,
        measured_countries=measured_countries,
        claimed_lengths=[v.value for v in by_field.get("length", [])],
        claimed_countries=claimed_countries,
        notes=[(row["id"], row["note"]) for _, row in claims.iterrows() if row["note"]],
        sources=[source(ds, f) for f in files],
    )


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


# --- HTML --------------------------------------------------------------------------------------

e = html.escape

PANEL_CSS = """
<style>
.cp { font-size: 0.95rem; line-height: 1.45; }
.cp h3 { margin: 0.2rem 0 0.3rem; }
.cp h4 { margin: 1rem 0 0.3rem; border-bottom: 1px solid #ddd; }
.cp .muted { color: #555; }
.cp blockquote { margin: 0.3rem 0 0.2rem; padding: 0.3rem 0.7rem; border-left: 3px solid #7570b3;
  background: #f6f6fb; }
.cp blockquote mark { background: #fff2a8; font-weight: 600; }
.cp .claim { margin-bottom: 0.7rem; }
.cp .value { font-weight: 600; }
.cp .note { background: #fff6e5; border-left: 3px solid #e6a100; padding: 0.2rem 0.6rem; }
.cp table { border-collapse: collapse; font-size: 0.85rem; }
.cp td, .cp th { border: 1px solid #ddd; padding: 2px 6px; text-align: left; vertical-align: top; }
.cp .vs td:first-child { font-weight: 600; }
</style>
"""


def _source_html(src: Source) -> str:
    if src.reference:
        publisher = f" — {e(src.outlet)}" if src.outlet else ""
        return (
            f"Reference: {_link(src.url, src.headline)}{publisher} "
            f"<span class='muted'>[not one of the articles; quote as read at the address]</span>"
        )
    headline = e(src.headline) if src.headline else "<i>no headline stated</i>"
    bits = [src.outlet or "outlet not stated", src.date or "date not stated"]
    if src.syndicated:
        bits.append("syndicated")
    return f"{headline} — {e(' · '.join(bits))} <span class='muted'>[{e(src.file)}]</span>"


def _link(url: str, text: str) -> str:
    if not url.startswith(("https://", "http://")):
        return e(text)
    return f"<a href='{e(url)}' rel='noopener noreferrer' target='_blank'>{e(text)}</a>"


def _reference_html(ref: ReferenceView) -> str:
    bits = [b for b in (ref.publisher, ref.licence, ref.attribution) if b]
    return f"{_link(ref.url, ref.title)} <span class='muted'>({e(' · '.join(bits))})</span>"


def render_html(panel: CorridorPanel) -> str:
    """The panel as HTML; every data string goes through html.escape."""
    out = [PANEL_CSS, "<div class='cp' data-testid='corridor-panel'>"]
    out.append(f"<h3>{e(panel.name)}</h3>")
    if panel.summary:
        out.append(f"<p class='muted'>{e(panel.summary)}</p>")

    out.append("<h4>Measured beside claimed</h4><table class='vs'>")
    measured = f"{panel.measured_km:,.0f} km" if panel.measured_km else "— (a point)"
    claimed = "; ".join(panel.claimed_lengths) or "no length stated in the sources"
    out.append(f"<tr><td>Length</td><td>measured on the drawn line: {e(measured)}</td>")
    out.append(f"<td>claimed: {e(claimed)}</td></tr>")
    measured_c = ", ".join(panel.measured_countries) or "none (over water)"
    claimed_c = ", ".join(panel.claimed_countries) or "no countries stated in the sources"
    out.append(f"<tr><td>Countries</td><td>measured: {e(measured_c)}</td>")
    out.append(f"<td>claimed: {e(claimed_c)}</td></tr></table>")

    out.append("<h4>What the sources say</h4>")
    if not panel.groups:
        out.append("<p>The sources state nothing about it.</p>")
    for label, claims in panel.groups:
        out.append(f"<h5>{e(label)}</h5>")
        for claim in claims:
            ctx = claim.context
            quote = (
                f"{e(ctx.before)}<mark>{e(ctx.quote)}</mark>{e(ctx.after)}"
                if ctx.found
                else f"<mark>{e(claim.quote)}</mark> <b>(not found in the source)</b>"
            )
            out.append(
                f"<div class='claim' data-claim='{e(claim.id)}'>"
                f"<span class='value'>{e(claim.value)}</span>"
                f"<blockquote>{quote}</blockquote>"
                f"<div class='muted'>{_source_html(claim.source)}</div>"
            )
            if claim.note:
                out.append(f"<div class='note'>Note: {e(claim.note)}</div>")
            out.append("</div>")

    out.append("<h4>How it was drawn</h4>")
    for feature in panel.features:
        km = f"{feature.measured_km:,.0f} km" if feature.measured_km else "point"
        accuracy = (
            f" the real line may lie up to {feature.accuracy_km:g} km from it"
            if feature.accuracy_km
            else ""
        )
        out.append(
            f"<p><b>{e(feature.name)}</b> — {e(feature.status)}, {e(MODES.get(feature.mode, ''))} "
            f"{e(km)}; crosses {e(', '.join(feature.countries) or 'no country (sea)')}.<br>"
            f"<span data-testid='drawing-method'><b>How it was drawn:</b> {e(feature.method)};"
            f"{e(accuracy)}.</span><br>{e(feature.drawing)}</p>"
        )
        if feature.references:
            items = "".join(f"<li>{_reference_html(r)}</li>" for r in feature.references)
            out.append(f"<p class='muted'>Drawn from:</p><ul>{items}</ul>")
        out.append("<table><tr><th>Waypoint</th><th>lat, lon</th><th>Reference</th></tr>")
        for w in feature.waypoints:
            ref = (
                f"<a href='{e(w.source_url)}' rel='noopener noreferrer' target='_blank'>"
                f"{e(w.source_url[:60])}</a>"
                if w.source_url.startswith(("https://", "http://"))
                else ""
            )
            note = f"<br><span class='muted'>{e(w.note)}</span>" if w.note else ""
            out.append(
                f"<tr><td>{e(w.name)}</td><td>{e(w.lat)}, {e(w.lon)}</td><td>{ref}{note}</td></tr>"
            )
        out.append("</table>")

    out.append("<h4>Sources</h4><ul>")
    for src in panel.sources:
        note = f"<br><span class='muted'>{e(src.note)}</span>" if src.note else ""
        out.append(f"<li>{_source_html(src)}{note}</li>")
    out.append("</ul></div>")
    return "".join(out)
