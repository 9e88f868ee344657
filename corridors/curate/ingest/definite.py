"""A facility named by its kind alone: "the dry port", "the zone's Dry Port", "this inland port".

Reporting on a hub often names its town in the headline ("Khorgos: ...", "New life for Horgos")
and from then on calls the facility by what it is, never by its full name. A definite kind with
modifiers ("dry port", not bare "port", which may be any seaport) identifies the one known
facility whose own name ends in that same head and whose place or distinctive name word the
article has already given. Two such facilities, or none whose place was given, say neither: the
phrase is then left to the discourse pass (what it points back to), as before.
"""

from __future__ import annotations

import re

from .known import System, fold
from .names import FACILITY_KINDS, own_head

#: A determiner before the kind: "the", "this", "its", or a possessive ("the zone's", "Kazakhstan's").
_DETERMINER = r"(?:the|this|that|its|[A-Za-z][\w-]*(?:'s|’s))"


#: Heads that say the same kind of facility: reporting calls a dry port any of these.
SYNONYMS = [{"dry port", "land port", "inland port", "waterless port"}]


def _heads(system: System) -> set[str]:
    """The heads with a modifier the facility's own names end in ("dry port") and their
    synonyms ("inland port"); a bare head ("port") names a kind too wide to tell which."""
    own = {h for h in (own_head(n) for n, _ in system.names) if " " in h}
    return own.union(*(group for group in SYNONYMS if own & group))


def _given(before: str, system: System) -> bool:
    """Whether the text before names one of the facility's places or distinctive name words."""
    folded = fold(before)
    return any(
        re.search(rf"(?<!\w){re.escape(fold(w))}(?!\w)", folded)
        for w in system.name_words + system.places
    )


def by_kind(sentence: str, before: str, known: list[System]) -> tuple[int, int, System] | None:
    """(start, end, system) of the first definite kind in ``sentence`` ("the dry port") that
    names exactly one known facility whose place ``before`` (the article up to this sentence,
    headline included) gives; None otherwise."""
    facilities = [s for s in known if s.kinds & FACILITY_KINDS and not s.part_of]
    heads = {h: [s for s in facilities if h in _heads(s)] for s in facilities for h in _heads(s)}
    if not heads:
        return None
    alternatives = "|".join(sorted((re.escape(h).replace(r"\ ", r"\s+") for h in heads), key=len))
    pattern = re.compile(rf"\b{_DETERMINER}\s+(?P<head>{alternatives})\b", re.I)
    for m in pattern.finditer(sentence):
        head = " ".join(m.group("head").lower().split())
        fits = [s for s in heads.get(head, []) if _given(before, s)]
        if len(fits) == 1:
            return m.start("head"), m.end("head"), fits[0]
    return None
