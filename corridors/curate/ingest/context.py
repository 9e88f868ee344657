"""What a sentence is read against: the article's date and what earlier sentences said.

Kept apart from the readers of each field so that every reader (flows, lengths, transit times)
can remember what it read for the sentences after it without importing the others.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class Context:
    """What a sentence is read against: the article's date and what earlier sentences said."""

    article_date: str = ""
    countries: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    last_year: str = ""  # the last year named, for "that year"
    last_target: str = ""  # the year of the last target read, for "those 300 trains would ..."
    last_stretch: str = ""  # the last stretch named ("Urumqi-Baku"), for a trip's length or time
    last_place: str = ""  # the last known place the sentence before named, for "From there"
    last_country: str = ""  # the last country the sentence before named, for "from there"
    last_ends: tuple[str, str] = ("", "")  # the first and last country of the last route read
    last_section: str = ""  # the country of the last section read, for "that leg"
    last_port: str = ""  # the last port named ("the seaport of Aktau"), for "Of these, ..."
    last_holders: list[str] = field(default_factory=list)  # for "each of them holds 24.5%"
    abbreviations: dict[str, str] = field(default_factory=dict)  # "LPH" -> its name, as defined
    recent_span: str = ""  # the span of months of the sentence just before, or ''
    recent_year: str = ""  # the whole year of the traffic the sentence just before read, or ''
    last_span: str = ""  # the last span of months read ("2024-01/2024-11"), for "the same months"
    yearly_figures: set[tuple[float, str]] = field(default_factory=set)  # printed "a year" so far
    quantities: str = "rules"
    dates: str = "rules"


#: "... the bill for that leg": the section the sentence before spoke of.
THAT_SECTION = re.compile(
    r"\b(?:that|this|the same)\s+(?:leg|section|stretch|segment|portion|part)\b"
    r"|^(?:\s*)The\s+(?:leg|section|stretch|segment|portion)\b",
    re.I,
)
