"""Building the map: the data as GeoJSON, their bounds; folium renders the page (``mappage``).

The page depends on the code only; frontend/map.js draws the layers in it, from files the page
fetches (the dashboard, see mapcomponent) or from inline JSON (``mappage.full_map``, a static page). Every
data string that reaches a popup is escaped (``popups``), because Leaflet puts popups into
innerHTML. The styles, the legend and the popups live in modules of their own, re-exported here.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import shapely
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from ..model.dataset import Dataset
from ..schema import KINDS, REGION_BOUNDS
from . import jsontext
from .legend import _line_svg as _line_svg
from .legend import legend_html as legend_html
from .popups import _ROW_COLUMNS, PopupMaker
from .popups import popup_html as popup_html
from .styles import CASING_COLOR as CASING_COLOR
from .styles import casing as casing
from .styles import casing_table, style_table
from .styles import style as style

#: Coordinates sent to the browser are rounded to this many decimals (about 11 m).
MAP_DECIMALS = 4


def _round(coords: object) -> object:
    if isinstance(coords, float):
        return round(coords, MAP_DECIMALS)
    if isinstance(coords, list | tuple):
        return [_round(c) for c in coords]
    if isinstance(coords, dict):  # a GeoJSON geometry: round its coordinates, keep its type
        return {key: _round(value) for key, value in coords.items()}
    return coords


#: Lines with more vertices than this are simplified for the screen; curated routes (a few named
#: waypoints, each one a vertex) are sent as they are.
SIMPLIFY_ABOVE_VERTICES = 32
#: Tolerance of that simplification, in degrees (about 1 km; a pixel is 5–10 km at the first view).
SIMPLIFY_DEG = 0.01


def screen_geometry(geom: BaseGeometry) -> dict:
    """A feature's geometry as the browser gets it: simplified if long, rounded to ~10 m."""
    return screen_geometries([geom])[0]


_POINT, _LINESTRING = 0, 1  # shapely type ids


def screen_geometries(geoms: Iterable[BaseGeometry]) -> list[dict]:
    """``screen_geometry`` of many geometries: one shapely call simplifies them all, and a plain
    line's or point's coordinates are rounded from one array, not walked recursively (at 10,000
    routes the walk took about a quarter of the time writing the layer files took)."""
    screen = _Screen(geoms)
    points = screen.points.tolist()
    return [
        screen.other(i) if span is None else _plain(kind, points[span[0] : span[1]])
        for i, (kind, span) in enumerate(zip(screen.kinds, screen.spans, strict=True))
    ]


def _plain(kind: int, coords: object) -> dict:
    if kind == _POINT:
        return {"type": "Point", "coordinates": coords[0]}  # type: ignore[index]
    return {"type": "LineString", "coordinates": coords}


class _Screen:
    """Many geometries made ready for the screen at once (simplified if long, rounded): a plain
    point's or line's coordinates are a row range (``spans``) of one rounded array (``points``);
    any other geometry (a multi-part one, with z, empty) is walked by ``other``."""

    def __init__(self, geoms: Iterable[BaseGeometry]) -> None:
        arr = np.array([*geoms, None], dtype=object)[:-1]  # never a 2-d array of coordinates
        self.geoms = arr
        self.kinds: list[int] = []
        self.spans: list[tuple[int, int] | None] = []
        self.points = np.zeros((0, 2))
        if not len(arr):
            return
        kinds = shapely.get_type_id(arr)
        long = (kinds != _POINT) & (shapely.get_num_coordinates(arr) > SIMPLIFY_ABOVE_VERTICES)
        arr[long] = shapely.simplify(arr[long], SIMPLIFY_DEG, preserve_topology=False)
        kinds = shapely.get_type_id(arr)
        plain = np.isin(kinds, (_POINT, _LINESTRING)) & ~shapely.is_empty(arr) & ~shapely.has_z(arr)
        # every plain geometry's coordinates rounded at once, then cut back into their geometries
        coords, owner = shapely.get_coordinates(arr[plain], return_index=True)
        self.points = rounded_array(coords)
        ends = np.cumsum(np.bincount(owner, minlength=int(plain.sum()))).tolist()
        starts = [0, *ends[:-1]]
        at = iter(zip(starts, ends, strict=True))
        self.kinds = kinds.tolist()
        self.spans = [next(at) if easy else None for easy in plain.tolist()]

    def other(self, i: int) -> dict:
        return _round(mapping(self.geoms[i]))


#: Where ``rounded`` trusts numpy: a scaled number this far from a tie (x.xxxx5) or further
#: rounds the same whatever the error of the scaling (below 1e-9 for numbers under 2**31).
_TIE_MARGIN = 1e-6
_SCALE = 10.0**MAP_DECIMALS


def rounded(coords: np.ndarray) -> list:
    """``round(v, MAP_DECIMALS)`` of every number of an array, as nested lists, bit for bit
    (``rounded_array``)."""
    return rounded_array(coords).tolist()


def rounded_array(coords: np.ndarray) -> np.ndarray:
    """``round(v, MAP_DECIMALS)`` of every number of an array, as an array of floats, bit for bit.

    Python's ``round`` picks the nearest multiple of 10**-4 from the number's exact value and
    returns the float nearest to it; here the multiple is ``rint(v * 10**4)`` and the float
    ``k / 10**4`` (a correctly rounded division: the same float). The two can pick different
    multiples only near a tie, where the product's rounding error could tip the choice: those
    numbers (and any too large to scale exactly) go through ``round`` itself. A Python ``round``
    per number was most of the time the layer files took at 10,000 corridors."""
    with np.errstate(invalid="ignore", over="ignore"):
        scaled = coords * _SCALE
        unsure = ~(np.abs(scaled) < 2.0**31)  # NaN, infinities, numbers too large to trust
        unsure |= np.abs(scaled - np.floor(scaled) - 0.5) < _TIE_MARGIN
        out = np.rint(scaled) / _SCALE
    if unsure.any():
        out[unsure] = [round(v, MAP_DECIMALS) for v in coords[unsure].tolist()]
    return out


def feature_collection(
    ds: Dataset, feature_ids: Iterable[str], maker: PopupMaker | None = None
) -> dict:
    """The GeoJSON the browser gets: geometry for the screen, properties minimal, popups escaped.

    Pass one ``maker`` when building several layers of the same data (it reads the claims once).
    """
    ids, properties, geoms = _features(ds, feature_ids, maker)
    return _collection(ids, properties, screen_geometries(geoms))


def layer_bytes(ds: Dataset, feature_ids: Iterable[str], maker: PopupMaker | None = None) -> bytes:
    """``feature_collection`` as the layer file's bytes (``jsontext.python_text``), bit for bit,
    made without a Python list per coordinate pair: each plain geometry's coordinates are rows of
    one rounded array, which orjson writes as it is (``jsontext.text``)."""
    ids, properties, geoms = _features(ds, feature_ids, maker)
    screen = _Screen(geoms)
    geometries = [
        screen.other(i) if span is None else _plain(kind, screen.points[span[0] : span[1]])
        for i, (kind, span) in enumerate(zip(screen.kinds, screen.spans, strict=True))
    ]
    return jsontext.text(_collection(ids, properties, geometries))


def _features(
    ds: Dataset, feature_ids: Iterable[str], maker: PopupMaker | None
) -> tuple[list[str], list[dict], object]:
    """The features' ids, their properties (popups made) and their geometries, in that order."""
    ids = list(feature_ids)
    frame = ds.features.loc[ids]
    rows = frame[_ROW_COLUMNS].to_dict("records")
    maker = maker or PopupMaker(ds)
    properties = [
        {
            "id": feature_id,
            "corridor": row["corridor"],
            "kind": row["kind"],
            "status": row["status"],
            "method": row["method"],
            "name": str(row["name"]),  # set as text by the page, never as HTML
            "popup": maker.popup(feature_id, row),
        }
        for feature_id, row in zip(ids, rows, strict=True)
    ]
    return ids, properties, frame.geometry


def _collection(ids: list[str], properties: list[dict], geometries: list) -> dict:
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": feature_id, "properties": props, "geometry": geometry}
            for feature_id, props, geometry in zip(ids, properties, geometries, strict=True)
        ],
    }


def layer_json(collection: dict) -> str:
    """A layer's GeoJSON as JavaScript-and-HTML-safe JSON text, serialised once and reused."""
    from jinja2.utils import htmlsafe_json_dumps  # where a layer is written, not on every start

    return htmlsafe_json_dumps(collection, separators=(",", ":"))


#: Bottom to top: where a corridor shares a path with a pipeline (Khorgos to Shu), the corridor's
#: pattern is drawn over the pipeline's solid line, so both stay visible. Points go on top.
DRAW_ORDER = ("pipeline", "railway", "corridor", "port")
#: The map frame's accessible name (screen readers announce it; tests find the frame by it).
MAP_TITLE = "Map of China–Central Asia corridors"
#: Whom the map owes: shown in Leaflet's attribution control on every basemap.
ATTRIBUTIONS = (
    "Boundaries: Natural Earth",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors '
    "(route references)",
    'Places: <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0)',
)
MAP_HEIGHT = 640


def page_config() -> dict:
    """What ``corridors.init`` (frontend/map.js) needs: styles, draw order, words, height."""
    order = [k for k in DRAW_ORDER if k in KINDS] + [k for k in KINDS if k not in DRAW_ORDER]
    return {
        "styles": style_table(),
        "casings": casing_table(),
        "order": order,
        "attribution": list(ATTRIBUTIONS),
        "title": MAP_TITLE,
        "height": MAP_HEIGHT,
    }


def bounds_of(ds: Dataset, feature_ids: Iterable[str]) -> list[list[float]] | None:
    """South-west and north-east corners ([lat, lon]) around these features; None for none."""
    ids = list(feature_ids)
    if not ids:
        return None
    west, south, east, north = ds.features.loc[ids].total_bounds
    d = MAP_DECIMALS  # the same precision as the coordinates the map is drawn from
    # rounded as numpy rounds, then plain floats: a first run's fit is kept on disk and read back
    # without numpy (corridors.view.firstrun)
    return [[float(round(v, d)) for v in corner] for corner in ((south, west), (north, east))]


def overview_bounds(ds: Dataset, feature_ids: Iterable[str]) -> list[list[float]] | None:
    """The first view: around the routes (lines) among these features, so a lone port far away
    (Lianyungang, on the Yellow Sea) does not shrink the four systems to a few pixels; points
    alone when no line is shown."""
    ids = list(feature_ids)
    kinds = shapely.get_type_id(ds.features.loc[ids].geometry.values) if ids else []
    lines = [i for i, kind in zip(ids, kinds, strict=True) if kind != _POINT]
    return bounds_of(ds, lines or ids)


def region_bounds(ds: Dataset) -> list[list[float]]:
    """Around every feature; the schema's region when there are none."""
    found = bounds_of(ds, ds.features.index)
    if found is None:
        west, south, east, north = REGION_BOUNDS
        return [[south, west], [north, east]]
    return found


#: Where the rendered page names its prefetch script: a small script that starts fetching the
#: latest data version's files at once. The served page has it inline instead
#: (``mapcomponent.page_with_prefetch``), rewritten with each data version.
PREFETCH_SCRIPT = "data/prefetch.js"
