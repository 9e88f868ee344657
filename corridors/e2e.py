"""Running the dashboard for real: a Streamlit server on a free loopback port and headless Chromium.

Shared by the browser tests, the benchmark, the load test and the screenshot command, so all of them
start, wait for and drive the app the same way. Playwright drives Debian's Chromium (its own browser
download cannot work here); requests that would leave the machine are blocked and recorded.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .datadir import REPO_ROOT

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
LOOPBACK = ("127.0.0.1", "localhost", "[::1]")


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), *CHROMIUM_CANDIDATES, shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path


def wait_healthy(url: str, timeout: float = 60.0) -> float:
    """Poll /_stcore/health until it answers ok; the seconds it took."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return time.perf_counter() - start
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"{url} did not become healthy in {timeout:.0f} s")


@contextlib.contextmanager
def serve(
    script: str | Path = "dashboard.py",
    env: dict[str, str] | None = None,
    log_dir: Path | None = None,
    cwd: Path = REPO_ROOT,
) -> Iterator[Server]:
    """`streamlit run` on a free loopback port; stopped (and its log kept) on exit."""
    port = free_port()
    log_dir = log_dir or Path(os.environ.get("TMPDIR", "/tmp"))
    log_dir.mkdir(parents=True, exist_ok=True)
    log = log_dir / f"streamlit-{port}.log"
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    with log.open("w") as handle:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env={**os.environ, **(env or {})},
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url)
        yield Server(url, process, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@dataclass
class NetworkGuard:
    """Aborts and records every request that is not to this machine."""

    blocked: list[str] = field(default_factory=list)

    def handle(self, route) -> None:  # playwright.sync_api.Route
        url = route.request.url
        host = url.split("/")[2] if "://" in url else ""
        if (
            url.startswith(("data:", "blob:", "about:"))
            or host.split(":")[0] in LOOPBACK
            or (host.startswith("[::1]"))
        ):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()


def launch(playwright):
    """Headless Debian Chromium with the flags this sandbox needs."""
    path = chromium_path()
    if path is None:
        raise FileNotFoundError("no Chromium found (apt-get install chromium)")
    return playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)


def new_context(browser, guard: NetworkGuard | None = None, **kwargs):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, **kwargs)
    if guard is not None:
        context.route("**/*", guard.handle)
    return context


MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def map_frame(page):
    """The st_folium component's frame (same origin: its DOM is reachable)."""
    return page.frame_locator(MAP_FRAME).first


def wait_for_routes(page, count: int, timeout: float = 30_000) -> None:
    """Until at least ``count`` interactive SVG paths are drawn and clicks are wired.

    streamlit-folium binds its click handlers right after it evaluates the layers, and records
    them in ``__GLOBAL_DATA__.last_feature_group``; a click before that is not reported.
    """
    page.wait_for_function(
        """([sel, n]) => {
            const f = document.querySelector(sel);
            const d = f && f.contentDocument;
            const g = f && f.contentWindow && f.contentWindow.__GLOBAL_DATA__;
            return !!d && !!g && !!g.last_feature_group
                && d.querySelectorAll('path.leaflet-interactive').length >= n && !(f.contentWindow.map_div || {})._animatingZoom;
        }""",
        arg=[MAP_FRAME, count],
        timeout=timeout,
    )


def selected_count(page) -> int:
    """How many drawn features carry the selection highlight."""
    return page.evaluate(
        """(sel) => document.querySelector(sel).contentDocument
            .querySelectorAll('path.leaflet-interactive.corridors-selected').length""",
        MAP_FRAME,
    )


def route_count(page) -> int:
    return page.evaluate(
        """(sel) => {
            const f = document.querySelector(sel);
            const d = f && f.contentDocument;
            return d ? d.querySelectorAll('path.leaflet-interactive').length : -1;
        }""",
        MAP_FRAME,
    )


def feature_point(page, feature_id: str) -> tuple[float, float]:
    """Page coordinates of a point on a drawn feature (mid-segment of a line, centre of a point)."""
    return tuple(
        page.evaluate(
            """([sel, fid]) => {
            const frame = document.querySelector(sel);
            const w = frame.contentWindow;
            const map = w.map_div;
            let target = null;
            map.eachLayer(l => {
                if (l.feature && l.feature.properties && l.feature.properties.id === fid
                    && l._path && l.options.interactive !== false) target = l;
            });
            if (!target) throw new Error('feature not drawn: ' + fid);
            let p;
            if (target.getLatLngs) {
                const lls = target.getLatLngs().flat(3);
                const i = Math.max(0, Math.floor(lls.length / 2) - 1);
                const a = map.latLngToContainerPoint(lls[i]);
                const b = map.latLngToContainerPoint(lls[Math.min(i + 1, lls.length - 1)]);
                p = {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2};
            } else {
                p = map.latLngToContainerPoint(target.getLatLng());
            }
            const c = map.getContainer().getBoundingClientRect();
            const f = frame.getBoundingClientRect();
            return [f.left + c.left + p.x, f.top + c.top + p.y];
        }""",
            [MAP_FRAME, feature_id],
        )
    )


_SETTLED_JS = """([sel, ms]) => {
    const f = document.querySelector(sel);
    const w = f && f.contentWindow;
    const m = w && w.map_div;
    if (!m || !m.getCenter) return false;
    if (m._animatingZoom || (m._panAnim && m._panAnim._inProgress)) { w.__settle = null; return false; }
    const c = m.getCenter(), s = m.getSize();
    const key = [m.getZoom(), c.lat.toFixed(6), c.lng.toFixed(6), s.x, s.y,
        f.contentDocument.querySelectorAll('path.leaflet-interactive').length,
        JSON.stringify(f.getBoundingClientRect())].join('|');
    const now = performance.now();
    if (!w.__settle || w.__settle.key !== key) { w.__settle = {key: key, at: now}; return false; }
    return now - w.__settle.at >= ms;
}"""


def settle(page, quiet_ms: int = 250, timeout: float = 15_000) -> None:
    """Until the map has stopped moving for ``quiet_ms``.

    After load the map still settles (the frame takes its final width, Leaflet animates the first
    fit), and a click on a moving line misses.
    """
    page.wait_for_function(_SETTLED_JS, arg=[MAP_FRAME, quiet_ms], timeout=timeout)


def click_feature(page, feature_id: str) -> None:
    """A real mouse click on a drawn feature: the browser's own hit-testing decides what it hits."""
    settle(page)
    x, y = feature_point(page, feature_id)
    page.mouse.click(x, y)
