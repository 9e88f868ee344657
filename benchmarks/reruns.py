"""Reruns: a layer toggle in a real browser (time, websocket bytes, no remount), and the server's
work per rerun in-process (AppTest, warm caches), with the size of the map component's args.
"""

from __future__ import annotations

import contextlib
import cProfile
import io
import json
import pstats
import time

from corridors.store.datadir import REPO_ROOT
from devtools import browser as e2e
from devtools import pagejs

from . import common
from .common import fmt_bytes, fmt_ms, median, percentile, section, table


def toggles(browser, guard, url: str, ds, toggles: int, kind: str = "corridor") -> dict:
    from corridors.schema import KINDS

    label = KINDS[kind].label
    n = len(ds.features)
    n_kind = int((ds.features["kind"] == kind).sum())
    context, page, errors, ws = common.open_dashboard(browser, guard, url, n)
    switch = e2e.layer_switch(page, label)
    off_times, on_times, remounts = [], [], []
    ws_off: list[int] = []
    ws_on: list[int] = []

    def toggle(on: bool, count: int) -> float:
        """Seconds from the click's dispatch (in the page) to the layer's features gone (off,
        ``count`` others still drawn) or back (on, ``count`` of them drawn)."""
        page.evaluate(common.ARM_JS, [e2e.MAP_FRAME, False])
        wall = time.perf_counter()
        switch.click()
        page.wait_for_function(
            common.until(pagejs.KIND_SWITCHED), arg=[e2e.MAP_FRAME, kind, on, count], timeout=30_000
        )
        wall = time.perf_counter() - wall
        b = page.evaluate(common.BENCH_RESULT_JS) or {}
        if b.get("click") is None or b.get("done") is None:
            return wall
        return (b["done"] - b["click"]) / 1000

    try:
        for _ in range(toggles):
            common.wait_idle(page)
            page.evaluate(common.PROBE_SET_JS, e2e.MAP_FRAME)
            before = ws.bytes
            off_times.append(toggle(False, n - n_kind))
            common.wait_idle(page)
            page.wait_for_timeout(300)  # a late remount would show here
            ws_off.append(ws.bytes - before)
            remounts.append(("off", page.evaluate(common.PROBE_CHECK_JS, e2e.MAP_FRAME)))

            page.evaluate(common.PROBE_SET_JS, e2e.MAP_FRAME)
            before = ws.bytes
            on_times.append(toggle(True, n_kind))
            common.wait_idle(page)
            page.wait_for_timeout(300)
            ws_on.append(ws.bytes - before)
            remounts.append(("on", page.evaluate(common.PROBE_CHECK_JS, e2e.MAP_FRAME)))
        exceptions = page.locator(common.STREAMLIT_EXCEPTION).count()
    finally:
        context.close()

    def remounted(direction: str) -> str:
        states = [s for d, s in remounts if d == direction]
        changed = [s for s in states if s != "kept"]
        detail = f" ({', '.join(sorted(set(changed)))})" if changed else ""
        return f"{len(changed)}/{len(states)}{detail}"

    rows = [
        [
            f"'{label}' off -> its {n_kind} features gone",
            len(off_times),
            fmt_ms(median(off_times)),
            fmt_ms(min(off_times) if off_times else None),
            fmt_ms(max(off_times) if off_times else None),
            remounted("off"),
            fmt_bytes(median(ws_off)),
        ],
        [
            f"'{label}' on -> its {n_kind} features drawn",
            len(on_times),
            fmt_ms(median(on_times)),
            fmt_ms(min(on_times) if on_times else None),
            fmt_ms(max(on_times) if on_times else None),
            remounted("on"),
            fmt_bytes(median(ws_on)),
        ],
    ]
    print(section("Layer toggle: sidebar switch -> features gone / back"))
    headers = ["action", "n", "median ms", "min ms", "max ms", "map remounted", "websocket/rerun"]
    print(table(headers, rows))
    print(
        f"  page errors {len(errors)}; Streamlit exceptions {exceptions}; "
        f"load average {common.load_average()}"
    )
    return {"off": off_times, "on": on_times, "remounts": remounts, "ws": ws_off + ws_on}


def component_args(at) -> tuple[int, int, dict[str, int]]:
    """Bytes of the map component's JSON args (and of its whole proto), by argument."""
    for element in at.get("component_instance"):
        proto = element.proto
        if proto.component_name == pagejs.MAP_COMPONENT:
            args = json.loads(proto.json_args)
            sizes = {k: len(json.dumps(v)) for k, v in args.items()}
            return len(proto.json_args.encode()), proto.ByteSize(), sizes
    return 0, 0, {}


@contextlib.contextmanager
def profiled_script_runs(profile: cProfile.Profile | None):
    """Profile the script thread AppTest starts for each run (cProfile sees one thread only)."""
    if profile is None:
        yield
        return
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    original = LocalScriptRunner._run_script_thread

    def run(self, *args, **kwargs):
        profile.enable()
        try:
            return original(self, *args, **kwargs)
        finally:
            profile.disable()

    LocalScriptRunner._run_script_thread = run
    try:
        yield
    finally:
        LocalScriptRunner._run_script_thread = original


def server_work(reruns: int, profile: bool) -> dict:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=300)
    at.session_state["_painted"] = True  # past the map-only first run (no browser here)
    start = time.perf_counter()
    at.run()
    first = time.perf_counter() - start
    exceptions = len(at.exception)
    states = {"overview (no corridor)": None, "corridor 'titr' selected": "titr"}
    rows, results = [], {}
    prof = cProfile.Profile() if profile else None
    for label, corridor in states.items():
        if corridor:
            at.selectbox(key="corridor").set_value(corridor).run()
        at.run()  # warm this state
        times = []
        for _ in range(reruns):
            start = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - start)
        if prof is not None and corridor is None:  # separate runs: profiling slows them down
            with profiled_script_runs(prof):
                for _ in range(reruns):
                    at.run()
        exceptions += len(at.exception)
        json_bytes, proto_bytes, sizes = component_args(at)
        results[label] = {"times": times, "json_bytes": json_bytes, "sizes": sizes}
        rows.append(
            [
                label,
                len(times),
                fmt_ms(median(times)),
                fmt_ms(percentile(times, 95)),
                fmt_ms(min(times)),
                fmt_bytes(json_bytes),
                fmt_bytes(proto_bytes),
            ]
        )
    print(section("Server work per rerun (AppTest, warm caches, in-process)"))
    print(
        table(
            [
                "state",
                "reruns",
                "median ms",
                "p95 ms",
                "min ms",
                "map args JSON",
                "component proto",
            ],
            rows,
        )
    )
    print("  targets: median < 50 ms, map args < 150 KB per rerun")
    print(
        f"  first run (cold: load, validate, build caches): {first:.2f} s; exceptions {exceptions}"
    )
    sizes = results["overview (no corridor)"]["sizes"]
    top = sorted(sizes.items(), key=lambda kv: -kv[1])[:5]
    print("  largest map args: " + ", ".join(f"{k} {fmt_bytes(v)}" for k, v in top))
    if prof is not None:
        out = io.StringIO()
        stats = pstats.Stats(prof, stream=out).sort_stats("cumulative")
        stats.print_stats(r"dashboard|corridors|folium|branca|jinja2|pandas", 25)
        print(f"\n  cProfile of {reruns} overview reruns (script thread), by cumulative time:")
        print("\n".join("    " + line for line in out.getvalue().splitlines() if line.strip()))
    return results
