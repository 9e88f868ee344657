"""The categories a feature is labelled with: kinds (the map's layers), statuses and the methods
a geometry is drawn by, each described once with its label, colour and meaning.

Re-exported by ``corridors.schema``, the one place the rest of the package imports them from.
"""

from __future__ import annotations

from dataclasses import dataclass


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


def _status(value: str) -> str | None:
    return None if value in STATUSES else f"{value!r} is not one of {', '.join(STATUSES)}"


def status_label(value: str, unit: str = "") -> str:
    """A status as a reader sees it ('Under construction'); a value not in the schema as it is.

    The one place this is decided: the panel, the popups, the exports and the status filter all
    call it. It is also the status field's formatter, hence the (ignored) ``unit``.
    """
    return STATUSES[value].label if value in STATUSES else value
