"""Numbers with their units, as a sentence writes them: "380-kilometre", "1,000-km", "US$3.1bn",
"25 bcm", "200,000 twenty-foot equivalent units", "eight days", "a 30 percent stake", "27 tunnels".

Each is read into a Quantity in the unit claims.csv stores (USD, CNY, km, bcm, tonnes, TEU,
trains, containers, days, hours, %, tunnels, bridges), with the words of approximation before it
("more than" -> over) and whether the text says it is yearly ("a year", "annually", "annual
capacity"). Which field a quantity is (length or section length, capacity, traffic or target) is
the values pass's question (values.py).

Two readers: the rules below (kept; see the README's ingest section for the comparison) and
quantulum3, for the comparison benchmark only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Number words a report spells out ("eight days", "twenty years", "three lines").
WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
WORDS |= {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80}
WORDS |= {"ninety": 90, "a dozen": 12, "dozens": 0, "a hundred": 100}
_WORD_RE = "|".join(sorted(WORDS, key=len, reverse=True))
#: "1,000", "2.76", and the decimal comma of reports translated from Russian or German ("1,3
#: million tons", "23,03 billion cubic metres"): a comma before one or two digits is a decimal
#: point only when a magnitude word follows (never "1,300 tonnes").
_DECIMAL_COMMA = r"\d{1,3},\d{1,2}(?=\s*(?:trillion|billion|million|thousand|bn|bln|mln|mn)\b)"
_DIGITS = rf"{_DECIMAL_COMMA}|\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?"
NUMBER = rf"(?:{_DIGITS}|\b(?:{_WORD_RE})\b)"
MAGNITUDE = {
    "trillion": 1e12,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "million": 1e6,
    "mln": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "thousand": 1e3,
    "k": 1e3,
}
MAGNITUDE["bln"] = 1e9
#: "5.2m tonnes": a one-letter magnitude only when glued to the number.
_MAG = r"(?:\s*-?\s*(?P<mag>trillion|billion|million|thousand|bn|bln|mln|mn)\b|(?P<gm>(?<=\d)m)\b)"
_MONEY_MAG = r"(?:\s*-?\s*(?P<mag>trillion|billion|million|thousand|bn|bln|mln|mn|m|b|k)\b)"
#: "15 million 14 thousand tonnes", "174 billion 259 million cubic metres": the way reports
#: translated from Russian ("15 млн 14 тыс.") write a number in two magnitudes; the second adds.
_REST = r"(?:\s+(?P<rest>\d{1,3})\s+(?P<rmag>billion|million|thousand|bn|bln|mln|mn)\b)"
#: Words of approximation before a figure, and the qualifier claims.csv keeps for them.
QUALIFIERS = {
    "more than": "over",
    "over": "over",
    "above": "over",
    "in excess of": "over",
    "exceeding": "over",
    "upwards of": "over",
    "at least": "at least",
    "up to": "up to",
    "as many as": "up to",
    "as much as": "up to",
    # a ceiling said as a possibility: "may reach $2.5 billion", "could end up costing $8bn"
    **{
        f"{modal} {verb}": "up to"
        for modal in ("may", "might", "could")
        for verb in ("reach", "top", "end up costing", "end up at")
    },
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "about": "about",
    "around": "about",
    "some": "about",
    "roughly": "about",
    "approximately": "about",
    "an estimated": "about",
    "less than": "under",
    "under": "under",
}
_QUAL = "|".join(sorted(QUALIFIERS, key=len, reverse=True))
_QUAL_BEFORE = re.compile(rf"\b(?P<q>{_QUAL})\s+(?:an?\s+)?(?:\w+\s+)?$", re.I)

#: The kind of a structure counted: "42 mountain tunnels", "12 railway bridges".
_KIND = (
    r"(?:mountain|railway|rail|road|river|large|big|major|long|twin|main|medium|medium-sized|"
    r"small|extra-large|super-large|large-sized)"
)
#: "81 large and medium bridges": kinds in a pair count as one.
_KINDS = rf"(?:{_KIND}(?:\s+(?:and|or|and\s+other)\s+{_KIND})?\s+)?"
#: Units after a number: (pattern, unit). Gas first: "billion cubic metres" holds its magnitude.
_UNITS: tuple[tuple[str, str], ...] = (
    (
        r"(?:bcm|bcma|(?:billion|bn)\s+(?:standard\s+)?cubic\s+met(?:re|er)s|bn\s+cubic\s+met(?:re|er)s|billion\s+m3|"
        r"billion\s+m³|bln\s+cubic\s+met(?:re|er)s|(?:billion|bn|bln)\s+cu\.?\s?m\b\.?|"
        r"(?:billion|bn|bln)\s?m?³)(?!\w)",
        "bcm",
    ),
    # "30bn m3", "55 billion m3": cubic metres, bcm when the magnitude says billions
    (r"(?:cubic\s+met(?:re|er)s|m3|m³|cu\.?\s?m\b\.?)(?![\w])", "m3"),
    (r"(?:kilomet(?:re|er)s?|km)\b(?!\s*(?:/|per|an)\s*h)", "km"),
    # never "136.9 billion ton-kilometres", a measure of work, not of what was carried
    (
        r"(?:metric\s+)?(?:tonnes|tons|tonne|ton)\b(?!-?\s*(?:k(?:ilo)?m|kilomet|miles?\b))",
        "tonnes",
    ),
    # "20 mtpa", "20 Mt/y": million tonnes a year
    (r"(?:mtpa|mt/y(?:ea)?r?|mt\s+per\s+(?:year|annum))\b", "Mt/year"),
    # "10 mt", "4 mln t": million tonnes
    (r"(?:mmt|mt|Mt|m\s+t|mn\s+t|mln\s+t)\b(?!\s*/)", "Mt"),
    # "twenty-foot equivalent (TEU) containers": the initials in brackets inside the name
    (
        r"(?:TEUs?|twenty-foot\s+(?:equivalent\s+)?(?:\(TEUs?\)\s+)?(?:units?|containers?|boxes)"
        r"|twenty-foot\s+equivalents?\s+\(TEUs?\))(?![\w-])",
        "TEU",
    ),
    (
        r"(?:(?:container|freight|cargo|block|China-Europe|scheduled|regular|transit|express|"
        r"shuttle|international)\s+)*trains\b",
        "trains",
    ),
    (r"(?:(?:standard|shipping)\s+)?containers\b", "containers"),
    (r"days?\b", "days"),
    (r"hours?\b", "hours"),
    (r"(?:%|percent\b|per\s+cent\b)", "%"),
    # "42 mountain tunnels", "four more bridges": one word of kind between
    (rf"{_KINDS}(?:tunnels?)\b", "tunnels"),
    (rf"{_KINDS}(?:bridges?)\b", "bridges"),
)
_UNIT_RE = "|".join(f"(?P<u{i}>{p})" for i, (p, _) in enumerate(_UNITS))
#: A number, a magnitude, an optional hyphen (glued: "380-kilometre"), a unit.
QUANTITY = re.compile(
    rf"(?<![\w.])(?P<n>{NUMBER}){_MAG}?{_REST}?(?:\s*-\s*|\s+|(?<=\d))(?:{_UNIT_RE})", re.I
)
#: Money: "US$3.1bn", "$2.5 billion", "USD 400 million", "1.5 billion yuan", "15 million yuan".
MONEY = re.compile(
    rf"(?P<cur>US\s?\$|\$|USD\s?|US dollars?\s|CNY\s?|RMB\s?|¥)\s?(?P<n>{_DIGITS}){_MONEY_MAG}?"
    # "eight billion US dollars": a number word only with its magnitude
    rf"|(?<![\w.])(?P<n2>{_DIGITS}|\b(?:{_WORD_RE})\b(?=\s+(?:trillion|billion|million)\b))"
    rf"{_MAG.replace('mag', 'mag2')}?\s+(?P<cur2>US dollars|dollars|yuan|renminbi|RMB|USD|CNY)\b",
    re.I,
)
#: "a year", "annually", "per year", "/year": a yearly figure.
YEARLY = re.compile(
    # "a year earlier", "a year ago": a comparison, not a rate
    r"^[^.;]{0,40}?\b(?:a|per|each|every)\s+year\b(?!\s+(?:earlier|before|ago|later|on\b|previously))|^\s*(?:/\s*(?:y(?:ea)?r|y|a)\b|annually|yearly|"
    r"per annum|"
    r"a year|p\.a\.)"
    r"|^[^.;,]{0,30}?\b(?:annually|per annum)\b"
    r"|^\s*(?:of\s+)?(?:gas\s+)?(?:of\s+)?(?:annual|yearly)\s+(?:capacity|throughput)\b",
    re.I,
)
_ANNUAL_BEFORE = re.compile(
    # "gas shipped each year should reach 55 bcm": the year named before the figure
    r"\b(?:annual|yearly|a year's)\s+(?:\w+\s+){0,3}$|\b(?:each|every|per)\s+year\s+"
    r"(?:\w+\s+){0,3}$",
    re.I,
)


@dataclass(frozen=True)
class Quantity:
    number: float
    unit: str
    start: int  # span in the sentence
    end: int
    qualifier: str = ""
    yearly: bool = False
    rate: str = ""  # "day", "week" or "month": a count per day is no period's traffic


def number(text: str) -> float:
    """'1,000' -> 1000.0, 'eight' -> 8.0."""
    word = text.lower()
    if word in WORDS:
        return float(WORDS[word])
    if re.fullmatch(r"\d+,\d{1,2}", text):
        return float(text.replace(",", "."))  # a decimal comma ("1,3 million")
    return float(text.replace(",", ""))


def num_text(value: float) -> str:
    """A number as claims.csv stores it: no commas, no trailing '.0'."""
    value = round(value, 6)
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def qualifier_before(sentence: str, start: int) -> str:
    m = _QUAL_BEFORE.search(sentence[max(0, start - 30) : start])
    return QUALIFIERS[m.group("q").lower()] if m else ""


#: "25 to 30 bcm", "20-25 days", "between 25 and 30": the figure is a range's upper end (not
#: "from 25 to 15 days", a change).
_RANGE_LOW = re.compile(
    rf"(?:(?<!from\s)(?<!by\s)(?<![\w.])(?!(?:19|20)\d\d\b)(?:{_DIGITS})\s*(?:to|-|–)\s*"
    # "estimates ranging from 4.7 to 8 billion": a range, not a change
    rf"|\b(?:rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying))\s+from\s+(?:{_DIGITS})\s*(?:to|-|–)\s*"
    # "will bring from 25 to 30 bcm a year": what it carries, a range
    rf"|\b(?:bring|carry|deliver|take|supply|pump|move|transport|handle)\w*\s+(?:\w+\s+){{0,2}}?"
    rf"from\s+(?:{_DIGITS})(?:\s*(?:billion|million|thousand|bn|mn|mln))?\s*(?:to|-|–)\s*"
    rf"|\bbetween\s+(?:{_DIGITS})\s+and\s+)$",
    re.I,
)


def _range_top(sentence: str, start: int) -> str:
    return "up to" if _RANGE_LOW.search(sentence[max(0, start - 30) : start]) else ""


def _own_words(sentence: str, end: int) -> str:
    """The words after a figure up to the next figure: "4.5 mn tons against a capacity of 6 mn
    tons a year" - the "a year" is the second figure's, not the first's."""
    nxt = re.search(rf"(?<![\w.]){_DIGITS}", sentence[end:])
    return sentence[end : end + nxt.start()] if nxt else sentence[end:]


def _yearly(sentence: str, start: int, end: int) -> bool:
    return bool(YEARLY.search(_own_words(sentence, end))) or bool(
        _ANNUAL_BEFORE.search(sentence[max(0, start - 40) : start])
    )


#: "19 trains a day", "some 60 trains every month", "daily": a rate, never a period's total.
RATE = re.compile(
    r"^\s*(?:\w+\s+){0,3}?(?:(?:a|per|each|every)\s+(?P<u>day|week|month)\b|/\s*(?P<u2>day|d)\b"
    r"|(?P<u3>daily|weekly|monthly)\b)",
    re.I,
)


def _rate(sentence: str, start: int, end: int) -> str:
    m = RATE.search(_own_words(sentence, end))
    if not m:
        m = re.search(r"\b(?P<u3>daily|weekly|monthly)\s+(?:\w+\s+){0,2}$", sentence[:start], re.I)
    if not m:
        return ""
    unit = (m.groupdict().get("u") or m.groupdict().get("u2") or m.group("u3")).lower()
    return {"d": "day", "daily": "day", "weekly": "week", "monthly": "month"}.get(unit, unit)


def _money(sentence: str) -> list[Quantity]:
    out = []
    for m in MONEY.finditer(sentence):
        cur = (m.group("cur") or m.group("cur2") or "").strip().lower()
        digits = m.group("n") or m.group("n2")
        mag = (m.group("mag") or m.group("mag2") or "").lower()
        amount = number(digits) * MAGNITUDE.get(mag, 1)
        unit = "CNY" if cur in ("yuan", "renminbi", "rmb", "cny", "¥") else "USD"
        qual = qualifier_before(sentence, m.start()) or _range_top(sentence, m.start())
        out.append(Quantity(amount, unit, m.start(), m.end(), qual))
    return out


def read_rules(sentence: str) -> list[Quantity]:
    """Every quantity the sentence states, by the rules above, in order of position."""
    out = _money(sentence)
    for m in QUANTITY.finditer(sentence):
        unit = next(u for i, (_, u) in enumerate(_UNITS) if m.group(f"u{i}"))
        mag = MAGNITUDE.get((m.group("mag") or m.group("gm") or "").lower(), 1)
        value = number(m.group("n")) * mag
        if m.group("rest"):
            rest = number(m.group("rest")) * MAGNITUDE[m.group("rmag").lower()]
            if rest >= mag:
                continue  # "5 million 3 million tonnes" is no number
            value += rest
        yearly = _yearly(sentence, m.start(), m.end())
        if unit == "Mt/year":
            unit, value, yearly = "tonnes", value * 1e6, True
        elif unit == "Mt":
            unit, value = "tonnes", value * 1e6
        if unit == "m3":
            if value < 1e9:
                continue  # "500 cubic metres": no pipeline's yearly flow
            unit = "bcm"
        if unit == "bcm" and re.match(r"(?i)(billion|bn|bln)", m.group(f"u{0}") or ""):
            pass  # "25 billion cubic metres": the billion is the unit's own
        elif unit == "bcm" and value >= 1e9:
            value /= 1e9
        if not value and unit not in ("%",):
            continue
        if unit == "containers" and re.match(r"\s*\(?\s*(?:in\s+)?TEUs?\b", sentence[m.end() :]):
            unit = "TEU"  # "250,000 containers (TEU)", "containers in TEU": twenty-foot units
        qual = qualifier_before(sentence, m.start()) or _range_top(sentence, m.start())
        rate = _rate(sentence, m.start(), m.end()) if unit not in ("km", "%") else ""
        out.append(Quantity(value, unit, m.start(), m.end(), qual, yearly, rate))
    return sorted(out, key=lambda q: q.start)


#: "compared with 11 in December", "against 1.9 mn": a number set beside a figure, its unit left
#: out (the figure's own); never a share or a year.
_ELLIPTIC = re.compile(
    rf"\b(?:compared\s+(?:with|to)|against|versus|up\s+from|down\s+from|"
    rf"(?:rising|increasing|growing|climbing)\s+to)\s+(?P<n>{_DIGITS}|\b(?:{_WORD_RE})\b){_MAG}?(?!\s*(?:%|percent|per\s+cent|[-–]|\d))",
    re.I,
)


#: "in 2022 the figure reached 6,500", "this year there were 225": the same count again, its unit
#: left out; only where nothing names another unit after the number.
_RESTATED = re.compile(
    rf"\b(?:there\s+(?:were|have\s+been)|the\s+(?:figure|number|count|total|tally)\s+(?:reached|"
    rf"rose\s+to|grew\s+to|climbed\s+to|stood\s+at|came\s+to|amounted\s+to|was|hit))\s+"
    rf"(?:(?:some|about|around|nearly|almost|over|more\s+than)\s+)?(?P<n>{_DIGITS}){_MAG}?"
    r"(?=\s*(?:[,.;)]|$|\s+(?:in|during|over|for|this|last|alone|by|so\s+far)\b))",
    re.I,
)
_ELLIPTIC_UNITS = {"bcm", "tonnes", "TEU", "trains", "containers", "days", "hours"}


#: "from 55 billion to 85 billion cubic metres a year", "from 6 to 10 mn tons": the start of a
#: change, its unit (and rate) left to the figure after it.
_FROM_TO = re.compile(
    rf"\bfrom\s+(?P<n>{_DIGITS}|\b(?:{_WORD_RE})\b){_MAG}?\s*(?:to|-|–)\s*(?=\S)", re.I
)


def _from_to(sentence: str, found: list[Quantity], taken: set[int]) -> list[Quantity]:
    out = []
    for m in _FROM_TO.finditer(sentence):
        end = next((q for q in found if q.start == m.end()), None)
        if m.start("n") in taken or end is None or end.unit not in _ELLIPTIC_UNITS:
            continue
        mag = (m.group("mag") or m.group("gm") or "").lower()
        value = number(m.group("n")) * MAGNITUDE.get(mag, 1)
        theirs = re.search(
            r"\b(?:trillion|billion|million|thousand|bn|bln|mln|mn)\b|(?<=\d)m\b",
            sentence[end.start : end.end],
            re.I,
        )
        if not mag and theirs and end.unit != "bcm" and value < 1e3:
            value *= MAGNITUDE[theirs.group().lower()]  # "from 540 to 800 thousand TEU"
        if end.unit == "bcm" and value >= 1e9:
            value /= 1e9
        stop = m.end("mag") if m.group("mag") else m.end("n")
        out.append(Quantity(value, end.unit, m.start("n"), stop, "", end.yearly))
    return out


def elliptic(sentence: str, found: list[Quantity]) -> list[Quantity]:
    """The numbers set beside a figure with its unit left out, in the unit of the figure before
    them ("eight trains ran in January, compared with 11 in December": 11 trains), or of the
    figure a change goes to ("from 55 billion to 85 billion cubic metres": 55 bcm)."""
    taken = {q.start for q in found}
    out = _from_to(sentence, found, taken)
    for m in [*_ELLIPTIC.finditer(sentence), *_RESTATED.finditer(sentence)]:
        if m.start("n") in taken or re.fullmatch(r"(?:19|20)\d\d", m.group("n")):
            continue
        before = [q for q in found if q.end <= m.start()]
        if not before or before[-1].unit not in _ELLIPTIC_UNITS:
            continue  # only flows and times: "500 km, compared with 380 before" says too little
        unit = before[-1].unit
        mag = (m.group("mag") or m.group("gm") or "").lower()
        value = number(m.group("n")) * MAGNITUDE.get(mag, 1)
        if not mag and unit != "bcm" and value < 1e3 and before[-1].number >= 1e6:
            # "1.5 million tons, against 1.2 a year earlier": the magnitude is left out too
            value *= 1e9 if before[-1].number >= 1e9 else 1e6
        if unit == "bcm" and value >= 1e9:
            value /= 1e9
        qual = qualifier_before(sentence, m.start("n"))
        out.append(
            Quantity(
                value, unit, m.start("n"), m.end(), qual, _yearly(sentence, m.start("n"), m.end())
            )
        )
    return out


#: quantulum3's unit names -> the units claims.csv stores (for the comparison benchmark).
_QUANTULUM_UNITS = {
    "kilometre": "km",
    "dollar": "USD",
    "united states dollar": "USD",
    "yuan": "CNY",
    "renminbi": "CNY",
    "tonne": "tonnes",
    "ton": "tonnes",
    "short ton": "tonnes",
    "day": "days",
    "hour": "hours",
    "percentage": "%",
    "twenty-foot equivalent unit": "TEU",
}


def read_quantulum(sentence: str) -> list[Quantity]:
    """The quantities quantulum3 finds, in the same units (for benchmarks/ingest_libraries.py)."""
    from quantulum3 import parser  # only installed for the comparison

    out = []
    for q in parser.parse(sentence):
        name = q.unit.name
        value = float(q.value)
        unit = _QUANTULUM_UNITS.get(name, "")
        if name == "cubic metre" and value >= 1e9:
            unit, value = "bcm", value / 1e9
        if not unit:
            continue
        start, end = q.span
        out.append(
            Quantity(
                value,
                unit,
                start,
                end,
                qualifier_before(sentence, start),
                _yearly(sentence, start, end),
            )
        )
    return out


#: How quantities are read: "rules" (kept) or "quantulum3" (compared).
READERS = {"rules": read_rules, "quantulum3": read_quantulum}
