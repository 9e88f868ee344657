"""Transit time: days and hours with a word of travel, with the stretch they are between.

"The journey should take eight days" is a transit time; a trip there and back, a difference ("two
days less"), a hoped-for time ("should drop to 12 days") or an old one ("against 25 days two years
ago") is none.
"""

from __future__ import annotations

import re

from . import scopes
from .context import Context
from .fields import Value
from .quantities import Quantity, num_text

TRAVEL_CUE = re.compile(
    r"\b(?:journey|trip|transit|travel\w*|ride|voyage|run|runs|reach|reaches|arrive\w*|take|takes|"
    r"took|need|needs|lasts?|delivery|delivered)\b",
    re.I,
)
NOT_TRAVEL = re.compile(
    r"\b(?:process\w*|handl\w*|clear\w*|customs|unload\w*|transship\w*)\b", re.I
)

#: A trip there and back, or a wagon's turn: no transit time between two places.
ROUND_TRIP = re.compile(
    r"\b(?:return\s+(?:of|trip|journey)|round[- ]trip|turn-?around|turnround|full\s+turn|"
    r"there\s+and\s+back)\b",
    re.I,
)


def transit_time(q: Quantity, sentence: str, ctx: Context) -> Value | None:
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
