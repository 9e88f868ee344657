"""The wire-service dateline and byline that open a report or its first paragraph.

Agencies print where (and often when, and who) before the first word of the story: a place in
capitals, a country, a day, the agency in brackets or slashes, then a dash or a colon ("CITY,
Country, Mon. 5. /Agency/ –", "CITY / Agency / –", "CITY. AGENCY –", "CITY (Agency) -",
"City, 5 March (Agency) —", "(Agency) –", "By A Writer – Agency:"). Read as part of the
sentence, the prefix hides the sentence's subject (the first thing named is then the city, or the
agency), so the sentence is read from where the story starts; the quote, cut from there, stays
word for word in the article. The prefix also states the dateline (and, when it prints a year,
the date) that an article without a separate dateline line would otherwise lack. A day without a
year is no date: none is guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_MONTH_NUMBER = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
#: "May 3", "Dec. 7, 2024", "12 March", "5 Jan 2025" (the year is optional).
_DAY = (
    rf"(?:(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH})\.?)"
    r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
)
#: A city: in capitals ("BAKU", "NUR-SULTAN", "SAN FRANCISCO") or, with a date or an agency
#: after it, in title case ("Ashgabat").
_CAPS_PLACE = r"[A-Z][A-Z’']{2,}(?:-[A-Z][A-Z’']+)?(?:\s[A-Z][A-Z’']{2,})?"
_TITLE_PLACE = r"[A-Z][a-z’']{2,}(?:[\s-][A-Z][a-z’']{2,})?"
#: The agency: in brackets "(Xinhua)", between slashes "/Trend/", or in capitals after the
#: city's full stop "ASTANA. KAZINFORM".
_AGENCY = (
    r"(?:\.?\s*\((?P<bracket>[A-Za-z][^()\n]{1,40})\)"
    r"|\.?\s*/\s*(?P<slash>[A-Z][^/\n]{1,40}?)\s*/"
    r"|\.\s+(?P<caps>[A-Z]{3,}(?:\s[A-Z]{2,})?)(?=\s*[–—-]))"
)
#: What ends the prefix: a dash (a hyphen only between spaces: "KTZE-Khorgos" is a name), a
#: colon, the full stop after the day, or the end of a line that holds the dateline alone.
_END = r"(?:\s*[–—]\s*|\s+-{1,2}(?:\s+|$)|\s*:\s*|(?<=\d)\.\s+|(?<=\))\s+(?=[A-Z“\"])|\s*$)"
#: A syndicator's own tag before the agency's dateline: "(MENAFN- Some Agency) ".
_SYNDICATED = r"(?:\((?P<syndicator>[A-Z][\w ]{1,20})-\s*[^()\n]{2,40}\)\s*)?"

#: Words that open prose, not a dateline ("Monday, May 3 -", "Since Jan. 5: ...").
_NOT_PLACE = (
    r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|This|That|Since|Until|"
    rf"From|Over|Through|During|Before|After|Note|Update|Photo|Source|Editor|{_MONTH})\b)"
)

_PREFIX = re.compile(
    _SYNDICATED
    + r"(?:"
    + _NOT_PLACE
    # a city, a country perhaps, a day perhaps, an agency perhaps: at least one of day or agency
    + rf"(?P<place>{_CAPS_PLACE}|{_TITLE_PLACE})(?:,\s+(?P<country>[A-Z][a-z]+))?"
    + rf"(?:(?:,|\.)?\s+{_DAY})?(?:{_AGENCY})?{_END}"
    # the agency alone: "(Interfax) –"
    + r"|\((?P<alone>[A-Z][^()\n]{1,40})\)\s*(?:[–—]|-{1,2})\s*"
    # a byline: "By A Writer, Agency" or "By A Writer – Agency:"
    + r"|By\s+(?P<author>[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){1,3})\s*(?:,|[–—-])\s*"
    + r"(?P<by_agency>[A-Z][\w.-]+(?:\s[A-Z][\w.-]+)?)\s*(?::\s*|[–—-]\s+|$)"
    + r")"
)


@dataclass(frozen=True)
class Prefix:
    end: int  # where the story starts
    place: str = ""
    agency: str = ""
    author: str = ""
    date: str = ""  # ISO day, only when the prefix prints the year


def _date(m: re.Match) -> str:
    month, day, year = m.group("m1") or m.group("m2"), m.group("d1") or m.group("d2"), m["year"]
    if not (month and day and year):
        return ""
    try:
        return dt.date(int(year), _MONTH_NUMBER[month[:3].lower()], int(day)).isoformat()
    except ValueError:
        return ""


def _agency_like(name: str) -> bool:
    """A name an agency goes by: a few words, no figures ("Xinhua", "nCa", "Steppe Press")."""
    return len(name.split()) <= 4 and not re.search(r"\d", name)


def _spells(acronym: str, words: str) -> bool:
    """True when ``words`` are what ``acronym`` stands for (their initials spell it)."""
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", words) if w[0].isupper())
    return len(acronym) >= 2 and acronym.isupper() and initials.startswith(acronym[:2])


def read(paragraph: str) -> Prefix | None:
    """The wire prefix opening ``paragraph``, or None when the paragraph opens with its story.

    A city alone before a dash counts only in capitals ("BAKU –"); in title case it needs a day
    or an agency ("Ashgabat, 12 March (Agency) —"), since "Astana – the capital – ..." is prose.
    """
    m = _PREFIX.match(paragraph)
    if not m:
        return None
    place = m.group("place") or ""
    has_day = bool(m.group("m1") or m.group("m2"))
    agency = m["bracket"] or m["slash"] or m["caps"] or m["alone"] or m["by_agency"] or ""
    if place and not (has_day or agency or place.isupper()):
        return None
    if place and not place.isupper() and not (has_day or m["bracket"] or m["slash"]):
        return None
    if paragraph[m.end() : m.end() + 1].islower():
        return None  # "Somebody (Company): how ...": a title, the story would start mid-phrase
    if m["bracket"] and not _agency_like(m["bracket"]):
        return None  # "(the copy is dated 5 May 2019)": a remark in brackets, not an agency
    if place and not place.isupper() and not has_day and ":" in paragraph[: m.end()][-3:]:
        return None  # "Somebody (Company): ..." opens an interview; "City (Agency) -" takes a dash
    if m["bracket"] and _spells(place, m["bracket"]):
        return None  # "CNPC (China National Petroleum Corp) -": an acronym spelled out
    if place and not (has_day or agency) and not re.search(r"[–—-]", paragraph[: m.end()][-4:]):
        return None  # "UPDATE:" or "NOTE:" is no dateline; a bare city takes a dash
    return Prefix(m.end(), place, agency.strip(), m["author"] or "", _date(m) if place else "")
