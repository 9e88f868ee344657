"""The grown corpus (devtools/corpus.py) is valid data: every scale the benchmark measures must
validate with no error, or the figures would time a failing load."""

from __future__ import annotations

import csv

import pytest

from corridors.geo.parse import parse
from corridors.quotes import anchors, textmatch
from corridors.store import rawdata
from corridors.validate import validate
from corridors.validate.base import Context
from corridors.validate.claims import quotes_verbatim
from devtools import corpus

from fixtures import FIXTURE


@pytest.fixture(scope="module")
def grown(tmp_path_factory):
    return corpus.generate(2, tmp_path_factory.mktemp("corpus") / "data", real=FIXTURE)


def test_grown_corpus_validates_without_errors(grown):
    errors = [p for p in validate(rawdata.read(grown)) if p.level == "error"]
    assert errors == []


def test_grown_corpus_has_the_planned_size(grown):
    real = corpus.counts(FIXTURE)
    got = corpus.counts(grown)
    assert got["articles"] == max(real["articles"] + 1, 2 * corpus.ARTICLES_PER_SCALE)
    assert got["claims"] == 2 * corpus.CLAIMS_PER_SCALE
    assert got["biggest"] >= got["claims"] // corpus.BIG_SHARE


def test_every_synthetic_article_says_so_first(grown):
    synthetic = sorted(grown.seeds.glob("s*_synthetic.txt"))
    assert synthetic
    for path in synthetic:
        assert path.read_text(encoding="utf-8").splitlines()[0] == corpus.FIRST_LINE


@pytest.mark.parametrize(
    ("field", "value", "use", "expected"),
    [
        pytest.param("cost", "8000000000", 0, "8000000000", id="most uses restate"),
        pytest.param("cost", "8000000000", 3, "7200000000", id="one in ten lower"),
        pytest.param("length", "3666", 8, "4033", id="one in ten higher"),
        pytest.param("length", "10.0", 8, "11.0", id="decimals stay decimals"),
        pytest.param("role", "Energy security", 3, "Energy security", id="text never varied"),
    ],
)
def test_varied_values(field, value, use, expected):
    assert corpus.varied({"field": field, "value": value}, use) == expected


@pytest.mark.parametrize(
    ("sources", "order"),
    [
        pytest.param(["b", "a", "b", "a"], [1, 3, 0, 2], id="grouped, first seen stays first"),
        pytest.param(["a", "a"], [0, 1], id="already grouped"),
        pytest.param([], [], id="no claims"),
    ],
)
def test_quotes_looked_up_article_by_article(sources, order):
    assert textmatch.by_article(sources) == order


def test_claims_sorted_by_corridor_fold_each_article_once_a_pass(tmp_path, monkeypatch):
    """With more articles than the folded-text cache keeps and claims sorted by corridor (as the
    real claims.csv is), the quote checks still fold each article once per pass, not once a quote."""
    datadir = corpus.generate(27, tmp_path / "data", real=FIXTURE)
    with datadir.claims.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows.sort(key=lambda r: r["corridor"])
    with datadir.claims.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    anchors.write(datadir)
    raw = rawdata.read(datadir)
    assert len(raw.texts) > 256
    calls = []
    fold = textmatch.normalise
    monkeypatch.setattr(textmatch, "normalise", lambda text: calls.append(1) or fold(text))
    textmatch.normalised_source.cache_clear()
    ctx = Context(raw, parse(raw))
    assert list(quotes_verbatim(ctx)) == []
    assert anchors.compute(raw).problems == []
    assert len(calls) <= 2 * len(raw.texts)
