"""Which system or part a mention names when the text does not use the system's name (issue 18):
a new line named only by the countries it crosses is a line of the system whose ends it shares,
not another system. Every text and system here is written for these tests.
"""

from __future__ import annotations

import pytest

from corridors.curate.ingest import crossings, discourse, known, mentions, names, phrases
from corridors.curate.ingest.propose import propose
from corridors.curate.ingest.sentences import sentences

COUNTRIES = {"Aland", "Borea", "Cimbria", "Dacia", "Elbonia", "Fenwick"}


def _pipeline(part: bool = False) -> list[known.System]:
    """A gas pipeline from Aland through Borea to Elbonia with drawn Lines A, B and C, and a
    railway from Aland to Elbonia with no lettered lines; with ``part``, a listed Line D."""
    gas = known.System(
        "gp", "Steppe gas pipeline", {"pipeline"}, [("Steppe gas pipeline", "test")], [],
        ["Aland", "Borea", "Elbonia"],
        features={"Line A": "gp-line-a", "Line B": "gp-line-b", "Line C": "gp-line-c"},
    )  # fmt: skip
    rail = known.System(
        "rw", "Plains railway", {"railway"}, [("Plains railway", "test")], [],
        ["Aland", "Borea", "Elbonia"],
    )  # fmt: skip
    out = [gas, rail]
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


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        pytest.param("Aland-Cimbria-Dacia-Elbonia", "pipeline", ("gp", "Line D"), id="same ends, new middle"),
        pytest.param("Aland–Borea–Dacia–Elbonia", "pipeline", ("gp", "Line D"), id="en dashes"),
        pytest.param("Aland-Borea-Elbonia", "pipeline", None, id="every country on it: the system itself"),
        pytest.param("Dacia-Elbonia", "pipeline", None, id="two countries: only an end shared"),
        pytest.param("Cimbria-Dacia-Elbonia", "pipeline", None, id="starts elsewhere"),
        pytest.param("Aland-Cimbria-Fenwick", "pipeline", None, id="ends elsewhere"),
        pytest.param("Aland-Cimbria-Elbonia", "railway", None, id="no lettered lines to count on"),
        pytest.param("Aland-Cimbria-Elbonia", "highway", None, id="no system of that kind"),
        pytest.param("Aland-Steppe-Elbonia", "pipeline", None, id="a word that is no country"),
    ],
)  # fmt: skip
def test_a_country_chain_is_a_new_line(name: str, kind: str, expected) -> None:
    found = names.new_line_of(name, kind, _pipeline(), COUNTRIES)
    assert (found[0].id, found[1]) == expected if expected else found is None


def _read(text: str, part: bool) -> list[mentions.Mention]:
    known_ = _pipeline(part)
    sents = sentences(text)
    return discourse.read(sents, mentions.find_mentions(text, sents, known_, COUNTRIES), known_)


TEXT = (
    "Builders have started on the Borean stretch of the Aland-Cimbria-Dacia-Elbonia gas "
    "pipeline. The pipeline will be about 900 km long."
)


@pytest.mark.parametrize(
    ("part", "system", "parent"),
    [
        pytest.param(False, None, "gp", id="not listed: mentioned, not mapped, with its parent"),
        pytest.param(True, "gp-line-d", "gp", id="listed: the part itself"),
    ],
)
def test_the_chain_resolves_to_the_line(part: bool, system, parent: str) -> None:
    line = next(m for m in _read(TEXT, part) if m.route)
    assert (line.phrase, line.system, line.parent, line.how) == ("Line D", system, parent, "part")
    assert "next letter" in line.reason  # says how the letter was inferred
    assert line.system is None or line.confidence < 0.9


def test_the_listed_line_gets_the_countries_and_the_figures(fixture_raw) -> None:
    """The fixture's claims are of other ids: nothing here can disagree with them."""
    rows = propose("953_case.txt", TEXT, _pipeline(True), fixture_raw, "", sorted(COUNTRIES))
    found = {(r["corridor"], r["field"], r["value"]) for r in rows if r["corridor"]}
    assert ("gp-line-d", "countries", "Aland;Cimbria;Dacia;Elbonia") in found
    assert ("gp-line-d", "length", "900") in found
    assert not [r for r in rows if r["corridor"] == "gp" and r["field"] in ("length", "countries")]


MAP_COUNTRIES = ["Azerbaijan", "China", "Georgia", "Kazakhstan", "Poland", "Turkey", "Uzbekistan"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "From China it passes through Kazakhstan and Uzbekistan in Central Asia, then the "
            "Caspian Sea, Azerbaijan and Georgia on its way west.",
            "China;Kazakhstan;Uzbekistan;Azerbaijan;Georgia",
            id="a region said of a group does not end the list",
        ),
        pytest.param(
            "The service joins the railway networks of China, Kazakhstan, Georgia and Poland.",
            "China;Kazakhstan;Georgia;Poland",
            id="the networks of countries",
        ),
        pytest.param(
            "Freight crosses Kazakhstan, Azerbaijan, Georgia and Türkiye.",
            "Kazakhstan;Azerbaijan;Georgia;Turkey",
            id="a country by its own name for itself",
        ),
        pytest.param(
            "Trains cross Kazakhstan and Uzbekistan in May, then Azerbaijan and Georgia.",
            None,
            id="a month is no region: the list stops",
        ),
        pytest.param(
            "The new branch will bring Borean gas across Kazakhstan and Uzbekistan to China "
            "through two mountain districts.",
            "Borea;Kazakhstan;Uzbekistan;China",
            id="the carried gas's origin starts it; the way into its end is no stop",
        ),
        pytest.param(
            "It runs across Kazakhstan and Uzbekistan to China, then Poland.",
            None,
            id="a stop after the end goes on",
        ),
        pytest.param(
            "The plan links the rail networks of China and the European Union.",
            None,
            id="a union of countries is no country",
        ),
    ],
)
def test_listed_countries(sentence: str, expected: str | None, monkeypatch) -> None:
    monkeypatch.setitem(crossings.DEMONYMS, "Borean", "Borea")
    found = crossings.crossed(sentence, [*MAP_COUNTRIES, "Borea"])
    assert (found.value if found else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The Steppe gas pipeline is busy. Lines A and B have been running since 2011 and 2013.",
            {("gp-line-a", "opening_date", "2011"), ("gp-line-b", "opening_date", "2013")},
            id="one year each, in order",
        ),
        pytest.param(
            "The Steppe gas pipeline is busy. Lines A and B opened in 2011 and 2013 respectively.",
            {("gp-line-a", "opening_date", "2011"), ("gp-line-b", "opening_date", "2013")},
            id="respectively",
        ),
        pytest.param(
            "The Steppe gas pipeline is busy. Lines A and B have been running since 2011.",
            set(),
            id="one year for two lines: no one line's",
        ),
        pytest.param(
            "The Steppe gas pipeline is busy. Lines A and B carry 20 bcm a year between them.",
            set(),
            id="a figure of the lines together",
        ),
    ],
)
def test_one_figure_per_listed_line(fixture_raw, text: str, expected: set) -> None:
    rows = propose("954_case.txt", text, _pipeline(), fixture_raw, "", sorted(COUNTRIES))
    found = {(r["feature"], r["field"], r["value"]) for r in rows if r["feature"]}
    assert found == expected
    assert not [
        r
        for r in rows
        if (r["corridor"], r["feature"]) == ("gp", "")
        and r["field"] in ("opening_date", "capacity")
    ]


@pytest.mark.parametrize(
    ("before", "name", "expected"),
    [
        pytest.param("Last year ", "Steppe Gateway", "", id="no initials"),
        pytest.param("Last year ABCD-", "Steppe Gateway", "ABCD-Steppe Gateway", id="company initials glued"),
        pytest.param("Last year ABCD–", "Steppe Gateway", "ABCD–Steppe Gateway".replace("–", "-"), id="en dash"),
        pytest.param("Last year SGP-", "Steppe Gateway", "", id="a system's own initials"),
        pytest.param("The Aland-", "Steppe Gateway", "", id="a word, not initials"),
        pytest.param("Last year X-", "Steppe Gateway", "", id="one letter is no company"),
    ],
)  # fmt: skip
def test_a_company_named_after_what_it_runs(before: str, name: str, expected: str) -> None:
    assert names.operator_named(before, name, ["SGP"], ", the inland port,") == expected


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        pytest.param("trains go through the ABCD-", "ABCD-Steppe Gateway", id="glued, a head after"),
        pytest.param("trains go through the KTZE ", "KTZE Steppe Gateway", id="a known company, spaced"),
        pytest.param("trains go through the ABCD ", "", id="unknown initials, spaced"),
    ],
)  # fmt: skip
def test_a_facility_called_by_its_company_s_name(before: str, expected: str) -> None:
    """Convention 5 (benchmarks/reporting/CONVENTIONS.md): "the KTZE-Khorgos Gateway dry port"
    calls the port by its operator's name, the head noun after it notwithstanding."""
    assert names.operator_named(before, "Steppe Gateway", [], " dry port") == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param("It carries oil from Kazakhstan to China.", None, id="two ends: no list"),
        pytest.param(
            "It carries freight from China through Kazakhstan to Georgia.",
            "China;Kazakhstan;Georgia",
            id="ends and the way between",
        ),
    ],
)
def test_a_route_gives_countries_only_when_it_names_three(sentence: str, expected) -> None:
    found = [
        v.value for v in phrases.read_phrases(sentence, MAP_COUNTRIES, []) if v.field == "countries"
    ]
    assert found == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("text", "line_d", "whole"),
    [
        pytest.param(
            "Work began on the Cimbria section of the Steppe gas pipeline. The section will "
            "carry 30 bcm a year.",
            {("gp-line-d", "capacity", "30")},
            set(),
            id="a section where no line runs: the new line's",
        ),
        pytest.param(
            "Work began on the Borea section of the Steppe gas pipeline. The section will "
            "carry 30 bcm a year.",
            set(),
            {("gp", "capacity", "30")},
            id="a section where its lines run: the system's",
        ),
        pytest.param(
            "Crews are laying the Steppe gas pipeline through Cimbria. It will carry 30 bcm a year.",
            {("gp-line-d", "capacity", "30")},
            set(),
            id="said to run where no line runs",
        ),
        pytest.param(
            "Crews are laying the Steppe gas pipeline through Borea. It will carry 30 bcm a year.",
            set(),
            {("gp", "capacity", "30")},
            id="said to run where its lines run",
        ),
    ],
)
def test_a_section_elsewhere_is_of_the_new_line(fixture_raw, text: str, line_d, whole) -> None:
    rows = propose("955_case.txt", text, _pipeline(True), fixture_raw, "", sorted(COUNTRIES))
    found = {(r["corridor"], r["field"], r["value"]) for r in rows if r["field"] == "capacity"}
    assert found == line_d | whole


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The Steppe gas pipeline grows. Line C will be laid alongside Lines A and B.",
            {("gp", "", "lines", "A;B;C")},
            id="a new line beside the others: all of them",
        ),
        pytest.param(
            "The Steppe gas pipeline grows. Line C runs parallel to the existing Line A and Line B.",
            {("gp", "", "lines", "A;B;C")},
            id="beside lines named one by one",
        ),
        pytest.param(
            "The Steppe gas pipeline grows. Builders work parallel to the existing Line A.",
            set(),
            id="only the line it is set beside",
        ),
    ],
)
def test_a_line_set_beside_others(fixture_raw, text: str, expected: set) -> None:
    rows = propose("956_case.txt", text, _pipeline(), fixture_raw, "", sorted(COUNTRIES))
    found = {
        (r["corridor"], r["feature"], r["field"], r["value"]) for r in rows if r["field"] == "lines"
    }
    assert found == expected
