"""When a traffic or target figure is for: whether its period is its own and over, and whether a
level to reach by a year is a yearly rate.

Split from flows.py, which decides what kind of figure a quantity is: reporting dates a figure
by the time of saying ("In September, the chairman announced that ..."), plans a year not yet
over ("2.5 mn tons for 2025" in a March 2025 report), and gives a level by a year as an amount
unless it calls it yearly (convention 9 of the reporting sets).
"""

from __future__ import annotations

import re

from . import dates
from .context import Context
from .quantities import Quantity

#: "In September, the chairman announced that ...": a verb of saying with its "that" between a
#: period and the figure; the period is when it was said, not what the figure covers.
SAYING_THAT = re.compile(
    r"\b(?:announced|said|says|reported|stated|noted|told\s+[\w\s]{1,30}?|declared|revealed|"
    r"informed|added|stressed|emphasi[sz]ed|pointed\s+out|recalled)\s+that\b",
    re.I,
)


def time_of_saying(p: dates.Period, q: Quantity, sentence: str) -> bool:
    return p.end <= q.start and bool(SAYING_THAT.search(sentence, p.end, q.start))


def over(period: str, ctx: Context | None) -> bool:
    """Can a figure carried in this period be read at the dateline? A whole year is over only
    when the report is dated after it (or in its December); a figure "for 2025" in a March 2025
    report is a plan or a forecast, never what was carried."""
    ref = dates.reference(ctx.article_date) if ctx is not None else None
    if ref is None or not re.fullmatch(r"(?:19|20)\d\d", period):
        return True
    year = int(period)
    return year < ref[0] or (year == ref[0] and ref[1] == 12)


#: A word that makes a level yearly by nature: a capacity or throughput, or "annual", said of
#: the figure before it ("annual capacity expected to rise to 10 mn tonnes by 2027").
YEARLY_WORD = re.compile(r"\b(?:capacit(?:y|ies)|throughput|annual|yearly)\b", re.I)
