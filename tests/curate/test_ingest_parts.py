"""Parts of a system and the whole (issue 18): a new line, a section and the whole are read apart,
a country list is read to its end, and only a stated reading of like and like is flagged as a
disagreement. Every text and system here is written for these tests.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from corridors.curate.ingest import crossings, known, parts
from corridors.curate.ingest.flags import bounds_overlap
from corridors.curate.ingest.propose import propose
from corridors.curate.ingest.values import Context, read_values

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


def _systems(part: bool) -> list[known.System]:
    rail = known.System(
        "rw", "Plains railway", {"railway"}, [("Plains railway", "test")], [],
        ["Aland", "Borea", "Elbonia"],
    )  # fmt: skip
    return [*_pipeline(part), rail]


def _read(text: str, part: bool = True) -> set[tuple[str, str, str]]:
    rows = propose("961_parts.txt", text, _systems(part), ACCEPTED, "2024-05-02", COUNTRIES)  # type: ignore[arg-type]
    return {(r["corridor"], r["field"], r["value"]) for r in rows if r["field"] != "name"}


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "The Steppe gas pipeline will run from Aland through Borea, Cimbria and Dacia to "
            "Elbonia and should be finished in 2031.",
            {("gp-line-d", "countries", "Aland;Borea;Cimbria;Dacia;Elbonia"),
             ("gp-line-d", "completion_date", "2031")},
            {("gp", "completion_date", "2031")},
            id="the whole's name with a route through new countries: the next line",
        ),
        pytest.param(
            "The Steppe gas pipeline opened years ago. The section in Dacia alone will need 30 "
            "tunnels.",
            {("gp-line-d", "tunnels", "30")},
            {("gp", "tunnels", "30")},
            id="a section in a country no line crosses, leaning on the topic",
        ),
        pytest.param(
            "Its longest section will cross Cimbria, the Steppe gas pipeline's builders say, "
            "at a cost of $2 billion.",
            {("gp-line-d", "cost", "2000000000")},
            {("gp", "cost", "2000000000")},
            id="said to cross a new country",
        ),
        pytest.param(
            "The Steppe gas pipeline runs from Aland through Borea and Fenwick to Elbonia and "
            "cost $2 billion.",
            {("gp", "countries", "Aland;Borea;Fenwick;Elbonia"), ("gp", "cost", "2000000000")},
            set(),
            id="its own countries: the whole",
        ),
        pytest.param(
            "The Plains railway will run through Cimbria and cost $2 billion.",
            {("rw", "cost", "2000000000")},
            set(),
            id="a system without lettered lines is never split",
        ),
        pytest.param(
            "Lines A, B and C of the Steppe gas pipeline cross Aland, Borea and Cimbria and carry "
            "50 bcm a year.",
            {("gp", "capacity", "50")},
            {("gp-line-d", "capacity", "50")},
            id="lines named by their letters stay what they are",
        ),
        pytest.param(
            "The Steppe gas pipeline has three lines. Leaders broke ground on the network's "
            "fourth section, which will carry 20 bcm a year.",
            {("gp-line-d", "capacity", "20")},
            {("gp", "capacity", "20")},
            id="the fourth section of a three-line system: the next line",
        ),
        pytest.param(
            "Crews started on the 4th string of the Steppe gas pipeline. It will carry 20 bcm a "
            "year.",
            {("gp-line-d", "capacity", "20")},
            {("gp", "capacity", "20")},
            id="an ordinal written as a digit",
        ),
        pytest.param(
            "The Steppe gas pipeline's third section will carry 20 bcm a year.",
            set(),
            {("gp-line-c", "capacity", "20"), ("gp-line-d", "capacity", "20")},
            id="the third section of a system with a drawn Line C: a stretch of works",
        ),
    ],
)  # fmt: skip
def test_a_part_named_by_where_it_runs_or_its_ordinal(text: str, present: set, absent: set) -> None:
    found = _read(text)
    assert present <= found
    assert not absent & found


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "At just 800 km, Line D will be the shortest part of the network.",
            ("length", "800", ""),
            id="a section noun said of the subject is no section",
        ),
        pytest.param(
            "The part in Borea is 300 km long.",
            ("section_length", "300", "Borea"),
            id="a section named by its country",
        ),
        pytest.param(
            "Across three countries it spans 1,200 km and joins another 4,000 km of pipe in Elbonia.",
            ("length", "1200", ""),
            id="another N km is more of something else",
        ),
        pytest.param(
            "The grid adds a further 600 km of pipe.",
            None,
            id="a further N km is no length",
        ),
    ],
)
def test_lengths_of_parts_and_of_other_things(sentence: str, expected) -> None:
    ctx = Context("2024-05-02", COUNTRIES, [])
    found = [(v.field, v.value, v.scope) for v in read_values(sentence, ctx)]
    found = [f for f in found if f[0] in ("length", "section_length")]
    assert found == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("accepted", "proposed", "overlap"),
    [
        pytest.param(("3600", "over"), ("1900", "over"), True, id="two lower bounds"),
        pytest.param(("3600", ""), ("1900", "over"), True, id="a value above a lower bound"),
        pytest.param(("1500", ""), ("1900", "over"), False, id="a value below a lower bound"),
        pytest.param(("40", "up to"), ("35", ""), True, id="a value under a ceiling"),
        pytest.param(("40", ""), ("35", ""), False, id="two exact values"),
        pytest.param(("40", ""), ("40", "about"), True, id="about the same"),
        pytest.param(("40", "since"), ("35", ""), False, id="an unknown qualifier"),
    ],
)
def test_bounds_that_leave_room_for_both_never_disagree(accepted, proposed, overlap) -> None:
    a = {"value": accepted[0], "qualifier": accepted[1], "unit": "km"}
    b = {"value": proposed[0], "qualifier": proposed[1], "unit": "km"}
    assert bounds_overlap(a, b) is overlap


def _chained() -> known.System:
    """A pipeline also known by its end countries ("Aland-Elbonia gas pipeline")."""
    return known.System(
        "gp", "Steppe gas pipeline", {"pipeline"},
        [("Steppe gas pipeline", "test"), ("Aland-Elbonia gas pipeline", "test")], [],
        ["Aland", "Borea", "Fenwick", "Elbonia"],
        features={"Line A": "gp-line-a", "Line B": "gp-line-b", "Line C": "gp-line-c"},
    )  # fmt: skip


@pytest.mark.parametrize(
    ("phrase", "country"),
    [
        pytest.param("Borea-Elbonia gas pipeline", "Borea", id="a later start, the same end"),
        pytest.param("the 400km Fenwick–Elbonia gas pipeline", "Fenwick", id="a glued length"),
        pytest.param("Aland-Elbonia gas pipeline", "", id="the whole's own name"),
        pytest.param("Cimbria-Elbonia gas pipeline", "", id="a country it does not cross"),
        pytest.param("Borea-Fenwick gas pipeline", "", id="another end: not a stretch to it"),
        pytest.param("Elbonia gas pipeline", "", id="one country is no chain"),
    ],
)
def test_a_stretch_named_by_countries_is_a_section(phrase: str, country: str) -> None:
    assert parts.chain_section(phrase, _chained(), set(COUNTRIES)) == country


def test_a_system_known_only_by_its_ends_is_never_split() -> None:
    """With only its two ends known, a country in its middle is news of the system, not of a
    new line."""
    ends = known.System(
        "gp", "Steppe gas pipeline", {"pipeline"}, [("Steppe gas pipeline", "test")], [],
        ["Aland", "Elbonia"],
        features={"Line A": "gp-line-a", "Line B": "gp-line-b", "Line C": "gp-line-c"},
    )  # fmt: skip
    text = "It runs from Aland through Borea and Cimbria to Elbonia."
    assert parts.foreign_country(text, ends, set(COUNTRIES)) == ""
    assert parts.foreign_country(text, _pipeline()[0], set(COUNTRIES)) == "Cimbria"


def _with_line_d() -> list[known.System]:
    gas, line_d = _pipeline(True)
    gas = known.System(
        gas.id, gas.name, gas.kinds, [*gas.names, ("Aland-Elbonia gas pipeline", "test")],
        gas.places, gas.countries, features=gas.features,
    )  # fmt: skip
    return [gas, line_d]


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "Line D of the Steppe gas pipeline will cross Aland, Borea, Cimbria and Dacia.",
            set(),
            {("gp-line-d", "countries", "Aland;Borea;Cimbria;Dacia")},
            id="a new line's list that stops short of the end: partial",
        ),
        pytest.param(
            "Following the Aland-Borea-Cimbria-Elbonia route, Line D of the Steppe gas pipeline "
            "will carry 20 bcm a year.",
            {("gp-line-d", "countries", "Aland;Borea;Cimbria;Elbonia"),
             ("gp-line-d", "capacity", "20")},
            set(),
            id="the countries of the route it runs along",
        ),
        pytest.param(
            "The Steppe gas pipeline opened long ago. Crews have started building the hardest "
            "stretch of the Steppe gas pipeline.",
            set(),
            {("gp", "status", "under_construction")},
            id="works on a stretch of the whole: no stage of the whole",
        ),
        pytest.param(
            "Crews have started building the Steppe gas pipeline.",
            {("gp", "status", "under_construction")},
            set(),
            id="works on the whole: its stage",
        ),
    ],
)  # fmt: skip
def test_what_a_part_takes(text: str, present: set, absent: set) -> None:
    rows = propose("962_parts.txt", text, _with_line_d(), ACCEPTED, "2024-05-02", COUNTRIES)  # type: ignore[arg-type]
    found = {(r["corridor"], r["field"], r["value"]) for r in rows}
    assert present <= found
    assert not absent & found


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "Steppe gas pipeline (Line D)\n\nKey facts\n\nLocation: Aland, Borea, Cimbria and "
            "Elbonia\n\nStatus: under construction\n",
            {("gp-line-d", "countries", "Aland;Borea;Cimbria;Elbonia"),
             ("gp-line-d", "status", "under_construction")},
            set(),
            id="the lines of a profile page are its subject's fields",
        ),
        pytest.param(
            "Steppe gas pipeline (Line D)\n\nOfficials say crews are under construction "
            "pressure.\n",
            set(),
            {("gp-line-d", "status", "under_construction")},
            id="a sentence that only leans on the page's subject gives it no stage",
        ),
    ],
)  # fmt: skip
def test_a_profile_page(text: str, present: set, absent: set) -> None:
    rows = propose("963_parts.txt", text, _with_line_d(), ACCEPTED, "2023-02-07", COUNTRIES)  # type: ignore[arg-type]
    found = {(r["corridor"], r["field"], r["value"]) for r in rows}
    assert present <= found
    assert not absent & found


@pytest.mark.parametrize(
    ("phrase", "letters"),
    [
        pytest.param("made of four sections, called A, B, C and D", ["A", "B", "C", "D"], id="counted sections, called"),
        pytest.param("its two parallel lines, known as A and B", ["A", "B"], id="known as"),
        pytest.param("the works cover sections A and B", None, id="uncounted sections: stretches"),
    ],
)  # fmt: skip
def test_lettered_sections_are_lines(phrase: str, letters) -> None:
    m = known.LINE_LIST.search(phrase)
    assert (known.listed_lines(m.group()) if m else None) == letters


@pytest.mark.parametrize(
    ("phrase", "label"),
    [
        pytest.param("D section", "Line D", id="letter then section"),
        pytest.param("E-string", "Line E", id="letter then string"),
        pytest.param("A section", "A section", id="an article is no letter"),
    ],
)
def test_letter_first_labels(phrase: str, label: str) -> None:
    assert known.normal_label(phrase) == label


@pytest.mark.parametrize(
    ("text", "country"),
    [
        pytest.param("It will carry gas through Tajik territory.", "Tajikistan", id="territory"),
        pytest.param("Its pipes are laid on Kyrgyz soil.", "Kyrgyzstan", id="soil"),
        pytest.param("It runs on Uzbek soil.", "", id="a country its lines cross"),
    ],
)
def test_a_country_named_by_its_adjective_and_territory(text: str, country: str) -> None:
    """ "Across Tajik territory" puts the line in Tajikistan as "across Tajikistan" does."""
    real = known.System(
        "gp", "Steppe gas pipeline", {"pipeline"}, [("Steppe gas pipeline", "test")], [],
        ["Turkmenistan", "Uzbekistan", "Kazakhstan", "China"],
        features={"Line A": "gp-line-a", "Line B": "gp-line-b", "Line C": "gp-line-c"},
    )  # fmt: skip
    names = {"Turkmenistan", "Uzbekistan", "Kazakhstan", "China", "Tajikistan", "Kyrgyzstan"}
    assert parts.foreign_country(text, real, names) == country
