"""The panel column, sidebar, notices, problem box and downloads of the app, run headless (AppTest).

What the page says and offers, on the frozen fixture: the panel opens with its summary and the
sources' disagreements, the filters mean what they say (and the page says what an empty one
means), one box for a bad link, inert and relative file names in the problem box, and downloads of
exactly what is shown.
"""

from __future__ import annotations

import csv
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from corridors.model import dataset
from corridors.publish import citations, export
from corridors.store.datadir import ENV_VAR, REPO_ROOT, DataDir
from corridors.view import filters, panel, viewstate

from .support import SECTION_OPEN, dashboard_app, sent_features
from fixtures import FIXTURE, FIXTURE_ROOT

DASHBOARD = REPO_ROOT / "dashboard.py"
SRC_000 = "000_9433e71b893593d6.txt"
SRC_004 = "004_dc699da55f7d4812.txt"
MENTIONED = "kg-north-south-highway"


def _rows(rel: str) -> list[dict[str, str]]:
    with (FIXTURE_ROOT / rel).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


CLAIMS = _rows("geodata/claims.csv")


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv(ENV_VAR, str(FIXTURE_ROOT))
    return dashboard_app()


@pytest.fixture(scope="module")
def ds() -> dataset.Dataset:
    return dataset.load(FIXTURE)


def _bodies(at: AppTest) -> list[str]:
    return [element.proto.body for element in at.get("html")]


def _panel(at: AppTest) -> str:
    found = [b for b in _bodies(at) if "data-testid='corridor-panel'" in b]
    assert len(found) == 1, f"{len(found)} panels"
    return found[0]


def _sent(at: AppTest) -> set[str]:
    """Feature ids the map is told to show."""
    return set(sent_features(at))


def test_railway_panel_opens_with_its_disagreement(app: AppTest) -> None:
    app.query_params["corridor"] = "cku-railway"
    app.run()
    assert not app.exception
    body = _panel(app)
    assert body.index("data-testid='panel-summary'") < body.index("Where the sources disagree")
    assert body.index("data-conflict-claim='cku-status-004'") < body.index("What the sources say")
    assert "data-conflict-claim='cku-status-001'" in body


def test_one_notice_for_a_bad_link(app: AppTest) -> None:
    """Three things ignored: one box listing all three (not three boxes), in plain text."""
    app.query_params["corridor"] = "nope"
    app.query_params["layers"] = "bogus"
    app.query_params["evil"] = "[x](javascript:alert(1))"
    app.run()
    assert not app.exception
    assert [i.value for i in app.info] == [
        "This link asked for 3 things this data does not have; the page shows the default for "
        "them instead:\n\n"
        "- Ignored unknown parameter 'evil'.\n"
        "- Ignored unknown layers 'bogus'.\n"
        "- Ignored unknown corridor 'nope'."
    ]


def test_empty_status_shows_nothing_and_says_so(app: AppTest) -> None:
    app.run()
    app.multiselect(key="statuses").set_value([]).run()
    assert not app.exception
    assert _sent(app) == set()
    warnings = [w.value for w in app.warning]
    assert len(warnings) == 1 and warnings[0].startswith("No status is selected: the map shows")
    assert any("No status chosen: the map shows nothing." in c.value for c in app.sidebar.caption)
    assert app.query_params["status"] == "none"
    exports = [b for b in app.get("download_button") if b.key.startswith("download_")]
    assert len(exports) == 4 and all(b.disabled for b in exports)  # nothing to download


def test_status_none_link_reopens_the_empty_view(app: AppTest) -> None:
    app.query_params["status"] = "none"
    app.run()
    assert app.multiselect(key="statuses").value == []
    assert _sent(app) == set()
    assert [i.value for i in app.info] == []


def test_no_match_is_said(app: AppTest) -> None:
    app.run()
    app.multiselect(key="statuses").set_value(["planned"]).run()
    app.multiselect(key="countries").set_value(["Turkey"]).run()
    assert _sent(app) == set()
    assert next(w.value for w in app.warning).startswith(
        "No drawn feature matches all the filters at once"
    )


def test_source_filter_filters_the_quotes(app: AppTest) -> None:
    app.query_params["corridor"] = "cku-railway"
    app.run()
    app.multiselect(key="sources").set_value([SRC_004]).run()
    assert not app.exception
    body = _panel(app)
    own = [c["id"] for c in CLAIMS if c["corridor"] == "cku-railway" and c["source"] == SRC_004]
    hidden = sum(1 for c in CLAIMS if c["corridor"] == "cku-railway") - len(own)
    shown = sorted(part.split("'", 1)[0] for part in body.split("data-claim='")[1:])
    assert shown == sorted(own)
    assert f"{hidden} claims from other sources are hidden" in body
    assert "Where the sources disagree" not in body
    assert _sent(app) == {"cku-railway"}
    assert app.query_params["source"] == SRC_004


def test_article_citing_nothing_is_not_offered_but_explained(app: AppTest) -> None:
    app.run()
    box = app.multiselect(key="sources")
    assert SRC_000 not in box.options and not any(SRC_000[:3] + " " in o for o in box.options)
    assert "Not listed, as it cites no mapped system: article 000" in box.proto.help
    listing = [b for b in _bodies(app) if "data-testid='sources-list'" in b]
    assert len(listing) == 1
    assert f"<li data-source='{SRC_000}' data-uncited='yes'>" in listing[0]


def test_article_citing_nothing_in_a_link_is_explained(app: AppTest) -> None:
    app.query_params["source"] = SRC_000
    app.run()
    assert [i.value for i in app.info] == [
        "Ignored source '000\\_9433e71b893593d6.txt'\\: it cites no mapped system."
    ]
    assert app.multiselect(key="sources").value == []


def test_mentioned_corridor_from_the_list_and_from_a_link(app: AppTest) -> None:
    app.run()
    box = app.selectbox(key="corridor")
    assert "North–South Highway (Kyrgyzstan) (mentioned, not mapped)" in box.options
    box.set_value(MENTIONED).run()
    assert not app.exception
    body = _panel(app)
    assert "Mentioned, not mapped:" in body and "data-claim='kg-highway-name-001'" in body
    assert app.query_params["corridor"] == MENTIONED

    fresh = dashboard_app()
    fresh.query_params["corridor"] = MENTIONED
    fresh.run()
    assert [i.value for i in fresh.info] == []
    assert fresh.selectbox(key="corridor").value == MENTIONED


def test_overview_lists_the_mentioned_corridor(app: AppTest) -> None:
    app.run()
    overview = [b for b in _bodies(app) if "data-testid='overview'" in b]
    assert "North–South Highway (Kyrgyzstan) (mentioned, not mapped)" in overview[0]


# --- downloads ---------------------------------------------------------------------------------

DOWNLOADS = {
    "download_geojson": ("GeoJSON", "corridors-shown.geojson"),
    "download_csv": ("CSV (claims)", "corridors-shown.csv"),
    "download_gpkg": ("GeoPackage", "corridors-shown.gpkg"),
    "download_kml": ("KML", "corridors-shown.kml"),
    "cite_csl-json": ("CSL-JSON", "corridors-sources.json"),
    "cite_bibtex": ("BibTeX", "corridors-sources.bib"),
    "cite_ris": ("RIS", "corridors-sources.ris"),
    "changes_csv": ("CSV", "corridors-changes.csv"),
    "changes_atom": ("Atom feed", "corridors-changes.atom"),
}


TIMELINE_KEPT = SECTION_OPEN["timeline"]
LAZY = {
    "Timeline of milestones": (SECTION_OPEN["timeline"], "vega_lite_chart"),
    "Figures over time": (SECTION_OPEN["figures"], "vega_lite_chart"),
    "What changed": (SECTION_OPEN["changes"], "date_input"),
}


def test_download_buttons_and_how_to_cite(app: AppTest) -> None:
    app.session_state[LAZY["What changed"][0]] = True  # its buttons are written while it is open
    app.run()
    buttons = {b.key: b for b in app.get("download_button")}
    assert {k: b.label for k, b in buttons.items()} == {k: v[0] for k, v in DOWNLOADS.items()}
    assert not any(b.disabled for b in buttons.values())
    assert all(b.proto.ignore_rerun for b in buttons.values())  # a download does not rerun
    how = [b for b in _bodies(app) if "data-testid='how-to-cite'" in b]
    assert len(how) == 1
    assert "Cite the map: Corridors" in how[0]
    assert "Cite the source of every figure you use as well" in how[0]
    captions = [c.value for c in app.sidebar.caption]
    n_claims = len(filters.subset(dataset.load(FIXTURE), list(_all_ids())).claims)
    assert f"{len(_all_ids())} feature(s) and the {n_claims} claim(s) about them" in " ".join(
        captions
    )


def _all_ids() -> list[str]:
    return list(dataset.load(FIXTURE).features.index)


def test_what_is_shown_is_what_is_downloaded(ds: dataset.Dataset) -> None:
    """The buttons' files: the features the filters show, with the claims the panel shows."""
    view = viewstate.ViewState(
        layers=list(filters.options(ds).layers), statuses=["planned"], sources=[SRC_004]
    )
    ids = filters.visible(ds, view)
    shown = filters.subset(ds, ids, view.sources)
    geojson = export.render(shown, "geojson").decode()
    assert '"id": "cku-railway"' in geojson and '"id": "cacgp-lines-abc"' not in geojson
    rows = list(csv.DictReader(export.render(shown, "csv").decode().splitlines()))
    assert {r["source"] for r in rows} == {SRC_004}
    bib = citations.render(citations.entries(shown, citations.cited(shown)), "bibtex").decode()
    assert bib.startswith("@article{corridors:004_dc699da55f7d4812,")
    assert "corridors:001_" not in bib


# --- the problem box ---------------------------------------------------------------------------

HOSTILE_NAME = "[x](javascript:alert(1))![i](https:__e.example_i.png) www.evil.example :smile: :red[r] $x$.geojson"


@pytest.fixture
def hostile_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the data with a broken feature file whose name is Markdown."""
    root = tmp_path / "data"
    shutil.copytree(FIXTURE_ROOT / "geodata", root / "geodata")
    shutil.copytree(FIXTURE_ROOT / "seeds", root / "seeds")
    for path in root.rglob("*"):
        path.chmod(path.stat().st_mode | stat.S_IWUSR)
    (root / "geodata" / "features" / HOSTILE_NAME).write_text("{", encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(root))
    yield root


def test_problem_box_shows_names_as_text_and_relative(app: AppTest, hostile_file: Path) -> None:
    app.run()
    assert not app.exception
    errors = [e.value for e in app.error]
    assert len(errors) == 1
    assert f"`geodata/features/{HOSTILE_NAME}`" in errors[0]  # a code span: shown as text
    assert str(hostile_file) not in errors[0] and str(hostile_file.resolve()) not in errors[0]
    frame = app.dataframe[0].value
    assert list(frame["file"]) == [f"geodata/features/{HOSTILE_NAME}"]
    assert not frame.astype(str).apply(lambda col: col.str.contains(str(hostile_file))).any().any()
    assert str(DataDir(hostile_file).root) not in repr(frame.to_dict())
    assert panel.PANEL_CSS  # the rest of the page is still drawn
    assert "cku-railway" in _sent(app)


def _timeline_claims(at: AppTest) -> list[str]:
    """The claim ids the timeline chart draws (its data reaches the page as Arrow IPC)."""
    import pyarrow as pa

    (chart,) = [
        c for c in at.get("vega_lite_chart") if list(c.proto.selection_mode) == ["milestone"]
    ]
    (data,) = chart.proto.datasets
    table = pa.ipc.open_stream(data.data.data).read_all()
    return sorted(table.column("claim").to_pylist())


@pytest.mark.parametrize(
    ("corridor", "field_filter"),
    [
        pytest.param(None, None, id="every-system"),
        pytest.param("cku-railway", "cku-railway", id="the-corridor-chosen"),
    ],
)
def test_timeline_draws_every_dated_claim(
    app: AppTest, corridor: str | None, field_filter: str | None
) -> None:
    """Every dated claim (all systems, or the corridor chosen) is drawn: one bar per date a
    milestone is given, carrying the claim id of its first source so that a click can show its
    quote (the fixture's two articles that date the proposal to the 1990s share one bar)."""
    if corridor:
        app.query_params["corridor"] = corridor
    app.session_state[TIMELINE_KEPT] = True  # opened: its content is written only while open
    app.run()
    assert not app.exception
    dated = [
        c
        for c in CLAIMS
        if c["field"].endswith("_date") and (field_filter is None or c["corridor"] == field_filter)
    ]
    assert dated, "the fixture has dated claims"
    bar_of = {c["id"]: (c["corridor"], c["field"], c["value"]) for c in dated}
    drawn = _timeline_claims(app)
    assert set(drawn) <= set(bar_of)
    assert sorted(bar_of[c] for c in drawn) == sorted(set(bar_of.values())), "a bar per date"
    assert len(drawn) == len(dated) - 1  # cku-proposed-002 and -003 give the same decade


def _in_expander(at: AppTest, label: str, kind: str) -> int:
    (section,) = [e for e in at.expander if e.label.startswith(label)]
    return len(section.get(kind))


@pytest.mark.parametrize("label", list(LAZY), ids=["timeline", "figures", "changes"])
def test_closed_sections_are_not_built_and_stay_open_across_a_click(
    app: AppTest, label: str
) -> None:
    """The sections below the map start closed and write nothing then (a click or a toggle does
    not rebuild their charts); opened, they are written, and choosing a corridor keeps them open
    (their label stays the same, so the expander stays the same widget)."""
    kept, kind = LAZY[label]
    app.run()
    assert not app.exception
    assert _in_expander(app, label, kind) == 0
    app.session_state[kept] = True
    app.run()
    assert _in_expander(app, label, kind) == 1
    app.session_state["corridor"] = "cku-railway"
    app.run()
    assert not app.exception
    assert _in_expander(app, label, kind) == 1


def test_a_picked_claim_shows_its_quote_in_its_sentence(ds: dataset.Dataset) -> None:
    """What a click on a timeline mark shows: the value, the quote marked in its sentence, the
    source; all data escaped."""
    html_text = panel.claim_html(ds, "cku-start-004")
    assert "data-claim='cku-start-004'" in html_text
    assert "Start: July 2025" in html_text
    assert "<mark>The project will kickstart next month and will be completed by 2030.</mark>" in (
        html_text
    )
    assert "TDI" in html_text
    assert panel.claim_html(ds, "no-such-claim") == ""
