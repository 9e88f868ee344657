"""Stages and dates in the shapes wider reading found (statuses.py, preparation.py, stages.py,
events.py, dates.py).

Each family is checked on sentences written for these tests, several per family where the family
has several wordings: a facility at its work (freight through a port, gas in a pipe), a project
still being prepared (a study done, works still to last), a start named as a noun and put in the
calendar, openings said as "became operational" or "first gas", a span's two ends, a date that
heads a "when" clause, a service with its own name, and "N years ago" against the dateline.
"""

from __future__ import annotations

import pytest

from corridors.curate import ingest
from corridors.curate.ingest import dates, stages, statuses
from corridors.curate.ingest.context import Context
from corridors.curate.ingest.events import event_dates

CKU, CACGP, PORT = "cku-railway", "cacgp", "khorgos-dry-port"
PLANNED, BUILDING, RUNNING = "planned", "under_construction", "operating"
COUNTRIES = ["China", "Kazakhstan", "Kyrgyzstan", "Uzbekistan", "Tajikistan", "Turkmenistan"]


def _signs(sentence: str) -> list[tuple[str, bool, str]]:
    """(status, implied, kinds it is said of) of each stage the sentence says or implies."""
    found = statuses.statuses(sentence) + stages.at_work(sentence, COUNTRIES)
    return [(v.value, bool(v.hints.get("implied")), v.hints.get("of", "")) for v in found]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "Roughly fifty trains a week now pass through the dry port.",
            [(RUNNING, True, "port")],
            id="trains pass through the port",
        ),
        pytest.param(
            "Over the spring some 7,000 boxes went through Altynkol.",
            [(RUNNING, True, "port")],
            id="boxes went through a named place",
        ),
        pytest.param(
            "Each week some 40 trains pass through the Altynkol land port.",
            [(RUNNING, True, "port")],
            id="trains pass through a port named before its head",
        ),
        pytest.param(
            "Throughput at the eastern terminal grew to 200,000 TEU.",
            [(RUNNING, True, "port")],
            id="throughput at the terminal grew",
        ),
        pytest.param(
            "The new berths will lift the terminal's handling capacity by a third, from 300,000 "
            "boxes a year.",
            [(RUNNING, True, "port;pipeline")],
            id="a capacity raised from what it is now",
        ),
        pytest.param(
            "Most of these goods pass through Kazakhstan on their way west.",
            [],
            id="through a country: a route's, no port's",
        ),
        pytest.param(
            "It is the yard where wagons are shifted onto the wider track.",
            [(RUNNING, True, "port")],
            id="where freight is shifted",
        ),
        pytest.param(
            "Every night two block trains are reloaded there.",
            [(RUNNING, True, "port")],
            id="reloaded there",
        ),
        pytest.param(
            "Next year up to ten trains a day could pass through the terminal.",
            [],
            id="freight to come says nothing",
        ),
        pytest.param(
            "Close to 35 bcm of gas a year now flows through the pipeline.",
            [(RUNNING, True, "pipeline")],
            id="gas flows through the pipe",
        ),
        pytest.param(
            "Gas is delivered to Xinjiang via the three strings of the pipeline.",
            [(RUNNING, True, "pipeline")],
            id="gas delivered via the pipeline",
        ),
        pytest.param(
            "Annual gas supplies through the pipeline stand at 38 bcm.",
            [(RUNNING, True, "pipeline")],
            id="supplies through the pipeline stand at",
        ),
        pytest.param(
            "Gas will flow through the new pipeline from 2028.",
            [],
            id="gas still to flow says nothing",
        ),
        pytest.param(
            "After twelve years of uninterrupted operation, the line still carries most of the "
            "gas.",
            [(RUNNING, True, "railway;pipeline;port;highway")],
            id="years of operation behind it",
        ),
        pytest.param(
            "Over 25 years of operation the pipe is expected to repay its cost.",
            [],
            id="years of operation still to come",
        ),
        pytest.param(
            "The terminal offers rail container transit, bonded storage and customs clearance.",
            [(RUNNING, True, "port")],
            id="a facility offers its trade",
        ),
        pytest.param(
            "The hub provides warehousing to shippers from both sides of the border.",
            [(RUNNING, True, "port")],
            id="a facility provides warehousing",
        ),
        pytest.param(
            "Once finished, the terminal will offer container transit by rail.",
            [],
            id="a trade still to come: no stage",
        ),
    ],
)
def test_a_facility_at_its_work_runs(sentence: str, expected) -> None:
    assert _signs(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "The feasibility study for the line has now been completed.",
            [(PLANNED, True, "")],
            id="study completed",
        ),
        pytest.param(
            "Engineers have finished drafting the feasibility study of the railway.",
            [(PLANNED, True, "")],
            id="finished drafting the study",
        ),
        pytest.param(
            "The design documentation for the road was approved in March.",
            [(PLANNED, True, "")],
            id="design documents approved",
        ),
        # a deal, a decision or talks on building it: nothing built yet
        pytest.param(
            "The two governments signed an accord on building the pipeline on Monday.",
            [(PLANNED, True, "")],
            id="signed an accord on building",
        ),
        pytest.param(
            "The intergovernmental agreement on constructing the line was signed in the capital.",
            [(PLANNED, True, "")],
            id="the agreement on constructing it was signed",
        ),
        pytest.param(
            "The cabinet has approved the plan for the new export railway.",
            [(PLANNED, True, "")],
            id="the plan for it approved",
        ),
        pytest.param(
            "Consultations began this week on the practical steps to build the rail link.",
            [(PLANNED, True, "")],
            id="talks on building it",
        ),
        pytest.param(
            "The partners signed a deal to build the third phase of the terminal.",
            [],
            id="a deal on its next phase: not its stage",
        ),
        pytest.param(
            "Back in 2017 the sides signed an agreement to build the road.",
            [],
            id="a dated deal is history: no stage",
        ),
        pytest.param(
            "Laying the whole pipe will take about four years, the minister said.",
            [(PLANNED, True, "")],
            id="works will take years",
        ),
        pytest.param(
            "Construction is expected to last five years.",
            [(PLANNED, True, "")],
            id="construction expected to last",
        ),
        pytest.param(
            "The feasibility study was finished in 2019, and construction has now begun.",
            [(BUILDING, False, "")],
            id="a stage the sentence states wins",
        ),
        pytest.param(
            "The feasibility study was finished in 2019 and construction began in May 2021.",
            [],
            id="a dated start in the sentence: its date says the stage",
        ),
        pytest.param(
            "A feasibility study for the second track has been completed.",
            [],
            id="a study of something new beside it",
        ),
        pytest.param(
            "Building will take two more years.",
            [],
            id="the rest of works going on",
        ),
    ],
)
def test_a_project_being_prepared_is_planned(sentence: str, expected) -> None:
    assert _signs(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "A televised ceremony opened construction of the mountain railway.",
            [(BUILDING, True, "")],
            id="a ceremony opened construction",
        ),
        pytest.param(
            "The construction phase of the road has kicked off.",
            [(BUILDING, False, "")],
            id="the construction phase has kicked off",
        ),
        pytest.param(
            "Officials attended the ceremony opening the Western gas pipeline in Atyrau.",
            [(RUNNING, True, "")],
            id="a ceremony opening the pipeline itself",
        ),
        pytest.param(
            "Digging of three more tunnels is expected to begin in the autumn.",
            [],
            id="works on more tunnels are a step",
        ),
        pytest.param(
            "The firm that is to build the mountain railway got its licence.",
            [(PLANNED, False, "")],
            id="a firm that is to build it",
        ),
        pytest.param(
            "The sides are to build the second string faster, the minister said.",
            [],
            id="to build faster: a pace, and another string",
        ),
        pytest.param(
            "They agreed to hurry building of the third string and to start building a fourth one.",
            [],
            id="a start of a fourth one is that one's",
        ),
        pytest.param(
            "Each year, it is planned, the line will carry ten million tonnes.",
            [],
            id="it is planned said aside",
        ),
        pytest.param(
            "The start of construction is scheduled for the spring.",
            [(PLANNED, False, "")],
            id="the start is scheduled",
        ),
        pytest.param(
            "A start to the works on the new line is planned for October.",
            [(PLANNED, False, "")],
            id="a start to the works is planned",
        ),
        pytest.param(
            "Construction start is set for next year.",
            [(PLANNED, False, "")],
            id="construction start is set",
        ),
    ],
)
def test_starts_named_as_nouns_and_ceremonies(sentence: str, expected) -> None:
    assert _signs(sentence) == expected


def _events(sentence: str, reference: str = "") -> list[tuple[str, str, str]]:
    ctx = Context(reference, COUNTRIES, [])
    return [(v.field, v.value, v.qualifier) for v in event_dates(sentence, ctx)]


@pytest.mark.parametrize(
    ("sentence", "reference", "expected"),
    [
        pytest.param(
            "The branch became operational in March 2015.",
            "2016-01-10",
            [("opening_date", "2015-03", "")],
            id="became operational",
        ),
        pytest.param(
            "The link will become operational in 2027.",
            "2025-04-02",
            [("completion_date", "2027", "")],
            id="will become operational: when works are due",
        ),
        pytest.param(
            "The route is meant to be put into full operation next year.",
            "2024-02-01",
            [("completion_date", "2025", "")],
            id="put into full operation, to come",
        ),
        pytest.param(
            "The first gas reached the border on 3 June 2011.",
            "2011-07-01",
            [("opening_date", "2011-06-03", "")],
            id="first gas",
        ),
        pytest.param(
            "Gas started flowing through the pipe in November.",
            "2010-02-01",
            [("opening_date", "2009-11", "")],
            id="started flowing",
        ),
        pytest.param(
            "Ministers attended the commencement ceremony of the railway on 12 May 2026.",
            "2026-05-13",
            [("start_date", "2026-05-12", "")],
            id="commencement ceremony",
        ),
        pytest.param(
            "The foundation stone of the terminal was laid on 4 April 2019.",
            "2019-04-05",
            [("start_date", "2019-04-04", "")],
            id="foundation stone laid",
        ),
        pytest.param(
            "The premier formally launched construction of the 90 km spur on 2 October 2023.",
            "2023-10-03",
            [("start_date", "2023-10-02", "")],
            id="launched construction: works after the verb",
        ),
        pytest.param(
            "Since its launch in 2010 the pipe has carried 90 bcm.",
            "2015-01-01",
            [("opening_date", "2010", "")],
            id="its launch is its opening",
        ),
        pytest.param(
            "From its opening in 2011 to the end of 2020 the pipe moved 300 bcm.",
            "2021-03-01",
            [("opening_date", "2011", "")],
            id="the end of a running total's span is no opening",
        ),
        pytest.param(
            "Between the first deliveries on 2 May 2012 and the end of June 2015, the line "
            "carried 60 bcm.",
            "2015-07-01",
            [("opening_date", "2012-05-02", "")],
            id="between the first deliveries and the end of",
        ),
        pytest.param(
            "Lines A and B have been working since 2009 and 2010.",
            "2014-01-01",
            [("opening_date", "2009", "since"), ("opening_date", "2010", "")],
            id="two dates of two things are no span",
        ),
        pytest.param(
            "Talks resumed on Thursday, when the two sides finished the Kazakh segment.",
            "2009-07-13",
            [("completion_date", "2009-07-09", "")],
            id="a date that heads a when clause",
        ),
        pytest.param(
            "In 2012, when the terminal opened, few trains came.",
            "2016-01-01",
            [("opening_date", "2012", "")],
            id="when it opened: a time past, no condition",
        ),
        pytest.param(
            "The whole section is to be tested and opened before the end of 2013.",
            "",
            [("completion_date", "2013", "by")],
            id="two verbs joined share the mood",
        ),
        pytest.param(
            "Since the Chongqing-Duisburg train service began in 2011, thousands of trains "
            "have passed the border.",
            "2020-01-01",
            [],
            id="a named service's start is not the facility's",
        ),
        pytest.param(
            "Oil began to flow along the new pipe in the spring of 2013.",
            "2014-01-01",
            [("opening_date", "2013", "")],
            id="began to flow",
        ),
        pytest.param(
            "The line started carrying gas to the border in March 2012.",
            "2013-01-01",
            [("opening_date", "2012-03", "")],
            id="started carrying",
        ),
        pytest.param(
            "The compressor chain is to be started up in 2016, the minister said.",
            "2015-05-01",
            [("completion_date", "2016", "")],
            id="to be started up: put into operation, to come",
        ),
        pytest.param(
            "The original plan was to begin the spur in 2012.",
            "2013-01-01",
            [],
            id="an earlier plan dates nothing",
        ),
        pytest.param(
            "Demand shifted after the border conflict began in 2020.",
            "2023-01-01",
            [],
            id="a conflict's start is the world's",
        ),
        pytest.param(
            "The Caspian Freight Company, based in Baku, was set up in 2021 to pool wagons.",
            "2023-01-01",
            [],
            id="a firm set up, however far its name",
        ),
        pytest.param(
            "Analysts say the branch will be launched by 2027.",
            "2024-03-01",
            [("completion_date", "2027", "by")],
            id="will be launched: put into service, to come",
        ),
        pytest.param(
            "The tender will be launched in 2025.",
            "2024-03-01",
            [],
            id="a tender launched is no service",
        ),
        pytest.param(
            "The governor formally launched the new dry port at the end of 2016.",
            "2017-06-01",
            [("opening_date", "2016", "")],
            id="launched the port itself: put into service",
        ),
        pytest.param(
            "On the morning of 4 May, the ceremony starting work on the pass section was held.",
            "2021-05-06",
            [("start_date", "2021-05-04", "")],
            id="on the morning of: a date that opens the sentence",
        ),
        pytest.param(
            "Digging of three more tunnels is expected to begin in the autumn of 2022.",
            "2022-02-01",
            [],
            id="works on more tunnels date the tunnels",
        ),
    ],
)
def test_event_dates_in_wider_shapes(sentence: str, reference: str, expected) -> None:
    assert _events(sentence, reference) == expected


@pytest.mark.parametrize(
    ("sentence", "reference", "value"),
    [
        pytest.param("The yard was built three years ago.", "2018-08", "2015", id="three years"),
        pytest.param("It was planned a year ago.", "2021-05-03", "2020", id="a year"),
        pytest.param("It opened 2 years ago.", "2024", "2022", id="digits"),
        pytest.param("It opened two years ago.", "", "two years ago", id="no dateline: words"),
        pytest.param("It opened early this December.", "2009-12-15", "2009-12", id="this month"),
        pytest.param("It opened last March.", "2024-02-01", "2023-03", id="last March, in Feb"),
        pytest.param("It opened last March.", "2024-05-01", "2024-03", id="last March, in May"),
        pytest.param("It opens next June.", "2024-07-01", "2025-06", id="next June, in July"),
        pytest.param("It opened last May.", "2024-06-01", "2024-05", id="last May: no verb"),
    ],
)
def test_relative_dates_against_the_dateline(sentence: str, reference: str, value: str) -> None:
    (when,) = dates.find_dates(sentence, reference)
    assert when.value == value


def _row(field: str, value: str, **more: str) -> dict[str, str]:
    base = {"corridor": "x", "feature": "", "field": field, "value": value, "qualifier": ""}
    return base | {"period": "", "scope": "", "quote": "", "reason": ""} | more


@pytest.mark.parametrize(
    ("row", "route", "status"),
    [
        pytest.param(
            _row("operator", "A consortium", reason="operated by a consortium"),
            True,
            None,
            id="a route's operator: services, not works",
        ),
        pytest.param(
            _row("operator", "A consortium", reason="operated by a consortium"),
            False,
            RUNNING,
            id="a line's operator: it runs",
        ),
        pytest.param(
            _row("opening_date", "2011-06", quote="The pipe, commissioned in June 2011, ..."),
            False,
            RUNNING,
            id="an opening told by a participle, no dateline",
        ),
        pytest.param(
            _row("start_date", "2014-09-13", quote="The ceremony starting work was held on ..."),
            False,
            BUILDING,
            id="a start in the dateline's month, told as held",
        ),
        pytest.param(
            _row("start_date", "2014-09-20", quote="Work is due to start on 20 September."),
            False,
            None,
            id="a start in the dateline's month, still to come",
        ),
        pytest.param(
            _row("opening_date", "2031", quote="The pipe, which opens in 2031, ..."),
            False,
            None,
            id="an opening not told as done, no dateline",
        ),
    ],
)
def test_what_a_row_implies_in_wider_shapes(row, route: bool, status) -> None:
    reference = "2014-09" if row["field"] == "start_date" else ""
    found = stages.evidence(row, reference, route)
    assert (found[0] if found else None) == status


def _statuses(fixture_raw, text: str) -> list[tuple[str, str]]:
    rows = ingest.propose(
        "961_case.txt",
        text,
        ingest.systems(fixture_raw),
        fixture_raw,
        ingest.metadata(text)["date"],
        ingest.country_names(fixture_raw.datadir),
    )
    return [(r["corridor"], r["value"]) for r in rows if r["field"] == "status"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Busy nights at the border\n\nThe Khorgos dry port keeps growing.\n\nEvery night "
            "three trains are transshipped here.",
            [(PORT, RUNNING)],
            id="a port's work, said with no name, is the article's port's",
        ),
        pytest.param(
            "Pipe news\n\nThe China–Kyrgyzstan–Uzbekistan railway is on the agenda.\n\nAbout "
            "30 bcm of gas a year flow through the pipeline.",
            [],
            id="gas flowing is no railway's stage",
        ),
        pytest.param(
            "Study done\n\nThe China–Kyrgyzstan–Uzbekistan railway is on the agenda.\n\n"
            "According to officials, the feasibility study has been completed.",
            [(CKU, PLANNED)],
            id="a study done, said with no name, is the article's project's",
        ),
    ],
)
def test_signs_go_to_systems_of_their_kind(fixture_raw, text: str, expected) -> None:
    assert _statuses(fixture_raw, text) == expected


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        pytest.param("Presidents open new gas pipeline to the east", [RUNNING], id="X open a pipe"),
        pytest.param("Work starts on the mountain railway", [BUILDING], id="work starts on"),
        pytest.param("Two states break ground on a rail link", [BUILDING], id="break ground"),
        pytest.param("Ministry opens talks on a new railway", [], id="opens talks: no stage"),
        pytest.param(
            "Construction of the Steppe–Valley railway begins",
            [BUILDING],
            id="construction of X begins",
        ),
        pytest.param(
            "Leaders cheer as work on the mountain line gets under way",
            [BUILDING],
            id="as work on X gets under way",
        ),
        pytest.param(
            "Construction of the mountain line to begin in spring", [], id="to begin: to come"
        ),
        pytest.param("Kazakhstan to open a dry port next year", [], id="to open: a time to come"),
        pytest.param("Builders will start work on the line", [], id="will: a time to come"),
    ],
)
def test_a_headlines_present_tense(headline: str, expected) -> None:
    from corridors.curate.ingest import headlines

    assert [v.value for v in headlines.headline_stages(headline)] == expected
    assert all(v.hints.get("implied") for v in headlines.headline_stages(headline))


@pytest.mark.parametrize(
    ("sentence", "index", "expected"),
    [
        pytest.param("Presidents open new gas pipeline", 0, True, id="first line, no stop"),
        pytest.param("Presidents open new gas pipeline.", 0, False, id="a sentence"),
        pytest.param("Presidents open new gas pipeline", 3, False, id="not the first line"),
    ],
)
def test_what_counts_as_a_headline(sentence: str, index: int, expected: bool) -> None:
    from corridors.curate.ingest import headlines

    assert headlines.is_headline(sentence, index) is expected


def test_an_implied_stage_is_never_flagged(fixture_raw) -> None:
    """A stage read from a tense or an event differs from the accepted one without a flag: a
    curator sees the accepted value in the reason, but no disagreement is recorded on a guess."""
    text = (
        "Gas news\nASHGABAT, 3 March 2008 -\n\nWork on the Central Asia–China gas pipeline "
        "is due to begin in the summer."
    )
    rows = ingest.propose(
        "962_case.txt",
        text,
        ingest.systems(fixture_raw),
        fixture_raw,
        ingest.metadata(text)["date"],
        ingest.country_names(fixture_raw.datadir),
    )
    (row,) = [r for r in rows if r["field"] == "status"]
    assert (row["corridor"], row["value"]) == (CACGP, PLANNED)
    assert "differs from accepted" in row["reason"]  # there is another accepted stage
    assert "Disagrees" not in row["note"]
