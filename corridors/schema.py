"""The vocabulary of the dataset, described once as data.

Everything else (validation, the map legend, the panel, exports) reads these definitions, so a new
kind, status or claim field is added here and nowhere else.
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from . import dates

_Claim = TypeVar("_Claim", bound=Mapping[str, str])

#: GeoJSON feature properties, in the order the curated files keep them (diffs stay readable).
FEATURE_PROPERTIES: tuple[str, ...] = (
    "id",
    "corridor",
    "name",
    "kind",
    "mode",
    "status",
    "method",
    "accuracy_km",
    "references",
    "waypoints",
    "drawing",
)

#: RFC 7946 recommends no more precision than needed; 6 decimals is about 0.1 m (5 is about 1 m).
COORD_DECIMALS = 6

#: The region the project maps (lon_min, lat_min, lon_max, lat_max): the Black Sea to the Yellow Sea.
REGION_BOUNDS: tuple[float, float, float, float] = (25.0, 30.0, 125.0, 56.0)


@dataclass(frozen=True)
class Kind:
    """A layer of the map: what geometry it takes and how it is drawn and named."""

    name: str
    label: str
    geometry: tuple[str, ...]
    description: str
    color: str  # ColorBrewer Dark2: colour-blind safe; status and method are shown by pattern too
    marker: str  # "line" or "circle": the legend's symbol


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(
            "railway",
            "Railways",
            ("LineString", "MultiLineString"),
            "A railway line.",
            "#d95f02",
            "line",
        ),
        Kind(
            "pipeline",
            "Pipelines",
            ("LineString", "MultiLineString"),
            "An oil or gas pipeline.",
            "#1b9e77",
            "line",
        ),
        Kind(
            "corridor",
            "Transport corridors",
            ("LineString", "MultiLineString"),
            "One leg (rail, road or sea crossing) of a multimodal transport corridor.",
            "#7570b3",
            "line",
        ),
        Kind(
            "port",
            "Ports",
            ("Point",),
            "A seaport or a dry (inland) port.",
            "#e7298a",
            "circle",
        ),
    )
}


@dataclass(frozen=True)
class Status:
    """What the articles say of a thing's state, and the line pattern that shows it."""

    name: str
    label: str
    dash: str | None  # SVG/Leaflet dash array; None draws a solid line
    legend: str  # the legend's words for the pattern
    description: str


STATUSES: dict[str, Status] = {
    s.name: s
    for s in (
        Status(
            "planned",
            "Planned",
            "10 6",
            "Planned",
            "Announced or agreed; construction not begun.",
        ),
        Status(
            "under_construction",
            "Under construction",
            "10 3 2 3",
            "Under construction",
            "Being built.",
        ),
        Status("operating", "Operating", None, "Operating", "In use."),
        Status(
            "unstated",
            "Status not stated",
            "2 6",
            "Status not stated in the sources",
            "The source articles do not state a status; none is guessed.",
        ),
    )
}


@dataclass(frozen=True)
class Method:
    """How a feature was drawn, which decides how far the real thing may lie from the line.

    The map shows it by line style (a casing for traced lines, none for lines through stations, a
    thin faded line for schematic ones), the legend names it, and exports carry it.
    """

    name: str
    label: str
    legend: str
    description: str
    casing: bool  # a dark outline under the line: drawn from reference line geometry
    opacity: float
    weight: int


METHODS: dict[str, Method] = {
    m.name: m
    for m in (
        Method(
            "traced",
            "Traced from reference geometry",
            "Traced from reference line geometry",
            "Vertices chosen along a public reference line (named in 'references').",
            True,
            0.95,
            4,
        ),
        Method(
            "stations",
            "Through sourced stations",
            "Straight between sourced stations or places",
            "Straight segments through stations or places whose coordinates have a public "
            "reference; used where no reference line exists.",
            False,
            0.9,
            4,
        ),
        Method(
            "schematic",
            "Schematic",
            "Schematic: shows the link, not the path",
            "Shows that a link exists (a sea crossing, say), not where it runs.",
            False,
            0.6,
            3,
        ),
        Method(
            "located",
            "Located at a sourced point",
            "Point at a sourced location",
            "A point placed at a location with a public reference.",
            False,
            0.95,
            2,
        ),
    )
}

#: Which methods each geometry type may use.
POINT_METHODS = ("located",)
LINE_METHODS = ("traced", "stations", "schematic")


def _stored_date(value: str) -> dates.Span | None:
    """A claim's date as the checks accept it (dates.parse, within dates.PLAUSIBLE_YEARS)."""
    found = dates.parse(value)
    return found if found is not None and found.plausible else None


def _positive_number(value: str) -> str | None:
    try:
        number = float(value)
    except ValueError:
        return f"{value!r} is not a number"
    if not math.isfinite(number) or not number > 0:
        return f"{value!r} is not a positive finite number"
    return None


def _date(value: str) -> str | None:
    if _stored_date(value) is not None:
        return None
    return (
        f"{value!r} is not a year (2030), a month (2025-07), a day (2019-05-05) or a decade (1990s)"
    )


def _count(value: str) -> str | None:
    """A count of things (tunnels, bridges): a positive whole number, written without a point."""
    if not re.fullmatch(r"[1-9]\d*", value):
        return f"{value!r} is not a positive whole number"
    return None


def _percent(value: str) -> str | None:
    """A share: more than 0 and at most 100 (per cent)."""
    if problem := _positive_number(value):
        return problem
    if float(value) > 100:
        return f"{value!r} is over 100 %"
    return None


def _status(value: str) -> str | None:
    return None if value in STATUSES else f"{value!r} is not one of {', '.join(STATUSES)}"


def _text(value: str) -> str | None:
    return None if value.strip() else "the value is empty"


def _list(value: str) -> str | None:
    items = value.split(";")
    if any(not item.strip() for item in items):
        return f"{value!r} has an empty item; separate items with ';'"
    return None


def _plain(value: str, unit: str) -> str:
    return value


def _money(value: str, unit: str) -> str:
    """'8000000000', 'USD' -> 'US$8 billion'; a value that is not a finite number is shown as is."""
    try:
        amount = float(value)
    except ValueError:
        return value
    if not math.isfinite(amount):
        return value
    symbol = {"USD": "US$", "CNY": "¥"}.get(unit, f"{unit} ")
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if amount >= size:
            shown = f"{amount / size:,.2f}".rstrip("0").rstrip(".")
            return f"{symbol}{shown} {word}"
    return f"{symbol}{amount:,.0f}"


def _quantity(value: str, unit: str) -> str:
    """'3666', 'km' -> '3,666 km'."""
    try:
        number = float(value)
    except ValueError:
        return value
    if not math.isfinite(number):
        return value
    text = f"{number:,.0f}" if number.is_integer() else f"{number:,}"
    return f"{text} {unit}".strip()


def _items(value: str, unit: str) -> str:
    return ", ".join(part.strip() for part in value.split(";"))


def status_label(value: str, unit: str = "") -> str:
    """A status as a reader sees it ('Under construction'); a value not in the schema as it is.

    The one place this is decided: the panel, the popups, the exports and the status filter all
    call it. It is also the status field's formatter, hence the (ignored) ``unit``.
    """
    return STATUSES[value].label if value in STATUSES else value


def _span_words(span: dates.Span) -> str:
    """A date in words: '5 May 2019', 'July 2025', '2030', 'the 1990s'."""
    first = span.first
    if span.precision == "day":
        return f"{first.day} {calendar.month_name[first.month]} {first.year}"
    if span.precision == "month":
        return f"{calendar.month_name[first.month]} {first.year}"
    if span.precision == "decade":
        return f"the {first.year}s"
    return str(first.year)


def _date_text(value: str, unit: str = "") -> str:
    """'2025-07' -> 'July 2025', '2019-05-05' -> '5 May 2019', '1990s' -> 'the 1990s', '2030' ->
    '2030'; a value that is no date is shown as stored."""
    span = _stored_date(value)
    return value if span is None else _span_words(span)


def _number_text(number: float) -> str:
    return f"{number:,.0f}" if number.is_integer() else f"{number:,}"


def _amount(value: str, unit: str) -> str:
    """'1200000', 'tonnes' -> '1.2 million tonnes'; '150000', 'TEU' -> '150,000 TEU'."""
    try:
        number = float(value)
    except ValueError:
        return value
    if not math.isfinite(number):
        return value
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if number >= size:
            shown = f"{number / size:,.2f}".rstrip("0").rstrip(".")
            return f"{shown} {word} {unit}".strip()
    return f"{_number_text(number)} {unit}".strip()


def _duration(value: str, unit: str) -> str:
    """'8', 'days' -> '8 days'; '1', 'days' -> '1 day'."""
    try:
        number = float(value)
    except ValueError:
        return value
    if not math.isfinite(number):
        return value
    word = unit[:-1] if number == 1 and unit.endswith("s") else unit
    return f"{_number_text(number)} {word}".strip()


def _share(value: str, unit: str) -> str:
    """'30', '%' -> '30 %'."""
    try:
        number = float(value)
    except ValueError:
        return value
    if not math.isfinite(number):
        return value
    return f"{_number_text(number)} %"


# --- period and scope: what a value refers to, in time and in part ---------------------------


def _period(value: str) -> tuple[dates.Span, dates.Span] | None:
    """A period's start and end as the checks accept them: a year, month or day each (no decade),
    within dates.PLAUSIBLE_YEARS ('2024' is '2024' twice)."""
    bounds = dates.interval(value)
    if bounds is None or not all(s.plausible and s.precision != "decade" for s in bounds):
        return None
    return bounds


def period_problem(value: str) -> str | None:
    """What is wrong with a stated period, or None: a year (2024), a month (2025-06), a day
    (2025-06-18), or an interval start/end (2025-01/2025-06) that does not end before it starts."""
    bounds = _period(value)
    if bounds is None:
        return (
            f"{value!r} is not a year (2024), a month (2025-06), a day (2025-06-18) or an "
            "interval (2025-01/2025-06)"
        )
    if dates.backwards(*bounds):
        return f"{value!r} starts after it ends"
    return None


def period_text(value: str, word: str = "in") -> str:
    """A period as a reader writes it after a value: '2024' -> 'in 2024', '2025-01/2025-06' ->
    'in January–June 2025', '2025-06-18' -> 'on 18 June 2025'; ``word`` 'by' for a target year.
    A period that does not parse is shown as stored."""
    bounds = _period(value)
    if bounds is None:
        return f"{word} {value}"
    start, end = bounds
    if start == end:
        if word == "in" and start.precision == "day":
            word = "on"
        return f"{word} {_span_words(start)}"
    same_year = start.first.year == end.first.year
    if same_year and start.precision == end.precision == "month":
        return f"{word} {calendar.month_name[start.first.month]}–{_span_words(end)}"
    if same_year and start.precision == end.precision == "day":
        return f"{word} {_span_words(start)[: -len(' 2025')]}–{_span_words(end)}"
    return f"{word} {_span_words(start)}–{_span_words(end)}"


#: Dashes a scope may be typed with; a stretch is written From–To with an en dash.
_DASHES = "‐‑‒–—―-"


def scope_problem(value: str) -> str | None:
    """What is wrong with a stated scope, or None: one country, holder or stretch 'From–To'
    (an en dash between two named places), written without stray spaces."""
    if value != value.strip() or not value.strip():
        return f"{value!r} has spaces around it"
    if ";" in value:
        return f"{value!r} names more than one scope; give one per claim"
    if "—" in value or " - " in value or "--" in value:
        return f"{value!r} separates a stretch with another dash; write From–To with an en dash"
    if value.count("–") > 1 or any(not side.strip() for side in value.split("–")):
        return f"{value!r} is not a stretch From–To between two named places"
    return None


def _fold(text: str) -> str:
    """Case, spaces and dashes folded: 'Dostyk - Aktau' and 'dostyk–aktau' name the same stretch."""
    text = " ".join(text.casefold().split())
    return re.sub(rf"\s*[{_DASHES}]\s*", "-", text)


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


def disagree(a: Mapping[str, str], b: Mapping[str, str]) -> bool:
    """Two claims disagree: like and like (``readings_key``) of a single-valued field, with
    different values."""
    return (
        single(a["field"]) and readings_key(a) == readings_key(b) and value_key(a) != value_key(b)
    )


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
    values: dict[tuple, set] = {}
    for row in rows:
        values.setdefault(readings_key(row), set()).add(value_key(row))
    return [single(row["field"]) and len(values[readings_key(row)]) > 1 for row in rows]


#: Claim table columns, in file order.
CLAIM_COLUMNS: tuple[str, ...] = (
    "id",
    "corridor",
    "feature",
    "field",
    "value",
    "unit",
    "qualifier",
    "period",
    "scope",
    "source",
    "quote",
    "note",
)

SOURCE_COLUMNS: tuple[str, ...] = (
    "file",
    "sha256",
    "headline",
    "outlet",
    "dateline",
    "date",
    "author",
    "syndicated",
    "note",
)

#: geodata/anchors.csv columns, in file order (generated by `fmt`, see quotes.anchors).
ANCHOR_COLUMNS: tuple[str, ...] = ("claim", "source", "start", "end", "prefix", "exact", "suffix")

CORRIDOR_COLUMNS: tuple[str, ...] = ("id", "name", "mapped", "part_of", "summary")

#: corridors.csv 'mapped': drawn on the map, or only mentioned in the articles (listed with quotes).
#: 'part_of': empty for a whole system; the id of the system a part (Line D of the gas pipeline)
#: belongs to. A part has its own claims, which never disagree with the parent's.
MAPPED_VALUES = ("yes", "no")

#: Public references a feature is drawn from, or a figure not in the articles is taken from.
REFERENCE_COLUMNS: tuple[str, ...] = (
    "id",
    "title",
    "publisher",
    "url",
    "licence",
    "attribution",
    "note",
)

WAYPOINT_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "country",
    "lat",
    "lon",
    "kind",
    "source_url",
    "source_coordinates_text",
    "note",
)

WAYPOINT_KINDS = ("place", "shape")

#: How a feature carries things; a "sea" leg must be drawn over water.
MODES: dict[str, str] = {
    "rail": "Railway track.",
    "road": "Road.",
    "sea": "A sea crossing by ferry or ship; drawn over water.",
    "pipeline": "Pipe.",
    "port": "A port or terminal.",
}

#: A waypoint counts as on its feature within this distance.
WAYPOINT_TOLERANCE_KM = 2.0

#: A route counts as crossing a country only with at least this much of its length inside it.
COUNTRY_MIN_KM = 5.0
