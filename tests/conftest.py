"""Shared fixtures for the data-package tests.

Behavioural tests run on the frozen fixture dataset (tests/fixtures/data), read once per session;
every test that breaks the data works on its own copy under tmp_path, so no test can damage the
fixture or another test. Only tests/validate/test_data.py (geodata/ and seeds/) and tests/geo/test_reference.py
(geodata/) read the live data, and tests/test_growth.py copies it to grow the copy.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import geopandas as gpd
import pytest

from corridors.model import datacache, dataset
from corridors.problems import Problem
from corridors.store import rawdata
from corridors.store.datadir import ENV_VAR, DataDir
from corridors.validate import validate

from fixtures import FIXTURE


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Whatever loads with the compiled data cache during the tests writes to a folder of the test
    run, never to the user's ~/.cache (subprocesses inherit the variable)."""
    before = os.environ.get(datacache.ENV_VAR)
    os.environ[datacache.ENV_VAR] = os.fspath(tmp_path_factory.mktemp("corridors-cache"))
    yield
    if before is None:
        os.environ.pop(datacache.ENV_VAR, None)
    else:
        os.environ[datacache.ENV_VAR] = before


@pytest.fixture
def fixture_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands and the app without an explicit folder read the fixture (and never a curator's
    $CORRIDORS_DATA_DIR, nor the live data)."""
    monkeypatch.setenv(ENV_VAR, str(FIXTURE.root))


@pytest.fixture(scope="session")
def fixture_datadir() -> DataDir:
    return FIXTURE


@pytest.fixture(scope="session")
def fixture_raw() -> rawdata.RawData:
    return rawdata.read(FIXTURE)


@pytest.fixture(scope="session")
def boundaries() -> gpd.GeoDataFrame:
    return dataset.load_boundaries(FIXTURE)


@pytest.fixture(scope="session")
def fixture_problems(fixture_raw: rawdata.RawData, boundaries: gpd.GeoDataFrame) -> list[Problem]:
    return validate(fixture_raw, boundaries)


@pytest.fixture(scope="session")
def fixture_dataset() -> dataset.Dataset:
    return dataset.load(FIXTURE)


class DataCopy:
    """A writable copy of geodata/ and seeds/, with small editing helpers for breaking it on purpose.

    Every helper checks that its edit actually changed something, so a fixture whose target text has
    moved fails loudly instead of silently testing clean data.
    """

    def __init__(self, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.root = root
        self.datadir = DataDir(root)
        self.monkeypatch = monkeypatch

    def path(self, rel: str) -> Path:
        return self.root / rel

    def read_text(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def write_text(self, rel: str, text: str) -> None:
        self.path(rel).write_text(text, encoding="utf-8")

    def write_bytes(self, rel: str, data: bytes) -> None:
        self.path(rel).write_bytes(data)

    def replace(self, rel: str, old: str, new: str) -> None:
        """Replace the first occurrence of ``old``, which must be there."""
        text = self.read_text(rel)
        assert old in text, f"fixture target {old!r} not found in {rel}"
        self.write_text(rel, text.replace(old, new, 1))

    def replace_bytes(self, rel: str, old: bytes, new: bytes) -> None:
        data = self.path(rel).read_bytes()
        assert old in data, f"fixture target {old!r} not found in {rel}"
        self.write_bytes(rel, data.replace(old, new, 1))

    def edit_json(self, rel: str, edit: Callable[[dict], None]) -> None:
        """Parse, edit and rewrite a GeoJSON file (plain json.dumps: no rounding, no reordering)."""
        data = json.loads(self.read_text(rel))
        before = json.dumps(data)
        edit(data)
        assert json.dumps(data) != before, f"the edit left {rel} unchanged"
        self.write_text(rel, json.dumps(data, ensure_ascii=False, indent=1))

    def edit_feature(self, rel: str, feature_id: str, edit: Callable[[dict], None]) -> None:
        """Edit the one feature with this id in a feature file."""

        def apply(data: dict) -> None:
            matches = [f for f in data["features"] if f["properties"].get("id") == feature_id]
            assert len(matches) == 1, f"feature {feature_id!r} not found in {rel}"
            edit(matches[0])

        self.edit_json(rel, apply)

    def edit_rows(self, rel: str, edit: Callable[[list[dict[str, str]]], None]) -> None:
        """Edit a CSV table as a list of row dicts and write it back with the same header."""
        text = self.read_text(rel)
        reader = csv.DictReader(io.StringIO(text, newline=""))
        rows = list(reader)
        before = [dict(r) for r in rows]
        edit(rows)
        assert rows != before, f"the edit left {rel} unchanged"
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=reader.fieldnames or [], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        self.write_text(rel, out.getvalue())

    def edit_row(self, rel: str, key: str, ident: str, **changes: str) -> None:
        """Change cells of the one row whose ``key`` column is ``ident``."""

        def apply(rows: list[dict[str, str]]) -> None:
            matches = [r for r in rows if r[key] == ident]
            assert len(matches) == 1, f"row {ident!r} not found in {rel}"
            matches[0].update(changes)

        self.edit_rows(rel, apply)

    def read(self) -> rawdata.RawData:
        return rawdata.read(self.datadir)


def _writable(root: Path) -> None:
    """The seeds are read-only in the repository; copies must be editable."""
    for dirpath, _, filenames in os.walk(root):
        for name in filenames:
            path = Path(dirpath) / name
            path.chmod(path.stat().st_mode | stat.S_IWUSR)


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DataCopy]:
    """A fresh copy of the fixture's geodata/ and seeds/ in tmp_path, ready to be broken."""
    root = tmp_path / "data"
    shutil.copytree(FIXTURE.geodata, root / "geodata")
    shutil.copytree(FIXTURE.seeds, root / "seeds")
    _writable(root)
    yield DataCopy(root, monkeypatch)
