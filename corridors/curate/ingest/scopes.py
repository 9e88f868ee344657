"""Which part of a system a figure is about: a country ("the Kyrgyz stretch", "on Tajik soil",
"Kazakhstan (520 km)"), a stretch between two places ("the Beijing-Baku trip", "from China to
Baku"), or, for a stake, its holder. Claims keep it in ``scope``; empty means the whole system.

A figure is about a section only where the words say so (a section noun with its country, the
country's territory or soil, a country with the figure in brackets): a country merely named in
the sentence ("Kyrgyz officials give its length as ...") is no section.
"""

from __future__ import annotations

import re

#: Adjectives of the countries of the region, and their country.
DEMONYMS = {
    "Chinese": "China",
    "Kyrgyz": "Kyrgyzstan",
    "Uzbek": "Uzbekistan",
    "Kazakh": "Kazakhstan",
    "Kazakhstani": "Kazakhstan",
    "Tajik": "Tajikistan",
    "Turkmen": "Turkmenistan",
    "Azerbaijani": "Azerbaijan",
    "Azeri": "Azerbaijan",
    "Georgian": "Georgia",
    "Turkish": "Turkey",
    "Iranian": "Iran",
    "Russian": "Russia",
    "Afghan": "Afghanistan",
    "Mongolian": "Mongolia",
}
_DEMONYM_RE = "|".join(DEMONYMS)
#: Nouns naming a part of a line.
SECTION_NOUNS = r"(?:section|sections|stretch|segment|leg|portion|part|end|stage|branch|side)"
#: Clauses: a figure's scope is read in its own clause only.
CLAUSE = re.compile(r";|:|,\s+(?:and|but|while|whereas)\b|\bwhile\b")
#: A stretch between two places, as a trip or a section names it.
_PLACE = (
    r"(?:[A-Z][\w’'-]*\s+(?:port|city|town)\s+of\s+)?"  # "the Georgian port of Poti": Poti
    r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?(?:\s+(?:border|frontier|coast|station))?"
)
STRETCH = re.compile(
    rf"\bfrom\s+(?:the\s+)?(?P<a>{_PLACE})\s+to\s+(?:the\s+)?(?P<b>{_PLACE})"
    rf"|\bbetween\s+(?P<c>{_PLACE})\s+and\s+(?P<d>{_PLACE})"
    # "the Istanbul (Marmaray) – Ankara – Kars – Baku – Xi'an line": a chain of stops, its ends
    rf"|\b(?P<m>[A-Z][\w’']*)(?:\s*\([^()]{{0,30}}\))?(?:\s+[–—-]\s+[A-Z][\w’'-]*(?:\s*\([^()]{{0,30}}\))?){{1,}}"
    rf"\s+[–—-]\s+(?P<n>[A-Z][a-z]+(?:[’'][a-z]+)?)\s+(?:(?:freight|container|cargo|block)\s+)?"
    r"(?:trip|journey|route|run|service|train|trains|line|railway)\b"
    # "the Xi'an-Baku train": a name may hold an apostrophe
    rf"|\b(?P<e>[A-Z][a-z]+(?:[’'][a-z]+)?)\s*[-–—]\s*(?P<f>[A-Z][a-z]+(?:[’'][a-z]+)?)\s+"
    r"(?:(?:freight|container|cargo|block)\s+)?"
    r"(?:trip|journey|route|run|service|train|trains|stretch|section|leg|link|line)\b"
    # "left Xi'an on Sunday for Baku": where it set off, then where it is bound
    rf"|\b(?:left|leaves|leaving|departed|departs)\s+(?P<i>{_PLACE})\b[^.;]{{0,40}}?\bfor\s+"
    rf"(?:the\s+)?(?P<j>{_PLACE})"
    # "reach Baku from the border": the end first, then where the trip begins
    rf"|\breach(?:es|ed|ing)?\s+(?:the\s+)?(?P<h>{_PLACE})\s+from\s+(?:the\s+)?"
    rf"(?P<g>{_PLACE}|border|frontier)"
    # "the first train from Xi'an reached Baku", "trains from China arrive in Baku"
    rf"|\bfrom\s+(?:[\w’']+\s+)?(?P<k>{_PLACE})\s+(?:\w+\s+){{0,2}}?(?:reach(?:es|ed)?|"
    rf"arriv(?:e|es|ed)\s+(?:in|at))\s+(?:the\s+)?(?P<l>{_PLACE})"
)


def clause_of(sentence: str, at: int) -> tuple[int, int]:
    """The (start, end) of the clause of the sentence that holds offset ``at``."""
    start, end = 0, len(sentence)
    for m in CLAUSE.finditer(sentence):
        if m.end() <= at:
            start = m.end()
        elif m.start() > at:
            end = m.start()
            break
    return start, end


def country_of(word: str, countries: set[str]) -> str:
    """A country named by itself or by its adjective; '' otherwise."""
    if word in countries:
        return word
    return DEMONYMS.get(word, "")


def bracketed(sentence: str, start: int, end: int, countries: set[str]) -> str:
    """ "Uzbekistan (205 km), Tajikistan (391 km)": a country with its figure in brackets, one
    item of a split by country."""
    names = "|".join(re.escape(c) for c in sorted(countries, key=len, reverse=True)) or "(?!)"
    before = sentence[max(0, start - 2) : start]
    after = sentence[end : end + 2]
    bracket = re.search(rf"\b({names})\s*$", sentence[max(0, start - 40) : start].rstrip(" ("))
    return bracket.group(1) if bracket and "(" in before and ")" in after else ""


#: "of the China–Kyrgyzstan–Uzbekistan railway": the system a section noun is of, by its name.
_OF_THE_SYSTEM = (
    r"(?:\s+of\s+(?:the\s+|its\s+)?[\w’'–-]+(?:\s+(?:gas\s+)?"
    r"(?:railway|pipeline|line|route|corridor|road|highway))?)?"
)


def section_country(sentence: str, start: int, end: int, countries: set[str]) -> str:
    """The country a figure at [start, end) is a section of, where its clause says so."""
    a, b = clause_of(sentence, start)
    clause = sentence[a:b]
    names = "|".join(re.escape(c) for c in sorted(countries, key=len, reverse=True)) or "(?!)"
    bracket = bracketed(sentence, start, end, countries)
    if bracket:
        return bracket  # "Kazakhstan (520 km)"
    patterns = (
        rf"\b(?P<w>{_DEMONYM_RE}|{names})\s+{SECTION_NOUNS}\b",
        # "Kyrgyzstan's stretch", "Kazakhstan's 1,300-km section": the country's own part
        rf"\b(?P<w>{names})(?:’s|'s|’|')\s+(?:[\w.,-]+\s+){{0,2}}?{SECTION_NOUNS}\b",
        rf"\b{SECTION_NOUNS}\s+(?:of\s+(?:the\s+|its\s+)?[\w’'-]+\s+)?(?:in|through|across|on|inside|within)\s+"
        rf"(?:the\s+)?(?P<w>{names})\b",
        # "a 410 km stretch will cross Tajikistan", "the leg of the pipe that runs from west to
        # east through Tajikistan": the section's own verb places it, in lowercase words only (a
        # list of countries after it is a route, no section)
        rf"\b{SECTION_NOUNS}\b{_OF_THE_SYSTEM}(?:\s+(?!and\b|or\b)[a-z][\w’'-]*){{0,10}}?\s+"
        rf"(?:cross(?:es|ing)?|travers(?:e|es|ing)|(?:with)?in|inside|through|across)\s+"
        rf"(?:the\s+territory\s+of\s+)?(?:the\s+)?(?P<w>{names})\b(?!,?\s+(?:and\s+)?(?:{names})\b)",
        rf"\b(?:on|across|crosses|crossing|through|in)\s+(?P<w>{_DEMONYM_RE})\s+"
        r"(?:territory|soil|land)\b",
        rf"\b(?:of\s+(?:it|them|which)\s+)(?:will\s+(?:lie|run|be)\s+)?(?:in|on|through)\s+"
        rf"(?P<w>{names})\b",
        # "Kyrgyzstan will start laying its 215-km section": the section the country owns
        rf"^\s*(?P<w>{names})\b[^.;]{{0,80}}?\bits\s+(?:[\w.,-]+\s+){{0,2}}{SECTION_NOUNS}\b",
    )
    # "The Chinese section is 155 km, the one across Kyrgyz territory 305 km": of the sections the
    # clause names, the one nearest before the figure, else the first after it
    at = start - a
    found = [m for pattern in patterns for m in re.finditer(pattern, clause)]
    before = [m for m in found if m.start() < at]
    nearest = max(before, key=lambda m: m.start()) if before else None
    nearest = nearest or min(found, key=lambda m: m.start(), default=None)
    if nearest is not None:
        return country_of(nearest.group("w"), countries)
    return clause_place(sentence, start, countries)


def clause_place(sentence: str, at: int, countries: set[str]) -> str:
    """ "In Kazakhstan, the line runs 1,200 km", "Across Tajikistan it will cost ...": the one
    country the figure's clause is set in, named before it as an adverbial (a list of countries
    is where the whole runs, not a section)."""
    a, _ = clause_of(sentence, at)
    names = "|".join(re.escape(c) for c in sorted(countries, key=len, reverse=True)) or "(?!)"
    m = re.match(
        rf"\s*(?:(?:and|but)\s+)?(?i:in|across|through|within|inside)\s+(?:the\s+)?"
        rf"(?P<w>{names})\b(?!\s*(?:,\s*[A-Z]|and\b|or\b|to\b))",
        sentence[a:at],
    )
    return m.group("w") if m else ""


#: The words that place a figure in a country right after it: "of it" / "of which", a modal, a
#: verb of lying or running ("lies", "is laid", "will pass", "falls"), then where ("in",
#: "inside", "within", "through", "across", "on", "under").
_OF_IT = (
    r"(?:of\s+(?:it|them|which|these|those|the\s+\w+|(?:its\s+)?(?:pipe(?:line)?s?|lines?|"
    r"railway|track|route|road))\s+)?"
)
_MODAL = r"(?:(?:will|would|should|is\s+to|are\s+to|is\s+set\s+to|are\s+set\s+to)\s+)?"
_PLACING_VERB = (
    r"(?:(?:(?:is|are|be|was|were|been)\s+)?(?:laid|built|located|situated|planned|to\s+be\s+built)"
    r"|lies?|lying|runs?|running|is|are|be|passe?s?|passing|goes?|going|falls?|falling|"
    r"extends?|extending|stretch(?:es)?|stretching)"
)
_PLACING_PREP = r"(?:(?:with)?in|inside|through|across|on|over|under)"
#: The country's own ground, named by the country or its adjective: "the territory of Uzbekistan",
#: "Kyrgyz territory", "Uzbek jurisdiction".
_GROUND = r"(?:territory|soil|land|jurisdiction|control|side)"


def country_after(sentence: str, end: int, countries: set[str]) -> str:
    """The country a figure is placed in by the words right after it: "213 km of it lies in
    China, 260 km in Kyrgyzstan", "188 km laid in Turkmenistan", "280 km of which will pass
    through Kyrgyz territory", "529 km falls within the jurisdiction of Uzbekistan": a split of
    the whole by country, each figure with its own (a list of countries after it is where the
    whole runs, no section)."""
    names = "|".join(re.escape(c) for c in sorted(countries, key=len, reverse=True)) or "(?!)"
    lead = (
        rf"\s*{_OF_IT}{_MODAL}(?:(?:{_PLACING_VERB}\s+)?{_PLACING_PREP}"
        r"|cross(?:es|ing)?|travers(?:e|es|ing))\s+"
    )
    demonym = re.match(
        rf"{lead}(?P<w>{_DEMONYM_RE})\s+{_GROUND}\b",
        sentence[end:],
    )
    if demonym:  # "529 km of it under Uzbek jurisdiction"
        return country_of(demonym.group("w"), countries)
    m = re.match(
        rf"{lead}(?:(?:the\s+)?{_GROUND}\s+of\s+)?(?:the\s+)?"
        rf"(?P<w>{names})\b(?!,?\s+(?:and\s+)?(?:{names})\b)",
        sentence[end:],
    )
    return m.group("w") if m else ""


#: What a glued figure measures when it is a part: "its 215-km section", "the 80 km Kyrgyz leg".
_GLUED_PART = re.compile(rf"^\s*(?:-?long\s+)?(?:[A-Z]\w+\s+)?{SECTION_NOUNS}\b")
#: A figure glued to a structure on the line: "a 1.56-km tunnel" is the tunnel's length.
_GLUED_STRUCTURE = re.compile(
    r"^\s*-?\s*(?:long\s+)?(?:\w+\s+){0,2}?(?:tunnels?|bridges?|viaducts?|sidings?|platforms?)\b",
    re.I,
)
#: "more than 1,000 km shorter", "900 km less": a difference between two routes, not a length.
_COMPARED = re.compile(
    r"^\s*(?:shorter|longer|less|more|fewer|closer|further|farther|off)\b(?!\s+than\s+\d)"
)
#: "cut the distance by 900 km", "shortened the trip by some 300 km": a change, not a length.
_CHANGED_BY = re.compile(
    r"\b(?:cut|cuts|cutting|reduc\w+|shorten\w*|lengthen\w*|extend\w*|sav\w+|trim\w*)\b"
    r"[^.;]{0,80}\bby\s+(?:\w+\s+){0,2}$",
    re.I,
)


#: "connects to another 4,500 km", "a further 300 km": more of something, not the whole's length.
_MORE_OF = re.compile(
    r"\b(?:another|a\s+further|an\s+additional|an\s+extra|some\s+other)\s+"
    r"(?:(?:about|around|some|nearly|almost|roughly|over|more\s+than)\s+)?$",
    re.I,
)


def not_a_length(sentence: str, start: int, end: int) -> bool:
    """A kilometre figure that measures no line: a difference ("1,000 km shorter"), a change
    ("cut the distance by 900 km"), a structure ("a 1.56-km tunnel") or more of something else
    ("joins another 4,500 km of pipe")."""
    after = sentence[end:]
    return bool(
        _MORE_OF.search(sentence[max(0, start - 40) : start])
        or _COMPARED.match(after)
        or _GLUED_STRUCTURE.match(after)
        or _CHANGED_BY.search(sentence[:start])
    )


_ABOUT = r"(?:(?:about|some|around|nearly|almost|roughly|over|more\s+than)\s+)?"


def country_before(sentence: str, start: int, countries: set[str]) -> str:
    """ "523 km: China 213 km, Kyrgyzstan 260 km and Uzbekistan 50 km": a country written right
    before its figure, one of two or more such pairs in the sentence (one pair alone, "across
    Kyrgyzstan 260 km", is too loose to read as a split)."""
    names = "|".join(re.escape(c) for c in sorted(countries, key=len, reverse=True)) or "(?!)"
    pair = rf"(?:^|[,:;(]\s*|\band\s+)(?P<w>{names})\s*[:–—-]?\s*{_ABOUT}"
    m = re.search(rf"{pair}$", sentence[:start])
    if m is None:
        return ""
    pairs = re.findall(rf"{pair}\d[\d.,]*\s*-?\s*(?:km|kilomet)", sentence)
    return m.group("w") if len(pairs) >= 2 else ""


def bracket_of_head(sentence: str, start: int, end: int, countries: set[str]) -> bool:
    """ "The railway (523 km) includes a Kyrgyz section of 260 km": a figure in brackets after a
    noun that is no country nor a section is that noun's own length, the whole's."""
    m = re.search(rf"(?P<w>[A-Za-z][\w’'-]*)\s*\(\s*{_ABOUT}$", sentence[:start])
    if m is None or not re.match(r"\s*\)", sentence[end:]):
        return False
    word = m.group("w")
    return word not in countries and not re.fullmatch(SECTION_NOUNS, word)


#: A later figure of the same unit told as a part of this one: "454 km, at least 280 km of which".
_PART_OF_IT_LATER = re.compile(
    r"^[^.;]{0,50}?\d[\d.,]*\s*-?\s*(?:km|kilomet(?:re|er)s?)\s+of\s+(?:which|it|them|these)\b"
)


def split_later(sentence: str, end: int) -> bool:
    """ "The line runs 454 km, at least 280 km of which pass through Kyrgyz territory": the first
    figure is the whole the second is a part of, though the clause names a country's ground."""
    return bool(_PART_OF_IT_LATER.match(sentence[end:]))


def glued_part(sentence: str, end: int) -> bool:
    """ "its 215-km section", "a 60-km stretch": the figure measures a part, not the whole."""
    return bool(_GLUED_PART.match(sentence[end:]))


def is_partial_stretch(sentence: str, start: int) -> bool:
    """ "the first 160 km as far as Makmal", "the remaining 145 km": a stretch of the line
    counted from one end, neither the whole nor a section by country."""
    return bool(
        re.search(
            r"\b(?:first|last|final|remaining|next|initial|other)\s+$",
            sentence[max(0, start - 20) : start],
        )
    )


def sections_named(sentence: str, countries: set[str]) -> list[str]:
    """The countries of the sections a sentence names, figures or not ("work on the Kyrgyz
    section", "the stretch in Tajikistan"), in order: what "the section" may point back to."""
    names = "|".join(re.escape(c) for c in sorted(countries, key=len, reverse=True)) or "(?!)"
    pattern = re.compile(
        rf"\b(?P<a>{_DEMONYM_RE}|{names})\s+{SECTION_NOUNS}\b"
        rf"|\b{SECTION_NOUNS}\s+(?:in|through|across)\s+(?:the\s+)?(?P<b>{names})\b"
    )
    found = [
        country_of(m.group("a") or m.group("b"), countries) for m in pattern.finditer(sentence)
    ]
    return [c for c in found if c]


def is_section(sentence: str, start: int) -> bool:
    """Does the figure's clause speak of a section (a section noun, a territory, a bracket)?"""
    a, b = clause_of(sentence, start)
    clause = sentence[a:b]
    noun = rf"(?<!\bwill )(?<!\bto )(?<!\bwould )(?<!\bcould )\b{SECTION_NOUNS}\b"
    return any(
        not _PREDICATE.search(clause[: m.start()])
        for m in re.finditer(rf"{noun}|\bterritory\b|\bsoil\b", clause)
    )


#: A section noun said of the subject ("Line D will be the shortest part of the network", "it
#: forms part of the route"): what the subject is, not a section the figure measures.
_PREDICATE = re.compile(
    r"\b(?:is|are|was|were|be|been|becomes?|became|remains?|forms?|formed|makes?)\s+"
    r"(?:(?:the|a|an|its|one|of)\s+)?(?:\w+\s+){0,2}$"
)


def stretch(sentence: str, places: set[str] | None = None) -> str:
    """'From–To' of the stretch a sentence names (a trip, a route, a section), or ''."""
    for m in STRETCH.finditer(sentence):
        a = m.group("a") or m.group("c") or m.group("e") or m.group("g") or m.group("i")
        b = m.group("b") or m.group("d") or m.group("f") or m.group("h") or m.group("j")
        a, b = a or m.group("m"), b or m.group("n")
        a, b = a or m.group("k"), b or m.group("l")
        if a and b and a != b:
            a, b = (re.sub(r"^.*\s(?:port|city|town)\s+of\s+", "", x) for x in (a, b))
            a, b = (re.sub(r"\s+station$", "", x) for x in (a, b))  # "Altynkol station": Altynkol
            return f"{a}–{b}"
    return ""


#: Freight counted where it passes a region: "cargo moving through Mangistau Region".
_THROUGH_REGION = re.compile(
    r"\b(?:moving|moved|passing|passed|going|carried|shipped|transported|handled|transiting|"
    r"transited)\s+(?:through|across|via)\s+(?:the\s+)?"
    r"(?P<r>(?:[A-Z][\w’'-]*\s+){1,3}(?:Region|Province|Oblast|Prefecture|Governorate))\b"
)


def region_through(clause: str) -> str:
    """The region a flow is counted in ("through Mangistau Region"), or ''. Only a region named
    as one: a country passed on the way is part of a route, not where the figure was counted."""
    m = _THROUGH_REGION.search(clause)
    return m.group("r") if m else ""
