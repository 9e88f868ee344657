"""When a traffic or target figure is for: whether its period is its own and over, and whether a
level to reach by a year is a yearly rate.

Split from flows.py, which decides what kind of figure a quantity is: reporting dates a figure
by the time of saying ("In September, the chairman announced that ..."), plans a year not yet
over ("2.5 mn tons for 2025" in a March 2025 report), and gives a level by a year as an amount
unless it calls it yearly (convention 9 of the reporting sets).
"""

from __future__ import annotations

import re

from . import dates, scopes
from .context import Context
from .quantities import Quantity, read_rules

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


def target_unit(q: Quantity, sentence: str, ctx: Context) -> str:
    """A target's unit as the copy gives it (CONVENTIONS.md rule 9): per year only where the
    copy calls the figure yearly ("a year", "annual"), a capacity, or printed the same figure
    yearly earlier in the article ("540,000 TEU a year" ... "the target is 540,000 TEU by
    2020"); a plain amount "by 2028" stays plain, since turning it into a rate would be the
    reader's inference."""
    if q.unit == "trains":
        return q.unit
    a, _ = scopes.clause_of(sentence, q.start)
    yearly = (
        q.yearly
        or bool(YEARLY_WORD.search(sentence, a, q.start))
        or (q.number, q.unit) in ctx.yearly_figures
        # "7 mn tonnes annually, rising to 11 mn by 2029": the unit left out is the yearly one
        or any(x.yearly and x.unit == q.unit for x in read_rules(sentence[: q.start]))
    )
    return f"{q.unit}/year" if yearly else q.unit
