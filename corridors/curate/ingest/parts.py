"""Which part of a system a sentence is about when it never names the part: where it says the
thing runs.

A system whose drawn lines are lettered (Lines A, B and C of a gas pipeline) grows by new lines,
and reporting on a new line often calls it by the whole system's name or "the pipeline": "the
pipeline will run from Turkmenistan through Tajikistan and Kyrgyzstan to China", "its longest
section will cross Tajikistan", "the Tajik section alone needs 42 tunnels", "the new pipeline being
built across Tajikistan". Where none of the drawn lines cross that country, the sentence is about
the next line (Line D), never the whole: its figures are that line's, and no disagreement with the
whole can arise from them. A system without lettered lines (a railway, a corridor) is left alone:
a country it is said to cross is a new fact about it, not another line.
"""

from __future__ import annotations

import re

from .crossings import crossed
from .known import System
from .scopes import DEMONYMS, sections_named

#: Verbs that put a line in a country: "runs through", "being built across", "will cross".
_RUNS = re.compile(
    r"\b(?:cross(?:es|ed|ing)?|travers(?:e|es|ing)|"
    r"(?:run|runs|running|ran|pass|passes|passing|built|laid|go|goes|going|extend|extends|"
    r"extending|stretch|stretches|stretching)\s+(?:across|through|via|in|into))\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west|central|northern|southern|eastern|western)\w*\s+)?"
    r"(?P<w>[A-Z][\w’'-]+)"
)


def lettered(system: System) -> bool:
    """Does the system have drawn lines lettered A, B, ... (so a new one is the next letter)?"""
    return any(re.fullmatch(r"Line [A-Z]", f) for f in system.features)


def foreign_country(sentence: str, system: System, countries: set[str]) -> str:
    """The first country the sentence puts the system (or a section of it) in that none of its
    drawn lines cross; '' when there is none or the system has no lettered lines."""
    if not lettered(system) or system.part_of or not system.countries:
        return ""
    own = set(system.countries)
    listed = crossed(sentence, sorted(countries))
    found = listed.value.split(";") if listed is not None else []
    found += sections_named(sentence, countries)
    for m in _RUNS.finditer(sentence):
        word = m.group("w")
        country = word if word in countries else DEMONYMS.get(word, "")
        if country:
            found.append(country)
    return next((c for c in found if c not in own), "")
