"""The reading passes of ingest, one table per pass, on sentences written for these tests.

Each row is a sentence shape real reporting uses (issue 18), in words of our own: a figure glued to
its unit, a date relative to the dateline, a section by country, traffic in a period, a target
with its year, a transit time between two places, a stake with its holders, counts of tunnels and
bridges, and the words that say which field a figure fills.
"""

from __future__ import annotations

import pytest

from corridors.curate.ingest import dates, phrases, quantities, sentences, values

COUNTRIES = [
    "China",
    "Kazakhstan",
    "Kyrgyzstan",
    "Uzbekistan",
    "Tajikistan",
    "Turkmenistan",
    "Azerbaijan",
    "Georgia",
    "Turkey",
]


def _ctx(article_date: str = "2025-03-14") -> values.Context:
    return values.Context(article_date, COUNTRIES, ["Kashgar", "Aktau"])


def _read(sentence: str, article_date: str = "2025-03-14") -> set[tuple[str, ...]]:
    found = values.read_values(sentence, _ctx(article_date))
    return {(v.field, v.value, v.unit, v.qualifier, v.period, v.scope) for v in found}


# --- sentences and the top of the article ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The U.S. lender agreed. Mr. Lee signed on Jan. 5 in Astana. Work began.",
            ["The U.S. lender agreed.", "Mr. Lee signed on Jan. 5 in Astana.", "Work began."],
            id="abbreviations end no sentence",
        ),
        pytest.param(
            "Headline Without A Stop\nOSH, 3 May 2025 -\n\nFirst line. Second line.",
            # the dateline line is a wire prefix with no story after it: no sentence of its own
            ["Headline Without A Stop", "First line.", "Second line."],
            id="headline and dateline stay apart",
        ),
        pytest.param(
            "The new line will cross two ranges of mountains and more than forty rivers on\n"
            "its way from the border, according to the engineers who surveyed it last year\n"
            "for the ministry. Work starts soon.",
            [
                "The new line will cross two ranges of mountains and more than forty rivers on\n"
                "its way from the border, according to the engineers who surveyed it last year\n"
                "for the ministry.",
                "Work starts soon.",
            ],
            id="a wrapped paragraph is one",
        ),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    got = sentences.sentences(text)
    assert [s.text for s in got] == expected
    assert all(text[s.start : s.end] == s.text for s in got)


@pytest.mark.parametrize(
    ("top", "expected"),
    [
        pytest.param(
            "Rail Link Gets Its Money\nNARYN, 2 April 2025 (Mountain Wire) -\n\nBody.",
            {"dateline": "NARYN", "date": "2025-04-02", "outlet": "Mountain Wire"},
            id="city, day month year (outlet)",
        ),
        pytest.param(
            "Port sets a record in its busiest year\nAktau, March 4, 2025\n\nBody.",
            {
                "dateline": "Aktau",
                "date": "2025-03-04",
                "headline": "Port sets a record in its busiest year",
            },
            id="city, month day, year; a sentence-case headline above",
        ),
        pytest.param(
            "Pipeline talks resume\nKHUJAND, Tajikistan, October 2019 (Weekly) -\n\nBody.",
            {"dateline": "KHUJAND", "date": "", "reference": "2019-10"},
            id="a month only: no source date, but a reference",
        ),
    ],
)
def test_dateline(top: str, expected: dict[str, str]) -> None:
    meta = sentences.metadata(top)
    assert {k: meta.get(k, "") for k in expected} == expected


# --- quantities: units glued to numbers -------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "number", "unit", "qualifier"),
    [
        pytest.param("a 310-kilometre branch", 310, "km", "", id="N-kilometre"),
        pytest.param("a 1,200-km line", 1200, "km", "", id="N,NNN-km"),
        pytest.param("the 640km route", 640, "km", "", id="Nkm"),
        pytest.param("priced at US$2.7bn", 2.7e9, "USD", "", id="US$N.Nbn"),
        pytest.param("a $450 million loan", 4.5e8, "USD", "", id="$N million"),
        pytest.param("grants of 3 billion yuan", 3e9, "CNY", "", id="N billion yuan"),
        pytest.param("some 18 bcm of gas", 18, "bcm", "about", id="bcm"),
        pytest.param("40 billion cubic metres of gas", 40, "bcm", "", id="billion cubic metres"),
        pytest.param("2.3 million tons", 2.3e6, "tonnes", "", id="million tons"),
        pytest.param(
            "more than 150,000 twenty-foot equivalent units", 150000, "TEU", "over", id="TEU words"
        ),
        pytest.param("roughly nine days", 9, "days", "about", id="days in words"),
        pytest.param("a 35 percent share", 35, "%", "", id="percent"),
        pytest.param("fourteen tunnels", 14, "tunnels", "", id="tunnels in words"),
        pytest.param("up to 700 container trains", 700, "trains", "up to", id="trains"),
        pytest.param("a bill that may reach $3.3 billion", 3.3e9, "USD", "up to", id="may reach"),
        pytest.param("a $1.4 bln loan", 1.4e9, "USD", "", id="bln"),
        pytest.param("some 7.5m tonnes", 7.5e6, "tonnes", "about", id="Nm tonnes"),
        pytest.param("rated at 12 mtpa", 12e6, "tonnes", "", id="mtpa"),
        pytest.param("could end up costing US$7bn", 7e9, "USD", "up to", id="could end up costing"),
    ],
)
def test_quantities(sentence: str, number: float, unit: str, qualifier: str) -> None:
    got = [(q.number, q.unit, q.qualifier) for q in quantities.read_rules(sentence)]
    assert (number, unit, qualifier) in got


@pytest.mark.parametrize("sentence", ["a capacity of 30 bcm/y", "rated at 12 mtpa"])
def test_yearly_units(sentence: str) -> None:
    """ "30 bcm/y" and "12 mtpa" are yearly figures, like "a year"."""
    (q,) = quantities.read_rules(sentence)
    assert q.yearly


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("trains run at 120 km/h on the plain", id="a speed"),
        pytest.param("the yard covers 4,000 hectares", id="no unit of ours"),
    ],
)
def test_no_quantity(sentence: str) -> None:
    assert [q for q in quantities.read_rules(sentence) if q.unit == "km"] == []


# --- dates against the dateline -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "article_date", "value", "qualifier"),
    [
        pytest.param("signed on Wednesday", "2025-03-14", "2025-03-12", "", id="weekday before"),
        pytest.param("signed on Friday", "2025-03-14", "2025-03-14", "", id="weekday same day"),
        pytest.param("due next year", "2025-03-14", "2026", "", id="next year"),
        pytest.param("opened in July", "2025-10-02", "2025-07", "", id="month of the year"),
        pytest.param("on 9 June 2018", "2025-03-14", "2018-06-09", "", id="a full day"),
        pytest.param("on August 21", "2016-08", "2016-08-21", "", id="day against a month"),
        pytest.param("by the end of the decade", "2025-03-14", "2020s", "by the end of", id="dec"),
        pytest.param("within the next four years", "2025-03-14", "2029", "by", id="within"),
        pytest.param("began running in November", "2016-03-02", "2015-11", "", id="past month"),
        pytest.param("will open in February", "2023-10-09", "2024-02", "", id="future month"),
        pytest.param("will open in December", "2023-10-09", "2023-12", "", id="later this year"),
        pytest.param("will sign on Monday", "2025-03-14", "2025-03-17", "", id="future weekday"),
        pytest.param("to begin next spring", "2024-11-12", "2025", "", id="next spring"),
        pytest.param("talks were held on Monday", "2025-03-14", "2025-03-10", "", id="past wkday"),
    ],
)
def test_dates(sentence: str, article_date: str, value: str, qualifier: str) -> None:
    found = dates.find_dates(sentence, article_date)
    assert [(w.value, w.qualifier) for w in found] == [(value, qualifier)]


def test_relative_date_without_a_dateline_stays_words() -> None:
    (when,) = dates.find_dates("it starts next month", "")
    assert when.value == "next month"
    assert "states no date of its own" in when.note


@pytest.mark.parametrize(
    ("sentence", "article_date", "period", "target"),
    [
        pytest.param(
            "between March and May this year",
            "2025-08-01",
            "2025-03/2025-05",
            False,
            id="between months",
        ),
        pytest.param(
            "in the first nine months of 2023",
            "2025-08-01",
            "2023-01/2023-09",
            False,
            id="first N months",
        ),
        pytest.param(
            "in the second half of last year",
            "2025-08-01",
            "2024-07/2024-12",
            False,
            id="a half of last year",
        ),
        pytest.param("handled last year", "2025-08-01", "2024", False, id="last year"),
        pytest.param("by 2031", "2025-08-01", "2031", True, id="a target year"),
        pytest.param("before the end of the year", "2025-08-01", "2025", True, id="year's end"),
    ],
)
def test_periods(sentence: str, article_date: str, period: str, target: bool) -> None:
    found = dates.find_periods(sentence, article_date)
    assert [(p.value, p.target) for p in found] == [(period, target)]


# --- which field a figure fills --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "The scheme carries a price tag of up to $4.1 billion.",
            ("cost", "4100000000", "USD", "up to", "", ""),
            id="cost with a word of cost",
        ),
        pytest.param(
            "Laying track across Tajikistan is put at US$900m.",
            ("cost", "900000000", "USD", "", "", "Tajikistan"),
            id="cost of a country's section",
        ),
        pytest.param(
            "It will stretch 610 kilometres in total.",
            ("length", "610", "km", "", "", ""),
            id="length",
        ),
        pytest.param(
            "The Uzbek stretch accounts for 95 km.",
            ("section_length", "95", "km", "", "", "Uzbekistan"),
            id="a section by its country's adjective",
        ),
        pytest.param(
            "Of the total, 210 km will lie on Kyrgyz soil.",
            ("section_length", "210", "km", "", "", "Kyrgyzstan"),
            id="on a country's soil",
        ),
        pytest.param(
            "It is designed to pump 25 bcm a year.",
            ("capacity", "25", "bcm/year", "", "", ""),
            id="capacity",
        ),
        pytest.param(
            "Some 1.8 million tons of freight moved along the route in the first half of 2024.",
            ("traffic", "1800000", "tonnes", "about", "2024-01/2024-06", ""),
            id="traffic in a period",
        ),
        pytest.param(
            "The operator aims to handle 500,000 TEU a year by 2030.",
            ("target", "500000", "TEU/year", "", "2030", ""),
            id="a target with its year",
        ),
        pytest.param(
            "The 190 km Tajik section of the 610 km line is the hardest.",
            ("length", "610", "km", "", "", ""),
            id="the N km line beside a section is the whole length",
        ),
        pytest.param(
            "The 190 km Tajik section of the 610 km line is the hardest.",
            ("section_length", "190", "km", "", "", "Tajikistan"),
            id="... and the section keeps its country",
        ),
        pytest.param(
            "The railway is expected to carry 8 million tonnes a year at first.",
            ("capacity", "8000000", "tonnes/year", "", "", ""),
            id="expected to carry yearly, no year: a capacity",
        ),
        pytest.param(
            "The line would initially carry 9 million tonnes a year.",
            ("capacity", "9000000", "tonnes/year", "", "", ""),
            id="would, an adverb, carry: a capacity",
        ),
        pytest.param(
            "Deliveries fell 3% in the first six months of this year to 14.2 bcm.",
            ("traffic", "14.2", "bcm", "", "2025-01/2025-06", ""),
            id="the level traffic fell to in a period",
        ),
        pytest.param(
            "The new strand would add 12 bcm of annual capacity.",
            ("capacity", "12", "bcm/year", "", "", ""),
            id="the capacity a part adds",
        ),
        pytest.param(
            "It runs for 900 km from Atyrau to Aktau.",
            ("length", "900", "km", "", "", ""),
            id="a length from A to B is no distance",
        ),
        pytest.param(
            "Cargo on the route rose to 2.2 million tonnes in 2023.",
            ("traffic", "2200000", "tonnes", "", "2023", ""),
            id="the level traffic rose to in a year",
        ),
        pytest.param(
            "The branch is to be 300 km long and carry 12 bcm a year.",
            ("capacity", "12", "bcm/year", "", "", ""),
            id="what a planned line is to carry yearly is its capacity, not a target",
        ),
        pytest.param(
            "About 90,000 TEU passed through last year, and the owners want 250,000 TEU a year "
            "by 2029.",
            ("traffic", "90000", "TEU", "about", "2024", ""),
            id="a target in the next clause leaves last year's traffic alone",
        ),
        pytest.param(
            "A block train now makes the trip from Xian to Aktau in ten days.",
            ("transit_time", "10", "days", "", "", "Xian–Aktau"),
            id="transit time between two places",
        ),
        pytest.param(
            "The mountain section needs 31 tunnels.",
            ("tunnels", "31", "", "", "", ""),
            id="a count of tunnels",
        ),
    ],
)
def test_figures_fill_their_field(sentence: str, expected: tuple[str, ...]) -> None:
    assert expected in _read(sentence)


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        pytest.param("Bilateral trade reached $40 billion.", "cost", id="trade is no cost"),
        pytest.param("The cargo was worth $3 million.", "cost", id="cargo value is no cost"),
        pytest.param("The depot lies 40 km from the city.", "length", id="a distance"),
        pytest.param("Freight grew by 12 percent.", "stake", id="growth is no stake"),
        pytest.param(
            "Freight grew by 1.1 million tonnes in 2024.", "traffic", id="a rise is no traffic"
        ),
        pytest.param(
            "Customs now clears a wagon in two hours.", "transit_time", id="handling is no transit"
        ),
        pytest.param(
            "It has 35 tunnels with a combined length of 70 km.",
            "length",
            id="the tunnels' combined length is not the line's",
        ),
        pytest.param(
            "Crews will start drilling the first tunnels in late 2027.",
            "start_date",
            id="starting a step of the works is not the start of works",
        ),
        pytest.param(
            "The trip should drop to nine days once the ferries are replaced.",
            "transit_time",
            id="a hoped-for time is not today's",
        ),
        pytest.param(
            "It will carry more once the port finishes its upgrade next year.",
            "completion_date",
            id="a condition's date is not the system's",
        ),
        pytest.param(
            "It will raise the network's yearly capacity to 90 bcm.",
            "capacity",
            id="a future total is no one's capacity yet",
        ),
    ],
)
def test_figures_that_fill_nothing(sentence: str, absent: str) -> None:
    assert absent not in {v[0] for v in _read(sentence)}


@pytest.mark.parametrize(
    ("sentence", "holders"),
    [
        pytest.param("The Chinese side holds 60%.", {"Chinese side"}, id="a side by its country"),
        pytest.param(
            "The Kazakh and Turkmen railways will hold 20% each.",
            {"Kazakh railways", "Turkmen railways"},
            id="two national railways, each",
        ),
        pytest.param(
            "It changed hands, with Sand Ports owning the other 40%.", {"Sand Ports"}, id="owning"
        ),
        pytest.param(
            "Turkey's Sand Ports holds a 15% stake.", {"Sand Ports"}, id="without its country"
        ),
    ],
)
def test_holders_named_by_country_or_before_a_participle(sentence: str, holders: set) -> None:
    assert {v[5] for v in _read(sentence) if v[0] == "stake"} == holders


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("Building is expected to take six years.", id="expected to take"),
        pytest.param("It is designed to carry 12 bcm a year.", id="designed to carry a figure"),
    ],
)
def test_a_figure_or_a_duration_is_no_role(sentence: str) -> None:
    assert not [v for v in _read(sentence) if v[0] == "role"]


def test_a_difference_in_days_is_no_transit_time() -> None:
    got = _read("The trip now takes 9 days, four days less than in 2023.")
    assert [v[1] for v in got if v[0] == "transit_time"] == ["9"]


def test_an_old_transit_time_is_not_today_s() -> None:
    got = [v for v in _read("Trains need 11 days, against 20 days three years ago.")]
    assert [v[1] for v in got if v[0] == "transit_time"] == ["11"]


def test_a_range_of_days_proposes_its_upper_end_and_says_so() -> None:
    (value,) = [
        v
        for v in values.read_values("A box takes 9 to 13 days to reach Baku.", _ctx())
        if v.field == "transit_time"
    ]
    assert (value.value, value.qualifier) == ("13", "up to")
    assert "a range, 9 to 13 days" in value.note


def test_a_share_each_for_two_holders() -> None:
    got = _read("Kazakh Temir Zholy and Azerbaijan Railways will own 20 percent each.")
    assert {v for v in got if v[0] == "stake"} == {
        ("stake", "20", "%", "", "", "Kazakh Temir Zholy"),
        ("stake", "20", "%", "", "", "Azerbaijan Railways"),
    }


@pytest.mark.parametrize(
    ("sentence", "article_date", "field", "value"),
    [
        pytest.param(
            "Builders broke ground on the link on Monday.",
            "2025-03-14",
            "start_date",
            "2025-03-10",
            id="ground broken on a weekday",
        ),
        pytest.param(
            "Ground was broken for the tunnel on 2 July 2019.",
            "2025-03-14",
            "start_date",
            "2019-07-02",
            id="ground was broken on a day",
        ),
        pytest.param(
            "Track laying will get under way in November.",
            "2025-03-14",
            "start_date",
            "2025-11",
            id="gets under way in a month",
        ),
        pytest.param(
            "The depot began operating in June.",
            "2025-10-02",
            "opening_date",
            "2025-06",
            id="began operating",
        ),
        pytest.param(
            "The plan first surfaced in 1994.",
            "2025-03-14",
            "proposed_date",
            "1994",
            id="first surfaced",
        ),
        pytest.param(
            "A link of this kind has been debated ever since the 1980s.",
            "2025-03-14",
            "proposed_date",
            "1980s",
            id="talk going on since a decade",
        ),
    ],
)
def test_event_dates(sentence: str, article_date: str, field: str, value: str) -> None:
    assert (field, value) in {(v[0], v[1]) for v in _read(sentence, article_date)}


def test_a_new_things_date_is_not_the_systems() -> None:
    got = _read("The port grew last year, and a third warehouse is due to open next year.")
    assert not [v for v in got if v[0].endswith("_date")]


def test_talks_held_on_a_day_date_nothing() -> None:
    got = _read("The two governments discussed the route on Monday.")
    assert not {v for v in got if v[0].endswith("_date")}


def test_a_statement_date_is_no_event() -> None:
    got = _read("The minister said on Monday that the route is busy.")
    assert not {v for v in got if v[0].endswith("_date")}


# --- values in words -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        pytest.param("it is under construction", ["under_construction"], id="under construction"),
        pytest.param(
            "The construction of the China-Kyrgyzstan-Uzbekistan railway is a prime example.",
            ["under_construction"],
            id="the construction of",
        ),
        pytest.param(
            "Construction of the railway will begin in October.", ["planned"], id="to begin"
        ),
        pytest.param(
            "Officials hope construction of the branch will resume soon.", [], id="to resume"
        ),
        pytest.param("Preparations for the construction of the railway went on.", [], id="for"),
        pytest.param("with plans to build charging stations", ["planned"], id="plans to build"),
        pytest.param("a planned $8 billion railway", ["planned"], id="planned"),
        pytest.param("they planned to visit the site", [], id="planned to: a verb"),
        pytest.param(
            "The first two lines are in service, while the third is under construction.",
            ["operating", "under_construction"],
            id="two stages, each where it stands",
        ),
        pytest.param(
            "Workers have started building the spur.", ["under_construction"], id="started building"
        ),
    ],
)
def test_status_phrases(sentence: str, status: list[str]) -> None:
    assert [v.value for v in phrases.statuses(sentence)] == status


@pytest.mark.parametrize(
    ("sentence", "countries"),
    [
        pytest.param(
            "a railway that will link China’s Xinjiang province and Uzbekistan via Kyrgyzstan.",
            "China;Kyrgyzstan;Uzbekistan",
            id="link A and B via C",
        ),
        pytest.param(
            "It moves freight from China to Europe across Kazakhstan, Azerbaijan and Georgia.",
            "China;Kazakhstan;Azerbaijan;Georgia",
            id="from A to B across a list",
        ),
        pytest.param(
            "The corridor starts in China and runs through Kazakhstan, Azerbaijan and Turkey.",
            "China;Kazakhstan;Azerbaijan;Turkey",
            id="starts in A and runs through a list",
        ),
        pytest.param(
            "three lines that connect Turkmenistan, Uzbekistan and Kazakhstan with China",
            "Turkmenistan;Uzbekistan;Kazakhstan;China",
            id="connect a list with B",
        ),
        pytest.param(
            "a 500 km line between China, Kyrgyzstan and Uzbekistan",
            "China;Kyrgyzstan;Uzbekistan",
            id="between three countries",
        ),
    ],
)
def test_route_countries_in_order(sentence: str, countries: str) -> None:
    got = [v.value for v in phrases.read_phrases(sentence, COUNTRIES, []) if v.field == "countries"]
    assert got == [countries]


@pytest.mark.parametrize(
    ("sentence", "origin", "ends", "countries"),
    [
        pytest.param(
            "The oil line exits Kazakhstan via Kyrgyzstan and Tajikistan before entering China.",
            "",
            ("", ""),
            "Kazakhstan;Kyrgyzstan;Tajikistan;China",
            id="leave A through a list before entering B",
        ),
        pytest.param(
            "From Tajikistan it crosses Kyrgyzstan to reach China.",
            "",
            ("", ""),
            "Tajikistan;Kyrgyzstan;China",
            id="from A it crosses B to reach C",
        ),
        pytest.param(
            "From there it runs through Kyrgyzstan and Tajikistan to enter China.",
            "Uzbekistan",
            ("", ""),
            "Uzbekistan;Kyrgyzstan;Tajikistan;China",
            id="from there: where the sentence before left off",
        ),
        pytest.param(
            "The planners routed the new branch through Kyrgyzstan instead.",
            "",
            ("Kazakhstan", "China"),
            "Kazakhstan;Kyrgyzstan;China",
            id="through B instead: the same ends, another way",
        ),
        pytest.param(
            "From there it runs through Kyrgyzstan and Tajikistan to enter China.",
            "",
            ("", ""),
            None,
            id="from there with nothing before: no route",
        ),
    ],
)
def test_routes_leaning_on_the_sentence_before(sentence, origin, ends, countries) -> None:
    got = [
        v.value
        for v in phrases.read_phrases(sentence, COUNTRIES, [], origin, ends)
        if v.field == "countries"
    ]
    assert got == ([countries] if countries else [])


@pytest.mark.parametrize(
    ("sentence", "operators"),
    [
        pytest.param(
            "It is run by a consortium of five firms: Georgian Railway, Kazakhstan's KTZ Express "
            "and the Baku Port Company.",
            ["Georgian Railway", "KTZ Express", "Baku Port Company"],
            id="a consortium's members",
        ),
        pytest.param(
            "She heads Aktau Terminals, the company that operates the port.",
            ["Aktau Terminals"],
            id="the company that operates it",
        ),
    ],
)
def test_operators(sentence: str, operators: list[str]) -> None:
    assert [v.value for v in phrases.operators(sentence)] == operators


@pytest.mark.parametrize(
    ("sentence", "free_text_field", "value"),
    [
        pytest.param(
            "the project has gained renewed urgency as sanctions on Moscow have led shippers "
            "to seek alternatives.",
            "context",
            "Gained importance after sanctions on Moscow have led shippers to seek alternatives",
            id="context as curated",
        ),
        pytest.param(
            "the new highway, which will streamline logistics and facilitate transit.",
            "role",
            "Will streamline logistics and facilitate transit",
            id="which will",
        ),
    ],
)
def test_free_text_values(sentence: str, free_text_field: str, value: str) -> None:
    got = phrases.read_phrases(sentence, COUNTRIES, [])
    assert [v.value for v in got if v.field == free_text_field] == [value]
