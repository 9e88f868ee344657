"""The one writer: a file is replaced whole or left as it was, and nothing else writes files.

(Refusals with their messages, a full disk and unwritable folders are tested through the exports
that use it, in tests/publish/test_export.py.)
"""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

from corridors.store import atomicfile
from corridors.store.datadir import REPO_ROOT

#: Writers that do not go through atomicfile, each with why.
ALLOWED = {
    "corridors/store/atomicfile.py": "the writer itself",
    # The map component's folder is staged whole (page, frontend, Leaflet) and renamed into place:
    # a folder, not a file, is what replaces atomically there.
    "corridors/view/mapcomponent.py": "staging.rename",
}
WRITES = re.compile(
    r"os\.replace|os\.rename|\.rename\(|mkstemp|\.write_text\(|\.write_bytes\("
    r"|open\([^)]*['\"][wax]b?['\"]"
)
SCANNED = sorted((REPO_ROOT / "corridors").rglob("*.py")) + sorted(
    (REPO_ROOT / "devtools").glob("trace*.py")
)


@pytest.mark.parametrize(
    "path", SCANNED, ids=lambda p: str(p.relative_to(REPO_ROOT)).replace("/", ".")
)
def test_files_are_written_through_atomicfile(path: Path) -> None:
    rel = str(path.relative_to(REPO_ROOT))
    found = [
        f"{rel}:{n}: {line.strip()}"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if WRITES.search(line) and "atomicfile." not in line
    ]
    if rel in ALLOWED:
        assert found, f"{rel} no longer writes by itself: drop it from ALLOWED"
        return
    assert not found, "write through corridors.store.atomicfile: " + "; ".join(found)


def test_the_scan_finds_files() -> None:
    assert len(SCANNED) > 40


@pytest.mark.parametrize("durable", [True, False], ids=["durable", "cache"])
def test_write_with_streams_and_replaces(tmp_path: Path, durable: bool) -> None:
    target = tmp_path / "sub" / "value.pickle"
    atomicfile.write_with(target, lambda h: pickle.dump({"a": 1}, h), durable=durable)
    assert pickle.loads(target.read_bytes()) == {"a": 1}
    atomicfile.write_text(target, "second\n", durable=durable)
    assert target.read_text(encoding="utf-8") == "second\n"
    assert [p.name for p in target.parent.iterdir()] == ["value.pickle"]


@pytest.mark.parametrize(
    "error",
    [
        pytest.param(OSError(28, "No space left on device"), id="disk full"),
        pytest.param(pickle.PicklingError("cannot pickle"), id="cannot pickle"),
    ],
)
def test_a_failing_writer_leaves_the_old_file(tmp_path: Path, error: Exception) -> None:
    target = tmp_path / "value.bin"
    target.write_bytes(b"before")

    def half(handle) -> None:
        handle.write(b"half of it")
        raise error

    with pytest.raises((atomicfile.WriteError, type(error))):
        atomicfile.write_with(target, half)
    assert target.read_bytes() == b"before"
    assert [p.name for p in tmp_path.iterdir()] == ["value.bin"], "a temporary file was left"


def test_a_cache_write_is_not_flushed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """durable=False never calls fsync (a cold start does not wait on the disk for a cache)."""

    def refuse(fd: int) -> None:
        raise AssertionError("fsync called")

    monkeypatch.setattr(atomicfile.os, "fsync", refuse)
    atomicfile.write_bytes(tmp_path / "cache.json", b"{}", durable=False)
    assert (tmp_path / "cache.json").read_bytes() == b"{}"
    with pytest.raises(AssertionError, match="fsync called"):
        atomicfile.write_bytes(tmp_path / "data.json", b"{}")
