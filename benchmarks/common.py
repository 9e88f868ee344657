"""What the benchmark and the load test share: machine facts, statistics, tables and page helpers.

Everything runs on loopback: servers come from ``corridors.e2e.serve`` (127.0.0.1, a free port) and
Chromium from ``corridors.e2e.launch`` with ``e2e.NetworkGuard`` on every context. The page helpers
reuse the JavaScript of ``corridors.e2e`` (captured from its functions, see ``e2e_js``), so the sync
benchmark and the asyncio load test find, wait for and click features exactly as the tests do.
"""

from __future__ import annotations

import datetime as _dt
import math
import os
import platform
import statistics
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from corridors import e2e
from corridors.datadir import REPO_ROOT

#: The four corridors the click benchmarks alternate between: feature id -> the corridor it selects.
CLICK_FEATURES = (
    "cku-railway",
    "cacgp-lines-abc",
    "titr-caspian-crossing",
    "khorgos-dry-port",
)

EMPTY_APP = REPO_ROOT / "benchmarks" / "empty_app.py"
EMPTY_APP_TEXT = "Empty benchmark app ready"
STATIC_BENCH_DIR = REPO_ROOT / "static" / "bench"
STATIC_BENCH_URL = "/app/static/bench/map.html"
PANEL_CLAIM = "[data-testid=corridor-panel] [data-claim={claim}]"
STREAMLIT_EXCEPTION = "[data-testid=stException]"


# --- machine --------------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def code_version() -> str:
    """The commit measured, and how many tracked files differ from it (others edit as we run)."""
    import subprocess

    def git(*args: str) -> str:
        try:
            return subprocess.run(
                ["git", *args], cwd=REPO_ROOT, capture_output=True, text=True, timeout=10
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    changed = [line for line in git("status", "--porcelain", "--untracked-files=no").splitlines()]
    return f"commit {commit}" + (f", {len(changed)} tracked file(s) modified" if changed else "")


def machine_lines(chromium_version: str | None = None) -> list[str]:
    now = _dt.datetime.now().astimezone()
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 2**20:.1f} GiB RAM"
    except OSError:
        pass
    try:
        load = "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = ""
    lines = [
        f"date      {now:%Y-%m-%d %H:%M:%S %Z}",
        f"code      {code_version()}",
        f"machine   {os.cpu_count()} cores, {cpu_model()}, {mem}; {load} at start",
        f"python    {platform.python_version()} ({sys.executable})",
        f"chromium  {chromium_version or 'not started'} ({e2e.chromium_path()}, headless)",
    ]
    return lines


# --- statistics -----------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100), linear between closest ranks; NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    pos = (len(ordered) - 1) * q / 100.0
    lo, hi = math.floor(pos), math.ceil(pos)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else math.nan


def growth_exponent(n1: float, t1: float | None, n2: float, t2: float | None) -> float | None:
    """log(t2/t1) / log(n2/n1): 1 is linear, 2 quadratic; None when either side is missing."""
    if not t1 or not t2 or t1 <= 0 or t2 <= 0 or n1 == n2:
        return None
    return math.log(t2 / t1) / math.log(n2 / n1)


# --- formatting -----------------------------------------------------------------------------


def fmt_s(value: float | None, digits: int = 3) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return f"{value:.{digits}f}"


def fmt_ms(value_s: float | None) -> str:
    if value_s is None or (isinstance(value_s, float) and math.isnan(value_s)):
        return "-"
    return f"{value_s * 1000:.1f}"


def fmt_bytes(n: float | None) -> str:
    if n is None or (isinstance(n, float) and math.isnan(n)):
        return "-"
    for unit, scale in (("MB", 1e6), ("KB", 1e3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{int(n)} B"


def fmt_exp(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], indent: str = "  ") -> str:
    """Plain fixed-width columns: text left-aligned, everything else right-aligned."""
    body = [[("" if c is None else str(c)) for c in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in body:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))

    def line(cells: Sequence[str], numeric: Sequence[bool]) -> str:
        parts = [
            c.rjust(w) if num else c.ljust(w)
            for c, w, num in zip(cells, widths, numeric, strict=False)
        ]
        return (indent + "  ".join(parts)).rstrip()

    numeric_cols = [
        i > 0 and all(_looks_numeric(row[i]) for row in body if i < len(row))
        for i in range(len(headers))
    ]
    out = [line(list(headers), numeric_cols), indent + "  ".join("-" * w for w in widths)]
    out += [line(row, numeric_cols) for row in body]
    return "\n".join(out)


def _looks_numeric(text: str) -> bool:
    head = text.split(" ")[0].replace(",", "").replace("x", "").lstrip("<>~")
    if text in ("-", "timeout", "error", "n/a"):
        return True
    try:
        float(head)
    except ValueError:
        return False
    return True


def section(title: str) -> str:
    return f"\n{title}\n{'=' * len(title)}"


# --- the JavaScript of corridors.e2e, reusable from the async API ---------------------------


@dataclass
class _Call:
    method: str
    args: tuple
    kwargs: dict


@dataclass
class _Recorder:
    """Stands in for a sync Page: records what an e2e helper would evaluate, answers with a dummy."""

    answer: object = None
    calls: list[_Call] = field(default_factory=list)

    def evaluate(self, *args, **kwargs):
        self.calls.append(_Call("evaluate", args, kwargs))
        return self.answer

    def wait_for_function(self, *args, **kwargs):
        self.calls.append(_Call("wait_for_function", args, kwargs))


def e2e_js(fn: Callable, *args, answer: object = None) -> _Call:
    """The (single) page call an ``e2e`` helper makes, so async code can make the same one."""
    rec = _Recorder(answer)
    fn(rec, *args)
    if len(rec.calls) != 1:
        raise RuntimeError(f"{fn.__name__} made {len(rec.calls)} page calls; expected one")
    return rec.calls[0]


def routes_wait_js(count: int) -> tuple[str, object]:
    """The expression and argument of ``e2e.wait_for_routes(page, count)``."""
    call = e2e_js(e2e.wait_for_routes, count)
    return call.args[0], call.kwargs.get("arg", call.args[1] if len(call.args) > 1 else None)


def feature_point_js(feature_id: str) -> tuple[str, object]:
    """The expression and argument of ``e2e.feature_point(page, feature_id)``."""
    call = e2e_js(e2e.feature_point, feature_id, answer=[0.0, 0.0])
    return call.args[0], call.args[1]


# JavaScript of the benchmark's own (run in the top page; the map frame is same-origin).

#: Which feature (properties.id) the browser's hit-testing finds at page point [x, y], or null.
HIT_TEST_JS = """([sel, x, y]) => {
    const f = document.querySelector(sel);
    if (!f || !f.contentWindow || !f.contentWindow.map_div) return null;
    const r = f.getBoundingClientRect();
    const el = f.contentDocument.elementFromPoint(x - r.left, y - r.top);
    let hit = null;
    f.contentWindow.map_div.eachLayer(l => {
        if (l._path && l._path === el && l.feature && l.feature.properties) hit = l.feature.properties.id;
    });
    return hit;
}"""

#: Close any open popup (it can cover the next target) and report whether the map is still.
PREPARE_CLICK_JS = """(sel) => {
    const f = document.querySelector(sel);
    const m = f && f.contentWindow && f.contentWindow.map_div;
    if (!m) return false;
    m.closePopup();
    return !m._animatingZoom && !(m._panAnim && m._panAnim._inProgress);
}"""

#: The Streamlit script is not running (nothing queued): the page is at rest.
APP_IDLE_JS = """() => {
    const app = document.querySelector('[data-testid=stApp]');
    return !!app && app.getAttribute('data-test-script-state') === 'notRunning';
}"""

#: How many drawn, interactive features of one kind the map shows; -1 without a map.
KIND_DRAWN_JS = """([sel, kind]) => {
    const f = document.querySelector(sel);
    const m = f && f.contentWindow && f.contentWindow.map_div;
    if (!m) return -1;
    let n = 0;
    m.eachLayer(l => {
        if (l._path && l._path.isConnected && l.feature && l.feature.properties
            && l.feature.properties.kind === kind) n += 1;
    });
    return n;
}"""

#: Mark the current map frame (window property and element) to tell a remount afterwards.
PROBE_SET_JS = """(sel) => {
    const f = document.querySelector(sel);
    f.contentWindow.__probe = 1;
    window.__benchFrame = f;
    return true;
}"""

#: "kept" if the same frame element and window survive, else what changed.
PROBE_CHECK_JS = """(sel) => {
    const f = document.querySelector(sel);
    if (!f) return "frame gone";
    if (f !== window.__benchFrame) return "frame element replaced";
    if (!f.contentWindow || f.contentWindow.__probe !== 1) return "frame reloaded";
    return "kept";
}"""


#: Start timing an interaction in the page: the click's dispatch time (in the map frame or the
#: top document) and the script-state changes that follow it, all on the top page's clock.
ARM_JS = """([sel, inFrame]) => {
    const doc = inFrame ? document.querySelector(sel).contentDocument : document;
    const b = window.__bench = {click: null, running: null, idle: null, done: null};
    doc.addEventListener('click', () => { if (b.click === null) b.click = performance.now(); },
                         {capture: true, once: true});
    const app = document.querySelector('[data-testid=stApp]');
    if (window.__benchObs) window.__benchObs.disconnect();
    if (!app) return true;
    window.__benchObs = new MutationObserver(() => {
        const s = app.getAttribute('data-test-script-state');
        if (b.click === null) return;
        if (s === 'running' && b.running === null) b.running = performance.now();
        if (s === 'notRunning' && b.running !== null && b.idle === null) b.idle = performance.now();
    });
    window.__benchObs.observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
    return true;
}"""

BENCH_RESULT_JS = "() => window.__bench"


def until(condition_js: str) -> str:
    """A wait_for_function expression that also notes (performance.now) when it first held.

    wait_for_function polls on every animation frame, so the note is within a frame (~16 ms) of
    the change; Playwright's locator waits back off to 500 ms between polls and would not be.
    """
    return f"""(arg) => {{
        const ok = ({condition_js})(arg);
        if (ok) {{
            window.__bench = window.__bench || {{}};
            if (window.__bench.done === null || window.__bench.done === undefined)
                window.__bench.done = performance.now();
        }}
        return ok;
    }}"""


#: The element is in the page and laid out (it has boxes).
VISIBLE_JS = """(selector) => {
    const el = document.querySelector(selector);
    return !!el && el.getClientRects().length > 0;
}"""

#: Some Streamlit markdown container shows this text.
TEXT_VISIBLE_JS = """(text) => [...document.querySelectorAll('[data-testid=stMarkdownContainer]')]
    .some(e => e.textContent.includes(text) && e.getClientRects().length > 0)"""


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
    return [
        ["HTML received", nav ? nav.responseEnd : null],
        ["Streamlit JS/CSS bundle loaded", ends(res.filter(r => (hc === null || r.startTime < hc)
            && /[/]static[/](js|css)[/]/.test(r.name)))],
        ["server contacted (/_stcore/host-config)", hc],
        ["element code chunks loaded (after first output)", ends(res.filter(r => hc !== null
            && r.startTime > hc && r.name.includes('/static/js/')))],
        ["map frame requested", starts(comp)],
        ["frame: streamlit-folium JS loaded", fend(fres.filter(r => r.name.includes('/component/')))],
        ["frame: leaflet.js loaded", fend(fres.filter(r => r.name.includes('leaflet')))],
        ["every route drawn", window.__bench ? window.__bench.done : null],
        ["(component index.html requests)", comp.length],
    ];
}"""


def claim_selector(claim_id: str) -> str:
    return PANEL_CLAIM.format(claim=f'"{claim_id}"')


def corridor_claims(ds) -> dict[str, str]:
    """For each click feature: the id of one claim that only its corridor's panel shows."""
    out = {}
    for fid in CLICK_FEATURES:
        corridor = ds.features.loc[fid, "corridor"]
        claims = ds.claims[ds.claims["corridor"] == corridor]
        out[fid] = str(claims["id"].iloc[0])
    return out


def timed_out(exc: BaseException) -> bool:
    return type(exc).__name__ == "TimeoutError"
