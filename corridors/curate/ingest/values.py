"""The fourth pass: the typed values a sentence states, each with the field it fills.

Quantities (quantities.py) become fields by the words around them:

- money with a word of cost ("cost", "price tag", "bill", "put at", "a $8 billion railway") is a
  cost; money given as grants, trade or fees is not;
- kilometres are a length, or a section length where the clause names a section and its country
  ("the Kyrgyz stretch", "on Tajik soil", "Kazakhstan (520 km)") or a stretch between two places;
  a distance ("300 km from Almaty") is neither;
- bcm, tonnes, TEU, trains: a yearly figure with a word of capacity ("designed to deliver 30 bcm a
  year", "can carry 55 bcm a year") is a capacity; a figure carried in a stated period ("19 bcm in
  the first six months of this year", "372,000 TEU last year") is traffic with that period; one
  expected, aimed at or due ("expects 4.2 million tons ... this year", "due to be dispatched
  before the end of the year") is a target with its year. A capacity raised "to 85 bcm" in the
  future is no one's capacity yet: not proposed;
- days and hours with a word of travel ("the journey should take eight days") are a transit time,
  with the stretch as scope; a share with a word of ownership ("will hold 51 percent") a stake,
  with its holders as scope; tunnels and bridges are counts.

Dates (dates.py) fill the event the words next to them name: start ("will get under way in
October", "the groundbreaking ceremony on September 13"), completion ("will be completed within
the next five years"), opening ("began operating in July"), first proposed ("first surfaced in
1996"); a date a statement was made on ("said on Tuesday") fills nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import dates, phrases, quantities, scopes
from .fields import Value
from .quantities import Quantity, num_text


@dataclass
class Context:
    """What a sentence is read against: the article's date and what earlier sentences said."""

    article_date: str = ""
    countries: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    last_year: str = ""  # the last year named, for "that year"
    last_target: str = ""  # the year of the last target read, for "those 300 trains would ..."
    last_stretch: str = ""  # the last stretch named ("Urumqi-Baku"), for a trip's length or time
    last_country: str = ""  # the last country the sentence before named, for "from there"
    last_ends: tuple[str, str] = ("", "")  # the first and last country of the last route read
    last_section: str = ""  # the country of the last section read, for "that leg"
    last_span: str = ""  # the last span of months read ("2024-01/2024-11"), for "the same months"
    quantities: str = "rules"
    dates: str = "rules"


COST_CUE = re.compile(
    r"\b(?:cost|costs|costing|price\s+tag|bill|budget|investment|invested|invest|put\s+at|"
    r"estimated\s+at|valued\s+at|financ\w*|loans?|lend\w*|lent|funding|spend|spent|"
    r"capital expenditure)\b",
    re.I,
)
NOT_COST = re.compile(
    r"\b(?:grants?|trade|turnover|exports?|imports?|revenue|profit|fees?)\b", re.I
)
CAPACITY_CUE = re.compile(
    r"\b(?:capacity|can\s+(?:carry|handle|transport|deliver|pump|take|move)|designed\s+to|able\s+to|"
    r"meant\s+to\s+carry|(?:will|would|should|could|to|and)\s+(?:\w+ly\s+)?(?:carry|handle|"
    r"transport|deliver|"
    r"pump))\b",
    re.I,
)
TRAFFIC_CUE = re.compile(
    r"\b(?:carried|handled|transported|shipped|delivered|received|travell?ed|moved|passed|"
    r"transited|reached|pumped|supplied|exported|imported|volumes?|throughput|flows?|sent|"
    r"dispatched|ran|processed|took)\b",
    re.I,
)
TARGET_CUE = re.compile(
    r"\b(?:expects?|expected|aims?|aimed|wants?|target|targets|goal|plans?\s+to|planned|intends?\s+to|"
    r"due\s+to\s+be|are\s+to\s+be|is\s+to\s+be|would\s+(?:move|carry|handle|transport)|forecasts?|"
    r"projected|will\s+reach|should\s+reach|supposed\s+to|set\s+to\s+(?:reach|carry|handle))\b",
    re.I,
)
#: "would add 30 bcm of annual capacity": what a new part brings (its own capacity, never the
#: whole's).
ADDS_CAPACITY = re.compile(
    r"\b(?:add|adds|adding|added|bring|brings|provide|provides)\s+(?:\w+\s+){0,2}$", re.I
)
#: Words that make a figure an aim even without a year; "is to be", "due to be", "would carry"
#: make one only with its year (else a yearly figure is what the thing is built to carry).
STRONG_TARGET = re.compile(
    r"(?:expects?|aims?|aimed|wants?|target|targets|goal|plans?\s+to|planned|"
    r"intends?\s+to|forecasts?|projected)$",
    re.I,
)
INCREASE = re.compile(
    r"\b(?P<verb>lift|lifts|lifted|lifting|raise|raises|raised|raising|increase|increases|"
    r"increased|increasing|boost|boosts|boosted|boosting|expand|expands|expanded|expanding|"
    r"double|doubles|doubled|doubling|bring|brings|brought|bringing|grew|grow|grows|growing|"
    r"rose|rise|rises|rising|climbed|climbs|jumped|jumps|"
    # a fall ends at a level too: "fell 4% in the first nine months to 31.2 bcm"
    r"fell|fall|falls|dropped|drops|declined|declines|slipped|slips|shrank|shrinks)\b",
    re.I,
)
TRAVEL_CUE = re.compile(
    r"\b(?:journey|trip|transit|travel\w*|ride|voyage|run|runs|reach|reaches|arrive\w*|take|takes|"
    r"took|need|needs|lasts?|delivery|delivered)\b",
    re.I,
)
NOT_TRAVEL = re.compile(
    r"\b(?:process\w*|handl\w*|clear\w*|customs|unload\w*|transship\w*)\b", re.I
)
STAKE_CUE = re.compile(
    r"\b(?:stake|stakes|share|shares|hold|holds|held|holding|own|owns|owned|owning|interest|"
    r"equity)\b",
    re.I,
)
DISTANCE = re.compile(r"^\s*(?:away|from|north|south|east|west|outside|off)\b", re.I)
_GLUED_HEAD = re.compile(
    r"^\s*(?:-?long\s+)?(?:\w+\s+){0,2}?(?:railway|railroad|line|pipeline|route|link|spur|road|"
    r"highway|track|corridor|branch)\b",
    re.I,
)


def _cost(q: Quantity, sentence: str, countries: set[str]) -> Value | None:
    after = sentence[q.end : q.end + 40]
    near_head = re.match(r"^\s*(?:[\w-]+\s+){0,2}?(?:railway|pipeline|project|line|port)\b", after)
    if NOT_COST.search(sentence) and not near_head:
        return None
    if not (COST_CUE.search(sentence) or near_head):
        return None
    scope = _cost_scope(sentence, q, countries)
    return Value(
        "cost",
        num_text(q.number),
        q.unit,
        q.qualifier,
        q.start,
        scope=scope,
        reason=f"{sentence[q.start : q.end]!r} with a word of cost",
    )


def _cost_scope(sentence: str, q: Quantity, countries: set[str]) -> str:
    """ "Putting the line across Kyrgyzstan is estimated to cost ...": the section's country."""
    names = "|".join(re.escape(c) for c in sorted(countries, key=len, reverse=True)) or "(?!)"
    m = re.search(
        rf"\b(?:line|section|stretch|leg|part|track)\s+(?:across|through|in)\s+(?P<c>{names})\b",
        sentence[: q.start],
    )
    if m:
        return m.group("c")
    return scopes.section_country(sentence, q.start, q.end, countries)


def _length(
    q: Quantity, sentence: str, countries: set[str], last_section: str = ""
) -> Value | None:
    if DISTANCE.match(sentence[q.end :]) and not re.match(
        r"\s*from\s+(?:the\s+)?[A-Z][^,;.]*?\s+to\s+(?:the\s+)?[A-Z]", sentence[q.end :]
    ):
        return None  # "300 km from Almaty": a distance; "1,830 km from A to B" is a length
    text = sentence[q.start : q.end]
    if scopes.not_a_length(sentence, q.start, q.end):
        return None  # "1,000 km shorter", "cut by 900 km", "a 1.56-km tunnel"
    # "the 380-kilometre branch", "the 523 km line": the length of what the figure qualifies
    glued = bool(_GLUED_HEAD.match(sentence[q.end :])) and not scopes.glued_part(sentence, q.end)
    a0, _ = scopes.clause_of(sentence, q.start)
    if re.search(r"\b(?:tunnels?|bridges?|viaducts?)\b", sentence[a0 : q.start], re.I):
        return None  # "40 tunnels with a combined length of 80 km": the tunnels' length
    reason = f"{text!r}"
    placed = "" if glued else scopes.country_after(sentence, q.end, countries)
    placed = placed or scopes.bracketed(sentence, q.start, q.end, countries)
    placed = placed or scopes.clause_place(sentence, q.start, countries)
    if placed:
        return Value(
            "section_length",
            num_text(q.number),
            "km",
            q.qualifier,
            q.start,
            scope=placed,
            reason=f"{reason} in {placed}, a section",
        )
    if scopes.is_partial_stretch(sentence, q.start):
        return None  # "the first 160 km": a stretch from one end, not the whole nor a country's
    if not glued and scopes.is_section(sentence, q.start):
        country = scopes.section_country(sentence, q.start, q.end, countries)
        a, b = scopes.clause_of(sentence, q.start)
        where = country or scopes.stretch(sentence[a:b])
        if not where and last_section and THAT_SECTION.search(sentence[a:b]):
            where = last_section  # "The section will run for 215 km": the section just named
        if not where:
            return None  # a section with no country or ends named: whose, the curator decides
        return Value(
            "section_length",
            num_text(q.number),
            "km",
            q.qualifier,
            q.start,
            scope=where,
            reason=f"{reason}, a section ({where})",
        )
    return Value("length", num_text(q.number), "km", q.qualifier, q.start, reason=reason)


def _increase(sentence: str, q: Quantity) -> str:
    """'by' or 'to' when the quantity is the step or the end of an increase; '' otherwise."""
    verb = INCREASE.search(sentence[: q.start])
    if not verb:
        return ""
    m = re.search(r"\b(by|to)\s+(?:\w+\s+){0,2}$", sentence[max(0, q.start - 25) : q.start])
    return m.group(1).lower() if m else ""


#: "last year it could handle 6 mn tons": what it is able to carry, a capacity, not traffic.
ABLE_TO = re.compile(
    r"\b(?:can|could|was\s+able\s+to|is\s+able\s+to)\s+(?:handle|carry|take|move|process|"
    r"accommodate|transport)\s+(?:up\s+to\s+|as\s+much\s+as\s+)?$",
    re.I,
)


def _flow(q: Quantity, sentence: str, ctx: Context, periods: list[dates.Period]) -> Value | None:
    """Capacity, traffic or target: by the words around a bcm, tonnes, TEU or trains figure."""
    after = [p for p in periods if p.start >= q.end] or periods
    step = _increase(sentence, q)
    future = re.search(
        r"\b(?:will|would|to be|is to|are to|plans? to|aims? to|aiming to|intends? to|wants? to|"
        r"expects? to|hopes? to|planning to)\b",
        sentence[: q.start],
    )
    if step:
        return _flow_change(q, sentence, step, future, after)
    return _flow_stated(q, sentence, ctx, after)


def _flow_change(
    q: Quantity, sentence: str, step: str, future: re.Match | None, after: list[dates.Period]
) -> Value | None:
    """A figure that is the step or the end of an increase ('grew to', 'raise by'): an aim with
    its year, the capacity reached or added, or the level carried; None when it is none of them
    (an increase read as a plain figure would misstate what was carried)."""
    figure = sentence[q.start : q.end]
    if step == "to" and future:
        by_year = r"\bby\s+(?:the\s+end\s+of\s+)?((?:19|20)\d\d)\b"
        m = re.search(by_year, sentence[q.end :]) or re.search(by_year, sentence)
        if m:  # "plans to raise its capacity to 1 million TEU by 2030": an aim with its year
            unit = f"{q.unit}/year" if q.unit != "trains" else q.unit
            return Value(
                "target",
                num_text(q.number),
                unit,
                q.qualifier,
                q.start,
                period=m.group(1),
                reason=f"{figure!r}, the level it is to be raised to by {m.group(1)}",
            )
    if step == "to" and not future and CAPACITY_CUE.search(sentence):
        return Value(
            "capacity",
            num_text(q.number),
            f"{q.unit}/year",
            q.qualifier,
            q.start,
            reason=f"{figure!r}, the capacity reached",
            hints={"whole": "yes"},
        )
    spans = [p for p in after if not p.target]
    if step == "to" and not future and spans and not q.yearly:
        # "cargo grew to 3.9 million tonnes in 2025": what was carried in that period
        return Value(
            "traffic",
            num_text(q.number),
            q.unit,
            q.qualifier,
            q.start,
            period=spans[0].value,
            reason=f"{figure!r}, the level carried reached in a stated period",
        )
    if step == "by" and future and CAPACITY_CUE.search(sentence):
        return Value(
            "capacity",
            num_text(q.number),
            f"{q.unit}/year",
            q.qualifier,
            q.start,
            reason=f"{figure!r}, the capacity it adds",
            hints={"part": "yes"},
        )
    return None


def _flow_stated(
    q: Quantity, sentence: str, ctx: Context, after: list[dates.Period]
) -> Value | None:
    """A figure stated as it is: capacity added, a target (with the year the sentence or an
    earlier one gives), a yearly capacity, or the traffic of a stated period."""
    figure = sentence[q.start : q.end]
    a, b = scopes.clause_of(sentence, q.start)
    if q.unit != "trains" and ABLE_TO.search(sentence[a : q.start]):
        spans = [p.value for p in after if not p.target]
        return Value(
            "capacity",
            num_text(q.number),
            f"{q.unit}/year",
            q.qualifier,
            q.start,
            period=spans[0] if spans else "",
            reason=f"{figure!r}, what it could handle",
        )
    if ADDS_CAPACITY.search(sentence[a : q.start]) and re.match(
        r"\s*(?:of\s+)?(?:gas\s+)?(?:of\s+)?(?:annual\s+|yearly\s+|new\s+)?capacity\b",
        sentence[q.end : b],
    ):
        return Value(
            "capacity",
            num_text(q.number),
            f"{q.unit}/year",
            q.qualifier,
            q.start,
            reason=f"{figure!r}, the capacity it adds",
            hints={"part": "yes"},
        )
    target = TARGET_CUE.search(sentence[a:b])
    stated = next((p.value for p in after if p.target or len(p.value) == 4), "")
    if target and q.yearly and not stated and not STRONG_TARGET.match(target.group()):
        target = None  # "is to carry 30 bcm a year": what it is built for, a capacity
    by_year = re.search(r"\bby\s+(?:the\s+end\s+of\s+)?(?:19|20)\d\d\b", sentence[q.end : b])
    if not target and q.yearly and by_year:
        target = by_year  # "will handle 300,000 TEU a year by 2027": an aim, not today's capacity
    if target:
        year = stated or ctx.last_target
        ctx.last_target = year or ctx.last_target
        unit = f"{q.unit}/year" if q.yearly and q.unit != "trains" else q.unit
        note = "" if year else "The sentence states no year for the target; write it here."
        return Value(
            "target",
            num_text(q.number),
            unit,
            q.qualifier,
            q.start,
            note=note,
            period=year,
            reason=f"{figure!r} with {target.group()!r}",
        )
    if q.unit != "trains" and (
        (q.yearly and CAPACITY_CUE.search(sentence))
        or re.search(r"\bcapacity\b", sentence[: q.start], re.I)
    ):
        return Value(
            "capacity",
            num_text(q.number),
            f"{q.unit}/year",
            q.qualifier,
            q.start,
            reason=f"{figure!r}, a yearly capacity",
        )
    spans = [p for p in after if not p.target]
    if TRAFFIC_CUE.search(sentence) and spans and not q.yearly:
        return Value(
            "traffic",
            num_text(q.number),
            q.unit,
            q.qualifier,
            q.start,
            period=spans[0].value,
            reason=f"{figure!r} carried in a stated period",
        )
    return None


#: A trip there and back, or a wagon's turn: no transit time between two places.
ROUND_TRIP = re.compile(
    r"\b(?:return\s+(?:of|trip|journey)|round[- ]trip|turn-?around|turnround|full\s+turn|"
    r"there\s+and\s+back)\b",
    re.I,
)


def _transit(q: Quantity, sentence: str, ctx: Context) -> Value | None:
    if not TRAVEL_CUE.search(sentence) or NOT_TRAVEL.search(sentence):
        return None
    if re.match(r"^\s*(?:a|per)\s+week|^\s*(?:later|ago|earlier)", sentence[q.end :]):
        return None
    if re.match(
        r"^\s*(?:less|more|fewer|shorter|longer|faster|quicker|slower)\b", sentence[q.end :]
    ):
        return None  # "three days less than last year": a difference, not a time
    if re.search(
        r"\b(?:will|would|should|could|to|expected to)\s+(?:\w+\s+)?(?:drop|fall|be cut|"
        r"be reduced|shrink|come down)\s+to\s+(?:\w+\s+){0,2}$",
        sentence[: q.start],
    ):
        return None  # "should drop to 12 days once ...": a hope, not today's transit time
    if re.search(
        r"\b(?:against|compared\s+with|down\s+from|from)\s+(?:\w+\s+)?$", sentence[: q.start]
    ) or re.match(r"^\s*(?:\w+\s+){0,2}(?:ago|earlier)\b", sentence[q.end :]):
        return None  # "against about 25 days two years ago": what it used to take
    a, b = scopes.clause_of(sentence, q.start)
    if ROUND_TRIP.search(sentence[a:b]):
        return None  # "with the return of the wagon a full turn takes 10 days": there and back
    # the stretch of the figure's own clause: "from A to B in 11 days, and others now need 12
    # days" gives the 12 days no places; a sentence naming none takes the trip read last
    a, b = scopes.clause_of(sentence, q.start)
    where = scopes.stretch(sentence[a:b]) or ("" if scopes.stretch(sentence) else ctx.last_stretch)
    low = re.search(r"\b(\d+)\s*(?:to|-|–)\s*$", sentence[: q.start])
    note = (
        f"The article gives a range, {low.group(1)} to {num_text(q.number)} {q.unit}; the upper "
        "end is proposed."
        if low
        else ""
    )
    return Value(
        "transit_time",
        num_text(q.number),
        q.unit,
        "up to" if low else q.qualifier,
        q.start,
        note=note,
        scope=where,
        reason=f"{sentence[q.start : q.end]!r} with a word of travel",
    )


def _stake(q: Quantity, sentence: str) -> list[Value]:
    if not STAKE_CUE.search(sentence) or not 0 < q.number <= 100:
        return []
    holders = phrases.holders(sentence, q.start) or [""]
    note = "" if holders != [""] else "The sentence names no holder; write it in scope."
    return [
        Value(
            "stake",
            num_text(q.number),
            "%",
            q.qualifier,
            q.start,
            note=note,
            scope=h,
            reason=f"{sentence[q.start : q.end]!r}, a share held",
        )
        for h in holders
    ]


def _count(q: Quantity, sentence: str, countries: set[str]) -> Value | None:
    if not q.number.is_integer():
        return None
    country = scopes.section_country(sentence, q.start, q.end, countries)
    return Value(
        q.unit,
        num_text(q.number),
        "",
        q.qualifier,
        q.start,
        scope=country,
        reason=f"{sentence[q.start : q.end]!r}",
    )


#: "over the same months": the span of months the article read last (not "than in the same months
#: of last year", a comparison).
SAME_SPAN = re.compile(
    r"(?<!than )\b(?:over|during|in)\s+the\s+same\s+(?:\w+\s+)?(?:months|period|weeks)\b"
    r"(?!\s+(?:of|a\s+year|last))",
    re.I,
)


def figures(sentence: str, ctx: Context) -> list[Value]:
    """Every figure of the sentence that fills a field, normalised as claims.csv stores it."""
    countries = set(ctx.countries)
    periods = dates.find_periods(sentence, ctx.article_date, ctx.last_year)
    same = SAME_SPAN.search(sentence)
    if same and ctx.last_span and not any(not p.target for p in periods):
        # "container traffic rose over the same months, to 50,500 TEU": the span read last
        periods = [dates.Period(ctx.last_span, same.start(), same.end()), *periods]
    spans = [p.value for p in periods if not p.target and "/" in p.value]
    if spans:
        ctx.last_span = spans[0]
    out: list[Value] = []
    for q in quantities.READERS[ctx.quantities](sentence):
        if q.unit in ("USD", "CNY"):
            value = _cost(q, sentence, countries)
        elif q.unit == "km":
            value = _length(q, sentence, countries, ctx.last_section)
        elif q.unit in ("bcm", "tonnes", "TEU", "trains", "containers"):
            value = _flow(q, sentence, ctx, periods)
        elif q.unit in ("days", "hours"):
            value = _transit(q, sentence, ctx)
        elif q.unit == "%":
            out += _stake(q, sentence)
            continue
        else:
            value = _count(q, sentence, countries)
        if value is not None:
            out.append(value)
    return out


# --- dates of events -----------------------------------------------------------------------------

EVENTS = (
    (
        "opening_date",
        r"opened|opening|entered\s+service|commissioned|put\s+into\s+(?:operation|service)|"
        r"(?:began|begun|started|start|begin)\s+(?:operating|operations|pumping|running|service)|"
        r"came\s+(?:online|on\s+stream)|inaugurated|launched\s+(?:operations|services?)|"
        r"began\s+operating|went\s+into\s+operation|(?:will|would|to|could|should|shall)\s+open",
    ),
    (
        "completion_date",
        r"completed|complete|completion|finished|finish|ready|due\s+(?:for\s+completion|to\s+open)|"
        r"built\s+by",
    ),
    (
        "proposed_date",
        r"proposed|discussed|conceived|mooted|envisaged|envisioned|first\s+(?:surfaced|put\s+"
        r"forward|hatched|floated|raised|suggested)|surfaced",
    ),
    (
        "start_date",
        r"start|starts|started|begin|begins|began|begun|commence|commences|commenced|kickstart|"
        r"kick\s+start|kick\s+off|kicks\s+off|kicked\s+off|get\s+under\s*way|got\s+under\s*way|"
        r"groundbreaking|break\s+ground|breaks\s+ground|broke\s+ground|ground\s+(?:was|is|will\s+be)"
        r"\s+broken|set\s+(?:work|construction)\s+going|laid\s+the\s+(?:first|foundation)\s+stone",
    ),
)
_EVENT_RE = re.compile("|".join(f"(?P<{name}>\\b(?:{words})\\b)" for name, words in EVENTS), re.I)
#: A date after one of these is when something was said, not when the thing happened.
SAID = re.compile(
    r"\b(?:said|says|told|announced|reported|stated|noted|added|urged|wrote|declared|"
    r"confirmed)\b",
    re.I,
)


#: Things whose opening or start is not the system's: "An office ... opened in January 2023".
OTHER_THING = re.compile(
    r"\b(?:office|centre|center|agreement|talks|summit|conference|exhibition|zone|factory|plant|"
    r"school|hospital|company|venture|consortium)\b",
    re.I,
)


#: A clause about something new beside the system: "a second yard", "a new terminal", "another
#: branch".
NEW_THING = re.compile(
    r"\s*(?:(?:and|but|while)\s+)?(?:an?\s+(?:second|third|fourth|new|additional|further|"
    r"extra)|another)\s+\w+",
    re.I,
)


#: "since the start of this year": the start of a span of the calendar, no start of works.
CALENDAR_START = re.compile(
    r"\s+of\s+(?:the\s+|this\s+|last\s+|next\s+)?(?:year|month|quarter|season|(?:19|20)\d\d)\b",
    re.I,
)


def _event_for(sentence: str, when: dates.When) -> tuple[str, re.Match] | None:
    """The event a date belongs to: the nearest cue before it in its clause, else right after;
    none when the clause opens with another thing ("An office ... opened in ...")."""
    a, b = scopes.clause_of(sentence, when.start)
    before = [
        m
        for m in _EVENT_RE.finditer(sentence, a, when.start)
        if not (m.lastgroup == "start_date" and CALENDAR_START.match(sentence, m.end()))
    ]
    if before and re.match(
        rf"\s*(?:an?|the)\s+(?:\w+\s+){{0,2}}?{OTHER_THING.pattern}", sentence[a:], re.I
    ):
        return None
    if before and re.search(r"\b(?:once|until|as soon as)\b", sentence[a : before[-1].start()]):
        return None  # "... once the ports finish their upgrades next year": a condition's date
    if NEW_THING.match(sentence[a:]):
        return None  # "a second container yard is due to open next year": not the system's date
    if (
        before
        and before[-1].lastgroup == "start_date"
        and re.match(
            r"\s+(?!build|construct|work|lay|operat|runn)\w+ing\b", sentence[before[-1].end() :]
        )
    ):
        return None  # "will start boring the first tunnels in 2026": a step, not the start of works
    if before:
        cue = before[-1]
        if SAID.search(sentence, cue.end(), when.start) or when.start - cue.end() > 70:
            return None
        return cue.lastgroup, cue  # type: ignore[return-value]
    after = _EVENT_RE.search(sentence, when.end, min(b, when.end + 45))
    if after and not SAID.search(sentence, when.end, after.start()):
        return after.lastgroup, after  # type: ignore[return-value]
    return None


def event_dates(sentence: str, ctx: Context) -> list[Value]:
    """Start, completion, opening and proposed dates: each date with the event it is of."""
    out = []
    for when in dates.READERS[ctx.dates](sentence, ctx.article_date):
        found = _event_for(sentence, when)
        if found is None:
            continue
        name, cue = found
        word = re.search(r"\b(by|since|before)\s+(?:the\s+)?$", sentence[: when.start], re.I)
        qualifier = when.qualifier or {"by": "by", "before": "by", "since": "since"}.get(
            word.group(1).lower() if word else "", ""
        )
        if qualifier == "by the end of" and not re.search(r"\bby\s+$", sentence[: when.start]):
            qualifier = "by the end of"
        text = sentence[min(cue.start(), when.start) : max(cue.end(), when.end)]
        # "Ground was broken for the Uzbek section on 5 May": the section's date, not the whole's
        scope = scopes.section_country(sentence, when.start, when.end, set(ctx.countries))
        out.append(
            Value(name, when.value, "", qualifier, when.start, when.note, f"{text!r}", scope=scope)
        )
    return out


#: "... the bill for that leg": the section the sentence before spoke of.
THAT_SECTION = re.compile(
    r"\b(?:that|this|the same)\s+(?:leg|section|stretch|segment|portion|part)\b"
    r"|^(?:\s*)The\s+(?:leg|section|stretch|segment|portion)\b",
    re.I,
)
_OF_A_SECTION = {"cost", "tunnels", "bridges", "start_date", "completion_date", "opening_date"}


#: A clause about works on the system, not the system: "The expansion will cost $250 million and
#: should be finished in 2027" gives the expansion's cost and date, scoped to it.
WORKS = re.compile(
    r"^\s*(?:(?:and|but|while)\s+)?(?:the|this|its)\s+(?P<w>expansion|upgrade|extension|"
    r"modernisation|modernization|(?:first|second|third)\s+phase|phase\s+(?:one|two|three|\d))\b",
    re.I,
)


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
    sections = [v.scope for v in values if v.scope in ctx.countries]
    sections += scopes.sections_named(sentence, set(ctx.countries))
    if sections:
        ctx.last_section = sections[-1]


def read_values(sentence: str, ctx: Context) -> list[Value]:
    """Every field value the sentence states: figures, dates of events and the phrase fields."""
    out = figures(sentence, ctx) + event_dates(sentence, ctx)
    _that_section(out, sentence, ctx)
    out += phrases.read_phrases(
        sentence, ctx.countries, ctx.places, ctx.last_country, ctx.last_ends
    )
    named = [(m.start(), c) for c in ctx.countries for m in re.finditer(rf"\b{c}\b", sentence)]
    ctx.last_country = max(named)[1] if named else ""
    for v in out:
        if v.field == "countries" and ";" in v.countries:
            ctx.last_ends = (v.countries.split(";")[0], v.countries.split(";")[-1])
    years = re.findall(r"\b(?:19|20)\d\d\b", sentence)
    if years:
        ctx.last_year = years[-1]
    where = scopes.stretch(sentence)
    if where:
        ctx.last_stretch = where
    return out
