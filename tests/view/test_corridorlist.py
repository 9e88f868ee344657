"""The corridor list: every corridor below the limit; past it, a few found by name, the chosen one
always among them (a select box drops a value its options lack)."""

from __future__ import annotations

import pytest

from corridors.view import corridorlist

NAMES = {
    "a": "Almaty–Khorgos road",
    "b": "Baku–Tbilisi–Kars railway",
    "c": "Central Asia–China gas pipeline",
    "d": "Türkiye–Georgia link",
    "e": "Khorgos dry port",
}
ALL = list(NAMES)


@pytest.mark.parametrize(
    ("limit", "chosen", "query", "listed", "note"),
    [
        pytest.param(5, None, "", ALL, None, id="all-at-the-limit"),
        pytest.param(5, None, "zzz", ALL, None, id="no-search-below-the-limit"),
        pytest.param(2, None, "", ["a", "b"], "2 of 5 corridors listed", id="first-few"),
        pytest.param(2, "e", "", ["e", "a", "b"], "2 of 5", id="chosen-kept"),
        pytest.param(2, "b", "", ["a", "b"], "2 of 5", id="chosen-listed-once"),
        pytest.param(2, None, "KHORGOS", ["a", "e"], None, id="by-name-any-case"),
        pytest.param(2, None, "turk", ["d"], None, id="accents-aside"),
        pytest.param(2, None, "  tbilisi   kars ", [], "holds that", id="spaces-folded"),
        pytest.param(2, "c", "kars", ["c", "b"], None, id="chosen-kept-in-search"),
        pytest.param(2, None, "nowhere", [], "No corridor", id="nothing-found"),
        pytest.param(1, None, "a", ["a"], "The first 1 of 4", id="too-many-found"),
        pytest.param(4, None, "e", ["c", "d", "e"], None, id="by-id-too"),
    ],
)
def test_choices(
    limit: int, chosen: str | None, query: str, listed: list[str], note: str | None
) -> None:
    got = corridorlist.choices(ALL, NAMES, chosen, query, limit=limit)
    assert got.corridors == listed
    if note is None:
        assert got.note is None
    else:
        assert got.note is not None and note in got.note


def test_an_unknown_chosen_corridor_is_not_offered() -> None:
    assert corridorlist.choices(ALL, NAMES, "gone", "", limit=2).corridors == ["a", "b"]
