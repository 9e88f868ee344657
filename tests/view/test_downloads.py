"""The download buttons as data, and what their captions say (corridors.view.downloads)."""

from __future__ import annotations

import datetime as dt

import pytest

from corridors.model import asof
from corridors.publish import changes, citations, export
from corridors.view import downloads


@pytest.mark.parametrize(
    ("buttons", "formats", "names"),
    [
        pytest.param(
            downloads.export_buttons(),
            export.FORMATS,
            [
                "corridors-shown.geojson",
                "corridors-shown.csv",
                "corridors-shown.gpkg",
                "corridors-shown.kml",
            ],
            id="exports",
        ),
        pytest.param(
            downloads.citation_buttons(),
            citations.FORMATS,
            ["corridors-sources.json", "corridors-sources.bib", "corridors-sources.ris"],
            id="citations",
        ),
        pytest.param(
            downloads.changes_buttons(),
            changes.FORMATS,
            ["corridors-changes.csv", "corridors-changes.atom"],
            id="changes",
        ),
    ],
)
def test_one_button_per_format_two_to_a_row(buttons, formats, names) -> None:
    assert [b.fmt for b in buttons] == list(formats)
    assert [b.file_name for b in buttons] == names
    assert [b.column for b in buttons] == [i % 2 for i in range(len(formats))]
    assert len({b.key for b in buttons}) == len(buttons), "two buttons share a widget key"
    assert all(b.mime and b.label for b in buttons)


@pytest.mark.parametrize(
    ("features", "claims", "by_sources", "moment", "caption"),
    [
        pytest.param(
            0,
            0,
            False,
            asof.NOW,
            "Nothing is shown, so there is nothing to download.",
            id="nothing",
        ),
        pytest.param(
            3,
            7,
            False,
            asof.NOW,
            "3 feature(s) and the 7 claim(s) about them, each with its quote and source.",
            id="today",
        ),
        pytest.param(
            3,
            7,
            True,
            asof.NOW,
            "3 feature(s) and the 7 claim(s) about them, from the chosen articles only, each with "
            "its quote and source.",
            id="by article",
        ),
        pytest.param(
            1,
            2,
            False,
            asof.Moment(dt.date(2024, 3, 1), False),
            "1 feature(s) and the 2 claim(s) about them, each with its quote and source, as of "
            "2024-03-01, undated sources left out.",
            id="another day",
        ),
    ],
)
def test_shown_caption(features, claims, by_sources, moment, caption) -> None:
    assert downloads.shown_caption(features, claims, by_sources, moment) == caption


@pytest.mark.parametrize(
    ("entries", "caption"),
    [
        pytest.param(0, "Nothing is shown, so there are no sources to cite.", id="none"),
        pytest.param(2, "The 2 source(s) of what is shown, as citations:", id="two"),
    ],
)
def test_citations_caption(entries: int, caption: str) -> None:
    assert downloads.citations_caption(entries) == caption


def test_a_refused_export_says_why_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(shown, fmt):
        raise export.ExportError("a name KML cannot hold")

    monkeypatch.setattr(export, "render", refuse)
    assert (
        downloads.export_bytes(None, "kml")
        == b"This kml export was refused: a name KML cannot hold\n"
    )
