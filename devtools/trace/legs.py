"""The curated inputs of the trace recipe (``devtools/trace/``): which reference files, which
stations and ports, and the legs to draw through them, with why each choice was made.

Data, not code: this is the part a curator edits (a new leg, a station the references lack) and
reviews line by line; the recipe beside it turns it into geometry. Station and node ids are
OpenStreetMap's; every port row names its public source and the words it was read from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# How far each reference line itself may lie from the real track or pipe. A traced leg's accuracy is
# its largest deviation from the reference plus this, rounded up: closeness to the reference is not
# closeness to the ground.
REFERENCE_ERROR_KM = {
    # Natural Earth 1:10m is generalised: OSM stations lie 0.5-3 km from its lines.
    "ne": 3.0,
    # The OSM extract follows the surveyed track; it was simplified at about 50 m.
    "osm": 0.1,
    # The OSM pipeline route has three straight 25-29 km jumps where relation members are missing;
    # the pipe may run a few km off those chords.
    "pipeline": 2.5,
}
# OSM way ids were below about 1.5 billion when the extract was made (2026-04); a larger id is a
# node for certain, a smaller one may be a node or a way (the extract does not say which).
NODE_ID_MIN = 1_700_000_000
# Where the station extract can be checked when the element type is not known.
EXTRACT_COMMIT = "d44c7e5656aa80d987bd6f5cf7a7f3ad80af4f4d"
EXTRACT_URL = f"https://github.com/njfinney/Asia_Railway_Calculator/blob/{EXTRACT_COMMIT}/"
OSM_PIPELINE_RELATION = "https://www.openstreetmap.org/relation/8165751"

ODBL = "Contains data derived from OpenStreetMap, © OpenStreetMap contributors, ODbL 1.0."

REF_FILES = {
    "osm-cac-pipeline": "cac-pipeline.geojson",
    "ne-railroads": "rail-natural-earth.geojson",
    "osm-rail-az-ge": "rail-osm.geojson",
    "osm-stations": "stations.csv",
    "ports": "ports.csv",
}

COUNTRY_ISO2 = {
    "Afghanistan": "AF",
    "Armenia": "AM",
    "Azerbaijan": "AZ",
    "China": "CN",
    "Georgia": "GE",
    "Iran": "IR",
    "Kazakhstan": "KZ",
    "Kyrgyzstan": "KG",
    "Mongolia": "MN",
    "Russia": "RU",
    "Tajikistan": "TJ",
    "Turkey": "TR",
    "Turkmenistan": "TM",
    "Uzbekistan": "UZ",
}

# English names of the stations used, by OSM id: the OSM ``name:en`` where it is an English form,
# otherwise a conventional transliteration of the OSM ``name``; the local name follows in brackets
# in the output. Slugs are the waypoint ids.
STATIONS = {
    # Kazakhstan: Altynkol (Khorgos) – Zhetygen; no Natural Earth line.
    4046956026: ("altynkol", "Altynkol"),
    3791839392: ("kundyzdy", "Kundyzdy"),
    3791842657: ("kerimagash", "Kerimagash"),
    3791839378: ("aidarly", "Aidarly"),
    3791054349: ("taskarasu", "Taskarasu"),
    3791058496: ("sharyn", "Sharyn"),
    3791057520: ("ortakuduk", "Ortakuduk"),
    3789960682: ("nurly", "Nurly"),
    3789960760: ("shelek", "Shelek"),
    3790634710: ("zhinishkesu", "Zhinishkesu"),
    3790638768: ("zharsu", "Zharsu"),
    3789505242: ("ekpindi", "Ekpindi"),
    3789961474: ("kurozek", "Kurozek"),
    2406190344: ("zhetygen", "Zhetygen"),
    # Turksib, Almaty – Shu, Shu – Moiynty, Dostyk – Aktogay – Moiynty.
    260543817: ("almaty-1", "Almaty-1"),
    1843860384: ("moiynty", "Moiynty"),
    4025083258: ("dostyk", "Dostyk"),
    2790241850: ("east-aktogay", "East Aktogay"),
    7088099795: ("predouzlovaya", "Predouzlovaya"),
    4022911768: ("birlik-1", "Birlik I (Shu junction)"),
    # Moiynty – Zhezkazgan the long way round (via Akadyr and Zharyk).
    1843860385: ("akadyr", "Akadyr"),
    2433500332: ("saken-seifullin", "Saken Seifullin (Zharyk junction)"),
    2434847849: ("zhanaarka", "Zhanaarka"),
    2435194156: ("atasu", "Atasu"),
    2434847853: ("kyzylzhar", "Kyzylzhar"),
    922818608: ("zhezkazgan", "Zhezkazgan"),
    # Zhezkazgan – Saksaulsk, opened 2014; no Natural Earth line.
    3619094580: ("karsakbay", "Karsakbay"),
    3617792725: ("baikonyr-siding", "Baikonyr siding"),
    4430883078: ("siding-5-koktal", "Siding No. 5"),
    3617761158: ("koktal", "Koktal"),
    4430891192: ("siding-8-koskol", "Siding No. 8"),
    3617596426: ("koskol", "Koskol"),
    3617596427: ("promezhutochnaya", "Promezhutochnaya"),
    3617549887: ("abay", "Abay"),
    7081964685: ("karashegen", "Karashegen"),
    7081966486: ("siding-19-saksaulsk", "Siding 19"),
    2404537552: ("saksaulsk", "Saksaulsk"),
    # Orenburg – Tashkent line, Saksaulsk – Shalkar.
    4032336057: ("shalkar", "Shalkar"),
    # Shalkar – Beyneu, opened 2014; no Natural Earth line.
    7061767086: ("saryzhide", "Saryzhide"),
    5887782963: ("akkaitym", "Akkaitym"),
    7062781084: ("baikadam", "Baikadam"),
    7062790362: ("begimbet", "Begimbet"),
    7076958179: ("dombar", "Dombar"),
    7076966073: ("shukyr", "Shukyr"),
    7076944047: ("zhanak", "Zhanak"),
    7076942982: ("kampala", "Kampala"),
    4280997490: ("tassay", "Tassay"),
    7072155558: ("sagyr", "Sagyr"),
    7076966076: ("sankybai", "Sankybai"),
    4323957789: ("kabel", "Kabel"),
    7062977473: ("turysh", "Turysh"),
    4264573137: ("nogaity-siding", "Nogaity siding"),
    4264573203: ("sam", "Sam"),
    4064729697: ("beyneu", "Beyneu"),
    # Mangystau: Beyneu – Aktau port, and the Kuryk port branch.
    4034464670: ("mangystau", "Mangystau"),
    7066248958: ("aktau-port", "Aktau port"),
    4072423867: ("borzhakty", "Borzhakty"),
    7066119030: ("ersai", "Ersai"),
    11910129790: ("kuryk-port", "Kuryk port"),
    # Azerbaijan and Georgia.
    3079878190: ("bash-alat", "Bash Alat"),
    3072419334: ("ganja", "Ganja"),
    2857851598: ("boyuk-kasik", "Böyük Kəsik"),
    184610043: ("gardabani", "Gardabani"),
    945217529: ("navtlughi", "Navtlughi"),
    3072368499: ("tbilisi-cargo", "Tbilisi-Cargo"),
    10056291746: ("samtredia-1", "Samtredia-1"),
    3065946736: ("poti", "Poti"),
    6199471015: ("batumi-central", "Batumi-Central"),
    # Baku–Tbilisi–Kars; Akhalkalaki is not in stations.csv.
    10781805793: ("marabda", "Marabda"),
    7996564301: ("tetritskaro", "Tetritskaro"),
    13249471534: ("kartsakhi", "Kartsakhi"),
    13249471514: ("canbazlar", "Canbazlar"),
    13249471379: ("canbaz", "Canbaz"),
    13249471308: ("guvercin", "Güvercin"),
    5201470368: ("porsuklu", "Porsuklu"),
    2005962642: ("kars", "Kars"),
}

# ports.csv rows, numbered from 1 in file order (after the header).
PORTS = {
    1: ("port-of-aktau", "Port of Aktau"),
    2: ("port-of-kuryk", "Port of Kuryk"),
    3: ("port-of-baku-alat", "Baku International Sea Trade Port, Alat"),
    4: ("batumi-sea-port", "Batumi Sea Port"),
    5: ("poti-sea-port", "Poti Sea Port"),
}
# The OSM station a port row was read from (ports.csv names it in its method column).
PORT_OSM_ID = {1: 7066248958, 2: 11910129790}
# The public reference (a geodata/references.csv id) each ports.csv row comes from, where a reader
# can check it, and the words for it in drawing notes.
PORT_REFERENCE = {
    1: "osm-stations",
    2: "osm-stations",
    3: "osm-rail-az-ge",
    4: "wikipedia-ports-of-georgia",
    5: "wikipedia-ports-of-georgia",
}
PORT_SOURCE = {
    1: "OSM station node 7066248958",
    2: "OSM station node 11910129790",
    3: "the mean of the OSM port terminal tracks",
    4: "English Wikipedia, List of ports in Georgia",
    5: "English Wikipedia, List of ports in Georgia",
}
PORT_URL = {
    1: "https://www.openstreetmap.org/node/7066248958",
    2: "https://www.openstreetmap.org/node/11910129790",
    3: "https://www.openstreetmap.org/way/785381838",
    4: "https://en.wikipedia.org/wiki/List_of_ports_in_Georgia_(country)",
    5: "https://en.wikipedia.org/wiki/List_of_ports_in_Georgia_(country)",
}
PORT_NOTE = {
    1: "OpenStreetMap railway station 'Aktau port' (Ақтау порты), node 7066248958, as extracted in "
    "reference-geodata ports.csv.",
    2: "OpenStreetMap railway station 'Kuryk port' (Құрық порты), node 11910129790, as extracted in "
    "reference-geodata ports.csv.",
    3: "The mean of the 271 vertices of the port's rail terminal tracks in OpenStreetMap (15 ways, "
    "ids 785381838-785398149; the link is the first), computed for reference-geodata ports.csv; "
    "the berths are on the shore about 1 km east. Wikipedia's coordinates for the port are those "
    "of the old port in Baku city, not Alat.",
    4: "Read in a 2020-08 Kiwix copy of the page (reference-geodata ports.csv); the Coordinates "
    "column of its table.",
    5: "Read in a 2020-08 Kiwix copy of the page (reference-geodata ports.csv); the Coordinates "
    "column of its table.",
}
PORT_COORDINATES_TEXT = {
    4: "41°38′59.6″N 41°39′25.5″E",
    5: "42°09′33.2″N 41°39′30.9″E",
}
COUNTRY_NAME = {iso: name for name, iso in COUNTRY_ISO2.items()}


@dataclass
class Leg:
    """What a leg is to be drawn from; the builders turn it into the output record."""

    id: str
    corridor: str
    name: str
    kind: str
    mode: str
    method: str
    # Stops the line is forced through: an OSM station id (int) or ("port", row).
    stops: list = field(default_factory=list)
    # Stations the line is expected to pass within WAYPOINT_MAX_KM (listed, checked, not forced).
    via: list = field(default_factory=list)
    network: str = ""
    countries: tuple = ()
    note: str = ""
    # For sea legs: offshore shape points (lon, lat, reason).
    shape: list = field(default_factory=list)
    # Points appended after the last stop as straight segments (a port beyond the railway's end).
    tail: list = field(default_factory=list)
    # For stations legs: which traced legs to calibrate the chord error against, and a floor on
    # the accuracy where a chord is known to cut a corner that calibration cannot see.
    calibrate_on: tuple = ()
    min_accuracy_km: int = 0
    accuracy_note: str = ""


PIPELINE_LINES = (("a", "A", "P1124"), ("b", "B", "P2299"), ("c", "C", "P2300"))

TITR = "titr"
# Traced legs across flat steppe and desert, to calibrate the chords of the 2014 lines against.
STEPPE = (
    "titr-kz-saksaulsk-shalkar",
    "titr-kz-beyneu-aktau",
    "titr-kz-moiynty-zhezkazgan",
    "titr-kz-dostyk-moiynty",
)

#: The one offshore shape point both Caspian crossings pass, so that they go round Absheron.
ABSHERON_SHAPE = (
    50.45,
    40.15,
    "offshore point south-east of the Absheron peninsula, so that the "
    "line does not cross it (Natural Earth 1:50m coast)",
)

LEGS = [
    Leg(
        id="titr-kz-altynkol-zhetygen",
        corridor=TITR,
        name="Altynkol (Khorgos) – Zhetygen railway",
        kind="corridor",
        mode="rail",
        method="stations",
        stops=[
            4046956026,  # Altynkol
            3791839392,  # Kundyzdy
            3791842657,  # Kerimagash
            3791839378,  # Aidarly
            3791054349,  # Taskarasu
            3791058496,  # Sharyn
            3791057520,  # Ortakuduk
            3789960682,  # Nurly
            3789960760,  # Shelek
            3790634710,  # Zhinishkesu
            3790638768,  # Zharsu
            3789505242,  # Ekpindi
            3789961474,  # Kurozek
            2406190344,  # Zhetygen
        ],
        countries=("KZ",),
        calibrate_on=("titr-kz-zhetygen-moiynty",),
        note=(
            "Natural Earth has no Zhetygen – Altynkol line (Altynkol is 134 km from "
            "the nearest Natural Earth line)"
        ),
    ),
    Leg(
        id="titr-kz-zhetygen-moiynty",
        corridor=TITR,
        name="Zhetygen – Almaty – Birlik (near Shu) – Moiynty railway",
        kind="corridor",
        mode="rail",
        method="traced",
        network="ne",
        stops=[
            2406190344,  # Zhetygen
            260543817,  # Almaty-1
            1843860384,  # Moiynty
        ],
        via=[
            4022911768,  # Birlik I (Shu junction)
        ],
        countries=("KZ",),
        note=(
            "The Moiynty line leaves the Turksib at the Birlik junction, 10 km north-east of Shu "
            "station, so the path turns there; forcing it through Shu station itself would add a "
            "10 km spur there and back"
        ),
    ),
    Leg(
        id="titr-kz-dostyk-moiynty",
        corridor=TITR,
        name="Dostyk – East Aktogay – Moiynty railway",
        kind="corridor",
        mode="rail",
        method="traced",
        network="ne",
        stops=[
            4025083258,  # Dostyk
            1843860384,  # Moiynty
        ],
        via=[
            2790241850,  # East Aktogay
            7088099795,  # Predouzlovaya
        ],
        countries=("KZ",),
        note=(
            "Natural Earth joins the Dostyk and Moiynty lines on the Turksib 5 km south of Aktogay "
            "station, between the East Aktogay and Predouzlovaya stations, so the path passes "
            "there; forcing it through Aktogay station would add a 5 km spur there and back"
        ),
    ),
    Leg(
        id="titr-kz-moiynty-zhezkazgan",
        corridor=TITR,
        name="Moiynty – Akadyr – Zharyk – Atasu – Zhezkazgan railway (the existing long way round)",
        kind="corridor",
        mode="rail",
        method="traced",
        network="ne",
        stops=[
            1843860384,  # Moiynty
            922818608,  # Zhezkazgan
        ],
        via=[
            1843860385,  # Akadyr
            2433500332,  # Saken Seifullin (Zharyk junction)
            2434847849,  # Zhanaarka
            2435194156,  # Atasu
            2434847853,  # Kyzylzhar
        ],
        countries=("KZ",),
        note=(
            "Natural Earth lacks the new direct Moiynty – Kyzylzhar line, so this is the existing "
            "line north via Akadyr and the Zharyk junction, then west via Atasu"
        ),
    ),
    Leg(
        id="titr-kz-zhezkazgan-saksaulsk",
        corridor=TITR,
        name="Zhezkazgan – Saksaulsk railway (2014)",
        kind="corridor",
        mode="rail",
        method="stations",
        stops=[
            922818608,  # Zhezkazgan
            3619094580,  # Karsakbay
            3617792725,  # Baikonyr siding
            4430883078,  # Siding No. 5
            3617761158,  # Koktal
            4430891192,  # Siding No. 8
            3617596426,  # Koskol
            3617596427,  # Promezhutochnaya
            3617549887,  # Abay
            7081964685,  # Karashegen
            7081966486,  # Siding 19
            2404537552,  # Saksaulsk
        ],
        countries=("KZ",),
        calibrate_on=STEPPE,
        note="Natural Earth has no Zhezkazgan – Saksaulsk line (opened 2014)",
    ),
    Leg(
        id="titr-kz-saksaulsk-shalkar",
        corridor=TITR,
        name="Saksaulsk – Shalkar railway",
        kind="corridor",
        mode="rail",
        method="traced",
        network="ne",
        stops=[
            2404537552,  # Saksaulsk
            4032336057,  # Shalkar
        ],
        countries=("KZ",),
    ),
    Leg(
        id="titr-kz-shalkar-beyneu",
        corridor=TITR,
        name="Shalkar – Beyneu railway (2014)",
        kind="corridor",
        mode="rail",
        method="stations",
        stops=[
            4032336057,  # Shalkar
            7061767086,  # Saryzhide
            5887782963,  # Akkaitym
            7062781084,  # Baikadam
            7062790362,  # Begimbet
            7076958179,  # Dombar
            7076966073,  # Shukyr
            7076944047,  # Zhanak
            7076942982,  # Kampala
            4280997490,  # Tassay
            7072155558,  # Sagyr
            7076966076,  # Sankybai
            4323957789,  # Kabel
            7062977473,  # Turysh
            4264573137,  # Nogaity siding
            4264573203,  # Sam
            4064729697,  # Beyneu
        ],
        countries=("KZ",),
        calibrate_on=STEPPE,
        note=(
            "Natural Earth has only the old detour north (945 km), not the 2014 Shalkar – Beyneu "
            "line"
        ),
    ),
    Leg(
        id="titr-kz-beyneu-aktau",
        corridor=TITR,
        name="Beyneu – Mangystau – Aktau port railway",
        kind="corridor",
        mode="rail",
        method="traced",
        network="ne",
        stops=[
            4064729697,  # Beyneu
            4034464670,  # Mangystau
            7066248958,  # Aktau port
        ],
        countries=("KZ",),
    ),
    Leg(
        id="titr-kz-mangystau-borzhakty",
        corridor=TITR,
        name="Mangystau – Borzhakty railway (towards Kuryk port)",
        kind="corridor",
        mode="rail",
        method="traced",
        network="ne",
        stops=[
            4034464670,  # Mangystau
            4072423867,  # Borzhakty
        ],
        countries=("KZ",),
        note=(
            "This is the Aktau – Uzen line as far as Borzhakty, where Railway Gazette puts the "
            "junction of the Kuryk port branch"
        ),
    ),
    Leg(
        id="titr-kz-borzhakty-kuryk",
        corridor=TITR,
        name="Borzhakty – Ersai – Kuryk port railway",
        kind="corridor",
        mode="rail",
        method="stations",
        stops=[
            4072423867,  # Borzhakty
            7066119030,  # Ersai
            11910129790,  # Kuryk port
        ],
        countries=("KZ",),
        calibrate_on=STEPPE,
        note=(
            "Natural Earth lacks the port branch, which leaves the Aktau – Uzen line at Borzhakty "
            "and runs by Ersai to Kuryk port (19 km from the nearest Natural Earth line); Railway "
            "Gazette names the 13.9 km Borzhakty – Ersai branch"
        ),
    ),
    Leg(
        id="titr-caspian-aktau-alat",
        corridor=TITR,
        name="Caspian crossing: Aktau – Alat (Baku)",
        kind="corridor",
        mode="sea",
        method="schematic",
        stops=[("port", 1), ("port", 3)],
        countries=("KZ", "AZ"),
        shape=[ABSHERON_SHAPE],
    ),
    Leg(
        id="titr-caspian-kuryk-alat",
        corridor=TITR,
        name="Caspian crossing: Kuryk – Alat (Baku)",
        kind="corridor",
        mode="sea",
        method="schematic",
        stops=[("port", 2), ("port", 3)],
        countries=("KZ", "AZ"),
        shape=[ABSHERON_SHAPE],
    ),
    Leg(
        id="titr-az-ge-alat-tbilisi",
        corridor=TITR,
        name="Alat – Ganja – Tbilisi (Tbilisi-Cargo) railway",
        kind="corridor",
        mode="rail",
        method="traced",
        network="osm",
        stops=[("port", 3), 3072419334, 3072368499],
        via=[
            3079878190,  # Bash Alat
            2857851598,  # Böyük Kəsik
            184610043,  # Gardabani
            945217529,  # Navtlughi
        ],
        countries=("AZ", "GE"),
    ),
    Leg(
        id="titr-ge-tbilisi-poti",
        corridor=TITR,
        name="Tbilisi – Samtredia – Poti railway (to Poti Sea Port)",
        kind="corridor",
        mode="rail",
        method="traced",
        network="ne",
        stops=[
            3072368499,  # Tbilisi-Cargo
            10056291746,  # Samtredia-1
            3065946736,  # Poti
        ],
        tail=[("port", 5)],
        countries=("GE",),
    ),
    Leg(
        id="titr-ge-samtredia-batumi",
        corridor=TITR,
        name="Samtredia – Batumi railway (to Batumi Sea Port)",
        kind="corridor",
        mode="rail",
        method="traced",
        network="ne",
        stops=[
            10056291746,  # Samtredia-1
            6199471015,  # Batumi-Central
        ],
        tail=[("port", 4)],
        countries=("GE",),
    ),
    Leg(
        id="titr-ge-tbilisi-marabda",
        corridor=TITR,
        name="Tbilisi (Navtlughi) – Marabda railway (Baku–Tbilisi–Kars route)",
        kind="corridor",
        mode="rail",
        method="traced",
        network="osm",
        stops=[
            945217529,  # Navtlughi
            10781805793,  # Marabda
        ],
        countries=("GE",),
        note=(
            "It joins the Alat – Tbilisi leg at Navtlughi and the Marabda – Kars leg at Marabda, so "
            "the Baku – Tbilisi – Kars route is drawn without a gap"
        ),
    ),
    Leg(
        id="titr-ge-tr-marabda-kars",
        corridor=TITR,
        name="Baku–Tbilisi–Kars railway: Marabda – Kartsakhi – Kars",
        kind="corridor",
        mode="rail",
        method="stations",
        stops=[
            10781805793,  # Marabda
            7996564301,  # Tetritskaro
            13249471534,  # Kartsakhi
            13249471514,  # Canbazlar
            13249471379,  # Canbaz
            13249471308,  # Güvercin
            5201470368,  # Porsuklu
            2005962642,  # Kars
        ],
        countries=("GE", "TR"),
        calibrate_on=("titr-ge-tbilisi-poti", "titr-ge-samtredia-batumi"),
        min_accuracy_km=20,
        accuracy_note=(
            "the 105 km Tetritskaro – Kartsakhi chord crosses the Javakheti plateau, and the "
            "real line runs via Tsalka and Akhalkalaki (neither is in stations.csv), which lie "
            "roughly 15–20 km north of the chord"
        ),
        note=(
            "Natural Earth has no Marabda – Akhalkalaki – Kartsakhi – Kars line (Kartsakhi is "
            "54 km from it, with no link to Kars), and the OSM railway extract stops at 44.77 E; "
            "Akhalkalaki station is missing from stations.csv, so Tetritskaro – Kartsakhi is one "
            "105 km chord"
        ),
    ),
]
