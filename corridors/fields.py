"""Every claim field, described once as data (``FIELDS``), and the rules built on it: how a value
reads, which claims speak of the same thing (``readings_key``) and when they disagree.

Re-exported by ``corridors.schema``, the one place the rest of the package imports them from.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from .categories import _status, status_label
from .valuetext import (
    _amount,
    _count,
    _date,
    _date_text,
    _duration,
    _fold,
    _items,
    _list,
    _money,
    _percent,
    _plain,
    _positive_number,
    _quantity,
    _share,
    _text,
    period_text,
)

_Claim = TypeVar("_Claim", bound=Mapping[str, str])


@dataclass(frozen=True)
class Field:
    """A claim field: what it means, which units it takes, how its value must look and reads,
    and, as data, how readings of it are compared (so the panel, the timeline, ingest and review
    share one rule)."""

    name: str
    label: str
    description: str
    units: tuple[str, ...] = ("",)
    check: Callable[[str], str | None] = _text
    figure: bool = False  # a figure: shown in the popup's key figures
    formatter: Callable[[str, str], str] = _plain  # (value, unit) -> what a reader sees
    #: One true value at a time: two different readings of like and like are a disagreement.
    #: A second name, role or route is not (sources name and describe things many ways).
    single: bool = False
    date: bool = False  # a date (a milestone): year, month, day or decade
    stage: int = 0  # a milestone's place in a project's life (proposed 1, ..., completed 4)
    numeric: bool = False  # values compared as numbers ('3666' is '3666.0')
    needs_period: bool = False  # meaningless without the period it refers to (traffic in 2024)
    needs_scope: bool = False  # always of one part (a section's country or stretch)
    period_word: str = "in"  # how the period reads after the value ('by' for a target year)

    def format(
        self, value: str, unit: str = "", qualifier: str = "", period: str = "", scope: str = ""
    ) -> str:
        """The value as a reader expects it ('US$8 billion', 'by 2030', '520 km (Kazakhstan)',
        '1.2 million tonnes in January–June 2025'): qualifier first, then scope and period."""
        text = self.formatter(value, unit)
        text = f"{qualifier} {text}" if qualifier else text
        if scope:
            text += f" ({scope})"
        if period:
            text += " " + period_text(period, self.period_word)
        return text

    def key(self, value: str) -> tuple[str, object]:
        """What makes two values of this field the same: numbers compared as numbers, text
        without case, extra spaces or differences of dash."""
        if self.numeric:
            try:
                number = float(value)
            except ValueError:
                pass
            else:
                if math.isfinite(number):
                    return ("number", number)
        return ("text", _fold(value))

    def same(self, a: str, b: str) -> bool:
        """Two values of this field say the same thing."""
        return self.key(a) == self.key(b)

    def agree(self, a: str, b: str) -> bool:
        """Two values can both be true of one thing: the same, or one date the other at a
        coarser precision ("2015" and "2015-07", "2010s" and "2015": one event, told more or
        less exactly, not two readings at odds)."""
        if self.same(a, b):
            return True
        return self.date and (_coarser(a.strip(), b.strip()) or _coarser(b.strip(), a.strip()))


#: Every claim field, in the order the panel shows them (and exports list them).
FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        Field(
            "status",
            "Status",
            "Planned, under construction or operating.",
            check=_status,
            formatter=status_label,
            single=True,
        ),
        Field(
            "cost",
            "Cost",
            "Stated cost or investment.",
            units=("USD", "CNY"),
            check=_positive_number,
            figure=True,
            formatter=_money,
            single=True,
            numeric=True,
        ),
        Field(
            "length",
            "Length",
            "Stated length of the whole system, or of a drawn feature.",
            units=("km",),
            check=_positive_number,
            figure=True,
            formatter=_quantity,
            single=True,
            numeric=True,
        ),
        Field(
            "section_length",
            "Section length",
            "Length of one section: a country's part, or between two places (the scope says "
            "which).",
            units=("km",),
            check=_positive_number,
            figure=True,
            formatter=_quantity,
            single=True,
            numeric=True,
            needs_scope=True,
        ),
        Field(
            "capacity",
            "Capacity",
            "Stated yearly capacity.",
            units=("bcm/year", "tonnes/year", "TEU/year"),
            check=_positive_number,
            figure=True,
            formatter=_quantity,
            single=True,
            numeric=True,
        ),
        Field(
            "traffic",
            "Traffic",
            "Freight or gas carried in a period (the period says when).",
            units=("tonnes", "TEU", "bcm", "trains", "containers"),
            check=_positive_number,
            figure=True,
            formatter=_amount,
            single=True,
            numeric=True,
            needs_period=True,
        ),
        Field(
            "target",
            "Target",
            "A stated target for traffic or capacity, by a year (the period is the year).",
            units=("tonnes/year", "TEU/year", "bcm/year", "tonnes", "TEU", "bcm", "trains"),
            check=_positive_number,
            figure=True,
            formatter=_amount,
            single=True,
            numeric=True,
            needs_period=True,
            period_word="by",
        ),
        Field(
            "transit_time",
            "Transit time",
            "Time a train or cargo takes between two places (the scope: From–To, when stated).",
            units=("days", "hours"),
            check=_positive_number,
            figure=True,
            formatter=_duration,
            single=True,
            numeric=True,
        ),
        Field(
            "lines",
            "Lines",
            "Named parallel lines, ';'-separated.",
            check=_list,
            figure=True,
            formatter=_items,
            single=True,
        ),
        Field(
            "tunnels",
            "Tunnels",
            "Number of tunnels (the scope: a section, when stated).",
            check=_count,
            figure=True,
            formatter=_quantity,
            single=True,
            numeric=True,
        ),
        Field(
            "bridges",
            "Bridges",
            "Number of bridges (the scope: a section, when stated).",
            check=_count,
            figure=True,
            formatter=_quantity,
            single=True,
            numeric=True,
        ),
        Field(
            "stake",
            "Stake",
            "An ownership share (the scope: its holder).",
            units=("%",),
            check=_percent,
            figure=True,
            formatter=_share,
            single=True,
            numeric=True,
        ),
        Field(
            "start_date",
            "Start",
            "When work starts or started.",
            check=_date,
            figure=True,
            formatter=_date_text,
            single=True,
            date=True,
            stage=2,
        ),
        Field(
            "completion_date",
            "Completion",
            "When it is due or was done.",
            check=_date,
            figure=True,
            formatter=_date_text,
            single=True,
            date=True,
            stage=4,
        ),
        Field(
            "opening_date",
            "Entered service",
            "When it (or one of its lines) entered service.",
            check=_date,
            figure=True,
            formatter=_date_text,
            single=True,
            date=True,
            stage=3,
        ),
        Field(
            "proposed_date",
            "First proposed",
            "When it was first proposed.",
            check=_date,
            formatter=_date_text,
            single=True,
            date=True,
            stage=1,
        ),
        Field("route", "Route", "The route in the article's words, normalised."),
        Field(
            "countries",
            "Countries",
            "Countries named on the route, ';'-separated.",
            check=_list,
            formatter=_items,
        ),
        Field("operator", "Operator", "Who runs it."),
        Field("role", "Role", "What it is for, in the article's words."),
        Field("context", "Context", "Why it matters now, in the article's words."),
        Field("corridor", "Corridor", "A corridor the article links it to."),
        Field("name", "Name", "A name the article uses for it, garbled or not."),
    )
}

#: The date fields (milestones), in display order.
DATE_FIELDS: tuple[str, ...] = tuple(f for f in FIELDS if FIELDS[f].date)

#: The date fields in the order a project lives through them (first proposed, construction
#: start, entered service, completion): the timeline's lanes.
MILESTONES: tuple[str, ...] = tuple(sorted(DATE_FIELDS, key=lambda f: FIELDS[f].stage))


def field_label(field_name: str) -> str:
    """A claim field's heading ('Completion'); a field not in the schema by its name, so nothing
    the data holds is dropped from a page or an export."""
    field = FIELDS.get(field_name)
    return field.label if field is not None else field_name


def format_value(
    field_name: str,
    value: str,
    unit: str = "",
    qualifier: str = "",
    period: str = "",
    scope: str = "",
) -> str:
    """A claim's value as a reader expects it; an unknown field's value is shown as stored (with
    its qualifier, scope and period)."""
    field = FIELDS.get(field_name)
    if field is None:
        text = f"{qualifier} {value}" if qualifier else value
        text += f" ({scope})" if scope else ""
        return text + (" " + period_text(period) if period else "")
    return field.format(value, unit, qualifier, period, scope)


#: How the note of a status read from a dated event begins (ingest's implied stages): a curator
#: who accepts one keeps the note, and every place that shows the status says "implied".
IMPLIED_NOTE = "Implied, not stated in words"


def implied(claim: Mapping[str, str]) -> bool:
    """Whether a claim's value is implied by an event its quote dates, not stated in words."""
    return str(claim.get("note", "")).startswith(IMPLIED_NOTE)


def format_claim(claim: Mapping[str, str]) -> str:
    """A claim row's value as a reader expects it: value, unit, qualifier, scope and period."""
    return format_value(
        claim["field"],
        claim["value"],
        claim.get("unit", ""),
        claim.get("qualifier", ""),
        claim.get("period", ""),
        claim.get("scope", ""),
    )


def readings_key(claim: Mapping[str, str]) -> tuple[str, str, str, str, str]:
    """What "like and like" means: two claims with the same key speak of the same figure (same
    corridor, feature, field, scope and period), so different values of a ``single`` field are a
    disagreement. A section's length never meets the whole length (another field), a part's
    figures never the parent's (another corridor), last year's traffic never this year's."""
    return (
        claim["corridor"],
        claim["feature"],
        claim["field"],
        _fold(claim.get("scope", "")),
        claim.get("period", ""),
    )


def value_key(claim: Mapping[str, str]) -> tuple[tuple[str, object], str]:
    """What makes two like claims give the same reading: the value as its field compares it, and
    the unit."""
    field = FIELDS.get(claim["field"])
    value = field.key(claim["value"]) if field else ("text", _fold(claim["value"]))
    return (value, claim.get("unit", ""))


def single(field_name: str) -> bool:
    """A field that holds one value at a time (``Field.single``); a field not in the schema does
    not."""
    field = FIELDS.get(field_name)
    return field is not None and field.single


def _coarser(a: str, b: str) -> bool:
    """``a`` is the date ``b`` told at a coarser precision: a year of its month or day, a month
    of its day, a decade of its year."""
    if b.startswith(a + "-"):
        return True
    decade = a[:3] if len(a) == 5 and a.endswith("0s") and a[:4].isdigit() else ""
    return bool(decade) and b[:3] == decade and not b.endswith("s")


def disagree(a: Mapping[str, str], b: Mapping[str, str]) -> bool:
    """Two claims disagree: like and like (``readings_key``) of a single-valued field, with
    values that cannot both be true (``Field.agree``: another value, or another unit)."""
    if not single(a["field"]) or readings_key(a) != readings_key(b):
        return False
    if a.get("unit", "") != b.get("unit", ""):
        return value_key(a) != value_key(b)
    return not FIELDS[a["field"]].agree(a["value"], b["value"])


def claim_features(feature_id: str) -> tuple[str, str]:
    """The ``feature`` cells of the claims (of its corridor) that apply to a feature: none named
    (about the whole system) or this feature's id. The one rule for the claims of a feature."""
    return ("", feature_id)


def of_feature(claim: Mapping[str, str], feature_id: str) -> bool:
    """A claim of a feature's corridor applies to the feature (``claim_features``)."""
    return claim["feature"] in claim_features(feature_id)


def claims_of(
    by_corridor: Mapping[str, Iterable[_Claim]], corridor: str, feature_id: str
) -> list[_Claim]:
    """The claims that apply to one feature (``of_feature``), from claims grouped by corridor."""
    return [c for c in by_corridor.get(corridor, ()) if of_feature(c, feature_id)]


def in_disagreement(claims: Iterable[Mapping[str, str]]) -> list[bool]:
    """For each claim, whether some other claim ``disagree``s with it: the rule above applied to
    a whole table in one pass (grouped by ``readings_key``), for the timeline and the figures."""
    rows = list(claims)
    groups: dict[tuple, list[Mapping[str, str]]] = {}
    for row in rows:
        if single(row["field"]):
            groups.setdefault(readings_key(row), []).append(row)
    readings: dict[tuple, list[Mapping[str, str]]] = {}  # one claim of each reading, per group
    out = []
    for row in rows:
        if not single(row["field"]):
            out.append(False)
            continue
        key = readings_key(row)
        distinct = readings.get(key)
        if distinct is None:  # once per group, not once per claim (5,000 claims of one system)
            distinct = readings[key] = list({value_key(o): o for o in groups[key]}.values())
        out.append(any(disagree(row, other) for other in distinct))
    return out
