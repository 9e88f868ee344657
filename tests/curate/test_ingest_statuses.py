"""Statuses and dates as reporting says them (ingest/statuses.py, events.py, dates.py).

Each family of idioms is checked on sentences written for these tests, several per family, so
that a rule about the shape (a start of works and its mood, a halt, a denial, a condition, a
season against the dateline) is tested rather than one wording.
"""

from __future__ import annotations

import pytest

from corridors.curate import ingest
from corridors.curate.ingest import dates, statuses
from corridors.curate.ingest.context import Context
from corridors.curate.ingest.events import event_dates

CKU, CACGP, LINE_D, PORT, TITR = "cku-railway", "cacgp", "cacgp-line-d", "khorgos-dry-port", "titr"


def _stages(sentence: str) -> list[tuple[str, bool]]:
    """(status, implied) of each stage the sentence says."""
    return [(v.value, bool(v.hints.get("implied"))) for v in statuses.statuses(sentence)]


PLANNED, BUILDING, RUNNING = "planned", "under_construction", "operating"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a start of works still to come: planned, implied by the tense
        pytest.param(
            "Building of the mountain line is due to begin in the spring.",
            [(PLANNED, True)],
            id="due to begin",
        ),
        pytest.param(
            "Work on the link is slated to get under way after the summer.",
            [(PLANNED, True)],
            id="slated to get under way",
        ),
        pytest.param(
            "Construction of the new line is set to kick off next year.",
            [(PLANNED, True)],
            id="set to kick off",
        ),
        pytest.param(
            "The pipeline could start being built within two years.",
            [(PLANNED, True)],
            id="could start being built",
        ),
        pytest.param(
            "The ministry plans to launch construction of the spur in 2027.",
            [(PLANNED, True)],
            id="plans to launch construction",
        ),
        pytest.param(
            "A groundbreaking ceremony will be held at the border in May.",
            [(PLANNED, True)],
            id="a ceremony still to come",
        ),
        # a start that never came: planned, said in words
        pytest.param("The railway has yet to break ground.", [(PLANNED, False)], id="yet to"),
        pytest.param(
            "Construction of the line has not started.", [(PLANNED, True)], id="has not started"
        ),
        pytest.param("Work on the route never began.", [(PLANNED, True)], id="never began"),
        pytest.param(
            "Mooted decades ago, the link has never been built.",
            [(PLANNED, False)],
            id="never been built",
        ),
        pytest.param(
            "The line is still at the design stage.", [(PLANNED, False)], id="at the design stage"
        ),
        pytest.param(
            "For now the project remains on the drawing board.",
            [(PLANNED, False)],
            id="on the drawing board",
        ),
        pytest.param(
            "The partners stand ready to prepare the launch of the project.",
            [(PLANNED, False)],
            id="preparing the launch",
        ),
        pytest.param(
            "A feasibility study of the route is under way.",
            [(PLANNED, False)],
            id="a study still being made",
        ),
        # works going on: under construction, said in words
        pytest.param("Works on the line are under way.", [(BUILDING, False)], id="under way"),
        pytest.param("Work on the tunnels has already begun.", [(BUILDING, False)], id="has begun"),
        pytest.param(
            "Track-laying is in full swing along the valley.",
            [(BUILDING, False)],
            id="in full swing",
        ),
        # a start told in the past is dated; the date against the dateline says the stage
        pytest.param("Construction began in 2012.", [], id="began: left to the date"),
        pytest.param(
            "Work on the line began on the 27th.",
            [(BUILDING, True)],
            id="began with no year: implied",
        ),
        # a start of one step to come says nothing of the works as a whole
        pytest.param("Tracklaying will begin next month.", [], id="a step to come"),
        # a halt names no stage the schema has, and hides the stage words of its clause
        pytest.param("Building of the line has been postponed indefinitely.", [], id="postponed"),
        pytest.param("Construction of the fourth string was put on hold.", [], id="on hold"),
        pytest.param("Work on the Uzbek leg has stalled.", [], id="stalled"),
        pytest.param(
            "The operator hopes to resume construction of the branch next year.",
            [],
            id="to resume",
        ),
        pytest.param(
            "Construction of the section is being held up by a price dispute.",
            [],
            id="held up",
        ),
        # a stage named outright counts only as a fact of today
        pytest.param("The port has been operating since 2015.", [(RUNNING, False)], id="operating"),
        pytest.param("The terminal is fully operational.", [(RUNNING, False)], id="operational"),
        pytest.param(
            "Four heads of state have opened a gas pipeline across the steppe.",
            [(RUNNING, True)],
            id="have opened a pipeline: implied",
        ),
        pytest.param(
            "The railway has opened new markets to the region's farmers.",
            [],
            id="has opened markets: no opening",
        ),
        pytest.param(
            "The line has been officially commissioned.",
            [(RUNNING, False)],
            id="has been commissioned: stated, as 'commissioned' always was",
        ),
        pytest.param(
            "Once the line has been commissioned, trips will be shorter.",
            [],
            id="a commissioning in a condition",
        ),
        pytest.param(
            "These days it works as a busy freight hub between two gauges.",
            [(RUNNING, False)],
            id="works as a hub",
        ),
        pytest.param(
            "The carrier operates as a state company.", [], id="operates as a company: no stage"
        ),
        pytest.param(
            "In its eight years of operation the line has carried 90 million tons.",
            [(RUNNING, False)],
            id="years of operation",
        ),
        pytest.param(
            "A gas main being laid across the valley is the biggest project there.",
            [(BUILDING, False)],
            id="being laid, a reduced clause",
        ),
        pytest.param(
            "Building of the new branch of the network moves ahead fast.",
            [(BUILDING, False)],
            id="building moves ahead fast",
        ),
        pytest.param(
            "Over 40 years of operation the line would earn its cost back.",
            [],
            id="years of operation to come",
        ),
        pytest.param(
            "The link would bring jobs while it was being built.",
            [],
            id="while, after a would: a time to come",
        ),
        pytest.param(
            "The envoys discussed how to speed up construction of the line.",
            [],
            id="construction of, the object of a verb",
        ),
        pytest.param(
            "The aims were to set the operating plan for 2026.", [], id="an operating plan"
        ),
        pytest.param(
            "The province plans to extend its stretch of the pipe to a gas field.",
            [],
            id="a plan to extend is no plan of the thing",
        ),
        pytest.param(
            "The line should be commissioned in the first half of next year.",
            [],
            id="should be commissioned: no stage",
        ),
        pytest.param("The pipeline is not yet in service.", [], id="not yet in service"),
        pytest.param(
            "Once the fourth line is in operation, exports will rise.", [], id="once: a condition"
        ),
        pytest.param(
            "If the link is ever up and running, trips will be shorter.", [], id="if: a condition"
        ),
        pytest.param(
            "The ministry commissioned a survey of the route.", [], id="commissioned a survey"
        ),
        # something new beside the system
        pytest.param(
            "The corridor's second track is now in service.", [], id="a second track is its own"
        ),
        pytest.param(
            "A new container terminal is under construction at the port.",
            [],
            id="a new terminal is its own",
        ),
        pytest.param(
            "Work on a new seaport nearby is due to start in spring.",
            [],
            id="works on a new port are its own",
        ),
        pytest.param(
            "New ferries being built at the shipyard will add capacity.",
            [],
            id="ships being built are their own",
        ),
        pytest.param(
            "The partners signed a protocol and launched work on digital paperwork.",
            [],
            id="work on paperwork is no building",
        ),
        # a part's stage: works going on in it say the whole is being built; a part not begun
        # or in service says nothing of the whole
        pytest.param(
            "The Kyrgyz section of the line has yet to be built.", [], id="a section not built"
        ),
        pytest.param("Work on its Uzbek leg will begin next year.", [], id="a leg's start to come"),
        pytest.param("The first stretch is already in service.", [], id="a stretch in service"),
        pytest.param(
            "Work on the Tajik section is under way.",
            [(BUILDING, False)],
            id="works on a section: the whole is being built",
        ),
        # the works themselves put in the calendar: still to come
        pytest.param(
            "Construction of the mountain railway is scheduled for next autumn.",
            [(PLANNED, False)],
            id="construction scheduled for a season",
        ),
        pytest.param(
            "Building of the spur is slated for 2031, the minister told deputies.",
            [(PLANNED, False)],
            id="building slated for a year",
        ),
        pytest.param(
            "Construction was scheduled for 2016 but has been pushed back.",
            [],
            id="a calendar of the past, then a delay: no stage",
        ),
        # works going on as planned: under construction
        pytest.param(
            "Construction of the link is proceeding according to schedule.",
            [(BUILDING, False)],
            id="proceeding according to schedule",
        ),
        pytest.param(
            "Work on the pipeline is going on track, the operator says.",
            [(BUILDING, False)],
            id="going on track",
        ),
        pytest.param(
            "Building operations have been initiated along the whole route.",
            [(BUILDING, False)],
            id="have been initiated",
        ),
        # openings told as done in the idioms of agencies: operating, implied (a dated event)
        pytest.param(
            "The checkpoint terminal came into operation in the spring of 2013.",
            [(RUNNING, True)],
            id="came into operation",
        ),
        pytest.param(
            "The first string entered into commercial operation a year later.",
            [(RUNNING, True)],
            id="entered into commercial operation",
        ),
        pytest.param(
            "The gas line was completed and put into operation in 2011.",
            [(RUNNING, True)],
            id="completed and put into operation",
        ),
        pytest.param(
            "The trunk line was brought into service ahead of the winter.",
            [(RUNNING, True)],
            id="brought into service",
        ),
        pytest.param(
            "The inland terminal started commercial operations last week.",
            [(RUNNING, True)],
            id="started commercial operations",
        ),
        pytest.param(
            "The strand will be put into operation next year.",
            [],
            id="an opening to come: no stage",
        ),
        pytest.param(
            "The link was supposed to come into operation two years ago.",
            [],
            id="an opening that did not come: no stage",
        ),
        # at work from a time on
        pytest.param(
            "Inside the terminal, which runs round the clock, boxes change trains.",
            [(RUNNING, False)],
            id="runs round the clock",
        ),
        pytest.param(
            "The pipeline has been supplying gas to the coast since 2011.",
            [(RUNNING, False)],
            id="has been supplying since",
        ),
        pytest.param(
            "The holding has been supplying gas for some years.",
            [],
            id="a supplier at work, no since: no stage",
        ),
        # two stages, each where it stands
        pytest.param(
            "Two strings are in service, while work on the third has not started.",
            [(RUNNING, False), (PLANNED, True)],
            id="one in service, one not started",
        ),
    ],
)
def test_stage_idioms(sentence: str, expected) -> None:
    assert _stages(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "at", "mood"),
    [
        pytest.param("The line will be operational.", "operational", "future", id="will"),
        pytest.param("It is expected to be in service.", "in service", "future", id="expected"),
        pytest.param("It may be in service by May.", "in service", "future", id="may, the verb"),
        pytest.param("It opened in May and is in service.", "in service", "", id="in May"),
        pytest.param("It is not in service.", "in service", "denied", id="not"),
        pytest.param("Until it is in service, trucks", "in service", "condition", id="until"),
        pytest.param(
            "When it was put in service, it was", "in service", "", id="when, in the past"
        ),
    ],
)
def test_mood(sentence: str, at: str, mood: str) -> None:
    assert statuses.mood(sentence, sentence.index(at)) == mood


@pytest.mark.parametrize(
    ("sentence", "date", "values"),
    [
        pytest.param("Work is due to begin in the autumn.", "2022-05-20", ["2022"], id="autumn"),
        pytest.param("Work began in the autumn.", "2022-05-20", ["2021"], id="last autumn"),
        pytest.param("Work will start in spring.", "2022-11-20", ["2023"], id="next spring"),
        pytest.param("Work will start in autumn 2023.", "2022-05-20", ["2023"], id="with a year"),
        pytest.param("Exports may fall this year.", "2022-05-20", ["2022"], id="fall, the verb"),
        pytest.param(
            "The port opened last Wednesday.", "2015-08-05", ["2015-07-29"], id="last weekday"
        ),
        pytest.param("The deal was signed on Wednesday.", "2015-08-05", ["2015-08-05"], id="day"),
        pytest.param(
            "Talks will resume next Monday.", "2015-08-05", ["2015-08-10"], id="next weekday"
        ),
    ],
)
def test_seasons_and_weekdays(sentence: str, date: str, values: list[str]) -> None:
    assert [w.value for w in dates.find_dates(sentence, date)] == values


def _events(sentence: str, date: str) -> set[tuple[str, str]]:
    ctx = Context(article_date=date, countries=["Kazakhstan", "Tajikistan"])
    return {(v.field, v.value) for v in event_dates(sentence, ctx)}


@pytest.mark.parametrize(
    ("sentence", "date", "expected"),
    [
        pytest.param(
            "The terminal started commercial operations in July.",
            "2015-10-01",
            {("opening_date", "2015-07")},
            id="started commercial operations: an opening",
        ),
        pytest.param(
            "The line began regular service in 2019.",
            "2020-10-01",
            {("opening_date", "2019")},
            id="began regular service",
        ),
        pytest.param(
            "The route's second track was put into service on Tuesday.",
            "2025-09-30",
            set(),
            id="a second track's opening is its own",
        ),
        pytest.param(
            "The spur did not open in 2016 as promised.",
            "2017-03-01",
            set(),
            id="a denied opening dates nothing",
        ),
        pytest.param(
            "The line could start being built next year.",
            "2019-11-25",
            {("start_date", "2020")},
            id="start being built: the works",
        ),
        pytest.param(
            "Building is due to begin in the autumn.",
            "2022-05-20",
            {("start_date", "2022")},
            id="a season's start",
        ),
        pytest.param(
            "Gas deliveries are to begin in 2010.",
            "2008-07-10",
            {("completion_date", "2010")},
            id="deliveries to begin: a service due, not works",
        ),
        pytest.param(
            "It started working in 2016 and has grown since.",
            "2019-02-01",
            {("opening_date", "2016")},
            id="started working: an opening",
        ),
        pytest.param(
            "The first string of the gas main, launched in November 2011, runs beside a road.",
            "2015-01-01",
            {("opening_date", "2011-11")},
            id="a line launched: put into service",
        ),
        pytest.param(
            "The operating company, which was launched in March 2024, is based in Osh.",
            "2025-01-01",
            set(),
            id="a company launched is not the line",
        ),
        pytest.param(
            "Its tracking website, launched in May 2021, shows every train.",
            "2025-01-01",
            set(),
            id="a website launched is not the line",
        ),
        pytest.param(
            "Building was launched in March 2024.",
            "2025-01-01",
            {("start_date", "2024-03")},
            id="works launched: a start",
        ),
        pytest.param(
            "Freight trains began running in 2019.",
            "2020-01-10",
            {("opening_date", "2019")},
            id="trains began running: an opening",
        ),
        pytest.param(
            "The line is planned to go into service in 2030.",
            "2025-06-01",
            {("completion_date", "2030")},
            id="to go into service: when it is due",
        ),
        pytest.param(
            "On Friday the two railways began moving containers over the pass.",
            "2024-05-27",
            set(),
            id="a step on a day before its cue",
        ),
        pytest.param(
            "The project was supposed to start in the fall of this year.",
            "2023-09-30",
            set(),
            id="a plan not kept",
        ),
        pytest.param(
            "Work is to start in October.", "", set(), id="no dateline: no date to record"
        ),
        pytest.param(
            "The link has been discussed since the 1980s.",
            "2022-01-01",
            {("proposed_date", "1980s")},
            id="discussed since: when it was first proposed",
        ),
        pytest.param(
            "Welding of the whole string was completed at the end of 2013.",
            "2014-06-01",
            set(),
            id="a step's end is not the line's",
        ),
        pytest.param(
            "The spur should be completed in two years.",
            "2025-05-10",
            {("completion_date", "2027")},
            id="in two years, to come: by then",
        ),
        pytest.param(
            "The spur was completed in two years.", "2025-05-10", set(), id="in two years: a span"
        ),
        pytest.param(
            "The spur is to be finished within three to four years.",
            "2025-05-10",
            {("completion_date", "2029")},
            id="within a range of years: its far end",
        ),
        pytest.param(
            "The spur will be finished by the end of next year.",
            "2025-05-10",
            {("completion_date", "2026")},
            id="by the end of next year",
        ),
        pytest.param(
            "On 13 September, the day after a regional summit in the capital, the two "
            "presidents and their ministers broke ground on the new line.",
            "2014-09-20",
            {("start_date", "2014-09-13")},
            id="a date opening the sentence is its main verb's",
        ),
        pytest.param(
            "The ports discussed new tariffs for 2026.",
            "2025-03-05",
            set(),
            id="discussed is no first proposal",
        ),
        pytest.param(
            "It came after the opening of the first stretch of the Turkmen–Uzbek–Kazakh–Chinese "
            "Gas Network (TUKCGN) in late 2009.",
            "2014-01-01",
            {("opening_date", "2009")},
            id="a long name between cue and date counts as one word",
        ),
        pytest.param(
            "The first string is to be ready in 2009, and the second to go into service by 2012.",
            "2008-01-01",
            {("completion_date", "2009"), ("completion_date", "2012")},
            id="to go into service: an infinitive to come",
        ),
        pytest.param(
            "The groundbreaking for the Tajik stretch of the new gas line took place on 13 "
            "September 2014.",
            "2024-02-06",
            {("start_date", "2014-09-13")},
            id="a ceremony held far from its noun",
        ),
        pytest.param(
            "Building of the mountain railway is pencilled in for spring 2027.",
            "2026-01-10",
            {("start_date", "2027")},
            id="the works put in the calendar: their start",
        ),
        pytest.param(
            "Construction was slated for 2019, but money ran short.",
            "2026-01-10",
            set(),
            id="a calendar of the past: no start",
        ),
    ],
)
def test_event_idioms(sentence: str, date: str, expected) -> None:
    assert _events(sentence, date) == expected


def test_a_future_start_without_a_date_is_proposed_as_implied(fixture_raw) -> None:
    """No date to compare: the tense alone says nothing has begun, so the status is proposed as
    implied (its note says so), never as stated."""
    rows = ingest.propose(
        "955_case.txt",
        "Work on the China–Kyrgyzstan–Uzbekistan railway is due to begin soon.",
        ingest.systems(fixture_raw),
        fixture_raw,
        "2022-05-20",
        ingest.country_names(fixture_raw.datadir),
    )
    (row,) = [r for r in rows if r["field"] == "status"]
    assert (row["corridor"], row["value"]) == (CKU, PLANNED)
    assert row["note"].startswith("Implied, not stated in words")
    assert row["reason"].startswith("status implied by")


def test_an_opening_told_in_the_past_implies_operating_without_a_dateline(fixture_raw) -> None:
    """An undated copy: no date to set the opening against, but "went into service" says it has
    happened, so the status is implied (marked so), never stated."""
    rows = ingest.propose(
        "956_case.txt",
        "The Khorgos dry port went into service in December 2015.",
        ingest.systems(fixture_raw),
        fixture_raw,
        "",
        ingest.country_names(fixture_raw.datadir),
    )
    (row,) = [r for r in rows if r["field"] == "status"]
    assert (row["corridor"], row["value"]) == (PORT, RUNNING)
    assert row["note"].startswith("Implied, not stated in words")
