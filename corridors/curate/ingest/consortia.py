"""Members of a group named after a system: "... run by members of the Trans-Caspian International
Transport Consortium: A, B and C", "the companies of the X Association: A and B".

Route reporting names the companies that work a route through the consortium or association that
bears the route's name, often in a sentence that names no system at all. The group is no system
(convention 1: a company named after a system is no name of it), but its listed members are the
route's operators (convention 4: companies set up to run or work on the system). Only a group
whose name is the start of a known system's name (its own words, "International" and "Route"
aside) is read; any other group's members are that group's business.
"""

from __future__ import annotations

import re

from .fields import Value
from .known import System
from .mention import Mention
from .phrases import company_name
from .sentences import Sentence

MEMBERS = re.compile(
    r"\bmembers?\s+of\s+the\s+(?P<group>(?:[A-Z][\w’'-]*\s+){1,6}?)"
    r"(?:Consortium|Association|Alliance)\b[^:.;]{0,30}:\s*(?P<list>[^.;]+)"
)
_GENERIC = re.compile(r"^(?:the\s+)?(?:companies|company|firms?|operators?|carriers?)\s+", re.I)


def _named_after(group: str, known: list[System]) -> System | None:
    """The system whose name the group's name starts: "Trans-Caspian International Transport"
    of the "Trans-Caspian International Transport Route"."""
    words = group.split()
    if len(words) < 2:
        return None
    head = " ".join(words).casefold()
    for system in known:
        for name, _ in [(system.name, ""), *system.names]:
            if name.casefold().startswith(head + " "):
                return system
    return None


def _members(listed: str) -> list[str]:
    """'A, B LLC and C and D' -> A, B, C and D: the last comma's item splits at its first
    'and' only, since a member's own name may hold one ("GR Logistics and Terminals")."""
    items = [p.strip() for p in listed.split(",") if p.strip()]
    if items:
        last = re.split(r"\s+and\s+", re.sub(r"^and\s+", "", items.pop()), maxsplit=1)
        items += last
    names = [company_name(_GENERIC.sub("", i)) for i in items]
    return [n for n in names if n[:1].isupper()]


def operators(si: int, sent: Sentence, known: list[System]) -> list[tuple[Mention, Value]]:
    """The listed members of a group named after a system, each an operator of that system."""
    out = []
    for m in MEMBERS.finditer(sent.text):
        system = _named_after(m.group("group").strip(), known)
        if system is None:
            continue
        group = m.group("group").strip()
        mention = Mention(
            si,
            sent.start + m.start("group"),
            sent.start + m.start("group") + len(group),
            group,
            system.id,
            next(iter(sorted(system.kinds)), "corridor"),
            0.7,
            f"the group {group!r} bears its name",
            False,
            how="described",
        )
        why = f"a member of the {group!r} group, named after it, that works it"
        out += [(mention, Value("operator", n, at=m.start("list"), reason=why)) for n in
                _members(m.group("list"))]  # fmt: skip
    return out
