"""What changed between two dates (corridors.publish.changes), on the fixture with known answers,
and its Atom feed validated as Atom 1.0 by feedparser.

The fixture's dated sources: 005 (2024-05-07: railway planned, 454 km), 006 (2025-01-08: under
construction, 523 km), 004 (2025-06-18: planned, US$8 billion, dates, route, countries, role),
901 (2025-07-04: Line D's length and sections, the pipeline's traffic in the first half of 2025).
"""

from __future__ import annotations

import csv
import datetime as dt
import os

import feedparser
import pytest

from corridors import cli
from corridors.model import dataset
from corridors.publish import changes

from fixtures import FIXTURE

D = dt.date


@pytest.fixture(scope="module")
def ds() -> dataset.Dataset:
    return dataset.load(FIXTURE)


def _summary(found: list[changes.Change]) -> list[tuple[str, str, str, tuple[str, ...]]]:
    return [(c.day.isoformat(), c.kind, c.field, tuple(r.claim for r in c.readings)) for c in found]


@pytest.mark.parametrize(
    ("since", "until", "undated", "expected"),
    [
        pytest.param(
            D(2024, 1, 1),
            D(2024, 12, 31),
            False,
            [
                ("2024-05-07", "new claim", "status", ("cku-status-005",)),
                ("2024-05-07", "new claim", "length", ("cku-length-005",)),
            ],
            id="2024-first-readings",
        ),
        pytest.param(
            D(2024, 6, 1),
            D(2025, 1, 31),
            False,
            [
                ("2025-01-08", "changed status", "status", ("cku-status-006",)),
                ("2025-01-08", "changed figure", "length", ("cku-length-006",)),
                (
                    "2025-01-08",
                    "disagreement opened",
                    "status",
                    ("cku-status-005", "cku-status-006"),
                ),
                (
                    "2025-01-08",
                    "disagreement opened",
                    "length",
                    ("cku-length-005", "cku-length-006"),
                ),
            ],
            id="construction-reported",
        ),
        pytest.param(D(2025, 1, 8), D(2025, 6, 17), False, [], id="nothing-in-between"),
        pytest.param(
            D(2025, 6, 1),
            None,
            False,
            [
                ("2025-06-18", "changed status", "status", ("cku-status-004",)),
                ("2025-06-18", "new claim", "cost", ("cku-cost-004",)),
                ("2025-06-18", "new claim", "countries", ("cku-countries-004",)),
                ("2025-06-18", "new claim", "route", ("cku-route-004",)),
                ("2025-06-18", "new claim", "start_date", ("cku-start-004",)),
                ("2025-06-18", "new claim", "completion_date", ("cku-completion-004",)),
                ("2025-06-18", "new claim", "role", ("cku-role-004",)),
                # 901: Line D's own figures are new claims of its part, never a disagreement
                # with the length of Lines A–C
                ("2025-07-04", "new claim", "length", ("cacgp-line-d-length-901",)),
                ("2025-07-04", "new claim", "section_length", ("cacgp-line-d-section-901",)),
                ("2025-07-04", "new claim", "section_length", ("cacgp-line-d-section-901b",)),
                ("2025-07-04", "new claim", "traffic", ("cacgp-traffic-901",)),
            ],
            id="004-and-901-no-new-disagreement",
        ),
        pytest.param(
            D(2024, 1, 1),
            D(2024, 12, 31),
            True,
            [
                ("2024-05-07", "changed status", "status", ("cku-status-005",)),
                ("2024-05-07", "new claim", "length", ("cku-length-005",)),
                (
                    "2024-05-07",
                    "disagreement opened",
                    "status",
                    ("cku-status-001", "cku-status-005"),
                ),
            ],
            id="undated-known-on-both-days",
        ),
    ],
)
def test_changes_known_answers(ds, since, until, undated: bool, expected) -> None:
    assert _summary(changes.changes(ds, since, until, undated)) == expected


def test_a_changed_status_says_what_it_was(ds: dataset.Dataset) -> None:
    (change,) = [
        c for c in changes.changes(ds, D(2024, 6, 1), D(2025, 1, 31)) if c.kind == "changed status"
    ]
    assert change.previous == "Planned" and change.readings[0].value == "Under construction"
    assert change.title == (
        "China–Kyrgyzstan–Uzbekistan railway: Status now Under construction (was Planned)"
    )


def _reading(claim: str, value: str, day: dt.date | None = None) -> changes.Reading:
    return changes.Reading(claim, value, value, "km", "s.txt", day, "q", "")


KEY = ("c", "", "length", "", "")


@pytest.mark.parametrize(
    ("before", "after", "kinds"),
    [
        pytest.param(
            [_reading("a", "1")],
            [_reading("a", "1"), _reading("b", "2")],
            ["disagreement opened"],
            id="opened",
        ),
        pytest.param(
            [_reading("a", "1"), _reading("b", "2")],
            [_reading("a", "1")],
            ["disagreement closed"],
            id="closed-when-a-reading-goes",
        ),
        pytest.param(
            [_reading("a", "1")],
            [_reading("a", "1"), _reading("b", "1.0")],
            [],
            id="same-number-agrees",
        ),
        pytest.param(
            [_reading("a", "1"), _reading("b", "2")],
            [_reading("a", "1"), _reading("b", "2"), _reading("c", "3")],
            [],
            id="still-open",
        ),
    ],
)
def test_diff_disagreements(before, after, kinds: list[str]) -> None:
    found = changes.diff_disagreements(KEY, before, after, D(2025, 1, 1), {})
    assert [c.kind for c in found] == kinds


@pytest.mark.parametrize(
    ("readings", "expected"),
    [
        pytest.param([], None, id="none"),
        pytest.param([_reading("a", "1"), _reading("b", "2")], "a", id="undated-first"),
        pytest.param(
            [
                _reading("a", "1", D(2025, 1, 1)),
                _reading("b", "2", D(2024, 1, 1)),
                _reading("c", "3"),
            ],
            "a",
            id="most-recent-dated",
        ),
    ],
)
def test_current_reading(readings, expected) -> None:
    found = changes.current(readings)
    assert (found.claim if found else None) == expected


def test_ids_are_stable_and_follow_the_content(ds: dataset.Dataset) -> None:
    first = changes.changes(ds, D(2024, 1, 1))
    again = changes.changes(ds, D(2024, 1, 1))
    assert [c.id for c in first] == [c.id for c in again]
    assert len({c.id for c in first}) == len(first)
    assert all(c.id.startswith("urn:uuid:") for c in first)
    edited = changes.Change(**{**first[0].__dict__, "previous": "something else"})
    assert edited.id != first[0].id


def test_csv_rows_carry_quote_and_source(ds: dataset.Dataset) -> None:
    text = changes.render(ds, "csv", D(2024, 6, 1), D(2025, 1, 31)).decode()
    rows = list(csv.DictReader(text.splitlines()))
    assert list(rows[0]) == list(changes.CSV_COLUMNS)
    # two single changes and two disagreements of two readings each
    assert len(rows) == 6
    status = next(r for r in rows if r["change"] == "changed status")
    assert status["quote"].startswith("Construction of the China-Kyrgyzstan-Uzbekistan railway")
    assert status["source_title"] == "Work Begins on the Mountain Railway"
    assert status["source_date"] == "2025-01-08" and status["previous"] == "Planned"


def test_the_feed_is_atom_1_0(ds: dataset.Dataset) -> None:
    found = changes.changes(ds, D(2024, 1, 1))
    feed = feedparser.parse(changes.render(ds, "atom", D(2024, 1, 1)))
    assert feed.version == "atom10"
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.id.startswith("urn:uuid:")
    assert feed.feed.updated == "2025-07-04T00:00:00+00:00"  # 901, the latest dated source
    assert [e.id for e in feed.entries] == [
        c.id for c in sorted(found, key=lambda c: c.day, reverse=True)
    ]
    for entry in feed.entries:
        assert entry.id.startswith("urn:uuid:")
        assert entry.links and all(link.rel == "via" for link in entry.links)
        assert all(link.href.startswith("urn:sha256:") for link in entry.links)
        assert entry.content[0].type == "text/html"
    opened = next(e for e in feed.entries if e.tags[0].term == "disagreement opened")
    assert len(opened.links) == 2  # both sides' articles
    assert "The selected alignment is 523 kilometres long." in "".join(
        e.content[0].value for e in feed.entries
    )


def test_an_empty_feed_is_still_atom(ds: dataset.Dataset) -> None:
    feed = feedparser.parse(changes.render(ds, "atom", D(2025, 1, 8), D(2025, 6, 17)))
    assert feed.version == "atom10" and not feed.bozo and feed.entries == []


@pytest.mark.parametrize(
    ("args", "code", "start"),
    [
        pytest.param(
            ["--since", "2024-06-01", "--until", "2025-01-31"], 0, "change_id,change,day", id="csv"
        ),
        pytest.param(["--since", "2024-06-01", "--format", "atom"], 0, "<?xml", id="atom"),
        pytest.param(
            ["--since", "2025-01-31", "--until", "2024-06-01"], 1, "", id="until-before-since"
        ),
    ],
)
def test_cli_changes(capsysbinary, args: list[str], code: int, start: str) -> None:
    assert cli.main(["--data-dir", os.fspath(FIXTURE.root), "changes", *args]) == code
    assert capsysbinary.readouterr().out.decode().startswith(start)


def test_cli_changes_writes_a_file(tmp_path, capsys) -> None:
    out = tmp_path / "changes.atom"
    args = ["--data-dir", os.fspath(FIXTURE.root), "changes", "--since", "2024-01-01"]
    assert cli.main([*args, "--format", "atom", "--output", str(out)]) == 0
    assert feedparser.parse(out.read_bytes()).version == "atom10"
