"""Long main-thread tasks, whatever the input: every task over 50 ms in the page and the map frame.

    python -m benchmarks.longtasks                      # desktop 1500x1000 and phone 390x844
    python -m benchmarks.longtasks --clicks 40 --bare 6 --keys 6
    CORRIDORS_DATA_DIR=DIR python -m benchmarks.longtasks --only "click then toggle" --sizes desktop

At each size, on the dashboard (the data folder CORRIDORS_DATA_DIR, else the live data), it sends
three kinds of input, each in its own fresh context (the page's load counted apart):
  pointer   ``--clicks`` real pointer events on routes in a row (a mouse click on the desktop, a
            touch tap on the phone): every kind, the legs of one system in sequence, each opening
            its popup; the point is found from the route's projected coordinates and checked with
            the browser's own hit-test (devtools.pagejs.HIT_POINT)
  bare      ``--bare`` clicks that carry no position, from the first view: a ``click`` event
            dispatched on the route's path, as a script's element.click(), automation or some
            assistive tools send (Leaflet reads them as the frame's top left corner)
  keyboard  ``--keys`` times a route focused, then Enter or Space
  click then toggle  ``--toggles`` times (desktop): a real click on a route, and as soon as its
            popup is open, a real click at the place of the layer switch of the data's largest
            kind, without waiting for the click's rerun or the page; prints switch pressed (the
            press event's time stamp, so time spent waiting behind a long task counts) -> that
            kind's line pane hidden, in the page, and any error in either document
After each input it waits for the popup and for the app to be idle. A PerformanceObserver
('longtask', buffered) in the top page and in the map frame records every task over 50 ms, each
counted for the document that ran it (the entry's attribution), per input kind (the page's load
apart) with the longest. Prints figures only.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from corridors.view.mapcomponent import CACHE_ENV
from devtools import browser as e2e
from devtools.pagejs import MAP_FRAME

from . import common
from .common import section, table

SIZES = common.SIZES

#: Installed in every document of the context (the page and the map frame) before its scripts.
OBSERVE_JS = """(() => {
    window.__longtasks = [];
    try {
        new PerformanceObserver((list) => {
            for (const e of list.getEntries()) window.__longtasks.push([e.duration, e.name]);
        }).observe({type: 'longtask', buffered: true});
    } catch (e) { window.__longtasks = null; }
})();"""

#: The tasks recorded since the last call (and forgets them): [page's, frame's]. The frame shares
#: the page's origin and main thread, so each document sees every task; a task's ``name`` says
#: whose it was ("self"; the page also keeps those it cannot attribute).
DRAIN_JS = """(sel) => {
    const take = (w, own) => (w && w.__longtasks)
        ? w.__longtasks.splice(0).filter(t => own.includes(t[1])).map(t => t[0]) : null;
    const f = document.querySelector(sel);
    return [take(window, ['self', 'unknown', 'multiple-contexts', 'cross-origin-unreachable']),
            take(f && f.contentWindow, ['self'])];
}"""

#: Every error either document throws (the page and the map frame), kept in the document.
ERRORS_JS = """(() => {
    window.__errors = [];
    window.addEventListener('error', (e) => window.__errors.push(String(e.message)));
    window.addEventListener('unhandledrejection', (e) => window.__errors.push(String(e.reason)));
})();"""

#: The errors seen since the last call, in the page and the map frame (and forgets them).
TAKE_ERRORS_JS = """(sel) => {
    const take = (w) => (w && w.__errors) ? w.__errors.splice(0) : [];
    const f = document.querySelector(sel);
    return [...take(window), ...take(f && f.contentWindow)];
}"""

#: The feature's interactive path: focus it (keyboard) or send it a click without a position.
PATH_ACTION_JS = """([sel, fid, action]) => {
    const w = document.querySelector(sel).contentWindow;
    const m = w.corridorsMap;
    let el = null;
    m.eachLayer(l => {
        const p = l.feature && l.feature.properties;
        if (p && p.id === fid && l._path && l._path.classList.contains('leaflet-interactive'))
            el = l._path;
    });
    if (!el) return false;
    m.closePopup();
    if (action === 'focus') { el.focus(); return w.document.activeElement === el; }
    el.dispatchEvent(new w.MouseEvent('click', {bubbles: true, cancelable: true}));
    return true;
}"""

#: Whether a popup is open in the map frame.
POPUP_OPEN_JS = """(sel) => {
    const d = document.querySelector(sel).contentDocument;
    return !!d.querySelector('.leaflet-popup');
}"""


def click_order(ds) -> list[str]:
    """Every feature, the legs of one system in a row (the data's order), systems in turn."""
    by_corridor: dict[str, list[str]] = {}
    for fid, corridor in zip(ds.features.index, ds.features["corridor"], strict=True):
        by_corridor.setdefault(str(corridor), []).append(str(fid))
    return [fid for ids in by_corridor.values() for fid in ids]


class Tasks:
    """Long tasks per input kind, in the page and the map frame."""

    def __init__(self) -> None:
        self.by_kind: dict[str, dict[str, list[float]]] = {}
        self.inputs: dict[str, int] = {}
        self.missed: dict[str, int] = {}
        self.stuck: dict[str, bool] = {}
        self.hidden_s: list[float] = []  # click then toggle: switch pressed -> layer hidden
        self.errors: list[str] = []  # thrown in either document during the inputs

    def drain(self, page, kind: str) -> None:
        got = page.evaluate(DRAIN_JS, MAP_FRAME)
        slot = self.by_kind.setdefault(kind, {"page": [], "frame": []})
        for where, durations in zip(("page", "frame"), got, strict=True):
            slot[where].extend(durations or [])


def settle_after(page, timeout_s: float) -> bool:
    """Popup open, the map still, the app idle; False if that did not come in time."""
    try:
        page.wait_for_function(POPUP_OPEN_JS, arg=MAP_FRAME, timeout=timeout_s * 1000)
        e2e.settle(page, timeout=timeout_s * 1000)
        common.wait_idle(page, timeout_ms=timeout_s * 1000)
        return True
    except Exception as exc:
        if not common.timed_out(exc):
            raise
        return False


def _open(browser, guard, url: str, ds, size: str, args, tasks: Tasks):
    """A fresh context at this size, long tasks observed; the dashboard loaded and at rest."""
    context = browser.new_context(**SIZES[size])
    context.route("**/*", guard.handle)
    context.add_init_script(OBSERVE_JS)
    context.add_init_script(ERRORS_JS)
    page = context.new_page()
    page.goto(url, wait_until="commit")
    e2e.wait_for_routes(page, len(ds.features), timeout=args.page_timeout * 1000)
    e2e.wait_for_page(page, timeout=args.page_timeout * 1000)
    common.wait_idle(page)
    e2e.settle(page)
    tasks.drain(page, "page load")
    return context, page


def _pointer(page, ds, kind: str, touch: bool, args, tasks: Tasks) -> None:
    order = click_order(ds)
    done = tried = 0
    while done < args.clicks and tried < args.clicks * 3:
        fid = order[tried % len(order)]
        tried += 1
        point, hit = common.prepared_point(page, fid, tries=3)
        if not hit:  # under another route's hit line (the pipeline's shared centreline)
            continue
        if touch:
            page.touchscreen.tap(*point)
        else:
            page.mouse.click(*point)
        done += 1
        tasks.inputs[kind] += 1
        tasks.missed[kind] += not settle_after(page, args.input_timeout)
        tasks.drain(page, kind)


def _on_path(page, ds, kind: str, action: str, n: int, args, tasks: Tasks) -> None:
    """Clicks without a position (action "click") or keyboard selections ("focus"), sent one
    after another from the first view; a phase ends early when the map never comes to rest
    (every later input would wait as long)."""
    order = click_order(ds)
    for i in range(n):
        fid = order[i * 3 % len(order)]
        if not page.evaluate(PATH_ACTION_JS, [MAP_FRAME, fid, action]):
            continue
        if action == "focus":
            page.keyboard.press("Enter" if i % 2 == 0 else " ")
        tasks.inputs[kind] += 1
        settled = settle_after(page, args.input_timeout)
        tasks.drain(page, kind)
        if not settled:
            tasks.missed[kind] += 1
            tasks.stuck[kind] = True
            break


CLICK_TOGGLE = "click then toggle"
#: Long tasks while the benchmark finds a route's point (it may zoom onto the route, which
#: redraws every path): counted apart from the inputs'.
PREPARING = "(finding a route's point)"

#: Note when the next press reaches the top page: the event's own time stamp (when the browser
#: took the input), so a press that waited behind a long task counts the wait.
ARM_PRESS_JS = """() => {
    const b = window.__bench = {click: null, done: null};
    document.addEventListener('pointerdown', (e) => { b.click = e.timeStamp; },
        {capture: true, once: true});
    return true;
}"""

#: A kind's routes hidden: its line pane hidden (map.js hides a kind by its panes), or gone. Read
#: from the pane, not route by route: at 10,000 corridors a walk over every route (as
#: ``pagejs.KIND_SWITCHED`` does) is itself a long task, and would be counted as the page's.
KIND_HIDDEN_JS = """([sel, kind]) => {
    const d = document.querySelector(sel).contentDocument;
    const pane = d.querySelector('.leaflet-corridors-line-' + kind + '-pane');
    return !pane || pane.classList.contains('corridors-hidden') || !pane.querySelector('path');
}"""


def largest_kind(ds) -> str:
    """The kind with the most features: the switch whose layer is the most to hide."""
    return str(ds.features["kind"].value_counts().idxmax())


def _click_then_toggle(page, ds, kind: str, args, tasks: Tasks) -> None:
    """A click on a route, and the layer switch pressed as soon as the popup is open (the
    click's rerun still on its way); then the layer back on, on an idle page."""
    from corridors.schema import KINDS

    layer = largest_kind(ds)
    switch = e2e.layer_switch(page, KINDS[layer].label)
    order = click_order(ds)
    done = tried = 0
    while done < args.toggles and tried < args.toggles * 5:
        fid = order[(tried * 7) % len(order)]
        tried += 1
        point, hit = common.prepared_point(page, fid, tries=3)
        tasks.drain(page, PREPARING)  # finding the point may zoom the map: not the input's
        if not hit:
            continue
        page.evaluate(TAKE_ERRORS_JS, MAP_FRAME)
        box = switch.bounding_box()  # pressed below by its place: no wait for the page
        page.mouse.click(*point)
        page.wait_for_function(POPUP_OPEN_JS, arg=MAP_FRAME, timeout=args.input_timeout * 1000)
        page.evaluate(ARM_PRESS_JS)
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        tasks.inputs[kind] += 1
        done += 1
        try:
            page.wait_for_function(
                common.until(KIND_HIDDEN_JS),
                arg=[MAP_FRAME, layer],
                timeout=args.input_timeout * 1000,
            )
            b = page.evaluate(common.BENCH_RESULT_JS) or {}
            tasks.hidden_s.append((b["done"] - b["click"]) / 1000)
        except Exception as exc:
            if not common.timed_out(exc):
                raise
            tasks.missed[kind] += 1  # the layer was never hidden
        common.wait_idle(page, timeout_ms=args.input_timeout * 1000)
        tasks.drain(page, kind)
        tasks.errors.extend(page.evaluate(TAKE_ERRORS_JS, MAP_FRAME))
        switch.click(timeout=args.input_timeout * 1000)  # back on, for the next round
        page.wait_for_function(
            f"(arg) => !({KIND_HIDDEN_JS})(arg)", arg=[MAP_FRAME, layer], timeout=60_000
        )
        common.wait_idle(page, timeout_ms=args.input_timeout * 1000)
        tasks.drain(page, "(switch back on)")
        tasks.errors.extend(page.evaluate(TAKE_ERRORS_JS, MAP_FRAME))


def run_size(browser, guard, url: str, ds, size: str, args) -> Tasks:
    """Each input kind in its own fresh context, so that one kind's trouble never counts
    against another."""
    tasks = Tasks()
    touch = bool(SIZES[size].get("has_touch"))
    kinds = [
        (
            "touch tap" if touch else "mouse click",
            lambda page, k: _pointer(page, ds, k, touch, args, tasks),
        ),
        (
            "click, no position",
            lambda page, k: _on_path(page, ds, k, "click", args.bare, args, tasks),
        ),
        ("keyboard", lambda page, k: _on_path(page, ds, k, "focus", args.keys, args, tasks)),
    ]
    if not touch:  # a phone's sidebar starts folded, over the map
        kinds.append((CLICK_TOGGLE, lambda page, k: _click_then_toggle(page, ds, k, args, tasks)))
    if args.only:
        kinds = [(k, send) for k, send in kinds if k in args.only]
    for kind, send in kinds:
        tasks.inputs[kind] = tasks.missed[kind] = 0
        context, page = _open(browser, guard, url, ds, size, args, tasks)
        try:
            send(page, kind)
        finally:
            context.close()
    return tasks


def report(size: str, tasks: Tasks) -> None:
    def ms(values: list[float]) -> str:
        return f"{max(values):,.0f}" if values else "-"

    rows = []
    for kind, slot in tasks.by_kind.items():
        both = slot["page"] + slot["frame"]
        rows.append(
            [
                kind + (" (map never at rest: stopped)" if tasks.stuck.get(kind) else ""),
                tasks.inputs.get(kind, 1) if kind != "page load" else "-",
                tasks.missed.get(kind, 0) if kind != "page load" else "-",
                len(slot["page"]),
                ms(slot["page"]),
                len(slot["frame"]),
                ms(slot["frame"]),
                sum(d > 200 for d in both),
            ]
        )
    print(f"\n  {size}")
    print(
        table(
            [
                "input",
                "inputs",
                "no popup/idle",
                "tasks>50ms page",
                "max ms",
                "tasks>50ms frame",
                "max ms",
                "tasks>200ms",
            ],
            rows,
            indent="    ",
        )
    )
    if CLICK_TOGGLE in tasks.inputs:
        got = sorted(tasks.hidden_s)
        shown = ", ".join(f"{t:.2f}" for t in got) or "-"
        print(
            f"    {CLICK_TOGGLE}: switch pressed -> layer hidden, in the page: {shown} s "
            f"(median {common.fmt_s(common.median(got), 2) if got else '-'}; "
            f"{tasks.missed.get(CLICK_TOGGLE, 0)} never hidden)"
        )
    errors = sorted(set(tasks.errors))
    print(f"    errors thrown in the page or the map frame: {len(tasks.errors)}")
    for text in errors[:5]:
        print(f"      {text[:150]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Long main-thread tasks per input kind.")
    parser.add_argument("--clicks", type=int, default=40, help="pointer inputs per size")
    parser.add_argument("--bare", type=int, default=6, help="clicks without a position per size")
    parser.add_argument("--keys", type=int, default=6, help="keyboard selections per size")
    parser.add_argument("--sizes", default=",".join(SIZES), help="comma-separated")
    parser.add_argument("--toggles", type=int, default=4, help="clicks then toggles (desktop)")
    parser.add_argument(
        "--only",
        type=lambda t: [k.strip() for k in t.split(",")],
        default=None,
        help='input kinds to send, comma-separated (e.g. "click then toggle")',
    )
    parser.add_argument(
        "--cache", default=None, help="cache folder to keep between runs (default: a new one)"
    )
    parser.add_argument("--input-timeout", type=float, default=60.0, help="seconds per input")
    parser.add_argument("--page-timeout", type=float, default=120.0)
    args = parser.parse_args(argv)
    # a size by its name or its first word ("desktop", "phone")
    named = {name.split()[0]: name for name in SIZES} | {name: name for name in SIZES}
    sizes = [named.get(s.strip(), s.strip()) for s in args.sizes.split(",") if s.strip()]

    from playwright.sync_api import sync_playwright

    from corridors.model import dataset
    from corridors.store.datadir import resolve

    datadir = resolve()
    ds = dataset.load(datadir)
    guard = e2e.NetworkGuard()
    common.LOG_DIR.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with (
        tempfile.TemporaryDirectory(prefix="corridors-longtasks-") as temporary,
        sync_playwright() as pw,
    ):
        cache = args.cache or temporary
        browser = e2e.launch(pw)
        try:
            print("Long main-thread tasks per input (loopback only, network blocked)")
            print("\n".join("  " + line for line in common.machine_lines(browser.version)))
            print(f"  data      {datadir.root}: {len(ds.features)} features")
            env = {CACHE_ENV: str(Path(cache))}
            with e2e.serve(env=env, log_dir=common.LOG_DIR) as dash:
                print(section("Tasks over 50 ms in the top page and the map frame, per input"))
                for size in sizes:
                    report(size, run_size(browser, guard, dash.url, ds, size, args))
        finally:
            browser.close()
    print(f"\nrequests blocked: {len(guard.blocked)}")
    print(
        f"total {time.perf_counter() - started:.0f} s; load average at end {common.load_average()}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
