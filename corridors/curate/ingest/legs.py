"""A route told leg by leg: "from China through Kazakhstan, across the Caspian Sea to Azerbaijan,
then through Georgia to Turkey", "from Kashgar in China over the Torugart Pass on the
China-Kyrgyzstan border to Andijan in eastern Uzbekistan", "connects China to Europe via
Kazakhstan, Azerbaijan, Georgia and Türkiye".

Reporting gives a whole route as a walk: where it starts, then legs, each a word of passage
(through, across, via, over, to, into, before reaching) and a stop. Such a walk gives `countries`
(convention 2) only where it says where it starts and where it ends, and only where every stop is
a country, a place set in a named country ("Andijan in Uzbekistan"), a border of two countries,
a sea passed over, or, at the end, a region beyond ("Europe"). Any other stop, a city the text
places nowhere, ends the reading with nothing: the walk may then miss a country, and a partial
list would read as a disagreement with the whole one (convention 3).
"""

from __future__ import annotations

import re

from .crossings import COUNTRY_ALIASES as ALIASES
from .fields import Value
from .scopes import DEMONYMS

#: Where a walk may start: "from", "starts in", "links (connects) A to B".
_START = re.compile(
    r"\b(?:[Ff]rom|(?:start|starts|starting|begin|begins|beginning)\s+(?:in|at|on|from)|"
    r"(?:links?|linking|connects?|connecting)(?=\s+(?:the\s+)?[^.;]*?\s+(?:to|with|and)\s))\s+"
)
_COMPASS = r"(?:(?:north|south)(?:-?(?:east|west))?(?:ern)?|east(?:ern)?|west(?:ern)?|central)"
_NAME = r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}"
#: Words that end a stop told in lower-case words ("Turkmenistan's gas fields with ..."): a word of
#: passage or a conjunction starts the next leg.
_FUNCTION = r"(?:with|to|and|or|via|through|across|over|into|in|at|from|of|then|before|on)"
#: A part of a country: "the centre of", "the southern part of", "the north-west of", "the
#: southern regions of".
_PART_OF = (
    rf"(?:the\s+)?(?:far\s+)?(?:{_COMPASS}|centre|center|heart|middle|north|south|east|west)"
    r"(?:\s+(?:part|parts|region|regions|area|areas|reaches))?\s+of"
)
#: A sea or lake crossed on the way: no country.
_SEA = re.compile(r"(?:the\s+)?(?:Caspian|Black|Aral)(?:\s+Sea)?\b|(?:the\s+)?[A-Z]\w+\s+Sea\b")
#: A region beyond the countries: where a route goes on to, no country of its own.
_BEYOND = re.compile(
    r"(?:the\s+)?(?:(?:Western|Eastern|Central|Southern|Northern)\s+)?"
    r"(?:Europe|European\s+Union|EU|Middle\s+East|Persian\s+Gulf|Mediterranean)\b"
)
#: Between two stops: a comma or "and", "then", a verb of going and a word of passage.
_VERB = (
    r"(?:(?:it|they)\s+)?(?:then\s+)?(?:(?:will|would|is\s+to|are\s+to)\s+)?"
    r"(?:runs?|running|pass(?:es|ing)?|go|goes|going|continu(?:e|es|ing)|"
    r"heads?|heading|travels?|travell?ing|extends?|extending|stretch(?:es|ing)?|proceeds?|"
    r"ends?|ending|arriv(?:e|es|ing)|terminat(?:e|es|ing)|cuts?|cutting|"
    r"on\s+its\s+way)\s+"
)
_PASSAGE = (
    r"(?P<p>through|across|via|over|by\s+way\s+of|into|to|onto|on\s+to|onwards?\s+to|in|at|with|"
    r"before\s+(?:reaching|entering)|reaching|reaches|reach|entering|enters|enter|crossing|"
    r"crosses|cross)\s+"
)
_LEG = re.compile(
    rf"\s*(?:,\s*|\s+)(?:and\s+)?(?:then\s+|before\s+(?=\w+ing\b))?(?:on\s+)?"
    rf"(?:(?:will|would|should|is\s+to|are\s+to)\s+)?(?:{_VERB})?(?:{_PASSAGE})?(?:the\s+)?"
)
#: Words of arrival: the stop after one is where the route ends (if nothing follows).
_ARRIVAL = {
    "reaches",
    "reach",
    "enters",
    "enter",
    "to",
    "into",
    "onto",
    "on to",
    "onward to",
    "onwards to",
    "reaching",
    "entering",
    "before reaching",
    "before entering",
    "in",
    "at",
}


def _alias(name: str) -> str:
    return ALIASES.get(name, name)


class _Stops:
    """Reads one stop at a position: the countries it names and where it ends."""

    def __init__(self, countries: list[str]):
        known = sorted(
            [*countries, *(a for a, c in ALIASES.items() if c in countries)], key=len, reverse=True
        )
        self.names = "|".join(re.escape(c) for c in known) or "(?!)"
        demonyms = "|".join(d for d, c in DEMONYMS.items() if c in countries) or "(?!)"
        n, d = self.names, demonyms
        self.country = re.compile(
            rf"(?:the\s+)?(?:{_COMPASS}\s+)?(?:{_PART_OF}\s+|(?:[a-z]+\s+){{1,3}}of\s+(?:the\s+)?)?"
            rf"(?P<c>{n})\b"
            # "China's Xinjiang", "China's western region of Xinjiang": the country
            rf"(?:(?:’s|'s)(?:(?:\s+(?!{_FUNCTION}\b)[a-z]+){{0,3}}(?:\s+of)?\s+{_NAME}|(?:\s+(?!{_FUNCTION}\b)[a-z]+){{1,3}}))?"
        )
        # "the China-Kyrgyzstan border", "the border between A and B", "the Turkmen-Uzbek border"
        self.border = re.compile(
            rf"(?:the\s+)?(?:(?P<a>{n})\s*[-–—]\s*(?P<b>{n})|(?P<da>{d})\s*[-–—]\s*(?P<db>{d}))"
            rf"\s+(?:border|frontier)\b"
            rf"|(?:the\s+)?(?:border|frontier)\s+(?:between|of)\s+(?P<ba>{n})\s+and\s+(?P<bb>{n})\b"
        )
        # "Andijan in eastern Uzbekistan", "Khorgos (China)", "the Kazakh port of Aktau": a place
        # that is no country, set in one
        self.placed = re.compile(
            rf"(?:the\s+)?(?:(?P<pd>{d})\s+(?:port|city|town|border\s+town|station)\s+of\s+{_NAME}"
            rf"|(?!(?:{n})\b){_NAME}(?:\s*(?:,|and)\s+(?!(?:{n})\b){_NAME})*"
            rf"\s*(?:\(\s*(?P<pb>{n})\s*\)|\s+in\s+(?:the\s+)?"
            rf"(?:{_COMPASS}\s+)?(?:{_PART_OF}\s+)?(?P<pi>{n})\b"
            rf"(?:(?:’s|'s)\s+{_NAME})?))"
        )
        # "through Tajik territory", "over Kazakh soil": the country's ground
        self.ground = re.compile(
            rf"(?:the\s+)?(?P<g>{d})\s+(?:territory|soil|land|lands|section|stretch|part)\b"
        )
        # "the Torugart Pass on the China-Kyrgyzstan border": a place on a border of two
        self.on_border = re.compile(rf"{_NAME}\s+on\s+")

    def read(self, text: str, at: int) -> tuple[str, list[str], int] | None:
        """(kind, countries, end) of the stop at ``at``: kind country, border, sea, beyond."""
        m = self.border.match(text, at)
        if m:
            pair = [m.group("a") or m.group("ba"), m.group("b") or m.group("bb")]
            if m.group("da"):
                pair = [DEMONYMS[m.group("da")], DEMONYMS[m.group("db")]]
            return "border", [_alias(c) for c in pair], m.end()
        m = self.placed.match(text, at)
        if m:
            got = m.group("pb") or m.group("pi")
            return "country", [_alias(got) if got else DEMONYMS[m.group("pd")]], m.end()
        m = self.ground.match(text, at)
        if m:
            return "country", [DEMONYMS[m.group("g")]], m.end()
        m = self.on_border.match(text, at)
        if m:
            b = self.border.match(text, m.end())
            if b:
                return self.read(text, m.end())
        m = self.country.match(text, at)
        if m:
            return "country", [_alias(m.group("c"))], m.end()
        m = _SEA.match(text, at)
        if m:
            return "sea", [], m.end()
        m = _BEYOND.match(text, at)
        if m:
            return "beyond", [], m.end()
        return None


def _walk(text: str, at: int, stops: _Stops) -> tuple[list[tuple[str, str, list[str]]], int]:
    """The legs from ``at``: (passage word, kind, countries) each, and where the walk ends."""
    first = stops.read(text, at)
    if first is None:
        return [], at
    legs = [("start", first[0], first[1])]
    at = first[2]
    while True:
        leg = _LEG.match(text, at)
        if leg is None or leg.end() == at:
            break
        stop = stops.read(text, leg.end())
        if stop is None:
            break
        passage = " ".join((leg.group("p") or "").split())
        if not passage and not re.search(r",|\band\b", text[at : leg.end()]):
            break  # two stops side by side with no comma, "and" or passage between
        legs.append((passage or "list", stop[0], stop[1]))
        at = stop[2]
    return legs, at


_VIA_LIKE = {"via", "through", "across", "over", "by way of", "crossing", "crosses", "cross"}


def _order(legs: list[tuple[str, str, list[str]]], linked: bool) -> list[str] | None:
    """The countries in route order, or None when the walk does not say where it ends. "From A
    to B via C and D": the stops of a "via" list after the first arrival lie before it; "links
    A with B": B is where it ends."""
    order: list[str] = []
    arrival_at = None  # where the "via" stops go when the end was said first ("from A to B via")
    beyond = end_said = False
    for i, (passage, stop, names) in enumerate(legs):
        if i == 0:
            order += names
            continue
        arrive = passage in _ARRIVAL or (linked and i == 1 and passage not in _VIA_LIKE)
        previous = next(p for p, _, _ in reversed(legs[:i]) if p != "list")
        via_like = passage in _VIA_LIKE or (passage == "list" and previous in _VIA_LIKE)
        if stop == "beyond":
            beyond = end_said = True
            arrival_at = len(order) if i == 1 else arrival_at
            continue
        if beyond and not via_like and passage != "list":
            return None  # a country after the region beyond: not one walk
        if via_like and arrival_at is not None:
            order[arrival_at:arrival_at] = names  # "to B via C": C lies before B
            arrival_at += len(names)
            continue
        if arrive and i == 1:
            arrival_at = len(order)
        order += names
        if arrive and stop in ("country", "border"):
            end_said = True
        elif via_like and stop != "sea" and not beyond:
            end_said = False  # "... then through D": where it ends is not said
    return order if end_said else None


def walked(sentence: str, countries: list[str]) -> Value | None:
    """The countries of a route the sentence walks from its start to its end, or None."""
    if not countries:
        return None
    stops = _Stops(countries)
    for start in _START.finditer(sentence):
        legs, end = _walk(sentence, start.end(), stops)
        if len(legs) < 2 or legs[0][1] not in ("country", "border"):
            continue
        if all(passage == "list" for passage, _, _ in legs[1:]):
            continue  # "routes arrive from A, B, C and Europe": a list of places, no way between
        rest = sentence[end:]
        if re.match(rf"{_LEG.pattern}[A-Z]", rest) and not re.match(
            r"\s*,\s*(?:which|where|who)", rest
        ):
            continue  # the walk goes on to a stop it cannot place: it may miss a country
        order = _order(legs, start.group().strip()[:1] in "lc")
        if order is None:
            continue
        order = list(dict.fromkeys(order))
        if len(order) < 3:
            continue
        return Value(
            "countries",
            ";".join(order),
            at=start.start(),
            reason="the countries of the route it walks from its start to its end",
            countries=";".join(order),
        )
    return None


def _within(short: list[str], long: list[str]) -> bool:
    """Is ``short`` ``long`` with some countries left out, in the same order?"""
    it = iter(long)
    return all(c in it for c in short)


def with_walk(values: list[Value], walk: Value | None) -> list[Value]:
    """The sentence's values with the walked route's countries: added where no other reading
    gave countries, and in place of a reading that kept only some of them in the same order (a
    list cut short at a comma, "... Azerbaijan, Georgia and Turkey before reaching Europe")."""
    if walk is None:
        return values
    listed = walk.value.split(";")
    read = [v for v in values if v.field == "countries"]
    if not read:
        return [*values, walk]
    if all(_within(v.value.split(";"), listed) and v.value != walk.value for v in read):
        return [v for v in values if v.field != "countries"] + [walk]
    return values


def started_before(value: Value, ends: tuple[str, str]) -> Value:
    """ "... carries gas from Turkmenistan to China. The pipeline crosses Uzbekistan and
    Kazakhstan on its way into China": a list with no start said, ending where the route the text
    gave just before ends, starts where that route starts (said in the reason)."""
    listed = value.value.split(";")
    start, end = ends
    if value.hints.get("start") != "unsaid" or not start or listed[-1] != end or start in listed:
        return value
    order = ";".join([start, *listed])
    why = f"; it starts where the route said before starts ({start})"
    return Value("countries", order, at=value.at, reason=value.reason + why, countries=order)


def route_chain(sentence: str, countries: list[str]) -> Value | None:
    """ "to be built along the route A–B–C–D–E", "Route: A–B–C": the route given as a chain of
    three or more countries after the word route (convention 1; a chain with China inside it,
    not at an end, is a short name, no route order)."""
    names = (
        "|".join(
            re.escape(c)
            for c in sorted(
                [*countries, *(a for a, c in ALIASES.items() if c in countries)],
                key=len,
                reverse=True,
            )
        )
        or "(?!)"
    )
    m = re.search(
        rf"\broute\s*(?::\s*|\s+of\s+)?(?:the\s+)?(?P<chain>(?:{names})(?:\s*[-–—]\s*(?:{names})){{2,}})"
        r"(?![-–—\w])",
        sentence,
    )
    if m is None:
        return None
    chain = [_alias(c) for c in re.split(r"\s*[-–—]\s*", m.group("chain"))]
    if len(set(chain)) < 3 or ("China" in chain and "China" not in (chain[0], chain[-1])):
        return None
    order = ";".join(dict.fromkeys(chain))
    return Value(
        "countries",
        order,
        at=m.start(),
        reason="the route it is said to follow, as a chain",
        countries=order,
    )
