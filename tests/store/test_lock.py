"""Concurrent curators: one writer of the curated tables at a time (corridors/store/lock.py).

Real processes, as two terminals would run them: two `ingest`s and two `review`s started at once
lose nothing, and a process that cannot get the lock says so in one line and writes nothing.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from corridors.store import lock

from fixtures import INGEST_ROOT

ARTICLE = INGEST_ROOT / "900_fictional_tracklaying.txt"
STEM = ARTICLE.stem


def _start(*args: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "corridors", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), **env},
    )


def _finish(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=180)
    return proc.returncode, out, err


def _ids(path: Path, column: str) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row[column] for row in csv.DictReader(handle)]


def _together(*commands: list[str], holder=None) -> list[tuple[int, str, str]]:
    """Start every command while this test holds the lock, then let go: they all reach their
    read-modify-write at the same moment, which is when unlocked writers lose rows."""
    with lock.writing(holder):
        procs = [_start(*c) for c in commands]
        time.sleep(3)  # let each process import and reach the lock
    return [_finish(p) for p in procs]


def _data_files(data_copy) -> dict[Path, bytes]:
    """Every file in the data folders (the lock file lives beside them, not in them)."""
    folders = (data_copy.path("geodata"), data_copy.path("seeds"))
    return {p: p.read_bytes() for f in folders for p in f.rglob("*") if p.is_file()}


def _more_articles(tmp_path: Path, count: int) -> list[Path]:
    """Other articles (other names, other bytes) to ingest beside the first."""
    out = []
    for n in range(count):
        other = tmp_path / f"9{10 + n}_fictional_tracklaying_again.txt"
        text = ARTICLE.read_text(encoding="utf-8") + f"\nA line only copy {n} has.\n"
        other.write_text(text, encoding="utf-8")
        out.append(other)
    return out


def test_ingests_at_once_lose_nothing(data_copy, tmp_path: Path) -> None:
    """Three terminals ingest three articles at once: sources.csv lists all three, once each."""
    root = os.fspath(data_copy.root)
    articles = [ARTICLE, *_more_articles(tmp_path, 2)]
    done = _together(
        *(["--data-dir", root, "ingest", os.fspath(a)] for a in articles),
        holder=data_copy.datadir,
    )
    assert [code for code, _, _ in done] == [0, 0, 0], done
    listed = _ids(data_copy.path("seeds/sources.csv"), "file")
    assert {a.name for a in articles} <= set(listed)
    assert len(listed) == len(set(listed))
    for article in articles:
        assert data_copy.path(f"geodata/proposed/{article.stem}.csv").is_file()


#: Four proposals of the ingested article, each accepted by its own process.
ACCEPTED = ["cku-length-900", "cku-name-900", "cacgp-name-900", "khorgos-name-900"]


def test_reviews_at_once_lose_nothing(data_copy) -> None:
    """Four terminals accept four proposals at once: claims.csv, anchors.csv and the proposals
    file end with all four decisions, none lost or doubled."""
    root = os.fspath(data_copy.root)
    ingested = subprocess.run(
        [sys.executable, "-m", "corridors", "--data-dir", root, "ingest", os.fspath(ARTICLE)],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert ingested.returncode == 0, ingested.stderr
    proposals = data_copy.path(f"geodata/proposed/{STEM}.csv")
    pending = _ids(proposals, "id")
    done = _together(
        *(["--data-dir", root, "review", STEM, "--accept", ident] for ident in ACCEPTED),
        holder=data_copy.datadir,
    )
    assert [code for code, _, _ in done] == [0] * len(ACCEPTED), done
    claims = _ids(data_copy.path("geodata/claims.csv"), "id")
    assert set(ACCEPTED) <= set(claims)
    assert len(claims) == len(set(claims))
    assert sorted(_ids(proposals, "id")) == sorted(set(pending) - set(ACCEPTED))
    assert set(ACCEPTED) <= set(_ids(data_copy.path("geodata/anchors.csv"), "claim"))


@pytest.mark.parametrize(
    ("command", "line"),
    [
        pytest.param(
            ["review", STEM, "--reject", "cku-name-900", "--allow-errors"],
            "not reviewed: another process is writing the data in {root} (it holds "
            ".corridors-write.lock); waited 1 s: try again when it has finished",
            id="review",
        ),
        pytest.param(
            ["ingest", "{other}", "--allow-errors"],
            "not ingested: another process is writing the data in {root} (it holds "
            ".corridors-write.lock); waited 1 s: try again when it has finished",
            id="ingest",
        ),
        pytest.param(
            ["anchors"],
            "anchors refused: another process is writing the data in {root} (it holds "
            ".corridors-write.lock); waited 1 s: try again when it has finished",
            id="anchors",
        ),
        pytest.param(
            ["fmt"],
            "fmt refused: another process is writing the data in {root} (it holds "
            ".corridors-write.lock); waited 1 s: try again when it has finished",
            id="fmt",
        ),
    ],
)
def test_a_held_lock_is_one_line_and_writes_nothing(
    command: list[str], line: str, data_copy, tmp_path: Path
) -> None:
    root = os.fspath(data_copy.root)
    proposals = data_copy.path(f"geodata/proposed/{STEM}.csv")
    proposals.parent.mkdir(exist_ok=True)
    proposals.write_text("id\n", encoding="utf-8")  # review finds its file; nothing else matters
    data_copy.write_text("geodata/anchors.csv", "claim\n")  # stale: anchors and fmt would write
    other = os.fspath(_more_articles(tmp_path, 1)[0])
    args = [a.replace("{other}", other) for a in command]
    before = _data_files(data_copy)
    with lock.writing(data_copy.datadir):
        code, _, err = _finish(_start("--data-dir", root, *args, **{lock.TIMEOUT_VAR: "1"}))
    assert code == 1, err
    assert err.splitlines() == [line.format(root=root)]
    assert _data_files(data_copy) == before
