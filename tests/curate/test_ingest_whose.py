"""Whose figure it is (issue 18): a part's, the whole's, or a thing's that is part of a mapped
system or no infrastructure at all. Every text and system here is written for these tests.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from corridors.curate.ingest import known
from corridors.curate.ingest.propose import propose

COUNTRIES = ["Aland", "Borea", "Cimbria", "Dacia", "Elbonia", "Fenwick"]


def _pipeline() -> list[known.System]:
    """A gas pipeline from Aland through Borea and Fenwick to Elbonia with drawn Lines A, B and
    C, and a listed (undrawn) Line D."""
    gas = known.System(
        "gp", "Steppe gas pipeline", {"pipeline"}, [("Steppe gas pipeline", "test")], [],
        ["Aland", "Borea", "Fenwick", "Elbonia"],
        features={"Line A": "gp-line-a", "Line B": "gp-line-b", "Line C": "gp-line-c"},
    )  # fmt: skip
    line_d = known.System(
        "gp-line-d", "Steppe gas pipeline, Line D", {"pipeline"},
        [("Steppe gas pipeline, Line D", "test")], [], [], mapped=False, part_of="gp",
        label="Line D",
    )  # fmt: skip
    return [gas, line_d]


def _claim(ident: str, field: str, value: str, unit: str = "") -> dict[str, str]:
    row = dict.fromkeys(("feature", "qualifier", "period", "scope", "quote", "note"), "")
    row["source"] = "fixture.txt"
    return row | {"id": ident, "corridor": "gp", "field": field, "value": value, "unit": unit}


ACCEPTED = SimpleNamespace(
    claims=SimpleNamespace(
        rows=[
            _claim("gp-length-1", "length", "2100", "km"),
            _claim("gp-capacity-1", "capacity", "50", "bcm/year"),
        ]
    )
)


def _read(text: str, systems: list[known.System] | None = None) -> set[tuple[str, str, str]]:
    rows = propose("970_whose.txt", text, systems or _pipeline(), ACCEPTED, "2024-05-02", COUNTRIES)  # type: ignore[arg-type]
    return {(r["corridor"], r["field"], r["value"]) for r in rows if r["field"] != "name"}


@pytest.mark.parametrize(
    ("phrase", "label"),
    [
        pytest.param("line D", "Line D", id="lower case line"),
        pytest.param("branch E", "Line E", id="branch and a letter"),
        pytest.param("Pipeline D", "Line D", id="pipeline and a letter"),
        pytest.param('line "D"', "Line D", id="a quoted letter"),
        pytest.param("strand F", "Line F", id="strand"),
        pytest.param("Phase 2", "Phase 2", id="a phase stays a phase"),
    ],
)
def test_the_words_a_lettered_line_goes_by(phrase: str, label: str) -> None:
    assert known.PART_LABEL.fullmatch(phrase) is not None
    assert known.normal_label(phrase) == label


@pytest.mark.parametrize(
    "phrase",
    [
        pytest.param("line 2", id="a digit in lower case"),
        pytest.param("the line A-B", id="a span between two places"),
        pytest.param("a line I drew", id="a pronoun"),
    ],
)
def test_what_is_no_lettered_line(phrase: str) -> None:
    assert all(
        known.normal_label(m.group()) == m.group() or m.group("word")
        for m in known.PART_LABEL.finditer(phrase)
    )
    assert not any(m.group("lid") for m in known.PART_LABEL.finditer(phrase))


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "The Steppe gas pipeline carries gas to Elbonia. Work on line D started in March "
            "2019; it will cost $4 billion. The project should be completed by 2027.",
            {("gp-line-d", "start_date", "2019-03"), ("gp-line-d", "cost", "4000000000"),
             ("gp-line-d", "completion_date", "2027")},
            {("gp", "cost", "4000000000"), ("gp", "completion_date", "2027")},
            id="a lower-case label keeps the paragraph on the part",
        ),
        pytest.param(
            "Branch D of the Steppe gas pipeline is designed for 25 bcm a year.",
            {("gp-line-d", "capacity", "25")},
            {("gp", "capacity", "25")},
            id="branch and a letter",
        ),
        pytest.param(
            "Line D was to carry 25 bcm a year. The three strings working now (A, B, C) run "
            "from Aland to Elbonia through Borea and Fenwick.",
            {("gp", "lines", "A;B;C"), ("gp", "countries", "Aland;Borea;Fenwick;Elbonia")},
            {("gp-line-d", "countries", "Aland;Borea;Fenwick;Elbonia")},
            id="counted strings lettered in brackets are the whole",
        ),
    ],
)  # fmt: skip
def test_a_part_by_its_label(text: str, present: set, absent: set) -> None:
    found = _read(text)
    assert present <= found
    assert not absent & found


def _corridor_and_pipe() -> list[known.System]:
    """A multimodal corridor drawn through Orsk, Tarven, Kelm, Marov and the port town of
    Zalesk, and a gas pipeline from Aland through Borea into China."""
    corridor = known.System(
        "sc", "Steppe Corridor", {"corridor"}, [("Steppe Corridor", "test")],
        ["Orsk", "Tarven-Cargo", "Kelm", "Marov", "Zalesk", "Zalesk Sea Port"],
        ["Aland", "Borea"],
    )  # fmt: skip
    pipe = known.System(
        "np", "North gas pipeline", {"pipeline"}, [("North gas pipeline", "test")], [],
        ["Aland", "Borea", "China"],
    )  # fmt: skip
    return [corridor, pipe]


def _listed(text: str) -> set[str]:
    """What a text lists as mentioned, not mapped."""
    rows = propose(
        "971_whose.txt", text, _corridor_and_pipe(), ACCEPTED, "2024-05-02", [*COUNTRIES, "China"]
    )  # type: ignore[arg-type]
    return {r["value"] for r in rows if not r["corridor"]}


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        pytest.param("Freight on the Steppe Corridor grew. Zalesk port handled more ships.", set(),
                     id="a port at a place of the corridor"),
        pytest.param("Goods cross the Steppe Corridor. Kazakh investors keep the Zalesk oil "
                     "terminal.", set(), id="a terminal at a place of the corridor"),
        pytest.param("The Orsk-Tarven-Kelm (OTK) railway is part of the Steppe Corridor. The OTK "
                     "railway was upgraded.", set(), id="a line between its places, and its initials"),
        pytest.param("A company will run the OTK railway, the Steppe Corridor's link, named the "
                     "Orsk-Tarven-Kelm (OTK) line by its builders.", set(),
                     id="initials used before the article spells them out"),
        pytest.param("Borea's Ministry said the Borea-China gas pipeline is finished.", set(),
                     id="a country's stretch of the pipeline into China"),
        pytest.param("The Trans-Borea gas pipeline carried more gas.", set(),
                     id="trans and a country it crosses"),
        pytest.param("Work on the Orsk-Pelm motorway goes on beside the Steppe Corridor.",
                     {"Orsk-Pelm motorway"}, id="a road is no part of a rail corridor"),
        pytest.param("The Kelm-Marov motorway is being widened.", {"Kelm-Marov motorway"},
                     id="a road between the corridor's towns is still a road"),
        pytest.param("The Borea-China oil pipeline runs beside it.", {"Borea-China oil pipeline"},
                     id="an oil pipeline beside a gas one is another pipeline"),
        pytest.param("The Cimbria-China gas pipeline is planned.", {"Cimbria-China gas pipeline"},
                     id="a country the pipeline does not cross names another one"),
        pytest.param("The Orsk-Nova railway will open.", {"Orsk-Nova railway"},
                     id="a line to a town off the corridor is a new line"),
    ],
)  # fmt: skip
def test_parts_of_mapped_systems_are_never_listed(text: str, listed: set[str]) -> None:
    assert _listed(text) == listed


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        pytest.param("The works are done by Steppe Pipeline Engineering.", set(), id="engineering"),
        pytest.param("Orsk Gas Pipeline LLP will build it.", set(), id="a partnership"),
        pytest.param("A joint railway venture will run freight.", set(), id="a venture"),
        pytest.param("The Pelm-Nova Railway Express runs weekly.", set(), id="a train service"),
        pytest.param("Nova Gas Pipeline, the joint venture of two firms, built it.", set(),
                     id="named, then said to be a venture"),
        pytest.param("The Borean operator Pelm-Nova Railway joined.", set(),
                     id="an operator before its name"),
        pytest.param("He heads Nova Gas Pipeline these days.", set(), id="who heads it"),
        pytest.param("Crews dug a tunnel and two bridges.", set(), id="unnamed structures"),
        pytest.param("The line feeds a China-bound pipeline.", set(), id="where it goes, no name"),
    ],
)  # fmt: skip
def test_organisations_and_descriptions_are_never_listed(text: str, listed: set[str]) -> None:
    assert _listed(text) == listed


def test_a_company_founded_on_a_date_gives_the_project_no_date() -> None:
    text = (
        "The North gas pipeline opened long ago. The project is run by Nova Gas Pipeline LLP, "
        "set up in March 2006 by two firms."
    )
    rows = propose(
        "972_whose.txt", text, _corridor_and_pipe(), ACCEPTED, "2024-05-02", [*COUNTRIES, "China"]
    )  # type: ignore[arg-type]
    assert not [r for r in rows if r["field"].endswith("_date")]


def _gas() -> list[known.System]:
    """A gas pipeline named after its region, across Aland and Borea into China."""
    return [
        known.System(
            "cg", "Inner Steppe–China gas pipeline", {"pipeline"},
            [("Inner Steppe–China gas pipeline", "test")], [], ["Aland", "Borea", "China"],
        )
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "Borea has finished its part of the pan-Inner Steppe pipeline. Work elsewhere goes "
            "on.",
            {("cg", "name", "pan-Inner Steppe pipeline")}, set(),
            id="the region words of its name",
        ),
        pytest.param(
            "The Inner Steppe–China gas pipeline is being built. Next year the company expects "
            "to carry 4 bcm.",
            set(), {("cg", "target", "4"), ("cg", "traffic", "4"), ("cg", "capacity", "4")},
            id="what the company expects to carry is its own",
        ),
    ],
)  # fmt: skip
def test_names_and_companies(text: str, present: set, absent: set) -> None:
    rows = propose("973_whose.txt", text, _gas(), ACCEPTED, "2024-05-02", [*COUNTRIES, "China"])  # type: ignore[arg-type]
    found = {(r["corridor"], r["field"], r["value"]) for r in rows}
    assert present <= found
    assert not absent & found


def test_a_single_region_word_is_a_company_not_the_system() -> None:
    from corridors.curate.ingest.components import region_alias

    assert region_alias("Steppe", "pipeline", _gas()) is None
    assert region_alias("pan-Inner Steppe", "pipeline", _gas()) is not None


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "Line D of the Steppe gas pipeline is 900 km long in all, 700 km of it outside "
            "Elbonia.",
            {("gp-line-d", "length", "900")},
            {("gp-line-d", "length", "700"), ("gp-line-d", "section_length", "700")},
            id="a portion outside a country is no section",
        ),
        pytest.param(
            "Line D of the Steppe gas pipeline runs 900 km, 400 km of it in Cimbria.",
            {("gp-line-d", "length", "900"), ("gp-line-d", "section_length", "400")},
            {("gp-line-d", "length", "400")},
            id="a portion in one country is its section",
        ),
        pytest.param(
            "When Line D is working, the Steppe gas pipeline will deliver 80 bcm a year.",
            set(),
            {("gp-line-d", "capacity", "80"), ("gp", "capacity", "80"), ("gp", "target", "80")},
            id="the whole once a part works, no year: nothing",
        ),
        pytest.param(
            "Once Line C's pumping stations are done by the end of 2026, the Steppe gas "
            "pipeline as a whole will carry 60 bcm a year.",
            {("gp", "target", "60")},
            {("gp", "capacity", "60")},
            id="the whole once a part is done, with a year: its target",
        ),
        pytest.param(
            "The Steppe gas pipeline has a fourth line. Line D is planned. Once built, it will "
            "carry 20 bcm a year.",
            {("gp-line-d", "capacity", "20")},
            {("gp", "capacity", "20"), ("gp", "target", "20")},
            id="once the part is built, it: still the part",
        ),
        pytest.param(
            "Line D of the Steppe gas pipeline is designed for 20 bcm a year. After lines A, B "
            "and C it is one more artery for gas.",
            {("gp-line-d", "capacity", "20"), ("gp", "lines", "A;B;C")},
            {("gp-line-d", "lines", "A;B;C")},
            id="lines named in passing beside a new one: the whole's (convention 8)",
        ),
    ],
)  # fmt: skip
def test_the_whole_and_its_parts(text: str, present: set, absent: set) -> None:
    found = _read(text)
    assert present <= found
    assert not absent & found


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        pytest.param(
            "Since the Orsk-Nova train service began in 2016, the Steppe Corridor has grown.",
            {("sc", "opening_date", "2016"), ("sc", "start_date", "2016")},
            id="a train service's start",
        ),
        pytest.param(
            "Traffic on the Steppe Corridor rose after the border war broke out in 2021.",
            {("sc", "start_date", "2021"), ("sc", "opening_date", "2021")},
            id="a war's start",
        ),
    ],
)  # fmt: skip
def test_dates_of_events_and_services_are_theirs(text: str, absent: set) -> None:
    rows = propose(
        "974_whose.txt", text, _corridor_and_pipe(), ACCEPTED, "2024-05-02", [*COUNTRIES, "China"]
    )  # type: ignore[arg-type]
    assert not absent & {(r["corridor"], r["field"], r["value"]) for r in rows}


def test_the_event_rule_needs_the_verb_of_the_date() -> None:
    from corridors.curate.ingest.owners import event_of_other

    text = "The railway opened in 2015, long after talks began."
    assert not event_of_other(text, text.index("opened"), "opening_date")


def test_a_tunnel_on_a_route_is_a_structure_of_the_line() -> None:
    text = "The Steppe Corridor is busy. The tunnel will run 12 km from Orsk to Tarven."
    assert _listed(text) == set()
