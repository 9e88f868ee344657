"""The shareable view: which layers, filters and corridor are shown, to and from the URL query.

Parsing never fails: a value the data does not know is dropped with a notice for the reader, so a
stale or hostile link opens the default view instead of an error page. An empty selection means
what it says: ``layers=none`` and ``status=none`` show nothing (the page says so), while no country
or source chosen means no filter on them.

The moment the view shows is part of it too: ``asof=2025-06-18`` (a day before today; today is the
default and is left out) and ``undated=yes|no``, written only when it differs from the default for
that day (undated sources are counted as of today, left out as of an earlier day:
``corridors.model.asof``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .. import dates
from ..model import asof

#: Query keys, in the order they are written.
KEYS = ("corridor", "layers", "status", "country", "source", "asof", "undated")
MAX_VALUE_CHARS = 2000  # longer query values are ignored whole
NOTICE_VALUE_CHARS = 40


@dataclass(frozen=True)
class Options:
    """What the data offers; the defaults are 'everything shown'."""

    layers: tuple[str, ...]
    statuses: tuple[str, ...]
    countries: tuple[str, ...]
    sources: tuple[str, ...]  # articles that cite a mapped system: the source filter's choices
    corridors: tuple[str, ...]  # drawn on the map
    mentioned: tuple[str, ...] = ()  # only mentioned in the articles: a panel, nothing drawn
    uncited: tuple[str, ...] = ()  # articles that cite no mapped system (not offered as a filter)

    @property
    def panels(self) -> tuple[str, ...]:
        """Every corridor that has a panel: the drawn ones, then the ones only mentioned."""
        return (*self.corridors, *self.mentioned)


@dataclass
class ViewState:
    layers: list[str]
    statuses: list[str]  # empty: nothing shown
    countries: list[str] = field(default_factory=list)  # empty: no country filter
    sources: list[str] = field(default_factory=list)  # empty: no source filter
    corridor: str | None = None
    as_of: dt.date | None = None  # None: today
    undated: bool | None = None  # None: the default for the day (asof.default_undated)

    def moment(self, today: dt.date | None = None) -> asof.Moment:
        """The moment the view shows: its day (None as of today) and the undated rule."""
        today = today or dt.date.today()
        day = None if self.as_of is None or self.as_of >= today else self.as_of
        undated = asof.default_undated(day, today) if self.undated is None else self.undated
        return asof.Moment(day, undated)


def default(options: Options) -> ViewState:
    return ViewState(layers=list(options.layers), statuses=list(options.statuses))


def _shown(value: str) -> str:
    """A query value as it may appear in a notice: short, one line, no markup characters.

    Notices are shown as Markdown, where ':' starts an emoji or icon code, so it is replaced too.
    """
    clean = "".join(ch if ch.isalnum() or ch in " -_.,;" else "?" for ch in value)
    return clean[:NOTICE_VALUE_CHARS] + ("…" if len(clean) > NOTICE_VALUE_CHARS else "")


def _values(raw: str | list[str] | None) -> list[str]:
    if raw is None:
        return []
    items = raw if isinstance(raw, list) else [raw]
    return [part.strip() for item in items for part in item.split(",") if part.strip()]


def _pick(
    key: str,
    raw: str | list[str] | None,
    allowed: Iterable[str],
    notices: list[str],
    reasons: Mapping[str, str] | None = None,
) -> list[str] | None:
    """The known values of one key, in the data's order; None when the key is absent."""
    if raw is None:
        return None
    text = ",".join(raw) if isinstance(raw, list) else raw
    if len(text) > MAX_VALUE_CHARS:
        notices.append(f"Ignored '{key}': the value is too long.")
        return None
    allowed = list(allowed)
    values = _values(raw)
    unknown = [v for v in values if v not in allowed]
    for value in unknown:
        if reasons and value in reasons:
            notices.append(f"Ignored {key} '{_shown(value)}': {reasons[value]}.")
        else:
            notices.append(f"Ignored unknown {key} '{_shown(value)}'.")
    return [a for a in allowed if a in values]


def parse(
    query: Mapping[str, str | list[str]], options: Options, today: dt.date | None = None
) -> tuple[ViewState, list[str]]:
    """The view a URL query asks for, and a notice for every part of it that was ignored."""
    notices: list[str] = []
    state = default(options)
    for key in query:
        if key not in KEYS:
            notices.append(f"Ignored unknown parameter '{_shown(key)}'.")
    raw_layers = query.get("layers")
    if raw_layers in ("none", ["none"]):
        state.layers = []
    else:  # nothing known (stale or hostile link): keep the default, as for the other keys
        state.layers = _pick("layers", raw_layers, options.layers, notices) or state.layers
    raw_status = query.get("status")
    if raw_status in ("none", ["none"]):
        state.statuses = []
    else:
        statuses = _pick("status", raw_status, options.statuses, notices)
        if statuses:
            state.statuses = statuses
    countries = _pick("country", query.get("country"), options.countries, notices)
    state.countries = countries or []
    uncited = dict.fromkeys(options.uncited, "it cites no mapped system")
    sources = _pick("source", query.get("source"), options.sources, notices, uncited)
    state.sources = sources or []
    corridor = _pick("corridor", query.get("corridor"), options.panels, notices)
    state.corridor = corridor[0] if corridor else None
    state.as_of = _day(query.get("asof"), notices, today)
    raw_undated = query.get("undated")
    if raw_undated in ("yes", ["yes"]):
        state.undated = True
    elif raw_undated in ("no", ["no"]):
        state.undated = False
    elif raw_undated is not None:
        notices.append(f"Ignored undated '{_shown(str(raw_undated))}': expected yes or no.")
    return state, notices


def _day(raw: str | list[str] | None, notices: list[str], today: dt.date | None) -> dt.date | None:
    """The ``asof`` day of a query: a calendar day before today; None (today) otherwise."""
    if raw is None:
        return None
    text = raw[-1] if isinstance(raw, list) and raw else str(raw)
    day = dates.day(text)
    if day is None:
        notices.append(f"Ignored asof '{_shown(text)}': expected a day, YYYY-MM-DD.")
        return None
    if day >= (today or dt.date.today()):
        return None  # today, or a day to come: the view as of today
    return day


def to_query(state: ViewState, options: Options, today: dt.date | None = None) -> dict[str, str]:
    """The shortest query that reopens this view (defaults are left out)."""
    query: dict[str, str] = {}
    if state.corridor:
        query["corridor"] = state.corridor
    if list(state.layers) != list(options.layers):
        query["layers"] = ",".join(state.layers) or "none"
    if list(state.statuses) != list(options.statuses):
        query["status"] = ",".join(state.statuses) or "none"
    if state.countries:
        query["country"] = ",".join(state.countries)
    if state.sources:
        query["source"] = ",".join(state.sources)
    moment = state.moment(today)
    if moment.day is not None:
        query["asof"] = moment.day.isoformat()
    if moment.undated != asof.default_undated(moment.day, today):
        query["undated"] = "yes" if moment.undated else "no"
    return query
