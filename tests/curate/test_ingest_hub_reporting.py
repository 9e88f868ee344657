"""How reporting on a hub and a corridor words its facts (issue 18, the dev4 round): a facility
called by its kind alone once the headline gave its town ("the dry port" in a report headlined on
Khorgos); a percent of growth that is no stake; the breakdown of a figure that is no whole; a
year ahead that makes "could handle" an aim. Texts written for these tests, in our own words.
"""

from __future__ import annotations

import pytest

from corridors.curate import ingest

KHORGOS, TITR = "khorgos-dry-port", "titr"


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
    pytest.param(
        "Cargo on the Middle Corridor rose by 8% in 2024 to 3 million tonnes, Example Holding "
        "reports.",
        [(TITR, "traffic", "3000000", "2024")],
        [(TITR, "stake", "8", "")],
        id="a percent of growth beside a holding company is no stake",
    ),
    pytest.param(
        "By 2031 the Middle Corridor's share of the trade should rise to 7%.",
        [],
        [(TITR, "stake", "7", "")],
        id="a share of the trade that grows is no share held",
    ),
    pytest.param(
        "For 2026 the Middle Corridor is expected to carry 6 million tonnes, of which 3 million "
        "tonnes of grain (40,000 TEU) and 2 million tonnes of metals.",
        [(TITR, "target", "6000000", "2026")],
        [
            (TITR, "traffic", "3000000", "2026"),
            (TITR, "target", "3000000", "2026"),
            (TITR, "traffic", "40000", "2026"),
            (TITR, "traffic", "2000000", "2026"),
        ],
        id="the parts after of which are not the whole",
    ),
    pytest.param(
        "The Middle Corridor keeps growing. Its handling capacity was raised to 8 million tonnes a "
        "year, including 90,000 TEU of container traffic.",
        [(TITR, "capacity", "8000000", ""), (TITR, "capacity", "90000", "")],
        [],
        id="the whole in another unit after including is still read",
    ),
    pytest.param(
        "By 2029 the Middle Corridor could handle 12 million tonnes a year.",
        [(TITR, "target", "12000000", "2029")],
        [(TITR, "capacity", "12000000", "")],
        id="a year ahead makes could handle an aim",
    ),
    pytest.param(
        "News from Horgos\n\nThe special zone's dry port began working in March 2013.",
        [(KHORGOS, "opening_date", "2013-03", "")],
        [],
        id="the zone's dry port opening is the port's, not the zone's",
    ),
    pytest.param(
        "News from Horgos\n\nThe Khorgos dry port is growing. The cargo it is to handle is "
        "planned at 3 million tonnes by 2021.",
        [(KHORGOS, "target", "3000000", "2021")],
        [(KHORGOS, "status", "planned", "")],
        id="a figure planned at a level is no planned stage",
    ),
    pytest.param(
        "Horgos works\n\nSix new sidings are being built at the container terminal of the "
        "Khorgos dry port.",
        [],
        [(KHORGOS, "status", "under_construction", "")],
        id="works at a facility are not the facility being built",
    ),
    pytest.param(
        "Horgos works\n\nThe Khorgos dry port is being built at the border crossing.",
        [(KHORGOS, "status", "under_construction", "")],
        [],
        id="the facility itself being built at a place is under construction",
    ),
    pytest.param(
        "Horgos deal\n\nThe Khorgos dry port is growing. On 3 May, Jiangsu Lianyungang Port Group agreed "
        "to take a 30% stake in the dry port.",
        [(KHORGOS, "stake", "30", "Jiangsu Lianyungang Port Group")],
        [("lianyungang-port", "stake", "30", "Jiangsu Lianyungang Port Group")],
        id="a stake in the dry port is the dry port's whoever buys it",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), CASES)
def test_hub_reading(fixture_raw, text: str, present, absent) -> None:
    found = _propose(fixture_raw, text)
    for fact in present:
        assert fact in found, (fact, sorted(found))
    for fact in absent:
        assert fact not in found, (fact, sorted(found))
