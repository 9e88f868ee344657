"""The fourth pass: the typed values a sentence states, each with the field it fills.

Quantities (quantities.py) become fields by the words around them: money a cost, kilometres a
length or a section length, counts of tunnels and bridges, shares a stake (measures.py); bcm,
tonnes, TEU and trains a capacity, traffic or target (flows.py); days and hours a transit time
(transit.py). Dates (dates.py) fill the event the words next to them name (events.py). This module
runs them over one sentence and keeps what later sentences need (context.py).
"""

from __future__ import annotations

import re

from ...fields import FIELDS
from . import dates, periods, phrases, quantities, scopes
from .context import THAT_SECTION, Context
from .events import event_dates
from .fields import Value
from .flows import flow
from .measures import abbreviations, cost, count, length, stakes
from .transit import transit_time

__all__ = ["Context", "figures", "read_values"]


#: "over the same months": the span of months the article read last (not "than in the same months
#: of last year", a comparison).
SAME_SPAN = re.compile(
    r"(?<!than )\b(?:over|during|in)\s+the\s+same\s+(?:\w+\s+)?(?:months|period|weeks)\b"
    r"(?!\s+(?:of|a\s+year|last))",
    re.I,
)


#: "85 percent more than last year", "compared with 2022": the period of the comparison, not of
#: the figure.
COMPARISON_PERIOD = re.compile(
    r"(?:\bthan|\bcompared\s+(?:with|to)|\bagainst|\bversus|\babove|\bbelow|\bup\s+on|\bdown\s+on|"
    # "15% above the same period in 2024": the period a figure is compared with
    r"\bthe\s+same\s+(?:\w+\s+)?(?:period|months|quarter|half|time)(?:\s+of)?)\s+$",
    re.I,
)


#: ", of which 4 million tonnes ...", ", including 2 million tonnes of oil": what follows breaks down
#: the figure just given. A part in the whole's own unit is a share of it, not the system's
#: whole, and is not proposed, nor is anything after it (the parts of a part); the whole in
#: another unit ("6 mn tonnes a year, including 100,000 TEU of containers") is still read.
BREAKDOWN = re.compile(r",\s*(?:of\s+which|of\s+this|including|among\s+them|comprising)\b", re.I)
_FLOWS = ("bcm", "tonnes", "TEU", "trains", "containers")


#: "a rise of 33%", "up 14.4%", "20% more", "year on year": a figure set against the same
#: period a year before, so itself a period's figure.
CHANGE_ON_A_YEAR = re.compile(
    r"\b(?:an?\s+(?:rise|increase|growth|jump|drop|fall|decline|gain)\s+of\s+\d[\d.,]*\s*"
    r"(?:%|per\s*cent|percent)|(?:up|down)\s+(?:by\s+)?\d[\d.,]*\s*(?:%|per\s*cent|percent)"
    r"|\d[\d.,]*\s*(?:%|per\s*cent|percent|times|-?fold)\s+(?:more|less|higher|lower|up|down)\b"
    r"|year[\s-]on[\s-]year|\by-?o-?y\b)",
    re.I,
)


def _parts(sentence: str, found: list, spans: list[dates.Period]) -> set[int]:
    """The starts of the flow figures that break down an earlier one of the sentence by kind or
    route; a part with a period of its own ("250 bcm since 2010, including 41 bcm last year")
    is what was carried then, and is read."""
    for m in BREAKDOWN.finditer(sentence):
        wholes = [q for q in found if q.unit in _FLOWS and q.end <= m.start()]
        if not wholes:
            continue
        after = [q for q in found if q.unit in _FLOWS and q.start > m.start()]
        first = next((i for i, q in enumerate(after) if q.unit == wholes[-1].unit), None)
        parts = after[first:] if first is not None else []
        return {
            q.start
            for q in parts
            if not any(not p.inherited and 0 <= p.start - q.end <= 20 for p in spans)
        }
    return set()


#: "Last year it carried 2.7 mn t, 86% more than in 2022": last year is the one after 2022.
LAST_YEAR_AGAINST = re.compile(
    r"\blast\s+year\b(?:[^.;]|\.\d)*?\b(?:than(?:\s+in)?|compared\s+(?:with|to)(?:\s+in)?|against|on)\s+"
    r"(?P<y>(?:19|20)\d\d)\b(?![\s-]*(?:figure|level)?\s*(?:to|-|–)\s*\d)",
    re.I,
)


def _year_implied(sentence: str) -> str:
    """The report's own year when it prints no date but sets "last year" against a named year
    (a year-on-year comparison): the named year plus two."""
    m = LAST_YEAR_AGAINST.search(sentence)
    return str(int(m.group("y")) + 2) if m else ""


def figures(sentence: str, ctx: Context) -> list[Value]:
    """Every figure of the sentence that fills a field, normalised as claims.csv stores it."""
    countries = set(ctx.countries)
    spans_read = [
        p
        for p in periods.find_periods(
            sentence, ctx.article_date or _year_implied(sentence), ctx.last_year
        )
        if not COMPARISON_PERIOD.search(sentence[max(0, p.start - 30) : p.start])
    ]
    recent, ctx.recent_span = ctx.recent_span, ""
    same = SAME_SPAN.search(sentence)
    if same and ctx.last_span and not any(not p.target for p in spans_read):
        # "container traffic rose over the same months, to 50,500 TEU": the span read last
        spans_read = [dates.Period(ctx.last_span, same.start(), same.end()), *spans_read]
    spans = [p.value for p in spans_read if not p.target and "/" in p.value]
    year_before, ctx.recent_year = ctx.recent_year, ""
    if year_before and not spans_read and CHANGE_ON_A_YEAR.search(sentence):
        # "In 2022 the route moved 1.5 mn t. Container traffic came to 33,600 TEU, a rise of 33%":
        # a figure stated with its change on a year before is of the year just read
        spans_read = [dates.Period(year_before, len(sentence), len(sentence), inherited=True)]
    if spans:
        ctx.last_span = ctx.recent_span = spans[0]
    elif recent and not any(not p.target for p in spans_read):
        # "Of these, 6,400 TEU moved along the route": the months of the sentence before
        spans_read = [
            *spans_read,
            dates.Period(recent, len(sentence), len(sentence), inherited=True),
        ]
        ctx.recent_span = recent
    out: list[Value] = []
    found = quantities.READERS[ctx.quantities](sentence)
    found = sorted(found + quantities.elliptic(sentence, found), key=lambda q: q.start)
    parts = _parts(sentence, found, spans_read)
    for q in found:
        if q.start in parts:
            continue  # a part of the figure before ("..., of which 4 million tonnes")
        if q.unit in ("USD", "CNY"):
            value = cost(q, sentence, countries)
        elif q.unit == "km":
            origin = ctx.last_stretch.split("–")[0] if ctx.last_stretch else ctx.last_place
            value = length(q, sentence, countries, ctx.last_section, origin)
        elif q.unit in ("bcm", "tonnes", "TEU", "trains", "containers"):
            value = flow(q, sentence, ctx, spans_read)
        elif q.unit in ("days", "hours"):
            value = transit_time(q, sentence, ctx)
        elif q.unit == "%":
            out += stakes(q, sentence, ctx)
            continue
        else:
            value = count(q, sentence, countries)
        if value is not None and value.unit in FIELDS[value.field].units:
            out.append(value)  # never "400,000 containers" as a target: no target takes them
    years = {v.period for v in out if v.field == "traffic" and len(v.period) == 4}
    ctx.recent_year = years.pop() if len(years) == 1 else ""
    return out


_OF_A_SECTION = {"cost", "tunnels", "bridges", "start_date", "completion_date", "opening_date"}


#: A clause about works on the system, not the system: "The expansion will cost $250 million and
#: should be finished in 2027" gives the expansion's cost and date, scoped to it.
WORKS = re.compile(
    r"^\s*(?:(?:and|but|while)\s+)?(?:the|this|its)\s+(?P<w>expansion|upgrade|extension|"
    r"modernisation|modernization|(?:first|second|third)\s+phase|phase\s+(?:one|two|three|\d))\b",
    re.I,
)


#: "Of these, 6,000 TEU moved along the route": a share of the figure just read, counted where it was.
SHARE_OF = re.compile(r"^\s*Of\s+(?:these|them|this|that|which|those)\b", re.I)
#: A port named as one: "the seaport of Aktau", "Aktau port" -> Aktau.
PORT_NAMED = re.compile(
    r"\b(?:sea)?port\s+of\s+(?P<p>[A-Z][\w’'-]*)|\b(?!(?:The|This|That|Its|Their|A|An|Each|Every|Our)\b)"
    r"(?P<q>[A-Z][\w’'-]*)(?<![’']s)\s+(?:sea)?port\b(?!\s+of\b)"
)


def _with_section(before: str, countries: list[str] | tuple[str, ...]) -> str:
    """ "260 km in Kyrgyzstan, with some 90 tunnels": the structures of that country's section."""
    names = "|".join(re.escape(c) for c in countries)
    if not names:
        return ""
    m = re.search(
        rf"\b(?:in|across|through)\s+({names}),?\s+(?:with|including)\s+(?:\w+\s+){{0,2}}$",
        before,
    )
    return m.group(1) if m else ""


def _that_section(values: list[Value], sentence: str, ctx: Context) -> None:
    """Give "that leg"'s figures the country of the section read last; remember this one's; and
    the figures of a clause about works ("the expansion") their scope."""
    for v in values:
        a, b = scopes.clause_of(sentence, v.at)
        works = WORKS.match(sentence[a:b])
        if works and not v.scope and v.field in _OF_A_SECTION:
            v.scope = " ".join(works.group("w").lower().split())
            continue
        if (
            not v.scope
            and v.field in _OF_A_SECTION
            and ctx.last_section
            and THAT_SECTION.search(sentence[a:b])
        ):
            v.scope = ctx.last_section
        if v.field in ("tunnels", "bridges") and not v.scope:
            v.scope = _with_section(sentence[: v.at], ctx.countries)
        if v.field == "traffic" and not v.scope:
            v.scope = scopes.region_through(sentence[a:b])  # "moving through X Region"
        if v.field == "traffic" and not v.scope and SHARE_OF.match(sentence):
            v.scope = ctx.last_port  # "Of these, N moved along the route": the port's share
    sections = [v.scope for v in values if v.scope in ctx.countries]
    sections += scopes.sections_named(sentence, set(ctx.countries))
    if sections:
        ctx.last_section = sections[-1]


def read_values(sentence: str, ctx: Context) -> list[Value]:
    """Every field value the sentence states: figures, dates of events and the phrase fields."""
    ctx.abbreviations |= abbreviations(sentence)
    out = figures(sentence, ctx) + event_dates(sentence, ctx)
    _that_section(out, sentence, ctx)
    out += phrases.read_phrases(
        sentence, ctx.countries, ctx.places, ctx.last_country, ctx.last_ends
    )
    named = [(m.start(), c) for c in ctx.countries for m in re.finditer(rf"\b{c}\b", sentence)]
    ctx.last_country = max(named)[1] if named else ""
    placed = [
        (m.start(), p) for p in ctx.places for m in re.finditer(rf"\b{re.escape(p)}\b", sentence)
    ]
    placed += [  # "the Chinese port of Khorgos": a place the known ones may not list
        (m.start(1), m.group(1))
        for m in re.finditer(r"\b(?:port|city|town|station)\s+of\s+([A-Z][\w'’-]*)", sentence)
    ]
    ctx.last_place = max(placed)[1] if placed else ""
    ports = list(PORT_NAMED.finditer(sentence))
    ctx.last_port = (ports[-1].group("p") or ports[-1].group("q")) if ports else ctx.last_port
    for v in out:
        if v.field in ("countries", "route") and ";" in v.countries:
            ctx.last_ends = (v.countries.split(";")[0], v.countries.split(";")[-1])
    years = re.findall(r"\b(?:19|20)\d\d\b", sentence)
    if years:
        ctx.last_year = years[-1]
    where = scopes.stretch(sentence)
    if where:
        ctx.last_stretch = where
    return out
