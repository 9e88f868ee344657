"""Cost, length, stake and counts: the fields a money, kilometre, share or count figure fills.

Money with a word of cost ("cost", "price tag", "bill", "put at", "a $8 billion railway") is a
cost; money given as grants, trade or fees is not. Kilometres are a length, or a section length
where the clause names a section and its country ("the Kyrgyz stretch", "on Tajik soil",
"Kazakhstan (520 km)") or a stretch between two places; a distance ("300 km from Almaty") is
neither. A share with a word of ownership ("will hold 51 percent") is a stake, with its holders as
scope; tunnels and bridges are counts.
"""

from __future__ import annotations

import re

from . import phrases, scopes
from . import stakes as split
from .context import THAT_SECTION, Context
from .fields import Value
from .quantities import Quantity, num_text

COST_CUE = re.compile(
    r"\b(?:cost|costs|costing|costed|price\s+tag|bill|budget|investment|invested|invest|put\s+at|"
    r"estimated\s+at|valued\s+at|financ\w*|funding|spend|spent|"
    r"capital expenditure)\b",
    re.I,
)
NOT_COST = re.compile(
    r"\b(?:grants?|trade|turnover|exports?|imports?|revenue|profits?|fees?|tax|taxes|"
    r"dividends?|royalt\w*)\b",
    re.I,
)
STAKE_CUE = re.compile(
    r"\b(?:stake|stakes|share|shares|hold|holds|held|holding|own|owns|owned|owning|interest|"
    r"equity)\b",
    re.I,
)
#: "China will lend the other $2.3bn", "a loan of $2.35 billion": one party's loan is a part of
#: what the project costs, never its cost.
LOAN = re.compile(r"\b(?:loans?|credits?|credit\s+lines?|lend\w*|lent|borrow\w*)\b", re.I)
#: Money a project draws into a country ("will draw $3bn of Chinese investment into the Tajik
#: economy", "expects it to bring in more than $3 billion of direct investment"): an inflow the
#: host country counts, never what the project costs.
INFLOW_BEFORE = re.compile(
    r"\b(?:draw|draws|drew|drawn|drawing|attract\w*|bring|brings|bringing|brought|lure\w*|"
    r"pull|pulls|pulled)\s+(?:in\s+)?(?:(?:more\s+than|over|about|some|around|nearly|almost|"
    r"up\s+to)\s+)?(?:US\s*)?\$?\s*$",
    re.I,
)
INFLOW_AFTER = re.compile(
    r"^[^.;]{0,50}?\binvestments?\s+(?:in|into|to)\s+(?:the\s+|its\s+)?(?:[\w’'-]+\s+){0,2}?"
    r"(?:economy|economies|country|countries|region|republic)\b",
    re.I,
)
DISTANCE = re.compile(r"^\s*(?:away|from|north|south|east|west|outside|off)\b", re.I)
_GLUED_HEAD = re.compile(
    r"^\s*(?:-?long\s+)?(?:\w+\s+){0,2}?(?:railway|railroad|line|pipeline|route|link|spur|road|"
    r"highway|track|corridor|branch)\b",
    re.I,
)


def cost(q: Quantity, sentence: str, countries: set[str]) -> Value | None:
    after = sentence[q.end : q.end + 40]
    near_head = re.match(r"^\s*(?:[\w-]+\s+){0,2}?(?:railway|pipeline|project|line|port)\b", after)
    # the figure's own clause decides: "building it will cost $1.2bn, and it will pay $2bn in
    # taxes" is one cost; "pledged $1tn for projects, but how much was spent" none
    a, b = scopes.clause_of(sentence, q.start)
    if NOT_COST.search(sentence, a, b) and not near_head:
        return None
    own = re.split(r"\d[\d,.]*\s*(?:bn|billion|million|mn)?\b", sentence[a : q.start])[-1]
    earmarked = re.match(
        r"\s*(?:\w+\s+)?(?:for|to\s+(?:build|fund|finance))\s+(?:the|that|this|its)\s+", after
    )
    if INFLOW_BEFORE.search(sentence, 0, q.start) or INFLOW_AFTER.match(sentence[q.end :]):
        return None  # "will draw $3bn of investment into the economy": the host's inflow
    if LOAN.search(own):
        # "... will give a loan of $2.35 billion": a part of the financing; "lending $1.9bn for
        # that section" pays for the work it names
        return _cost_value(q, sentence, countries) if earmarked else None
    if not (COST_CUE.search(sentence, a, b) or near_head):
        return None
    return _cost_value(q, sentence, countries)


def _cost_value(q: Quantity, sentence: str, countries: set[str]) -> Value:
    scope = _cost_scope(sentence, q, countries)
    return Value(
        "cost",
        num_text(q.number),
        q.unit,
        q.qualifier,
        q.start,
        scope=scope,
        reason=f"{sentence[q.start : q.end]!r} with a word of cost",
    )


def _cost_scope(sentence: str, q: Quantity, countries: set[str]) -> str:
    """ "Putting the line across Kyrgyzstan is estimated to cost ...": the section's country."""
    names = "|".join(re.escape(c) for c in sorted(countries, key=len, reverse=True)) or "(?!)"
    m = re.search(
        rf"\b(?:line|section|stretch|leg|part|track)\s+(?:across|through|in)\s+(?P<c>{names})\b",
        sentence[: q.start],
    )
    if m:
        return m.group("c")
    # "$4.7bn, of which $1.3bn on the Kyrgyz section": the section is the later figure's
    later = re.search(r"\d", sentence[q.end :])
    own = sentence[: q.end + later.start()] if later else sentence
    return scopes.section_country(own, q.start, q.end, countries)


def _section(q: Quantity, where: str, reason: str) -> Value:
    """A length that is one country's or one stretch's part of the line, never the whole's."""
    return Value(
        "section_length", num_text(q.number), "km", q.qualifier, q.start, scope=where, reason=reason
    )


#: "the cargo will cover 9,000 km", "trains travel 3,000 km": a load's trip, not a length.
TRIP_DISTANCE = re.compile(
    r"\b(?:cargo|goods|freight|load|shipment|containers?|trains?|wagons?|consignment|trip|journey|"
    r"run|service)\s+(?:\w+\s+){0,3}?(?:cover|covers|covered|travel|travels|travelled|traveled)\s+"
    r"(?:(?:some|about|around|over|nearly|more\s+than|roughly)\s+)?$",
    re.I,
)


def _trip_distance(q: Quantity, sentence: str, last_place: str) -> Value | None:
    """How far a load goes: the stretch between the two places the trip names ("cover 7,000 km
    from Xi'an to Baku", or "to Baku" after a sentence that set off from Xi'an), never the
    line's whole length; no stretch, no figure. ``last_place`` is where the trip the article
    read last set off."""
    a, b = scopes.clause_of(sentence, q.start)
    where = scopes.stretch(sentence[a:b])
    to = re.match(r"\s*(?:\w+\s+)?to\s+(?:the\s+)?([A-Z][\w’'-]*)", sentence[q.end : b])
    if not where and to and last_place and to.group(1) != last_place:
        where = f"{last_place}–{to.group(1)}"
    if not where:
        return None
    return _section(q, where, f"{sentence[q.start : q.end]!r}, a trip's distance ({where})")


#: "Of the distance, 2,300 km lay in Turkey", "of the journey, ...": how one trip's distance
#: splits by country; the trip's parts are no section of the line.
_OF_A_TRIP = re.compile(
    r"\bof\s+(?:the|this|that|its|their)\s+(?:whole\s+|total\s+)?(?:distance|journey|trip|run)\s*,",
    re.I,
)


def length(
    q: Quantity, sentence: str, countries: set[str], last_section: str = "", last_place: str = ""
) -> Value | None:
    if DISTANCE.match(sentence[q.end :]) and not re.match(
        r"\s*from\s+(?:the\s+)?[A-Z][^,;.]*?\s+to\s+(?:the\s+)?[A-Z]", sentence[q.end :]
    ):
        return None  # "300 km from Almaty": a distance; "1,830 km from A to B" is a length
    if _OF_A_TRIP.search(sentence[: q.start]):
        return None  # "Of the distance, 2,300 km lay in Turkey": a part of one trip, no section
    if TRIP_DISTANCE.search(sentence[: q.start]):
        return _trip_distance(q, sentence, last_place)
    if scopes.not_a_length(sentence, q.start, q.end):
        return None  # "1,000 km shorter", "cut the distance by 900 km", "a 1.56-km tunnel"
    text = sentence[q.start : q.end]
    # "the 380-kilometre branch", "the 523 km line": the length of what the figure qualifies
    glued = bool(_GLUED_HEAD.match(sentence[q.end :])) and not scopes.glued_part(sentence, q.end)
    # "200 km of pipeline in Turkmenistan": an amount of it, placed by what follows
    glued = glued and not re.match(r"\s*of\s", sentence[q.end :])
    a0, _ = scopes.clause_of(sentence, q.start)
    if re.search(r"\b(?:tunnels?|bridges?|viaducts?)\b", sentence[a0 : q.start], re.I):
        return None  # "40 tunnels with a combined length of 80 km": the tunnels' length
    reason = f"{text!r}"
    placed = "" if glued else scopes.country_after(sentence, q.end, countries)
    if not glued:  # "the 5,000-kilometre route": the route's own length, wherever the clause is
        placed = placed or scopes.bracketed(sentence, q.start, q.end, countries)
        placed = placed or scopes.clause_place(sentence, q.start, countries)
        placed = placed or scopes.country_before(sentence, q.start, countries)
    if placed:
        return _section(q, placed, f"{reason} in {placed}, a section")
    if scopes.split_later(sentence, q.end) or scopes.bracket_of_head(
        sentence, q.start, q.end, countries
    ):
        return Value("length", num_text(q.number), "km", q.qualifier, q.start, reason=reason)
    if scopes.is_partial_stretch(sentence, q.start):
        return None  # "the first 160 km": a stretch from one end, not the whole nor a country's
    if not glued and scopes.is_section(sentence, q.start):
        country = scopes.section_country(sentence, q.start, q.end, countries)
        a, b = scopes.clause_of(sentence, q.start)
        where = country or scopes.stretch(sentence[a:b])
        if not where and last_section and THAT_SECTION.search(sentence[a:b]):
            where = last_section  # "The section will run for 215 km": the section just named
        if not where:
            return None  # a section with no country or ends named: whose, the curator decides
        return _section(q, where, f"{reason}, a section ({where})")
    if re.match(r"\s*of\s+(?:it|them|this|that|which|these)\b", sentence[q.end :], re.I):
        return None  # "1,000 km in all, 840 km of it outside China": a part with no country
    return Value("length", num_text(q.number), "km", q.qualifier, q.start, reason=reason)


#: "have bought 49% of the company": the buyers hold what they bought.
BOUGHT = re.compile(
    r"\b(?:(?:have|has|had|will|would|to)\s+)?(?:bought|buy|buys|buying|acquired|acquire|acquires|"
    r"acquiring|purchased|purchase|purchases)\s+(?:(?:a|an|the)\s+)?(?:\w+\s+)?$",
    re.I,
)
_NAMES = r"[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|of|and))*"
#: "each of them holds 24.5 percent": the holders the sentence before named.
EACH_OF_THEM = re.compile(r"\b(?:each|both)\s+of\s+them\b|\bthey\s+(?:each|both)\b", re.I)


def _buyers(sentence: str, at: int) -> list[str] | None:
    """The buyers of a share, or None when no verb of buying governs it; [] when they bought it
    "together" (a joint figure that reporting splits, not one holder's stake) or go unnamed
    ("partners buy 49%": who holds it, the body says)."""
    verb = BOUGHT.search(sentence[:at])
    if not verb:
        return None
    head = sentence[: verb.start()]
    if re.search(r"\btogether\s*$|\bjointly\s*$", head):
        return []
    names = [
        m.group()
        for m in re.finditer(rf"(?<![\w’'])({_NAMES})", head)
        if (word := re.sub(r"^(?:The|A)\s+", "", m.group())) not in ("The", "A")
        and word not in scopes.DEMONYMS  # "Chinese partners": unnamed
        # "Foreign investors buy": a capital at the start, before the noun it qualifies
        and not (m.start() == 0 and " " not in word and re.match(r"\s+[a-z]", head[m.end() :]))
        # "agreed with Kazakhstan's railway to buy": the seller or partner, not a buyer
        and not re.search(r"\b(?:with|from)\s+$", head[: m.start()])
    ]
    if not names:
        return []
    name = re.sub(r"^The\s+", "", names[-1]).strip()
    if re.search(r"\beach\s*$", head) or re.match(r"[^.;]*?\brespectively\b", sentence[at:]):
        # "A and B will each buy 24.5%": one stake each, named as the curator records a holder
        return [_LEGAL_TAIL.sub("", n) for n in re.split(r",\s*|\s+and\s+", name) if n]
    return [name]


#: "China COSCO Shipping Corporation": the legal form is no part of the holder's name.
_LEGAL_TAIL = re.compile(r"\s+(?:Corporation|Corp|Company|Co|Ltd|Limited|Inc|LLC|JSC|PLC)\.?$")


_LEGAL = r"(?:Group|Co|Ltd|Limited|Inc|LLC|JSC|PLC|plc)\.?"


def abbreviations(sentence: str) -> dict[str, str]:
    """ "Lianyungang Port Holdings Group Co., Ltd. (LPH)": LPH -> Lianyungang Port Holdings, so
    that a holder named later by its letters is named as the curator records it."""
    out = {}
    for m in re.finditer(r"\s\((?P<abbr>[A-Z][A-Za-z]{1,5})\)", sentence):
        pieces = re.split(r",\s+", sentence[: m.start()])
        name = pieces.pop()
        while pieces and re.fullmatch(_LEGAL, name.strip()):
            name = f"{pieces.pop()}, {name}"
        run = re.search(r"(?:[A-Z][\w&’'-]*\.?,?\s+(?:(?:of|and|&)\s+)?)*[A-Z][\w&’'-]*\.?$", name)
        if run:
            full = re.sub(rf"(?:,?\s+{_LEGAL})+$", "", run.group()).strip(" ,")
            last = re.split(r"\s+(?:and|&)\s+", full)[-1]
            if len(last.split()) >= 2:  # "A and B Port Holdings Co. (BPH)": BPH is the last
                full = last
            if full and full != m.group("abbr"):
                out[m.group("abbr")] = full
    return out


#: The note of a share bought together by several buyers.
JOINT = "A share bought together by several buyers; write them in scope."


def joint_only(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The rows without a joint share of a system whose split the article also gives ("each
    buys 24.5%"): the split is the record, the sum is not."""
    split = {r["corridor"] for r in rows if r["field"] == "stake" and r["note"] != JOINT}
    return [
        r
        for r in rows
        if not (r["field"] == "stake" and r["note"] == JOINT and r["corridor"] in split)
    ]


#: A percent that measures a change ("grew by 6%", "up 39%", "an increase of 70%", "40% more
#: containers"): a rate of growth, never a share held, whatever company name ("X Holding") the
#: sentence also carries.
_CHANGE_BEFORE = re.compile(
    r"\b(?:by|up|down|rose|grew|climbed|jumped|fell|dropped|gained|increased|decreased|"
    r"(?:an?\s+)?(?:increase|rise|growth|jump|drop|fall|decline|gain)\s+of)\s+"
    r"(?:(?:some|about|nearly|almost|around|over|more\s+than)\s+)?$",
    re.I,
)
_CHANGE_AFTER = re.compile(r"^\s*(?:more|less|fewer|higher|lower|up|down)\b", re.I)
#: "the corridor's share should grow to 5%": a share of the traffic that changes, not a share
#: held ("a share in the venture", "raised its stake to 51%" are held).
_MARKET_SHARE = re.compile(
    r"\bshare\b(?!\s+in\b)[^.%;]{0,40}?\b(?:grow|grew|rise|rose|reach|increase|climb|fall|fell|"
    r"drop)\w*\b[^.%;]{0,25}$",
    re.I,
)

#: "the share of Kazakh exports in the route's cargo reached 74%", "its share of the transit
#: traffic is 40%": a part of what moves, never a part of who owns.
_FLOW_SHARE = re.compile(
    r"\bshare\s+of\s+(?:[\w’'-]+\s+){0,3}?(?:exports?|imports?|traffic|cargo|freight|volumes?|"
    r"transit|trade|containers?|shipments?|goods|flows?|market|transport\w*)\b",
    re.I,
)


#: A split given after the money it divides ("half of the sum is to be put up jointly by A, B
#: and C: A takes 51%, ..."): shares of the funding, no stakes (convention 6).
_FUNDING_SPLIT = re.compile(
    r"\b(?:put\s+up|provided|financed|funded|paid|contributed|covered)\b[^.;:]{0,80}:\s*[^.;:]*$",
    re.I,
)


def stakes(q: Quantity, sentence: str, ctx: Context) -> list[Value]:
    """A share with a word of ownership or of buying, with its holders as scope; "each of them"
    takes the holders named before. A percent of change is none."""
    if not 0 < q.number <= 100:
        return []
    if _CHANGE_BEFORE.search(sentence[: q.start]) or _CHANGE_AFTER.match(sentence[q.end :]):
        return []
    if _MARKET_SHARE.search(sentence[: q.start]) or _FLOW_SHARE.search(sentence[: q.start]):
        return []
    if _FUNDING_SPLIT.search(sentence[: q.start]):
        return []
    bought = _buyers(sentence, q.start)
    cued = STAKE_CUE.search(sentence) is not None
    earlier = [
        m
        for m in _PERCENT.finditer(sentence, 0, q.start)
        if cued or split.held(sentence, *m.span())
    ]
    later = split.gapped(sentence, q.start, q.end, bool(earlier) or cued)
    if bought is None and not (cued or later or split.held(sentence, q.start, q.end)):
        return []
    holders = (
        bought if bought is not None else (phrases.holders(sentence, q.start) or later or [""])
    )
    holders = split.each(holders, sentence, q.start, q.end)
    if bought == []:
        names = re.findall(rf"(?<![\w’'])({_NAMES})", sentence[: q.start])
        ctx.last_holders = [p.strip() for p in names[-1].split(" and ")] if names else []
        # "A and B together buy 49%", "the investors buy 49% between them": the sum of their
        # stakes, which curators record only where the report gives no split (see joint_only)
        why = f"{sentence[q.start : q.end]!r}, a share bought together"
        return [
            Value("stake", num_text(q.number), "%", q.qualifier, q.start, note=JOINT, reason=why)
        ]
    named_before = bool(EACH_OF_THEM.search(sentence[: q.start]) and ctx.last_holders)
    if named_before:
        holders = ctx.last_holders
    holders = [ctx.abbreviations.get(h, h) for h in holders]
    if holders != [""]:
        ctx.last_holders = holders
    note = "" if holders != [""] else "The sentence names no holder; write it in scope."
    return [
        Value(
            "stake",
            num_text(q.number),
            "%",
            q.qualifier,
            q.start,
            note=note,
            scope=h,
            reason=f"{sentence[q.start : q.end]!r}, a share held"
            + (" (the holders named before)" if named_before else ""),
        )
        for h in holders
    ]


#: A percent as reporting writes it: "51%", "24.5 percent", "49 per cent".
_PERCENT = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)?\s*(?:%|per\s*cent\b|percent\b)", re.I)


#: "digging has begun at 18 sites", "crews are busy on 17 bridges": the structures being worked
#: on, not how many the line has (that is what it "needs", "has" or "calls for").
AT_WORK = re.compile(r"\b(?:on|at)\s+(?:(?:about|some|around|nearly|over|more\s+than)\s+)?$", re.I)


#: "four tunnels have been completed", "12 bridges are under construction", "has bored 9 tunnels":
#: the structures done or under way so far, progress, not how many the line has.
_DONE = (
    r"(?:completed|finished|bored|dug|drilled|excavated|built|holed\s+through|broken\s+through|"
    r"started|begun|launched|under\s+construction|being\s+(?:built|bored|dug|drilled))"
)
PROGRESS_AFTER = re.compile(
    rf"^\s*(?:(?:have|has|had|were|was|are|is)\s+)?(?:already\s+|now\s+|so\s+far\s+)?"
    rf"(?:been\s+)?{_DONE}\b"
)
PROGRESS_BEFORE = re.compile(
    r"\b(?:(?:have|has|had)\s+(?:now\s+|already\s+)?(?:completed|finished|bored|dug|drilled|"
    r"excavated|built|started|begun|launched)|another|the\s+first)\s+"
    r"(?:(?:about|some|around|nearly|over|more\s+than)\s+)?$",
    re.I,
)


def count(q: Quantity, sentence: str, countries: set[str]) -> Value | None:
    if not q.number.is_integer():
        return None
    if AT_WORK.search(sentence[: q.start]) or re.match(
        r"\s*(?:sites?|portals?|faces?)\b", sentence[q.end :]
    ):
        return None
    if PROGRESS_AFTER.match(sentence[q.end :]) or PROGRESS_BEFORE.search(sentence[: q.start]):
        return None  # "four tunnels have been completed so far": progress, not the line's count
    country = scopes.section_country(sentence, q.start, q.end, countries)
    return Value(
        q.unit,
        num_text(q.number),
        "",
        q.qualifier,
        q.start,
        scope=country,
        reason=f"{sentence[q.start : q.end]!r}",
    )
