"""A status the article implies by what it dates, proposed apart from the statuses it states.

Reporting seldom names a stage in words: it says a line "began operating in July", that building
"will get under way in October", or how much a port handled last year. Read against the article's
own date, those events imply the stage the system was in when the article was written:

- an opening dated before the article, traffic carried in a period that has ended (or is running),
  or an operator said to run it now -> operating;
- a start of works dated on or before the article -> under construction;
- a start of works dated after the article -> planned; so is a system whose article dates only when
  it was first proposed (nothing begun, opened or carried).

The README's rule for recorded claims is that a status is stated in words, never read from an
event. So these proposals say so: a lower confidence, a reason and a note that begin "implied",
naming the event and the article's date, for the curator to accept or reject knowingly. Only the
whole system's (or a listed part's) rows imply its status: Line C's opening says nothing of the
pipeline's stage. A drawn line's own stage is implied only by works begun on it or on one of its
sections (under construction). Where the article states a status for the system (or the line),
nothing is implied. A route (a corridor made of other lines, ports and ferries) that carried
freight in a period that has ended or is running is operating, as a port is: curators record it
so (CONVENTIONS.md rule 11), though its legs may still be built or widened. Only the route's own
traffic counts (a figure scoped to a leg, a region or a port along it is no row of the whole), and
an opening dated on a route implies nothing (mostly a leg's, a terminal's or a service's along it).
"""

from __future__ import annotations

import re

from .fields import Value
from .statuses import FUTURE, mood

#: How much an implied status is trusted, relative to the row it is read from.
WEIGHT = 0.6

#: A facility at its work, told as done or doing: "handles transit cargo", "processed 500
#: containers", "trains stop there", "the boxes were moved to the broad gauge at the dry port".
#: Curators record such a port as operating (convention 11); a route's own traffic is read from
#: its traffic rows (``evidence``).
AT_WORK = re.compile(
    r"\b(?:handles|handled|processes|processed|trans-?s?hips|trans-?s?hipped|serves|served|"
    r"reloads|reloaded)\s+(?=(?:[\w-]+\s+){0,3}?(?:cargo(?:es)?|containers?|trains?|goods|freight|"
    r"TEUs?|twenty-foot|boxes|transit|\d))"
    r"|\b(?:was|were|is|are)\s+(?:\w+\s+)?(?:moved|trans-?s?hipped|transferred|reloaded|handled|"
    r"processed|switched)\b[^.;]{0,80}?\bat\s+(?:the\s+)?(?=[\"“]?[A-Z]|dry\s+port|port|terminal)"
    r"|\btrains\s+(?:already\s+|now\s+)?(?:stop|pass|call)\s+(?:there|here|through\s+it|at\s+it)\b"
    # "offers container transit by rail", "provides storage and handling services": its trade
    r"|\b(?:offers|provides)\s+(?:[\w-]+\s+){0,3}?(?:transit|trans-?s?hipment|handling|storage|"
    r"warehousing|(?:logistics|terminal|freight)\s+services)\b",
    re.I,
)


#: Freight going through a place: "some 60 trains a month now pass through the dry port", "9,000
#: containers passed through Khorgos" (not through a country: that is a route's).
PASS_THROUGH = re.compile(
    r"\b(?:trains?|containers?|wagons?|cargo(?:es)?|goods|freight|boxes|TEUs?|consignments?|"
    r"shipments?|vehicles|trucks)\b[^.;]{0,50}?\b(?:pass|passes|passed|passing|go|goes|went|"
    r"move|moves|moved|travel|travels|travelled|traveled|run|runs|ran)\s+through\s+"
    r"(?P<place>it\b|there\b|here\b|(?:the\s+)?(?:[\"“]?[A-Z][\w’'–-]*[\"”]?\s+){0,3}(?:dry\s+|"
    r"inland\s+|land\s+)?(?:port|terminal|hub)\b|[A-Z][\w’'-]*)",
)
#: Freight handled at a place said by a relative or an adverb: "the junction where containers
#: are shifted between gauges", "each day four trains are transshipped here".
HANDLED_HERE = re.compile(
    r"\bwhere\s+(?:[\w-]+\s+){0,3}?(?:is|are|was|were|gets?|got)\s+(?:\w+\s+)?(?:moved|"
    r"trans-?s?hipped|transferred|reloaded|shifted|handled|processed|switched|loaded|unloaded|"
    r"sorted)\b|\b(?:is|are|was|were)\s+(?:\w+\s+)?(?:moved|trans-?s?hipped|transferred|"
    r"reloaded|shifted|handled|processed|switched)\s+(?:here|there)\b",
    re.I,
)
#: Gas (or oil) at work in a pipeline: "some 40 bcm a year now flow through the pipeline", "gas
#: is supplied via the line", "the volume of gas supplies through the pipeline is 40 bcm".
FLOWING = re.compile(
    r"\b(?:flows?|flowed|flowing|moves?|moved|(?:is|are|was|were|has\s+been|have\s+been)\s+"
    r"(?:being\s+)?(?:pumped|supplied|delivered|transported|shipped|piped|carried|sent|"
    r"exported|transmitted))\s+(?:\w+\s+){0,3}?(?:through|along|via|by|in)\s+(?:the\s+|its\s+|"
    r"this\s+)?(?:[\w’'–-]+\s+){0,6}?(?:pipelines?|pipe|lines)\b"
    r"|\b(?:supplies|deliveries|flows?|transit|throughput|exports?)\s+(?:of\s+(?:natural\s+)?"
    r"(?:gas|oil)\s+)?(?:through|via|along|by)\s+(?:the\s+)?(?:[\w’'–-]+\s+){0,6}?pipelines?\s+"
    r"(?:is|are|was|were|stands?|stood|amounts?|amounted|totals?|totalled|reached|reaches)\b",
    re.I,
)
#: A count of years it has worked: "over ten years of steady operation, the pipeline has ...".
YEARS_WORKED = re.compile(
    r"\b(?:over|after|in|during)\s+(?:the\s+)?(?:past\s+|last\s+)?(?:\d+|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|fifteen|twenty)\s+years\s+of\s+(?:[\w-]+\s+)?"
    r"(?:operation|service)\b",
    re.I,
)
#: A port's work named as a noun with its change or level: "transshipment at the dry port rose
#: to 324,000 TEU", "throughput at the terminal reached ..." (a route's freight is no port's).
WORK_AT = re.compile(
    r"\b(?:trans-?s?hipments?|throughput|cargo\s+turnover|container\s+handling|handling)\s+(?:at|in|"
    r"through)\s+(?:the\s+)?[^.;]{0,60}?\b(?:dry\s+|land\s+|inland\s+)?(?:port|terminal|hub)[\"”’']?\s+"
    r"(?:has\s+)?(?:rose|risen|grew|grown|increased|climbed|jumped|reached|came\s+to|amounted|"
    r"totall?ed|was|were|stood|doubled|tripled|exceeded|surpassed|topped)\b",
    re.I,
)
#: A capacity raised from what it is now: "will lift the terminal's handling capacity one and a
#: half times, from 540,000 ...": the facility works today, whatever the tense of the plan.
RAISED_FROM = re.compile(
    r"\b(?:rais|lift|increas|expand|boost|doubl|tripl)\w*\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:port|terminal|pipeline|hub)[’']s\s+(?:[\w-]+\s+)?capacity\b[^.;]{0,40}?\bfrom\s+\d",
    re.I,
)
_CARGO_OF = {
    "port": (AT_WORK, PASS_THROUGH, HANDLED_HERE, WORK_AT),
    "port;pipeline": (RAISED_FROM,),
    "pipeline": (FLOWING,),
    "railway;pipeline;port;highway": (YEARS_WORKED,),
}


def at_work(sentence: str, countries: tuple[str, ...] | list[str] = ()) -> list[Value]:
    """Operating, implied by a facility doing its work as a fact of its time (not "will handle",
    "could serve", "once trains stop there"): a port handling freight, gas flowing in a pipeline.
    The value is only a system's of that kind (hint ``of``): goods passing through Kazakhstan
    say nothing of a port, gas in a pipeline nothing of a railway."""
    for kind, patterns in _CARGO_OF.items():
        for pattern in patterns:
            for m in pattern.finditer(sentence):
                place = m.groupdict().get("place")
                said = "" if pattern is RAISED_FROM else mood(sentence, m.start(), m.end())
                if said or (place and place in countries):
                    continue
                if pattern is YEARS_WORKED and FUTURE.search(sentence, m.end()):
                    continue  # "over 30 years of operation it is expected to earn ...": to come
                why = f"what it does, {m.group().strip()!r}"
                hints = {"implied": why, "of": kind, "topic": "the article's own facility"}
                return [Value("status", "operating", at=m.end(), reason=why, hints=hints)]
    return []


_OPERATOR_NOW = re.compile(
    r"\b(?:runs|operates|manages|run by|operated by|managed by|(?:group|company|firm|operator) "
    r"that runs)\b|a member of the group that runs it",
    re.I,
)


#: "will be run by a joint venture", "is to operate it": an operator to come says nothing of today.
_FUTURE_RUN = re.compile(
    r"\b(?:will|would|shall|is to|are to|to)\s+(?:be\s+)?(?:\w+\s+(?:and\s+)?)?"
    r"(?:run|runs|operate|operated|manage|managed)\b",
    re.I,
)


#: An opening told as done: "went into service", "was commissioned", "started working".
_OPENED = re.compile(
    r"\b(?:went|came)\s+(?:into|on)\s+(?:service|operation|stream|line)|\b(?:was|were|has\s+been|"
    r"have\s+been)\s+(?:\w+\s+)?(?:opened|commissioned|inaugurated|put\s+into\s+(?:service|"
    r"operation))|\b(?:opened|entered\s+service|came\s+online)\b|"
    # "the pipeline, commissioned in December 2009, ...": a participle of the past
    r",\s+(?:first\s+)?(?:commissioned|inaugurated|launched|put\s+into\s+(?:service|operation))\b|"
    r"\b(?:began|started)\s+(?:\w+\s+)?"
    r"(?:operating|operations?|working|running|service|pumping|supplying|flowing|sending|"
    r"carrying|delivering|to\s+(?:flow|operate|work|run|pump|supply|carry))\b",
    re.I,
)
#: A start told as done: "the ceremony starting work ... was held", "construction began".
_STARTED = re.compile(
    r"\b(?:was|were)\s+held\b|\btook\s+place\b|\b(?:began|started|commenced|got\s+under\s*way|"
    r"kicked\s+off|broke\s+ground)\b|\bground\s+was\s+broken\b",
    re.I,
)


def _started_by(value: str, reference: str, quote: str) -> bool:
    """A start dated within the article's own month ("on 13 September" in a report of September
    2014), told in the past: begun by the article's date. (A year alone within a dated article
    says less: statuses.py reads its tense.)"""
    same = bool(reference) and len(value) > len(reference) and value.startswith(reference)
    return same and bool(_STARTED.search(quote)) and not _FUTURE_START.search(quote)


#: A start still to come: "is to begin", "will get under way", "is due to start".
_FUTURE_START = re.compile(
    r"\b(?:will|shall|(?:is|are)\s+to|(?:is|are)\s+(?:due|set|expected|scheduled|slated)\s+to)"
    r"\s+(?:\w+\s+){0,2}?(?:begin|start|commence|get\s+under\s*way|break\s+ground|kick\s+off)\b",
    re.I,
)


def compare(date: str, reference: str) -> int | None:
    """-1, 0 or 1 as ``date`` is before, on or after ``reference``, at the precision both state;
    None when either is no date, or when they agree only at a coarser precision than the finer of
    the two ("2014-09-13" against a month-only "2014-09": the day is unknown)."""
    pattern = re.compile(r"^\d{4}(?:-\d\d(?:-\d\d)?)?$")
    if not (pattern.match(date or "") and pattern.match(reference or "")):
        return None
    n = min(len(date), len(reference))
    a, b = date[:n], reference[:n]
    if a != b:
        return -1 if a < b else 1
    return 0 if len(date) == len(reference) else None


def _period_end(period: str) -> str:
    return period.split("/")[-1] if period else ""


def evidence(
    row: dict[str, str], reference: str, route: bool = False, unfinished: bool = False
) -> tuple[str, str] | None:
    """The status one proposed row implies and why, or None. ``route``: the row's system is a
    corridor of other infrastructure, whose opening date and operator imply nothing (its own
    traffic does, as a port's: rule 11); ``unfinished``: the article gives its completion as
    still to come."""
    field, value = row["field"], row["value"]
    if row["qualifier"] and field.endswith("_date"):
        return None  # "by 2029", "before the end of": no dated event
    if field == "opening_date" and route:
        return None  # a corridor's "opening" is mostly a leg's or a terminal's along it
    if field == "opening_date" and compare(value, reference) == -1:
        return "operating", f"its opening date {value}, before the article's date {reference}"
    if field == "opening_date" and not reference and _OPENED.search(row.get("quote", "")):
        # no dateline to set the date against, but the tense says the opening has happened
        return "operating", f"its opening ({value}) told in the past, in an article with no date"
    whose = "the route's" if route else "its"
    if field == "traffic" and not reference:
        # an undated copy: traffic carried (traffic to carry is a target) says it works
        when = f", {row['period']}" if row["period"] else ""
        return (
            "operating",
            f"{whose} traffic ({value}{when}), told in the past in an undated article",
        )
    end = _period_end(row["period"])
    if field == "traffic" and (
        compare(end, reference) in (-1, 0) or (end and reference.startswith(end))
    ):
        return (
            "operating",
            f"{whose} traffic carried in {row['period']}, by the article's date {reference}",
        )
    if (
        field == "start_date"
        and not reference
        and unfinished
        and _STARTED.search(row.get("quote", ""))
        and not _FUTURE_START.search(row.get("quote", ""))
    ):
        # an undated copy: "construction began in September 2014 ... will be finished by 2020":
        # begun, and its end still to come, so the works are going on (a start alone may be
        # long past, the line opened or the works halted since)
        why = f"works started {value} and due to end, told so in an undated article"
        return "under_construction", why
    if field == "start_date":
        order = compare(value, reference)
        if order in (-1, 0) or (order is None and _started_by(value, reference, row["quote"])):
            return (
                "under_construction",
                f"works started {value}, on or before the article's date {reference}",
            )
        if order == 1:
            return "planned", f"works to start {value}, after the article's date {reference}"
        if (
            order is None
            and reference.startswith(value)
            and _FUTURE_START.search(row.get("quote", ""))
        ):
            # "is to begin this year" in a February report: not begun yet, as the tense says
            return "planned", f"works still to start in {value}, the article's own period"
    if (
        field == "operator"
        and not route  # a route's consortium runs services on it, whatever stage its works are in
        and _OPERATOR_NOW.search(row.get("reason", ""))
        and not _FUTURE_RUN.search(row.get("quote", ""))
    ):
        return "operating", f"an operator that runs it now ({value})"
    return None


def _section_start(row: dict[str, str], reference: str) -> tuple[str, str] | None:
    """Works begun on a section (the Uzbek section of Line C) before the article: the line they
    belong to is being built. Only a start: a section's opening says nothing of the rest."""
    if row["field"] != "start_date" or row["qualifier"]:
        return None
    order = compare(row["value"], reference)
    if order not in (-1, 0) and not (
        order is None and _started_by(row["value"], reference, row.get("quote", ""))
    ):
        return None
    why = f"works on its {row['scope']} section started {row['value']}, by the article's date"
    return "under_construction", f"{why} {reference}"


_RANK = {"operating": 3, "under_construction": 2, "planned": 1}
_EVENTS = {"opening_date", "start_date", "completion_date", "traffic", "target"}


def implied(
    rows: list[dict[str, str]], reference: str, routes: frozenset[str] = frozenset()
) -> list[tuple[dict[str, str], str, str]]:
    """(the row it is read from, the status, why) for each system the article implies a stage of:
    the furthest stage any of its rows implies; none where a status is stated. ``routes``: the
    systems that are corridors of other infrastructure (their opening dates imply no stage)."""
    out = []
    systems = dict.fromkeys((r["corridor"], r["feature"]) for r in rows if r["corridor"])
    for system, feature in systems:
        own = [r for r in rows if r["corridor"] == system and r["feature"] == feature]
        if any(r["field"] == "status" for r in own):
            continue
        mine = [r for r in own if not r["scope"]]
        if feature:  # a drawn line: only its works begun say its stage ("Line C's start")
            mine = [r for r in mine if r["field"] == "start_date"]
        route = system in routes
        unfinished = any(
            r["field"] == "completion_date" and FUTURE.search(r.get("quote", "")) for r in own
        )
        found = [
            (r, *e) for r in mine if (e := evidence(r, reference, route, unfinished)) is not None
        ]
        found += [(r, *e) for r in own if r["scope"] and (e := _section_start(r, reference))]
        if not found and not any(r["field"] in _EVENTS for r in mine):
            proposed = [r for r in mine if r["field"] == "proposed_date"]
            if proposed and compare(proposed[0]["value"], reference) == -1:
                why = f"only when it was first proposed ({proposed[0]['value']}) is dated"
                found = [(proposed[0], "planned", why)]
        if found:
            row, status, why = max(found, key=lambda f: _RANK[f[1]])
            out.append((row, status, why))
    return out


#: An event told in the present perfect, the news of the day: "work on the section has begun",
#: "building has been launched", "the third line has begun to carry gas" (not "has already
#: begun", a start some time back, nor one with a date of its own).
_JUST_STARTED = re.compile(
    r"\b(?:has|have)\s+(?:now\s+|actually\s+|officially\s+|finally\s+)?(?:begun|started|"
    r"commenced|been\s+(?:launched|initiated)|got(?:ten)?\s+(?:going|under\s*way)|kicked\s+off)\b"
    r"(?!\s+(?:to\s+)?(?:carry|pump|flow|deliver|supply|operat|run|work))",
    re.I,
)
_JUST_OPENED = re.compile(
    r"\b(?:has|have)\s+(?:now\s+|officially\s+|finally\s+)?(?:begun|started)\s+(?:to\s+)?"
    r"(?:carry|carrying|pump|pumping|deliver|delivering|supply|supplying|operat\w+)\b"
    r"|\b(?:has|have)\s+(?:now\s+|officially\s+)?been\s+(?:put\s+into\s+(?:operation|service)|"
    r"commissioned)\b",
    re.I,
)
_A_STEP = re.compile(
    r"\b(?:excavation|tunnell?ing|track-?laying|tracklaying|earthworks?|tunnels?|bridges?|"
    r"viaducts?|welding|drilling|boring)\b",
    re.I,
)
_DATED = re.compile(r"\b(?:19|20)\d\d\b|\b(?:already|earlier|ago|since|last|previously)\b", re.I)


def reported(
    rows: list[dict[str, str]], reference: str
) -> list[tuple[dict[str, str], str, str, str]]:
    """(the row, field, value, why) for a start or an opening the article tells as its news in
    the present perfect with no date ("building of the pipeline has been launched", in a report
    of 10 July 2008): the month of the report, as curators record it. Nothing where the article
    dates that event of the system elsewhere, or has no date of its own."""
    if not re.match(r"^\d{4}-\d\d", reference or ""):
        return []
    out = []
    for row in rows:
        quote = row.get("quote", "")
        if row["field"] != "status" or _DATED.search(quote) or quote.count(",") > 3:
            continue
        pattern = {"under_construction": _JUST_STARTED, "operating": _JUST_OPENED}.get(row["value"])
        field = "start_date" if row["value"] == "under_construction" else "opening_date"
        m = pattern.search(quote) if pattern else None
        if m and _A_STEP.search(quote, 0, m.start()):
            continue  # "excavation has got going at the tunnel sites": a step, not the works
        if m is None or any(
            r["field"] == field
            and (r["corridor"], r["feature"]) == (row["corridor"], row["feature"])
            for r in rows
        ):
            continue
        why = f"{m.group()!r} told as the news of a report dated {reference}: its month"
        out.append((row, field, reference[:7], why))
    return out


def later_openings(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The opening dates to drop: a system opens once, so where an article dates two openings of
    one system (or one line, or one section), the later is a step after it (gas "began to
    supply" a city a month on, a second stage put into service) and the earliest is the
    opening. Undated and bounded ones ("by 2015") are compared by their stated value."""
    out = []
    groups: dict[tuple[str, str, str], list[dict[str, str]]] = {}
    for r in rows:
        if r["field"] == "opening_date" and not r["qualifier"] and r["corridor"]:
            groups.setdefault((r["corridor"], r["feature"], r["scope"]), []).append(r)
    for found in groups.values():
        first = min(found, key=lambda r: r["value"])
        out += [r for r in found if r is not first and compare(first["value"], r["value"]) == -1]
    return out
