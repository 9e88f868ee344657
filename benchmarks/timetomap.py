"""Time to map: the dashboard against the floor, side by side in one run, timed inside the page.

The floor is (b) + (c): (b) an empty Streamlit app showing one line (benchmarks/empty_app.py),
(c) the static folium page of the same features (``mappage.full_map``: the same Leaflet, map.js,
layers and legend, inline), served by the dashboard's own server from the map component's folder.
Each page load is a fresh browser context (empty cache) on a warm server; pages are interleaved so
background noise falls on all three alike; the time is navigation start -> every route drawn, noted
with performance.now() on the animation frame the condition first holds (``common.until``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from corridors.view import mapcomponent, mappage
from devtools import browser as e2e
from devtools import pagejs

from . import common
from .common import fmt_s, median, section, table

#: Where the floor page goes inside the component's folder (served under
#: ``/component/<pagejs.MAP_COMPONENT>/``).
FLOOR_DIR = "floor"


def load_once(
    browser,
    guard: e2e.NetworkGuard,
    url: str,
    ready: Callable,
    timeout_s: float,
    probe: Callable | None = None,
) -> tuple[float | None, str]:
    """Seconds from navigation start to ``ready`` first holding, in a fresh context (None: failed)."""
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


def routes_ready(count: int, sel: str | None = e2e.MAP_FRAME) -> Callable:
    """Every route drawn (pagejs.ROUTES_READY), in the map frame or (sel None) the page itself."""

    def ready(page, timeout_ms: float) -> None:
        page.wait_for_function(
            common.until(pagejs.ROUTES_READY), arg=[sel, count], timeout=timeout_ms
        )

    return ready


def text_ready(text: str) -> Callable:
    def ready(page, timeout_ms: float) -> None:
        page.wait_for_function(common.until(common.TEXT_VISIBLE_JS), arg=text, timeout=timeout_ms)

    return ready


def write_floor_page(ds) -> tuple[Path, str]:
    """The static page in the component's folder (Leaflet and map.js one level up); its path."""
    folder = mapcomponent.prepare()
    path = folder / FLOOR_DIR / "map.html"
    path.parent.mkdir(exist_ok=True)
    path.write_text(mappage.full_map(ds, prefix="../").get_root().render(), encoding="utf-8")
    return path, f"/component/{pagejs.MAP_COMPONENT}/{FLOOR_DIR}/map.html"


#: Milestones of a dashboard page load (ms after navigation start), from the Resource Timing of
#: the page and of the map frame; read after the routes are drawn.
LOAD_MILESTONES_JS = """(sel) => {
    const res = performance.getEntriesByType('resource');
    const ends = (rs) => rs.length ? Math.max(...rs.map(r => r.responseEnd)) : null;
    const starts = (rs) => rs.length ? Math.min(...rs.map(r => r.startTime)) : null;
    const nav = performance.getEntriesByType('navigation')[0];
    const hc = starts(res.filter(r => r.name.includes('/_stcore/host-config')));
    const f = document.querySelector(sel);
    const w = f && f.contentWindow;
    const off = w ? w.performance.timeOrigin - performance.timeOrigin : 0;
    const fres = w ? w.performance.getEntriesByType('resource') : [];
    const fend = (rs) => { const e = ends(rs); return e === null ? null : e + off; };
    const comp = res.filter(r => r.name.includes('/component/') && r.name.includes('index.html'));
    const fnav = w && w.performance.getEntriesByType('navigation')[0];
    return [
        ["HTML received", nav ? nav.responseEnd : null],
        ["Streamlit JS/CSS bundle loaded", ends(res.filter(r => (hc === null || r.startTime < hc)
            && /[/]static[/](js|css)[/]/.test(r.name)))],
        ["server contacted (/_stcore/host-config)", hc],
        ["element code chunks loaded (after first output)", ends(res.filter(r => hc !== null
            && r.startTime > hc && r.name.includes('/static/js/')))],
        ["map frame requested", starts(comp)],
        ["frame: page received", fnav ? fnav.responseEnd + off : null],
        ["frame: map.js running, handshake sent", w && w.corridorsTimes ? w.corridorsTimes.script + off : null],
        ["frame: args received (streamlit:render)", w && w.corridorsTimes && w.corridorsTimes.render !== undefined ? w.corridorsTimes.render + off : null],
        ["frame: Leaflet map created", w && w.corridorsTimes && w.corridorsTimes.init !== undefined ? w.corridorsTimes.init + off : null],
        ["frame: scripts loaded (page.js: map.js and Leaflet)", fend(fres.filter(r => /page[.]js|leaflet[.]js|map[.]js/.test(r.name)))],
        ["frame: data files received (layers inline when small)", fend(fres.filter(r => r.name.includes('/data/')))],
        ["frame: routes attached (map.js)", w && w.corridorsDrawnAt !== undefined ? w.corridorsDrawnAt + off : null],
        ["every route drawn (seen by the page)", window.__bench ? window.__bench.done : null],
        ["(frame page requests)", comp.length],
    ];
}"""


def run(browser, guard, dash_url: str, empty_url: str, ds, runs: int) -> dict:
    n = len(ds.features)
    floor_path, floor_url = write_floor_page(ds)
    pages = {
        "dashboard": (dash_url, routes_ready(n)),
        "empty": (empty_url, text_ready(common.EMPTY_APP_TEXT)),
        "static": (dash_url + floor_url, routes_ready(n, None)),
    }
    times: dict[str, list[float]] = {k: [] for k in pages}
    notes: dict[str, list[str]] = {k: [] for k in pages}
    loads: list[str] = []
    for key in ("empty", "static"):  # first page of each, cold, not counted (the dashboard's was)
        url, ready = pages[key]
        load_once(browser, guard, url, ready, 60)
    milestones: dict[str, list[float]] = {}

    def probe(page) -> None:
        for name, value in page.evaluate(LOAD_MILESTONES_JS, e2e.MAP_FRAME):
            if value is not None:
                milestones.setdefault(name, []).append(value)

    for _ in range(runs):  # interleaved, so background noise falls on all three alike
        loads.append(common.load_average().split()[0])
        for key, (url, ready) in pages.items():
            took, note = load_once(
                browser, guard, url, ready, 60, probe if key == "dashboard" else None
            )
            if took is not None:
                times[key].append(took)
            if note:
                notes[key].append(note)
    size_kb = floor_path.stat().st_size / 1e3
    labels = {
        "dashboard": f"(a) dashboard ({n} features drawn)",
        "empty": "(b) empty Streamlit app (one line visible)",
        "static": f"(c) static folium page, same layers ({size_kb:.0f} KB)",
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
    shown = "-" if ratio is None else f"{ratio:.2f}x"
    rows.append(["dashboard / floor   (target <= 1.05)", "", shown, "", "", ""])
    print(section("Time to map: navigation -> every route drawn (fresh context each run)"))
    print(table(["page", "runs", "median s", "min s", "max s", "errors"], rows))
    print(
        "  time = navigation start -> condition first true (in-page performance.now(), polled "
        "every frame);\n  each run a fresh context (empty cache), warm server; load average "
        f"(1 min) at each round: {', '.join(loads)}"
    )
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
