"""Running the dashboard for real: a Streamlit server on a free loopback port and headless Chromium.

Shared by the browser tests, the benchmarks, the load test and the screenshot command, so all of
them start, wait for and drive the app the same way. Playwright drives Debian's Chromium (its own
browser download cannot work here); requests that would leave the machine are blocked and recorded.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from corridors.store.datadir import REPO_ROOT

from . import pagejs
from .pagejs import MAP_FRAME

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
#: The hosts that are this machine (``urlsplit`` gives an IPv6 host without its brackets).
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
#: Every URL that leaves the machine: routed to ``NetworkGuard.handle`` as a regex, so requests to
#: loopback never reach the Python handler (a round trip each that would slow every page alike).
OUTSIDE = re.compile(
    r"^(?!(?:https?|wss?)://(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?(?:[/?#]|$))"
)


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
    """One ``streamlit run`` process on a fixed loopback port (restartable on the same port)."""

    url: str
    log: Path
    command: list[str]
    cwd: Path
    env: dict[str, str]
    process: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log.open("a") as handle:
            self.process = subprocess.Popen(
                self.command, cwd=self.cwd, env=self.env, stdout=handle, stderr=subprocess.STDOUT
            )
        wait_healthy(self.url)

    def stop(self, kill: bool = False) -> None:
        """Terminate (or kill, as a crash would) and wait until the process is gone."""
        if self.process is None:
            return
        if kill:
            self.process.kill()
        else:
            self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None


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
    log.write_text("")
    server = Server(
        url=f"http://127.0.0.1:{port}",
        log=log,
        command=command,
        cwd=cwd,
        env={**os.environ, **(env or {})},
    )
    try:
        server.start()
        yield server
    finally:
        server.stop()


@dataclass
class NetworkGuard:
    """Aborts and records every request that is not to this machine."""

    blocked: list[str] = field(default_factory=list)

    def allows(self, url: str) -> bool:
        """Whether a request may go ahead: one that stays in the page (data:, blob:, about:) or
        goes to a loopback host. A refused one is recorded here, so the sync and async handlers
        keep one list."""
        if url.startswith(("data:", "blob:", "about:")):
            return True
        try:
            host = urlsplit(url).hostname
        except ValueError:  # not a URL urlsplit can read (a broken IPv6 host): not loopback
            host = None
        if host in LOOPBACK:
            return True
        self.blocked.append(url)
        return False

    def handle(self, route) -> None:  # playwright.sync_api.Route
        if self.allows(route.request.url):
            route.continue_()
        else:
            route.abort()


def launch(playwright):
    """Headless Debian Chromium with the flags this sandbox needs."""
    path = chromium_path()
    if path is None:
        raise FileNotFoundError("no Chromium found (apt-get install chromium)")
    return playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)


def new_context(browser, guard: NetworkGuard | None = None, **kwargs):
    kwargs.setdefault("viewport", {"width": 1440, "height": 900})
    context = browser.new_context(**kwargs)
    if guard is not None:
        context.route(OUTSIDE, guard.handle)
    return context


def wait_for_routes(page, count: int, timeout: float = 30_000) -> None:
    """Until at least ``count`` interactive paths are drawn, attached and still."""
    page.wait_for_function(pagejs.ROUTES_READY, arg=[MAP_FRAME, count], timeout=timeout)


def layer_switch(page, label: str):
    """The sidebar's layer switch for the kind labelled ``label`` (its label goes on with the
    feature count, so the label is matched as a whole word at the start)."""
    return (
        page.locator("[data-testid=stSidebar] label")
        .filter(has_text=re.compile(rf"^\s*{re.escape(label)}\b"))
        .first
    )


#: The rest of the page (written after the map and the panel, corridors.view.firstpaint): the
#: sidebar's "as of" day is in it.
PAGE_COMPLETE = "[data-testid=stDateInput]"


def wait_for_page(page, timeout: float = 30_000) -> None:
    """Until the rest of the page has arrived: the app writes it after the map and the panel, and
    the layout it brings can resize the map, which refits."""
    page.wait_for_selector(PAGE_COMPLETE, state="attached", timeout=timeout)


def settle(page, quiet_ms: int = 250, timeout: float = 15_000, frame: str = MAP_FRAME) -> None:
    """Until the map has stopped moving for ``quiet_ms`` (a click on a moving line misses)."""
    page.wait_for_function(pagejs.SETTLED, arg=[frame, quiet_ms], timeout=timeout)


def drawn_paths(page) -> list[dict]:
    return page.evaluate(pagejs.DRAWN, MAP_FRAME) or []


def selected_count(page) -> int:
    """How many drawn features carry the selection highlight."""
    return sum(1 for p in drawn_paths(page) if p["selected"] and p["interactive"])


def zoom_to(page, feature_id: str, max_zoom: int = 9, frame: str = MAP_FRAME) -> None:
    page.evaluate(pagejs.ZOOM_TO, [frame, feature_id, max_zoom])
    settle(page, frame=frame)


def hit_point(
    page, feature_id: str, timeout: float = 10.0, frame: str = MAP_FRAME
) -> tuple[float, float]:
    """Where a real pointer lands on this feature, once the map is still.

    A feature that no point of reaches at the current zoom (a short leg under its neighbours'
    hit lines) is zoomed onto once, as a reader would.
    """
    settle(page, frame=frame)
    deadline = time.perf_counter() + timeout
    zoomed = False
    while True:
        point = page.evaluate(pagejs.HIT_POINT, [frame, feature_id])
        if point:
            return float(point[0]), float(point[1])
        if not zoomed:
            zoom_to(page, feature_id, frame=frame)
            zoomed = True
            continue
        if time.perf_counter() > deadline:
            raise AssertionError(f"no visible point of {feature_id!r} takes the pointer")
        page.wait_for_timeout(150)


def click_at_once(
    page, feature_ids: list[str], frame: str = MAP_FRAME, timeout: float = 10.0, zoom: bool = False
) -> tuple[str, tuple[float, float]]:
    """A real mouse click, without waiting for the map to be still, on the first of these features
    a pointer can reach (as a reader clicks the moment a route appears): (its id, the point).
    With ``zoom``, a feature no point of which is reachable for a while is zoomed onto first."""
    deadline = time.perf_counter() + timeout
    while True:
        found = page.evaluate(pagejs.FIRST_HIT, [frame, feature_ids])
        if found:
            fid, (x, y) = found
            page.mouse.click(x, y)
            return fid, (x, y)
        if time.perf_counter() > deadline:
            raise AssertionError(f"no point of {feature_ids[:3]}... takes the pointer")
        if zoom and time.perf_counter() > deadline - timeout / 2:  # covered: zoom in, as a reader
            zoom_to(page, feature_ids[0], frame=frame)
            zoom = False
        page.wait_for_timeout(16)


def click_feature(page, feature_id: str) -> None:
    """A real mouse click on a drawn feature: the browser's own hit-testing decides what it hits."""
    page.mouse.move(2, 2)
    x, y = hit_point(page, feature_id)
    page.mouse.click(x, y)


def wait_idle(page, timeout_ms: float = 30_000) -> None:
    """Until the Streamlit script is not running (nothing queued)."""
    page.wait_for_function(pagejs.APP_IDLE, timeout=timeout_ms)


class WsCounter:
    """Bytes the page receives over Streamlit's websocket."""

    def __init__(self, page) -> None:
        self.bytes = 0
        page.on("websocket", self._attach)

    def _attach(self, ws) -> None:
        ws.on("framereceived", self._frame)

    def _frame(self, payload) -> None:
        self.bytes += len(payload)


def prepared_point(
    page, feature_id: str, tries: int = 8, frame: str = MAP_FRAME
) -> tuple[tuple[float, float], bool]:
    """Close popups, let the map come to rest, and find a point the browser hits the feature at."""
    point = (0.0, 0.0)
    for _ in range(tries):
        page.wait_for_function(pagejs.PREPARE_CLICK, arg=frame, timeout=10_000)
        try:
            point = hit_point(page, feature_id, timeout=3, frame=frame)
        except AssertionError:
            continue
        hit = page.evaluate(pagejs.HIT_TEST, [frame, *point])
        if hit == feature_id:
            return point, True
        page.wait_for_timeout(150)
    return point, False
