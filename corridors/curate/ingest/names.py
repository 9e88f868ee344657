"""Whether a phrase names a known system though not by one of its names: fuzzy likeness
(rapidfuzz) of the words that tell names apart, and the places and countries it shares.

A shared generic word ("trans", "route", "railway") never makes two names one: the Trans-Siberian
route is not the Trans-Caspian route; a name made of a country the system does not cross is
another system ("the Kyrgyzstan-China gas pipeline" is not the Turkmenistan-China one).
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process, utils

from .known import GENERIC_NAME_WORDS, HEAD_RE, MODIFIERS, System

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


def foreign_countries(name: str, system: System, countries: set[str]) -> list[str]:
    """The countries a name is made of that the system does not cross: the "Kyrgyzstan-China
    gas pipeline" is not the Turkmenistan-China one, however alike the names."""
    if not system.countries:
        return []
    words = [w for w in re.split(r"[\s\-–—]+", name) if w]
    named = [w for w in words if w in countries]
    on = set(system.countries) | set(system.places)
    return [w for w in named if w not in on]


def fuzzy_best(
    phrase: str, kind: str, tokens: list[str], known: list[System]
) -> tuple[float, System, str] | None:
    """The system a named phrase most likely is (confidence, system, why), or None."""
    best: tuple[float, System, str] | None = None
    for system in known:
        if kind not in system.kinds or system.part_of:
            continue
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
        joins = len(ends) >= 2 and all(p in system.countries + system.places for p in ends)
        if joins and score < NAME_SCORE:
            conf, why = 0.8, f"{phrase!r} joins {' and '.join(ends)}, all on it, and is a {kind}"
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
_GLUED_INITIALS = re.compile(r"(?<![\w-])(?P<initials>[A-Z]{2,6})[-–]$")


def operator_named(before: str, name: str, acronyms: list[str], after: str = "") -> str:
    """The operating company a name is written as ("KTZE-" + "Khorgos Gateway"), or ''.
    ``before`` and ``after``: the text around the name. Initials that are a system's own are no
    company, and a head noun after it ("the KTZE-Khorgos Gateway dry port") makes the whole the
    name of the thing, not of who runs it."""
    m = _GLUED_INITIALS.search(before)
    if m is None or m.group("initials") in acronyms:
        return ""
    if re.match(rf"\s+(?:(?:{_MODIFIER_RE})\s+)*(?i:{HEAD_RE})\b", after):
        return ""
    return f"{m.group('initials')}-{name}"
