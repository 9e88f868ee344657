"""Which figures of a sentence a port takes: a port is a place, not a line.

Reports on a dry port or a seaport mix its own figures with those of the trips that pass through
it: "goods need 15 days from China to Europe on this route", "the box will cover 9,000 km from
China to Turkey in 17 days", "moving a container between trains takes an hour". A port has no
length, and a trip is its transit time only when the port is one of its ends: "from this land
port, goods reach Lianyungang in five days", "Khorgos–Lianyungang in five days". Everything else
is the route's, or a handling time, which no field records.
"""

from __future__ import annotations

import re

from .fields import Value
from .known import System

#: The trip starts or ends at the port the sentence is about: "from this land port", "to the
#: terminal", "leaving the hub", "from here".
AT_THE_PORT = re.compile(
    r"\b(?:from|to|reach(?:es|ed)?|leav(?:e|es|ing))\s+(?:this|the|its|that)\s+(?:[\w-]+\s+)?"
    r"(?:port|terminal|hub|facility|gateway)\b|\bfrom\s+(?:here|there)\b",
    re.I,
)


#: A country said of the port, before or after its name: "China's Horgos port", "the Khorgos port
#: in China's Xinjiang".
_COUNTRY_BEFORE = re.compile(r"\b(?P<c>[A-Z][\w-]*)['’]s\s+(?:[\w-]+\s+){0,2}$")
_COUNTRY_AFTER = re.compile(r"^\s+(?:in|of)\s+(?:the\s+)?(?P<c>[A-Z][\w-]*)(?:['’]s)?\b")


def elsewhere(system: System, before: str, after: str, countries: list[str]) -> bool:
    """A port of the same name in a country the system is not in: the border town's port on the
    other side ("the Horgos port in China's Xinjiang" beside a Kazakh dry port) is another port."""
    said = [
        m.group("c") for m in (_COUNTRY_BEFORE.search(before), _COUNTRY_AFTER.match(after)) if m
    ]
    return any(c in countries and c not in system.countries for c in said)


def takes(value: Value, system: System, sentence: str) -> bool:
    """Whether a port takes this value: no length, and a transit time only from or to itself
    (its name or place in the trip's ends, or the sentence saying "from this port")."""
    if not system.kinds or not system.kinds <= {"port"}:
        return True
    if value.field in ("length", "section_length"):
        return False
    if value.field != "transit_time":
        return True
    ends = value.scope.casefold()
    if any(w.casefold() in ends for w in [*system.name_words, *system.places] if w):
        return True
    return bool(AT_THE_PORT.search(sentence))
