"""Which of several numbers in a sentence is the fact, and which field it fills (issue 18).

Each row is a sentence shape of corridor reporting, written for these tests: a figure set beside
another with a period of its own, the nearest word deciding between capacity and traffic or
between travel and handling, aims and regions that are no transit time, a level to reach by a year,
structures being worked on that are not the line's count, glued units, and the event a date is of.
"""

from __future__ import annotations

import pytest

from corridors.curate import ingest
from corridors.curate.ingest import dates, measures, quantities, values

COUNTRIES = ["China", "Kazakhstan", "Kyrgyzstan", "Uzbekistan", "Tajikistan", "Turkmenistan"]


def _read(sentence: str, article_date: str = "2025-03-14") -> set[tuple[str, ...]]:
    ctx = values.Context(article_date, COUNTRIES, ["Kashgar", "Aktau"])
    found = values.read_values(sentence, ctx)
    return {(v.field, v.value, v.unit, v.qualifier, v.period, v.scope) for v in found}


def _fields(sentence: str, field: str, article_date: str = "2025-03-14") -> set[tuple[str, ...]]:
    return {v[1:] for v in _read(sentence, article_date) if v[0] == field}


@pytest.mark.parametrize(
    ("sentence", "field", "expected"),
    [
        pytest.param(
            "Wagons from Lanzhou to Aktau needed 12 days on average this month, against 14 days "
            "last month.",
            "transit_time",
            {
                ("12", "days", "", "2025-03", "Lanzhou–Aktau"),
                ("14", "days", "", "2025-02", "Lanzhou–Aktau"),
            },
            id="a transit time compared with last month's: both, each with its month",
        ),
        pytest.param(
            "Six block trains ran on the line in February, compared with nine in January.",
            "traffic",
            {("6", "trains", "", "2025-02", ""), ("9", "trains", "", "2025-01", "")},
            id="a count compared with its unit left out takes the figure's unit and own month",
        ),
        pytest.param(
            "Volumes rose to 3 mn tons in 2024, up from 2.2 mn in 2023.",
            "traffic",
            {("3000000", "tonnes", "", "2024", ""), ("2200000", "tonnes", "", "2023", "")},
            id="up from a level of an earlier year: that year's traffic",
        ),
        pytest.param(
            "Volumes rose to 3 mn tons in 2024, up from 2.2 mn.",
            "traffic",
            {("3000000", "tonnes", "", "2024", "")},
            id="up from a level with no period of its own: no fact",
        ),
        pytest.param(
            "Trains need 11 days, against 20 days three years ago.",
            "transit_time",
            {("11", "days", "", "", "")},
            id="an old time with no calendar period stays out",
        ),
        pytest.param(
            "In 2024 the route had a capacity of 5 mn tons and handled 3.4 mn tons.",
            "capacity",
            {("5000000", "tonnes/year", "", "", "")},
            id="capacity and then a verb of carrying: only the first is a capacity",
        ),
        pytest.param(
            "In 2024 the route had a capacity of 5 mn tons and handled 3.4 mn tons.",
            "traffic",
            {("3400000", "tonnes", "", "2024", "")},
            id="... and the figure carried is traffic of the year",
        ),
        pytest.param(
            "Storms and slow border checks meant the trip lasted more than 25 days.",
            "transit_time",
            {("25", "days", "over", "", "")},
            id="a word of handling farther from the figure than the trip",
        ),
        pytest.param(
            "The operator now hopes to bring the run between Kashgar and Aktau down to nine days.",
            "transit_time",
            set(),
            id="bringing a time down to a level is an aim",
        ),
        pytest.param(
            "The plan is to cut the trip from Kashgar to Aktau to seven days.",
            "transit_time",
            set(),
            id="cutting a trip to a level is an aim",
        ),
        pytest.param(
            "Last spring the new ferries cut the trip from Aktau to Baku to two days.",
            "transit_time",
            {("2", "days", "", "", "Aktau–Baku")},
            id="a time cut to a level in the past is the time it takes now",
        ),
        pytest.param(
            "Boxes reach Aktau in six days and Europe in 14 to 16 days.",
            "transit_time",
            {("6", "days", "", "", "")},
            id="a time to a whole region is not between two places",
        ),
        pytest.param(
            "Cargo takes four days from the terminal to Central Asia.",
            "transit_time",
            set(),
            id="from a place to a region",
        ),
        pytest.param(
            "Shipments need eight days to Minsk and Warsaw.",
            "transit_time",
            set(),
            id="one time for two destinations",
        ),
        pytest.param(
            "Freight trains carry goods from China to Europe in roughly 18 to 22 days.",
            "transit_time",
            {("22", "days", "up to", "", "China–Europe")},
            id="from a named origin to a region: the whole run, the upper end of the range",
        ),
        pytest.param(
            "Box traffic came to 41,000 TEU last year.",
            "traffic",
            {("41000", "TEU", "", "2024", "")},
            id="came to, with its period",
        ),
        pytest.param(
            "The terminal's present potential is 90,000 TEU.",
            "capacity",
            {("90000", "TEU/year", "", "", "")},
            id="potential is a capacity",
        ),
        pytest.param(
            "In 2023, 1,800 trains ran on the line, compared to 1,500 in 2022.",
            "traffic",
            {("1800", "trains", "", "2023", ""), ("1500", "trains", "", "2022", "")},
            id="the period before the figure; the one after 'compared to' is the other figure's",
        ),
        pytest.param(
            "The route carried 900,000 TEU over January-October.",
            "traffic",
            {("900000", "TEU", "", "2024-01/2024-10", "")},
            id="a span of months not over yet at the dateline is last year's",
        ),
        pytest.param(
            "Its throughput capacity is expected to reach 12 mt a year by 2031.",
            "target",
            {("12000000", "tonnes/year", "", "2031", "")},
            id="mt is million tonnes",
        ),
        pytest.param(
            "In its first phase the link will move 2 million tons a year.",
            "capacity",
            set(),
            id="a phase's figure is not the system's",
        ),
        pytest.param(
            "That is the network's fourth stage, which is to be able to carry 70 bcm a year.",
            "capacity",
            set(),
            id="a stage's figure in its relative clause",
        ),
        pytest.param(
            "The new strand should start pumping in May 2027, when the network as a whole is to "
            "have a yearly capacity of 80 bcm.",
            "capacity",
            set(),
            id="the state once something happens is not today's capacity",
        ),
        pytest.param(
            "The operator aims to handle 600,000 TEU a year.",
            "target",
            set(),
            id="an aim at no time is no target",
        ),
        pytest.param(
            "The route can currently handle 7 million tonnes annually, rising to 11 million by "
            "2029.",
            "capacity",
            {("7000000", "tonnes/year", "", "", "")},
            id="what it can handle now, with an adverb",
        ),
        pytest.param(
            "The route can currently handle 7 million tonnes annually, rising to 11 million by "
            "2029.",
            "target",
            {("11000000", "tonnes/year", "", "2029", "")},
            id="... and the level it rises to by a later year, its unit left out",
        ),
        pytest.param(
            "The terminal processed 800,000 tonnes in the first half.",
            "traffic",
            {("800000", "tonnes", "", "2024-01/2024-06", "")},
            id="the first half, not over at a March dateline: last year's",
        ),
        pytest.param(
            "The port authority's target is 700,000 TEU by 2029.",
            "target",
            {("700000", "TEU", "", "2029", "")},
            id="an amount to reach by a year keeps the plain unit the copy prints",
        ),
        pytest.param(
            "The railway expects to carry 2 mn tons this year.",
            "target",
            {("2000000", "tonnes", "", "2025", "")},
            id="a volume this year stays a volume",
        ),
        pytest.param(
            "Oil moved through the line each year should reach 12 bcm by late 2028.",
            "target",
            {("12", "bcm/year", "", "2028", "")},
            id="each year before the figure makes it yearly",
        ),
        pytest.param(
            "The fourth string would add 20bn m3 to the network's yearly capacity.",
            "capacity",
            {("20", "bcm/year", "", "", "")},
            id="glued bn m3, added to the whole's capacity",
        ),
        pytest.param(
            "Its yearly capacity could be raised to 45 bcm later on.",
            "capacity",
            set(),
            id="a capacity that could be raised to a level is no one's yet",
        ),
        pytest.param(
            "Its two strings are in service, with a combined 40bn m3/yr.",
            "capacity",
            {("40", "bcm/year", "", "", "")},
            id="a combined yearly rate of what is in service",
        ),
    ],
)
def test_which_number_is_the_fact(sentence: str, field: str, expected: set) -> None:
    assert _fields(sentence, field) == expected


@pytest.mark.parametrize(
    ("sentence", "field", "expected"),
    [
        pytest.param(
            "Drilling is under way at 11 tunnel sites along the line.",
            "tunnels",
            set(),
            id="tunnel sites being dug are not the line's count",
        ),
        pytest.param(
            "Builders are working on 9 bridges this winter.",
            "bridges",
            set(),
            id="bridges being worked on are not the line's count",
        ),
        pytest.param(
            "Altogether the route will need 33 tunnels.",
            "tunnels",
            {("33", "", "", "", "")},
            id="what the line needs is its count",
        ),
        pytest.param(
            "The design calls for 17 mountain tunnels.",
            "tunnels",
            {("17", "", "", "", "")},
            id="a word of kind between number and noun",
        ),
        pytest.param(
            "Two further tunnels will follow later.",
            "tunnels",
            set(),
            id="more of them is no total",
        ),
        pytest.param(
            "A 2.4-km tunnel under the pass is nearly done.",
            "length",
            set(),
            id="a glued length of a tunnel is not the line's",
        ),
        pytest.param(
            "The shortcut would cut the distance to the coast by about 700 km.",
            "length",
            set(),
            id="a distance cut by some km is a difference",
        ),
        pytest.param(
            "Laying it will cost $900 million, and over 25 years it should pay $1.7 billion in "
            "taxes to the budget.",
            "cost",
            {("900000000", "USD", "", "", "")},
            id="money paid in taxes, in its own clause, is no cost",
        ),
        pytest.param(
            "The bank has promised $500 billion for projects, but how much was spent is unclear.",
            "cost",
            set(),
            id="a word of cost in another clause",
        ),
        pytest.param(
            "The new route would be some 600 km shorter than the old one.",
            "length",
            set(),
            id="so many km shorter is a difference",
        ),
        pytest.param(
            "The $2.3-billion line will be paid for with loans.",
            "cost",
            {("2300000000", "USD", "", "", "")},
            id="a hyphen-glued magnitude",
        ),
        pytest.param(
            "The full scheme is costed at US$2.9 billion.",
            "cost",
            {("2900000000", "USD", "", "", "")},
            id="costed at",
        ),
    ],
)
def test_counts_lengths_and_costs(sentence: str, field: str, expected: set) -> None:
    assert _fields(sentence, field) == expected


@pytest.mark.parametrize(
    ("sentence", "article_date", "field", "expected"),
    [
        pytest.param(
            "Construction of the Kyrgyz stretch was officially launched on 4 June 2021.",
            "2021-06-05",
            "start_date",
            {("2021-06-04", "", "", "", "Kyrgyzstan")},
            id="works launched: a start",
        ),
        pytest.param(
            "The project was launched at a ceremony in Osh on 20 December last year.",
            "2025-11-13",
            "start_date",
            {("2024-12-20", "", "", "", "")},
            id="a project launched; a day of last year",
        ),
        pytest.param(
            "Digging began on December 20.",
            "2025-11-13",
            "start_date",
            {("2024-12-20", "", "", "", "")},
            id="a past day later in the year than the dateline is last year's",
        ),
        pytest.param(
            "Commissioning is planned for 2029.",
            "2025-03-14",
            "completion_date",
            {("2029", "", "", "", "")},
            id="commissioning to come: when it is due, as curators record it",
        ),
        pytest.param(
            "The branch is due to open in mid-2028.",
            "2025-03-14",
            "completion_date",
            {("2028", "", "", "", "")},
            id="due to open: when it is due, not an opening that happened",
        ),
        pytest.param(
            "Services began in March 2016.",
            "2025-03-14",
            "opening_date",
            {("2016-03", "", "", "", "")},
            id="services began",
        ),
        pytest.param(
            "The design study was finished in 2022 and construction began in May 2023.",
            "2025-03-14",
            "start_date",
            {("2023-05", "", "", "", "")},
            id="a study's date in one conjunct, the works' start in the next",
        ),
        pytest.param(
            "A trial run started in September.",
            "2025-03-14",
            "start_date",
            set(),
            id="a trial run's date is no start of works",
        ),
        pytest.param(
            "The new ferry service was launched in April 2022.",
            "2022-05-01",
            "start_date",
            set(),
            id="a service launched is no start of works",
        ),
        pytest.param(
            "The eastern string went into service on 2 March 2012.",
            "2012-03-10",
            "opening_date",
            {("2012-03-02", "", "", "", "")},
            id="went into service",
        ),
        pytest.param(
            "Set up in 2016, the terminal now handles six trains a day.",
            "2021-06-05",
            "opening_date",
            {("2016", "", "", "", "")},
            id="set up in a year, a participle before the subject",
        ),
        pytest.param(
            "The two states established trade ties in 1994.",
            "2021-06-05",
            "opening_date",
            set(),
            id="established with an object is no opening",
        ),
        pytest.param(
            "The environmental survey is to be completed by March 2026.",
            "2025-03-14",
            "completion_date",
            set(),
            id="a survey's completion is not the system's",
        ),
        pytest.param(
            "Work on a new rail yard nearby should start in 2027.",
            "2025-03-14",
            "start_date",
            set(),
            id="work on a new thing dates the new thing",
        ),
        pytest.param(
            "The builders hope to finish the Tashkent–Andijan–Osh–Kashgar line by 2030.",
            "2025-03-14",
            "completion_date",
            {("2030", "", "by", "", "")},
            id="a long name between the cue and the date",
        ),
        pytest.param(
            "The first bore is nearly complete, and three more tunnels will be started in 2026.",
            "2025-03-14",
            "start_date",
            set(),
            id="the start of more tunnels is not the line's",
        ),
    ],
)
def test_event_dates(sentence: str, article_date: str, field: str, expected: set) -> None:
    assert _fields(sentence, field, article_date) == expected


@pytest.mark.parametrize(
    ("sentence", "article_date", "period"),
    [
        pytest.param("carried 40 trains this month", "2025-03-14", "2025-03", id="this month"),
        pytest.param("carried 40 trains last month", "2025-03-14", "2025-02", id="last month"),
        pytest.param("carried 40 trains last month", "2025-01-14", "2024-12", id="across a year"),
        pytest.param(
            "moved 9 bcm so far this year", "2025-10-02", "2025-01/2025-10", id="so far this year"
        ),
        pytest.param(
            "moved 9 bcm in the second quarter of 2024",
            "2025-10-02",
            "2024-04/2024-06",
            id="a quarter",
        ),
    ],
)
def test_months_against_the_dateline(sentence: str, article_date: str, period: str) -> None:
    assert [p.value for p in dates.find_periods(sentence, article_date)] == [period]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "Freight reached 4.2 million tons in 2024, against 3.6 in 2023.",
            [(3600000.0, "tonnes")],
            id="the unit and the magnitude both left out",
        ),
        pytest.param(
            "The line will be 500 km long, compared with 380 earlier.", [], id="a length: no"
        ),
    ],
)
def test_a_number_set_beside_a_figure(sentence: str, expected: list) -> None:
    found = quantities.read_rules(sentence)
    assert [(q.number, q.unit) for q in quantities.elliptic(sentence, found)] == expected


def test_a_number_set_beside_a_share_or_a_year_takes_no_unit() -> None:
    sentence = "Freight grew 5 percent to 4 mn tons, compared with 2023 and against 7%."
    found = quantities.read_rules(sentence)
    assert quantities.elliptic(sentence, found) == []


@pytest.mark.parametrize(
    ("sentence", "port"),
    [
        pytest.param(
            "Batumi, the region's busiest harbour, handled 210,000 TEU last year.",
            True,
            id="a named port in apposition carried it",
        ),
        pytest.param("The terminal also moved 9,000 TEU in May.", True, id="the terminal moved"),
        pytest.param(
            "Some 4,000 TEU travelled along the corridor in May.", False, id="the route carried it"
        ),
    ],
)
def test_a_ports_own_traffic_is_marked(sentence: str, port: bool) -> None:
    ctx = values.Context("2025-03-14", COUNTRIES, [])
    (value,) = [v for v in values.read_values(sentence, ctx) if v.field == "traffic"]
    assert (value.hints.get("of") == "port") is port


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "The Middle Corridor keeps growing. Batumi, the region's busiest harbour, handled "
            "210,000 TEU last year, and cargo on the route rose to 4 million tons.",
            [("titr", "traffic", "4000000")],
            [("titr", "traffic", "210000")],
            id="a port's own traffic is not the route's",
        ),
        pytest.param(
            "The Khorgos dry port had a busy year. The dry port handled 380,000 TEU last year.",
            [("khorgos-dry-port", "traffic", "380000")],
            [],
            id="a port's traffic is the port's own",
        ),
    ],
)
def test_which_system_a_ports_figure_is(fixture_raw, text: str, present, absent) -> None:
    rows = ingest.propose(
        "952_case.txt",
        text,
        ingest.systems(fixture_raw),
        fixture_raw,
        "2025-03-20",
        ingest.country_names(fixture_raw.datadir),
    )
    found = {(r["corridor"], r["field"], r["value"]) for r in rows}
    assert set(present) <= found
    assert not set(absent) & found


@pytest.mark.parametrize(
    ("sentences", "expected"),
    [
        pytest.param(
            ["Caspian Freight and Steppe Rail have acquired 40% of the terminal."],
            {("40", "Caspian Freight and Steppe Rail")},
            id="the buyers of a share hold it",
        ),
        pytest.param(
            ["Maersk bought 15% of the terminal in 2019."],
            {("15", "Maersk")},
            id="a one-word buyer at the start",
        ),
        pytest.param(
            ["Foreign investors buy 30% of the port"],
            set(),
            id="unnamed buyers: who holds it, the body says",
        ),
        pytest.param(
            [
                "Under the deal, Caspian Freight and Steppe Rail together buy 40% of the terminal.",
                "Once it closes, each of them holds 20 percent.",
            ],
            {("20", "Caspian Freight"), ("20", "Steppe Rail")},
            id="a share bought together is a sum; each of them takes the buyers named before",
        ),
        pytest.param(
            [
                "The deal was signed by Steppe Rail Holdings Group Co., Ltd. (SRH) and the port.",
                "Caspian Freight and SRH together acquire 40% of the terminal.",
                "Each of them holds 20 percent.",
            ],
            {("20", "Caspian Freight"), ("20", "Steppe Rail Holdings")},
            id="a holder named by the letters defined before, without its legal form",
        ),
    ],
)
def test_stakes_bought_and_split(sentences: list[str], expected: set) -> None:
    ctx = values.Context("2025-03-14", COUNTRIES, [])
    found = [v for s in sentences for v in values.read_values(s, ctx) if v.field == "stake"]
    # a share bought together is read too, as a sum (measures.JOINT), which the article keeps
    # only where it gives no split (test_ingest_dry_port): here, each holder's own stake
    assert {(v.value, v.scope) for v in found if v.note != measures.JOINT} == expected


@pytest.mark.parametrize(
    ("sentences", "expected"),
    [
        pytest.param(
            [
                "The line carried 800,000 tons from January to April.",
                "Of that, 120,000 tons went on to Turkey, 30 percent more than last year.",
            ],
            {("800000", "2025-01/2025-04"), ("120000", "2025-01/2025-04")},
            id="a share of the figure before keeps its months; 'than last year' is the comparison's",
        ),
        pytest.param(
            [
                "In the first quarter of this year freight on the route rose to 500,000 tons.",
                "Imports grew too, and over 3,000 containers were carried.",
            ],
            {("500000", "2025-01/2025-03"), ("3000", "2025-01/2025-03")},
            id="the next sentence's traffic keeps the months of the one before",
        ),
        pytest.param(
            [
                "The pipe delivered 20 bcm in the first half of the year.",
                "By the end of June it had carried a cumulative 300 bcm since it opened.",
            ],
            {("20", "2025-01/2025-06")},
            id="a running total is no traffic of a period",
        ),
        pytest.param(
            ["The line carried 2.5 mn tons in 2024, 20% more than in 2023."],
            {("2500000", "2024")},
            id="the year after 'than' is the comparison's",
        ),
    ],
)
def test_traffic_periods_across_sentences(sentences: list[str], expected: set) -> None:
    ctx = values.Context("2025-07-14", COUNTRIES, [])
    found = [v for s in sentences for v in values.read_values(s, ctx) if v.field == "traffic"]
    assert {(v.value, v.period) for v in found} == expected


def test_from_there_starts_at_the_place_named_before() -> None:
    ctx = values.Context("2025-03-14", COUNTRIES, ["Aktau"])
    values.read_values("The terminal stands next to the sea port of Aktau.", ctx)
    found = values.read_values("From there, ferries reach Baku in two days.", ctx)
    assert {(v.value, v.scope) for v in found if v.field == "transit_time"} == {("2", "Aktau–Baku")}
