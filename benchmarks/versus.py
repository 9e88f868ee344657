"""The dashboard against the plain streamlit-folium app (benchmarks/plain_app.py), side by side.

Both apps serve the same data (the live data, or ``--corridors N`` synthetic corridors from
benchmarks/synthetic.py) in the same run; rounds are interleaved (plain, dashboard, plain, ...),
each page load a fresh browser context (empty cache) on a warm server, every outside request
aborted by a regex route. Every click is a real mouse click at a point on a route, found by
projecting the route's own coordinates to the page (``pagejs.HIT_POINT``). Times are stamped in the
page with performance.now() on the animation frame a condition first holds (``common.until``):

- time to map: navigation start -> every route drawn;
- first answer: a route clicked as soon as the map is drawn -> that corridor's quotes visible,
  from navigation start; a click not answered within ``--lost-after`` seconds is LOST;
- idle click: once the page is complete and idle, another corridor's route -> its quotes;
- layer toggle: the sidebar's pipeline switch clicked -> no pipeline left on the map.

    python -m benchmarks.versus                      # live data, 5 rounds
    python -m benchmarks.versus --corridors 10000    # synthetic, the plain app re-sends its layers
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from corridors.schema import KINDS
from corridors.store.datadir import ENV_VAR, REPO_ROOT, resolve
from devtools import browser as e2e
from devtools import pagejs

from . import common
from .common import fmt_bytes, fmt_s, median, section, table

PLAIN_APP = REPO_ROOT / "benchmarks" / "plain_app.py"
#: streamlit-folium's frame (the component is served under /component/streamlit_folium.st_folium/).
PLAIN_FRAME = 'iframe[src*="st_folium"]'
TOGGLED = "pipeline"

#: At least n interactive paths drawn in the frame's Leaflet map, which is not zooming.
MAP_READY = f"""([sel, n]) => {{
    {pagejs._WIN}
    return !!m && !m._animatingZoom && d.querySelectorAll('path.leaflet-interactive').length >= n;
}}"""

#: Some element matching the selector is laid out (has boxes).
ANY_VISIBLE = (
    """(sel) => [...document.querySelectorAll(sel)].some(e => e.getClientRects().length > 0)"""
)

#: Forget a condition's time, so the next ``common.until`` notes its own.
RESET_DONE = "() => { if (window.__bench) window.__bench.done = null; return true; }"


@dataclass(frozen=True)
class Side:
    name: str
    script: Path
    frame: str
    ready: str  # the map-drawn condition (page JavaScript taking [frame, n])


SIDES = (
    Side("plain", PLAIN_APP, PLAIN_FRAME, MAP_READY),
    Side("dashboard", REPO_ROOT / "dashboard.py", e2e.MAP_FRAME, pagejs.ROUTES_READY),
)


@dataclass(frozen=True)
class Data:
    """What the benchmark needs to know of the data: read from the files, as both apps do."""

    root: Path
    features: pd.DataFrame  # index id; corridor, kind (file order)
    claim_of: dict[str, str]  # corridor -> one of its claims' id
    targets: list[str | None]  # corridors to click, in turn (None: any of the last drawn)

    def candidates(self, corridor: str | None, skip: str | None = None) -> list[str]:
        """Feature ids to try, last drawn first: of one corridor, or (None) the last 40 others."""
        f = self.features[self.features["corridor"] != skip] if skip else self.features
        if corridor is not None:
            f = f[f["corridor"] == corridor]
        return list(f.index[::-1][:40])


def read_data(root: Path, targets: tuple[str, ...]) -> Data:
    rows = []
    for path in sorted((root / "geodata" / "features").glob("*.geojson")):
        for feat in json.loads(path.read_text(encoding="utf-8"))["features"]:
            p = feat["properties"]
            rows.append({"id": p["id"], "corridor": p["corridor"], "kind": p["kind"]})
    features = pd.DataFrame(rows).set_index("id")
    claims = pd.read_csv(root / "geodata" / "claims.csv", dtype=str, keep_default_na=False)
    claim_of = claims.groupby("corridor")["id"].first().to_dict()
    wanted = [c for c in targets if c in set(features["corridor"]) and c in claim_of]
    return Data(root, features, claim_of, wanted)


def quotes_visible(page, data: Data, fid: str, timeout_s: float) -> None:
    """Until a quote of the clicked feature's corridor is visible in the panel (both apps mark
    the panel with its corridor and each quote with its claim id)."""
    corridor = json.dumps(data.features.loc[fid, "corridor"])
    selector = f"[data-testid=corridor-panel][data-corridor={corridor}] [data-claim]"
    page.wait_for_function(common.until(ANY_VISIBLE), arg=selector, timeout=timeout_s * 1000)


def since_click() -> str:
    return "() => window.__bench && window.__bench.click !== null ? window.__bench.done - window.__bench.click : null"


def one_round(
    browser, guard, side: Side, url: str, data: Data, first: str, then: str, args
) -> dict:
    """One fresh context: time to map, first answer, idle click, toggle (seconds; None: failed)."""
    n = len(data.features)
    out: dict = {"notes": []}
    context = e2e.new_context(browser, guard)
    page = context.new_page()
    page.on("pageerror", lambda exc: out["notes"].append(f"page error {str(exc)[:60]}"))
    ws = e2e.WsCounter(page)
    timeout = args.timeout * 1000
    try:
        page.goto(url, wait_until="commit", timeout=timeout)
        page.wait_for_function(common.until(side.ready), arg=[side.frame, n], timeout=timeout)
        out["map"] = page.evaluate("() => window.__bench.done") / 1000
        # the first answer: clicked on the next frame the route can be hit
        page.evaluate(RESET_DONE)
        fid, _ = e2e.click_at_once(page, data.candidates(first), side.frame)
        try:
            quotes_visible(page, data, fid, args.lost_after)
            out["first"] = page.evaluate("() => window.__bench.done") / 1000
        except Exception as exc:
            if not common.timed_out(exc):
                raise
            out["lost"] = True
            out["first"] = None
        if side.name == "dashboard":
            e2e.wait_for_page(page, timeout)
        e2e.wait_idle(page, timeout)
        # an idle click on another corridor
        page.wait_for_function(pagejs.PREPARE_CLICK, arg=side.frame, timeout=timeout)
        e2e.settle(page, frame=side.frame, timeout=timeout)
        before = ws.bytes
        page.evaluate(common.ARM_JS, [side.frame, True])
        skip = data.features.loc[fid, "corridor"] if then is None else None
        fid, _ = e2e.click_at_once(page, data.candidates(then, skip), side.frame, zoom=True)
        quotes_visible(page, data, fid, args.timeout)
        out["idle"] = page.evaluate(since_click()) / 1000
        e2e.wait_idle(page, timeout)
        out["idle_bytes"] = ws.bytes - before
        # a layer toggle
        before = ws.bytes
        page.evaluate(common.ARM_JS, [side.frame, False])
        e2e.layer_switch(page, KINDS[TOGGLED].label).click()
        page.wait_for_function(
            common.until(pagejs.KIND_SWITCHED), arg=[side.frame, TOGGLED, False, 1], timeout=timeout
        )
        out["toggle"] = page.evaluate(since_click()) / 1000
        e2e.wait_idle(page, timeout)
        out["toggle_bytes"] = ws.bytes - before
        if page.locator(common.STREAMLIT_EXCEPTION).count():
            out["notes"].append("Streamlit exception")
    except Exception as exc:  # reported, never raised
        step = next((k for k, _ in MEASURES if k not in out), "end")
        out["notes"].append(f"{step}: {type(exc).__name__}: {str(exc).splitlines()[0][:100]}")
    finally:
        context.close()
    return out


MEASURES = (
    ("map", "time to map (navigation -> routes drawn)"),
    ("first", "first answer (click at once -> quotes; from navigation)"),
    ("idle", "idle click -> quotes"),
    ("toggle", "layer toggle -> pipelines gone"),
)


def report(results: dict[str, list[dict]], loads: list[str], cold: dict, rss: dict) -> None:
    """One column per app (median s, and how many rounds gave a figure), then each against plain."""
    names = list(results)
    others = [n for n in names if n != "plain"]
    rows = []
    for key, label in MEASURES:
        vals = {s: [r[key] for r in results[s] if r.get(key) is not None] for s in names}
        meds = {s: median(vals[s]) for s in names}
        p = meds["plain"]
        rows.append(
            [label]
            + [f"{fmt_s(meds[s])} ({len(vals[s])})" for s in names]
            + [
                "-" if not (p == p and meds[s] == meds[s] and p > 0) else f"{meds[s] / p:.2f}x"
                for s in others
            ]
        )
    for key, label in (
        ("idle_bytes", "idle click, websocket"),
        ("toggle_bytes", "toggle, websocket"),
    ):
        vals = {s: [r[key] for r in results[s] if r.get(key) is not None] for s in names}
        rows.append([label] + [fmt_bytes(median(vals[s])) for s in names] + [""] * len(others))
    lost = {s: sum(1 for r in results[s] if r.get("lost")) for s in names}
    rows.append(
        ["first click LOST (no quotes in time)"]
        + [f"{lost[s]}/{len(results[s])}" for s in names]
        + [""] * len(others)
    )
    rows.append(
        ["first page after server start (cold)"]
        + [fmt_s(cold.get(s)) for s in names]
        + [""] * len(others)
    )
    rows.append(
        ["server resident memory, MB"] + [fmt_s(rss.get(s), 0) for s in names] + [""] * len(others)
    )
    print(section("Dashboard vs plain streamlit-folium app (median s over fresh contexts; n)"))
    print(table(["measure", *names, *(f"{s}/plain" for s in others)], rows))
    print(f"  load average (1 min) at each round: {', '.join(loads)}")
    for side, rs in results.items():
        notes = sorted({n for r in rs for n in r["notes"]})
        if notes:
            print(f"  {side} notes: " + "; ".join(notes)[:300])


STATIC_SERVING = "STREAMLIT_SERVER_ENABLE_STATIC_SERVING"


def offline_copy(script: Path, stack: contextlib.ExitStack) -> Path:
    """The plain app in a temporary folder with Leaflet (from xstatic-leaflet) in its static/."""
    from corridors.view import assets

    folder = Path(tempfile.mkdtemp(prefix="corridors-plain-"))
    stack.callback(shutil.rmtree, folder, True)
    for source, name in assets.leaflet_files():
        target = folder / "static" / "leaflet" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    shutil.copyfile(script, folder / script.name)
    return folder / script.name


def run(args) -> int:
    common.LOG_DIR.mkdir(parents=True, exist_ok=True)
    sides = SIDES
    if args.before:  # another checkout's dashboard, e.g. `git worktree add /tmp/before main`
        sides = (
            *SIDES,
            Side(args.name, Path(args.before).resolve(), e2e.MAP_FRAME, pagejs.ROUTES_READY),
        )
    with contextlib.ExitStack() as stack:
        if args.corridors:
            from .synthetic import generate

            base = Path(tempfile.mkdtemp(prefix="corridors-versus-"))
            stack.callback(shutil.rmtree, base, True)
            root = Path(args.folder) if args.folder else base / f"n{args.corridors}"
            if not (root / "geodata").is_dir():
                started = time.perf_counter()
                generate(args.corridors, root)
                took = time.perf_counter() - started
                print(f"  generated {args.corridors} corridors in {took:.0f} s")
            data = read_data(root, ())
            # any of the last-drawn lines: at 10,000 most of a chosen line lies under others
            data = Data(root, data.features, data.claim_of, [None, None])
            env = {ENV_VAR: str(root)}
        else:
            root = resolve().root
            data = read_data(root, common.CLICK_CORRIDORS)
            env = {ENV_VAR: str(root)}  # the plain app runs from a copy outside the checkout
        from playwright.sync_api import sync_playwright

        pw = stack.enter_context(sync_playwright())
        browser = e2e.launch(pw)
        stack.callback(browser.close)
        guard = e2e.NetworkGuard()
        print("Dashboard vs plain streamlit-folium app (loopback only, outside requests aborted)")
        print("\n".join("  " + line for line in common.machine_lines(browser.version)))
        print(f"  data      {root}: {len(data.features)} features, {len(data.claim_of)} corridors")
        servers = {
            s.name: stack.enter_context(
                e2e.serve(
                    offline_copy(s.script, stack) if s.name == "plain" else s.script,
                    env={**env, STATIC_SERVING: "true"} if s.name == "plain" else env,
                    log_dir=common.LOG_DIR,
                )
            )
            for s in sides
        }
        cold: dict[str, float | None] = {}
        for side in sides:  # the first page after start, cold: timed apart, not a round
            started = time.perf_counter()
            r = one_round(
                browser,
                guard,
                side,
                servers[side.name].url,
                data,
                data.targets[0],
                data.targets[1],
                args,
            )
            cold[side.name] = r.get("map") if r.get("map") else None
            print(
                f"  {side.name}: first page {time.perf_counter() - started:.1f} s {r['notes']}",
                flush=True,
            )
        results: dict[str, list[dict]] = {s.name: [] for s in sides}
        loads = []
        for i in range(args.runs):
            loads.append(common.load_average().split()[0])
            first = data.targets[i % len(data.targets)]
            then = data.targets[(i + 1) % len(data.targets)]
            for side in sides if i % 2 == 0 else sides[::-1]:
                r = one_round(browser, guard, side, servers[side.name].url, data, first, then, args)
                results[side.name].append(r)
                print(
                    f"  round {i + 1} {side.name}: "
                    + ", ".join(f"{k} {fmt_s(r.get(k))}" for k, _ in MEASURES)
                    + (" LOST" if r.get("lost") else "")
                    + (f" {r['notes']}" if r["notes"] else ""),
                    flush=True,
                )
        rss = {
            name: common.rss_mb(s.process.pid) if s.process else None for name, s in servers.items()
        }
        report(results, loads, cold, rss)
        print(f"  requests aborted (would have left the machine): {len(guard.blocked)}")
        print(f"  load average at end: {common.load_average()}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh contexts per app")
    parser.add_argument("--corridors", type=int, default=0, help="synthetic corridors (0: live)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per wait")
    parser.add_argument(
        "--before", help="also race this dashboard.py (another checkout, e.g. of main)"
    )
    parser.add_argument("--name", default="before", help="the column of --before")
    parser.add_argument("--folder", help="where the synthetic data goes (kept; reused if there)")
    parser.add_argument("--lost-after", type=float, default=20.0, help="first click LOST after")
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
