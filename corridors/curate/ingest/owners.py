"""Whose figure it is, when it is not the system read about: another named railway, pipeline or
port; a country's or a company's total; a figure in a clause about something else.

Reporting on a corridor cites a port's throughput, the national railway's total cargo, another
line being built, a country's gas imports. A sentence whose subject is such another thing says
nothing of the system in topic, even when it names no system at all; reading it as the topic's
("a sentence naming nothing inherits its topic") is the commonest way a right figure lands on
the wrong system. These rules say where a sentence's subject, or a figure's own clause, is
something else, so that discourse and propose give it to nothing.
"""

from __future__ import annotations

import re

from .known import System
from .mention import Mention
from .scopes import DEMONYMS
from .sentences import Sentence

#: Kinds of infrastructure another named thing can be: "that pipeline" after the Beineu-Shymkent
#: pipeline is that pipeline, not the system read about before it.
_OTHER_KINDS = {"railway", "pipeline", "port", "highway", "corridor"}


def other_named(m: Mention, sent: Sentence) -> bool:
    """Is this a named piece of infrastructure no row lists ("the Bakhty-Ayagoz railway", "the
    Baku port"), as opposed to a kind word the headline happens to capitalise ("Dry port
    volumes")? Its figures, and those of the sentences leaning on it, are its own."""
    if m.how != "unmapped" or m.kind not in _OTHER_KINDS:
        return False
    words = re.findall(r"[A-Z][\w’']*", m.phrase)
    at_start = m.start == sent.start or sent.text[: m.start - sent.start].strip() in ("The", "")
    return len(words) >= 2 or (len(words) == 1 and not at_start)


def opening_other(sent: Sentence, others: list[Mention], about: list[Mention]) -> Mention | None:
    """The other named thing a sentence is about: the one that opens it, before any known
    system ("The Bakhty-Ayagoz railway, which will join the Middle Corridor, ..."); named later
    ("it departed the Xi'an port station"), it is no subject."""
    if not others:
        return None
    opening = sent.text[: others[0].start - sent.start]
    spans = [m.start for m in about if m.start != m.end] or [sent.end]
    if others[0].start < min(spans) and len(opening.split()) <= 3 and "," not in opening:
        return others[0]
    return None


def demonstrated(others: list[Mention], kind: str | None, root: Mention | None) -> Mention | None:
    """ "that pipeline", "this railway": the thing of that kind named last, even another thing
    named in passing after the system in topic (``root``, what "the pipeline" would mean)."""
    latest = next((m for m in reversed(others) if m.kind == kind), None)
    if latest is not None and (root is None or latest.sentence > root.sentence):
        return latest
    return root


#: A trip's ends and the places it passes: "from Xi'an to the port of Poti", "via Aktau",
#: "reach the Port of Lianyungang".
_ON_THE_WAY = re.compile(
    r"\b(?:from|to|via|into|towards|reach|reaches|reached|reaching|bound\s+for|"
    r"arriv\w+\s+(?:at|in))\s+(?:the\s+)?$"
)
#: "at" or "through" a place: on the way for a line, but where a port's own figure is counted
#: ("handling at the Baku port", "cargo through the port of Aktau").
_AT = re.compile(r"\b(?:at|through)\s+(?:the\s+)?$")


def on_the_way(before: str, kind: str) -> bool:
    """Is a thing named right after ``before`` a place on the way (a trip's end, a place
    passed), not what the sentence is about? A port named after "at" or "through" is where its
    own cargo is counted, so it is what the sentence is about."""
    if _ON_THE_WAY.search(before):
        return True
    return kind != "port" and _AT.search(before) is not None


_DEMONYM = "|".join(DEMONYMS)
#: What a country, a region or a network has in total, not one system: "Kazakhstan's railways",
#: "China's gas imports", "the country's transit", "Turkmen gas exports".
_AGGREGATE = (
    r"(?:railways|rail\s+network|railway\s+network|network|transit|exports|imports|trade|"
    r"economy|ports|seaports|output|production|consumption|demand|supplies|purchases|"
    r"freight\s+traffic|cargo\s+turnover|turnover)"
)
_WHOLE_OF = (
    rf"(?:[A-Z][\w-]*(?:’s|'s)|the\s+(?:country|nation|region|republic)(?:’s|'s)|{_DEMONYM})"
)
_ADVERBIAL = r"(?:(?:In|By|Over|During|Last|This|So\s+far|Since)\b[^,]{0,40},\s+)?"
#: The verb that gives a total its figure: "... railways carried", "... imports reached".
_MEASURED = (
    r"(?:carried|handled|moved|shipped|reached|rose|grew|fell|dropped|declined|increased|"
    r"decreased|totall?ed|amounted|stood|exceeded|topped|hit|climbed|jumped|surged|doubled|"
    r"tripled|were|was|is|are|will\s+(?:reach|rise|grow|hit|top|exceed))"
)
AGGREGATE_SUBJECT = re.compile(
    rf"^{_ADVERBIAL}(?:The\s+|the\s+)?{_WHOLE_OF}\s+(?:[a-z-]+\s+){{0,3}}?{_AGGREGATE}\b"
    rf"[^,;]{{0,60}}?\b{_MEASURED}\b"
    # "Total rail transit through Kazakhstan", "Overall cargo across the country"
    rf"|^{_ADVERBIAL}(?:The\s+)?(?:[Tt]otal|[Oo]verall)\s+(?:[a-z-]+\s+){{0,3}}?"
    r"(?:through|in|across|of|via)\s+(?:the\s+country\b|[A-Z])"
)
#: What an organisation or a country does with its own cargo, not the system's.
_MOVE_VERB = (
    r"(?:carried|carries|handled|handles|moved|moves|transported|shipped|delivered|exported|"
    r"exports|imported|imports|sent|dispatched|processed|transshipped|loaded|earned)"
)
#: What an actor means to do: its own plan, across whatever it runs or sends.
_PLAN_VERB = r"(?:plans|plan|wants|want|intends|intend|aims|aim|hopes|hope|seeks|seek)"
_ADVERB = r"(?:(?:also|now|still|further|already|alone|itself|together)\s+)?"
#: "The national railway wants ...", "The state gas company carried ...".
_NATIONAL = re.compile(
    r"^(?:The|the)\s+(?:national|state|country’s|country's)\s+(?:[a-z]+\s+){0,2}?"
    r"(?:railway|railways|rail|carrier|company|operator|monopoly)\b"
)
#: The rest of a company's name after the part recognised: "Turkmengaz State Concern".
_NAME_REST = (
    r"(?:\s+(?:[A-Z][\w-]*|company|concern|group|corporation|holding))*(?:\s*\([^()]{1,12}\))?"
)
_MOVES = re.compile(rf"{_NAME_REST}\s*{_ADVERB}(?:{_MOVE_VERB}|{_PLAN_VERB})\b")
_PLANS = re.compile(rf"\s*{_ADVERB}{_PLAN_VERB}\s+to\b")
#: "Kazakhstan also plans to ...", "Urumqi intends to ...": a named actor's own plan.
_NAMED_ACTOR = re.compile(r"^(?:[A-Z][\w’'-]*\s+){1,3}")


def other_subject(sent: Sentence, here: list[Mention], countries: set[str]) -> str:
    """Why the sentence's subject is another thing than a system (a country's or a network's
    total, an organisation or a country moving its own cargo, a named actor's own plan), or ''.
    A sentence that names no system and opens on such a subject gives its topic nothing."""
    text = sent.text
    if AGGREGATE_SUBJECT.match(text):
        return "its subject is a country's, a network's or a total figure, not one system's"
    moves, plans = _MOVES, _PLANS
    national = _NATIONAL.match(text)
    if national is not None and moves.match(text, national.end()):
        return f"its subject, {national.group()!r}, moves or plans for its whole network"
    for m in here:
        opening = text[: m.start - sent.start]
        subject = m.how == "organisation" and len(opening.split()) <= 2 and "," not in opening
        if subject and moves.match(text, m.end - sent.start):
            return f"its subject, the organisation {m.phrase!r}, moves or plans its own"
    actor = _NAMED_ACTOR.match(text)
    if actor is None or actor.group().startswith(("The ", "It ", "Its ", "This ")):
        return ""
    name = actor.group().strip()
    if name in countries and moves.match(text, actor.end() - 1):
        return f"its subject, {name!r}, moves or plans its own"
    if plans.match(text, actor.end() - 1):
        return f"its subject, {name!r}, makes its own plan"
    return ""


#: "cut the trip by seven days", "raise capacity by 15 million tons", "rose by 1.2 million tons":
#: the size of a change, never a level the system has.
_CHANGED_BY = re.compile(
    r"\b(?:cut|cuts|cutting|reduc\w*|shorten\w*|lengthen\w*|sav\w+|trim\w*|rais\w+|increas\w*|"
    r"boost\w*|lift\w*|expand\w*|extend\w*|grow\w*|grew|rose|rise|rises|rising|fell|fall\w*|"
    r"drop\w*|decreas\w*|declin\w*|climb\w*|jump\w*|slash\w*|speed\w*\s+up)\b[^.;:]{0,80}?"
    r"\bby\s+(?:(?:some|about|around|nearly|almost|more\s+than|over|up\s+to|roughly|another|"
    r"a\s+further|an\s+additional|a\s+further)\s+)?(?:US\s*)?\$?$",
    re.I,
)
#: Fields whose value is an amount, which a change can be told in.
_AMOUNTS = {"length", "section_length", "capacity", "traffic", "transit_time", "target", "cost"}


#: "another 4,500 km", "an additional 25 bcm": more of something, added to a level told apart.
_MORE = re.compile(
    r"\b(?:another|an?\s+(?:additional|extra|further))\s+(?:(?:some|about|around|nearly|almost|"
    r"up\s+to)\s+)?(?:US\s*)?\$?$",
    re.I,
)


def is_change(sentence: str, at: int, field: str) -> bool:
    """Is the amount at ``at`` the size of a change ("by seven days", "another 4,500 km"), not
    a level? (What a new line adds is its own capacity: the caller keeps that.)"""
    before = sentence[max(0, at - 120) : at]
    return field in _AMOUNTS and (_CHANGED_BY.search(before) or _MORE.search(before)) is not None


#: A facility a sentence brings in as a thing of its own: "a new terminal", "a container hub at
#: Aktau" (an indefinite facility, new or placed somewhere other than a system), not "a key hub"
#: said of the subject.
_FACILITY = re.compile(
    r"(?<!,\s)(?<!\bis\s)(?<!\bas\s)(?<!\bwas\s)(?<!\bare\s)\b(?:[Aa]|[Aa]n)\s+"
    r"(?P<new>(?:(?:new|second|third|further|additional|extra|planned|proposed|modern|large|big|"
    r"major|huge)\s+)+)?(?:[\w-]+\s+){0,2}?"
    r"(?:terminal|yard|berth|depot|hub|warehouse|station|facility|plant|quay|pier|"
    r"logistics\s+cent(?:re|er)|free\s+zone)s?\b"
    r"(?P<at>\s+(?:at|in|near)\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s*)+)?"
)
#: Participles that found an organisation: "X LLP, set up in February 2008, ...".
_FOUNDED = r"(?:set\s+up|established|founded|formed|created|registered|incorporated)"
#: A relative clause set off by commas: ", which opened in 2015," (or to the sentence's end), or
#: a company's founding told after its name.
_RELATIVE = re.compile(rf",\s+(?:(?:which|whose|where)\b|{_FOUNDED}\s+(?:in|on)\b)[^,;]*")
#: An amount carried along a system named after it: "2 Mt along the Middle Corridor".
_ALONG = re.compile(
    r"^[^,;:]{0,60}?\b(?:through|via|along|on|over)\s+(?:the\s+|this\s+|its\s+)?"
    r"(?:[\w-]+\s+)?$"
)
#: The little words between an amount and the thing it is of: "38 bcm of the X pipeline".
_OF_THING = re.compile(r"^[\w$.,%\s-]{0,40}?\b(?:of|at|on|for|through|in)\s+(?:the\s+)?$")


#: Nouns of a thing that can have figures of its own.
_THING = re.compile(
    r"\b(?:terminal|hub|port|station|yard|berth|depot|railway|pipeline|line|project|company|"
    r"plant|field|refinery|warehouse|centre|center|zone|base|crossing)s?\b",
    re.I,
)


#: A facility called by a name of its own: "the Kazakhstan-China cargo terminal in Xi'an".
_NAMED_FACILITY = re.compile(
    r"\bthe\s+(?:[A-Z][\w’'-]*\s+)+(?:[a-z-]+\s+){0,2}?(?:terminal|yard|berth|depot|hub|"
    r"warehouse|station|facility|plant|quay|pier|logistics\s+cent(?:re|er)|base)s?\b"
    r"(?:\s+(?:at|in)\s+[A-Z][\w’'-]*)?"
)


def facilities(sent: Sentence, here: list[Mention]) -> list[Mention]:
    """Facilities a sentence brings in as things of their own, as mentions of no system: a
    figure in their clause after them is theirs ("a container hub at Aktau with a capacity of
    ...", "since the Kazakhstan-China cargo terminal in Xi'an opened in 2024"). A named one
    that is a known system's name ("the Khorgos Gateway hub") is that system."""
    out = []
    found = [m for m in _FACILITY.finditer(sent.text) if m.group("new") or m.group("at")]
    for m in found + list(_NAMED_FACILITY.finditer(sent.text)):
        start, end = sent.start + m.start(), sent.start + m.end()
        if m.re is _NAMED_FACILITY and any(
            x.system and x.start < end and start < x.end for x in here
        ):
            continue
        why = "a facility of its own, no system's"
        out.append(Mention(0, start, end, m.group(), None, "", 0.0, why, False, how="new"))
    return out


def _antecedent(cands: list[Mention], sent: Sentence, comma: int) -> Mention | None:
    """The mention a relative clause at ``comma`` (an offset in the article) hangs on: the one
    ending at most three words before it, with no comma between."""
    for m in sorted(cands, key=lambda m: -m.end):
        if m.end <= comma and m.start != m.end:
            between = sent.text[m.end - sent.start : comma - sent.start]
            return m if len(between.split()) <= 3 and "," not in between else None
    return None


def owned_by(cands: list[Mention], others: list[Mention], sent: Sentence, at: int) -> list[Mention]:
    """The mentions an amount at ``at`` (in the sentence) can belong to, from the systems
    ``cands`` and the other things ``others`` (other named infrastructure, facilities). An
    amount followed by "of the X pipeline" is X's; one in a relative clause is its antecedent's;
    one outside a relative clause is not of what the clause names. A mention of no system
    chosen later means the amount is another thing's."""
    offset = sent.start + at
    for o in others:
        if o.start > offset and _OF_THING.match(sent.text[at : o.start - sent.start]):
            return [o]  # "more than the 38 bcm of the Power of Siberia pipeline"
    for c in cands:
        if c.start > offset and _ALONG.match(sent.text[at : c.start - sent.start]):
            return [c]  # "the company moved 2 Mt along the Middle Corridor": the corridor's
    every = sorted(cands + others, key=lambda m: m.start)
    for r in _RELATIVE.finditer(sent.text):
        a, b = sent.start + r.start(), sent.start + r.end()
        if a < offset < b:
            head = _antecedent(every, sent, a)
            inside = [m for m in every if a <= m.start < offset]
            if inside or head is not None:
                return inside or [head]  # type: ignore[list-item]
            before = " ".join(sent.text[: r.start()].split()[-4:])
            # "the terminal at Lianyungang, which ...": a thing no row lists; "Kazakhstan,
            # which hosts 1,300 km of it", "..., which comes to 30,000 TEU": the sentence's
            return [] if _THING.search(before) else every
        every = [m for m in every if not a <= m.start < b]
    inside_facility = [
        m for m in every for f in others if f.how == "new" and f.start < m.start < f.end
    ]
    return sorted((m for m in every if m not in inside_facility), key=lambda m: m.start)


def actors(sent: Sentence, here: list[Mention]) -> list[Mention]:
    """Organisations that move cargo or plan in their own name in the sentence ("the state gas
    company delivered 31 bcm to China"): an amount after one in its clause is the company's; and
    those whose founding the sentence tells ("X LLP, set up in 2008"): that date is theirs."""
    founded = re.compile(rf",\s+{_FOUNDED}\s+(?:in|on)\b")
    return [
        m
        for m in here
        if m.how == "organisation"
        and (
            _MOVES.match(sent.text, m.end - sent.start)
            or founded.match(sent.text, m.end - sent.start)
        )
    ]


def port_takes(field: str, scope: str, port: System) -> bool:
    """Can a port (a point) have this figure? Never a length (a length near one is a trip's or
    a line's), and a transit time only for a trip that starts or ends at it ("from the dry port
    to Lianyungang in five days"), not one that passes it ("from China to Turkey")."""
    if field in ("length", "section_length"):
        return False
    if field != "transit_time" or "–" not in scope:
        return True
    words = {w.casefold() for n in [*port.places, *(n for n, _ in port.names)] for w in n.split()}
    ends = {w.casefold() for end in scope.split("–") for w in end.split()}
    return bool(ends & words)


#: "a 49% stake in the dry port", "shares in the pipeline's operator": what the share is of.
_STAKE_IN = re.compile(
    r"^\s*(?:\w+\s+){0,2}?(?:stakes?|shares?|interest|holding)\s+in\s+(?:the\s+|its\s+)?$", re.I
)


def stake_in(value_end: int, cands: list[Mention], sent: Sentence) -> Mention | None:
    """The system a share is said to be in ("a 49% stake in the dry port"): the mention right
    after "stake in", whoever buys it (a buyer named after a port owns no share of its port)."""
    for m in sorted(cands, key=lambda m: m.start):
        if m.start > sent.start + value_end and m.system:
            between = sent.text[value_end : m.start - sent.start]
            return m if _STAKE_IN.match(between) else None
    return None


_EXPECTS = re.compile(rf"{_NAME_REST}\s*{_ADVERB}expects?\s+to\b")


def expecting(sent: Sentence, here: list[Mention], field: str) -> list[Mention]:
    """ "the company expects to carry 5 bcm": an organisation's own expected amount. Only an
    amount: the rest of the sentence may still tell of the system ("CNPC expects more gas as
    work on Line D moves ahead fast")."""
    if field not in _AMOUNTS:
        return []
    return [
        m for m in here if m.how == "organisation" and _EXPECTS.match(sent.text, m.end - sent.start)
    ]
