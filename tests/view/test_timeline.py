"""The timeline of milestones: rows built from the fixture's dated claims, and the Altair chart."""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd
import pytest

from corridors.model import dataset
from corridors.view import timeline

CKU = "China–Kyrgyzstan–Uzbekistan railway"
CACGP = "Central Asia–China gas pipeline (Lines A/B/C)"


@pytest.fixture(scope="module")
def rows(fixture_dataset: dataset.Dataset) -> pd.DataFrame:
    return timeline.milestones(fixture_dataset)


def test_rows_from_the_fixture_claims(rows: pd.DataFrame) -> None:
    got = rows[["lane", "date_text", "precision", "claim", "from_reference", "conflict"]]
    assert got.to_dict("records") == [
        {
            "lane": f"{CKU} · First proposed",
            "date_text": "since the 1990s",
            "precision": "decade",
            "claim": "cku-proposed-002",
            "from_reference": False,
            "conflict": False,
        },
        {
            "lane": f"{CKU} · First proposed",
            "date_text": "the 1990s",
            "precision": "decade",
            "claim": "cku-proposed-003",
            "from_reference": False,
            "conflict": False,
        },
        {
            "lane": f"{CKU} · Start",
            "date_text": "July 2025",
            "precision": "month",
            "claim": "cku-start-004",
            "from_reference": False,
            "conflict": False,
        },
        {
            "lane": f"{CKU} · Completion",
            "date_text": "by 2030",
            "precision": "year",
            "claim": "cku-completion-004",
            "from_reference": False,
            "conflict": False,
        },
    ]


def test_rows_keep_quote_and_source(rows: pd.DataFrame, fixture_dataset) -> None:
    row = rows.set_index("claim").loc["cku-start-004"]
    assert row["quote"] == fixture_dataset.claims.loc["cku-start-004", "quote"]
    assert row["source"] == "004_dc699da55f7d4812.txt"
    assert (
        row["source_label"] == "China–Central Asia Summit: Powerful Push for Economic Cooperation"
    )
    assert (row["start"], row["end"]) == (dt.date(2025, 7, 1), dt.date(2025, 8, 1))


def _with(ds: dataset.Dataset, *extra: dict[str, str]) -> pd.DataFrame:
    """The fixture's claims plus test-only rows (not validated: they exercise the timeline only)."""
    base = {c: "" for c in ds.claims.columns if c != "line"}
    added = pd.DataFrame([base | e for e in extra]).set_index("id", drop=False)
    claims = pd.concat([ds.claims, added])
    names = dict(zip(ds.features.index, ds.features["name"], strict=True))
    return timeline.milestones_from(claims, ds.corridors, ds.sources, ds.references, names)


CONFLICT = {
    "id": "test-start-conflict",
    "corridor": "cku-railway",
    "field": "start_date",
    "value": "2026-03",
    "source": "003_4791317c2548c535.txt",
    "quote": "Test-only row: a second start date.",
}
FROM_REFERENCE = {
    "id": "test-opening-ref",
    "corridor": "cacgp",
    "feature": "cacgp-lines-abc",
    "field": "opening_date",
    "value": "2009",
    "source": "fixture-pipeline-reference",
    "quote": "Test-only row: a date read at a reference.",
}


def test_conflicting_dates_side_by_side(fixture_dataset: dataset.Dataset) -> None:
    rows = _with(fixture_dataset, CONFLICT)
    start = rows[rows["milestone"] == "start_date"]
    assert start[["claim", "date", "conflict"]].to_dict("records") == [
        {"claim": "cku-start-004", "date": "2025-07", "conflict": True},
        {"claim": "test-start-conflict", "date": "2026-03", "conflict": True},
    ]
    assert start["lane"].nunique() == 1  # one lane, one sub-lane per claim
    # agreeing sources are not a conflict
    assert not rows[rows["milestone"] == "proposed_date"]["conflict"].any()


@pytest.mark.parametrize(
    ("extra", "conflict"),
    [
        pytest.param({}, True, id="the whole railway: like and like"),
        pytest.param({"scope": "Kyrgyzstan"}, False, id="a section's start is another milestone"),
        pytest.param({"corridor": "cacgp-line-d"}, False, id="a part's start is its own"),
        pytest.param({"value": "2025-08-15"}, True, id="a day in another month"),
        pytest.param({"value": "2025-07-15"}, False, id="a day of the same month: one reading"),
    ],
)
def test_only_like_dates_conflict(fixture_dataset: dataset.Dataset, extra, conflict) -> None:
    """Two dates disagree only as the panel says (schema.readings_key): same corridor, feature,
    field, scope and period; a full day is drawn as the day it names."""
    rows = _with(fixture_dataset, CONFLICT | extra).set_index("claim")
    assert bool(rows.loc["test-start-conflict", "conflict"]) is conflict
    assert bool(rows.loc["cku-start-004", "conflict"]) is conflict


def test_dates_from_references_are_marked(fixture_dataset: dataset.Dataset) -> None:
    rows = _with(fixture_dataset, FROM_REFERENCE).set_index("claim")
    row = rows.loc["test-opening-ref"]
    assert bool(row["from_reference"]) is True
    assert row["source_label"] == "Fixture reference: pipeline length (test data)"
    # the system's name without its parenthesis, the milestone, and the part of it (a line)
    assert row["lane"] == "Central Asia–China gas pipeline · Entered service · Lines A, B and C"
    assert not rows.drop("test-opening-ref")["from_reference"].any()


def test_chart(fixture_dataset: dataset.Dataset) -> None:
    chart = timeline.timeline_chart(_with(fixture_dataset, CONFLICT, FROM_REFERENCE))
    assert isinstance(chart, alt.Chart)
    spec = chart.to_dict()
    assert spec["params"] == [
        {"name": "milestone", "select": {"type": "point", "fields": ["claim"], "on": "click"}}
    ]
    tooltip = [t["field"] for t in spec["encoding"]["tooltip"]]
    assert {"quote", "source_label", "claim", "date_text"} <= set(tooltip)
    data = next(iter(spec["datasets"].values()))
    by_claim = {d["claim"]: d for d in data}
    assert by_claim["test-opening-ref"]["source_kind"] == "reference"
    assert by_claim["cku-start-004"]["agreement"] == "sources disagree on this date"
    # a month is widened on screen only; the tooltip keeps "July 2025"
    assert (
        by_claim["cku-start-004"]["end"]
        == (dt.date(2025, 7, 1) + dt.timedelta(days=timeline.MIN_SPAN_DAYS)).isoformat()
    )
    assert by_claim["cku-start-004"]["date_text"] == "July 2025"
    assert spec["encoding"]["strokeDash"]["field"] == "source_kind"
    # conflicting dates side by side: one slot each within their lane
    assert [by_claim[c]["slot"] for c in ("cku-start-004", "test-start-conflict")] == [0, 1]


def test_chart_of_nothing(fixture_dataset: dataset.Dataset) -> None:
    empty = timeline.milestones_from(
        fixture_dataset.claims.iloc[0:0],
        fixture_dataset.corridors,
        fixture_dataset.sources,
        fixture_dataset.references,
    )
    assert isinstance(timeline.timeline_chart(empty), alt.Chart)
