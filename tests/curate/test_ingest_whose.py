"""Whose figure it is (issue 18): a part's, the whole's, or a thing's that is part of a mapped
system or no infrastructure at all. Every text and system here is written for these tests.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from corridors.curate.ingest import known
from corridors.curate.ingest.propose import propose

COUNTRIES = ["Aland", "Borea", "Cimbria", "Dacia", "Elbonia", "Fenwick"]


def _pipeline() -> list[known.System]:
    """A gas pipeline from Aland through Borea and Fenwick to Elbonia with drawn Lines A, B and
    C, and a listed (undrawn) Line D."""
    gas = known.System(
        "gp", "Steppe gas pipeline", {"pipeline"}, [("Steppe gas pipeline", "test")], [],
        ["Aland", "Borea", "Fenwick", "Elbonia"],
        features={"Line A": "gp-line-a", "Line B": "gp-line-b", "Line C": "gp-line-c"},
    )  # fmt: skip
    line_d = known.System(
        "gp-line-d", "Steppe gas pipeline, Line D", {"pipeline"},
        [("Steppe gas pipeline, Line D", "test")], [], [], mapped=False, part_of="gp",
        label="Line D",
    )  # fmt: skip
    return [gas, line_d]


def _claim(ident: str, field: str, value: str, unit: str = "") -> dict[str, str]:
    row = dict.fromkeys(("feature", "qualifier", "period", "scope", "quote", "note"), "")
    row["source"] = "fixture.txt"
    return row | {"id": ident, "corridor": "gp", "field": field, "value": value, "unit": unit}


ACCEPTED = SimpleNamespace(
    claims=SimpleNamespace(
        rows=[
            _claim("gp-length-1", "length", "2100", "km"),
            _claim("gp-capacity-1", "capacity", "50", "bcm/year"),
        ]
    )
)


def _read(text: str, systems: list[known.System] | None = None) -> set[tuple[str, str, str]]:
    rows = propose("970_whose.txt", text, systems or _pipeline(), ACCEPTED, "2024-05-02", COUNTRIES)  # type: ignore[arg-type]
    return {(r["corridor"], r["field"], r["value"]) for r in rows if r["field"] != "name"}


@pytest.mark.parametrize(
    ("phrase", "label"),
    [
        pytest.param("line D", "Line D", id="lower case line"),
        pytest.param("branch E", "Line E", id="branch and a letter"),
        pytest.param("Pipeline D", "Line D", id="pipeline and a letter"),
        pytest.param('line "D"', "Line D", id="a quoted letter"),
        pytest.param("strand F", "Line F", id="strand"),
        pytest.param("Phase 2", "Phase 2", id="a phase stays a phase"),
    ],
)
def test_the_words_a_lettered_line_goes_by(phrase: str, label: str) -> None:
    assert known.PART_LABEL.fullmatch(phrase) is not None
    assert known.normal_label(phrase) == label


@pytest.mark.parametrize(
    "phrase",
    [
        pytest.param("line 2", id="a digit in lower case"),
        pytest.param("the line A-B", id="a span between two places"),
        pytest.param("a line I drew", id="a pronoun"),
    ],
)
def test_what_is_no_lettered_line(phrase: str) -> None:
    assert all(
        known.normal_label(m.group()) == m.group() or m.group("word")
        for m in known.PART_LABEL.finditer(phrase)
    )
    assert not any(m.group("lid") for m in known.PART_LABEL.finditer(phrase))


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "The Steppe gas pipeline carries gas to Elbonia. Work on line D started in March "
            "2019; it will cost $4 billion. The project should be completed by 2027.",
            {("gp-line-d", "start_date", "2019-03"), ("gp-line-d", "cost", "4000000000"),
             ("gp-line-d", "completion_date", "2027")},
            {("gp", "cost", "4000000000"), ("gp", "completion_date", "2027")},
            id="a lower-case label keeps the paragraph on the part",
        ),
        pytest.param(
            "Branch D of the Steppe gas pipeline is designed for 25 bcm a year.",
            {("gp-line-d", "capacity", "25")},
            {("gp", "capacity", "25")},
            id="branch and a letter",
        ),
        pytest.param(
            "Line D was to carry 25 bcm a year. The three strings working now (A, B, C) run "
            "from Aland to Elbonia through Borea and Fenwick.",
            {("gp", "lines", "A;B;C"), ("gp", "countries", "Aland;Borea;Fenwick;Elbonia")},
            {("gp-line-d", "countries", "Aland;Borea;Fenwick;Elbonia")},
            id="counted strings lettered in brackets are the whole",
        ),
    ],
)  # fmt: skip
def test_a_part_by_its_label(text: str, present: set, absent: set) -> None:
    found = _read(text)
    assert present <= found
    assert not absent & found
