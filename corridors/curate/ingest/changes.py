"""Figures that are a step of a change: the level a change starts from ("from 55 to 85 bcm"),
the step or the end of an increase ("raised by", "grew to"), and whether the change is still to
come ("expects traffic to double, to 50,000 TEU").

Split from flows.py, which decides what kind of figure a quantity is; this module reads only the
shape of the change around it.
"""

from __future__ import annotations

import re

from . import dates
from .quantities import Quantity

#: The verbs of moving goods or gas, in every tense a report uses them.
MOVE = (
    r"(?:carry|carries|carried|carrying|handle|handles|handled|handling|transport|transports|"
    r"transported|deliver|delivers|delivered|pump|pumps|pumped|take|move|moves|moved|process|"
    r"processes|processed|ship|ships|shipped|accommodate|receive|supply|transmit)"
)

#: The verbs of a change of level, in every tense: the figure after "to" is where it ends.
_CHANGE = (
    r"lift|lifts|lifted|lifting|raise|raises|raised|raising|increase|increases|"
    r"increased|increasing|boost|boosts|boosted|boosting|expand|expands|expanded|expanding|"
    r"double|doubles|doubled|doubling|bring|brings|brought|bringing|grew|grow|grows|growing|"
    r"rose|rise|rises|rising|climbed|climbs|jumped|jumps|"
    # a fall ends at a level too: "fell 4% in the first nine months to 31.2 bcm"
    r"fell|fall|falls|dropped|drops|declined|declines|slipped|slips|shrank|shrinks"
)
INCREASE = re.compile(rf"\b(?P<verb>{_CHANGE})\b", re.I)


#: "will bring from 25 to 30 bcm": a verb of carrying, then a range of what it carries.
CARRIED_RANGE = re.compile(
    rf"\b(?:{MOVE}|bring|brings|brought|bringing)\s+(?:\w+\s+){{0,3}}?from\s+[\d.,]+\s*"
    r"(?:billion|million|thousand|bn|mn|mln)?\s*(?:to|-|–)\s*$",
    re.I,
)


def increase(sentence: str, q: Quantity) -> str:
    """'by' or 'to' when the quantity is the step or the end of an increase; '' otherwise."""
    verb = INCREASE.search(sentence[: q.start])
    if not verb:
        return ""
    if re.match(r"bring", verb.group(), re.I) and CARRIED_RANGE.search(sentence, 0, q.start):
        return ""  # "will bring from 25 to 30 bcm a year": how much it carries, a range
    m = re.search(
        # "to" of an infinitive ("expected to bring almost 30 bcm") is no increase's end
        rf"\b(by|to(?!\s+(?:\w+ly\s+)?(?:{_CHANGE}|{MOVE})\b)|reaching|hitting|"
        r"totall?ing|amounting\s+to)\s+(?:\w+\s+){0,2}$",
        sentence[max(0, q.start - 30) : q.start],
        re.I,
    )
    if not m:
        return ""
    return "by" if m.group(1).lower() == "by" else "to"  # "grew 2.6 times, reaching N": its end


def change_start(q: Quantity, sentence: str, after: list[dates.Period]) -> bool:
    """The figure a change starts from ("rose from 20,000 TEU to 324,000 TEU", "will rise from
    55 bcm to 85 bcm a year"), with no calendar period of its own before the "to"."""
    if not re.search(r"\bfrom\s+(?:\w+\s+)?$", sentence[: q.start]):
        return False
    to = re.match(r"[^.;,]{0,40}?\s*(?:\bto\b|-|–)", sentence[q.end :])
    if not to:
        return False
    return not any(not p.target and q.end <= p.start < q.end + to.end() for p in after)


#: Words that make a change an expected one: "expects traffic to double, to 50,000 TEU", "the
#: forecast is a 43% rise, to 4 million tonnes", "volumes growing sixfold, to 3.2 mn t, KTZ
#: expects".
FORECAST = re.compile(
    r"\b(?:expects?|expected|forecasts?|projected|projects|projections?|predicts?|predicted|"
    r"anticipates?|anticipated|outlook)\b",
    re.I,
)
#: A change already made: the forecast word, after the figure, is another figure's.
CHANGED = re.compile(
    r"\b(?:rose|grew|increased|climbed|jumped|doubled|tripled|trebled|fell|dropped|declined|"
    r"reached|amounted|totall?ed|was|were|has|have|had)\b",
    re.I,
)


def forecast(q: Quantity, sentence: str) -> re.Match | None:
    """A word of forecast before the figure, or after it when nothing before says the change
    was made."""
    before = FORECAST.search(sentence, 0, q.start)
    if before or CHANGED.search(sentence, 0, q.start):
        return before
    return FORECAST.search(sentence, q.end)
