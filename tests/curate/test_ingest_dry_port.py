"""How reporting writes about a dry port (issue 18): its names (the operator's name, the zone it
sits in, "the land port", "the terminal"), what it handles (a trailing participle, spelled-out
units, the passive), when it opened ("started working"), who holds its shares ("each" of two
buyers), and the figures in the same reports that are not the port's (a handling time, a trip
between two regions, the length of a container's whole journey). Texts written for these tests.
"""

from __future__ import annotations

import pytest

from corridors.curate import ingest

KHORGOS, LYG = "khorgos-dry-port", "lianyungang-port"


def _propose(raw, text: str, date: str) -> list[dict[str, str]]:
    return ingest.propose(
        "952_case.txt", text, ingest.systems(raw), raw, date, ingest.country_names(raw.datadir)
    )


def _found(rows: list[dict[str, str]]) -> set[tuple[str, str, str, str]]:
    """(corridor, field, value, period or scope) of every proposal."""
    return {(r["corridor"], r["field"], r["value"], r["period"] or r["scope"]) for r in rows}


def _fields(rows: list[dict[str, str]], corridor: str) -> set[str]:
    return {r["field"] for r in rows if r["corridor"] == corridor}


CASES = [
    pytest.param(
        "The Khorgos Gateway dry port kept its lead among the border terminals in 2024, handling "
        "more than 350,000 "
        "twenty-foot equivalent units (TEUs).",
        "",
        [(KHORGOS, "traffic", "350000", "2024")],
        [],
        id="a trailing participle governs the figure, the year in the main clause",
    ),
    pytest.param(
        "Trucks queue outside the terminal at Khorgos every morning. It started working in 2016 "
        "and has grown every year since.",
        "2020-03-01",
        [(KHORGOS, "opening_date", "2016", ""), (KHORGOS, "status", "operating", "")],
        [(KHORGOS, "start_date", "2016", ""), (KHORGOS, "status", "under_construction", "")],
        id="started working is an opening, not a start of works",
    ),
]


@pytest.mark.parametrize(("text", "date", "present", "absent"), CASES)
def test_dry_port_reading(fixture_raw, text: str, date: str, present, absent) -> None:
    found = _found(_propose(fixture_raw, text, date))
    for fact in present:
        assert fact in found, (fact, sorted(found))
    for fact in absent:
        assert fact not in found, (fact, sorted(found))
