"""The Streamlit app run headless with AppTest: what the map component receives, and what the page says.

No browser: AppTest executes dashboard.py in-process and keeps the element tree the frontend would
get. streamlit-folium is a custom component, which AppTest does not model, so the map is read from
the arguments the component is sent (see ``map_component`` and ``sent_features``).
"""

from __future__ import annotations

import csv
import html
import json
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import UnknownElement

from corridors.datadir import ENV_VAR, REPO_ROOT

from .support import feature_collections
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


def map_component(at: AppTest) -> UnknownElement:
    """The one st_folium element of the page.

    AppTest has no class for custom components: each appears as an ``UnknownElement`` of type
    ``component_instance`` (``at.get("component_instance")``), whose ``proto`` is a
    ``ComponentInstance``. Its ``component_name`` is ``streamlit_folium.st_folium`` and its
    ``json_args`` holds, JSON-encoded, every keyword argument st_folium hands to the component.
    """
    found = [
        c
        for c in at.get("component_instance")
        if c.proto.component_name == "streamlit_folium.st_folium"
    ]
    assert len(found) == 1, f"expected one st_folium map, found {len(found)}"
    return found[0]


def map_args(at: AppTest) -> dict:
    """What the browser-side map receives, as a dict (``json.loads(proto.json_args)``).

    Keys that matter here: ``script`` is the Leaflet JS of the base map (basemaps, legend, controls);
    ``feature_group`` is the JS of the feature groups passed as ``feature_group_to_add`` (the
    layers and the selection call), swapped in place on a rerun; ``key`` is the hash of ``script``
    that streamlit-folium uses as the component's key, so a new key means the map is remounted (view
    reset, popup closed); ``js_links``/``css_links`` are the scripts and styles the frame loads.
    """
    return json.loads(map_component(at).proto.json_args)


def sent_features(at: AppTest) -> dict[str, dict]:
    """Feature id -> GeoJSON properties of every feature the map component is sent to draw."""
    features: dict[str, dict] = {}
    for collection in feature_collections(map_args(at)["feature_group"] or ""):
        for feature in collection["features"]:
            assert feature["id"] not in features, f"{feature['id']} sent twice"
            features[feature["id"]] = feature["properties"]
    return features


def html_bodies(at: AppTest) -> list[str]:
    """The HTML strings given to st.html (AppTest keeps them as ``html`` elements)."""
    return [element.proto.body for element in at.get("html")]


# --- fixtures -----------------------------------------------------------------------------------


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """A fresh app (its own session) on the frozen fixture data, not yet run."""
    monkeypatch.setenv(ENV_VAR, str(FIXTURE_ROOT))
    return AppTest.from_file(str(DASHBOARD), default_timeout=60)


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


def test_map_loads_only_local_assets(app: AppTest) -> None:
    """Offline use: the map frame loads Leaflet from this server and nothing from a CDN."""
    args = map_args(app.run())
    assert args["js_links"] == ["/app/static/leaflet/leaflet.js"]
    assert args["css_links"] == ["/app/static/leaflet/leaflet.css"]
    assert "/app/static/basemap/boundaries.geojson" in args["script"]


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
    """Widgets change only the feature groups: the base map script and the component key stay put.

    A changed script would give a new key, and the browser would rebuild the map (losing the
    reader's zoom and any open popup) on every click in the sidebar.
    """
    app.run()
    before_args, before_id = map_args(app), map_component(app).proto.id
    interact(app).run()
    assert not app.exception
    after_args = map_args(app)
    assert after_args["feature_group"] != before_args["feature_group"]  # something did change
    assert after_args["script"] == before_args["script"]
    assert after_args["key"] == before_args["key"]
    assert map_component(app).proto.id == before_id


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
    assert 'window.corridorsSelect("titr")' in map_args(app)["feature_group"]
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
