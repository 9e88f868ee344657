"""A new article in, proposed claims out: what it says about the known systems, quote by quote.

``python -m corridors ingest ARTICLE.txt`` copies the article into seeds/ byte for byte, lists it in
sources.csv (with only the metadata the text itself states) and writes *proposed* claims to
geodata/proposed/<stem>.csv, in the columns of claims.csv plus ``confidence`` and ``reason``.
Nothing reaches the map until a curator accepts it with ``python -m corridors review``.

How a proposal is made, so that a curator can judge it:

1. The article is cut into sentences, keeping character offsets. Every quote is one whole sentence
   cut from the article itself, so it is verbatim by construction (and checked again with
   ``textmatch.find_quote``).
2. Mentions of known systems (rows of corridors.csv, drawn or only mentioned: a corridor with
   mapped 'no' is a system like any other) are found by their names and the names that accepted
   ``name`` claims give them ("North–South Highway in Kyrgyzstan" is the name "North–South
   Highway" and the country Kyrgyzstan; a mention followed by "in <another country>" is another
   thing); then by fuzzy matching (rapidfuzz) of every named piece of infrastructure ("X-Y-Z
   railway", "... Waterless Port Company") against each system's names, places, countries and the
   distinctive words of its own name ("Horgos" ~ "Khorgos" of "Khorgos dry port"), where the kind
   agrees (a railway is never matched to a pipeline; "waterless port" and "dry port" are ports);
   then by description (its kind and two of its places: a railway linking three of the railway's
   countries, charging stations from Urumqi to the Caspian Sea when the system's name states that
   route); then by reference back ("the project", "this railway") to the system named in the last
   three sentences.
3. In each sentence that mentions a system, patterns read the fields the schema knows (status,
   cost, length, capacity, lines, dates, operator, route, countries, role, context, corridor).
   Values are normalised as claims.csv stores them: "$8 billion" -> 8000000000 USD, "3,666
   kilometers" -> 3666 km, "55 billion cubic meters annually" -> 55 bcm/year, "July 2025" ->
   2025-07; "next month" is resolved against the article's own date when the text states one.
   Statuses: "under construction", "the construction of X" (not "construction of X will begin")
   -> under_construction; "planned", "plans to build" -> planned. A role is what a thing is for
   (", which will ...", "is designed to ...", "charging stations ... for electric heavy
   vehicles"); a context why it matters ("gained renewed urgency as ..." is written "Gained
   importance after ...", as the curated contexts are) or what an officer of it said. A port is
   linked to a corridor only where the sentence says how ("a key hub in the X Corridor"), not
   because both are named in it.
4. Each proposal is compared with the accepted claims of the same system and field: a different
   value is flagged in ``note`` and ``reason`` ("disagrees with ..."), the same one noted.
5. Infrastructure that no known system matches (a highway or charging stations no row of
   corridors.csv names or describes) is listed as "mentioned, not mapped", with its quote, for
   the curator to decide about (adding a corridors.csv row, mapped 'no', makes it a system).
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import hashlib
import json
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from rapidfuzz import fuzz, process, utils

from ..quotes import textmatch
from ..schema import CLAIM_COLUMNS, FIELDS, SOURCE_COLUMNS, disagree, readings_key
from ..store import atomicfile, rawdata
from ..store.datadir import DataDir
from ..store.rawdata import (
    table_text,  # also used as ingest.table_text (benchmarks/ingest_recall.py)
)

#: Columns of geodata/proposed/<stem>.csv: a claim row, and why it is proposed.
PROPOSAL_COLUMNS: tuple[str, ...] = (*CLAIM_COLUMNS, "confidence", "reason")

#: A named piece of infrastructure at least this like a system's name (rapidfuzz, 0..100) is it.
NAME_SCORE = 65
#: A place named in it at least this like one of the system's places.
PLACE_SCORE = 80
#: How many sentences back "the project" or "this railway" may point.
ANAPHORA_REACH = 3

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}

# --- what the words mean ----------------------------------------------------------------------

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
    "corridor": "corridor",
    "route": "corridor",
    "port": "port",
    "dry port": "port",
    "waterless port": "port",
    "seaport": "port",
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

_HEAD_RE = "|".join(sorted((re.escape(h) for h in HEADS), key=len, reverse=True))
_NAME_TOKEN = r"(?:[A-Z][\w’'.]*|[a-z]+-[A-Z][\w’']*)(?:[-–—][A-Za-z][\w’']*)*"
_MODIFIER_RE = "|".join(MODIFIERS)
#: A piece of infrastructure in the text: optional name tokens, optional modifiers, a head noun.
PHRASE = re.compile(
    rf"(?P<name>(?:{_NAME_TOKEN}\s+)*{_NAME_TOKEN}\s+)?"
    rf"(?P<mod>(?:(?i:{_MODIFIER_RE})\s+)*)"
    rf"(?P<head>\b(?i:{_HEAD_RE})\b)(?!\s+Initiative)"
    rf"(?P<tail>\s+(?:of|Holdings|Company|Group|Corporation)\b(?:\s+{_NAME_TOKEN})*)?",
)
#: Heads that name no particular thing: "the Central Asia route" may point back to a railway.
GENERIC_HEADS = {"route", "corridor"}
#: Words pointing back at the system named just before.
ANAPHORA = re.compile(
    r"\b(?:this|the|that)\s+(?P<head>project|link|railway|pipeline|port|waterless port|dry port"
    r"|corridor|route|line)(?:’s|'s)?\b",
    re.IGNORECASE,
)
ANY_KIND = {"project", "link", "route", "line"}

_NUM = r"\d+(?:[.,]\d+)*"
_MAGNITUDE = {"billion": 1e9, "bn": 1e9, "b": 1e9, "million": 1e6, "mn": 1e6, "m": 1e6}
COST_USD = re.compile(rf"(?:US)?\$\s?(?P<n>{_NUM})\s*(?P<mag>billion|million|bn|mn|m|b)?\b", re.I)
COST_WORDS = re.compile(
    rf"\b(?P<n>{_NUM})\s*(?P<mag>billion|million)?\s+(?P<cur>yuan|renminbi|RMB|US dollars|dollars)\b",
    re.I,
)
LENGTH = re.compile(
    rf"(?:(?P<q>over|more than|nearly|about|around|some|almost|up to|approximately)\s+)?"
    rf"(?P<n>{_NUM})\s*-?\s*(?P<u>kilometers|kilometres|km)\b",
    re.I,
)
CAPACITY = re.compile(
    rf"(?:(?P<q>over|more than|nearly|about|around|up to)\s+)?(?P<n>{_NUM})\s*"
    r"(?:(?P<bcm>billion cubic met(?:er|re)s|bcm)|(?P<mt>million)?\s*(?P<t>tonnes|tons)"
    r"|(?P<teu>TEU))\b",
    re.I,
)
LINES = re.compile(r"\bLines?\s+([A-Z])((?:\s*,\s*[A-Z]\b)*)(?:,?\s*(?:and|&)\s+([A-Z]))?\b")
STATUS = (
    (
        "operating",
        re.compile(
            r"\b(operational|in operation|entered service|in service|came online|commissioned)\b",
            re.I,
        ),
    ),
    (
        "under_construction",
        re.compile(
            r"\b(under construction|being built|construction (?:is|has) (?:underway|under way|"
            r"begun|started)"
            # "The construction of the X railway is a prime example": building is going on; not
            # "preparations for the construction of", nor "construction of X will begin"
            r"|(?<!\bfor )(?<!\bfor the )(?<!\bbefore )(?<!\bbefore the )"
            r"(?:the |its )?construction of\b(?![^.;]*\b(?:to|will|would|"
            r"shall|set to|due to|expected to|planned to|is to)\s+(?:begin|start|commence|kick)))",
            re.I,
        ),
    ),
    (
        "planned",
        re.compile(
            r"\b(planned|to be built|plans?\s+(?:\w+\s+){0,3}?(?:to|for)\s+(?:build|construct|"
            r"develop|lay|extend)\w*|plans? for)\b",
            re.I,
        ),
    ),
)
_DATE = (
    r"(?:(?:early|mid|late|mid-|the end of)\s*)?"
    r"(?:(?P<month>January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s+)?(?:the\s+)?(?P<year>(?:19|20)\d\d)(?P<s>s)?\b"
    r"|(?P<rel>next month|next year|this year|last year|this month)"
)
DATES = (
    (
        "proposed_date",
        re.compile(
            r"\b(?:first |initially |originally )?(?:proposed|discussed|conceived|mooted|"
            rf"envisaged|envisioned)\s+(?P<qual>since|in)\s+(?:{_DATE})",
            re.I,
        ),
    ),
    (
        "start_date",
        re.compile(
            r"\b(?:start|starts|started|begin|begins|began|kickstart|kick start|kick off|"
            rf"kicks off|commence|commences|break ground)\s+(?P<qual>in |on |by )?(?:{_DATE})",
            re.I,
        ),
    ),
    (
        "completion_date",
        re.compile(
            r"\b(?:completed|complete|completion|finished|ready|due)\s+(?:\w+\s+){0,2}?"
            rf"(?P<qual>by |in )?(?:{_DATE})",
            re.I,
        ),
    ),
    (
        "opening_date",
        re.compile(
            r"\b(?:opened|entered service|commissioned|launched|began operating|began operations"
            rf"|put into operation)\s+(?P<qual>in |on )?(?:{_DATE})",
            re.I,
        ),
    ),
)
OPERATOR = re.compile(
    r"\b(?:Chairman|Chairwoman|General Manager|Director|CEO|Chief Executive|President|head)\s+of"
    r"\s+(?P<org>(?:[A-Z][\w’'-]*\s+){0,7}?(?:Company|Group|Corporation|Corp\.?|Holdings|"
    r"Authority|Railways?|Administration|JSC|LLC|Ltd\.?)(?:\s+(?:Company|Group|Corporation|"
    r"Holdings|JSC|LLC|Ltd\.?))*)"
    r"|\boperated by\s+(?P<org2>(?:[A-Z][\w’'-]*\s*){1,7})"
)
ROLE = (
    re.compile(r"\bis designed to (?P<v>[^.;]+)"),
    re.compile(r"\bis expected to (?P<v>[^.;]+)"),
    re.compile(r"\bplays? an? (?:\w+ )?role in (?P<v>[^.;]+)"),
    re.compile(r"\bserving as (?:an? |the )(?P<v>[^.;,]+)"),
    re.compile(r"\bcould (?:potentially )?help (?P<v>[^.;]+)"),
    re.compile(
        r"\bto (?P<v>(?:reduce|cut|increase|decrease|boost|improve|facilitate|secure|shorten|"
        r"lower)\b[^.;,]+)"
    ),
    re.compile(r"^(?:Ensures|Provides|Promotes) (?P<v>[^.;]+)"),
    # ", which will streamline logistics": what a project named just before is to do
    re.compile(r",\s+which\s+(?P<v>(?:will|would|could|can|should)\s+[^.;]+)"),
)
APPOSITIVE = re.compile(r"^,\s+(?:an?|the)\s+(?P<v>[^.;,]+)")
#: "gained new importance after ...", "gained renewed urgency as ...": the curated context reads
#: "Gained importance after <the cause>" for every such phrase (its words of weight and of time are
#: one notion), so the proposal is written that way, with the cause in the article's own words.
CONTEXT = re.compile(
    r"\bgained (?:new |renewed |fresh |added )?(?:importance|urgency|momentum|significance|"
    r"relevance)\s+(?P<link>after|as|since)\s+(?:the\s+)?(?P<cause>[^.;]+)",
    re.I,
)
#: "Malabayev, General Manager of X Company, expressed encouragement at ...": who, which office of
#: what, and what they said.
OFFICER_SAYS = re.compile(
    r"^(?P<who>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}),\s+(?P<title>Chairman|Chairwoman|"
    r"General Manager|Director|CEO|Chief Executive|President|Head)\s+of\s+(?P<org>[^,]+),\s+"
    r"(?P<said>[a-z][^.;]*)"
)
#: What a thing named by its kind is for, closing the sentence: "for electric heavy vehicles."
_PURPOSE = re.compile(r"\bfor\s+(?P<v>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,5})\s*[.;!]?$")
#: Words saying a port is part of a corridor named after them.
_LINKED = re.compile(
    r"\b(?:hub|node|gateway|terminal|part|section|stop|station|leg)\s+(?:in|of|on|for|along)\b"
    r"|\b(?:on|along|joins?|joining)\s+(?:the\s+)?$",
    re.I,
)
#: A word that ends a place in a route: "to the Caspian Sea for electric heavy vehicles".
_ROUTE_END = r"(?=[.;,]|$|\s+(?:for|with|by|as|which|that|in order to|carrying)\b)"
#: "link A and B via C", "from A through C to B", "from A to B via C", "connecting A and B".
ROUTE = (
    re.compile(
        r"\blinks?\s+(?P<a>.+?)\s+(?:and|with|to)\s+(?P<b>.+?)(?:\s+via\s+(?P<via>.+?))?"
        + _ROUTE_END
    ),
    re.compile(
        r"\bfrom\s+(?P<a>.+?)\s+(?:through|via)\s+(?P<via>.+?)\s+to\s+(?P<b>.+?)" + _ROUTE_END
    ),
    re.compile(r"\bfrom\s+(?P<a>.+?)\s+to\s+(?P<b>.+?)(?:\s+via\s+(?P<via>.+?))?" + _ROUTE_END),
)
#: " in Kyrgyzstan" right after a name: where the thing named is.
_IN_PLACE = re.compile(r"^\s+in\s+(?:the\s+)?(?P<where>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)")
_POSSESSIVE_REGION = re.compile(
    r"^(?P<country>[A-Z]\w+)(?:’s|'s)\s+(?P<region>[A-Z][\w-]*)(?:\s+(?:province|region))?$"
)


# --- the known systems --------------------------------------------------------------------------


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


#: Capitalised words of a name that say nothing about which system it is.
_GENERIC = (
    "north south east west northern southern eastern western central middle new great "
    "trans asia europe eurasia gateway line lines the of and"
)
GENERIC_NAME_WORDS = set(_GENERIC.split())
_PLACE_NAME = r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*"
#: "North–South Highway in Kyrgyzstan": a name, then where it is.
_LOCATIVE = re.compile(rf"^(?P<base>.+?)\s+in\s+(?:the\s+)?(?P<where>{_PLACE_NAME})$")
#: "Charging stations from Urumqi to the Caspian Sea": a name that states its route.
_NAME_ROUTE = re.compile(
    rf"\bfrom\s+(?:the\s+)?(?P<a>{_PLACE_NAME})\s+to\s+(?:the\s+)?(?P<b>{_PLACE_NAME})"
)


def _fold(text: str) -> str:
    """Case, dashes and typographic quotes folded, for comparing names."""
    text = textmatch.normalise_text(text).casefold()
    return re.sub(r"\s*[-–—]\s*", "-", text)


def _strip_parens(name: str) -> tuple[str, list[str]]:
    inner = re.findall(r"\(([^)]*)\)", name)
    return re.sub(r"\s*\([^)]*\)", "", name).strip(), [i.strip() for i in inner]


def _boundary_countries(raw: rawdata.RawData) -> set[str]:
    """The countries of the map's boundaries file (to tell a country from a name)."""
    data = raw.boundaries.data if raw.boundaries is not None else None
    return {
        str((f.get("properties") or {}).get("name"))
        for f in (data or {}).get("features") or []
        if isinstance(f, dict)
    }


def _name_words(name: str, countries: set[str]) -> list[str]:
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


def _curated_names(row_name: str, countries: set[str]) -> tuple[list[tuple[str, str]], dict]:
    """The names a corridors.csv name gives, and what else it says (countries, places).

    "Khorgos dry port (Khorgos Gateway)": two names. "North–South Highway (Kyrgyzstan)" or
    "North–South Highway in Kyrgyzstan": one name, "North–South Highway", and a country, which is
    not a name (a mention of Kyrgyzstan is not a mention of the highway). "Charging stations from
    Urumqi to the Caspian Sea": a name that states its route, so Urumqi and the Caspian Sea are
    its places.
    """
    base, inner = _strip_parens(row_name)
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


def systems(raw: rawdata.RawData) -> list[System]:
    """Every corridor with its names (corridors.csv, features, accepted name claims) and places."""
    waypoints = {row["id"]: row for row in raw.waypoints.rows}
    features: dict[str, list[dict]] = {}
    for geofile in raw.geofiles:
        for feat in (geofile.data or {}).get("features") or []:
            props = feat.get("properties") if isinstance(feat, dict) else None
            if isinstance(props, dict):
                features.setdefault(str(props.get("corridor")), []).append(props)
    claims = raw.claims.rows
    country_set = _boundary_countries(raw)
    out = []
    for row in raw.corridors.rows:
        ident = row["id"]
        names, said = _curated_names(row["name"], country_set)
        name_words = [w for n, _ in names for w in _name_words(n, country_set)]
        kinds = set()
        places: list[str] = list(said["places"])
        countries: list[str] = list(said["countries"])
        for props in features.get(ident, []):
            kinds.add(str(props.get("kind")))
            for wp in props.get("waypoints") or []:
                wrow = waypoints.get(wp)
                if wrow is None:
                    continue
                wname, alts = _strip_parens(wrow["name"])
                places += [wname.split(",")[0].strip()] + [
                    a.split(";")[0].strip() for a in alts if a[:1].isupper()
                ]
                countries += [c.strip() for c in wrow["country"].split("/") if c.strip()]
        for claim in claims:
            if claim["corridor"] != ident:
                continue
            if claim["field"] == "name":
                names.append((claim["value"], f"accepted claim {claim['id']}"))
            elif claim["field"] == "countries":
                countries += [c.strip() for c in claim["value"].split(";")]
        for name, _ in names:
            head = _head_kind(name)
            if head and not features.get(ident):
                kinds.add(head)
        out.append(
            System(
                ident,
                row["name"],
                kinds,
                list(dict.fromkeys(names)),
                list(dict.fromkeys(p for p in places if p)),
                list(dict.fromkeys(countries)),
                list(dict.fromkeys(name_words)),
                row.get("mapped", "yes") != "no",
                said["localised"],
            )
        )
    return out


def _head_kind(name: str) -> str | None:
    found = None
    for m in re.finditer(rf"\b({_HEAD_RE})\b", name, re.I):
        found = HEADS[m.group(1).lower()]
    return found


def country_names(datadir: DataDir) -> list[str]:
    """Country names the map knows (its boundaries file), for reading routes."""
    path = datadir.boundaries
    if not path.exists():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    return [f["properties"]["name"] for f in data.get("features", [])]


# --- the article --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    line: int  # which line (paragraph) of the article it stands in


_SPLIT = re.compile(r"(?<=[.!?])[\"'”’]?\s+(?=[\"“‘(]?[A-Z0-9])")


def sentences(text: str) -> list[Sentence]:
    """Sentences with their offsets: split at line breaks and at '.', '!' or '?' before a capital."""
    out = []
    for line_no, line in enumerate(re.finditer(r"[^\n]+", text)):
        pos = line.start()
        pieces = _SPLIT.split(line.group())
        cursor = 0
        body = line.group()
        for piece in pieces:
            at = body.index(piece, cursor)
            cursor = at + len(piece)
            stripped = piece.strip()
            if not stripped:
                continue
            lead = len(piece) - len(piece.lstrip())
            start = pos + at + lead
            out.append(Sentence(start, start + len(stripped), stripped, line_no))
    return out


_FULL_DATE = re.compile(
    r"\b(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    r"(?:(?P<m1>[A-Z][a-z]+)\s+(?P<d1>\d{1,2}),?\s+(?P<y1>(?:19|20)\d\d)"
    r"|(?P<d2>\d{1,2})\s+(?P<m2>[A-Z][a-z]+),?\s+(?P<y2>(?:19|20)\d\d))\b"
    r"|\b(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)\b"
)
_DATELINE = re.compile(
    r"^(?P<place>[A-Z]{3,}(?: [A-Z]{3,})?) [–—-] "
    r"|^(?P<place2>[A-Z][a-z]+(?: [A-Z][a-z]+)?) \((?P<outlet>[A-Z][\w.]*)\):\s"
    r"|^(?P<place3>[A-Z][a-z]+(?: [A-Z][a-z]+)?):$"
)
_NOT_DATELINE = {"Pro Tip", "Note", "Update", "Read More", "Photo", "Source", "Also Read"}


def _parse_date(match: re.Match) -> str | None:
    if match.group("iso"):
        return match.group("iso")
    month = (match.group("m1") or match.group("m2") or "").lower()
    day = match.group("d1") or match.group("d2")
    year = match.group("y1") or match.group("y2")
    if month not in MONTHS:
        return None
    try:
        return dt.date(int(year), MONTHS[month], int(day)).isoformat()
    except ValueError:
        return None


def metadata(text: str) -> dict[str, str]:
    """headline, outlet, dateline, date, author and syndicated: only what the text states.

    The date is a full date (day, month and year) standing alone near the top, where pages print
    their date; the dateline is the place (and outlet) opening the first paragraph ("BEIJING –",
    "Astana (TDI):"); the headline the first title-like line before the body; the author a "By"
    line. Anything else is left empty rather than guessed.
    """
    meta = dict.fromkeys(("headline", "outlet", "dateline", "date", "author", "syndicated"), "")
    seen_body = False
    offset = 0
    for raw_line in text.splitlines(keepends=True):
        line = raw_line.strip()
        offset += len(raw_line)
        if not line:
            continue
        if len(line) >= 150:
            seen_body = True
        if not meta["date"] and not seen_body:
            m = _FULL_DATE.search(line)
            if m and len(line) <= 60:
                meta["date"] = _parse_date(m) or ""
        if not meta["author"] and not seen_body:
            m = re.match(r"^By\s+([A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){0,3})\s*$", line)
            if m:
                meta["author"] = m.group(1)
        if not meta["dateline"] and offset <= len(text) / 3 + len(raw_line):
            m = _DATELINE.match(line)
            place = m and (m.group("place") or m.group("place2") or m.group("place3"))
            if place and place not in _NOT_DATELINE:
                meta["dateline"] = place
                meta["outlet"] = m.group("outlet") or ""  # type: ignore[union-attr]
        if not meta["headline"] and not seen_body:
            words = line.split()
            capitals = sum(1 for w in words if w[:1].isupper())
            if (
                4 <= len(words) <= 20
                and not line.endswith((".", "?", "!"))
                and "»" not in line
                and not _FULL_DATE.search(line)
                and not line.startswith(("By ", "-", "•"))
                and capitals >= 0.6 * len(words)
            ):
                meta["headline"] = line
    m = re.search(r"\bnot been edited by ([A-Z][\w.]*) staff", text)
    if m and not meta["outlet"]:
        meta["outlet"] = m.group(1)
    if re.search(r"\bsyndicated feed\b", text):
        meta["syndicated"] = "yes"
    return meta


# --- mentions -----------------------------------------------------------------------------------


@dataclass
class Mention:
    """A system (or, with system None, unmapped infrastructure) named or meant in a sentence."""

    sentence: int
    start: int  # offsets into the article
    end: int
    phrase: str
    system: str | None
    kind: str
    confidence: float
    reason: str
    named: bool  # by name (proposes a `name` claim), not by description or pointing back
    root: str = ""  # for a mention pointing back: the phrase that named or described the system
    root_confidence: float = 0.0


def _places_in(text: str, system: System) -> list[str]:
    found = []
    for item in system.places + system.name_words + system.countries:
        if re.search(rf"\b{re.escape(item)}\b", text):
            found.append(item)
    # "Caspian" (a word of a name) inside "Caspian Sea" (a place) is one place, not two
    return list(dict.fromkeys(f for f in found if not any(f != g and f in g for g in found)))


def _fuzzy_places(tokens: list[str], system: System, countries: bool) -> list[str]:
    pool = system.places + system.name_words + (system.countries if countries else [])
    hits = []
    for token in tokens:
        if not pool or len(token) < 4:
            continue
        best = process.extractOne(token, pool, scorer=fuzz.ratio, processor=utils.default_process)
        if best and best[1] >= PLACE_SCORE:
            hits.append(f"{token}≈{best[0]}" if token != best[0] else token)
    return hits


def _elsewhere(system: System, after: str, countries: set[str]) -> str | None:
    """The place named right after a mention ("... in Tajikistan") when the system is not there.

    A country the map knows that the system does not run through is somewhere else; for a system
    whose curated name carries its place ("North–South Highway in Kyrgyzstan") any other place is.
    """
    where = _IN_PLACE.match(after)
    if not where:
        return None
    place = where.group("where")
    if place in system.countries + system.places + system.name_words:
        return None
    if (place in countries and system.countries) or system.localised:
        return place
    return None


def find_mentions(
    text: str, sents: list[Sentence], known: list[System], countries: Iterable[str] = ()
) -> list[Mention]:
    mentions: list[Mention] = []
    country_set = set(countries)
    for si, sent in enumerate(sents):
        taken: list[tuple[int, int]] = []
        folded = _fold(sent.text)
        # 1. names and accepted aliases, exactly (case, dashes folded)
        for system in known:
            for name, why in system.names:
                needle = _fold(name)
                for m in re.finditer(rf"(?<!\w){re.escape(needle)}(?!\w)", folded):
                    if any(a < m.end() and m.start() < b for a, b in taken):
                        continue
                    start, end = _orig_span(sent.text, m.start(), m.end())
                    if _elsewhere(system, sent.text[end:], country_set):
                        continue  # "North–South Highway in Tajikistan" is another highway
                    taken.append((m.start(), m.end()))
                    mentions.append(
                        Mention(
                            si,
                            sent.start + start,
                            sent.start + end,
                            sent.text[start:end],
                            system.id,
                            _head_kind(name) or next(iter(system.kinds), ""),
                            1.0 if "corridors.csv" in why else 0.95,
                            f"names it as {name!r} ({why})",
                            True,
                        )
                    )
        # 2. named infrastructure matched fuzzily, kind first
        for m in PHRASE.finditer(sent.text):
            head = m.group("head").lower()
            kind = HEADS.get(head, "")
            name_part = (m.group("name") or "").strip()
            phrase = m.group().strip()
            lead = re.match(
                r"^(?:The|This|That|These|Those|A|An|Another|Its|Their)\b\s*", name_part
            )
            if lead:  # "The waterless port": a determiner, not a name
                name_part = name_part[lead.end() :]
                phrase = phrase[lead.end() :]
            f_start = len(_fold(sent.text[: m.start()]))
            f_end = len(_fold(sent.text[: m.end()]))
            if any(a < f_end and f_start < b for a, b in taken):
                continue
            if not name_part and not m.group("tail"):
                continue
            tokens = [t for t in re.split(r"[\s\-–—]+", name_part + " " + (m.group("tail") or ""))]
            tokens = [t for t in tokens if t[:1].isupper() and t.lower() not in ("of",)]
            best: tuple[float, System, str] | None = None
            for system in known:
                if kind not in system.kinds or _elsewhere(
                    system, sent.text[m.end() :], country_set
                ):
                    continue
                scores = [
                    (
                        max(
                            fuzz.ratio(phrase, n, processor=utils.default_process),
                            fuzz.token_sort_ratio(phrase, n, processor=utils.default_process),
                        ),
                        n,
                    )
                    for n, _ in system.names
                ]
                score, like = max(scores) if scores else (0.0, "")
                places = _fuzzy_places(tokens, system, countries=False)
                shared = _fuzzy_places(tokens, system, countries=True)
                if score >= NAME_SCORE:
                    conf = min(0.9, score / 100 + 0.05 * len(shared))
                    why = (
                        f"fuzzy name match: {phrase!r} is {score:.0f}% like {like!r} (rapidfuzz); "
                        f"same kind ({kind})"
                        + (
                            f"; shares {', '.join(shared)} with its places/countries"
                            if shared
                            else ""
                        )
                    )
                elif places:
                    conf = min(0.85, 0.6 + 0.1 * len(places))
                    why = (
                        f"names {', '.join(places)}, a place on it or a word of its name, and is "
                        f"a {kind} like it (name only {score:.0f}% like {like!r})"
                    )
                else:
                    continue
                if best is None or conf > best[0]:
                    best = (conf, system, why)
            span = (sent.start + m.start(), sent.start + m.end())
            organisation = bool(m.group("tail")) and "of" not in m.group("tail").split()
            if best is not None:
                taken.append((f_start, f_end))
                mentions.append(
                    Mention(
                        si,
                        *span,
                        phrase,
                        best[1].id,
                        kind,
                        round(best[0], 2),
                        best[2] + ("; an organisation named after it" if organisation else ""),
                        not organisation,
                    )
                )
            elif head in GENERIC_HEADS and (back := _point_back(mentions, si, None)):
                taken.append((f_start, f_end))
                mentions.append(
                    Mention(
                        si,
                        *span,
                        phrase,
                        back.system,
                        back.kind,
                        round(min(0.5, back.confidence * 0.5), 2),
                        f"{phrase!r} matches no system by name; taken to point back to "
                        f"{back.phrase!r} ({si - back.sentence} sentence(s) before)",
                        False,
                    )
                )
            elif name_part or kind not in ("railway", "pipeline", "corridor", "port"):
                taken.append((f_start, f_end))
                kinds = sorted({k for s in known for k in s.kinds})
                mentions.append(
                    Mention(
                        si,
                        *span,
                        phrase,
                        None,
                        kind,
                        0.0,
                        f"mentioned, not mapped: no known system matches this {kind or 'thing'} "
                        f"(known kinds: {', '.join(kinds)})",
                        True,
                    )
                )
        # 3. described: "a ... railway project that will link A and B via C", "charging stations
        # along the route from Urumqi to the Caspian Sea" (a kind and two of its places)
        if not any(mm.sentence == si and mm.system for mm in mentions):
            for m in re.finditer(rf"\b({_HEAD_RE})s?\b", sent.text, re.I):
                head = m.group(1).lower()
                kind = HEADS[head]
                if head in GENERIC_HEADS:
                    continue
                candidates = []
                for system in known:
                    if kind not in system.kinds:
                        continue
                    found = _places_in(sent.text, system)
                    if len(found) >= 2:
                        candidates.append((len(found), system, found))
                if candidates:
                    n, system, found = max(candidates, key=lambda c: c[0])
                    mentions.append(
                        Mention(
                            si,
                            sent.start + m.start(),
                            sent.start + m.end(),
                            m.group(),
                            system.id,
                            kind,
                            round(min(0.85, 0.5 + 0.1 * n), 2),
                            f"names its kind ({kind}) and {', '.join(found)}: "
                            f"{n} of {system.id}'s places/countries",
                            False,
                        )
                    )
                    break
        # 3b. unnamed infrastructure no system has (charging stations, a highway), with a route
        for m in re.finditer(rf"\b({_HEAD_RE})\b", sent.text, re.I):
            kind = HEADS[m.group(1).lower()]
            if kind in ("railway", "pipeline", "corridor", "port"):
                continue
            if any(
                mm.sentence == si and mm.start <= sent.start + m.start() < mm.end for mm in mentions
            ):
                continue
            if not re.search(r"\bfrom\s+[A-Z]\w+.*?\bto\s+(?:the\s+)?[A-Z]", sent.text):
                continue
            mentions.append(
                Mention(
                    si,
                    sent.start + m.start(),
                    sent.start + m.end(),
                    m.group(1),
                    None,
                    kind,
                    0.0,
                    f"mentioned, not mapped: {m.group(1)} on a route no known system covers",
                    False,
                )
            )
        # 4. pointing back: "the project", "this railway", "the waterless port"
        if not any(mm.sentence == si and mm.system for mm in mentions):
            for m in ANAPHORA.finditer(sent.text):
                word = m.group("head").lower()
                kind = None if word in ANY_KIND else HEADS.get(word, word)
                last = _point_back(mentions, si, kind)
                if last is None:
                    continue
                root, conf = last.root or last.phrase, last.root_confidence or last.confidence
                mentions.append(
                    Mention(
                        si,
                        sent.start + m.start(),
                        sent.start + m.end(),
                        m.group(),
                        last.system,
                        last.kind,
                        round(conf * 0.7, 2),
                        f"{m.group()!r} points back to {last.system} "
                        f"({last.phrase!r}, {si - last.sentence} sentence(s) before"
                        + (f", which points back to {root!r})" if last.root else ")"),
                        False,
                        root,
                        conf,
                    )
                )
                break
        # 5. a subjectless line of a table ("Ensures stable energy supply ...")
        if not any(mm.sentence == si and mm.system for mm in mentions) and re.match(
            r"^(?:Ensures|Provides|Promotes|Transports|Connects)\b", sent.text
        ):
            prev = [mm for mm in mentions if mm.system and sents[mm.sentence].line == sent.line]
            if prev:
                last = prev[-1]
                mentions.append(
                    Mention(
                        si,
                        sent.start,
                        sent.start,
                        "",
                        last.system,
                        last.kind,
                        round(last.confidence * 0.6, 2),
                        f"a table row about {last.phrase!r}",
                        False,
                    )
                )
    only_mentioned = {system.id for system in known if not system.mapped}
    for m in mentions:
        if m.system in only_mentioned:
            m.reason += f"; {m.system} is only mentioned (mapped 'no' in corridors.csv), not drawn"
    return mentions


def _point_back(mentions: list[Mention], si: int, kind: str | None) -> Mention | None:
    """The system named last in the sentences just before (of this kind, when one is given)."""
    earlier = [
        m
        for m in mentions
        if m.system and si - ANAPHORA_REACH <= m.sentence < si and (kind is None or m.kind == kind)
    ]
    return earlier[-1] if earlier else None


def _orig_span(text: str, f_start: int, f_end: int) -> tuple[int, int]:
    """Map a span of _fold(text) back to text.

    Each end is where the folded length of a growing prefix of the text first reaches it. Folding
    does not only shrink (spaces, dash spacing): casefold can lengthen a character ('ß' -> 'ss'),
    and an end inside such a character takes the whole character. All this relies on is that
    folding a longer prefix never gives a shorter result.
    """
    start = end = None
    for i in range(len(text) + 1):
        n = len(_fold(text[:i]))
        if start is None and n > f_start:
            start = i - 1
        if n >= f_end:
            end = i
            break
    return (start or 0), (end if end is not None else len(text))


# --- values -------------------------------------------------------------------------------------


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _num_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _cap(text: str) -> str:
    text = text.strip().rstrip(",")
    return text[:1].upper() + text[1:]


@dataclass
class Value:
    field: str
    value: str
    unit: str = ""
    qualifier: str = ""
    at: int = 0  # offset in the sentence, to pick the nearest system
    note: str = ""
    reason: str = ""
    countries: str = ""  # a route's countries in route order, ';'-separated


def _date_value(m: re.Match, article_date: str) -> tuple[str, str]:
    """A date as claims.csv stores it, and a note when it had to be resolved or could not be."""
    rel = m.group("rel")
    if rel:
        rel = rel.lower()
        if not article_date:
            return rel, (
                f"The article says {rel!r} and states no date of its own to resolve it against; "
                "write the date here once known."
            )
        day = dt.date.fromisoformat(article_date)
        if rel == "next month":
            year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
            value = f"{year}-{month:02d}"
        elif rel == "this month":
            value = f"{day.year}-{day.month:02d}"
        elif rel == "next year":
            value = str(day.year + 1)
        elif rel == "last year":
            value = str(day.year - 1)
        else:
            value = str(day.year)
        return value, f"The article says {rel!r}; its date, {article_date}, makes that {value}."
    year = m.group("year")
    if m.group("s"):
        return f"{year}s", ""
    month = m.group("month")
    if month:
        return f"{year}-{MONTHS[month.lower()]:02d}", ""
    return year, ""


def _place_item(text: str, countries: list[str], places: list[str]) -> tuple[str, str | None, bool]:
    """One route item as shown ('Xinjiang (China)', 'the Caspian Sea'), the country it names if
    any, and whether it is a country or a known place."""
    shown = text.strip()
    text = re.sub(r"^the\s+(?=[A-Z])", "", shown)
    m = _POSSESSIVE_REGION.match(text)
    if m and m.group("country") in countries:
        return f"{m.group('region')} ({m.group('country')})", m.group("country"), True
    if text in countries:
        return text, text, True
    if text in places:
        return shown, None, True
    # another capitalised place ("Europe", "Urumqi"): shown, not a country; anything else is no place
    place = re.fullmatch(r"[A-Z][\w-]*(?: [A-Z][\w-]*)*", text)
    return shown, "" if place else None, False


def _items(text: str) -> list[str]:
    return [p for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", text.strip()) if p]


def read_route(sentence: str, countries: list[str], places: list[str]) -> Value | None:
    """A route ('Xinjiang (China) to Uzbekistan via Kyrgyzstan') and its countries, in route order."""
    for pattern in ROUTE:
        m = pattern.search(sentence)
        if not m:
            continue
        groups = {k: _items(v) for k, v in m.groupdict().items() if v}
        shown: dict[str, list[str]] = {}
        order: list[str] = []
        known = 0
        for key in ("a", "via", "b"):
            shown[key] = []
            for item in groups.get(key, []):
                label, country, is_known = _place_item(item, countries, places)
                if country is None and not is_known:
                    return None
                if is_known:
                    known += 1
                shown[key].append(label)
                if country:
                    order.append(country)
        if known < 2 or not shown["a"] or not shown["b"]:
            continue
        join = " and ".join
        if pattern is ROUTE[1]:
            route = f"From {join(shown['a'])} through {join(shown['via'])} to {join(shown['b'])}"
        elif pattern is ROUTE[2]:
            route = f"From {join(shown['a'])} to {join(shown['b'])}" + (
                f" via {join(shown['via'])}" if shown["via"] else ""
            )
        else:
            route = f"{join(shown['a'])} to {join(shown['b'])}" + (
                f" via {join(shown['via'])}" if shown["via"] else ""
            )
        return Value("route", route, at=m.start(), countries=";".join(dict.fromkeys(order)))
    return None


def read_values(
    sentence: str, article_date: str, countries: list[str], places: list[str]
) -> list[Value]:
    """Every field value the sentence states, normalised as claims.csv stores it."""
    out: list[Value] = []
    for m in COST_USD.finditer(sentence):
        amount = _number(m.group("n")) * _MAGNITUDE.get((m.group("mag") or "").lower(), 1)
        out.append(Value("cost", _num_text(amount), "USD", at=m.start(), reason=f"{m.group()!r}"))
    for m in COST_WORDS.finditer(sentence):
        amount = _number(m.group("n")) * _MAGNITUDE.get((m.group("mag") or "").lower(), 1)
        unit = "CNY" if m.group("cur").lower() in ("yuan", "renminbi", "rmb") else "USD"
        out.append(Value("cost", _num_text(amount), unit, at=m.start(), reason=f"{m.group()!r}"))
    for m in LENGTH.finditer(sentence):
        out.append(
            Value(
                "length",
                _num_text(_number(m.group("n"))),
                "km",
                (m.group("q") or "").lower(),
                m.start(),
                reason=f"{m.group()!r}",
            )
        )
    for m in CAPACITY.finditer(sentence):
        n = _number(m.group("n"))
        if m.group("bcm"):
            unit = "bcm/year"
        elif m.group("t"):
            unit, n = "tonnes/year", n * (1e6 if m.group("mt") else 1)
        else:
            unit = "TEU/year"
        if not re.search(r"\b(annually|a year|per year|per annum|yearly|/year)\b", sentence):
            continue
        out.append(
            Value(
                "capacity",
                _num_text(n),
                unit,
                (m.group("q") or "").lower(),
                m.start(),
                reason=f"{m.group()!r}, a yearly figure",
            )
        )
    for m in LINES.finditer(sentence):
        letters = [m.group(1), *re.findall(r"[A-Z]", m.group(2) or ""), m.group(3)]
        out.append(Value("lines", ";".join(x for x in letters if x), at=m.start()))
    for status, pattern in STATUS:
        m = pattern.search(sentence)
        if m:
            out.append(Value("status", status, at=m.start(), reason=f"says {m.group()!r}"))
            break
    for name, pattern in DATES:
        for m in pattern.finditer(sentence):
            value, note = _date_value(m, article_date)
            qual = (m.group("qual") or "").strip().lower()
            qualifier = {"by": "by", "since": "since"}.get(qual, "")
            out.append(Value(name, value, "", qualifier, m.start(), note, f"{m.group()!r}"))
    for m in OPERATOR.finditer(sentence):
        org = (m.group("org") or m.group("org2") or "").strip()
        out.append(Value("operator", org, at=m.start("org") if m.group("org") else m.start()))
    for pattern in ROLE:
        for m in pattern.finditer(sentence):
            value = re.sub(r"^(?:an?|the)\s+", "", m.group("v").strip())
            out.append(Value("role", _cap(value), at=m.start(), reason=f"{m.group().strip()!r}"))
    for m in CONTEXT.finditer(sentence):
        link = "since" if m.group("link").lower() == "since" else "after"
        out.append(
            Value(
                "context",
                f"Gained importance {link} {m.group('cause').strip()}",
                at=m.start(),
                reason=f"{m.group()[:40]!r}…, written as the curated contexts are",
            )
        )
    route = read_route(sentence, countries, places)
    if route is not None:
        out.append(route)
        if route.countries.count(";") >= 1:
            out.append(
                Value(
                    "countries",
                    route.countries,
                    at=route.at,
                    reason="the countries on the route",
                    countries=route.countries,
                )
            )
    return out


# --- proposals ----------------------------------------------------------------------------------


def _id_prefix(corridor: str, claims: list[rawdata.Row]) -> str:
    """The prefix the corridor's claim ids use (cku, cacgp, lyg ...), else the corridor id."""
    counts: dict[str, int] = {}
    for c in claims:
        if c["corridor"] == corridor and "-" in c["id"]:
            counts[c["id"].split("-")[0]] = counts.get(c["id"].split("-")[0], 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else corridor


def propose(
    name: str,
    text: str,
    known: list[System],
    raw: rawdata.RawData,
    article_date: str = "",
    country_list: Iterable[str] = (),
) -> list[dict[str, str]]:
    """Proposed claims (rows of PROPOSAL_COLUMNS) for the article ``name`` with this text."""
    country_list = list(country_list)
    by_id = {s.id: s for s in known}
    sents = sentences(text)
    mentions = find_mentions(text, sents, known, country_list)
    claims = raw.claims.rows
    places = sorted({p for s in known for p in s.places})
    rows: list[dict[str, str]] = []
    seen: set[tuple[str, str, str]] = set()

    covered: dict[tuple[str, str], list[set[str]]] = {}

    def add(system: str, value: Value, sent: Sentence, mention: Mention) -> None:
        key = (system, value.field, _fold(value.value))
        if key in seen:
            return
        if value.field in ("route", "countries"):
            # a shorter restatement of a route already proposed ("Transports gas from A to B")
            items = set(re.split(r";|\s+(?:and|to|via|through)\s+|^From\s+", value.countries))
            if any(items <= earlier for earlier in covered.get((system, value.field), [])):
                return
            covered.setdefault((system, value.field), []).append(items)
        seen.add(key)
        quote = sent.text
        if textmatch.find_quote(quote, text) is None:  # cut from the text: cannot happen
            raise RuntimeError(f"sentence not found verbatim in its article: {quote!r}")
        reason = [f"{mention.reason}"]
        if value.reason:
            reason.append(f"{FIELDS[value.field].label.lower()} from {value.reason}")
        note = value.note
        proposed = {
            "corridor": system,
            "feature": "",
            "field": value.field,
            "value": value.value,
            "unit": value.unit,
            "period": "",
            "scope": "",
        }
        if FIELDS[value.field].single:
            # like and like only (schema.readings_key): the same figure of the same thing
            like = readings_key(proposed)
            accepted = [c for c in claims if readings_key(c) == like]
            differ = [c for c in accepted if disagree(c, proposed)]
            agree = [c for c in accepted if not disagree(c, proposed)]
            if differ:
                said = "; ".join(f"{c['id']} ({c['value']!r}, {c['source']})" for c in differ)
                reason.append(f"DISAGREES with accepted {said}")
                note = (note + " " if note else "") + f"Disagrees with {said}."
            if agree:
                reason.append("agrees with accepted " + ", ".join(c["id"] for c in agree))
        confidence = mention.confidence * (0.8 if value.field in ("role", "context") else 1.0)
        rows.append(
            {
                "id": "",
                "corridor": system,
                "feature": "",
                "field": value.field,
                "value": value.value,
                "unit": value.unit,
                "qualifier": value.qualifier,
                "period": "",
                "scope": "",
                "source": name,
                "quote": quote,
                "note": note,
                "confidence": f"{confidence:.2f}",
                "reason": "; ".join(reason),
            }
        )

    for si, sent in enumerate(sents):
        here = [m for m in mentions if m.sentence == si]
        mapped = [m for m in here if m.system]
        for m in here:
            if m.system and m.named:
                add(m.system, Value("name", m.phrase), sent, m)
        if not mapped:
            continue
        for value in read_values(sent.text, article_date, country_list, places):
            offset = sent.start + value.at
            if value.field == "operator":
                inside = [m for m in mapped if m.start >= offset and m.kind != "corridor"]
                if not inside:
                    continue
                target = inside[0]
            else:
                target = _nearest(mapped, offset)
            add(target.system, value, sent, target)  # type: ignore[arg-type]
        # an appositive after a named mention: ", an overland route bypassing Russia"
        for m in mapped:
            if not m.named:
                continue
            rest = text[m.end : sent.end]
            a = APPOSITIVE.match(rest)
            if a and re.search(r"\b(route|link|corridor|artery|hub|line|gateway)\b", a.group("v")):
                add(m.system, Value("role", _cap(a.group("v"))), sent, m)  # type: ignore[arg-type]
            # "the new North-South Highway in Kyrgyzstan": where it is, when that is all it is
            # known by (a railway through three countries "in Kyrgyzstan" is a section of it)
            where = _IN_PLACE.match(rest)
            country = where.group("where") if where else ""
            if country in country_list and set(by_id[m.system].countries) <= {country}:
                add(
                    m.system,  # type: ignore[arg-type]
                    Value("countries", country, reason=f"{where.group().strip()!r} after its name"),
                    sent,
                    m,
                )
        # described by its kind, then what it is for: "charging stations ... for electric heavy
        # vehicles" (lower-case words closing the sentence: a use, not a place)
        for m in mapped:
            if m.named or m.phrase.lower() not in HEADS:
                continue
            purpose = _PURPOSE.search(text[m.end : sent.end])
            if purpose:
                add(
                    m.system,  # type: ignore[arg-type]
                    Value(
                        "role",
                        f"{_cap(m.phrase)} for {purpose.group('v')}",
                        reason=f"{m.phrase!r} {purpose.group().strip()!r}",
                    ),
                    sent,
                    m,
                )
        # "Malabayev, General Manager of <the port's company>, expressed encouragement at ...": what
        # an officer of the system says is its context, unless the sentence says more (a role)
        said = OFFICER_SAYS.match(sent.text)
        if said:
            org_start, org_end = sent.start + said.start("org"), sent.start + said.end("org")
            for m in mapped:
                if m.kind == "corridor" or not (org_start <= m.start < org_end):
                    continue
                more = [
                    r
                    for r in rows
                    if r["corridor"] == m.system
                    and r["quote"] == sent.text
                    and r["field"] not in ("name", "operator", "countries")
                ]
                if not more:
                    title = said.group("title").lower()
                    add(
                        m.system,  # type: ignore[arg-type]
                        Value(
                            "context",
                            f"Its {title} {said.group('said').strip()}",
                            reason=f"what the {title} of {said.group('org')} said",
                        ),
                        sent,
                        m,
                    )
                break
        # a port named as part of a corridor ("a key hub in the X Corridor"): the port linked to
        # it; a corridor merely named in the same sentence is no link
        ports = [m for m in mapped if m.kind == "port"]
        corridors = [m for m in mapped if m.kind == "corridor" and m.named]
        for p in ports:
            for c in corridors:
                if (
                    c.system != p.system
                    and c.start > p.end
                    and _LINKED.search(text[p.end : c.start])
                ):
                    add(
                        p.system,  # type: ignore[arg-type]
                        Value("corridor", c.phrase, note="", reason=""),
                        sent,
                        replace(
                            p,
                            confidence=round(p.confidence * 0.5, 2),
                            reason=p.reason + f"; the same sentence names {c.phrase!r}",
                        ),
                    )
    for m in mentions:
        if m.system is None:
            sent = sents[m.sentence]
            key = ("", "", _fold(m.phrase))
            if key in seen:
                continue
            seen.add(key)
            rows.append(
                {
                    "id": "",
                    "corridor": "",
                    "feature": "",
                    "field": "",
                    "value": m.phrase,
                    "unit": "",
                    "qualifier": "",
                    "period": "",
                    "scope": "",
                    "source": name,
                    "quote": sent.text,
                    "note": "",
                    "confidence": "",
                    "reason": m.reason,
                }
            )
    _assign_ids(rows, name, claims)
    return rows


def _nearest(mentions: list[Mention], offset: int) -> Mention:
    def distance(m: Mention) -> tuple[int, float]:
        return (m.start - offset if m.start >= offset else offset - m.end, -m.confidence)

    return min(mentions, key=distance)


_FIELD_TAG = {
    "start_date": "start",
    "completion_date": "completion",
    "proposed_date": "proposed",
    "opening_date": "opening",
}


def _assign_ids(rows: list[dict[str, str]], name: str, claims: list[rawdata.Row]) -> None:
    stem = Path(name).stem
    tag = re.match(r"^(\d+)", stem)
    source_tag = tag.group(1) if tag else re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    used = {c["id"] for c in claims}
    for row in rows:
        if row["corridor"]:
            prefix = _id_prefix(row["corridor"], claims)
            base = f"{prefix}-{_FIELD_TAG.get(row['field'], row['field'])}-{source_tag}"
        else:
            base = f"unmapped-{source_tag}"
        ident, n = base, 0
        while ident in used:
            n += 1
            ident = base + (chr(ord("a") + n) if n < 26 else f"-{n}")
        used.add(ident)
        row["id"] = ident


# --- files --------------------------------------------------------------------------------------


def proposed_dir(datadir: DataDir) -> Path:
    return datadir.geodata / "proposed"


def proposals_path(datadir: DataDir, stem: str) -> Path:
    return proposed_dir(datadir) / f"{stem}.csv"


def append_rows(path: Path, columns: Iterable[str], rows: list[dict[str, str]]) -> None:
    """Append rows to a table, keeping the rows already there.

    The table is read as text (so CRLF line ends come back as '\\n') and rewritten whole through
    corridors.store.atomicfile, so a failed write leaves it as it was rather than cut off in a row.
    """
    text = path.read_text(encoding="utf-8")
    if text and not text.endswith("\n"):
        text += "\n"
    atomicfile.write_bytes(path, (text + table_text(columns, rows, header=False)).encode("utf-8"))


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class IngestError(Exception):
    """The article cannot be ingested (already there, unreadable); the message says why."""


@dataclass
class Result:
    seed: Path
    proposals: Path
    rows: list[dict[str, str]]
    source_row: dict[str, str]


def ingest(datadir: DataDir, article: Path) -> Result:
    """Add the article to seeds/ and sources.csv; write its proposals. Refuses a known article."""
    if article.suffix != ".txt":
        raise IngestError(f"{article.name}: articles are .txt files (seeds/*.txt)")
    data = article.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IngestError(f"{article} is not UTF-8 text: {exc}") from exc
    digest = hashlib.sha256(data).hexdigest()
    for existing in sorted(datadir.seeds.glob("*.txt")):
        if hashlib.sha256(existing.read_bytes()).hexdigest() == digest:
            raise IngestError(f"{article.name}: the same article is already seeds/{existing.name}")
    raw = rawdata.read(datadir)
    for row in raw.sources.rows:
        if row["sha256"] == digest:
            raise IngestError(f"{article.name}: sources.csv already lists it as {row['file']}")
    seed = datadir.seeds / article.name
    if seed.exists():
        raise IngestError(f"seeds/{article.name} exists with other content; rename the article")
    stem = article.stem
    target = proposals_path(datadir, stem)
    if target.exists():
        raise IngestError(f"{datadir.rel(target)} exists: review it first")
    meta = metadata(text)
    known = systems(raw)
    rows = propose(article.name, text, known, raw, meta["date"], country_names(datadir))
    shutil.copyfile(article, seed)
    stated = [k for k in ("headline", "outlet", "dateline", "date", "author") if meta[k]]
    source_row = {
        "file": article.name,
        "sha256": digest,
        **meta,
        "note": "Added by `python -m corridors ingest`; "
        + (
            f"{', '.join(stated)} as the text states {'them' if len(stated) > 1 else 'it'}."
            if stated
            else "the text states no headline, outlet, dateline, date or author."
        ),
    }
    append_rows(datadir.sources, SOURCE_COLUMNS, [source_row])
    atomicfile.write_bytes(target, table_text(PROPOSAL_COLUMNS, rows).encode("utf-8"))
    return Result(seed, target, rows, source_row)
