"""The map component in a real Chromium, network blocked, at desktop and phone sizes.

Place labels as text, the view fitted to what is picked, popups inside the map, a phone layout
without overflow, keyboard selection, the online-basemap note, a tab that survives a server
restart, and a symlinked boundaries file that is never served.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from corridors.view.mapbuild import MAP_TITLE
from devtools import browser as e2e
from devtools import pagejs
from devtools.pagejs import MAP_FRAME

from .conftest import ARTIFACTS, IN_CI, Dashboard
from fixtures import FIXTURE_ROOT

try:
    from playwright.sync_api import expect
except ImportError:  # pragma: no cover - depends on the environment
    if IN_CI:
        raise
    pytest.skip("browser tests need Playwright (pip install playwright)", allow_module_level=True)

ALL = 8  # features in the fixture
SIZES = {
    "desktop": {"viewport": {"width": 1440, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
#: Systems, the feature clicked for each, and the corridor's name in the panel.
SYSTEMS = {
    "cku-railway": ("cku-railway", "China–Kyrgyzstan–Uzbekistan railway"),
    "cacgp-lines-abc": ("cacgp", "Central Asia–China gas pipeline (Lines A/B/C)"),
    "khorgos-dry-port": ("khorgos-dry-port", "Khorgos dry port (Khorgos Gateway)"),
}


@pytest.fixture(params=list(SIZES), ids=list(SIZES))
def sized(request, chromium, guard, app_server) -> Dashboard:
    """The dashboard in a fresh context at desktop or phone size."""
    context = chromium.new_context(**SIZES[request.param])
    context.route("**/*", guard.handle)
    context.set_default_timeout(20_000)
    page = context.new_page()
    dash = Dashboard(page, app_server.url)
    dash.size = request.param
    yield dash
    if getattr(request.node, "rep_call", None) is None or request.node.rep_call.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def _inside(inner: list[list[float]], outer: list[list[float]], slack: float = 1e-6) -> bool:
    (s1, w1), (n1, e1) = inner
    (s2, w2), (n2, e2) = outer
    return s1 >= s2 - slack and w1 >= w2 - slack and n1 <= n2 + slack and e1 <= e2 + slack


def _visible_labels(dash: Dashboard) -> list[dict]:
    return dash.frame().evaluate(
        """() => [...document.querySelectorAll('.corridors-place-name')]
            .filter(e => e.getClientRects().length && getComputedStyle(e.parentElement).display !== 'none')
            .map(e => { const r = e.getBoundingClientRect();
                return {text: e.textContent, l: r.left, r: r.right, t: r.top, b: r.bottom}; })"""
    )


def _wait_for_more_than(dash: Dashboard, selector: str, n: int) -> None:
    """Until the map's frame holds more than n elements matching selector."""
    dash.page.wait_for_function(
        "([sel, css, n]) => document.querySelector(sel).contentDocument"
        ".querySelectorAll(css).length > n",
        arg=[MAP_FRAME, selector, n],
    )


# --- labels -----------------------------------------------------------------------------------------


def test_place_labels_are_text_under_the_routes(sized: Dashboard) -> None:
    sized.open(routes=ALL)
    _wait_for_more_than(sized, ".corridors-place-name", 10)
    sized.settle()
    labels = _visible_labels(sized)
    texts = {label["text"] for label in labels}
    # the countries the routes cross come first (test_firstview_browser names all of them at the
    # default 1500x1000 window); here, beside the panel and on a phone, at least these
    for name in ("Kazakhstan", "Uzbekistan"):
        assert name in texts, f"{name} not shown at the first view: {sorted(texts)}"
    assert texts & {"Baku", "Tbilisi", "Tashkent"}, f"no capital on a route: {sorted(texts)}"
    # decluttered: no two visible labels overlap
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            overlap = a["l"] < b["r"] and a["r"] > b["l"] and a["t"] < b["b"] and a["b"] > b["t"]
            assert not overlap, f"{a['text']!r} overlaps {b['text']!r}"
    # under every route pane, and never taking the pointer
    panes = sized.frame().evaluate(
        """() => { const z = n => +getComputedStyle(document.querySelector('.leaflet-' + n + '-pane')).zIndex;
            return {labels: z('corridors-labels'), lowestRoute: Math.min(
                ...[...document.querySelectorAll('[class*=leaflet-corridors-line-], [class*=leaflet-corridors-casing-]')]
                .map(p => +getComputedStyle(p).zIndex)),
                pointer: getComputedStyle(document.querySelector('.leaflet-corridors-labels-pane')).pointerEvents}; }"""
    )
    assert panes["labels"] < panes["lowestRoute"], panes
    assert panes["pointer"] == "none"
    attribution = sized.map.locator(".leaflet-control-attribution").inner_text()
    for credit in ("Natural Earth", "OpenStreetMap", "GeoNames"):
        assert credit in attribution, attribution


def test_the_offline_basemap_is_drawn_after_the_routes(dashboard: Dashboard) -> None:
    """The countries' outlines come from the largest file: they follow the routes, never lead."""
    dashboard.open(routes=ALL)
    _wait_for_more_than(dashboard, ".leaflet-corridors-basemap-pane path", 10)
    order = dashboard.frame().evaluate(
        "() => ({routes: window.corridorsDrawnAt, basemap: window.corridorsTimes.basemap})"
    )
    assert order["routes"] is not None and order["basemap"] is not None, order
    assert order["basemap"] > order["routes"], order


def test_zooming_in_names_more_cities(dashboard: Dashboard) -> None:
    dashboard.open(routes=ALL)
    dashboard.page.evaluate(
        "(sel) => document.querySelector(sel).contentWindow.corridorsMap"
        ".setView([41.5, 73.5], 6.5, {animate: false})",
        MAP_FRAME,
    )
    dashboard.settle()
    texts = {label["text"] for label in _visible_labels(dashboard)}
    assert {"Kashgar", "Osh", "Bishkek"} <= texts, sorted(texts)


# --- fitting -----------------------------------------------------------------------------------------


def test_first_view_fits_the_four_systems(sized: Dashboard) -> None:
    """The first view fits the four systems' routes; the lone far-off port (Lianyungang, on the
    Yellow Sea) is left to a zoom out, so the routes are not shrunk to a few pixels."""
    sized.open(routes=ALL)
    four = ["cku-railway", "cacgp", "titr", "khorgos-dry-port"]
    view = sized.view()
    assert _inside(sized.feature_bounds(four), view["bounds"])
    wide = sized.page.viewport_size["width"] > 600
    assert view["zoom"] >= (4 if wide else 3), f"the routes fill the map (zoom {view['zoom']})"


def test_choosing_a_corridor_fits_the_map_to_it(dashboard: Dashboard) -> None:
    dashboard.open(routes=ALL)
    before = dashboard.view()
    dashboard.corridor_box().click()
    dashboard.page.get_by_role("option").filter(has_text=SYSTEMS["cku-railway"][1]).click()
    dashboard.wait_query("corridor", "cku-railway")
    dashboard.page.wait_for_function(
        "([sel, z]) => document.querySelector(sel).contentWindow.corridorsMap.getZoom() > z",
        arg=[MAP_FRAME, before["zoom"]],
    )
    dashboard.settle()
    assert _inside(dashboard.feature_bounds(["cku-railway"]), dashboard.view()["bounds"])


def test_a_filter_fits_the_map_to_what_it_shows(dashboard: Dashboard) -> None:
    dashboard.open("?status=planned", routes=1)
    dashboard.wait_drawn({"cku-railway"})
    view = dashboard.view()
    assert _inside(dashboard.feature_bounds(), view["bounds"])
    assert view["zoom"] >= 5, "fitted to the one planned railway, not the region"


def test_the_view_is_kept_in_the_url(dashboard: Dashboard) -> None:
    dashboard.open("?view=41.000,73.000,7", routes=1)
    view = dashboard.view()
    assert view["zoom"] == 7
    assert abs(view["center"][0] - 41) < 0.01 and abs(view["center"][1] - 73) < 0.01
    # the reader pans: the URL follows
    dashboard.page.evaluate(
        "(sel) => document.querySelector(sel).contentWindow.corridorsMap.panBy([120, 0], {animate: false})",
        MAP_FRAME,
    )
    deadline = time.perf_counter() + 5
    while time.perf_counter() < deadline:
        got = parse_qs(urlparse(dashboard.page.url).query).get("view", [""])[0]
        if got and got != "41.000,73.000,7":
            break
        dashboard.page.wait_for_timeout(100)
    _, lon, zoom = (float(x) for x in got.split(","))
    assert zoom == 7 and lon > 73.05, got


# --- popups -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("feature", list(SYSTEMS))
def test_popup_opens_inside_the_map(sized: Dashboard, feature: str) -> None:
    sized.open(routes=ALL)
    sized.click(feature)
    popup = sized.map.locator(".leaflet-popup").first
    expect(popup).to_be_visible()
    sized.settle()
    boxes = sized.frame().evaluate(
        """() => { const r = e => { const b = e.getBoundingClientRect();
                return [b.left, b.top, b.right, b.bottom]; };
            return {popup: r(document.querySelector('.leaflet-popup')),
                    map: r(document.querySelector('.leaflet-container'))}; }"""
    )
    (pl, pt, pr, pb), (ml, mt, mr, mb) = boxes["popup"], boxes["map"]
    assert pl >= ml - 1 and pr <= mr + 1 and pt >= mt - 1 and pb <= mb + 1, boxes
    text = sized.popup().inner_text()
    assert text.count("Drawn:") == 1, text  # each line once
    assert text.count("All quotes:") == 1, text


# --- phone layout -----------------------------------------------------------------------------------


def test_phone_layout_keeps_the_map_usable(chromium, guard, app_server) -> None:
    context = chromium.new_context(**SIZES["phone"])
    context.route("**/*", guard.handle)
    page = context.new_page()
    try:
        dash = Dashboard(page, app_server.url)
        dash.open(routes=ALL)
        widths = page.evaluate(
            "(sel) => [document.documentElement.scrollWidth, "
            "document.querySelector(sel).contentDocument.documentElement.scrollWidth]",
            MAP_FRAME,
        )
        assert max(widths) <= 390, f"horizontal overflow: {widths}"
        sidebar = page.get_by_test_id("stSidebar").bounding_box()
        assert sidebar is None or sidebar["x"] + sidebar["width"] <= 1, "the sidebar covers the map"
        # nothing covers the zoom and layer buttons: the frame is what the pointer finds there
        for control in (".leaflet-control-zoom-in", ".leaflet-control-layers-toggle"):
            box = dash.map.locator(control).bounding_box()
            assert box is not None, control
            x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
            hit = page.evaluate("([x, y]) => document.elementFromPoint(x, y).tagName", [x, y])
            assert hit == "IFRAME", f"{control} covered by a {hit}"
        dash.click("cku-railway")
        panel = dash.panel()
        expect(panel.locator("h3")).to_have_text(SYSTEMS["cku-railway"][1])
        frame_box = page.locator(MAP_FRAME).bounding_box()
        panel_box = panel.bounding_box()
        assert panel_box["y"] >= frame_box["y"] + frame_box["height"] - 1, "panel not below the map"
    finally:
        context.close()


# --- keyboard ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("feature", "key"), [("cku-railway", "Enter"), ("cacgp-lines-abc", " ")])
def test_keyboard_selects_a_route_as_a_click_does(
    dashboard: Dashboard, feature: str, key: str
) -> None:
    corridor, name = SYSTEMS[feature]
    dashboard.open(routes=ALL)
    focused = dashboard.frame().evaluate(
        """(fid) => { const m = window.corridorsMap; let el = null;
            m.eachLayer(l => { const p = l.feature && l.feature.properties;
                if (p && p.id === fid && l._path && l._path.classList.contains('leaflet-interactive'))
                    el = l._path; });
            el.focus(); return [document.activeElement === el, el.getAttribute('role'),
                el.getAttribute('aria-label')]; }""",
        feature,
    )
    assert focused[0] and focused[1] == "button" and focused[2].startswith(name.split(" (")[0][:20])
    dashboard.page.keyboard.press(key)
    expect(dashboard.panel().locator("h3")).to_have_text(name)
    dashboard.wait_query("corridor", corridor)
    expect(dashboard.popup()).to_be_visible()
    assert dashboard.view()["selected"] == corridor


def test_map_frame_has_a_descriptive_title(dashboard: Dashboard) -> None:
    dashboard.open(routes=ALL)
    assert dashboard.page.locator(MAP_FRAME).get_attribute("title") == MAP_TITLE
    assert dashboard.page.get_by_title(MAP_TITLE).count() == 1


# --- online basemap offline ---------------------------------------------------------------------------


def test_online_basemap_that_cannot_load_says_so(dashboard: Dashboard, guard) -> None:
    dashboard.open(routes=ALL)
    dashboard.map.locator(".leaflet-control-layers").hover()
    dashboard.map.get_by_text("OpenStreetMap (online)").click()
    note = dashboard.map.get_by_test_id("map-note")
    expect(note).to_be_visible(timeout=10_000)
    expect(note).to_contain_text("cannot load")
    assert guard.blocked, "the tiles should have been blocked"
    dashboard.map.get_by_text("Offline basemap (no network)").click()
    expect(note).to_be_hidden()


# --- restart and reconnect ----------------------------------------------------------------------------


@pytest.fixture
def own_server(app_env, tmp_path: Path):
    with e2e.serve(env=app_env, log_dir=tmp_path) as server:
        yield server


def test_tab_recovers_after_the_server_restarts(make_dashboard, own_server) -> None:
    dash = make_dashboard(own_server)
    dash.open(routes=ALL)
    own_server.stop(kill=True)
    dash.page.wait_for_timeout(1_000)
    own_server.start()  # the same port
    # the page reconnects by itself; then a toggle must take effect without a reload
    dash.page.wait_for_function(pagejs.APP_IDLE, timeout=30_000)
    dash.page.wait_for_timeout(1_500)
    dash.sidebar_toggle("Railways").click()
    dash.wait_drawn({"cacgp-lines-abc", *_non_railway_ids(dash)}, timeout=20)
    dash.wait_query("layers", "pipeline,corridor,port")


def _non_railway_ids(dash: Dashboard) -> set[str]:
    return {p["id"] for p in dash.drawn_paths() if p["interactive"] and p["kind"] != "railway"}


# --- files outside the data are never served ----------------------------------------------------------

PASSWD = Path("/etc/passwd")


@pytest.fixture
def symlinked_data(tmp_path: Path) -> Path:
    if not PASSWD.is_file():
        pytest.skip("no /etc/passwd on this machine")
    root = tmp_path / "data"
    shutil.copytree(FIXTURE_ROOT / "geodata", root / "geodata")
    shutil.copytree(FIXTURE_ROOT / "seeds", root / "seeds")
    for dirpath, _, filenames in os.walk(root):
        for name in filenames:
            path = Path(dirpath) / name
            path.chmod(path.stat().st_mode | stat.S_IWUSR)
    (root / "geodata" / "boundaries.geojson").unlink()
    (root / "geodata" / "boundaries.geojson").symlink_to(PASSWD)
    return root


def test_symlinked_boundaries_are_never_served(
    make_dashboard, symlinked_data: Path, app_env, tmp_path: Path
) -> None:
    secret = PASSWD.read_text(encoding="utf-8", errors="replace").splitlines()[0].strip()
    assert secret
    env = {
        **app_env,
        "CORRIDORS_DATA_DIR": str(symlinked_data),
        "CORRIDORS_CACHE_DIR": str(tmp_path / "cache"),
    }
    with e2e.serve(env=env, log_dir=tmp_path) as server:
        dash = make_dashboard(server)
        bodies: list[tuple[str, bytes]] = []

        def keep(response) -> None:
            with contextlib.suppress(Exception):  # a redirect or an aborted request: no body
                bodies.append((response.url, response.body()))

        dash.page.on("response", keep)
        dash.page.goto(server.url)
        dash.page.wait_for_function(pagejs.APP_IDLE, timeout=60_000)
        dash.page.wait_for_timeout(2_000)
        assert "Traceback" not in dash.page.locator("body").inner_text()
        leaked = [url for url, body in bodies if secret.encode() in body]
        assert not leaked, f"/etc/passwd served at {leaked}"
        # nor under the paths the old static serving used, nor in any file the map is given
        for path in ("/app/static/basemap/boundaries.geojson", "/app/static/leaflet/leaflet.js"):
            try:
                with urllib.request.urlopen(server.url + path, timeout=5) as response:
                    assert secret.encode() not in response.read(), path
            except urllib.error.HTTPError:
                pass
        for file in (tmp_path / "cache").rglob("*"):
            if file.is_file():
                assert secret.encode() not in file.read_bytes(), file
