"""Quote matching: exact words, with only whitespace and typographic quotes forgiven.

Anything looser would let a misquote through, so the table lists what must be accepted and, as
importantly, what must be refused.
"""

from __future__ import annotations

import random

import pytest

from corridors.quotes import textmatch

from fixtures import FIXTURE

TEXT = (
    "Astana (TDI): the summit opened on Monday.\n\n"
    "On top of the agenda was a planned $8 billion railway project that will link "
    "China’s Xinjiang and Uzbekistan via Kyrgyzstan. "
    "The China–Central Asia route is “a key overland route” that bypasses Russia.  "
    "It will be completed by 2030!"
)


@pytest.mark.parametrize(
    ("quote", "found"),
    [
        pytest.param("a planned $8 billion railway project", True, id="exact"),
        pytest.param("a planned  $8\tbillion\n railway   project", True, id="whitespace runs"),
        pytest.param(
            "  a planned $8 billion railway project \n", True, id="leading/trailing space"
        ),
        pytest.param("link China's Xinjiang", True, id="straight apostrophe for curly"),
        pytest.param('is "a key overland route" that', True, id="straight quotes for curly"),
        pytest.param("project that will link\nChina’s Xinjiang", True, id="quote across a line"),
        pytest.param("a planned $9 billion railway project", False, id="changed word"),
        pytest.param("a planned billion railway project", False, id="dropped word"),
        pytest.param("a planned $8 billion rail project", False, id="shortened word"),
        pytest.param("The China-Central Asia route", False, id="hyphen for en dash"),
        pytest.param("The China—Central Asia route", False, id="em dash for en dash"),
        pytest.param("A PLANNED $8 billion railway project", False, id="different case"),
        pytest.param("a planned $8 billion railway project.", False, id="added full stop"),
        pytest.param("", False, id="empty quote"),
        pytest.param(" \n\t", False, id="whitespace-only quote"),
    ],
)
def test_find_quote(quote: str, found: bool) -> None:
    """Whitespace and quote marks are typography; words, dashes, case and punctuation are content."""
    assert (textmatch.find_quote(quote, TEXT) is not None) is found


def test_find_quote_offsets_point_into_the_original_text() -> None:
    """Offsets are in the original text, so the panel can highlight the passage as printed."""
    text = "He said: “the line\n   will open” next year."
    match = textmatch.find_quote('"the line will open"', text)
    assert match is not None
    assert text[match.start : match.end] == "“the line\n   will open”"


def test_find_quote_returns_first_occurrence() -> None:
    """With the same words twice, the first place is the one cited."""
    text = "Alpha beta. Gamma alpha beta."
    match = textmatch.find_quote("alpha beta", text)
    assert match is not None and match.start == text.index("alpha beta")


@pytest.mark.parametrize(
    ("quote", "sentence"),
    [
        pytest.param(
            "$8 billion railway project",
            (
                "On top of the agenda was a planned ",
                "$8 billion railway project",
                " that will link China’s Xinjiang and Uzbekistan via Kyrgyzstan.",
            ),
            id="middle of a sentence",
        ),
        pytest.param(
            "Astana (TDI)",
            ("", "Astana (TDI)", ": the summit opened on Monday."),
            id="start of the text",
        ),
        pytest.param(
            "completed by 2030!",
            ("It will be ", "completed by 2030!", ""),
            id="end of the text",
        ),
        pytest.param(
            "bypasses Russia.  It will",
            (
                "The China–Central Asia route is “a key overland route” that ",
                "bypasses Russia.  It will",
                " be completed by 2030!",
            ),
            id="quote spanning two sentences",
        ),
    ],
)
def test_sentence_around(quote: str, sentence: tuple[str, str, str]) -> None:
    """The panel shows the quote inside its whole sentence: (before, quote, after)."""
    match = textmatch.find_quote(quote, TEXT)
    assert match is not None
    assert textmatch.sentence_around(TEXT, match) == sentence


@pytest.mark.parametrize(
    ("quote", "passage", "differences"),
    [
        pytest.param(
            "a planned $9 billion railway project",
            "a planned $8 billion railway project",
            ["source has '$8' where the quote has '$9'"],
            id="changed word",
        ),
        pytest.param(
            "a planned billion railway project that will link",
            "a planned $8 billion railway project that will link",
            ["source has '$8' that the quote leaves out"],
            id="dropped word",
        ),
        pytest.param(
            "a planned $8 billion new railway project",
            "a planned $8 billion railway project",
            ["quote adds 'new', not in the source"],
            id="added word",
        ),
        pytest.param(
            "The China-Central Asia route is",
            "The China–Central Asia route is",
            ["source has 'China–Central' where the quote has 'China-Central'"],
            id="hyphen for en dash",
        ),
    ],
)
def test_closest_passage_names_the_differing_words(
    quote: str, passage: str, differences: list[str]
) -> None:
    """A misquote is reported with what the source really says and which words differ."""
    near = textmatch.closest_passage(quote, TEXT)
    assert near is not None
    assert near.passage == passage
    assert near.differences == differences
    assert 0.5 < near.ratio < 1


def test_closest_passage_of_empty_quote() -> None:
    """An empty quote has no closest passage (it is reported as empty instead)."""
    assert textmatch.closest_passage("", TEXT) is None


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        pytest.param("a  b\n\tc", "a b c", id="whitespace runs fold"),
        pytest.param("  a b  ", "a b", id="ends trimmed"),
        pytest.param("‘a’ “b” „c“", '\'a\' "b" "c"', id="curly quotes straightened"),
        pytest.param("a–b—c", "a–b—c", id="dashes kept"),
    ],
)
def test_normalise_text(text: str, normalised: str) -> None:
    """Exactly two things are normalised; the table pins them so the tolerance cannot creep."""
    assert textmatch.normalise_text(text) == normalised


#: Every character Python counts as white space, and the typographic quotes.
_ALL_SPACE = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(TEXT, id="article"),
        pytest.param(_ALL_SPACE + "a" + _ALL_SPACE + "b" + _ALL_SPACE, id="every space"),
        pytest.param("\x1c\x1dx\u2028y\u3000\u200bz", id="separators and zero width"),
        pytest.param("‘’‚‛“”„ « » ′", id="quote marks"),
        pytest.param(_ALL_SPACE, id="only space"),
        pytest.param("", id="empty"),
    ],
)
def test_the_three_foldings_agree(text: str) -> None:
    """``normalise`` (with the index), ``normalise_text`` and ``contains`` are three ways of one
    folding: a quote the validator accepts is one the panel finds, offsets and all."""
    folded, index = textmatch.normalise(text)
    assert textmatch.normalise_text(text) == folded
    assert len(index) == len(folded)
    # each folded character stands for the original one it points at (a space for a run)
    assert [textmatch.normalise_text(text[i]) or " " for i in index] == list(folded)
    for quote in (folded[:3], folded[-3:], folded[2:9], "nowhere"):
        assert textmatch.contains(quote, text) is (textmatch.find_quote(quote, text) is not None)


ARTICLE_001 = (FIXTURE.seeds / "001_6257ba8c1d36bd59.txt").read_text(encoding="utf-8")


def _random_words(n: int, seed: int) -> str:
    words = textmatch.normalise_text(ARTICLE_001).split(" ")
    rng = random.Random(seed)
    return " ".join(rng.choice(words) for _ in range(n))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_long_misquote_gets_a_bounded_message(seed: int) -> None:
    """1,500 random words of article 001: the message shows at most EXCERPT_CHARS of the source
    and a few differences, never the article printed back (it once was a ~25 KB line)."""
    quote = _random_words(1500, seed)
    assert textmatch.find_quote(quote, ARTICLE_001) is None
    near = textmatch.closest_passage(quote, ARTICLE_001)
    assert near is not None
    assert len(textmatch.excerpt(near)) <= textmatch.EXCERPT_CHARS
    message = textmatch.near_miss_text(quote, ARTICLE_001)
    assert len(message) < 800, message


def test_long_quote_with_one_changed_word_points_at_it() -> None:
    """A 300-word quote true to the article but for one word: the excerpt is around that word."""
    words = textmatch.normalise_text(ARTICLE_001).split(" ")
    quote_words = words[100:400]
    changed = quote_words[250]
    quote_words[250] = "ZZZ"
    near = textmatch.closest_passage(" ".join(quote_words), ARTICLE_001)
    assert near is not None
    assert near.differences == [f"source has {changed!r} where the quote has 'ZZZ'"]
    assert changed in textmatch.excerpt(near)
    assert len(textmatch.excerpt(near)) <= textmatch.EXCERPT_CHARS


def test_quote_sharing_no_word_has_no_passage() -> None:
    assert textmatch.closest_passage("qwerty uiop", TEXT) is None
    assert textmatch.near_miss_text("qwerty uiop", TEXT) == "; no passage of the source is alike"
