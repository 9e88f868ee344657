"""The vocabulary of the dataset, described once as data.

Everything else (validation, the map legend, the panel, exports) reads these definitions, so a new
kind, status or claim field is added here and nowhere else.
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

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

# \Z, not $: a value with a trailing newline is not a date.
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)\Z")
_MONTH = re.compile(r"^(1[89]\d\d|20\d\d)-(0[1-9]|1[0-2])\Z")
_DECADE = re.compile(r"^(1[89]\d0|20\d0)s\Z")


def _positive_number(value: str) -> str | None:
    try:
        number = float(value)
    except ValueError:
        return f"{value!r} is not a number"
    if not math.isfinite(number) or not number > 0:
        return f"{value!r} is not a positive finite number"
    return None


def _date(value: str) -> str | None:
    if _YEAR.match(value) or _MONTH.match(value) or _DECADE.match(value):
        return None
    return f"{value!r} is not a year (2030), a month (2025-07) or a decade (1990s)"


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


def _date_text(value: str, unit: str) -> str:
    """'2025-07' -> 'July 2025', '1990s' -> 'the 1990s', '2030' -> '2030'."""
    if _MONTH.match(value):
        return f"{calendar.month_name[int(value[5:])]} {value[:4]}"
    if _DECADE.match(value):
        return f"the {value}"
    return value


@dataclass(frozen=True)
class Field:
    """A claim field: what it means, which units it takes, how its value must look and reads."""

    name: str
    label: str
    description: str
    units: tuple[str, ...] = ("",)
    check: Callable[[str], str | None] = _text
    figure: bool = False  # a figure: shown in the popup's key figures
    formatter: Callable[[str, str], str] = _plain  # (value, unit) -> what a reader sees

    def format(self, value: str, unit: str = "", qualifier: str = "") -> str:
        """The value as a reader expects it ('US$8 billion', 'by 2030'), qualifier first."""
        text = self.formatter(value, unit)
        return f"{qualifier} {text}" if qualifier else text


FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        Field("name", "Name", "A name the article uses for it, garbled or not."),
        Field(
            "status",
            "Status",
            "Planned, under construction or operating.",
            check=_status,
            formatter=status_label,
        ),
        Field(
            "cost",
            "Cost",
            "Stated cost or investment.",
            units=("USD", "CNY"),
            check=_positive_number,
            figure=True,
            formatter=_money,
        ),
        Field(
            "length",
            "Length",
            "Stated length.",
            units=("km",),
            check=_positive_number,
            figure=True,
            formatter=_quantity,
        ),
        Field(
            "capacity",
            "Capacity",
            "Stated yearly capacity.",
            units=("bcm/year", "tonnes/year", "TEU/year"),
            check=_positive_number,
            figure=True,
            formatter=_quantity,
        ),
        Field(
            "lines",
            "Lines",
            "Named parallel lines, ';'-separated.",
            check=_list,
            figure=True,
            formatter=_items,
        ),
        Field("route", "Route", "The route in the article's words, normalised."),
        Field(
            "countries",
            "Countries",
            "Countries named on the route, ';'-separated.",
            check=_list,
            formatter=_items,
        ),
        Field(
            "start_date",
            "Start",
            "When work starts or started.",
            check=_date,
            figure=True,
            formatter=_date_text,
        ),
        Field(
            "completion_date",
            "Completion",
            "When it is due or was done.",
            check=_date,
            figure=True,
            formatter=_date_text,
        ),
        Field(
            "proposed_date",
            "First proposed",
            "When it was first proposed.",
            check=_date,
            formatter=_date_text,
        ),
        Field(
            "opening_date",
            "Entered service",
            "When it (or one of its lines) entered service.",
            check=_date,
            figure=True,
            formatter=_date_text,
        ),
        Field("operator", "Operator", "Who runs it."),
        Field("role", "Role", "What it is for, in the article's words."),
        Field("context", "Context", "Why it matters now, in the article's words."),
        Field("corridor", "Corridor", "A corridor the article links it to."),
    )
}


def field_label(field_name: str) -> str:
    """A claim field's heading ('Completion'); a field not in the schema by its name, so nothing
    the data holds is dropped from a page or an export."""
    field = FIELDS.get(field_name)
    return field.label if field is not None else field_name


def format_value(field_name: str, value: str, unit: str = "", qualifier: str = "") -> str:
    """A claim's value as a reader expects it; an unknown field's value is shown as stored."""
    field = FIELDS.get(field_name)
    if field is None:
        return f"{qualifier} {value}" if qualifier else value
    return field.format(value, unit, qualifier)


#: Claim table columns, in file order.
CLAIM_COLUMNS: tuple[str, ...] = (
    "id",
    "corridor",
    "feature",
    "field",
    "value",
    "unit",
    "qualifier",
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

CORRIDOR_COLUMNS: tuple[str, ...] = ("id", "name", "mapped", "summary")

#: corridors.csv 'mapped': drawn on the map, or only mentioned in the articles (listed with quotes).
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
