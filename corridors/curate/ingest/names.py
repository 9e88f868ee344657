"""Whether a phrase names a known system though not by one of its names: fuzzy likeness
(rapidfuzz) of the words that tell names apart, and the places and countries it shares.

A shared generic word ("trans", "route", "railway") never makes two names one: the Trans-Siberian
route is not the Trans-Caspian route; a name made of a country the system does not cross is
another system ("the Kyrgyzstan-China gas pipeline" is not the Turkmenistan-China one).
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process, utils

from .components import other_product
from .known import GENERIC_NAME_WORDS, HEAD_RE, HEADS, MODIFIERS, System, spellings

_MODIFIER_RE = "|".join(MODIFIERS)

#: A named piece of infrastructure at least this like a system's name (rapidfuzz, 0..100) is it.
NAME_SCORE = 65
#: A place named in it at least this like one of the system's places.
PLACE_SCORE = 80


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


_KIND_WORDS = re.compile(rf"(?i)\b(?:{HEAD_RE}|{_MODIFIER_RE})\b|(?:’s|'s)\b")


def _bare(name: str) -> str:
    """A name without its kind words ("gas pipeline") and possessives: what tells names apart
    ("West-to-East" and "Turkmenistan-China" are two pipelines, however alike the rest)."""
    return re.sub(r"\s+", " ", _KIND_WORDS.sub(" ", name)).strip() or name


def distinctive(name: str) -> set[str]:
    """The words of a name that tell it from others: no kind words, no generic words ("trans",
    "central", "north"), no possessives; "Trans-Siberian route" -> {"siberian"}."""
    words = re.split(r"[\s\-–—/]+", _bare(name).casefold())
    return {w for w in words if len(w) > 2 and w not in GENERIC_NAME_WORDS}


def _alike(a: str, b: str) -> bool:
    """Two distinctive words that are one word (a spelling, "Kyrgyz" of "Kyrgyzstan")."""
    short = min(len(a), len(b))
    return fuzz.ratio(a, b) >= 80 or (short >= 4 and (a.startswith(b) or b.startswith(a)))


def shares_distinctive(phrase: str, name: str) -> bool:
    """Whether a phrase may be a name by fuzzy likeness: when the phrase has distinctive words,
    one of them must be one of the name's. Shared generic words ("trans", "route", "railway")
    never make two names one: the Trans-Siberian route is not the Trans-Caspian route."""
    mine = distinctive(phrase)
    if not mine:
        return True
    return any(_alike(a, b) for a in mine for b in distinctive(name))


def _on(system: System) -> set[str]:
    """The system's countries and places, each as the data spells it."""
    return {spellings(p)[0] for p in system.countries + system.places}


def chain_beyond(parts: list[str], system: System) -> bool:
    """A name made of places in a chain, three or more of them on the system and the others only
    before or after them: the route named goes on beyond what is drawn ("China–Kazakhstan–
    Azerbaijan–Georgia–Türkiye" for a corridor drawn from the Chinese border to Turkey). A place
    off the system between two on it is another line ("Turkmenistan–Tajikistan–China")."""
    on = _on(system)
    flags = [spellings(p)[0] in on for p in parts]
    if sum(flags) < 3:
        return False
    first, last = flags.index(True), len(flags) - 1 - flags[::-1].index(True)
    return all(flags[first : last + 1])


def foreign_countries(name: str, system: System, countries: set[str]) -> list[str]:
    """The countries a name is made of that the system does not cross: the "Kyrgyzstan-China
    gas pipeline" is not the Turkmenistan-China one, however alike the names (a chain that goes
    on beyond the system's ends, chain_beyond, has none)."""
    if not system.countries:
        return []
    if chain_beyond([p for p in re.split(r"\s*[-–—]\s*", name.strip()) if p], system):
        return []
    words = [spellings(w)[0] for w in re.split(r"[\s\-–—]+", name) if w]
    named = [w for w in words if w in countries]
    return [w for w in named if w not in _on(system)]


def fuzzy_best(
    phrase: str, kind: str, tokens: list[str], known: list[System]
) -> tuple[float, System, str] | None:
    """The system a named phrase most likely is (confidence, system, why), or None."""
    best: tuple[float, System, str] | None = None
    for system in known:
        if kind not in system.kinds or system.part_of or other_product(phrase, system):
            continue  # "the X-China oil pipeline" is never the X-China gas pipeline
        bare = _bare(phrase)
        scores = [
            (
                max(
                    fuzz.ratio(bare, _bare(n), processor=utils.default_process),
                    fuzz.token_sort_ratio(bare, _bare(n), processor=utils.default_process),
                ),
                n,
            )
            for n, _ in system.names
            if shares_distinctive(phrase, n)
        ]
        # the kind words weigh less: "West-to-East Gas Pipeline" is not "Turkmenistan-China gas
        # pipeline", however alike the rest; a garbled name keeps most of its full score
        full = [
            (
                max(
                    fuzz.ratio(phrase, n, processor=utils.default_process),
                    fuzz.token_sort_ratio(phrase, n, processor=utils.default_process),
                )
                - 10,
                n,
            )
            for n, _ in system.names
            if shares_distinctive(phrase, n)
        ]
        score, like = max(scores + full) if scores else (0.0, "")
        places = _fuzzy_places(tokens, system, countries=False)
        shared = _fuzzy_places(tokens, system, countries=True)
        ends = [p.strip() for p in re.split(r"[-–—]", bare)]
        joins = len(ends) >= 2 and (
            all(spellings(p)[0] in _on(system) for p in ends) or chain_beyond(ends, system)
        )
        if joins and score < NAME_SCORE:
            on = [p for p in ends if spellings(p)[0] in _on(system)]
            said = "all on it" if len(on) == len(ends) else f"{', '.join(on)} on it, in a row"
            conf, why = 0.8, f"{phrase!r} joins {' and '.join(ends)}, {said}, and is a {kind}"
        elif score >= NAME_SCORE:
            conf = min(0.9, score / 100 + 0.05 * len(shared))
            why = f"fuzzy name match: {phrase!r} is {score:.0f}% like {like!r} (rapidfuzz); "
            why += f"same kind ({kind})"
            if shared:
                why += f"; shares {', '.join(shared)} with its places/countries"
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
    return best


def new_line_of(
    name: str, kind: str, known: list[System], countries: set[str]
) -> tuple[System, str] | None:
    """A line a system does not have yet, named by the countries it crosses: (system, label).

    "the Turkmenistan-Uzbekistan-Tajikistan-Kyrgyzstan-China gas pipeline" starts and ends where
    the gas pipeline of Lines A, B and C does (Turkmenistan, China) but crosses countries none of
    its lines cross: it is not another system but a new line of that one, the letter after its
    drawn lines (Line D). Only for a system whose drawn lines are lettered; a name whose ends are
    not both on the system ("Kyrgyzstan-China") is left alone: it may be anything."""
    parts = [p for p in re.split(r"\s*[-–—]\s*", name.strip()) if p]
    if len(parts) < 3 or not all(p in countries for p in parts):
        return None
    for system in known:
        if kind not in system.kinds or system.part_of:
            continue
        on = set(system.countries)
        if not (parts[0] in on and parts[-1] in on) or set(parts) <= on:
            continue
        label = next_line(system)
        if label:
            return system, label
    return None


def next_line(system: System) -> str:
    """The label after a system's drawn lettered lines ("Line D" after A, B and C), or ''."""
    letters = sorted(f[5:] for f in system.features if re.fullmatch(r"Line [A-Y]", f))
    if letters and letters == [chr(65 + i) for i in range(len(letters))]:
        return f"Line {chr(65 + len(letters))}"
    return ""


#: "the Tajik section of ...": a stretch of a system named by its country, just before its name.
SECTION_OF = re.compile(
    r"\b(?P<where>[A-Z][a-z]+)\s+(?:section|leg|stretch|segment|part|portion)\s+of\s+(?:the\s+)?$"
)


#: "<name> through Tajikistan", "<name> in Tajikistan": where it is said to run, just after it.
RUNS_IN = re.compile(r"^\s*,?\s+(?:in|through|via|across)\s+(?:the\s+)?(?P<where>[A-Z][a-z]+)\b")


def section_elsewhere(before: str, system: System, country_of, after: str = "") -> str:
    """The new line a stretch named by a country none of the system's lines cross belongs to:
    "the Tajik section of the gas pipeline", "the gas pipeline through Tajikistan", when Lines A-C
    cross no Tajikistan, are Line D's (the next letter), never the whole's; '' otherwise.
    ``before``, ``after``: the text around its name; ``country_of``: a word's country."""
    m = SECTION_OF.search(before) or RUNS_IN.match(after)
    country = country_of(m.group("where")) if m else ""
    if not country or country in system.countries or system.part_of:
        return ""
    return next_line(system)


#: A company's initials glued to a system's name: "KTZE-Khorgos Gateway" is the company that
#: runs the Khorgos Gateway (a holding's subsidiary named after what it runs), not another system.
#: Known companies' initials may stand before it with a space too ("KTZE Khorgos Gateway").
_GLUED_INITIALS = re.compile(r"(?<![\w-])(?P<initials>[A-Z]{2,6})(?P<glue>[-–]|\s)$")


def operator_named(before: str, name: str, acronyms: list[str], after: str = "") -> str:
    """The operating company a name is written as ("KTZE-" + "Khorgos Gateway"), or ''.
    ``before`` and ``after``: the text around the name (``after`` is kept for callers). Initials
    that are a system's own are no company. Followed by a head noun ("the KTZE-Khorgos Gateway
    dry port") it is still the company's name the facility is called by, and so its operator
    (convention 5 of benchmarks/reporting/CONVENTIONS.md)."""
    m = _GLUED_INITIALS.search(before)
    if m is None or m.group("initials") in acronyms:
        return ""
    if m.group("glue").isspace():  # "KTZE Khorgos Gateway": only a known company's initials
        known = m.group("initials") in ORGANISATION_INITIALS
        return f"{m.group('initials')} {name}" if known else ""
    return f"{m.group('initials')}-{name}"


#: A word of a name: capitalised, or a lower-case prefix glued to one ("trans-Caspian").
#: Words joined by a spaced dash belong to one name when the next word is capitalised ("Central
#: Asia – China pipeline", as reports translated from Russian write it); "Kazakhstan – the ..." is
#: an aside.
NAME_TOKEN = (
    r"(?:[A-Z](?:[\w’']|\.(?=\w))*|[a-z]+-[A-Z][\w’']*)"
    r"(?:[-–—][A-Za-z][\w’']*|[ \t]+[–—][ \t]+[A-Z][\w’']*)*"
)


#: Kinds of a thing at one place, which a country's name alone can single out ("Kazakhstan's
#: dry port"); a line named by a country ("Uzbekistan's railway") is as likely its network.
FACILITY_KINDS = {"port", "airport", "power plant", "bridge", "tunnel"}
#: Initials in brackets right after a name: "(CAGP)", "(TITR, Middle Corridor)".
DEFINED = re.compile(r"^\s*\(\s*(?P<short>[A-Z][A-Z0-9]{1,6})\s*[,;)]")
#: Companies' initials, which a bracket after a system's name gives its operator, not it.
ORGANISATION_INITIALS = {"CNPC", "KTZ", "KTZE", "ADY", "UTY", "GR", "BRI", "SEZ"}
_CHAIN_TOKEN = r"[A-Z][\w’']*(?:\s+[A-Z][\w’']*)?"
#: "the gas pipeline Central Asia – China": a head, then a name of places joined by dashes.
INVERTED = re.compile(
    rf"\b(?P<head>(?i:{HEAD_RE}))(?:\s+line)?\s+"
    rf"(?P<chain>{_CHAIN_TOKEN}(?:\s*[-–—]\s*{_CHAIN_TOKEN})+)"
)


def places_in(text: str, system: System) -> list[str]:
    found = []
    for item in system.places + system.name_words + system.countries:
        if re.search(rf"\b{re.escape(item)}\b", text):
            found.append(item)
    # "Caspian" (a word of a name) inside "Caspian Sea" (a place) is one place, not two
    return list(dict.fromkeys(f for f in found if not any(f != g and f in g for g in found)))


_IN_PLACE = re.compile(r"^\s+in\s+(?:the\s+)?(?P<where>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)")


def elsewhere(system: System, after: str, countries: set[str]) -> str | None:
    """The place named right after a mention ("... in Tajikistan") when the system is not there.

    A country the map knows that the system does not run through is somewhere else; for a system
    whose curated name carries its place ("North–South Highway in Kyrgyzstan") any other place is.
    """
    where = _IN_PLACE.match(after)
    if not where:
        return None
    if not system.localised and all(distinctive(n) for n, _ in system.names):
        return None  # "Line D of the Central Asia–China gas pipeline in Tajikistan": a part's place
    place = where.group("where")
    if place in system.countries + system.places + system.name_words:
        return None
    if (place in countries and system.countries) or system.localised:
        return place
    return None


#: "the dry port at Khorgos", "the dry port in the Khorgos-Eastern Gate zone": a place after
#: the head, where the name would stand before it.
_AT_PLACE = re.compile(
    rf"^\s+(?i:at|in|near|on|via|across|through)\s+(?:(?i:the)\s+)?"
    rf"(?P<place>{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{0,4}})"
)


def at_place(after: str, kind: str, known: list[System]) -> tuple[int, list[str], System] | None:
    """The place after a head ("... at Khorgos", "... via the Caspian") when it is a place or a
    word of the name of a known system of that kind: (where it ends in ``after``, its words, the
    system); None otherwise (a country or another place says where, not which: "the railway in
    Kyrgyzstan")."""
    m = _AT_PLACE.match(after)
    if m is None:
        return None
    words = [w for w in re.split(r"[\s\-–—]+", m.group("place")) if w[:1].isupper()]
    for system in known:
        if kind in system.kinds and not system.part_of:
            pool = set(system.places + system.name_words)
            if any(w in pool for w in words):
                return m.end(), words, system
    return None


def inverted(found: re.Match, known: list[System]) -> tuple[str, float, System, str] | None:
    """A name written after its head, as Russian and Chinese word order has it ("the gas
    pipeline Central Asia – China", a match of INVERTED), read as "Central Asia – China gas
    pipeline", exactly or fuzzily, kind first: (kind, confidence, system, why) or None."""
    kind = HEADS[found.group("head").lower()]
    name = f"{found.group('chain')} {found.group('head')}"
    tokens = [t for t in re.split(r"[\s\-–—]+", found.group("chain")) if t[:1].isupper()]
    best = fuzzy_best(name, kind, tokens, known)
    if best is None:
        return None
    conf, system, why = best
    return kind, round(conf, 2), system, f"its name after its head, read as {name!r}: {why}"


def defined_initials(after: str) -> tuple[str, int]:
    """The initials in brackets right after a name ("(CAGP)", "(TITR, Middle Corridor)") by
    which the article names it from then on, and where they end in ``after``; ('', 0) when
    none, or a company's."""
    m = DEFINED.match(after)
    short = m.group("short") if m else ""
    if not m or short in ORGANISATION_INITIALS:
        return "", 0
    return short, m.end("short")


_OWN_HEAD = re.compile(rf"(?i)\b((?:(?:{_MODIFIER_RE})\s+)*(?:{HEAD_RE}))\s*$")


def own_head(name: str) -> str:
    """The head a name ends in, with its modifiers: "Khorgos dry port" -> "dry port"."""
    m = _OWN_HEAD.search(name)
    return " ".join(m.group(1).lower().split()) if m else ""


def country_described(
    name_part: str, head: str, kind: str, known: list[System], country_of
) -> tuple[bool, System | None]:
    """ "Kazakhstan's dry port", "the Kazakh pipeline": a thing described by its country, no
    name; never another system, never "mentioned, not mapped". A facility ("Kazakhstan's dry
    port") is the one known system of its kind in that country whose own name ends in the same
    head, modifiers and all ("dry port", not "port": the Kazakh port may be a sea port;
    ``country_of``: a word's country, or ''); a line ("Uzbekistan's railway") is as likely the
    country's network, and is left to the next pass. (whether it is such a description, the
    system or None)."""
    words = [re.sub(r"(?:’s|'s)$", "", w) for w in name_part.split()]
    places = [country_of(w) for w in words]
    if not words or not all(places):
        return False, None
    fits = [
        s
        for s in known
        if kind in s.kinds
        and kind in FACILITY_KINDS
        and not s.part_of
        and set(places) <= set(s.countries)
        and any(own_head(n) == head for n, _ in s.names)
    ]
    return True, (fits[0] if len(fits) == 1 else None)


#: A place as the subject of handling freight ("Khorgos handled 7,000 trains", "Last year
#: Horgos processed ..."): reports name a hub by its town, as they name a port by its city.
_PLACE_HANDLED = re.compile(
    rf"^(?:(?:In|By|Over|During|Last|This)\b[^,]{{0,40}},?\s+)?(?P<place>{NAME_TOKEN})\s+"
    r"(?:has\s+|had\s+|have\s+)?(?:already\s+)?(?:handled|processed|received|served|"
    r"dispatched|transshipped|trans-shipped|cleared)\b"
)


def place_handled(sentence: str, known: list[System]) -> tuple[int, int, System] | None:
    """The facility a sentence names by its place as the subject of handling freight: (start,
    end, system) when the place is a word of the name of exactly one known facility (the
    Khorgos dry port); a line through the place (a railway, a pipeline) handles nothing there, a
    station on the facility's map (Altynkol) may be a station of the lines too, and a place
    that two facilities share says neither."""
    m = _PLACE_HANDLED.match(sentence)
    if m is None:
        return None
    place = m.group("place")
    fits = [
        s for s in known if s.kinds & FACILITY_KINDS and not s.part_of and place in s.name_words
    ]
    return (m.start("place"), m.end("place"), fits[0]) if len(fits) == 1 else None
