"""Dates and periods as a report writes them, resolved against its own dateline.

A day ("5 May 2019", "September 13" in a report of September 2014, "on Friday" in one dated Friday
27 December 2024), a month ("in October" of the dateline's year, "next month"), a year ("next
year", "last year", "within the next five years" -> by that year), a decade ("the 1990s"; "by the
end of the decade" -> the dateline's decade, qualifier "by the end of", read "by the end of the
2020s"), and periods for traffic ("between January and July this year" -> 2024-01/2024-07, "in
the first six months of this year", "in the first half of 2020", "last year", "that year").

What is never guessed: a relative date in an article that states no date of its own stays as the
words, with a note asking for the date (events.py proposes no date from it: a curator records
none); a weekday is the latest such day on or before the dateline
("said on Tuesday" in a report dated Tuesday is that Tuesday). Which event a date is of (start,
completion, opening, first proposed) is decided by the words near it (events.py).

Two readers: the rules below (kept) and dateparser, for the comparison benchmark only.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .sentences import MONTHS

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:19|20)\d\d"
#: One date expression; named groups say which kind.
DATE = re.compile(
    rf"\b(?P<day1>\d{{1,2}})\s+(?P<dmonth1>{_MONTH}),?\s+(?P<dyear1>{_YEAR})\b"
    rf"|\b(?P<dmonth2>{_MONTH})\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<dyear2>{_YEAR})"
    r"|\s+(?P<dyrel2>last|this|next)\s+year)?\b"
    rf"|\b(?P<day3>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dmonth3>{_MONTH})"
    r"(?:\s+(?P<dyrel3>last|this|next)\s+year)?\b"
    rf"|\b(?:(?:early|mid|late|mid-|the end of|the beginning of|the start of)\s*)?"
    # "this December", "last March", "next June": that month nearest the dateline that way
    rf"(?:(?P<mrel>this|last|next)\s+)?"
    rf"(?P<month>{_MONTH})(?:\s+(?:of\s+)?(?P<myear>{_YEAR}|this year|last year|next year))?\b"
    rf"|\b(?:(?:early|mid|late|mid-|the end of|the beginning of|the start of)\s*)?"
    rf"(?:the\s+)?(?P<year>{_YEAR})(?P<s>s)?\b"
    r"|\b(?P<decade_end>the end of the decade)\b"
    r"|\bwithin\s+(?:the\s+next\s+)?(?:\w+\s+(?:to|or)\s+)?(?P<within>\w+)\s+years\b"
    # "will be finished in two years' time": by then, when said of what is to come
    r"|\bin\s+(?:the\s+next\s+)?(?:\w+\s+(?:to|or)\s+)?(?P<inyears>two|three|four|five|six|"
    r"seven|ten|\d{1,2})\s+years(?:['’]\s+time)?"
    # "three years ago", "a year ago": the dateline's year less that many
    r"|\b(?P<ago>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+years?\s+ago\b"
    rf"|\b(?:on\s+)?(?:(?P<wrel>last|next|this|this\s+past|this\s+coming)\s+)?(?P<weekday>{_WEEKDAY})\b"
    r"|\b(?P<rel>next month|next year|this year|last year|this month|last month|yesterday|today)\b"
    r"|\b(?P<season>(?:this|next|last)\s+(?:spring|summer|autumn|fall|winter))\b"
    # "in the autumn", "in autumn 2023", "by late summer": a season, of the year the tense says
    rf"|(?:(?<=\bin\s)|(?<=\bby\s)|(?<=\buntil\s)|(?<=\bfrom\s)|(?<=\bduring\s))"
    rf"(?:(?:the|early|late|mid-?)\s+)?"
    rf"(?P<season2>spring|summer|autumn|fall)(?:\s+(?:of\s+)?(?:(?P<syear>{_YEAR})|"
    r"(?:the\s+)?(?P<srel>this|next|last|same)\s+year))?\b",
    re.IGNORECASE,
)
_WITHIN_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_WITHIN_WORDS |= {"seven": 7, "eight": 8, "nine": 9, "ten": 10}


@dataclass(frozen=True)
class When:
    """A date as claims.csv stores it, where it stands, and how it was resolved."""

    value: str
    start: int
    end: int
    qualifier: str = ""
    note: str = ""
    relative: bool = False  # resolved against the dateline (or left as words without one)


def reference(date: str) -> tuple[int, int, int] | None:
    """The article's date as (year, month, day); month or day 0 when it states none."""
    m = re.match(r"^(\d{4})(?:-(\d\d))?(?:-(\d\d))?$", date or "")
    if not m:
        return None
    return int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)


_FUTURE = re.compile(
    r"\b(?:will|shall|is to|are to|set to|due to|expected to|plans? to|intends? to|aims? to|"
    r"going to|is scheduled|are scheduled|should)\b",
    re.I,
)
_PAST = re.compile(
    r"\b(?:began|begun|started|opened|launched|was|were|had|took|came|went|broke|signed|"
    r"completed|finished|arrived|left|set off|held)\b",
    re.I,
)


def tense(before: str) -> str:
    """ "future", "past" or "" for the words before a date in its sentence: the nearest verb of
    time wins ("began operating in July" is past; "will get under way in October" future)."""
    cues = [(m.end(), "future") for m in _FUTURE.finditer(before)]
    cues += [(m.end(), "past") for m in _PAST.finditer(before)]
    return max(cues)[1] if cues else ""


def _month_year(
    month: str, year_words: str | None, ref: tuple[int, int, int] | None, when: str = ""
) -> str:
    """A month without a year is of the dateline's year, unless the tense puts it across the
    turn of the year: "began operating in November" in a March report is last November, "will
    open in February" in an October report next February."""
    number = MONTHS[month.lower().rstrip(".")]
    if year_words and year_words[:1].isdigit():
        return f"{year_words}-{number:02d}"
    if ref is None:
        return ""
    shift = {"last year": -1, "next year": 1}.get((year_words or "").lower(), 0)
    if not year_words and ref[1]:
        if when == "past" and number > ref[1]:
            shift = -1
        elif when == "future" and number < ref[1]:
            shift = 1
    return f"{ref[0] + shift}-{number:02d}"


def _month_near(month: str, way: str, ref: tuple[int, int, int] | None) -> str:
    """ "this December" is the dateline's year's; "last March" the latest March before the
    dateline's month, "next June" the first June after it."""
    if ref is None or not ref[1]:
        return ""
    number = MONTHS[month.lower().rstrip(".")]
    shift = 0
    if way == "last" and number >= ref[1]:
        shift = -1
    elif way == "next" and number <= ref[1]:
        shift = 1
    return f"{ref[0] + shift}-{number:02d}"


def _weekday(name: str, ref: tuple[int, int, int] | None, when: str = "") -> str:
    """The weekday nearest the dateline: the one before it (or that day), or the one after it
    when the sentence speaks of the future ("will sign on Friday"); "last Friday" (``when`` is
    "before") is never the dateline's own day."""
    if ref is None or not ref[2]:
        return ""
    day = dt.date(*ref)
    target = list(calendar.day_name).index(name.capitalize())
    if when == "future":
        ahead = (target - day.weekday()) % 7 or 7
        return (day + dt.timedelta(days=ahead)).isoformat()
    back = (day.weekday() - target) % 7 or (7 if when == "before" else 0)  # "last Friday": before
    return (day - dt.timedelta(days=back)).isoformat()


def _relative(word: str, ref: tuple[int, int, int] | None) -> str:
    if ref is None:
        return ""
    year, month, day = ref
    if word in ("next month", "this month", "last month"):
        if not month:
            return ""
        shift = {"next month": 1, "this month": 0, "last month": -1}[word]
        total = year * 12 + month - 1 + shift
        return f"{total // 12}-{total % 12 + 1:02d}"
    if word in ("yesterday", "today"):
        if not day:
            return ""
        return (dt.date(*ref) - dt.timedelta(days=word == "yesterday")).isoformat()
    return str(year + {"next year": 1, "last year": -1, "this year": 0}[word])


def _day(m: re.Match, ref: tuple[int, int, int] | None, when: str = "") -> str:
    """A day of a month: its year as written, or "last/next year", or the dateline's year unless
    the tense puts it across the turn of the year ("was launched on 27 December" in a November
    report is last December)."""
    month = MONTHS[(m.group("dmonth1") or m.group("dmonth2") or m.group("dmonth3")).lower()[:3]]
    day = int(m.group("day1") or m.group("day2") or m.group("day3"))
    year = m.group("dyear1") or m.group("dyear2")
    if not year and ref:
        words = (m.group("dyrel2") or m.group("dyrel3") or "").lower()
        shift = {"last": -1, "next": 1}.get(words, 0)
        if not words and ref[1] and ref[2]:
            if when == "past" and (month, day) > (ref[1], ref[2]):
                shift = -1
            elif when == "future" and (month, day) < (ref[1], ref[2]):
                shift = 1
        year = str(ref[0] + shift)
    if not year:
        return ""
    try:
        return dt.date(int(year), month, day).isoformat()
    except ValueError:
        return ""


def _value(m: re.Match, ref: tuple[int, int, int] | None, when: str = "") -> tuple[str, str, bool]:
    """(value, qualifier, relative) of one DATE match; value '' when it cannot be resolved."""
    g = m.groupdict()
    if g["dmonth1"] or g["dmonth2"] or g["dmonth3"]:
        return _day(m, ref, when), "", not (g["dyear1"] or g["dyear2"])
    if g["month"] and g["mrel"] and not g["myear"]:
        return _month_near(g["month"], g["mrel"].lower(), ref), "", True
    if g["month"]:
        return (
            _month_year(g["month"], g["myear"], ref, when),
            "",
            not (g["myear"] or "")[:1].isdigit(),
        )
    if g["year"]:
        return g["year"] + (g["s"] or ""), "", False
    if g["decade_end"]:
        return (f"{ref[0] // 10 * 10}s" if ref else ""), "by the end of", True
    if g["within"]:
        n = _WITHIN_WORDS.get(g["within"].lower()) or (
            int(g["within"]) if g["within"].isdigit() else 0
        )
        return (str(ref[0] + n) if ref and n else ""), "by", True
    if g["inyears"]:  # "in two years" of the past is a duration ("built in two years"): no date
        n = _WITHIN_WORDS.get(g["inyears"].lower()) or (
            int(g["inyears"]) if g["inyears"].isdigit() else 0
        )
        return (str(ref[0] + n) if ref and n and when == "future" else ""), "by", True
    if g["ago"]:  # "three years ago" in a report of 2018: 2015 (a year, never a month)
        n = _WITHIN_WORDS.get(g["ago"].lower()) or (int(g["ago"]) if g["ago"].isdigit() else 0)
        return (str(ref[0] - n) if ref and n else ""), "", True
    if g["weekday"]:
        said = (g["wrel"] or "").lower()
        when = {"last": "before", "this past": "before", "next": "future"}.get(said, when)
        return _weekday(g["weekday"], ref, when), "", True
    if g["season2"]:  # "in autumn 2023"; "in the autumn", of the year the tense points to
        if g["syear"]:
            return g["syear"], "", False
        if g["srel"] and ref:  # "in the fall of this year"
            return str(ref[0] + {"next": 1, "last": -1}.get(g["srel"].lower(), 0)), "", True
        month = {"spring": 4, "summer": 7, "autumn": 10, "fall": 10}[g["season2"].lower()]
        return _month_year(calendar.month_name[month], None, ref, when)[:4], "", True
    if g["season"]:  # "next spring": the year it falls in (a season has no month of its own)
        word = g["season"].split()[0].lower()
        return _relative(f"{word} year", ref), "", True
    return _relative(g["rel"].lower(), ref), "", True


def find_dates(sentence: str, article_date: str) -> list[When]:
    """Every date the sentence states, resolved against the article's date where relative."""
    ref = reference(article_date)
    out = []
    for m in DATE.finditer(sentence):
        if (
            m.group("month")
            and m.group("month").lower().rstrip(".") == "may"
            and not (
                m.group("myear")
                or m.group("mrel")
                or re.search(r"\b(?:in|of|since|by|until|from)\s+$", sentence[: m.start()])
            )
        ):
            continue  # "may" the verb
        said = tense(sentence[: m.start()])
        if m.group("inyears") and _FUTURE.search(sentence[: m.start()]):
            said = "future"  # "should be completed in two years": a modal anywhere before
        value, qualifier, relative = _value(m, ref, said)
        words = m.group().strip()
        if value:
            note = (
                f"The article says {words!r}; its date, {article_date}, makes that {value}."
                if relative
                else ""
            )
        else:
            value = words.lower()
            note = (
                f"The article says {words!r} and states no date of its own to resolve it "
                "against; write the date here once known."
            )
        out.append(When(value, m.start(), m.end(), qualifier, note, relative))
    return out


# --- periods (traffic) and target years ----------------------------------------------------------

_PERIOD = re.compile(
    rf"\b(?:between|from)\s+(?P<m1>{_MONTH})\s+(?:and|to|through)\s+(?P<m2>{_MONTH})"
    rf"(?:\s+(?:of\s+)?(?P<y1>{_YEAR}|this year|last year))?"
    rf"|\b(?:(?:in|over|during|for)\s+)?(?P<m3>{_MONTH})\s*[–—-]\s*(?P<m4>{_MONTH})"
    rf"(?:\s+(?P<y2>{_YEAR}))?"
    rf"|\b(?:in|during|over)\s+the\s+first\s+(?P<n>\w+)\s+months\s+of\s+(?:the\s+year|"
    rf"(?P<y3>{_YEAR}|this year|last year))"
    rf"|\b(?:in|during|over)\s+the\s+(?P<half>first|second)\s+half(?:\s+of\s+(?:the\s+year|"
    rf"(?P<y4>{_YEAR}|this year|last year)))?"
    # "since the start of this year", "so far this year": from January to the dateline's month
    rf"|\bsince\s+the\s+(?:start|beginning)\s+of\s+(?P<since>{_YEAR}|this year|the year)"
    rf"|\b(?:so\s+far\s+(?P<sofar>this year)|(?P<sofar2>this year)\s+so\s+far)"
    # "in the first quarter of 2024": its three months
    rf"|\b(?:in|during|over)\s+the\s+(?P<qn>first|second|third|fourth)\s+quarter\s+of\s+"
    rf"(?:the\s+year|(?P<qy>{_YEAR}|this year|last year))"
    # "in January" alone: that month of the dateline's year (the last one, if still to come)
    rf"|\bin\s+(?P<m5>{_MONTH})(?!\s*[–—-])(?:\s+(?P<y6>{_YEAR}))?\b(?!\s+\d)"
    rf"|\b(?:(?:in|during|over|for)\s+(?:the\s+whole\s+of\s+)?)?(?P<rel>this year|last year|that year)"
    # "this month", "last month": the dateline's month, or the one before it
    rf"|\b(?:(?:in|during|over|for)\s+)?(?P<relm>this|last)\s+month\b"
    rf"|\b(?:in|during|for)\s+(?:the\s+(?:whole|full)\s+(?:year\s+)?(?:of\s+)?)?(?P<y5>{_YEAR})\b"
    rf"|\b(?P<end>before|by)\s+the\s+end\s+of\s+(?:the\s+|this\s+)?year"
    rf"|\bby\s+(?:the\s+end\s+of\s+|late\s+|mid-?\s*|early\s+)?(?P<by>{_YEAR})\b",
    re.IGNORECASE,
)
_COUNT = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_COUNT |= {"nine": 9, "ten": 10, "eleven": 11}


def _year_of(words: str | None, ref: tuple[int, int, int] | None, last_year: str = "") -> str:
    """A year stated as digits, or as 'this/last/that year' against the dateline."""
    if not words:
        return str(ref[0]) if ref else ""
    if words[:1].isdigit():
        return words
    words = words.lower()
    if words == "that year":
        return last_year
    if ref is None:
        return ""
    return str(ref[0] + (-1 if words == "last year" else 0))


def _months(a: str, b: str, year: str) -> str:
    one, two = MONTHS[a.lower().rstrip(".")], MONTHS[b.lower().rstrip(".")]
    return f"{year}-{one:02d}/{year}-{two:02d}" if year else ""


@dataclass(frozen=True)
class Period:
    value: str
    start: int
    end: int
    target: bool = False  # "by 2027", "before the end of the year": a year to reach, not a span
    inherited: bool = False  # the span of the sentence before ("Of these, 6,400 TEU moved ...")


def _period(m: re.Match, ref: tuple[int, int, int] | None, last_year: str) -> Period | None:
    g = m.groupdict()
    if g["m1"] or g["m3"]:
        first, last, words = (g["m1"], g["m2"], g["y1"]) if g["m1"] else (g["m3"], g["m4"], g["y2"])
        year = _year_of(words, ref)
        if not words and ref and ref[1] and MONTHS[last.lower().rstrip(".")] > ref[1]:
            year = str(ref[0] - 1)  # "over January-October" in a March report: last year's
        value = _months(first, last, year)
    elif g["n"]:
        n = _COUNT.get(g["n"].lower(), 0)
        value = _months("January", calendar.month_name[n], _year_of(g["y3"], ref)) if n else ""
    elif g["half"]:
        first = g["half"].lower() == "first"
        year = _year_of(g["y4"], ref)
        if not g["y4"] and ref and ref[1] and ref[1] <= (6 if first else 12):
            year = str(ref[0] - 1)  # "in the first half" in a June report: last year's
        value = _months(*(("January", "June") if first else ("July", "December")), year)
    elif g["qn"]:
        first = 3 * ["first", "second", "third", "fourth"].index(g["qn"].lower()) + 1
        year = _year_of(g["qy"], ref)
        value = f"{year}-{first:02d}/{year}-{first + 2:02d}" if year else ""
    elif g["since"] or g["sofar"] or g["sofar2"]:
        since = g["since"] or "this year"
        year = _year_of(since if since[:1].isdigit() else "this year", ref)
        if not ref or year != str(ref[0]):
            return None
        value = f"{year}-01/{year}-{ref[1]:02d}"
    elif g["m5"]:
        month = MONTHS[g["m5"].lower().rstrip(".")]
        if g["y6"]:
            value = f"{g['y6']}-{month:02d}"
        elif ref:
            value = f"{ref[0] - (1 if month > ref[1] else 0)}-{month:02d}"
        else:
            value = ""
    elif g["relm"]:
        if not ref or not ref[1]:
            return None
        year, month = ref[0], ref[1] - (g["relm"].lower() == "last")
        value = f"{year - 1}-12" if month == 0 else f"{year}-{month:02d}"
    elif g["rel"]:
        value = _year_of(g["rel"], ref, last_year)
    elif g["y5"]:
        value = g["y5"]
    elif g["end"]:
        return Period(str(ref[0]), m.start(), m.end(), True) if ref else None
    else:
        return Period(g["by"], m.start(), m.end(), True)
    return Period(value, m.start(), m.end()) if value else None


def find_periods(sentence: str, article_date: str, last_year: str = "") -> list[Period]:
    """The periods a sentence states (for traffic), and target years ("by 2027").

    ``last_year`` is the year the sentences before last named, for "that year".
    """
    ref = reference(article_date)
    out = []
    for m in _PERIOD.finditer(sentence):
        period = _period(m, ref, last_year)
        if period is not None:
            out.append(period)
    return out


def read_dateparser(sentence: str, article_date: str) -> list[When]:
    """The dates dateparser finds, relative to the article's date (for the comparison only)."""
    from dateparser.search import search_dates  # only installed for the comparison

    ref = reference(article_date)
    base = dt.datetime(ref[0], ref[1] or 1, ref[2] or 1) if ref else None
    settings = {"RELATIVE_BASE": base} if base else {}
    found = search_dates(sentence, languages=["en"], settings=settings) or []
    out, cursor = [], 0
    for words, when in found:
        at = sentence.find(words, cursor)
        cursor = max(cursor, at + len(words))
        if re.search(r"\d{1,2}\s+\w+\s+\d{4}|\w+\s+\d{1,2},?\s+\d{4}|day\b", words):
            value = when.date().isoformat()
        elif re.search(r"[A-Za-z]+\s+\d{4}|month", words, re.I):
            value = f"{when.year}-{when.month:02d}"
        else:
            value = str(when.year)
        out.append(When(value, at, at + len(words), relative=not re.search(r"\d{4}", words)))
    return out


#: How dates are read: "rules" (kept) or "dateparser" (compared).
READERS = {"rules": find_dates, "dateparser": read_dateparser}
