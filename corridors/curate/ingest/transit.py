"""Transit time: days and hours with a word of travel, with the stretch they are between.

"The journey should take eight days" is a transit time; so is the figure it is compared with when
that one has a calendar period of its own ("16 days this month, against 17 last month": 17 days is
last month's). A trip there and back, a difference ("two days less"), a hoped-for time ("should
drop to 12 days", "the goal is to cut it to ten days"), an old one with no calendar period
("against 25 days two years ago"), the time of handling ("customs take two days") and a time to a
whole region ("nine days to Europe", "to Moscow and Minsk") are none: none is a transit time
between two places.
"""

from __future__ import annotations

import re

from . import periods, scopes
from .context import Context
from .fields import Value
from .quantities import Quantity, num_text

TRAVEL_CUE = re.compile(
    r"\b(?:journey|trip|transit|travel\w*|ride|voyage|run|runs|reach\w*|arrive\w*|take|takes|"
    r"took|need|needs|lasts?|delivery|delivered|cover|covers|covered|covering|expected\s+in|"
    r"gets?\s+to|got\s+to|en\s+route|leav(?:e|es|ing)|departing|bound\s+for)\b",
    re.I,
)
#: Verbs that say only that something lasts.
WEAK = re.compile(r"(?:take|takes|took|need|needs|lasts?)", re.I)
#: Handling at a terminal, not travel: customs, unloading, moving a box from one train to another.
NOT_TRAVEL = re.compile(
    r"\b(?:process\w*|handl\w*|clear\w*|customs|unload\w*|reload\w*|transship\w*|"
    r"tranship\w*|swap\w*|transfer\w*|from\s+one\s+(?:\w+\s+)?\w+\s+to\s+(?:the\s+)?(?:another|other)|"
    r"between\s+(?:the\s+)?gauges)\b",
    re.I,
)
#: Another way of carrying set beside the route: "by sea", "ships take 40 days", "by road".
OTHER_MODE = re.compile(
    r"\bby\s+(?:sea|ship|ocean|road|truck|lorry|air)\b|\b(?:ships?|vessels?|ocean)\b|"
    r"\bsea\s+(?:route|freight|transport|shipping)\b|\bvia\s+(?:the\s+)?Suez\b|"
    r"\baround\s+(?:Africa|the\s+Cape)\b",
    re.I,
)
#: "the goal of a 15-day transit", "a target of ten days": an aimed-at time.
AIMED = re.compile(
    r"\b(?:goal|target|aim|ambition|objective)s?\s+(?:of|is|was|:)\s+(?:\w+\s+)?$", re.I
)
#: "it used to take 45 days", "formerly 30 days": the time it took before, not now.
FORMERLY = re.compile(
    r"\bused\s+to\b|\bformerly\b|\bpreviously\b|\bonce\s+took\b|\bearlier\s+it\b", re.I
)
#: "shorten the trip by seven days", "save five days": time saved, not a transit time.
SAVED = re.compile(
    r"\b(?:shorten\w*|cut\w*|reduc\w*|slash\w*|trim\w*|lower\w*)\b[^.;]{0,50}?\bby\s+"
    r"(?:(?:about|around|some|up\s+to|nearly|almost|roughly)\s+)?$|\bsav(?:e|es|ed|ing)\s+"
    r"(?:(?:about|around|some|up\s+to|nearly|almost|roughly)\s+)?$",
    re.I,
)

#: A trip there and back, or a wagon's turn: no transit time between two places.
ROUND_TRIP = re.compile(
    r"\b(?:return\s+(?:of|trip|journey)|round[- ]trip|turn-?around|turnround|full\s+turn|"
    r"there\s+and\s+back)\b",
    re.I,
)


#: "to cut the run to ten days", "bringing delivery times down to": an aim, not the time it takes
#: ("the route cut delivery time to 12 days" has done it: that is the time).
GOAL = re.compile(
    r"(?:\b(?:to|will|would|should|could|can|must|aims?\s+to|plans?\s+to)\s+(?:\w+\s+)?"
    r"(?:cut|reduce|shorten|lower|halve|bring|get)\b|\b(?:cutting|reducing|shortening|lowering|"
    r"halving|bringing|getting)\b)[^.;]{0,100}?(?:\bdown\s+)?(?<!\d\s)\bto\s+"
    r"(?:(?:about|around|some|just|only|under)\s+)?$",
    re.I,
)
#: Whole regions: a time to one of them is not between two places.
REGION = (
    r"(?:(?:Western|Eastern|Central|Northern|Southern)\s+)?Europe|(?:Central|South|East|"
    r"Southeast|South-East)\s+Asia|Asia|the\s+Middle\s+East|the\s+Gulf|the\s+Caucasus|"
    r"the\s+Baltics?|Scandinavia|Africa|European\s+markets|the\s+EU"
)
_TO_WHERE = re.compile(
    rf"^\s*(?:on\s+average\s+)?(?:from\s+[\w' -]{{1,40}}?\s+)?(?:to|for)\s+(?:(?P<region>(?:{REGION})\b)|"
    r"(?P<two>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?\s+and\s+[A-Z]))"
)
_REACH_WHERE = re.compile(
    rf"\b(?:{REGION})(?:\s+(?:border|borders|frontier|markets?))?\s+in\s+"
    r"(?:(?:about|around|roughly|some|just|only|under|over)\s+)?"
    r"(?:\w+\s*(?:to|or|-|–)\s*)?$"
)
_COMPARED = re.compile(
    r"\b(?:against|compared\s+with|compared\s+to|versus|down\s+from|up\s+from|from)\s+"
    # "against more than 50 days": a word of approximation in two words too
    r"(?:\w+\s+|(?:more|less|fewer)\s+than\s+|up\s+to\s+|at\s+least\s+|as\s+(?:much|many|long)\s+as\s+)?$",
    re.I,
)
#: "... 50 days before", "20 days ago", "30 days in the past": the time it took then.
_THEN = re.compile(
    r"^\s*(?:\w+\s+){0,2}(?:ago|earlier)\b|^\s*(?:\w+\s+){0,2}(?:before|previously|formerly|"
    r"in\s+the\s+past)\s*(?:[,.;)]|$)",
    re.I,
)
#: The low end of a range just before the figure ("10-" of "10-15 days").
_LOW_END = re.compile(r"\d[\d,.]*\s*(?:-|–|to)\s*$")


#: "bring cargo from China to Europe in 20 days": a trip between two named ends, in a time.
TRIP_IN = re.compile(
    r"\bfrom\s+[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?\s+to\s+(?:the\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?"
    r"\s+in\s+(?:[\w-]+\s+){0,4}(?:\d+\s*(?:-|–|to)\s*)?$"
)


def _travel_word_nearest(sentence: str, q: Quantity) -> bool:
    """Travel words, unless a word of handling stands nearer the figure: "customs formalities
    meant the journey took 20 days" is a trip; "customs clear a wagon in two hours" is not."""
    if TRIP_IN.search(sentence[: q.start]):
        return True
    travel = [m.end() for m in TRAVEL_CUE.finditer(sentence, 0, q.start)]
    handling = [m.end() for m in NOT_TRAVEL.finditer(sentence, 0, q.start)]
    if not travel:
        return bool(TRAVEL_CUE.search(sentence, q.end)) and not NOT_TRAVEL.search(sentence)
    # "moving a box from one wagon to another takes one hour": "takes" says no more than that
    # something lasts; only a word of travel after the handling makes the figure a trip's
    strong = [
        m.end() for m in TRAVEL_CUE.finditer(sentence, 0, q.start) if not WEAK.fullmatch(m.group())
    ]
    return not handling or (bool(strong) and strong[-1] > handling[-1])


def _own_period(q: Quantity, sentence: str, ctx: Context) -> str:
    """The calendar period right after the figure, in its clause ("16 days on average this
    month"), or ''."""
    _, b = scopes.clause_of(sentence, q.start)
    for p in periods.find_periods(sentence, ctx.article_date, ctx.last_year):
        if not p.target and q.end <= p.start <= min(b, q.end + 25):
            return p.value
    return ""


def _own_span(q: Quantity, sentence: str, a: int, b: int) -> tuple[int, int]:
    """The words of this figure only, between the figures before and after it in its clause:
    "takes eight days, compared with 20 days by road" - the road is the 20 days'."""
    head = re.sub(r"\d[\d,.]*\s*(?:-|–|to)\s*$", "", sentence[a : q.start])  # a range's low end
    prev = [m.end() for m in re.finditer(r"\d[\d,.]*", head)]
    nxt = re.search(r"\d", sentence[q.end : b])
    return a + (prev[-1] if prev else 0), (q.end + nxt.start() if nxt else b)


def _not_a_trip_time(q: Quantity, sentence: str) -> bool:
    """A weekly count, a difference or a saving, a hoped-for or aimed-at time, another way of
    carrying (by sea), a time to a region."""
    after = sentence[q.end :]
    a, b = scopes.clause_of(sentence, q.start)
    if SAVED.search(sentence[a : q.start]):
        return True
    if OTHER_MODE.search(sentence, *_own_span(q, sentence, a, b)):
        return True  # "ships take 40 days", "by sea": another way of carrying
    if AIMED.search(sentence, _own_span(q, sentence, a, b)[0], q.start):
        return True  # "the EU's goal of a 15-day transit": an aim
    if FORMERLY.search(sentence, _own_span(q, sentence, a, b)[0], q.start):
        return True  # "(it used to exceed 45 days)": what it took before
    if re.match(r"^\s*(?:a|per)\s+week|^\s*(?:later|ago|earlier)", after):
        return True
    if re.match(r"^\s*(?:less|more|fewer|shorter|longer|faster|quicker|slower|sooner)\b", after):
        return True  # "three days less than last year": a difference, not a time
    head = _LOW_END.sub("", sentence[: q.start])  # "to 10-15 days": the words before the range
    if re.search(
        r"\b(?:will|would|should|could|to|expected to)\s+(?:\w+\s+)?(?:drop|fall|be cut|"
        r"be reduced|shrink|come down)\s+to\s+(?:\w+\s+){0,2}$",
        head,
    ):
        return True  # "should drop to 12 days once ...": a hope, not today's transit time
    if GOAL.search(head):
        return True  # "the next goal is to cut the run to 10 days", "and later to 10-15": an aim
    a, b = scopes.clause_of(sentence, q.start)
    if re.search(rf"\bfrom\s+[A-Z][\w'-]*\s+to\s+(?:{REGION})\b", sentence[a:b]):
        return False  # "from China to Europe in 20 to 25 days": both ends named, the whole run
    return bool(_TO_WHERE.match(after) or _REACH_WHERE.search(sentence[: q.start]))


def transit_time(q: Quantity, sentence: str, ctx: Context) -> Value | None:
    if not _travel_word_nearest(sentence, q) or _not_a_trip_time(q, sentence):
        return None
    period = _own_period(q, sentence, ctx)
    if (_COMPARED.search(sentence[: q.start]) and not period) or _THEN.match(sentence[q.end :]):
        return None  # "against about 25 days two years ago", "50 days before": what it took
    a, b = scopes.clause_of(sentence, q.start)
    if ROUND_TRIP.search(sentence[a:b]):
        return None  # "with the return of the wagon a full turn takes 10 days": there and back
    # the stretch of the figure's own clause: "from A to B in 11 days, and others now need 12
    # days" gives the 12 days no places; a sentence naming none takes the trip read last
    where = scopes.stretch(sentence[a:b]) or ("" if scopes.stretch(sentence) else ctx.last_stretch)
    if not where and _COMPARED.search(sentence[: q.start]):
        where = scopes.stretch(sentence) or ctx.last_stretch  # "..., against 17 last month"
    there = re.match(
        r"\s*From\s+there\b[^.;]*?\breach(?:es|ed)?\s+(?P<to>[A-Z][\w'’-]*)", sentence[a:b]
    )
    if not where and there and ctx.last_place:
        where = f"{ctx.last_place}–{there.group('to')}"  # "From there, trains reach Lianyungang"
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
        period=period,
        scope=where,
        reason=f"{sentence[q.start : q.end]!r} with a word of travel"
        + (f", the figure of {period}" if period else ""),
    )
