"""The families of shapes corridor reporting writes its quantities in (issue 18, generalisation).

Each row is a sentence written for these tests in the shape of a family seen across wire services,
ministries, railways and trade press: the short and long ways of naming a period, the verbs of
traffic, capacity and aim, rates that are no period's traffic, running totals, and the figures
set beside the system's own (a previous period, a port, a country) that must not become it.
"""

from __future__ import annotations

import pytest

from corridors.curate.ingest import periods, values

COUNTRIES = ["China", "Kazakhstan", "Kyrgyzstan", "Uzbekistan", "Tajikistan", "Turkmenistan"]


def _fields(sentence: str, field: str, article_date: str = "2025-03-14") -> set[tuple[str, ...]]:
    ctx = values.Context(article_date, COUNTRIES, ["Kashgar", "Aktau", "Urumqi"])
    return {
        (v.value, v.unit, v.qualifier, v.period, v.scope)
        for v in values.read_values(sentence, ctx)
        if v.field == field
    }


@pytest.mark.parametrize(
    ("words", "article_date", "expected"),
    [
        pytest.param(
            "in the first 10 months of 2023",
            "2024-01-05",
            ["2023-01/2023-10"],
            id="months counted in digits",
        ),
        pytest.param(
            "during the first eight months",
            "2025-10-02",
            ["2025-01/2025-08"],
            id="months counted, no year: the dateline's",
        ),
        pytest.param(
            "during the first eight months",
            "2025-04-02",
            ["2024-01/2024-08"],
            id="months counted, not over yet: last year's",
        ),
        pytest.param(
            "results for 9M 2023", "2024-01-05", ["2023-01/2023-09"], id="nine months written short"
        ),
        pytest.param(
            "its 6M'24 figures",
            "2024-08-05",
            ["2024-01/2024-06"],
            id="six months with a clipped year",
        ),
        pytest.param(
            "a 5M-tonne yard for 10M people",
            "2024-08-05",
            [],
            id="a magnitude is no count of months",
        ),
        pytest.param(
            "in the seven months to July",
            "2025-08-20",
            ["2025-01/2025-07"],
            id="months ending in a month",
        ),
        pytest.param(
            "the three months through June 2024",
            "2024-08-20",
            ["2024-04/2024-06"],
            id="months ending in a month of a year",
        ),
        pytest.param("in H2 2023", "2024-02-01", ["2023-07/2023-12"], id="a half written short"),
        pytest.param(
            "in 1H", "2025-09-01", ["2025-01/2025-06"], id="a half written short, no year"
        ),
        pytest.param("in Q2 2024", "2024-09-01", ["2024-04/2024-06"], id="a quarter written short"),
        pytest.param(
            "in the third quarter", "2025-11-01", ["2025-07/2025-09"], id="a quarter with no year"
        ),
        pytest.param(
            "in February to May 2022",
            "2022-07-01",
            ["2022-02/2022-05"],
            id="a span of months without between",
        ),
        pytest.param("throughout 2023", "2024-03-01", ["2023"], id="a whole year"),
        pytest.param("in the current year", "2024-03-01", ["2024"], id="the current year"),
        pytest.param(
            "since January", "2025-06-10", ["2025-01/2025-06"], id="since a month, to the dateline"
        ),
        pytest.param("year-to-date", "2025-05-10", ["2025-01/2025-05"], id="year to date"),
    ],
)
def test_period_shapes(words: str, article_date: str, expected: list[str]) -> None:
    found = periods.find_periods(words, article_date)
    assert [p.value for p in found if not p.target] == expected


@pytest.mark.parametrize(
    ("words", "article_date", "expected"),
    [
        pytest.param("next year", "2025-06-01", "2026", id="next year"),
        pytest.param("by year-end", "2025-06-01", "2025", id="by year-end"),
        pytest.param("until the end of 2019", "2019-02-01", "2019", id="until the end of a year"),
        pytest.param("by the end of next year", "2025-06-01", "2026", id="by the end of next year"),
    ],
)
def test_years_to_reach(words: str, article_date: str, expected: str) -> None:
    found = periods.find_periods(words, article_date)
    assert [p.value for p in found if p.target] == [expected]
