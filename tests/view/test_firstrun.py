"""A first run kept on disk and replayed (corridors.view.firstrun): what is kept, what is refused,
and what keys an entry. The replay in the app itself is in tests/app/test_dashboard_app.py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from corridors.model import datacache
from corridors.view import firstrun, session

TODAY = dt.date(2026, 1, 15)
ARGS = {
    "layers": [{"kind": "railway", "url": "data/a.json", "ids": None}],
    "basemap": "data/b.json",
    "places": "data/c.json",
    "selected": None,
    "fit": {"key": 1, "bounds": [[39.0, 47.8], [41.6, 82.4]]},
    "height": 620,
}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A map folder holding its page and every file ARGS names, in a private cache folder."""
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    monkeypatch.setenv(datacache.ENV_VAR, str(cache))
    folder = cache / "map-x"
    (folder / "data").mkdir(parents=True)
    (folder / "index.html").write_text("<html>page</html>", encoding="utf-8")
    for name in firstrun.named_files(ARGS):
        (folder / name).write_text("{}", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("before", "after", "values", "removed"),
    [
        pytest.param({}, {"a": 1}, {"a": 1}, (), id="a new value"),
        pytest.param({"a": 1}, {"a": 1}, {}, (), id="an unchanged value"),
        pytest.param({"a": 1}, {"a": 2}, {"a": 2}, (), id="a changed value"),
        pytest.param({"a": (1,)}, {"a": [1]}, {"a": [1]}, (), id="a tuple become a list"),
        pytest.param({"a": 1}, {}, {}, ("a",), id="a removed key"),
        pytest.param({}, {session.MAP: None}, {}, (), id="the map's own value left out"),
    ],
)
def test_changes(before: dict, after: dict, values: dict, removed: tuple) -> None:
    assert firstrun.changes(before, after) == (values, removed)


@pytest.mark.parametrize(
    ("value", "plain"),
    [
        pytest.param(ARGS, True, id="the map's args"),
        pytest.param({"asof": TODAY, "ids": ("a", "b")}, True, id="a day and a tuple"),
        pytest.param({"bounds": [[np.float64(1.5)]]}, False, id="a numpy number"),
        pytest.param(dt.datetime(2026, 1, 15, 12), False, id="a time of day"),
        pytest.param({"s": {"a"}}, False, id="a set"),
    ],
)
def test_plain(value: object, plain: bool) -> None:
    assert firstrun.plain(value) is plain


def test_a_record_is_read_back_and_restored(folder: Path) -> None:
    entry = firstrun.record(str(folder), ARGS, {"asof": TODAY, session.FIT_KEY: 1}, ("_view",))
    assert entry is not None
    assert firstrun.save("k", entry)
    assert firstrun.load("k") == entry
    state = {"_view": (1.0, 2.0, 3.0), "other": True}
    firstrun.restore(state, entry)
    assert state == {"other": True, "asof": TODAY, session.FIT_KEY: 1}


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(
            lambda f: (f / "index.html").write_text("<html>new</html>"), id="page changed"
        ),
        pytest.param(lambda f: (f / "data" / "b.json").unlink(), id="a data file gone"),
        pytest.param(lambda f: (f / "index.html").unlink(), id="the page gone"),
    ],
)
def test_a_record_whose_map_folder_changed_is_not_used(folder: Path, change) -> None:
    entry = firstrun.record(str(folder), ARGS, {}, ())
    assert entry is not None and firstrun.save("k", entry)
    change(folder)
    assert firstrun.load("k") is None


def test_values_that_would_need_numpy_are_not_recorded(folder: Path) -> None:
    assert firstrun.record(str(folder), ARGS, {session.FIT: np.float64(1.0)}, ()) is None


def test_an_unknown_key_or_a_foreign_file_is_a_miss(folder: Path) -> None:
    assert firstrun.load("none") is None
    datacache.write(f"k{firstrun.SUFFIX}", {"not": "a record"})
    assert firstrun.load("k") is None


def test_only_the_latest_entries_are_kept(folder: Path) -> None:
    entry = firstrun.record(str(folder), ARGS, {}, ())
    assert entry is not None
    for n in range(firstrun.KEPT + 3):
        assert firstrun.save(f"k{n:02d}", entry)
    kept = list(folder.parent.glob(f"*{firstrun.SUFFIX}"))
    assert len(kept) == firstrun.KEPT


@pytest.mark.parametrize(
    "other",
    [
        pytest.param(("/other", "v1", {}, TODAY), id="another data folder"),
        pytest.param(("/data", "v2", {}, TODAY), id="another data version"),
        pytest.param(("/data", "v1", {"corridor": "titr"}, TODAY), id="another link"),
        pytest.param(("/data", "v1", {}, TODAY + dt.timedelta(days=1)), id="another day"),
    ],
)
def test_the_key_names_data_link_and_day(other: tuple) -> None:
    base = firstrun.key("/data", "v1", {}, TODAY)
    assert firstrun.key("/data", "v1", {}, TODAY) == base
    assert firstrun.key(*other) != base
