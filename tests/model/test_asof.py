"""What was known on a date (corridors.model.asof), on the frozen fixture with known answers.

The fixture's railway: planned in article 005 (dated 2024-05-07), under construction in 006
(2025-01-08), planned in 004 (2025-06-18), under construction in 001 (undated); 454 km in 005,
523 km in 006.
"""

from __future__ import annotations

import datetime as dt

import pytest

from corridors.model import asof, dataset
from corridors.view import filters, viewstate

from fixtures import FIXTURE

D = dt.date
S001, S004 = "001_6257ba8c1d36bd59.txt", "004_dc699da55f7d4812.txt"
S005, S006 = "005_fixture_railway_2024.txt", "006_fixture_railway_2025.txt"


@pytest.fixture(scope="module")
def ds() -> dataset.Dataset:
    return dataset.load(FIXTURE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("2025-06-18", D(2025, 6, 18), id="day"),
        pytest.param("2025-06", D(2025, 6, 30), id="month-counts-from-its-last-day"),
        pytest.param("2024", D(2024, 12, 31), id="year-counts-from-its-last-day"),
        pytest.param("", None, id="undated"),
    ],
)
def test_a_source_counts_from_the_day_it_surely_existed(text: str, expected) -> None:
    assert asof.known_from(text) == expected


def test_source_days(ds: dataset.Dataset) -> None:
    days = asof.source_days(ds)
    assert days[S004] == D(2025, 6, 18) and days[S005] == D(2024, 5, 7)
    assert days[S001] is None  # the text states no date
    assert days["fixture-pipeline-reference"] is None  # references carry no date


@pytest.mark.parametrize(
    ("readings", "curated", "expected"),
    [
        pytest.param([], "planned", "unstated", id="no-reading"),
        pytest.param([("planned", D(2024, 1, 1))], None, "planned", id="one"),
        pytest.param(
            [("planned", D(2024, 1, 1)), ("operating", D(2025, 1, 1))],
            "planned",
            "operating",
            id="the-most-recent-wins",
        ),
        pytest.param(
            [("planned", D(2025, 1, 1)), ("under_construction", None)],
            "under_construction",
            "planned",
            id="undated-ranks-below-dated",
        ),
        pytest.param(
            [("planned", None), ("under_construction", None)],
            "under_construction",
            "under_construction",
            id="only-undated-curated-wins",
        ),
        pytest.param(
            [("planned", D(2025, 1, 1)), ("operating", D(2025, 1, 1))],
            "operating",
            "operating",
            id="same-day-curated-wins",
        ),
        pytest.param(
            [("planned", D(2025, 1, 1)), ("operating", D(2025, 1, 1))],
            None,
            "planned",
            id="same-day-first-in-data-order",
        ),
    ],
)
def test_status_at(readings, curated, expected: str) -> None:
    assert asof.status_at(readings, curated) == expected


#: (moment, the railway's status then, its claims then).
RAILWAY = [
    pytest.param(asof.Moment(D(2024, 5, 6), False), "unstated", set(), id="before-any-source"),
    pytest.param(
        asof.Moment(D(2024, 12, 31), False),
        "planned",
        {"cku-status-005", "cku-length-005"},
        id="before-the-first-report-of-construction",
    ),
    pytest.param(
        asof.Moment(D(2025, 1, 8), False),
        "under_construction",
        {"cku-status-005", "cku-length-005", "cku-status-006", "cku-length-006"},
        id="on-the-day-of-the-report",
    ),
    pytest.param(
        asof.Moment(D(2025, 6, 18), False),
        "planned",
        {
            "cku-status-005",
            "cku-length-005",
            "cku-status-006",
            "cku-length-006",
            "cku-status-004",
            "cku-cost-004",
            "cku-countries-004",
            "cku-route-004",
            "cku-start-004",
            "cku-completion-004",
            "cku-role-004",
        },
        id="after-004",
    ),
]


@pytest.mark.parametrize(("moment", "status", "claims"), RAILWAY)
def test_the_railway_as_of_a_day(ds: dataset.Dataset, moment, status: str, claims: set) -> None:
    then = asof.at(ds, moment)
    assert then.features.at["cku-railway", "status"] == status
    assert set(then.claims.loc[then.claims["corridor"] == "cku-railway", "id"]) == claims


def test_undated_sources_count_on_every_day_when_included(ds: dataset.Dataset) -> None:
    then = asof.at(ds, asof.Moment(D(2024, 12, 31), True))
    ids = set(then.claims["id"])
    assert {"cku-status-001", "cacgp-length-ref-a", "cku-status-005"} <= ids
    assert "cku-status-006" not in ids and "cku-status-004" not in ids
    # the dated reading of 005 outranks the undated 001
    assert then.features.at["cku-railway", "status"] == "planned"
    assert then.features.at["cacgp-lines-abc", "status"] == "operating"  # 001 alone says so


def test_today_is_the_curated_data(ds: dataset.Dataset) -> None:
    """As of today (the default) nothing is cut or recomputed; and the rule, applied to today with
    every source, draws exactly the curated statuses (the README's rule holds in the data)."""
    assert asof.at(ds, asof.NOW) is ds
    today = asof.at(ds, asof.Moment(dt.date.today(), True))
    assert today.features["status"].to_dict() == ds.features["status"].to_dict()
    assert len(today.claims) == len(ds.claims)


def test_the_status_filter_reads_the_statuses_as_they_stood(ds: dataset.Dataset) -> None:
    then = asof.at(ds, asof.Moment(D(2025, 3, 1), False))
    state = viewstate.ViewState(layers=["railway"], statuses=["under_construction"])
    assert filters.visible(then, state) == ["cku-railway"]
    assert filters.visible(ds, state) == []  # today it is drawn as planned


@pytest.mark.parametrize(
    ("day", "today", "expected"),
    [
        pytest.param(None, D(2026, 1, 1), True, id="today"),
        pytest.param(D(2026, 1, 1), D(2026, 1, 1), True, id="today-by-its-date"),
        pytest.param(D(2025, 1, 1), D(2026, 1, 1), False, id="an-earlier-day"),
    ],
)
def test_default_undated(day, today, expected: bool) -> None:
    assert asof.default_undated(day, today) is expected


@pytest.mark.parametrize(
    "moment",
    [asof.NOW, asof.Moment(D(2025, 1, 2), False), asof.Moment(D(2025, 1, 2), True)],
    ids=["now", "day-without-undated", "day-with-undated"],
)
def test_a_moment_round_trips_through_its_key(moment: asof.Moment) -> None:
    assert asof.Moment.from_key(moment.key()) == moment
