"""How a feature is drawn: colour by kind, pattern by status, weight and casing by drawing
method, all read from the schema; sent to the browser once as tables (frontend/map.js styles each
feature from them), and drawn again in the legend.
"""

from __future__ import annotations

from ..schema import KINDS, METHODS, STATUSES

#: The casing under a traced line: a dark outline this many pixels wider than the line.
CASING_COLOR = "#2b2b2b"
CASING_EXTRA = 3


def style(kind: str, status: str, method: str = "traced") -> dict:
    """The Leaflet path style of one feature: colour by kind, pattern by status, weight by method.

    Patterns make status readable without colour; the method's casing (traced) or fading
    (schematic) says how far to trust where the line runs.
    """
    k = KINDS.get(kind)
    color = k.color if k else "#333333"
    how = METHODS.get(method)
    dash = STATUSES[status].dash if status in STATUSES else None
    if k is not None and k.marker == "circle":
        result = {
            "color": "#ffffff",
            "weight": 2,
            "fill": True,
            "fillColor": color,
            "fillOpacity": 0.95,
            "radius": 8,
            "className": "corridors-port",
        }
        if dash:  # a point shows its status by a dashed ring, as lines do by a dashed stroke
            result |= {"color": "#333333", "dashArray": "3 3", "weight": 2.5}
        return result
    result = {
        "color": color,
        "weight": how.weight if how else 4,
        "opacity": how.opacity if how else 0.9,
        "lineCap": "butt",
    }
    if dash:
        result["dashArray"] = dash
    return result


def casing(method: str) -> dict | None:
    """The outline drawn under a line whose method has one (traced lines), else None."""
    how = METHODS.get(method)
    if how is None or not how.casing:
        return None
    return {
        "color": CASING_COLOR,
        "weight": how.weight + CASING_EXTRA,
        "opacity": 0.55,
        "lineCap": "butt",
    }


def style_table() -> dict[str, dict[str, dict[str, dict]]]:
    """Every (kind, status, method) style, sent once in the page: the browser styles features."""
    return {
        kind: {
            status: {method: style(kind, status, method) for method in METHODS}
            for status in STATUSES
        }
        for kind in KINDS
    }


def casing_table() -> dict[str, dict]:
    """The casing style of each method that has one."""
    return {m: c for m in METHODS if (c := casing(m)) is not None}
