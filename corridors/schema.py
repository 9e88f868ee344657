"""The vocabulary of the dataset, described once as data.

Everything else (validation, the map legend, the panel, exports) reads these definitions, so a new
kind, status or claim field is added here and nowhere else.
"""

from __future__ import annotations

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
    "waypoints",
    "drawing",
)

#: RFC 7946 recommends no more precision than needed; 6 decimals is about 0.1 m.
COORD_DECIMALS = 6

#: The region the project maps (lon_min, lat_min, lon_max, lat_max): the Black Sea to the Yellow Sea.
REGION_BOUNDS: tuple[float, float, float, float] = (25.0, 30.0, 125.0, 56.0)


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    geometry: tuple[str, ...]
    description: str


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("railway", "Railways", ("LineString", "MultiLineString"), "A railway line."),
        Kind("pipeline", "Pipelines", ("LineString", "MultiLineString"), "An oil or gas pipeline."),
        Kind(
            "corridor",
            "Transport corridors",
            ("LineString", "MultiLineString"),
            "One leg (rail, road or sea crossing) of a multimodal transport corridor.",
        ),
        Kind("port", "Ports", ("Point",), "A seaport or a dry (inland) port."),
    )
}


@dataclass(frozen=True)
class Status:
    name: str
    label: str
    dashed: bool
    description: str


STATUSES: dict[str, Status] = {
    s.name: s
    for s in (
        Status("planned", "Planned", True, "Announced or agreed; construction not begun."),
        Status("under_construction", "Under construction", True, "Being built."),
        Status("operating", "Operating", False, "In use."),
        Status(
            "unstated",
            "Status not stated",
            True,
            "The source articles do not state a status; none is guessed.",
        ),
    )
}

_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
_MONTH = re.compile(r"^(1[89]\d\d|20\d\d)-(0[1-9]|1[0-2])$")
_DECADE = re.compile(r"^(1[89]\d0|20\d0)s$")


def _positive_number(value: str) -> str | None:
    try:
        number = float(value)
    except ValueError:
        return f"{value!r} is not a number"
    if not number > 0:
        return f"{value!r} is not a positive number"
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


@dataclass(frozen=True)
class Field:
    """A claim field: what it means, which units it takes and how its value must look."""

    name: str
    label: str
    description: str
    units: tuple[str, ...] = ("",)
    check: Callable[[str], str | None] = _text
    figure: bool = False  # a figure: shown in the popup's key figures


FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        Field("name", "Name", "A name the article uses for it, garbled or not."),
        Field("status", "Status", "Planned, under construction or operating.", check=_status),
        Field(
            "cost",
            "Cost",
            "Stated cost or investment.",
            units=("USD", "CNY"),
            check=_positive_number,
            figure=True,
        ),
        Field(
            "length", "Length", "Stated length.", units=("km",), check=_positive_number, figure=True
        ),
        Field(
            "capacity",
            "Capacity",
            "Stated yearly capacity.",
            units=("bcm/year", "tonnes/year", "TEU/year"),
            check=_positive_number,
            figure=True,
        ),
        Field("lines", "Lines", "Named parallel lines, ';'-separated.", check=_list, figure=True),
        Field("route", "Route", "The route in the article's words, normalised."),
        Field(
            "countries", "Countries", "Countries named on the route, ';'-separated.", check=_list
        ),
        Field("start_date", "Start", "When work starts or started.", check=_date, figure=True),
        Field(
            "completion_date", "Completion", "When it is due or was done.", check=_date, figure=True
        ),
        Field("proposed_date", "First proposed", "When it was first proposed.", check=_date),
        Field("operator", "Operator", "Who runs it."),
        Field("role", "Role", "What it is for, in the article's words."),
        Field("context", "Context", "Why it matters now, in the article's words."),
        Field("corridor", "Corridor", "A corridor the article links it to."),
    )
}

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

CORRIDOR_COLUMNS: tuple[str, ...] = ("id", "name", "summary")

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
