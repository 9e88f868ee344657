"""The third pass: which system each sentence is about, read as a reader reads, not sentence by
sentence.

An article has a topic (the system its headline or first paragraphs name) and so has each
paragraph (the system it last named). A sentence that names a system is about it. A sentence that
points back ("the project", "the line", "the pipeline", "the dry port", "it") is about the system
last named of that kind, in this paragraph or before; one with no system named and nothing else
named either is about its paragraph's topic, else the article's. Each such sentence carries a
lower confidence, and its reason says which mention it leans on.

A label ("Line D", "Phase 2") is read against the system being read about: a drawn feature of it
(the gas pipeline's Line C is the feature cacgp-line-c), a part of it that corridors.csv lists
(``part_of``), or else a part not yet listed: "mentioned, not mapped", with its parent named and
the row a curator would add. A sentence about a part is not about its parent: its figures are the
part's own, never a disagreement with the whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from .known import System
from .labels import NEW_PART, ordinal_label, parent_for, resolve
from .mention import Mention
from .neighbours import opening_neighbour
from .owners import demonstrated, on_the_way, opening_other, other_named, other_subject
from .parts import elsewhere
from .sentences import Sentence

#: Said of an article topic named only after the opening: it gives a trip's time, length and
#: countries (what such stories tell), nothing else (propose.py reads it).
LATE_TOPIC = "; the article names it only after its opening, the one system it names"
#: Words pointing back at a system: "the project", "this railway", "the new line".
ANAPHORA = re.compile(
    r"\b(?:this|the|that)\s+(?:(?:new|planned|proposed|future|whole|entire|existing)\s+)?"
    # "that 1,500-km pipeline": a glued length between
    r"(?:[\d.,]+[-\s]?(?:km|kilometre|kilometer|mile)s?(?:-long)?\s+)?"
    r"(?P<head>project|link|railway|railroad|rail line|line|pipeline|pipe|port|waterless port|"
    r"dry port|land port|inland port|corridor|route|scheme|facility|terminal|hub|branch|artery|network|gateway|system)"
    r"(?:’s|'s)?\b"
    # "the railway systems of A, B and C", "the pipeline companies": a noun before another, of
    # many things, not the one in topic
    r"(?!\s+(?:systems|networks|companies|administrations|operators|authorities)\b)",
    re.IGNORECASE,
)
#: "It should handle ...", "Its capacity ...": the sentence's subject is the topic.
PRONOUN = re.compile(
    r"^(?:It|Its)\b|^(?:Once|When|If|After|Now)\b[^,.;]{0,40},\s+(?:it|its)\b"
    # "Of its 1,000 km, 410 km lie in Tajikistan": a split of the topic's own length
    r"|^(?:Of|Out\s+of)\s+its\b"
    # "Across Kyrgyzstan it will run ...": a place set before the subject
    r"|^(?:In|Across|Through|On|Inside|Within|From)\s+[^,.;]{1,60}?,?\s+(?:it|its)\b"
    # "Made up of 55 wagons, it left ...": an opening phrase, then "it" as the subject
    r"|^[A-Z][^,.;]{0,80},\s+it\s+(?!is\s+(?:said|thought|hoped|expected)\b)"
)
#: Heads that can point back to a system of any kind; the others only to their own kind.
_KIND_OF = {
    "railway": "railway",
    "railroad": "railway",
    "rail line": "railway",
    "pipeline": "pipeline",
    "pipe": "pipeline",
    "port": "port",
    "waterless port": "port",
    "dry port": "port",
    "land port": "port",
    "inland port": "port",
    "terminal": "port",
    "hub": "port",
    "facility": "port",
    "gateway": "port",
    "corridor": "corridor",
}
#: Heads that name an inland port: they point back to a system named as one, never to a seaport.
_DRY_HEADS = {"dry port", "land port", "inland port", "waterless port"}
_DRY_NAME = re.compile(r"\b(?:dry|land|inland|waterless)\s+port\b", re.I)
#: Heads that name a line or route: never a new facility read just before ("the route").
_LINEAR_HEADS = {"link", "railway", "railroad", "rail line", "line", "pipeline", "pipe", "corridor"}
_LINEAR_HEADS |= {"route", "branch", "artery", "network", "system"}
#: Mentions that are about something else than a known system: the sentence inherits no topic.
_ELSEWHERE = {"unmapped", "route"}
#: Adjectives that make "the line" a new one: "the new line", "the planned pipeline".
_NEWLY = re.compile(r"\b(?:new|planned|proposed|future)\b", re.I)
#: Heads that name a system as a whole, never one of its lines: "the system", "the network".
_WHOLE_HEADS = {"system", "network"}
#: Heads that stay with what is being read about even as a whole: "the whole project" after Line
#: D is Line D's project, not the pipeline.
_OWN_HEADS = {"project", "scheme"}
#: How much of its root's confidence a mention that leans on it keeps.
BACK = 0.7
TOPIC = 0.6
ARTICLE_TOPIC = 0.5

#: A sentence opening on a new facility ("A new container terminal at the port ...", "An
#: additional yard ..."): its subject is that new thing, even where it names the system it serves,
#: so "it" in the next sentence is the facility, and its capacity or date is not the system's.
NEW_FACILITY = re.compile(
    r"^(?:A|An)\s+(?:(?:new|second|third|further|additional|extra|planned|proposed|modern)\s+)+"
    r"(?:[\w-]+\s+){0,2}?(?:terminal|yard|berth|depot|hub|warehouse|station|facility|plant|"
    r"quay|pier|port|logistics\s+cent(?:re|er))s?\b"
)
#: A sentence opening on another named system no row lists ("The North-South corridor, whose
#: eastern branch ..."): it and the sentences leaning on it are about that system, not the topic.
OTHER_NAMED = re.compile(
    r"^(?:The\s+)?(?!The\b)(?:[A-Z][\w’'-]*[\s-]+){1,4}?(?:corridor|highway|motorway|"
    r"canal)\b(?!\s+(?:is|was|are|were|has|had|forms?|makes?)\s+(?:one|part|a\s+link)\b)"
)


def _unlisted(si: int, sent: Sentence, match: re.Match, why: str) -> Mention:
    """The subject of a sentence about a thing no row lists (a new part, a new facility, another
    corridor): what "it" and the paragraph point to next, so none of it goes to a known system."""
    start, end = sent.start + match.start(), sent.start + match.end()
    return Mention(si, start, end, match.group(), None, "", 0.0, why, False, how="new")


def _facility(m: Mention) -> bool:
    """Is this (or what it points back to) a new facility no row lists?"""
    return m.system is None and NEW_FACILITY.match(m.root or m.phrase) is not None


class Discourse:
    """Sentences read in order, remembering what was named: the state topics and labels need."""

    def __init__(self, sents: list[Sentence], known: list[System], countries: set[str]):
        self.sents = sents
        self.countries = countries
        self.by_id = {s.id: s for s in known}
        self.known = known
        self.subjects: list[Mention] = []  # the subject of each sentence read so far, in order
        self.seen: list[Mention] = []  # every system or part named so far, in order
        self.article: Mention | None = None
        self.others: list[Mention] = []  # other named infrastructure, for "that pipeline"

    def read(self, mentions: list[Mention]) -> list[Mention]:
        """Every mention, labels resolved, and a mention for each sentence that only leans on
        what came before (how 'back' or 'topic')."""
        out: list[Mention] = []
        self.article = self._article_topic(mentions)
        for si, sent in enumerate(self.sents):
            here = [
                self._label(m, mentions) if m.how == "label" else m
                for m in mentions
                if m.sentence == si
            ]
            here = [m for m in here if m is not None]
            about = [m for m in here if m.system or m.how == "part"]
            new = NEW_PART.search(sent.text)
            labelled = any(m.how in ("part", "lines", "some") or m.feature for m in here)
            label = (
                self._ordinal_label(sent, new, mentions)
                if new is not None and not labelled
                else None
            )
            if label is not None:  # "a fourth branch" of a system with Lines A, B and C: Line D
                here.append(label)
                about = [label]
            if self._opens_on_unlisted(si, sent, here, about, None if about else new, label):
                out += here
                continue
            others = [m for m in here if other_named(m, sent) and not self._waypoint(sent, m)]
            if all(m.how == "company" for m in about):
                # none, or only a company named after a port ("... Port Company will buy 24.5%
                # of the dry port"): what the sentence points back to is what it is about; "the
                # port" of the company's own kind is the company's port ("Chairman of X Port
                # Group, spoke of the port's role")
                companies = [m for m in about if m.how == "company"]
                self.seen += companies
                leaning = self._lean(si, sent, here)
                del self.seen[len(self.seen) - len(companies) :]
                if leaning is not None:
                    here.append(leaning)
                    about = [leaning, *about]
            else:
                subject = self._back_before(si, sent, about)
                if subject is not None:
                    here.append(subject)
                    about = [subject, *about]
            here, about = self._elsewhere(sent, here, about, mentions)
            out += here
            first = opening_other(sent, others, about)
            # another thing named is what "the pipeline" next means when it is the subject, or
            # when no known system is in the sentence ("Kazakhstan is building the X railway");
            # named beside a system that is the subject, "the pipeline" stays with the system
            named = others if (first is not None or not about) else []
            self.seen += sorted(about + named, key=lambda m: m.start)
            self.others += others
            if first is not None:
                self.subjects.append(first)  # "It" and the paragraph now mean that other thing
            elif others and not about:
                # "Kazakhstan is widening the X pipeline.": another thing named alone; what
                # follows naming nothing may be about it or the topic: two in play, no one's
                self.subjects.append(others[0])
            elif about:
                labelled = [m for m in about if m.how == "part" or m.feature]
                self.subjects.append((labelled or about)[0])
        return out

    def _opens_on_unlisted(
        self,
        si: int,
        sent: Sentence,
        here: list[Mention],
        about: list[Mention],
        new: re.Match | None,
        label: Mention | None,
    ) -> bool:
        """A sentence whose subject is a thing no row lists: a new facility ("A new container
        terminal ..."), a new part ("a fourth line"), another named corridor. That thing becomes
        what "it" and the paragraph point to next; True when the sentence was one."""
        facility = NEW_FACILITY.match(sent.text) if new is None and label is None else None
        if facility is not None:
            why = "a new facility no row lists, the subject of its sentence"
            self.subjects.append(_unlisted(si, sent, facility, why))
            self.seen += sorted(about, key=lambda m: m.start)  # still named: "the route"
            return True
        if new is not None:
            # "A fourth line is planned. It would be 1,000 km long.": neither sentence is
            # about the whole; "it" and the paragraph now point to the unnamed new part
            why = "a new part no row lists and the article does not name"
            self.subjects.append(_unlisted(si, sent, new, why))
            return True
        other = OTHER_NAMED.match(sent.text)
        why = "another system no row lists, the subject of its sentence"
        if other is None:  # "The Khorgos SEZ covers ...": a zone, centre or crossing beside it
            other = opening_neighbour(sent)
            why = "a zone, centre or crossing beside a facility, the subject of its sentence"
            a, b = (sent.start + other.start(), sent.start + other.end()) if other else (0, 0)
            here = [m for m in here if not (a <= m.start and m.end <= b)]
        if other is None or any(m.system and m.start < sent.start + other.end() for m in here):
            return False  # none, or a known system's own name ("the Middle Corridor")
        self.subjects.append(_unlisted(si, sent, other, why))
        return True

    def _elsewhere(
        self, sent: Sentence, here: list[Mention], about: list[Mention], mentions: list[Mention]
    ) -> tuple[list[Mention], list[Mention]]:
        """A whole system put in a country none of its lines cross is its next line (parts.py),
        read as that label is, listed or not."""
        swap = elsewhere(sent.text, about, self.by_id, self.countries)
        lines = {k: self._label(probe, mentions) for k, (probe, _) in swap.items()}
        lines = {k: replace(v, phrase=swap[k][1]) for k, v in lines.items() if v is not None}
        if not lines:
            return here, about
        return [lines.get(id(m), m) for m in here], [lines.get(id(m), m) for m in about]

    def _article_topic(self, mentions: list[Mention]) -> Mention | None:
        """The system the headline or the first paragraphs name first (a label read by the kind
        its head noun gives: "Line D gas pipeline"); None when they name none."""
        early = [m for m in mentions if self.sents[m.sentence].line <= 3]
        for m in early:
            if m.how == "label":
                resolved = self._label(m, mentions)
                if resolved is not None and (resolved.system or resolved.how == "part"):
                    return resolved
            elif m.system and m.how in ("name", "fuzzy"):
                return m
        return self._only_system(mentions)

    def _only_system(self, mentions: list[Mention]) -> Mention | None:
        """An article whose opening names no system but which names one system (or its parts)
        by name and no other: a trip or a shipment told first, the route it took named later
        ("... covered 8,693 km in 12 days. It took the Middle Corridor."). That one system is
        its topic; with two in play, none is."""
        named = [m for m in mentions if m.system and m.how in ("name", "fuzzy")]
        families = {self._family(m.system) for m in named}
        if len(families) != 1 or any(m.how == "unmapped" for m in mentions):
            return None  # two systems, or a port or line of its own the article may be about
        return replace(named[0], reason=named[0].reason + LATE_TOPIC)

    def _parent_for(self, label: Mention, mentions: list[Mention]) -> System | None:
        """The system a label belongs to (labels.py)."""
        return parent_for(label, mentions, self.known, self.by_id, self.subjects)

    def _label(self, m: Mention, mentions: list[Mention]) -> Mention | None:
        """ "Line C" as the feature it names, "Line D" as the part it is (labels.py)."""
        parent = self._parent_for(m, mentions)
        return None if parent is None else resolve(m, parent, self.known)

    def _lean(self, si: int, sent: Sentence, here: list[Mention]) -> Mention | None:
        """The mention of a sentence that names no system: pointing back, or its topic."""
        back = ANAPHORA.search(sent.text)
        pronoun = PRONOUN.match(sent.text)
        if back is not None and pronoun is not None and pronoun.end() <= back.start():
            back = None  # "Once built, it will lift the capacity of the whole network": it
        if back is not None or pronoun is not None:
            head = back.group("head").lower() if back is not None else ""
            root = self._last(_KIND_OF.get(head), head)
            if root is not None and _facility(root) and head in _LINEAR_HEADS:
                # "A new terminal ... The route itself ...": a facility is no route or line
                root = next((m for m in reversed(self.subjects) if not _facility(m)), None)
            if back is not None and re.match(r"(?i)th(?:at|is)\b", back.group()):
                root = demonstrated(
                    self.others, _KIND_OF.get(head), root
                )  # "that pipeline": the one just named
            if back is not None and _NEWLY.search(back.group()) and head in _LINEAR_HEADS:
                root = self._newest_part() or root  # "the new line" after Line D: Line D
            whole = back is not None and re.search(r"\b(?:whole|entire)\b", back.group(), re.I)
            if (
                root is not None
                and back is not None
                and ((whole and head not in _OWN_HEADS) or head in _WHOLE_HEADS)
            ):
                root = self._whole(root)  # "the whole system" after "Line C": the system itself
            if root is None:
                return None
            match = back or pronoun
            return self._leaning(si, sent, root, match, BACK, "points back to")  # type: ignore[arg-type]
        if any(m.how in _ELSEWHERE and not self._waypoint(sent, m) for m in here):
            return None  # about another thing (a highway, a route): not the topic
        if other_subject(sent, here, self.countries):
            return None  # "Kazakhstan's railways carried ...", "Urumqi intends to send ..."
        in_paragraph = [m for m in self.subjects if self.sents[m.sentence].line == sent.line]
        if in_paragraph:
            return self._leaning(si, sent, in_paragraph[-1], None, TOPIC, "paragraph")
        topic = self._article_now()
        if topic is not None:
            leaning = self._leaning(si, sent, topic, None, ARTICLE_TOPIC, "article")
            return replace(leaning, how="article")
        return None

    def _article_now(self) -> Mention | None:
        """What a paragraph that names nothing is about: the article's topic, or the part of it
        the article went on to (a report headlined on the pipeline, then on its Line D: "The
        Tajik section alone needs 42 tunnels" is Line D's). When the last subject read is another
        system altogether, two are in play and the paragraph's figures are no one's."""
        last = self.subjects[-1] if self.subjects else None
        if self.article is None or last is None or not (last.system or last.parent):
            return self.article
        home = self._family(self.article.system or self.article.parent)
        if self._family(last.system or last.parent) != home:
            named = {self._family(m.system or m.parent) for m in self.seen}
            also = {self._family(m.system) for m in self.seen if m.sentence == last.sentence}
            # the article's topic named beside it: still the article's; else two in play
            return self.article if home in also or home not in named else None
        system = self.by_id.get(last.system or "")
        is_part = last.how == "part" or (system is not None and bool(system.part_of))
        return last if is_part else self.article

    def _ordinal_label(
        self, sent: Sentence, new: re.Match, mentions: list[Mention]
    ) -> Mention | None:
        """ "a fourth branch" of a system with Lines A, B and C: its Line D (labels.py)."""
        si = self.sents.index(sent)
        return ordinal_label(si, sent, new, lambda p: self._parent_for(p, mentions), self.known)

    def _newest_part(self) -> Mention | None:
        """The part last named (Line D, a listed part, "a fourth line"): what "the new line"
        means once one is in play, rather than the whole system with its existing lines."""
        for m in reversed(self.seen + self.subjects):
            system = self.by_id.get(m.system or "")
            if m.how == "part" or (system is not None and system.part_of):
                return m
            if m.how == "new" and NEW_PART.search(m.phrase):
                return m
        return None

    def _back_before(self, si: int, sent: Sentence, about: list[Mention]) -> Mention | None:
        """ "The minister described the railway as ... joining the Trans-Caspian corridor": a
        pointer back set before every system the sentence names is what it is about; the system
        named later is what it is linked to, not the topic the next sentence points back to."""
        back = ANAPHORA.search(sent.text)
        if back is None or any(m.how == "part" or m.feature for m in about):
            return None
        first = min(m.start for m in about)
        if sent.start + back.end() > first:
            return None
        if re.fullmatch(r"\s+of\s+(?:the\s+)?[\"“]?", sent.text[back.end() : first - sent.start]):
            return None  # "the dry port of Khorgos Gateway": the name says which it is
        head = back.group("head").lower()
        root = self._last(_KIND_OF.get(head), head)
        if root is None or not root.system:
            return None
        family = {self._family(m.system) for m in about}
        if self._family(root.system) in family:
            return None  # "the pipeline's three lines, A, B and C": the same system, or its part
        return self._leaning(si, sent, root, back, BACK, "points back to")

    def _family(self, ident: str | None) -> str:
        """The whole system a system or part belongs to."""
        system = self.by_id.get(ident or "")
        return (system.part_of or system.id) if system is not None else ""

    def _whole(self, root: Mention) -> Mention | None:
        """The whole system a line, a part or the system itself belongs to."""
        ident = root.system or root.parent
        system = self.by_id.get(ident or "")
        if system is None:
            return None
        whole = self.by_id.get(system.part_of, system)
        return replace(
            root, system=whole.id, kind=next(iter(whole.kinds), ""), feature="", parent=""
        )

    def _waypoint(self, sent: Sentence, m: Mention) -> bool:
        """A thing named as where a trip starts, ends or passes ("from Xi'an to the Georgian port
        of Poti") is a place on the way, not what the sentence is about."""
        return on_the_way(self.sents[m.sentence].text[: m.start - sent.start], m.kind)

    def _dry(self, m: Mention) -> bool:
        """Whether the system mentioned is named as an inland port ("Khorgos dry port")."""
        system = self.by_id.get(m.system or "")
        return system is not None and any(_DRY_NAME.search(n) for n, _ in system.names)

    def _last(self, kind: str | None, head: str = "") -> Mention | None:
        """What "it" points back to: the last sentence's subject; what "the corridor" points back
        to: the last system of that kind named, even where it was not its sentence's subject
        ("Khorgos is part of the Middle Corridor. Freight on the corridor ..."), except in an
        article about a railway or pipeline, where a corridor named only in passing ("the
        railway will make the Middle Corridor work better. Work on the corridor ...") is not it."""
        if kind is None:
            return self.subjects[-1] if self.subjects else None
        for m in reversed(self.seen):
            if head in _DRY_HEADS and not self._dry(m):
                continue  # "the dry port" after a seaport and a dry port: the dry port
            if m.kind == kind or kind in self._kinds(m):
                if kind == "corridor" and not any(m is x for x in self.subjects):
                    topic = self._linear_topic()
                    if topic is not None:
                        return topic  # a railway's reporting calls it "the corridor" too
                return m
        return None

    def _linear_topic(self) -> Mention | None:
        """The article's topic when it is a line (a railway, a pipeline): what "the corridor"
        means in an article about it, unless a corridor was itself a sentence's subject."""
        topic = self.article
        if topic is None or not ({"railway", "pipeline"} & self._kinds(topic)):
            return None
        return topic

    def _kinds(self, m: Mention) -> set[str]:
        ident = m.system or m.parent
        system = self.by_id.get(ident or "")
        return system.kinds if system is not None else set()

    def _leaning(
        self, si: int, sent: Sentence, root: Mention, match: re.Match | None, keep: float, how: str
    ) -> Mention:
        """A mention of ``root``'s system for a sentence that leans on it."""
        base = root.root or root.phrase
        conf = (root.root_confidence or root.confidence) * keep
        ago = si - root.sentence
        if match is not None:
            start, end, phrase = sent.start + match.start(), sent.start + match.end(), match.group()
            why = f"{phrase!r} {how} {root.system or root.parent} ({root.phrase!r}, {ago} "
            why += "sentence(s) before" + (
                f", which points back to {base!r})" if root.root else ")"
            )
            kind = "back"
        else:
            start = end = sent.start
            phrase = ""
            why = (
                f"no system named in this sentence: it is read as about the {how}'s topic, "
                f"{root.system or root.parent} ({base!r}, {ago} sentence(s) before)"
            )
            kind = "topic"
        if LATE_TOPIC in root.reason:
            why += LATE_TOPIC  # what it may give stays a trip's (propose.py)
        return Mention(
            si,
            start,
            end,
            phrase,
            root.system,
            root.kind,
            round(conf, 2),
            why,
            False,
            base,
            root.root_confidence or root.confidence,
            kind,
            root.feature,
            root.parent,
        )


def read(
    sents: list[Sentence],
    mentions: list[Mention],
    known: list[System],
    countries: Iterable[str] = (),
) -> list[Mention]:
    """Every mention of the article, with labels resolved and the topic of each sentence that
    names no system; see the module's docstring."""
    return Discourse(sents, known, set(countries)).read(mentions)
