"""A status implied by what an article dates (ingest/stages.py), always marked as implied.

The texts are written for these tests: made-up sentences about the fixture's systems.
"""

from __future__ import annotations

import pytest

from corridors.curate import ingest
from corridors.curate.ingest import stages

CKU, CACGP, TITR, PORT = "cku-railway", "cacgp", "titr", "khorgos-dry-port"


@pytest.mark.parametrize(
    ("date", "reference", "order"),
    [
        pytest.param("2019-03", "2019-08-02", -1, id="a month before the day"),
        pytest.param("2031", "2026-01-15", 1, id="a later year"),
        pytest.param("2026-01-15", "2026-01-15", 0, id="the same day"),
        pytest.param("2026-01-15", "2026-01", None, id="a day within a month-only dateline"),
        pytest.param("2026", "2026-05-01", None, id="the same year, the month unknown"),
        pytest.param("in spring", "2026-05-01", None, id="words, not a date"),
        pytest.param("2026-04", "", None, id="no dateline"),
    ],
)
def test_compare(date: str, reference: str, order: int | None) -> None:
    assert stages.compare(date, reference) == order


def _row(field: str, value: str, **more: str) -> dict[str, str]:
    row = dict.fromkeys(ingest.PROPOSAL_COLUMNS, "")
    return row | {"corridor": CKU, "field": field, "value": value, "confidence": "1.00"} | more


@pytest.mark.parametrize(
    ("row", "status"),
    [
        pytest.param(_row("opening_date", "2019-03"), "operating", id="opened earlier"),
        pytest.param(_row("opening_date", "2027"), None, id="to open later: no stage"),
        pytest.param(_row("start_date", "2019-03"), "under_construction", id="works began"),
        pytest.param(_row("start_date", "2019-08-02"), "under_construction", id="began that day"),
        pytest.param(_row("start_date", "2020"), "planned", id="works to begin later"),
        pytest.param(_row("start_date", "2019-03", qualifier="by"), None, id="by a date"),
        pytest.param(_row("traffic", "5", period="2018"), "operating", id="carried last year"),
        pytest.param(
            _row("traffic", "5", period="2019-01/2019-06", qualifier="over"),
            "operating",
            id="carried this half-year, over a figure",
        ),
        pytest.param(_row("target", "9", period="2019"), None, id="a target is no traffic"),
        pytest.param(
            _row("operator", "Steppe Ltd", reason="'Steppe Ltd, the firm that runs'"),
            "operating",
            id="an operator that runs it now",
        ),
        pytest.param(
            _row(
                "operator",
                "Steppe Ltd",
                reason="'operated by Steppe Ltd'",
                quote="The line will be built and operated by Steppe Ltd.",
            ),
            None,
            id="an operator to come says nothing of today",
        ),
        pytest.param(
            _row("operator", "Steppe Ltd", reason="'Director of Steppe Ltd'"),
            None,
            id="an officer's company says nothing of the stage",
        ),
        pytest.param(_row("length", "500", unit="km"), None, id="a length implies nothing"),
        pytest.param(
            _row("start_date", "2019", quote="Work on the line is to start this year."),
            "planned",
            id="works still to start within the article's year",
        ),
        pytest.param(
            _row("start_date", "2019", quote="Work on the line started this year."),
            None,
            id="works begun in the article's year: the month unknown, no stage",
        ),
        pytest.param(
            _row("start_date", "2019-08", quote="Tracklaying will begin this month."),
            "planned",
            id="works due to begin within the article's month",
        ),
    ],
)
def test_what_a_row_implies(row: dict[str, str], status: str | None) -> None:
    found = stages.evidence(row, "2019-08-02")
    assert (found[0] if found else None) == status


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param(
            [_row("start_date", "2018"), _row("opening_date", "2019-02")],
            [(CKU, "operating")],
            id="the furthest stage wins",
        ),
        pytest.param(
            [_row("start_date", "2018"), _row("status", "planned")],
            [],
            id="a stated status: nothing implied",
        ),
        pytest.param(
            [_row("opening_date", "2014-05", feature="cacgp-line-c", corridor=CACGP)],
            [],
            id="a line's opening is not the whole's stage",
        ),
        pytest.param(
            [
                _row(
                    "start_date",
                    "2018-12",
                    scope="Uzbekistan",
                    feature="cacgp-line-c",
                    corridor=CACGP,
                )
            ],
            [(CACGP, "under_construction")],
            id="works begun on a line's section: the line is being built",
        ),
        pytest.param(
            [
                _row(
                    "start_date",
                    "2020-03",
                    scope="Uzbekistan",
                    feature="cacgp-line-c",
                    corridor=CACGP,
                )
            ],
            [],
            id="works on a section still to begin imply nothing",
        ),
        pytest.param(
            [_row("traffic", "5", period="2018", scope="Kazakhstan")],
            [],
            id="a section's figure is not the whole's stage",
        ),
        pytest.param([_row("proposed_date", "1996")], [(CKU, "planned")], id="only proposed"),
        pytest.param(
            [_row("proposed_date", "1996"), _row("completion_date", "2030", qualifier="by")],
            [],
            id="first proposed, then a due date: the stage is unknown",
        ),
    ],
)
def test_one_stage_per_system(rows, expected) -> None:
    found = stages.implied(rows, "2019-08-02")
    assert [(row["corridor"], status) for row, status, _ in found] == expected


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param(
            [
                _row("start_date", "2016-05", quote="Building of the spur began in May 2016."),
                _row("completion_date", "2021", quote="The spur will be finished in 2021."),
            ],
            [(CKU, "under_construction")],
            id="begun, and its end still to come: being built",
        ),
        pytest.param(
            [_row("start_date", "2016-05", quote="Building of the spur began in May 2016.")],
            [],
            id="a start alone may be long past: no stage",
        ),
        pytest.param(
            [
                _row(
                    "start_date", "2016-05", quote="Building of the spur is to begin in May 2016."
                ),
                _row("completion_date", "2021", quote="The spur will be finished in 2021."),
            ],
            [],
            id="a start still to come in an undated copy: no stage from it",
        ),
    ],
)
def test_an_undated_article_implies_works_begun_and_not_ended(rows, expected) -> None:
    """No dateline to set a start against: only a start told done with an end still to come
    says the works are going on."""
    found = stages.implied(rows, "")
    assert [(row["corridor"], status) for row, status, _ in found] == expected


def test_an_implied_stage_is_the_lines_not_the_sections(fixture_raw) -> None:
    """Works begun on one country's section imply the stage of the line, with no scope."""
    text = (
        "Line D of the Central Asia–China gas pipeline is under way. Work on its Tajik section "
        "began on 3 March 2019."
    )
    rows = ingest.propose(
        "953_case.txt",
        text,
        ingest.systems(fixture_raw),
        fixture_raw,
        "2019-08-02",
        ingest.country_names(fixture_raw.datadir),
    )
    starts = [r for r in rows if r["field"] == "start_date"]
    assert [(r["corridor"], r["scope"]) for r in starts] == [("cacgp-line-d", "Tajikistan")]
    implied = [r for r in rows if r["field"] == "status" and "implied" in r["reason"]]
    assert [(r["corridor"], r["value"], r["scope"]) for r in implied] == [
        ("cacgp-line-d", "under_construction", "")
    ]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        pytest.param(
            "Dry port opens\nALMATY, 2 March 2016 -\n\nThe Khorgos dry port began operating "
            "in November.",
            (PORT, "operating"),
            id="an opening before the dateline",
        ),
        pytest.param(
            "Railway to start soon\nOSH, 3 March 2025 -\n\nWork on the China–Kyrgyzstan–"
            "Uzbekistan railway will begin in August.",
            (CKU, "planned"),
            id="works to begin after the dateline",
        ),
        pytest.param(
            "Gas flows up\nURUMQI, 9 July 2021 -\n\nThe Central Asia–China gas pipeline carried "
            "21 bcm in the first six months of this year.",
            (CACGP, "operating"),
            id="traffic in a period that has ended",
        ),
    ],
)
def test_implied_status_is_proposed_and_marked(fixture_raw, text: str, status) -> None:
    reference = ingest.metadata(text)["date"]
    rows = ingest.propose(
        "951_case.txt",
        text,
        ingest.systems(fixture_raw),
        fixture_raw,
        reference,
        ingest.country_names(fixture_raw.datadir),
    )
    (row,) = [r for r in rows if r["field"] == "status"]
    assert (row["corridor"], row["value"]) == status
    assert row["reason"].startswith("status implied by")
    assert row["note"].startswith("Implied, not stated in words")
    assert float(row["confidence"]) <= stages.WEIGHT


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Route volumes rise\nASTANA, 4 September 2023 -\n\nAbout 1.1 million tons moved "
            "along the Middle Corridor between January and August.",
            [],
            id="freight along a corridor: no stage implied",
        ),
        pytest.param(
            "Dry port busy\nALMATY, 9 March 2022 -\n\nThe Khorgos dry port handled 140,000 "
            "TEU last year.",
            [(PORT, "operating")],
            id="a port's throughput still implies it runs",
        ),
    ],
)
def test_a_routes_traffic_implies_no_stage(fixture_raw, text: str, expected) -> None:
    rows = ingest.propose(
        "954_case.txt",
        text,
        ingest.systems(fixture_raw),
        fixture_raw,
        ingest.metadata(text)["date"],
        ingest.country_names(fixture_raw.datadir),
    )
    assert any(r["field"] == "traffic" for r in rows)
    assert [(r["corridor"], r["value"]) for r in rows if r["field"] == "status"] == expected


def test_an_opening_dated_on_a_corridor_implies_no_stage(fixture_raw) -> None:
    """A corridor's "opening" is mostly a leg's, a terminal's or a service's along it."""
    text = "Route news\nBAKU, 4 September 2023 -\n\nThe Middle Corridor opened in 2017."
    rows = ingest.propose(
        "957_case.txt",
        text,
        ingest.systems(fixture_raw),
        fixture_raw,
        ingest.metadata(text)["date"],
        ingest.country_names(fixture_raw.datadir),
    )
    assert [(r["corridor"], r["value"]) for r in rows if r["field"] == "opening_date"] == [
        (TITR, "2017")
    ]
    assert not [r for r in rows if r["field"] == "status"]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param(
            [
                _row(
                    "status",
                    "under_construction",
                    quote="Work on the spur has begun, the firm says.",
                )
            ],
            [("start_date", "2019-08")],
            id="a start told as the news: the report's month",
        ),
        pytest.param(
            [
                _row(
                    "status",
                    "operating",
                    quote="The new string has begun to carry gas to the east.",
                )
            ],
            [("opening_date", "2019-08")],
            id="an opening told as the news: the report's month",
        ),
        pytest.param(
            [_row("status", "under_construction", quote="Work on the spur has already begun.")],
            [],
            id="has already begun: a start some time back",
        ),
        pytest.param(
            [
                _row("status", "under_construction", quote="Work on the spur has begun."),
                _row("start_date", "2019-07-30", quote="Ground was broken on 30 July."),
            ],
            [],
            id="the article dates the start elsewhere",
        ),
        pytest.param(
            [_row("status", "under_construction", quote="Tunnelling has got going at six sites.")],
            [],
            id="a step of the works begun is no start of the whole",
        ),
    ],
)
def test_an_event_told_as_the_news_is_dated_by_the_report(rows, expected) -> None:
    found = stages.reported(rows, "2019-08-02")
    assert [(field, value) for _, field, value, _ in found] == expected
    assert stages.reported(rows, "") == []  # no date of its own: nothing


@pytest.mark.parametrize(
    ("values", "dropped"),
    [
        pytest.param(["2011-03-02", "2011-04"], ["2011-04"], id="a later step after the opening"),
        pytest.param(["2011-03", "2011-03-02"], [], id="the same month, finer: no order known"),
        pytest.param(["2011-03-02"], [], id="one opening stays"),
    ],
)
def test_a_system_opens_once(values: list[str], dropped: list[str]) -> None:
    """Two openings of one system in one article: the earliest is its opening."""
    rows = [_row("opening_date", v) for v in values]
    assert [r["value"] for r in stages.later_openings(rows)] == dropped
