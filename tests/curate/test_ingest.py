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

from corridors import cli
from corridors.curate import ingest, review
from corridors.curate.ingest import known
from corridors.quotes import textmatch
from corridors.store import rawdata
from corridors.validate import validate

from fixtures import FIXTURE, INGEST_ROOT

if TYPE_CHECKING:
    from conftest import DataCopy

ARTICLE = INGEST_ROOT / "900_fictional_tracklaying.txt"
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
    # 523 km agrees with fixture article 006 and disagrees with 005's 454 km
    ("cku-length-900", "cku-railway", "length", "523", "km", "", "cku-length-005"),
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
            "cku-name-900", "is 72% like 'China–Kyrgyzstan–Uzbekistan railway'", id="garbled name"
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


def test_relative_date_without_article_date_is_not_proposed(data_copy: DataCopy, tmp_path) -> None:
    """ "next month" in an article that prints no date of its own names no month a curator could
    record: no start date is proposed (the status its words imply still is)."""
    article = tmp_path / "901_undated.txt"
    article.write_text(
        "Officials said work on the China-Kyrgyzstan-Uzbekistan railway will start next month.\n",
        encoding="utf-8",
    )
    rows = ingest.ingest(data_copy.datadir, article).rows
    assert not [r for r in rows if r["field"] == "start_date"]
    assert [r["value"] for r in rows if r["field"] == "status"] == ["planned"]


# --- metadata ----------------------------------------------------------------------------


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


# --- general rules -------------------------------------------------------------------------


COUNTRIES = {"China", "Kazakhstan", "Kyrgyzstan", "Uzbekistan"}


@pytest.mark.parametrize(
    ("row_name", "names", "countries", "places", "words"),
    [
        pytest.param(
            "Khorgos dry port (Khorgos Gateway)",
            ["Khorgos dry port", "Khorgos Gateway"],
            [],
            [],
            ["Khorgos"],
            id="other name in parentheses",
        ),
        pytest.param(
            "North–South Highway in Kyrgyzstan",
            ["North–South Highway"],
            ["Kyrgyzstan"],
            [],
            [],
            id="in a country",
        ),
        pytest.param(
            "North–South Highway (Kyrgyzstan)",
            ["North–South Highway"],
            ["Kyrgyzstan"],
            [],
            [],
            id="country in parentheses is no name",
        ),
        pytest.param(
            "Charging stations from Urumqi to the Caspian Sea",
            ["Charging stations from Urumqi to the Caspian Sea"],
            [],
            ["Urumqi", "Caspian Sea"],
            ["Urumqi", "Caspian"],
            id="a name stating its route",
        ),
        pytest.param(
            "Central Asia–China gas pipeline (Lines A/B/C)",
            ["Central Asia–China gas pipeline"],
            [],
            [],
            [],
            id="lines and generic words",
        ),
    ],
)
def test_what_a_curated_name_says(row_name, names, countries, places, words) -> None:
    got, said = known.curated_names(row_name, COUNTRIES)
    assert [n for n, _ in got] == names
    assert (said["countries"], said["places"]) == (countries, places)
    assert list(dict.fromkeys(w for n in names for w in known.name_words(n, COUNTRIES))) == words


def _propose(raw: rawdata.RawData, text: str) -> list[dict[str, str]]:
    return ingest.propose(
        "950_case.txt", text, ingest.systems(raw), raw, "", ingest.country_names(raw.datadir)
    )


def _found(rows: list[dict[str, str]]) -> set[tuple[str, str, str]]:
    return {(r["corridor"], r["field"], r["value"]) for r in rows}


NSH = "kg-north-south-highway"  # mapped 'no' in the fixture: only mentioned, not drawn
KHORGOS = "khorgos-dry-port"


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "Officials praised the new North-South Highway in Kyrgyzstan, which will streamline "
            "logistics and facilitate international transit.",
            [
                (NSH, "name", "North-South Highway"),
                (NSH, "countries", "Kyrgyzstan"),
                (NSH, "role", "Will streamline logistics and facilitate international transit"),
            ],
            [("", "", "North-South Highway")],
            id="mapped no: named, its claims proposed",
        ),
        pytest.param(
            "The North-South Highway in Tajikistan was resurfaced.",
            [],
            [(NSH, "name", "North-South Highway")],
            id="mapped no: the same name elsewhere is another road",
        ),
        pytest.param(
            "Malabayev, General Manager of Kazakhstan Horgos Dongmen Waterless Port Company, "
            "expressed encouragement at the plan.",
            [
                (KHORGOS, "operator", "Kazakhstan Horgos Dongmen Waterless Port Company"),
                (KHORGOS, "context", "Its general manager expressed encouragement at the plan"),
            ],
            [("", "", "Kazakhstan Horgos Dongmen Waterless Port Company")],
            id="waterless port company is the dry port",
        ),
        pytest.param(
            "Kazakhstan Horgos Dongmen Waterless Port Company reported record volumes. The "
            "waterless port plays a crucial role in connecting Eurasia.",
            [(KHORGOS, "role", "Connecting Eurasia")],
            [],
            id="the waterless port points back to the dry port",
        ),
        pytest.param(
            "The construction of the China-Kyrgyzstan-Uzbekistan railway is a prime example.",
            [("cku-railway", "status", "under_construction")],
            [],
            id="the construction of",
        ),
        pytest.param(
            "At Khorgos Gateway, officials praised the Middle Corridor.",
            [],
            [(KHORGOS, "corridor", "Middle Corridor")],
            id="a corridor named beside a port is no link",
        ),
        pytest.param(
            "Khorgos Gateway, a key hub on the Middle Corridor, doubled its volumes.",
            [(KHORGOS, "corridor", "Middle Corridor")],
            [],
            id="a port named as a hub on a corridor",
        ),
    ],
)
def test_general_rules_on_the_fixture(fixture_raw, text: str, present, absent) -> None:
    found = _found(_propose(fixture_raw, text))
    assert set(present) <= found
    assert not set(absent) & found


@pytest.mark.parametrize(
    ("accepted", "disagrees"),
    [
        pytest.param({}, True, id="the whole system's cost: like and like"),
        pytest.param({"scope": "Kyrgyzstan"}, False, id="a section's cost is not the whole's"),
        pytest.param({"period": "2025"}, False, id="a cost stated for a period is another"),
        pytest.param({"corridor": "cacgp-line-d"}, False, id="a part's cost is its own"),
    ],
)
def test_a_proposal_disagrees_only_with_like(
    data_copy: DataCopy, accepted: dict[str, str], disagrees: bool
) -> None:
    """A proposed figure is flagged only against an accepted claim of the same corridor, feature,
    field, scope and period (schema.readings_key), not against a section's, a period's or a
    part's."""
    if accepted:
        data_copy.edit_row("geodata/claims.csv", "id", "cku-cost-004", **accepted)
    rows = _propose(
        data_copy.read(), "The China-Kyrgyzstan-Uzbekistan railway will cost $4.7 billion."
    )
    cost = next(r for r in rows if r["field"] == "cost")
    assert cost["value"] == "4700000000"
    assert ("DISAGREES with accepted cku-cost-004" in cost["reason"]) == disagrees


CHARGING = "Plans were announced to build charging stations along the route from Urumqi to the "
CHARGING += "Caspian Sea for electric heavy vehicles."


def test_a_mentioned_only_corridor_is_matched_by_its_kind_and_places(data_copy: DataCopy) -> None:
    """Without a row for them the charging stations are "mentioned, not mapped"; with a
    corridors.csv row (mapped 'no') whose name states the route, they are a system and the
    sentence proposes its claims."""
    assert _found(_propose(data_copy.read(), CHARGING)) == {("", "", "charging stations")}
    data_copy.edit_rows(
        "geodata/corridors.csv",
        lambda rows: rows.append(
            {
                "id": "charging",
                "name": "Charging stations from Urumqi to the Caspian Sea",
                "mapped": "no",
                "summary": "Only mentioned.",
            }
        ),
    )
    rows = _propose(data_copy.read(), CHARGING)
    assert _found(rows) == {
        ("charging", "status", "planned"),
        ("charging", "route", "From Urumqi to the Caspian Sea"),
        ("charging", "role", "Charging stations for electric heavy vehicles"),
    }
    assert "only mentioned (mapped 'no' in corridors.csv)" in rows[0]["reason"]


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
        'cku-cost-900,cku-railway,,cost,4700000000,USD,,,,900_fictional_tracklaying.txt,"The '
        'project will cost $4.7 billion and should be completed by 2031, officials added.",'
        "\"Disagrees with cku-cost-004 ('8000000000', 004_dc699da55f7d4812.txt).\"\n"
        "cku-start-900,cku-railway,,start_date,2026-04,,,,,900_fictional_tracklaying.txt,"
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


def test_review_writes_nothing_for_a_claim_that_would_not_validate(
    data_copy: DataCopy, tmp_path
) -> None:
    """A value a curator typed over a proposal ("next month") is refused on review."""
    article = tmp_path / "901_dated.txt"
    article.write_text(
        "Rail link\nOSH, 3 March 2025 -\n\nOfficials said work on the China-Kyrgyzstan-Uzbekistan "
        "railway will start in May 2025.\n",
        encoding="utf-8",
    )
    rows = ingest.ingest(data_copy.datadir, article).rows
    start = next(r["id"] for r in rows if r["field"] == "start_date")
    path = ingest.proposals_path(data_copy.datadir, article.stem)
    text = path.read_text(encoding="utf-8")
    assert text.count(",2025-05,") == 1
    path.write_text(text.replace(",2025-05,", ",next month,"), encoding="utf-8")
    anchors_before = data_copy.read_text("geodata/anchors.csv")
    with pytest.raises(review.ReviewError) as caught:
        review.decide(data_copy.datadir, [start], [])
    assert [p.message for p in caught.value.problems] == [
        "start_date value does not parse: 'next month' is not a year (2030), a month (2025-07), "
        "a day (2019-05-05) or a decade (1990s)"
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
        "9 proposed claim(s), 5 disagreeing with accepted claims, 2 mentioned, not mapped: "
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


# --- the recall benchmark's copy ---------------------------------------------------------------


ARTICLES_WITH_CLAIMS = sorted(
    {
        c["source"]
        for c in rawdata.read(FIXTURE).claims.rows
        if (FIXTURE.seeds / c["source"]).is_file()
    }
)


@pytest.mark.parametrize("article", ARTICLES_WITH_CLAIMS)
@pytest.mark.parametrize(
    "drop_orphans",
    [pytest.param(False, id="orphans kept"), pytest.param(True, id="orphans dropped")],
)
def test_removing_an_article_leaves_data_that_validates(
    tmp_path: Path, article: str, drop_orphans: bool
) -> None:
    """Only the claims whose source is the article go; the copy validates, but for the corridors
    that only the article cites when they are kept as known systems."""
    from devtools import articles

    data = articles.copy_data(FIXTURE, tmp_path / "data")
    removal = articles.remove_article(data, article, tmp_path / article, drop_orphans)
    left = rawdata.read(data).claims.rows
    before = rawdata.read(FIXTURE).claims.rows
    assert removal.claims == [c for c in before if c["source"] == article] != []
    assert [c["id"] for c in left] == [c["id"] for c in before if c["source"] != article]
    assert removal.unexpected == []
    if drop_orphans:
        assert removal.problems == []
    else:
        assert {p.id for p in removal.problems} <= removal.orphan_ids
