"""Click to panel: a real mouse click (desktop) or touch tap (phone) on a route until its
corridor's quotes are visible.

The input is timed inside the page: from its first event in the map frame (a capturing
``pointerdown`` listener, which a mouse click and a tap both send first) to
the first animation frame on which one of that corridor's claims is visible in the panel. Also
when the frontend saw the rerun start and finish, and the websocket bytes each click cost.
"""

from __future__ import annotations

import time

from devtools import browser as e2e

from . import common
from .common import fmt_bytes, fmt_ms, median, percentile, section, table


def click_to_panel(
    page, point: tuple[float, float], claim_id: str, timeout_ms: float, touch: bool = False
) -> dict:
    """A real mouse click or tap; times (ms, in the page) from its first event to the claim
    being visible.

    Also when the frontend saw the rerun start and the script finish ("running" / "notRunning").
    """
    page.evaluate(common.ARM_JS, [e2e.MAP_FRAME, True])
    wall = time.perf_counter()
    if touch:
        page.touchscreen.tap(*point)
    else:
        page.mouse.click(*point)
    page.wait_for_function(
        common.until(common.VISIBLE_JS), arg=common.claim_selector(claim_id), timeout=timeout_ms
    )
    wall = (time.perf_counter() - wall) * 1000
    common.wait_idle(page)
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


def run(browser, guard, url: str, ds, clicks: int, size: str = "desktop 1500x1000") -> dict:
    claims = common.corridor_claims(ds)
    touch = bool(common.SIZES[size].get("has_touch"))
    context, page, errors, ws = common.open_dashboard(
        browser, guard, url, len(ds.features), **common.SIZES[size]
    )
    features = list(claims)
    per_feature: dict[str, list[float]] = {f: [] for f in features}
    results: list[dict] = []
    ws_bytes: list[int] = []
    misses = timeouts = highlighted = 0
    try:
        for i in range(clicks):
            fid = features[i % len(features)]
            common.wait_idle(page)
            point, hit = common.prepared_point(page, fid)
            if not hit:
                misses += 1
                continue
            before = ws.bytes
            try:
                r = click_to_panel(page, point, claims[fid], 30_000, touch)
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
    rows.append(row("all clicks   (target: p95 <= 400 ms)", all_times))
    what = "touch tap" if touch else "mouse click"
    print(section(f"Click to panel, {size}: real {what} on a route -> its quotes visible"))
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
        f"selection highlight present after the rerun: {highlighted}/{len(all_times)}; "
        f"load average {common.load_average()}"
    )
    return {"times": all_times, "ws_bytes": ws_bytes, "results": results}
