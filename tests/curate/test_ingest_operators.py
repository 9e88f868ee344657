"""Who runs a system, told through the venture set up for it (issue 18, convention 4 of
benchmarks/reporting/CONVENTIONS.md): the role said first, the venture and what it was set up
for, what the company does, a project carried out by a joint company, the agreement a joint
company signs to build and run it; and what is no operator (a contractor, a government, a
company that only signs a deal). The gas pipeline's own companies, named like it, are companies.

Every text is made up for these tests; the company names are invented.
"""

from __future__ import annotations

import pytest

from corridors.curate import ingest
from corridors.curate.ingest import mentions, operators, sentences

CKU, CACGP, TITR, PORT = "cku-railway", "cacgp", "titr", "khorgos-dry-port"
GAS = "Gas news\nASHGABAT, 5 May 2025 -\n\nThe Central Asia–China gas pipeline keeps growing. "
RAIL = "Rail news\nOSH, 11 April 2025 -\n\n"
ROUTE = "Corridor news\nBAKU, 2 February 2026 -\n\nThe Middle Corridor keeps growing. "


def _operators(raw, text: str) -> set[tuple[str, str]]:
    meta = ingest.metadata(text)
    rows = ingest.propose(
        "954_case.txt",
        text,
        ingest.systems(raw),
        raw,
        meta["date"] or meta.get("reference", ""),
        ingest.country_names(raw.datadir),
    )
    return {(r["corridor"], r["value"]) for r in rows if r["field"] == "operator"}


CASES = [
    pytest.param(
        GAS + "The pipeline's operator will be a subsidiary of the state oil firm, Kappa Gas "
        "Transit, which owns all of it.",
        {(CACGP, "Kappa Gas Transit")},
        id="the operator will be a subsidiary, named after a comma",
    ),
    pytest.param(
        GAS + "Its operator is the Sino-Uzbek joint venture Lambda Trans Gas, formed by two "
        "state firms.",
        {(CACGP, "Lambda Trans Gas")},
        id="its operator is the joint venture X",
    ),
    pytest.param(
        GAS + "Lambda Trans Gas, which designs, builds and operates the pipeline, won a tax break.",
        {(CACGP, "Lambda Trans Gas")},
        id="which designs, builds and operates it",
    ),
    pytest.param(
        GAS + "Lambda Trans Gas JV, which is engaged in the design, construction and operation "
        "of the pipeline, won a tax break.",
        {(CACGP, "Lambda Trans Gas JV")},
        id="engaged in the design and operation of it",
    ),
    pytest.param(
        GAS + "Two state firms set up Mu Pipeline LLP in 2008 to carry out the pipeline project.",
        {(CACGP, "Mu Pipeline")},
        id="set up X in a year to carry out the project, legal form dropped",
    ),
    pytest.param(
        GAS + "Mu Pipeline, a joint venture set up by the two governments to build the link, "
        "said gas would flow soon.",
        {(CACGP, "Mu Pipeline")},
        id="X, a joint venture set up to build it",
    ),
    pytest.param(
        GAS + "Two state firms formed an equal joint venture, to be called Nu Gas, to build and "
        "operate the pipeline.",
        {(CACGP, "Nu Gas")},
        id="a joint venture to be called X, to build and operate it",
    ),
    pytest.param(
        GAS + "The joint venture Nu Gas is the client of the pipeline and will later operate it.",
        {(CACGP, "Nu Gas")},
        id="the joint venture X will operate it",
    ),
    pytest.param(
        ROUTE + "Officials praised Xi Route Ltd., the joint venture three railways set up to "
        "work together on the Middle Corridor.",
        {(TITR, "Xi Route")},
        id="X Ltd., the joint venture set up to work on the route",
    ),
    pytest.param(
        ROUTE + "The Omicron Transit Company, based in Astana, was set up last year to "
        "coordinate freight on the route.",
        {(TITR, "Omicron Transit Company")},
        id="X, an aside, was set up to coordinate the route",
    ),
    pytest.param(
        RAIL + "The China–Kyrgyzstan–Uzbekistan railway will be carried out by the Pi Railway "
        "Company.",
        {(CKU, "Pi Railway Company")},
        id="carried out by a joint company",
    ),
    pytest.param(
        RAIL + "The Kyrgyz government and the Pi Railway Company have signed an agreement on "
        "designing, building, financing and running the China–Kyrgyzstan–Uzbekistan railway.",
        {(CKU, "Pi Railway Company")},
        id="a joint company signs the agreement to build and run it",
    ),
    pytest.param(
        RAIL + "The Kyrgyz government and the Pi Railway Company have signed a loan agreement "
        "for the China–Kyrgyzstan–Uzbekistan railway.",
        set(),
        id="an agreement that is not about building and running it",
    ),
    pytest.param(
        RAIL + "The China–Kyrgyzstan–Uzbekistan railway will be carried out by Rho Bridge "
        "Engineering, the contractor.",
        set(),
        id="a contractor carries out works, no joint company",
    ),
    pytest.param(
        RAIL + "The China–Kyrgyzstan–Uzbekistan railway was built by Rho Construction Group.",
        set(),
        id="built by is a builder",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_joint_operators(fixture_raw, text: str, expected: set) -> None:
    assert _operators(fixture_raw, text) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("Sigma said so, and the operator is busy.", id="a bare role, no name"),
        pytest.param("The venture was set up in 2008.", id="set up, for nothing said"),
    ],
)
def test_no_joint_operator(sentence: str) -> None:
    assert operators.joint_operators(sentence) == []


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        pytest.param(
            "The deal was signed by Trans-Asia Gas Pipeline, a state subsidiary.",
            "Trans-Asia Gas Pipeline",
            id="the pipeline's builder, named like it",
        ),
        pytest.param(
            "Asian Gas Pipeline said the first gas would come soon.",
            "Asian Gas Pipeline",
            id="the Kazakh section's company, saying",
        ),
    ],
)
def test_pipeline_companies_are_organisations(fixture_raw, text: str, phrase: str) -> None:
    found = mentions.find_mentions(
        text,
        sentences.sentences(text),
        ingest.systems(fixture_raw),
        ingest.country_names(fixture_raw.datadir),
    )
    assert [(m.phrase, m.how) for m in found if m.phrase == phrase] == [(phrase, "organisation")]


def test_the_pipeline_named_with_asian_stays_the_pipeline(fixture_raw) -> None:
    text = "The Central Asian Gas Pipeline is 1,833 km long."
    found = mentions.find_mentions(
        text,
        sentences.sentences(text),
        ingest.systems(fixture_raw),
        ingest.country_names(fixture_raw.datadir),
    )
    assert [m.system for m in found] == [CACGP]
