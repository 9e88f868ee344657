"""When a proposal may be flagged as disagreeing with an accepted claim (issue 18).

propose.py sets each proposal beside the accepted claims of like and like (schema.readings_key).
Two more things keep a flag honest: a reading the ingest inferred rather than read (its sentence
names no system and leans on the topic; the figure sits in a relative clause of something else)
is proposed with its reason but never flagged, and two figures whose qualifiers leave room for both
("over 1,900 km" beside "over 3,666 km") are bounds, not a contradiction.
"""

from __future__ import annotations

import re

from .fields import Value
from .mention import Mention
from .sentences import Sentence

#: What a qualifier says of the figure: the range it leaves open, as factors of the value.
_RANGES = {
    "over": (1.0, float("inf")),
    "at least": (1.0, float("inf")),
    "up to": (0.0, 1.0),
    "under": (0.0, 1.0),
    "nearly": (0.9, 1.0),
    "about": (0.9, 1.1),
    "": (1.0, 1.0),
}


def bounds_overlap(a: dict[str, str], b: dict[str, str]) -> bool:
    """Two figures of one unit whose qualifiers leave room for both ("over 1,900 km" and "over
    3,666 km", "up to 40" and "35"): bounds, not contradictions, so never flagged. Exact figures
    and unknown qualifiers overlap only when equal, as before."""
    if a.get("unit", "") != b.get("unit", "") or not a.get("unit"):
        return False
    ranges = []
    for row in (a, b):
        factors = _RANGES.get(row.get("qualifier", ""))
        try:
            value = float(row["value"])
        except ValueError:
            return False
        if factors is None:
            return False
        ranges.append((value * factors[0], value * factors[1]))
    (lo1, hi1), (lo2, hi2) = ranges
    return lo1 <= hi2 and lo2 <= hi1


#: A figure said in a relative clause of another subject: "Kazakhstan, which hosts 1,300 km of
#: it, ..." is about the country's share, read with less certainty than a main clause.
_RELATIVE = re.compile(r",\s*(?:which|who|whose|where)\b[^,;.]*$")


#: A stage read from an event or a tense, not said in words: a guess, never a disagreement.
IMPLIED_STAGE = "the stage is implied, not stated"


def inferred(mention: Mention, value: Value, sent: Sentence) -> str:
    """Why a proposal is a reading inferred rather than stated of its system ('' when stated):
    its sentence names nothing and leans on the topic, or the figure sits in a relative clause.
    Such a reading is proposed with its reason, never flagged as a disagreement."""
    if mention.how in ("topic", "article"):
        return "its sentence names no system and leans on the topic"
    if value.field == "status" and value.hints.get("implied"):
        return IMPLIED_STAGE
    relative = _RELATIVE.search(sent.text[: value.at]) if value.at else None
    if relative is not None and mention.end - sent.start != relative.start():
        # "Kazakhstan, which hosts ...": of what the clause hangs on; "the line, which will
        # cost ..." hangs on the system itself and is stated
        return "the figure is in a relative clause of something else"
    return ""
