"""Labels of lines and parts ("Line C", "Lines A and B", "Phase 2", "a fourth branch"), read
against the system being read about.

Split from discourse.py, which decides what that system is: here, given it, a label becomes the
drawn feature it names, a part corridors.csv lists, some of the system's lines, the whole system's
list of lines, or a part no row lists yet (with the id a curator would give it). The rules are
functions of the label, the known systems and what was read before, so the proposals pass
(propose.py) spells a part's id the same way without reaching into the reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from .known import LINE_LIST, System, listed_lines, normal_label
from .mention import Mention
from .sentences import Sentence


def _slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


def suggested_part(parent: str, label: str) -> str:
    """The corridors.csv id a curator would give a part: cacgp + "Line D" -> cacgp-line-d."""
    return f"{parent}-{_slug(label)}"


#: Ordinals of a part, as reporting spells them ("forth" is a common misspelling, "4th" a digit).
_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "forth": 4, "fifth": 5}
_ORDINALS |= {"2nd": 2, "3rd": 3, "4th": 4, "5th": 5}
_ORDINAL = "(?:" + "|".join(_ORDINALS) + ")"
#: A new, unnamed part of a system: "a fourth line", "a new branch", "an additional strand".
NEW_PART = re.compile(
    rf"\b(?:a|an)\s+(?:(?:new|{_ORDINAL}|additional|extra|further|parallel)\s+)+"
    r"(?:line|branch|strand|spur|string|pipeline|railway|track|section|stage|phase)\b"
    # "another branch of the corridor is taking shape": a further part, not the whole
    r"|\banother\s+(?:(?:new|parallel)\s+)?(?:line|branch|strand|spur|string|route|leg)\b"
    # "the pipe's third stage", "its second phase", "the network's fourth section": a later part,
    # not the whole (the first stage's opening is the system's own)
    rf"|\b(?:the|its|\w+(?:’s|'s))\s+{_ORDINAL}\s+(?:(?:gas|oil|rail)\s+)?"
    r"(?:line|branch|strand|string|stage|phase|section|pipeline)\b",
    re.I,
)


def some_lines(letters: list[str], features: dict[str, str] | list[str]) -> bool:
    """Do "Lines A and B" leave out a drawn line (Line C)? Then they are some of the system's
    lines, and their list is not the system's."""
    every = {f[5:] for f in features if re.fullmatch(r"Line [A-Z]", f)}
    return set(letters) < every


def parent_for(
    label: Mention,
    mentions: list[Mention],
    known: list[System],
    by_id: dict[str, System],
    subjects: list[Mention],
) -> System | None:
    """The system a label belongs to: named in its sentence, else being read about."""
    if label.parent in by_id:  # a new line named by the countries it crosses
        return by_id[label.parent]
    named = [m for m in mentions if m.sentence == label.sentence and m.system and m.how != "label"]
    for m in sorted(named, key=lambda m: abs(m.start - label.start)):
        system = by_id[m.system]  # type: ignore[index]
        return by_id.get(system.part_of, system)
    if label.kind:  # "Line D gas pipeline": the one whole system of that kind
        kinds = [s for s in known if label.kind in s.kinds and not s.part_of]
        if len(kinds) == 1:
            return kinds[0]
    if subjects:
        last = subjects[-1]
        ident = last.system or last.parent
        system = by_id.get(ident or "")
        if system is not None:
            return by_id.get(system.part_of, system)
    lined = [s for s in known if not s.part_of and any(k.startswith("Line ") for k in s.features)]
    return lined[0] if len(lined) == 1 else None  # the one system that has drawn lines


def resolve(m: Mention, parent: System, known: list[System]) -> Mention:
    """ "Line C" as the feature of ``parent`` it names, "Line D" as the part it is (listed or
    not)."""
    m = replace(m, phrase=normal_label(m.phrase))
    if LINE_LIST.fullmatch(m.phrase):  # "Lines A, B and C": the lines drawn are the whole
        letters = listed_lines(m.phrase)
        parts = {p.label.lower() for p in known if p.part_of == parent.id}
        drawn = all(f"Line {x}" in parent.features for x in letters)
        if any(f"line {x}".lower() in parts for x in letters) or (
            drawn and some_lines(letters, parent.features)
        ):
            # a listed part among them, or "Lines A and B" beside a drawn Line C: some lines,
            # not the whole; what the clause says of them is theirs, no one system's
            return replace(
                m,
                reason=f"{m.phrase!r}: some of {parent.id}'s lines, not the whole",
                named=False,
                how="some",
                parent=parent.id,
            )
        why = f"{m.phrase!r}: " + (
            f"every drawn line of {parent.id}, the whole system"
            if drawn
            else f"lines of {parent.id}, not its parts: the system itself"
        )
        return replace(
            m,
            system=parent.id,
            kind=next(iter(parent.kinds), ""),
            confidence=0.9 if drawn else 0.8,
            reason=why,
            named=False,
            how="lines",
        )
    if m.phrase in parent.features or m.phrase.title() in parent.features:
        feature = parent.features.get(m.phrase) or parent.features[m.phrase.title()]
        why = f"{m.phrase!r}: the drawn feature {feature} of {parent.id}"
        return replace(
            m,
            system=parent.id,
            kind=next(iter(parent.kinds), ""),
            confidence=0.9,
            reason=why,
            named=False,
            feature=feature,
        )
    for part in known:
        if part.part_of == parent.id and part.label.lower() == m.phrase.lower():
            why = f"{m.phrase!r}: {part.id}, a part of {parent.id} (corridors.csv part_of)"
            why = f"{m.reason}; {why}" if m.reason else why
            return replace(
                m,
                system=part.id,
                kind=next(iter(part.kinds), ""),
                confidence=0.7 if m.reason else 0.9,  # a letter inferred, not read
                reason=why,
                named=False,
                how="part",
            )
    ident = suggested_part(parent.id, m.phrase)
    why = (
        f"mentioned, not mapped: {m.phrase}, a part of {parent.id} that corridors.csv does not "
        f"list; to give it claims add the row {ident} (mapped no, part_of {parent.id}); its "
        f"figures are its own, never {parent.id}'s" + (f"; {m.reason}" if m.reason else "")
    )
    return replace(
        m,
        system=None,
        kind=next(iter(parent.kinds), ""),
        reason=why,
        named=True,
        how="part",
        parent=parent.id,
    )


def ordinal_label(
    si: int,
    sent: Sentence,
    new: re.Match,
    parent_of: Callable[[Mention], System | None],
    known: list[System],
) -> Mention | None:
    """ "a fourth branch", "the fourth string" of a system whose lines are lettered A, B and
    C: its Line D (the letter the ordinal counts to), read as that label is."""
    word = re.search(rf"\b({_ORDINAL})\b", new.group(), re.I)
    noun = re.search(r"\b(line|branch|string|strand|section|pipeline)\b", new.group(), re.I)
    if word is None or noun is None:
        return None  # "the third stage" is a stage of works, not a lettered line
    n = _ORDINALS[word.group(1).lower()]
    probe = Mention(
        si,
        sent.start + new.start(),
        sent.start + new.end(),
        new.group(),
        None,
        "",
        0.0,
        "",
        True,
        how="label",
    )
    parent = parent_of(probe)
    if parent is None:
        return None
    labels = set(parent.features) | {p.label for p in known if p.part_of == parent.id}
    if not all(f"Line {chr(65 + i)}" in labels for i in range(n - 1)):
        return None  # its lines are not lettered A, B, ... up to the one before
    drawn = f"Line {chr(64 + n)}" in parent.features
    if noun.group(1).lower() in ("section", "pipeline") and drawn:
        return None  # "the third section" of a system with a Line C: a stretch of works
    label = resolve(replace(probe, phrase=f"Line {chr(64 + n)}"), parent, known)
    why = f"{new.group()!r}: the {word.group(1).lower()} of {parent.id}'s lettered lines; "
    return replace(label, reason=why + label.reason)
