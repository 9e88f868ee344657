"""Money a project draws into a host country is no cost of it (issue 18): reporting on a new
gas line through a transit country tells how much investment it will bring in, beside or instead
of what it costs. Texts written for these tests.
"""

from __future__ import annotations

import pytest

from corridors.curate.ingest import measures, quantities


def _cost(sentence: str) -> list[str]:
    out = []
    for q in quantities.read_rules(sentence):
        if q.unit == "USD":
            value = measures.cost(q, sentence, {"Tajikistan", "China"})
            if value is not None:
                out.append(value.value)
    return out


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "The new line will draw $2 billion of foreign investment into the host economy.",
            [],
            id="draw money into an economy",
        ),
        pytest.param(
            "Officials expect the pipeline to bring in more than $2 billion of direct investment.",
            [],
            id="bring in more than a sum",
        ),
        pytest.param(
            "The project should attract about $2 billion in Chinese money.",
            [],
            id="attract a sum",
        ),
        pytest.param(
            "Building the line will cost $2 billion, paid by the state firm.",
            ["2000000000"],
            id="a plain cost stays a cost",
        ),
        pytest.param(
            "Investment in the new line is put at $2 billion.",
            ["2000000000"],
            id="investment in the project is its cost",
        ),
    ],
)
def test_an_inflow_is_no_cost(sentence: str, expected: list[str]) -> None:
    assert _cost(sentence) == expected
