"""Citations of the sources (CSL-JSON, BibTeX, RIS): parseable, and stating only what the data states.

Expectations are read from the fixture's sources.csv and references.csv directly, so each entry is
checked against what the curators wrote: a field the row leaves empty must be absent from the entry
(no invented date or URL) and said to be absent in the note.
"""

from __future__ import annotations

import csv
import json

import bibtexparser
import pytest
import rispy

from corridors import cli
from corridors.model import dataset
from corridors.publish import citations
from corridors.view import filters

from fixtures import FIXTURE, FIXTURE_ROOT


def _rows(rel: str) -> list[dict[str, str]]:
    with (FIXTURE_ROOT / rel).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


ARTICLES = {row["file"]: row for row in _rows("seeds/sources.csv")}
REFERENCES = {row["id"]: row for row in _rows("geodata/references.csv")}
ALL_IDS = [*ARTICLES, *REFERENCES]

#: The CSL-JSON fields these citations use, and the type each must have.
CSL_FIELDS = {
    "id": str,
    "type": str,
    "title": str,
    "container-title": str,
    "publisher": str,
    "author": list,
    "issued": dict,
    "URL": str,
    "note": str,
}


@pytest.fixture(scope="module")
def ds() -> dataset.Dataset:
    return dataset.load(FIXTURE)


@pytest.fixture(scope="module")
def entries(ds: dataset.Dataset) -> list[citations.Entry]:
    return citations.entries(ds)


def test_every_source_once_in_order(entries: list[citations.Entry]) -> None:
    assert [e.id for e in entries] == ALL_IDS


def test_csl_json_parses_and_states_only_what_the_data_states(
    entries: list[citations.Entry],
) -> None:
    items = json.loads(citations.render(entries, "csl-json"))
    assert [item["id"] for item in items] == ALL_IDS
    for item in items:
        assert set(item) <= set(CSL_FIELDS), item["id"]
        for key, kind in CSL_FIELDS.items():
            assert key not in item or isinstance(item[key], kind), (item["id"], key)
        if item["id"] in ARTICLES:
            row = ARTICLES[item["id"]]
            assert item["type"] == "article-newspaper"
            assert item.get("title", "") == row["headline"]
            assert item.get("container-title", "") == row["outlet"]
            assert "URL" not in item  # sources.csv gives no address: none is made up
            if row["date"]:
                year, month, day = (int(p) for p in row["date"].split("-"))
                assert item["issued"] == {"date-parts": [[year, month, day]]}
            else:
                assert "issued" not in item
                assert "no date stated" in item["note"]
            if row["dateline"]:
                assert f"dateline: {row['dateline']}" in item["note"]
            if not row["headline"]:
                assert "no headline stated" in item["note"]
            assert item["id"] in item["note"]  # the file name, to find the text
        else:
            row = REFERENCES[item["id"]]
            assert item["type"] == "webpage"
            assert item["title"] == row["title"]
            assert item.get("publisher", "") == row["publisher"]
            assert item["URL"] == row["url"]
            assert "issued" not in item


def test_article_004_entry(entries: list[citations.Entry]) -> None:
    """The one dated article, field by field (its date, outlet, author and dateline as stated)."""
    item = citations.csl_item(next(e for e in entries if e.id.startswith("004_")))
    assert item["title"] == "China–Central Asia Summit: Powerful Push for Economic Cooperation"
    assert item["container-title"] == "TDI"
    assert item["author"] == [{"literal": "Kainat"}]
    assert item["issued"] == {"date-parts": [[2025, 6, 18]]}
    assert item["note"].startswith("dateline: Astana; file 004_dc699da55f7d4812.txt")


def test_bibtex_parses(entries: list[citations.Entry]) -> None:
    text = citations.render(entries, "bibtex").decode("utf-8")
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    parsed = {entry.key: entry for entry in library.entries}
    assert list(parsed) == [citations.bibtex_key(e) for e in entries]
    for source in entries:
        entry = parsed[citations.bibtex_key(source)]
        fields = {f.key: f.value for f in entry.fields}
        if source.kind == "article" and source.container:
            assert entry.entry_type == "article"
            assert fields["journal"] == source.container
        else:
            assert entry.entry_type == "misc"
        if source.date:
            assert fields["year"] == source.date[:4]
        else:
            assert "year" not in fields and "date" not in fields
        if source.url:
            assert fields["url"] == source.url
        else:
            assert "url" not in fields


def test_bibtex_escapes_latex_specials() -> None:
    """Braces, percent signs and backslashes in the data cannot break an entry."""
    hostile = citations.Entry(
        id="x y}{", kind="article", title="50% of {a} & b_c #1 $2 ~ ^ \\end", container="O"
    )
    text = citations.render([hostile, hostile], "bibtex").decode()
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == [] or all(
        type(b).__name__ == "DuplicateBlockKeyBlock" for b in library.failed_blocks
    )
    assert r"title = {50\% of \{a\} \& b\_c \#1 \$2 \~{} \^{} \textbackslash{}end}" in text
    assert "@article{corridors:x-y--," in text


def test_ris_records(entries: list[citations.Entry]) -> None:
    text = citations.render(entries, "ris").decode("utf-8")
    records = [r for r in text.split("ER  - ") if r.strip()]
    assert len(records) == len(entries)
    for record in records:
        assert record.strip().startswith("TY  - ")
    assert text.count("\nER  - ") + text.startswith("ER  - ") == len(entries)
    parsed = rispy.loads(text)
    assert [p["id"] for p in parsed] == ALL_IDS
    for item in parsed:
        if item["id"] in ARTICLES:
            row = ARTICLES[item["id"]]
            assert item["type_of_reference"] == "NEWS"
            assert item.get("title", "") == row["headline"]
            assert ("date" in item) == bool(row["date"])
            assert "url" not in item and "urls" not in item
        else:
            assert item["type_of_reference"] == "ELEC"
            assert REFERENCES[item["id"]]["url"] in (item.get("urls") or [item.get("url")])


def test_sources_of_what_is_shown(ds: dataset.Dataset) -> None:
    """The app cites what the map shows: the railway's articles; the pipeline's articles, its
    reference for a figure and the references its line is drawn from."""
    railway = filters.subset(ds, ["cku-railway"])
    claims = _rows("geodata/claims.csv")
    articles = list(dict.fromkeys(c["source"] for c in claims if c["corridor"] == "cku-railway"))
    assert citations.cited(railway) == [
        *articles,
        *(r for r in ds.features.at["cku-railway", "references"] if r not in articles),
    ]
    pipeline = citations.cited(filters.subset(ds, ["cacgp-lines-abc"]))
    assert pipeline[:3] == [
        "001_6257ba8c1d36bd59.txt",
        "fixture-pipeline-reference",
        "901_fictional_line_d.txt",  # the pipeline's traffic (its Line D is not drawn)
    ]
    assert pipeline[3:] == list(ds.features.at["cacgp-lines-abc", "references"])
    only_004 = filters.subset(ds, ["cku-railway"], ["004_dc699da55f7d4812.txt"])
    assert citations.cited(only_004)[0] == "004_dc699da55f7d4812.txt"
    assert "001_6257ba8c1d36bd59.txt" not in citations.cited(only_004)


@pytest.mark.parametrize("fmt", citations.FORMATS)
def test_cli_cite(fmt: str, fixture_env: None, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """`python -m corridors cite --format F` prints what the app offers for everything."""
    assert cli.main(["cite", "--format", fmt]) == 0
    out = capsysbinary.readouterr().out
    assert out == citations.render(citations.entries(dataset.load(FIXTURE)), fmt)


def test_how_to_cite() -> None:
    version = citations.MapVersion("0.1.0", "0123456789abcdef", "2026-11-30")
    text = citations.how_to_cite(version, "f" * 64)
    assert "(version 0.1.0; commit 0123456789ab of 2026-11-30; data sha256 ffffffffffff)" in text
    assert "version not known" in citations.how_to_cite(citations.MapVersion("", "", ""))


@pytest.mark.parametrize(
    ("date", "month", "year"),
    [
        pytest.param("2025-06-18", "jun", "2025", id="a day"),
        pytest.param("2025-12", "dec", "2025", id="a month"),
        pytest.param("2025", None, "2025", id="a year"),
        pytest.param("2025-13-18", None, None, id="month 13: no crash, no date"),
        pytest.param("2025-00-18", None, None, id="month 00: never 'dec'"),
        pytest.param("2025-04-31", None, None, id="31 April: no date"),
    ],
)
def test_bibtex_dates_only_from_calendar_dates(date: str, month, year) -> None:
    """Even a dataset loaded with --allow-errors cannot turn an impossible date into a month."""
    entry = citations.Entry(id="x.txt", kind="article", title="T", date=date)
    parsed = bibtexparser.parse_string(citations.bibtex_entry(entry)).entries[0]
    fields = {f.key: f.value for f in parsed.fields}
    assert fields.get("month") == month
    assert fields.get("year") == year
