"""The map's first view and its inputs in a real Chromium: what the default view names, where the
legend sits, and that any input (a click without a position, a key) opens its popup at the feature
with no long freeze.

Clicks without a position are what a script's element.click(), automation and some assistive
tools send: Leaflet reads them as the top left corner of the frame, where a popup once opened and
kept the page panning for tens of seconds.
"""

from __future__ import annotations

import pytest

from corridors.model import dataset
from corridors.view import places
from devtools.pagejs import MAP_FRAME

from .conftest import ARTIFACTS, IN_CI, Dashboard
from fixtures import FIXTURE

try:
    from playwright.sync_api import expect
except ImportError:  # pragma: no cover - depends on the environment
    if IN_CI:
        raise
    pytest.skip("browser tests need Playwright (pip install playwright)", allow_module_level=True)

ALL = 8  # features in the fixture
DEFAULT = {"viewport": {"width": 1500, "height": 1000}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}

#: Every task over 50 ms, in each document of the context (the page and the map frame).
OBSERVE_JS = """(() => {
    window.__longtasks = [];
    try {
        new PerformanceObserver((list) => {
            for (const e of list.getEntries()) window.__longtasks.push(e.duration);
        }).observe({type: 'longtask', buffered: true});
    } catch (e) { window.__longtasks = null; }
})();"""

#: Send the feature's interactive path a click without a position, or focus it for a key.
PATH_ACTION_JS = """([fid, action]) => {
    const m = window.corridorsMap;
    let el = null;
    m.eachLayer(l => {
        const p = l.feature && l.feature.properties;
        if (p && p.id === fid && l._path && l._path.classList.contains('leaflet-interactive'))
            el = l._path;
    });
    m.closePopup();
    if (action === 'focus') { el.focus(); return document.activeElement === el; }
    if (action === 'dispatch')
        el.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}));
    return true;
}"""

#: The open popup's point and the feature's bounds ([[s, w], [n, e]]).
POPUP_AND_FEATURE_JS = """(fid) => {
    const m = window.corridorsMap;
    let b = null;
    m.eachLayer(l => {
        const p = l.feature && l.feature.properties;
        if (p && p.id === fid && l.getBounds) b = l.getBounds();
        if (p && p.id === fid && !l.getBounds && l.getLatLng) b = L.latLngBounds([l.getLatLng()]);
    });
    const at = m._popup && m.hasLayer(m._popup) ? m._popup.getLatLng() : null;
    return {popup: at && [at.lat, at.lng],
            bounds: [[b.getSouth(), b.getWest()], [b.getNorth(), b.getEast()]]};
}"""

#: Whether the open legend lies over any route: points along every shown route's hit line,
#: projected to the map's pixels, tested against the legend's box opened (then put back).
LEGEND_JS = """() => {
    const m = window.corridorsMap;
    const legend = document.querySelector('details.corridors-legend');
    const was = legend.open;
    legend.open = true;
    const r = legend.getBoundingClientRect();
    legend.open = was;
    const c = m.getContainer().getBoundingClientRect();
    const box = {l: r.left - c.left, t: r.top - c.top, r: r.right - c.left, b: r.bottom - c.top};
    let under = false, routes = [Infinity, Infinity, -Infinity, -Infinity];
    m.eachLayer(l => {
        const p = l.feature && l.feature.properties;
        if (!p || !l._path || !l._path.classList.contains('leaflet-interactive')) return;
        const lls = l.getLatLngs ? l.getLatLngs().flat(3) : [l.getLatLng()];
        for (let i = 0; i < lls.length; i++) {
            const a = m.latLngToContainerPoint(lls[i]);
            const b = m.latLngToContainerPoint(lls[Math.min(i + 1, lls.length - 1)]);
            if (l.getLatLngs) routes = [Math.min(routes[0], a.x), Math.min(routes[1], a.y),
                                        Math.max(routes[2], a.x), Math.max(routes[3], a.y)];
            for (let t = 0; t <= 1; t += 0.05) {
                const x = a.x + (b.x - a.x) * t, y = a.y + (b.y - a.y) * t;
                if (x >= box.l && x <= box.r && y >= box.t && y <= box.b) under = true;
            }
        }
    });
    return {open: legend.open, under: under, routes: routes, size: [m.getSize().x, m.getSize().y]};
}"""

#: The labels shown now (text), read in the map frame.
LABELS_JS = """() => [...document.querySelectorAll('.corridors-place-name')]
    .filter(e => e.getClientRects().length
        && getComputedStyle(e.parentElement).display !== 'none')
    .map(e => e.textContent)"""


def _crossed_countries() -> set[str]:
    ds = dataset.load(FIXTURE)
    found = places.places(ds.boundaries, ds.features.geometry)["places"]
    return {p["name"] for p in found if p.get("crossed")}


@pytest.fixture
def open_at(chromium, guard, app_server, request):
    """A dashboard in a fresh context of these options, long tasks observed in every document."""
    contexts = []

    def make(options: dict) -> Dashboard:
        context = chromium.new_context(**options)
        context.route("**/*", guard.handle)
        context.add_init_script(OBSERVE_JS)
        context.set_default_timeout(20_000)
        contexts.append(context)
        dash = Dashboard(context.new_page(), app_server.url)
        dash.open(routes=ALL)
        return dash

    yield make
    for context in contexts:
        if getattr(request.node, "rep_call", None) is None or request.node.rep_call.failed:
            ARTIFACTS.mkdir(exist_ok=True)
            for i, page in enumerate(context.pages):
                page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{i}.png"))
        context.close()


def _longest_task(dash: Dashboard) -> float:
    tasks = dash.page.evaluate(
        """(sel) => [window.__longtasks || [],
            document.querySelector(sel).contentWindow.__longtasks || []].flat()""",
        MAP_FRAME,
    )
    return max(tasks, default=0.0)


def _inside(point: list[float], bounds: list[list[float]], slack: float) -> bool:
    (s, w), (n, e) = bounds
    lat, lon = point
    return s - slack <= lat <= n + slack and w - slack <= lon <= e + slack


@pytest.mark.parametrize(
    ("options", "feature", "action"),
    [
        pytest.param(DEFAULT, "titr-caspian-crossing", "dispatch", id="desktop-click-no-position"),
        pytest.param(DEFAULT, "khorgos-dry-port", "dispatch", id="desktop-port-no-position"),
        pytest.param(PHONE, "cku-railway", "dispatch", id="phone-click-no-position"),
        pytest.param(DEFAULT, "titr-kz-aktau-kuryk", "focus", id="desktop-keyboard"),
    ],
)
def test_any_input_opens_the_popup_at_the_feature(
    open_at, options: dict, feature: str, action: str
) -> None:
    dash = open_at(options)
    frame = dash.frame()
    assert frame.evaluate(PATH_ACTION_JS, [feature, action])
    if action == "focus":
        dash.page.keyboard.press("Enter")
    expect(dash.popup()).to_be_visible()
    dash.settle()
    got = frame.evaluate(POPUP_AND_FEATURE_JS, feature)
    assert got["popup"] is not None, "the popup closed again"
    # at the feature: within its bounds (a few metres' slack for a port's single point)
    assert _inside(got["popup"], got["bounds"], 1e-3), got
    expect(dash.panel().locator("h3")).to_be_visible()
    longest = _longest_task(dash)
    assert longest < 1000, f"a main-thread task of {longest:.0f} ms"


def test_the_default_view_names_every_country_a_route_crosses(open_at) -> None:
    crossed = _crossed_countries()
    assert len(crossed) >= 7, crossed  # the fixture's routes cross eight countries
    dash = open_at(DEFAULT)
    frame = dash.frame()
    frame.wait_for_function("() => document.querySelectorAll('.corridors-place-name').length > 10")
    dash.settle()
    shown = set(frame.evaluate(LABELS_JS))
    missing = crossed - shown
    assert not missing, f"not named at the first view: {sorted(missing)}; shown: {sorted(shown)}"


@pytest.mark.parametrize(
    "options",
    [
        pytest.param(DEFAULT, id="1500x1000"),
        pytest.param({"viewport": {"width": 1100, "height": 760}}, id="1100x760"),
        pytest.param(PHONE, id="phone"),
    ],
)
def test_the_legend_never_starts_open_over_a_route(open_at, options: dict) -> None:
    """Open where it covers no route, folded where it would; folded on a phone; and the first
    view's routes span the map (no half of it left to the Persian Gulf)."""
    dash = open_at(options)
    got = dash.frame().evaluate(LEGEND_JS)
    assert not (got["open"] and got["under"]), got
    if got["size"][0] > 560:
        assert got["open"] == (not got["under"]), got
    else:
        assert not got["open"], got
    west, north, east, south = got["routes"]
    width, height = got["size"]
    span = max((east - west) / width, (south - north) / height)
    # the margins (24 px a side) and the zoom's quarter steps (a step is 19% of the scale) take
    # the rest: an open legend allowed for left the routes half the map
    assert span >= 0.65, f"the routes fill {span:.0%} of the map at most: {got}"


def test_the_reader_may_open_a_folded_legend(open_at) -> None:
    dash = open_at(PHONE)
    legend = dash.map.locator("details.corridors-legend")
    expect(legend).not_to_have_attribute("open", "")
    legend.locator("summary").click()
    expect(legend).to_have_attribute("open", "")
