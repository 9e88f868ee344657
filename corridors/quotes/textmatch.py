"""Finding a quote in its article, word for word.

The only tolerance is whitespace (runs fold to one space) and typographic quotes (curly to
straight): anything looser would let a misquote through. Offsets are kept so that the panel can show
the quote inside its surrounding sentence in the original text.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"'})


#: Every character str.isspace() accepts (all below U+3001), and the typographic quotes folded.
_SPACES = np.array([c for c in range(0x3001) if chr(c).isspace()], dtype=np.uint32)
_FOLD = sorted((code, ord(straight)) for code, straight in _QUOTES.items())
_CURLY = np.array([curly for curly, _ in _FOLD], dtype=np.uint32)
_STRAIGHT = np.array([straight for _, straight in _FOLD], dtype=np.uint32)
#: Whether a code point is white space, looked up in a table (one past the last space: False, and
#: where every higher code point is clipped to).
_IS_SPACE = np.zeros(int(_SPACES.max()) + 2, dtype=bool)
_IS_SPACE[_SPACES] = True


def normalise(text: str) -> tuple[str, np.ndarray]:
    """Fold whitespace and typographic quotes; return the text and each character's original index.

    Vectorised over the code points (numpy), so a whole corpus of articles folds in well under a
    second: a whitespace run becomes one space at the run's first character, leading and trailing
    runs go, curly quotes become straight. The index stays a numpy array (a list of a Python int
    per character cost more than the folding, and four times the memory in the cache below).
    """
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if not len(codes):
        return "", np.zeros(0, dtype=np.int64)
    space = _IS_SPACE[np.minimum(codes, len(_IS_SPACE) - 1)]
    before = np.concatenate(([True], space[:-1]))  # the start counts as space: leading runs go
    index = np.flatnonzero(~space | ~before)
    if len(index) and space[index[-1]]:
        index = index[:-1]  # a trailing run
    out = codes[index].copy()
    out[space[index]] = 32
    curly = np.isin(out, _CURLY)
    if curly.any():
        out[curly] = _STRAIGHT[np.searchsorted(_CURLY, out[curly])]
    return out.tobytes().decode("utf-32-le", "surrogatepass"), index


def by_article(sources: Sequence[str]) -> list[int]:
    """Positions of rows in the order to look their quotes up: grouped by article (stable), so
    each article is folded once per pass even when the rows are sorted by corridor and cite more
    articles than ``normalised_source`` keeps (a thousand-article corpus would else fold an
    article again for nearly every quote). Callers report in the rows' own order."""
    return sorted(range(len(sources)), key=sources.__getitem__)


@functools.lru_cache(maxsize=256)
def normalised_source(text: str) -> tuple[str, np.ndarray]:
    """A source article normalised once: every quote checked or shown against it reuses this."""
    return normalise(text)


#: The typographic quotes and their straight forms, for ``normalise_text``.
_QUOTE_PAIRS = tuple((chr(curly), chr(straight)) for curly, straight in _FOLD)


def normalise_text(text: str) -> str:
    """The same folding as ``normalise`` without the index, at C speed: ``str.split`` splits on
    the same white space (``str.isspace``) and drops leading and trailing runs, and a quote mark
    is replaced only when the text holds one (``str.translate`` with a table took ten times as
    long). The validator folds every quote, 100,000 of them in a large dataset."""
    folded = " ".join(text.split())
    if not folded.isascii():
        for curly, straight in _QUOTE_PAIRS:
            if curly in folded:
                folded = folded.replace(curly, straight)
    return folded


@functools.lru_cache(maxsize=256)
def folded_source(text: str) -> str:
    """A source article folded (``normalise_text``), without the index ``normalised_source``
    keeps: for a check that only asks whether a quote stands in it."""
    return normalise_text(text)


def contains(quote: str, text: str) -> bool:
    """Whether the quote stands in the text word for word: ``find_quote(...) is not None``,
    without the offsets."""
    needle = normalise_text(quote)
    return bool(needle) and needle in folded_source(text)


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
    hay, index = normalised_source(text)
    at = hay.find(needle)
    if at < 0:
        return None
    return Match(int(index[at]), int(index[at + len(needle) - 1]) + 1)


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
    first_difference: int = 0  # index in ``passage`` (characters) of the first differing word


#: A quote word found more often than this in the article says nothing about where the quote is.
_COMMON_WORD = 64

#: Only the quote's first words vote for where it stands (enough to place it; bounded work).
_VOTING_WORDS = 1000

#: Quotes longer than this (in words) are compared around their first difference only.
_WINDOW_WORDS = 40

#: The near-miss message shows at most this many characters of the source.
EXCERPT_CHARS = 200

#: Each difference names at most this many characters of words on either side.
_DIFF_CHARS = 60


def _clip(words: list[str]) -> str:
    text = " ".join(words)
    return text if len(text) <= _DIFF_CHARS else text[: _DIFF_CHARS - 1] + "…"


def closest_passage(quote: str, text: str) -> NearMiss | None:
    """The passage of the text most like the quote, with a word-level list of differences.

    Linear in the article: each quote word votes for where the quote would start in the article
    (its positions there, minus its place in the quote; words found everywhere do not vote), the
    best-voted start is the passage, and the detailed word comparison runs only on a window of
    bounded size around the quote's first difference. A curator sees what the source actually
    says rather than a bare "not found", in time independent of how long the misquote is.
    """
    q_words = normalise_text(quote).split(" ")
    t_words = normalised_source(text)[0].split(" ")
    if q_words == [""] or t_words == [""]:
        return None
    where: dict[str, list[int]] = {}
    for i, word in enumerate(t_words):
        where.setdefault(word, []).append(i)
    votes: Counter[int] = Counter()
    for j, word in enumerate(q_words[:_VOTING_WORDS]):
        spots = where.get(word, ())
        if 0 < len(spots) <= _COMMON_WORD:
            votes.update(i - j for i in spots)
    if not votes:
        return None
    best = max(votes.values())
    offset = min(o for o, v in votes.items() if v == best)

    # The first quote word that is not where the alignment puts it.
    first = next(
        (
            j
            for j, word in enumerate(q_words)
            if not (0 <= offset + j < len(t_words) and t_words[offset + j] == word)
        ),
        len(q_words),
    )
    if len(q_words) <= _WINDOW_WORDS:
        q_lo, q_hi = 0, len(q_words)
    else:
        q_lo = max(0, first - 10)
        q_hi = min(len(q_words), q_lo + _WINDOW_WORDS)
    slack = 3 + (q_hi - q_lo) // 4
    t_lo = max(0, offset + q_lo - slack)
    t_hi = min(len(t_words), offset + q_hi + slack)
    q_window = q_words[q_lo:q_hi]
    region = t_words[t_lo:t_hi]
    matcher = difflib.SequenceMatcher(None, region, q_window, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return None
    # The passage spans what the quote window spans: from where its first word would stand to
    # where its last would, judged by the first and last words that match.
    start = max(0, blocks[0].a - blocks[0].b)
    end = min(
        len(region),
        blocks[-1].a + blocks[-1].size + (len(q_window) - blocks[-1].b - blocks[-1].size),
    )
    window = region[start:end]
    matcher = difflib.SequenceMatcher(None, window, q_window, autojunk=False)
    diffs: list[str] = []
    first_diff_word = None
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if first_diff_word is None:
            first_diff_word = a1
        source_words = _clip(window[a1:a2])
        quote_words = _clip(q_window[b1:b2])
        if op == "replace":
            diffs.append(f"source has {source_words!r} where the quote has {quote_words!r}")
        elif op == "delete":
            diffs.append(f"source has {source_words!r} that the quote leaves out")
        else:
            diffs.append(f"quote adds {quote_words!r}, not in the source")
    passage = " ".join(window)
    at = len(" ".join(window[: first_diff_word or 0])) + (1 if first_diff_word else 0)
    return NearMiss(passage, round(matcher.ratio(), 3), diffs, at)


def excerpt(near: NearMiss, limit: int = EXCERPT_CHARS) -> str:
    """At most ``limit`` characters of the passage, around its first difference, cut between
    words where it can be."""
    passage = near.passage
    if len(passage) <= limit:
        return passage
    start = max(0, min(near.first_difference - limit // 3, len(passage) - limit + 2))
    end = min(len(passage), start + limit - 2)
    if start:
        space = passage.find(" ", start, start + 20)
        start = space + 1 if space >= 0 else start
    if end < len(passage):
        space = passage.rfind(" ", end - 20, end)
        end = space if space > start else end
    return ("…" if start else "") + passage[start:end] + ("…" if end < len(passage) else "")


def near_miss_text(quote: str, text: str) -> str:
    """What the not-found message adds: the closest passage (bounded) and how the quote differs."""
    near = closest_passage(quote, text)
    if near is None:
        return "; no passage of the source is alike"
    diffs = "; ".join(near.differences[:4]) or "differs"
    more = f" (and {len(near.differences) - 4} more)" if len(near.differences) > 4 else ""
    return f"; closest passage ({near.ratio:.0%} alike): {excerpt(near)!r}: {diffs}{more}"
