"""How a source is named (corridors.model.sources): the one place every page and file asks."""

from __future__ import annotations

import pytest

from corridors.model import dataset
from corridors.model.sources import SOURCE_KEYS, source

ARTICLE = "004_dc699da55f7d4812.txt"  # TDI, 2025-06-18, with a headline
BARE = "000_9433e71b893593d6.txt"  # states no headline, outlet or date
REFERENCE = "fixture-pipeline-reference"
UNKNOWN = "999_not_in_the_data.txt"


@pytest.mark.parametrize(
    ("file", "name", "expected"),
    [
        pytest.param(ARTICLE, "label", "TDI, 2025-06-18", id="article label"),
        pytest.param(BARE, "label", "article 000, undated", id="bare article label"),
        pytest.param(ARTICLE, "short", "article 004", id="article short"),
        pytest.param(REFERENCE, "short", "reference", id="reference short"),
        pytest.param(ARTICLE, "dated", "article 004 (TDI, 2025-06-18)", id="article dated"),
        pytest.param(BARE, "dated", "article 000 (undated)", id="bare article dated"),
        pytest.param(UNKNOWN, "dated", UNKNOWN, id="unknown id dated"),
        pytest.param(BARE, "title", BARE, id="no headline: the file names it"),
        pytest.param(UNKNOWN, "title", UNKNOWN, id="unknown id title"),
    ],
)
def test_names(fixture_dataset: dataset.Dataset, file: str, name: str, expected: str) -> None:
    assert getattr(source(fixture_dataset, file), name) == expected


def test_a_reference_is_named_by_its_title_publisher_and_address(
    fixture_dataset: dataset.Dataset,
) -> None:
    row = fixture_dataset.references.loc[REFERENCE]
    src = source(fixture_dataset, REFERENCE)
    assert src.reference and src.listed
    assert src.title == row["title"]
    assert src.label == f"reference: {row['publisher'] or row['title']}"
    assert src.names() == dict(
        zip(SOURCE_KEYS, (row["title"], row["publisher"], "", row["url"]), strict=True)
    )


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        pytest.param(ARTICLE, ("China–Central Asia Summit", "TDI", "2025-06-18", ""), id="article"),
        pytest.param(UNKNOWN, ("", "", "", ""), id="unknown id: nothing stated"),
    ],
)
def test_export_names(fixture_dataset: dataset.Dataset, file: str, expected: tuple) -> None:
    names = source(fixture_dataset, file).names()
    assert list(names) == list(SOURCE_KEYS)
    assert names["source_title"].startswith(expected[0])
    assert tuple(names.values())[1:] == expected[1:]


def test_an_unknown_id_is_not_listed(fixture_dataset: dataset.Dataset) -> None:
    src = source(fixture_dataset, UNKNOWN)
    assert not src.listed and not src.reference and src.file == UNKNOWN
