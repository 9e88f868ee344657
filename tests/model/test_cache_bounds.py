"""Bounded caches: 50 data edits leave the cache folder no larger than a few edits do.

Each edit is a real one (a claim's note changed in a copy of the fixture), followed by what the
dashboard does on its next run: the dataset loaded through the compiled data cache and the map's
data files written for the new version. The folder must stop growing: the pickles, the map's data
files and the map folders of older code versions are pruned to the last few.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from corridors.model import datacache, dataset
from corridors.view import mapcomponent

EDITS = 50


def _size(root: Path) -> tuple[int, int]:
    files = [p for p in root.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


@pytest.fixture
def cache_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "cache"
    root.mkdir(mode=0o700)
    monkeypatch.setenv(datacache.ENV_VAR, os.fspath(root))
    datacache.clear_memory()
    return root


@pytest.mark.slow  # 50 real loads: about a minute on a busy machine
def test_the_cache_folder_stops_growing_over_50_data_edits(data_copy, cache_root: Path) -> None:
    folder = mapcomponent.prepare(cache_root)
    counts: list[int] = []
    sizes: list[int] = []
    for edit in range(EDITS):
        data_copy.edit_row("geodata/claims.csv", "id", "cku-role-001", note=f"edit {edit:03d}")
        ds = dataset.load(data_copy.datadir, cache=True)
        mapcomponent.write_data(folder, ds, ds.fingerprint, folder.name)
        count, size = _size(cache_root)
        counts.append(count)
        sizes.append(size)
    kept = max(datacache.DISK_ENTRIES, mapcomponent.DATA_VERSIONS_KEPT)
    assert len(set(counts[kept:])) == 1, counts  # the same number of files after the first few
    assert max(sizes[kept:]) <= 1.01 * sizes[kept], sizes  # and the same size (notes differ)
    assert len(list(cache_root.glob("*.pickle"))) == datacache.DISK_ENTRIES
    tags = {p.name.split("-", 1)[0] for p in (folder / "data").glob("*-*.json")}
    assert len(tags) == mapcomponent.DATA_VERSIONS_KEPT


def test_the_current_version_s_files_are_never_pruned(data_copy, cache_root: Path) -> None:
    """The files the page was just given all exist, whatever was pruned to make room."""
    folder = mapcomponent.prepare(cache_root)
    for edit in range(mapcomponent.DATA_VERSIONS_KEPT + 2):
        data_copy.edit_row("geodata/claims.csv", "id", "cku-role-001", note=f"edit {edit}")
        ds = dataset.load(data_copy.datadir)
        files = mapcomponent.write_data(folder, ds, ds.fingerprint, folder.name)
        moment = mapcomponent.write_data(folder, ds, f"{ds.fingerprint}@2025-01-01u", folder.name)
        for url in [*files.layers.values(), files.basemap, files.places, *moment.layers.values()]:
            assert (folder / url).is_file(), url


def test_old_map_folders_are_removed_keeping_the_last_few(cache_root: Path) -> None:
    """Map folders of older code versions beyond the last few go (renamed, then deleted); the
    current one stays whatever its age; a stale staging folder of a killed process goes too."""
    current = mapcomponent.prepare(cache_root)
    old = []
    for n in range(5):
        path = cache_root / f"map-old{n}"
        (path / "data").mkdir(parents=True)
        (path / "index.html").write_text("old page")
        os.utime(path, (1_000_000 + n, 1_000_000 + n))
        old.append(path)
    stale = cache_root / ".map-0123-abcd"
    stale.mkdir()
    os.utime(stale, (1_000_000, 1_000_000))
    os.utime(current, (0, 0))  # even the oldest of all, the current one is kept
    removed = mapcomponent.prune_maps(cache_root, current)
    left = sorted(p.name for p in cache_root.iterdir() if p.is_dir())
    assert left == sorted([current.name, "map-old4", "map-old3"])
    assert set(removed) == {*old[:3], stale}
