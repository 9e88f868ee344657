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
    raise RuntimeError("the map page could not be written")


@pytest.mark.parametrize(
    "meanwhile", [pytest.param(None, id="work done"), pytest.param(_fails, id="work failed")]
)
def test_work_meanwhile_runs_once_while_the_child_builds(
    data_copy, cache_dir: Path, monkeypatch, meanwhile
) -> None:
    """The server's work that needs no data (the map page) is done while the child builds; if it
    fails, the build still stands (the caller meets the error when it does that work itself)."""
    expected = dataset.load(data_copy.datadir)
    datacache.clear_memory()
    monkeypatch.setattr(childbuild, "CHILD_ABOVE_BYTES", 0)
    calls = []

    def work() -> None:
        calls.append(len(list(cache_dir.glob("*.pickle"))))  # cache entries when it ran
        if meanwhile is not None:
            meanwhile()

    _same(childbuild.load(data_copy.datadir, meanwhile=work), expected)
    assert calls == [0]  # once, before the child had written the Dataset
    _same(childbuild.load(data_copy.datadir, meanwhile=work), expected)
    assert calls == [0]  # a cache hit starts no child: nothing to do meanwhile


@pytest.mark.parametrize(
    ("cores", "load", "fork"),
    [
        pytest.param(2, 0.3, True, id="2 cores, idle"),
        pytest.param(2, 1.0, True, id="2 cores, one busy"),
        pytest.param(2, 1.5, False, id="2 cores, busy"),
        pytest.param(2, 12.0, False, id="2 cores, shared by many"),
        pytest.param(1, 0.0, False, id="1 core"),
        pytest.param(8, 6.5, True, id="8 cores, one idle"),
    ],
)
def test_the_routes_are_measured_in_a_fork_only_given_a_free_core(cores, load, fork) -> None:
    assert childbuild.spare_core(cores, load) is fork


def test_no_child_no_meanwhile(data_copy, cache_dir: Path, monkeypatch) -> None:
    """Small data is built here: the caller does its own work when it needs it."""
    monkeypatch.setattr(childbuild, "CHILD_ABOVE_BYTES", 10**12)
    seen: list[bool] = []
    childbuild.load(data_copy.datadir, meanwhile=lambda: seen.append(True))
    assert seen == []
