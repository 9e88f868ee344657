"""Which system a report is about, by the names real reporting uses: spellings of place names,
a place after the head ("the dry port at X"), a name after its head, a country's possessive,
initials an article defines, and the names that must NOT pull a figure to a system.

Every sentence is made up for these tests, about the fixture's systems.
"""

from __future__ import annotations

import pytest

from corridors.curate import ingest
from corridors.curate.ingest import known, mentions, sentences

CKU, CACGP, TITR, PORT = "cku-railway", "cacgp", "titr", "khorgos-dry-port"


def _mentions(raw, text: str) -> list[mentions.Mention]:
    sents = sentences.sentences(text)
    found = mentions.find_mentions(
        text, sents, ingest.systems(raw), ingest.country_names(raw.datadir)
    )
    return found


@pytest.mark.parametrize(
    ("word", "other"),
    [
        pytest.param("Khorgos", "Horgos", id="Khorgos is Horgos"),
        pytest.param("Horgos", "Khorgas", id="any spelling gives every other"),
        pytest.param("huoerguosi", "Khorgos", id="pinyin, any case"),
        pytest.param("Kashi", "Kashgar", id="Kashi is Kashgar"),
        pytest.param("Andijon", "Andijan", id="Uzbek Latin"),
    ],
)
def test_spellings_of_a_place(word: str, other: str) -> None:
    assert other in known.spellings(word)


def test_a_word_without_other_spellings_is_itself() -> None:
    assert known.spellings("Shymkent") == ("Shymkent",)


@pytest.mark.parametrize(
    ("name", "respelled"),
    [
        pytest.param("Khorgos dry port", "Horgos dry port", id="a place word respelled"),
        pytest.param("Kashgar–Andijan railway", "Kashi–Andijan railway", id="one word at a time"),
    ],
)
def test_names_in_other_spellings(name: str, respelled: str) -> None:
    assert respelled in known.respelled(name)


@pytest.mark.parametrize(
    ("place", "core"),
    [
        pytest.param("Kashgar railway station", "Kashgar", id="a station"),
        pytest.param("Torugart Pass", "Torugart", id="a pass"),
        pytest.param("Port of Kuryk", "Kuryk", id="port of"),
        pytest.param("Poti Sea Port", "Poti", id="sea port"),
        pytest.param("Baku International Sea Trade Port", "Baku", id="a long port name"),
        pytest.param("Caspian Sea", "", id="a sea is a place of its own"),
        pytest.param("Andijan", "", id="a bare place"),
    ],
)
def test_the_place_a_waypoint_is_at(place: str, core: str) -> None:
    assert known.place_core(place) == core


@pytest.mark.parametrize(
    ("text", "system"),
    [
        pytest.param("The Horgos dry port moved more boxes.", PORT, id="Chinese spelling"),
        pytest.param("The Khorgas inland port moved more boxes.", PORT, id="inland port"),
        pytest.param("The dry port at Khorgos moved more boxes.", PORT, id="the X at Y"),
        pytest.param(
            "Kazakhstan's dry port at Korgas moved more boxes.", PORT, id="possessive, at, spelling"
        ),
        pytest.param(
            "The dry port of the Khorgos-Eastern Gate economic zone moved more boxes.",
            PORT,
            id="the X of the zone at Y",
        ),
        pytest.param(
            "The dry port in the Khorgos - Eastern Gate zone moved more boxes.",
            PORT,
            id="the X in the zone at Y",
        ),
        pytest.param("Dry Port At Khorgos Moves More Boxes", PORT, id="a title in capitals"),
        pytest.param("The Kazakh dry port moved more boxes.", PORT, id="a country's dry port"),
        pytest.param("The Kashi–Andijon railway got its loan.", CKU, id="ends respelled"),
        pytest.param("The Andijan-Kashgar railway got its loan.", CKU, id="ends in any order"),
        pytest.param(
            "The railway line China – Kyrgyzstan – Uzbekistan got its loan.",
            CKU,
            id="name after its head",
        ),
        pytest.param(
            "The gas pipeline Central Asia – China pumped more gas.",
            CACGP,
            id="pipeline, name after its head",
        ),
        pytest.param(
            "The China–Europe route via the Caspian carried more freight.",
            TITR,
            id="a route by its ends and the sea it crosses",
        ),
    ],
)
def test_a_system_by_the_names_reports_use(fixture_raw, text: str, system: str) -> None:
    assert system in {m.system for m in _mentions(fixture_raw, text)}


def test_initials_the_article_defines(fixture_raw) -> None:
    text = (
        "The Central Asia-China Gas Pipeline (CAPL) turned ten. "
        "Last year CAPL pumped more gas than ever."
    )
    found = [m for m in _mentions(fixture_raw, text) if m.phrase == "CAPL"]
    assert [(m.sentence, m.system) for m in found] == [(1, CACGP)]  # the bracket is its name's
    assert "initials the article gives it" in found[-1].reason


def test_initials_inside_a_name(fixture_raw) -> None:
    text = "The Uzbekistan-Kyrgyzstan-China (UKR) railway got a loan. UKR will cost more."
    found = [m.system for m in _mentions(fixture_raw, text) if m.system]
    assert found == [CKU, CKU]


def test_a_company_s_initials_are_not_a_system_s(fixture_raw) -> None:
    text = "Kazakhstan Temir Zholy (KTZ) runs the Khorgos dry port. KTZ said so."
    assert {m.system for m in _mentions(fixture_raw, text) if m.phrase == "KTZ"} == {None}


@pytest.mark.parametrize(
    ("text", "system"),
    [
        pytest.param(
            "Uzbekistan's railway network carried more freight.",
            CKU,
            id="a country's railways are its network",
        ),
        pytest.param(
            "The pipeline reaches the border at Horgos.", PORT, id="Horgos in a pipeline report"
        ),
        pytest.param(
            "Trains cross the border at Khorgos every day.", PORT, id="Khorgos, a crossing"
        ),
        pytest.param("The Kazakh terminal in Xi'an sent more trains.", PORT, id="another terminal"),
        pytest.param(
            "The Trans-Siberian route carried more boxes.", TITR, id="another trans route"
        ),
        pytest.param(
            "The railway in Kyrgyzstan needs more tunnels.", CKU, id="a country says where"
        ),
    ],
)
def test_a_partial_name_pulls_no_figure(fixture_raw, text: str, system: str) -> None:
    assert system not in {m.system for m in _mentions(fixture_raw, text)}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Dry Port News", id="a title's capitals"),
        pytest.param("Kazakhstan's dry port moved more boxes.", id="a country's possessive"),
        pytest.param("Uzbekistan's railway network carried more.", id="a country's network"),
        pytest.param("KTZE-Khorgos Gateway moved more boxes.", id="an operator's prefix"),
        pytest.param("The Khorgas dry port moved more boxes.", id="a spelling"),
        pytest.param("The dry port at Horgos moved more boxes.", id="the X at Y"),
    ],
)
def test_known_systems_and_descriptions_are_never_unmapped(fixture_raw, text: str) -> None:
    assert [m.phrase for m in _mentions(fixture_raw, text) if m.how == "unmapped"] == []


@pytest.mark.parametrize(
    ("text", "company"),
    [
        pytest.param(
            "Middle Corridor Multimodal Ltd booked more wagons.",
            "Middle Corridor Multimodal Ltd",
            id="a joint venture named after the route",
        ),
        pytest.param(
            "The TITR Logistics JSC booked more wagons.", "TITR Logistics JSC", id="initials + JSC"
        ),
    ],
)
def test_a_company_named_after_a_system_is_not_it(fixture_raw, text: str, company: str) -> None:
    found = _mentions(fixture_raw, text)
    assert [(m.phrase, m.how) for m in found if m.system is None] == [(company, "organisation")]
    assert [m.system for m in found if m.system] == []


def test_a_body_speaking_for_a_route_is_left_to_it(fixture_raw) -> None:
    text = "The Middle Corridor association plans to carry more freight."
    assert TITR in {m.system for m in _mentions(fixture_raw, text)}


@pytest.mark.parametrize(
    ("text", "how"),
    [
        pytest.param("The Kazakh railway reported more exports.", "route", id="a country's line"),
        pytest.param("The zone's dry port opened a second stage.", None, id="an owner's dry port"),
        pytest.param("The Kazakh port of Kuryk sent a ferry.", "unmapped", id="a named sea port"),
    ],
)
def test_a_description_by_whose_it_is(fixture_raw, text: str, how: str | None) -> None:
    found = _mentions(fixture_raw, text)
    assert [m.how for m in found if m.system is None] == ([how] if how else [])
    assert PORT not in {m.system for m in found}


@pytest.mark.parametrize(
    ("text", "system"),
    [
        pytest.param("Khorgos handled more boxes than ever.", PORT, id="the hub by its town"),
        pytest.param("Last year Horgos processed more boxes.", PORT, id="after a period, spelled"),
        pytest.param("Kashgar handled more freight.", None, id="a town on a line"),
        pytest.param("Khorgos is a border town.", None, id="no handling"),
        pytest.param("Trains for Khorgos handled more boxes.", None, id="not the subject"),
    ],
)
def test_a_facility_named_by_its_town(fixture_raw, text: str, system: str | None) -> None:
    found = {m.system for m in _mentions(fixture_raw, text) if m.system}
    assert found == ({system} if system else set())


@pytest.mark.parametrize(
    ("text", "system"),
    [
        pytest.param(
            "The China-Kazakhstan-Azerbaijan-Georgia-Türkiye route carried more freight.",
            TITR,
            id="a chain going on beyond the drawn ends, a country respelled",
        ),
        pytest.param(
            "The Uzbekistan-Kyrgyzstan-China railway got its loan.", CKU, id="countries reversed"
        ),
    ],
)
def test_a_system_named_by_its_countries_in_a_row(fixture_raw, text: str, system: str) -> None:
    assert system in {m.system for m in _mentions(fixture_raw, text)}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The Kyrgyzstan-China gas pipeline was shelved.", id="one country shared"),
        pytest.param(
            "The China-Kyrgyzstan-Tajikistan-Iran corridor opened.", id="none of its countries"
        ),
    ],
)
def test_a_chain_of_other_countries_is_another_system(fixture_raw, text: str) -> None:
    assert {m.system for m in _mentions(fixture_raw, text)} <= {None}


@pytest.mark.parametrize(
    ("text", "system"),
    [
        pytest.param(
            "PetroChina's Central Asia gas pipeline pumped more.", CACGP, id="a company's"
        ),
        pytest.param("KTZ's Khorgas dry port moved more boxes.", PORT, id="an operator's, spelled"),
    ],
)
def test_a_name_after_its_owner(fixture_raw, text: str, system: str) -> None:
    found = _mentions(fixture_raw, text)
    assert system in {m.system for m in found}
    assert "organisation" in {m.how for m in found}


def test_the_longest_name_wins(fixture_raw) -> None:
    text = "The Central Asia–China gas pipeline, Line D will need more money."
    found = [(m.phrase, m.system) for m in _mentions(fixture_raw, text) if m.system]
    assert found == [("Central Asia–China gas pipeline, Line D", "cacgp-line-d")]
