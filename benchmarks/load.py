"""A bounded load test: one dashboard server, many browser sessions clicking routes, on loopback.

    make load                                        # 20 sessions, 60 s of clicking
    python -m benchmarks.load --seconds 20 --sessions 5

One headless Debian Chromium (the executable and flags of devtools.browser.launch, through Playwright's
async API) holds one context per session, all driven by asyncio. Sessions open the dashboard one
after another over --ramp seconds and wait for every route; once all are open, each clicks routes in
a loop (a real mouse click, then a wait for that corridor's quotes in the panel) for --seconds.
Requests that would leave the machine are blocked (the policy of devtools.browser.NetworkGuard). It
stops on its own: no click starts after the window, every wait has a timeout, the run a hard limit.

Reports sessions served, clicks done, errors (exceptions, timeouts, page errors, Streamlit exception
elements; they should be 0), click -> panel times, and the CPU used by the server, by the load
generator (Chromium) and by the whole machine, since on a small machine the browsers compete with
the server. Prints tables; never pass/fail.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from devtools import browser as e2e
from devtools import pagejs

from . import common
from .common import fmt_ms, fmt_s, median, percentile, section, table

CLICK_TIMEOUT_MS = 30_000
LOAD_TIMEOUT_MS = 120_000
IDLE_TIMEOUT_MS = 30_000


@dataclass
class Stats:
    started: int = 0
    served: int = 0
    clicks: int = 0
    skipped: int = 0  # the hit-test found no route under the point: not clicked
    exceptions: list[str] = field(default_factory=list)
    timeouts: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    streamlit_exceptions: int = 0
    click_ms: list[float] = field(default_factory=list)
    rerun_start_ms: list[float] = field(default_factory=list)
    script_done_ms: list[float] = field(default_factory=list)
    map_s: list[float] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return (
            len(self.exceptions)
            + len(self.timeouts)
            + len(self.page_errors)
            + self.streamlit_exceptions
        )


def async_guard(guard: e2e.NetworkGuard):
    """The same policy as e2e.NetworkGuard (and the same ``blocked`` list), for the async API."""

    async def handle(route) -> None:
        if guard.allows(route.request.url):
            await route.continue_()
        else:
            await route.abort()

    return handle


async def wait_idle(page) -> None:
    await page.wait_for_function(pagejs.APP_IDLE, timeout=IDLE_TIMEOUT_MS)


async def prepared_point(page, feature_id: str, tries: int = 8) -> tuple[tuple, bool]:
    """As common.prepared_point: the map still, a point the browser's hit-testing finds."""
    point: tuple = (0.0, 0.0)
    for _ in range(tries):
        await page.wait_for_function(pagejs.PREPARE_CLICK, arg=e2e.MAP_FRAME, timeout=10_000)
        await page.wait_for_function(pagejs.SETTLED, arg=[e2e.MAP_FRAME, 250], timeout=15_000)
        found = await page.evaluate(pagejs.HIT_POINT, [e2e.MAP_FRAME, feature_id])
        if found:
            point = tuple(found)
            hit = await page.evaluate(pagejs.HIT_TEST, [e2e.MAP_FRAME, *point])
            if hit == feature_id:
                return point, True
        await page.wait_for_timeout(150)
    return point, False


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:140] if text else ''}"


@dataclass
class Phases:
    """Opening, then clicking: the clicking window starts when every session has opened (or
    failed to), so --seconds measures clicks under the full number of sessions."""

    sessions: int
    seconds: float
    on_all_open: Callable[[], None]
    opened: int = 0
    all_open: asyncio.Event = field(default_factory=asyncio.Event)
    click_start: float = 0.0
    deadline: float = 0.0

    def one_opened(self) -> None:
        self.opened += 1
        if self.opened == self.sessions:
            self.click_start = time.perf_counter()
            self.deadline = self.click_start + self.seconds
            self.on_all_open()
            self.all_open.set()


async def session(
    number: int,
    browser,
    guard,
    url: str,
    n_features: int,
    claims: dict[str, str],
    start_at: float,
    phases: Phases,
    stats: Stats,
) -> None:
    await asyncio.sleep(max(0.0, start_at - time.perf_counter()))
    stats.started += 1
    context = await browser.new_context(viewport={"width": 1440, "height": 900})
    await context.route("**/*", guard)
    page = await context.new_page()
    page.on("pageerror", lambda exc: stats.page_errors.append(f"session {number}: {exc}"))
    opened = False
    try:
        expression, arg = pagejs.ROUTES_READY, [e2e.MAP_FRAME, n_features]
        await page.goto(url, wait_until="commit", timeout=LOAD_TIMEOUT_MS)
        await page.wait_for_function(common.until(expression), arg=arg, timeout=LOAD_TIMEOUT_MS)
        done = (await page.evaluate(common.BENCH_RESULT_JS) or {}).get("done")
        if done:
            stats.map_s.append(done / 1000)
        stats.served += 1
        await wait_idle(page)
        opened = True
        phases.one_opened()
        await phases.all_open.wait()
        k = number  # sessions start on different corridors
        while time.perf_counter() < phases.deadline:
            fid = list(claims)[k % len(claims)]
            k += 1
            point, hit = await prepared_point(page, fid)
            if not hit:
                stats.skipped += 1
                continue
            await page.evaluate(common.ARM_JS, [e2e.MAP_FRAME, True])
            await page.mouse.click(*point)
            try:
                await page.wait_for_function(
                    common.until(common.VISIBLE_JS),
                    arg=common.claim_selector(claims[fid]),
                    timeout=CLICK_TIMEOUT_MS,
                )
                await wait_idle(page)
            except Exception as exc:
                if common.timed_out(exc):
                    stats.timeouts.append(f"session {number}, {fid}: {_short(exc)}")
                    await wait_idle(page)
                    continue
                raise
            b = await page.evaluate(common.BENCH_RESULT_JS) or {}
            stats.clicks += 1
            if b.get("click") is not None and b.get("done") is not None:
                stats.click_ms.append(b["done"] - b["click"])
                if b.get("running") is not None:
                    stats.rerun_start_ms.append(b["running"] - b["click"])
                if b.get("idle") is not None:
                    stats.script_done_ms.append(b["idle"] - b["click"])
        stats.streamlit_exceptions += await page.locator(common.STREAMLIT_EXCEPTION).count()
    except Exception as exc:
        if common.timed_out(exc):
            stats.timeouts.append(f"session {number}: {_short(exc)}")
        else:
            stats.exceptions.append(f"session {number}: {_short(exc)}")
    finally:
        if not opened:
            phases.one_opened()
        with contextlib.suppress(Exception):
            await context.close()


# --- CPU accounting (Linux /proc) --------------------------------------------------------------


def _processes() -> dict[int, tuple[int, float]]:
    """pid -> (parent pid, user + system CPU seconds) of every process we can read."""
    tick = os.sysconf("SC_CLK_TCK")
    table: dict[int, tuple[int, float]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            table[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
        except (OSError, IndexError, ValueError):
            continue
    return table


def _tree(table: dict[int, tuple[int, float]], root: int, exclude: set[int]) -> set[int]:
    children: dict[int, list[int]] = {}
    for pid, (ppid, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    found, todo = set(), [root]
    while todo:
        pid = todo.pop()
        if pid in found or pid in exclude:
            continue
        found.add(pid)
        todo.extend(children.get(pid, []))
    return found


def _machine_jiffies() -> tuple[int, int]:
    """(busy, total) jiffies of all CPUs since boot."""
    values = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    return sum(values) - idle, sum(values)


@dataclass
class CpuSnapshot:
    at: float
    server: float
    generator: float  # this process, its Playwright driver and Chromium
    machine: tuple[int, int]


def cpu_snapshot(server_pid: int) -> CpuSnapshot:
    table = _processes()
    server = _tree(table, server_pid, set())
    generator = _tree(table, os.getpid(), {server_pid})
    return CpuSnapshot(
        time.perf_counter(),
        sum(table[p][1] for p in server if p in table),
        sum(table[p][1] for p in generator if p in table),
        _machine_jiffies(),
    )


def cpu_use(a: CpuSnapshot | None, b: CpuSnapshot | None) -> list[str]:
    """Server, load generator and whole machine CPU between two snapshots, in % of one core."""
    if a is None or b is None or b.at <= a.at:
        return ["-", "-", "-"]
    wall = b.at - a.at
    cores = os.cpu_count() or 1
    busy = (b.machine[0] - a.machine[0]) / max(1, b.machine[1] - a.machine[1]) * 100 * cores
    return [
        f"{(b.server - a.server) / wall * 100:.0f}%",
        f"{(b.generator - a.generator) / wall * 100:.0f}%",
        f"{busy:.0f}% of {cores * 100}%",
    ]


async def run(args: argparse.Namespace) -> int:
    from playwright.async_api import async_playwright

    from corridors.model import dataset

    ds = dataset.load()
    claims = common.corridor_claims(ds)
    n = len(ds.features)
    guard = e2e.NetworkGuard()
    stats = Stats()
    snaps: dict[str, CpuSnapshot] = {}
    common.LOG_DIR.mkdir(parents=True, exist_ok=True)
    with e2e.serve(log_dir=common.LOG_DIR) as server:
        pid = server.process.pid
        async with async_playwright() as pw:
            path = e2e.chromium_path()
            if path is None:
                raise SystemExit("no Chromium found (apt-get install chromium)")
            # devtools.browser.launch is for the sync API; the same executable, flags and headless.
            browser = await pw.chromium.launch(
                executable_path=path, headless=True, args=e2e.CHROMIUM_ARGS
            )
            print("Corridors dashboard load test (loopback only, network blocked in the browser)")
            print("\n".join("  " + line for line in common.machine_lines(browser.version)))
            print(
                f"  server    {server.url} (one `streamlit run dashboard.py`, pid {pid}); "
                f"{args.sessions} sessions opened over {args.ramp:.0f} s, then "
                f"{args.seconds:.0f} s of clicking"
            )
            # Warm the server (first run loads and validates the data), outside the measurement.
            warm = await browser.new_context()
            await warm.route("**/*", async_guard(guard))
            page = await warm.new_page()
            await page.goto(server.url, wait_until="commit")
            expression, arg = pagejs.ROUTES_READY, [e2e.MAP_FRAME, n]
            await page.wait_for_function(expression, arg=arg, timeout=LOAD_TIMEOUT_MS)
            await warm.close()

            def all_open() -> None:
                snaps["click"] = cpu_snapshot(pid)

            phases = Phases(args.sessions, args.seconds, all_open)
            snaps["open"] = cpu_snapshot(pid)
            t0 = time.perf_counter()
            step = args.ramp / max(1, args.sessions - 1) if args.sessions > 1 else 0.0
            tasks = [
                asyncio.ensure_future(
                    session(
                        i,
                        browser,
                        async_guard(guard),
                        server.url,
                        n,
                        claims,
                        t0 + i * step,
                        phases,
                        stats,
                    )
                )
                for i in range(args.sessions)
            ]

            async def window_end() -> None:
                await phases.all_open.wait()
                await asyncio.sleep(max(0.0, phases.deadline - time.perf_counter()))
                snaps["end"] = cpu_snapshot(pid)

            ender = asyncio.ensure_future(window_end())
            hard_limit = (
                args.ramp + LOAD_TIMEOUT_MS / 1000 + args.seconds + CLICK_TIMEOUT_MS / 1000 + 60
            )
            try:
                await asyncio.wait_for(asyncio.gather(*tasks, ender), timeout=hard_limit)
            except TimeoutError:
                stats.exceptions.append(
                    f"hard limit of {hard_limit:.0f} s reached; sessions cancelled"
                )
            wall = time.perf_counter() - t0
            await browser.close()
    click_wall = (snaps["end"].at - snaps["click"].at) if "end" in snaps else 0.0
    report(args, stats, wall, click_wall, phases, snaps, guard)
    print(f"  load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


def _per_click(snaps: dict, clicks: int) -> str:
    a, b = snaps.get("click"), snaps.get("end")
    if a is None or b is None or not clicks:
        return "-"
    return f"{(b.server - a.server) / clicks * 1000:.0f} ms"


def report(args, stats: Stats, wall: float, click_wall: float, phases, snaps, guard) -> None:
    def dist(values_ms: list[float]) -> list[str]:
        v = [x / 1000 for x in values_ms]
        return [
            str(len(v)),
            fmt_ms(median(v)),
            fmt_ms(percentile(v, 95)),
            fmt_ms(min(v) if v else None),
            fmt_ms(max(v) if v else None),
        ]

    print(section(f"Load: {args.sessions} sessions, one server"))
    open_s = (phases.click_start - snaps["open"].at) if phases.click_start else None
    rows = [
        ["sessions started / served (map drawn)", f"{stats.started} / {stats.served}"],
        ["opening phase (first start -> all maps drawn)", f"{fmt_s(open_s, 1)} s"],
        ["clicking window", f"{click_wall:.1f} s"],
        ["clicks done (panel shown)", str(stats.clicks)],
        [
            "clicks per second, all sessions",
            f"{stats.clicks / click_wall:.2f}" if click_wall else "-",
        ],
        ["errors (must be 0)", str(stats.errors)],
        ["  exceptions", str(len(stats.exceptions))],
        ["  timeouts", str(len(stats.timeouts))],
        ["  page errors", str(len(stats.page_errors))],
        ["  Streamlit exception elements", str(stats.streamlit_exceptions)],
        ["server CPU per click (clicking window)", _per_click(snaps, stats.clicks)],
        ["clicks skipped (no route under the point)", str(stats.skipped)],
        ["requests blocked (would leave the machine)", str(len(guard.blocked))],
        ["wall time (first start -> last session closed)", f"{wall:.1f} s"],
    ]
    print(table(["measure", "value"], rows))
    print()
    print(
        table(
            ["timing", "n", "median ms", "p95 ms", "min ms", "max ms"],
            [
                ["click -> panel claims visible", *dist(stats.click_ms)],
                ["click -> rerun starts (frontend)", *dist(stats.rerun_start_ms)],
                ["click -> script finished (frontend)", *dist(stats.script_done_ms)],
                ["navigation -> every route drawn", *dist([s * 1000 for s in stats.map_s])],
            ],
        )
    )
    print()
    print(
        table(
            ["CPU (% of one core)", "server", "load generator", "whole machine"],
            [
                ["opening phase", *cpu_use(snaps.get("open"), snaps.get("click"))],
                ["clicking window", *cpu_use(snaps.get("click"), snaps.get("end"))],
            ],
        )
    )
    print(
        "  server = the streamlit process; load generator = this Python, its Playwright driver "
        "and Chromium;\n  whole machine includes anything else running (other users' jobs)."
    )
    for label, items in (
        ("exceptions", stats.exceptions),
        ("timeouts", stats.timeouts),
        ("page errors", stats.page_errors),
    ):
        for item in items[:5]:
            print(f"  {label}: {item}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Bounded load test of the dashboard on loopback.")
    parser.add_argument(
        "--seconds",
        type=float,
        default=60.0,
        help="clicking window once every session is open (default 60)",
    )
    parser.add_argument("--sessions", type=int, default=20, help="browser sessions (default 20)")
    parser.add_argument(
        "--ramp", type=float, default=10.0, help="spread the session starts over this many seconds"
    )
    args = parser.parse_args(argv)
    if args.sessions < 1 or args.seconds <= 0:
        parser.error("--sessions and --seconds must be positive")
    return asyncio.run(run(args))


if __name__ == "__main__":
    sys.exit(main())
