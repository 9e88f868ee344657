"""A cold start at scale, in CPU seconds: where the time goes and what the server keeps.

On a machine shared with other work, wall times swing with the load; CPU time does not. So each
measure here is CPU time (user + system) of the process that does the work:

- ``--stages`` (a child process): the cold build step by step — imports, reading
  (``store/rawdata``), parsing and measuring (``geo/parse``), every check (``validate``, the
  slowest by name), the build, the pickle, one after the other; then the whole build as
  ``model/childbuild.py`` runs it, the measures shared in pieces by a fork (from the first route,
  beside the checks) and the build process (from the last, once its checks are done) (CPU of
  each side, and the wall time); then, from that Dataset, the server's
  share of a cold start — the map page, the popups and layer files, the basemap, the place labels,
  the view's options (``view/``);
- the dashboard (``dashboard.py``) in ``streamlit.testing`` on an empty cache folder: the map-only
  first run (the server's CPU and its build child's), then the whole page, 6 layer toggles and 3
  corridors chosen, with the server's resident memory (VmRSS) after each. The server's CPU
  includes AppTest's own: its main thread polls for the script's end every few milliseconds
  while the script (in its own thread) waits for the build child, which a Streamlit server does
  not do; that thread's CPU is printed beside it ("of it AppTest's polling").

    python -m benchmarks.synthetic 10000 /tmp/syn-10000 --no-validate
    python -m benchmarks.coldstart /tmp/syn-10000             # the dashboard, then the stages
    python -m benchmarks.coldstart /tmp/syn-10000 --runs 2    # the dashboard twice

Nothing is asserted; each run prints the machine's load average beside its figures.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corridors.store.datadir import ENV_VAR, REPO_ROOT

from .common import section, table


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _cpu() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def dashboard(root: str) -> dict:
    """The dashboard's cold start and a few interactions in AppTest (run in a child process)."""
    os.environ[ENV_VAR] = root
    os.environ["CORRIDORS_CACHE_DIR"] = tempfile.mkdtemp(prefix="corridors-coldstart-")
    from streamlit.testing.v1 import AppTest

    out: dict = {"load": os.getloadavg()[0]}
    wall, before = time.perf_counter(), _cpu()
    at = AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=3600)
    harness = time.thread_time()  # AppTest's own thread: it polls while the script runs
    at.run()
    harness = time.thread_time() - harness
    after = _cpu()
    out |= {
        "server_cpu": after[0] - before[0],
        "of it AppTest's polling": harness,
        "child_cpu": after[1] - before[1],
        "wall": time.perf_counter() - wall,
        "rss_map": _rss_mb(),
    }
    at.session_state["_painted"] = True  # past the map-only first run (no browser here)
    start = _cpu()[0]
    at.run()
    out["page_cpu"] = _cpu()[0] - start  # the whole page's first run (sidebar, panel, lists)
    out["rss_page"] = _rss_mb()
    toggles = []
    for on in (False, True, False, True, False, True):
        start = _cpu()[0]
        at.toggle(key="layer_corridor").set_value(on).run()
        toggles.append(_cpu()[0] - start)
    out["toggle_cpu"] = sorted(toggles)[len(toggles) // 2]
    out["rss_toggles"] = _rss_mb()
    # three corridors the list offers (at scale it offers a few hundred and a search box)
    offered = len(at.selectbox(key="corridor").options)
    for index in list(range(1, offered, max(1, offered // 3)))[:3]:
        at.selectbox(key="corridor").select_index(index).run()
    out["rss_clicks"] = _rss_mb()
    out["exceptions"] = len(at.exception)
    return out


def stages(root: str) -> dict:
    """The cold build step by step, then the server's share, in CPU seconds (run in a child)."""
    clock = time.process_time
    out: dict = {"load": os.getloadavg()[0]}
    start = clock()
    import gc

    from corridors import validate
    from corridors.geo import parse
    from corridors.model import dataset
    from corridors.store import rawdata
    from corridors.store.datadir import DataDir

    out["imports"] = clock() - start
    gc.disable()  # as dataset.load does while it builds
    start = clock()
    raw = rawdata.read(DataDir(Path(root)))
    out["read"] = clock() - start
    start = clock()
    parsed = parse.parse(raw)
    out["parse"] = clock() - start
    ctx, problems, checks = validate.Context(raw, parsed), [], {}
    start = clock()
    for fn in validate.CHECKS:
        began = clock()
        problems += [dataclasses.replace(p, check=fn.__name__) for p in fn(ctx)]
        checks[fn.__name__] = clock() - began
    out["validate"] = clock() - start
    out["slowest checks"] = ", ".join(
        f"{name} {s:.2f}" for name, s in sorted(checks.items(), key=lambda kv: -kv[1])[:4]
    )
    start = clock()
    ds = dataset.build(raw, parsed, problems)
    out["build"] = clock() - start
    start = clock()
    data = pickle.dumps(ds, protocol=pickle.HIGHEST_PROTOCOL)
    out["pickle"] = clock() - start
    del raw, parsed, ctx, data
    gc.enable()
    out |= concurrent_build(root)
    out |= server_share(ds)
    return out


def concurrent_build(root: str) -> dict:
    """The build as the child runs it (``dataset.load(concurrent=True)``): the routes measured in
    pieces by a fork while the checks run here, then by both (``forked.share``). CPU of this
    process and of the fork, and the wall time (on an idle two-core machine about the larger
    side; on a loaded one, nothing to go by)."""
    from corridors.model import dataset
    from corridors.store.datadir import DataDir

    wall, own, forks = time.perf_counter(), time.process_time(), _cpu()[1]
    dataset._load(DataDir(Path(root)), concurrent=True)
    return {
        "build in two processes: this one / the fork / wall": (
            f"{time.process_time() - own:.2f} / {_cpu()[1] - forks:.2f} / "
            f"{time.perf_counter() - wall:.2f}"
        )
    }


def server_share(ds) -> dict:
    """What a cold start's server does with the Dataset: the page and the data files."""
    clock = time.process_time
    out: dict = {}
    from corridors.schema import KINDS
    from corridors.view import filters, mapbuild, mapcomponent, places

    folder = Path(tempfile.mkdtemp(prefix="corridors-coldstart-map-"))
    start = clock()
    mapcomponent.prepare(folder)
    out["map page"] = clock() - start
    start = clock()
    maker = mapbuild.PopupMaker(ds)
    for kind in KINDS:
        ids = list(ds.features.index[ds.features["kind"] == kind])
        mapbuild.layer_bytes(ds, ids, maker)
    out["layer files"] = clock() - start
    start = clock()
    mapcomponent.basemap_collection(ds)
    out["basemap"] = clock() - start
    start = clock()
    places.places(
        ds.boundaries, ds.features.geometry, [ds.stretches.get(i) for i in ds.features.index]
    )
    out["place labels"] = clock() - start
    start = clock()
    filters.options(ds)
    out["view options"] = clock() - start
    return out


def _child(step: str, root: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.coldstart", "--step", step, root],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        return {"error": (done.stderr.strip().splitlines() or ["failed"])[-1][:160]}
    return json.loads(lines[-1])


def _fmt(value: object) -> str:
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", help="a data folder (benchmarks/synthetic.py writes one)")
    parser.add_argument("--runs", type=int, default=1, help="dashboard cold starts")
    parser.add_argument("--no-stages", action="store_true")
    parser.add_argument("--step", choices=("dashboard", "stages"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.step:
        print(json.dumps((dashboard if args.step == "dashboard" else stages)(args.root)))
        return 0
    print(section(f"Cold start, CPU seconds: {args.root}"))
    runs = [_child("dashboard", args.root) for _ in range(args.runs)]
    keys = [k for k in runs[0] if k != "error"] if runs else []
    print(
        table(
            ["dashboard (AppTest)", *(f"run {i + 1}" for i in range(len(runs)))],
            [
                [key, *(_fmt(r.get(key, r.get("error", ""))) for r in runs)]
                for key in keys or ["error"]
            ],
        )
    )
    if not args.no_stages:
        found = _child("stages", args.root)
        print(table(["stage (CPU s)", "value"], [[k, _fmt(v)] for k, v in found.items()]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
