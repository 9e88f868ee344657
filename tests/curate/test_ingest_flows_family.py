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


@pytest.mark.parametrize(
    ("sentence", "article_date", "field", "expected"),
    [
        pytest.param(
            "Freight on the route climbed 40% year on year to 2.2 million tonnes in 9M 2023.",
            "2023-10-20",
            "traffic",
            {("2200000", "tonnes", "", "2023-01/2023-09", "")},
            id="a level reached after a share of growth, in a short period",
        ),
        pytest.param(
            "Shipments along the corridor reached 1.4 mln tonnes in the first nine months.",
            "2023-10-20",
            "traffic",
            {("1400000", "tonnes", "", "2023-01/2023-09", "")},
            id="months counted with no year: the dateline's",
        ),
        pytest.param(
            "During the first quarter, 75 block trains used the route.",
            "2023-05-02",
            "traffic",
            {("75", "trains", "", "2023-01/2023-03", "")},
            id="trains that used the route in a quarter",
        ),
        pytest.param(
            "From January to May 2021, 16 bcm of gas came through the line to China.",
            "2021-06-10",
            "traffic",
            {("16", "bcm", "", "2021-01/2021-05", "")},
            id="gas that came through in a span of months",
        ),
        pytest.param(
            "The terminal processed 90,000 containers (TEU) in 2019.",
            "2020-01-15",
            "traffic",
            {("90000", "TEU", "", "2019", "")},
            id="containers counted in twenty-foot units",
        ),
        pytest.param(
            "Container traffic on the line grew 3 times, reaching 40,000 TEU in 2022.",
            "2023-01-15",
            "traffic",
            {("40000", "TEU", "", "2022", "")},
            id="a multiple of growth, then the level reached",
        ),
        pytest.param(
            "The yard handles 14 trains a day on average in 2021.",
            "2022-01-15",
            "traffic",
            set(),
            id="a daily rate is no period's traffic",
        ),
        pytest.param(
            "Around 50 trains with 5,000 containers cross the border every month.",
            "2022-01-15",
            "traffic",
            set(),
            id="a monthly rate is no period's traffic",
        ),
        pytest.param(
            "The hub has handled 30,000 TEU over the past half year and plans to take this to "
            "90,000 TEU this year.",
            "2018-07-10",
            "traffic",
            set(),
            id="the period after an aim's figure is not the figure before it",
        ),
        pytest.param(
            "The hub has handled 30,000 TEU over the past half year and plans to take this to "
            "90,000 TEU this year.",
            "2018-07-10",
            "target",
            {("90000", "TEU", "", "2018", "")},
            id="an aim to bring a volume to a level this year",
        ),
        pytest.param(
            "In 2023 the route moved 3 million tonnes, and the ministry hopes for 4 million tonnes "
            "next year.",
            "2024-01-10",
            "target",
            {("4000000", "tonnes", "", "2025", "")},
            id="hoped for next year: a target with the next year",
        ),
        pytest.param(
            "We are aiming for 400,000 TEU by 2022.",
            "2019-03-01",
            "target",
            {("400000", "TEU", "", "2022", "")},
            id="aiming for an amount by a year: the plain unit the copy prints (CONVENTIONS 9)",
        ),
        pytest.param(
            "The terminal means to move 250,000 TEU a year. Its goal is 250,000 TEU by 2028.",
            "2024-05-01",
            "target",
            {("250000", "TEU/year", "", "2028", "")},
            id="the same figure printed yearly before: the aim is yearly too",
        ),
        pytest.param(
            "Its handling capacity is expected to reach 900,000 TEU by 2030.",
            "2024-05-01",
            "target",
            {("900000", "TEU/year", "", "2030", "")},
            id="a capacity to reach by a year: yearly by the word capacity",
        ),
        pytest.param(
            "The ministry wants freight on the route to triple to 6 million tonnes by 2029.",
            "2024-05-01",
            "target",
            {("6000000", "tonnes", "", "2029", "")},
            id="an amount to triple to by a year: the plain unit",
        ),
        pytest.param(
            "Cargo on the route should hit 9 mln tonnes by 2028.",
            "2025-03-01",
            "target",
            {("9000000", "tonnes", "", "2028", "")},
            id="an amount it should hit by a year: the plain unit the copy prints",
        ),
        pytest.param(
            "The terminal's capacity will be 600,000 TEU by 2021.",
            "2018-03-01",
            "capacity",
            set(),
            id="a capacity still to come by a year is no capacity",
        ),
        pytest.param(
            "The terminal's capacity will be 600,000 TEU by 2021.",
            "2018-03-01",
            "target",
            {("600000", "TEU/year", "", "2021", "")},
            id="a capacity still to come by a year is a target",
        ),
        pytest.param(
            "The three strings can jointly carry 55 bcm of gas per year.",
            "2020-03-01",
            "capacity",
            {("55", "bcm/year", "", "", "")},
            id="can, an adverb, and a verb of carrying: a capacity",
        ),
        pytest.param(
            "The new string will move 20 to 25 bn cu m of gas a year.",
            "2020-03-01",
            "capacity",
            {("25", "bcm/year", "up to", "", "")},
            id="a range in short cubic metres: its upper end",
        ),
        pytest.param(
            "Freight stood at 3 million tonnes against a capacity of 5 million tonnes a year.",
            "2020-03-01",
            "capacity",
            {("5000000", "tonnes/year", "", "", "")},
            id="a yearly word is the figure's after it, not the one before",
        ),
        pytest.param(
            "The line has carried 250 bcm since 2010, including 41 bcm last year.",
            "2020-03-01",
            "traffic",
            {("41", "bcm", "", "2019", "")},
            id="a running total since a year is no traffic; the part of last year is",
        ),
        pytest.param(
            "Since 2012 the pipe has carried 180 bcm to China.",
            "2020-03-01",
            "traffic",
            set(),
            id="since a year, then a verb in the perfect: a running total",
        ),
        pytest.param(
            "Altogether, 290 bcm have flowed through the line.",
            "2020-03-01",
            "traffic",
            set(),
            id="altogether, with no period: a running total",
        ),
        pytest.param(
            "Between the line's opening in 2009 and the end of 2019, 300 bcm went to China.",
            "2020-03-01",
            "traffic",
            set(),
            id="between its opening and a date: a running total",
        ),
        pytest.param(
            "By last month, 150 trains and 200,000 tonnes had come in from China.",
            "2024-10-01",
            "traffic",
            set(),
            id="a pluperfect of arriving: a running total",
        ),
        pytest.param(
            "Between March and June, trains brought 9,000 TEU in all.",
            "2024-10-01",
            "traffic",
            {("9000", "TEU", "", "2024-03/2024-06", "")},
            id="in all, with a period in the clause: that period's traffic",
        ),
        pytest.param(
            "In 2023, 150 trains arrived from China; in the first five months of this year there "
            "were 130 trains.",
            "2024-07-01",
            "traffic",
            {("150", "trains", "", "2023", ""), ("130", "trains", "", "2024-01/2024-05", "")},
            id="a period across a semicolon is the other figure's",
        ),
        pytest.param(
            "During the year, the hub handled over 200,000 TEU.",
            "",
            "traffic",
            set(),
            id="during the year with no year named before: no period",
        ),
        pytest.param(
            "Exports from Uzbekistan along the corridor rose to 0.8 million tonnes in 2023.",
            "2024-02-01",
            "traffic",
            set(),
            id="a country's exports along the route are not the route's traffic",
        ),
        pytest.param(
            "Kazakhstan's transit cargo reached 25 million tonnes in 2023.",
            "2024-02-01",
            "traffic",
            set(),
            id="a country's transit total is not the route's traffic",
        ),
        pytest.param(
            "Uzbekistan exported 5 bcm of gas to China in 2022.",
            "2023-02-01",
            "traffic",
            set(),
            id="a country that supplied gas: its deliveries, not the line's traffic",
        ),
        pytest.param(
            "The country would lift its gas exports in 2009 to 18 bcm a year.",
            "2008-02-01",
            "target",
            set(),
            id="a country's exports are no target of the line",
        ),
        pytest.param(
            "Once the last compressors are ready by the end of 2016, the new string will reach its "
            "design capacity of 20 bcm a year.",
            "2014-02-01",
            "capacity",
            {("20", "bcm/year", "", "", "")},
            id="a design capacity reached later is still a capacity",
        ),
        pytest.param(
            "Once the last compressors are ready by the end of 2016, the system as a whole will "
            "deliver 50 bcm a year.",
            "2014-02-01",
            "target",
            {("50", "bcm/year", "", "2016", "")},
            id="a yearly flow due once something is done by a year: a target of that year",
        ),
        pytest.param(
            "The new string is to carry 20 bcm a year, and building should end by 2018.",
            "2014-02-01",
            "capacity",
            {("20", "bcm/year", "", "", "")},
            id="a year after the figure, of another verb, leaves a capacity",
        ),
        pytest.param(
            "The terminal opened in May 2016, and 60,000 containers have been handled.",
            "2018-02-01",
            "traffic",
            set(),
            id="a present perfect with no period of its own: a running total",
        ),
        pytest.param(
            "Georgian Railway carried 14 million tonnes of freight in 2023.",
            "2024-02-01",
            "traffic",
            set(),
            id="a railway company's own yearly total is not the route's",
        ),
        pytest.param(
            "Georgian Railway carried 1.2 million tonnes along the corridor in 2023.",
            "2024-02-01",
            "traffic",
            {("1200000", "tonnes", "", "2023", "")},
            id="a railway company's figure along the route is the route's",
        ),
        pytest.param(
            "The new string is meant to bring an extra 20 bcm of gas a year.",
            "2020-02-01",
            "capacity",
            {("20", "bcm/year", "", "", "")},
            id="meant to bring a yearly volume: a capacity",
        ),
        pytest.param(
            "For the first six months of 2025, 140 trains ran westbound, 20% above the same period "
            "in 2024.",
            "2025-08-01",
            "traffic",
            {("140", "trains", "", "2025-01/2025-06", "")},
            id="the period after 'the same period' is the comparison's",
        ),
        pytest.param(
            "In 2021 there were 3,000 trains, and in 2023 the count reached 5,000 trains.",
            "2024-02-01",
            "traffic",
            {("3000", "trains", "", "2021", ""), ("5000", "trains", "", "2023", "")},
            id="each figure takes the period of its own clause",
        ),
        pytest.param(
            "In 2021 the terminal served 5,500 trains on the line.",
            "2022-02-01",
            "traffic",
            {("5500", "trains", "", "2021", "")},
            id="trains served in a year",
        ),
        pytest.param(
            "Freight on the line rose 40% in 2023 to 3.2 mln tons.",
            "2024-02-01",
            "traffic",
            {("3200000", "tonnes", "", "2023", "")},
            id="a year before 'to' is no range's low end",
        ),
        pytest.param(
            "Some 200 trains are to be sent by the end of the year; eventually, 900 trains are to be "
            "sent along the route.",
            "2024-09-01",
            "target",
            {("200", "trains", "about", "2024", "")},
            id="an aim 'eventually' takes no year of another figure",
        ),
        pytest.param(
            "Gas piped to China from Central Asia and Myanmar is expected to reach 70 bcm in 2021.",
            "2020-09-01",
            "target",
            set(),
            id="a volume from several sources is not the line's",
        ),
        pytest.param(
            "In 2021 there were 3,200 trains, and in 2023 the figure reached 5,100.",
            "2024-02-01",
            "traffic",
            {("3200", "trains", "", "2021", ""), ("5100", "trains", "", "2023", "")},
            id="the figure reached a number: the same unit, its own period",
        ),
        pytest.param(
            "In 2023, 150 trains came from China; in the first half of this year alone there were "
            "140.",
            "2024-08-01",
            "traffic",
            {("150", "trains", "", "2023", ""), ("140", "trains", "", "2024-01/2024-06", "")},
            id="there were a number, its unit left out",
        ),
        pytest.param(
            "In 2023, 150 trains came from China; there were 4 ferries on the sea leg.",
            "2024-08-01",
            "traffic",
            {("150", "trains", "", "2023", "")},
            id="a number with a unit of its own is not the figure's again",
        ),
    ],
)
def test_flow_families(sentence: str, article_date: str, field: str, expected: set) -> None:
    assert _fields(sentence, field, article_date) == expected


def test_the_year_is_the_one_named_before() -> None:
    """ "Over the course of the year" after a sentence naming 2023 is 2023."""
    ctx = values.Context("", COUNTRIES, [])
    values.read_values("The figures for 2023 tell the story.", ctx)
    found = values.read_values("Over the course of the year, 150,000 TEU passed through.", ctx)
    assert {(v.field, v.value, v.period) for v in found} == {("traffic", "150000", "2023")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "Lifting a box from one flatcar to another now takes one hour.",
            set(),
            id="moving a box between trains is handling, not travel",
        ),
        pytest.param(
            "Cargo needs some 16 days from China to Europe on the line, while ships take 35 to "
            "40 days.",
            {("16", "days", "about", "", "China–Europe")},
            id="the ships' time beside the line's is not the line's",
        ),
        pytest.param(
            "Carrying goods from China to Europe by sea takes 45 days.",
            set(),
            id="a time by sea is another way of carrying",
        ),
        pytest.param(
            "The run from Kashgar to Aktau takes nine days, compared with 15 days by road.",
            {("9", "days", "", "", "Kashgar–Aktau")},
            id="the road's time set beside the run's leaves the run's",
        ),
        pytest.param(
            "The new link would shorten the haul by about six days.",
            set(),
            id="time saved is no transit time",
        ),
        pytest.param(
            "The service should cover some 5,000 km to Aktau in 8 to 10 days.",
            {("10", "days", "up to", "", "")},
            id="cover a distance in a range of days: the upper end",
        ),
        pytest.param(
            "Last month the first train from Urumqi reached Aktau in just seven days.",
            {("7", "days", "", "", "Urumqi–Aktau")},
            id="a train from one place reached another: the stretch",
        ),
        pytest.param(
            "Block trains carry goods from China to Aktau in 12-14 days on average.",
            {("14", "days", "up to", "", "China–Aktau")},
            id="from one place to another in a range of days",
        ),
        pytest.param(
            "Goods now need 16-20 days on the line (it used to take over 40 days).",
            {("20", "days", "up to", "", "")},
            id="what it used to take is no transit time",
        ),
        pytest.param(
            "The plan is to meet the bloc's goal of a 14-day transit.",
            set(),
            id="a goal of a transit time is no transit time",
        ),
    ],
)
def test_transit_families(sentence: str, expected: set) -> None:
    assert _fields(sentence, "transit_time") == expected


@pytest.mark.parametrize(
    ("sentence", "field", "expected"),
    [
        pytest.param(
            "The line will run 500 km, including 250 km through Kyrgyzstan.",
            "section_length",
            {("250", "km", "", "", "Kyrgyzstan")},
            id="including a stretch through one country: its section",
        ),
        pytest.param(
            "The line will run 500 km, including 250 km through Kyrgyzstan.",
            "length",
            {("500", "km", "", "", "")},
            id="the whole length beside its section",
        ),
        pytest.param(
            "The route will stretch 500 km across China, Kyrgyzstan and Uzbekistan.",
            "section_length",
            set(),
            id="across a list of countries: the whole, no section",
        ),
        pytest.param(
            "The load will cover 8,000 km from China to Georgia.",
            "section_length",
            {("8000", "km", "", "", "China–Georgia")},
            id="a load's trip between two places: that stretch",
        ),
        pytest.param(
            "The load will cover 8,000 km on its way.",
            "length",
            set(),
            id="a load's trip with no ends is no length",
        ),
        pytest.param(
            "Building the line will cost $5 billion, of which $1.5 billion on the Kyrgyz stretch.",
            "cost",
            {("5000000000", "USD", "", "", ""), ("1500000000", "USD", "", "", "Kyrgyzstan")},
            id="the whole cost keeps no section named after a later figure",
        ),
        pytest.param(
            "Uzbekistan's aim is to double freight on the 4,000-kilometre route by 2030.",
            "section_length",
            set(),
            id="a glued length is the route's own, not the country the clause starts with",
        ),
        pytest.param(
            "The journey should cover about 6,000 km in a week.",
            "length",
            set(),
            id="a journey's distance is no length of the line",
        ),
    ],
)
def test_measure_families(sentence: str, field: str, expected: set) -> None:
    assert _fields(sentence, field) == expected
