"""Figures listed after a list of lines, one each: "Lines A and B opened in 2009 and 2010".

Reporting often names some lines of a system together and then gives one figure per line, in the
same order ("Lines A and B have been working since 2009 and 2010"). Neither date is the system's,
and neither is both lines': each belongs to its own line, the first to the first and so on. They
are paired only when the counts agree and the figures are of one field, after the list in its
clause; any other figure said of the lines together ("move 28 bcm between them") stays theirs, no
one line's and not the system's.

A line set beside others ("Line C will be laid alongside Lines A and B") says which lines the system
has: all of them; a list with a part of its own among them ("once Lines A, B, C and D are
finished", Line D a part) says the system's lines are the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from .fields import Value
from .known import System, listed_lines
from .mention import Mention
from .scopes import clause_of
from .sentences import Sentence


def _line_lists(
    here: list[Mention], by_id: dict[str, System]
) -> Iterator[tuple[Mention, System, list[str]]]:
    """The mentions that list some lines of a known system ("Lines A and B"), with that system
    and the letters: what each reading of such a list starts from."""
    for m in here:
        parent = by_id.get(m.parent)
        if m.how == "some" and parent is not None:
            yield m, parent, listed_lines(m.phrase)


def paired(
    here: list[Mention], values: list[Value], sent: Sentence, by_id: dict[str, System]
) -> list[tuple[Mention, Value]]:
    """Each line of a list of some lines ("some") with the figure in its place, or none."""
    out: list[tuple[Mention, Value]] = []
    for m, parent, letters in _line_lists(here, by_id):
        after = m.end - sent.start
        a, b = clause_of(sent.text, after)
        in_clause = [v for v in values if after <= v.at < b and a <= v.at]
        fields = {v.field for v in in_clause if v.field not in ("lines", "status")}
        if len(fields) != 1:
            continue
        field = fields.pop()
        figures = [v for v in in_clause if v.field == field]
        features = [parent.features.get(f"Line {x}", "") for x in letters]
        if len(figures) != len(letters) or not all(features):
            continue
        for letter, feature, value in zip(letters, features, figures, strict=True):
            line = replace(
                m,
                system=parent.id,
                feature=feature,
                kind=next(iter(parent.kinds), ""),
                confidence=0.8,
                reason=f"{m.phrase!r} then one figure each, in order: this one is Line {letter}'s",
            )
            out.append((line, value))
    return out


#: "laid alongside Lines A and B", "parallel to the existing Line A and Line B": the lines a new
#: line is set beside.
ALONGSIDE = re.compile(
    r"\b(?:alongside|parallel\s+to|beside|next\s+to|in\s+addition\s+to)\s+(?:the\s+)?"
    r"(?:existing\s+)?(?P<old>[Ll]ines?\s+[A-Z](?:(?:\s*,\s*|\s+and\s+)(?:[Ll]ine\s+)?[A-Z]\b)*)"
)


def lines_beside(
    here: list[Mention], sent: Sentence, by_id: dict[str, System]
) -> list[tuple[Mention, Value]]:
    """ "Line C is to be laid alongside Lines A and B": the system's lines are A, B and C, all
    drawn; the new line's own figures stay its own. Nothing when a letter is not drawn."""
    m = ALONGSIDE.search(sent.text)
    if m is None:
        return []
    for mention in here:
        system = by_id.get(mention.system or "")
        if system is None or not mention.feature or mention.start >= sent.start + m.start():
            continue  # a line named in the list itself is what the new one is set beside
        labels = {feature: label for label, feature in system.features.items()}
        new = labels.get(mention.feature, "")
        old = re.findall(r"\b[A-Z]\b", m.group("old").replace("Line", ""))
        letters = sorted({*old, new[5:]}) if new.startswith("Line ") else []
        if not letters or not all(f"Line {x}" in system.features for x in letters):
            continue
        whole = replace(mention, feature="", confidence=0.8, reason=f"{m.group()!r} and {new}")
        why = f"{new} set {m.group()!r}: the system's lines are all three"
        return [(whole, Value("lines", ";".join(letters), at=m.start(), reason=why))]
    return []


def lines_with_parts(here: list[Mention], by_id: dict[str, System]) -> list[tuple[Mention, Value]]:
    """ "Lines A, B, C and D" where Line D is a part of its own (a row of corridors.csv): the
    system's lines are the others, two or more; what the clause says of the list stays theirs."""
    out: list[tuple[Mention, Value]] = []
    for m, parent, letters in _line_lists(here, by_id):
        parts = {s.label for s in by_id.values() if s.part_of == parent.id}
        own = [x for x in letters if f"Line {x}" not in parts]
        if len(own) < 2 or len(own) == len(letters):
            continue
        left = ", ".join(f"Line {x}" for x in letters if x not in own)
        why = f"{m.phrase!r} with {left}, a part of its own: {parent.id}'s lines are the rest"
        whole = replace(m, system=parent.id, kind=next(iter(parent.kinds), ""), confidence=0.7,
                        reason=why, how="lines")  # fmt: skip
        out.append((whole, Value("lines", ";".join(own), at=m.start, reason=repr(m.phrase))))
    return out


#: "is laid as two parallel lines, A and B", "consists of two lines, A and B": the lines the whole
#: is made of, as the report has it (an older report gives fewer lines than are drawn today).
_MADE_OF = re.compile(
    r"\b(?:consists?\s+of|comprises?|is\s+(?:laid|built|made\s+up)\s+(?:as|of)|is\s+made\s+of)\s+"
    r"(?:the\s+)?$"
)


def lines_made_of(
    here: list[Mention], sent: Sentence, by_id: dict[str, System]
) -> list[tuple[Mention, Value]]:
    """ "It is laid as two parallel lines, A and B": the system's lines as the report gives them,
    even fewer than are drawn now (a report from before Line C); said of the whole, not of some
    lines beside others."""
    out: list[tuple[Mention, Value]] = []
    for m, parent, letters in _line_lists(here, by_id):
        if not _MADE_OF.search(sent.text[: m.start - sent.start]):
            continue
        parts = {s.label for s in by_id.values() if s.part_of == parent.id}
        if len(letters) < 2 or any(f"Line {x}" in parts for x in letters):
            continue
        why = f"the whole is made of {m.phrase!r}, as the report has it"
        whole = replace(m, system=parent.id, kind=next(iter(parent.kinds), ""), confidence=0.6,
                        reason=why, how="lines")  # fmt: skip
        out.append((whole, Value("lines", ";".join(letters), at=m.start, reason=repr(m.phrase))))
    return out


def lines_of_whole(value: Value, target: Mention, by_id: dict[str, System]) -> Mention:
    """ "After Lines A, B and C, Line D is one more artery": lines named in passing in a sentence
    about a part are its whole's lines when the part's own letter is not among them (convention
    8: the list does not depend on what the sentence is about)."""
    system = by_id.get(target.system or "")
    if value.field != "lines" or system is None or not system.part_of:
        return target
    own = (system.label or "").split()[-1:] or [""]
    if own[0] in value.value.split(";") or system.part_of not in by_id:
        return target
    return replace(target, system=system.part_of, feature="", parent="")
