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

import dataclasses
import datetime as dt
from dataclasses import dataclass

import pandas as pd

from .. import dates
from ..schema import claims_of
from .dataset import Dataset

UNSTATED = "unstated"


def source_span(date_text: str) -> dates.Span | None:
    """The days a source's stated date names (dates.span, around spaces); None: undated."""
    return dates.span(str(date_text).strip())


def known_from(date_text: str) -> dt.date | None:
    """The first day a source dated ``date_text`` surely existed (the last day of its period);
    None for an undated source (no date, or one that names no day, month or year)."""
    period = source_span(date_text)
    return None if period is None else period.last


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
    by_corridor: dict[str, list[dict]] = {}
    for corridor, feature, value, source in zip(
        status_claims["corridor"],
        status_claims["feature"],
        status_claims["value"],
        status_claims["source"],
        strict=True,
    ):
        claim = {"feature": feature, "value": value, "day": days.get(source)}
        by_corridor.setdefault(corridor, []).append(claim)
    out = []
    for fid, corridor, curated in zip(
        ds.features.index, ds.features["corridor"], ds.features["status"], strict=True
    ):
        readings = [(c["value"], c["day"]) for c in claims_of(by_corridor, corridor, fid)]
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
