"""The dashboard in a real Chromium, on the real data, with every non-loopback request blocked.

One server for the whole module (session fixture ``app_server``), a fresh browser context per test.
Expectations are read from geodata/ at run time, so a curator's edit does not break these tests;
only the few quote fragments and figures named below are fixed (and checked against the data).

``pytest -s`` prints the time to the first map and the click-to-panel time per system.
"""

from __future__ import annotations

import csv
import json
import time
from dataclasses import dataclass
from urllib.parse import parse_qs, urlparse

import pytest

from corridors.view import assets
from devtools import browser as e2e
from devtools.pagejs import MAP_FRAME

from .conftest import IN_CI, Dashboard, normalise
from fixtures import FIXTURE_ROOT

try:
    from playwright.sync_api import expect
except ImportError:  # pragma: no cover - depends on the environment
    if IN_CI:
        raise
    pytest.skip("browser tests need Playwright (pip install playwright)", allow_module_level=True)

GEODATA = FIXTURE_ROOT / "geodata"
LAYER_LABELS = {
    "railway": "Railways",
    "pipeline": "Pipelines",
    "corridor": "Transport corridors",
    "port": "Ports",
}


@dataclass(frozen=True)
class Feature:
    id: str
    corridor: str
    name: str
    kind: str
    status: str


def _features() -> dict[str, Feature]:
    out = {}
    for path in sorted((GEODATA / "features").glob("*.geojson")):
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            p = feature["properties"]
            out[p["id"]] = Feature(p["id"], p["corridor"], p["name"], p["kind"], p["status"])
    return out


def _rows(name: str) -> list[dict[str, str]]:
    with (GEODATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


FEATURES = _features()
CORRIDOR_NAMES = {row["id"]: row["name"] for row in _rows("corridors.csv")}
CLAIMS = _rows("claims.csv")
ALL_IDS = set(FEATURES)


@dataclass(frozen=True)
class System:
    """One of the four systems, the feature clicked for it, and what the reader must then see."""

    feature: str
    claim: str  # a claim of that corridor whose quote contains ...
    fragment: str  # ... this fragment
    popup: str  # a key figure in the feature's popup

    @property
    def corridor(self) -> str:
        return FEATURES[self.feature].corridor


SYSTEMS = [
    System("cku-railway", "cku-cost-004", "planned $8 billion railway project", "US$8 billion"),
    System(
        "cacgp-lines-abc", "cacgp-capacity-001", "55 billion cubic meters annually", "55 bcm/year"
    ),
    System(
        "titr-caspian-crossing",
        "titr-role-001",
        "reduce transit times and costs",
        "Measured on the drawn line",
    ),
    System(
        "khorgos-dry-port",
        "khorgos-role-001",
        "waterless port plays a crucial role",
        "Status: Operating",
    ),
]


def _claims_of(corridor: str) -> list[dict[str, str]]:
    return [row for row in CLAIMS if row["corridor"] == corridor]


def _corridor_paths(dash: Dashboard, corridor: str) -> list[dict]:
    return [p for p in dash.drawn_paths() if p["corridor"] == corridor]


def _ids_of(kinds: set[str], statuses: set[str] | None = None) -> set[str]:
    return {
        f.id
        for f in FEATURES.values()
        if f.kind in kinds and (statuses is None or f.status in statuses)
    }


def _no_error_on_page(page) -> None:
    assert page.get_by_test_id("stException").count() == 0, "the page shows an exception"
    assert page.get_by_test_id("stAlertContentError").count() == 0, "the page shows an error"
    assert "Traceback" not in page.locator("body").inner_text()


# --- 1. everything drawn, offline ------------------------------------------------------------------


def test_all_layers_drawn_with_the_network_blocked(dashboard: Dashboard, guard) -> None:
    assert len(ALL_IDS) >= 4, "the real data should have features"
    seconds = dashboard.open(routes=len(ALL_IDS))
    print(f"\n[timing] time to first map (all layers): {seconds:.2f} s")

    paths = dashboard.drawn_paths()
    interactive = [p for p in paths if p["interactive"]]
    assert {p["id"] for p in interactive} == ALL_IDS
    # each feature exactly once as an interactive SVG path, and every drawn path is real SVG
    assert sorted(p["id"] for p in interactive) == sorted(ALL_IDS)
    assert all(p["svg"] for p in paths), [p for p in paths if not p["svg"]]
    for p in paths:
        assert p["kind"] == FEATURES[p["id"]].kind and p["corridor"] == FEATURES[p["id"]].corridor
    # every line also has a visible (non-interactive) path under its wide hit line
    lines = {f.id for f in FEATURES.values() if f.kind != "port"}
    assert {p["id"] for p in paths if not p["interactive"]} == lines

    frame = dashboard.frame()
    scripts = frame.evaluate("() => [...document.scripts].map(s => s.src).filter(Boolean)")
    # Leaflet (from the installed xstatic-leaflet) and map.js come as one file, page.js
    page_js = [s for s in scripts if urlparse(s).path.endswith("/page.js")]
    assert page_js, f"Leaflet not loaded from the component's folder: scripts {scripts}"
    assert all(urlparse(s).hostname == "127.0.0.1" for s in scripts), scripts
    assert all(urlparse(s).path.startswith("/component/") for s in scripts), scripts
    version = frame.evaluate("() => window.L && window.L.version")
    assert version and assets.LEAFLET_VERSION.startswith(version), version
    assert dashboard.map.get_by_test_id("map-legend").is_visible()
    title = dashboard.page.locator(MAP_FRAME).get_attribute("title")
    assert title == "Map of China–Central Asia corridors"

    dashboard.page.wait_for_timeout(500)  # late requests (basemap, images) would show up here
    assert guard.blocked == [], f"requests tried to leave the machine: {guard.blocked}"


# --- 2. layer toggles ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(LAYER_LABELS), ids=list(LAYER_LABELS.values()))
def test_turning_a_layer_off_removes_only_its_features(dashboard: Dashboard, kind: str) -> None:
    own = _ids_of({kind})
    assert own, f"no {kind} in the data"
    dashboard.open(routes=len(ALL_IDS))
    page = dashboard.page
    # the map must stay mounted: a marker on its window and the reader's zoom survive the rerun
    dashboard.frame().evaluate("() => { window.__probe = 1; }")
    before = dashboard.zoom()
    dashboard.map.locator(".leaflet-control-zoom-in").click()
    page.wait_for_function(
        "([sel, z]) => document.querySelector(sel).contentWindow.corridorsMap.getZoom() > z",
        arg=[MAP_FRAME, before],
    )
    dashboard.settle()
    zoomed = dashboard.zoom()

    toggle = dashboard.sidebar_toggle(LAYER_LABELS[kind])
    expect(toggle).to_be_visible()
    toggle.click()
    dashboard.wait_drawn(ALL_IDS - own)
    dashboard.wait_query("layers", ",".join(k for k in LAYER_LABELS if k != kind))
    assert dashboard.layer_states() == [k != kind for k in LAYER_LABELS]

    assert dashboard.frame().evaluate("() => window.__probe") == 1, "the map was remounted"
    assert dashboard.zoom() == zoomed, "the reader's zoom was lost"

    toggle.click()  # and back on: the features return, still in the same map
    dashboard.wait_drawn(ALL_IDS)
    dashboard.wait_query("layers", None)
    assert dashboard.frame().evaluate("() => window.__probe") == 1, "the map was remounted"
    _no_error_on_page(page)


#: The hit path of a feature: whether it takes the focus and the pointer at (x, y) (page).
_PATH_STATE = """([fid, x, y]) => {
    const m = window.corridorsMap; let el = null;
    m.eachLayer(l => { const p = l.feature && l.feature.properties;
        if (p && p.id === fid && l._path && l._path.classList.contains('leaflet-interactive'))
            el = l._path; });
    const r = window.frameElement.getBoundingClientRect();
    el.focus();
    const state = {focused: document.activeElement === el,
        pointer: document.elementFromPoint(x - r.left, y - r.top) === el,
        selected: el.classList.contains('corridors-selected')};
    el.blur();
    return state;
}"""


def test_a_layer_switched_off_lets_go_of_its_routes(dashboard: Dashboard) -> None:
    """Off: the layer's popup closes and its routes take neither focus nor pointer; back on, they
    do again and the selection's highlight is still theirs."""
    fid = "cacgp-lines-abc"
    kind = FEATURES[fid].kind
    dashboard.open(routes=len(ALL_IDS))
    dashboard.click(fid)
    expect(dashboard.popup()).to_be_visible()
    dashboard.wait_query("corridor", FEATURES[fid].corridor)
    x, y = dashboard.hit_point(fid)
    state = dashboard.frame().evaluate(_PATH_STATE, [fid, x, y])
    assert state == {"focused": True, "pointer": True, "selected": True}, state

    toggle = dashboard.sidebar_toggle(LAYER_LABELS[kind])
    toggle.click()
    dashboard.wait_drawn(ALL_IDS - _ids_of({kind}))
    expect(dashboard.map.locator(".leaflet-popup")).to_have_count(0)
    state = dashboard.frame().evaluate(_PATH_STATE, [fid, x, y])
    assert not state["focused"] and not state["pointer"], state
    dashboard.wait_query("layers", ",".join(k for k in LAYER_LABELS if k != kind))

    toggle.click()
    dashboard.wait_drawn(ALL_IDS)
    dashboard.wait_query("layers", None)
    dashboard.settle()
    state = dashboard.frame().evaluate(_PATH_STATE, [fid, x, y])
    assert state == {"focused": True, "pointer": True, "selected": True}, state


#: Zoomed out, the view against the west edge of the map's maxBounds: there a popup opened on a
#: route of the Caucasus must pan the view west, past what maxBounds allows.
_AT_WEST_EDGE = """(sel) => {
    const m = document.querySelector(sel).contentWindow.corridorsMap;
    m.setView([43, 0], 3, {animate: false});  // maxBounds brings the west edge in
    return m.getBounds().getWest();
}"""

#: Errors thrown in the map frame, kept there (also those Playwright reports as page errors).
_FRAME_ERRORS = """(() => { window.__errors = [];
    window.addEventListener('error', (e) => window.__errors.push(String(e.message))); })();"""


@pytest.mark.parametrize(
    "fid", ["titr-ge-tr-tbilisi-kars", "titr-az-ge-alat-poti"], ids=["tbilisi-kars", "alat-poti"]
)
def test_a_layer_switched_right_after_a_click_is_hidden_without_error(
    dashboard: Dashboard, fid: str
) -> None:
    """A real click on a route whose popup must pan the map past its maxBounds, and the layer
    switch pressed at once, before the click's rerun has come back: the layer is hidden and
    neither document throws. Leaflet's keepInView popup and maxBounds fight over such a pan
    (Leaflet issues 6458 and 2324): each stops the other's pan in the same moveend until
    "RangeError: Maximum call stack size exceeded" (seen at 10,000 corridors, where a click then
    a toggle hit it; map.js ``adjustPanKept``)."""
    page = dashboard.page
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))  # the page's and the frame's
    page.context.add_init_script(_FRAME_ERRORS)
    page.set_viewport_size({"width": 1000, "height": 800})  # a map narrower than maxBounds
    dashboard.open(routes=len(ALL_IDS))
    west = page.evaluate(_AT_WEST_EDGE, MAP_FRAME)
    assert west == pytest.approx(10, abs=0.5), "the view should stand against maxBounds"
    kind = FEATURES[fid].kind
    point, hit = e2e.prepared_point(page, fid)
    assert hit, f"{fid} not under the pointer at {point}"
    page.mouse.click(*point)
    expect(dashboard.popup()).to_be_visible()
    dashboard.sidebar_toggle(LAYER_LABELS[kind]).click()  # the click's rerun still on its way
    dashboard.wait_drawn(ALL_IDS - _ids_of({kind}))
    dashboard.wait_query("layers", ",".join(k for k in LAYER_LABELS if k != kind))
    e2e.wait_idle(page)
    frame_errors = dashboard.frame().evaluate("() => window.__errors")
    assert errors == [] and frame_errors == [], (errors, frame_errors)
    _no_error_on_page(page)


# --- 3. click a system, read its quotes ------------------------------------------------------------


@pytest.mark.parametrize("system", SYSTEMS, ids=[s.feature for s in SYSTEMS])
def test_clicking_a_system_shows_its_quotes(dashboard: Dashboard, system: System) -> None:
    claim = next((c for c in CLAIMS if c["id"] == system.claim), None)
    assert claim is not None and claim["corridor"] == system.corridor, (
        f"claims.csv no longer has {system.claim} for {system.corridor}: update SYSTEMS"
    )
    assert system.fragment in normalise(claim["quote"]), "update the fragment in SYSTEMS"
    name = CORRIDOR_NAMES[system.corridor]
    page = dashboard.page

    seconds = dashboard.open(routes=len(ALL_IDS))
    start = time.perf_counter()
    e2e.click_feature(page, system.feature)
    panel = dashboard.panel()
    expect(panel.locator("h3")).to_have_text(name, timeout=15_000)
    click_to_panel = time.perf_counter() - start
    print(
        f"\n[timing] {system.feature}: first map {seconds:.2f} s, "
        f"click -> panel {click_to_panel:.2f} s"
    )

    # the quotes: every claim of the corridor, each with its quote in its sentence
    shown = panel.locator("[data-claim]")
    ids = shown.evaluate_all("els => els.map(e => e.dataset.claim)")
    assert set(ids) == {c["id"] for c in _claims_of(system.corridor)}
    text = normalise(panel.locator(f"[data-claim='{system.claim}']").inner_text())
    assert system.fragment in text
    for row in _claims_of(system.corridor):
        quote = panel.locator(f"[data-claim='{row['id']}'] blockquote mark").first
        assert normalise(quote.inner_text()) == normalise(row["quote"]), row["id"]

    # the URL is shareable and the list follows the click
    dashboard.wait_query("corridor", system.corridor)
    expect(dashboard.corridor_box()).to_have_value(name)

    # the popup the click opened shows a key figure, and survives the rerun the click caused
    popup = dashboard.popup()
    expect(popup).to_contain_text(system.popup)
    expect(popup).to_contain_text(FEATURES[system.feature].name)
    page.wait_for_timeout(1_000)
    expect(popup).to_be_visible()
    expect(popup).to_contain_text(system.popup)
    _no_error_on_page(page)


def test_clicking_a_system_highlights_its_corridor(dashboard: Dashboard) -> None:
    dashboard.open(routes=len(ALL_IDS))
    failures = []
    for system in SYSTEMS:
        dashboard.close_popup()
        e2e.click_feature(dashboard.page, system.feature)
        expect(dashboard.panel().locator("h3")).to_have_text(CORRIDOR_NAMES[system.corridor])
        dashboard.wait_query("corridor", system.corridor)
        dashboard.page.wait_for_timeout(300)
        paths = dashboard.drawn_paths()
        wrong = [
            p["id"]
            for p in paths
            if p["selected"] != (p["corridor"] == system.corridor) and p["interactive"]
        ]
        if wrong:
            failures.append(f"{system.feature}: selection class wrong on {sorted(set(wrong))}")
    assert not failures, "; ".join(failures)


# --- 4. shared URLs --------------------------------------------------------------------------------


def test_shared_url_restores_the_view(dashboard: Dashboard) -> None:
    expected = _ids_of({"pipeline", "port"}, {"operating"})
    assert expected, "no operating pipeline or port in the data"
    dashboard.open("?corridor=cacgp&layers=pipeline,port&status=operating", routes=len(expected))
    page = dashboard.page

    expect(dashboard.panel().locator("h3")).to_have_text(CORRIDOR_NAMES["cacgp"])
    dashboard.wait_drawn(expected)
    # the pipeline is highlighted (its visible line glows), nothing else is selected
    dashboard.page.wait_for_function(
        "([sel]) => document.querySelector(sel).contentWindow.corridorsSelected === 'cacgp'",
        arg=[MAP_FRAME],
    )
    paths = dashboard.drawn_paths()
    own = [p for p in paths if p["corridor"] == "cacgp"]
    assert own and all(p["selected"] for p in own), own
    assert any(p["glow"] for p in own if not p["hit"]), "the selected pipeline does not glow"
    assert not [p for p in paths if p["selected"] and p["corridor"] != "cacgp"]

    assert dashboard.layer_states() == [k in {"pipeline", "port"} for k in LAYER_LABELS]
    expect(dashboard.corridor_box()).to_have_value(CORRIDOR_NAMES["cacgp"])
    query = parse_qs(urlparse(page.url).query)
    assert {k: v for k, v in query.items() if k != "view"} == {
        "corridor": ["cacgp"],
        "layers": ["pipeline,port"],
        "status": ["operating"],
    }
    assert page.get_by_test_id("stAlertContentInfo").count() == 0
    _no_error_on_page(page)


@pytest.mark.parametrize(
    "system",
    [pytest.param(s, id=s.corridor) for s in SYSTEMS],
)
def test_shared_url_highlights_the_corridor(dashboard: Dashboard, system: System) -> None:
    dashboard.open(f"?corridor={system.corridor}", routes=len(ALL_IDS))
    expect(dashboard.panel().locator("h3")).to_have_text(CORRIDOR_NAMES[system.corridor])
    dashboard.page.wait_for_function(
        "([sel, c]) => document.querySelector(sel).contentWindow.corridorsSelected === c",
        arg=[MAP_FRAME, system.corridor],
    )
    own = _corridor_paths(dashboard, system.corridor)
    assert own and all(p["selected"] for p in own)
    visible = [p for p in own if not p["hit"] or p["kind"] == "port"]
    assert visible and all(p["glow"] for p in visible), f"not glowing: {visible}"


def test_bad_url_shows_notices_and_the_default_view(dashboard: Dashboard, guard) -> None:
    dashboard.open("?corridor=nope&layers=bogus&evil=<script>", routes=len(ALL_IDS))
    page = dashboard.page
    notices = page.get_by_test_id("stAlertContentInfo")
    expect(notices.first).to_be_visible()
    texts = "\n".join(notices.all_inner_texts())
    for needle in ("parameter 'evil'", "layers 'bogus'", "corridor 'nope'"):
        assert needle in texts, f"no notice about {needle}: {texts!r}"
    assert "<script>" not in texts
    _no_error_on_page(page)

    # the default view: every layer, no corridor chosen, the overview instead of a panel
    dashboard.wait_drawn(ALL_IDS)
    assert page.get_by_test_id("corridor-panel").count() == 0
    expect(page.locator("[data-testid='overview']").first).to_be_visible()
    expect(dashboard.corridor_box()).to_have_value("— choose a corridor —")
    assert dashboard.layer_states() == [True] * len(LAYER_LABELS)
    dashboard.wait_query("corridor", None)
    dashboard.wait_query("layers", None)
    assert dashboard.pwned() == {"page": "undefined", "map frame": "undefined"}
    assert guard.blocked == []


# --- 5. hover --------------------------------------------------------------------------------------


def test_hover_shows_the_feature_name(dashboard: Dashboard) -> None:
    dashboard.open(routes=len(ALL_IDS))
    seen = {}
    for feature in FEATURES.values():
        dashboard.hover(feature.id)
        expect(dashboard.map.locator(".leaflet-tooltip").last).to_have_text(feature.name)
        seen[feature.id] = dashboard.tooltip_text()
    assert seen == {f.id: f.name for f in FEATURES.values()}
