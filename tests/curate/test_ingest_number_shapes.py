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

from corridors.curate.ingest import periods, quantities, totals, values

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
            "Some 9,000 twenty-foot containers passed.",
            [(9000, "TEU", "about")],
            id="twenty-foot containers are TEU",
        ),
        pytest.param(
            "Forty scheduled trains ran.",
            [(40, "trains", "")],
            id="scheduled trains",
        ),
        pytest.param(
            "It sent 7.2 billion standard cubic metres east.",
            [(7.2, "bcm", "")],
            id="standard cubic metres",
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
        pytest.param(
            "The railway expects freight to triple in 2024, to 6 million tonnes.",
            "target",
            {("6000000", "tonnes", "", "2024")},
            id="an expected change to a level in a year: a target",
        ),
        pytest.param(
            "Volumes should grow by a third this year, to 90,000 TEU, the operator forecasts.",
            "target",
            {("90000", "TEU", "", "2024")},
            id="a forecast word after the figure",
        ),
        pytest.param(
            "In 2023 cargo grew to 2 million tonnes, and the operator expects more.",
            "traffic",
            {("2000000", "tonnes", "", "2023")},
            id="a change already made stays traffic whatever is expected after it",
        ),
        pytest.param(
            "Its total throughput is 45 billion cubic metres a year.",
            "capacity",
            {("45", "bcm/year", "", "")},
            id="a yearly throughput as it is now: a capacity",
        ),
        pytest.param(
            "The pipeline's throughput will reach 45 billion cubic metres a year.",
            "capacity",
            set(),
            id="a throughput still to come at no year: no capacity",
        ),
        pytest.param(
            "Its design throughput is 12 bcm a year.",
            "capacity",
            {("12", "bcm/year", "", "")},
            id="a design throughput",
        ),
        pytest.param(
            "With the new string, the system's capacity will rise from 40 billion to 65 billion "
            "cubic metres a year.",
            "capacity",
            {("40", "bcm/year", "", "")},
            id="a capacity still to rise: the level it starts from is today's",
        ),
        pytest.param(
            "New tracks will lift the yard's capacity from 300 to 450 thousand TEU a year.",
            "capacity",
            {("300000", "TEU/year", "", "")},
            id="the start of a change takes the magnitude of its end",
        ),
        pytest.param(
            "For 2025 the plan is to run 250 block trains on the route.",
            "target",
            {("250", "trains", "", "2025")},
            id="the plan is to: an aim",
        ),
        pytest.param(
            "The pipe is meant to carry 18 bcm a year and should reach its full capacity by 2016.",
            "target",
            {("18", "bcm/year", "", "2016")},
            id="a rate and the year full capacity is reached: an aim",
        ),
        pytest.param(
            "Trains leaving the yard can be in Aktau in four days and in Europe in about 12-14 days.",
            "transit_time",
            {("4", "days", "", "")},
            id="leaving a place for another; a time to a region is none",
        ),
        pytest.param(
            "The pipeline is 700 km long in all, 520 km of it beyond the border.",
            "length",
            {("700", "km", "", "")},
            id="N km of it: a part of the length, not the whole",
        ),
        pytest.param(
            "The spur is 600 km long, and 250 km of it will lie on Kyrgyz soil.",
            "section_length",
            {("250", "km", "", "")},
            id="N km of it on a country's soil: that country's section",
        ),
        pytest.param(
            "By rail, goods reach the EU border in 9 to 12 days.",
            "transit_time",
            set(),
            id="a time to a region's border",
        ),
        pytest.param(
            "With the new line, cargo should get to Aktau five days sooner.",
            "transit_time",
            set(),
            id="days sooner: a saving, no transit time",
        ),
        pytest.param(
            "The terminal's capacity was raised from 80,000 TEU to 120,000 TEU.",
            "capacity",
            {("120000", "TEU/year", "", "")},
            id="a capacity already raised: the level it started from is gone",
        ),
        pytest.param(
            "Handling at the port rose from 12 thousand TEU to 30 thousand TEU over 2023.",
            "traffic",
            {("30000", "TEU", "", "2023")},
            id="the start of a change made is no traffic of the period",
        ),
        pytest.param(
            "China's gas demand is expected to reach 400 billion cubic metres in 2030.",
            "target",
            set(),
            id="a country's demand is no line's target",
        ),
        pytest.param(
            "Transit is expected to climb to 30 million tonnes by 2030, the governor said.",
            "target",
            set(),
            id="a country's transit as the subject",
        ),
        pytest.param(
            "In the five months of 2024 the route carried 900 thousand tonnes.",
            "traffic",
            {("900000", "tonnes", "", "2024-01/2024-05")},
            id="the N months of a year: the first N",
        ),
        pytest.param(
            "It moved 3 thousand containers in TEU in 2023.",
            "traffic",
            {("3000", "TEU", "", "2023")},
            id="containers counted in TEU",
        ),
    ],
)
def test_figures_beside_the_systems_own(sentence: str, field: str, expected: set) -> None:
    assert _fields(sentence, field, "2024-06-10", last_year="2024") == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param("The partner will extend a loan of $1.8 billion.", set(), id="a loan"),
        pytest.param("Beijing will lend the remaining $900 million.", set(), id="lending"),
        pytest.param(
            "A development bank is lending $700 million for the Kyrgyz leg.",
            {("700000000", "USD", "", "")},
            id="a loan for the work it names pays for that work",
        ),
        pytest.param(
            "The line's cost is put at $5 billion, part of it in loans.",
            {("5000000000", "USD", "", "")},
            id="a cost whose financing names loans is still a cost",
        ),
    ],
)
def test_a_loan_is_no_cost(sentence: str, expected: set) -> None:
    assert _fields(sentence, "cost") == expected


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


def _article(sentences: list[str], field: str, article_date: str = "") -> set:
    """Read sentences in order with one context, as an article is read."""
    ctx = values.Context(article_date, COUNTRIES, ["Aktau", "Baku"])
    out = set()
    for sentence in sentences:
        out |= {
            (v.value, v.unit, v.period)
            for v in values.read_values(sentence, ctx)
            if v.field == field
        }
    return out


@pytest.mark.parametrize(
    ("sentences", "field", "article_date", "expected"),
    [
        pytest.param(
            [
                "In 2021 the corridor carried 900,000 tonnes of freight.",
                "Containers on the route came to 20.5 thousand TEU, a rise of 18%.",
            ],
            "traffic",
            "",
            {("900000", "tonnes", "2021"), ("20500", "TEU", "2021")},
            id="a figure with its change on a year takes the year just read",
        ),
        pytest.param(
            [
                "In 2021 the corridor carried 900,000 tonnes of freight.",
                "Containers on the route came to 20.5 thousand TEU.",
            ],
            "traffic",
            "",
            {("900000", "tonnes", "2021")},
            id="no change stated: no year taken from the sentence before",
        ),
        pytest.param(
            [
                "Last year the route moved about 3.1 million tonnes, 40% more than in 2021, and "
                "4 million tonnes are expected this year."
            ],
            "traffic",
            "",
            {("3100000", "tonnes", "2022")},
            id="no dateline: last year is the one after the year it is set against",
        ),
        pytest.param(
            [
                "Last year the route moved about 3.1 million tonnes, 40% more than in 2021, and "
                "4 million tonnes are expected this year."
            ],
            "target",
            "",
            {("4000000", "tonnes", "2023")},
            id="no dateline: this year follows",
        ),
        pytest.param(
            [
                "The main line is to open before the end of 2014, with a capacity of 20 bcm a year.",
                "A third string is under way, and once it is done capacity will reach 35 bcm.",
            ],
            "target",
            "",
            {("20", "bcm/year", "2014")},
            id="the state once something happens, after 'and': no target of the year before",
        ),
    ],
)
def test_read_in_order(sentences: list[str], field: str, article_date: str, expected: set) -> None:
    assert _article(sentences, field, article_date) == expected


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("In the first half of 2023 the sea ports of Aktau and Kuryk handled ", True),
        ("During 2022, the container terminal moved ", True),
        ("In 2024 the route carried ", False),
    ],
    ids=["ports after a time", "a terminal after a time and a comma", "a route after a time"],
)
def test_a_port_as_the_subject(clause: str, expected: bool) -> None:
    assert bool(totals.PORT_SUBJECT.match(clause)) is expected
