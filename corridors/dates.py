"""Dates as the data writes them, read in one place.

A claim's date (``2019-05-05``, ``2025-07``, ``2030``, ``1990s``), a claim's period (one of those,
or an interval ``2025-01/2025-06``) and an article's date in ``sources.csv`` are all read here, so
the schema's check, the timeline, the citations, the view "as of" a day, the figures over time and
the list of changes agree on what a date names. Each names a span of days, first to last, with the
precision it was stated to: a decade is never taken for a day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

#: Years a curated date may name: a value outside them is a typing slip, not history or a plan.
PLAUSIBLE_YEARS = (1800, 2099)

# ASCII digits only ([0-9], not \d): a date is written the way every reader of the files reads it.
_DATE = re.compile(r"(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?")
_DECADE = re.compile(r"(?P<decade>[0-9]{3}0)s")


@dataclass(frozen=True)
class Span:
    """The days a date names, first to last (both included), and how precisely it was stated:
    'day', 'month', 'year', 'decade', or 'interval' for a period start/end."""

    first: dt.date
    last: dt.date
    precision: str

    @property
    def end(self) -> dt.date:
        """The day after the last: the span as a half-open range [first, end)."""
        return self.last + dt.timedelta(days=1)

    @property
    def parts(self) -> list[int]:
        """Year, month and day as far as stated (a bibliography's date-parts); [] for a decade or
        an interval, which a citation's single date cannot hold."""
        if self.precision == "day":
            return [self.first.year, self.first.month, self.first.day]
        if self.precision == "month":
            return [self.first.year, self.first.month]
        if self.precision == "year":
            return [self.first.year]
        return []

    @property
    def plausible(self) -> bool:
        """Within ``PLAUSIBLE_YEARS``: what the schema's checks accept."""
        return PLAUSIBLE_YEARS[0] <= self.first.year and self.last.year <= PLAUSIBLE_YEARS[1]


def parse(text: str) -> Span | None:
    """One date: a day (2019-05-05), a month (2025-07), a year (2030) or a decade (1990s); None
    for anything else, a day or month the calendar lacks included (2025-02-30, 2025-13)."""
    try:
        if m := _DATE.fullmatch(text):
            year = int(m["year"])
            if m["day"]:
                day = dt.date(year, int(m["month"]), int(m["day"]))
                return Span(day, day, "day")
            if m["month"]:
                month = int(m["month"])
                last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
                return Span(dt.date(year, month, 1), dt.date(year, month, last), "month")
            return Span(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
        if m := _DECADE.fullmatch(text):
            year = int(m["decade"])
            return Span(dt.date(year, 1, 1), dt.date(year + 9, 12, 31), "decade")
    except ValueError:  # month 13, day 31 of a 30-day month, year 0
        return None
    return None


def day(text: str) -> dt.date | None:
    """One calendar day, written YYYY-MM-DD (a view's "as of", a command's --since): None for
    anything else, a month or a year included (which of its days would be meant?)."""
    found = parse(text)
    return found.first if found is not None and found.precision == "day" else None


def interval(text: str) -> tuple[Span, Span] | None:
    """A period's start and end: the same date twice for one date, or the two sides of an interval
    start/end (in the order written); None when a side is no date."""
    sides = text.split("/")
    if len(sides) > 2:
        return None
    spans = [parse(side) for side in sides]
    start, end = spans[0], spans[-1]
    if start is None or end is None:
        return None
    return start, end


def backwards(start: Span, end: Span) -> bool:
    """An interval that ends before it starts (its end's first day before its start's)."""
    return end.first < start.first


def span(text: str) -> Span | None:
    """The days a date or a period names: an interval runs from its start's first day to its end's
    last day; None for no date, or an interval that runs backwards."""
    bounds = interval(text)
    if bounds is None or backwards(*bounds):
        return None
    start, end = bounds
    if start is end:
        return start
    return Span(start.first, end.last, "interval")
