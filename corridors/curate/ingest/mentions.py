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
from dataclasses import dataclass

from .known import (
    HEAD_RE,
    HEADS,
    LETTER_LABEL,
    LINE_LIST,
    MODIFIERS,
    PART_LABEL,
    System,
    fold,
    head_kind,
)
from .names import distinctive, foreign_countries, fuzzy_best, new_line_of, section_elsewhere
from .scopes import country_of
from .sentences import Sentence

_NAME_TOKEN = r"(?:[A-Z](?:[\w’']|\.(?=\w))*|[a-z]+-[A-Z][\w’']*)(?:[-–—][A-Za-z][\w’']*)*"
_MODIFIER_RE = "|".join(MODIFIERS)
#: Words after a head that make the phrase an organisation: "... Railways Company", "... Group".
_ORG_TAIL = r"Holdings|Company|Group|Corporation|Corp|JSC|LLC|Ltd|Administration|Authority|Agency"
#: A piece of infrastructure in the text: optional name tokens, optional modifiers, a head noun.
PHRASE = re.compile(
    rf"(?P<name>(?:{_NAME_TOKEN}\s+)*{_NAME_TOKEN}\s+)?"
    rf"(?P<mod>(?:(?i:{_MODIFIER_RE})\s+)*)"
    rf"(?P<head>\b(?i:{HEAD_RE})\b)(?!\s+Initiative)"
    rf"(?P<tail>\s+(?:of(?=\s+(?:the\s+)?[A-Z])|{_ORG_TAIL})\b(?:\s+the(?=\s+[A-Z]))?"
    rf"(?:\s+{_NAME_TOKEN})*)?",
)
#: "Lines A, B and C": the lines of a system, listed.
#: Heads that name no particular thing: "the Central Asia route" may point back to a railway.
GENERIC_HEADS = {"route", "corridor"}
#: Organisations named without a head noun of infrastructure, or by what they are.
ORGANISATION = re.compile(
    r"\b(?:the\s+)?(?:(?:state|national|Kazakh|Uzbek|Kyrgyz|Chinese|Turkmen|Azerbaijani|Georgian)"
    r"\s+)?(?:railway|rail|transport|gas|oil|energy|pipeline|port|logistics)\s+"
    r"(?:company|companies|holding|operator|operators|monopoly|corporation|group|administration|"
    r"authority|agency|firm|giant|ministry)\b"
    r"|\b(?:CNPC|KTZ|KTZE|ADY|UTY|PetroChina|Sinopec|KazTransGas|QazaqGaz|Uzbekneftegaz|"
    r"Turkmengaz|KazMunayGas|COSCO|DP World)\b"
    r"|\b(?:Ministry|Ministries|Minister)\s+of\b[^,.;]*"
    r"|\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+(?:Railways|Temir\s+Zho?l[uy]|Temir\s+Yo[l']+ari|"
    r"Railroads)\b(?:\s+(?:CJSC|JSC|Company|Corporation|Express))?"
    # "China Railway International", "China Railway", "Kazakhstan Railway Company": a capital R
    # after a single country's name is a company, not a line
    r"|\b(?:China|Kazakhstan|Kyrgyzstan|Uzbekistan|Azerbaijan|Georgia|Turkey|Russia|Tajikistan|"
    r"Turkmenistan|Kyrgyz|Uzbek|Kazakh)\s+Railway\b(?:\s+(?:International|Corporation|"
    r"Construction|Group|Express|Company|Engineering))*"
    # "the Kyrgyz and Uzbek railways", "the national railways": each country's railway company
    r"|\b(?:(?:Kazakh|Uzbek|Kyrgyz|Chinese|Turkmen|Azerbaijani|Georgian|Tajik|Turkish|national|"
    r"state)\s+(?:and\s+|,\s*)?)+railways\b"
    # strategies and initiatives are no infrastructure either
    r"|\b(?:(?:New|Beijing['’]s(?:\s+New)?)\s+)?Silk\s+Road(?:\s+Economic\s+Belt)?\b"
    r"|\b(?:Eurasian\s+)?Land\s+Bridge\b|\bBelt\s+and\s+Road\b",
)


#: Kinds of a thing at one place, which a country's name alone can single out ("Kazakhstan's
#: dry port"); a line named by a country ("Uzbekistan's railway") is as likely its network.
FACILITY_KINDS = {"port", "airport", "power plant", "bridge", "tunnel"}
#: Initials in brackets right after a name: "(CAGP)", "(TITR, Middle Corridor)".
DEFINED = re.compile(r"^\s*\(\s*(?P<short>[A-Z][A-Z0-9]{1,6})\s*[,;)]")
#: Companies' initials, which a bracket after a system's name gives its operator, not it.
ORGANISATION_INITIALS = {"CNPC", "KTZ", "KTZE", "ADY", "UTY", "GR", "BRI", "SEZ"}
_CHAIN_TOKEN = r"[A-Z][\w’']*(?:\s+[A-Z][\w’']*)?"
#: "the gas pipeline Central Asia – China": a head, then a name of places joined by dashes.
INVERTED = re.compile(
    rf"\b(?P<head>(?i:{HEAD_RE}))(?:\s+line)?\s+"
    rf"(?P<chain>{_CHAIN_TOKEN}(?:\s*[-–—]\s*{_CHAIN_TOKEN})+)"
)


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


def orig_span(text: str, f_start: int, f_end: int) -> tuple[int, int]:
    """Map a span of fold(text) back to text.

    Each end is where the folded length of a growing prefix of the text first reaches it. Folding
    does not only shrink (spaces, dash spacing): casefold can lengthen a character ('ß' -> 'ss'),
    and an end inside such a character takes the whole character. All this relies on is that
    folding a longer prefix never gives a shorter result.
    """
    start = end = None
    for i in range(len(text) + 1):
        n = len(fold(text[:i]))
        if start is None and n > f_start:
            start = i - 1
        if n >= f_end:
            end = i
            break
    return (start or 0), (end if end is not None else len(text))


def places_in(text: str, system: System) -> list[str]:
    found = []
    for item in system.places + system.name_words + system.countries:
        if re.search(rf"\b{re.escape(item)}\b", text):
            found.append(item)
    # "Caspian" (a word of a name) inside "Caspian Sea" (a place) is one place, not two
    return list(dict.fromkeys(f for f in found if not any(f != g and f in g for g in found)))


_IN_PLACE = re.compile(r"^\s+in\s+(?:the\s+)?(?P<where>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)")


def elsewhere(system: System, after: str, countries: set[str]) -> str | None:
    """The place named right after a mention ("... in Tajikistan") when the system is not there.

    A country the map knows that the system does not run through is somewhere else; for a system
    whose curated name carries its place ("North–South Highway in Kyrgyzstan") any other place is.
    """
    where = _IN_PLACE.match(after)
    if not where:
        return None
    if not system.localised and all(distinctive(n) for n, _ in system.names):
        return None  # "Line D of the Central Asia–China gas pipeline in Tajikistan": a part's place
    place = where.group("where")
    if place in system.countries + system.places + system.name_words:
        return None
    if (place in countries and system.countries) or system.localised:
        return place
    return None


#: "the dry port at Khorgos", "the dry port in the Khorgos-Eastern Gate zone": a place after
#: the head, where the name would stand before it.
_AT_PLACE = re.compile(
    rf"^\s+(?i:at|in|near|on|via|across|through)\s+(?:(?i:the)\s+)?"
    rf"(?P<place>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,4}})"
)


def at_place(after: str, kind: str, known: list[System]) -> tuple[int, list[str], System] | None:
    """The place after a head ("... at Khorgos", "... via the Caspian") when it is a place or a
    word of the name of a known system of that kind: (where it ends in ``after``, its words, the
    system); None otherwise (a country or another place says where, not which: "the railway in
    Kyrgyzstan")."""
    m = _AT_PLACE.match(after)
    if m is None:
        return None
    words = [w for w in re.split(r"[\s\-–—]+", m.group("place")) if w[:1].isupper()]
    for system in known:
        if kind in system.kinds and not system.part_of:
            pool = set(system.places + system.name_words)
            if any(w in pool for w in words):
                return m.end(), words, system
    return None


_DETERMINER = re.compile(r"^(?:The|This|That|These|Those|A|An|Another|Its|Their)\b\s*")


class _Reader:
    """The mentions of one sentence, found pass by pass; a span once taken is not read again."""

    def __init__(self, si: int, sent: Sentence, known: list[System], countries: set[str]):
        self.si, self.sent, self.known, self.countries = si, sent, known, countries
        self.folded = fold(sent.text)
        self.taken: list[tuple[int, int]] = []  # spans of self.folded
        self.found: list[Mention] = []

    def free(self, a: int, b: int) -> bool:
        return not any(x < b and a < y for x, y in self.taken)

    def fold_span(self, start: int, end: int) -> tuple[int, int]:
        text = self.sent.text
        return len(fold(text[:start])), len(fold(text[:end]))

    def add(self, start: int, end: int, **kw) -> None:
        """A mention at [start, end) of the sentence; its span is taken."""
        self.taken.append(self.fold_span(start, end))
        s = self.sent
        self.found.append(Mention(self.si, s.start + start, s.start + end, s.text[start:end], **kw))

    def names(self) -> None:
        """Names and accepted aliases, exactly (case, dashes folded); acronyms as written."""
        for system in self.known:
            for name, why in system.names:
                pattern = rf"(?<!\w){re.escape(fold(name))}(?!\w)"
                for m in re.finditer(pattern, self.folded):
                    if not self.free(m.start(), m.end()):
                        continue
                    start, end = orig_span(self.sent.text, m.start(), m.end())
                    if elsewhere(system, self.sent.text[end:], self.countries):
                        continue  # "North–South Highway in Tajikistan" is another highway
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
            for label, feature in system.features.items():
                if PART_LABEL.fullmatch(label):
                    continue  # "Line C" is read against the system in topic (discourse)
                pattern = rf"(?<!\w){re.escape(fold(label))}(?!\w)"
                for m in re.finditer(pattern, self.folded):
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

    def inverted(self) -> None:
        """A name written after its head, as Russian and Chinese word order has it: "the gas
        pipeline Central Asia – China", "the railway China-Kyrgyzstan-Uzbekistan": read as
        "Central Asia – China gas pipeline", exactly or fuzzily, kind first."""
        for m in INVERTED.finditer(self.sent.text):
            if not self.free(*self.fold_span(m.start(), m.end())):
                continue
            kind = HEADS[m.group("head").lower()]
            name = f"{m.group('chain')} {m.group('head')}"
            tokens = [t for t in re.split(r"[\s\-–—]+", m.group("chain")) if t[:1].isupper()]
            best = fuzzy_best(name, kind, tokens, self.known)
            if best is None:
                continue
            conf, system, why = best
            self.add(
                m.start(),
                m.end(),
                system=system.id,
                kind=kind,
                confidence=round(conf, 2),
                reason=f"its name after its head, read as {name!r}: {why}",
                named=True,
                how="fuzzy",
            )

    def defined(self, acronyms: dict[str, str]) -> None:
        """Initials the article gave a system in brackets after its name, wherever they stand."""
        for short, ident in acronyms.items():
            for m in re.finditer(rf"\b{re.escape(short)}\b", self.sent.text):
                if self.free(*self.fold_span(m.start(), m.end())):
                    self.add(
                        m.start(),
                        m.end(),
                        system=ident,
                        kind=next(
                            (k for s in self.known if s.id == ident for k in sorted(s.kinds)), ""
                        ),
                        confidence=0.9,
                        reason=f"{short!r}, the initials the article gives it after its name",
                        named=True,
                    )

    def definitions(self) -> dict[str, str]:
        """ "Central Asia-China Gas Pipeline (CAGP)": initials in brackets right after a name this
        sentence gave a system, by which the article may name it from then on."""
        out = {}
        for mention in self.found:
            if mention.system is None or mention.how not in ("name", "fuzzy"):
                continue
            after = self.sent.text[mention.end - self.sent.start :]
            m = DEFINED.match(after)
            if m and m.group("short") not in ORGANISATION_INITIALS:
                out[m.group("short")] = mention.system
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
                self.add(
                    m.start(),
                    m.end(),
                    system=None,
                    kind="",
                    confidence=0.0,
                    reason="",
                    named=False,
                    how="label",
                )
        labels = [*PART_LABEL.finditer(self.sent.text), *LETTER_LABEL.finditer(self.sent.text)]
        for m in sorted(labels, key=lambda m: m.start()):
            if not self.free(*self.fold_span(m.start(), m.end())):
                continue
            after = self.sent.text[m.end() :]
            head = re.match(rf"\s+(?:(?:{_MODIFIER_RE})\s+)*({HEAD_RE})\b", after, re.I)
            kind = HEADS[head.group(1).lower()] if head else ""
            self.add(
                m.start(),
                m.end(),
                system=None,
                kind=kind,
                confidence=0.0,
                reason="",
                named=True,
                how="label",
            )

    def phrases(self) -> None:
        """Named infrastructure, matched fuzzily (kind first), else mentioned, not mapped."""
        for m in PHRASE.finditer(self.sent.text):
            self._phrase(m)

    def _phrase(self, m: re.Match) -> None:
        head = m.group("head").lower()
        kind = HEADS.get(head, "")
        name_part = (m.group("name") or "").strip()
        phrase, start = m.group().strip(), m.start()
        lead = _DETERMINER.match(name_part)
        if lead:  # "The waterless port": a determiner, not a name
            name_part, phrase, start = (
                name_part[lead.end() :],
                phrase[lead.end() :],
                start + lead.end(),
            )
        start += len(self.sent.text[start:]) - len(self.sent.text[start:].lstrip())
        # "Dry Port", "Gas Pipeline" in a title: capitals make no name of a modifier
        name_part = re.sub(
            rf"(?:^|\s+)(?i:{_MODIFIER_RE})(?:\s+(?i:{_MODIFIER_RE}))*$", "", name_part
        )
        if not self.free(*self.fold_span(m.start(), m.end())):
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
        tokens = re.split(r"[\s\-–—]+", name_part + " " + tail) + (at[1] if at else [])
        tokens = [t for t in tokens if t[:1].isupper() and t.lower() != "of"]
        candidates = [s for s in candidates if not foreign_countries(name_part, s, self.countries)]
        best = fuzzy_best(phrase, kind, tokens, candidates)
        organisation = bool(tail) and "of" not in tail.split()
        if best is None and at is None and self._country_only(start, m, kind, name_part):
            return  # "Kazakhstan's dry port": a description, never another thing, not mapped
        if best is None and at is not None and head in GENERIC_HEADS:
            # "the China-Europe route via the Caspian": a way named by its ends, and by the
            # place or word of a known route's name it goes through, is that route
            best = (0.7, at[2], f"a {head} through {' '.join(at[1])}, a place on it or a word "
                    f"of its name")  # fmt: skip
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
                how="fuzzy",
            )
        elif organisation:
            self.add(
                start,
                m.end(),
                system=None,
                kind="organisation",
                confidence=0.0,
                reason="an organisation",
                named=False,
                how="organisation",
            )
        elif head in GENERIC_HEADS:
            # "the Central Asia route", "the China–Europe corridor": a way, not a thing to map
            self.add(
                start,
                m.end(),
                system=None,
                kind=kind,
                confidence=0.0,
                reason="a route named by its ends",
                named=False,
                how="route",
            )
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
        elif head.endswith("s") and re.search(r"(?:’s|'s)\s*$", name_part):
            return  # "Europe's railways": a network, no one thing
        elif name_part or kind not in ("railway", "pipeline", "corridor", "port"):
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
        """ "Kazakhstan's dry port", "the Kazakh pipeline": a thing described by its country, no
        name; never another system, never "mentioned, not mapped". A facility ("Kazakhstan's
        dry port") is the one known system of its kind in that country whose own name has the
        same head (read as described, less sure); a line ("Uzbekistan's railway") is as likely
        the country's network, and is left to the next pass. True when it was a description."""
        words = [re.sub(r"(?:’s|'s)$", "", w) for w in name_part.split()]
        places = [country_of(w, self.countries) for w in words]
        if not words or not all(places):
            return False
        head = m.group("head").lower()
        fits = [
            s
            for s in self.known
            if kind in s.kinds
            and kind in FACILITY_KINDS
            and not s.part_of
            and set(places) <= set(s.countries)
            and any(re.search(rf"\b{re.escape(head)}\b", n, re.I) for n, _ in s.names)
        ]
        if len(fits) == 1:
            self.add(
                start,
                m.end(),
                system=fits[0].id,
                kind=kind,
                confidence=0.6,
                reason=f"{m.group().strip()!r}: the one known {head} in {', '.join(places)}",
                named=False,
                how="described",
            )
        return True

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

    def unnamed_on_a_route(self) -> None:
        """Unnamed infrastructure no system has (charging stations, a highway), with a route."""
        for m in re.finditer(rf"\b({HEAD_RE})\b", self.sent.text, re.I):
            kind = HEADS[m.group(1).lower()]
            if kind in ("railway", "pipeline", "corridor", "port"):
                continue
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
    acronyms: dict[str, str] = {}  # initials the article defines: "(CAGP)" after a name
    for si, sent in enumerate(sents):
        reader = _Reader(si, sent, known, country_set)
        reader.names()
        reader.defined(acronyms)
        reader.organisations()
        reader.labels()
        reader.inverted()
        reader.phrases()
        acronyms.update(reader.definitions())
        reader.defined(acronyms)
        reader.described()
        reader.unnamed_on_a_route()
        out += sorted(reader.found, key=lambda m: m.start)
    only_mentioned = {system.id for system in known if not system.mapped}
    for m in out:
        if m.system in only_mentioned:
            m.reason += f"; {m.system} is only mentioned (mapped 'no' in corridors.csv), not drawn"
    return out
