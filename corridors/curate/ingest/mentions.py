"""The second pass: what each sentence names, sentence by sentence.

Found in this order, a span once taken never read again: the names of known systems and their
acronyms, exactly (case, dashes folded); named infrastructure matched fuzzily (rapidfuzz) against
each system's names, places and distinctive name words, where the kind agrees; organisations
("Uzbekistan Railways", "the national railway company", "CNPC"), which are sources and operators,
never infrastructure; labels of lines and phases ("Line D"), which the next pass (discourse)
gives to the system being read about; a system described by its kind and two of its places; and
infrastructure no system matches ("mentioned, not mapped").

Which system a sentence without a name is about is the next pass's question (discourse.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .components import initials_of_parts, region_alias, within
from .definite import by_kind
from .known import (
    HEAD_RE,
    HEADS,
    LETTER_LABEL,
    LINE_LIST,
    PART_LABEL,
    System,
    fold,
    head_kind,
    name_base,
    orig_span,
)
from .mention import Mention
from .names import (
    FACILITY_KINDS,
    INVERTED,
    at_place,
    country_described,
    defined_initials,
    elsewhere,
    foreign_countries,
    fuzzy_best,
    inverted,
    new_line_of,
    place_handled,
    places_in,
    section_elsewhere,
)
from .organisations import ORGANISATION, named_after
from .scopes import country_of
from .sentences import Sentence
from .shapes import DETERMINER, GENERIC_HEADS, MODIFIER_RE, OWNER, PHRASE, QUOTES


class _Reader:
    """The mentions of one sentence, found pass by pass; a span once taken is not read again."""

    def __init__(self, si: int, sent: Sentence, known: list[System], countries: set[str]):
        self.si, self.sent, self.known, self.countries = si, sent, known, countries
        self.folded = fold(sent.text)
        self.taken: list[tuple[int, int]] = []  # spans of self.folded
        self.found: list[Mention] = []
        self.inline: dict[str, System] = {}  # initials inside a name: "... (CKU) railway"
        self.part_initials: dict[str, System] = {}  # "(BTK)" after a line of a mapped system

    def free(self, a: int, b: int) -> bool:
        return not any(x < b and a < y for x, y in self.taken)

    def fold_span(self, start: int, end: int) -> tuple[int, int]:
        text = self.sent.text
        return len(fold(text[:start])), len(fold(text[:end]))

    def add(self, start: int, end: int, **kw) -> None:
        """A mention at [start, end) of the sentence; its span is taken."""
        self.taken.append(self.fold_span(start, end))
        s = self.sent
        phrase = QUOTES.sub("", s.text[start:end])  # a name set in quotes is that name
        self.found.append(Mention(self.si, s.start + start, s.start + end, phrase, **kw))

    def names(self) -> None:
        """Names and accepted aliases, exactly (case, dashes folded), the longest first (the
        most specific name a sentence gives wins over a name inside it; a place said after a name,
        "... in Kyrgyzstan", adds nothing to it); then labelled
        features, and acronyms as written."""
        every = [(name, why, system) for system in self.known for name, why in system.names]
        for name, why, system in sorted(every, key=lambda n: -len(fold(name_base(n[0])))):
            pattern = rf"(?<!\w){re.escape(fold(name))}(?!\w)"
            for m in re.finditer(pattern, self.folded):
                if not self.free(m.start(), m.end()):
                    continue
                start, end = orig_span(self.sent.text, m.start(), m.end())
                if elsewhere(system, self.sent.text[end:], self.countries):
                    continue  # "North–South Highway in Tajikistan" is another highway
                if self._company(start, end, system):
                    continue
                kind = head_kind(name) or next(iter(system.kinds), "")
                conf = 1.0 if "corridors.csv" in why and "spelling" not in why else 0.95
                self._section_elsewhere(start, end, system, kind)
                self.add(
                    start,
                    end,
                    system=system.id,
                    kind=kind,
                    confidence=conf,
                    reason=f"names it as {name!r} ({why})",
                    named=True,
                )
        for system in self.known:
            for label, feature in system.features.items():
                if PART_LABEL.fullmatch(label):
                    continue  # "Line C" is read against the system in topic (discourse)
                pattern = rf"(?<!\w){re.escape(fold(label))}(?!\w)"
                head = re.match(r"(?s)(.+?)\s+railway$", fold(label))
                if head:  # "the Baku–Tbilisi–Kars line", "... railroad": the railway's own name
                    pattern = (
                        rf"(?<!\w){re.escape(head.group(1))}\s+(?:railway(?:\s+line)?|railroad|"
                        rf"rail\s+(?:line|link|road)|line)(?!\w)"
                    )
                for m in re.finditer(pattern, self.folded, re.I):
                    if self.free(m.start(), m.end()):
                        start, end = orig_span(self.sent.text, m.start(), m.end())
                        self.add(
                            start,
                            end,
                            system=system.id,
                            kind=next(iter(system.kinds), ""),
                            confidence=0.95,
                            reason=f"names its drawn feature {feature}",
                            named=False,
                            feature=feature,
                        )
            for short in system.acronyms:
                for m in re.finditer(rf"\b{re.escape(short)}\b", self.sent.text):
                    if self._company(m.start(), m.end(), system):
                        continue
                    if self.free(*self.fold_span(m.start(), m.end())):
                        self.add(
                            m.start(),
                            m.end(),
                            system=system.id,
                            kind=next(iter(system.kinds), ""),
                            confidence=0.9,
                            reason=f"{short!r}, the initials of its name",
                            named=True,
                            how="name",
                        )

    def _company(self, start: int, end: int, system: System) -> bool:
        """ "Middle Corridor Multimodal Ltd", "the TITR Association": a company or body named
        after the system, taken as an organisation; True when it was one."""
        more = named_after(self.sent.text[end:])
        if more and self.free(*self.fold_span(start, end + more)):
            self.add(
                start,
                end + more,
                system=None,
                kind="organisation",
                confidence=0.0,
                reason=f"an organisation named after {system.id}, not the system",
                named=False,
                how="organisation",
            )
        return bool(more)

    def inverted(self) -> None:
        """A name after its head: "the gas pipeline Central Asia – China" (names.inverted)."""
        for found in INVERTED.finditer(self.sent.text):
            if self.free(*self.fold_span(found.start(), found.end())):
                read = inverted(found, self.known)
                if read is not None:
                    kind, conf, system, why = read
                    self.add(found.start(), found.end(), system=system.id, kind=kind,
                             confidence=conf, reason=why, named=True, how="fuzzy")  # fmt: skip

    def defined(self, acronyms: dict[str, System]) -> None:
        """Initials the article gave a system in brackets after its name, wherever they stand."""
        for short, system in acronyms.items():
            for m in re.finditer(rf"\b{re.escape(short)}\b", self.sent.text):
                if self.free(*self.fold_span(m.start(), m.end())):
                    why = f"{short!r}, the initials the article gives it after its name"
                    self.add(m.start(), m.end(), system=system.id, kind=min(system.kinds),
                             confidence=0.9, reason=why, named=True)  # fmt: skip

    def definitions(self) -> dict[str, System]:
        """ "Central Asia-China Gas Pipeline (CAGP)": initials in brackets right after a name this
        sentence gave a system, by which the article may name it from then on. The bracket is
        taken as part of that name here, no second mention of the system."""
        by_id = {s.id: s for s in self.known}
        out = dict(self.inline)
        for m in list(self.found):
            if m.system not in by_id or m.how not in ("name", "fuzzy"):
                continue
            at = m.end - self.sent.start
            short, end = defined_initials(self.sent.text[at:])
            if short and short not in {a for s in self.known for a in s.acronyms}:
                out[short] = by_id[m.system]
                self.taken.append(self.fold_span(at, at + end))
        return out

    def _section_elsewhere(self, start: int, end: int, system: System, kind: str) -> None:
        """ "the Tajik section of <name>" where none of its lines cross Tajikistan: the section
        is of a new line (names.section_elsewhere), read as that label is, with its parent."""
        text = self.sent.text
        label = section_elsewhere(
            text[:start],
            system,
            lambda w: country_of(w, self.countries | set(system.countries)),
            text[end:],
        )
        if not label:
            return
        self.found.append(
            Mention(
                self.si, self.sent.start + start, self.sent.start + end, label, None, kind, 0.0,
                f"a section in a country none of {system.id}'s lines cross: of a new line, read "
                f"as {label} (the next letter)", True, how="label", parent=system.id,
                route="",
            )
        )  # fmt: skip

    def organisations(self) -> None:
        """Organisations: taken, so that no pass reads them as infrastructure."""
        for m in ORGANISATION.finditer(self.sent.text):
            if self.free(*self.fold_span(m.start(), m.end())):
                self.add(
                    m.start(),
                    m.end(),
                    system=None,
                    kind="organisation",
                    confidence=0.0,
                    reason="an organisation (a source or operator), not infrastructure",
                    named=False,
                    how="organisation",
                )

    def labels(self) -> None:
        """Labels of lines and phases: "Line D", "Phase 2" (of whatever system is being read
        about), and "Lines A, B and C" (the lines a system has); the next pass says whose."""
        for m in LINE_LIST.finditer(self.sent.text):
            if self.free(*self.fold_span(m.start(), m.end())):
                self.add(m.start(), m.end(), system=None, kind="", confidence=0.0, reason="",
                         named=False, how="label")  # fmt: skip
        labels = [*PART_LABEL.finditer(self.sent.text), *LETTER_LABEL.finditer(self.sent.text)]
        for m in sorted(labels, key=lambda m: m.start()):
            if not self.free(*self.fold_span(m.start(), m.end())):
                continue
            after = self.sent.text[m.end() :]
            head = re.match(rf"\s+(?:(?:{MODIFIER_RE})\s+)*({HEAD_RE})\b", after, re.I)
            kind = HEADS[head.group(1).lower()] if head else ""
            self.add(m.start(), m.end(), system=None, kind=kind, confidence=0.0, reason="",
                     named=True, how="label")  # fmt: skip

    def phrases(self) -> None:
        """Named infrastructure, matched fuzzily (kind first), else mentioned, not mapped."""
        for m in PHRASE.finditer(self.sent.text):
            self._phrase(m)

    def _name_part(self, m: re.Match) -> tuple[str, int]:
        """The name words of a phrase and where the phrase starts, without a determiner ("The
        waterless port"), a company's possessive that an organisation's name took ("PetroChina's
        Central Asia gas pipeline") or a title's capitalised modifier ("Dry Port")."""
        name_part, start = (m.group("name") or "").strip(), m.start()
        lead = DETERMINER.match(name_part)
        owner = OWNER.match(name_part[lead.end() if lead else 0 :])
        if owner and (owner.end() == len(name_part) or self.free(*self.fold_span(start, m.end()))):
            owner = None  # an owner is cut only where an organisation's name took it
        cut = (lead.end() if lead else 0) + (owner.end() if owner else 0)
        name_part, start = name_part[cut:], start + cut
        start += len(self.sent.text[start:]) - len(self.sent.text[start:].lstrip())
        modifiers = rf"(?:^|\s+)(?i:{MODIFIER_RE})(?:\s+(?i:{MODIFIER_RE}))*$"
        return re.sub(modifiers, "", name_part), start

    def _phrase(self, m: re.Match) -> None:
        head = m.group("head").lower()
        kind = HEADS.get(head, "")
        name_part, start = self._name_part(m)
        if not self.free(*self.fold_span(start, m.end())):
            return
        candidates = [
            s for s in self.known if not elsewhere(s, self.sent.text[m.end() :], self.countries)
        ]
        tail = m.group("tail") or ""
        at = None if tail else at_place(self.sent.text[m.end() :], kind, candidates)
        if not name_part and not tail and at is None:
            return
        end = m.end() + (at[0] if at else 0)
        phrase = self.sent.text[start:end].strip()
        if m.group("initials"):  # read as the name without them, and remembered
            phrase = " ".join(phrase.replace(f"({m.group('initials')})", " ").split())
        tokens = re.split(r"[\s\-–—]+", name_part + " " + tail) + (at[1] if at else [])
        tokens = [t for t in tokens if t[:1].isupper() and t.lower() != "of"]
        candidates = [s for s in candidates if not foreign_countries(name_part, s, self.countries)]
        best = fuzzy_best(phrase, kind, tokens, candidates)
        if best is None and name_part and not tail:
            best = region_alias(name_part, kind, candidates)
        organisation = bool(tail) and "of" not in tail.split()
        if best is None and not at and not tail and self._country_only(start, m, kind, name_part):
            return  # "Kazakhstan's dry port": a description, never another thing, not mapped
        if best is None and at is not None and head in GENERIC_HEADS:
            # "the China-Europe route via the Caspian": a way named by its ends, and by the
            # place or word of a known route's name it goes through, is that route
            best = (0.7, at[2], f"a {head} through {' '.join(at[1])}, a place on it or a word "
                    f"of its name")  # fmt: skip
        if best is not None and m.group("initials") and not organisation:
            self.inline[m.group("initials")] = best[1]
        if best is not None:
            why = best[2] + ("; an organisation named after it" if organisation else "")
            self.add(
                start,
                end,
                system=best[1].id,
                kind=kind,
                confidence=round(best[0], 2),
                reason=why,
                named=not organisation,
                # "Jiangsu Lianyungang Port Company": a company, which the figures beside it
                # (its stake in another port) are not about; its officers still speak for it
                how="company" if organisation else "fuzzy",
            )
        elif organisation:
            self.add(start, m.end(), system=None, kind="organisation", confidence=0.0,
                     reason="an organisation", named=False, how="organisation")  # fmt: skip
        else:
            self._not_known(m, start, kind, name_part, phrase)

    def _not_known(self, m: re.Match, start: int, kind: str, name_part: str, phrase: str) -> None:
        """A phrase no known system matches: a way named by its ends, a new line of a system,
        a description by its owner, or infrastructure mentioned, not mapped."""
        head = m.group("head").lower()
        if head in GENERIC_HEADS:
            # "the Central Asia route", "the China–Europe corridor": a way, not a thing to map
            self.add(start, m.end(), system=None, kind=kind, confidence=0.0,
                     reason="a route named by its ends", named=False, how="route")  # fmt: skip
        elif (line := new_line_of(name_part, kind, self.known, self.countries)) is not None:
            self.add(
                start,
                m.end(),
                system=None,
                kind=kind,
                confidence=0.0,
                reason=f"{phrase!r} crosses countries none of {line[0].id}'s lines cross, from "
                f"and to its ends: a new line of it, read as {line[1]} (the next letter)",
                named=True,
                how="label",
                parent=line[0].id,
                route=name_part,
            )
            self.found[-1].phrase = line[1]
        elif re.search(r"(?:’s|'s|-bound)\s*$", name_part):
            return  # "Europe's railways", "a China-bound pipeline": whose or where, no name
        elif not name_part and kind in (
            "railway",
            "pipeline",
            "corridor",
            "port",
            "tunnel",
            "bridge",
        ):
            return  # "a tunnel", "the port of X": a description, which discourse reads
        elif part := within(
            phrase if kind == "port" else name_part,
            kind,
            self.known,
            self.countries,
            self.part_initials,
            phrase,
        ):
            why = f"{phrase!r}: {part[1]}; a part of a mapped system, no new thing to map"
            self.add(start, m.end(), system=None, kind=kind, confidence=0.0, reason=why,
                     named=True, how="unmapped", within=part[0].id)  # fmt: skip
        else:
            kinds = sorted({k for s in self.known for k in s.kinds})
            self.add(
                start,
                m.end(),
                system=None,
                kind=kind,
                confidence=0.0,
                reason=f"mentioned, not mapped: no known system matches this "
                f"{kind or 'thing'} (known kinds: {', '.join(kinds)})",
                named=True,
                how="unmapped",
            )

    def _country_only(self, start: int, m: re.Match, kind: str, name_part: str) -> bool:
        """ "Kazakhstan's dry port", "the Kazakh railway": a description by country
        (names.country_described): the one facility it can be, else a country's own network (a
        way, not a thing to map: the sentence is not about the topic); True when it was one."""
        head = " ".join(f"{m.group('mod')} {m.group('head')}".lower().split())
        said, system = country_described(
            name_part, head, kind, self.known, lambda w: country_of(w, self.countries)
        )
        if system is not None:
            why = f"{m.group().strip()!r}: the one known {head} in {', '.join(system.countries)}"
            self.add(start, m.end(), system=system.id, kind=kind, confidence=0.6, reason=why,
                     named=False, how="described")  # fmt: skip
        elif said and kind not in FACILITY_KINDS:
            why = "a country's own network, not a system of the map"
            self.add(start, m.end(), system=None, kind=kind, confidence=0.0, reason=why,
                     named=False, how="route")  # fmt: skip
        return said

    def place_handled(self) -> None:
        """ "Khorgos handled 7,000 trains": the one facility at that place (names.place_handled)."""
        found = place_handled(self.sent.text, self.known)
        if found is not None and self.free(*self.fold_span(found[0], found[1])):
            start, end, system = found
            why = f"{self.sent.text[start:end]!r} handles freight: the {system.id} there"
            self.add(start, end, system=system.id, kind=min(system.kinds & FACILITY_KINDS),
                     confidence=0.7, reason=why, named=False, how="described")  # fmt: skip

    def described(self) -> None:
        """ "a ... railway that will link A and B via C": a kind and two of a system's places."""
        if any(mm.system for mm in self.found):
            return
        for m in re.finditer(rf"\b({HEAD_RE})s?\b", self.sent.text, re.I):
            head = m.group(1).lower()
            kind = HEADS[head]
            if head in GENERIC_HEADS or not self.free(*self.fold_span(m.start(), m.end())):
                continue  # the head of a phrase already read ("the A-B-C gas pipeline", unmapped)
            candidates = [
                (len(found), system, found)
                for system in self.known
                if kind in system.kinds
                and not system.part_of
                and len(found := places_in(self.sent.text, system)) >= 2
            ]
            if candidates:
                n, system, found = max(candidates, key=lambda c: c[0])
                self.add(
                    m.start(),
                    m.end(),
                    system=system.id,
                    kind=kind,
                    confidence=round(min(0.85, 0.5 + 0.1 * n), 2),
                    reason=f"names its kind ({kind}) and {', '.join(found)}: "
                    f"{n} of {system.id}'s places/countries",
                    named=False,
                    how="described",
                )
                return

    def by_kind(self, before: str, named: set[str]) -> None:
        """ "the dry port" in an article that gave Khorgos: the one facility of that kind there
        (definite.by_kind), when the article has not named it yet (else discourse reads it)."""
        found = by_kind(self.sent.text, before, self.known)
        if found is None or any(m.system == found[2].id for m in self.found):
            return
        start, end, system = found
        if self.free(*self.fold_span(start, end)):
            why = f"{self.sent.text[start:end]!r} in an article about its place: the {system.id}"
            self.add(start, end, system=system.id, kind=min(system.kinds & FACILITY_KINDS),
                     confidence=0.8, reason=why, named=False, how="described")  # fmt: skip

    def unnamed_on_a_route(self) -> None:
        """Unnamed infrastructure no system has (charging stations, a highway), with a route."""
        for m in re.finditer(rf"\b({HEAD_RE})\b", self.sent.text, re.I):
            kind = HEADS[m.group(1).lower()]
            if kind in ("railway", "pipeline", "corridor", "port", "tunnel", "bridge"):
                continue  # a tunnel or bridge is a structure of a line, counted, not mapped
            at = self.sent.start + m.start()
            if any(mm.start <= at < mm.end for mm in self.found):
                continue
            if not re.search(r"\bfrom\s+[A-Z]\w+.*?\bto\s+(?:the\s+)?[A-Z]", self.sent.text):
                continue
            self.add(
                m.start(),
                m.end(),
                system=None,
                kind=kind,
                confidence=0.0,
                reason=f"mentioned, not mapped: {m.group(1)} on a route no known system covers",
                named=False,
                how="unmapped",
            )


def find_mentions(
    text: str, sents: list[Sentence], known: list[System], countries: Iterable[str] = ()
) -> list[Mention]:
    """Every mention the sentences make by name, label, description, or as an organisation."""
    country_set = set(countries)
    out: list[Mention] = []
    acronyms: dict[str, System] = {}  # initials the article defines: "(CAGP)" after a name
    part_initials = initials_of_parts(text, known, country_set)
    for si, sent in enumerate(sents):
        reader = _Reader(si, sent, known, country_set)
        reader.part_initials = part_initials
        reader.names()
        reader.defined(acronyms)
        reader.organisations()
        reader.labels()
        reader.inverted()
        reader.phrases()
        acronyms.update(reader.definitions())
        reader.defined(acronyms)
        reader.place_handled()
        reader.described()
        reader.by_kind(text[: sent.start], {m.system for m in out if m.system})
        reader.unnamed_on_a_route()
        out += sorted(reader.found, key=lambda m: m.start)
    only_mentioned = {system.id for system in known if not system.mapped}
    for m in out:
        if m.system in only_mentioned:
            m.reason += f"; {m.system} is only mentioned (mapped 'no' in corridors.csv), not drawn"
    return out
