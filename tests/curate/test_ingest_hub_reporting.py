"""How reporting on a hub and a corridor words its facts (issue 18, the dev4 round): a facility
called by its kind alone once the headline gave its town ("the dry port" in a report headlined on
Khorgos). Texts written for these tests, in our own words.
"""

from __future__ import annotations

import pytest

from corridors.curate import ingest

KHORGOS = "khorgos-dry-port"


def _propose(raw, text: str, date: str = "") -> set[tuple[str, str, str, str]]:
    rows = ingest.propose(
        "953_case.txt", text, ingest.systems(raw), raw, date, ingest.country_names(raw.datadir)
    )
    return {(r["corridor"], r["field"], r["value"], r["period"] or r["scope"]) for r in rows}


CASES = [
    pytest.param(
        "Busy days at Horgos\n\nThe special zone on the border keeps growing. Its dry port "
        "handled 90,000 TEU in 2017.",
        [(KHORGOS, "traffic", "90000", "2017")],
        [],
        id="a possessive dry port after the town in the headline",
    ),
    pytest.param(
        "A visit to Khorgos\n\nOfficials toured the logistics zone. The inland port, they heard, "
        "moved 70,000 TEU in 2016.",
        [(KHORGOS, "traffic", "70000", "2016")],
        [],
        id="the inland port after the town: the one dry port there",
    ),
    pytest.param(
        "Freight news\n\nA dry port in Poland moved 50,000 TEU in 2017.",
        [],
        [(KHORGOS, "traffic", "50000", "2017")],
        id="an indefinite dry port elsewhere is not the known one",
    ),
    pytest.param(
        "Freight news\n\nThe dry port moved 50,000 TEU in 2017.",
        [],
        [(KHORGOS, "traffic", "50000", "2017")],
        id="the dry port in a report that never names its town says no which",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), CASES)
def test_hub_reading(fixture_raw, text: str, present, absent) -> None:
    found = _propose(fixture_raw, text)
    for fact in present:
        assert fact in found, (fact, sorted(found))
    for fact in absent:
        assert fact not in found, (fact, sorted(found))
