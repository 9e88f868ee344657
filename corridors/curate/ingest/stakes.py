"""Who holds which share: the split of a venture among its holders, as reporting words it.

A share is read as a stake where a word of ownership says so ("holds a 49% stake") and, beyond
that, where the holder is the subject of a verb of taking or holding right before the percent
("China takes 51%", "Beijing gets 51 percent of the shares"). Reporting gives a split in one
sentence, naming the verb once: "A takes 51%, and B and C 24.5% each", "A will hold 51%, while B
and C will each hold 24.5%", "in these shares: A - 51%, B and C - 24.5% each". The holders of a
later share are the names right before it, split one stake each where "each", "apiece" or
"respectively" says so.

A share put up for costs ("puts up 51% of the construction costs", "provides 51% of the
funding") is a share of the money, which curators record apart, if at all: no verb here reads it.
"""

from __future__ import annotations

import re

#: A name of a holder: capitalised words, with "of" and "and" between them.
NAMES = r"[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|of|and))*"
#: A verb of holding or taking a share, right before the percent it governs ("takes 51%",
#: "will each hold a 24.5%", "has 24.5% apiece").
HOLD_VERB = re.compile(
    r"\b(?:(?:will|would|is\s+to|are\s+to)\s+)?(?:(?:each|both|also|now|then|respectively)\s+)?"
    r"(?:hold|holds|held|own|owns|take|takes|get|gets|receive|receives|have|has|control|controls|"
    r"retain|retains|keep|keeps)\s+(?:(?:a|an|the|about|some|around|respectively|each)\s+)?$"
)
#: What a percent taken or had is of, when it is no share held: trade, traffic, a market.
_OF_FLOW = re.compile(
    r"^\s*(?:of\s+(?:the\s+|all\s+|its\s+|their\s+|[A-Z][\w’'-]*(?:’s|'s)\s+)?(?:[a-z-]+\s+){0,2}"
    r"(?:trade|exports?|imports?|traffic|market|cargo|freight|volumes?|flows?|transit|supplies|"
    r"gas|oil|demand|consumption|costs?|funding|financing|money|sum|budget))\b"
)
#: A later share of a split, its verb said once before: ", and B and C 24.5% each", "; B -
#: 24.5%", "while B will each hold 24.5%", ", B the remaining 40%".
_GAPPED = re.compile(
    rf"(?:[,;:]|\bwhile|\bwhereas|\band)\s+(?:and\s+)?(?:the\s+)?(?P<names>{NAMES})\s*"
    rf"(?:(?:will\s+)?(?:each|both)\s+)?(?:[-–—:]\s*)?"
    # "..., B the remaining 40%", "and B the other 49%"
    r"(?:the\s+(?:remaining|other|rest\s+of\s+the)\s+|the\s+rest,?\s+)?$"
)
#: After a share: it is each holder's, not theirs together.
_EACH_AFTER = re.compile(r"^\s*(?:each|apiece|respectively|a\s+piece)\b", re.I)
_EACH_BEFORE = re.compile(r"\b(?:each|both|respectively)\s+(?:\w+\s+){0,2}$", re.I)


def _split(names: str) -> list[str]:
    return [n.strip() for n in re.split(r",\s*(?:and\s+)?|\s+and\s+", names) if n.strip()]


def held(sentence: str, at: int, end: int) -> bool:
    """Is the percent at [at, end) governed by a verb of holding or taking, with a holder named
    before it, and not a share of a flow or of the money ("takes 40% of the traffic")?"""
    verb = HOLD_VERB.search(sentence[:at])
    if verb is None or _OF_FLOW.match(sentence[end:]):
        return False
    return re.search(rf"(?<![\w’']){NAMES}\s*,?\s*$", sentence[: verb.start()]) is not None


def gapped(sentence: str, at: int, end: int, earlier: bool) -> list[str]:
    """The holders of a later share of a split ("..., and B and C 24.5% each"): the names right
    before the percent, one stake each where the sentence says each; [] when the percent is no
    such share or no share came ``earlier`` in the sentence."""
    if not earlier:
        return []
    m = _GAPPED.search(sentence[:at])
    if m is None or _OF_FLOW.match(sentence[end:]):
        return []
    names = re.sub(r"^The\s+", "", m.group("names")).strip()
    if _EACH_AFTER.match(sentence[end:]) or _EACH_BEFORE.search(sentence[:at]):
        return _split(names)
    return [names]


def each(holders: list[str], sentence: str, at: int, end: int) -> list[str]:
    """Holders named together ("B and C") hold one stake each where "each", "apiece" or
    "respectively" follows the share or comes before it."""
    if len(holders) != 1 or " and " not in holders[0]:
        return holders
    if _EACH_AFTER.match(sentence[end:]) or _EACH_BEFORE.search(sentence[:at]):
        return _split(holders[0])
    return holders
