"""The quotes panel as HTML: what the reader sees about one corridor, every data string escaped.

The panel answers, on its first screen, "what is it, is it built, who says so": a short summary of
status, length (measured beside claimed), cost and dates, each reading with its source count, then
the figures the sources disagree on, side by side with their quotes. The claims follow grouped by
field, then how each leg was drawn, then the sources.

``panelmodel.corridor_panel`` gathers the content as plain data (tested without Streamlit; named
here too, as callers build a panel and render it together); ``render_html`` turns it into HTML in
which every string from the data is escaped, so an article or a curator's note can never inject
markup into the page. The style is ``frontend/panel.css``.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from ..model.dataset import Dataset
from ..model.sources import Source as Source  # the panel names its sources by it
from ..model.sources import sources_by_file
from ..schema import (
    DATE_FIELDS,
    FIELDS,
    MODES,
    field_label,
)
from . import assets
from .panelmodel import (
    SUMMARY_FIELDS,
    ClaimView,
    CorridorPanel,
    Reading,
    claim_view,
)
from .panelmodel import corridor_panel as corridor_panel  # callers build a panel and render it
from .sourcehtml import bare_quote_html as _bare_quote_html
from .sourcehtml import link as _link
from .sourcehtml import quote_html as _quote_html
from .sourcehtml import reference_html as _reference_html
from .sourcehtml import short_source_html as _short_source_html
from .sourcehtml import source_html as _source_html

e = html.escape

#: The first screen stays small whatever the data (a system with thousands of claims): each field
#: shows its first PAGE claims and each "show more" MORE after them (``render_html(shown=...)``);
#: a disagreement shows the first DISAGREE_PAGE claims of each reading (all are under their field);
#: a list of sources names the first NAMES, then says how many more.
PAGE = 8
MORE = 50
DISAGREE_PAGE = 3
NAMES = 12
#: The ``shown`` key of the list of sources at the panel's foot (field names key the claims).
SOURCES_KEY = "sources"

#: The panel's style (frontend/panel.css, shipped as package data): headings are larger than the
#: values under them; nothing is wider than the column (long words and addresses break, tables
#: scroll inside their own box), so the panel fits a phone.
PANEL_CSS = f"\n<style>\n{assets.frontend_text('panel.css')}</style>\n"


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _sources_of(reading: Reading) -> str:
    """'(2 sources: 002, 003)': how many sources give the reading, and which articles (by number)
    or that it comes from a reference, not the articles."""
    srcs = reading.sources
    names = _first_names(
        [
            "a reference, not the articles" if s.reference else s.short.removeprefix("article ")
            for s in srcs
        ]
    )
    return f"<span class='src'>({e(_count(len(srcs), 'source'))}: {e(names)})</span>"


def _first_names(names: Sequence[str], limit: int = NAMES) -> str:
    """'001, 002, 003': the first ``limit`` distinct names, then how many more there are."""
    names = list(dict.fromkeys(names))
    listed = ", ".join(names[:limit])
    return listed + (f" and {len(names) - limit:,} more" if len(names) > limit else "")


def _reading_html(reading: Reading) -> str:
    scope = f"{e(reading.scope)}: " if reading.scope else ""
    return f"{scope}<span class='value'>{e(reading.value)}</span> {_sources_of(reading)}"


def _readings_html(panel: CorridorPanel, field_name: str, absent: str) -> str:
    """A field's readings on one line; where they disagree, flagged and set against each other."""
    found = panel.readings.get(field_name, [])
    if not found:
        return f"<span class='muted'>{e(absent)}</span>"
    flagged = {d.like for d in panel.disagreements if d.field == field_name}
    parts = []
    for like in dict.fromkeys(r.like for r in found):
        mine = [_reading_html(r) for r in found if r.like == like]
        if like in flagged:
            parts.append("<span class='flag'>sources disagree</span> " + " <b>vs</b> ".join(mine))
        else:
            parts.append(" · ".join(mine))
    return "; ".join(parts)


def _summary_html(panel: CorridorPanel) -> str:
    """The first screen: what it is, whether it is built, and who says so."""
    rows: list[tuple[str, str]] = []
    status = _readings_html(panel, "status", "not stated in the sources")
    if panel.drawn_statuses:
        drawn = ", ".join(s.lower() for s in panel.drawn_statuses)
        status += f" <span class='src'>— the map draws it as {e(drawn)}</span>"
    rows.append(("Status", status))

    legs = [f for f in panel.features if f.measured_km]
    if not panel.mapped:
        measured = "not drawn"
    elif panel.measured_km and len(legs) > 1:
        measured = f"measured {panel.measured_km:,.0f} km over {len(legs)} legs (each below)"
    elif panel.measured_km:
        measured = f"{panel.measured_km:,.0f} km measured on the drawn line"
    else:
        measured = "a point on the map"
    claimed = _readings_html(panel, "length", "none stated")
    rows.append(("Length", f"{e(measured)}; claimed: {claimed}"))
    rows.append(("Cost", _readings_html(panel, "cost", "not stated in the sources")))
    if panel.readings.get("capacity"):
        rows.append(("Capacity", _readings_html(panel, "capacity", "")))
    # the other figures stated (section lengths, traffic, targets, transit times, stakes, ...)
    for name, entry in FIELDS.items():
        if entry.numeric and name not in SUMMARY_FIELDS and panel.readings.get(name):
            rows.append((entry.label, _readings_html(panel, name, "")))
    dates = [
        f"{e(FIELDS[f].label)} {_readings_html(panel, f, '')}"
        for f in DATE_FIELDS
        if panel.readings.get(f)
    ]
    rows.append(("Dates", " · ".join(dates) or "<span class='muted'>none stated</span>"))
    if panel.part_of:
        rows.append(("Part of", _part_of_html(panel.part_of)))
    if panel.parts:
        rows.append(("Parts", _parts_html(panel.parts)))
    articles = [s for s in panel.sources if not s.reference]
    refs = [s for s in panel.sources if s.reference]
    n_claims = sum(len(claims) for _, claims in panel.groups)
    who = f"{_count(n_claims, 'claim')} from {_count(len(articles), 'article')}"
    if articles:
        who += ": " + _first_names([s.short.removeprefix("article ") for s in articles])
    if refs:
        who += f"; and {_count(len(refs), 'reference')}, not one of the articles"
    rows.append(("Who says so", e(who)))
    body = "".join(f"<dt>{e(label)}</dt><dd>{value}</dd>" for label, value in rows)
    return f"<dl class='facts' data-testid='panel-summary'>{body}</dl>"


def _corridor_link(corridor_id: str, name: str) -> str:
    """A link that opens another corridor's panel (the dashboard reads ``?corridor=`` from the
    address); ids are plain (lowercase letters, digits, '-'), and escaped all the same."""
    return (
        f"<a href='?corridor={e(corridor_id)}' target='_self' "
        f"data-corridor-link='{e(corridor_id)}'>{e(name)}</a>"
    )


def _part_of_html(part_of: tuple[str, str]) -> str:
    return (
        f"<span data-testid='part-of'>{_corridor_link(*part_of)} "
        "<span class='src'>— its figures are its own, never a disagreement with the whole "
        "system's</span></span>"
    )


def _parts_html(parts: list[tuple[str, str, bool]]) -> str:
    """The parts of a system (Line D of the pipeline), each with a link to its own panel."""
    items = [
        _corridor_link(ident, name) + ("" if mapped else " (mentioned, not mapped)")
        for ident, name, mapped in parts
    ]
    return (
        f"<span data-testid='parts'>{' · '.join(items)} <span class='src'>— their figures are "
        "their own, never a disagreement with this system's</span></span>"
    )


def _countries_html(panel: CorridorPanel) -> str:
    measured_c = ", ".join(panel.measured_countries) or (
        "not drawn" if not panel.mapped else "none (over water)"
    )
    claimed_c = ", ".join(panel.claimed_countries) or "no countries stated in the sources"
    return f"<p><b>Countries</b> — measured: {e(measured_c)}; claimed: {e(claimed_c)}</p>"


def _disagreements_html(panel: CorridorPanel) -> str:
    if not panel.disagreements:
        return (
            "<p class='muted' data-testid='disagreements'>No two sources give different values "
            "for the same figure.</p>"
        )
    out = [
        "<section class='disagree' data-testid='disagreements'>",
        "<h4>Where the sources disagree</h4>",
    ]
    for dis in panel.disagreements:
        title = dis.label + (f" — {dis.scope}" if dis.scope else "")
        out.append(f"<div class='dis' data-field='{e(dis.field)}'><h5>{e(title)}</h5>")
        out.append("<div class='side'>")
        for reading in dis.readings:
            out.append("<div class='reading'>")
            out.append(f"<div class='value'>{e(reading.value)}</div>")
            for claim in reading.claims[:DISAGREE_PAGE]:
                out.append(
                    f"<div data-conflict-claim='{e(claim.id)}'>"
                    f"<blockquote>{_bare_quote_html(claim)}</blockquote>"
                    f"<div class='src'>{_short_source_html(claim.source)}</div>"
                )
                if claim.note:
                    out.append(f"<div class='src'>Note: {e(claim.note)}</div>")
                out.append("</div>")
            if len(reading.claims) > DISAGREE_PAGE:
                left = len(reading.claims) - DISAGREE_PAGE
                out.append(
                    f"<div class='src' data-conflict-more='{left}'>and "
                    f"{e(_count(left, 'more claim'))} giving it, under {e(dis.label)} below</div>"
                )
            out.append("</div>")
        out.append("</div></div>")
    out.append("</section>")
    return "".join(out)


def _filter_html(panel: CorridorPanel) -> str:
    if not panel.source_filter:
        return ""
    names = ", ".join(s.short if not s.reference else s.headline for s in panel.source_filter)
    hidden = (
        f" {_count(panel.hidden_claims, 'claim')} from other sources "
        f"{'is' if panel.hidden_claims == 1 else 'are'} hidden; clear “Cited by article” to see "
        "them."
        if panel.hidden_claims
        else " No claim is hidden."
    )
    return (
        f"<p class='filtered' data-testid='source-filter-note'>Quotes from the selected sources "
        f"only ({e(names)}).{e(hidden)}</p>"
    )


def _drawn_html(panel: CorridorPanel) -> str:
    out = ["<h4>How it was drawn</h4>", _countries_html(panel)]
    for feature in panel.features:
        km = f"{feature.measured_km:,.0f} km" if feature.measured_km else "a point"
        accuracy = (
            f"the real line may lie up to {feature.accuracy_km:g} km from it"
            if feature.accuracy_km
            else "accuracy not stated"
        )
        out.append(
            f"<h5>{e(feature.name)}</h5>"
            f"<p>{e(feature.status)}, {e(MODES.get(feature.mode, ''))} {e(km)}; crosses "
            f"{e(', '.join(feature.countries) or 'no country (sea)')}.<br>"
            f"<span data-testid='drawing-method'><b>How it was drawn:</b> {e(feature.method)}; "
            f"{e(accuracy)}.</span><br>{e(feature.drawing)}</p>"
        )
        if feature.references:
            items = "".join(f"<li>{_reference_html(r)}</li>" for r in feature.references)
            out.append(f"<p class='muted'>Drawn from:</p><ul>{items}</ul>")
        if feature.waypoints:
            out.append(
                "<div class='scroll'><table><tr><th>Waypoint</th><th>lat, lon</th>"
                "<th>Reference</th></tr>"
            )
            for w in feature.waypoints:
                # The link's text is the address itself, so an address that is not a web link is
                # left out (``_link`` alone would show it as text).
                ref = (
                    _link(w.source_url, w.source_url[:60])
                    if w.source_url.startswith(("https://", "http://"))
                    else ""
                )
                note = f"<br><span class='muted'>{e(w.note)}</span>" if w.note else ""
                out.append(
                    f"<tr><td>{e(w.name)}</td><td>{e(w.lat)}, {e(w.lon)}</td>"
                    f"<td>{ref}{note}</td></tr>"
                )
            out.append("</table></div>")
    return "".join(out)


def shown_count(shown: Mapping[str, int] | None, key: str) -> int:
    """How many items of a section (a field's claims, or SOURCES_KEY) the page shows: PAGE
    until the reader asks for more."""
    return max(PAGE, (shown or {}).get(key, PAGE))


def show_more(shown: dict[str, int], key: str) -> None:
    """The reader asked for more of a section: MORE items beyond what it shows now."""
    shown[key] = shown_count(shown, key) + MORE


def more_left(
    panel: CorridorPanel, shown: Mapping[str, int] | None = None
) -> list[tuple[str, str, int]]:
    """The sections cut short on this page, as (key, label, how many are not shown): what a
    "show more" control offers. Every claim is reachable by asking for more."""
    out = []
    for label, claims in panel.groups:
        key = claims[0].field
        left = len(claims) - shown_count(shown, key)
        if left > 0:
            out.append((key, label, left))
    left = len(panel.sources) - shown_count(shown, SOURCES_KEY)
    if left > 0:
        out.append((SOURCES_KEY, "Sources", left))
    return out


def _claim_html(claim: ClaimView) -> str:
    note = f"<div class='note'>Note: {e(claim.note)}</div>" if claim.note else ""
    return (
        f"<div class='claim' data-claim='{e(claim.id)}'>"
        f"<span class='value'>{e(claim.value)}</span>"
        f"<blockquote>{_quote_html(claim)}</blockquote>"
        f"<div class='src'>{_short_source_html(claim.source)}</div>{note}</div>"
    )


def _cut_note(key: str, shown: int, total: int, what: str) -> str:
    """Says a section is cut short, and how to see the rest."""
    if shown >= total:
        return ""
    return (
        f"<p class='muted' data-more='{e(key)}'>Showing {shown:,} of {_count(total, what)}; "
        f"“Show more” below the panel lists the next {min(MORE, total - shown):,}.</p>"
    )


def render_html(panel: CorridorPanel, shown: Mapping[str, int] | None = None) -> str:
    """The panel as HTML; every data string goes through html.escape.

    ``shown`` says how many claims of each field (and sources, SOURCES_KEY) to show; by default
    the first PAGE of each, so the first screen of a system with thousands of claims is as quick
    as a small one's. The summary and the disagreements always cover every claim."""
    out = [
        PANEL_CSS,
        f"<div class='cp' data-testid='corridor-panel' data-corridor='{e(panel.id)}' "
        f"data-mapped='{'yes' if panel.mapped else 'no'}'>",
        f"<h3>{e(panel.name)}</h3>",
    ]
    what = " · ".join([*panel.kinds, panel.summary] if panel.summary else panel.kinds)
    if what:
        out.append(f"<p class='what'>{e(what)}</p>")
    if not panel.mapped:
        out.append(
            "<p class='unmapped' data-testid='unmapped-note'><b>Mentioned, not mapped:</b> the "
            "articles give no route to draw. What they say is below, each with its quote.</p>"
        )
    out.append(_filter_html(panel))
    out.append(_summary_html(panel))
    out.append(_disagreements_html(panel))

    out.append("<h4>What the sources say</h4>")
    if not panel.groups:
        if panel.source_filter:
            out.append("<p>The selected sources state nothing about it.</p>")
        else:
            out.append("<p>The sources state nothing about it.</p>")
    for label, claims in panel.groups:
        key = claims[0].field
        count = shown_count(shown, key)
        out.append(f"<h5>{e(label)}</h5>")
        out.extend(_claim_html(claim) for claim in claims[:count])
        out.append(_cut_note(key, count, len(claims), "claim"))

    if panel.features:
        out.append(_drawn_html(panel))

    out.append("<h4>Sources</h4><ul>")
    count = shown_count(shown, SOURCES_KEY)
    for src in panel.sources[:count]:
        note = f"<br><span class='muted'>{e(src.note)}</span>" if src.note else ""
        out.append(f"<li>{_source_html(src)}{note}</li>")
    out.append("</ul>")
    out.append(_cut_note(SOURCES_KEY, count, len(panel.sources), "source"))
    out.append("</div>")
    return "".join(out)


# --- before anything is selected -----------------------------------------------------------------


def overview_html(ds: Dataset, corridors: Sequence[str]) -> str:
    """Claims and articles per corridor (the drawn ones, then those only mentioned).

    Counted with one group-by each, so the table of 10,000 corridors costs what one look-up does.
    """
    unmapped = ds.unmapped()
    listed = set(corridors)
    claims = ds.claims.groupby("corridor").size()
    from_articles = ds.claims[ds.claims["source"].isin(ds.sources.index)]
    articles = from_articles.groupby("corridor")["source"].nunique()
    names = ds.corridors["name"]
    rows = []
    for corridor in [*corridors, *(c for c in unmapped if c not in listed)]:
        name = str(names.get(corridor, corridor))
        if corridor in unmapped:
            name += " (mentioned, not mapped)"
        rows.append(
            f"<tr><td>{e(name)}</td><td>{int(claims.get(corridor, 0))}</td>"
            f"<td>{int(articles.get(corridor, 0))}</td></tr>"
        )
    return (
        "<table data-testid='overview'><tr><th>Corridor</th><th>Claims</th><th>Articles</th></tr>"
        + "".join(rows)
        + "</table>"
    )


def cites(ds: Dataset) -> dict[str, list[str]]:
    """Article file -> the corridors its claims are about, drawn ones first (in corridor order).

    One pass over the claims, not one per article: a thousand articles cost what one does."""
    drawn = set(ds.features["corridor"])
    by_file: dict[str, dict[str, None]] = {file: {} for file in ds.sources.index}
    for file, corridor in zip(ds.claims["source"], ds.claims["corridor"], strict=True):
        if file in by_file:
            by_file[file][corridor] = None
    return {
        file: sorted(corridors, key=lambda c: c not in drawn) for file, corridors in by_file.items()
    }


def _corridor_names(ds: Dataset) -> dict[str, str]:
    """``ds.corridor_name`` of every corridor, read once (a look-up each was most of the articles
    list's time at 10,000 corridors)."""
    return dict(zip(ds.corridors.index, ds.corridors["name"].astype(str), strict=True))


def sources_html(ds: Dataset) -> str:
    """Every article of the corpus, what it is, and which systems it cites; an article that cites
    no mapped system says so (it is not offered in the source filter, where it would give an
    empty map)."""
    drawn = set(ds.features["corridor"])
    out = [
        PANEL_CSS,
        "<div class='cp' data-testid='sources-list'><h4>The articles</h4><ul>",
    ]
    cited = cites(ds)
    named = sources_by_file(ds, cited)
    names = _corridor_names(ds)
    for file, corridors in cited.items():
        src = named[file]
        mapped = [names.get(c, c) for c in corridors if c in drawn]
        others = [names.get(c, c) + " (not mapped)" for c in corridors if c not in drawn]
        if mapped:
            what = "Cites: " + ", ".join([*mapped, *others]) + "."
            flag = ""
        else:
            what = "Cites no mapped system" + (f" (only {', '.join(others)})" if others else "")
            what += ", so it is not offered in the source filter."
            flag = " data-uncited='yes'"
        note = f"<br><span class='muted'>{e(src.note)}</span>" if src.note else ""
        out.append(
            f"<li data-source='{e(file)}'{flag}><b>{e(src.short.capitalize())}</b>: "
            f"{_source_html(src)}<br>{e(what)}{note}</li>"
        )
    out.append("</ul></div>")
    return "".join(out)


def claim_html(ds: Dataset, claim_id: str) -> str:
    """One claim on its own (a mark picked on the timeline): value, quote in its sentence, source."""
    rows = ds.claims[ds.claims["id"] == claim_id]
    if rows.empty:
        return ""
    claim = claim_view(ds, rows.iloc[0])
    note = f"<div class='note'>Note: {e(claim.note)}</div>" if claim.note else ""
    return (
        f"{PANEL_CSS}<div class='cp' data-testid='picked-claim' data-claim='{e(claim.id)}'>"
        f"<span class='value'>{e(field_label(claim.field))}: {e(claim.value)}</span>"
        f"<blockquote>{_quote_html(claim)}</blockquote>"
        f"<div class='muted'>{_short_source_html(claim.source)}</div>{note}</div>"
    )
