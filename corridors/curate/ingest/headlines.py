"""The stage a headline tells in its own tense: the present for what has just happened.

News headlines put past events in the present simple ("Leaders open a gas pipeline", "Work
starts on the railway", "Presidents break ground on the line") and what is to come in the bare
infinitive ("Kazakhstan to start building ..."). In body text the same present is as often a
plan as a fact ("work starts in October"), so statuses.py reads nothing from it; in a headline
(the article's first line, with no closing full stop) it is the news itself. The stage is still
read from the tense, so it is marked implied. Only an opening of the infrastructure itself (a
head noun follows) and a start of works count; "opens talks", "launches a tender" do not.
"""

from __future__ import annotations

import re

from . import statuses
from .fields import Value

_HEAD = r"(?:pipeline|railway|rail\s+line|railroad|line|port|terminal|link|highway|road)"
#: "X open(s) a gas pipeline", "X launch(es) the dry port", "X put(s) ... into service".
OPENS = re.compile(
    rf"\b(?:open|opens|inaugurate|inaugurates|launch|launches|commission|commissions)\s+"
    rf"(?!(?:construction|building|works?|talks|bids?|tenders?|negotiations)\b)"
    rf"(?:[\w“”\"'’–-]+\s+){{0,6}}?{_HEAD}s?\b"
    rf"|\b(?:put|puts)\s+(?:[\w“”\"'’–-]+\s+){{0,8}}?into\s+(?:service|operation)\b",
    re.I,
)
#: "Work starts on X", "X starts building", "Presidents break ground on X".
STARTS = re.compile(
    # "Work starts on X", "Construction of the X railway begins", "as work on X begins"
    r"\b(?:work|works|construction|building)(?:\s+(?:of|on)\s+[^.;:]{0,80}?)?\s+(?:starts|begins|"
    r"kicks\s+off|gets\s+under\s*way)\b"
    r"|\b(?:starts|begins|start|begin|launch|launches)\s+(?:building|constructing|construction|"
    r"work)\b|\b(?:break|breaks)\s+ground\b",
    re.I,
)


def is_headline(sentence: str, index: int) -> bool:
    """The article's first line, set as a headline: no closing full stop."""
    return index == 0 and not sentence.rstrip().endswith((".", "!", "?", ":"))


def headline_stages(sentence: str) -> list[Value]:
    """Operating or under construction, told by a headline's present tense (not its "to" or
    "will", a time to come)."""
    for pattern, stage in ((OPENS, "operating"), (STARTS, "under_construction")):
        m = pattern.search(sentence)
        if m is None or statuses.mood(sentence, m.start(), m.end()):
            continue
        if re.search(r"\bto\s+$", sentence[: m.start()]):
            continue  # "Kazakhstan to open the line": a headline's future
        why = f"a headline's present tense ({m.group()!r}): what has just happened"
        return [Value("status", stage, at=m.start(), reason=why, hints={"implied": why})]
    return []
