"""What changed between two dates: claims that appeared, figures and statuses that changed, and
disagreements that opened or closed, each with its quote and source.

Written out as rows, CSV and Atom 1.0 by ``corridors.publish.changes``.

An analyst who looked at a corridor on one day needs to see what the sources said since, without
reading every quote again. The dates are the sources' (``corridors.model.asof``): a claim appears on
the day its source counts from. Walking the days after ``since`` up to ``until``, each claim that
appears is compared with what was known the day before about the same thing (same corridor,
feature, field, scope and period, the schema contract's "like meets like"):

- **changed status** / **changed figure**: a field that holds one value at a time (status, length,
  cost, traffic …) now reads differently from the reading the day before (the most recent dated
  one; undated ones rank below: the as-of rule);
- **new claim**: anything else (a first figure, a name, a second source repeating a value);
- **disagreement opened** / **closed**: the thing has two or more different values after the day
  and did not before (or the reverse).

Undated sources follow the as-of rule: with ``undated``, their claims are known at every date, so
they take part in the statuses and disagreements of both ends but never *appear*; without, they are
left out. The same functions serve the dashboard and ``python -m corridors changes``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from ..model import asof
from ..model.dataset import Dataset
from ..schema import field_label, format_value, readings_key, single, value_key

#: The namespace every id of a change is derived in (a fixed, random UUID: never a web address).
NAMESPACE = uuid.UUID("428a3832-4bc7-4903-a9e9-e9757dc983e2")

NEW = "new claim"
CHANGED_STATUS = "changed status"
CHANGED_FIGURE = "changed figure"
OPENED = "disagreement opened"
CLOSED = "disagreement closed"
KINDS = (CHANGED_STATUS, CHANGED_FIGURE, OPENED, CLOSED, NEW)


@dataclass(frozen=True)
class Reading:
    """One claim as a change shows it: its value as a reader writes it, quote and source."""

    claim: str
    value: str
    raw: str
    unit: str
    source: str
    day: dt.date | None
    quote: str
    note: str


@dataclass(frozen=True)
class Change:
    """One thing that changed on one day; ``readings`` are its claims (several for a
    disagreement), ``previous`` what it read before (a changed status or figure)."""

    kind: str
    day: dt.date
    corridor: str
    corridor_name: str
    feature: str
    field: str
    scope: str
    period: str
    readings: tuple[Reading, ...]
    previous: str = ""

    @property
    def id(self) -> str:
        """A stable URN: the same change has the same id in every feed; edited content, a new one."""
        content = "\0".join(
            [
                self.kind,
                self.corridor,
                self.feature,
                self.field,
                self.scope,
                self.period,
                self.previous,
                *(f"{r.claim}\0{r.value}\0{r.source}\0{r.quote}" for r in self.readings),
            ]
        )
        digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
        claims = ",".join(r.claim for r in self.readings)
        return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{self.kind}|{claims}|{digest}')}"

    @property
    def title(self) -> str:
        """One line: the system, the field and what happened."""
        what = field_label(self.field) + (f" ({self.scope})" if self.scope else "")
        what += f", {self.period}" if self.period else ""
        values = " vs ".join(dict.fromkeys(r.value for r in self.readings))
        if self.kind in (CHANGED_STATUS, CHANGED_FIGURE):
            text = f"{what} now {values} (was {self.previous})"
        elif self.kind == OPENED:
            text = f"sources disagree on {what}: {values}"
        elif self.kind == CLOSED:
            text = f"sources no longer disagree on {what}: {values}"
        else:
            text = f"{what}: {values}"
        return f"{self.corridor_name}: {text}"


def _value(field: str, reading: Reading) -> tuple:
    """What makes two readings of a field the same value (the schema's ``value_key``)."""
    return value_key({"field": field, "value": reading.raw, "unit": reading.unit})


def _column(claims: pd.DataFrame, name: str) -> list[str]:
    """A claims column as text; a column the data does not have (yet) reads as empty."""
    if name in claims.columns:
        return ["" if v is None else str(v) for v in claims[name]]
    return [""] * len(claims)


Key = tuple[str, str, str, str, str]


def _rows(ds: Dataset, days: dict[str, dt.date | None]) -> list[tuple[Key, Reading]]:
    """Every claim as (thing it is about, reading), in data order. Claims of like and like (the
    schema's ``readings_key``) share one key: the first one's, as stored."""
    claims = ds.claims
    cols = {
        c: _column(claims, c)
        for c in (
            "id",
            "corridor",
            "feature",
            "field",
            "scope",
            "period",
            "value",
            "unit",
            "qualifier",
            "source",
            "quote",
            "note",
        )
    }
    out = []
    shown: dict[tuple, Key] = {}
    for i in range(len(claims)):
        row = {c: cols[c][i] for c in cols}
        key = shown.setdefault(
            readings_key(row),
            (row["corridor"], row["feature"], row["field"], row["scope"], row["period"]),
        )
        value = format_value(row["field"], row["value"], row["unit"], row["qualifier"])
        reading = Reading(
            row["id"],
            value,
            row["value"],
            row["unit"],
            row["source"],
            days.get(row["source"]),
            row["quote"],
            row["note"],
        )
        out.append((key, reading))
    return out


def current(readings: Iterable[Reading]) -> Reading | None:
    """The reading a thing shows: the most recent dated one (the first of that day), else the
    first undated one; None with no reading (the as-of rule for statuses, for any field)."""
    readings = list(readings)
    dated = [r for r in readings if r.day is not None]
    if dated:
        latest = max(r.day for r in dated)  # type: ignore[type-var]
        return next(r for r in dated if r.day == latest)
    return readings[0] if readings else None


def disagreeing(field: str, readings: Iterable[Reading]) -> tuple[Reading, ...]:
    """The readings of a thing when they hold two or more different values, else ()."""
    readings = tuple(readings)
    if len({_value(field, r) for r in readings}) > 1:
        return readings
    return ()


def diff_disagreements(
    key: Key,
    before: Iterable[Reading],
    after: Iterable[Reading],
    day: dt.date,
    names: dict[str, str],
) -> list[Change]:
    """The disagreement about one thing that opened (or closed) between two sets of readings."""
    corridor, feature, field, scope, period = key
    if not single(field):
        return []
    was, now = disagreeing(field, before), disagreeing(field, after)
    name = names.get(corridor, corridor)
    if now and not was:
        return [Change(OPENED, day, corridor, name, feature, field, scope, period, now)]
    if was and not now:
        kept = tuple(after) or was
        return [Change(CLOSED, day, corridor, name, feature, field, scope, period, kept)]
    return []


def changes(
    ds: Dataset,
    since: dt.date,
    until: dt.date | None = None,
    undated: bool = False,
    corridors: Iterable[str] | None = None,
) -> list[Change]:
    """What changed after ``since`` up to ``until`` (None: every dated source), oldest first.

    ``undated``: count undated sources as known on every date (see the module's rule).
    ``corridors``: only these systems (None: all).
    """
    days = asof.source_days(ds)
    wanted = None if corridors is None else set(corridors)
    names = dict(zip(ds.corridors.index, ds.corridors["name"].astype(str), strict=True))
    state: dict[Key, list[Reading]] = {}
    later: dict[dt.date, list[tuple[Key, Reading]]] = {}
    for key, reading in _rows(ds, days):
        if wanted is not None and key[0] not in wanted:
            continue
        if reading.day is None:
            if undated:
                state.setdefault(key, []).append(reading)
        elif reading.day <= since:
            state.setdefault(key, []).append(reading)
        elif until is None or reading.day <= until:
            later.setdefault(reading.day, []).append((key, reading))
    out: list[Change] = []
    for day in sorted(later):
        arriving = later[day]
        before = {key: list(state.get(key, [])) for key, _ in arriving}
        for key, reading in arriving:
            state.setdefault(key, []).append(reading)
        for key, reading in arriving:
            corridor, feature, field, scope, period = key
            was = current(before[key])
            name = names.get(corridor, corridor)
            if single(field) and was is not None and _value(field, was) != _value(field, reading):
                kind = CHANGED_STATUS if field == "status" else CHANGED_FIGURE
                out.append(
                    Change(
                        kind,
                        day,
                        corridor,
                        name,
                        feature,
                        field,
                        scope,
                        period,
                        (reading,),
                        was.value,
                    )
                )
            else:
                out.append(
                    Change(NEW, day, corridor, name, feature, field, scope, period, (reading,))
                )
        for key in before:
            out.extend(diff_disagreements(key, before[key], state[key], day, names))
    return out
