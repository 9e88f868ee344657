"""What was known on a date: the dataset as the sources dated up to that day described it.

An analyst needs to say what was known on a day, not only what is known now. Every claim carries
its source's date (``sources.csv`` ``date``); a view "as of" a day keeps the claims whose source was
written by then, and the map draws each feature with the status those claims gave it then.

**The rule for undated sources.** A source whose date is not known cannot be placed in time: an
article whose text states no date, and every public reference (``references.csv`` has no date).
A view as of a past day leaves their claims out, unless ``undated`` is set, which counts them as
known at every date (and every place that shows one marks it "undated"). The default view, as of
today, includes them: it is the map as curated now. Choosing an earlier day turns them off by
default (``default_undated``), because nothing says they had been written by then.

**A source's day.** A source dated to a month or a year counts from the last day of that month or
year (``known_from``): a view never shows a source before the day it surely existed.

**Statuses as they stood** (``status_at``): the reading of the most recent dated source known on the
day; undated readings rank below dated ones (the README's rule for today's map, applied to any day).
Where the curated status is among the readings the rule picks, it wins a tie, so the view as of
today draws exactly what the curated files say. No status claim known: "unstated".

``at(ds, moment)`` is the Dataset as of a moment: the claims known then, the features' statuses as
they stood; every view (map, popups, panel, timeline, figures, downloads) is built from it with the
code that builds today's, so nothing shows a claim the moment did not know.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from .dataset import Dataset

UNSTATED = "unstated"

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_YEAR = re.compile(r"(\d{4})")
_DECADE = re.compile(r"(\d{3}0)s")


def span(text: str) -> tuple[dt.date, dt.date] | None:
    """The days a date or period names, as [first, last]; None when it names none.

    Takes a day ``2025-06-18``, a month ``2025-06``, a year ``2024``, a decade ``1990s`` and an
    interval of any two of them ``2025-01/2025-06`` (ISO 8601 start/end, from the first day of the
    start to the last day of the end).
    """
    text = str(text).strip()
    if "/" in text:
        start, _, end = text.partition("/")
        first, last = span(start), span(end)
        if first is None or last is None or "/" in end or last[1] < first[0]:
            return None
        return first[0], last[1]
    try:
        if m := _DAY.fullmatch(text):
            day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return day, day
        if m := _MONTH.fullmatch(text):
            year, month = int(m.group(1)), int(m.group(2))
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last)
        if m := _YEAR.fullmatch(text):
            year = int(m.group(1))
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if m := _DECADE.fullmatch(text):
            year = int(m.group(1))
            return dt.date(year, 1, 1), dt.date(year + 9, 12, 31)
    except ValueError:  # month 13, day 31 of a 30-day month, year 0
        return None
    return None


def known_from(date_text: str) -> dt.date | None:
    """The first day a source dated ``date_text`` surely existed (the last day of its period);
    None for an undated source (no date, or one that names no day, month or year)."""
    period = span(date_text)
    return None if period is None else period[1]


def source_days(ds: Dataset) -> dict[str, dt.date | None]:
    """Every source a claim may cite -> the day it counts from; None: undated.

    Articles take their ``sources.csv`` date; references have none (the table has no date).
    """
    days: dict[str, dt.date | None] = dict.fromkeys(ds.references.index, None)
    for file, date_text in zip(ds.sources.index, ds.sources["date"], strict=True):
        days[file] = known_from(date_text)
    return days


@dataclass(frozen=True)
class Moment:
    """A day (None: today, with no cut) and whether undated sources are counted as known."""

    day: dt.date | None = None
    undated: bool = True

    @property
    def is_now(self) -> bool:
        """The view as curated today: every claim, the curated statuses (nothing recomputed)."""
        return self.day is None and self.undated

    def key(self) -> str:
        """A short stable text naming the moment (for cache keys and file names)."""
        return f"{self.day.isoformat() if self.day else 'now'}:{'u' if self.undated else 'd'}"

    @classmethod
    def from_key(cls, key: str) -> Moment:
        """The moment ``key()`` names."""
        day, _, flag = key.partition(":")
        return cls(None if day == "now" else dt.date.fromisoformat(day), flag == "u")

    def describe(self) -> str:
        """The moment in words, for captions and notes."""
        when = f"as of {self.day.isoformat()}" if self.day else "as of today"
        return when + ("" if self.undated else ", undated sources left out")


NOW = Moment()


def default_undated(day: dt.date | None, today: dt.date | None = None) -> bool:
    """Whether undated sources are counted by default: yes as of today, no as of an earlier day."""
    today = today or dt.date.today()
    return day is None or day >= today


def known(claims: pd.DataFrame, days: dict[str, dt.date | None], moment: Moment) -> pd.Series:
    """A mask over ``claims``: those a source known at ``moment`` makes."""
    if moment.is_now:
        return pd.Series(True, index=claims.index, dtype=bool)

    def counts(source: str) -> bool:
        day = days.get(source)
        if day is None:
            return moment.undated
        return moment.day is None or day <= moment.day

    return claims["source"].map(counts).astype(bool)


def status_at(readings: list[tuple[str, dt.date | None]], curated: str | None = None) -> str:
    """The status a feature is drawn with from its status readings (value, source day).

    The most recent dated reading wins; with none dated, the undated ones decide. Among the values
    the rule leaves (several sources of one day, or only undated ones), the curated status wins if
    it is one of them, else the first in data order. No reading: "unstated".
    """
    if not readings:
        return UNSTATED
    dated = [(value, day) for value, day in readings if day is not None]
    if dated:
        latest = max(day for _, day in dated)
        values = [value for value, day in dated if day == latest]
    else:
        values = [value for value, _ in readings]
    return curated if curated in values else values[0]


def statuses(ds: Dataset, days: dict[str, dt.date | None]) -> pd.Series:
    """Each feature's status from the claims of ``ds`` (indexed like ``ds.features``)."""
    status_claims = ds.claims[ds.claims["field"] == "status"]
    by_corridor: dict[str, list[tuple[str, str, dt.date | None]]] = {}
    for corridor, feature, value, source in zip(
        status_claims["corridor"],
        status_claims["feature"],
        status_claims["value"],
        status_claims["source"],
        strict=True,
    ):
        by_corridor.setdefault(corridor, []).append((feature, value, days.get(source)))
    out = []
    for fid, corridor, curated in zip(
        ds.features.index, ds.features["corridor"], ds.features["status"], strict=True
    ):
        readings = [(v, d) for f, v, d in by_corridor.get(corridor, []) if f in ("", fid)]
        out.append(status_at(readings, curated))
    return pd.Series(out, index=ds.features.index, dtype=object)


def at(ds: Dataset, moment: Moment) -> Dataset:
    """The dataset as of ``moment``: the claims known then, each feature's status as it stood.

    The view as of today (``NOW``) is ``ds`` itself. Features are all kept (a line is drawn
    whatever was said of it; its status says what was known); so are sources and references (the
    claims decide what is cited).
    """
    if moment.is_now:
        return ds
    days = source_days(ds)
    claims = ds.claims[known(ds.claims, days, moment)]
    cut = dataclasses.replace(ds, claims=claims)
    features = ds.features.copy()
    features["status"] = statuses(cut, days)
    return dataclasses.replace(cut, features=features)


def undated_sources(ds: Dataset) -> list[str]:
    """Sources that some claim cites and whose date is not known (for the "undated" marks)."""
    days = source_days(ds)
    cited = dict.fromkeys(ds.claims["source"])
    return [s for s in cited if days.get(s) is None]
