"""The grown corpus (benchmarks/corpus.py) is valid data: every scale the benchmark measures must
validate with no error, or the figures would time a failing load."""

from __future__ import annotations

import pytest

from benchmarks import corpus
from corridors.store import rawdata
from corridors.validate import validate

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
