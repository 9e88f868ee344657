"""Values stated in words: status, lines, operator, role, context, route and countries, and the
holders of a stake.

Statuses are read by statuses.py (a vocabulary of stage phrases and the mood of their clause);
each stage named in a sentence is read where it stands, so "Lines A, B and C are in service, while
Line D is under construction" gives each its own.
A role is what a thing is for (", which will ...", "is designed to ..."); a context why it matters
("gained renewed urgency as ..." is written "Gained importance after ...", as the curated contexts
are). Routes are read with their countries in route order: "from Turkmenistan to China across
Uzbekistan and Kazakhstan" -> Turkmenistan;Uzbekistan;Kazakhstan;China.
"""

from __future__ import annotations

import re

from . import crossings, legs, stages
from . import operators as joint
from .fields import Value
from .known import LINE_LIST, listed_lines
from .scopes import DEMONYMS
from .statuses import statuses

_ORG_WORDS = (
    r"Company|Group|Corporation|Corp\.?|Holdings|Authority|Railways?|Administration|JSC|CJSC|LLC|"
    r"Ltd\.?"
)
#: A company's name: capitalised words, the first glued to the next by a dash ("KTZE-Khorgos
#: Gateway", "KTZE – Khorgos Gateway").
_NAME = r"[A-Z][\w’'-]*(?:[ \t]*[-–][ \t]*[A-Z][\w’'-]*|[ \t]+[A-Z][\w’'-]*){0,6}"
OPERATOR = re.compile(
    r"\b(?:Chairman|Chairwoman|General Manager|Director|CEO|Chief Executive|President|head)\s+of"
    rf"\s+(?P<org>(?:[A-Z][\w’'-]*\s+){{0,7}}?(?:{_ORG_WORDS})(?:\s+(?:Company|Group|"
    r"Corporation|Holdings|JSC|LLC|Ltd\.?))*)"
    # "operated by X", "run jointly by "X and Y"": each company named
    rf"|\b(?:operated|run|managed)\s+(?:jointly\s+)?by\s+[«\"“]?(?P<org2>{_NAME}(?:\s+(?:and|&)\s+{_NAME})?)"
    # "the dry port operator X", "its operator «X»": the role, then the company
    r"|\b(?:[Ii]ts|[Tt]he)\s+(?:(?:dry\s+)?port\s+|pipeline\s+|railway\s+|terminal\s+|joint\s+|new\s+)?"
    rf"operator,?\s+[«\"“]?(?P<org5>{_NAME})"
    # "Khorgos Gateway, the company that runs the dry port", "X LLC, the joint operator that ..."
    r"|(?P<org3>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,5}),\s+the\s+(?:(?:company|firm|operator)\s+"
    r"(?:that|which)\s+(?:will\s+(?:be\s+)?)?(?:runs?|running|operates?|operating|manages?|managing)\b"
    r"|(?:joint\s+|sole\s+|new\s+|main\s+)?operator\b"
    # "X, the dry port's operator", "X, which runs the dry port"
    r"|(?:[\w-]+\s+){0,3}?[\w-]+(?:’s|'s)\s+operator\b)"
    r"|(?P<org10>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,5}),\s+(?:which|that|who)\s+(?:now\s+|also\s+)?"
    r"(?:operates|runs|manages)\s+the\b"
    # "X is (will be) the operator of the dry port", "the operator of the dry port is X"
    rf"|(?<![\w’'-])(?P<org8>{_NAME})\s+(?:is|was|will\s+be|became|has\s+become)\s+(?:the|its)\s+"
    r"(?:new\s+|sole\s+|main\s+|joint\s+)?operator\s+of\b"
    rf"|\b[Tt]he\s+operator\s+of\s+the\s+[^,.;]{{1,60}}?\s+(?:is|was|will\s+be)\s+(?P<org9>{_NAME})"
    # "Khorgos Gateway operates the dry port": a company, the verb, the thing it runs
    rf"|(?<![\w’'-])(?P<org7>{_NAME})\s+(?:now\s+|also\s+|jointly\s+)?(?:operates|runs|manages)\s+"
    r"(?:the|both|its)\b"
    # "the gas flows through the pipeline of X Pipeline Company": whose it is, who runs it
    rf"|\bthe\s+(?:pipeline|railway|line|port|terminal|network)\s+of\s+"
    rf"(?P<org4>(?:[A-Z][\w’'-]*\s+){{0,6}}?(?:{_ORG_WORDS}))"
)
#: Names that are places, never operators: "China runs the ...".
_PLACES_NOT_ORGS = set(DEMONYMS) | set(DEMONYMS.values())
#: Legal forms that are no part of an operator's name as curators write it ("... LLC").
_LEGAL_FORM = re.compile(r"(?:,?\s+(?:LLC|Ltd|LLP|JSC|CJSC|PLC|Inc|GmbH)\.?)+$")


def company_name(name: str) -> str:
    """A company's name without its legal form: "Middle Corridor Multimodal LLC" -> "Middle
    Corridor Multimodal" ("Company" and "Corporation" stay: they are part of the name)."""
    return _LEGAL_FORM.sub("", re.sub(r"^(?:the|The)\s+", "", name.strip())).strip()


#: "run and developed by a consortium ...: A, B's C, the D and E of F", "run by members of the
#: route's association: A (Azerbaijan), B (Kazakhstan) and C": every member operates it.
OPERATORS = re.compile(
    r"\b(?:run|operated|managed)(?:\s+and\s+\w+)?\s+by\s+(?:(?:a|the)\s+(?:consortium|group|"
    r"alliance|association)|(?:the\s+)?(?:members|partners|member\s+companies)\s+of)\b[^:]*:\s*"
    r"(?P<list>[^.;]+)"
)
ROLE = (
    re.compile(r"\bis designed to (?!(?:carry|handle|deliver|transport|pump|move)\b)(?P<v>[^.;]+)"),
    # "is expected to boost trade" says what it is for; "is expected to take six years" does not
    re.compile(
        r"\bis expected to (?!(?:take|last|cost|reach|be|begin|start|open|finish|carry|handle|"
        r"need|run)\b)(?P<v>[^.;]+)"
    ),
    re.compile(r"\bplays? an? (?:\w+ )?role in (?P<v>[^.;]+)"),
    re.compile(r"\bserving as (?:an? |the )(?P<v>[^.;,]+)"),
    re.compile(r"\bcould (?:potentially )?help (?P<v>[^.;]+)"),
    re.compile(
        r"\bto (?P<v>(?:reduce|cut|increase|decrease|boost|improve|facilitate|secure|shorten|"
        r"lower)\b[^.;,]+)"
    ),
    re.compile(r"^(?:Ensures|Provides|Promotes) (?P<v>[^.;]+)"),
    # ", which will streamline logistics": what a project named just before is to do
    re.compile(r",\s+which\s+(?P<v>(?:will|would|could|can|should)\s+[^.;]+)"),
)
APPOSITIVE = re.compile(r"^,\s+(?:an?|the)\s+(?P<v>[^.;,]+)")
#: "gained new importance after ...", "gained renewed urgency as ...": the curated context reads
#: "Gained importance after <the cause>" for every such phrase (its words of weight and of time are
#: one notion), so the proposal is written that way, with the cause in the article's own words.
CONTEXT = re.compile(
    r"\bgained (?:new |renewed |fresh |added )?(?:importance|urgency|momentum|significance|"
    r"relevance)\s+(?P<link>after|as|since)\s+(?:the\s+)?(?P<cause>[^.;]+)",
    re.I,
)
#: "Malabayev, General Manager of X Company, expressed encouragement at ...": who, which office of
#: what, and what they said.
OFFICER_SAYS = re.compile(
    r"^(?P<who>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}),\s+(?P<title>Chairman|Chairwoman|"
    r"General Manager|Director|CEO|Chief Executive|President|Head)\s+of\s+(?P<org>[^,]+),\s+"
    r"(?P<said>[a-z][^.;]*)"
)
#: What a thing named by its kind is for, closing the sentence: "for electric heavy vehicles."
PURPOSE = re.compile(r"\bfor\s+(?P<v>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,5})\s*[.;!]?$")
#: Words saying a port is part of a corridor named after them.
LINKED = re.compile(
    r"\b(?:hub|node|gateway|terminal|part|section|stop|station|leg)\s+(?:in|of|on|for|along)\b"
    r"|\b(?:on|along|joins?|joining)\s+(?:the\s+)?$",
    re.I,
)
#: A word that ends a place in a route: "to the Caspian Sea for electric heavy vehicles".
_ROUTE_END = (
    r"(?=[.;,]|$|\s+(?:for|with|by|as|which|that|in order to|carrying|on its way|"
    # "a railway from A to B across C will begin ...": the route named in the subject ends at
    # the verb
    r"will|would|should|could|is|are|was|were|has|have|had)\b)"
)
_VIA = r"(?:via|through|across)"
_CROSS = r"(?:cross(?:es|ing)?|(?:runs?|running|pass(?:es|ing)?|goes|going)\s+through)"
_ENTER = r"(?:enter(?:s|ing)?|reach(?:es|ing)?)"
_ITEM = r"(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*"
#: A list of places: "Kazakhstan, Azerbaijan, Georgia and Turkey".
_LIST = rf"{_ITEM}(?:\s*,\s*{_ITEM})*(?:,?\s+and\s+{_ITEM})?"
#: "link A and B via C", "from A through C to B", "from A to B across C", "connecting A with B",
#: "starts in A and runs through B, C and D".
ROUTE = (
    re.compile(
        r"\blinks?\s+(?P<a>.+?)\s+(?:and|with|to)\s+(?P<b>.+?)"
        rf"(?:\s+via\s+(?P<via>{_LIST}|.+?))?" + _ROUTE_END
    ),
    re.compile(rf"\bfrom\s+(?P<a>.+?)\s+{_VIA}\s+(?P<via>{_LIST})\s+to\s+(?P<b>.+?)" + _ROUTE_END),
    re.compile(
        rf"\bfrom\s+(?P<a>.+?)\s+to\s+(?P<b>.+?)(?:\s+{_VIA}\s+(?P<via>{_LIST}))?" + _ROUTE_END
    ),
    re.compile(rf"\bconnect(?:s|ing)?\s+(?P<a>{_LIST})\s+with\s+(?P<b>{_ITEM})" + _ROUTE_END),
    re.compile(rf"\bbetween\s+(?P<a>{_LIST})(?P<b>)(?P<via>)" + _ROUTE_END),
    re.compile(
        rf"\bstarts\s+in\s+(?P<a>{_ITEM})\s+and\s+runs\s+{_VIA}\s+(?P<via>{_LIST})(?P<b>)"
        + _ROUTE_END
    ),
    # "from A it crosses B, C and D to enter E": the ends and the countries between
    re.compile(
        rf"\b[Ff]rom\s+(?P<a>{_ITEM})\s+(?:it\s+|they\s+)?{_CROSS}\s+(?P<via>{_LIST})\s+"
        rf"(?:to|before|and|then)\s+{_ENTER}\s+(?P<b>{_ITEM})" + _ROUTE_END
    ),
    # "leave A through B and C before entering D"
    re.compile(
        rf"\b(?:leaves?|leaving|exits?|exiting)\s+(?P<a>{_ITEM})\s+{_VIA}\s+(?P<via>{_LIST})\s+"
        rf"(?:to|before|and|then)\s+{_ENTER}\s+(?P<b>{_ITEM})" + _ROUTE_END
    ),
)
#: "... through B, C and D instead": the way of a route just described, between its same ends.
INSTEAD = re.compile(rf"\b{_VIA}\s+(?P<via>{_LIST})\s+instead\b")
#: "From there it crosses ...": where the previous sentence left off.
FROM_THERE = re.compile(r"\b([Ff])rom there\b")
#: A compass word before a country: "western China", "north-west China".
_COMPASS = re.compile(
    r"^(?:(?:north|south)(?:-?(?:east|west))?(?:ern)?|east(?:ern)?|west(?:ern)?|central)\s+",
    re.I,
)
_POSSESSIVE_REGION = re.compile(
    r"^(?P<country>[A-Z]\w+)(?:’s|'s)\s+(?P<region>[A-Z][\w-]*)(?:\s+(?:province|region))?$"
)


def cap(text: str) -> str:
    text = text.strip().rstrip(",")
    return text[:1].upper() + text[1:]


def _place_item(text: str, countries: list[str], places: list[str]) -> tuple[str, str | None, bool]:
    """One route item as shown ('Xinjiang (China)', 'the Caspian Sea'), the country it names if
    any, and whether it is a country or a known place."""
    shown = text.strip()
    text = re.sub(r"^the\s+(?=[A-Z])", "", shown)
    # "western China", "Turkmenistan's deposits", "Turkmen gas fields": the country, told more
    # closely
    bare = _COMPASS.sub("", text)
    bare = re.sub(r"(?:’s|'s)\s+[a-z][a-z\s-]*$", "", bare)
    demonym = re.fullmatch(r"(?P<d>[A-Z]\w+)\s+[a-z][a-z\s-]*", bare)
    if demonym and DEMONYMS.get(demonym.group("d")) in countries:
        bare = DEMONYMS[demonym.group("d")]
    if bare in countries and bare != text:
        return bare, bare, True
    if crossings.COUNTRY_ALIASES.get(text) in countries:  # "Türkiye": Turkey
        shown = text = crossings.COUNTRY_ALIASES[text]
    m = _POSSESSIVE_REGION.match(text)
    if m and m.group("country") in countries:
        return f"{m.group('region')} ({m.group('country')})", m.group("country"), True
    if text in countries:
        return text, text, True
    if text in places:
        return shown, None, True
    # another capitalised place ("Europe", "Urumqi"): shown, not a country; anything else is no place
    place = re.fullmatch(r"[A-Z][\w-]*(?: [A-Z][\w-]*)*", text)
    return shown, "" if place else None, False


def _items(text: str) -> list[str]:
    return [p for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", text.strip()) if p]


def _route_text(pattern: re.Pattern, shown: dict[str, list[str]]) -> str:
    join = " and ".join
    via = f" via {join(shown['via'])}" if shown["via"] else ""
    if pattern in (ROUTE[1], ROUTE[6], ROUTE[7]):
        return f"From {join(shown['a'])} through {join(shown['via'])} to {join(shown['b'])}"
    if pattern is ROUTE[2]:
        return f"From {join(shown['a'])} to {join(shown['b'])}{via}"
    if pattern is ROUTE[4]:
        return f"Between {', '.join(shown['a'])}"
    if pattern is ROUTE[5]:
        return f"From {join(shown['a'])} through {join(shown['via'])}"
    return f"{join(shown['a'])} to {join(shown['b'])}{via}"


def _route_match(m: re.Match, countries: list[str], places: list[str]) -> Value | None:
    groups = {k: _items(v) for k, v in m.groupdict().items() if v}
    shown: dict[str, list[str]] = {}
    order: list[str] = []
    known = 0
    for key in ("a", "via", "b"):
        shown[key] = []
        for item in groups.get(key, []):
            label, country, is_known = _place_item(item, countries, places)
            if country is None and not is_known:
                return None
            known += is_known
            shown[key].append(label)
            if country:
                order.append(country)
    # "between China, Kyrgyzstan and Uzbekistan": countries only, three or more
    between = m.re is ROUTE[4] and len(order) >= 3 and len(order) == len(shown["a"])
    if (known < 2 or not shown["a"] or not (shown["b"] or shown["via"])) and not between:
        return None
    route = _route_text(m.re, shown)
    return Value("route", route, at=m.start(), countries=";".join(dict.fromkeys(order)))


def read_route(
    sentence: str,
    countries: list[str],
    places: list[str],
    origin: str = "",
    ends: tuple[str, str] = ("", ""),
) -> Value | None:
    """A route ('Xinjiang (China) to Uzbekistan via Kyrgyzstan') and its countries, in route order.

    Two shapes lean on the sentence before: "From there it crosses ..." starts where it left off
    (``origin``, the last country it named), and "... through B and C instead" runs between the
    ends of the route it described (``ends``)."""
    if origin:
        sentence = FROM_THERE.sub(lambda m: f"{m.group(1)}rom {origin}", sentence)
    if all(ends):
        m = INSTEAD.search(sentence)
        via = [v for v in _items(m.group("via")) if v in countries] if m else []
        if m and len(via) == len(_items(m.group("via"))):
            order = ";".join(dict.fromkeys([ends[0], *via, ends[1]]))
            text = f"From {ends[0]} through {' and '.join(via)} to {ends[1]}"
            return Value("route", text, at=m.start(), countries=order)
    for pattern in ROUTE:
        for m in pattern.finditer(sentence):
            value = _route_match(m, countries, places)
            if value is not None:
                return value
    return None


def _org_name(item: str) -> str:
    """'Kazakhstan's KTZ Express' -> 'KTZ Express'; 'ADY Express of Azerbaijan' -> 'ADY Express'."""
    item = re.sub(r"^(?:the|its)\s+", "", item.strip())
    # "the companies A, B and C": the list's own noun before its first name
    item = re.sub(r"^(?:companies|company|firms?|operators?|carriers?)\s+(?=[A-Z])", "", item)
    item = re.sub(r"^[A-Z][a-z]+(?:’s|'s)\s+", "", item)
    return re.sub(r"\s+of\s+[A-Z][a-z]+$", "", item).strip()


def _company_like(name: str) -> bool:
    """Can the subject of "... operates the X" be a company? Not a pronoun, not a country, and
    not one plain word ("Urumqi runs the ..."), which is a place as likely as a company."""
    if name.split()[0] in ("The", "It", "This", "That", "Its") or name in _PLACES_NOT_ORGS:
        return False
    return " " in name or re.search(r".[A-Z]", name) is not None


def operators(sentence: str) -> list[Value]:
    out = []
    for m in OPERATOR.finditer(sentence):
        at = m.start("org") if m.group("org") else m.start()
        why = f"{m.group().strip()[:60]!r}"
        if m.group("org4"):  # the thing is the company's: operated by it
            out.append(Value("operator", company_name(m.group("org4")), at=at,
                             reason=f"{why}: operated by its owner"))  # fmt: skip
            continue
        orgs = [m.group("org") or m.group("org3") or m.group("org5") or m.group("org9") or ""]
        subject = m.group("org7") or m.group("org8") or m.group("org10")
        if subject:  # "X operates the ...", "X is the operator of ...": X, if a company
            if not _company_like(subject):
                continue
            orgs, why = [subject], f"{why}: operated by"
        if m.group("org2"):  # "operated by A and B": each of them
            orgs = re.split(r"\s+(?:and|&)\s+", m.group("org2"))
            why = f"{why}: operated by"
        for org in orgs:
            out.append(Value("operator", company_name(org), at=at, reason=why))
    known = {v.value for v in out}
    out += [v for v in joint.values(sentence, company_name, _company_like) if v.value not in known]
    for m in OPERATORS.finditer(sentence):
        for item in _items(m.group("list")):
            name = _org_name(re.sub(r"\s*\([^()]*\)", "", item))  # "A (Azerbaijan)": A
            if name[:1].isupper():
                out.append(
                    Value(
                        "operator", name, at=m.start(), reason="a member of the group that runs it"
                    )
                )
    return out


def roles(sentence: str) -> list[Value]:
    out = []
    for pattern in ROLE:
        for m in pattern.finditer(sentence):
            value = re.sub(r"^(?:an?|the)\s+", "", m.group("v").strip())
            out.append(Value("role", cap(value), at=m.start(), reason=f"{m.group().strip()!r}"))
    for m in CONTEXT.finditer(sentence):
        link = "since" if m.group("link").lower() == "since" else "after"
        out.append(
            Value(
                "context",
                f"Gained importance {link} {m.group('cause').strip()}",
                at=m.start(),
                reason=f"{m.group()[:40]!r}…, written as the curated contexts are",
            )
        )
    return out


def read_phrases(
    sentence: str,
    countries: list[str],
    places: list[str],
    origin: str = "",
    ends: tuple[str, str] = ("", ""),
) -> list[Value]:
    """Every value the sentence states in words, normalised as claims.csv stores it (``origin``
    and ``ends``: what the sentence before left, see read_route)."""
    out = statuses(sentence) + stages.at_work(sentence, countries)
    for m in LINE_LIST.finditer(sentence):
        out.append(Value("lines", ";".join(listed_lines(m.group())), at=m.start()))
    out += operators(sentence)
    out += roles(sentence)
    route = read_route(sentence, countries, places, origin, ends)
    if route is not None:
        out.append(route)
        # "from Turkmenistan to China" names the ends, not every country between (as a name of
        # two countries does, and a list of crossings needs three): a route gives its countries
        # only when it names three or more
        if route.countries.count(";") >= 2:
            out.append(
                Value(
                    "countries",
                    route.countries,
                    at=route.at,
                    reason="the countries on the route",
                    countries=route.countries,
                )
            )
    else:
        listed = crossings.crossed(sentence, countries)  # "cross A, then B (205 km) and C"
        if listed is not None:
            out.append(legs.started_before(listed, ends))
    # "from A through B, across the Caspian to C, then through D to E": a route leg by leg
    out = legs.with_walk(out, legs.walked(sentence, countries))
    chain = legs.route_chain(sentence, countries)  # "along the route A–B–C–D"
    if chain is not None and not any(v.field == "countries" for v in out):
        out.append(chain)
    return out


_HOLDER = r"[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|of|and))*"
#: A lowercase noun that finishes a holder named by its country: "the Chinese side", "the Kyrgyz
#: and Uzbek railways".
_HOLDER_NOUN = r"side|railways?|government|governments|company|companies|partner|partners"


def holders(sentence: str, at: int) -> list[str]:
    """Who holds the share at ``at``: the names before 'will hold' / 'owns', or after 'held by'.

    "The national railways, Kyrgyz Temir Zholu and Uzbekistan Temir Yollari, will own 24.5
    percent each": both; "The Chinese side, for now China Railway International or one of its
    subsidiaries, will hold 51 percent": China Railway International.
    """
    before = sentence[:at]
    verb = re.search(
        r"\b(?:will\s+|would\s+|to\s+)?(?:hold|holds|holding|own|owns|owning|get|gets|take|takes|"
        r"taking|have|has|control|controls|controlling)\s+(?:\w+\s+){0,2}$",
        before,
    )
    if verb:
        head = before[: verb.start()]
        # "X, a CNPC subsidiary that owns 100%": the subsidiary holds it, not its parent
        appos = re.search(r",\s+an?\s+(?:[\w-]+\s+){0,2}?(?:subsidiary|affiliate|unit|arm)\s+"
                          r"(?:that|which)\s+$", head)  # fmt: skip
        if appos:
            named = re.findall(rf"(?<![\w’'])({_HOLDER})", head[: appos.start()])
            if named and head[: appos.start()].endswith(named[-1]):
                return [_org_name(named[-1].strip())]
        names = re.findall(rf"(?<![\w’'])({_HOLDER})(?:\s+(?P<noun>{_HOLDER_NOUN}))?", head)
        names = [
            (re.sub(r"^The\s+(?=[A-Z])", "", n), noun)
            for n, noun in names
            if not re.match(r"^(?:A|An|It|Its|They|Under)\b|^The$", n)
        ]
        if names:
            last, noun = names[-1]
            tail = rf"{re.escape(last)}(?:\s+{noun})?\s*,?\s*(?:will|would|to)?\s*$"
            if re.search(tail, head) and " and " in last and re.search(r"\beach\b", sentence[at:]):
                # "the Kyrgyz and Uzbek railways have 24.5% each": each holder with the noun
                return [f"{p.strip()} {noun}".strip() for p in last.split(" and ") if p.strip()]
            return [_org_name(f"{last.strip()} {noun}".strip())]
    after = re.search(rf"\b(?:held|owned)\s+by\s+(?P<h>{_HOLDER})", sentence[at:])
    return [after.group("h").strip()] if after else []
