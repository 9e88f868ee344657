"""The map as of a day, in a real Chromium with the network blocked (the fixture's railway).

The railway: planned in fixture article 005 (2024-05-07), under construction in 006 (2025-01-08,
the first dated report of construction), planned again in 004 (2025-06-18); under construction in
the undated article 001.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from corridors.schema import STATUSES

from .conftest import Dashboard

try:
    from playwright.sync_api import expect
except ImportError:  # pragma: no cover - the browser fixtures skip first
    expect = None

BEFORE_CONSTRUCTION = "2024-12-31"


def _railway(dash: Dashboard) -> dict:
    (path,) = [p for p in dash.drawn_paths() if p["id"] == "cku-railway" and p["interactive"]]
    return path


def _panel_claims(dash: Dashboard) -> set[str]:
    panel = dash.panel()
    panel.wait_for(timeout=15_000)
    return set(panel.locator("[data-claim]").evaluate_all("els => els.map(e => e.dataset.claim)"))


def test_before_the_first_report_of_construction_the_railway_is_planned(
    dashboard: Dashboard,
) -> None:
    dashboard.open(f"?asof={BEFORE_CONSTRUCTION}&corridor=cku-railway")
    railway = _railway(dashboard)
    assert railway["status"] == "planned"
    dashes = {p["dash"] for p in dashboard.drawn_paths() if p["id"] == "cku-railway"}
    assert STATUSES["planned"].dash in dashes  # drawn with the planned pattern
    assert _panel_claims(dashboard) == {"cku-status-005", "cku-length-005"}
    expect(dashboard.page.get_by_test_id("disagreements")).to_contain_text(
        "No two sources give different values"
    )
    note = dashboard.page.get_by_test_id("asof-note")
    expect(note).to_contain_text(f"As of {BEFORE_CONSTRUCTION}")
    expect(note).to_contain_text("Undated sources are left out")
    dashboard.click("cku-railway")
    popup = dashboard.popup()
    expect(popup).to_contain_text("Status: Planned")
    expect(popup).not_to_contain_text("Under construction")


def test_today_the_railway_shows_the_disagreement(dashboard: Dashboard) -> None:
    dashboard.open("?corridor=cku-railway")
    assert _railway(dashboard)["status"] == "planned"  # 004, the most recent dated reading
    status = dashboard.page.locator("[data-testid=disagreements] .dis[data-field=status]")
    expect(status).to_contain_text("Planned")
    expect(status).to_contain_text("Under construction")
    assert {"cku-status-001", "cku-status-004", "cku-status-005", "cku-status-006"} <= (
        _panel_claims(dashboard)
    )
    expect(dashboard.page.get_by_test_id("asof-note")).to_have_count(0)


def test_the_url_round_trips_the_day(dashboard: Dashboard) -> None:
    """A link with a day reopens that day, the day stays in the URL through other changes, and
    the drawing follows the most recent dated reading up to it."""
    dashboard.open("?asof=2025-03-01")
    dashboard.wait_query("asof", "2025-03-01")
    sidebar = dashboard.page.get_by_test_id("stSidebar")
    segments = [
        sidebar.get_by_role("spinbutton", name=f"{part}, Show what the sources said up to")
        for part in ("year", "month", "day")
    ]
    assert [s.get_attribute("aria-valuenow") for s in segments] == ["2025", "3", "1"]
    assert _railway(dashboard)["status"] == "under_construction"  # 006 is the latest then
    dashboard.sidebar_toggle("Ports").click()  # another change keeps the day
    dashboard.wait_query("layers", "railway,pipeline,corridor")
    dashboard.wait_query("asof", "2025-03-01")
    dashboard.page.goto(dashboard.page.url)
    dashboard.page.get_by_test_id("asof-note").wait_for(timeout=30_000)
    expect(dashboard.page.get_by_test_id("asof-note")).to_contain_text("As of 2025-03-01")
    assert _railway(dashboard)["status"] == "under_construction"


def _download(page, label: str, where=None) -> tuple[str, bytes]:
    scope = where or page.get_by_test_id("stSidebar")
    button = scope.get_by_role("button", name=label, exact=True)
    with page.expect_download(timeout=30_000) as info:
        button.click()
    download = info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def test_downloads_as_of_a_day_hold_only_what_was_known(dashboard: Dashboard) -> None:
    dashboard.open(f"?asof={BEFORE_CONSTRUCTION}&layers=railway")
    page = dashboard.page
    dashboard.wait_drawn({"cku-railway"})

    _, data = _download(page, "CSV (claims)")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert {r["id"] for r in rows} == {"cku-status-005", "cku-length-005"}

    _, data = _download(page, "GeoJSON")
    (feature,) = json.loads(data)["features"]
    assert feature["properties"]["status"] == "planned"
    assert {c["claim"] for c in feature["properties"]["citations"]} == {
        "cku-status-005",
        "cku-length-005",
    }

    _, data = _download(page, "CSL-JSON")
    articles = {i["id"] for i in json.loads(data) if i["id"].endswith(".txt")}
    assert articles == {"005_fixture_railway_2024.txt"}  # and the references it is drawn from

    changes = page.get_by_test_id("stExpander").filter(has_text="What changed").first
    changes.locator("summary").click()
    name, data = _download(page, "CSV", where=changes)
    assert name == "corridors-changes.csv"
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert rows and all(r["day"] <= BEFORE_CONSTRUCTION for r in rows)
    assert {r["claim"] for r in rows} == {"cku-status-005", "cku-length-005"}


@pytest.mark.parametrize("query", ["?asof=2024-12-31&undated=yes"], ids=["undated-ticked"])
def test_undated_sources_can_be_included_and_are_marked(dashboard: Dashboard, query: str) -> None:
    dashboard.open(query + "&corridor=cku-railway")
    box = dashboard.page.get_by_test_id("stSidebar").get_by_role("checkbox", name="Include undated")
    expect(box).to_be_checked()
    assert "cku-status-001" in _panel_claims(dashboard)
    expect(dashboard.page.locator("[data-claim=cku-status-001] .src")).to_contain_text("undated")
    assert _railway(dashboard)["status"] == "planned"  # the dated 005 outranks the undated 001
