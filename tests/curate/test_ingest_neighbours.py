"""The things beside a facility that share its place name (issue 18): a special economic zone,
a centre of cross-border cooperation, a border crossing. Their figures are their own, never the
dry port's; the port's own figures stay the port's even where such a zone is named beside it.
Texts written for these tests.
"""

from __future__ import annotations

import pytest

from corridors.curate import ingest
from corridors.curate.ingest import neighbours, sentences

KHORGOS = "khorgos-dry-port"


def _found(raw, text: str) -> set[tuple[str, str, str]]:
    rows = ingest.propose(
        "953_case.txt", text, ingest.systems(raw), raw, "", ingest.country_names(raw.datadir)
    )
    return {(r["corridor"], r["field"], r["value"]) for r in rows}


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        pytest.param("The Khorgos SEZ covers a large area.", "The Khorgos SEZ", id="initials"),
        pytest.param(
            "The Khorgos - Eastern Gate special economic zone grew.",
            "The Khorgos - Eastern Gate special economic zone",
            id="a dashed name, then the kind in words",
        ),
        pytest.param(
            "The international centre of boundary cooperation Khorgos grew.",
            "The international centre of boundary cooperation Khorgos",
            id="the kind first, the name after",
        ),
        pytest.param(
            "The Sary-Tas center for cross-border cooperation grew.",
            "The Sary-Tas center for cross-border cooperation",
            id="US spelling, cross-border",
        ),
        pytest.param(
            "In 2020 the Altynkol-Khorgos rail crossing grew.",
            "the Altynkol-Khorgos rail crossing",
            id="after a short adverbial",
        ),
        pytest.param("The dry port in the Khorgos SEZ grew.", None, id="the port is the subject"),
        pytest.param("Khorgos Gateway, in the free zone, grew.", None, id="a zone in an aside"),
    ],
)
def test_a_sentence_opening_on_a_neighbour(phrase: str, expected: str | None) -> None:
    found = neighbours.opening_neighbour(sentences.sentences(phrase)[0])
    assert (found.group().strip() if found else None) == expected


CASES = [
    pytest.param(
        "The Khorgos dry port handled more boxes. A Gulf operator agreed to buy a 51% stake in "
        "the Khorgos free economic zone.",
        [],
        [(KHORGOS, "stake", "51")],
        id="a stake in the zone is not a stake in the port",
    ),
    pytest.param(
        "The Khorgos dry port handled more boxes. The Khorgos - Eastern Gate special economic "
        "zone is to handle 3 million tonnes a year by 2030.",
        [],
        [(KHORGOS, "target", "3000000")],
        id="a sentence opening on the zone gives the port nothing",
    ),
    pytest.param(
        "The Khorgos dry port handled more boxes. In 2021 the Khorgos SEZ drew new investors. "
        "It is to handle 3 million tonnes a year by 2030.",
        [],
        [(KHORGOS, "target", "3000000")],
        id="it after a sentence about the zone is the zone",
    ),
    pytest.param(
        "Two shipping groups will each buy 24.5% of the Khorgos dry port, which lies in a "
        "special economic zone.",
        [(KHORGOS, "stake", "24.5")],
        [],
        id="a share of the port, the zone named after it",
    ),
    pytest.param(
        "The Khorgos dry port, which sits inside a special economic zone, is to handle 3 million "
        "tonnes a year by 2030.",
        [(KHORGOS, "target", "3000000")],
        [],
        id="a zone named in an aside takes no figure",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), CASES)
def test_figures_of_neighbours(fixture_raw, text: str, present, absent) -> None:
    found = _found(fixture_raw, text)
    for fact in present:
        assert fact in found, (fact, sorted(found))
    for fact in absent:
        assert fact not in found, (fact, sorted(found))
