"""What changed between two dates, written out: rows, CSV, Atom 1.0 and the page's list, each
change with its quote and source. The changes themselves are found in
``corridors.publish.changeset`` (re-exported here: ``changes.changes``, ``Change``, ``Reading``).

The Atom feed is written with ``feedgen``. Ids are ``urn:uuid:`` URIs (RFC 4122 name-based, version
5) derived from the change's kind, its claim ids and a hash of its content, so the same change keeps
its id in every feed and a corrected quote gets a new one; no web address is made up: an entry
links to its sources by their content hash (``urn:sha256:``, as the annotations do) or by the
address the reference gives.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import uuid
from collections.abc import Iterable

from ..model.dataset import Dataset
from ..model.sources import source
from .changeset import KINDS as KINDS
from .changeset import NAMESPACE, Change, Reading
from .changeset import changes as changes
from .changeset import current as current
from .changeset import diff_disagreements as diff_disagreements
from .changeset import disagreeing as disagreeing
from .export import csv_cell

FORMATS = ("csv", "atom")
MEDIA_TYPES = {"csv": "text/csv", "atom": "application/atom+xml"}
EXTENSIONS = {"csv": "csv", "atom": "atom"}

CSV_COLUMNS = (
    "change_id",
    "change",
    "day",
    "corridor",
    "corridor_name",
    "feature",
    "field",
    "scope",
    "period",
    "value",
    "previous",
    "claim",
    "source",
    "source_title",
    "source_outlet",
    "source_date",
    "source_url",
    "quote",
    "note",
)


# --- CSV ------------------------------------------------------------------------------------------


def rows(ds: Dataset, found: Iterable[Change]) -> list[dict[str, str]]:
    """One row per reading of each change (a disagreement gives one row per side), with its
    quote and source named (headline, outlet, date or the reference's title and address)."""
    out = []
    for change in found:
        for reading in change.readings:
            names = source(ds, reading.source).names()
            out.append(
                {
                    "change_id": change.id,
                    "change": change.kind,
                    "day": change.day.isoformat(),
                    "corridor": change.corridor,
                    "corridor_name": change.corridor_name,
                    "feature": change.feature,
                    "field": change.field,
                    "scope": change.scope,
                    "period": change.period,
                    "value": reading.value,
                    "previous": change.previous,
                    "claim": reading.claim,
                    "source": reading.source,
                    **names,
                    "quote": reading.quote,
                    "note": reading.note,
                }
            )
    return out


def to_csv(ds: Dataset, found: Iterable[Change]) -> str:
    """The changes as CSV: RFC 4180, formulas neutralised as the exports do."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CSV_COLUMNS)
    for row in rows(ds, found):
        writer.writerow([csv_cell(row[c]) for c in CSV_COLUMNS])
    return out.getvalue()


# --- Atom -----------------------------------------------------------------------------------------


def _moment(day: dt.date) -> dt.datetime:
    """A source's day as Atom's date-time: its start, in UTC (sources give days, not times)."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _source_link(ds: Dataset, file: str) -> tuple[str, str]:
    """(address, title) of a source: a reference's own address, or an article's content hash."""
    src = source(ds, file)
    if src.url.startswith(("https://", "http://")):
        return src.url, src.headline
    if src.sha256:  # an article listed in sources.csv
        return f"urn:sha256:{src.sha256}", src.headline or file
    return "", ""


def _source_text(ds: Dataset, reading: Reading) -> str:
    src = source(ds, reading.source)
    if src.url:
        return f"reference: {src.headline} ({src.url})"
    bits = [
        src.headline or "no headline stated",
        src.outlet or "outlet not stated",
        src.date or "undated",
    ]
    return f"{reading.source}: " + ", ".join(bits)


def entry_html(ds: Dataset, change: Change) -> str:
    """An entry's content: each reading with its quote and source; every data string escaped."""
    e = html.escape
    parts = [f"<p><b>{e(change.kind.capitalize())}</b>: {e(change.title)}</p>"]
    if change.previous:
        parts.append(f"<p>Before: {e(change.previous)}</p>")
    for reading in change.readings:
        parts.append(
            f"<p><b>{e(reading.value)}</b> — <q>{e(reading.quote)}</q><br>"
            f"{e(_source_text(ds, reading))} [claim {e(reading.claim)}]</p>"
        )
    return "".join(parts)


def feed_id(since: dt.date, until: dt.date | None, undated: bool, corridors: Iterable[str]) -> str:
    """The feed's id: the same question (dates, undated rule, systems) has the same id."""
    text = f"feed|{since}|{until or 'today'}|{undated}|{','.join(sorted(corridors))}"
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, text)}"


def to_atom(
    ds: Dataset,
    found: Iterable[Change],
    since: dt.date,
    until: dt.date | None = None,
    undated: bool = False,
    corridors: Iterable[str] = (),
) -> bytes:
    """The changes as an Atom 1.0 feed (feedgen), newest first; updated dates are the sources'."""
    from feedgen.feed import FeedGenerator

    found = list(found)
    corridors = list(corridors)
    fg = FeedGenerator()
    fg.id(feed_id(since, until, undated, corridors))
    span = f"after {since.isoformat()}" + (f" up to {until.isoformat()}" if until else "")
    fg.title(f"Corridors: what the sources said {span}")
    fg.subtitle(
        "Claims that appeared, figures and statuses that changed, disagreements that opened or "
        "closed; each with its verbatim quote and source. "
        + ("Undated sources counted as known on every date." if undated else "Dated sources only.")
    )
    fg.author({"name": "Corridors"})
    fg.language("en")
    fg.generator("corridors")
    last = max((c.day for c in found), default=until or since)
    fg.updated(_moment(last))
    titles: dict[str, str] = {}
    for change in sorted(found, key=lambda c: c.day, reverse=True):
        entry = fg.add_entry(order="append")
        entry.id(change.id)
        entry.title(change.title)
        entry.updated(_moment(change.day))
        entry.published(_moment(change.day))
        entry.content(entry_html(ds, change), type="html")
        entry.category(term=change.kind)
        for file in dict.fromkeys(r.source for r in change.readings):
            href, title = _source_link(ds, file)
            if href:
                entry.link(href=href, rel="via", title=title)
                titles[href] = title
    return _with_link_attributes(fg.atom_str(pretty=True, encoding="UTF-8"), titles)


def _with_link_attributes(atom: bytes, titles: dict[str, str]) -> bytes:
    """feedgen 1.0.0 writes an entry link's ``href`` only (its ``rel`` and ``title`` are read from
    the new element instead of the given link), so every source link would read as
    ``rel="alternate"``, and two of them in one entry would break Atom's rule of one alternate per
    type. The links (all of them a source's: the feed has none of its own) are given their
    relation and title here, as they were passed."""
    from lxml import etree

    ns = "{http://www.w3.org/2005/Atom}"
    root = etree.fromstring(atom)
    for link in root.iter(f"{ns}link"):
        link.set("rel", "via")
        if titles.get(link.get("href", "")):
            link.set("title", titles[link.get("href", "")])
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8")


def render(
    ds: Dataset,
    fmt: str,
    since: dt.date,
    until: dt.date | None = None,
    undated: bool = False,
    corridors: Iterable[str] | None = None,
) -> bytes:
    """The changes in one format, as bytes: what the CLI writes and the dashboard offers."""
    found = changes(ds, since, until, undated, corridors)
    if fmt == "csv":
        return to_csv(ds, found).encode("utf-8")
    if fmt == "atom":
        return to_atom(ds, found, since, until, undated, corridors or ())
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


#: The page lists the newest changes only: a grown corpus has tens of thousands (every claim is
#: one when it appears); the CSV and Atom downloads list them all.
SHOWN = 100


def list_html(ds: Dataset, found: list[Change], shown: int = SHOWN) -> str:
    """The newest changes as a list (``shown`` of them), each with its quotes and sources (all
    escaped), and how many earlier ones the downloads hold: what the dashboard shows."""
    if not found:
        return (
            "<p data-testid='changes' data-count='0'>No source dated in this span says anything "
            "new.</p>"
        )
    newest = sorted(found, key=lambda c: c.day, reverse=True)
    items = "".join(
        f"<li data-change='{html.escape(c.kind)}'><b>{html.escape(c.day.isoformat())}</b> "
        f"{entry_html(ds, c)}</li>"
        for c in newest[:shown]
    )
    earlier = len(newest) - shown
    more = (
        f"<p data-testid='changes-more'>… and {earlier:,} earlier change"
        f"{'s' if earlier > 1 else ''}: the CSV and Atom downloads below list every one.</p>"
        if earlier > 0
        else ""
    )
    return (
        f"<ul data-testid='changes' data-count='{len(found)}' style='font-size:0.88rem'>"
        f"{items}</ul>{more}"
    )
