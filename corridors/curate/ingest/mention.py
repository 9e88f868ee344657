"""The record each reading pass hands on: a system (or unmapped infrastructure) named or meant
in a sentence, where, how it was found and how sure the reading is.

Split from mentions.py, the pass that finds mentions by name: the later passes (discourse,
labels, parts, owners, flags, respective, propose) only read and rewrite these records, and need
not import the finder to do so.
"""

from __future__ import annotations

from dataclasses import dataclass


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
    #: how it was found: name, fuzzy, described, label, part, back, topic, unmapped, organisation
    how: str = "name"
    feature: str = ""  # a drawn feature of the system the mention names ("Line C")
    parent: str = ""  # for a part not in corridors.csv: the system it is a part of
    #: the countries' names a new line was named by ("Turkmenistan-...-China"), which it crosses
    route: str = ""
    #: for named infrastructure no row lists that is a part of a mapped system ("Aktau port",
    #: "the BTK railway"): that system; such a thing is never "mentioned, not mapped"
    within: str = ""
