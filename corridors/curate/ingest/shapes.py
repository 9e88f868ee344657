"""The shape of a named piece of infrastructure in a sentence: name words, modifiers, a head
noun and what may follow it ("... of the X", "... Company"), and the words before a name that are
no part of it (a determiner, an owner's possessive). Split from mentions.py, which reads them.
"""

from __future__ import annotations

import re

from .known import HEAD_RE, MODIFIERS
from .names import NAME_TOKEN
from .organisations import ORG_TAIL

MODIFIER_RE = "|".join(MODIFIERS)
#: A piece of infrastructure in the text: optional name tokens, optional modifiers, a head noun.
PHRASE = re.compile(
    rf"(?P<name>(?:{NAME_TOKEN}\s+)*{NAME_TOKEN}\s+)?"
    # "the China-Kyrgyzstan-Uzbekistan (CKU) railway": initials the name is given, before its head
    rf"(?:\((?P<initials>[A-Z][A-Z0-9]{{1,6}})\)\s+)?"
    rf"(?P<mod>(?:(?i:{MODIFIER_RE})\s+)*)"
    rf"(?P<head>\b(?i:{HEAD_RE})\b)(?!\s+Initiative)"
    rf"(?P<tail>\s+(?:of(?=\s+(?:the\s+)?[A-Z])|{ORG_TAIL})\b(?:\s+the(?=\s+[A-Z]))?"
    rf"(?:\s+{NAME_TOKEN})*)?",
)
#: Heads that name no particular thing: "the Central Asia route" may point back to a railway.
GENERIC_HEADS = {"route", "corridor"}


#: A company before a name: "PetroChina's ", "KTZ's " (whose it is, no part of the name).
OWNER = re.compile(r"^\S+(?:’s|'s)\s+")
QUOTES = re.compile(r'["«»„“”]')
DETERMINER = re.compile(r"^(?:The|This|That|These|Those|A|An|Another|Its|Their)\b\s*")
