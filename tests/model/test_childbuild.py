"""A cold build in a child process: the server gets the same Dataset as an in-process build, read
from the data cache; when the child cannot help, the build happens in-process as before."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from corridors.model import childbuild, datacache, dataset


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(datacache.ENV_VAR, os.fspath(folder))
    datacache.clear_memory()
    yield folder
    datacache.clear_memory()


def _same(a: dataset.Dataset, b: dataset.Dataset) -> None:
    assert list(a.features.index) == list(b.features.index)
    assert a.features["countries"].tolist() == b.features["countries"].tolist()
    assert a.claims.equals(b.claims)
    assert a.problems == b.problems
    assert a.fingerprint == b.fingerprint


def test_a_cache_miss_is_built_by_the_child(data_copy, cache_dir: Path, monkeypatch) -> None:
    """The child writes the cache entry; this process only reads it (never builds)."""
    expected = dataset.load(data_copy.datadir)  # uncached, in-process
    datacache.clear_memory()

    def no_build_here(datadir):
        raise AssertionError("built in the server process, not in the child")

    monkeypatch.setattr(dataset, "_load", no_build_here)
    monkeypatch.setattr(childbuild, "CHILD_ABOVE_BYTES", 0)  # the fixture is small
    got = childbuild.load(data_copy.datadir)
    assert len(list(cache_dir.glob("*.pickle"))) == 1
    _same(got, expected)


def _small_data(mp: pytest.MonkeyPatch) -> None:
    mp.setattr(childbuild, "CHILD_ABOVE_BYTES", 10**12)
    mp.setattr(childbuild, "build_in_child", None)  # called: a TypeError fails the test


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(
            lambda mp: mp.setattr(childbuild.sys, "executable", "/nonexistent"), id="no child"
        ),
        pytest.param(
            lambda mp: mp.setattr(datacache, "usable", lambda: False), id="no cache folder"
        ),
        pytest.param(_small_data, id="small data: no child started"),
    ],
)
def test_without_a_child_the_build_is_in_process(data_copy, cache_dir, monkeypatch, spoil) -> None:
    expected = dataset.load(data_copy.datadir)
    datacache.clear_memory()
    monkeypatch.setattr(childbuild, "CHILD_ABOVE_BYTES", 0)
    spoil(monkeypatch)
    _same(childbuild.load(data_copy.datadir), expected)


def _fails() -> None:
    raise OSError("no folder for the map page")


@pytest.mark.parametrize("fails", [False, True], ids=["meanwhile works", "meanwhile fails"])
def test_the_callers_work_is_done_while_the_child_builds(
    data_copy, cache_dir: Path, monkeypatch, fails: bool
) -> None:
    """``meanwhile`` runs once, while the child builds (its entry not yet written); an error in it
    is not the load's."""
    expected = dataset.load(data_copy.datadir)
    datacache.clear_memory()
    monkeypatch.setattr(childbuild, "CHILD_ABOVE_BYTES", 0)
    seen: list[int] = []

    def meanwhile() -> None:
        seen.append(len(list(cache_dir.glob("*.pickle"))))
        if fails:
            _fails()

    _same(childbuild.load(data_copy.datadir, meanwhile=meanwhile), expected)
    assert seen == [0]
    assert len(list(cache_dir.glob("*.pickle"))) == 1  # the child's, read by this process


def test_no_child_no_meanwhile(data_copy, cache_dir: Path, monkeypatch) -> None:
    """Small data is built here: the caller does its own work when it needs it."""
    monkeypatch.setattr(childbuild, "CHILD_ABOVE_BYTES", 10**12)
    seen: list[bool] = []
    childbuild.load(data_copy.datadir, meanwhile=lambda: seen.append(True))
    assert seen == []
