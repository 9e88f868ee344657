"""Building the folium map: a fixed base map, and one feature group per infrastructure layer.

The base map (basemaps, legend, initial view) never changes between reruns, so streamlit-folium
keeps the same Leaflet map mounted; layers and the highlight travel as feature groups, which it
swaps in place. Every data string that reaches a tooltip or popup is escaped here, because folium
puts property values into innerHTML as they are.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import folium
import shapely
from branca.element import MacroElement
from jinja2 import Template
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from . import assets, panel
from .dataset import Dataset
from .schema import FIELDS, KINDS, METHODS, POINT_METHODS, STATUSES

HIGHLIGHT_COLOR = "#ffd400"
#: Coordinates sent to the browser are rounded to this many decimals (about 11 m).
MAP_DECIMALS = 4

ATTRIBUTION_OFFLINE = "Boundaries: Natural Earth (public domain)"


def _round(coords: object) -> object:
    if isinstance(coords, float):
        return round(coords, MAP_DECIMALS)
    if isinstance(coords, list | tuple):
        return [_round(c) for c in coords]
    if isinstance(coords, dict):  # a GeoJSON geometry: round its coordinates, keep its type
        return {key: _round(value) for key, value in coords.items()}
    return coords


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
        dash = STATUSES[status].dash if status in STATUSES else None
        if dash:  # a point shows its status by a dashed ring, as lines do by a dashed stroke
            result |= {"color": "#333333", "dashArray": "3 3", "weight": 2.5}
        return result
    result = {
        "color": color,
        "weight": how.weight if how else 4,
        "opacity": how.opacity if how else 0.9,
        "lineCap": "butt",
    }
    dash = STATUSES[status].dash if status in STATUSES else None
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


def popup_html(ds: Dataset, feature_id: str) -> str:
    """Key figures, each with a short quote snippet and its source; all data escaped.

    Status is given once: by its claims (each reading with its quote, so a disagreement shows),
    or as "not stated" where no article states one.
    """
    row = ds.features.loc[feature_id]
    claims = ds.claims_for(feature_id)
    e = html.escape
    parts = [
        f"<div class='cp-popup'><b>{e(row['name'])}</b><br>",
        # the corridor's name, unless the feature is the whole corridor under the same name
        ""
        if ds.corridor_name(row["corridor"]) == row["name"]
        else f"<span>{e(ds.corridor_name(row['corridor']))}</span><br>",
    ]
    how = METHODS.get(row["method"])
    accuracy = row["accuracy_km"]
    drawn = how.label if how else str(row["method"])
    if accuracy is not None and accuracy == accuracy:
        drawn += f", within about {accuracy:g} km"
    parts.append(f"<span class='cp-drawn'>Drawn: {e(drawn)}</span>")
    km = row["measured_length_km"]
    if km is not None and km == km:
        parts.append(f"<br><span>Measured on the drawn line: {km:,.0f} km</span>")
    status_claims = claims[claims["field"] == "status"].drop_duplicates("value")
    if status_claims.empty:
        parts.append("<br><span>Status: not stated in the sources</span>")
    figures = claims[claims["field"].map(lambda f: FIELDS[f].figure if f in FIELDS else False)]
    for _, claim in [*status_claims.iterrows(), *figures.iterrows()]:
        label = FIELDS[claim["field"]].label
        value = panel.format_value(
            claim["field"], claim["value"], claim["unit"], claim["qualifier"]
        )
        source = panel.source(ds, claim["source"])
        parts.append(
            f"<div style='margin-top:4px'><b>{e(label)}: {e(value)}</b><br>"
            f"<i>“{e(panel.snippet(claim['quote']))}”</i> — {e(source.label)}</div>"
        )
    parts.append(
        "<div style='margin-top:4px;color:#555'>All quotes: the panel beside the map.</div>"
    )
    parts.append("</div>")
    return "".join(parts)


#: Lines with more vertices than this are simplified for the screen; curated routes (a few named
#: waypoints, each one a vertex) are sent as they are.
SIMPLIFY_ABOVE_VERTICES = 32
#: Tolerance of that simplification, in degrees (about 1 km; a pixel is 5–10 km at the first view).
SIMPLIFY_DEG = 0.01


def screen_geometry(geom: BaseGeometry) -> dict:
    """A feature's geometry as the browser gets it: simplified if long, rounded to ~10 m."""
    if geom.geom_type != "Point" and shapely.get_num_coordinates(geom) > SIMPLIFY_ABOVE_VERTICES:
        geom = geom.simplify(SIMPLIFY_DEG, preserve_topology=False)
    return _round(mapping(geom))


def feature_collection(ds: Dataset, feature_ids: Iterable[str]) -> dict:
    """The GeoJSON the browser gets: geometry for the screen, properties minimal and pre-escaped."""
    features = []
    for feature_id in feature_ids:
        row = ds.features.loc[feature_id]
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
                    "tip": html.escape(row["name"]),
                    "popup": popup_html(ds, feature_id),
                },
                "geometry": screen_geometry(row.geometry),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def layer_json(collection: dict) -> str:
    """A layer's GeoJSON as JavaScript-and-HTML-safe JSON text, serialised once and reused."""
    return htmlsafe_json_dumps(collection, separators=(",", ":"))


def style_table() -> dict[str, dict[str, dict[str, dict]]]:
    """Every (kind, status, method) style, sent once per layer: the browser styles features."""
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


class DataLayer(MacroElement):
    """One layer's features as a plain ``L.geoJSON``: styled, with tooltip and popup, in SVG.

    Written as one template compiled once at import, rather than folium's GeoJson with
    GeoJsonTooltip and GeoJsonPopup, which compile templates and map styles on every render: this
    keeps a dashboard rerun cheap. Tooltip and popup contents are the pre-escaped ``tip`` and
    ``popup`` properties (Leaflet sets them as innerHTML), never raw data.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            var styles = {{ this.styles|tojson }};
            var casings = {{ this.casings|tojson }};
            var data = {{ this.data_json }};
            var styleOf = function (f) {
                var p = f.properties;
                var byStatus = (styles[p.kind] || {})[p.status] || {};
                return byStatus[p.method] || {color: "#333", weight: 3};
            };
            var group = L.featureGroup();
            // A dark casing under lines traced from reference geometry (the legend explains).
            L.geoJSON(data, {
                style: function (f) { return casings[f.properties.method]; },
                interactive: false,
                filter: function (f) {
                    return f.geometry.type !== "Point" && !!casings[f.properties.method];
                }
            }).addTo(group);
            // What the reader sees: lines are not interactive themselves ...
            var shown = {};
            L.geoJSON(data, {
                style: styleOf,
                interactive: false,
                filter: function (f) { return f.geometry.type !== "Point"; },
                onEachFeature: function (f, l) { shown[f.properties.id] = l; }
            }).addTo(group);
            // ... a wide transparent twin takes the pointer, so a thin or dashed line is easy to
            // hit (a click in a dash gap would otherwise miss). Points are their own target.
            L.geoJSON(data, {
                style: function (f) {
                    if (f.geometry.type === "Point") { return styleOf(f); }
                    return {color: "#000", opacity: 0, weight: 14, className: "corridors-hit"};
                },
                pointToLayer: function (f, latlng) { return L.circleMarker(latlng, styleOf(f)); },
                onEachFeature: function (f, l) {
                    var look = shown[f.properties.id] || l;
                    l.bindTooltip(f.properties.tip, {sticky: true});
                    l.bindPopup(f.properties.popup, {maxWidth: 340, maxHeight: 300});
                    l.on("mouseover", function () {
                        var s = styleOf(f);
                        look.setStyle(f.properties.kind === "port"
                            ? {radius: (s.radius || 8) + 3, weight: 3}
                            : {weight: (s.weight || 4) + 3, opacity: 1});
                    });
                    l.on("mouseout", function () { look.setStyle(styleOf(f)); });
                }
            }).addTo(group);
            return group;
        })();
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, kind: str, collection: dict | str) -> None:
        super().__init__()
        self._name = "DataLayer"
        self.kind = kind
        # Pre-serialised text (see layer_json) spares re-encoding a large layer on every rerun.
        self.data_json = Markup(
            collection if isinstance(collection, str) else layer_json(collection)
        )
        self.styles = style_table()
        self.casings = casing_table()


def layer_group(kind: str, collection: dict | str) -> folium.FeatureGroup:
    """One infrastructure layer: features with tooltip (name) and popup (key figures)."""
    group = folium.FeatureGroup(name=KINDS[kind].label if kind in KINDS else kind)
    group.add_child(DataLayer(kind, collection))
    return group


class Selection(MacroElement):
    """Client-side highlight of one corridor: a glow on its drawn features, set without a redraw.

    A click highlights at once in the browser; the server later says which corridor is selected
    (from the list or the URL) through ``selection_group``. Restyling existing paths, instead of
    swapping layers, keeps an open popup open.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            var style = document.createElement("style");
            style.textContent = ".corridors-selected:not(.corridors-hit){filter:drop-shadow(0 0 2px #000) drop-shadow(0 0 5px {{ this.color }});stroke-width:7px}"
                + ".corridors-selected.corridors-port{stroke-width:3px}";
            document.head.appendChild(style);
            window.corridorsSelected = null;
            window.corridorsSelect = function (corridor) {
                window.corridorsSelected = corridor;
                map.eachLayer(function (layer) {
                    var p = layer.feature && layer.feature.properties;
                    if (!p || !layer._path) { return; }
                    var on = corridor !== null && p.corridor === corridor;
                    layer._path.classList.toggle("corridors-selected", on);
                    // Raise the visible line and ports, never a wide hit line: raised, it would
                    // cover the ports and short legs beside it and take their clicks.
                    var hit = layer.options.className === "corridors-hit";
                    if (on && !hit && layer.bringToFront) { layer.bringToFront(); }
                });
            };
            // A feature's click opens its popup and stops there (it never reaches the map), so
            // the highlight follows the popup that opens.
            map.on("popupopen", function (e) {
                var src = e.popup && e.popup._source;
                var p = src && src.feature && src.feature.properties;
                if (p && p.corridor) { window.corridorsSelect(p.corridor); }
            });
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "Selection"
        self.color = HIGHLIGHT_COLOR


class _Select(MacroElement):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        if (window.corridorsSelect) { window.corridorsSelect({{ this.corridor|tojson }}); }
        {% endmacro %}
        """
    )

    def __init__(self, corridor: str | None) -> None:
        super().__init__()
        self._name = "Select"
        self.corridor = corridor


def selection_group(corridor: str | None) -> folium.FeatureGroup:
    """A feature group that draws nothing and tells the map which corridor to highlight.

    It goes last in the list given to st_folium, after the layers it restyles.
    """
    group = folium.FeatureGroup(name="selection", control=False)
    group.add_child(_Select(corridor))
    return group


class OfflineBasemap(folium.map.Layer):
    """Country boundaries drawn by Leaflet from a file served by this machine: no tiles, no network."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJSON(null, {
            interactive: false,
            attribution: {{ this.attribution|tojson }},
            style: {color: "#8a8a8a", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1}
        });
        fetch({{ this.url|tojson }})
            .then(function (r) { return r.json(); })
            .then(function (d) { {{ this.get_name() }}.addData(d); {{ this.get_name() }}.bringToBack(); });
        {% endmacro %}
        """
    )

    def __init__(self, url: str, name: str = "Offline basemap (country boundaries)") -> None:
        super().__init__(name=name, overlay=False, control=True, show=True)
        self._name = "OfflineBasemap"
        self.url = url
        self.attribution = ATTRIBUTION_OFFLINE


class Legend(MacroElement):
    """A fixed legend: colour per kind and line pattern per status (static text, no data)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: "bottomright"});
        {{ this.get_name() }}.onAdd = function () {
            var div = L.DomUtil.create("div", "corridors-legend");
            div.setAttribute("data-testid", "map-legend");
            div.style.cssText = "background:rgba(255,255,255,0.92);padding:6px 8px;font:12px/1.4 sans-serif;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,0.3)";
            div.innerHTML = {{ this.legend_html|tojson }};
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


def _line_svg(
    color: str,
    dash: str | None = None,
    weight: int = 4,
    opacity: float = 1.0,
    cased: bool = False,
) -> str:
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    under = (
        f'<line x1="0" y1="6" x2="34" y2="6" stroke="{CASING_COLOR}" '
        f'stroke-width="{weight + CASING_EXTRA}" stroke-opacity="0.55"/>'
        if cased
        else ""
    )
    return (
        f'<svg width="34" height="12" aria-hidden="true">{under}'
        f'<line x1="0" y1="6" x2="34" y2="6" stroke="{color}" stroke-width="{weight}" '
        f'stroke-opacity="{opacity}"{dash_attr}/></svg>'
    )


def legend_html() -> str:
    """Colour per kind, pattern per status, style per drawing method: all read from the schema."""
    rows = ["<b>Layers</b>"]
    for kind in KINDS.values():
        if kind.marker == "circle":
            mark = (
                f'<svg width="34" height="14" aria-hidden="true"><circle cx="17" cy="7" r="6" '
                f'fill="{kind.color}" stroke="#fff" stroke-width="2"/></svg>'
            )
        else:
            mark = _line_svg(kind.color)
        rows.append(f"{mark} {html.escape(kind.label)}")
    rows.append("<b>Status (line pattern)</b>")
    for status in STATUSES.values():
        rows.append(f"{_line_svg('#444', status.dash)} {html.escape(status.legend)}")
    rows.append("<b>How it was drawn</b>")
    for method in METHODS.values():
        if method.name in POINT_METHODS:
            continue
        sample = _line_svg("#444", None, method.weight, method.opacity, method.casing)
        rows.append(f"{sample} {html.escape(method.legend)}")
    glow = _line_svg("#444").replace("<line", '<line class="corridors-selected"', 1)
    rows.append(f"{glow} Selected")
    return "<br>".join(rows)


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


def region_bounds(ds: Dataset) -> list[list[float]]:
    """South-west and north-east corners ([lat, lon]) around every feature, with a margin."""
    if ds.features.empty:
        return [[30.0, 25.0], [56.0, 125.0]]
    west, south, east, north = ds.features.total_bounds
    pad_x, pad_y = (east - west) * 0.03, (north - south) * 0.05
    return [[south - pad_y, west - pad_x], [north + pad_y, east + pad_x]]


def base_map(
    bounds: list[list[float]],
    basemap_url: str = assets.BASEMAP_URL,
    layer_control: bool = True,
) -> folium.Map:
    """The map frame: local Leaflet, offline basemap by default, online tiles as options."""
    m = folium.Map(
        location=[(bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2],
        zoom_start=4,
        tiles=None,
        prefer_canvas=False,  # SVG: every route is a real DOM element (clickable, testable)
        control_scale=True,
        min_zoom=3,
        zoom_snap=0.25,
        max_bounds=True,
        min_lat=bounds[0][0] - 12,
        max_lat=bounds[1][0] + 12,
        min_lon=bounds[0][1] - 15,
        max_lon=bounds[1][1] + 15,
    )
    # Only Leaflet itself, from this machine: none of folium's CDN extras (jQuery, Bootstrap, ...).
    m.default_js = [("leaflet", assets.LEAFLET_JS)]
    m.default_css = [("leaflet_css", assets.LEAFLET_CSS)]
    OfflineBasemap(basemap_url).add_to(m)
    for basemap in ONLINE_BASEMAPS:
        folium.TileLayer(**basemap, show=False, overlay=False).add_to(m)
    if layer_control:
        folium.LayerControl(position="topright", collapsed=True).add_to(m)
    Legend().add_to(m)
    Selection().add_to(m)
    m.fit_bounds(bounds)
    m.get_root().header.add_child(
        folium.Element(
            "<style>.leaflet-container{background:#cfe3ef}"
            "path.leaflet-interactive:focus{outline:none}</style>"
        )
    )
    return m


def full_map(ds: Dataset, basemap_url: str = assets.BASEMAP_URL) -> folium.Map:
    """Base map with every layer added directly: for the static page and HTML tests.

    The layer control goes last: Leaflet's control must come after the layers it lists.
    """
    m = base_map(region_bounds(ds), basemap_url, layer_control=False)
    for kind in KINDS:
        ids = list(ds.features.index[ds.features["kind"] == kind])
        if ids:
            layer_group(kind, feature_collection(ds, ids)).add_to(m)
    folium.LayerControl(position="topright", collapsed=True).add_to(m)
    return m
