"""The compiled data cache: a second start reads the built Dataset instead of rebuilding it, and
any change to a data file (or to the code) is a miss, never stale data."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from corridors.model import datacache, dataset
from corridors.store import codeversion
from corridors.store.datadir import REPO_ROOT
from corridors.view import mapcomponent


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(datacache.ENV_VAR, os.fspath(folder))
    datacache.clear_memory()
    yield folder
    datacache.clear_memory()


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pickle")) if folder.exists() else []


def test_second_load_is_a_hit(data_copy, cache_dir: Path, monkeypatch) -> None:
    """The first load builds and stores; the next (a new process: memory cleared) reads the file,
    and nothing is read, validated or measured again."""
    first = dataset.load(data_copy.datadir, cache=True)
    assert len(_entries(cache_dir)) == 1
    datacache.clear_memory()

    def no_rebuild(datadir):
        raise AssertionError("rebuilt instead of read from the cache")

    monkeypatch.setattr(dataset, "_load", no_rebuild)
    second = dataset.load(data_copy.datadir, cache=True)
    assert second is not first
    assert list(second.features.index) == list(first.features.index)
    assert second.features["countries"].tolist() == first.features["countries"].tolist()
    assert second.claims.equals(first.claims)
    assert second.problems == first.problems
    assert second.fingerprint == first.fingerprint
    assert len(second.claims_for("cku-railway")) == len(first.claims_for("cku-railway"))


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda c: c.replace("geodata/waypoints.csv", "Kashgar", "Kashgar "), id="csv"),
        pytest.param(
            lambda c: c.edit_row("geodata/claims.csv", "id", "cku-role-001", quote=""),
            id="a claim broken",
        ),
        pytest.param(lambda c: c.path("seeds/000_9433e71b893593d6.txt").unlink(), id="seed gone"),
    ],
)
def test_any_change_is_a_miss(data_copy, cache_dir: Path, edit) -> None:
    """A changed file changes the key: the Dataset is rebuilt and shows the change."""
    before = dataset.load(data_copy.datadir, cache=True)
    edit(data_copy)
    after = dataset.load(data_copy.datadir, cache=True)
    assert after.fingerprint != before.fingerprint
    assert len(_entries(cache_dir)) == 2
    uncached = dataset.load(data_copy.datadir)
    assert after.problems == uncached.problems
    assert after.claims.equals(uncached.claims)


def test_never_inside_the_repository(data_copy, monkeypatch) -> None:
    """A cache folder inside the checkout is not used (it may be read-only; it is not source):
    the Dataset is kept in memory instead."""
    inside = REPO_ROOT / ".corridors-cache-test"
    monkeypatch.setenv(datacache.ENV_VAR, os.fspath(inside))
    datacache.clear_memory()
    first = dataset.load(data_copy.datadir, cache=True)
    assert not inside.exists()
    assert dataset.load(data_copy.datadir, cache=True) is first  # the memory fallback
    datacache.clear_memory()


def test_unwritable_folder_falls_back_to_memory(data_copy, tmp_path: Path, monkeypatch) -> None:
    """A cache folder that cannot be made (a file stands there): memory, no error."""
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    monkeypatch.setenv(datacache.ENV_VAR, os.fspath(blocker / "cache"))
    datacache.clear_memory()
    first = dataset.load(data_copy.datadir, cache=True)
    assert dataset.load(data_copy.datadir, cache=True) is first
    datacache.clear_memory()


def test_folder_others_can_write_is_not_trusted(data_copy, cache_dir: Path) -> None:
    """A pickle runs code when loaded: a folder another user could write is not read."""
    dataset.load(data_copy.datadir, cache=True)
    cache_dir.chmod(0o777)
    datacache.clear_memory()
    key = datacache.key(dataset.fingerprint(data_copy.datadir))
    assert datacache.get(key) is None
    cache_dir.chmod(0o700)
    assert datacache.get(key) is not None


def test_corrupt_entry_is_a_miss(data_copy, cache_dir: Path) -> None:
    """A truncated file (a crash while writing elsewhere, a full disk) is rebuilt, not an error."""
    dataset.load(data_copy.datadir, cache=True)
    (entry,) = _entries(cache_dir)
    entry.write_bytes(entry.read_bytes()[:100])
    datacache.clear_memory()
    ds = dataset.load(data_copy.datadir, cache=True)
    assert len(ds.features) == 10
    assert entry.stat().st_size > 100  # written again, whole


@pytest.mark.parametrize(
    "relative",
    [
        pytest.param("view/panel.py", id="a module in a subfolder"),
        pytest.param("validate/claims.py", id="a check"),
        pytest.param("view/frontend/map.js", id="the map's JavaScript"),
        pytest.param("view/frontend/map.css", id="the map's CSS"),
        pytest.param("view/frontend/panel.css", id="the panel's CSS"),
    ],
)
def test_code_version_changes_with_any_file_of_the_package(tmp_path: Path, relative: str) -> None:
    """Every file of the package, in every folder, is hashed: editing one changes the version,
    so no cache (dataset or map page) outlives the code that made it."""
    package = tmp_path / "corridors"
    shutil.copytree(codeversion.PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = codeversion.source_hash(package)
    target = package / relative
    target.write_bytes(target.read_bytes() + b"\n")
    assert codeversion.source_hash(package) != before


def test_code_version_is_one_definition() -> None:
    """The dataset cache and the map component key their caches by the same package hash."""
    assert len(datacache.code_version()) == 64
    assert datacache.code_version() != mapcomponent.code_version()  # different library versions
    assert codeversion.code_version("x") == codeversion.code_version("x")
