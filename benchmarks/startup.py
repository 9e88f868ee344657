"""Startup benchmark: process start to a loaded Dataset, cold (no compiled cache) and warm (a hit).

For each size, a synthetic data folder (benchmarks/synthetic.py: made-up corridors, written to a
temporary folder, never into the repository) is loaded by fresh Python processes, as the dashboard
does on its first run:

- cold: an empty cache folder, so the data is read, validated, measured and built, then cached;
- warm: the same cache folder again, so the Dataset comes from the compiled data cache.

Each figure is the wall time from just before the process is spawned to the moment
``dataset.load(datadir, cache=True)`` returns inside it (interpreter start and imports included),
and the process's peak resident memory (``ru_maxrss``). The median of ``--repeat`` runs is shown.
No figure is asserted anywhere: this prints a table and the issue's targets beside it.

    python -m benchmarks.startup                     # 10 and 10,000 corridors, 3 runs each
    python -m benchmarks.startup --sizes 10 1000 --repeat 5
    python -m benchmarks.startup --dashboard         # also: server process start to map drawn

With ``--dashboard``, each start is also measured as a reader meets it: a ``streamlit run`` server
process is spawned on the folder (a fresh cache folder for cold, the same one again for warm), a
fresh headless Chromium page opens the dashboard, and the time runs from the spawn to every route
drawn on the map; the server's resident memory is read then.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import common, synthetic
from corridors.model.datacache import ENV_VAR as CACHE_VAR

#: Run in the child: load with the cache, report when it returned and the peak memory.
CHILD = """
import json, resource, sys, time
from pathlib import Path
from corridors.model import dataset
from corridors.store.datadir import DataDir
ds = dataset.load(DataDir(Path(sys.argv[1])), cache=True)
loaded = time.time()
print(json.dumps({
    "loaded_at": loaded,
    "features": len(ds.features),
    "claims": len(ds.claims),
    "errors": len(ds.errors),
    "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    "cpu_s": sum(resource.getrusage(resource.RUSAGE_SELF)[:2]),
}))
"""

#: The issue's targets (issue 11, item 5).
COLD_TARGET_S = 20.0
WARM_FACTOR = 4.0


def _start(root: Path, cache: Path) -> dict:
    """One process: spawn, load, report. Seconds from spawn to loaded, peak RSS in MiB."""
    env = {**os.environ, CACHE_VAR: os.fspath(cache)}
    started = time.time()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, os.fspath(root)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=600,
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    report["seconds"] = report["loaded_at"] - started
    report["rss_mib"] = report["maxrss_kib"] / 1024
    return report


def _dashboard_start(root: Path, cache: Path, browser, guard, n_features: int) -> dict:
    """Spawn a dashboard server on ``root``, open it: seconds from spawn to the map drawn."""
    from devtools import browser as e2e

    env = {"CORRIDORS_DATA_DIR": os.fspath(root), CACHE_VAR: os.fspath(cache)}
    start = time.perf_counter()
    with e2e.serve(env=env) as server:
        context = e2e.new_context(browser, guard)
        page = context.new_page()
        page.goto(server.url, wait_until="commit", timeout=600_000)
        e2e.wait_for_routes(page, n_features, timeout=600_000)
        seconds = time.perf_counter() - start
        rss = common.rss_mb(server.process.pid) if server.process else None
        context.close()
    return {"seconds": seconds, "rss_mb": rss}


def measure_dashboard(n: int, repeat: int, workdir: Path) -> dict:
    """Server process start to map drawn, cold (new cache folder) and warm (the same again)."""
    from playwright.sync_api import sync_playwright

    from corridors.model import dataset
    from corridors.store.datadir import DataDir
    from devtools import browser as e2e

    root = workdir / f"data-{n}"
    if not root.is_dir():
        synthetic.generate(n, root)
    features = len(dataset.load(DataDir(root)).features)
    guard = e2e.NetworkGuard()
    cold, warm = [], []
    with sync_playwright() as pw:
        browser = e2e.launch(pw)
        for run in range(repeat):
            cache = workdir / f"dash-cache-{n}-{run}"
            cold.append(_dashboard_start(root, cache, browser, guard, features))
            warm.append(_dashboard_start(root, cache, browser, guard, features))
        browser.close()
    return {
        "corridors": n,
        "cold_s": statistics.median(r["seconds"] for r in cold),
        "warm_s": statistics.median(r["seconds"] for r in warm),
        "cold_rss": max(r["rss_mb"] or 0 for r in cold),
        "warm_rss": max(r["rss_mb"] or 0 for r in warm),
        "blocked": len(guard.blocked),
    }


def _folder_mib(root: Path) -> float:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) / 2**20


def measure(n: int, repeat: int, workdir: Path) -> dict:
    """Cold and warm starts of one size, ``repeat`` times each (a new cache folder per cold run)."""
    root = workdir / f"data-{n}"
    synthetic.generate(n, root)
    cold, warm = [], []
    cache_mib = 0.0
    for run in range(repeat):
        cache = workdir / f"cache-{n}-{run}"
        cold.append(_start(root, cache))
        warm.append(_start(root, cache))
        cache_mib = _folder_mib(cache)
    features = {r["features"] for r in cold + warm}
    errors = {r["errors"] for r in cold + warm}
    return {
        "corridors": n,
        "data_mib": _folder_mib(root),
        "cache_mib": cache_mib,
        "cold_s": statistics.median(r["seconds"] for r in cold),
        "warm_s": statistics.median(r["seconds"] for r in warm),
        "cold_cpu": statistics.median(r["cpu_s"] for r in cold),
        "warm_cpu": statistics.median(r["cpu_s"] for r in warm),
        "cold_rss": max(r["rss_mib"] for r in cold),
        "warm_rss": max(r["rss_mib"] for r in warm),
        "features": features,
        "errors": errors,
    }


def _machine() -> str:
    return (
        f"{common.cpu_model()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"load average {common.load_average()}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 10_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--dashboard", action="store_true", help="also time server start to map drawn"
    )
    args = parser.parse_args(argv)
    print(f"machine: {_machine()}")
    rows, dash = [], []
    with tempfile.TemporaryDirectory(prefix="corridors-startup-") as tmp:
        for n in args.sizes:
            print(f"measuring {n} corridors ({args.repeat} cold and warm starts)…", flush=True)
            rows.append(measure(n, args.repeat, Path(tmp)))
            if args.dashboard:
                print(f"  … and the dashboard on {n} corridors", flush=True)
                dash.append(measure_dashboard(n, args.repeat, Path(tmp)))
    header = (
        f"{'corridors':>9} {'data MiB':>8} {'cold s':>7} {'(cpu s)':>7} {'warm s':>7} "
        f"{'(cpu s)':>7} {'cold RSS MiB':>12} {'warm RSS MiB':>12} {'cache MiB':>9}  "
        "features / errors"
    )
    print()
    print(header)
    print("-" * len(header))
    for r in rows:
        print(
            f"{r['corridors']:>9,} {r['data_mib']:>8.1f} {r['cold_s']:>7.2f} {r['cold_cpu']:>7.2f} "
            f"{r['warm_s']:>7.2f} {r['warm_cpu']:>7.2f} "
            f"{r['cold_rss']:>12.0f} {r['warm_rss']:>12.0f} {r['cache_mib']:>9.1f}  "
            f"{'/'.join(map(str, sorted(r['features'])))} / "
            f"{'/'.join(map(str, sorted(r['errors'])))}"
        )
    print()
    print(
        "cold = empty cache: read, validate, measure, build, store; warm = cache hit. Seconds "
        f"from spawning the process to dataset.load returning (median of {args.repeat}); peak "
        "RSS = ru_maxrss of that process; cpu s = its user + system time (wall minus cpu is "
        "waiting: other processes on the machine)."
    )
    if dash:
        print()
        print(
            f"{'corridors':>9} {'dashboard cold s':>16} {'warm s':>7} {'server MB cold/warm':>20}"
        )
        for r in dash:
            print(
                f"{r['corridors']:>9,} {r['cold_s']:>16.2f} {r['warm_s']:>7.2f} "
                f"{r['cold_rss']:>12.0f} / {r['warm_rss']:<6.0f}"
            )
        print(
            "dashboard = from spawning `streamlit run` to every route drawn in a fresh headless "
            "Chromium page (cold: new cache folder; warm: the same folder, new process); server MB "
            f"= resident memory then; requests that would have left the machine: "
            f"{sum(r['blocked'] for r in dash)}"
        )
    small, large = min(rows, key=lambda r: r["corridors"]), max(rows, key=lambda r: r["corridors"])
    if large is not small:
        factor = large["warm_s"] / small["warm_s"]
        print(
            f"targets: {large['corridors']:,} corridors cold start {large['cold_s']:.1f} s "
            f"(target ≤ {COLD_TARGET_S:.0f} s); warm start {factor:.1f}× the "
            f"{small['corridors']:,}-corridor warm start (target ≤ {WARM_FACTOR:.0f}×)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
