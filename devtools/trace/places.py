"""Stations and ports as waypoint records, their names in drawing notes, offshore shape points, and
waypoints ordered along a line.
"""

from __future__ import annotations

from shapely.geometry import LineString, Point

from devtools.trace.geometry import (
    DECIMALS,
    leg_metric,
)
from devtools.trace.legs import (
    EXTRACT_URL,
    NODE_ID_MIN,
    PORT_COORDINATES_TEXT,
    PORT_NOTE,
    PORT_OSM_ID,
    PORT_SOURCE,
    PORT_URL,
    PORTS,
    STATIONS,
)


class Places:
    """Stations (by OSM id) and ports (by row) as waypoint records."""

    def __init__(self, stations: list[dict], ports: list[dict]):
        self.stations = {int(r["osm_id"]): r for r in stations}
        self.ports = ports

    def lonlat(self, ref) -> tuple[float, float]:
        if isinstance(ref, tuple):
            row = self.ports[ref[1] - 1]
            return float(row["lon"]), float(row["lat"])
        row = self.stations[ref]
        return float(row["lon"]), float(row["lat"])

    def waypoint(self, ref) -> dict:
        if isinstance(ref, tuple):
            n = ref[1]
            row = self.ports[n - 1]
            slug, name = PORTS[n]
            lat, lon = round(float(row["lat"]), DECIMALS), round(float(row["lon"]), DECIMALS)
            return {
                "id": slug,
                "kind": "port",
                "name": name,
                "country": row["country"],
                "lat": lat,
                "lon": lon,
                "osm_id": PORT_OSM_ID.get(n),
                "source": f"ports.csv row {n}",
                "source_url": PORT_URL[n],
                "source_coordinates_text": PORT_COORDINATES_TEXT.get(
                    n, f"{row['lat']}, {row['lon']}"
                ),
                "note": PORT_NOTE[n],
            }
        row = self.stations[ref]
        slug, english = STATIONS[ref]
        local = row["name"]
        name = english if local == english else f"{english} ({local})"
        if ref >= NODE_ID_MIN:
            url = f"https://www.openstreetmap.org/node/{ref}"
            element = f"node {ref}"
        else:
            url = EXTRACT_URL + row["source"].split(":", 1)[1]
            element = f"element {ref} (node or way: the extract does not say which)"
        return {
            "id": slug,
            "kind": "station",
            "name": name,
            "country": row["country"],
            "lat": float(row["lat"]),
            "lon": float(row["lon"]),
            "osm_id": ref,
            "source": "stations.csv",
            "source_url": url,
            "source_coordinates_text": f"{row['lat']}, {row['lon']}",
            "note": f"OpenStreetMap railway station {element}, named {local!r}; coordinates as in "
            "the Overpass extract of 2026-04-01 (reference-geodata stations.csv, 5 decimals).",
        }


def names(places: Places, refs) -> str:
    """'Name (local name, OSM id), …' for drawing notes; ports by their ports.csv row."""
    out = []
    for ref in refs:
        if isinstance(ref, tuple):
            out.append(f"{PORTS[ref[1]][1]} ({PORT_SOURCE[ref[1]]})")
            continue
        english, local = STATIONS[ref][1], places.stations[ref]["name"]
        out.append(
            f"{english} (OSM {ref})" if local == english else f"{english} ({local}, OSM {ref})"
        )
    return ", ".join(out)


def short_names(places: Places, refs) -> str:
    """'A – B – C' in English, for traced legs whose waypoints carry the ids."""
    return " – ".join(STATIONS[r][1] if isinstance(r, int) else PORTS[r[1]][1] for r in refs)


def shape_waypoint(lon: float, lat: float, why: str) -> dict:
    return {
        "id": f"shape-{round(lat * 100)}n-{round(lon * 100)}e",  # ids take no dots
        "kind": "shape",
        "name": f"Offshore shape point {lat:.2f} N {lon:.2f} E",
        "country": None,
        "lat": lat,
        "lon": lon,
        "osm_id": None,
        "source": "offshore shape point chosen in trace.py (sea legs only)",
        "source_url": "",
        "source_coordinates_text": "",
        "note": f"Offshore shape point: {why}.",
        "reason": why,
    }


def along(coords, waypoints: list[dict]) -> list[dict]:
    """Waypoints in their order along the drawn line."""
    metric = leg_metric(coords)
    line = LineString(metric.xy(coords))
    pos = [line.project(Point(metric.xy([(w["lon"], w["lat"])])[0])) for w in waypoints]
    return [w for _, w in sorted(zip(pos, waypoints, strict=True), key=lambda t: t[0])]
