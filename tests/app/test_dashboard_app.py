"""The Streamlit app run headless with AppTest: what the map component receives, and what the page says.

No browser: AppTest executes dashboard.py in-process and keeps the element tree the frontend would
get. The map is our own custom component, which AppTest sees as a ``component_instance`` with
``json_args``; the features it shows are read from the layer files those args name (see
``map_args`` and ``sent_features``).
"""

from __future__ import annotations

import csv
import gc
import html
import json
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from corridors.store.datadir import ENV_VAR, REPO_ROOT
from corridors.view import notices

from .support import (
    MAP_COMPONENT,
    dashboard_app,
    map_args,
    map_component,
    map_folder,
    sent_features,
)
from fixtures import FIXTURE_ROOT

#: Absolute, because AppTest.from_file resolves a relative path against the calling test file.
DASHBOARD = REPO_ROOT / "dashboard.py"
KINDS = ("railway", "pipeline", "corridor", "port")


def _rows(rel: str) -> list[dict[str, str]]:
    with (FIXTURE_ROOT / rel).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _feature_kinds() -> dict[str, str]:
    """Feature id -> kind, read straight from the curated GeoJSON files (not through the app)."""
    kinds = {}
    for path in sorted((FIXTURE_ROOT / "geodata" / "features").glob("*.geojson")):
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            kinds[feature["properties"]["id"]] = feature["properties"]["kind"]
    return kinds


FEATURE_KINDS = _feature_kinds()
CORRIDORS = {row["id"]: row["name"] for row in _rows("geodata/corridors.csv")}
MAPPED = {row["id"]: row["mapped"] for row in _rows("geodata/corridors.csv")}
CLAIMS = _rows("geodata/claims.csv")


def _ids_of(*kinds: str) -> set[str]:
    return {fid for fid, kind in FEATURE_KINDS.items() if kind in kinds}


# --- reading the map component ------------------------------------------------------------------


def html_bodies(at: AppTest) -> list[str]:
    """The HTML strings given to st.html (AppTest keeps them as ``html`` elements)."""
    return [element.proto.body for element in at.get("html")]


# --- fixtures -----------------------------------------------------------------------------------


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """A fresh app (its own session) on the frozen fixture data, not yet run."""
    monkeypatch.setenv(ENV_VAR, str(FIXTURE_ROOT))
    return dashboard_app()


@pytest.fixture
def broken_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of geodata/ and seeds/ whose pipeline file is cut off mid-JSON, selected by env var."""
    root = tmp_path / "data"
    shutil.copytree(FIXTURE_ROOT / "geodata", root / "geodata")
    shutil.copytree(FIXTURE_ROOT / "seeds", root / "seeds")
    for path in root.rglob("*"):  # the seeds are read-only in the repository
        path.chmod(path.stat().st_mode | stat.S_IWUSR)
    broken = root / "geodata" / "features" / "cacgp.geojson"
    text = broken.read_text(encoding="utf-8")
    broken.write_text(text[: len(text) // 2], encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(root))
    yield root


# --- tests --------------------------------------------------------------------------------------


def test_default_page_runs_and_sends_every_feature(app: AppTest) -> None:
    """The first view has every layer on and every drawn feature on the map, with no error box."""
    app.run()
    assert not app.exception
    assert [e.value for e in app.error] == []
    assert [e.value for e in app.info] == []
    assert [(t.key, t.value) for t in app.toggle] == [(f"layer_{k}", True) for k in KINDS]
    sent = sent_features(app)
    assert set(sent) == set(FEATURE_KINDS)
    assert {fid: p["kind"] for fid, p in sent.items()} == FEATURE_KINDS
    assert app.query_params == {}


def test_the_loaded_data_is_left_out_of_garbage_collection(app: AppTest) -> None:
    """Streamlit collects garbage after every run; the long-lived heap (the dataset and the
    libraries) is frozen after a load, so that collection stays short (see load_version)."""
    st.cache_resource.clear()  # so that this run loads the data
    gc.unfreeze()
    app.session_state["_painted"] = True
    app.run()
    assert not app.exception
    frozen = gc.get_freeze_count()
    assert frozen > 0, "load_version did not freeze the heap"


def test_map_is_served_from_the_cache_folder_not_the_checkout(app: AppTest) -> None:
    """The component's folder holds the page, Leaflet and the data, outside the source tree."""
    args = map_args(app.run())
    folder = map_folder()
    assert not folder.resolve().is_relative_to(REPO_ROOT.resolve())
    assert not (REPO_ROOT / "static").exists(), "nothing is written into the checkout"
    for rel in (
        "index.html",
        "page.js",
        "map.js",
        "map.css",
        "leaflet/leaflet.js",
        "leaflet/leaflet.css",
    ):
        assert (folder / rel).is_file(), rel
    for url in [args["basemap"], args["places"], *(layer["url"] for layer in args["layers"])]:
        assert url.startswith("data/") and url.endswith(".json"), url
        assert (folder / url).is_file(), url


@pytest.mark.parametrize("kind", [pytest.param(k, id=k) for k in KINDS])
def test_layer_toggle_removes_only_its_kind(app: AppTest, kind: str) -> None:
    """Turning a layer off takes its features out of the map and leaves the other layers whole."""
    app.run()
    app.toggle(key=f"layer_{kind}").set_value(False).run()
    assert not app.exception
    others = tuple(k for k in KINDS if k != kind)
    assert set(sent_features(app)) == _ids_of(*others)
    assert app.query_params["layers"] == ",".join(others)
    app.toggle(key=f"layer_{kind}").set_value(True).run()
    assert set(sent_features(app)) == set(FEATURE_KINDS)


@pytest.mark.parametrize(
    "interact",
    [
        pytest.param(lambda at: at.toggle(key="layer_railway").set_value(False), id="railway-off"),
        pytest.param(lambda at: at.toggle(key="layer_port").set_value(False), id="ports-off"),
        pytest.param(lambda at: at.selectbox(key="corridor").set_value("titr"), id="pick-corridor"),
        pytest.param(lambda at: at.multiselect(key="statuses").set_value(["planned"]), id="status"),
    ],
)
def test_rerun_keeps_the_map_mounted(app: AppTest, interact) -> None:
    """Widgets change only the args, never the component's identity or files: no remount.

    A new identity would make the browser rebuild the map (losing the reader's zoom and any open
    popup); the layer files are fetched once and stay the same across reruns.
    """
    app.run()
    before_args, before_id = map_args(app), map_component(app).proto.id
    interact(app).run()
    assert not app.exception
    after_args = map_args(app)
    assert after_args != before_args  # something did change
    assert map_component(app).proto.id == before_id
    assert map_component(app).proto.component_name == MAP_COMPONENT
    files = {layer["kind"]: layer["url"] for layer in before_args["layers"]}
    assert all(files[layer["kind"]] == layer["url"] for layer in after_args["layers"])
    assert len(map_component(app).proto.json_args) < 2_000, "the args carry no data"


def test_status_filter_keeps_only_that_status(app: AppTest) -> None:
    """Status 'planned' shows the one planned system, the CKU railway, and writes it to the URL."""
    app.run()
    app.multiselect(key="statuses").set_value(["planned"]).run()
    assert set(sent_features(app)) == {"cku-railway"}
    assert app.query_params["status"] == "planned"


def test_corridor_from_url_is_selected(app: AppTest) -> None:
    """``?corridor=titr`` opens with the Middle Corridor chosen, its panel shown and highlighted."""
    app.query_params["corridor"] = "titr"
    app.run()
    assert not app.exception
    assert [e.value for e in app.info] == []
    assert app.selectbox(key="corridor").value == "titr"
    panels = [b for b in html_bodies(app) if "data-testid='corridor-panel'" in b]
    assert len(panels) == 1
    assert f"<h3>{html.escape(CORRIDORS['titr'])}</h3>" in panels[0]
    assert not any("data-testid='overview'" in b for b in html_bodies(app))
    assert map_args(app)["selected"] == "titr"
    assert set(sent_features(app)) == set(FEATURE_KINDS)  # selecting does not filter
    assert app.query_params == {"corridor": "titr"}


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        pytest.param({"corridor": "nope"}, "Ignored unknown corridor 'nope'.", id="corridor"),
        pytest.param({"layers": "bogus"}, "Ignored unknown layers 'bogus'.", id="layers"),
        pytest.param({"zoom": "9"}, "Ignored unknown parameter 'zoom'.", id="parameter"),
        pytest.param(
            {"corridor": "<img src=x onerror=alert(1)>"},
            "Ignored unknown corridor '?img src?x onerror?alert?1??'.",
            id="hostile-corridor",
        ),
    ],
)
def test_unknown_query_shows_notice_and_default_view(
    app: AppTest, query: dict[str, str], notice: str
) -> None:
    """A stale or hostile link opens the default view and says, in plain text, what it ignored."""
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception
    assert [e.value for e in app.info] == [notice]
    assert [e.value for e in app.error] == []
    assert app.selectbox(key="corridor").value == ""
    assert [t.value for t in app.toggle] == [True] * len(KINDS)
    assert set(sent_features(app)) == set(FEATURE_KINDS)
    assert app.query_params == {}  # the URL is rewritten to the view actually shown


def test_broken_features_file_shows_error_and_the_rest(app: AppTest, broken_data: Path) -> None:
    """One unreadable file is named in an error box; every other layer is still drawn."""
    app.run()
    assert not app.exception
    errors = [e.value for e in app.error]
    assert len(errors) == 1
    assert "geodata/features/cacgp.geojson" in errors[0]
    assert set(sent_features(app)) == _ids_of("railway", "corridor", "port")
    assert [t.key for t in app.toggle] == ["layer_railway", "layer_corridor", "layer_port"]


def test_overview_table_when_no_corridor(app: AppTest) -> None:
    """With nothing selected, the panel column lists every corridor with its claims and articles."""
    app.run()
    overview = [b for b in html_bodies(app) if "data-testid='overview'" in b]
    assert len(overview) == 1
    for corridor, name in CORRIDORS.items():
        claims = [c for c in CLAIMS if c["corridor"] == corridor]
        articles = {c["source"] for c in claims if c["source"].endswith(".txt")}
        if MAPPED[corridor] == "no":
            name += " (mentioned, not mapped)"
        row = f"<tr><td>{html.escape(name)}</td><td>{len(claims)}</td><td>{len(articles)}</td></tr>"
        assert row in overview[0], corridor
    assert overview[0].count("<tr>") == len(CORRIDORS) + 1
    assert not any("data-testid='corridor-panel'" in b for b in html_bodies(app))


# --- fitting the map to what is picked ----------------------------------------------------------


def _bounds_of(ids: set[str]) -> list[list[float]]:
    """[[south, west], [north, east]] around these features, from the curated files."""
    xs, ys = [], []

    def walk(coords) -> None:
        if isinstance(coords[0], int | float):
            xs.append(coords[0])
            ys.append(coords[1])
        else:
            for c in coords:
                walk(c)

    for path in sorted((FIXTURE_ROOT / "geodata" / "features").glob("*.geojson")):
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            if feature["properties"]["id"] in ids:
                walk(feature["geometry"]["coordinates"])
    return [[round(min(ys), 4), round(min(xs), 4)], [round(max(ys), 4), round(max(xs), 4)]]


def _corridor_ids(corridor: str) -> set[str]:
    found = set()
    for path in sorted((FIXTURE_ROOT / "geodata" / "features").glob("*.geojson")):
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            if feature["properties"]["corridor"] == corridor:
                found.add(feature["properties"]["id"])
    return found


def test_first_view_fits_the_routes(app: AppTest) -> None:
    """The first view fits every drawn route (a far-off lone port, Lianyungang, is left out so
    the four systems are not shrunk to a few pixels)."""
    fit = map_args(app.run())["fit"]
    routes = {fid for fid, kind in FEATURE_KINDS.items() if kind != "port"}
    assert fit == {"key": 1, "bounds": _bounds_of(routes)}
    west = fit["bounds"][0][1]
    east = fit["bounds"][1][1]
    assert east < 90 and west > 40, "from the Black Sea to Xinjiang, not to the Yellow Sea"


def test_first_view_without_routes_fits_the_ports(app: AppTest) -> None:
    for kind in ("railway", "pipeline", "corridor"):
        app.session_state[f"layer_{kind}"] = False
    app.query_params["layers"] = "port"
    fit = map_args(app.run())["fit"]
    assert fit["bounds"] == _bounds_of({"khorgos-dry-port", "lianyungang-port"})


@pytest.mark.parametrize(
    ("interact", "expected"),
    [
        pytest.param(
            lambda at: at.selectbox(key="corridor").set_value("titr"),
            lambda: _bounds_of(_corridor_ids("titr")),
            id="corridor-chosen",
        ),
        pytest.param(
            lambda at: at.multiselect(key="statuses").set_value(["planned"]),
            lambda: _bounds_of({"cku-railway"}),
            id="status-filter",
        ),
    ],
)
def test_picking_fits_the_map_to_what_is_shown(app: AppTest, interact, expected) -> None:
    """A new choice asks for a new fit (a new key) around what it shows."""
    app.run()
    interact(app).run()
    assert map_args(app)["fit"] == {"key": 2, "bounds": expected()}


def test_layer_toggle_keeps_the_readers_view(app: AppTest) -> None:
    """Turning a layer off or on asks for no fit: the reader's zoom stays."""
    app.run()
    before = map_args(app)["fit"]
    app.toggle(key="layer_railway").set_value(False).run()
    assert map_args(app)["fit"] == before


def test_filtered_layer_sends_only_ids(app: AppTest) -> None:
    """Under a filter a layer is sent as its file plus the ids it shows; unfiltered, as null."""
    app.run()
    assert all(layer["ids"] is None for layer in map_args(app)["layers"])
    app.multiselect(key="statuses").set_value(["planned"]).run()
    layers = {layer["kind"]: layer["ids"] for layer in map_args(app)["layers"]}
    assert layers["railway"] in (None, ["cku-railway"])
    assert all(ids == [] for kind, ids in layers.items() if kind != "railway")


def test_view_in_the_link_is_restored(app: AppTest) -> None:
    """``?view=lat,lon,zoom`` opens the map there, and the link keeps it."""
    app.query_params["view"] = "42.5,74.25,6"
    app.run()
    assert not app.exception
    assert [e.value for e in app.info] == []
    assert map_args(app)["fit"] == {"key": 1, "view": [42.5, 74.25, 6.0]}
    assert app.query_params == {"view": "42.500,74.250,6"}


@pytest.mark.parametrize(
    "view",
    [
        pytest.param("42.5,74.25", id="two-numbers"),
        pytest.param("91,0,5", id="latitude-out-of-range"),
        pytest.param("a,b,c", id="not-numbers"),
        pytest.param("<img src=x>", id="markup"),
    ],
)
def test_unusable_view_in_the_link_gives_one_notice(app: AppTest, view: str) -> None:
    app.query_params["view"] = view
    app.run()
    assert [e.value for e in app.info] == [
        notices.url_notice(["Ignored the map view in the link: expected latitude,longitude,zoom."])
    ]
    routes = {fid for fid, kind in FEATURE_KINDS.items() if kind != "port"}
    assert map_args(app)["fit"]["bounds"] == _bounds_of(routes)
    assert app.query_params == {}


# --- the data changing while the app runs -------------------------------------------------------


def test_data_edited_while_running_is_reloaded(data_copy, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file edited between two runs is noticed: the next run shows the new content."""
    monkeypatch.setenv(ENV_VAR, str(data_copy.root))
    at = dashboard_app().run()
    assert sent_features(at)["cku-railway"]["name"] != "Renamed railway"

    def rename(feature: dict) -> None:
        feature["properties"]["name"] = "Renamed railway"

    data_copy.edit_feature("geodata/features/cku-railway.geojson", "cku-railway", rename)
    at.run()
    assert not at.exception
    assert sent_features(at)["cku-railway"]["name"] == "Renamed railway"


def test_unchanged_data_is_not_hashed_again(data_copy, monkeypatch: pytest.MonkeyPatch) -> None:
    """Between edits a run costs a stat of each file: the content hash is not recomputed."""
    from corridors.store import datadir as datadir_module

    monkeypatch.setenv(ENV_VAR, str(data_copy.root))
    at = dashboard_app().run()
    calls = []
    real = datadir_module.fingerprint
    monkeypatch.setattr(
        "corridors.store.datawatch.fingerprint", lambda d: calls.append(d) or real(d), raising=True
    )
    at.run()
    at.run()
    assert calls == []
    data_copy.replace("geodata/corridors.csv", "Port of Lianyungang", "Lianyungang port")
    at.run()
    assert len(calls) == 1


def test_first_runs_write_the_map_then_the_panel_then_the_rest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A session's first run writes the map alone, so nothing competes with its frame; the runs
    after it (the map reports it is drawn, or is clicked) write the map and the panel only, so a
    click is answered before the sidebar and the charts are mounted; once the rest is released
    (corridors.view.firstpaint) the whole page, with the map where it was (not remounted)."""
    from streamlit.testing.v1 import AppTest

    from corridors.view import reviewpage, session, sidebar

    monkeypatch.setenv(ENV_VAR, str(FIXTURE_ROOT))
    at = AppTest.from_file(str(DASHBOARD), default_timeout=60).run()
    assert not at.exception
    first_id = map_component(at).proto.id
    assert [t.key for t in at.toggle] == []
    assert [s.key for s in at.selectbox] == []
    # the page switch's code is not fetched while the map loads: the sidebar holds its title
    assert [b.key for b in at.sidebar.button_group] == []
    assert [t.value for t in at.sidebar.title] == [sidebar.TITLE]
    at.run()  # as the map's "drawn" value does
    assert not at.exception
    assert [t.key for t in at.toggle] == []
    assert [b.key for b in at.sidebar.button_group] == [session.PAGE]
    assert at.sidebar.button_group[0].value == reviewpage.PAGES[0]
    assert [s.key for s in at.selectbox] == [session.CORRIDOR]
    assert any("data-testid='overview'" in b for b in html_bodies(at))
    at.session_state[session.PAINTED] = True  # what the release timer sets (firstpaint.tick)
    at.run()
    assert not at.exception
    assert [t.key for t in at.toggle] == [f"layer_{k}" for k in KINDS]
    assert any("data-testid='overview'" in b for b in html_bodies(at))
    assert map_component(at).proto.id == first_id


def _written(at: AppTest) -> list:
    """Every element the run wrote, main and sidebar, as the frontend receives it."""
    return [(type(e).__name__, getattr(e, "proto", None)) for e in [*at.main, *at.sidebar]]


def _kept_state(at: AppTest) -> dict:
    """The session's values, but the first run's time (``time.monotonic`` when it ran)."""
    from corridors.view import session

    values = at.session_state._state.filtered_state  # AppTest has no public view of them all
    return {k: v for k, v in values.items() if k != session.FIRST_RUN_AT}


@pytest.mark.parametrize(
    "link",
    [
        pytest.param({}, id="no link"),
        pytest.param({"corridor": "cku-railway"}, id="a corridor"),
        pytest.param({"view": "40.1,70.2,5"}, id="a map view"),
        pytest.param({"status": "planned", "layers": "railway"}, id="filters"),
    ],
)
def test_a_warm_start_replays_the_first_run_as_it_was_computed(
    link: dict, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new process's first session finds what an earlier process's first run decided for the
    same data, code, link and day (corridors.view.firstrun) and writes the same page, map and
    session values without loading the data; the run after it is a computed first run's second,
    unchanged."""
    from corridors.model import datacache
    from corridors.view import firstrun

    monkeypatch.setenv(ENV_VAR, str(FIXTURE_ROOT))
    for old in cache_dir.glob(f"*{firstrun.SUFFIX}"):
        old.unlink()
    found = []
    real = firstrun.load
    monkeypatch.setattr(firstrun, "load", lambda key: found.append(real(key)) or found[-1])
    pages = []
    for _ in range(2):  # computed, then replayed
        datacache.clear_memory()  # as in a new process (the page's own cache keeps the data)
        at = AppTest.from_file(str(DASHBOARD), default_timeout=60)
        for name, value in link.items():
            at.query_params[name] = value
        at.run()
        assert not at.exception
        first = (_written(at), map_args(at), _kept_state(at), map_component(at).proto.id)
        at.run()  # as the map's "drawn" value does
        assert not at.exception
        pages.append((first, (_written(at), map_args(at), _kept_state(at))))
    assert found[0] is None and found[1] is not None  # the second session was replayed
    assert pages[1] == pages[0]


def test_a_process_that_holds_the_data_computes_its_first_runs(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once a dataset is loaded, a fresh session's first run is computed (as cheap as a replay)
    and not kept again."""
    from corridors.model import datacache
    from corridors.view import firstrun

    monkeypatch.setenv(ENV_VAR, str(FIXTURE_ROOT))
    for old in cache_dir.glob(f"*{firstrun.SUFFIX}"):
        old.unlink()
    datacache.clear_memory()
    AppTest.from_file(str(DASHBOARD), default_timeout=60).run()
    kept = list(cache_dir.glob(f"*{firstrun.SUFFIX}"))
    assert len(kept) == 1
    st.cache_resource.clear()  # so that the next session loads the data into this process
    found = []
    monkeypatch.setattr(firstrun, "load", lambda key: found.append(key))
    at = AppTest.from_file(str(DASHBOARD), default_timeout=60)
    at.session_state["_painted"] = True  # a session past its first runs loads the data
    at.run()
    assert datacache.in_memory()
    kept[0].unlink()
    AppTest.from_file(str(DASHBOARD), default_timeout=60).run()
    assert found == []  # no replay was tried
    assert list(cache_dir.glob(f"*{firstrun.SUFFIX}")) == []  # nor a record kept


def test_a_first_run_with_a_notice_is_not_kept(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link the page has to say something about (an unknown corridor) is computed each time:
    only a first run that wrote nothing but the map is kept."""
    from corridors.model import datacache
    from corridors.view import firstrun

    monkeypatch.setenv(ENV_VAR, str(FIXTURE_ROOT))
    for old in cache_dir.glob(f"*{firstrun.SUFFIX}"):
        old.unlink()
    datacache.clear_memory()  # as in a new process
    at = AppTest.from_file(str(DASHBOARD), default_timeout=60)
    at.query_params["corridor"] = "no-such-corridor"
    at.run()
    assert not at.exception
    assert [e.value for e in at.info]  # the notice
    assert list(cache_dir.glob(f"*{firstrun.SUFFIX}")) == []


def test_a_long_corridor_list_is_found_by_name(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past ``corridorlist.MAX_LISTED`` corridors (10,000 at scale; 2 here) the list offers the
    first few and a search box; a corridor found by name, or chosen on the map, or by the link,
    is listed and stays chosen while the search changes."""
    from corridors.view import corridorlist, session

    monkeypatch.setattr(corridorlist, "MAX_LISTED", 2)
    app.query_params["corridor"] = "lianyungang-port"  # not among the first two
    app.run()
    assert not app.exception
    box = app.selectbox(key=session.CORRIDOR)
    assert box.value == "lianyungang-port"
    assert box.options[1:] == [CORRIDORS[c] for c in ("lianyungang-port", "cku-railway", "cacgp")]
    app.text_input(key=session.CORRIDOR_FIND).input("highway").run()
    assert not app.exception
    box = app.selectbox(key=session.CORRIDOR)
    assert box.value == "lianyungang-port"  # the choice is kept while searching
    listed = box.options[1:]  # an unmapped corridor's label says so after its name
    assert len(listed) == 2
    assert listed[0] == CORRIDORS["lianyungang-port"]
    assert listed[1].startswith(CORRIDORS["kg-north-south-highway"])
    box.set_value("kg-north-south-highway").run()
    assert not app.exception
    assert app.selectbox(key=session.CORRIDOR).value == "kg-north-south-highway"
    assert map_args(app)["selected"] == "kg-north-south-highway"


def test_a_short_corridor_list_has_no_search_box(app: AppTest) -> None:
    app.run()
    assert not app.exception
    assert [t.key for t in app.text_input] == []
    assert len(app.selectbox(key="corridor").options) == 1 + len(CORRIDORS)
