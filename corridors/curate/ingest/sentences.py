"""The first pass: an article cut into paragraphs and sentences (with offsets), and what its top
states about it (headline, dateline, date, outlet, author).

Every quote is one whole sentence cut from the article, so the offsets are kept: the quote is
verbatim by construction. A paragraph is the unit a topic holds for (the next pass reads "the
project" against the system the paragraph is about), so paragraphs are kept too: a line of the
article, or a block of lines between blank lines when the article wraps its paragraphs.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from . import wireprefix

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    line: int  # which paragraph of the article it stands in (the topic's unit)


#: A sentence ends at '.', '!' or '?' (a closing quote may follow) before a capital or a digit.
_SPLIT = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
#: Words whose full stop ends no sentence ("U.S. officials", "Mr. Li", "Jan. 5", "No. 3").
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:[A-Z]\.){2,3}|(?<![\w.])(?:Mr|Mrs|Ms|Dr|Prof|St|Co|Corp|Inc|Ltd|No|Nos|Jan|Feb|Mar|Apr|"
    r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Gen|Gov|Sen|Rep|approx|est|vs|etc)\.)$"
)
#: A line that does not end a sentence, in a block of such lines: the article wraps paragraphs.
_OPEN_END = re.compile(r"[^.!?:\"”’)]\s*$")


def _blocks(text: str) -> list[tuple[int, int]]:
    """Paragraphs as (start, end) offsets: each line, or a wrapped block of lines as one."""
    out: list[tuple[int, int]] = []
    for block in re.finditer(r"[^\n](?:[^\n]|\n(?![ \t]*\n))*", text):
        lines = list(re.finditer(r"[^\n]+", block.group()))
        wrapped = len(lines) > 2 and all(_OPEN_END.search(m.group()) for m in lines[:-1])
        wrapped = wrapped and all(len(m.group()) >= 60 for m in lines[:-1])
        if wrapped:
            out.append((block.start(), block.end()))
        else:
            out += [(block.start() + m.start(), block.start() + m.end()) for m in lines]
    return out


def _pieces_rules(body: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph, by the rules above."""
    out, start = [], 0
    for cut in _SPLIT.finditer(body):
        if _ABBREVIATIONS.search(body[start : cut.start()].rstrip("\"'”’)")):
            continue
        out.append((start, cut.start() + (len(cut.group()) - len(cut.group().lstrip("\"'”’)")))))
        start = cut.end()
    out.append((start, len(body)))
    return out


def _pieces_pysbd(body: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph, by pysbd (for the comparison benchmark)."""
    import pysbd  # only installed for the comparison; see benchmarks/ingest_libraries.py

    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    return [(span.start, span.end) for span in segmenter.segment(body)]


#: How sentences are cut: "rules" (kept: see the README's ingest section) or "pysbd".
SPLITTERS = {"rules": _pieces_rules, "pysbd": _pieces_pysbd}


#: How many paragraphs from the top a wire dateline may open (it opens the story, not its middle).
_PREFIX_PARAGRAPHS = 6


def sentences(text: str, splitter: str = "rules") -> list[Sentence]:
    """Sentences with their offsets and paragraph, leading and trailing spaces left out.

    A wire dateline or byline opening one of the top paragraphs ("CITY, Mon. 5 (Agency) -") is
    left out of the sentence it opens (wireprefix.py): the sentence is read, and quoted, from
    where the story starts, so its subject is the story's, not the city's or the agency's."""
    out = []
    for number, (start, end) in enumerate(_blocks(text)):
        prefix = wireprefix.read(text[start:end]) if number < _PREFIX_PARAGRAPHS else None
        start += prefix.end if prefix else 0
        body = text[start:end]
        for a, b in SPLITTERS[splitter](body):
            piece = body[a:b]
            stripped = piece.strip()
            if stripped:
                at = start + a + len(piece) - len(piece.lstrip())
                out.append(Sentence(at, at + len(stripped), stripped, number))
    return out


# --- what the top of the article states --------------------------------------------------------

_FULL_DATE = re.compile(
    r"\b(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    r"(?:(?P<m1>[A-Z][a-z]+)\.?\s+(?P<d1>\d{1,2}),?\s+(?P<y1>(?:19|20)\d\d)"
    r"|(?P<d2>\d{1,2})\s+(?P<m2>[A-Z][a-z]+)\.?,?\s+(?P<y2>(?:19|20)\d\d))\b"
    r"|\b(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)\b"
)
_DATELINE = re.compile(
    r"^(?P<place>[A-Z]{3,}(?: [A-Z]{3,})?) [–—-] "
    r"|^(?P<place2>[A-Z][a-z]+(?: [A-Z][a-z]+)?) \((?P<outlet>[A-Z][\w.]*)\):\s"
    r"|^(?P<place3>[A-Z][a-z]+(?: [A-Z][a-z]+)?):$"
    # "TASHKENT, 14 March 2025 (Some Wire) -", "Astana, June 3, 2024": a place, then the date
    r"|^(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December)\b)"
    r"(?P<place4>[A-Z][A-Za-z’']+(?:[ -][A-Z][A-Za-z’']+)?)(?:,\s+[A-Z][a-z]+)?,\s+"
    r"(?=[A-Z]?[a-z]*\.?\s*\d|\d|(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\s+\d)"
)
#: The outlet in brackets after a dateline's date: "14 March 2025 (Caspian Wire) -".
_DATELINE_OUTLET = re.compile(r"^\s*\((?P<outlet>[^()]{2,60})\)\s*[–—-]?")
_MONTH_YEAR = re.compile(
    r"^[^\n]{0,60}?\b(?P<month>January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\s+(?P<year>(?:19|20)\d\d)\b"
)
_NOT_DATELINE = {"Pro Tip", "Note", "Update", "Read More", "Photo", "Source", "Also Read"}


def parse_date(match: re.Match) -> str | None:
    """A day as ISO text from a _FULL_DATE match; None when it names no calendar day."""
    if match.group("iso"):
        return match.group("iso")
    month = (match.group("m1") or match.group("m2") or "").lower()
    day = match.group("d1") or match.group("d2")
    year = match.group("y1") or match.group("y2")
    if month not in MONTHS:
        return None
    try:
        return dt.date(int(year), MONTHS[month], int(day)).isoformat()
    except ValueError:
        return None


def _dateline(line: str, meta: dict[str, str]) -> None:
    """Fill dateline (and outlet, and date when the dateline carries one) from a dateline line."""
    m = _DATELINE.match(line)
    if not m:
        _wire_dateline(line, meta)
        return
    place = m.group("place") or m.group("place2") or m.group("place3") or m.group("place4")
    if not place or place in _NOT_DATELINE:
        return
    if m.group("place4"):
        date = _FULL_DATE.match(line, m.end()) or _MONTH_YEAR.match(line[m.end() :])
        if not date:
            return  # "Kazakhstan, Kyrgyzstan and ...": a list, not a dateline
        if date.re is _FULL_DATE:
            meta["date"] = meta["date"] or parse_date(date) or ""
        rest = line[date.end() :] if date.re is _FULL_DATE else line[m.end() + date.end() :]
        outlet = _DATELINE_OUTLET.match(rest)
        meta["outlet"] = outlet.group("outlet").strip() if outlet else ""
    else:
        meta["outlet"] = m.group("outlet") or ""
    meta["dateline"] = place


def _wire_dateline(line: str, meta: dict[str, str]) -> None:
    """Dateline, outlet, author and (when it prints a year) date from a wire prefix."""
    prefix = wireprefix.read(line)
    if prefix is None:
        return
    meta["author"] = meta["author"] or prefix.author
    if prefix.place:
        meta["dateline"] = prefix.place
        meta["outlet"] = meta["outlet"] or prefix.agency
        meta["date"] = meta["date"] or prefix.date


def _is_headline(line: str, before_dateline: bool = False) -> bool:
    """A title-like line: short, no full stop, capitalised (or the line just above a dateline)."""
    if before_dateline:
        return 4 <= len(line.split()) <= 25 and not line.endswith((".", "!"))
    words = line.split()
    capitals = sum(1 for w in words if w[:1].isupper())
    return (
        4 <= len(words) <= 20
        and not line.endswith((".", "?", "!"))
        and "»" not in line
        and not _FULL_DATE.search(line)
        and not line.startswith(("By ", "-", "•"))
        and capitals >= 0.6 * len(words)
    )


def _month_of_issue(text: str) -> str:
    """'2014-09' from a dateline that gives only a month ("DUSHANBE, September 2014 -"): no
    source date (that is a day), but what relative dates in the text are read against."""
    for line in text.splitlines()[:6]:
        m = _MONTH_YEAR.match(line.strip())
        if m and len(line.strip()) <= 90:
            return f"{m.group('year')}-{MONTHS[m.group('month').lower()]:02d}"
        year = _YEAR_LINE.match(line.strip())
        if year:  # "2017 (a company statement) -": a year alone, still what "last year" means
            return year.group("year")
    return ""


#: A dateline that is a year alone, with its outlet in brackets: "2017 (trade press) -".
_YEAR_LINE = re.compile(r"^(?P<year>(?:19|20)\d\d)\s*(?:\([^()]*\)\s*)?[-–—]+$")


#: A note in brackets closing a date line, with the dash that ends it.
_DATE_NOTE = re.compile(r"\s*\([^()]*\)\s*[-–—]?\s*$")


def metadata(text: str) -> dict[str, str]:
    """headline, outlet, dateline, date, author and syndicated: only what the text states.

    The date is a full date (day, month and year) standing alone near the top, where pages print
    their date, or in the dateline ("TASHKENT, 14 March 2025 (Some Wire) -"); the dateline is the
    place (and outlet) opening the first paragraph ("BEIJING –", "Astana (TDI):"); the headline
    the first title-like line before the body; the author a "By" line. Anything else is left
    empty rather than guessed.
    """
    meta = dict.fromkeys(("headline", "outlet", "dateline", "date", "author", "syndicated"), "")
    seen_body = False
    offset = 0
    previous = ""
    lines_seen = 0
    for raw_line in text.splitlines(keepends=True):
        line = raw_line.strip()
        offset += len(raw_line)
        if not line:
            continue
        seen_body = seen_body or len(line) >= 150
        lines_seen += 1
        if not meta["dateline"] and (offset <= len(text) / 3 + len(raw_line) or lines_seen <= 3):
            _dateline(line, meta)
            if (
                meta["dateline"]
                and not meta["headline"]
                and previous
                and _is_headline(previous, True)
            ):
                meta["headline"] = previous
        if not meta["date"] and not seen_body:
            # "20 October 2025 (a wire report, via the ministry) -": a date line with a note in
            # brackets after it, however long the note
            bare = _DATE_NOTE.sub("", line)
            m = _FULL_DATE.search(bare) if bare != line and len(bare) <= 60 else None
            m = m or (_FULL_DATE.search(line) if len(line) <= 60 else None)
            if m:
                meta["date"] = parse_date(m) or ""
        if not meta["author"] and not seen_body:
            m = re.match(r"^By\s+([A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){0,3})\s*$", line)
            if m:
                meta["author"] = m.group(1)
        if not meta["headline"] and not seen_body and _is_headline(line):
            meta["headline"] = line
        previous = previous or line
    if not meta["date"]:
        meta["reference"] = _month_of_issue(text)
    m = re.search(r"\bnot been edited by ([A-Z][\w.]*) staff", text)
    if m and not meta["outlet"]:
        meta["outlet"] = m.group(1)
    if re.search(r"\bsyndicated feed\b", text):
        meta["syndicated"] = "yes"
    return meta
