"""What the sidebar's widgets say, on the frozen fixture (corridors.view.sidebar)."""

from __future__ import annotations

import pytest

from corridors.model import dataset
from corridors.model.sources import source
from corridors.view import filters, sidebar, viewstate

from fixtures import FIXTURE


@pytest.fixture(scope="module")
def ds() -> dataset.Dataset:
    return dataset.load(FIXTURE)


@pytest.fixture(scope="module")
def options(ds: dataset.Dataset) -> viewstate.Options:
    return filters.options(ds)


@pytest.mark.parametrize(
    ("kind", "shown", "total", "label"),
    [
        pytest.param("railway", 9, 9, "Railways (9)", id="all shown: one number"),
        pytest.param("railway", 2, 9, "Railways (2 of 9)", id="some shown: of total"),
        pytest.param("port", 0, 2, "Ports (0 of 2)", id="none shown"),
    ],
)
def test_layer_label(kind: str, shown: int, total: int, label: str) -> None:
    assert sidebar.layer_label(kind, shown, total) == label


@pytest.mark.parametrize(
    ("uncited", "note"),
    [
        pytest.param(
            True, "Not listed, as it cites no mapped system:", id="an uncited article: named"
        ),
        pytest.param(False, None, id="every article cites: no note"),
    ],
)
def test_article_help(ds, options, uncited: bool, note: str | None) -> None:
    if not uncited:
        options = viewstate.Options(**{**options.__dict__, "uncited": ()})
    text = sidebar.article_help(ds, options)
    assert text.startswith("The systems these articles cite")
    if note is None:
        assert "Not listed" not in text
    else:
        assert note in text and "(see 'The articles' on the first page)." in text


def test_corridor_labels_mark_the_mentioned(ds, options) -> None:
    labels = sidebar.corridor_labels(ds, options)
    assert list(labels) == list(options.panels)
    for corridor in options.corridors:
        assert labels[corridor] == ds.corridors.loc[corridor, "name"]
    for corridor in options.mentioned:
        assert labels[corridor].endswith(" (mentioned, not mapped)")


def test_source_labels(ds, options) -> None:
    assert sidebar.source_labels(ds, options) == {f: source(ds, f).option for f in options.sources}


@pytest.mark.parametrize(
    ("index", "label", "key", "shown_as"),
    [
        pytest.param(0, "Status", "statuses", ("planned", "Planned"), id="status: its label"),
        pytest.param(
            1, "Country crossed (measured)", "countries", ("China", "China"), id="country: as is"
        ),
        pytest.param(
            2, "Cited by article", "sources", ("a.txt", "Article A"), id="article: its option"
        ),
    ],
)
def test_filters(ds, options, index: int, label: str, key: str, shown_as) -> None:
    found = sidebar.filters(ds, options, {"a.txt": "Article A"})[index]
    assert (found.label, found.key) == (label, key)
    assert found.format(shown_as[0]) == shown_as[1]
    assert (
        found.choices
        == {
            "statuses": options.statuses,
            "countries": options.countries,
            "sources": options.sources,
        }[key]
    )
