"""Whose figure is it (issue 18, precision): a figure goes to the system it is about, or to none.

Reporting on a corridor cites a port's throughput, a country's totals, another railway or
pipeline, the year before; a sentence that names nothing leans on a topic only when the topic is
plain. Each case lists proposals that must be made (corridor, field, value) and a phrase of a
sentence that must give no figure to any system but those expected. Every text is written for
these tests.
"""

from __future__ import annotations

import pytest

from corridors.curate import ingest

CKU, CACGP, TITR, KHORGOS, LINE_D = (
    "cku-railway",
    "cacgp",
    "titr",
    "khorgos-dry-port",
    "cacgp-line-d",
)
#: Fields whose proposals are figures or facts a curator records (names and roles are not).
FIGURES = {
    "cost",
    "length",
    "section_length",
    "capacity",
    "traffic",
    "transit_time",
    "target",
    "stake",
    "tunnels",
    "bridges",
    "start_date",
    "completion_date",
    "opening_date",
    "proposed_date",
    "status",
    "countries",
}


def _propose(raw, text: str, date: str) -> list[dict[str, str]]:
    return ingest.propose(
        "953_case.txt", text, ingest.systems(raw), raw, date, ingest.country_names(raw.datadir)
    )


CASES = [
    pytest.param(
        "Gas deliveries\n\nThe Central Asia–China gas pipeline carried 41 bcm last year. "
        "Kazakhstan is also widening the Beineu-Bozoi pipeline. That pipeline cost "
        "$3.6 billion and runs 1,480 km.",
        [(CACGP, "traffic", "41")],
        ["That pipeline cost"],
        id="'that pipeline' after another named pipeline is that pipeline",
    ),
    pytest.param(
        "Rail works\n\nBuilding the China–Kyrgyzstan–Uzbekistan railway will cost $4.6 billion. "
        "Kazakhstan is building the Bakhty-Ayagoz railway too. The railway is due in 2027 and "
        "will cost $1.1 billion.",
        [(CKU, "cost", "4600000000")],
        ["due in 2027"],
        id="'the railway' after another named railway is that railway",
    ),
    pytest.param(
        "Rail works\n\nThe China–Kyrgyzstan–Uzbekistan railway will cost $4.6 billion.\n\n"
        "The Bakhty-Ayagoz railway got its money on Monday. It will be 270 km long. Works should "
        "take three years and cost $1.1 billion.",
        [(CKU, "cost", "4600000000")],
        ["It will be 270 km", "Works should take"],
        id="'it' and the paragraph after another railway opens a paragraph are that railway's",
    ),
    pytest.param(
        "Border terminal\n\nThe Khorgos Gateway dry port moved 350,000 TEU in 2024. "
        "Kazakhstan's railways carried 1.1 million TEU of transit boxes in 2024.",
        [(KHORGOS, "traffic", "350000")],
        ["railways carried"],
        id="a country's network total is not the dry port's",
    ),
    pytest.param(
        "Border terminal\n\nThe Khorgos Gateway dry port moved 350,000 TEU in 2024. "
        "The national railway wants yearly capacity of 90 million tons by 2030.",
        [(KHORGOS, "traffic", "350000")],
        ["national railway wants"],
        id="the national railway's own aim is its network's",
    ),
    pytest.param(
        "Caspian cargo\n\nFreight on the Middle Corridor reached 4.4 million tons in 2024. "
        "Kazakhstan also plans a container hub at Kuryk with a capacity of 250,000 TEU a year.",
        [(TITR, "traffic", "4400000")],
        ["also plans"],
        id="a country's own plan, with an adverb before the verb",
    ),
    pytest.param(
        "Caspian cargo\n\nFreight on the Middle Corridor reached 4.4 million tons in 2024. "
        "Container handling at the Baku port will reach 100,000 TEU this year, its chief said.",
        [(TITR, "traffic", "4400000")],
        ["handling at the Baku port"],
        id="a port named after 'at' is where its own figure is counted, not a waypoint",
    ),
    pytest.param(
        "Caspian cargo\n\nFreight on the Middle Corridor reached 4.4 million tons in 2024. "
        "Total rail transit through Kazakhstan rose to 26 million tons that year.",
        [(TITR, "traffic", "4400000")],
        ["Total rail transit"],
        id="a total through a country is the country's",
    ),
    pytest.param(
        "Dry port stake\n\nThe Khorgos Gateway dry port is on the border. The Chinese ports "
        "of Lianyungang and Tianjin have bought 40% of it.",
        [(KHORGOS, "stake", "40")],
        [],
        id="buyers named by their country are holders of a stake, not a total",
    ),
    pytest.param(
        "Fourth strand\n\nWork on Line D of the Central Asia–China gas pipeline has begun. "
        "Lines A, B and C already move 55 bcm a year.\n\nThe new line will run 1,050 km and "
        "cost $6.5 billion.",
        [(LINE_D, "length", "1050"), (LINE_D, "cost", "6500000000")],
        ["The new line will run"],
        id="'the new line' after Line D is Line D, not the whole with its older lines",
    ),
    pytest.param(
        "Shortcut\n\nThe China–Kyrgyzstan–Uzbekistan railway will be 470 km long. It will cut "
        "the trip to Europe by eight days and raise the region's capacity by 14 million tons.",
        [(CKU, "length", "470")],
        ["cut the trip"],
        id="a figure after 'cut ... by' or 'raise ... by' is a change, not a level",
    ),
    pytest.param(
        "Border terminal\n\nThe Khorgos Gateway dry port moved 350,000 TEU in 2024. It came "
        "after the grain terminal at Tianjin, which moved 4.8 million tonnes that year.",
        [(KHORGOS, "traffic", "350000")],
        ["which moved 4.8"],
        id="an amount in a relative clause is what the clause hangs on",
    ),
    pytest.param(
        "Border terminal\n\nThe Khorgos Gateway dry port, which moved 350,000 TEU in 2024, "
        "is on the Kazakh border.",
        [(KHORGOS, "traffic", "350000")],
        [],
        id="a relative clause on the system itself keeps its amount",
    ),
    pytest.param(
        "Gas deliveries\n\nThe Central Asia–China gas pipeline carried 41 bcm in 2024, more "
        "than the 37 bcm of the Power of Siberia pipeline.",
        [(CACGP, "traffic", "41")],
        ["more than the 37"],
        id="an amount 'of' another named pipeline is that pipeline's",
    ),
    pytest.param(
        "Caspian cargo\n\nThe Middle Corridor will get a container hub at Kuryk with a "
        "capacity of 250,000 TEU a year by 2027.",
        [],
        ["container hub at Kuryk"],
        id="a facility brought in with its capacity owns that capacity",
    ),
    pytest.param(
        "Border terminal\n\nA new terminal at the Khorgos Gateway dry port will handle "
        "120,000 TEU a year.",
        [],
        ["A new terminal"],
        id="a new terminal at the dry port is not the dry port",
    ),
    pytest.param(
        "Fourth strand\n\nWork on Line D of the Central Asia–China gas pipeline has begun. "
        "Line D has a design capacity of 30 bcm a year.\n\nThe older A, B and C lines can move 55 bcm "
        "a year.",
        [(LINE_D, "capacity", "30"), (CACGP, "capacity", "55")],
        [],
        id="lines listed letters first are the whole's lines, not the part in topic",
    ),
    pytest.param(
        "Land port\n\nThe Khorgos Gateway dry port sits on the border. From this land port, "
        "trains reach the Port of Lianyungang in six days.",
        [(KHORGOS, "transit_time", "6")],
        [],
        id="a system a trip goes to is its end, not its subject",
    ),
    pytest.param(
        "Gas deliveries\n\nThe Central Asia–China gas pipeline runs 1,830 km to the border "
        "and joins another 4,000 km of pipe inside China.",
        [(CACGP, "length", "1830")],
        ["another 4,000"],
        id="'another' amount is more of something else, not the system's level",
    ),
    pytest.param(
        "Gas deliveries\n\nThe Central Asia–China gas pipeline opened in 2009. Uzbekistan "
        "sells gas to China as well: in 2023 the Uzbekneftegaz company delivered 5 bcm of gas to "
        "Chinese buyers.",
        [(CACGP, "opening_date", "2009")],
        ["company delivered"],
        id="an amount a company moves in its own name is the company's",
    ),
    pytest.param(
        "Caspian cargo\n\nLast year KTZ Express moved 2.1 million tons along the Middle Corridor.",
        [(TITR, "traffic", "2100000")],
        [],
        id="an amount a company moves along the system is the system's",
    ),
    pytest.param(
        "Rail works\n\nExperts praised projects such as the Bakhty-Ayagoz railway and the "
        "China–Kyrgyzstan–Uzbekistan railway, which will cost $4.6 billion.",
        [(CKU, "cost", "4600000000")],
        [],
        id="a relative clause hangs on the name just before it, not on another named earlier",
    ),
    pytest.param(
        "Border terminal\n\nThe Khorgos Gateway dry port sent its 5,000th train this week. "
        "The boxes will travel 8,500 km from China to Germany in 18 days.",
        [],
        ["will travel"],
        id="a port has no length, nor the transit time of a trip that only passes it",
    ),
    pytest.param(
        "Caspian cargo\n\nFreight on the Middle Corridor grew fast in 2024. Uzbekistan Railways "
        "(UTY) carried 12 million tonnes of goods of every kind that year.",
        [],
        ["(UTY) carried"],
        id="a railway company with its initials carrying its own total",
    ),
    pytest.param(
        "Work on the Central Asia–China gas pipeline slows\n\nBuilding of the Central "
        "Asia–China gas pipeline in Tajikistan is behind.\n\nThe pipeline, called Line D, will "
        "run 950 km.\n\nThe Tajik section alone needs 40 tunnels.",
        [(LINE_D, "length", "950"), (LINE_D, "tunnels", "40")],
        ["alone needs"],
        id="a paragraph naming nothing after one on a part is the part's",
    ),
    pytest.param(
        "Border terminal busy\n\nThe Khorgos Gateway dry port moved 350,000 TEU in 2024.\n\n"
        "Separately, freight on the Middle Corridor kept rising.\n\nVolumes reached 4.4 million "
        "tons in 2024.",
        [(KHORGOS, "traffic", "350000")],
        ["Volumes reached"],
        id="a paragraph naming nothing after one on another system: two in play, no one's",
    ),
    pytest.param(
        "Caspian cargo\n\nSince the Kazakhstan-China cargo terminal opened in Chengdu in 2023, "
        "container traffic from China over the Middle Corridor has grown fast.",
        [],
        ["cargo terminal opened"],
        id="a facility with a name of its own owns its opening date",
    ),
    pytest.param(
        "Border terminal\n\nThe Khorgos Gateway dry port moved 350,000 TEU in 2024.",
        [(KHORGOS, "traffic", "350000")],
        [],
        id="a known system whose name ends in a facility word is still that system",
    ),
    pytest.param(
        "Gas deliveries\n\nThe Central Asia–China gas pipeline carried 41 bcm last year.\n\n"
        "Kazakhstan is also widening the Beineu-Bozoi pipeline. That 1,480-km pipeline cost "
        "$3.6 billion.",
        [(CACGP, "traffic", "41")],
        ["That 1,480-km pipeline"],
        id="'that' with a glued length before the head still points back",
    ),
    pytest.param(
        "Gas deliveries\n\nThe Central Asia–China gas pipeline carried 41 bcm last year.\n\n"
        "Kazakhstan is also widening the Beineu-Bozoi pipeline. Work should cost $3.6 billion.",
        [(CACGP, "traffic", "41")],
        ["Work should cost"],
        id="after another thing named alone, a sentence naming nothing is no one's",
    ),
    pytest.param(
        "Caspian cargo\n\nA train left Xi'an on the Middle Corridor on Monday.\n\nLoaded with "
        "50 boxes, it left the Xi'an Port Station for Baku. The train should take 11 days to "
        "reach Baku.",
        [(TITR, "transit_time", "11")],
        [],
        id="'it' after an opening phrase is the subject, not the station it left",
    ),
    pytest.param(
        "Caspian cargo\n\nFreight on the Middle Corridor grew in 2024. Another branch is "
        "taking shape, from China through Kyrgyzstan and Tajikistan to Turkmenistan.",
        [],
        ["Another branch"],
        id="'another branch' is a further part, its route not the whole's",
    ),
]


@pytest.mark.parametrize(("text", "present", "silent"), CASES)
def test_whose_figure(fixture_raw, text: str, present, silent) -> None:
    rows = _propose(fixture_raw, text, "2025-03-14")
    found = {(r["corridor"], r["field"], r["value"]) for r in rows}
    for fact in present:
        assert fact in found, f"{fact} not in {sorted(found)}"
    for phrase in silent:
        given = [
            (r["corridor"], r["field"], r["value"])
            for r in rows
            if r["corridor"]
            and r["field"] in FIGURES
            and phrase in r["quote"]
            and not r["reason"].startswith("status implied")  # by a figure expected here
        ]
        given = [g for g in given if g not in present]
        assert not given, f"{phrase!r} gave {given}"
