"""Scaling: synthetic data folders of 10..10,000 corridors (benchmarks/synthetic.py).

Each step (validate, build, rerun) runs in a child process (``python -m benchmarks.scaling
--worker STEP DIR``) so a slow one can be stopped; then the dashboard on that folder in a real
browser: first page after server start, warm time to map, a layer toggle and a click rerun (time
and websocket bytes) and the server's memory.
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
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corridors.store.datadir import ENV_VAR, REPO_ROOT
from devtools import browser as e2e
from devtools import pagejs

from . import common, timetomap
from . import reruns as rerun_bench
from .common import fmt_bytes, fmt_exp, fmt_ms, fmt_s, median, section, table


def _emit(**values) -> None:
    print(json.dumps(values), flush=True)


PROFILE_FILTER = r"dashboard|corridors|folium|branca|jinja2|pandas|shapely|json"


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
        from corridors.store import rawdata
        from corridors.store.datadir import DataDir
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
        from corridors.model import dataset
        from corridors.publish import export
        from corridors.store.datadir import DataDir
        from corridors.view import mappage

        # Validation is timed by the "validate" step (and found no errors there); skipping it here
        # lets export and map build be measured at sizes where validation alone takes minutes.
        dataset.validate = lambda raw, *_, **__: []
        if profile:
            profile.enable()
        start = time.perf_counter()
        ds = dataset.load(DataDir(datadir_root))
        _emit(load_s=time.perf_counter() - start, features=len(ds.features))
        start = time.perf_counter()
        text = export.to_geojson(ds)
        _emit(export_s=time.perf_counter() - start, export_bytes=len(text.encode()))
        start = time.perf_counter()
        html = mappage.full_map(ds).get_root().render()
        _emit(map_s=time.perf_counter() - start, map_bytes=len(html.encode()))
        if profile:
            profile.disable()
            _emit(profile=_profile_text(profile))
        return 0
    if step == "rerun":
        # The dashboard's own script, in-process, on this data folder (as reruns.server_work does).
        # Validation is timed by the "validate" step; skipped here, as in "build", so the reruns
        # can be measured at sizes where validation alone takes minutes.
        os.environ[ENV_VAR] = str(datadir_root)
        from streamlit.testing.v1 import AppTest

        from corridors.model import dataset

        dataset.validate = lambda raw, *_, **__: []

        at = AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=timeout_s)
        at.session_state["_painted"] = True  # past the map-only first run (no browser here)
        start = time.perf_counter()
        at.run()
        _emit(first_s=time.perf_counter() - start, exceptions=len(at.exception))
        times = []
        with rerun_bench.profiled_script_runs(profile):
            for _ in range(reruns):
                start = time.perf_counter()
                at.run()
                times.append(time.perf_counter() - start)
        json_bytes, _, _ = rerun_bench.component_args(at)
        _emit(rerun_s=median(times), reruns=len(times), args_bytes=json_bytes)
        toggles, toggle_bytes = [], []
        for on in (False, True, False, True):
            start = time.perf_counter()
            at.toggle(key="layer_corridor").set_value(on).run()
            toggles.append(time.perf_counter() - start)
            toggle_bytes.append(rerun_bench.component_args(at)[1])
        _emit(toggle_s=median(toggles), toggle_proto_bytes=max(toggle_bytes))
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
        "benchmarks.scaling",
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
    """Time to map (first page after start, then warm), a toggle and a click rerun, memory."""
    out: dict = {"cold": None, "times": [], "note": "", "rerun": {}}
    env = {ENV_VAR: str(root)}
    with e2e.serve(env=env, log_dir=common.LOG_DIR) as server:
        ready = timetomap.routes_ready(n)
        cold, note = timetomap.load_once(browser, guard, server.url, ready, timeout_s)
        out["cold"] = cold
        if cold is None:
            out["note"] = f"first load: {note}"
            return out
        for _ in range(runs):
            took, note = timetomap.load_once(browser, guard, server.url, ready, timeout_s)
            if took is None:
                out["note"] = note
                break
            out["times"].append(took)
        try:
            out["rerun"] = reruns_at_scale(browser, guard, server.url, n, timeout_s)
        except Exception as exc:  # reported, never raised
            out["note"] += f" reruns: {type(exc).__name__}: {str(exc).splitlines()[0][:100]}"
        out["rss_mb"] = common.rss_mb(server.process.pid) if server.process else None
    return out


def reruns_at_scale(browser, guard, url: str, n: int, timeout_s: float, repeat: int = 3) -> dict:
    """A corridor-layer toggle (off and on) and a click on a route: seconds and websocket bytes."""
    from corridors.schema import KINDS

    context, page, _, ws = common.open_dashboard(browser, guard, url, n, timeout_s * 1000)
    result: dict = {"toggle_s": [], "toggle_bytes": [], "click_s": [], "click_bytes": []}
    try:
        label = KINDS["corridor"].label
        switch = e2e.layer_switch(page, label)
        for _ in range(repeat):
            for on in (False, True):
                common.wait_idle(page)
                before = ws.bytes
                page.evaluate(common.ARM_JS, [e2e.MAP_FRAME, False])
                switch.click()
                page.wait_for_function(
                    common.until(pagejs.KIND_SWITCHED),
                    arg=[e2e.MAP_FRAME, "corridor", on, 1 if on else 0],
                    timeout=60_000,
                )
                common.wait_idle(page, 60_000)
                b = page.evaluate(common.BENCH_RESULT_JS) or {}
                if b.get("click") is not None and b.get("done") is not None:
                    result["toggle_s"].append((b["done"] - b["click"]) / 1000)
                result["toggle_bytes"].append(ws.bytes - before)
        clicked: list[str] = []
        for _ in range(repeat):  # a different corridor each time, so the panel must change
            common.wait_idle(page)
            page.wait_for_function(pagejs.PREPARE_CLICK, arg=e2e.MAP_FRAME, timeout=10_000)
            e2e.settle(page)
            found = page.evaluate(pagejs.ANY_ROUTE_POINT, [e2e.MAP_FRAME, 6, clicked])
            if not found:
                raise RuntimeError(f"no other route under any point of the map after {clicked}")
            _, corridor, point = found
            clicked.append(corridor)
            before = ws.bytes
            page.evaluate(common.ARM_JS, [e2e.MAP_FRAME, True])
            page.mouse.click(*point)
            panel = f"[data-testid=corridor-panel][data-corridor={json.dumps(corridor)}]"
            page.wait_for_function(common.until(common.VISIBLE_JS), arg=panel, timeout=60_000)
            common.wait_idle(page, 60_000)
            b = page.evaluate(common.BENCH_RESULT_JS) or {}
            if b.get("click") is not None and b.get("done") is not None:
                result["click_s"].append((b["done"] - b["click"]) / 1000)
            result["click_bytes"].append(ws.bytes - before)
    finally:
        context.close()
    return result


def run(args, browser, guard) -> dict:
    from .synthetic import folder_bytes, generate

    sizes = args.sizes
    runs = args.runs or 3
    scale_reruns = min(args.reruns, 5)
    results: dict[int, dict] = {}
    profiled = max([n for n in sizes if n <= args.profile_max], default=None)
    profiles: dict[str, str] = {}
    base = Path(tempfile.mkdtemp(prefix="corridors-synthetic-"))
    print(section("Scaling: synthetic data (benchmarks/synthetic.py), one size at a time"))
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
        "(timed apart);\n  export = export.to_geojson; map build = mappage.full_map + render"
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
            fmt_ms(rr.get("toggle_s")) if "toggle_s" in rr else "-",
            fmt_bytes(rr.get("toggle_proto_bytes")),
        ]
        if browser:
            d = r.get("dashboard") or {}
            cold = d.get("cold")
            row += [
                fmt_s(cold, 2) if cold is not None else "timeout",
                fmt_s(median(d.get("times", [])), 2) if d.get("times") else "timeout",
                f"{len(d.get('times', []))}/{runs}",
            ]
            rr_b = d.get("rerun") or {}
            row += [
                fmt_s(median(rr_b.get("toggle_s", [])), 2),
                fmt_bytes(median(rr_b.get("toggle_bytes", []))),
                fmt_s(median(rr_b.get("click_s", [])), 2),
                fmt_bytes(median(rr_b.get("click_bytes", []))),
                f"{d['rss_mb']:.0f}" if d.get("rss_mb") else "-",
            ]
        rows.append(row)
    headers = ["corridors", "AppTest 1st run s", "rerun ms", "map args/rerun", "toggle ms"]
    headers += ["toggle map msg"]
    if browser:
        headers += ["dash 1st load s", "dash time to map s", "runs"]
        headers += ["toggle s", "toggle ws", "click s", "click ws", "server MB"]
    print("\n  dashboard")
    print(table(headers, rows))
    print(
        "  AppTest 1st run = dashboard.py's first run in-process (load with validation, build "
        f"caches; validation skipped, timed above); rerun = median of {reruns}\n  warm reruns; toggle = corridor layer off/on in AppTest, map msg = the component's whole message; map args = the map component's JSON args per "
        "rerun; dash 1st load = first page after server start\n  (includes the first run); "
        f"dash time to map = median of {runs} fresh contexts after that; timeout = over "
        "the page limit;\n  toggle / click = corridor layer off or on / a click on a route -> "
        "drawn / panel shown (median, in the page),\n  ws = bytes received over the websocket for "
        "that rerun; server MB = resident memory of the server after them"
    )
    dash = [("first_run", "AppTest 1st run"), ("rerun", "rerun"), ("args_bytes", "map args")]
    if browser:
        dash += [("dash_cold", "dash 1st load"), ("dashboard", "dash time to map")]
    print(_exponents(results, dash))
    print("  (1 = linear, 2 = quadratic; log(t2/t1)/log(n2/n1))")


def main(argv: list[str] | None = None) -> int:
    """Only the worker entry point: ``python -m benchmarks.run --sections scaling`` runs the
    section."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--worker", nargs=2, metavar=("STEP", "DATADIR"), required=True)
    parser.add_argument("--reruns", type=int, default=5)
    parser.add_argument("--step-timeout", type=float, default=1200.0)
    args = parser.parse_args(argv)
    return worker(*args.worker, reruns=args.reruns, timeout_s=args.step_timeout)


if __name__ == "__main__":
    sys.exit(main())
