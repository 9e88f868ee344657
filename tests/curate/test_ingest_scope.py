"""Which system, part and scope a figure belongs to (issue 18): another named route is not the
topic, a section's length is not the whole's, a line's figures are the line's own, and a status
is the subject's. Every text here is written for these tests.
"""

from __future__ import annotations

import pytest

from corridors.curate import ingest
from corridors.curate.ingest import known, mentions

CKU, CACGP, TITR, LINE_D = "cku-railway", "cacgp", "titr", "cacgp-line-d"


def _propose(raw, text: str, date: str) -> list[dict[str, str]]:
    return ingest.propose(
        "952_case.txt", text, ingest.systems(raw), raw, date, ingest.country_names(raw.datadir)
    )


def _found(rows: list[dict[str, str]]) -> set[tuple[str, str, str, str]]:
    """(corridor or corridor/feature, field, value, period or scope) of every proposal."""
    return {
        (
            r["corridor"] + (f"/{r['feature']}" if r["feature"] else ""),
            r["field"],
            r["value"],
            r["period"] or r["scope"],
        )
        for r in rows
    }


@pytest.mark.parametrize(
    ("phrase", "name", "alike"),
    [
        pytest.param(
            "Trans-Siberian route",
            "Trans-Caspian International Transport Route",
            False,
            id="another trans- route",
        ),
        pytest.param(
            "Trans-Afghan corridor",
            "Trans-Caspian International Transport Route",
            False,
            id="a planned trans- corridor",
        ),
        pytest.param(
            "Trans-Caspian corridor",
            "Trans-Caspian International Transport Route",
            True,
            id="the same distinctive word",
        ),
        pytest.param(
            "Central Asian gas pipeline",
            "Central Asia–China gas pipeline",
            True,
            id="only generic words: likeness decides",
        ),
        pytest.param(
            "China-Kyrgyz-Uzbek railway",
            "China–Kyrgyzstan–Uzbekistan railway",
            True,
            id="adjectives of the same countries",
        ),
    ],
)
def test_fuzzy_names_need_a_distinctive_word(phrase: str, name: str, alike: bool) -> None:
    assert mentions.shares_distinctive(phrase, name) is alike


@pytest.mark.parametrize(
    ("text", "date", "present", "absent"),
    [
        pytest.param(
            "The China–Kyrgyzstan–Uzbekistan railway is being built. Planners say it will save "
            "five days against the Trans-Siberian route and shorten trips by 700 km.",
            "2025-06-02",
            [],
            [
                (TITR, "section_length", "700", "Trans–Siberian"),
                (TITR, "name", "Trans-Siberian route", ""),
            ],
            id="another named route is not the topic",
        ),
        pytest.param(
            "Tajikistan says work on Line D of the Central Asia–China gas pipeline in Tajikistan "
            "is slow.",
            "2024-02-06",
            [(CACGP, "name", "Central Asia–China gas pipeline", "")],
            [("", "", "Central Asia–China gas pipeline", "")],
            id="a known name followed by a country it does not cross is still it",
        ),
        pytest.param(
            "The China–Kyrgyzstan–Uzbekistan railway is under way. On the Chinese side it covers "
            "about 210 km.",
            "2025-06-02",
            [(CKU, "section_length", "210", "China")],
            [(CKU, "length", "210", "")],
            id="a length on one country's side is a section",
        ),
        pytest.param(
            "The China–Kyrgyzstan–Uzbekistan railway is under way. In Uzbekistan, the line will "
            "run for 150 km.",
            "2025-06-02",
            [(CKU, "section_length", "150", "Uzbekistan")],
            [(CKU, "length", "150", "")],
            id="a clause set in one country measures its section",
        ),
        pytest.param(
            "The China–Kyrgyzstan–Uzbekistan railway, through China, Kyrgyzstan and Uzbekistan, "
            "will be 520 km long.",
            "2025-06-02",
            [(CKU, "length", "520", "")],
            [],
            id="a list of the countries it crosses keeps the whole's length",
        ),
        pytest.param(
            "Line D of the Central Asia–China gas pipeline would cross Uzbekistan (180 km), "
            "Tajikistan (400 km) and Kyrgyzstan (230 km).",
            "2024-02-06",
            [
                (LINE_D, "section_length", "180", "Uzbekistan"),
                (LINE_D, "section_length", "400", "Tajikistan"),
                (LINE_D, "section_length", "230", "Kyrgyzstan"),
            ],
            [(LINE_D, "length", v, "") for v in ("180", "400", "230")],
            id="countries with their figures in brackets are sections",
        ),
        pytest.param(
            "Kyrgyzstan plans to begin laying its 180-km section of Line D of the Central "
            "Asia–China gas pipeline next year.",
            "2024-02-06",
            [(LINE_D, "section_length", "180", "Kyrgyzstan")],
            [(LINE_D, "length", "180", ""), (CACGP, "length", "180", "")],
            id="a country's own glued section",
        ),
        pytest.param(
            "Line D of the Central Asia–China gas pipeline will be 1,500 km long overall, 400 km "
            "of it under Tajik jurisdiction.",
            "2012-01-10",
            [
                (LINE_D, "length", "1500", ""),
                (LINE_D, "section_length", "400", "Tajikistan"),
            ],
            [(LINE_D, "length", "400", "")],
            id="a share of the length under a country's jurisdiction",
        ),
        pytest.param(
            "The China–Kyrgyzstan–Uzbekistan railway is being built. It should make the trip to "
            "Europe some 800 km shorter and cut the distance to the Gulf by about 600 km.",
            "2025-06-02",
            [],
            [(CKU, "length", "800", ""), (CKU, "length", "600", "")],
            id="a difference or a change of distance is no length",
        ),
        pytest.param(
            "The China–Kyrgyzstan–Uzbekistan railway is being built. Its first 2.3-km tunnel is "
            "nearly finished.",
            "2025-06-02",
            [],
            [(CKU, "length", "2.3", "")],
            id="a tunnel's length is not the line's",
        ),
        pytest.param(
            "The Central Asia–China gas pipeline will get a fourth string. The 900-km D line "
            "would cross Tajikistan.",
            "2019-12-18",
            [(LINE_D, "length", "900", "")],
            [(CACGP, "length", "900", "")],
            id="a label written letter first is the line",
        ),
        pytest.param(
            "The Central Asia–China gas pipeline runs as three parallel branches, A, B and C, all "
            "of them in operation.",
            "2019-12-18",
            [(CACGP, "lines", "A;B;C", ""), (CACGP, "status", "operating", "")],
            [],
            id="a list of lines by letter after their noun",
        ),
        pytest.param(
            "Work on the Central Asia–China gas pipeline goes on: Lines C and D are in operation.",
            "2019-12-18",
            [],
            [(CACGP, "status", "operating", ""), (CACGP, "lines", "C;D", "")],
            id="some lines, a part among them, are not the whole",
        ),
        pytest.param(
            "Talks go on about the Kyrgyzstan-China gas pipeline. Across Kyrgyzstan it will run "
            "for about 200 km.",
            "2019-05-01",
            [("", "", "Kyrgyzstan-China gas pipeline", "")],
            [(CACGP, "section_length", "200", "Kyrgyzstan"), (CACGP, "length", "200", "")],
            id="a name made of a country the system does not cross is another pipeline",
        ),
        pytest.param(
            "Work began on the Turkmenistan-Tajikistan-China gas pipeline. The Tajik section will "
            "be 400 km long.",
            "2019-05-01",
            [],
            [(CACGP, "section_length", "400", "Tajikistan")],
            id="the head of an unmapped name describes no known system",
        ),
    ],
)
def test_scope_rules(fixture_raw, text: str, date: str, present, absent) -> None:
    found = _found(_propose(fixture_raw, text, date))
    for fact in present:
        assert fact in found, f"{fact} not in {sorted(found)}"
    for fact in absent:
        assert fact not in found, f"{fact} proposed"


@pytest.mark.parametrize(
    ("phrase", "label"),
    [
        pytest.param("D line", "Line D", id="letter first"),
        pytest.param("D-line", "Line D", id="letter first, hyphenated"),
        pytest.param("Line C", "Line C", id="as corridors.csv writes it"),
    ],
)
def test_labels_read_as_corridors_csv_writes_them(phrase: str, label: str) -> None:
    assert known.normal_label(phrase) == label


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        pytest.param("A line will be built to the border.", [], id="an article is no label"),
        pytest.param("The new D line is planned.", ["D line"], id="a letter before line"),
    ],
)
def test_letter_labels(sentence: str, found: list[str]) -> None:
    assert [m.group() for m in known.LETTER_LABEL.finditer(sentence)] == found


@pytest.mark.parametrize(
    ("text", "status", "not_status"),
    [
        pytest.param(
            "The China–Kyrgyzstan–Uzbekistan railway is in talks. No partner country has yet "
            "started building the line.",
            "planned",
            "under_construction",
            id="nobody has started building it",
        ),
        pytest.param(
            "Work on the China–Kyrgyzstan–Uzbekistan railway is running faster than planned.",
            "under_construction",
            "planned",
            id="faster than planned is the pace of works",
        ),
        pytest.param(
            "The China–Kyrgyzstan–Uzbekistan railway is well ahead of schedule, officials say.",
            "under_construction",
            "planned",
            id="ahead of schedule",
        ),
        pytest.param(
            "Tunnelling on the China–Kyrgyzstan–Uzbekistan railway has got going at six sites.",
            "under_construction",
            "planned",
            id="digging has got going",
        ),
        pytest.param(
            "On the China–Kyrgyzstan–Uzbekistan railway construction is going to start in spring.",
            "",
            "under_construction",
            id="going to start is no works under way",
        ),
        pytest.param(
            "The China–Kyrgyzstan–Uzbekistan railway would one day join the planned Trans-Afghan "
            "corridor.",
            "",
            "planned",
            id="the planned other corridor's stage is not the subject's",
        ),
    ],
)
def test_status_words(fixture_raw, text: str, status: str, not_status: str) -> None:
    rows = _propose(fixture_raw, text, "2025-11-13")
    stated = {(r["corridor"], r["value"]) for r in rows if r["field"] == "status"}
    if status:
        assert (CKU, status) in stated, stated
    assert all(value != not_status for _, value in stated), stated
