"""What the benchmarks and the load test share: machine facts, statistics, tables, timing in the page.

Everything runs on loopback: servers come from ``devtools.browser.serve`` (127.0.0.1, a free port)
and Chromium from ``devtools.browser.launch`` with a ``NetworkGuard`` on every context. Features are
found, waited for and clicked with the JavaScript of ``devtools.pagejs``, the same the tests use.
"""

from __future__ import annotations

import datetime as _dt
import math
import os
import platform
import statistics
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from corridors.store.datadir import REPO_ROOT
from devtools import browser as e2e
from devtools.browser import WsCounter, prepared_point, wait_idle  # noqa: F401 (the benchmarks' names)

#: The four systems the click benchmarks alternate between (the last drawn feature of each).
CLICK_CORRIDORS = ("cku-railway", "cacgp", "titr", "khorgos-dry-port")


def click_features(ds) -> tuple[str, ...]:
    """One feature to click per system, read from the data (feature ids change as legs are
    redrawn; the systems do not): the last of each, drawn on top (the pipeline's three lines share
    one centreline, so only the top one can be hit)."""
    features = ds.features
    return tuple(
        str(features.index[features["corridor"] == c][-1])
        for c in CLICK_CORRIDORS
        if (features["corridor"] == c).any()
    )


#: Where the benchmarks' servers write their logs: a temporary folder, never the repository.
LOG_DIR = Path(tempfile.gettempdir()) / "corridors-bench"

EMPTY_APP = REPO_ROOT / "benchmarks" / "empty_app.py"
EMPTY_APP_TEXT = "Empty benchmark app ready"
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


# --- page JavaScript of the benchmarks' own (finding and clicking features: devtools.pagejs)

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
    // The input's first event: pointerdown for a mouse click or a touch tap alike (a tap's
    // click comes only after touchend), click for an input that sends no pointer events.
    const stamp = () => { if (b.click === null) b.click = performance.now(); };
    for (const type of ['pointerdown', 'click'])
        doc.addEventListener(type, stamp, {capture: true, once: true});
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


def claim_selector(claim_id: str) -> str:
    return PANEL_CLAIM.format(claim=f'"{claim_id}"')


def corridor_claims(ds) -> dict[str, str]:
    """For each click feature: the id of one claim that only its corridor's panel shows."""
    out = {}
    for fid in click_features(ds):
        corridor = ds.features.loc[fid, "corridor"]
        claims = ds.claims[ds.claims["corridor"] == corridor]
        out[fid] = str(claims["id"].iloc[0])
    return out


def timed_out(exc: BaseException) -> bool:
    return type(exc).__name__ == "TimeoutError"


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def rss_mb(pid: int) -> float | None:
    """Resident memory of one process (the Streamlit server), in MB; None off Linux."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def cpu_s(pid: int) -> float | None:
    """CPU time (user + system) one process has used so far, in seconds; None off Linux. On a
    loaded machine wall times grow with the load; the CPU a step costs does not."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --- a dashboard page, for the click and rerun benchmarks ------------------------------------


#: The two screens the interactive benchmarks use: a desktop window, and a phone held upright
#: (touch input, mobile viewport).
SIZES = {
    "desktop 1500x1000": {"viewport": {"width": 1500, "height": 1000}},
    "phone 390x844": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
    },
}


def open_dashboard(browser, guard, url: str, n: int, timeout_ms: float = 60_000, **context_args):
    """A fresh context on the dashboard, every route drawn and the script idle."""
    context = e2e.new_context(browser, guard, **context_args)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    ws = WsCounter(page)
    page.goto(url, wait_until="commit")
    e2e.wait_for_routes(page, n, timeout=timeout_ms)
    e2e.wait_for_page(page, timeout=timeout_ms)
    wait_idle(page)
    return context, page, errors, ws
