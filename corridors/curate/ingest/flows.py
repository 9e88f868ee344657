"""Capacity, traffic and target: which of the three a bcm, tonnes, TEU or trains figure is.

A yearly figure with a word of capacity ("designed to deliver 30 bcm a year", "can carry 55 bcm a
year") is a capacity; a figure carried in a stated period ("19 bcm in the first six months of this
year", "372,000 TEU last year") is traffic with that period; one expected, aimed at or due
("expects 4.2 million tons ... this year", "due to be dispatched before the end of the year") is a
target with its year. A capacity raised "to 85 bcm" in the future is no one's capacity yet: not
proposed.
"""

from __future__ import annotations

import re

from . import changes, dates, flowtimes, scopes, totals
from .changes import INCREASE, MOVE
from .context import Context
from .fields import Value
from .quantities import Quantity, num_text, read_rules

#: A figure of what something is built or able to carry: its capacity.
CAPACITY_CUE = re.compile(
    rf"\b(?:capacity|capacities|can\s+(?:\w+\s+)?{MOVE}|designed\s+(?:to|for)|able\s+to|"
    rf"capable\s+of|built\s+to\s+{MOVE}|meant\s+to\s+(?:carry|bring|deliver|supply|transport)|(?:will|would|should|could|to|and)\s+"
    rf"(?:\w+ly\s+)?(?:carry|handle|transport|deliver|pump|move|ship|supply|transmit|bring))\b",
    re.I,
)
#: A figure of what was carried: the verbs and nouns of traffic ("passed through", "used the
#: route", "cargo turnover", "deliveries totalled", "volumes hit").
TRAFFIC_CUE = re.compile(
    r"\b(?:carried|handled|transported|shipped|delivered|received|travell?ed|moved|passed|"
    r"transited|reached|pumped|supplied|exported|imported|volumes?|throughput|flows?|flowed|sent|"
    r"dispatched|ran|processed|took|went|came|amounted\s+to|accounted\s+for|totall?ed|traffic|used|crossed|"
    r"recorded|registered|saw|hit|topped|exceeded|surpassed|posted|stood\s+at|turnover|brought|"
    r"arrived|departed|entered|served|serviced|trans-?s?hipped|reloaded|cleared|operated|"
    r"launched|organi[sz]ed|formed|"
    # "..., handling more than 372,000 TEU": a facility's participle straight before its figure
    r"(?:handling|processing|transshipping|transhipping)(?=\s+(?:(?:more|less|fewer)\s+than|"
    r"over|about|some|nearly|almost|around|roughly|close\s+to)?\s*\d)|"
    r"shipments?|deliveries|freight|cargo|transportation|transit)\b",
    re.I,
)
#: A figure aimed at, forecast or planned: a target (with its year).
TARGET_CUE = re.compile(
    r"\b(?:expects?|expected|aims?|aimed|aiming|wants?|hopes?|target|targets|targeted|goal|"
    r"plans?\s+to|plan\s+(?:is|was)\s+to|planned|planning|intends?\s+to|due\s+to\s+be|are\s+to\s+be|is\s+to\s+be|"
    r"would\s+(?:move|carry|handle|transport)|forecasts?|forecast\s+(?:at|to)|projected|"
    r"envisag\w+|(?:will|should|could|to)\s+(?:reach|hit|top|exceed|surpass|climb\s+to|rise\s+to|"
    r"grow\s+to|increase\s+to)|supposed\s+to|(?:set|poised|on\s+track)\s+to)\b",
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
    r"(?:expects?|aims?|aimed|aiming|wants?|hopes?|target|targets|targeted|goal|plans?\s+to|plan\s+(?:is|was)\s+to|"
    r"planned|planning|intends?\s+to|forecasts?|forecast\s+(?:at|to)|projected|envisag\w+)$",
    re.I,
)
#: "last year it could handle 6 mn tons": what it is able to carry, a capacity, not traffic.
ABLE_TO = re.compile(
    r"\b(?:can|could|was\s+able\s+to|is\s+able\s+to)\s+(?:\w+ly\s+)?(?:handle|carry|take|move|process|"
    r"accommodate|transport)\s+(?:up\s+to\s+|as\s+much\s+as\s+)?$",
    re.I,
)


#: "In its first phase the line will carry ...", "its third stage, which is to move ...": the
#: figures of a phase or stage, not of the system as it is.
PHASE = re.compile(
    r"\bin\s+(?:its|the)\s+(?:first|second|third|initial|final|next)\s+(?:phase|stage)\b"
    r"|\b(?:first|second|third|fourth|next|final)\s+(?:phase|stage)\s*,?\s*(?:which|that)\b",
    re.I,
)
#: "..., when the pipeline as a whole is to have 55 bcm": the state once something happens.
WHEN_CLAUSE = re.compile(r"(?:^|,\s*|\b(?:and|but)\s+)(?:when|once)\s+[^,;]*$", re.I)
#: A word that sets another figure beside this one: a period after it is the other figure's.
_BESIDE = re.compile(
    r"\b(?:compared\s+(?:with|to)|against|versus|than|up\s+from|down\s+from)\b", re.I
)


def _another_figure(between: str) -> bool:
    """A flow figure stands between: "handled 45,000 TEU and plans 150,000 TEU this year" - the
    year is the nearer figure's."""
    return any(x.unit not in ("%", "km", "USD", "CNY") for x in read_rules(between))


def _periods_of(q: Quantity, sentence: str, periods: list[dates.Period]) -> list[dates.Period]:
    """The periods that can be the figure's, nearest first: those after it (up to a word that
    sets another figure beside it: "2,300 trains in 2023, compared to 1,900 in 2022"), else those
    before it; those of the figure's own clause before the others; inherited ones last."""
    own = [p for p in periods if not p.inherited]
    after = [
        p
        for p in own
        if p.start >= q.end
        and not _BESIDE.search(sentence, q.end, p.start)
        and not _another_figure(sentence[q.end : p.start])
        and ";" not in sentence[q.end : p.start]
    ]
    before = [
        p
        for p in own
        if p.end <= q.start
        and not _BESIDE.search(sentence, p.end, q.start)
        and ";" not in sentence[p.end : q.start]  # "In 2024, 287 ...; this year 225": each its own
    ]
    rest = [
        p
        for p in periods
        if p not in after
        and p not in before
        and not (p.start >= q.end and _another_figure(sentence[q.end : p.start]))
    ]
    a, b = scopes.clause_of(sentence, q.start)
    near = [p for p in after + before[::-1] if a <= p.start < b]  # "In 2020 there were 4,100
    # trains, and in 2022 the figure reached 6,500": the figure's own clause first
    return near + [p for p in after + before[::-1] if p not in near] + rest


def flow(q: Quantity, sentence: str, ctx: Context, periods: list[dates.Period]) -> Value | None:
    """Capacity, traffic or target: by the words around a bcm, tonnes, TEU or trains figure."""
    if q.rate:
        return None  # "19 trains a day": a rate, neither a period's traffic nor a capacity
    if q.yearly:
        ctx.yearly_figures.add((q.number, q.unit))  # the copy's own word for a later "by 2020"
    if PHASE.search(sentence, 0, q.start) or WHEN_CLAUSE.search(sentence, 0, q.start):
        return None  # a phase's figure, or the state once something happens: not the system's now
    if totals.a_companys_own(q, sentence):
        return None  # "Azerbaijan Railways carried 18.5 mn tons": the carrier's own total
    if totals.a_countrys_trade(q, sentence, ctx.countries):
        return None  # "Kazakhstan's exports along the route", "Turkmenistan supplied": not the system's
    if totals.a_commoditys_share(q, sentence):
        return None  # "grain shipments reached 600,000 tons": one kind of goods, a part
    same_unit = any(x.unit == q.unit for x in read_rules(sentence[: q.start]))
    if totals.a_part_of_the_figure_before(q, sentence, same_unit):
        return None  # "5.2 mn tons, 4.2 mn tons of which cross ...": a part of the figure before
    after = [
        p for p in _periods_of(q, sentence, periods) if not flowtimes.time_of_saying(p, q, sentence)
    ]
    if changes.change_start(q, sentence, after):
        return _level_before(q, sentence)
    step = changes.increase(sentence, q)
    future = re.search(
        r"\b(?:will|would|could|may|might|should|to be|is to|are to|plans? to|aims? to|aiming to|"
        r"intends? to|wants? to|"
        r"expects? to|hopes? to|planning to)\b",
        sentence[: q.start],
    )
    later = re.match(
        r"\s*(?:\w+\s+){0,3}?by\s+(?:the\s+end\s+of\s+)?((?:19|20)\d\d)\b", sentence[q.end :]
    )
    dateline = dates.reference(ctx.article_date)
    if not future and later and dateline and int(later.group(1)) > dateline[0]:
        future = later  # "rising to 10 mn by 2027" in a 2025 report: still to come
    if not future and step:
        future = changes.forecast(q, sentence)
    if step:
        value = _flow_change(q, sentence, step, future, after, ctx)
    else:
        value = _flow_stated(q, sentence, ctx, after)
    a, _ = scopes.clause_of(sentence, q.start)
    if value is not None and totals.PORT_SUBJECT.match(sentence, a, q.start):
        value.hints["of"] = "port"  # the port's own figure: a route's only if it is a port
    elif value is not None and (leg := totals.a_legs_own(q, sentence)):
        value.hints["of"] = leg  # through the ports, or the ferries' capacity: that leg's own
    return value


def _level_before(q: Quantity, sentence: str) -> Value | None:
    """The start of a change still to come is the level now: a capacity when the clause says
    so ("capacity will rise from 55 to 85 bcm a year": 55 bcm a year now); a change already made
    starts from a level that is no longer the system's, and a flow's start says no period."""
    a, _ = scopes.clause_of(sentence, q.start)
    head = sentence[a : q.start]
    if not (
        FUTURE.search(head)
        or re.search(r"\b(?:will|to)\s+(?:\w+\s+)?(?:rise|grow|go|increase)\b", head)
    ):
        return None
    if q.unit == "trains" or not re.search(r"\b(?:capacity|throughput)\b", head, re.I):
        return None
    return _capacity_value(
        q,
        reason=f"{sentence[q.start : q.end]!r}, the capacity a change starts from",
        hints={"whole": "yes"},  # the total now, before a new part adds to it
    )


def _flow_change(
    q: Quantity,
    sentence: str,
    step: str,
    future: re.Match | None,
    after: list[dates.Period],
    ctx: Context,
) -> Value | None:
    """A figure that is the step or the end of an increase ('grew to', 'raise by'): an aim with
    its year, the capacity reached or added, or the level carried; None when it is none of them
    (an increase read as a plain figure would misstate what was carried)."""
    figure = sentence[q.start : q.end]
    if step == "to" and future:
        by_year = r"\bby\s+(?:the\s+end\s+of\s+)?((?:19|20)\d\d)\b"
        m = re.search(by_year, sentence[q.end :]) or re.search(by_year, sentence)
        year = next((p for p in after if not p.inherited and len(p.value) == 4), None)
        if not m and year:  # "plans to bring this to 150,000 TEU this year": what it is to carry
            return Value(
                "target",
                num_text(q.number),
                flowtimes.target_unit(q, sentence, ctx),
                q.qualifier,
                q.start,
                period=year.value,
                reason=f"{figure!r}, the level it is to reach in {year.value}",
            )
        if m:  # "plans to raise its capacity to 1 million TEU by 2030": an aim with its year
            return Value(
                "target",
                num_text(q.number),
                flowtimes.target_unit(q, sentence, ctx),
                q.qualifier,
                q.start,
                period=m.group(1),
                reason=f"{figure!r}, the level it is to be raised to by {m.group(1)}",
            )
    if step == "to" and not future and CAPACITY_CUE.search(sentence):
        return _capacity_value(
            q,
            reason=f"{figure!r}, the capacity reached",
            hints={"whole": "yes"},
        )
    spans = [p for p in after if not p.target and flowtimes.over(p.value, ctx)]
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
        return _capacity_value(
            q,
            reason=f"{figure!r}, the capacity it adds",
            hints={"part": "yes"},
        )
    return None


def _capacity_value(q: Quantity, reason: str, **kwargs) -> Value:
    """The figure as a yearly capacity: every reading of a capacity proposes it this one way."""
    return Value(
        "capacity",
        num_text(q.number),
        f"{q.unit}/year",
        q.qualifier,
        q.start,
        reason=reason,
        **kwargs,
    )


#: "compared with 11 in December", "up from 2.1 mn tons in 2023": the figure set beside another.
COMPARED = re.compile(
    r"\b(?:against|compared\s+(?:with|to)|versus|up\s+from|down\s+from)\s+(?:\w+\s+)?$"
    # "a seven-fold rise on last year, when it was 311,000 tons": the level compared with
    r"|\b(?:compared|against|than|versus|from|on|over)\b[^;]{0,60}?,?\s+when\s+(?:it|they|this|that|"
    r"the\s+\w+|only|just)\s+(?:\w+\s+)?(?:was|were|stood\s+at|amounted\s+to|totall?ed|came\s+to)\s+"
    r"(?:\w+\s+)?$",
    re.I,
)


def _own_period(q: Quantity, sentence: str, after: list[dates.Period]) -> str:
    """The calendar period right after the figure, in its clause ("11 in December"), or ''."""
    _, b = scopes.clause_of(sentence, q.start)
    return next(
        (p.value for p in after if not p.target and q.end <= p.start <= min(b, q.end + 25)), ""
    )


#: "its design capacity of 25 bcm a year", "a designed capacity of": what it is built for, a
#: capacity even when it is reached later.
DESIGN = re.compile(
    r"\bdesign(?:ed)?\s+(?:\w+\s+){0,2}?(?:capacity|throughput)\s+(?:of\s+|is\s+|at\s+|will\s+be\s+|stands\s+at\s+)?"
    r"(?:\w+\s+){0,2}$",
    re.I,
)


def _flow_stated(
    q: Quantity, sentence: str, ctx: Context, after: list[dates.Period]
) -> Value | None:
    """A figure stated as it is: capacity added, a target (with the year the sentence or an
    earlier one gives), a yearly capacity, or the traffic of a stated period. A figure set beside
    another ("compared with 11 in December") is a fact only with a calendar period of its own."""
    if COMPARED.search(sentence[: q.start]):
        period = _own_period(q, sentence, after)
        moved = INCREASE.search(sentence) or TRAFFIC_CUE.search(sentence)
        if not period or q.yearly or not moved:
            return None
        return _traffic(q, sentence, [dates.Period(period, q.end, q.end)], cue=False)
    if DESIGN.search(sentence, max(0, q.start - 60), q.start):
        return _capacity_value(q, reason=f"{sentence[q.start : q.end]!r}, a design capacity")
    return (
        _capacity_able(q, sentence, after)
        or _target(q, sentence, ctx, after)
        or _capacity(q, sentence)
        or _traffic(q, sentence, after, ctx=ctx)
    )


def _capacity_able(q: Quantity, sentence: str, after: list[dates.Period]) -> Value | None:
    """What it could handle, or the capacity a new part adds ("would add 30 bcm of capacity",
    "add 30 bcm to the system's capacity")."""
    figure = sentence[q.start : q.end]
    a, b = scopes.clause_of(sentence, q.start)
    ahead = any(p.target and p.end <= q.start for p in after)  # "By 2027 it could handle"
    if q.unit != "trains" and ABLE_TO.search(sentence[a : q.start]) and not ahead:
        spans = [p.value for p in after if not p.target and not p.inherited]
        return _capacity_value(
            q,
            period=spans[0] if spans else "",
            reason=f"{figure!r}, what it could handle",
        )
    if ADDS_CAPACITY.search(sentence[a : q.start]) and re.match(
        r"\s*(?:of\s+)?(?:gas\s+)?(?:of\s+)?(?:annual\s+|yearly\s+|new\s+)?capacity\b"
        r"|\s*(?:of\s+gas\s+)?(?:a\s+year\s+)?to\s+(?:the|its)\s+(?:\w+(?:'s)?\s+){0,2}?"
        r"(?:annual\s+|yearly\s+)?capacity\b",
        sentence[q.end : b],
    ):
        return _capacity_value(
            q,
            reason=f"{figure!r}, the capacity it adds",
            hints={"part": "yes"},
        )
    return None


#: "in time", "eventually", "in the medium term": an aim at no year (not the year of another).
VAGUE_TIME = re.compile(
    r"\b(?:in\s+time|eventually|ultimately|one\s+day|some\s+day|in\s+(?:the\s+)?future|over\s+time|"
    r"in\s+the\s+(?:medium|long|longer)\s+(?:term|run)|in\s+the\s+(?:near\s+|coming\s+)?(?:future|years))\b",
    re.I,
)
#: A verb of what was carried, in the past: the figure after it is traffic, whatever aim follows.
MOVED = re.compile(
    r"\b(?:handled|carried|transported|shipped|delivered|processed|moved|received|pumped|"
    r"supplied|passed|transited)\b",
    re.I,
)
#: A figure said as what came about: "came to", "stood at", "reached", "rose", "was".
_SAID_CARRIED = re.compile(
    rf"{changes.CHANGED.pattern}|\b(?:came\s+to|stood\s+at|hit|topped|exceeded|saw)\b", re.I
)
FUTURE = re.compile(r"\b(?:will|would|should|is\s+to|are\s+to|to\s+be)\b", re.I)
#: The future, or what may be, once a year ahead is given ("By 2027 it could handle ...").
MAY_BY = re.compile(r"\b(?:will|would|should|could|might|may|is\s+to|are\s+to|to\s+be)\b", re.I)


#: "should reach its design capacity by 2013", "full capacity in 2026": the year a stated rate
#: is reached.
REACH_FULL = re.compile(
    r"\breach\w*\s+(?:its|their|the)\s+(?:full|design|designed|planned|rated|nominal|maximum)\s+"
    r"capacity\s+(?:by|in)\s+(?:the\s+end\s+of\s+)?(?P<y>(?:19|20)\d\d)\b",
    re.I,
)


def _target(q: Quantity, sentence: str, ctx: Context, after: list[dates.Period]) -> Value | None:
    """An aim: a word of aim, or a yearly figure "by 2027", with the year the sentence or an
    earlier one gives. A level "by 2020" is a rate reached by then (TEU a year), a volume "this
    year" what is carried in it (TEU)."""
    figure = sentence[q.start : q.end]
    a, b = scopes.clause_of(sentence, q.start)
    target = TARGET_CUE.search(sentence[a:b])
    if target and a + target.start() > q.end and MOVED.search(sentence, a, q.start):
        target = None  # "handled 45,000 TEU ... and plans to ...": the aim is another figure's
    if (
        target
        and a + target.start() > q.end
        and (_SAID_CARRIED.search(sentence, a, q.start) or MOVED.search(sentence, a, q.start))
        and _another_figure(sentence[a + target.end() : b])
    ):
        # "reached 2.7 mn tons in 2023, with a projected rise to 4.2 mn tons in 2024": a figure
        # said as carried; the word of aim after it governs the figure it comes before
        target = None
    stated = next((p.value for p in after if p.target or len(p.value) == 4), "")
    if target and q.yearly and not stated and not STRONG_TARGET.match(target.group()):
        target = None  # "is to carry 30 bcm a year": what it is built for, a capacity
    by_year = re.search(r"\bby\s+(?:the\s+end\s+of\s+)?(?:19|20)\d\d\b", sentence[q.end : b])
    if by_year and re.search(r"\d", sentence[q.end : q.end + by_year.start()]):
        by_year = None  # "6 mn tonnes now, rising to 10 mn by 2027": the year is the other figure's
    if not target and q.yearly and by_year:
        target = by_year  # "will handle 300,000 TEU a year by 2027": an aim, not today's capacity
    fronted = [p for p in after if p.target and p.end <= q.start]
    if not target and q.yearly and fronted and MAY_BY.search(sentence, a, q.start):
        # "Once it is complete by the end of 2015, the pipeline will deliver 55 bcm a year";
        # "By 2027 the corridor could handle 10 mn t a year": a year ahead makes "could" an aim
        target, stated = MAY_BY.search(sentence, a, q.start), fronted[0].value
    full = REACH_FULL.search(sentence)
    if not target and q.yearly and full:
        # "meant to deliver 40 bcm a year, and should reach its design capacity by 2013": the
        # yearly figure is reached in that year, an aim
        target, stated = full, full.group("y")
    capacity = re.search(r"\bcapacit(?:y|ies)\b", sentence[a : q.start], re.I)
    if not target and by_year and capacity and FUTURE.search(sentence, a, q.start):
        target = by_year  # "its capacity will be 500,000 TEU by 2020": no capacity yet, an aim
    if not target:
        return None
    own_year = [p for p in after if (p.target or len(p.value) == 4) and a <= p.start < b]
    if VAGUE_TIME.search(sentence, a, b) and not own_year:
        return None  # "in time, 1,000 trains are to be sent": an aim at no year
    year = stated or ctx.last_target
    ctx.last_target = year or ctx.last_target
    unit = flowtimes.target_unit(q, sentence, ctx)
    if not year:
        return None  # an aim at no time ("could climb to 15 million tons over time"): no target
    note = ""
    return Value(
        "target",
        num_text(q.number),
        unit,
        q.qualifier,
        q.start,
        note=note,
        period=year,
        reason=f"{figure!r} with {target.group()!r}"
        + (", a yearly figure as the copy calls it" if unit.endswith("/year") else ""),
    )


THROUGHPUT = re.compile(r"\bthroughput\s+(?:is|stands\s+at|of|totals)\b", re.I)


def _capacity(q: Quantity, sentence: str) -> Value | None:
    """A yearly figure with a word of capacity, or one the word "capacity" governs: the nearest
    word decides ("a capacity of 6 mn tons and carried 2.76 mn tons": 2.76 mn were carried)."""
    if q.unit == "trains":
        return None
    words = list(re.finditer(r"\b(?:capacity|potential)\b", sentence[: q.start], re.I))
    a, _ = scopes.clause_of(sentence, q.start)
    if q.yearly and not FUTURE.search(sentence, a, q.start):
        # "its combined throughput is 55 bcm a year": a yearly rate with no period, said as it
        # is now (not "throughput will reach 55 bcm a year", an aim at no year)
        words += list(THROUGHPUT.finditer(sentence, a, q.start))
        words.sort(key=lambda m: m.end())
    carried = [m.end() for m in TRAFFIC_CUE.finditer(sentence, 0, q.start)]
    governed = bool(words) and not (carried and carried[-1] > words[-1].end())
    # "..., with a combined 55 bcm a year": a yearly rate the parts have together
    combined = re.search(r"\bwith\s+(?:a\s+)?(?:combined|joint|total)\s+$", sentence[: q.start])
    if not ((q.yearly and (CAPACITY_CUE.search(sentence) or combined)) or governed):
        return None
    return _capacity_value(
        q,
        reason=f"{sentence[q.start : q.end]!r}, a yearly capacity",
    )


def _traffic(
    q: Quantity,
    sentence: str,
    after: list[dates.Period],
    cue: bool = True,
    ctx: Context | None = None,
) -> Value | None:
    """What was carried in a stated period (a running total is none, nor a year not yet over)."""
    spans = [p for p in after if not p.target]
    if spans and not flowtimes.over(spans[0].value, ctx):
        return None  # "plans 2.5 mn tons for 2025" in a March 2025 report: no traffic yet
    if not ((TRAFFIC_CUE.search(sentence) or not cue) and spans and not q.yearly):
        return None
    a, b = scopes.clause_of(sentence, q.start)
    if totals.RUNNING_TOTAL.search(sentence, a, b) or totals.since_a_year(q, sentence, a, b):
        return None
    own = [p for p in spans if not p.inherited and a <= p.start < b]
    if totals.SUM_WORDS.search(sentence, a, b) and not own:
        return None  # "In all, 316 bcm have been pumped": since it opened
    inherited = any(p.inherited for p in spans)
    if totals.PERFECT.search(sentence, a, b) and not own and not inherited:
        # "it opened in December 2015, and 47,000 containers have been carried": since then
        return None
    return Value(
        "traffic",
        num_text(q.number),
        q.unit,
        q.qualifier,
        q.start,
        period=spans[0].value,
        reason=f"{sentence[q.start : q.end]!r} carried in a stated period"
        + (" (the period of the sentence before)" if spans[0].inherited else ""),
    )
