"""The words and choices of the sections beside and below the map (corridors.view.sections)."""

from __future__ import annotations

import datetime as dt

import pytest

from corridors.view import sections

D = dt.date


@pytest.mark.parametrize(
    ("days", "end", "start"),
    [
        pytest.param(
            [D(2024, 5, 2), D(2023, 1, 10)],
            D(2025, 1, 1),
            D(2023, 1, 9),
            id="first dated, less a day",
        ),
        pytest.param([None, D(2024, 5, 2)], D(2025, 1, 1), D(2024, 5, 1), id="undated ignored"),
        pytest.param(
            [D(2026, 1, 1)], D(2025, 1, 1), D(2024, 1, 2), id="only later sources: a year back"
        ),
        pytest.param(
            [D(2025, 1, 1)],
            D(2025, 1, 1),
            D(2024, 1, 2),
            id="a source on the end day is not before it",
        ),
        pytest.param([], D(2025, 1, 1), D(2024, 1, 2), id="no sources: a year back"),
    ],
)
def test_changes_start(days, end, start) -> None:
    assert sections.changes_start(days, end) == start


@pytest.mark.parametrize(
    ("undated", "says"),
    [
        pytest.param(True, "Undated sources count as known on both days", id="undated counted"),
        pytest.param(False, "Undated sources are left out.", id="undated left out"),
    ],
)
def test_changes_caption(undated: bool, says: str) -> None:
    text = sections.changes_caption(D(2024, 1, 1), D(2025, 6, 1), undated)
    assert text.startswith("From 2024-01-01 to 2025-06-01 (the 'as of' day)")
    assert says in text


@pytest.mark.parametrize(
    ("unplaced", "note"),
    [
        pytest.param(0, None, id="all placed: no note"),
        pytest.param(3, " 3 figure(s) have no date to stand at", id="some unplaced: counted"),
    ],
)
def test_figures_caption(unplaced: int, note: str | None) -> None:
    text = sections.figures_caption(unplaced)
    assert text.startswith("Each mark is one figure")
    if note is None:
        assert "no date to stand at" not in text
    else:
        assert note in text


@pytest.mark.parametrize(
    ("selection", "name", "claims"),
    [
        pytest.param({}, "milestone", [], id="nothing picked"),
        pytest.param(
            {"milestone": [{"claim": "c1"}, {"claim": "c2"}]},
            "milestone",
            ["c1", "c2"],
            id="two marks",
        ),
        pytest.param(
            {"figure": [{"claim": "c1"}]}, "milestone", [], id="another chart's selection"
        ),
    ],
)
def test_picked_claims(selection, name, claims) -> None:
    assert sections.picked_claims(selection, name) == claims


BASIS = ("titr", (), "now:u")


@pytest.mark.parametrize(
    ("memo", "basis", "pages"),
    [
        pytest.param(None, BASIS, {}, id="first panel: first page"),
        pytest.param((BASIS, {"length": 58}), BASIS, {"length": 58}, id="same panel: kept"),
        pytest.param(
            (BASIS, {"length": 58}), ("cku", (), "now:u"), {}, id="another corridor: again"
        ),
        pytest.param(
            (BASIS, {"length": 58}), ("titr", ("a.md",), "now:u"), {}, id="another filter: again"
        ),
    ],
)
def test_panel_pages(memo, basis, pages) -> None:
    assert sections.panel_pages(memo, basis) == (basis, pages)


@pytest.mark.parametrize(
    ("key", "kept"),
    [
        pytest.param(sections.TIMELINE_OPEN, "_open_timeline_kept", id="timeline"),
        pytest.param(sections.FIGURES_OPEN, "_open_figures_kept", id="figures"),
        pytest.param(sections.CHANGES_OPEN, "_open_changes_kept", id="changes"),
    ],
)
def test_kept_keys(key: str, kept: str) -> None:
    """The keys tests/app/support.py sets to open a section."""
    assert sections.kept(key) == kept


@pytest.mark.parametrize(
    ("call", "text"),
    [
        pytest.param(
            lambda: sections.show_more_label("Length", 1234),
            "Show more: Length (1,234 not shown)",
            id="show more",
        ),
        pytest.param(
            lambda: sections.changes_too_late(D(2025, 6, 1)),
            "Choose a day before 2025-06-01, the page's 'as of' day.",
            id="too late",
        ),
        pytest.param(
            lambda: sections.map_credit("1.9.4"),
            sections.MAP_CREDIT.replace("{version}", "1.9.4"),
            id="map credit",
        ),
    ],
)
def test_labels(call, text: str) -> None:
    assert call() == text
