"""The one reading of dates (corridors.dates): what a stored date or period names."""

from __future__ import annotations

import datetime as dt

import pytest

from corridors import dates

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("2025-06-18", (D(2025, 6, 18), D(2025, 6, 18), "day"), id="day"),
        pytest.param("2025-02", (D(2025, 2, 1), D(2025, 2, 28), "month"), id="month"),
        pytest.param("2024-02", (D(2024, 2, 1), D(2024, 2, 29), "month"), id="leap-month"),
        pytest.param("2025-12", (D(2025, 12, 1), D(2025, 12, 31), "month"), id="december"),
        pytest.param("2024", (D(2024, 1, 1), D(2024, 12, 31), "year"), id="year"),
        pytest.param("1990s", (D(1990, 1, 1), D(1999, 12, 31), "decade"), id="decade"),
        pytest.param("2025-01/2025-06", (D(2025, 1, 1), D(2025, 6, 30), "interval"), id="interval"),
        pytest.param("2025-06/2025-01", None, id="interval-backwards"),
        pytest.param("2025/2025/2026", None, id="three-sides"),
        pytest.param("2025-02-30", None, id="no-such-day"),
        pytest.param("2025-13", None, id="no-such-month"),
        pytest.param("0000", None, id="year-zero"),
        pytest.param("", None, id="empty"),
        pytest.param("2025\n", None, id="trailing-newline"),
        pytest.param("June 2025", None, id="words"),
        pytest.param("next month", None, id="unresolved-relative-date"),
    ],
)
def test_span(text: str, expected) -> None:
    found = dates.span(text)
    assert (found and (found.first, found.last, found.precision)) == expected


@pytest.mark.parametrize(
    ("text", "parts", "end"),
    [
        pytest.param("2019-05-05", [2019, 5, 5], D(2019, 5, 6), id="day"),
        pytest.param("2025-12", [2025, 12], D(2026, 1, 1), id="month"),
        pytest.param("2030", [2030], D(2031, 1, 1), id="year"),
        pytest.param("1990s", [], D(2000, 1, 1), id="decade-has-no-date-parts"),
    ],
)
def test_parts_and_end(text: str, parts: list[int], end: dt.date) -> None:
    found = dates.parse(text)
    assert found is not None
    assert (found.parts, found.end) == (parts, end)


@pytest.mark.parametrize(
    ("text", "plausible"),
    [
        pytest.param("1800", True, id="first-year"),
        pytest.param("2090s", True, id="last-decade"),
        pytest.param("1799-12", False, id="too-early"),
        pytest.param("2100", False, id="too-late"),
    ],
)
def test_plausible(text: str, plausible: bool) -> None:
    found = dates.parse(text)
    assert found is not None and found.plausible is plausible


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("2025-06-18", D(2025, 6, 18), id="a day"),
        pytest.param("2025-06", None, id="a month is no day"),
        pytest.param("2025", None, id="a year is no day"),
        pytest.param("2025-02-30", None, id="a day the calendar lacks"),
        pytest.param("2025-W25-3", None, id="an ISO week date"),
        pytest.param("20250618", None, id="the basic format"),
    ],
)
def test_day(text: str, expected) -> None:
    assert dates.day(text) == expected
