"""Real-browser fixtures: one Streamlit server and one Chromium per session, a fresh context per test.

Every request that would leave the machine is aborted and recorded (``browser.NetworkGuard``), so the
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

from corridors.schema import KINDS
from corridors.store.datadir import REPO_ROOT
from corridors.view.mapcomponent import CACHE_ENV
from devtools import browser as e2e
from devtools import pagejs
from devtools.pagejs import MAP_FRAME

from fixtures import FIXTURE_ROOT

HERE = Path(__file__).resolve().parent
ARTIFACTS = REPO_ROOT / "test-artifacts"
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
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The servers' cache folder (the map component's files): fresh for the session."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="session")
def app_env(cache_dir: Path) -> dict[str, str]:
    return {"CORRIDORS_DATA_DIR": str(FIXTURE_ROOT), CACHE_ENV: str(cache_dir)}


@pytest.fixture(scope="session")
def app_server(server_logs: Path, app_env: dict[str, str]) -> Iterator[e2e.Server]:
    """The dashboard on the frozen fixture data, started once for the session."""
    with e2e.serve(env=app_env, log_dir=server_logs) as server:
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
        e2e.wait_for_page(self.page)
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
        return e2e.drawn_paths(self.page)

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

    def view(self) -> dict:
        """zoom, center, bounds ([[s, w], [n, e]]), size, selected corridor."""
        return self.page.evaluate(pagejs.VIEW, MAP_FRAME)

    def zoom(self) -> float:
        return self.view()["zoom"]

    def feature_bounds(self, corridors: list[str] | None = None) -> list[list[float]]:
        return self.page.evaluate(pagejs.FEATURE_BOUNDS, [MAP_FRAME, corridors or []])

    # pointer
    def hit_point(self, feature_id: str) -> tuple[float, float]:
        return e2e.hit_point(self.page, feature_id)

    def hover(self, feature_id: str) -> None:
        self.page.mouse.move(2, 2)
        x, y = self.hit_point(feature_id)
        self.page.mouse.move(x, y, steps=3)

    def click(self, feature_id: str) -> None:
        e2e.click_feature(self.page, feature_id)

    def close_popup(self) -> None:
        """Close any open popup (one may cover the next feature), and wait until it is gone."""
        self.page.wait_for_function(pagejs.CLOSE_POPUP, arg=MAP_FRAME, timeout=5_000)

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
        """The sidebar's layer toggles, on or off, in their order: the boxes labelled by a kind
        of layer ("Railways (1)"), not the sidebar's other boxes (Include undated sources)."""
        boxes = (
            self.page.get_by_test_id("stSidebar")
            .locator("[data-testid='stCheckbox']")
            .evaluate_all(
                "els => els.map(e => [e.innerText, e.querySelector('input[type=checkbox]').checked])"
            )
        )
        layers = {kind.label for kind in KINDS.values()}
        return [on for text, on in boxes if text.rsplit(" (", 1)[0].strip() in layers]

    def sidebar_toggle(self, label: str):
        """The layer switch labelled ``label`` (devtools.browser.layer_switch)."""
        return e2e.layer_switch(self.page, label)

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
        return self.page.evaluate(pagejs.PWNED, MAP_FRAME)
