"""Who and where (issue 18): the countries a system joins, who holds its shares, who runs it and
which lines it has, in the sentence shapes real reporting uses, read end to end on the frozen
fixture.

Every text is made up for these tests, about the fixture's systems.
"""

from __future__ import annotations

import pytest

from corridors.curate import ingest
from corridors.curate.ingest import stakes

CKU, CACGP, TITR, PORT, LINE_D = (
    "cku-railway",
    "cacgp",
    "titr",
    "khorgos-dry-port",
    "cacgp-line-d",
)
RAIL_TOP = "Rail news\nOSH, 11 April 2025 -\n\n"
CORRIDOR_TOP = "Corridor news\nBAKU, 2 February 2026 -\n\n"
GAS_TOP = "Gas news\nASHGABAT, 5 May 2025 -\n\n"
PORT_TOP = "Port news\nALMATY, 3 March 2025 -\n\n"


def _propose(raw, text: str) -> list[dict[str, str]]:
    meta = ingest.metadata(text)
    return ingest.propose(
        "953_case.txt",
        text,
        ingest.systems(raw),
        raw,
        meta["date"] or meta.get("reference", ""),
        ingest.country_names(raw.datadir),
    )


def _got(raw, text: str, fields: set[str]) -> set[tuple[str, str, str, str]]:
    return {
        (r["corridor"], r["field"], r["value"], r["scope"])
        for r in _propose(raw, text)
        if r["field"] in fields
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            RAIL_TOP + 'Work on the "China–Kyrgyzstan–Uzbekistan" railway starts in June.',
            {(CKU, "countries", "China;Kyrgyzstan;Uzbekistan", "")},
            id="a name chain in quotes",
        ),
        pytest.param(
            RAIL_TOP + "Crews broke ground on the rail link joining China, Kyrgyzstan and "
            "Uzbekistan near Jalal-Abad.",
            {(CKU, "countries", "China;Kyrgyzstan;Uzbekistan", "")},
            id="a link joining three countries",
        ),
        pytest.param(
            GAS_TOP + "The Central Asia–China gas pipeline had a record year. It starts on the "
            "Turkmen-Uzbek border, crosses Uzbekistan and Kazakhstan and then crosses into China.",
            {(CACGP, "countries", "Turkmenistan;Uzbekistan;Kazakhstan;China", "")},
            id="a start on a border of two demonyms, a crossing into the end",
        ),
        pytest.param(
            GAS_TOP + "Starting at the border between Turkmenistan and Uzbekistan, the Central "
            "Asia–China gas pipeline crosses Kazakhstan and reaches Xinjiang in western China.",
            {(CACGP, "countries", "Turkmenistan;Uzbekistan;Kazakhstan;China", "")},
            id="one country crossed between a border start and an end",
        ),
        pytest.param(
            GAS_TOP + "The Central Asia–China gas pipeline is a large system spanning "
            "Turkmenistan, Uzbekistan, Kazakhstan and China.",
            {(CACGP, "countries", "Turkmenistan;Uzbekistan;Kazakhstan;China", "")},
            id="spanning a list",
        ),
        pytest.param(
            GAS_TOP + "The Central Asia–China gas pipeline links Turkmen gas fields with China via "
            "Uzbekistan and Kazakhstan.",
            {(CACGP, "countries", "Turkmenistan;Uzbekistan;Kazakhstan;China", "")},
            id="a demonym's fields as a route's start",
        ),
        pytest.param(
            GAS_TOP + "The Central Asia–China gas pipeline belongs to a scheme to bring Turkmen "
            "gas to China across Uzbekistan and Kazakhstan.",
            {(CACGP, "countries", "Turkmenistan;Uzbekistan;Kazakhstan;China", "")},
            id="what it carries and where to, before the countries crossed",
        ),
        pytest.param(
            CORRIDOR_TOP + "The Trans-Caspian International Transport Route ties China to Turkey "
            "through Kazakhstan, Azerbaijan and Georgia.",
            {(TITR, "countries", "China;Kazakhstan;Azerbaijan;Georgia;Turkey", "")},
            id="between two countries, through a list",
        ),
        pytest.param(
            CORRIDOR_TOP + "The Trans-Caspian International Transport Route links China with "
            "Europe through Kazakhstan, Azerbaijan and Georgia.",
            {(TITR, "countries", "China;Kazakhstan;Azerbaijan;Georgia", "")},
            id="links a country with a region through a list",
        ),
        pytest.param(
            CORRIDOR_TOP + "The Middle Corridor goes from China across Kazakhstan, over the "
            "Caspian Sea, across Azerbaijan and Georgia and on to Europe by way of Türkiye.",
            {(TITR, "countries", "China;Kazakhstan;Azerbaijan;Georgia;Turkey", "")},
            id="on to a region by way of a last country",
        ),
        pytest.param(
            GAS_TOP
            + "The Central Asia–China gas pipeline set a record. It runs from the border of "
            "Turkmenistan and Uzbekistan across southern Kazakhstan and enters Xinjiang at Horgos.",
            {(CACGP, "countries", "Turkmenistan;Uzbekistan;Kazakhstan;China", "")},
            id="a line ending in Xinjiang ends in China",
        ),
        pytest.param(
            GAS_TOP
            + "Gas through the Central Asia – China pipeline hit a record. It starts on the "
            "Turkmen–Uzbek border, runs through Uzbekistan and Kazakhstan, and enters China.",
            {(CACGP, "countries", "Turkmenistan;Uzbekistan;Kazakhstan;China", "")},
            id="a name with a spaced dash, then a list after 'it'",
        ),
        pytest.param(
            GAS_TOP + "The Central Asia–China gas pipeline was opened. The whole pipeline will run "
            "across Uzbekistan, Kazakhstan and Turkmenistan to China.",
            {(CACGP, "countries", "Turkmenistan;Uzbekistan;Kazakhstan;China", "")},
            id="the accepted countries in another order: the accepted route order",
        ),
        pytest.param(
            CORRIDOR_TOP + "The Middle Corridor crosses Kazakhstan, the Caspian Sea, Azerbaijan, "
            "Georgia and Turkey and links China with Europe.",
            {(TITR, "countries", "China;Kazakhstan;Azerbaijan;Georgia;Turkey", "")},
            id="the start named after the list, by what it links",
        ),
        pytest.param(
            GAS_TOP + "Line D of the Central Asia–China gas pipeline is 966 km long and will be "
            "laid across the land of five republics: Turkmenistan, Uzbekistan, Tajikistan, "
            "Kyrgyzstan and the PRC.",
            {(LINE_D, "countries", "Turkmenistan;Uzbekistan;Tajikistan;Kyrgyzstan;China", "")},
            id="a list after 'republics:', past a crossing of no country",
        ),
        pytest.param(
            CORRIDOR_TOP + "The first trucks left Urumqi on Thursday, bound for Baku on the "
            "China-Kazakhstan-Azerbaijan-Georgia route.",
            {(TITR, "countries", "China;Kazakhstan;Azerbaijan;Georgia", "")},
            id="a route named by its countries lists them as this report does",
        ),
        pytest.param(
            CORRIDOR_TOP + "The Middle Corridor joins ferry terminals to the rail systems of "
            "several countries: China, Kazakhstan, Azerbaijan, Georgia, Türkiye and Ukraine.",
            {(TITR, "countries", "China;Kazakhstan;Azerbaijan;Georgia;Turkey;Ukraine", "")},
            id="a list of countries after a colon, past the region",
        ),
        pytest.param(
            GAS_TOP + "Building has begun on Line D of the Central Asia–China gas pipeline. "
            "Line D will pass through Uzbekistan, Tajikistan and Kyrgyzstan to China.",
            set(),
            id="a line's start unsaid: a partial list, not recorded (convention 3)",
        ),
        pytest.param(
            GAS_TOP + "Building has begun on Line D of the Central Asia–China gas pipeline. "
            "From Galkynysh Line D will pass through Uzbekistan, Tajikistan and Kyrgyzstan to "
            "China.",
            {(LINE_D, "countries", "Turkmenistan;Uzbekistan;Tajikistan;Kyrgyzstan;China", "")},
            id="a line's start printed as a place: where its system is named from",
        ),
        pytest.param(
            GAS_TOP + "Work has begun on Line D of the Central Asia–China gas pipeline. From the "
            "gas fields it goes west through northern Uzbekistan, then east across Tajikistan "
            "and Kyrgyzstan into China.",
            set(),
            id="direction words in a list with no start printed: not recorded (convention 3)",
        ),
        pytest.param(
            GAS_TOP + "The Central Asia–China gas pipeline will grow. Beijing wants it to run "
            "across Uzbekistan, Tajikistan and Kyrgyzstan to China.",
            set(),
            id="a list with countries none of the whole's lines cross: not the whole's",
        ),
        pytest.param(
            RAIL_TOP + "Work on a 480km railway from western China to Uzbekistan across "
            "Kyrgyzstan will start soon.",
            {(CKU, "countries", "China;Kyrgyzstan;Uzbekistan", "")},
            id="a compass word before a country; the route ends at the verb",
        ),
        pytest.param(
            GAS_TOP + "The Central Asia–China gas pipeline is busy. It belongs to a scheme that "
            "takes gas from Turkmenistan's fields to China through Uzbekistan and Kazakhstan.",
            {(CACGP, "countries", "Turkmenistan;Uzbekistan;Kazakhstan;China", "")},
            id="a country's fields as the start",
        ),
        pytest.param(
            CORRIDOR_TOP + "The Middle Corridor is growing fast.\n\nFerry terminals are tied to "
            "the national networks of China, Kazakhstan, Azerbaijan, Georgia, Turkey and Ukraine.",
            {(TITR, "countries", "China;Kazakhstan;Azerbaijan;Georgia;Turkey;Ukraine", "")},
            id="a list covering the topic's countries, in a sentence naming no system",
        ),
        pytest.param(
            CORRIDOR_TOP + "The Middle Corridor is growing fast.\n\nA ferry network ties the "
            "railway systems of China, Kazakhstan, Azerbaijan, Georgia, Turkey and Ukraine.",
            {(TITR, "countries", "China;Kazakhstan;Azerbaijan;Georgia;Turkey;Ukraine", "")},
            id="'the railway systems of': no pointing back to a railway",
        ),
        pytest.param(
            CORRIDOR_TOP + "The Middle Corridor is growing fast.\n\nFerry terminals are tied to "
            "the national networks of Kazakhstan, Azerbaijan and Georgia.",
            set(),
            id="a list short of the topic's countries, in a sentence naming no system",
        ),
        pytest.param(
            PORT_TOP + "Traffic at the Khorgos dry port in Kazakhstan grew again this spring.",
            set(),
            id="where a facility stands is no list of countries",
        ),
    ],
)
def test_countries(fixture_raw, text: str, expected: set) -> None:
    assert _got(fixture_raw, text, {"countries"}) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            RAIL_TOP + "The China–Kyrgyzstan–Uzbekistan railway has a budget. Its equity comes "
            "from the three states: Beijing takes 51%, and Bishkek and Tashkent 24.5% each.",
            {
                (CKU, "stake", "51", "Beijing"),
                (CKU, "stake", "24.5", "Bishkek"),
                (CKU, "stake", "24.5", "Tashkent"),
            },
            id="a split with its verb said once",
        ),
        pytest.param(
            RAIL_TOP + "The China–Kyrgyzstan–Uzbekistan railway venture is registered. China "
            "will hold 51% of it, while Kyrgyzstan and Uzbekistan will each hold a 24.5% stake.",
            {
                (CKU, "stake", "51", "China"),
                (CKU, "stake", "24.5", "Kyrgyzstan"),
                (CKU, "stake", "24.5", "Uzbekistan"),
            },
            id="while the others each hold",
        ),
        pytest.param(
            RAIL_TOP + "The China–Kyrgyzstan–Uzbekistan railway company was founded with its "
            "shares as follows: China – 51%, Kyrgyzstan and Uzbekistan – 24.5% each.",
            {
                (CKU, "stake", "51", "China"),
                (CKU, "stake", "24.5", "Kyrgyzstan"),
                (CKU, "stake", "24.5", "Uzbekistan"),
            },
            id="holder, dash, share",
        ),
        pytest.param(
            PORT_TOP + "The Khorgos dry port has new owners. Alpha Shipping and Beta Port Holdings "
            "Group Co., Ltd. (BPH) signed the deal. After it, Alpha Shipping and BPH will take "
            "respectively 24.5 per cent of the shares.",
            {
                (PORT, "stake", "24.5", "Alpha Shipping"),
                (PORT, "stake", "24.5", "Beta Port Holdings"),
            },
            id="respectively, one holder by its initials",
        ),
        pytest.param(
            RAIL_TOP + "The China–Kyrgyzstan–Uzbekistan railway is funded. Beijing will put up "
            "51% of the building costs, and Bishkek and Tashkent 24.5% each.",
            set(),
            id="a share of the costs is no stake",
        ),
        pytest.param(
            RAIL_TOP + "The China–Kyrgyzstan–Uzbekistan railway will cost $6 billion. A third of "
            "it is to be paid by the three states together: China takes 60%, and Kyrgyzstan and "
            "Uzbekistan 20% each.",
            set(),
            id="a split after the money it divides is no stake",
        ),
        pytest.param(
            CORRIDOR_TOP + "The Middle Corridor is busy. China takes 40% of the cargo, and "
            "Kazakhstan 20%.",
            set(),
            id="a share of the cargo is no stake",
        ),
    ],
)
def test_stakes(fixture_raw, text: str, expected: set) -> None:
    assert _got(fixture_raw, text, {"stake"}) == expected


@pytest.mark.parametrize(
    ("sentence", "percent", "holders"),
    [
        pytest.param("A takes 60%, and B and C 20% each.", "20%", ["B", "C"], id="each after"),
        pytest.param("A has 60%; B 40%.", "40%", ["B"], id="one later holder"),
        pytest.param("A gets 60%, and B and C 20% apiece.", "20%", ["B", "C"], id="apiece"),
        pytest.param("A owns 60%, B Rail the remaining 40%.", "40%", ["B Rail"], id="the rest"),
    ],
)
def test_gapped_holders(sentence: str, percent: str, holders: list[str]) -> None:
    at = sentence.index(percent)
    assert stakes.gapped(sentence, at, at + len(percent), True) == holders


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            RAIL_TOP + "The China–Kyrgyzstan–Uzbekistan railway moved on. The government and "
            "the China–Kyrgyzstan–Uzbekistan Railway Company signed a deal.",
            set(),
            id="a company named after the system, not said to run it",
        ),
        pytest.param(
            CORRIDOR_TOP + "Block trains on the Middle Corridor keep growing, helped by Middle "
            "Corridor Multimodal Ltd, the joint operator three railways set up.",
            {(TITR, "operator", "Middle Corridor Multimodal", "")},
            id="the joint operator, without its legal form",
        ),
        pytest.param(
            CORRIDOR_TOP + "Trains on the Middle Corridor are run by members of its association: "
            "Alpha Rail (Georgia) and Beta Freight (Turkey).",
            {(TITR, "operator", "Alpha Rail", ""), (TITR, "operator", "Beta Freight", "")},
            id="members of a body, each with its country in brackets",
        ),
        pytest.param(
            GAS_TOP + "The Central Asia–China gas pipeline delivered more in March. The gas "
            "moves through the pipeline of Western Gas Pipeline Company.",
            {(CACGP, "operator", "Western Gas Pipeline Company", "")},
            id="the pipeline of a company",
        ),
        pytest.param(
            PORT_TOP + "Last week the dry port operator Gamma-Khorgos Gateway opened a new yard at "
            "the Khorgos dry port.",
            {(PORT, "operator", "Gamma-Khorgos Gateway", "")},
            id="the role before the company",
        ),
        pytest.param(
            PORT_TOP + "The Khorgos dry port took its first train. Its operator «Delta Terminals» "
            "moved 30 containers.",
            {(PORT, "operator", "Delta Terminals", "")},
            id="its operator, the name in guillemets",
        ),
        pytest.param(
            PORT_TOP + 'The Khorgos dry port, run jointly by "Epsilon Rail and Zeta Ports, is '
            "busy.",
            {(PORT, "operator", "Epsilon Rail", ""), (PORT, "operator", "Zeta Ports", "")},
            id="run jointly by two companies",
        ),
        pytest.param(
            PORT_TOP + "Omega Logistics operates the Khorgos dry port under a long lease.",
            {(PORT, "operator", "Omega Logistics", "")},
            id="a company, then 'operates the'",
        ),
        pytest.param(
            PORT_TOP + "Kazakhstan runs the Khorgos dry port now, and Almaty runs the rest.",
            set(),
            id="a country or a one-word place that runs it is no operator",
        ),
        pytest.param(
            PORT_TOP + "An office opened. Omega Gate, the company which will be running the "
            "Khorgos dry port, has 80 staff.",
            {(PORT, "operator", "Omega Gate", "")},
            id="the company which will be running it",
        ),
        pytest.param(
            PORT_TOP + "Omega Logistics will be the operator of the Khorgos dry port from May.",
            {(PORT, "operator", "Omega Logistics", "")},
            id="a company, then 'will be the operator of'",
        ),
        pytest.param(
            PORT_TOP + "The operator of the Khorgos dry port is Sigma Terminals, a railway unit.",
            {(PORT, "operator", "Sigma Terminals", "")},
            id="'the operator of ... is' a company",
        ),
        pytest.param(
            PORT_TOP + "Sigma Terminals, the dry port's operator, hired 40 people at the Khorgos "
            "dry port.",
            {(PORT, "operator", "Sigma Terminals", "")},
            id="a company, then the thing's operator in apposition",
        ),
        pytest.param(
            PORT_TOP
            + "Traffic is up at the Khorgos dry port, said Omega Logistics, which runs the "
            "terminal.",
            {(PORT, "operator", "Omega Logistics", "")},
            id="a company, 'which runs the ...'",
        ),
        pytest.param(
            PORT_TOP + "Kazakhstan is the main operator of the Khorgos dry port.",
            set(),
            id="a country as 'the operator of' is no company",
        ),
    ],
)
def test_operators(fixture_raw, text: str, expected: set) -> None:
    assert _got(fixture_raw, text, {"operator"}) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            GAS_TOP + "The Central Asia–China gas pipeline will get no new line. The three "
            "strings in service (A, B, C) run from Turkmenistan to China.",
            {(CACGP, "lines", "A;B;C", "")},
            id="letters in brackets after the lines counted",
        ),
        pytest.param(
            GAS_TOP + "Line D of the Central Asia–China gas pipeline is on hold. When Lines A, B, "
            "C and D all run, more gas will flow east.",
            {(CACGP, "lines", "A;B;C", "")},
            id="a list with a part of its own: the system's lines are the rest",
        ),
    ],
)
def test_lines(fixture_raw, text: str, expected: set) -> None:
    assert _got(fixture_raw, text, {"lines"}) == expected


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        pytest.param("It is laid as ", [("cacgp", "A;B")], id="laid as: the whole's lines"),
        pytest.param("It consists of ", [("cacgp", "A;B")], id="consists of: the whole's lines"),
        pytest.param("Gas first went through ", [], id="some lines, said of themselves"),
    ],
)
def test_lines_made_of(fixture_raw, before: str, expected: list) -> None:
    """Some lines beside a drawn third (how "some") are the whole's lines only where the whole is
    said to be made of them, as an older report has it."""
    from corridors.curate.ingest.mention import Mention
    from corridors.curate.ingest.respective import lines_made_of
    from corridors.curate.ingest.sentences import Sentence

    text = before + "two parallel lines, A and B, each 1,800 km long."
    at = len(before)
    lines = Mention(0, at, at + 27, text[at : at + 27], None, "", 0.0, "", False, how="some")
    lines.parent = CACGP
    by_id = {s.id: s for s in ingest.systems(fixture_raw)}
    got = lines_made_of([lines], Sentence(0, len(text), text, 0), by_id)
    assert [(m.system, v.value) for m, v in got] == expected
