"""Field and value rules learnt from the development notes (benchmarks/reporting/dev, dev2), each
checked on texts written for these tests in our own words: whose plan a status belongs to, talks
on building, a new facility's figures, a service still to begin, a dateline that is a year alone,
and the scope of a flow or a count (a region passed, a section's structures, a port's share, a
stretch named by its ends).
"""

from __future__ import annotations

import pytest

from corridors.curate import ingest
from corridors.curate.ingest import scopes

CKU, CACGP, TITR, KHORGOS = "cku-railway", "cacgp", "titr", "khorgos-dry-port"


def _propose(raw, text: str, date: str) -> list[dict[str, str]]:
    return ingest.propose(
        "955_case.txt", text, ingest.systems(raw), raw, date, ingest.country_names(raw.datadir)
    )


def _found(rows: list[dict[str, str]]) -> set[tuple[str, str, str, str]]:
    """(corridor, field, value, period or scope) of every proposal."""
    return {(r["corridor"], r["field"], r["value"], r["period"] or r["scope"]) for r in rows}


@pytest.mark.parametrize(
    ("text", "date", "present", "absent"),
    [
        pytest.param(
            "The Middle Corridor keeps growing. One more weekly block train to Tbilisi is being "
            "planned.",
            "2025-04-10",
            [],
            [(TITR, "status", "planned", "")],
            id="a new train being planned is the train's plan, not the route's stage",
        ),
        pytest.param(
            "A branch of the China–Kyrgyzstan–Uzbekistan railway is now being planned.",
            "2025-04-10",
            [],
            [(CKU, "status", "planned", "")],
            id="a branch being planned is the branch's plan",
        ),
        pytest.param(
            "The China–Kyrgyzstan–Uzbekistan railway is being planned by three governments.",
            "2012-04-10",
            [(CKU, "status", "planned", "")],
            [],
            id="the named system being planned is its own stage",
        ),
        pytest.param(
            "Ministers of the three countries met in Osh for talks on building the "
            "China–Kyrgyzstan–Uzbekistan railway.",
            "2016-05-12",
            [(CKU, "status", "planned", "")],
            [(CKU, "status", "under_construction", "")],
            id="talks on building it: still planned",
        ),
        pytest.param(
            "A round of negotiations today on the construction of the China–Kyrgyzstan–"
            "Uzbekistan railway ended without a deal.",
            "2016-05-12",
            [(CKU, "status", "planned", "")],
            [(CKU, "status", "under_construction", "")],
            id="negotiations on its construction are no construction",
        ),
        pytest.param(
            "Work on the China–Kyrgyzstan–Uzbekistan railway is under way, and talks about its "
            "freight rates go on.",
            "2026-05-12",
            [(CKU, "status", "under_construction", "")],
            [(CKU, "status", "planned", "")],
            id="talks about something else leave the stage alone",
        ),
        pytest.param(
            "The Middle Corridor carried 3 million tons last year. A new container terminal, "
            "meant to relieve the Middle Corridor, is due in 2028. It should be able to take "
            "300,000 TEU a year.",
            "2025-04-10",
            [(TITR, "traffic", "3000000", "2024")],
            [(TITR, "capacity", "300000", ""), (TITR, "target", "300000", "2028")],
            id="a new terminal's capacity in the next sentence is the terminal's",
        ),
        pytest.param(
            "The Middle Corridor carried 3 million tons last year. An additional freight yard "
            "will open at the border. It will handle 500,000 TEU a year.",
            "2025-04-10",
            [(TITR, "traffic", "3000000", "2024")],
            [(TITR, "capacity", "500000", "")],
            id="a new yard named without the route: 'it' is the yard",
        ),
        pytest.param(
            "The Middle Corridor is being widened. The route will be able to take 10 million "
            "tons a year.",
            "2025-04-10",
            [(TITR, "capacity", "10000000", "")],
            [],
            id="the route itself named again keeps its capacity",
        ),
        pytest.param(
            "The Middle Corridor is busy. A new container terminal will serve the Middle "
            "Corridor from 2027. It will handle 500,000 TEU a year. The route itself carried 4 "
            "million tons last year.",
            "2025-04-10",
            [(TITR, "traffic", "4000000", "2024")],
            [(TITR, "capacity", "500000", "")],
            id="'the route' after a new terminal is the route again",
        ),
    ],
)
def test_field_rules(fixture_raw, text: str, date: str, present, absent) -> None:
    found = _found(_propose(fixture_raw, text, date))
    assert set(present) <= found
    assert not set(absent) & found


@pytest.mark.parametrize(
    ("top", "reference"),
    [
        pytest.param("Port grows\n2019 (a company statement) -\n\n", "2019", id="a year alone"),
        pytest.param("Port grows\n2019 -\n\n", "2019", id="a year alone, no outlet"),
        pytest.param("Port grows\nMarch 2019 (a weekly) -\n\n", "2019-03", id="a month alone"),
        pytest.param("Port grows in 2019\nALMATY -\n\n", "", id="a year in the headline"),
        pytest.param("Port grows\n\n2019 was a good year.\n\n", "", id="a year opening a sentence"),
    ],
)
def test_a_dateline_without_a_day_still_dates_relative_words(top: str, reference: str) -> None:
    text = top + "The Khorgos dry port handled more containers than ever last year."
    meta = ingest.metadata(text)
    assert (meta["date"], meta.get("reference", "")) == ("", reference)


def test_traffic_before_a_year_only_dateline_implies_operating(fixture_raw) -> None:
    text = (
        "Dry port busy\n2019 (a company statement) -\n\nThe Khorgos dry port handled 90,000 TEU "
        "in 2018."
    )
    reference = ingest.metadata(text)["reference"]
    rows = _propose(fixture_raw, text, reference)
    assert (KHORGOS, "status", "operating", "") in _found(rows)


@pytest.mark.parametrize(
    ("text", "date", "present", "absent"),
    [
        pytest.param(
            "The Central Asia–China gas pipeline is to grow. Its operator says the pipeline "
            "should begin supplying gas to Shanghai in March 2016.",
            "2013-06-01",
            [(CACGP, "completion_date", "2016-03", "")],
            [(CACGP, "opening_date", "2016-03", "")],
            id="a service still to begin: the date it is due",
        ),
        pytest.param(
            "The Khorgos dry port began operating in July.",
            "2015-10-18",
            [(KHORGOS, "opening_date", "2015-07", "")],
            [(KHORGOS, "completion_date", "2015-07", "")],
            id="a service that began: its opening",
        ),
        pytest.param(
            "The Khorgos dry port started delivering containers to Almaty in May 2016.",
            "2016-10-18",
            [(KHORGOS, "opening_date", "2016-05", "")],
            [],
            id="started delivering: an opening",
        ),
    ],
)
def test_service_dates(fixture_raw, text: str, date: str, present, absent) -> None:
    found = _found(_propose(fixture_raw, text, date))
    assert set(present) <= found
    assert not set(absent) & found


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        pytest.param(
            "Last year, freight passing through Atyrau Region on the Middle Corridor rose to "
            "1.4 million tons.",
            "Atyrau Region",
            id="counted where it passes a region",
        ),
        pytest.param(
            "Last year, cargo shipped across Kazakhstan on the Middle Corridor rose to 1.4 "
            "million tons.",
            "",
            id="a country on the way is no scope",
        ),
        pytest.param(
            "Last year the Middle Corridor carried 1.4 million tons.",
            "",
            id="no region: the whole route",
        ),
    ],
)
def test_traffic_counted_in_a_region(fixture_raw, text: str, scope: str) -> None:
    rows = _propose(fixture_raw, text, "2025-03-01")
    (row,) = [r for r in rows if r["field"] == "traffic"]
    assert (row["corridor"], row["value"], row["period"], row["scope"]) == (
        TITR,
        "1400000",
        "2024",
        scope,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The China–Kyrgyzstan–Uzbekistan railway will run 200 km in China and 250 km in "
            "Kyrgyzstan, with about 60 tunnels.",
            {("tunnels", "60", "Kyrgyzstan")},
            id="a section's structures take its country",
        ),
        pytest.param(
            "The China–Kyrgyzstan–Uzbekistan railway will have about 60 tunnels.",
            {("tunnels", "60", "")},
            id="the whole railway's structures keep no scope",
        ),
    ],
)
def test_structures_of_a_section(fixture_raw, text: str, expected) -> None:
    rows = _propose(fixture_raw, text, "2025-03-01")
    found = {(r["field"], r["value"], r["scope"]) for r in rows if r["field"] == "tunnels"}
    assert found == expected


@pytest.mark.parametrize(
    ("text", "where"),
    [
        pytest.param("The Xi'an-Baku block train took 12 days.", "Xi'an–Baku", id="an apostrophe"),
        pytest.param("The Baku-Xi’an service runs weekly.", "Baku–Xi’an", id="a curly apostrophe"),
        pytest.param("The Almaty-Baku train took 9 days.", "Almaty–Baku", id="plain names"),
        pytest.param("Its run takes 12 days.", "", id="no places"),
    ],
)
def test_a_stretch_named_by_its_ends(text: str, where: str) -> None:
    assert scopes.stretch(text) == where


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        pytest.param(
            "The seaport of Turkmenbashi handled 9,000 TEU in the first half of the year. Of "
            "these, 5,000 TEU moved along the Middle Corridor.",
            "Turkmenbashi",
            id="a share of a port's figure is counted at the port",
        ),
        pytest.param(
            "Turkmenbashi port handled 9,000 TEU in the first half of the year. The port grew "
            "fast. Of them, 5,000 TEU moved along the Middle Corridor.",
            "Turkmenbashi",
            id="the port named two sentences before",
        ),
        pytest.param(
            "The Middle Corridor carried 5,000 TEU in the first half of the year.",
            "",
            id="no share: the route's own figure",
        ),
    ],
)
def test_a_share_of_a_ports_figure(fixture_raw, text: str, scope: str) -> None:
    rows = _propose(fixture_raw, text, "2025-08-01")
    traffic = [r for r in rows if r["corridor"] == TITR and r["field"] == "traffic"]
    found = {(r["value"], r["scope"]) for r in traffic}
    assert ("5000", scope) in found
