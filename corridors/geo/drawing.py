"""Drawing a route from its waypoints: the geometry is the recipe's output, not a hand-traced line.

A feature drawn through stations (or schematically, or a point) lists the waypoint ids it passes
(geodata/waypoints.csv, each with the reference its coordinates come from); its line is those
positions in order. Redrawing after a waypoint is corrected keeps geometry and provenance in step.
"""

from __future__ import annotations

from collections.abc import Mapping

#: Methods whose geometry is nothing but their waypoints, in order; a traced line is left alone.
REDRAWN_METHODS = ("stations", "schematic", "located")


def redraw(feature: dict, waypoints: Mapping[str, tuple[float, float]]) -> dict:
    """The feature with its geometry rebuilt from its waypoints ((lon, lat) by id).

    Only for features drawn through their waypoints; a line traced from reference geometry
    (``devtools/trace/``) is returned unchanged.
    """
    props = feature["properties"]
    if props.get("method") not in REDRAWN_METHODS:
        return feature
    positions = [list(waypoints[w]) for w in props["waypoints"]]
    if feature["geometry"]["type"] == "Point":
        geometry = {"type": "Point", "coordinates": positions[0]}
    else:
        geometry = {"type": "LineString", "coordinates": positions}
    return {"type": "Feature", "properties": dict(props), "geometry": geometry}
