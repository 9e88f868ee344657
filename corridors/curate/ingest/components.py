"""Named infrastructure that is a part of a mapped system, not a new thing to map.

Corridor reporting names the pieces a system is made of by their own names: the ports at its
ends ("Aktau port", "the port of Batumi", "the Batumi oil terminal"), the lines between its places
("the Baku-Tbilisi-Kars railway", "the Marabda-Kartsakhi section", "the Zhetygen-Altynkol line"),
their initials ("BTK"), and a country's stretch of a pipeline into China that crosses it ("the
Kazakhstan-China gas pipeline", "the Trans-Uzbek gas pipeline"; the Russia-China one is another). Each is drawn already, as a part of the system, so
a curator never adds a row for it: it is no "mentioned, not mapped" entry. Its figures are its own
(a port's throughput, a section's capacity), never the whole system's, so it is still read as
another thing than the system in topic.

What stays "mentioned, not mapped" is infrastructure the map does not draw: a road beside a
railway ("the Almaty-Shu motorway"), another pipeline that shares a town ("the Beineu-Bozoi-
Shymkent pipeline"), an oil pipeline beside a gas one, a port in a town no system reaches.
"""

from __future__ import annotations

import re

from .known import System
from .scopes import DEMONYMS

#: The kinds of a part's head that a system of each kind is made of: a corridor is drawn as its
#: railways and the ports between them.
_MADE_OF = {
    "railway": {"railway", "corridor"},
    "port": {"port", "corridor"},
    "pipeline": {"pipeline"},
}
_WORD = re.compile(r"[A-Z][\w’'.]*")
#: Initials defined in brackets after a name: "Baku-Tbilisi-Kars (BTK) railway".
_DEFINED = re.compile(
    r"(?P<name>[A-Z][\w’']*(?:\s*[-–—]\s*[A-Z][\w’']*)+)\s*\((?P<short>[A-Z]{2,6})\)"
)
#: A pipeline named after one country and China, or across one country: "the Kazakhstan-China
#: gas pipeline", "the Kazakh-Chinese pipeline", "the Trans-Tajik gas pipeline".
_COUNTRY_PIPE = re.compile(
    r"^(?:(?P<a>[A-Z]\w+)\s*[-–—]\s*(?:China|Chinese)|(?:China|Chinese)\s*[-–—]\s*(?P<b>[A-Z]\w+)"
    r"|Trans[-–—](?P<c>[A-Z]\w+))$"
)


def _place(word: str, system: System) -> bool:
    """Is the word a place of the system, or the town a waypoint is named after ("Tbilisi" of
    "Tbilisi-Cargo", "Samtredia" of "Samtredia-1")?"""
    low = word.casefold()
    return any(
        p.casefold() == low or re.fullmatch(rf"{re.escape(low)}[-\s][\w.]{{1,6}}", p.casefold())
        for p in system.places
    )


def _fits(kind: str, system: System) -> bool:
    return bool(_MADE_OF.get(kind, set()) & system.kinds) and not system.part_of


def other_product(phrase: str, system: System) -> bool:
    """ "the Kazakhstan-China oil pipeline" beside a gas pipeline: another pipeline."""
    said = {w for w in ("oil", "gas") if re.search(rf"\b{w}\b", phrase, re.I)}
    own = {w for w in ("oil", "gas") if re.search(rf"\b{w}\b", system.name, re.I)}
    return bool(said and own and not said & own)


def _country(word: str, countries: set[str]) -> str:
    return word if word in countries else DEMONYMS.get(word, "")


def initials_of_parts(text: str, known: list[System], countries: set[str]) -> dict[str, System]:
    """Initials an article gives a part in brackets ("Baku-Tbilisi-Kars (BTK)"), by which it may
    name the part anywhere, even before the brackets (a headline's "BTK railway")."""
    out = {}
    for m in _DEFINED.finditer(text):
        found = within(m.group("name"), "railway", known, countries)
        if found is not None:
            out[m.group("short")] = found[0]
    return out


def within(
    name: str,
    kind: str,
    known: list[System],
    countries: set[str],
    initials: dict[str, System] | None = None,
    said: str = "",
) -> tuple[System, str] | None:
    """The mapped system a named thing is a part of, and why; None when it is no part of one
    (or when it has no name: "the port" is read by discourse, not here). ``said`` is the whole
    phrase, modifiers and all ("... oil pipeline"), when ``name`` is only its name words."""
    said = said or name
    words = _WORD.findall(name)
    if not words:
        return None
    for short in words:
        if initials and short in initials and _fits(kind, initials[short]):
            system = initials[short]
            return system, f"{short!r}, the initials the article gives a line of {system.id}"
    for system in known:
        if not _fits(kind, system) or other_product(said, system):
            continue
        if kind == "port":
            at = [w for w in words if _place(w, system)]
            if at:
                return system, f"a port at {at[0]}, a place on {system.id}'s drawn route"
            continue
        chain = [p.strip() for p in re.split(r"\s*[-–—]\s*", name) if p.strip()]
        if len(chain) >= 2 and all(_place(p, system) for p in chain):
            return system, f"a line between {', '.join(chain)}, places on {system.id}'s route"
    if kind != "pipeline":
        return None
    m = _COUNTRY_PIPE.match(re.sub(r"\s+(?:gas|natural|oil)\b.*$", "", name.strip()))
    country = _country(next((g for g in m.groups() if g), ""), countries) if m else ""
    if not country or country == "China":
        return None
    # a country the pipeline does not cross ("the Russia-China gas pipeline") names another one
    into_china = [
        s
        for s in known
        if _fits(kind, s) and {"China", country} <= set(s.countries) and not other_product(said, s)
    ]
    if len(into_china) != 1:
        return None
    system = into_china[0]
    return system, f"{country}'s stretch of {system.id}, which crosses it into China"


def region_alias(name: str, kind: str, known: list[System]) -> tuple[float, System, str] | None:
    """ "the pan-Central Asian pipeline", "the trans-Central Asia gas pipeline": a system called
    only by the region words of its own name (at least two, so that a company's "Asian Gas
    Pipeline" is not it), when exactly one system of that kind has them all."""
    words = [
        _stem(w) for w in re.findall(r"[A-Za-z]+", re.sub(r"(?i)^(?:pan|trans)[-–—]", "", name))
    ]
    if len(words) < 2:
        return None
    found = [
        s
        for s in known
        if kind in s.kinds
        and not s.part_of
        and set(words) <= {_stem(w) for w in re.findall(r"[A-Za-z]+", s.name)}
    ]
    if len(found) != 1:
        return None
    why = f"{name!r}: only the region words of {found[0].id}'s name, and a {kind} like it"
    return 0.6, found[0], why


def _stem(word: str) -> str:
    """ "Asian" and "Asia" are one word of a name."""
    low = word.lower()
    return low[:-1] if low.endswith("asian") else low
