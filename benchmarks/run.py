"""The dashboard benchmarks: time to map, click to panel, reruns, scaling. Prints tables only.

    make bench                                         # everything, defaults
    python -m benchmarks.run --sections map,clicks     # some of them
    python -m benchmarks.run --sections scaling --sizes 10,10000
    python -m benchmarks.run --sections server --profile

Sections (one module each):
  map      timetomap.py  navigation -> every route drawn, against the floor (empty Streamlit app +
                         static folium page of the same features), side by side, fresh contexts
  clicks   clicks.py     a real mouse click / touch tap on a route -> its quotes in the panel
  toggles  reruns.py     a sidebar layer toggle -> features gone/back; remounts; websocket bytes
  server   reruns.py     server work per rerun (AppTest, in-process) and the map's args size
  scaling  scaling.py    synthetic data of 10..10,000 corridors: load, reruns, memory

Everything is on loopback: servers bind 127.0.0.1 (devtools.browser.serve) and headless Chromium
has every request that would leave the machine blocked and counted. The machine is shared: each
section prints the load average beside its figures; repeat a section when it is noisy.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time

from devtools import browser as e2e

from . import clicks, common, reruns, scaling, timetomap

DEFAULT_SIZES = (10, 100, 1_000, 10_000)
SECTIONS = ("map", "clicks", "toggles", "server", "scaling")
BROWSER_SECTIONS = {"map", "clicks", "toggles"}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark the dashboard (prints tables; never pass/fail)."
    )
    parser.add_argument(
        "--sections",
        default=",".join(SECTIONS),
        help=f"comma-separated, from {', '.join(SECTIONS)} (default: all)",
    )
    parser.add_argument(
        "--sizes",
        type=lambda s: [int(x.replace("_", "")) for x in s.split(",") if x.strip()],
        default=list(DEFAULT_SIZES),
        help="synthetic sizes for scaling (default 10,100,1000,10000)",
    )
    parser.add_argument(
        "--runs", type=int, default=None, help="fresh contexts per page (5 in map, 3 in scaling)"
    )
    parser.add_argument("--clicks", type=int, default=20)
    parser.add_argument("--toggles", type=int, default=5)
    parser.add_argument("--reruns", type=int, default=10)
    parser.add_argument("--no-browser", action="store_true", help="only the in-process parts")
    parser.add_argument("--profile", action="store_true", help="cProfile server reruns / steps")
    parser.add_argument("--profile-max", type=int, default=1000)
    parser.add_argument("--step-timeout", type=float, default=1200.0, help="seconds per step")
    parser.add_argument("--page-timeout", type=float, default=120.0, help="seconds per page")
    args = parser.parse_args(argv)
    args.sections = [s.strip() for s in args.sections.split(",") if s.strip()]
    unknown = set(args.sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections {sorted(unknown)}; choose from {', '.join(SECTIONS)}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sections = set(args.sections)
    browser_sections = set() if args.no_browser else sections & BROWSER_SECTIONS
    common.LOG_DIR.mkdir(parents=True, exist_ok=True)

    from corridors.model import dataset
    from corridors.store.datadir import resolve

    datadir = resolve()
    ds = dataset.load(datadir)
    guard = e2e.NetworkGuard()
    started = time.perf_counter()

    with contextlib.ExitStack() as stack:
        browser = None
        if not args.no_browser and sections & (BROWSER_SECTIONS | {"scaling"}):
            from playwright.sync_api import sync_playwright

            pw = stack.enter_context(sync_playwright())
            browser = e2e.launch(pw)
            stack.callback(browser.close)
        print("Corridors dashboard benchmark (loopback only, network blocked in the browser)")
        print("\n".join("  " + line for line in common.machine_lines(browser and browser.version)))
        print(
            f"  data      {datadir.root}: {len(ds.features)} features, {len(ds.claims)} claims, "
            f"{len(ds.errors)} errors"
        )
        if browser_sections:
            with e2e.serve(log_dir=common.LOG_DIR) as dash:
                # The first page after start runs the script cold (load, validate, write the map
                # files): timed apart; the pages measured after it find the server warm.
                cold, note = timetomap.load_once(
                    browser, guard, dash.url, timetomap.routes_ready(len(ds.features)), 120
                )
                print(f"  dashboard first page after server start: {common.fmt_s(cold)} s {note}")
                if "map" in browser_sections:
                    with e2e.serve(common.EMPTY_APP, log_dir=common.LOG_DIR) as empty:
                        timetomap.run(browser, guard, dash.url, empty.url, ds, args.runs or 5)
                if "clicks" in browser_sections:
                    for size in common.SIZES:
                        clicks.run(browser, guard, dash.url, ds, args.clicks, size)
                if "toggles" in browser_sections:
                    reruns.toggles(browser, guard, dash.url, ds, args.toggles)
                rss = common.rss_mb(dash.process.pid) if dash.process else None
                print(f"\n  dashboard server resident memory: {common.fmt_s(rss, 0)} MB")
        if "server" in sections:
            reruns.server_work(args.reruns, args.profile)
        if "scaling" in sections:
            scaling.run(args, browser, guard)

    print(
        f"\nrequests blocked (would have left the machine): {len(guard.blocked)}"
        + "".join(f"\n  {u}" for u in guard.blocked[:5])
    )
    print(f"total benchmark time {time.perf_counter() - started:.0f} s")
    print(f"load average at end: {common.load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
