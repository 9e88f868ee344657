"""Real-browser fixtures: one Streamlit server and one Chromium per session, a fresh context per test.

Every request that would leave the machine is aborted and recorded (``e2e.NetworkGuard``), so the
tests also prove the dashboard works offline. Without a Chromium the tests are skipped, except
under ``CI=true``, where a missing browser is a failure. A failing test leaves a screenshot (and the
server's log) in ``test-artifacts/`` at the repository root.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from corridors import e2e
from corridors.datadir import REPO_ROOT

from fixtures import FIXTURE_ROOT

HERE = Path(__file__).resolve().parent
ARTIFACTS = REPO_ROOT / "test-artifacts"
MAP_FRAME = e2e.MAP_FRAME
IN_CI = os.environ.get("CI", "").strip().lower() == "true"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test in this folder is a browser test (``-m 'not browser'`` leaves them out)."""
    for item in items:
        if Path(str(item.path)).resolve().is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Keep each phase's report on the item, so fixtures can tell whether the test failed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def _no_browser(reason: str) -> None:
    message = f"browser tests need Chromium and Playwright: {reason}"
    if IN_CI:
        pytest.fail(f"{message} (CI=true: a missing browser is a failure, not a skip)")
    pytest.skip(f"{message} (apt-get install chromium; pip install playwright)")


def _failed(request: pytest.FixtureRequest) -> bool:
    report = getattr(request.node, "rep_call", None)
    return report is None or report.failed


def _artifact_name(nodeid: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid).strip("_")[:150]


# --- server, browser, page -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def server_logs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("streamlit-logs")


@pytest.fixture(scope="session")
def app_server(server_logs: Path) -> Iterator[e2e.Server]:
    """The dashboard on the repository's own data, started once for the session."""
    env = {"CORRIDORS_DATA_DIR": str(FIXTURE_ROOT)}
    with e2e.serve(env=env, log_dir=server_logs) as server:
        yield server


@pytest.fixture(scope="session")
def playwright_instance():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - depends on the environment
        _no_browser(f"playwright is not installed ({exc})")
    if e2e.chromium_path() is None:
        _no_browser(f"no Chromium at {', '.join(e2e.CHROMIUM_CANDIDATES)} or $CHROMIUM")
    manager = sync_playwright()
    pw = manager.start()
    yield pw
    pw.stop()


@pytest.fixture(scope="session")
def chromium(playwright_instance):
    """One headless Debian Chromium for the whole session."""
    browser = e2e.launch(playwright_instance)
    yield browser
    browser.close()


@pytest.fixture
def guard() -> e2e.NetworkGuard:
    return e2e.NetworkGuard()


@pytest.fixture
def page(chromium, guard: e2e.NetworkGuard, request: pytest.FixtureRequest):
    """A page in a fresh context; everything not on loopback is aborted and recorded."""
    context = e2e.new_context(chromium, guard)
    context.set_default_timeout(20_000)
    page = context.new_page()
    yield page
    if _failed(request):
        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / f"{_artifact_name(request.node.nodeid)}.png"
        try:
            page.screenshot(path=str(shot), full_page=True)
            print(f"\nscreenshot of the failure: {shot}")
        except Exception as exc:  # the page may be the thing that broke
            print(f"\nno screenshot ({type(exc).__name__}: {exc})")
        if guard.blocked:
            print("requests blocked (would have left the machine):", *guard.blocked, sep="\n  ")
    context.close()


@pytest.fixture
def make_dashboard(page, request: pytest.FixtureRequest):
    """Bind the page to a running server; on failure its log is kept beside the screenshot."""
    servers: list[e2e.Server] = []

    def make(server: e2e.Server) -> Dashboard:
        servers.append(server)
        return Dashboard(page, server.url)

    yield make
    if _failed(request):
        ARTIFACTS.mkdir(exist_ok=True)
        for server in servers:
            target = ARTIFACTS / f"{_artifact_name(request.node.nodeid)}.{server.log.name}"
            shutil.copyfile(server.log, target)
            print(f"server log: {target}")


@pytest.fixture
def dashboard(make_dashboard, app_server: e2e.Server) -> Dashboard:
    return make_dashboard(app_server)


# --- driving the dashboard -------------------------------------------------------------------------

#: Every data feature drawn on the map, one entry per SVG path: lines have a visible path and a
#: wide transparent twin that takes the pointer; ports are a single interactive circle.
_DRAWN_JS = """(sel) => {
    const f = document.querySelector(sel);
    const w = f && f.contentWindow;
    const m = w && w.map_div;
    if (!m || !m.eachLayer) return null;
    const out = [];
    m.eachLayer(l => {
        const p = l.feature && l.feature.properties;
        if (!p || !('corridor' in p) || !l._path) return;
        const path = l._path;
        out.push({
            id: p.id, kind: p.kind, corridor: p.corridor,
            svg: path instanceof w.SVGPathElement && !!path.ownerSVGElement && path.isConnected
                && !!path.getAttribute('d'),
            interactive: path.classList.contains('leaflet-interactive'),
            hit: path.classList.contains('corridors-hit'),
            selected: path.classList.contains('corridors-selected'),
            glow: (w.getComputedStyle(path).filter || '').includes('drop-shadow'),
        });
    });
    return out;
}"""

#: True once the map has been still (no zoom animation, same view and paths) for ``ms``.

#: Page coordinates where the browser's own hit-testing lands on the feature's interactive path
#: (segment points from the middle outwards; a port's centre), or null while none does.
_HIT_POINT_JS = """([sel, fid]) => {
    const frame = document.querySelector(sel);
    const w = frame.contentWindow, d = frame.contentDocument, map = w.map_div;
    let target = null;
    map.eachLayer(l => {
        const p = l.feature && l.feature.properties;
        if (p && p.id === fid && l._path && l._path.classList.contains('leaflet-interactive'))
            target = l;
    });
    if (!target) return null;
    const pts = [];
    if (target.getLatLngs) {
        const lls = target.getLatLngs().flat(3);
        const mid = (lls.length - 2) / 2;
        const order = [...Array(Math.max(lls.length - 1, 0)).keys()]
            .sort((a, b) => Math.abs(a - mid) - Math.abs(b - mid));
        for (const i of order) {
            const a = map.latLngToContainerPoint(lls[i]);
            const b = map.latLngToContainerPoint(lls[i + 1]);
            for (const t of [0.5, 0.3, 0.7, 0.15, 0.85])
                pts.push({x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t});
        }
    } else {
        pts.push(map.latLngToContainerPoint(target.getLatLng()));
    }
    const size = map.getSize();
    const c = map.getContainer().getBoundingClientRect();
    const fr = frame.getBoundingClientRect();
    for (const p of pts) {
        if (p.x < 8 || p.y < 8 || p.x > size.x - 8 || p.y > size.y - 8) continue;
        const x = fr.left + c.left + p.x, y = fr.top + c.top + p.y;
        if (x < 0 || y < 0 || x > window.innerWidth || y > window.innerHeight) continue;
        if (d.elementFromPoint(c.left + p.x, c.top + p.y) === target._path) return [x, y];
    }
    return null;
}"""


def normalise(text: str) -> str:
    """Whitespace folded and typographic quotes straightened, as the panel shows quotes."""
    table = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"'})
    return " ".join(text.translate(table).split())


class Dashboard:
    """The running dashboard in one page: open a view, wait for the map, read what is drawn."""

    def __init__(self, page, url: str) -> None:
        self.page = page
        self.url = url

    # navigation and waiting
    def open(self, query: str = "", routes: int = 1) -> float:
        """Load the page (``query`` starts with '?'); seconds until the map is drawn and wired."""
        start = time.perf_counter()
        self.page.goto(f"{self.url}/{query}")
        e2e.wait_for_routes(self.page, routes)
        elapsed = time.perf_counter() - start
        self.settle()
        return elapsed

    def settle(self, quiet_ms: int = 250, timeout: float = 15_000) -> None:
        """Until the map has stopped moving (the first fit animates; a click on a moving line misses)."""
        e2e.settle(self.page, quiet_ms, timeout)

    def frame(self):
        """The map's Frame object (its window is reachable: same origin)."""
        handle = self.page.wait_for_selector(MAP_FRAME, state="attached")
        frame = handle.content_frame()
        assert frame is not None, "the map frame has no document"
        return frame

    @property
    def map(self):
        return self.page.frame_locator(MAP_FRAME).first

    # what is drawn
    def drawn_paths(self) -> list[dict]:
        return self.page.evaluate(_DRAWN_JS, MAP_FRAME) or []

    def drawn_ids(self) -> set[str]:
        """Features that can be hovered and clicked (their interactive path is on the map)."""
        return {p["id"] for p in self.drawn_paths() if p["interactive"]}

    def wait_drawn(self, expected: set[str], timeout: float = 15.0) -> set[str]:
        deadline = time.perf_counter() + timeout
        drawn = self.drawn_ids()
        while drawn != expected and time.perf_counter() < deadline:
            self.page.wait_for_timeout(100)
            drawn = self.drawn_ids()
        assert drawn == expected, (
            f"drawn: {sorted(drawn)}; expected: {sorted(expected)}; "
            f"missing {sorted(expected - drawn)}, extra {sorted(drawn - expected)}"
        )
        return drawn

    def zoom(self) -> float:
        return self.page.evaluate(
            "(sel) => document.querySelector(sel).contentWindow.map_div.getZoom()", MAP_FRAME
        )

    # pointer
    def hit_point(self, feature_id: str, timeout: float = 10.0) -> tuple[float, float]:
        """Where a real pointer lands on this feature (waits for the map to settle first).

        A feature that no point of reaches at the current zoom (a short leg under its neighbours'
        hit lines) is zoomed onto once, as a reader would.
        """
        self.settle()
        deadline = time.perf_counter() + timeout
        zoomed = False
        while True:
            point = self.page.evaluate(_HIT_POINT_JS, [MAP_FRAME, feature_id])
            if point:
                return float(point[0]), float(point[1])
            if not zoomed:
                self.zoom_to(feature_id)
                zoomed = True
                continue
            if time.perf_counter() > deadline:
                raise AssertionError(f"no visible point of {feature_id!r} takes the pointer")
            self.page.wait_for_timeout(150)

    def zoom_to(self, feature_id: str, max_zoom: int = 9) -> None:
        """Zoom the map onto one feature, as a reader would to reach a short or covered one."""
        self.page.evaluate(
            """([sel, fid, z]) => {
                const map = document.querySelector(sel).contentWindow.map_div;
                map.eachLayer(l => {
                    const p = l.feature && l.feature.properties;
                    if (!p || p.id !== fid || !l._path) return;
                    if (l.getBounds) map.fitBounds(l.getBounds(), {maxZoom: z, animate: false});
                    else map.setView(l.getLatLng(), z, {animate: false});
                });
            }""",
            [MAP_FRAME, feature_id, max_zoom],
        )
        self.settle()

    def hover(self, feature_id: str) -> None:
        self.page.mouse.move(2, 2)
        x, y = self.hit_point(feature_id)
        self.page.mouse.move(x, y, steps=3)

    def click(self, feature_id: str) -> None:
        self.page.mouse.move(2, 2)
        x, y = self.hit_point(feature_id)
        self.page.mouse.click(x, y)

    def close_popup(self) -> None:
        """Close any open popup (one may cover the next feature), and wait until it is gone."""
        self.page.evaluate(
            """(sel) => {
                const w = document.querySelector(sel).contentWindow, map = w.map_div;
                map.eachLayer(l => { if (l instanceof w.L.Popup) map.removeLayer(l); });
            }""",
            MAP_FRAME,
        )
        self.map.locator(".leaflet-popup").first.wait_for(state="detached", timeout=5_000)

    def tooltip_text(self) -> str:
        tip = self.map.locator(".leaflet-tooltip").last
        tip.wait_for(state="visible", timeout=5_000)
        return tip.inner_text()

    def popup(self):
        return self.map.locator(".leaflet-popup-content").first

    # the page around the map
    def panel(self):
        return self.page.get_by_test_id("corridor-panel").first

    def corridor_box(self):
        """The corridor selectbox's input (its value is the chosen corridor's name)."""
        return self.page.get_by_test_id("stSelectbox").get_by_role("combobox").first

    def layer_states(self) -> list[bool]:
        """The sidebar's layer toggles, on or off, in their order."""
        return (
            self.page.get_by_test_id("stSidebar")
            .locator("[data-testid='stCheckbox'] input[type='checkbox']")
            .evaluate_all("els => els.map(e => e.checked)")
        )

    def sidebar_toggle(self, label_start: str):
        label = self.page.get_by_test_id("stSidebar").locator("label")
        return label.filter(has_text=re.compile(r"^\s*" + re.escape(label_start))).first

    def wait_query(self, key: str, value: str | None, timeout: float = 15.0) -> None:
        """Until the URL's query has ``key=value`` (None: key absent)."""
        from urllib.parse import parse_qs, urlparse

        deadline = time.perf_counter() + timeout
        while True:
            query = parse_qs(urlparse(self.page.url).query)
            got = query.get(key, [None])[0]
            if got == value:
                return
            if time.perf_counter() > deadline:
                raise AssertionError(f"URL {self.page.url!r}: {key}={got!r}, wanted {value!r}")
            self.page.wait_for_timeout(100)

    def pwned(self) -> dict[str, str]:
        """``typeof window.__pwned`` in the page and in the map frame (both must stay undefined)."""
        return {
            "page": self.page.evaluate("() => typeof window.__pwned"),
            "map frame": self.page.evaluate(
                """(sel) => { const f = document.querySelector(sel);
                    return f && f.contentWindow ? typeof f.contentWindow.__pwned : 'no frame'; }""",
                MAP_FRAME,
            ),
        }
