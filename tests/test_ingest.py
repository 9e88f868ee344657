"""Ingesting an article and reviewing its proposals, on the frozen fixture.

The article (tests/fixtures/ingest/900_fictional_tracklaying.txt) is fictional, written for these
tests: a garbled railway name, figures that disagree with accepted claims, a relative date, an
alias, a figure that agrees, and infrastructure no system of the map has. Its known answer is the
table below.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from corridors import cli, ingest, rawdata, review, textmatch
from corridors.validate import validate

from fixtures import FIXTURE

if TYPE_CHECKING:
    from conftest import DataCopy

ARTICLE = Path(__file__).parent / "fixtures" / "ingest" / "900_fictional_tracklaying.txt"
STEM = ARTICLE.stem
S004 = "004_dc699da55f7d4812.txt"

#: The known answer: (id, corridor, field, value, unit, qualifier, disagrees with).
EXPECTED = [
    ("cku-name-900", "cku-railway", "name", "China-Kirgizia-Uzbek railway", "", "", ""),
    ("cku-status-900", "cku-railway", "status", "under_construction", "", "", "cku-status-004"),
    ("cku-cost-900", "cku-railway", "cost", "4700000000", "USD", "", "cku-cost-004"),
    (
        "cku-completion-900",
        "cku-railway",
        "completion_date",
        "2031",
        "",
        "by",
        "cku-completion-004",
    ),
    ("cku-length-900", "cku-railway", "length", "523", "km", "", ""),
    ("cku-start-900", "cku-railway", "start_date", "2026-04", "", "", "cku-start-004"),
    ("cacgp-name-900", "cacgp", "name", "Central Asia–China gas pipeline", "", "", ""),
    ("cacgp-capacity-900", "cacgp", "capacity", "55", "bcm/year", "", ""),
    ("khorgos-name-900", "khorgos-dry-port", "name", "Khorgos Gateway", "", "", ""),
]
#: Mentioned, not mapped: (id, what).
UNMAPPED = [("unmapped-900", "charging stations"), ("unmapped-900b", "highway")]


@pytest.fixture
def ingested(data_copy: DataCopy) -> tuple[DataCopy, ingest.Result]:
    return data_copy, ingest.ingest(data_copy.datadir, ARTICLE)


def test_proposals_are_the_known_answer(ingested) -> None:
    _, result = ingested
    got = [
        (
            r["id"],
            r["corridor"],
            r["field"],
            r["value"],
            r["unit"],
            r["qualifier"],
            ",".join(sorted(set(_disagreeing(r["note"])))),
        )
        for r in result.rows
        if r["corridor"]
    ]
    assert got == EXPECTED
    assert [(r["id"], r["value"]) for r in result.rows if not r["corridor"]] == UNMAPPED


def _disagreeing(note: str) -> list[str]:
    import re

    return re.findall(r"Disagrees with (\S+) \(", note)


def test_every_quote_is_a_sentence_of_the_article(ingested) -> None:
    _, result = ingested
    text = ARTICLE.read_text(encoding="utf-8")
    for row in result.rows:
        assert textmatch.find_quote(row["quote"], text) is not None, row["id"]
        assert row["source"] == ARTICLE.name


@pytest.mark.parametrize(
    ("claim", "words"),
    [
        pytest.param(
            "cku-name-900", "is 79% like 'China–Kyrgyzstan–Uzbekistan railway'", id="garbled name"
        ),
        pytest.param("cku-status-900", "agrees with accepted cku-status-001", id="agrees too"),
        pytest.param(
            "cku-cost-900", "'The project' points back to cku-railway", id="pointing back"
        ),
        pytest.param(
            "cacgp-capacity-900", "agrees with accepted cacgp-capacity-001", id="agreement"
        ),
        pytest.param(
            "khorgos-name-900", "its other name in corridors.csv", id="name in parentheses"
        ),
        pytest.param("unmapped-900", "mentioned, not mapped: charging stations", id="not mapped"),
    ],
)
def test_reasons_say_why(ingested, claim: str, words: str) -> None:
    _, result = ingested
    row = next(r for r in result.rows if r["id"] == claim)
    assert words in row["reason"]


def test_relative_date_resolved_against_the_article_date(ingested) -> None:
    _, result = ingested
    row = next(r for r in result.rows if r["id"] == "cku-start-900")
    assert row["note"].startswith(
        "The article says 'next month'; its date, 2026-03-02, makes that 2026-04."
    )


def test_article_added_byte_identical_with_stated_metadata(ingested) -> None:
    copy, result = ingested
    assert result.seed.read_bytes() == ARTICLE.read_bytes()
    row = next(r for r in rawdata.read(copy.datadir).sources.rows if r["file"] == ARTICLE.name)
    assert {k: row[k] for k in ("headline", "outlet", "dateline", "date", "author")} == {
        "headline": "Tracklaying Nears the Torugart Pass",
        "outlet": "",
        "dateline": "OSH",
        "date": "2026-03-02",
        "author": "Aigerim Testova",
    }
    assert row["sha256"] == hashlib.sha256(ARTICLE.read_bytes()).hexdigest()


def test_claims_untouched_and_data_still_valid(ingested) -> None:
    copy, _ = ingested
    assert copy.read_text("geodata/claims.csv") == (FIXTURE.claims).read_text(encoding="utf-8")
    errors = [p for p in validate(copy.read()) if p.level == "error"]
    assert errors == []


def test_the_same_article_is_refused(ingested, tmp_path: Path) -> None:
    copy, _ = ingested
    renamed = tmp_path / "another_name.txt"
    renamed.write_bytes(ARTICLE.read_bytes())
    with pytest.raises(ingest.IngestError, match=r"already seeds/900_fictional_tracklaying\.txt"):
        ingest.ingest(copy.datadir, renamed)


def test_relative_date_without_article_date_stays_text(data_copy: DataCopy, tmp_path) -> None:
    article = tmp_path / "901_undated.txt"
    article.write_text(
        "Officials said the China-Kyrgyzstan-Uzbekistan railway will start next month.\n",
        encoding="utf-8",
    )
    rows = ingest.ingest(data_copy.datadir, article).rows
    start = next(r for r in rows if r["field"] == "start_date")
    assert start["value"] == "next month"
    assert start["note"].startswith("The article says 'next month' and states no date")


# --- values, normalised ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "field", "value", "unit", "qualifier"),
    [
        pytest.param("a planned $8 billion railway", "cost", "8000000000", "USD", "", id="$ bn"),
        pytest.param("it cost US$350 million", "cost", "350000000", "USD", "", id="US$ million"),
        pytest.param("1.5 billion yuan in grants", "cost", "1500000000", "CNY", "", id="yuan"),
        pytest.param("covering over 3,666 kilometers", "length", "3666", "km", "over", id="km"),
        pytest.param("a 280-km line", "length", "280", "km", "", id="km hyphen"),
        pytest.param(
            "capacity is 55 billion cubic meters annually",
            "capacity",
            "55",
            "bcm/year",
            "",
            id="bcm",
        ),
        pytest.param(
            "handles 10 million tonnes a year",
            "capacity",
            "10000000",
            "tonnes/year",
            "",
            id="tonnes",
        ),
        pytest.param("With Lines A, B, and C operational", "lines", "A;B;C", "", "", id="lines"),
        pytest.param("With Lines A, B, and C operational", "status", "operating", "", "", id="op"),
        pytest.param("it is under construction", "status", "under_construction", "", "", id="uc"),
        pytest.param("discussed since the 1990s", "proposed_date", "1990s", "", "since", id="90s"),
        pytest.param("will be completed by 2030", "completion_date", "2030", "", "by", id="by"),
        pytest.param("work will begin in July 2025", "start_date", "2025-07", "", "", id="month"),
        pytest.param("Line C entered service in 2014", "opening_date", "2014", "", "", id="open"),
        pytest.param("It will kickstart next month", "start_date", "2025-07", "", "", id="rel"),
    ],
)
def test_values_are_normalised(sentence, field, value, unit, qualifier) -> None:
    values = ingest.read_values(sentence, "2025-06-18", ["China"], [])
    assert (field, value, unit, qualifier) in [
        (v.field, v.value, v.unit, v.qualifier) for v in values
    ]


def test_route_and_countries_in_route_order() -> None:
    values = ingest.read_values(
        "a railway that will link China’s Xinjiang province and Uzbekistan via Kyrgyzstan.",
        "",
        ["China", "Kyrgyzstan", "Uzbekistan"],
        [],
    )
    assert [(v.field, v.value) for v in values if v.field in ("route", "countries")] == [
        ("route", "Xinjiang (China) to Uzbekistan via Kyrgyzstan"),
        ("countries", "China;Kyrgyzstan;Uzbekistan"),
    ]


@pytest.mark.parametrize(
    "name",
    sorted(p.name for p in FIXTURE.seeds.glob("*.txt")),
)
def test_metadata_agrees_with_the_curated_sources(name: str) -> None:
    """What the text states, as curators recorded it; 004's author stands only in a byline block
    ("Kainat" above the author's biography), which is not read."""
    row = next(r for r in rawdata.read(FIXTURE).sources.rows if r["file"] == name)
    meta = ingest.metadata((FIXTURE.seeds / name).read_text(encoding="utf-8"))
    expected = {k: row[k] for k in ("headline", "outlet", "dateline", "date", "author")}
    if name == S004:
        expected["author"] = ""
    assert {k: meta[k] for k in expected} == expected


# --- review ----------------------------------------------------------------------------------


def test_review_accepts_and_rejects(ingested) -> None:
    copy, result = ingested
    outcome = review.decide(copy.datadir, ["cku-cost-900", "cku-start-900"], ["unmapped-900b"])
    assert outcome.accepted == ["cku-cost-900", "cku-start-900"]
    assert outcome.remaining == len(result.rows) - 3
    claims = copy.read_text("geodata/claims.csv")
    before = FIXTURE.claims.read_text(encoding="utf-8")
    assert claims.startswith(before)
    assert claims[len(before) :] == (
        'cku-cost-900,cku-railway,,cost,4700000000,USD,,900_fictional_tracklaying.txt,"The '
        'project will cost $4.7 billion and should be completed by 2031, officials added.",'
        "\"Disagrees with cku-cost-004 ('8000000000', 004_dc699da55f7d4812.txt).\"\n"
        "cku-start-900,cku-railway,,start_date,2026-04,,,900_fictional_tracklaying.txt,"
        "Tracklaying on the railway will begin next month.,\"The article says 'next month'; "
        "its date, 2026-03-02, makes that 2026-04. Disagrees with cku-start-004 ('2025-07', "
        '004_dc699da55f7d4812.txt)."\n'
    )
    assert [p for p in validate(copy.read()) if p.level == "error"] == []
    left = {r["id"] for r in ingest.read_rows(ingest.proposals_path(copy.datadir, STEM))}
    assert not left & {"cku-cost-900", "cku-start-900", "unmapped-900b"}


def test_review_of_everything_removes_the_file(ingested) -> None:
    copy, result = ingested
    accept = [r["id"] for r in result.rows if r["corridor"]]
    reject = [r["id"] for r in result.rows if not r["corridor"]]
    outcome = review.decide(copy.datadir, accept, reject, STEM)
    assert outcome.remaining == 0
    assert not ingest.proposals_path(copy.datadir, STEM).exists()
    assert [p for p in validate(copy.read()) if p.level == "error"] == []


@pytest.mark.parametrize(
    ("accept", "reject", "message"),
    [
        pytest.param(["nope"], [], "no pending proposal with id nope", id="unknown id"),
        pytest.param(["unmapped-900"], [], "mentioned, not mapped", id="unmapped accepted"),
        pytest.param(["cku-cost-900"], ["cku-cost-900"], "both accepted and rejected", id="both"),
    ],
)
def test_review_refuses(ingested, accept, reject, message: str) -> None:
    copy, _ = ingested
    with pytest.raises(review.ReviewError, match=message):
        review.decide(copy.datadir, accept, reject)
    assert copy.read_text("geodata/claims.csv") == FIXTURE.claims.read_text(encoding="utf-8")


def test_review_rolls_back_a_claim_that_would_not_validate(data_copy: DataCopy, tmp_path) -> None:
    article = tmp_path / "901_undated.txt"
    article.write_text(
        "Officials said the China-Kyrgyzstan-Uzbekistan railway will start next month.\n",
        encoding="utf-8",
    )
    rows = ingest.ingest(data_copy.datadir, article).rows
    start = next(r["id"] for r in rows if r["field"] == "start_date")
    anchors_before = data_copy.read_text("geodata/anchors.csv")
    with pytest.raises(review.ReviewError) as caught:
        review.decide(data_copy.datadir, [start], [])
    assert [p.message for p in caught.value.problems] == [
        "start_date value does not parse: 'next month' is not a year (2030), a month (2025-07) "
        "or a decade (1990s)"
    ]
    assert data_copy.read_text("geodata/claims.csv") == FIXTURE.claims.read_text(encoding="utf-8")
    assert data_copy.read_text("geodata/anchors.csv") == anchors_before


def test_interactive_review(ingested) -> None:
    copy, _ = ingested
    answers = iter(["x", "a", "r", "s", "q"])
    shown: list[str] = []
    outcome = review.interactive(copy.datadir, STEM, ask=lambda _: next(answers), say=shown.append)
    assert outcome.accepted == ["cku-name-900"]
    assert outcome.rejected == ["cku-status-900"]
    assert shown[0].startswith("cku-name-900: cku-railway · name = China-Kirgizia-Uzbek railway")


# --- the command line ------------------------------------------------------------------------


def test_cli_ingest_then_review(data_copy: DataCopy, capsys: pytest.CaptureFixture[str]) -> None:
    root = os.fspath(data_copy.root)
    assert cli.main(["--data-dir", root, "ingest", os.fspath(ARTICLE)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "added seeds/900_fictional_tracklaying.txt "
        f"(sha256 {hashlib.sha256(ARTICLE.read_bytes()).hexdigest()[:12]}…)",
        "sources.csv: headline 'Tracklaying Nears the Torugart Pass', dateline 'OSH', "
        "date '2026-03-02', author 'Aigerim Testova'",
        "9 proposed claim(s), 4 disagreeing with accepted claims, 2 mentioned, not mapped: "
        "geodata/proposed/900_fictional_tracklaying.csv",
        "next: python -m corridors review 900_fictional_tracklaying",
    ]
    assert cli.main(["--data-dir", root, "ingest", os.fspath(ARTICLE)]) == 1
    assert "not ingested: " in capsys.readouterr().err
    code = cli.main(
        [
            "--data-dir",
            root,
            "review",
            STEM,
            "--accept",
            "cku-length-900",
            "--reject",
            "unmapped-900",
        ]
    )
    assert code == 0
    assert capsys.readouterr().out == (
        "accepted 1 into geodata/claims.csv, rejected 1; 9 proposal(s) still pending\n"
    )
    assert cli.main(["--data-dir", root, "validate"]) == 0
