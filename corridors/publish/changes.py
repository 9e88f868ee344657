"""What changed between two dates: claims that appeared, figures and statuses that changed, and
disagreements that opened or closed, each with its quote and source; as rows, CSV and Atom 1.0.

An analyst who looked at a corridor on one day needs to see what the sources said since, without
reading every quote again. The dates are the sources' (``corridors.model.asof``): a claim appears on
the day its source counts from. Walking the days after ``since`` up to ``until``, each claim that
appears is compared with what was known the day before about the same thing (same corridor,
feature, field, scope and period, the schema contract's "like meets like"):

- **changed status** / **changed figure**: a field that holds one value at a time (status, length,
  cost, traffic …) now reads differently from the reading the day before (the most recent dated
  one; undated ones rank below: the as-of rule);
- **new claim**: anything else (a first figure, a name, a second source repeating a value);
- **disagreement opened** / **closed**: the thing has two or more different values after the day
  and did not before (or the reverse).

Undated sources follow the as-of rule: with ``undated``, their claims are known at every date, so
they take part in the statuses and disagreements of both ends but never *appear*; without, they are
left out. The same functions serve the dashboard and ``python -m corridors changes``.

The Atom feed is written with ``feedgen``. Ids are ``urn:uuid:`` URIs (RFC 4122 name-based, version
5) derived from the change's kind, its claim ids and a hash of its content, so the same change keeps
its id in every feed and a corrected quote gets a new one; no web address is made up: an entry
links to its sources by their content hash (``urn:sha256:``, as the annotations do) or by the
address the reference gives.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import html
import io
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from ..model import asof
from ..model.dataset import Dataset
from ..model.sources import source
from ..schema import field_label, format_value, readings_key, single, value_key
from .export import csv_cell

#: The namespace every id of a change is derived in (a fixed, random UUID: never a web address).
NAMESPACE = uuid.UUID("428a3832-4bc7-4903-a9e9-e9757dc983e2")

NEW = "new claim"
CHANGED_STATUS = "changed status"
CHANGED_FIGURE = "changed figure"
OPENED = "disagreement opened"
CLOSED = "disagreement closed"
KINDS = (CHANGED_STATUS, CHANGED_FIGURE, OPENED, CLOSED, NEW)

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


@dataclass(frozen=True)
class Reading:
    """One claim as a change shows it: its value as a reader writes it, quote and source."""

    claim: str
    value: str
    raw: str
    unit: str
    source: str
    day: dt.date | None
    quote: str
    note: str


@dataclass(frozen=True)
class Change:
    """One thing that changed on one day; ``readings`` are its claims (several for a
    disagreement), ``previous`` what it read before (a changed status or figure)."""

    kind: str
    day: dt.date
    corridor: str
    corridor_name: str
    feature: str
    field: str
    scope: str
    period: str
    readings: tuple[Reading, ...]
    previous: str = ""

    @property
    def id(self) -> str:
        """A stable URN: the same change has the same id in every feed; edited content, a new one."""
        content = "\0".join(
            [
                self.kind,
                self.corridor,
                self.feature,
                self.field,
                self.scope,
                self.period,
                self.previous,
                *(f"{r.claim}\0{r.value}\0{r.source}\0{r.quote}" for r in self.readings),
            ]
        )
        digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
        claims = ",".join(r.claim for r in self.readings)
        return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{self.kind}|{claims}|{digest}')}"

    @property
    def title(self) -> str:
        """One line: the system, the field and what happened."""
        what = field_label(self.field) + (f" ({self.scope})" if self.scope else "")
        what += f", {self.period}" if self.period else ""
        values = " vs ".join(dict.fromkeys(r.value for r in self.readings))
        if self.kind in (CHANGED_STATUS, CHANGED_FIGURE):
            text = f"{what} now {values} (was {self.previous})"
        elif self.kind == OPENED:
            text = f"sources disagree on {what}: {values}"
        elif self.kind == CLOSED:
            text = f"sources no longer disagree on {what}: {values}"
        else:
            text = f"{what}: {values}"
        return f"{self.corridor_name}: {text}"


def _value(field: str, reading: Reading) -> tuple:
    """What makes two readings of a field the same value (the schema's ``value_key``)."""
    return value_key({"field": field, "value": reading.raw, "unit": reading.unit})


def _column(claims: pd.DataFrame, name: str) -> list[str]:
    """A claims column as text; a column the data does not have (yet) reads as empty."""
    if name in claims.columns:
        return ["" if v is None else str(v) for v in claims[name]]
    return [""] * len(claims)


Key = tuple[str, str, str, str, str]


def _rows(ds: Dataset, days: dict[str, dt.date | None]) -> list[tuple[Key, Reading]]:
    """Every claim as (thing it is about, reading), in data order. Claims of like and like (the
    schema's ``readings_key``) share one key: the first one's, as stored."""
    claims = ds.claims
    cols = {
        c: _column(claims, c)
        for c in (
            "id",
            "corridor",
            "feature",
            "field",
            "scope",
            "period",
            "value",
            "unit",
            "qualifier",
            "source",
            "quote",
            "note",
        )
    }
    out = []
    shown: dict[tuple, Key] = {}
    for i in range(len(claims)):
        row = {c: cols[c][i] for c in cols}
        key = shown.setdefault(
            readings_key(row),
            (row["corridor"], row["feature"], row["field"], row["scope"], row["period"]),
        )
        value = format_value(row["field"], row["value"], row["unit"], row["qualifier"])
        reading = Reading(
            row["id"],
            value,
            row["value"],
            row["unit"],
            row["source"],
            days.get(row["source"]),
            row["quote"],
            row["note"],
        )
        out.append((key, reading))
    return out


def current(readings: Iterable[Reading]) -> Reading | None:
    """The reading a thing shows: the most recent dated one (the first of that day), else the
    first undated one; None with no reading (the as-of rule for statuses, for any field)."""
    readings = list(readings)
    dated = [r for r in readings if r.day is not None]
    if dated:
        latest = max(r.day for r in dated)  # type: ignore[type-var]
        return next(r for r in dated if r.day == latest)
    return readings[0] if readings else None


def disagreeing(field: str, readings: Iterable[Reading]) -> tuple[Reading, ...]:
    """The readings of a thing when they hold two or more different values, else ()."""
    readings = tuple(readings)
    if len({_value(field, r) for r in readings}) > 1:
        return readings
    return ()


def diff_disagreements(
    key: Key,
    before: Iterable[Reading],
    after: Iterable[Reading],
    day: dt.date,
    names: dict[str, str],
) -> list[Change]:
    """The disagreement about one thing that opened (or closed) between two sets of readings."""
    corridor, feature, field, scope, period = key
    if not single(field):
        return []
    was, now = disagreeing(field, before), disagreeing(field, after)
    name = names.get(corridor, corridor)
    if now and not was:
        return [Change(OPENED, day, corridor, name, feature, field, scope, period, now)]
    if was and not now:
        kept = tuple(after) or was
        return [Change(CLOSED, day, corridor, name, feature, field, scope, period, kept)]
    return []


def changes(
    ds: Dataset,
    since: dt.date,
    until: dt.date | None = None,
    undated: bool = False,
    corridors: Iterable[str] | None = None,
) -> list[Change]:
    """What changed after ``since`` up to ``until`` (None: every dated source), oldest first.

    ``undated``: count undated sources as known on every date (see the module's rule).
    ``corridors``: only these systems (None: all).
    """
    days = asof.source_days(ds)
    wanted = None if corridors is None else set(corridors)
    names = dict(zip(ds.corridors.index, ds.corridors["name"].astype(str), strict=True))
    state: dict[Key, list[Reading]] = {}
    later: dict[dt.date, list[tuple[Key, Reading]]] = {}
    for key, reading in _rows(ds, days):
        if wanted is not None and key[0] not in wanted:
            continue
        if reading.day is None:
            if undated:
                state.setdefault(key, []).append(reading)
        elif reading.day <= since:
            state.setdefault(key, []).append(reading)
        elif until is None or reading.day <= until:
            later.setdefault(reading.day, []).append((key, reading))
    out: list[Change] = []
    for day in sorted(later):
        arriving = later[day]
        before = {key: list(state.get(key, [])) for key, _ in arriving}
        for key, reading in arriving:
            state.setdefault(key, []).append(reading)
        for key, reading in arriving:
            corridor, feature, field, scope, period = key
            was = current(before[key])
            name = names.get(corridor, corridor)
            if single(field) and was is not None and _value(field, was) != _value(field, reading):
                kind = CHANGED_STATUS if field == "status" else CHANGED_FIGURE
                out.append(
                    Change(
                        kind,
                        day,
                        corridor,
                        name,
                        feature,
                        field,
                        scope,
                        period,
                        (reading,),
                        was.value,
                    )
                )
            else:
                out.append(
                    Change(NEW, day, corridor, name, feature, field, scope, period, (reading,))
                )
        for key in before:
            out.extend(diff_disagreements(key, before[key], state[key], day, names))
    return out


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
