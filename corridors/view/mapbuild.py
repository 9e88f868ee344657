"""Building the map: folium renders the page (Leaflet, basemaps, legend); the data are GeoJSON.

The page depends on the code only; frontend/map.js draws the layers in it, from files the page
fetches (the dashboard, see mapcomponent) or from inline JSON (``full_map``, a static page). Every
data string that reaches a popup is escaped (``popups``), because Leaflet puts popups into
innerHTML. The styles, the legend and the popups live in modules of their own, re-exported here.
"""

from __future__ import annotations

from collections.abc import Iterable

import folium
import numpy as np
import shapely
from branca.element import MacroElement
from jinja2 import Template
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from ..model.dataset import Dataset
from ..schema import KINDS, REGION_BOUNDS
from .legend import Legend
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
    arr = np.array([*geoms, None], dtype=object)[:-1]  # never a 2-d array of coordinates
    if not len(arr):
        return []
    kinds = shapely.get_type_id(arr)
    long = (kinds != _POINT) & (shapely.get_num_coordinates(arr) > SIMPLIFY_ABOVE_VERTICES)
    arr[long] = shapely.simplify(arr[long], SIMPLIFY_DEG, preserve_topology=False)
    kinds = shapely.get_type_id(arr)
    plain = np.isin(kinds, (_POINT, _LINESTRING)) & ~shapely.is_empty(arr) & ~shapely.has_z(arr)
    return [
        _plain_mapping(geom, kind) if easy else _round(mapping(geom))
        for geom, kind, easy in zip(arr, kinds.tolist(), plain.tolist(), strict=True)
    ]


def _plain_mapping(geom: BaseGeometry, kind: int) -> dict:
    """A non-empty 2-d Point's or LineString's GeoJSON, rounded: what ``_round(mapping(geom))``
    gives, with Python's ``round`` on each number (exactly as there), but from one array."""
    coords = [
        [round(x, MAP_DECIMALS), round(y, MAP_DECIMALS)]
        for x, y in shapely.get_coordinates(geom).tolist()
    ]
    if kind == _POINT:
        return {"type": "Point", "coordinates": coords[0]}
    return {"type": "LineString", "coordinates": coords}


def feature_collection(
    ds: Dataset, feature_ids: Iterable[str], maker: PopupMaker | None = None
) -> dict:
    """The GeoJSON the browser gets: geometry for the screen, properties minimal, popups escaped.

    Pass one ``maker`` when building several layers of the same data (it reads the claims once).
    """
    ids = list(feature_ids)
    frame = ds.features.loc[ids]
    rows = frame[_ROW_COLUMNS].to_dict("records")
    maker = maker or PopupMaker(ds)
    features = []
    geometries = screen_geometries(frame.geometry)
    for feature_id, row, geometry in zip(ids, rows, geometries, strict=True):
        features.append(
            {
                "type": "Feature",
                "id": feature_id,
                "properties": {
                    "id": feature_id,
                    "corridor": row["corridor"],
                    "kind": row["kind"],
                    "status": row["status"],
                    "method": row["method"],
                    "name": str(row["name"]),  # set as text by the page, never as HTML
                    "popup": maker.popup(feature_id, row),
                },
                "geometry": geometry,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def layer_json(collection: dict) -> str:
    """A layer's GeoJSON as JavaScript-and-HTML-safe JSON text, serialised once and reused."""
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


class Config(MacroElement):
    """Hands the map to frontend/map.js: panes, attribution, and (in a frame) the protocol."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        corridors.init({{ this._parent.get_name() }}, {{ this.config|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "Config"
        self.config = page_config()


class DataLayer(MacroElement):
    """One layer drawn from inline GeoJSON by frontend/map.js (the static page: no Streamlit).

    The dashboard's frame fetches the same collections as files instead (mapcomponent); both draw
    with the same JavaScript. Tooltip names are set as text; popups are pre-escaped HTML.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        corridors.drawStatic({{ this.kind|tojson }}, {{ this.data_json }});
        {% endmacro %}
        """
    )

    def __init__(self, kind: str, collection: dict | str) -> None:
        super().__init__()
        self._name = "DataLayer"
        self.kind = kind
        self.data_json = Markup(
            collection if isinstance(collection, str) else layer_json(collection)
        )


class OfflineBasemap(folium.map.Layer):
    """Country boundaries drawn by Leaflet from JSON served by this machine: no tiles, no network.

    In the dashboard the file's address arrives with the component's args; a static page names it.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = corridors.basemap = L.geoJSON(null, {
            pane: "corridors-basemap",
            interactive: false,
            style: {color: "#8a8a8a", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1}
        });
        {% if this.url %}corridors.loadBasemap({{ this.url|tojson }});{% endif %}
        {% endmacro %}
        """
    )

    def __init__(self, url: str | None = None, name: str = "Offline basemap (no network)") -> None:
        super().__init__(name=name, overlay=False, control=True, show=True)
        self._name = "OfflineBasemap"
        self.url = url


_OSM = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'

#: The online basemaps a reader may choose (never shown by default: the offline one is). URLs are
#: given in full: a provider look-up by name costs ~3 ms a layer on every rerun.
ONLINE_BASEMAPS: tuple[dict, ...] = (
    {
        "tiles": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "attr": _OSM,
        "name": "OpenStreetMap (online)",
        "max_zoom": 19,
    },
    {
        "tiles": "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png",
        "attr": f'{_OSM} &copy; <a href="https://carto.com/attributions">CARTO</a>',
        "subdomains": "abcd",
        "name": "Carto light (online)",
    },
    {
        "tiles": "https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/{z}/{y}/{x}",
        "attr": (
            "Tiles &copy; Esri &mdash; Source: Esri, i-cubed, USDA, USGS, AEX, GeoEye, "
            "Getmapping, Aerogrid, IGN, IGP, UPR-EGP, and the GIS User Community"
        ),
        "name": "Satellite, Esri World Imagery (online)",
    },
)


def bounds_of(ds: Dataset, feature_ids: Iterable[str]) -> list[list[float]] | None:
    """South-west and north-east corners ([lat, lon]) around these features; None for none."""
    ids = list(feature_ids)
    if not ids:
        return None
    west, south, east, north = ds.features.loc[ids].total_bounds
    d = MAP_DECIMALS  # the same precision as the coordinates the map is drawn from
    return [[round(south, d), round(west, d)], [round(north, d), round(east, d)]]


def overview_bounds(ds: Dataset, feature_ids: Iterable[str]) -> list[list[float]] | None:
    """The first view: around the routes (lines) among these features, so a lone port far away
    (Lianyungang, on the Yellow Sea) does not shrink the four systems to a few pixels; points
    alone when no line is shown."""
    ids = list(feature_ids)
    lines = [i for i in ids if ds.features.at[i, "geometry"].geom_type != "Point"]
    return bounds_of(ds, lines or ids)


def region_bounds(ds: Dataset) -> list[list[float]]:
    """Around every feature; the schema's region when there are none."""
    found = bounds_of(ds, ds.features.index)
    if found is None:
        west, south, east, north = REGION_BOUNDS
        return [[south, west], [north, east]]
    return found


#: How far past the project's region the reader may pan, in degrees.
PAN_MARGIN_DEG = 15.0


def base_map(
    prefix: str = "", basemap_url: str | None = None, layer_control: bool = True
) -> folium.Map:
    """The map page without data: local Leaflet and map.js (under ``prefix``), basemaps, legend.

    It depends on the code only (the region comes from the schema), so one rendered page serves
    every data folder; the data arrive as files the page fetches, or inline (``full_map``).
    """
    west, south, east, north = REGION_BOUNDS
    m = folium.Map(
        location=[(south + north) / 2, (west + east) / 2],
        zoom_start=4,
        tiles=None,
        font_size="0.8125rem",  # 13px; folium's 1rem makes popups and attribution too large
        prefer_canvas=False,  # SVG: every route is a real DOM element (clickable, testable)
        control_scale=True,
        min_zoom=3,
        zoom_snap=0.25,
        max_bounds=True,
        min_lat=south - PAN_MARGIN_DEG,
        max_lat=north + PAN_MARGIN_DEG,
        min_lon=west - PAN_MARGIN_DEG,
        max_lon=east + PAN_MARGIN_DEG,
    )
    # Only Leaflet and our own script, from this machine: none of folium's CDN extras. Ours goes
    # first: it starts the component handshake while Leaflet loads (it needs Leaflet only later).
    m.default_js = [
        ("corridors", f"{prefix}map.js"),
        ("leaflet", f"{prefix}leaflet/leaflet.js"),
    ]
    if layer_control:  # the component's page (the static page has its data inline)
        # the data files of the latest data version, fetched at once, before the handshake
        m.default_js.insert(0, ("corridors_prefetch", f"{prefix}{PREFETCH_SCRIPT}"))
    m.default_css = [
        ("leaflet_css", f"{prefix}leaflet/leaflet.css"),
        ("corridors_css", f"{prefix}map.css"),
    ]
    m.get_root().title = MAP_TITLE
    Legend().add_to(m)  # before Config, whose init may fit the view: the fit keeps clear of it
    Config().add_to(m)
    OfflineBasemap(basemap_url).add_to(m)
    for basemap in ONLINE_BASEMAPS:
        folium.TileLayer(**basemap, show=False, overlay=False).add_to(m)
    if layer_control:
        folium.LayerControl(position="topright", collapsed=True).add_to(m)
    return m


#: A small script, rewritten with each data version, that starts fetching its files at once.
PREFETCH_SCRIPT = "data/prefetch.js"


def page_html(prefix: str = "") -> str:
    """The dashboard frame's page: the base map rendered once per code version."""
    return base_map(prefix).get_root().render()


def full_map(ds: Dataset, prefix: str = "", basemap_url: str | None = None) -> folium.Map:
    """Base map with every layer inline: the static page (the benchmark's floor) and HTML tests.

    The layer control goes last: Leaflet's control must come after the layers it lists.
    """
    m = base_map(prefix, basemap_url, layer_control=False)
    m.fit_bounds(region_bounds(ds))
    maker = PopupMaker(ds)  # reads the claims once for every layer
    for kind in KINDS:
        ids = list(ds.features.index[ds.features["kind"] == kind])
        if ids:
            DataLayer(kind, feature_collection(ds, ids, maker)).add_to(m)
    folium.LayerControl(position="topright", collapsed=True).add_to(m)
    return m
