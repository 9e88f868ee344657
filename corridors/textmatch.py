"""Finding a quote in its article, word for word.

The only tolerance is whitespace (runs fold to one space) and typographic quotes (curly to
straight): anything looser would let a misquote through. Offsets are kept so that the panel can show
the quote inside its surrounding sentence in the original text.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"'})


def normalise(text: str) -> tuple[str, list[int]]:
    """Fold whitespace and typographic quotes; return the text and each character's original index."""
    out: list[str] = []
    index: list[int] = []
    in_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not in_space and out:
                out.append(" ")
                index.append(i)
            in_space = True
            continue
        in_space = False
        out.append(ch.translate(_QUOTES))
        index.append(i)
    if out and out[-1] == " ":
        out.pop()
        index.pop()
    return "".join(out), index


@functools.lru_cache(maxsize=256)
def _normalised_source(text: str) -> tuple[str, list[int]]:
    """A source article normalised once: every quote checked or shown against it reuses this."""
    return normalise(text)


def normalise_text(text: str) -> str:
    return normalise(text)[0]


@dataclass(frozen=True)
class Match:
    """Where a quote stands in the original text: [start, end) in original characters."""

    start: int
    end: int


def find_quote(quote: str, text: str) -> Match | None:
    """The first place the quote stands in the text, or None when it is not there word for word."""
    needle = normalise_text(quote)
    if not needle:
        return None
    hay, index = _normalised_source(text)
    at = hay.find(needle)
    if at < 0:
        return None
    return Match(index[at], index[at + len(needle) - 1] + 1)


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’]?\s+|\n+")


def sentence_around(text: str, match: Match) -> tuple[str, str, str]:
    """The sentence(s) holding the match, split as (before, quoted words, after).

    A sentence ends at '.', '!' or '?' followed by white space, or at a line break, so a quote that
    spans sentences brings all of them.
    """
    start = 0
    for boundary in _SENTENCE_END.finditer(text, 0, match.start):
        start = boundary.end()
    tail = _SENTENCE_END.search(text, match.end)
    end = tail.start() if tail else len(text)
    if end < match.end:
        end = match.end
    return text[start : match.start], text[match.start : match.end], text[match.end : end].rstrip()


@dataclass(frozen=True)
class NearMiss:
    """The closest passage the source does contain, and how the quote differs from it."""

    passage: str
    ratio: float
    differences: list[str]


def closest_passage(quote: str, text: str) -> NearMiss | None:
    """The passage of the text most like the quote, with a word-level list of differences.

    Compares the quote with every window of the same number of words, so a curator sees what the
    source actually says rather than a bare "not found".
    """
    q_words = normalise_text(quote).split(" ")
    t_words = normalise_text(text).split(" ")
    if not q_words or not t_words or q_words == [""]:
        return None
    n = len(q_words)
    best: tuple[float, int] = (-1.0, 0)
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(q_words)
    for start in range(max(1, len(t_words) - n + 1)):
        window = t_words[start : start + n]
        matcher.set_seq1(window)
        if matcher.real_quick_ratio() <= best[0] or matcher.quick_ratio() <= best[0]:
            continue
        ratio = matcher.ratio()
        if ratio > best[0]:
            best = (ratio, start)
    ratio, start = best
    # A dropped or added word moves the passage's end: settle its extent around the best start, so
    # the differences name the changed words and not a word pushed off the end of the window.
    end = start + n
    for s in range(max(0, start - 2), min(len(t_words), start + 3)):
        for e in range(s + max(1, n - 3), min(len(t_words), s + n + 3) + 1):
            matcher.set_seq1(t_words[s:e])
            if matcher.ratio() > ratio:
                ratio, start, end = matcher.ratio(), s, e
    window = t_words[start:end]
    diffs: list[str] = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, window, q_words).get_opcodes():
        if op == "equal":
            continue
        source_words = " ".join(window[a1:a2])
        quote_words = " ".join(q_words[b1:b2])
        if op == "replace":
            diffs.append(f"source has {source_words!r} where the quote has {quote_words!r}")
        elif op == "delete":
            diffs.append(f"source has {source_words!r} that the quote leaves out")
        else:
            diffs.append(f"quote adds {quote_words!r}, not in the source")
    return NearMiss(" ".join(window), round(ratio, 3), diffs)
