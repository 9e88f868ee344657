"""The known systems: every row of corridors.csv with the names, places and parts it is known by.

A system is recognised in an article by the names the curators gave it (corridors.csv, accepted
``name`` claims), by an acronym of a long name ("TITR"), by the distinctive words of its name and
the places on its drawn features, and by its kind. A row with ``part_of`` (Line D of the gas
pipeline) is a part of another system: it is named by its own label ("Line D") where its parent is
being read about, and its figures are its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...problems import Problem
from ...quotes import textmatch
from ...store import rawdata
from ...store.datadir import DataDir

#: Head nouns of infrastructure and the kind of system they can name (schema.KINDS names; other
#: kinds are infrastructure no system of this map has).
HEADS: dict[str, str] = {
    "railway": "railway",
    "railways": "railway",
    "railroad": "railway",
    "rail line": "railway",
    "rail link": "railway",
    "pipeline": "pipeline",
    "pipelines": "pipeline",
    "gas pipeline": "pipeline",
    "corridor": "corridor",
    "route": "corridor",
    "port": "port",
    "dry port": "port",
    "waterless port": "port",
    "inland port": "port",
    "land port": "port",
    "seaport": "port",
    "terminal": "port",
    "highway": "highway",
    "road": "highway",
    "roads": "highway",
    "motorway": "highway",
    "expressway": "highway",
    "bridge": "bridge",
    "tunnel": "tunnel",
    "charging stations": "charging stations",
    "charging station": "charging stations",
    "power plant": "power plant",
    "power plants": "power plant",
    "airport": "airport",
}
#: Lower-case words allowed inside a name before its head ("... International transport Corridor").
MODIFIERS = (
    "gas",
    "oil",
    "natural",
    "transport",
    "transportation",
    "international",
    "freight",
    "high-speed",
    "dry",
    "waterless",
    "logistics",
    "rail",
    "economic",
    "trade",
)
HEAD_RE = "|".join(sorted((re.escape(h) for h in HEADS), key=len, reverse=True))

#: Capitalised words of a name that say nothing about which system it is.
_GENERIC = (
    "north south east west northern southern eastern western central middle new great "
    "trans asia asian europe eurasia gateway line lines the of and"
)
GENERIC_NAME_WORDS = set(_GENERIC.split())
_PLACE_NAME = r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*"
#: "North–South Highway in Kyrgyzstan": a name, then where it is.
_LOCATIVE = re.compile(rf"^(?P<base>.+?)\s+in\s+(?:the\s+)?(?P<where>{_PLACE_NAME})$")
#: "Charging stations from Urumqi to the Caspian Sea": a name that states its route.
_NAME_ROUTE = re.compile(
    rf"\bfrom\s+(?:the\s+)?(?P<a>{_PLACE_NAME})\s+to\s+(?:the\s+)?(?P<b>{_PLACE_NAME})"
)
#: A part's own label in a name: "Line D", "Phase 2", "the Kyrgyz section" is no label.
PART_LABEL = re.compile(
    r"\b(?P<word>Line|Phase|Stage|String)\s+(?P<id>[A-Z]\b|\d{1,2}\b|[IVX]+\b)"
    # the other words reports letter a line with, and lower case: "line D", "branch D",
    # "Pipeline D", 'line "D"' (a letter only: "line 2" is no label in lower case)
    r"|\b(?P<lword>(?i:line|branch|strand|string)|Pipeline)\s+[\"“‘']?(?P<lid>[B-HJ-Z])\b[\"”’']?"
    r"(?!\s*[-–]\s*[A-Z])"
)
#: A label written letter first: "the D line", "the 1,000-km D-line" ("A line" is an article).
LETTER_LABEL = re.compile(r"\b(?P<id>[B-HJ-Z])[- ](?:line|section|string|branch)\b(?!\s+[A-Z])")
#: The lines of a system, listed: "Lines A, B and C", "three parallel branches, A, B and C".
LINE_LIST = re.compile(
    r"\b(?:Lines|(?:(?:two|three|four|five)\s+)?(?:parallel\s+)?(?:lines|branches|strings|strands)"
    # "three sections, called A, B and C": sections counted and lettered are its lines
    r"|(?:two|three|four|five)\s+(?:parallel\s+)?sections)"
    r"\s*,?\s+(?:(?:called|named|known\s+as|labelled)\s+)?"
    r"[A-Z](?:\s*,\s*[A-Z]\b)*(?:,?\s*(?:and|&)\s+[A-Z])\b"
    # letters first: "the existing A, B and C lines"
    r"|\b[A-Z](?:\s*,\s*[A-Z])*,?\s*(?:and|&)\s+[A-Z]\s+(?:lines|branches|strings|strands)\b"
    # letters in brackets: "the three strings already in place (A, B, C)"
    r"|\b(?:(?:two|three|four|five)\s+)?(?:parallel\s+)?(?:lines|branches|strings|strands)"
    r"(?:\s+[a-z]+){0,4}\s*\(\s*[A-Z](?:\s*(?:,|and|&)\s*[A-Z])+\s*\)"
)


#: Spellings of the region's place names, one group a line, the first as the data writes it.
#: Reports transliterate Kazakh, Uyghur, Chinese, Kyrgyz, Uzbek and Azerbaijani names each their
#: own way (Chinese media write Horgos or Khorgas, pinyin gives Huoerguosi and Kashi, Uzbek Latin
#: Andijon) and no data file lists the spellings: they are spelling, not facts about a system, so
#: they live here, and a system's names and places are known in every spelling of the group.
SPELLINGS: tuple[tuple[str, ...], ...] = (
    ("Khorgos", "Horgos", "Khorgas", "Horgas", "Korgas", "Qorgas", "Huoerguosi"),
    ("Kashgar", "Kashi", "Qashqar", "Kaxgar"),
    ("Andijan", "Andijon", "Andizhan"),
    ("Torugart", "Turugart"),
    ("Irkeshtam", "Erkeshtam", "Irkestan"),
    ("Jalal-Abad", "Jalalabad", "Djalal-Abad", "Dzhalal-Abad"),
    ("Altynkol", "Altynkul", "Altynköl"),
    ("Dostyk", "Dostyq"),
    ("Aktau", "Aqtau"),
    ("Turkey", "Türkiye", "Turkiye"),
    ("Kuryk", "Kurik", "Quryq", "Kuryq"),
)
_SPELLING_OF = {w.casefold(): group for group in SPELLINGS for w in group}


def spellings(word: str) -> tuple[str, ...]:
    """Every spelling of a place word ("Horgos" -> Khorgos, Horgos, Khorgas, ...), or itself."""
    return _SPELLING_OF.get(word.casefold(), (word,))


def respelled(name: str) -> list[str]:
    """The other spellings of a name, one place word respelled at a time: "Khorgos dry port" ->
    "Horgos dry port", "Khorgas dry port", ... (none when no word of it has other spellings)."""
    out = []
    for m in re.finditer(r"[^\W\d_]+(?:-[A-Z][^\W\d_]*)?", name):
        for other in spellings(m.group()):
            if other != m.group():
                out.append(name[: m.start()] + other + name[m.end() :])
    return out


#: Words after (or, "Port of", before) a place's own name that say what is there, not where:
#: "Kashgar railway station", "Torugart Pass", "Aktau port", "Poti Sea Port", "Port of Kuryk".
_FEATURE_WORDS = (
    "railway station|station|pass|sea trade port|sea port|seaport|port|international|junction|"
    "siding|city|town|terminal"
)
_FEATURE_TAIL = re.compile(rf"(?:\s+(?i:{_FEATURE_WORDS}))+$")
_PORT_OF = re.compile(r"^(?i:port|station)\s+of\s+")


def place_core(place: str) -> str:
    """The place a waypoint is at, without what is there: "Kashgar railway station" -> "Kashgar",
    "Port of Kuryk" -> "Kuryk", "Baku International Sea Trade Port" -> "Baku"; '' when that is
    the whole name or leaves no capitalised word."""
    core = _FEATURE_TAIL.sub("", _PORT_OF.sub("", place)).strip()
    return core if core != place and core[:1].isupper() and len(core.split()) <= 3 else ""


def with_spellings(places: list[str]) -> list[str]:
    """Places, each with its core ("Kashgar" of "Kashgar railway station") and every spelling of
    both, once each, in order; a long description of a place ("East end of ...") is kept as it
    is."""
    out: list[str] = []
    for place in places:
        core = place_core(place)
        for item in (place, core):
            if item:
                out += [item, *(respelled(item) if len(item.split()) <= 3 else [])]
    return list(dict.fromkeys(out))


def _label_text(m: re.Match) -> str:
    """A PART_LABEL match as a label: "Phase 2", "Line D" (any lettered word is a Line)."""
    return f"{m.group('word')} {m.group('id')}" if m.group("word") else f"Line {m.group('lid')}"


def normal_label(phrase: str) -> str:
    """A label as corridors.csv writes it: "D line", "D-line", "line D", "branch D" and
    'Pipeline "D"' are "Line D"."""
    m = LETTER_LABEL.fullmatch(phrase)
    if m:
        return f"Line {m.group('id')}"
    m = PART_LABEL.fullmatch(phrase)
    return f"Line {m.group('lid')}" if m and m.group("lid") else phrase


def listed_lines(phrase: str) -> list[str]:
    """The letters a list of lines names: "three parallel lines, A, B and C" -> A, B, C."""
    m = re.search(
        r"(?:lines|branches|strings|strands|sections)\s*,?\s+"
        r"(?:(?:called|named|known\s+as|labelled)\s+)?(?P<l>.*)$",
        phrase,
        re.I,
    )
    return re.findall(r"\b[A-Z]\b", m.group("l") if m else phrase)


@dataclass
class System:
    """A row of corridors.csv with every name, place and country it can be recognised by."""

    id: str
    name: str
    kinds: set[str]
    names: list[tuple[str, str]]  # (name, where it comes from)
    places: list[str]
    countries: list[str]
    #: distinctive words of its own name ("Khorgos" of "Khorgos dry port"), matched like places
    name_words: list[str] = field(default_factory=list)
    #: corridors.csv says mapped 'no': only mentioned, not drawn (still a system to match)
    mapped: bool = True
    #: names that stood in corridors.csv with a place after them ("X in Kyrgyzstan"): X -> place
    localised: dict[str, str] = field(default_factory=dict)
    #: the system this row is a part of (corridors.csv part_of), '' for a whole system
    part_of: str = ""
    #: a part's own label, as an article names it once its parent is the topic ("Line D")
    label: str = ""
    #: drawn features named by a label ("Line A" -> cacgp-line-a): claims about them name them
    features: dict[str, str] = field(default_factory=dict)
    #: acronyms of its long names ("TITR"), matched as whole words, case kept
    acronyms: list[str] = field(default_factory=list)


#: Double quotes and guillemets, which reporting (Central Asian outlets above all) sets around a
#: name: the "China-Kyrgyzstan-Uzbekistan" railway is the China-Kyrgyzstan-Uzbekistan railway.
_NAME_QUOTES = re.compile(r'["«»„]')


def fold(text: str) -> str:
    """Case, dashes and typographic quotes folded, and double quotes dropped, for comparing
    names (a name in quotes is that name)."""
    text = _NAME_QUOTES.sub("", textmatch.normalise_text(text).casefold())
    return re.sub(r"\s*[-–—]\s*", "-", text)


def strip_parens(name: str) -> tuple[str, list[str]]:
    inner = re.findall(r"\(([^)]*)\)", name)
    return re.sub(r"\s*\([^)]*\)", "", name).strip(), [i.strip() for i in inner]


def _feature_countries(data: dict | None) -> list[str]:
    """The names of a boundaries collection's countries; a country without a name is skipped."""
    out = []
    for feature in (data or {}).get("features") or []:
        props = feature.get("properties") if isinstance(feature, dict) else None
        name = props.get("name") if isinstance(props, dict) else None
        if isinstance(name, str) and name:
            out.append(name)
    return out


def boundary_countries(raw: rawdata.RawData) -> set[str]:
    """The countries of the map's boundaries file (to tell a country from a name)."""
    return set(_feature_countries(raw.boundaries.data if raw.boundaries is not None else None))


def country_names(datadir: DataDir) -> list[str]:
    """Country names the map knows (its boundaries file, read through the reading layer), for
    reading routes; none when the file is missing or cannot be read."""
    problems: list[Problem] = []
    geofile = rawdata.read_boundaries(datadir, problems)
    return _feature_countries(geofile.data if geofile is not None else None)


def head_kind(name: str) -> str | None:
    """The kind the last head noun of a name gives ("... gas pipeline" -> pipeline)."""
    found = None
    for m in re.finditer(rf"\b({HEAD_RE})\b", name, re.I):
        found = HEADS[m.group(1).lower()]
    return found


def name_words(name: str, countries: set[str]) -> list[str]:
    """Words of a curated name that single its system out: no country, kind or generic word."""
    kind_words = {w for head in HEADS for w in head.split()} | set(MODIFIERS)
    words = []
    for word in re.split(r"[\s\-–—(),/]+", name):
        low = word.lower()
        if (
            len(word) >= 4
            and word[:1].isupper()
            and word not in countries
            and low not in kind_words
            and low not in GENERIC_NAME_WORDS
        ):
            words.append(word)
    return words


def acronym(name: str) -> str:
    """The initials a long name goes by: "Trans-Caspian International Transport Route" -> "TITR",
    "China–Kyrgyzstan–Uzbekistan railway" -> "CKU" (the places a dashed name joins); '' when
    fewer than three (initials that short match by chance)."""
    words = name.split()
    if len(words) >= 3 and all(w[:1].isupper() for w in words):
        return "".join(w[0] for w in words)
    joined = re.split(r"[-–—]", words[0]) if words else []
    if len(joined) >= 3 and all(w[:1].isupper() for w in joined):
        return "".join(w[0] for w in joined)
    return ""


def name_base(name: str) -> str:
    """A name without the place said after it: "North-South Highway in Kyrgyzstan" -> its
    first three words."""
    where = _LOCATIVE.match(name)
    return where.group("base") if where else name


def curated_names(row_name: str, countries: set[str]) -> tuple[list[tuple[str, str]], dict]:
    """The names a corridors.csv name gives, and what else it says (countries, places).

    "Khorgos dry port (Khorgos Gateway)": two names. "North–South Highway (Kyrgyzstan)" or
    "North–South Highway in Kyrgyzstan": one name, "North–South Highway", and a country, which is
    not a name (a mention of Kyrgyzstan is not a mention of the highway). "Charging stations from
    Urumqi to the Caspian Sea": a name that states its route, so Urumqi and the Caspian Sea are
    its places. "(Lines A/B/C)" says which lines it has; it is no name.
    """
    base, inner = strip_parens(row_name)
    said: dict = {"countries": [], "places": [], "localised": {}}
    names = []
    where = _LOCATIVE.match(base)
    if where:
        place = where.group("where")
        names.append((where.group("base"), f"its name in corridors.csv, without 'in {place}'"))
        said["localised"][where.group("base")] = place
        said["countries" if place in countries else "places"].append(place)
    else:
        names.append((base, "its name in corridors.csv"))
    for item in inner:
        if item in countries:
            said["countries"].append(item)
            said["localised"][base] = item
        elif not item.startswith("Line"):
            names.append((item, "its other name in corridors.csv"))
    for name, _ in names:
        for m in _NAME_ROUTE.finditer(name):
            said["places"] += [m.group("a"), m.group("b")]
    return names, said


def _features_by_corridor(raw: rawdata.RawData) -> dict[str, list[dict]]:
    features: dict[str, list[dict]] = {}
    for geofile in raw.geofiles:
        for feat in (geofile.data or {}).get("features") or []:
            props = feat.get("properties") if isinstance(feat, dict) else None
            if isinstance(props, dict):
                features.setdefault(str(props.get("corridor")), []).append(props)
    return features


def _drawn(props_list: list[dict], waypoints: dict) -> tuple[set[str], list[str], list[str], dict]:
    """Kinds, places, countries and labelled features ("Line A") of a system's drawn features."""
    kinds, places, countries, labelled = set(), [], [], {}
    for props in props_list:
        kinds.add(str(props.get("kind")))
        named = re.match(r"^([^:(]*?\b(?:railway|pipeline|line))\b", str(props.get("name") or ""))
        if named and re.search(r"[-–—]", named.group(1)) and ":" in str(props.get("name")):
            labelled[named.group(1).strip()] = str(props.get("id"))
        label = PART_LABEL.search(str(props.get("name") or ""))
        if label:
            labelled[_label_text(label)] = str(props.get("id"))
        for wp in props.get("waypoints") or []:
            wrow = waypoints.get(wp)
            if wrow is None:
                continue
            wname, alts = strip_parens(wrow["name"])
            places += [wname.split(",")[0].strip()] + [
                a.split(";")[0].strip() for a in alts if a[:1].isupper()
            ]
            countries += [c.strip() for c in wrow["country"].split("/") if c.strip()]
    return kinds, places, countries, labelled


def _system(row: rawdata.Row, raw: rawdata.RawData, drawn: list[dict], context: dict) -> System:
    """One corridors.csv row as a System (``context``: waypoints by id, the boundary countries)."""
    ident = row["id"]
    names, said = curated_names(row["name"], context["countries"])
    kinds, places, countries, labelled = _drawn(drawn, context["waypoints"])
    places = list(said["places"]) + places
    countries = list(said["countries"]) + countries
    for claim in raw.claims.rows:
        if claim["corridor"] != ident:
            continue
        if claim["field"] == "name":
            names.append((claim["value"], f"accepted claim {claim['id']}"))
        elif claim["field"] == "countries":
            countries += [c.strip() for c in claim["value"].split(";")]
    if not drawn:
        kinds |= {k for k in (head_kind(n) for n, _ in names) if k}
    acronyms = [a for a in (acronym(n) for n, _ in names) if a]
    firsts: dict[str, tuple[str, str]] = {}
    for n, why in names:
        firsts.setdefault(fold(n), (n, why))
    names += [
        (other, f"{why}, in another spelling")
        for n, why in firsts.values()
        for other in respelled(n)
    ]
    label = PART_LABEL.search(row["name"]) if row.get("part_of") else None
    return System(
        ident,
        row["name"],
        kinds,
        list(dict.fromkeys(names)),
        with_spellings(list(dict.fromkeys(p for p in places if p))),
        list(dict.fromkeys(countries)),
        list(dict.fromkeys(w for n, _ in names for w in name_words(n, context["countries"]))),
        row.get("mapped", "yes") != "no",
        said["localised"],
        row.get("part_of", ""),
        _label_text(label) if label else "",
        labelled,
        list(dict.fromkeys(acronyms)),
    )


def systems(raw: rawdata.RawData) -> list[System]:
    """Every corridor with its names (corridors.csv, features, accepted name claims) and places.

    A part (``part_of``) takes its parent's kinds when it has no drawn feature of its own: Line D
    of the gas pipeline is a pipeline.
    """
    features = _features_by_corridor(raw)
    context = {
        "waypoints": {row["id"]: row for row in raw.waypoints.rows},
        "countries": boundary_countries(raw),
    }
    out = [_system(row, raw, features.get(row["id"], []), context) for row in raw.corridors.rows]
    by_id = {s.id: s for s in out}
    for system in out:
        parent = by_id.get(system.part_of)
        if parent is not None and not features.get(system.id):
            system.kinds |= parent.kinds
    return out


def orig_span(text: str, f_start: int, f_end: int) -> tuple[int, int]:
    """Map a span of fold(text) back to text.

    Each end is where the folded length of a growing prefix of the text first reaches it. Folding
    does not only shrink (spaces, dash spacing): casefold can lengthen a character ('ß' -> 'ss'),
    and an end inside such a character takes the whole character. All this relies on is that
    folding a longer prefix never gives a shorter result.
    """
    start = end = None
    for i in range(len(text) + 1):
        n = len(fold(text[:i]))
        if start is None and n > f_start:
            start = i - 1
        if n >= f_end:
            end = i
            break
    return (start or 0), (end if end is not None else len(text))
