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
    pytest.param(
        "The Khorgos dry port moved 120,000 TEU in 2019.",
        "",
        [(KHORGOS, "traffic", "120000", "2019"), (KHORGOS, "status", "operating", "")],
        [],
        id="traffic carried implies operating in an undated copy too",
    ),
    pytest.param(
        "Close to the border stands the KTZE-Khorgos Gateway, which handles transit cargo bound "
        "for Europe.",
        "",
        [(KHORGOS, "status", "operating", "")],
        [],
        id="a port that handles cargo today is operating",
    ),
    pytest.param(
        "The wagons were unloaded and their boxes were transferred to broad-gauge flatcars at the "
        "Khorgos Gateway dry port before the train went on west.",
        "",
        [(KHORGOS, "status", "operating", "")],
        [],
        id="boxes moved between gauges at the port say it works",
    ),
    pytest.param(
        "The Khorgos dry port will handle transit cargo once its tracks are laid.",
        "",
        [],
        [(KHORGOS, "status", "operating", "")],
        id="a port that will handle cargo is not yet operating",
    ),
    pytest.param(
        "The Trans-Caspian International Transport Route handles transit cargo from China.",
        "",
        [],
        [("titr", "status", "operating", "")],
        id="a route that handles cargo says nothing of its stage",
    ),
    pytest.param(
        "Two shipping firms signed with Kazakhstan's railway operator for shares in a border "
        "terminal. Sino Freight Corporation and Jiangsu Lianyungang Port Company will each buy "
        "20 percent of the Khorgos dry port.",
        "2018-04-02",
        [
            (KHORGOS, "stake", "20", "Sino Freight"),
            (KHORGOS, "stake", "20", "Jiangsu Lianyungang Port"),
        ],
        [(LYG, "stake", "20", "Sino Freight"), (LYG, "stake", "20", "Jiangsu Lianyungang Port")],
        id="each of two buyers holds its own share of the dry port, not of the company's port",
    ),
    pytest.param(
        "Two investors have agreed with Kazakhstan's state railway to buy 30 percent of the "
        "Khorgos dry port between them.",
        "2018-04-02",
        [],
        [(KHORGOS, "stake", "30", "Kazakhstan's")],
        id="the partner an agreement is made with is no buyer",
    ),
    pytest.param(
        "The Khorgos dry port opened in 2015. Goods reach it from the Port of Lianyungang by "
        "rail. The dry port moved 90,000 TEU in 2017.",
        "2018-04-02",
        [(KHORGOS, "traffic", "90000", "2017")],
        [(LYG, "traffic", "90000", "2017")],
        id="the dry port does not point back to a seaport",
    ),
    pytest.param(
        "Goods leave the Port of Lianyungang by rail every day. Sino Freight will buy 30 "
        "percent of the dry port of Khorgos Gateway, a partner said.",
        "2018-04-02",
        [(KHORGOS, "stake", "30", "Sino Freight")],
        [(LYG, "stake", "30", "Sino Freight")],
        id="the dry port of a name is that name",
    ),
    pytest.param(
        "A container train left Xi'an for the Khorgos Gateway dry port last week. Its boxes "
        "will travel 8,000 km from China to Georgia in 16 days.",
        "2023-05-10",
        [],
        [
            (KHORGOS, "length", "8000", ""),
            (KHORGOS, "section_length", "8000", "China–Georgia"),
            (KHORGOS, "transit_time", "16", "China–Georgia"),
        ],
        id="a container's whole journey is not the port's length or transit time",
    ),
    pytest.param(
        "At the Khorgos Gateway dry port, lifting a container from one train onto another now "
        "takes two hours.",
        "2023-05-10",
        [],
        [(KHORGOS, "transit_time", "2", "")],
        id="a handling time is no transit time",
    ),
    pytest.param(
        "The Khorgos dry port sits on the border. Trains leaving this dry port reach Lianyungang "
        "on the coast in six days.",
        "2023-05-10",
        [(KHORGOS, "transit_time", "6", "")],
        [],
        id="a trip from the port is its transit time",
    ),
    pytest.param(
        "The Khorgos dry port opened in 2015. Li Ming, Chairman of Lianyungang Port Holdings "
        "Group, said the port handled 5 million TEU in 2022.",
        "2023-05-10",
        [(LYG, "traffic", "5000000", "2022")],
        [(KHORGOS, "traffic", "5000000", "2022")],
        id="the port a port company's chairman speaks of is the company's port",
    ),
    pytest.param(
        "The first phase of the Khorgos dry port opened in May 2016, and 30,000 containers have "
        "been handled.",
        "2017-03-01",
        [],
        [(KHORGOS, "traffic", "30000", "2016-05"), (KHORGOS, "traffic", "30000", "2016")],
        id="what has been handled since an opening is a running total",
    ),
    pytest.param(
        "The two Chinese partners will buy 40% of the Khorgos dry port between them.",
        "2018-04-02",
        [(KHORGOS, "stake", "40", "")],
        [],
        id="a share bought together is recorded when the report gives no split",
    ),
    pytest.param(
        "The two Chinese partners will buy 40% of the Khorgos dry port between them. Sino "
        "Freight and East Coast Port Group will each buy 20 percent of the dry port.",
        "2018-04-02",
        [(KHORGOS, "stake", "20", "Sino Freight")],
        [(KHORGOS, "stake", "40", "")],
        id="the sum of a split is not recorded beside it",
    ),
    pytest.param(
        "The Khorgos dry port opened in 2015. Across the border, the Horgos port in China's "
        "Xinjiang handled 8,000 freight trains in 2023.",
        "2024-01-10",
        [],
        [(KHORGOS, "traffic", "8000", "2023")],
        id="the port of the same name across the border is another port",
    ),
    pytest.param(
        "The Khorgos Gateway dry port transshipped 52,000 TEU in the first half of 2019.",
        "2019-08-01",
        [(KHORGOS, "traffic", "52000", "2019-01/2019-06")],
        [],
        id="transshipped is a verb of traffic",
    ),
]


@pytest.mark.parametrize(("text", "date", "present", "absent"), CASES)
def test_dry_port_reading(fixture_raw, text: str, date: str, present, absent) -> None:
    found = _found(_propose(fixture_raw, text, date))
    for fact in present:
        assert fact in found, (fact, sorted(found))
    for fact in absent:
        assert fact not in found, (fact, sorted(found))
