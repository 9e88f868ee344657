"""Parts of a system and the whole (issue 18): a new line, a section and the whole are read apart,
a country list is read to its end, and only a stated reading of like and like is flagged as a
disagreement. Every text and system here is written for these tests.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from corridors.curate.ingest import crossings, known
from corridors.curate.ingest.propose import propose

COUNTRIES = ["Aland", "Borea", "Cimbria", "Dacia", "Elbonia", "Fenwick"]


def _pipeline(part: bool = False) -> list[known.System]:
    """A gas pipeline from Aland through Borea and Fenwick to Elbonia with drawn Lines A, B and
    C; with ``part``, a listed (undrawn) Line D."""
    gas = known.System(
        "gp", "Steppe gas pipeline", {"pipeline"}, [("Steppe gas pipeline", "test")], [],
        ["Aland", "Borea", "Fenwick", "Elbonia"],
        features={"Line A": "gp-line-a", "Line B": "gp-line-b", "Line C": "gp-line-c"},
    )  # fmt: skip
    out = [gas]
    if part:
        out.append(
            known.System(
                "gp-line-d",
                "Steppe gas pipeline, Line D",
                {"pipeline"},
                [("Steppe gas pipeline, Line D", "test")],
                [],
                [],
                mapped=False,
                part_of="gp",
                label="Line D",
            )
        )
    return out


def _claim(ident: str, field: str, value: str, unit: str = "") -> dict[str, str]:
    row = dict.fromkeys(("feature", "qualifier", "period", "scope", "quote", "note"), "")
    row["source"] = "fixture.txt"
    return row | {"id": ident, "corridor": "gp", "field": field, "value": value, "unit": unit}


ACCEPTED = SimpleNamespace(
    claims=SimpleNamespace(
        rows=[
            _claim("gp-length-1", "length", "2100", "km"),
            _claim("gp-status-1", "status", "operating"),
            _claim("gp-capacity-1", "capacity", "50", "bcm/year"),
        ]
    )
)


def _rows(text: str, part: bool = False) -> list[dict[str, str]]:
    return propose("960_parts.txt", text, _pipeline(part), ACCEPTED, "2024-05-02", COUNTRIES)  # type: ignore[arg-type]


def _flagged(rows: list[dict[str, str]]) -> set[tuple[str, str]]:
    return {(r["field"], r["value"]) for r in rows if "DISAGREES" in r["reason"]}


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        pytest.param(
            "The Steppe gas pipeline is 1,700 km long.",
            {("length", "1700")},
            id="named and stated: flagged",
        ),
        pytest.param(
            "The Steppe gas pipeline was opened years ago. Officials said crews are still "
            "building it across the hills. A 1,400 km length is quoted.",
            set(),
            id="a sentence naming nothing leans on the topic: not flagged",
        ),
        pytest.param(
            "Crews on the Steppe gas pipeline met the Borean minister, who said it would be "
            "1,400 km long.",
            set(),
            id="a figure in a relative clause of someone else: not flagged",
        ),
        pytest.param(
            "The Steppe gas pipeline crosses Fenwick, where it is 1,400 km long.",
            set(),
            id="a figure in a relative clause of a country: not flagged",
        ),
        pytest.param(
            "The Steppe gas pipeline, which is 1,650 km long, carries gas north.",
            {("length", "1650")},
            id="a relative clause of the system itself: stated, flagged",
        ),
    ],
)
def test_only_stated_readings_are_flagged(text: str, flagged: set[tuple[str, str]]) -> None:
    rows = _rows(text)
    assert _flagged(rows) == flagged
    for r in rows:  # a reading not flagged still says what it differs from
        if r["field"] == "length" and (r["field"], r["value"]) not in flagged:
            assert "differs from accepted gp-length-1" in r["reason"]
            assert "Disagrees" not in r["note"]


@pytest.mark.parametrize(
    ("sentence", "countries"),
    [
        pytest.param(
            "It will run from Aland through Borea, Cimbria and Dacia and on into Elbonia.",
            "Aland;Borea;Cimbria;Dacia;Elbonia",
            id="and on into",
        ),
        pytest.param(
            "From Aland it crosses Borea and Fenwick and then joins Elbonia's grid.",
            "Aland;Borea;Fenwick;Elbonia",
            id="and then joins a network of the last country",
        ),
        pytest.param(
            "The line begins at the border of Aland and Borea, crosses Borea and Fenwick, and "
            "meets the Elbonian trunk main in Elbonia.",
            "Aland;Borea;Fenwick;Elbonia",
            id="starts at the border of two countries, comma before the arrival",
        ),
        pytest.param(
            "It passes through Borea and Fenwick before reaching Elbonia's western provinces.",
            "Borea;Fenwick;Elbonia",
            id="before reaching",
        ),
        pytest.param(
            "It goes across Borea and Cimbria, continuing to Dacia and Elbonia.",
            "Borea;Cimbria;Dacia;Elbonia",
            id="continuing to a list that goes on",
        ),
        pytest.param(
            "It goes through Borea and Cimbria and finally extends into Elbonia near the coast.",
            "Borea;Cimbria;Elbonia",
            id="finally extends into",
        ),
        pytest.param(
            "It crosses Borea and Cimbria, then the Inner Sea.",
            None,
            id="a route past the countries: not a country list",
        ),
    ],
)
def test_country_lists_are_read_to_their_end(sentence: str, countries: str | None) -> None:
    found = crossings.crossed(sentence, COUNTRIES)
    assert (found.value if found else None) == countries
