"""Which system a sentence is about, on the frozen fixture: topics, back-references, organisations,
other names of known systems, parts (Line D) and sections.

Every text is written for these tests (issue 18's shapes in our own words). A case lists claims
that must be proposed (corridor, field, value) and claims that must not, and the disagreements
that must not be flagged.
"""

from __future__ import annotations

import dataclasses

import pytest

from corridors.curate import ingest
from corridors.curate.ingest import discourse, known, mentions, sentences
from corridors.schema import CORRIDOR_COLUMNS
from corridors.store import rawdata

CKU, CACGP, TITR = "cku-railway", "cacgp", "titr"


def _propose(raw: rawdata.RawData, text: str, date: str = "2025-03-14") -> list[dict[str, str]]:
    return ingest.propose(
        "950_case.txt", text, ingest.systems(raw), raw, date, ingest.country_names(raw.datadir)
    )


def _found(rows: list[dict[str, str]]) -> set[tuple[str, str, str]]:
    return {(r["corridor"], r["field"], r["value"]) for r in rows}


def _unmapped(rows: list[dict[str, str]]) -> list[str]:
    return [r["value"] for r in rows if not r["corridor"]]


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "The China–Kyrgyzstan–Uzbekistan railway won its last permit.\n"
            "The line will be 471 km long. It should carry 15 million tonnes a year.",
            [(CKU, "length", "471"), (CKU, "capacity", "15000000")],
            [],
            id="the line and it point back",
        ),
        pytest.param(
            "The China–Kyrgyzstan–Uzbekistan railway won its last permit. Works could take four "
            "years and might cost as much as $6.2 billion.",
            [(CKU, "cost", "6200000000")],
            [],
            id="a sentence without a subject inherits the paragraph's topic",
        ),
        pytest.param(
            "Railway pact signed\nOSH, 3 March 2025 -\n\nThe China–Kyrgyzstan–Uzbekistan railway "
            "has its money.\n\nEngineers put the Kyrgyz stretch at 280 km.",
            [(CKU, "section_length", "280")],
            [(CKU, "length", "280")],
            id="a section is never the whole",
        ),
        pytest.param(
            "The Central Asia–China gas pipeline crosses three borders, with sections in "
            "Kazakhstan (1,300 km), Uzbekistan (530 km) and Turkmenistan (190 km).",
            [(CACGP, "section_length", v) for v in ("1300", "530", "190")],
            [(CACGP, "length", v) for v in ("1300", "530", "190")],
            id="section lengths by country, in brackets",
        ),
        pytest.param(
            "Freight on the Middle Corridor reached 3.1 million tons in 2024.",
            [(TITR, "traffic", "3100000")],
            [],
            id="traffic with its year",
        ),
        pytest.param(
            "TITR partners want 10 million tons a year on the route by 2030.",
            [(TITR, "target", "10000000")],
            [(TITR, "capacity", "10000000")],
            id="an acronym; a target is not a capacity",
        ),
        pytest.param(
            "The Central Asia–China gas pipeline ran at full load.\n"
            "A fifth line is under study. It would be 900 km long.",
            [],
            [(CACGP, "length", "900")],
            id="a new unnamed line and the it after it are not the whole",
        ),
        pytest.param(
            "The Central Asia–China gas pipeline ran at full load. Line C can carry 25 bcm a "
            "year. The whole system can carry 55 bcm a year.",
            [(CACGP, "capacity", "55")],
            [],
            id="the whole system after a line is the system",
        ),
        pytest.param(
            "Freight on the Middle Corridor grew fast in 2024.\n"
            "Almaty plans to send 900 trains east next year.",
            [],
            [(TITR, "target", "900")],
            id="a city's own plan is not the topic's target",
        ),
        pytest.param(
            "The Central Asia–China gas pipeline is getting a fourth branch.\n"
            "Line D begins at a gas field in Turkmenistan. From there it crosses Uzbekistan, "
            "Tajikistan and Kyrgyzstan to enter China.",
            [("cacgp-line-d", "countries", "Turkmenistan;Uzbekistan;Tajikistan;Kyrgyzstan;China")],
            [(CACGP, "countries", "Turkmenistan;Uzbekistan;Tajikistan;Kyrgyzstan;China")],
            id="a line's route across two sentences is the line's",
        ),
    ],
)
def test_reading_by_discourse(fixture_raw, text: str, present, absent) -> None:
    found = _found(_propose(fixture_raw, text))
    assert set(present) <= found
    assert not set(absent) & found


def test_the_whole_system_is_no_line(fixture_raw) -> None:
    rows = _propose(
        fixture_raw,
        "The Central Asia–China gas pipeline ran at full load. Line C can carry 25 bcm a "
        "year. The whole system can carry 55 bcm a year.",
    )
    (whole,) = [r for r in rows if r["field"] == "capacity" and r["value"] == "55"]
    assert whole["feature"] == ""


def test_a_leading_it_is_the_subject_before_the_whole_network(fixture_raw) -> None:
    rows = _propose(
        fixture_raw,
        "The Central Asia–China gas pipeline is getting a fourth line.\n"
        "Line D is planned. Once built, it will lift the capacity of the whole network by 30 bcm.",
    )
    assert ("cacgp-line-d", "capacity", "30") in _found(rows)


def test_an_inherited_topic_says_so(fixture_raw) -> None:
    rows = _propose(
        fixture_raw,
        "The China–Kyrgyzstan–Uzbekistan railway won its last permit. Works could cost $6.2 "
        "billion.",
    )
    cost = next(r for r in rows if r["field"] == "cost")
    assert "no system named in this sentence" in cost["reason"]
    assert float(cost["confidence"]) < 1.0


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Uzbekistan Railways said the first trains would run soon.", id="X Railways"),
        pytest.param("The national railway company confirmed the timetable.", id="national co."),
        pytest.param("The state transport holding signed for the wagons.", id="state holding"),
        pytest.param("CNPC, which runs the pipeline, reported the flows.", id="CNPC"),
        pytest.param("China Railway International will lead the builders.", id="China Railway"),
        pytest.param("Cargo on the Trans-Caspian route doubled.", id="another name of titr"),
        pytest.param("The Turkmenistan-China gas pipeline ran at full load.", id="alias of cacgp"),
    ],
)
def test_organisations_and_known_systems_are_never_unmapped(fixture_raw, text: str) -> None:
    assert _unmapped(_propose(fixture_raw, text)) == []


LINE_D = (
    "The Central Asia–China gas pipeline will get a fourth branch.\n"
    "Line D is to run 1,000 km through Uzbekistan, Tajikistan and Kyrgyzstan. It will carry "
    "30 bcm a year and should cost $6.7 billion."
)


def test_an_unlisted_line_is_mentioned_not_mapped_with_its_parent(fixture_raw) -> None:
    rows = _propose(_without_line_d(fixture_raw), LINE_D)
    (line_d,) = [r for r in rows if not r["corridor"]]
    assert line_d["value"] == "Line D"
    assert "a part of cacgp" in line_d["reason"]
    assert "cacgp-line-d (mapped no, part_of cacgp)" in line_d["note"]
    figures = {(r["field"], r["value"]) for r in rows if r["corridor"] == CACGP}
    assert not figures & {("length", "1000"), ("capacity", "30"), ("cost", "6700000000")}
    assert not [r for r in rows if "DISAGREES" in r["reason"]]


def _without_line_d(raw: rawdata.RawData) -> rawdata.RawData:
    """The fixture without its corridors.csv row for Line D, in memory: a part nobody listed yet."""
    rows = [r for r in raw.corridors.rows if r["id"] != "cacgp-line-d"]
    text = rawdata.table_text(CORRIDOR_COLUMNS, rows)
    table = rawdata.parse_table(raw.corridors.rel, text, CORRIDOR_COLUMNS, [])
    return dataclasses.replace(raw, corridors=table)


def test_a_listed_part_gets_its_own_claims_never_a_disagreement(fixture_raw) -> None:
    rows = _propose(fixture_raw, LINE_D)  # the fixture lists Line D (part_of cacgp)
    found = _found(rows)
    assert {
        ("cacgp-line-d", "length", "1000"),
        ("cacgp-line-d", "capacity", "30"),
        ("cacgp-line-d", "cost", "6700000000"),
    } <= found
    assert not {(CACGP, "length", "1000"), (CACGP, "capacity", "30")} & found
    assert _unmapped(rows) == []
    assert not [r for r in rows if "DISAGREES" in r["reason"]]


def test_a_drawn_line_is_its_feature() -> None:
    """ "Line C" names the drawn feature of the system being read about."""
    pipeline = known.System(
        "gp", "Gas pipeline", {"pipeline"}, [("Steppe gas pipeline", "test")], [], [],
        features={"Line C": "gp-line-c"},
    )  # fmt: skip
    text = "The Steppe gas pipeline is busy. Line C started pumping in May 2014."
    sents = sentences.sentences(text)
    found = discourse.read(sents, mentions.find_mentions(text, sents, [pipeline]), [pipeline])
    line_c = next(m for m in found if m.phrase == "Line C")
    assert (line_c.system, line_c.feature) == ("gp", "gp-line-c")


def test_country_names_without_a_name_do_not_fail(data_copy) -> None:
    """A boundary feature without a name is skipped, never a KeyError; the file is read through
    the reading layer."""
    before = ingest.country_names(data_copy.datadir)
    data_copy.replace("geodata/boundaries.geojson", '"name"', '"label"')
    assert ingest.country_names(data_copy.datadir) == before[1:]
