"""Whose figure it is, in Middle Corridor reporting: the route's traffic, targets and capacity
against the figures reporting sets beside them (a port's or a ferry line's own, one kind of
goods, a level compared with, a share of the cargo) and the unit of a level to reach by a year.

Every text is made up for these tests, in the shapes such reports use.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from corridors.curate import ingest

TOP = "Corridor news\nASTANA, 12 March 2025 -\n\n"
_FLOWS = {"traffic", "target", "capacity", "stake"}


def _flows(raw, text: str) -> set[tuple[str, str, str, str]]:
    meta = ingest.metadata(text)
    rows = ingest.propose(
        "953_case.txt",
        text,
        ingest.systems(raw),
        raw,
        meta["date"] or meta.get("reference", ""),
        ingest.country_names(raw.datadir),
    )
    return {
        (r["field"], r["value"], r["unit"], r["period"])
        for r in rows
        if r["corridor"] == "titr" and r["field"] in _FLOWS
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            TOP + "Freight on the Middle Corridor came to 3.1 million tons in 2024. In the same "
            "year, cargo handled through the sea ports of Kazakhstan reached 2.2 million tons.",
            {("traffic", "3100000", "tonnes", "2024")},
            id="a figure moved through the ports is the ports' own",
        ),
        pytest.param(
            TOP + "The Middle Corridor needs more ships. The yearly capacity of the Caspian "
            "ferries is put at 3.9 million tons.",
            set(),
            id="the ferries' capacity is the ferry leg's, not the route's",
        ),
        pytest.param(
            TOP + "Freight on the Middle Corridor rose to 3.6 million tons in 2024. Coal "
            "shipments on it grew fourfold, to 700,000 tons.",
            {("traffic", "3600000", "tonnes", "2024")},
            id="one kind of goods is a part of the cargo",
        ),
        pytest.param(
            TOP + "The Middle Corridor carried 900,000 tons in January-May 2024, a threefold "
            "rise compared with a year before, when it was 300,000 tons.",
            {("traffic", "900000", "tonnes", "2024-01/2024-05")},
            id="the level compared with, when it was: no period of its own, not proposed",
        ),
        pytest.param(
            TOP + "Freight on the Middle Corridor came to 2.9 million tons in 2023, with a "
            "forecast rise to 4.1 million tons in 2024.",
            {("traffic", "2900000", "tonnes", "2023"), ("target", "4100000", "tonnes", "2024")},
            id="a word of aim after a carried figure is the next figure's",
        ),
        pytest.param(
            TOP + "Kazakhstan intends to raise freight on the Middle Corridor to 9 million tons "
            "by 2029.",
            {("target", "9000000", "tonnes", "2029")},
            id="a level by a year is an amount unless the copy calls it yearly",
        ),
        pytest.param(
            TOP + "The Middle Corridor's annual capacity is expected to rise to 12 million tons "
            "by 2030.",
            {("target", "12000000", "tonnes/year", "2030")},
            id="a capacity to reach by a year is a yearly rate",
        ),
        pytest.param(
            TOP + "Kazakh goods now make up most of the Middle Corridor's cargo: the share of "
            "Kazakhstan's exports on the route has climbed to 70 percent.",
            set(),
            id="a share of the cargo is no stake",
        ),
    ],
)
def test_whose_figure(fixture_raw, text: str, expected: set) -> None:
    assert _flows(fixture_raw, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            TOP + "For all of 2022, the Middle Corridor moved 1.4 million tons.",
            {("traffic", "1400000", "tonnes", "2022")},
            id="all of a year: that year",
        ),
        pytest.param(
            TOP + "Freight on the Middle Corridor reached 700,000 tons in the first quarter of "
            "2024. Container trains on it carried 40,000 TEU during that whole year.",
            {
                ("traffic", "700000", "tonnes", "2024-01/2024-03"),
                ("traffic", "40000", "TEU", "2024"),
            },
            id="that whole year: the year named before, not its quarter",
        ),
        pytest.param(
            TOP + "In February-April of this year, 9,000 TEU moved along the Middle Corridor.",
            {("traffic", "9000", "TEU", "2025-02/2025-04")},
            id="months joined by a dash, of this year",
        ),
        pytest.param(
            TOP + "Within the two months of this year, 60 block trains ran on the Middle Corridor.",
            {("traffic", "60", "trains", "2025-01/2025-02")},
            id="within the first months of this year",
        ),
        pytest.param(
            TOP + "Container traffic on the Middle Corridor was 21,000 twenty-foot equivalent "
            "(TEU) containers in 2023.",
            {("traffic", "21000", "TEU", "2023")},
            id="the initials in brackets inside the unit's name",
        ),
    ],
)
def test_periods_and_units_of_traffic(fixture_raw, text: str, expected: set) -> None:
    assert _flows(fixture_raw, text) == expected


def test_a_yearly_figure_said_again_by_a_year_stays_yearly(fixture_raw) -> None:
    text = (
        TOP + "The Middle Corridor wants to carry 11 million tons a year. Officials say the "
        "goal is 11 million tons by 2031."
    )
    assert ("target", "11000000", "tonnes/year", "2031") in _flows(fixture_raw, text)


@pytest.mark.parametrize(
    ("top", "date"),
    [
        pytest.param(
            "Freight up\n3 June 2024 (a trade weekly, quoting the rail operator's figures) -\n\n",
            "2024-06-03",
            id="a date line with a long note in brackets after it",
        ),
        pytest.param(
            "Freight up\n7 June (no year printed; the meeting it covers, by the ministry's own "
            "account, was on 3 June 2024) -\n\n",
            "",
            id="a date only inside a long note is another event's",
        ),
        pytest.param(
            "Freight up\nASTANA (the copy is dated 3 June 2024) -\n\n",
            "2024-06-03",
            id="a short line that dates the copy in brackets",
        ),
    ],
)
def test_the_date_line_with_a_note(top: str, date: str) -> None:
    text = top + "Freight on the Middle Corridor rose again this year, officials said.\n"
    assert ingest.metadata(text)["date"] == date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            TOP + "The Middle Corridor's partners expect 3.5 million tons of cargo for 2025.",
            {("target", "3500000", "tonnes", "2025")},
            id="a year not over at the dateline: a plan, no traffic",
        ),
        pytest.param(
            TOP + "Freight for 2025 on the Middle Corridor is put at 3.5 million tons.",
            set(),
            id="a figure for the dateline's own year with no word of aim: nothing",
        ),
        pytest.param(
            TOP + "In February, the rail operator announced that 150 container trains had come "
            "along the Middle Corridor.",
            set(),
            id="the month of the saying is no period of the figure",
        ),
        pytest.param(
            TOP + "Alat is a hub of the Middle Corridor. Its container throughput hit 80,000 TEU "
            "in 2024.",
            set(),
            id="container throughput is a port's or a terminal's",
        ),
    ],
)
def test_whose_and_when(fixture_raw, text: str, expected: set) -> None:
    assert _flows(fixture_raw, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            TOP + "Freight on the Middle Corridor is forecast at 6 million tons in 2026, 5 "
            "million tons of which will be Kazakh goods.",
            {("target", "6000000", "tonnes", "2026")},
            id="a part, of which: only the whole",
        ),
        pytest.param(
            TOP
            + "The Middle Corridor is expected to carry 6 million tons in 2026; of that, 3 million "
            "tons will be dry cargo (90,000 TEU) and 2 million tons oil.",
            {("target", "6000000", "tonnes", "2026")},
            id="of that, the kinds of goods and their boxes: parts",
        ),
    ],
)
def test_parts_of_a_figure(fixture_raw, text: str, expected: set) -> None:
    assert _flows(fixture_raw, text) == expected


def _rows(raw, text: str) -> list[dict[str, str]]:
    meta = ingest.metadata(text)
    return ingest.propose(
        "954_case.txt",
        text,
        ingest.systems(raw),
        raw,
        meta["date"] or meta.get("reference", ""),
        ingest.country_names(raw.datadir),
    )


def test_a_drawn_legs_countries_are_not_the_routes(fixture_raw) -> None:
    text = TOP + (
        "The Middle Corridor is busy. The Baku-Tbilisi-Kars railway, which links Azerbaijan, "
        "Georgia and Turkey, carries more of its trains."
    )
    assert not [r for r in _rows(fixture_raw, text) if r["field"] == "countries"]


def test_a_trip_told_before_the_route_is_named_is_the_routes(fixture_raw) -> None:
    text = TOP + (
        "A block train left Lanzhou on 2 March and reached Tbilisi after 13 days.\n\n"
        "Officials said it had run the Middle Corridor, crossing the Caspian by ferry.\n"
    )
    got = {(r["corridor"], r["field"], r["value"]) for r in _rows(fixture_raw, text)}
    assert ("titr", "transit_time", "13") in got


def test_how_one_trips_distance_splits_is_no_section(fixture_raw) -> None:
    text = TOP + (
        "A block train ran the Middle Corridor from Xian to Tbilisi, some 6,100 km. Of the "
        "distance, about 3,000 km lay in Kazakhstan and 500 in Azerbaijan."
    )
    lengths = {
        r["value"] for r in _rows(fixture_raw, text) if r["field"] in ("section_length", "length")
    }
    assert not lengths & {"3000", "500"}


def test_a_late_named_topic_gives_only_a_trips_figures(fixture_raw) -> None:
    text = TOP + (
        "Two new ships joined the Caspian fleet and should start work in spring 2026.\n\n"
        "A train from Lanzhou reached Tbilisi after 13 days.\n\n"
        "Both serve the Middle Corridor.\n"
    )
    got = {(r["field"], r["value"]) for r in _rows(fixture_raw, text) if r["corridor"] == "titr"}
    assert ("transit_time", "13") in got
    assert not {f for f, _ in got} & {"status", "start_date"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "The shipment was handled by members of the Trans-Caspian International Transport "
            "Consortium: Alpha Rail LLC, Beta Shipping and Gamma Ports and Terminals.",
            {"Alpha Rail", "Beta Shipping", "Gamma Ports and Terminals"},
            id="members of a group named after the route: its operators, a name's own 'and' kept",
        ),
        pytest.param(
            "The shipment was handled by members of the Caspian Freight Consortium: Alpha Rail "
            "and Beta Shipping.",
            set(),
            id="a group named after no system: its members are its own",
        ),
    ],
)
def test_members_of_a_group_named_after_the_route(fixture_raw, sentence, expected) -> None:
    rows = _rows(fixture_raw, TOP + "A train reached Baku.\n\n" + sentence + "\n")
    assert {r["value"] for r in rows if r["field"] == "operator"} == expected


def _with_btk(raw) -> list:
    """The fixture's systems, with the Middle Corridor's Tbilisi–Kars feature known by the
    railway's own name (as the live data labels it)."""
    out = []
    for system in ingest.systems(raw):
        if system.id == "titr":
            labelled = {"Baku–Tbilisi–Kars railway": "titr-ge-tr-tbilisi-kars"}
            system = replace(system, features={**system.features, **labelled})
        out.append(system)
    return out


def _rows_btk(raw, text: str) -> list[dict[str, str]]:
    meta = ingest.metadata(text)
    return ingest.propose(
        "955_case.txt",
        text,
        _with_btk(raw),
        raw,
        meta["date"] or meta.get("reference", ""),
        ingest.country_names(raw.datadir),
    )


@pytest.mark.parametrize(
    "name",
    ["Baku-Tbilisi-Kars line", "Baku–Tbilisi–Kars railroad", "Baku-Tbilisi-Kars rail link"],
)
def test_a_drawn_railway_by_another_head_noun(fixture_raw, name: str) -> None:
    text = TOP + f"The {name} opened in 2017, officials said.\n"
    rows = _rows_btk(fixture_raw, text)
    assert any(r["feature"] == "titr-ge-tr-tbilisi-kars" for r in rows)


def test_a_trip_leaning_on_a_leg_is_the_routes(fixture_raw) -> None:
    text = TOP + (
        "A train from Istanbul crossed the Baku-Tbilisi-Kars railway on Monday.\n\n"
        "It is to cover the 7,900 kilometres from Istanbul to Xi'an in 14 days.\n"
    )
    rows = _rows_btk(fixture_raw, text)
    trip = [r for r in rows if r["field"] in ("transit_time", "section_length")]
    assert trip
    assert all(r["corridor"] == "titr" and r["feature"] == "" for r in trip)
