"""The review page's content: each pending proposal as a curator judges it.

A card says what is proposed (system, field, value as a reader sees it, its period and scope),
shows the quote inside its paragraph (the quote marked), says why it was proposed, and, where the
proposal disagrees with an accepted claim of like and like, sets the two side by side, each with
its source and quote. "Mentioned, not mapped" rows are shown as such: there is no system to claim
them for, so they can only be dismissed (or the system added to corridors.csv by hand).

Plain data first (``cards``, tested without Streamlit), then HTML in which every string from the
data is escaped. The buttons that accept or reject call ``corridors.curate.review.decide``, the
code behind ``python -m corridors review``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from ..quotes import textmatch
from ..schema import field_label, format_value
from ..store import rawdata
from ..store.datadir import DataDir

#: At most this many characters of the paragraph on each side of the quote.
CONTEXT_CHARS = 320


@dataclass(frozen=True)
class Accepted:
    """An accepted claim a proposal disagrees with."""

    id: str
    value: str
    source: str
    quote: str


@dataclass(frozen=True)
class Card:
    id: str
    stem: str
    title: str  # "cku-railway · Length"
    value: str  # as a reader sees it: "over 450 km"
    detail: str  # period and scope in words, '' when neither
    before: str  # the paragraph around the quote
    quote: str
    after: str
    reason: str
    confidence: str
    mapped: bool  # False: mentioned, not mapped (can only be dismissed)
    note: str = ""
    disagrees: list[Accepted] = field(default_factory=list)


def _paragraph(text: str, quote: str) -> tuple[str, str, str]:
    """The quote inside its paragraph: (before, quote as written, after), clipped."""
    match = textmatch.find_quote(quote, text)
    if match is None:
        return "", quote, ""
    start = text.rfind("\n", 0, match.start) + 1
    end = text.find("\n", match.end)
    end = len(text) if end < 0 else end
    before = text[max(start, match.start - CONTEXT_CHARS) : match.start]
    after = text[match.end : min(end, match.end + CONTEXT_CHARS)]
    return before.lstrip(), text[match.start : match.end], after.rstrip()


def _detail(row: dict[str, str]) -> str:
    parts = []
    if row.get("period"):
        parts.append(f"period {row['period']}")
    if row.get("scope"):
        parts.append(f"scope {row['scope']}")
    if row.get("feature"):
        parts.append(f"feature {row['feature']}")
    return ", ".join(parts)


def _disagreeing(row: dict[str, str], claims: dict[str, rawdata.Row]) -> list[Accepted]:
    ids = re.findall(r"(?:Disagrees with |; )([\w.-]+) \('", row.get("note", ""))
    return [
        Accepted(
            c["id"],
            format_value(c["field"], c["value"], c["unit"], c["qualifier"]),
            c["source"],
            c["quote"],
        )
        for c in (claims.get(i) for i in ids)
        if c is not None
    ]


def card(row: dict[str, str], stem: str, text: str, claims: dict[str, rawdata.Row]) -> Card:
    """One proposal as the curator reads it before deciding."""
    before, quote, after = _paragraph(text, row["quote"])
    mapped = bool(row["corridor"])
    if mapped:
        title = f"{row['corridor']} · {field_label(row['field'])}"
        value = format_value(row["field"], row["value"], row["unit"], row["qualifier"])
    else:
        title, value = "Mentioned, not mapped", row["value"]
    return Card(
        row["id"],
        stem,
        title,
        value,
        _detail(row),
        before,
        quote,
        after,
        row.get("reason", ""),
        row.get("confidence", ""),
        mapped,
        row.get("note", ""),
        _disagreeing(row, claims),
    )


def cards(datadir: DataDir, stem: str | None = None) -> list[Card]:
    """Every pending proposal (of one article, when ``stem`` is given): disagreements first (what
    needs a decision most), then the rest as proposed, the mentioned-not-mapped last."""
    from ..curate import review  # here: the ingest package it imports is not for the map's page

    raw = rawdata.read(datadir)
    claims = {c["id"]: c for c in raw.claims.rows}
    out = []
    for path, row in review.pending(datadir, stem):
        text = raw.texts.get(row["source"], "")
        out.append(card(row, path.stem, text, claims))
    return sorted(out, key=lambda c: (not c.disagrees, not c.mapped))


def stems(datadir: DataDir) -> list[str]:
    """The articles with proposals pending."""
    from ..curate import review

    return [path.stem for path in review.files(datadir)]


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _disagreement_html(c: Card) -> str:
    rows = "".join(
        "<tr>"
        f"<td><b>{_e(c.value)}</b><br><small>{_e(c.id)}</small><br>“{_e(c.quote)}”</td>"
        f"<td><b>{_e(a.value)}</b><br><small>{_e(a.id)} · {_e(a.source)}</small><br>“{_e(a.quote)}”</td>"
        "</tr>"
        for a in c.disagrees
    )
    return (
        "<table class='review-disagreement' data-testid='review-disagreement'>"
        "<tr><th>Proposed</th><th>Accepted</th></tr>" + rows + "</table>"
    )


def card_html(c: Card) -> str:
    """A card as HTML; every string from the data escaped."""
    head = f"<b>{_e(c.title)}</b> = <b>{_e(c.value)}</b>"
    if c.detail:
        head += f" <span class='review-detail'>({_e(c.detail)})</span>"
    if c.confidence:
        head += f" <small>confidence {_e(c.confidence)}</small>"
    parts = [
        f"<div class='review-card' data-testid='review-card' data-id='{_e(c.id)}'>",
        f"<div>{head}</div>",
        f"<blockquote>{_e(c.before)}<mark>{_e(c.quote)}</mark>{_e(c.after)}</blockquote>",
        f"<div class='review-reason'><small>Why: {_e(c.reason)}</small></div>",
    ]
    if c.note:
        parts.append(f"<div class='review-note'><small>Note: {_e(c.note)}</small></div>")
    if c.disagrees:
        parts.append(_disagreement_html(c))
    parts.append("</div>")
    return "".join(parts)


PAGE_CSS = (
    "<style>.review-card{border:1px solid #ddd;border-radius:6px;padding:.6rem .8rem;"
    "margin:.4rem 0}.review-card blockquote{margin:.4rem 0;padding-left:.6rem;"
    "border-left:3px solid #bbb;color:#333}.review-card mark{background:#fff2a8}"
    ".review-disagreement{width:100%;border-collapse:collapse;margin-top:.4rem}"
    ".review-disagreement td,.review-disagreement th{border:1px solid #e3c0c0;padding:.3rem;"
    "vertical-align:top;width:50%;text-align:left}.review-disagreement th{background:#fbeaea}"
    "</style>"
)


def message_html(outcome: str, text: str) -> str:
    """What the last decision did ("success" or "error"), escaped: problem messages quote the
    data."""
    colour = "#e8f5e9" if outcome == "success" else "#fdecea"
    return (
        f"<div data-testid='review-message' data-kind='{html.escape(outcome)}' role='status' "
        f"style='background:{colour};padding:.5rem .8rem;border-radius:6px'>"
        f"{html.escape(text)}</div>"
    )
