"""Cache growth: 100 successive data edits with the app running, the cache folder and memory after
every 10.

The app runs in this process (Streamlit's AppTest runs dashboard.py as the server would, with its
caches) on a copy of the live data, with a cache folder of its own. Each edit changes one claim's
note in the copy (a new data version: new fingerprint, new compiled dataset, new map data files),
then the app runs as a reader's next rerun would, alternately with and without a corridor chosen
(so the panel's caches fill too). Printed after every 10 edits: the cache folder's files and size,
the process's resident memory, and the rerun's time. Nothing is asserted (tests/test_cache_bounds.py
proves the bound).

    python -m benchmarks.cachegrowth            # 100 edits
    python -m benchmarks.cachegrowth --edits 30
"""

from __future__ import annotations

import argparse
import csv
import gc
import io
import os
import shutil
import tempfile
import time
from pathlib import Path

from corridors.model.datacache import ENV_VAR as CACHE_VAR
from corridors.store.datadir import ENV_VAR, REPO_ROOT

from . import common
from .common import fmt_bytes, section, table


def _folder_size(root: Path) -> tuple[int, int]:
    files = [p for p in root.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def _edit(claims: Path, n: int) -> None:
    """One curator's edit: the first claim's note gets a counter (same size every time)."""
    text = claims.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    header = text.splitlines()[0].split(",")
    rows[0]["note"] = rows[0]["note"].split(" [edit ")[0] + f" [edit {n:04d}]"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    claims.write_text(out.getvalue(), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=100)
    parser.add_argument("--every", type=int, default=10)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="corridors-cachegrowth-"))
    data, cache = work / "data", work / "cache"
    shutil.copytree(REPO_ROOT / "geodata", data / "geodata")
    shutil.copytree(REPO_ROOT / "seeds", data / "seeds")
    for path in data.rglob("*"):
        path.chmod(path.stat().st_mode | 0o200)
    cache.mkdir(mode=0o700)
    os.environ[ENV_VAR] = os.fspath(data)
    os.environ[CACHE_VAR] = os.fspath(cache)

    from streamlit.testing.v1 import AppTest

    from corridors.model import dataset
    from corridors.store.datadir import DataDir

    corridors = list(dataset.load(DataDir(data)).corridors.index)
    at = AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=600)
    at.session_state["_painted"] = True  # past the map-only first run (no browser here)
    at.run()
    rows = []
    exceptions = len(at.exception)

    def sample(edits: int, took: float) -> None:
        gc.collect()
        count, size = _folder_size(cache)
        rss = common.rss_mb(os.getpid())
        rows.append([edits, count, fmt_bytes(size), f"{rss:.0f}" if rss else "-", f"{took:.2f}"])

    sample(0, 0.0)
    for n in range(1, args.edits + 1):
        _edit(data / "geodata" / "claims.csv", n)
        corridor = corridors[n % len(corridors)] if n % 2 else None
        start = time.perf_counter()
        if corridor is not None:
            at.selectbox(key="corridor").set_value(corridor)
        at.run()
        took = time.perf_counter() - start
        exceptions += len(at.exception)
        if corridor is not None:
            at.selectbox(key="corridor").set_value("")
        if n % args.every == 0:
            sample(n, took)
    print(section(f"Cache folder and memory over {args.edits} data edits (AppTest, live data)"))
    print("\n".join(common.machine_lines()[:3]))
    print(table(["edits", "cache files", "cache size", "RSS MB", "last rerun s"], rows))
    print(f"  exceptions in the app: {exceptions}; load average {common.load_average()}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
