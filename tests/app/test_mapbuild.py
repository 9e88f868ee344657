"""The folium map as HTML: local assets only, SVG, a legend, cited popups, escaped data.

The map is rendered to a string (``full_map(ds).get_root().render()``, the static page with the
layers inline; ``page_html()``, the dashboard frame's page without data) and read with plain
string and JSON checks.
"""

from __future__ import annotations

import csv
import dataclasses
import html
import json
import re

import folium
import numpy as np
import pytest
import shapely
from jinja2.utils import htmlsafe_json_dumps
from shapely.geometry import LineString, MultiLineString, Point, mapping

from corridors.model import dataset
from corridors.schema import FIELDS, KINDS, METHODS, STATUSES, format_claim
from corridors.store.datadir import REPO_ROOT
from corridors.view import mapbuild, mappage, panelmodel

from .support import feature_collections
from fixtures import FIXTURE, FIXTURE_ROOT


def _rows(rel: str) -> list[dict[str, str]]:
    with (FIXTURE_ROOT / rel).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _features() -> dict[str, dict]:
    """Feature id -> properties, straight from the curated GeoJSON files."""
    found = {}
    for path in sorted((FIXTURE_ROOT / "geodata" / "features").glob("*.geojson")):
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            found[feature["properties"]["id"]] = feature["properties"]
    return found


FEATURES = _features()
CLAIMS = _rows("geodata/claims.csv")
SOURCES = {row["file"]: row for row in _rows("seeds/sources.csv")}
CORRIDORS = {row["id"]: row["name"] for row in _rows("geodata/corridors.csv")}
REFERENCES = {row["id"]: row for row in _rows("geodata/references.csv")}
IMG = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def ds() -> dataset.Dataset:
    return dataset.load(FIXTURE)


@pytest.fixture(scope="module")
def rendered(ds: dataset.Dataset) -> str:
    return mappage.full_map(ds).get_root().render()


# --- the page -----------------------------------------------------------------------------------


def test_full_map_draws_every_feature_once(rendered: str) -> None:
    """Every curated feature is on the static map, in exactly one layer, with its own kind."""
    sent = [f for c in feature_collections(rendered) for f in c["features"]]
    assert sorted(f["id"] for f in sent) == sorted(FEATURES)
    for collection in feature_collections(rendered):
        assert len({f["properties"]["kind"] for f in collection["features"]}) == 1
    assert {f["id"]: f["properties"]["kind"] for f in sent} == {
        fid: p["kind"] for fid, p in FEATURES.items()
    }


@pytest.mark.parametrize(
    "page",
    [pytest.param("static", id="static-page"), pytest.param("frame", id="dashboard-frame")],
)
def test_only_local_leaflet_is_loaded(rendered: str, page: str) -> None:
    """Offline: the page loads Leaflet and map.js beside it, and none of folium's CDN extras; the
    dashboard's frame also loads the small script that fetches the data files early."""
    text = rendered if page == "static" else mappage.page_html()
    scripts = re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", text)
    styles = re.findall(r"<link[^>]*\bhref=\"([^\"]+)\"", text)
    early = [] if page == "static" else [mapbuild.PREFETCH_SCRIPT]
    assert scripts == [*early, "map.js", "leaflet/leaflet.js"]
    assert styles == ["leaflet/leaflet.css", "map.css"]
    lowered = text.lower()
    for banned in (
        "jsdelivr",
        "cdnjs",
        "jquery",
        "bootstrap",
        "unpkg",
        "googleapis",
        "/app/static",
    ):
        assert banned not in lowered, banned
    # The one 'cdn' in the page is the optional CARTO tile template, fetched only if chosen.
    urls = re.findall(r"https?://[^\s\"'\\]+", text)
    assert [u for u in urls if "cdn" in u] == [
        "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png"
    ]


def test_frame_page_holds_no_data(ds: dataset.Dataset) -> None:
    """The dashboard's page depends on the code only: no feature, claim or boundary is in it."""
    page = mappage.page_html()
    assert feature_collections(page) == []
    for fid in ds.features.index:
        assert fid not in page, fid
    assert mapbuild.MAP_TITLE in page
    assert "corridors.init(" in page


def test_renderer_is_svg(ds: dataset.Dataset, rendered: str) -> None:
    """SVG, not canvas: each route is a DOM path the browser tests and screen readers can find."""
    assert mappage.full_map(ds).options["prefer_canvas"] is False
    assert '"preferCanvas": false' in rendered
    assert '"preferCanvas": true' not in rendered


def test_offline_basemap_shown_online_tiles_optional(ds: dataset.Dataset, rendered: str) -> None:
    """The boundaries are the default basemap; each online tile layer is opt-in and attributed."""
    m = mappage.full_map(ds)
    tiles = [c for c in m._children.values() if isinstance(c, folium.TileLayer)]
    attributions = {t.tile_name: t.options["attribution"] for t in tiles}
    assert len(tiles) == 3
    for needle in ("OpenStreetMap", "CARTO", "Esri"):
        assert sum(needle in a for a in attributions.values()) >= 1, needle
    assert all("OpenStreetMap" in a or "Esri" in a for a in attributions.values())
    for tile in tiles:
        assert tile.show is False and tile.overlay is False, tile.tile_name
        assert f"{tile.get_name()}.addTo(" not in rendered, tile.tile_name
    basemaps = [c for c in m._children.values() if isinstance(c, mappage.OfflineBasemap)]
    assert len(basemaps) == 1
    assert basemaps[0].show is True
    assert re.search(r"offline_basemap_\w+\.addTo\(map_\w+\)", rendered)


@pytest.mark.parametrize(
    "credit",
    [
        pytest.param("Boundaries: Natural Earth", id="natural-earth"),
        pytest.param("OpenStreetMap</a> contributors", id="openstreetmap"),
        pytest.param("GeoNames</a> (CC BY 4.0)", id="geonames"),
    ],
)
def test_attribution_names_every_source(credit: str) -> None:
    """Boundaries, route references and place names are credited in the map on every basemap."""
    config = mapbuild.page_config()
    assert any(credit in a for a in config["attribution"])
    assert htmlsafe_json_dumps(credit)[1:-1] in mappage.page_html()


def test_corridors_drawn_above_pipelines() -> None:
    """Where the Middle Corridor runs on the pipeline's path, its pattern is drawn on top."""
    order = mapbuild.page_config()["order"]
    assert order.index("pipeline") < order.index("corridor")
    assert sorted(order) == sorted(KINDS)
    assert order[-1] == "port"


# --- legend and style ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [pytest.param(k, id=k) for k in KINDS])
def test_legend_explains_every_kind(rendered: str, kind: str) -> None:
    """Each kind has its colour and its label in the legend, and the legend is on the page."""
    legend = mapbuild.legend_html()
    color = KINDS[kind].color
    assert re.search(rf'(stroke|fill)="{color}"[^>]*/>\s*</svg> {KINDS[kind].label}', legend)
    assert "map-legend" in rendered
    assert KINDS[kind].label in rendered


@pytest.mark.parametrize(
    ("status", "pattern", "text"),
    [
        pytest.param("operating", "", "Operating", id="operating-solid"),
        pytest.param("planned", ' stroke-dasharray="10 6"', "Planned", id="planned-dashed"),
        pytest.param(
            "under_construction",
            ' stroke-dasharray="10 3 2 3"',
            "Under construction",
            id="under-construction-dash-dot",
        ),
        pytest.param(
            "unstated", ' stroke-dasharray="2 6"', "Status not stated", id="unstated-dotted"
        ),
    ],
)
def test_legend_explains_every_status_pattern(status: str, pattern: str, text: str) -> None:
    """Status is read from the line pattern (not colour alone), so the legend shows each pattern."""
    assert status in STATUSES
    legend = mapbuild.legend_html()
    row = re.search(
        rf'<line x1="0" y1="6" x2="34" y2="6" stroke="#444" stroke-width="4" '
        rf'stroke-opacity="1.0"{pattern}/></svg> [^<]*{text}',
        legend,
    )
    assert row, f"no legend row for {status}"


@pytest.mark.parametrize(
    ("method", "text", "cased"),
    [
        pytest.param("traced", "Traced from reference line geometry", True, id="traced-cased"),
        pytest.param("stations", "Straight between sourced stations", False, id="stations"),
        pytest.param("schematic", "Schematic", False, id="schematic-faded"),
    ],
)
def test_legend_explains_every_line_method(method: str, text: str, cased: bool) -> None:
    """How a line was drawn is read from its style; the legend shows each style with its words."""
    legend = mapbuild.legend_html()
    how = METHODS[method]
    sample = mapbuild._line_svg("#444", None, how.weight, how.opacity, how.casing)
    assert f"{sample} {text}" in legend
    assert (mapbuild.CASING_COLOR in sample) == cased


@pytest.mark.parametrize(
    ("kind", "status", "method", "expected"),
    [
        pytest.param(
            "railway", "operating", "traced", {"weight": 4, "opacity": 0.95}, id="rail-op-traced"
        ),
        pytest.param(
            "pipeline",
            "planned",
            "stations",
            {"weight": 4, "opacity": 0.9, "dashArray": "10 6"},
            id="pipe-planned-stations",
        ),
        pytest.param(
            "corridor",
            "under_construction",
            "stations",
            {"weight": 4, "opacity": 0.9, "dashArray": "10 3 2 3"},
            id="corridor-building",
        ),
        pytest.param(
            "corridor",
            "unstated",
            "schematic",
            {"weight": 3, "opacity": 0.6, "dashArray": "2 6"},
            id="corridor-unstated-schematic",
        ),
    ],
)
def test_line_style(kind: str, status: str, method: str, expected: dict) -> None:
    """Lines: colour by kind, pattern by status, weight and opacity by how they were drawn."""
    assert (
        mapbuild.style(kind, status, method)
        == {
            "color": KINDS[kind].color,
            "lineCap": "butt",
        }
        | expected
    )


@pytest.mark.parametrize(
    ("method", "cased"),
    [pytest.param(m, m == "traced", id=m) for m in METHODS],
)
def test_only_traced_lines_have_a_casing(method: str, cased: bool) -> None:
    assert (mapbuild.casing(method) is not None) == cased


def test_kind_colours_are_distinct() -> None:
    """Four kinds, four colours, each its own (from the colourblind-safe Dark2 set)."""
    assert {k: kind.color for k, kind in KINDS.items()} == {
        "railway": "#d95f02",
        "pipeline": "#1b9e77",
        "corridor": "#7570b3",
        "port": "#e7298a",
    }


@pytest.mark.parametrize(
    ("status", "ring"),
    [
        pytest.param("operating", {"color": "#ffffff", "weight": 2}, id="operating-white-ring"),
        *[
            pytest.param(
                s, {"color": "#333333", "weight": 2.5, "dashArray": "3 3"}, id=f"{s}-dashed-ring"
            )
            for s in STATUSES
            if s != "operating"
        ],
    ],
)
def test_port_style(status: str, ring: dict) -> None:
    """Ports are filled circles in the port colour; a dashed ring shows a status not operating."""
    assert (
        mapbuild.style("port", status, "located")
        == {
            "fill": True,
            "fillColor": "#e7298a",
            "fillOpacity": 0.95,
            "radius": 8,
            "className": "corridors-port",  # the selection glow keeps a thin ring on ports
        }
        | ring
    )


# --- popups and GeoJSON -------------------------------------------------------------------------


def _source_label(file: str) -> str:
    """Outlet (else the article's number) and date, or "undated": the README's rule marks every
    undated source where it is shown."""
    row = SOURCES[file]
    return f"{row['outlet'] or f'article {file[:3]}'}, {row['date'] or 'undated'}"


def _key_claims(feature_id: str) -> list[dict[str, str]]:
    """The claims a popup shows: one per distinct status read (of its part and time), then every
    figure, in file order."""
    corridor = FEATURES[feature_id]["corridor"]
    own = [c for c in CLAIMS if c["corridor"] == corridor and c["feature"] in ("", feature_id)]
    status = list(
        {
            (c["value"], c["scope"], c["period"]): c
            for c in reversed(own)
            if c["field"] == "status"
        }.values()
    )
    status.reverse()
    return status + [c for c in own if FIELDS[c["field"]].figure]


def _source_or_reference(file: str) -> str:
    if file in SOURCES:
        return _source_label(file)
    return f"reference: {REFERENCES[file]['publisher'] or REFERENCES[file]['title']}"


@pytest.mark.parametrize("feature_id", sorted(FEATURES))
def test_popup_shows_key_figures_with_quote_and_source(
    ds: dataset.Dataset, feature_id: str
) -> None:
    """Every figure in a popup comes with the words it rests on and the article they come from."""
    popup = mapbuild.popup_html(ds, feature_id)
    props = FEATURES[feature_id]
    assert f"<b>{html.escape(props['name'])}</b>" in popup
    corridor = f"<span>{html.escape(CORRIDORS[props['corridor']])}</span>"
    # the corridor is named unless the feature already bears the corridor's name
    assert (corridor in popup) == (CORRIDORS[props["corridor"]] != props["name"])
    claims = _key_claims(feature_id)
    statuses = [c for c in claims if c["field"] == "status"]
    if not statuses:
        assert "Status: not stated in the sources" in popup
    assert popup.count("Status:") == max(1, len(statuses)), "each status reading once"
    assert f"Drawn: {METHODS[props['method']].label}" in popup
    for claim in claims:
        value = format_claim(claim)  # with its period and scope
        figure = f"<b>{html.escape(FIELDS[claim['field']].label)}: {html.escape(value)}</b>"
        cited = (
            f"<i>“{html.escape(panelmodel.snippet(claim['quote']))}”</i> — "
            f"{html.escape(_source_or_reference(claim['source']))}"
        )
        assert f"{figure}<br>{cited}</div>" in popup, claim["id"]  # the whole name, no more
    assert popup.count("<div style='margin-top:4px'>") == len(claims)


@pytest.mark.parametrize(
    ("feature_id", "figures"),
    [
        pytest.param(
            "cku-railway",
            [
                "Status: Planned",
                "Status: Under construction",
                "Cost: US$8 billion",
                "Start: July 2025",
                "Completion: by 2030",
                "Length: 454 km",
                "Length: 523 km",
            ],
            id="cku-railway",
        ),
        pytest.param(
            "cacgp-lines-abc",
            [
                "Status: Operating",
                "Length: over 3,666 km",
                "Lines: A, B, C",
                "Capacity: 55 bcm/year",
                "Length: 1,833 km",
                "Traffic: 20 bcm in January–June 2025",
            ],
            id="cacgp",
        ),
        pytest.param("lianyungang-port", [], id="port-without-claims-of-status"),
    ],
)
def test_popup_figures_exact(ds: dataset.Dataset, feature_id: str, figures: list[str]) -> None:
    """Two popups read word for word: the figures a reader will compare with the articles."""
    popup = mapbuild.popup_html(ds, feature_id)
    assert re.findall(r"<div style='margin-top:4px'><b>([^<]*)</b>", popup) == figures


def test_popup_keeps_a_sections_status_apart(data_copy) -> None:
    """A status stated of one section is its own reading: the popup shows it beside the whole
    system's, with the section named, even when the two say the same word."""
    data_copy.edit_row(
        "geodata/claims.csv",
        "id",
        "cku-status-001",
        value="planned",
        scope="Kyrgyzstan",
        period="2025-06",
    )
    popup = mapbuild.popup_html(dataset.load(data_copy.datadir), "cku-railway")
    assert re.findall(r"<b>(Status: [^<]*)</b>", popup) == [
        "Status: Planned",
        "Status: Planned (Kyrgyzstan) in June 2025",
        "Status: Under construction",  # 006's whole-system reading
    ]


def test_popup_marks_an_implied_status(data_copy) -> None:
    """A status a curator accepted from ingest's implied stages (its note says so) reads
    "(implied)" in the popup, beside the statuses stated in words."""
    data_copy.edit_row(
        "geodata/claims.csv",
        "id",
        "cku-status-006",
        value="operating",
        note="Implied, not stated in words: an opening dated 2024-12, before the article's date.",
    )
    popup = mapbuild.popup_html(dataset.load(data_copy.datadir), "cku-railway")
    assert re.findall(r"<b>(Status: [^<]*)</b>", popup) == [
        "Status: Planned",
        "Status: Under construction",
        "Status: Operating (implied)",
    ]


def test_popup_snippet_is_cut_at_a_word() -> None:
    """Long quotes are shortened on a word boundary with an ellipsis, short ones kept whole."""
    assert panelmodel.snippet("short quote") == "short quote"
    long = "word " * 40
    cut = panelmodel.snippet(long)
    assert cut.endswith(" …")
    assert len(cut) <= panelmodel.SNIPPET_CHARS + 2
    assert cut[: -len(" …")].split(" ") == ["word"] * len(cut[: -len(" …")].split(" "))


@pytest.fixture(scope="module")
def hostile(ds: dataset.Dataset) -> dataset.Dataset:
    """A copy of the data with markup planted in a name, a corridor name, a quote and an outlet."""
    features = ds.features.copy()
    features.loc["cku-railway", "name"] = f"Railway {IMG}"
    corridors = ds.corridors.copy()
    corridors.loc["cku-railway", "name"] = f"Corridor {IMG}"
    claims = ds.claims.copy()
    claims.loc[claims["id"] == "cku-cost-004", "quote"] = f"$8 billion {IMG}"
    sources = ds.sources.copy()
    sources.loc["004_dc699da55f7d4812.txt", "outlet"] = f"TDI {IMG}"
    return dataclasses.replace(
        ds, features=features, corridors=corridors, claims=claims, sources=sources
    )


def test_popup_escapes_planted_markup(hostile: dataset.Dataset) -> None:
    """Leaflet puts popups in innerHTML, so every data string in one must arrive escaped."""
    popup = mapbuild.popup_html(hostile, "cku-railway")
    escaped = html.escape(IMG)
    assert "<img" not in popup
    assert f"<b>Railway {escaped}</b>" in popup
    assert f"<span>Corridor {escaped}</span>" in popup
    assert f"“$8 billion {escaped}”" in popup
    assert f"TDI {escaped}, 2025-06-18" in popup


def test_feature_collection_properties_escaped_and_minimal(hostile: dataset.Dataset) -> None:
    """The browser gets only what it needs per feature; the popup (HTML) arrives escaped."""
    (feature,) = mapbuild.feature_collection(hostile, ["cku-railway"])["features"]
    props = feature["properties"]
    assert feature["id"] == "cku-railway"
    assert set(props) == {"id", "corridor", "kind", "status", "method", "name", "popup"}
    assert props["name"] == f"Railway {IMG}"  # set as text by the page, never as HTML
    assert props["popup"] == mapbuild.popup_html(hostile, "cku-railway")
    assert "<img" not in props["popup"]
    assert (props["corridor"], props["kind"], props["status"]) == (
        "cku-railway",
        "railway",
        "planned",
    )


@pytest.mark.parametrize(
    ("geometry", "expected"),
    [
        pytest.param(
            Point(75.123456789, 39.987654321),
            {"type": "Point", "coordinates": [75.1235, 39.9877]},
            id="point",
        ),
        pytest.param(
            LineString([(75.1234549, 39.0), (76.0000049, 40.1111151)]),
            {"type": "LineString", "coordinates": [[75.1235, 39.0], [76.0, 40.1111]]},
            id="line",
        ),
        pytest.param(
            MultiLineString([[(1.000001, 2.999996), (3.5, 4.25)], [(5.123456, 6.0)] * 2]),
            {
                "type": "MultiLineString",
                "coordinates": [[[1.0, 3.0], [3.5, 4.25]], [[5.1235, 6.0], [5.1235, 6.0]]],
            },
            id="multiline",
        ),
    ],
)
def test_feature_collection_rounds_coordinates(
    ds: dataset.Dataset, geometry: object, expected: dict
) -> None:
    """Coordinates sent to the browser have 4 decimals (about 11 m): enough, and smaller pages."""
    features = ds.features.copy()
    features.loc["cku-railway", "geometry"] = geometry
    copy = dataclasses.replace(ds, features=features)
    (feature,) = mapbuild.feature_collection(copy, ["cku-railway"])["features"]
    assert feature["geometry"] == expected


def test_long_lines_are_simplified_for_the_screen(ds: dataset.Dataset) -> None:
    """A traced line of many vertices reaches the browser simplified, within the tolerance."""
    wiggly = LineString([(60 + i * 0.05, 40 + 0.001 * (i % 2)) for i in range(400)])
    features = ds.features.copy()
    features.loc["cku-railway", "geometry"] = wiggly
    copy = dataclasses.replace(ds, features=features)
    (feature,) = mapbuild.feature_collection(copy, ["cku-railway"])["features"]
    sent = LineString(feature["geometry"]["coordinates"])
    assert len(sent.coords) < 10 < mapbuild.SIMPLIFY_ABOVE_VERTICES < len(wiggly.coords)
    assert wiggly.hausdorff_distance(sent) <= mapbuild.SIMPLIFY_DEG


def test_real_coordinates_sent_as_drawn(ds: dataset.Dataset) -> None:
    """The curated coordinates reach the browser as drawn (every waypoint kept), up to rounding."""
    collection = mapbuild.feature_collection(ds, list(ds.features.index))
    for feature in collection["features"]:
        path = FIXTURE_ROOT / ds.features.loc[feature["id"], "file"]
        drawn = {
            f["properties"]["id"]: f["geometry"]
            for f in json.loads(
                path.read_text(encoding="utf-8"), parse_float=lambda s: round(float(s), 4)
            )["features"]
        }
        assert feature["geometry"] == drawn[feature["id"]], feature["id"]


def _served(ds: dataset.Dataset, tmp_path, monkeypatch, data=None):
    """A component folder in a temporary cache, this dataset's files written: (folder, files,
    the served page)."""
    from corridors.view import mapcomponent

    monkeypatch.setenv(mapcomponent.CACHE_ENV, str(tmp_path))
    folder = mapcomponent.prepare()
    files = mapcomponent.write_data(folder, data or ds, "data version", folder.name)
    return folder, files, (folder / mapcomponent.INDEX).read_text(encoding="utf-8")


def _handed_over(page: str) -> dict[str, str]:
    """The layer files the served page hands over inline: address -> the JSON text as written."""
    found = re.findall(
        r"window\.corridorsPrefetched\[(\"[^\"]+\")\] = Promise\.resolve\((.+)\);", page
    )
    return {json.loads(url): text for url, text in found}


def _fetched(page: str) -> list:
    """The files the served page fetches as it is parsed: [address, priority] in order."""
    found = re.search(r"^(\[.*\])\.forEach", page, flags=re.MULTILINE)
    assert found, "the served page fetches nothing"
    return json.loads(found.group(1))


def test_the_served_page_fetches_the_data_files_early(
    ds: dataset.Dataset, tmp_path, monkeypatch
) -> None:
    """The frame's page starts fetching this data version's files as it is parsed, before the
    handshake tells it which to draw (the page then uses the fetches already under way), from a
    script inline: a script file would be one more round trip before the data files. Small layer
    files are handed over inline, with no request at all."""
    from corridors.view import mapcomponent

    folder, files, page = _served(ds, tmp_path, monkeypatch)
    assert mapbuild.PREFETCH_SCRIPT not in page  # nothing fetched before the data files
    fetches = _fetched(page)
    # the labels and the basemap (drawn after the routes, and the basemap by far the largest
    # file) at low priority; the routes' files, small here, inline
    assert fetches == [[files.places, "low"], [files.basemap, "low"]]
    assert all((folder / url).is_file() for url, _ in fetches)
    inline = _handed_over(page)
    assert list(inline) == list(files.layers.values())
    for url, text in inline.items():
        assert json.loads(text) == json.loads((folder / url).read_text(encoding="utf-8")), url
    # before the scripts, which use the fetches under way
    assert page.index("window.corridorsPrefetched = {}") < page.index(
        f'src="{mapcomponent.SCRIPT}"'
    )
    page_js = (REPO_ROOT / "corridors" / "view" / "frontend" / "map.js").read_text(encoding="utf-8")
    assert "window.corridorsPrefetched" in page_js


def test_layer_files_too_large_to_go_inline_are_fetched_first(
    ds: dataset.Dataset, tmp_path, monkeypatch
) -> None:
    """Past INLINE_LAYERS_MAX (10,000 corridors: megabytes) the routes' files are fetched, at high
    priority and first, and the page holds no data."""
    from corridors.view import mapcomponent

    monkeypatch.setattr(mapcomponent, "INLINE_LAYERS_MAX", 0)
    _, files, page = _served(ds, tmp_path, monkeypatch)
    fetches = _fetched(page)
    assert fetches == [
        *([url, "high"] for url in files.layers.values()),
        [files.places, "low"],
        [files.basemap, "low"],
    ]
    assert _handed_over(page) == {}
    assert feature_collections(page) == []


def test_inline_layer_data_cannot_end_its_script(
    hostile: dataset.Dataset, tmp_path, monkeypatch
) -> None:
    """Popups are HTML (escaped data inside tags): inline in a script element, no ``<`` is left,
    so neither a tag, ``</script>`` nor ``<!--`` from the data reaches the HTML parser; the JSON
    still reads as the file does."""
    folder, _, page = _served(hostile, tmp_path, monkeypatch)
    inline = _handed_over(page)
    assert inline
    for url, text in inline.items():
        written = (folder / url).read_text(encoding="utf-8")
        assert "<" in written  # the popups' tags
        assert "<" not in text
        assert json.loads(text) == json.loads(written)
    start = page.index("window.corridorsPrefetched = {}")
    assert page.index("</script>", start) > page.index("].forEach", start)


def test_the_served_page_needs_one_script_file_and_no_style_file(
    ds: dataset.Dataset, tmp_path, monkeypatch
) -> None:
    """map.js and Leaflet as one file, in that order (the handshake before Leaflet is parsed);
    both style sheets inline, Leaflet's images still found beside it; the rest as rendered."""
    from corridors.view import mapcomponent

    folder, _, page = _served(ds, tmp_path, monkeypatch)
    assert re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", page) == [mapcomponent.SCRIPT]
    assert re.findall(r"<link[^>]*>", page) == []
    bundle = (folder / mapcomponent.SCRIPT).read_bytes()
    parts = [(folder / name).read_bytes() for name in ("map.js", "leaflet/leaflet.js")]
    assert bundle == b"\n;\n".join(parts)
    leaflet_css = (folder / "leaflet" / "leaflet.css").read_text(encoding="utf-8")
    map_css = (folder / "map.css").read_text(encoding="utf-8")
    assert page.index(map_css) > page.index(".leaflet-control-layers-toggle")
    images = re.findall(r"url\(([^)#]+)\)", page)
    assert images and all((folder / url).is_file() for url in images), images
    assert len(images) == len(re.findall(r"url\(images/", leaflet_css))
    rendered = (folder / mapcomponent.PAGE).read_text(encoding="utf-8")
    assert page[page.index("<body>") :] == rendered[rendered.index("<body>") :]


def _walked(geom) -> dict:
    """The screen geometry as the recursive walk makes it (the general path)."""
    if geom.geom_type != "Point" and shapely.get_num_coordinates(geom) > 32:
        geom = geom.simplify(mapbuild.SIMPLIFY_DEG, preserve_topology=False)
    return mapbuild._round(mapping(geom))


_LONG = [(60 + i * 0.0123456789, 40 + (i % 7) * 0.00005) for i in range(80)]


@pytest.mark.parametrize(
    "geom",
    [
        pytest.param(Point(71.123456789, 42.000049999), id="point"),
        pytest.param(LineString([(70.00005, 40.00015), (71.2, 41.3)]), id="short line"),
        pytest.param(LineString(_LONG), id="long line, simplified"),
        pytest.param(LineString([(70, 40, 5), (71, 41, 6)]), id="line with heights"),
        pytest.param(MultiLineString([[(70, 40), (71, 41)], [(72, 42), (73, 43)]]), id="multi"),
        pytest.param(LineString(), id="empty line"),
    ],
)
def test_screen_geometries_match_the_walk(geom):
    """The bulk path (one shapely call, arrays) gives exactly what the recursive walk gave."""
    assert mapbuild.screen_geometries([geom, geom]) == [_walked(geom)] * 2
    assert mapbuild.screen_geometry(geom) == _walked(geom)


@pytest.mark.parametrize(
    "values",
    [
        pytest.param([k / 1e5 + 0.000005 for k in range(-2000, 2000)], id="ties x.xxxx5"),
        pytest.param([k / 1e6 for k in range(71_000_000, 71_004_000)], id="six decimals"),
        pytest.param([0.0, -0.0, -5e-5, 5e-5, 1e-320, -1e-320], id="zeros and tiny"),
        pytest.param([1e300, -1e300, float("inf"), float("-inf"), 2**31 / 1e4], id="too large"),
        pytest.param([float("nan"), 71.123456789], id="not a number"),
    ],
)
def test_rounded_is_pythons_round_bit_for_bit(values):
    coords = np.array(values, dtype=float).reshape(-1, 1)
    expected = [[round(v, mapbuild.MAP_DECIMALS)] for v in values]
    assert [[repr(v) for v in row] for row in mapbuild.rounded(coords)] == [
        [repr(v) for v in row] for row in expected
    ]


def _as_python_wrote_it(ds: dataset.Dataset, ids: list[str]) -> bytes:
    collection = mapbuild.feature_collection(ds, ids)
    return json.dumps(collection, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize(
    "geometry",
    [
        pytest.param(None, id="as drawn"),
        pytest.param(LineString([(70.00005, 40.00015), (71.2, 41.3)]), id="ties"),
        pytest.param(LineString([(0.00001, 40), (71.2, -0.00004)]), id="tiny: Python's writer"),
        pytest.param(LineString([(70, 40, 5), (71, 41, 6)]), id="with heights"),
        pytest.param(MultiLineString([[(70, 40), (71, 41)], [(72, 42), (73, 43)]]), id="multi"),
        pytest.param(LineString(_LONG), id="long, simplified"),
        pytest.param(Point(71.123456789, 42.000049999), id="point"),
    ],
)
def test_layer_file_bytes_are_the_collection_as_python_wrote_it(
    hostile: dataset.Dataset, geometry: object
) -> None:
    """The layer files (orjson, arrays) hold exactly the bytes Python's writer made of
    ``feature_collection``: planted markup, every kind, odd geometries included."""
    features = hostile.features.copy()
    if geometry is not None:
        features.loc["cku-railway", "geometry"] = geometry
    copy = dataclasses.replace(hostile, features=features)
    for kind in KINDS:
        ids = list(copy.features.index[copy.features["kind"] == kind])
        assert mapbuild.layer_bytes(copy, ids) == _as_python_wrote_it(copy, ids), kind


def _changed(ds: dataset.Dataset, change) -> dataset.Dataset:
    features = ds.features.copy()
    change(features)
    return dataclasses.replace(ds, features=features)


def _set_geometry(features, geom) -> None:
    features.loc[features.index[0], "geometry"] = geom


def _set_name(features, value) -> None:
    features["name"] = features["name"].astype(object)
    features.loc[features.index[0], "name"] = value


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda f: None, id="the data as it is (orjson writes it)"),
        pytest.param(
            lambda f: _set_geometry(f, LineString([(70.0, 40.0), (1e-7, 3e-5)])),
            id="numbers under 1e-4 (rounded to 0)",
        ),
        pytest.param(
            lambda f: _set_geometry(f, LineString([(70.0, 40.0), (2e16, 45.0)])),
            id="a number from 1e16 (an exponent)",
        ),
        pytest.param(
            lambda f: _set_geometry(f, LineString([(70.0, 40.0, 1.0), (71.0, 41.0, 2.0)])),
            id="a third coordinate",
        ),
        pytest.param(
            lambda f: _set_geometry(f, LineString([(70.0, 40.0), (np.inf, 41.0)])),
            id="an infinite coordinate",
        ),
        pytest.param(lambda f: _set_name(f, 'a "quoted"\n\x1f\u2028 name'), id="escapes"),
    ],
)
def test_layer_bytes_are_what_pythons_json_writes(ds: dataset.Dataset, change) -> None:
    """A layer file is written by orjson where it writes the same bytes as Python's writer, and
    by Python's writer where it would not (exponents, NaN and infinities, 3-D coordinates)."""
    changed = _changed(ds, change)
    ids = list(changed.features.index)
    expected = json.dumps(
        mapbuild.feature_collection(changed, ids), separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")
    assert mapbuild.layer_bytes(changed, ids) == expected
