"""The drawing notes and accuracy sentences written into each feature, from the numbers measured."""

from __future__ import annotations

import math

from devtools.trace.geometry import (
    PORT_LAND_KM,
    SIMPLIFY_KM,
)
from devtools.trace.legs import (
    ODBL,
    REFERENCE_ERROR_KM,
    Leg,
)
from devtools.trace.places import Places, names, short_names


def traced_drawing(leg: Leg, places: Places) -> str:
    """1–3 sentences: source, path, thinning, and any note, then the ODbL sentence."""
    source = {
        "ne": "Natural Earth 1:10m railroads (rail-natural-earth.geojson; made with Natural Earth)",
        "osm": "the OpenStreetMap railways of Azerbaijan and eastern Georgia (rail-osm.geojson, "
        "railway=rail)",
    }[leg.network]
    text = (
        f"Vertices chosen from {source} along the shortest path "
        f"{short_names(places, leg.stops)}, with the OpenStreetMap stations "
        f"{'(and the port point) ' if any(isinstance(s, tuple) for s in leg.stops) else ''}"
        f"replacing their nearest reference vertex, thinned by Douglas–Peucker at "
        f"{SIMPLIFY_KM:g} km in a local metric projection."
    )
    if leg.note:
        text += f" {leg.note}."
    if leg.tail:
        last = leg.stops[-1]
        text += (
            f" The last stretch runs straight from {short_names(places, [last])} station to the "
            f"point of {names(places, leg.tail)}."
        )
    return f"{text} {ODBL}"


def stations_drawing(leg: Leg, places: Places) -> str:
    text = (
        f"Straight segments through OpenStreetMap railway stations, in order: "
        f"{names(places, leg.stops)}. Reason: {leg.note}."
    )
    return f"{text} {ODBL}"


def sea_drawing(leg: Leg, places: Places) -> str:
    shapes = "; ".join(f"{lat:.2f} N {lon:.2f} E, {why}" for lon, lat, why in leg.shape)
    return (
        f"Schematic crossing from {names(places, leg.stops[:1])} to "
        f"{names(places, leg.stops[1:])}, kept over water by {len(leg.shape)} offshore shape "
        f"point{'s' if len(leg.shape) > 1 else ''} ({shapes}). It stays off the Natural Earth 1:50m land of "
        f"geodata/boundaries.geojson except within {PORT_LAND_KM:g} km of each port; the real "
        f"ferry lane is not in the references. {ODBL}"
    )


def traced_accuracy_km(leg_network: str, stats: dict) -> int:
    """The drawn line's largest deviation from its reference plus the reference's own error."""
    return math.ceil(stats["max_deviation_km"] + REFERENCE_ERROR_KM[leg_network])


def traced_accuracy(leg_network: str, stats: dict) -> str:
    text = (
        f"Drawn line within {stats['max_deviation_km']:.2f} km of the reference line "
        f"(95th percentile {stats['p95_deviation_km']:.2f} km; the largest offsets are where a "
        f"station replaces the reference vertex nearest to it)."
    )
    if leg_network == "ne":
        text += " Natural Earth itself is generalised: stations lie 0.5–3 km from its lines, so"
    else:
        text += " The OSM extract was simplified at about 50 m and follows the track closely, so"
    text += (
        f" {REFERENCE_ERROR_KM[leg_network]:g} km is added for the reference's own error: "
        f"{traced_accuracy_km(leg_network, stats)} km."
    )
    return text


def stations_accuracy(leg: Leg, stats: dict, accuracy: int) -> str:
    base = max(3, math.ceil(1.5 * stats["estimated_chord_offset_km"] + 1))
    text = (
        f"Chords of {stats['chord_km_min']:.0f}–{stats['chord_km_max']:.0f} km between stations. "
        f"On comparable traced legs ({', '.join(leg.calibrate_on)}), station-to-station chords "
        f"of similar length stray up to {stats['estimated_chord_offset_km']:.1f} km from the "
        f"Natural Earth track (95th percentile); Natural Earth flattens curves, so the estimate "
        f"is 1.5 times that plus 1 km, {base} km."
    )
    if accuracy > base:
        text += f" It is raised to {accuracy} km: {leg.accuracy_note}."
    return text
