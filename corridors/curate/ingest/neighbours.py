"""Things that stand beside a facility and share its place name, but are not it: the special
economic zone a dry port lies in, the international centre of cross-border cooperation next to
it, the border crossing its trains use.

Reporting on the Khorgos dry port names the Khorgos - Eastern Gate SEZ, the Khorgos
international centre of boundary cooperation and the Altynkol-Khorgos rail crossing in the same
paragraphs, each with figures of its own: the zone's area, a 51% stake in the zone, the
crossing's tonnage, the centre's visitors. A sentence that opens on one of them, or a figure
said to be "of" or "in" one of them, is that thing's, never the facility's: the facility is
only recognised by its shared place word, and the shared word must not pull the zone's figures
to it. These are no infrastructure of the map either: never "mentioned, not mapped".
"""

from __future__ import annotations

import re

from .mention import Mention
from .sentences import Sentence

#: A name: capitalised words, a dash between them allowed ("Khorgos - Eastern Gate").
_NAME = r"(?:[A-Z][\w’'-]*(?:\s*[-–—]\s*|\s+)){1,5}?"
#: The kinds of neighbour, by the words reporting uses: zones (special, free, economic,
#: industrial, logistics; SEZ, FEZ, FTZ), centres of cross-border cooperation (ICBC), border
#: crossings and checkpoints.
_KIND = (
    r"(?:(?i:special|free|economic|industrial|trade|logistics)\s+)+(?i:zone)s?\b"
    r"|(?:SEZ|FEZ|FTZ|ICBC)\b"
    r"|(?i:(?:international\s+)?cent(?:re|er)\s+(?:of|for)\s+(?:cross[-\s]?|near[-\s]?)?"
    r"(?:border|boundary|frontier)\s+cooperation)\b"
    r"|(?i:(?:border|rail(?:way)?|road)\s+(?:crossing|checkpoint|crossing\s+point)|checkpoint)s?\b"
)
#: A neighbour named: "the Khorgos - Eastern Gate special economic zone", "the Khorgos SEZ",
#: "the Altynkol-Khorgos border crossing", or the kind first with its name after it ("the
#: international centre of boundary cooperation Khorgos", "the SEZ Khorgos - Eastern Gate").
NEIGHBOUR = re.compile(
    rf"\b(?:[Tt]he\s+)?(?:{_NAME}(?:{_KIND})|(?:{_KIND})(?:\s+[«\"“]?[A-Z][\w’'-]*"
    r"(?:\s*[-–—]\s*[A-Z][\w’'-]*|\s+[A-Z][\w’'-]*)*[»\"”]?)?)"
)
#: A sentence opening on a neighbour, as its subject ("The Khorgos - Eastern Gate SEZ covers
#: ...", "In 2020 the Altynkol-Khorgos crossing handled ..."): a short adverbial first allowed.
_OPENING = re.compile(
    rf"^(?:(?:In|By|Over|During|Last|This|Since)\b[^,]{{0,40}}?,?\s+)?(?={NEIGHBOUR.pattern})"
)


def neighbours(sent: Sentence, here: list[Mention]) -> list[Mention]:
    """The neighbours a sentence names, as mentions of no system (a figure said to be of or in
    one is its own). One that overlaps a known system's own name ("the dry port in the X SEZ"
    names the port first) is still a neighbour: only its own words are taken."""
    out = []
    for m in NEIGHBOUR.finditer(sent.text):
        start, end = sent.start + m.start(), sent.start + m.end()
        if any(x.system and x.start <= start and end <= x.end and x.named for x in here):
            continue  # wholly inside a known system's own name
        why = "a zone, centre or crossing beside the facility, no system's"
        out.append(Mention(0, start, end, m.group(), None, "", 0.0, why, False, how="new"))
    return out


def opening_neighbour(sent: Sentence) -> re.Match | None:
    """The neighbour a sentence opens on (its subject), or None."""
    lead = _OPENING.match(sent.text)
    return NEIGHBOUR.match(sent.text, lead.end()) if lead else None


#: The little words between a figure and the neighbour it is of: "a 51% stake in the Khorgos
#: SEZ", "4,591 hectares of the special economic zone".
_OF = re.compile(r"^[\w$.,%\s-]{0,50}?\b(?:of|in|at|for|through)\s+(?:the\s+)?$")


def figure_of_neighbour(sent: Sentence, here: list[Mention], at: int) -> Mention | None:
    """The neighbour a figure at ``at`` (in the sentence) is said to be of or in ("a
    51% stake in the Khorgos SEZ"), or None. Only so: a zone named in an aside ("the dry port,
    inside the special economic zone, handled ...") takes no figure of the sentence, nor one
    said of a system first ("24.5% of the dry port, which lies in the X zone")."""
    for m in neighbours(sent, here):
        start = m.start - sent.start
        between = [x for x in here if x.system and sent.start + at < x.start < m.start]
        if start > at and not between and _OF.match(sent.text[at:start]):
            return m
    return None
