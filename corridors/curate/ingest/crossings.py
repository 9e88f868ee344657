"""The countries a line crosses, listed: "it would cross Turkmenistan, then Uzbekistan (205 km),
Tajikistan (391 km) and China", "runs through Turkmenistan, Uzbekistan and Kazakhstan to China",
"will start at the Turkmen border and cross Uzbekistan, Tajikistan and Kyrgyzstan to feed China's
Xinjiang region".

A route reader (phrases.read_route) needs both ends named as places; reporting often lists only
the countries, with figures in brackets, "then" between them, the start as a border and the end as
a region of a country. These are read as a ``countries`` value in the order the sentence gives
them, and only where the list is of countries alone (three or more in all): a list that stops at
another word ("through Kazakhstan, the Caspian Sea and Azerbaijan") is a route, not this.
"""

from __future__ import annotations

import re

from .fields import Value
from .scopes import DEMONYMS

_CUE = re.compile(
    r"\b(?:cross(?:es|ed|ing)?|through|across|travers(?:e|es|ing)|spann?(?:s|ing)?)\s+(?:the\s+)?"
    # a project profile's "Location: A, B, C and D": the countries it is in, in order
    r"|^(?:Location|Countries)\s*:\s*"
    # a list of the countries it joins: "the rail link joining A, B and C", "the three countries
    # of A, B and C", "... of a number of key countries: A, B, C and D"
    # "ties ... to the rail networks (systems) of A, B and C": the countries whose networks it
    # joins
    r"|(?P<joins>\b(?:(?:rail(?:way)?\s+|road\s+)?(?:networks|systems)\s+of|join(?:s|ing)?|link(?:s|ing)?|connect(?:s|ing)?|unit(?:es|ing)|"
    r"countries\s+of|(?:countries|states|nations|republics)\s*:)\s+(?:the\s+)?)"
)
#: "the Turkmen-Uzbek border": the first country of a border named by two demonyms.
_PAIR_BORDER = r"(?:[-–—](?:{d}))?"
#: Names a country goes by that the map's boundaries do not use: "Türkiye" is Turkey.
COUNTRY_ALIASES = {
    "Türkiye": "Turkey",
    "Turkiye": "Turkey",
    "Kyrgyz Republic": "Kyrgyzstan",
    "PRC": "China",
    "People's Republic of China": "China",
    "People’s Republic of China": "China",
}
#: ... and, in a list of countries crossed, the region a line to China most often ends in, named
#: alone ("enters Xinjiang at Horgos").
_NAMES_OF = {**COUNTRY_ALIASES, "Xinjiang": "China"}
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
#: The region a group of listed countries lies in: "Kazakhstan and Uzbekistan in Central Asia,
#: then ..." goes on listing; the region is said of the group, it does not end the list.
_REGION = re.compile(
    rf"\s+in\s+(?:the\s+)?(?!(?:{_MONTHS})\b)[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?"
    r"(?=\s*,|\s+(?:and|then)\b)"
)
#: Between two items of the list: a comma, "and", "then", "on to", or a new crossing word.
#: A direction word: "north across Tajikistan", "through southern Uzbekistan".
_COMPASS = r"(?:(?:north|south)(?:-?(?:east|west))?(?:ern)?|east(?:ern)?|west(?:ern)?|central)"
_SEPARATOR = re.compile(
    rf"(?:\s*,\s*|\s+)(?:and\s+)?(?:then\s+)?(?:{_COMPASS}\s+)?"
    r"(?:on\s+to\s+|(?:across|through|via|into|over)\s+)?(?:the\s+)?"
)
#: A sea crossed on the way: passed over, not a country ("then the Caspian Sea, Azerbaijan ...").
_SEA = re.compile(r"[A-Z]\w+\s+(?:Sea|Ocean|Gulf|Strait)\b")
#: Where a list of countries may end without being a country: "... and on to Turkey and Europe".
_BEYOND = re.compile(r"(?:Europe|Asia|the\s+Middle\s+East|the\s+Gulf)\b")
#: On from the list to a region beyond it: "to Europe", "and on to the markets of Europe".
_TO_BEYOND = re.compile(
    r"\s*,?\s*(?:and\s+)?(?:then\s+)?(?:on\s+)?(?:to|into|towards?|before\s+reaching)\s+"
    r"(?:the\s+)?(?:(?:countries|markets|states|heart)\s+of\s+(?:the\s+)?)?"
    r"(?:(?:Western|Eastern|Central|Southern|Northern)\s+)?(?:Europe|European\s+Union|EU|Middle\s+East)\b"
)
#: A figure in brackets after a country: "Uzbekistan (205 km)".
_BRACKET = re.compile(r"\s*\([^()]{0,40}\)")


#: The way goes on past the list to other places: the list is not all it crosses.
_GOES_ON = re.compile(
    r"^\s*(?:,\s*|\s+and\s+)(?:then\s+)?(?:the\s+)?[A-Z]|\bthen\s+(?:the\s+)?[A-Z]"
    r"|\b(?:across|through|via)\s+(?:the\s+)?[A-Z]"
)


#: The listed countries are a clause's subject, a verb right after them: "the countries of A, B
#: and C signed (have agreed, will meet) ...": the parties to something, not countries crossed.
_ACTORS = re.compile(
    r"^\s+(?:(?:have|has|had|will|would|shall|should|can|could|may|are|were|also|jointly|"
    r"together|each|all)\s+)*(?:[a-z]+ed|met|meet|signs?|agree|agrees|plan|plans|want|wants|"
    r"seek|seeks|hope|hopes|aim|aims|back|backs|support|supports|form|forms|discuss|discusses|"
    r"launch|launches|pledge|pledges|intend|intends)\b"
)


_ON_AFTER_ARRIVAL = re.compile(
    r"\bthen\s+(?:the\s+)?[A-Z]|^\s*,\s*(?:and\s+)?(?:on\s+to\s+)?(?:the\s+)?[A-Z]"
)


def _start(before: str, names: str) -> tuple[str, str]:
    """Where the line begins, said before the list: "from Turkmenistan", "start at the Turkmen
    border", "begin in Turkmenistan", "links China with Europe through ..."; and where it ends,
    when that is said before the list too ("bring Turkmen gas to China across ...")."""
    demonyms = "|".join(DEMONYMS)
    pair = _PAIR_BORDER.format(d=demonyms)
    to = rf"(?:\s+(?:to|into|with)\s+(?:the\s+)?(?P<e>{names})\b(?:’s|'s)?(?:\s+[a-z]+){{0,2}})?"
    m = re.search(
        rf"\b(?:(?i:from)|(?i:start|starts|begin|begins|starting)\s+(?:at|in|on))\s+(?:the\s+)?"
        rf"(?:(?P<c>{names})|(?P<d>{demonyms}){pair}\s+(?:border|frontier|side)|"
        # "from the border between Turkmenistan and Uzbekistan": the first country named
        rf"(?:border|frontier)(?:\s+area)?\s+(?:between|of)\s+(?P<b>{names})\s+and\s+(?P<b2>{names}))"
        r"\b[^.;]*$"
        # "taking Turkmen gas across ...": what it carries comes from where it starts
        rf"|\b(?:carry|carries|carrying|take|takes|taking|bring|brings|bringing|ship|ships|"
        rf"shipping|pump|pumps|pumping|deliver|delivers|delivering)\s+(?P<g>{demonyms})\s+"
        rf"(?:natural\s+)?(?:gas|oil|crude){to}\s*$"
        # "links (ties) China with (to) Europe through ...": the first of the two places the list is
        # said between, when a country
        rf"|\b(?P<l>{names})\s+(?:to|with|and)\s+(?:the\s+)?"
        r"(?P<le>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?)\s*$",
        before,
    )
    if m is None:
        return "", ""
    first = m.group("c") or m.group("b") or m.group("l")
    first = first or DEMONYMS.get(m.group("d") or m.group("g") or "", "")
    if m.group("b"):  # "from the border between A and B": it starts in A, then enters B
        return f"{first};{m.group('b2')}", ""
    if m.group("l"):  # "China with Turkey through ...": Turkey is where it ends
        return first, m.group("le") if re.fullmatch(names, m.group("le")) else ""
    return first, (m.group("e") or "") if m.group("g") else ""


def _listed(text: str, names: str) -> tuple[list[str], int]:
    """The countries listed at the start of ``text`` and where the list ends."""
    item = re.compile(rf"(?:{_COMPASS}\s+)?(?P<c>{names})\b")
    found: list[str] = []
    at = 0
    while True:
        m = item.match(text, at)
        if m is None:
            break
        found.append(_NAMES_OF.get(m.group("c"), m.group("c")))
        at = m.end()
        bracket = _BRACKET.match(text, at) or _REGION.match(text, at)
        if bracket:
            at = bracket.end()
        nxt = _next_item(text, at, item)
        if nxt is None:
            break
        at = nxt
    return found, at


def _next_item(text: str, at: int, item: re.Pattern) -> int | None:
    """Where the next country of the list starts, past a separator and any sea; None when the
    list ends here (a region beyond it, "Europe", ends it too)."""
    while True:
        sep = _SEPARATOR.match(text, at)
        if sep is None or not text[at : sep.end()].strip(" the"):
            return None  # no comma, "and", "then" or crossing word: the list is over
        if item.match(text, sep.end()):
            return sep.end()
        sea = _SEA.match(text, sep.end())
        if sea is None:
            return None
        at = sea.end()


#: Words that carry a list on to where it arrives: "and on into", "and then joins", "continuing
#: to", "before reaching", "and finally extends into".
_ON_WORDS = (
    r"(?:and|then|on\s+its\s+way|on|onwards?|finally|eventually|before|continu(?:e|es|ing)|"
    r"extend(?:s|ing)?|run(?:s|ning)?|pass(?:es|ing)?|head(?:s|ing)?|cross(?:es|ing)?)"
)
#: Words of arrival: the country after one is where the list ends.
_ARRIVAL = (
    r"(?:to|into|(?:end(?:s|ing)?|terminat(?:es|ing))\s+(?:in|at)|joins?|joining|meets?|meeting|"
    r"reach(?:es|ing)?|enters?|entering|feed(?:s|ing)?|connect(?:s|ing)?\s+(?:to|with)|"
    r"arriv(?:es?|ing)\s+(?:in|at)|"
    # "... and on to Europe by way of Turkey": the last country on the way to the region
    r"by\s+way\s+of|via)"
)


def _end(after: str, names: str) -> list[str]:
    """Where it ends, said after the list: "to China", "and on into China", "and then joins
    China's network", "before reaching China's Xinjiang", "continuing to Kyrgyzstan and China"
    (the list goes on past the word of arrival)."""
    m = re.match(
        rf"\s*,?\s*(?:{_ON_WORDS}\s+){{0,3}}{_ARRIVAL}\b(?:[^.;,]|(?<=\d)[.,](?=\d)){{0,50}}?"
        rf"\b(?P<c>{names})\b",
        after,
    )
    city = re.match(
        rf"\s*,?\s*(?:{_ON_WORDS}\s+){{0,3}}{_ARRIVAL}\s+(?:the\s+)?(?P<d>{'|'.join(DEMONYMS)})\s+"
        r"(?:city|town|border\s+town|port|capital|region|province)\b",
        after,
    )
    if city and DEMONYMS[city.group("d")] and (m is None or m.start("c") > city.end()):
        return [DEMONYMS[city.group("d")]]  # "before arriving in the Chinese city of Xi'an"
    if m is None:
        return []
    more, _ = _listed(after[m.start("c") :], names)
    return more or [m.group("c")]


def _unsaid(first: str, last: list[str], arrived: bool, placed: bool) -> dict[str, str]:
    """Which ends of a crossing list the sentence leaves unsaid ("goes through A, B and C"), or
    gives as a place and no country ("From Galkynysh it runs ..."); a list of the countries a
    link joins is whole by what it says, and has none."""
    ended = any(last) or arrived
    start = {} if first else {"start": "place" if placed else "unsaid"}
    return start | ({} if ended else {"end": "unsaid"})


def crossed(sentence: str, countries: list[str]) -> Value | None:
    """The countries the sentence lists as crossed, in its order, or None."""
    if not countries:
        return None
    aliases = [a for a, c in _NAMES_OF.items() if c in countries]
    names = "|".join(re.escape(c) for c in sorted([*countries, *aliases], key=len, reverse=True))
    routed = False  # a crossing of another place came first: only a list of countries is read
    for cue in _CUE.finditer(sentence):
        listed, end = _listed(sentence[cue.end() :], names)
        if len(listed) < 2 and cue.group("joins"):
            continue  # "joining the Middle Corridor": no list of the countries it joins
        if routed and not cue.group("joins"):
            return None
        if not listed:
            # "across the territory of five republics: A, B, ...": the list may still come
            routed = True
            continue
        if cue.group("joins") and len(listed) < 3:
            continue  # "linking China and Europe": its ends, not every country it joins
        rest = sentence[cue.end() + end :]
        if _ACTORS.match(rest):
            return None  # "the three countries of A, B and C signed ...": who acts, no route
        beyond = re.match(r"\s*(?:,\s*|\s+)(?:and\s+)?(?:on\s+to\s+)?", rest)
        if beyond and _BEYOND.match(rest, beyond.end()):
            rest = rest[_BEYOND.match(rest, beyond.end()).end() :]  # type: ignore[union-attr]
        # "... Kyrgyzstan to China through the Alay district": the way into the end country it
        # arrives in is no further stop; only a stop after it ("to China, then ...") goes on
        arrival = re.match(rf"\s+(?:to|into)\s+(?:{names})\b", rest)
        goes_on = _ON_AFTER_ARRIVAL if arrival else _GOES_ON
        if goes_on.search(
            re.split(r"[.;]", rest[arrival.end() if arrival else 0 :], maxsplit=1)[0]
        ):
            return None  # "... Kazakhstan, then the Caspian Sea": a route of more than countries
        if re.search(r"\b[Ff]rom\s+(?:there|here)\b", sentence[: cue.start()]):
            return None  # "from there it runs through ...": it starts where the text before left
        first, said_end = _start(sentence[: cue.start()], names)
        if not first:  # "crosses A, B and C and links China with Europe": China is the start
            linked = re.match(
                rf"[^.;]*?\band\s+(?:links?|connects?)\s+(?:the\s+)?(?P<a>{names})\s+(?:with|and|to)\b",
                rest,
            )
            first = linked.group("a") if linked and linked.group("a") not in listed else ""
        last = [_NAMES_OF.get(c, c) for c in _end(rest, names) or [said_end]]
        starts = [_NAMES_OF.get(c, c) for c in first.split(";") if c]
        if len(listed) < 2 and not (len(starts) == 2 and any(last)):
            # one country crossed is a route's step, unless it lies between a border of two
            # countries it starts on and an end it reaches: "starting on the border between A
            # and B, it crosses C and reaches D"
            return None
        order = list(dict.fromkeys([c for c in (*starts, *listed, *last) if c]))
        # "From Galkynysh it runs through A ...": a start printed as a place, no country
        placed = bool(
            re.search(r"\b[Ff]rom\s+(?:the\s+)?[A-Z][\w’'-]+[^,.;]{0,40}$", sentence[: cue.start()])
        )
        # "... across A and B into C": the list itself arrives at its end
        arrived = bool(
            re.search(
                rf"\b(?:into|to)\s+(?:the\s+)?{re.escape(listed[-1])}\b",
                sentence[cue.end() : cue.end() + end],
            )
            # "... and Turkey to the countries of Europe": on to the region beyond the list
            or _TO_BEYOND.match(sentence[cue.end() + end :])
        )
        if len(order) < 3:
            continue
        return Value(
            "countries",
            ";".join(order),
            at=cue.start(),
            reason="the countries it is said to cross, in the order given",
            countries=";".join(order),
            # "goes through A, B and C to D": where it starts is not said
            hints={} if cue.group("joins") else _unsaid(first, last, arrived, placed),
        )
    return None
