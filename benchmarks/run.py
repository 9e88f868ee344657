"""The dashboard benchmark: time to map, click to panel, layer toggle, server work, scaling.

    make bench                                       # everything, defaults
    python -m benchmarks.run --sizes 10,100 --runs 3 # quicker
    python -m benchmarks.run --no-browser            # in-process sections only
    python -m benchmarks.run --sections d --profile  # one section, with a cProfile of a rerun

Prints tables of measurements (never pass/fail; targets are printed beside them). Everything is on
loopback: Streamlit servers bind 127.0.0.1 (corridors.e2e.serve) and headless Chromium has every
request that would leave the machine blocked and counted (corridors.e2e.NetworkGuard).

Sections
  a  time to map: navigation to every route drawn, fresh browser context each run, for the
     dashboard, an empty Streamlit app (benchmarks/empty_app.py) and a static folium page of the
     same layers (served by the dashboard's server from static/bench/map.html)
  b  click to panel: a real mouse click on a route to its corridor's quotes visible in the panel
  c  layer toggle: sidebar toggle off to the layer's features gone; was the map remounted?
  d  server work per rerun: AppTest reruns with warm caches; bytes of the map component's args
  e  scaling: synthetic data folders of 10..10,000 corridors (benchmarks/synthetic.py)
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import itertools
import json
import os
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from corridors import e2e
from corridors.datadir import ENV_VAR, REPO_ROOT

from . import common
from .common import fmt_bytes, fmt_exp, fmt_ms, fmt_s, median, percentile, section, table

DEFAULT_SIZES = (10, 100, 1_000, 10_000)
LOG_DIR = Path(tempfile.gettempdir()) / "corridors-bench"


# --- page loads -----------------------------------------------------------------------------


def load_once(
    browser,
    guard: e2e.NetworkGuard,
    url: str,
    ready: Callable,
    timeout_s: float,
    probe: Callable | None = None,
) -> tuple[float | None, str]:
    """Seconds from navigation start to ``ready`` first holding, in a fresh context (None: failed).

    Measured in the page: ``ready`` waits with ``common.until``, which notes performance.now()
    (milliseconds since this document's navigation started) on the animation frame it first holds.
    """
    context = e2e.new_context(browser, guard)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        start = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
        remaining = max(1.0, timeout_s - (time.perf_counter() - start))
        ready(page, remaining * 1000)
        wall = time.perf_counter() - start
        done = (page.evaluate(common.BENCH_RESULT_JS) or {}).get("done")
        took = done / 1000 if done else wall
        if probe is not None:
            probe(page)
        if page.locator(common.STREAMLIT_EXCEPTION).count():
            errors.append("Streamlit exception element on the page")
        return took, "; ".join(errors)
    except Exception as exc:  # a timeout or a broken page: reported, never raised
        if common.timed_out(exc):
            return None, "timeout"
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0][:120]}"
    finally:
        context.close()


def routes_ready(count: int) -> Callable:
    expression, arg = common.routes_wait_js(count)  # e2e.wait_for_routes, noting when it held

    def ready(page, timeout_ms: float) -> None:
        page.wait_for_function(common.until(expression), arg=arg, timeout=timeout_ms)

    return ready


def static_ready(count: int) -> Callable:
    def ready(page, timeout_ms: float) -> None:
        page.wait_for_function(
            common.until("n => document.querySelectorAll('path.leaflet-interactive').length >= n"),
            arg=count,
            timeout=timeout_ms,
        )

    return ready


def text_ready(text: str) -> Callable:
    def ready(page, timeout_ms: float) -> None:
        page.wait_for_function(common.until(common.TEXT_VISIBLE_JS), arg=text, timeout=timeout_ms)

    return ready


def static_map_html(ds) -> tuple[str, str]:
    """full_map of every layer, rendered (the floor's static page), and a note (none now).

    full_map adds the layer control after the layers, as Leaflet needs; the note stays for a
    future change that would need one.
    """
    from corridors import mapbuild

    return mapbuild.full_map(ds).get_root().render(), ""


def write_static_map(ds) -> tuple[Path, str]:
    """The static page, where the dashboard's server serves it (static/bench/map.html)."""
    html, note = static_map_html(ds)
    common.STATIC_BENCH_DIR.mkdir(parents=True, exist_ok=True)
    path = common.STATIC_BENCH_DIR / "map.html"
    path.write_text(html, encoding="utf-8")
    return path, note


def section_a(browser, guard, dash_url: str, empty_url: str, ds, runs: int) -> dict:
    n = len(ds.features)
    static_path, static_note = write_static_map(ds)
    pages = {
        "dashboard": (dash_url, routes_ready(n)),
        "empty": (empty_url, text_ready(common.EMPTY_APP_TEXT)),
        "static": (dash_url + common.STATIC_BENCH_URL, static_ready(n)),
    }
    times: dict[str, list[float]] = {k: [] for k in pages}
    notes: dict[str, list[str]] = {k: [] for k in pages}
    for key in ("empty", "static"):  # first page of each, cold, not counted (the dashboard's was)
        url, ready = pages[key]
        load_once(browser, guard, url, ready, 60)
    milestones: dict[str, list[float]] = {}

    def probe(page) -> None:
        for name, value in page.evaluate(common.LOAD_MILESTONES_JS, e2e.MAP_FRAME):
            if value is not None:
                milestones.setdefault(name, []).append(value)

    for _ in range(runs):  # interleaved, so background noise falls on all three alike
        for key, (url, ready) in pages.items():
            took, note = load_once(
                browser, guard, url, ready, 60, probe if key == "dashboard" else None
            )
            if took is not None:
                times[key].append(took)
            if note:
                notes[key].append(note)
    labels = {
        "dashboard": f"(a) dashboard ({n} features drawn)",
        "empty": "(b) empty Streamlit app (one line visible)",
        "static": f"(c) static folium page, same layers ({static_path.stat().st_size / 1e3:.0f} KB)",
    }
    rows = []
    for key, label in labels.items():
        t = times[key]
        rows.append(
            [
                label,
                f"{len(t)}/{runs}",
                fmt_s(median(t)),
                fmt_s(min(t) if t else None),
                fmt_s(max(t) if t else None),
                "; ".join(sorted(set(notes[key])))[:60] or "-",
            ]
        )
    floor = median(times["empty"]) + median(times["static"])
    ratio = median(times["dashboard"]) / floor if floor == floor and floor > 0 else None
    rows.append(["floor = (b) + (c)", "", fmt_s(floor), "", "", ""])
    rows.append(
        [
            "dashboard / floor   (target <= 1.15)",
            "",
            "-" if ratio is None else f"{ratio:.2f}x",
            "",
            "",
            "",
        ]
    )
    print(section("a. Time to map: navigation -> every route drawn (fresh context each run)"))
    print(table(["page", "runs", "median s", "min s", "max s", "errors"], rows))
    print(
        "  time = navigation start -> condition first true (in-page performance.now(), polled "
        "every frame);\n  each run a fresh context (empty cache); dashboard: e2e.wait_for_routes "
        "condition"
    )
    if static_note:
        print(f"  NOTE static page: {static_note}")
    print("  dashboard page load, where the time goes (median ms after navigation start):")
    print(
        table(
            ["milestone (Resource Timing of page and map frame)", "median", "min", "max"],
            [
                [name, f"{median(v):.0f}", f"{min(v):.0f}", f"{max(v):.0f}"]
                for name, v in milestones.items()
            ],
        )
    )
    return {"times": times, "floor": floor, "ratio": ratio}


# --- clicks -----------------------------------------------------------------------------------


def wait_idle(page, timeout_ms: float = 30_000) -> None:
    page.wait_for_function(common.APP_IDLE_JS, timeout=timeout_ms)


def prepared_point(page, feature_id: str, tries: int = 8) -> tuple[tuple[float, float], bool]:
    """Close popups, let the map come to rest, and find a point the browser hits the feature at."""
    point = (0.0, 0.0)
    for _ in range(tries):
        page.wait_for_function(common.PREPARE_CLICK_JS, arg=e2e.MAP_FRAME, timeout=10_000)
        stable = getattr(e2e, "stable_point", None)
        point = stable(page, feature_id) if stable else e2e.feature_point(page, feature_id)
        hit = page.evaluate(common.HIT_TEST_JS, [e2e.MAP_FRAME, *point])
        if hit == feature_id:
            return point, True
        page.wait_for_timeout(150)
    return point, False


class WsCounter:
    """Bytes the page receives over Streamlit's websocket."""

    def __init__(self, page) -> None:
        self.bytes = 0
        page.on("websocket", self._attach)

    def _attach(self, ws) -> None:
        ws.on("framereceived", self._frame)

    def _frame(self, payload) -> None:
        self.bytes += len(payload)


def open_dashboard(browser, guard, url: str, n: int):
    context = e2e.new_context(browser, guard)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    ws = WsCounter(page)
    page.goto(url, wait_until="commit")
    e2e.wait_for_routes(page, n, timeout=60_000)
    wait_idle(page)
    return context, page, errors, ws


def click_to_panel(page, point: tuple[float, float], claim_id: str, timeout_ms: float) -> dict:
    """A real mouse click; times (ms, in the page) from its dispatch to the claim being visible.

    Also when the frontend saw the rerun start and the script finish ("running" / "notRunning").
    """
    page.evaluate(common.ARM_JS, [e2e.MAP_FRAME, True])
    wall = time.perf_counter()
    page.mouse.click(*point)
    page.wait_for_function(
        common.until(common.VISIBLE_JS), arg=common.claim_selector(claim_id), timeout=timeout_ms
    )
    wall = (time.perf_counter() - wall) * 1000
    wait_idle(page)
    b = page.evaluate(common.BENCH_RESULT_JS) or {}
    click = b.get("click")

    def since(key: str) -> float | None:
        return None if click is None or b.get(key) is None else b[key] - click

    return {
        "total": since("done") if click is not None else wall,
        "running": since("running"),
        "idle": since("idle"),
        "wall": wall,
    }


def section_b(browser, guard, url: str, ds, clicks: int) -> dict:
    claims = common.corridor_claims(ds)
    context, page, errors, ws = open_dashboard(browser, guard, url, len(ds.features))
    per_feature: dict[str, list[float]] = {f: [] for f in common.CLICK_FEATURES}
    results: list[dict] = []
    ws_bytes: list[int] = []
    misses = timeouts = highlighted = 0
    try:
        for i in range(clicks):
            fid = common.CLICK_FEATURES[i % len(common.CLICK_FEATURES)]
            wait_idle(page)
            point, hit = prepared_point(page, fid)
            if not hit:
                misses += 1
                continue
            before = ws.bytes
            try:
                r = click_to_panel(page, point, claims[fid], 30_000)
            except Exception as exc:
                if not common.timed_out(exc):
                    raise
                timeouts += 1
                continue
            per_feature[fid].append(r["total"] / 1000)
            results.append(r)
            ws_bytes.append(ws.bytes - before)
            highlighted += e2e.selected_count(page) > 0
        exceptions = page.locator(common.STREAMLIT_EXCEPTION).count()
    finally:
        context.close()
    all_times = [r["total"] / 1000 for r in results]

    def row(label: str, t: list[float]) -> list:
        return [
            label,
            len(t),
            fmt_ms(median(t)),
            fmt_ms(percentile(t, 95)),
            fmt_ms(min(t) if t else None),
            fmt_ms(max(t) if t else None),
        ]

    rows = [row(f"{fid} ({ds.features.loc[fid, 'corridor']})", t) for fid, t in per_feature.items()]
    rows.append(row("all clicks   (target: median < 500 ms)", all_times))
    print(section("b. Click to panel: real mouse click on a route -> its quotes visible"))
    print(
        table(["clicked feature (corridor)", "n", "median ms", "p95 ms", "min ms", "max ms"], rows)
    )
    print("  where the time goes (ms after the click, in the page):")
    parts = [
        ("rerun starts (frontend: script 'running')", "running"),
        ("panel claims visible", "total"),
        ("script finished (frontend: 'notRunning')", "idle"),
    ]
    print(
        table(
            ["event", "n", "median ms", "p95 ms", "min ms", "max ms"],
            [
                row(label, [r[key] / 1000 for r in results if r.get(key) is not None])
                for label, key in parts
            ],
        )
    )
    print(
        f"  clicks asked {clicks}; not clicked (hit-test found no route at the point) {misses}; "
        f"panel timeouts {timeouts}; page errors {len(errors)}; Streamlit exceptions {exceptions}"
    )
    print(
        f"  websocket bytes received per click (click -> app idle): median "
        f"{fmt_bytes(median(ws_bytes))}, max {fmt_bytes(max(ws_bytes) if ws_bytes else None)}; "
        f"selection highlight present after the rerun: {highlighted}/{len(all_times)}"
    )
    return {"times": all_times, "ws_bytes": ws_bytes, "results": results}


# --- toggle -----------------------------------------------------------------------------------


def section_c(browser, guard, url: str, ds, toggles: int, kind: str = "corridor") -> dict:
    from corridors.schema import KINDS

    label = KINDS[kind].label
    n = len(ds.features)
    n_kind = int((ds.features["kind"] == kind).sum())
    context, page, errors, _ = open_dashboard(browser, guard, url, n)
    switch = (
        page.locator("[data-testid=stSidebar] label")
        .filter(has_text=re.compile(rf"^\s*{re.escape(label)}\b"))
        .first
    )
    gone = f"""([sel, kind, rest]) => {{
        const drawn = ({common.KIND_DRAWN_JS})([sel, kind]);
        const f = document.querySelector(sel);
        const all = f && f.contentDocument
            ? f.contentDocument.querySelectorAll('path.leaflet-interactive').length : -1;
        return drawn === 0 && all >= rest;
    }}"""
    back = f"([sel, kind, n]) => ({common.KIND_DRAWN_JS})([sel, kind]) >= n"
    off_times, on_times, remounts = [], [], []

    def toggle(locator, condition: str, arg: list) -> float:
        """Seconds from the click's dispatch (in the page) to ``condition`` first true."""
        page.evaluate(common.ARM_JS, [e2e.MAP_FRAME, False])
        wall = time.perf_counter()
        locator.click()
        page.wait_for_function(common.until(condition), arg=arg, timeout=30_000)
        wall = time.perf_counter() - wall
        b = page.evaluate(common.BENCH_RESULT_JS) or {}
        if b.get("click") is None or b.get("done") is None:
            return wall
        return (b["done"] - b["click"]) / 1000

    try:
        for _ in range(toggles):
            wait_idle(page)
            page.evaluate(common.PROBE_SET_JS, e2e.MAP_FRAME)
            off_times.append(toggle(switch, gone, [e2e.MAP_FRAME, kind, n - n_kind]))
            wait_idle(page)
            page.wait_for_timeout(300)  # a late remount would show here
            remounts.append(("off", page.evaluate(common.PROBE_CHECK_JS, e2e.MAP_FRAME)))

            page.evaluate(common.PROBE_SET_JS, e2e.MAP_FRAME)
            on_times.append(toggle(switch, back, [e2e.MAP_FRAME, kind, n_kind]))
            wait_idle(page)
            page.wait_for_timeout(300)
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
        ],
        [
            f"'{label}' on -> its {n_kind} features drawn",
            len(on_times),
            fmt_ms(median(on_times)),
            fmt_ms(min(on_times) if on_times else None),
            fmt_ms(max(on_times) if on_times else None),
            remounted("on"),
        ],
    ]
    print(section("c. Layer toggle: sidebar switch -> features gone / back"))
    print(table(["action", "n", "median ms", "min ms", "max ms", "map remounted"], rows))
    print(f"  page errors {len(errors)}; Streamlit exceptions {exceptions}")
    return {"off": off_times, "on": on_times, "remounts": remounts}


# --- server work ------------------------------------------------------------------------------


def _component_args(at) -> tuple[int, int, dict[str, int]]:
    """Bytes of the st_folium component's JSON args (and of its whole proto), by argument."""
    for element in at.get("component_instance"):
        proto = element.proto
        if "st_folium" in proto.component_name:
            args = json.loads(proto.json_args)
            sizes = {k: len(json.dumps(v)) for k, v in args.items()}
            return len(proto.json_args.encode()), proto.ByteSize(), sizes
    return 0, 0, {}


@contextlib.contextmanager
def _profiled_script_runs(profile: cProfile.Profile | None):
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


def section_d(reruns: int, profile: bool) -> dict:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=300)
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
            with _profiled_script_runs(prof):
                for _ in range(reruns):
                    at.run()
        exceptions += len(at.exception)
        json_bytes, proto_bytes, sizes = _component_args(at)
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
    print(section("d. Server work per rerun (AppTest, warm caches, in-process)"))
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
        stats.print_stats(r"dashboard|corridors|streamlit_folium|folium|branca|jinja2|pandas", 25)
        print(f"\n  cProfile of {reruns} overview reruns (script thread), by cumulative time:")
        print("\n".join("    " + line for line in out.getvalue().splitlines() if line.strip()))
    return results


# --- scaling ----------------------------------------------------------------------------------


def _emit(**values) -> None:
    print(json.dumps(values), flush=True)


PROFILE_FILTER = r"dashboard|corridors|streamlit_folium|folium|branca|jinja2|pandas|shapely|json"


def _profile_text(profile: cProfile.Profile, limit: int = 18) -> str:
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(PROFILE_FILTER, limit)
    lines = out.getvalue().splitlines()
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    return "\n".join(line for line in lines[start:] if line.strip())


def worker(step: str, root: str, reruns: int = 5, timeout_s: float = 1200.0) -> int:
    """One scaling step in a child process, so a slow step can be stopped: JSON lines out.

    With BENCH_PROFILE=1 in the environment the step runs under cProfile (timings are then not
    comparable) and its top functions are emitted instead.
    """
    profile = cProfile.Profile() if os.environ.get("BENCH_PROFILE") == "1" else None
    datadir_root = Path(root)
    if step == "validate":
        from corridors import rawdata
        from corridors.datadir import DataDir
        from corridors.validate import validate

        datadir = DataDir(datadir_root)
        if profile:
            profile.enable()
        start = time.perf_counter()
        raw = rawdata.read(datadir)
        read_s = time.perf_counter() - start
        start = time.perf_counter()
        problems = validate(raw)
        validate_s = time.perf_counter() - start
        if profile:
            profile.disable()
            _emit(profile=_profile_text(profile))
            return 0
        errors = [p for p in problems if p.level == "error"]
        _emit(
            read_s=read_s,
            validate_s=validate_s,
            errors=len(errors),
            warnings=len(problems) - len(errors),
            first_errors=[str(p) for p in errors[:3]],
        )
        return 0
    if step == "build":
        from corridors import dataset, export, mapbuild
        from corridors.datadir import DataDir

        # Validation is timed by the "validate" step (and found no errors there); skipping it here
        # lets export and map build be measured at sizes where validation alone takes minutes.
        dataset.validate = lambda raw, boundaries=None: []
        if profile:
            profile.enable()
        start = time.perf_counter()
        ds = dataset.load(DataDir(datadir_root))
        _emit(load_s=time.perf_counter() - start, features=len(ds.features))
        start = time.perf_counter()
        text = export.to_geojson(ds)
        _emit(export_s=time.perf_counter() - start, export_bytes=len(text.encode()))
        start = time.perf_counter()
        html = mapbuild.full_map(ds).get_root().render()
        _emit(map_s=time.perf_counter() - start, map_bytes=len(html.encode()))
        if profile:
            profile.disable()
            _emit(profile=_profile_text(profile))
        return 0
    if step == "rerun":
        # The dashboard's own script, in-process, on this data folder (as section d does).
        os.environ[ENV_VAR] = str(datadir_root)
        from streamlit.testing.v1 import AppTest

        at = AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=timeout_s)
        start = time.perf_counter()
        at.run()
        _emit(first_s=time.perf_counter() - start, exceptions=len(at.exception))
        times = []
        with _profiled_script_runs(profile):
            for _ in range(reruns):
                start = time.perf_counter()
                at.run()
                times.append(time.perf_counter() - start)
        json_bytes, _, _ = _component_args(at)
        _emit(rerun_s=median(times), reruns=len(times), args_bytes=json_bytes)
        if profile:
            _emit(profile=_profile_text(profile))
        return 0
    raise SystemExit(f"unknown step {step!r}")


def run_step(
    step: str, root: Path, timeout_s: float, reruns: int = 5, profile: bool = False
) -> dict:
    """Run a worker step; what it reported before any timeout is kept."""
    command = [
        sys.executable,
        "-m",
        "benchmarks.run",
        "--worker",
        step,
        str(root),
        "--reruns",
        str(reruns),
        "--step-timeout",
        str(timeout_s),
    ]
    env = {**os.environ, "BENCH_PROFILE": "1" if profile else "0"}
    env.pop(ENV_VAR, None)
    proc = subprocess.Popen(
        command, cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    result: dict = {}
    try:
        out, err = proc.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        result["timeout"] = True
    for line in out.splitlines():
        with contextlib.suppress(json.JSONDecodeError):
            result.update(json.loads(line))
    if proc.returncode not in (0, None) and not result.get("timeout"):
        result["error"] = (err.strip().splitlines() or ["failed"])[-1][:160]
    return result


def dashboard_at_scale(browser, guard, root: Path, n: int, runs: int, timeout_s: float) -> dict:
    out: dict = {"cold": None, "times": [], "note": ""}
    with e2e.serve(env={ENV_VAR: str(root)}, log_dir=LOG_DIR) as server:
        cold, note = load_once(browser, guard, server.url, routes_ready(n), timeout_s)
        out["cold"] = cold
        if cold is None:
            out["note"] = f"first load: {note}"
            return out
        for _ in range(runs):
            took, note = load_once(browser, guard, server.url, routes_ready(n), timeout_s)
            if took is None:
                out["note"] = note
                break
            out["times"].append(took)
    return out


def section_e(args, browser, guard) -> dict:
    from .synthetic import folder_bytes, generate

    sizes = args.sizes
    runs = args.runs or 3
    scale_reruns = min(args.reruns, 5)
    results: dict[int, dict] = {}
    profiled = max([n for n in sizes if n <= args.profile_max], default=None)
    profiles: dict[str, str] = {}
    base = Path(tempfile.mkdtemp(prefix="corridors-synthetic-"))
    print(section("e. Scaling: synthetic data (benchmarks/synthetic.py), one size at a time"))
    print(f"  data folders under {base}; steps time out after {args.step_timeout:.0f} s")
    try:
        for n in sizes:
            root = base / f"n{n}"
            start = time.perf_counter()
            generate(n, root)
            r: dict = {"generate_s": time.perf_counter() - start, "folder": folder_bytes(root)}
            r["validate"] = run_step("validate", root, args.step_timeout)
            r["build"] = run_step("build", root, args.step_timeout)
            r["rerun"] = run_step("rerun", root, args.step_timeout, reruns=scale_reruns)
            if browser is not None:
                r["dashboard"] = dashboard_at_scale(
                    browser, guard, root, n, runs, args.page_timeout
                )
            results[n] = r
            if args.profile and n == profiled:
                for step in ("validate", "build", "rerun"):
                    got = run_step(step, root, args.step_timeout, scale_reruns, profile=True)
                    profiles[step] = got.get("profile") or got.get("error") or "timeout"
            v, b, d = r["validate"], r["build"], r.get("dashboard")
            print(
                f"  n={n}: generated {r['folder'] / 1e6:.1f} MB in {r['generate_s']:.1f} s; "
                f"validate {_cell(v, 'validate_s')} s ({v.get('errors', '?')} errors, "
                f"{v.get('warnings', '?')} warnings); load* {_cell(b, 'load_s')} s; export "
                f"{_cell(b, 'export_s')} s; map {_cell(b, 'map_s')} s; rerun "
                f"{_cell(r['rerun'], 'rerun_s', 3)} s"
                + (
                    "" if d is None else f"; dashboard {fmt_s(median(d['times']), 2)} s {d['note']}"
                ),
                flush=True,
            )
            if v.get("first_errors"):
                print("    errors:", *v["first_errors"], sep="\n      ")
            shutil.rmtree(root, ignore_errors=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    _scaling_tables(results, runs, scale_reruns, browser is not None)
    for step, text in profiles.items():
        print(f"\n  cProfile, {profiled:,} corridors, step '{step}' (top by cumulative time):")
        print("\n".join("    " + line for line in text.splitlines()))
    return results


def _cell(step: dict, key: str, digits: int = 2) -> str:
    if key in step:
        return fmt_s(step[key], digits)
    if step.get("timeout"):
        return "timeout"
    if step.get("error"):
        return "error"
    return "-"


def _metric(r: dict, name: str) -> float | None:
    if name == "validate":
        v = r["validate"]
        return (v["read_s"] + v["validate_s"]) if "validate_s" in v else None
    if name in ("load", "export", "map"):
        return r["build"].get(f"{name}_s")
    if name == "map_bytes":
        return r["build"].get("map_bytes")
    if name == "first_run":
        return r["rerun"].get("first_s")
    if name == "rerun":
        return r["rerun"].get("rerun_s")
    if name == "args_bytes":
        return r["rerun"].get("args_bytes")
    if name == "dash_cold":
        d = r.get("dashboard")
        return d["cold"] if d else None
    if name == "dashboard":
        d = r.get("dashboard")
        return median(d["times"]) if d and d["times"] else None
    raise KeyError(name)


def _exponents(results: dict[int, dict], metrics: list[tuple[str, str]]) -> str:
    rows = []
    for n1, n2 in itertools.pairwise(list(results)):
        rows.append(
            [f"{n1:,} -> {n2:,}"]
            + [
                fmt_exp(
                    common.growth_exponent(
                        n1, _metric(results[n1], key), n2, _metric(results[n2], key)
                    )
                )
                for key, _ in metrics
            ]
        )
    return table(["growth exponent"] + [label for _, label in metrics], rows)


def _scaling_tables(results: dict[int, dict], runs: int, reruns: int, browser: bool) -> None:
    rows = []
    for n, r in results.items():
        v, b = r["validate"], r["build"]
        validate_cell = (
            fmt_s(_metric(r, "validate"), 2) if "validate_s" in v else _cell(v, "validate_s")
        )
        rows.append(
            [
                f"{n:,}",
                validate_cell,
                str(v.get("errors", "-")),
                _cell(b, "load_s"),
                _cell(b, "export_s"),
                _cell(b, "map_s"),
                fmt_bytes(b.get("map_bytes")),
            ]
        )
    print("\n  offline: the package's own work")
    print(
        table(
            ["corridors", "validate s", "errors", "load* s", "export s", "map build s", "map HTML"],
            rows,
        )
    )
    print(
        "  validate = rawdata.read + validate.validate; load* = dataset.load without validation "
        "(timed apart);\n  export = export.to_geojson; map build = mapbuild.full_map + render"
    )
    offline = [
        ("validate", "validate"),
        ("load", "load*"),
        ("export", "export"),
        ("map", "map build"),
        ("map_bytes", "map HTML bytes"),
    ]
    print(_exponents(results, offline))

    rows = []
    for n, r in results.items():
        rr = r.get("rerun", {})
        row = [
            f"{n:,}",
            _cell(rr, "first_s"),
            fmt_ms(rr.get("rerun_s")) if "rerun_s" in rr else _cell(rr, "rerun_s"),
            fmt_bytes(rr.get("args_bytes")),
        ]
        if browser:
            d = r.get("dashboard") or {}
            cold = d.get("cold")
            row += [
                fmt_s(cold, 2) if cold is not None else "timeout",
                fmt_s(median(d.get("times", [])), 2) if d.get("times") else "timeout",
                f"{len(d.get('times', []))}/{runs}",
            ]
        rows.append(row)
    headers = ["corridors", "AppTest 1st run s", "rerun ms", "map args/rerun"]
    if browser:
        headers += ["dash 1st load s", "dash time to map s", "runs"]
    print("\n  dashboard")
    print(table(headers, rows))
    print(
        "  AppTest 1st run = dashboard.py's first run in-process (load with validation, build "
        f"caches); rerun = median of {reruns}\n  warm reruns; map args = st_folium JSON args per "
        "rerun; dash 1st load = first page after server start\n  (includes the first run); "
        f"dash time to map = median of {runs} fresh contexts after that; timeout = over "
        "the page limit"
    )
    dash = [("first_run", "AppTest 1st run"), ("rerun", "rerun"), ("args_bytes", "map args")]
    if browser:
        dash += [("dash_cold", "dash 1st load"), ("dashboard", "dash time to map")]
    print(_exponents(results, dash))
    print("  (1 = linear, 2 = quadratic; log(t2/t1)/log(n2/n1))")


# --- main ---------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark the dashboard (prints tables; never pass/fail)."
    )
    parser.add_argument(
        "--sizes",
        type=lambda s: [int(x.replace("_", "")) for x in s.split(",") if x.strip()],
        default=list(DEFAULT_SIZES),
        help="synthetic sizes for section e (default 10,100,1000,10000)",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=None,
        help="fresh browser contexts per page (default: 5 in a, 3 in e)",
    )
    parser.add_argument("--clicks", type=int, default=20)
    parser.add_argument("--toggles", type=int, default=5)
    parser.add_argument("--reruns", type=int, default=10)
    parser.add_argument("--no-browser", action="store_true", help="skip a, b, c and e's browser")
    parser.add_argument("--sections", default="abcde", help="which sections, e.g. 'ad'")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="cProfile the reruns in d, and e's steps at the largest size <= --profile-max",
    )
    parser.add_argument("--profile-max", type=int, default=1000)
    parser.add_argument("--step-timeout", type=float, default=1200.0, help="seconds per e step")
    parser.add_argument("--page-timeout", type=float, default=120.0, help="seconds per e page")
    parser.add_argument("--worker", nargs=2, metavar=("STEP", "DATADIR"), help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        return worker(*args.worker, reruns=args.reruns, timeout_s=args.step_timeout)
    sections = set(args.sections)
    browser_sections = set() if args.no_browser else sections & set("abc")
    LOG_DIR.mkdir(parents=True, exist_ok=True)

    from corridors import dataset
    from corridors.datadir import resolve

    root = os.environ.get(ENV_VAR) or str(resolve().root)
    ds = dataset.load(resolve(root))
    guard = e2e.NetworkGuard()
    started = time.perf_counter()

    with contextlib.ExitStack() as stack:
        browser = None
        if not args.no_browser and sections & set("abce"):
            from playwright.sync_api import sync_playwright

            pw = stack.enter_context(sync_playwright())
            browser = e2e.launch(pw)
            stack.callback(browser.close)
        print("Corridors dashboard benchmark (loopback only, network blocked in the browser)")
        print("\n".join("  " + line for line in common.machine_lines(browser and browser.version)))
        print(
            f"  data      {root}: {len(ds.features)} features, {len(ds.claims)} claims, "
            f"{len(ds.errors)} errors"
        )
        if browser_sections:
            with e2e.serve(log_dir=LOG_DIR) as dash:
                # The first page after start runs the script cold (load, validate, copy assets):
                # timed apart, and it puts Leaflet and the basemap where the static page needs them.
                cold, note = load_once(
                    browser, guard, dash.url, routes_ready(len(ds.features)), 120
                )
                print(f"  dashboard first page after server start: {fmt_s(cold)} s {note}")
                if "a" in browser_sections:
                    with e2e.serve(common.EMPTY_APP, log_dir=LOG_DIR) as empty:
                        section_a(browser, guard, dash.url, empty.url, ds, args.runs or 5)
                if "b" in browser_sections:
                    section_b(browser, guard, dash.url, ds, args.clicks)
                if "c" in browser_sections:
                    section_c(browser, guard, dash.url, ds, args.toggles)
        if "d" in sections:
            section_d(args.reruns, args.profile)
        if "e" in sections:
            section_e(args, browser, guard)

    print(
        f"\nrequests blocked (would have left the machine): {len(guard.blocked)}"
        + "".join(f"\n  {u}" for u in guard.blocked[:5])
    )
    print(f"total benchmark time {time.perf_counter() - started:.0f} s")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
