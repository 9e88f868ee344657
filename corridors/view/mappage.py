"""The map page, rendered by folium: local Leaflet and frontend/map.js, basemaps, legend.

Its own module so that folium (more than half a second to import, its templates compiled) is
loaded only when a page is rendered: once per code version for the dashboard's frame
(``mapcomponent.prepare``), and for the static page. It uses ``mapbuild``; nothing there
imports it back.
"""

from __future__ import annotations

import folium
from branca.element import MacroElement
from jinja2 import Template
from markupsafe import Markup

from ..model.dataset import Dataset
from ..schema import KINDS, REGION_BOUNDS
from .legend import legend_html
from .mapbuild import (
    MAP_TITLE,
    PREFETCH_SCRIPT,
    PopupMaker,
    feature_collection,
    layer_json,
    page_config,
    region_bounds,
)


class Legend(MacroElement):
    """A fixed legend: colour per kind, pattern per status, style per method (static text).

    Folded on a narrow map (a phone), open on a wide one.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: "bottomright"});
        {{ this.get_name() }}.onAdd = function (map) {
            var div = L.DomUtil.create("details", "corridors-legend");
            div.setAttribute("data-testid", "map-legend");
            div.open = map.getSize().x > 560;
            div.innerHTML = "<summary>Legend</summary>" + {{ this.legend_html|tojson }};
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "Legend"
        self.legend_html = legend_html()


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
