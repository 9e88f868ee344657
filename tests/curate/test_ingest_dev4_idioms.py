"""Idioms met when the fourth reporting set was opened: a ceremony that opens works, a study's
start, a company's founding and an aim in the infinitive. Each is a sentence shape, written here
in our own words, so the rule is checked on the family and not on one report."""

from __future__ import annotations

import pytest

from corridors.curate.ingest import organisations, phrases, quantities, scopes, statuses
from corridors.curate.ingest.context import Context
from corridors.curate.ingest.events import event_dates


def _events(sentence: str, date: str = "2016-03-01") -> set[tuple[str, str]]:
    ctx = Context(article_date=date, countries=["Kyrgyzstan", "Tajikistan"])
    return {(v.field, v.value) for v in event_dates(sentence, ctx)}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "Both ministers attended the event that opened construction on 4 May 2015.",
            {("start_date", "2015-05-04")},
            id="opened construction: a start of works",
        ),
        pytest.param(
            "A ceremony marking the opening of works on the line was held in June 2015.",
            {("start_date", "2015-06")},
            id="the opening of works: a start",
        ),
        pytest.param(
            "The scheme's project was formally opened at a gathering on 2 March 2015.",
            {("start_date", "2015-03-02")},
            id="a project opened: its works start",
        ),
        pytest.param(
            "The project opened to traffic in June 2015.",
            {("opening_date", "2015-06")},
            id="a project opened to traffic: service",
        ),
        pytest.param(
            "The new link opened in June 2015.",
            {("opening_date", "2015-06")},
            id="opened alone: still an opening",
        ),
        pytest.param(
            "Design work on the route started in March 2012.",
            set(),
            id="design work started: a study, no works",
        ),
        pytest.param(
            "Survey works for the line began in 2013.",
            set(),
            id="survey works began: a study",
        ),
        pytest.param(
            "Construction work on the route started in March 2012.",
            {("start_date", "2012-03")},
            id="construction work started: the works",
        ),
        pytest.param(
            "PetroChina, founded in 1999, runs the network.",
            set(),
            id="a company founded: no opening",
        ),
        pytest.param(
            "The state railway company, established in 1997, is the main partner.",
            set(),
            id="a railway company established: no opening",
        ),
    ],
)
def test_event_shapes(sentence: str, expected) -> None:
    assert _events(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "The pipe is built to carry gas and to stay in service for forty years.",
            [],
            id="to stay in service: an aim",
        ),
        pytest.param(
            "The line is meant to remain in operation well into the next century.",
            [],
            id="to remain in operation: an aim",
        ),
        pytest.param(
            "Design work on the branch has started.",
            [],
            id="design work started: no construction",
        ),
        pytest.param(
            "Construction work on the branch has started.",
            ["under_construction"],
            id="construction work started: being built",
        ),
        pytest.param("The branch is in service.", ["operating"], id="in service today"),
        pytest.param(
            "The second string went into operation last week.",
            ["operating"],
            id="went into operation: opened, so running (implied)",
        ),
        pytest.param(
            "The spur was put into commercial service in spring.",
            ["operating"],
            id="was put into service",
        ),
        pytest.param(
            "The spur will go into operation in spring.", [], id="will go into operation: no"
        ),
    ],
)
def test_status_shapes(sentence: str, expected) -> None:
    assert [v.value for v in statuses.statuses(sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "organisation"),
    [
        pytest.param(
            "The new strand is to be operated by Eastern Gas Pipeline from 2030.",
            "Eastern Gas Pipeline",
            id="operated by a company named like a pipeline",
        ),
        pytest.param(
            "Steppe Rail Link, a state holding subsidiary, built it.",
            "Steppe Rail Link",
            id="a name set off as a subsidiary",
        ),
    ],
)
def test_who_runs_it_is_a_company(sentence: str, organisation: str) -> None:
    found = [m.group() for m in organisations.ORGANISATION.finditer(sentence)]
    assert organisation in found


@pytest.mark.parametrize(
    ("sentence", "figure", "expected"),
    [
        pytest.param(
            "It is run by Eastern Pipe Company, a PetroChina unit that owns 90% of the line.",
            "90",
            ["Eastern Pipe Company"],
            id="the subsidiary holds, not its parent",
        ),
        pytest.param(
            "Steppe Rail Holding owns 51% of the venture.",
            "51",
            ["Steppe Rail Holding"],
            id="no apposition: the subject holds",
        ),
    ],
)
def test_holder_of_a_subsidiary(sentence: str, figure: str, expected: list[str]) -> None:
    assert phrases.holders(sentence, sentence.index(figure)) == expected


@pytest.mark.parametrize(
    ("text", "unit", "number"),
    [
        pytest.param("plans call for 12 large and medium bridges", "bridges", 12.0, id="a pair"),
        pytest.param("with 30 medium-sized tunnels", "tunnels", 30.0, id="sized"),
        pytest.param("it needs 7 railway bridges", "bridges", 7.0, id="one kind"),
        pytest.param("some 5 bridges", "bridges", 5.0, id="no kind"),
    ],
)
def test_structures_counted_with_their_kinds(text: str, unit: str, number: float) -> None:
    found = [(q.unit, q.number) for q in quantities.read_rules(text)]
    assert (unit, number) in found


@pytest.mark.parametrize(
    ("sentence", "figure", "country"),
    [
        pytest.param(
            "The part of the line inside Tajikistan is over 90 km long.",
            "90",
            "Tajikistan",
            id="part of the line inside",
        ),
        pytest.param(
            "The stretch within Kyrgyzstan measures 120 km.",
            "120",
            "Kyrgyzstan",
            id="stretch within",
        ),
        pytest.param(
            "The line is 500 km long and crosses Tajikistan.", "500", "", id="no section named"
        ),
    ],
)
def test_a_part_inside_a_country(sentence: str, figure: str, country: str) -> None:
    at = sentence.index(figure)
    got = scopes.section_country(sentence, at, at + len(figure), {"Tajikistan", "Kyrgyzstan"})
    assert got == country
