"""Quotes anchored in their articles (geodata/anchors.csv) and exported as W3C Web Annotations.

On the frozen fixture: every anchor round-trips (the article's text between start and end is the
exact quote, and prefix + exact + suffix points at one place only); the validator catches a quote
that matches twice, an edited quote, an edited article and a stale or missing anchors file.
"""

from __future__ import annotations

import csv
import json
import os
from typing import TYPE_CHECKING

import pytest

from corridors import cli
from corridors.model import dataset
from corridors.publish import annotations
from corridors.quotes import anchors
from corridors.store import rawdata
from corridors.validate import validate

from fixtures import FIXTURE

if TYPE_CHECKING:
    from conftest import DataCopy

ANCHORS = "geodata/anchors.csv"
CLAIMS = "geodata/claims.csv"
S001 = "001_6257ba8c1d36bd59.txt"
S003 = "003_4791317c2548c535.txt"
S004 = "004_dc699da55f7d4812.txt"


def _stored() -> list[dict[str, str]]:
    with anchors.anchors_path(FIXTURE).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _claims() -> dict[str, dict[str, str]]:
    with FIXTURE.claims.open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


STORED = _stored()
_TEXT_003 = (FIXTURE.seeds / S003).read_text(encoding="utf-8")
ASTANA = [i for i in range(len(_TEXT_003)) if _TEXT_003.startswith("Astana", i)]
assert len(ASTANA) == 2


def test_every_article_claim_has_one_anchor_and_reference_claims_none() -> None:
    claims = _claims()
    article_claims = [c for c, row in claims.items() if row["source"].endswith(".txt")]
    assert [row["claim"] for row in STORED] == article_claims
    assert "cacgp-length-ref-a" in claims and "cacgp-length-ref-a" not in article_claims


@pytest.mark.parametrize("row", STORED, ids=[row["claim"] for row in STORED])
def test_selectors_round_trip(row: dict[str, str]) -> None:
    """text[start:end] is the exact quote; prefix+exact+suffix locates that one place only."""
    text = (FIXTURE.seeds / row["source"]).read_text(encoding="utf-8")
    start, end = int(row["start"]), int(row["end"])
    assert text[start:end] == row["exact"]
    assert text[start - len(row["prefix"]) : start] == row["prefix"]
    assert text[end : end + len(row["suffix"])] == row["suffix"]
    quote, position = anchors.Anchor(
        row["claim"], row["source"], start, end, row["prefix"], row["exact"], row["suffix"]
    ).selectors()
    assert anchors.locate_quote_selector(quote, text) == [position["start"]]
    assert anchors.occurrences(_claims()[row["claim"]]["quote"], text) == [
        anchors.textmatch.Match(start, end)
    ]


def test_anchors_file_is_what_fmt_writes() -> None:
    raw = rawdata.read(FIXTURE)
    assert anchors.render(anchors.compute(raw).anchors) == anchors.anchors_path(FIXTURE).read_text(
        encoding="utf-8"
    )
    assert list(anchors.check_anchors(raw)) == []


def test_typographic_quote_anchors_on_the_article_text() -> None:
    """The claim may straighten a curly apostrophe; the anchor's exact is the article's own text."""
    row = next(r for r in STORED if r["claim"] == "cku-status-004")
    assert "China’s Xinjiang" in row["exact"]


def _problems(copy: DataCopy) -> list[str]:
    return [
        f"{p.level} {p.file} [{p.id}] {p.message}"
        for p in validate(copy.read())
        if p.file == ANCHORS or "matches" in p.message
    ]


def _fmt(copy: DataCopy) -> None:
    assert cli.main(["--data-dir", os.fspath(copy.root), "fmt"]) == 0


BROKEN = [
    pytest.param(
        lambda c: c.edit_row(CLAIMS, "id", "cku-proposed-003", quote="Astana"),
        [
            "error geodata/claims.csv [cku-proposed-003] quote matches 2 places in "
            f"{S003} (at characters {', '.join(map(str, ASTANA))}); its anchor would be ambiguous"
        ],
        id="quote matches twice",
    ),
    pytest.param(
        lambda c: c.edit_row(
            CLAIMS, "id", "cku-completion-004", quote="will be completed by 2030."
        ),
        [
            "error geodata/anchors.csv [cku-completion-004] anchor is stale: the quoted passage "
            "is now 'will be completed by 2030.', the anchor has 'The project will kickstart next "
            "month and will be completed '"
        ],
        id="quote edited",
    ),
    pytest.param(
        lambda c: c.replace_bytes(
            f"seeds/{S004}", b"38.2 C\nIslamabad", b"38.2 C\nIslamabad, Pakistan"
        ),
        [
            f"error geodata/anchors.csv [{claim}] anchor is stale: the quote now stands at "
            f"characters {start + 10}–{end + 10}, the anchor says {start}–{end}"
            for claim, start, end in (
                (r["claim"], int(r["start"]), int(r["end"])) for r in STORED if r["source"] == S004
            )
        ],
        id="article edited before the quotes",
    ),
    pytest.param(
        lambda c: c.replace_bytes(f"seeds/{S004}", b"Kyrgyzstan Ties", b"Kyrgyzstan TIES"),
        [
            f"error geodata/anchors.csv [{claim}] anchor is stale: its prefix or suffix changed "
            "(the article was edited around the quote)"
            for claim in ("cku-start-004", "cku-completion-004")
        ],
        id="article edited next to a quote",
    ),
    pytest.param(
        lambda c: c.path(ANCHORS).unlink(),
        ["error geodata/anchors.csv [] file is missing"],
        id="anchors file missing",
    ),
    pytest.param(
        lambda c: c.edit_rows(
            ANCHORS,
            lambda rows: rows.remove(next(r for r in rows if r["claim"] == "cacgp-traffic-901")),
        ),
        ["error geodata/anchors.csv [cacgp-traffic-901] the claim's quote has no anchor"],
        id="anchor row missing",
    ),
    pytest.param(
        lambda c: c.edit_rows(ANCHORS, lambda rows: rows.append({**rows[0], "claim": "gone"})),
        ["error geodata/anchors.csv [gone] anchor for nothing: no claim has this id"],
        id="anchor for a claim that is gone",
    ),
    pytest.param(
        lambda c: c.edit_rows(ANCHORS, lambda rows: rows.reverse()),
        ["error geodata/anchors.csv [] file is not as `fmt` writes it (order or quoting)"],
        id="anchors reordered",
    ),
]


@pytest.mark.parametrize(("mutate", "expected"), BROKEN)
def test_validate_catches_ambiguous_and_drifted_anchors(
    data_copy: DataCopy, mutate, expected: list[str]
) -> None:
    mutate(data_copy)
    assert sorted(_problems(data_copy)) == sorted(expected)


@pytest.mark.parametrize(
    "mutate",
    [
        BROKEN[1].values[0],
        BROKEN[2].values[0],
        BROKEN[4].values[0],
        BROKEN[6].values[0],
        BROKEN[7].values[0],
    ],
    ids=["quote edited", "article edited", "file missing", "stray anchor", "reordered"],
)
def test_fmt_rewrites_stale_anchors(data_copy: DataCopy, mutate) -> None:
    """The hint is true: `fmt` makes anchors.csv current again (the seed's hash aside)."""
    mutate(data_copy)
    _fmt(data_copy)
    assert _problems(data_copy) == []


def test_a_quote_not_in_its_article_is_left_to_the_verbatim_check(data_copy: DataCopy) -> None:
    data_copy.edit_row(CLAIMS, "id", "cku-role-001", quote="Nothing like this.")
    assert _problems(data_copy) == []


# --- the Web Annotation export ----------------------------------------------------------------


@pytest.fixture(scope="module")
def exported(fixture_dataset: dataset.Dataset) -> dict:
    return json.loads(annotations.to_jsonld(fixture_dataset))


def test_one_annotation_per_claim(exported: dict, fixture_dataset: dataset.Dataset) -> None:
    items = exported["first"]["items"]
    assert exported["type"] == "AnnotationCollection"
    assert exported["total"] == len(items) == len(fixture_dataset.claims)
    assert [i["id"] for i in items] == [
        f"urn:corridors:claim:{c}" for c in fixture_dataset.claims["id"]
    ]
    for item in items:
        assert item["@context"] == "http://www.w3.org/ns/anno.jsonld"
        assert item["type"] == "Annotation"


def test_article_annotation(exported: dict, fixture_dataset: dataset.Dataset) -> None:
    item = next(i for i in exported["first"]["items"] if i["id"].endswith(":cku-cost-004"))
    sha = fixture_dataset.sources.loc[S004, "sha256"]
    anchor = next(r for r in STORED if r["claim"] == "cku-cost-004")
    assert item["target"] == {
        "source": f"urn:sha256:{sha}",
        "schema:name": f"seeds/{S004}",
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": anchor["exact"],
                "prefix": anchor["prefix"],
                "suffix": anchor["suffix"],
            },
            {
                "type": "TextPositionSelector",
                "start": int(anchor["start"]),
                "end": int(anchor["end"]),
            },
        ],
    }
    assert item["body"][0]["value"] == "China–Kyrgyzstan–Uzbekistan railway — Cost: US$8 billion"
    assert item["body"][1] == {
        "type": "schema:PropertyValue",
        "schema:propertyID": "cost",
        "schema:value": "8000000000",
        "schema:unitText": "USD",
        "schema:about": {
            "id": "urn:corridors:corridor:cku-railway",
            "schema:name": "China–Kyrgyzstan–Uzbekistan railway",
        },
    }


@pytest.mark.parametrize(
    ("claim", "text", "extra"),
    [
        pytest.param(
            "cacgp-traffic-901",
            "Central Asia–China gas pipeline (Lines A/B/C) — Traffic: 20 bcm in January–June 2025",
            {"schema:temporalCoverage": "2025-01/2025-06"},
            id="period",
        ),
        pytest.param(
            "cacgp-line-d-section-901",
            "Central Asia–China gas pipeline, Line D — Section length: 400 km (Tajikistan)",
            {
                "schema:valueReference": {
                    "type": "schema:PropertyValue",
                    "schema:propertyID": "scope",
                    "schema:value": "Tajikistan",
                }
            },
            id="scope",
        ),
        pytest.param(
            "cku-cost-004",
            "China–Kyrgyzstan–Uzbekistan railway — Cost: US$8 billion",
            {},
            id="neither",
        ),
    ],
)
def test_annotation_carries_period_and_scope(
    exported: dict, claim: str, text: str, extra: dict
) -> None:
    """The period a value refers to and the part it is about travel with it: in the words a
    person reads and as data (ISO 8601 period; the scope as a named value reference)."""
    item = next(i for i in exported["first"]["items"] if i["id"].endswith(f":{claim}"))
    assert item["body"][0]["value"] == text
    body = item["body"][1]
    assert {
        k: v for k, v in body.items() if k in ("schema:temporalCoverage", "schema:valueReference")
    } == extra


def test_reference_annotation_has_quote_only(exported: dict) -> None:
    item = next(i for i in exported["first"]["items"] if i["id"].endswith(":cacgp-length-ref-a"))
    assert item["target"] == {
        "source": "https://example.org/fixture/pipeline-length",
        "schema:name": "Fixture reference: pipeline length (test data)",
        "selector": {
            "type": "TextQuoteSelector",
            "exact": "Line A runs 1,833 km from the border to Horgos.",
        },
    }


def test_cli_writes_the_export(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "annotations.jsonld"
    assert (
        cli.main(["--data-dir", os.fspath(FIXTURE.root), "annotations", "--output", str(out)]) == 0
    )
    assert capsys.readouterr().out == f"wrote 48 annotations to {out}\n"  # one per fixture claim
    assert json.loads(out.read_text(encoding="utf-8"))["total"] == 48
