"""Figures that are not the system's flow in a period, though the words around them are those of
traffic: running totals since the system opened ("a total of 316 bcm", "have been carried", "has
carried 250 bcm since 2010"), a country's trade or a supplier's deliveries ("Kazakhstan's
exports", "Turkmenistan supplied"), a carrier's own total on all its lines ("Azerbaijan Railways
carried 18.5 mn tonnes"), and a port's own figure (a route's only when the system is a port).

Kept apart from flows.py, which decides what kind of figure a quantity is; this module decides
whose and over what time it is, and says no when reporting sets another's figure beside the
system's.
"""

from __future__ import annotations

import re

from . import scopes
from .quantities import Quantity

#: "cumulative", "since its launch", "had carried ... by the end of June", "to date": a running
#: total since it opened, never what was carried in a period.
RUNNING_TOTAL = re.compile(
    r"\b(?:cumulative\w*|to\s+date|(?:since|between|from)\s+(?:it|its|the\s+[\w’'-]+(?:'s|’s)|"
    r"[\w’'-]+(?:'s|’s)|the\s+(?:pipeline|line|port|railway|route|terminal|corridor|service))\s+"
    r"(?:opened|opening|launch\w*|start\w*|began|was\s+opened|commission\w*|inception|"
    r"put\s+into\s+operation)|since\s+(?:the\s+)?(?:start|beginning)\s+of\s+(?:its\s+)?operations?|"
    r"had\s+(?:\w+\s+)?(?:been\s+)?(?:carried|moved|handled|transported|delivered|pumped|supplied|"
    r"made|come|gone|run|imported|exported|shipped|received|sent|piped)|(?:in|over|during)\s+"
    r"(?:its|the(?:ir)?)\s+(?:\w+\s+)?years\s+of\s+operation|as\s+of)\b",
    re.I,
)
#: "has carried 250 bcm since 2010", "since 2015 it has handled ...": the total since a year.
PERFECT_SINCE = re.compile(
    r"\b(?:have|has)\s+(?:\w+\s+)?(?:been\s+)?\w+(?:ed|en)\b[^,;]*?\bsince\s+(?:19|20)\d\d\b"
    # "Since the service began in 2016, 35,000 trains have passed": a since-clause ending in a year
    r"|\bsince\s+(?:[^,;.]{0,60}?\b)?(?:19|20)\d\d\b[^;]*?\b(?:have|has)\s+(?:\w+\s+)?(?:been\s+)?"
    r"\w+(?:ed|en)\b",
    re.I,
)


def since_a_year(q: Quantity, sentence: str, a: int, b: int) -> bool:
    """The figure is the one a "has carried ... since 2010" governs (not "including 41 bcm last
    year" after it)."""
    for m in PERFECT_SINCE.finditer(sentence, a, b):
        verb_first = m.group().lower().startswith("ha")
        if m.start() <= q.start and (q.start <= m.end() or not verb_first):
            return True
    return False


#: "have been carried", "has handled": up to now, a running total unless the clause has a period.
PERFECT = re.compile(r"\b(?:have|has)\s+(?:\w+ly\s+)?(?:been\s+)?\w+(?:ed|en|wn)\b", re.I)
#: "a total of", "in all": a running total only when the clause states no period of its own
#: ("24,000 TEU in all between January and July" is that span's).
SUM_WORDS = re.compile(r"\b(?:a\s+total\s+of|in\s+total|all\s+told|in\s+all|altogether)\b", re.I)


#: A country's (or its supplier's) trade: "its gas exports", "Kazakhstan's exports", "exports
#: from Kazakhstan", "the Turkmengaz concern delivered": a part of what moved, or a national
#: total, never the system's traffic.
TRADE = re.compile(
    r"\b(?:(?i:its|their|the\s+country['’]s|national)|[A-Z][\w’'-]*['’]s)\s+(?:\w+\s+)?"
    r"(?i:exports?|imports?|transit\s+(?:traffic|cargo|volumes?)|rail\s+transit)\b"
    # "China's gas use is expected to reach 340 bcm": a country's use of gas, not what one line
    # carries
    r"|\b[A-Z][\w’'-]*['’]s\s+(?:\w+\s+)?(?i:consumption|demand|use|production|output)\b"
    # "transit is expected to grow to 10 mn t": a country's transit as the subject, no system's
    r"|(?:^|[,:;]\s*)\W*(?i:(?:the\s+)?(?:total\s+|overall\s+|rail\s+)?transit\s+(?:traffic\s+|"
    r"cargo\s+|volumes?\s+)?(?:is|was|will|would|could|should|has|have|had|rose|grew|reached|"
    r"came|totall?ed|amounted|increased|in\s+(?:19|20)\d\d))\b"
    r"|\b(?i:exports?|imports?)\s+(?:from|of|by)\s+[A-Z]"
    # "gas shipped to China from Central Asia and Russia": a total of several sources
    r"|\b(?i:exported|imported|shipped|supplied|delivered|piped)\s+(?:to\s+[A-Z][\w-]*\s+)?from\s+"
    r"(?:[A-Z][\w-]*\s+){1,2}and\s+[A-Z]"
    r"|\b[A-Z][\w-]*(?:gaz|gas|Gas|Gaz)\b(?:\s+(?:State|National|Holding|Company|Concern|JSC))*\s+"
    r"(?:has\s+|had\s+)?(?:supplied|exported|delivered|sold|sent|shipped)\b"
)


#: A railway or shipping company as the subject: its own traffic on all its lines.
CARRIER = re.compile(
    r"^\s*(?:(?:In|During|Over|Last)\s+[^,]{1,30},\s*)?(?:the\s+)?(?:[A-Z][\w’'-]*\s+){0,3}"
    r"(?:Railways?|Temir\s+Zholy|Temir\s+Yollari|Temir\s+Zholu|Railway\s+Company|Shipping\s+"
    r"(?:Company|Group|Line)|Caspian\s+Shipping)\b(?:\s*\([A-Z]{2,5}\))?\s+(?:has\s+|had\s+)?"
    r"(?:\w+ly\s+)?\w+ed\b"
)
#: The route named as where the figure moved: then the company's figure is the route's.
ON_ROUTE = re.compile(
    r"\b(?:along|on|via|over|through)\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:route|corridor|"
    r"TITR|line|pipeline|railway)\b",
    re.I,
)


def a_companys_own(q: Quantity, sentence: str) -> bool:
    a, b = scopes.clause_of(sentence, q.start)
    return bool(CARRIER.match(sentence[a : q.start])) and not ON_ROUTE.search(sentence, a, b)


def a_countrys_trade(q: Quantity, sentence: str, countries: list[str]) -> bool:
    """The figure's clause, up to it, names a country's trade or a country (or national supplier)
    that supplied it."""
    a, _ = scopes.clause_of(sentence, q.start)
    head = sentence[a : q.start]
    if TRADE.search(head):
        return True
    names = "|".join(re.escape(c) for c in countries)
    return bool(
        names
        and re.search(
            rf"\b(?:{names})\s+(?:has\s+|had\s+)?(?:supplied|exported|sold|shipped|sent)\b", head
        )
    )


#: "Poti, the country's largest seaport, handled ...", "The terminal also moved ...": a port is
#: what carried the figure (a route's total is not one port's share).
PORT_SUBJECT = re.compile(
    # "In the first seven months of 2024 the sea ports of Aktau and Kuryk handled ...": a time
    # before the subject
    r"\s*(?:(?:In|During|Over|For|Between|From)\s+[^,;]{0,45}?\b(?:(?:19|20)\d\d|year|months|"
    r"quarter|half)\b,?\s+)?"
    r"(?:[A-Z][\w'-]*,\s+)?(?:the\s+|its\s+|[A-Z][\w'-]*(?:'s)?\s+)?(?:[\w'-]+\s+){0,3}?"
    r"(?:ports?|seaports?|terminals?|harbou?rs?)\b"
)


#: Where the figure moved, or whose it is, when that is a facility or a leg on the way: "through
#: the seaports of Kazakhstan and Azerbaijan", "at the terminal", "the capacity of the Caspian
#: ferries", "the fleet's capacity". A route's figure is the whole trip's; a port's or a ferry
#: line's is that leg's own, even when reporting sets it beside the route's.
_LEG_NOUN = r"(?:sea\s*)?(?:ports?|seaports?|terminals?|harbou?rs?|ferr(?:y|ies)|vessels?|ships?|fleet|tankers?)"
_THROUGH_LEG = re.compile(
    rf"\b(?:through|via|at|in|by)\s+(?:the\s+|its\s+|their\s+)?(?:[\w’'-]+\s+){{0,2}}?{_LEG_NOUN}\b",
    re.I,
)
_OF_LEG = re.compile(
    r"\b(?:capacity|capacities|throughput|volumes?|traffic|turnover)\s+of\s+(?:the\s+)?"
    rf"(?:[\w’'-]+\s+){{0,2}}?{_LEG_NOUN}\b"
    rf"|\b{_LEG_NOUN}(?:['’]s?|['’])\s+(?:\w+\s+){{0,2}}?(?:capacity|capacities|throughput|turnover)\b"
    # "tanker shipments rose to 3.3 mn tons": a kind of vessel's own carriage
    rf"|\b{_LEG_NOUN}\s+(?:shipments?|transport\w*|carriage|traffic)\b"
    # "container throughput will reach 105,000 TEU": the boxes a port or terminal handles
    r"|\b(?:container|box)\s+(?:throughput|handling|transshipment)\b",
    re.I,
)


def a_legs_own(q: Quantity, sentence: str) -> str:
    """'port' or 'ferry' when the figure's clause, up to it, says it moved through a port or is
    a port's, a ferry line's or a fleet's; '' otherwise, or where the same clause names the route
    as where it moved ("6,400 TEU through Aktau along the Middle Corridor" is the route's share)."""
    a, b = scopes.clause_of(sentence, q.start)
    head = sentence[a : q.start]
    m = _OF_LEG.search(head) or _THROUGH_LEG.search(head)
    if not m or ON_ROUTE.search(sentence, a, b):
        return ""
    return "ferry" if re.search(r"ferr|vessel|ship|fleet|tanker", m.group(), re.I) else "port"


#: Goods that are a part of a route's cargo, never all of it: "grain shipments reached 600,000
#: tons", "transport of metals grew to", "1.7 million tons of oil". Gas is left out: it is all a
#: gas pipeline carries.
COMMODITY = (
    r"(?:grain|wheat|barley|flour|coal|oil|crude|petroleum(?:\s+products)?|oil\s+products|"
    r"metals?|non-ferrous\s+metals|ferrous\s+metals|ferroalloys?|steel|fertili[sz]ers?|"
    r"chemicals?|cotton|ores?|timber|cement|sulph?ur|cars|automobiles|vehicles|dry\s+cargo|"
    r"liquid\s+cargo|bulk\s+cargo)"
)
_COMMODITY_BEFORE = re.compile(
    rf"\b{COMMODITY}\s+(?:shipments?|transportation|transport|exports?|imports?|cargo|traffic|"
    r"volumes?|deliveries|carriage|flows?|transit|transshipment)\b"
    rf"|\b(?:shipments?|transportation|transport|exports?|imports?|carriage|transit|"
    rf"transshipment|volumes?)\s+of\s+{COMMODITY}\b",
    re.I,
)
_COMMODITY_AFTER = re.compile(
    # "1.7 mn tons oil", "2.5 mn tons of dry cargo", "2.5 mn tons will be dry cargo"
    rf"^\s*(?:of\s+|(?:will\s+be|would\s+be|is|are|was|were)\s+)?{COMMODITY}\b",
    re.I,
)
#: "dry cargo (96,000 TEU)": the same goods counted in another unit.
_COMMODITY_BRACKET = re.compile(rf"\b{COMMODITY}\s*\(\s*(?:about\s+|some\s+)?$", re.I)


def a_commoditys_share(q: Quantity, sentence: str) -> bool:
    """The figure is what one kind of goods came to ("grain transport grew 25-fold to 600,000
    tons", "2.5 mn tons of dry cargo"): a part of the route's traffic, not its traffic."""
    a, _ = scopes.clause_of(sentence, q.start)
    return bool(
        _COMMODITY_BEFORE.search(sentence, a, q.start)
        or _COMMODITY_AFTER.match(sentence[q.end :])
        or _COMMODITY_BRACKET.search(sentence, a, q.start)
    )


#: "5.2 mn tons, 4.2 mn tons of which will cross ...", "of that, 2.5 mn tons": a part of the
#: figure said before it.
_PART_AFTER = re.compile(r"^\s*(?:of\s+(?:which|them|it)|thereof)\b", re.I)
_PART_BEFORE = re.compile(
    r"\b(?:of\s+(?:which|that|this|these|them|it)|among\s+(?:them|which))\s*,?\s+"
    r"(?:(?:some|about|around|over|nearly|almost|more\s+than)\s+)?$",
    re.I,
)


def a_part_of_the_figure_before(q: Quantity, sentence: str, earlier: bool) -> bool:
    """The figure is a part of one said before it in the sentence, in the same unit
    (``earlier``): "X, Y of which will ...", "of that, Z will be ..."; the whole is the fact, its
    parts are not. A figure in another unit ("6 mn tons a year, 100,000 TEU of it for
    containers") is another measure of the whole, read on its own."""
    return earlier and bool(
        _PART_AFTER.match(sentence[q.end :]) or _PART_BEFORE.search(sentence, 0, q.start)
    )
