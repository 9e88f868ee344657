"""How reports write their numbers (issue 18, ing-qty): the families seen across wire services,
ministries, railways, ports and trade press, and the figures set beside the system's own.

Every sentence is written for these tests in the shape of a family (never a report's words):
numbers in two magnitudes as reports translated from Russian print them, decimal commas, a
measure of work that is not a tonnage, money with a spelled number, ranges "from X to Y" that are
estimates, the time it took before, aims at a shorter time, running totals since an opening, and
units a field does not take.
"""

from __future__ import annotations

import pytest

from corridors.curate.ingest import periods, quantities, values

COUNTRIES = ["China", "Kazakhstan", "Kyrgyzstan", "Uzbekistan", "Azerbaijan", "Georgia"]


def _read(sentence: str) -> list[tuple[float, str, str]]:
    return [(round(q.number, 6), q.unit, q.qualifier) for q in quantities.read_rules(sentence)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "Shipments came to 7 million 250 thousand tonnes of grain.",
            [(7250000, "tonnes", "")],
            id="two magnitudes add up",
        ),
        pytest.param(
            "So far 96 billion 400 million cubic metres have gone east.",
            [(96.4, "bcm", "")],
            id="two magnitudes in cubic metres: bcm",
        ),
        pytest.param(
            "Freight turnover rose to 48.2 billion tonne-kilometres.",
            [],
            id="tonne-kilometres are work done, no tonnage",
        ),
        pytest.param(
            "The network logged 12 billion ton-km in the quarter.",
            [],
            id="ton-km written short",
        ),
        pytest.param(
            "The terminal moved 2,4 million tons last year.",
            [(2400000, "tonnes", "")],
            id="a decimal comma before a magnitude",
        ),
        pytest.param(
            "Some 14,05 billion cubic metres went through.",
            [(14.05, "bcm", "about")],
            id="a decimal comma in cubic metres",
        ),
        pytest.param(
            "The yard stores 1,250 tonnes of steel.",
            [(1250, "tonnes", "")],
            id="a thousands comma stays one",
        ),
        pytest.param(
            "Its price is put at nine billion US dollars.",
            [(9e9, "USD", "")],
            id="a spelled number with its magnitude and currency",
        ),
        pytest.param(
            "Guesses of its price range from 3.1 to six billion dollars.",
            [(6e9, "USD", "up to")],
            id="an estimate ranging from one figure to another: the upper end",
        ),
        pytest.param(
            "The branch would add 12bn³ a year.",
            [(12, "bcm", "")],
            id="billions of cubic metres glued as bn³",
        ),
    ],
)
def test_number_shapes(sentence: str, expected: list) -> None:
    assert _read(sentence) == expected


def _fields(sentence: str, field: str, article_date: str = "", last_year: str = "") -> set:
    ctx = values.Context(article_date, COUNTRIES, ["Aktau", "Baku", "Kashgar"])
    ctx.last_year = last_year
    return {
        (v.value, v.unit, v.qualifier, v.period)
        for v in values.read_values(sentence, ctx)
        if v.field == field
    }


@pytest.mark.parametrize(
    ("sentence", "field", "expected"),
    [
        pytest.param(
            "Freight now needs 11-14 days along the route, against more than 40 days before.",
            "transit_time",
            {("14", "days", "up to", "")},
            id="the time it took before is no transit time",
        ),
        pytest.param(
            "Boxes now take 16 days on the route, compared with about 30 days earlier.",
            "transit_time",
            {("16", "days", "", "")},
            id="an earlier time after a word of comparison",
        ),
        pytest.param(
            "The operator will cut the trip across the sea to 9 days next year and later to 6-7 days.",
            "transit_time",
            set(),
            id="an aim and a later aim in a range: neither is today's time",
        ),
        pytest.param(
            "From its launch in 2012 to the end of 2021, the line carried 180 million tonnes.",
            "traffic",
            set(),
            id="from the opening to a date: a running total",
        ),
        pytest.param(
            "Since the shuttle service started in 2019, over 9,000 trains have crossed the border.",
            "traffic",
            set(),
            id="a since-clause ending in a year, then a perfect: a running total",
        ),
        pytest.param(
            "The link should handle 150,000-200,000 containers by 2030.",
            "target",
            set(),
            id="a count in containers: no target takes that unit",
        ),
        pytest.param(
            "March alone accounted for 9,800 TEU, a monthly record.",
            "traffic",
            {("9800", "TEU", "", "2024-03")},
            id="a month alone, of the year named last",
        ),
        pytest.param(
            "The pipeline was expected to carry some 20 bcm every year.",
            "capacity",
            {("20", "bcm/year", "about", "")},
            id="an infinitive 'to' is no increase's end",
        ),
    ],
)
def test_figures_beside_the_systems_own(sentence: str, field: str, expected: set) -> None:
    assert _fields(sentence, field, last_year="2024") == expected


@pytest.mark.parametrize(
    ("sentence", "article_date", "last_year", "expected"),
    [
        pytest.param("In May alone the port took 4,000 TEU.", "2023-09-01", "", ["2023-05"]),
        pytest.param("May alone saw 4,000 TEU.", "2023-03-01", "", []),
        pytest.param("May alone saw 4,000 TEU.", "", "2019", ["2019-05"]),
    ],
    ids=["dateline year, month over", "month not over by the dateline", "the year named last"],
)
def test_month_alone(sentence: str, article_date: str, last_year: str, expected: list) -> None:
    found = periods.find_periods(sentence, article_date, last_year)
    assert [p.value for p in found] == expected
