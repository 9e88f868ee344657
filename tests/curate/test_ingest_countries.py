"""Which countries a system crosses and how long each country's section is, as reporting states
them: a route walked leg by leg, a route given as a chain after the word "route", a list whose
start the sentence before gave, and a whole split by country ("of which 188 km lies in A", "with
213 km inside B", "a 410 km stretch will cross C"). Every text here is written for these tests.
"""

from __future__ import annotations

import pytest

from corridors.curate import ingest
from corridors.curate.ingest import crossings, legs, scopes
from corridors.curate.ingest.fields import Value

CKU, CACGP, TITR = "cku-railway", "cacgp", "titr"
REGION = [
    "China",
    "Kazakhstan",
    "Kyrgyzstan",
    "Uzbekistan",
    "Tajikistan",
    "Turkmenistan",
    "Azerbaijan",
    "Georgia",
    "Turkey",
    "Russia",
    "Iran",
]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "The corridor goes from China over Kazakhstan, across the Caspian Sea to Azerbaijan, "
            "then through Georgia to Turkey.",
            "China;Kazakhstan;Azerbaijan;Georgia;Turkey",
            id="legs with a sea and 'then' between them",
        ),
        pytest.param(
            "The route begins in China and then crosses Kazakhstan, the Caspian Sea, Azerbaijan, "
            "Georgia and Türkiye before reaching Europe.",
            "China;Kazakhstan;Azerbaijan;Georgia;Turkey",
            id="a list that ends at a region beyond, Türkiye as Turkey",
        ),
        pytest.param(
            "The link connects China to Europe via Kazakhstan, Azerbaijan, Georgia and Turkey.",
            "China;Kazakhstan;Azerbaijan;Georgia;Turkey",
            id="connects A to a region via a list: the list lies between",
        ),
        pytest.param(
            "Trains go from Turkmenistan to China via Uzbekistan and Kazakhstan.",
            "Turkmenistan;Uzbekistan;Kazakhstan;China",
            id="from A to B via C and D: C and D before B",
        ),
        pytest.param(
            "The line would go from Kashgar in China over the Torugart Pass on the "
            "China-Kyrgyzstan border to Osh in southern Kyrgyzstan and on to Andijan in "
            "Uzbekistan.",
            "China;Kyrgyzstan;Uzbekistan",
            id="places set in their countries and a pass on a border",
        ),
        pytest.param(
            "It begins at the Turkmen-Uzbek border and runs across Uzbekistan and Kazakhstan "
            "into China.",
            "Turkmenistan;Uzbekistan;Kazakhstan;China",
            id="a start on a border named by two adjectives",
        ),
        pytest.param(
            "The route links China with Turkey through Kazakhstan, Azerbaijan and Georgia.",
            "China;Kazakhstan;Azerbaijan;Georgia;Turkey",
            id="links A with B through a list",
        ),
        pytest.param(
            "It begins on the border between Turkmenistan and Uzbekistan, crosses the middle of "
            "Uzbekistan and the southern part of Kazakhstan, and arrives in the Ili Kazakh "
            "Prefecture in the far west of China.",
            "Turkmenistan;Uzbekistan;Kazakhstan;China",
            id="parts of countries, arriving in a region set in a part of a country",
        ),
        pytest.param(
            "A deal on a pipe linking Turkmenistan with China through Tajik territory was signed.",
            "Turkmenistan;Tajikistan;China",
            id="through a country's territory named by its adjective",
        ),
        pytest.param(
            "It links Turkmenistan's gas fields with China via Uzbekistan and Kazakhstan.",
            "Turkmenistan;Uzbekistan;Kazakhstan;China",
            id="a country's fields, linked with the end via a list",
        ),
        pytest.param(
            "The pipe will run from Turkmenistan, cross Uzbekistan and Kazakhstan, and will enter "
            "China's far west.",
            "Turkmenistan;Uzbekistan;Kazakhstan;China",
            id="a modal before the word of arrival",
        ),
        pytest.param(
            "The network begins in Turkmenistan and cuts across Uzbekistan and Kazakhstan before "
            "ending in China's Xinjiang region.",
            "Turkmenistan;Uzbekistan;Kazakhstan;China",
            id="cuts across, before ending in",
        ),
        pytest.param(
            "Lines of trade reach the hub from China, Iran, Turkey and Europe.",
            None,
            id="where things come from, listed: no way between them",
        ),
        pytest.param(
            "Cargo moves from Xi'an through Kazakhstan and Azerbaijan to Tbilisi.",
            None,
            id="ends at places it does not set in a country: nothing",
        ),
        pytest.param(
            "It runs from China through Kazakhstan, then through Azerbaijan and Georgia.",
            None,
            id="where it ends is not said: nothing",
        ),
        pytest.param(
            "Trains run from China to Kazakhstan, then by ferry to Baku.",
            None,
            id="a stop it cannot place: nothing",
        ),
        pytest.param(
            "Freight moves from China to Europe through Central Asia and the South Caucasus.",
            None,
            id="regions, no countries: nothing",
        ),
    ],
)
def test_a_route_walked_leg_by_leg(sentence: str, expected: str | None) -> None:
    got = legs.walked(sentence, REGION)
    assert (got.value if got else None) == expected


@pytest.mark.parametrize(
    ("read", "expected"),
    [
        pytest.param(
            ["China;Kazakhstan;Azerbaijan"],
            "China;Kazakhstan;Azerbaijan;Georgia;Turkey",
            id="a list cut short at a comma gives way to the walk",
        ),
        pytest.param([], "China;Kazakhstan;Azerbaijan;Georgia;Turkey", id="no other reading"),
        pytest.param(
            ["China;Russia;Kazakhstan"],
            "China;Russia;Kazakhstan",
            id="another reading that is no part of the walk stays",
        ),
    ],
)
def test_the_walk_replaces_only_a_shorter_reading(read: list[str], expected: str) -> None:
    walk = Value("countries", "China;Kazakhstan;Azerbaijan;Georgia;Turkey")
    values = [Value("countries", v) for v in read]
    got = [v.value for v in legs.with_walk(values, walk) if v.field == "countries"]
    assert got == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "Officials said the new line is to follow the route Turkmenistan–Uzbekistan–"
            "Tajikistan–Kyrgyzstan–China.",
            "Turkmenistan;Uzbekistan;Tajikistan;Kyrgyzstan;China",
            id="the route given as a chain",
        ),
        pytest.param(
            "Planners looked at the route Turkmenistan–China–Kyrgyzstan.",
            None,
            id="China inside the chain: a short name, no route order",
        ),
        pytest.param("The route Kazakhstan–China opened.", None, id="two countries: its ends"),
    ],
)
def test_a_route_given_as_a_chain(sentence: str, expected: str | None) -> None:
    got = legs.route_chain(sentence, REGION)
    assert (got.value if got else None) == expected


@pytest.mark.parametrize(
    ("value", "ends", "expected"),
    [
        pytest.param(
            Value("countries", "Uzbekistan;Kazakhstan;China", hints={"start": "unsaid"}),
            ("Turkmenistan", "China"),
            "Turkmenistan;Uzbekistan;Kazakhstan;China",
            id="the start the route before gave",
        ),
        pytest.param(
            Value("countries", "Uzbekistan;Kazakhstan;China", hints={"start": "unsaid"}),
            ("Turkmenistan", "Russia"),
            "Uzbekistan;Kazakhstan;China",
            id="another end: not the same route",
        ),
        pytest.param(
            Value("countries", "Uzbekistan;Kazakhstan;China"),
            ("Turkmenistan", "China"),
            "Uzbekistan;Kazakhstan;China",
            id="a start of its own said",
        ),
    ],
)
def test_a_list_starts_where_the_route_before_starts(value: Value, ends, expected: str) -> None:
    assert legs.started_before(value, ends).value == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "The train crossed Georgia, Azerbaijan, the Caspian Sea and Kazakhstan before "
            "arriving in the Chinese city of Lanzhou.",
            "Georgia;Azerbaijan;Kazakhstan;China",
            id="arriving in a city named by its country's adjective",
        ),
        pytest.param(
            "Trade on the route, which runs through China, Kazakhstan, Azerbaijan, Georgia and "
            "Turkey to the markets of Europe, keeps rising.",
            "China;Kazakhstan;Azerbaijan;Georgia;Turkey",
            id="a list that goes on to a region beyond says its end",
        ),
        pytest.param(
            "The three countries of Uzbekistan, Kyrgyzstan and China agreed on a plan.",
            None,
            id="the countries that agree are parties",
        ),
    ],
)
def test_a_list_of_countries_crossed(sentence: str, expected: str | None) -> None:
    got = crossings.crossed(sentence, REGION)
    assert (got.value if got else None) == expected
    assert got is None or got.hints.get("end") != "unsaid"


@pytest.mark.parametrize(
    ("sentence", "figure", "expected"),
    [
        pytest.param("It runs 900 km, of which 120 km lies in Kazakhstan.", "120 km", "Kazakhstan"),
        pytest.param("It runs 900 km, with 140 km laid in Uzbekistan.", "140 km", "Uzbekistan"),
        pytest.param("It runs 900 km, with 60 km inside China.", "60 km", "China"),
        pytest.param(
            "It runs 900 km, 300 km of which will pass through Kyrgyz territory.",
            "300 km",
            "Kyrgyzstan",
            id="of which ... through an adjective's territory",
        ),
        pytest.param(
            "It runs 900 km, 500 km of it falling within the jurisdiction of Tajikistan.",
            "500 km",
            "Tajikistan",
            id="within the jurisdiction of a country",
        ),
        pytest.param(
            "It runs 400 km through Kazakhstan and Uzbekistan.",
            "400 km",
            "",
            id="a list of countries after it: where the whole runs",
        ),
        pytest.param("It runs 400 km to reach China.", "400 km", "", id="no placing word"),
        pytest.param(
            "The line has some 150 km of pipe in Turkmenistan and 600 km in Uzbekistan.",
            "150 km",
            "Turkmenistan",
            id="an amount of pipe in a country",
        ),
        pytest.param(
            "It runs 90 km through Kazakh land, 70 km over Uzbek soil.",
            "70 km",
            "Uzbekistan",
            id="over an adjective's soil",
        ),
    ],
)
def test_a_figure_placed_in_a_country(sentence: str, figure: str, expected: str) -> None:
    end = sentence.index(figure) + len(figure)
    assert scopes.country_after(sentence, end, set(REGION)) == expected


def _propose(raw, text: str) -> set[tuple[str, str, str, str]]:
    rows = ingest.propose(
        "957_case.txt",
        text,
        ingest.systems(raw),
        raw,
        "2025-03-01",
        ingest.country_names(raw.datadir),
    )
    return {(r["corridor"], r["field"], r["value"], r["scope"]) for r in rows}


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "The China–Kyrgyzstan–Uzbekistan railway will be some 480 km long, with 170 km "
            "inside China, 250 km inside Kyrgyzstan and 60 km inside Uzbekistan.",
            [
                (CKU, "length", "480", ""),
                (CKU, "section_length", "170", "China"),
                (CKU, "section_length", "250", "Kyrgyzstan"),
                (CKU, "section_length", "60", "Uzbekistan"),
            ],
            [(CKU, "length", "170", ""), (CKU, "length", "60", "")],
            id="a whole split by country with 'inside'",
        ),
        pytest.param(
            "The China–Kyrgyzstan–Uzbekistan railway will run for about 470 km, at least 290 km "
            "of which will cross Kyrgyz territory.",
            [(CKU, "length", "470", ""), (CKU, "section_length", "290", "Kyrgyzstan")],
            [(CKU, "section_length", "470", "Kyrgyzstan")],
            id="the whole before 'of which' is no section",
        ),
        pytest.param(
            "The Middle Corridor moves goods from China through Kazakhstan and the Caspian to "
            "Azerbaijan, Georgia and Turkey.",
            [(TITR, "countries", "China;Kazakhstan;Azerbaijan;Georgia;Turkey", "")],
            [(TITR, "countries", "China;Kazakhstan;Azerbaijan", "")],
            id="a route list is read to its end, not cut at a comma",
        ),
        pytest.param(
            "Ministers of Kazakhstan, Azerbaijan, Georgia and Turkey met to discuss the Middle "
            "Corridor.",
            [],
            [(TITR, "countries", "Kazakhstan;Azerbaijan;Georgia;Turkey", "")],
            id="countries whose ministers meet are not countries crossed",
        ),
        pytest.param(
            "The China–Kyrgyzstan–Uzbekistan railway is to measure 480 km: China 170 km, "
            "Kyrgyzstan 250 km and Uzbekistan 60 km.",
            [
                (CKU, "length", "480", ""),
                (CKU, "section_length", "170", "China"),
                (CKU, "section_length", "60", "Uzbekistan"),
            ],
            [(CKU, "length", "170", ""), (CKU, "length", "250", "")],
            id="countries written before their figures",
        ),
        pytest.param(
            "The China–Kyrgyzstan–Uzbekistan railway (480 km) has a Kyrgyz leg of 250 km.",
            [(CKU, "length", "480", ""), (CKU, "section_length", "250", "Kyrgyzstan")],
            [(CKU, "section_length", "480", "Kyrgyzstan")],
            id="a figure in brackets after the name is the whole's",
        ),
        pytest.param(
            "Kyrgyzstan's stretch of the China–Kyrgyzstan–Uzbekistan railway should be about "
            "250 km long.",
            [(CKU, "section_length", "250", "Kyrgyzstan")],
            [(CKU, "length", "250", "")],
            id="a country's own stretch, possessive",
        ),
        pytest.param(
            "The part of the China–Kyrgyzstan–Uzbekistan railway that crosses Kyrgyzstan will be "
            "250 km long.",
            [(CKU, "section_length", "250", "Kyrgyzstan")],
            [(CKU, "length", "250", "")],
            id="the part of the named line that crosses a country",
        ),
        pytest.param(
            "The China–Kyrgyzstan–Uzbekistan railway will run 480 km. The Chinese part is 170 km "
            "long, the one across Kyrgyz territory 250 km, and the Uzbek part 60 km.",
            [
                (CKU, "section_length", "170", "China"),
                (CKU, "section_length", "250", "Kyrgyzstan"),
                (CKU, "section_length", "60", "Uzbekistan"),
            ],
            [(CKU, "section_length", "250", "China")],
            id="each figure takes the section named nearest before it",
        ),
        pytest.param(
            "The Middle Corridor grows. The Baku–Tbilisi–Kars railway, which joins Azerbaijan, "
            "Georgia and Turkey, is a core part of the Middle Corridor.",
            [],
            [(TITR, "countries", "Azerbaijan;Georgia;Turkey", "")],
            id="a component's countries are not the route's",
        ),
        pytest.param(
            "Work goes on along the China–Kyrgyzstan–Uzbekistan railway. Of its 480 km, 250 km "
            "will run through Kyrgyzstan, where most tunnels are.",
            [(CKU, "length", "480", ""), (CKU, "section_length", "250", "Kyrgyzstan")],
            [],
            id="'of its N km': a split of the topic's own length",
        ),
        pytest.param(
            "The Middle Corridor runs through Kazakhstan, Azerbaijan and Georgia.",
            [],
            [(TITR, "countries", "Kazakhstan;Azerbaijan;Georgia", "")],
            id="a list with neither end said is partial (convention 3)",
        ),
        pytest.param(
            "The Turkmenistan–China gas pipeline runs through Turkmenistan, Uzbekistan, "
            "Kazakhstan and China.",
            [(CACGP, "countries", "Turkmenistan;Uzbekistan;Kazakhstan;China", "")],
            [],
            id="a list from one end of its name to the other is whole",
        ),
        pytest.param(
            "The three countries of Kazakhstan, Azerbaijan and Georgia signed a plan for the "
            "Middle Corridor.",
            [],
            [(TITR, "countries", "Kazakhstan;Azerbaijan;Georgia", "")],
            id="the countries a list names as signing are parties, no route",
        ),
        pytest.param(
            "On the China–Kyrgyzstan–Uzbekistan railway seven tunnels have been bored so far.",
            [],
            [(CKU, "tunnels", "7", "")],
            id="tunnels done so far are progress, not the line's count",
        ),
        pytest.param(
            "Builders of the China–Kyrgyzstan–Uzbekistan railway have completed 11 bridges.",
            [],
            [(CKU, "bridges", "11", "")],
            id="bridges completed are progress",
        ),
        pytest.param(
            "The China–Kyrgyzstan–Uzbekistan railway calls for some 45 tunnels and 85 bridges.",
            [(CKU, "tunnels", "45", ""), (CKU, "bridges", "85", "")],
            [],
            id="the structures the line needs are its counts",
        ),
    ],
)
def test_countries_and_sections_in_a_report(fixture_raw, text: str, present, absent) -> None:
    found = _propose(fixture_raw, text)
    for item in present:
        assert item in found
    for item in absent:
        assert item not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "the 6,000 km of the Lanzhou (Main) – Urumqi – Aktau – Baku – Tbilisi line",
            "Lanzhou–Tbilisi",
            id="a chain of stops with spaced dashes: its two ends",
        ),
        pytest.param("the Xi'an-Baku train", "Xi'an–Baku", id="two names joined"),
    ],
)
def test_a_stretch_named_by_its_stops(text: str, expected: str) -> None:
    assert scopes.stretch(text) == expected
