"""Rules learnt from the development notes 19-26 (benchmarks/reporting/dev), each checked on texts
written for these tests: a split of a length by country, stretches counted from one end, calendar
periods that are no start of works, comparisons that are no yearly rate, what a route "could
handle", another corridor that takes over a paragraph, and traffic in the running year.
"""

from __future__ import annotations

import pytest

from corridors.curate import ingest
from corridors.curate.ingest import dates, labels, stages

CKU, TITR, KHORGOS = "cku-railway", "titr", "khorgos-dry-port"


def _propose(raw, text: str, date: str) -> list[dict[str, str]]:
    return ingest.propose(
        "951_case.txt", text, ingest.systems(raw), raw, date, ingest.country_names(raw.datadir)
    )


def _found(rows: list[dict[str, str]]) -> set[tuple[str, str, str, str]]:
    """(corridor, field, value, period or scope) of every proposal."""
    return {(r["corridor"], r["field"], r["value"], r["period"] or r["scope"]) for r in rows}


@pytest.mark.parametrize(
    ("text", "date", "present", "absent"),
    [
        pytest.param(
            "The China–Kyrgyzstan–Uzbekistan railway is taking shape. It will be about 510 km "
            "long: 200 km of it lies in China, 250 km in Kyrgyzstan and 60 km in Uzbekistan.",
            "2025-06-02",
            [
                (CKU, "length", "510", ""),
                (CKU, "section_length", "200", "China"),
                (CKU, "section_length", "250", "Kyrgyzstan"),
                (CKU, "section_length", "60", "Uzbekistan"),
            ],
            [(CKU, "length", v, "") for v in ("200", "250", "60")],
            id="a length split by country after the whole",
        ),
        pytest.param(
            "The China–Kyrgyzstan–Uzbekistan railway will change gauge on the way: standard track "
            "for the first 150 km and broad track for the remaining 140 km.",
            "2025-06-02",
            [],
            [(CKU, "length", "150", ""), (CKU, "length", "140", "")],
            id="a stretch counted from one end is no length",
        ),
        pytest.param(
            "The Khorgos dry port has handled 95,000 TEU since the start of this year.",
            "2019-09-20",
            [(KHORGOS, "traffic", "95000", "2019-01/2019-09")],
            [(KHORGOS, "start_date", "2019", "")],
            id="since the start of this year is a period, not a start of works",
        ),
        pytest.param(
            "The Middle Corridor carried 301,000 tons in February, 90% more than a year earlier.",
            "2025-03-20",
            [(TITR, "traffic", "301000", "2025-02")],
            [],
            id="a month alone is the period; a year earlier is no yearly rate",
        ),
        pytest.param(
            "The Middle Corridor is growing. Last year it could handle 7 million tons and carried "
            "3.1 million tons.",
            "2025-03-20",
            [(TITR, "capacity", "7000000", "2024"), (TITR, "traffic", "3100000", "2024")],
            [(TITR, "traffic", "7000000", "2024")],
            id="what a route could handle is its capacity",
        ),
        pytest.param(
            "The Middle Corridor carried 3.1 million tons last year.\n\n"
            "The Northern Seaboard corridor, which also serves the region, links two other ports. "
            "It moved 1.9 million tons last year.",
            "2025-03-20",
            [(TITR, "traffic", "3100000", "2024")],
            [(TITR, "traffic", "1900000", "2024")],
            id="another named corridor takes over its paragraph",
        ),
        pytest.param(
            "The Middle Corridor is busy. Crossing Kazakhstan from Dostyk station to Kuryk takes "
            "four days, and with the return of the wagon a full turn takes 11 days.",
            "2025-03-20",
            [(TITR, "transit_time", "4", "Dostyk–Kuryk")],
            [(TITR, "transit_time", "11", "")],
            id="a station ends a trip; a wagon's turn is no transit time",
        ),
        pytest.param(
            "The China–Kyrgyzstan–Uzbekistan railway is being dug through the mountains. Work has "
            "so far begun on 10 of its tunnels, and a depot is planned at Makmal.",
            "2025-12-09",
            [(CKU, "status", "under_construction", "")],
            [(CKU, "status", "planned", "")],
            id="work has begun; a depot's plan is not the railway's",
        ),
        pytest.param(
            "The Central Asia–China gas pipeline keeps growing. By late 2016 it is supposed to "
            "carry as much as 60 billion cubic metres of gas a year.",
            "2015-06-16",
            [("cacgp", "target", "60", "2016")],
            [("cacgp", "capacity", "60", "")],
            id="supposed to by late year is a target",
        ),
        pytest.param(
            "Freight on the Middle Corridor reached 3.9 million tons in the first ten months of "
            "this year. Container traffic on the route doubled over the same months, to 41,000 TEU.",
            "2025-11-20",
            [(TITR, "traffic", "41000", "2025-01/2025-10")],
            [],
            id="the same months are the span read last",
        ),
    ],
)
def test_reporting_rules(fixture_raw, text: str, date: str, present, absent) -> None:
    found = _found(_propose(fixture_raw, text, date))
    assert set(present) <= found
    assert not set(absent) & found


@pytest.mark.parametrize(
    ("sentence", "date", "period"),
    [
        pytest.param(
            "It handled 9 TEU since the start of this year.",
            "2018-11-07",
            "2018-01/2018-11",
            id="since the start",
        ),
        pytest.param("It carried 9 tons in January.", "2024-02-29", "2024-01", id="a past month"),
        pytest.param(
            "It carried 9 tons in November.",
            "2024-02-29",
            "2023-11",
            id="a month still to come is last year's",
        ),
        pytest.param(
            "It carried 9 tons in May 2021.", "2024-02-29", "2021-05", id="a month with its year"
        ),
    ],
)
def test_calendar_periods(sentence: str, date: str, period: str) -> None:
    assert [p.value for p in dates.find_periods(sentence, date)] == [period]


@pytest.mark.parametrize(
    ("period", "date", "status"),
    [
        pytest.param("2018", "2018-11-07", "operating", id="traffic in the running year"),
        pytest.param("2018-01/2018-11", "2018-11-07", "operating", id="traffic to this month"),
        pytest.param("2019", "2018-11-07", None, id="traffic in a year to come implies nothing"),
    ],
)
def test_traffic_implies_operating(period: str, date: str, status: str | None) -> None:
    row = dict.fromkeys(("corridor", "feature", "qualifier", "scope", "reason", "quote"), "")
    row |= {"field": "traffic", "value": "9", "period": period}
    found = stages.evidence(row, date)
    assert (found[0] if found else None) == status


@pytest.mark.parametrize(
    ("letters", "features", "some"),
    [
        pytest.param(
            ["A", "B"], ["Line A", "Line B", "Line C"], True, id="A and B beside a drawn C"
        ),
        pytest.param(["A", "B", "C"], ["Line A", "Line B", "Line C"], False, id="every drawn line"),
        pytest.param(["A", "B"], ["Line A", "Line B"], False, id="both drawn lines"),
    ],
)
def test_some_lines_are_not_the_system_list(letters, features, some: bool) -> None:
    assert labels.some_lines(letters, features) is some
