"""The periods traffic is reported for, as a vocabulary of shapes resolved against the dateline.

dates.find_periods reads the long-hand shapes ("between January and July this year", "in the
first half of 2020", "last year", "by 2027"). Trade and wire reports also write them short or
another way round, and a figure whose period goes unread is lost (or, worse, takes a period of
another figure in the sentence). This module adds those shapes as a table, each a small reader:

- counted months: "in the first 11 months", "in the first nine months" (no year: the dateline's,
  or last year's when the months are not over yet), "the ten months to October", "in 9M 2024";
- halves and quarters written short: "H1 2024", "1H", "in Q3", "1Q 2025", "the first quarter";
- month spans without "between": "January to September 2024", "January through July";
- a whole year: "over 2024", "throughout 2023", "in the current year", "year to date",
  "since January";
- a year to reach (a target's): "next year", "by year-end", "until the end of 2015".

Periods overlapping one dates.py found are left to it, so the two never disagree.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import dates
from .quantities import WORDS
from .sentences import MONTHS

Ref = tuple[int, int, int]

_MONTH = dates._MONTH
_YEAR = r"(?:19|20)\d\d"
#: How many months a report counts, in digits or words.
_N = r"(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
#: The number words `_N` can match, as quantities spells them (one table, not two).
_COUNT = {w: i for w, i in WORDS.items() if i <= 12}
#: The year a short period is of: "2024", "'24", "24" after a letter code, "this/last year".
_OF_YEAR = (
    rf"(?:\s*(?:of\s+)?(?P<y>{_YEAR}|this\s+year|last\s+year|the\s+(?:current|previous)\s+year))?"
)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _COUNT.get(word.lower(), 0)


def _year(words: str | None, ref: Ref | None, months_end: int = 0) -> int | None:
    """The year of a period: stated, "this/last year", or (unstated) the dateline's, last year's
    when the period ends after the dateline's month ("the first nine months" in a March report)."""
    if words:
        w = " ".join(words.lower().split())
        if w[:1].isdigit():
            return int(w)
        if ref is None:
            return None
        return ref[0] - (1 if w in ("last year", "the previous year") else 0)
    if ref is None:
        return None
    return ref[0] - (1 if ref[1] and months_end > ref[1] else 0)


def _span(year: int | None, first: int, last: int) -> str:
    if year is None or not 1 <= first <= last <= 12:
        return ""
    return f"{year}-{first:02d}" if first == last else f"{year}-{first:02d}/{year}-{last:02d}"


def _first_months(m: re.Match, ref: Ref | None) -> str:
    """ "in the first 11 months (of 2024)", "in 9M 2024", "9M24": January to the Nth month."""
    g = m.groupdict()
    n = _count(g.get("n") or g.get("n2") or "")
    y = g.get("y") or (f"20{m.group('yy')}" if m.groupdict().get("yy") else None)
    return _span(_year(y, ref, n), 1, n) if n else ""


def _months_to(m: re.Match, ref: Ref | None) -> str:
    """ "the ten months to October", "the 12 months through June 2024": N months ending then."""
    n, last = _count(m.group("n")), MONTHS[m.group("m").lower().rstrip(".")]
    if not n or n > last:
        return ""  # a span across the turn of the year: no one calendar period
    return _span(_year(m.group("y"), ref, last), last - n + 1, last)


def _half(m: re.Match, ref: Ref | None) -> str:
    """ "H1 2024", "1H", "the second half": January-June or July-December."""
    first = (m.group("h") or m.group("h2")) == "1"
    y = m.group("y") or (f"20{m.group('yy')}" if m.group("yy") else None)
    return _span(_year(y, ref, 6 if first else 12), 1 if first else 7, 6 if first else 12)


_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _quarter(m: re.Match, ref: Ref | None) -> str:
    """ "Q3 2024", "1Q", "in the first quarter": its three months."""
    g = m.groupdict()
    q = _ORD[(g.get("q") or g.get("q2") or g.get("q3")).lower()]
    y = g.get("y") or (f"20{g['yy']}" if g.get("yy") else None)
    return _span(_year(y, ref, 3 * q), 3 * q - 2, 3 * q)


def _month_to_month(m: re.Match, ref: Ref | None) -> str:
    """ "January to September 2024", "January through July": the months between."""
    a, b = (MONTHS[m.group(k).lower().rstrip(".")] for k in ("a", "b"))
    return _span(_year(m.group("y"), ref, b), a, b) if a < b else ""


def _to_date(m: re.Match, ref: Ref | None) -> str:
    """ "year to date", "since January": from January (or the month named) to the dateline's."""
    if ref is None or not ref[1]:
        return ""
    first = MONTHS[m.group("m").lower().rstrip(".")] if m.group("m") else 1
    return _span(ref[0], first, ref[1]) if first < ref[1] else ""


def _the_year(m: re.Match, ref: Ref | None, last_year: str = "") -> str:
    """ "over the course of the year", "during the year": the year named last (as "that year")."""
    return last_year


def _month_alone(m: re.Match, ref: Ref | None, last_year: str = "") -> str:
    """ "July alone accounted for ...": that month of the year the report is about (the year
    named last, else the dateline's when the month is over by then)."""
    month = MONTHS[m.group("m").lower().rstrip(".")]
    if last_year:
        return f"{last_year}-{month:02d}"
    if ref and ref[1] and month < ref[1]:
        return f"{ref[0]}-{month:02d}"
    return ""


def _next_year(m: re.Match, ref: Ref | None) -> str:
    return str(ref[0] + 1) if ref else ""


def _year_end(m: re.Match, ref: Ref | None) -> str:
    """ "by year-end", "until the end of 2015", "by the end of next year": a year to reach."""
    y = m.group("y")
    if y and y[:1].isdigit():
        return y
    if ref is None:
        return ""
    return str(ref[0] + (1 if y and "next" in y.lower() else 0))


def _whole_year(m: re.Match, ref: Ref | None) -> str:
    """ "over 2024", "throughout 2023", "in the current year"."""
    y = m.group("y") or m.group("y2") or m.group("y3")
    year = _year(y, ref) if y else None
    return str(year) if year else ""


_YY = rf"(?:\s*(?:(?P<y>{_YEAR})|'?(?P<yy>\d\d)\b))?"
#: (shape, reader, a year to reach?): the vocabulary of periods dates.py does not read.
SHAPES: tuple[tuple[re.Pattern, Callable[[re.Match, Ref | None], str], bool], ...] = tuple(
    (re.compile(p, re.I), f, target)
    for p, f, target in (
        (
            rf"\b(?:in|during|over|for|within)\s+the\s+first\s+{_N}\s+months\b{_OF_YEAR}",
            _first_months,
            False,
        ),
        # "in the four months of 2022": the first four, when the year is named
        (
            rf"\b(?:in|during|over|for|within)\s+the\s+{_N}\s+months\s+of\s+"
            rf"(?P<y>{_YEAR}|this\s+year)\b",
            _first_months,
            False,
        ),
        # "9M 2024", "9M24", "in 9M": never "a 5M-tonne line" or "10M people"
        (
            rf"(?<![\w-]){_N}M(?:\s*(?P<y>{_YEAR})|'?(?P<yy>\d\d))\b(?!-)"
            rf"|(?<=\bin\s){_N.replace('<n>', '<n2>')}M\b(?![-\w]|\s+[a-z])(?P<y2>)",
            _first_months,
            False,
        ),
        (
            rf"\b(?:the\s+)?{_N}\s+months\s+(?:to|through|till|until|ending(?:\s+in)?)\s+"
            rf"(?P<m>{_MONTH})(?:\s+(?P<y>{_YEAR}))?",
            _months_to,
            False,
        ),
        (rf"(?<![\w-])(?:H(?P<h>[12])|(?P<h2>[12])H){_YY}\b", _half, False),
        (rf"(?<![\w-])(?:Q(?P<q>[1-4])|(?P<q2>[1-4])Q){_YY}\b", _quarter, False),
        (
            r"\b(?:in|during|over|for)\s+the\s+(?P<q3>first|second|third|fourth)\s+quarter\b",
            _quarter,
            False,
        ),
        (
            # "in January-July of this year": a dash between the months too
            rf"\b(?:in|during|over|for)\s+(?P<a>{_MONTH})\s*(?:\s(?:to|through|till|until)\s|[-–—])\s*"
            rf"(?P<b>{_MONTH})(?:\s+(?:of\s+)?(?P<y>{_YEAR}|this\s+year|last\s+year))?",
            _month_to_month,
            False,
        ),
        (
            # "throughout all of 2023", "for the whole of 2022", "in the entire year 2021"
            rf"\b(?:over|throughout|across)\s+(?:the\s+whole\s+of\s+|all\s+of\s+)?(?P<y>{_YEAR})\b"
            rf"|\b(?:in|for|during)\s+(?:all|the\s+(?:whole|entirety))\s+of\s+(?P<y3>{_YEAR})\b"
            rf"|\b(?:in|during|over|for)\s+(?P<y2>the\s+current\s+year)\b",
            _whole_year,
            False,
        ),
        (rf"\b(?:year[\s-]to[\s-]date|since\s+(?P<m>{_MONTH})(?!\s+\d))\b", _to_date, False),
        (rf"\b(?:in\s+)?(?P<m>{_MONTH})\s+alone\b", _month_alone, False),
        (r"\b(?:next\s+year|in\s+the\s+coming\s+year)\b", _next_year, True),
        (
            r"\b(?:over|during|in|for|throughout)\s+(?:the|that)\s+(?:course\s+of\s+the\s+|whole\s+|"
            r"full\s+|entire\s+)?"
            r"year\b(?!\s+(?:before|earlier|ago|to|as\s+a\s+whole))",
            _the_year,
            False,
        ),
        (
            rf"\b(?:by|before|until|till|through)\s+(?:the\s+)?(?:year[\s-]end|end\s+of\s+"
            rf"(?P<y>{_YEAR}|next\s+year))\b",
            _year_end,
            True,
        ),
    )
)


def find_periods(sentence: str, article_date: str, last_year: str = "") -> list[dates.Period]:
    """Every period the sentence states: dates.py's, and the shapes above where they read one
    it does not (never one overlapping its own)."""
    found = dates.find_periods(sentence, article_date, last_year)
    ref = dates.reference(article_date)
    for pattern, reader, target in SHAPES:
        for m in pattern.finditer(sentence):
            inside = [p for p in found if m.start() <= p.start and p.end <= m.end()]
            crossed = [p for p in found if p.start < m.end() and m.start() < p.end]
            if crossed != inside or (
                inside and inside[0].end - inside[0].start == m.end() - m.start()
            ):
                continue  # dates.py read it, or a longer shape holding this one
            with_year = reader in (_the_year, _month_alone)  # "that year"'s readers
            value = reader(m, ref, last_year) if with_year else reader(m, ref)
            if value:  # "in January to September": the span, not dates.py's "in January"
                found = [p for p in found if p not in inside]
                found.append(dates.Period(value, m.start(), m.end(), target))
    return sorted(found, key=lambda p: p.start)
