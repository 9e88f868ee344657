"""Wire datelines and bylines opening a report: left out of the sentence, read as its dateline.

Every case is an invented report written for the test (no real report's wording)."""

from __future__ import annotations

import pytest

from corridors.curate.ingest import wireprefix
from corridors.curate.ingest.sentences import metadata, sentences

# (id, paragraph, where the story starts, place, agency, author, ISO date)
PREFIXES = [
    (
        "city-country-day-slashes",
        "KHIVA, Uzbekistan, Apr. 9. /Oasis/ – The depot opened.",
        "The depot",
        "KHIVA",
        "Oasis",
        "",
        "",
    ),
    (
        "city-slashes",
        "TERMEZ / Oasis / – Two cranes arrived.",
        "Two cranes",
        "TERMEZ",
        "Oasis",
        "",
        "",
    ),
    (
        "city-dot-caps-agency",
        "NUKUS. STEPPEWIRE – A yard was built.",
        "A yard",
        "NUKUS",
        "STEPPEWIRE",
        "",
        "",
    ),
    ("city-bracket-agency", "OSH (Wirecorp) - The road reopened.", "The road", "OSH", "", "", ""),
    (
        "city-day-bracket-double-dash",
        "KASHGAR, Feb. 2 (Newswire) -- Freight rose.",
        "Freight",
        "KASHGAR",
        "Newswire",
        "",
        "",
    ),
    (
        "city-day-bracket-colon",
        "SAMARKAND, Jan 5 (SamA): The line was electrified.",
        "The line",
        "SAMARKAND",
        "SamA",
        "",
        "",
    ),
    (
        "title-city-day-lowercase-agency",
        "Mary, 3 June (tmW) — Wagons were loaded.",
        "Wagons",
        "Mary",
        "tmW",
        "",
        "",
    ),
    (
        "city-day-year-gives-date",
        "TARAZ, March 4, 2023 (Plainwire) - Work began.",
        "Work",
        "TARAZ",
        "Plainwire",
        "",
        "2023-03-04",
    ),
    ("agency-alone", "(Steppe Press) – Trains ran daily.", "Trains", "", "Steppe Press", "", ""),
    ("byline-comma", "By Ann Example, Valleypress", "", "", "Valleypress", "Ann Example", ""),
    ("byline-dash-colon", "By Ann Example – Oasis:", "", "", "Oasis", "Ann Example", ""),
    (
        "syndicator-tag",
        "(FEED- Oasis Agency) TURKESTAN, Kazakhstan, May 14. Crews laid track.",
        "Crews",
        "TURKESTAN",
        "",
        "",
        "",
    ),
    ("caps-city-dash", "AKTOBE – The station was rebuilt.", "The station", "AKTOBE", "", "", ""),
    ("dateline-line-alone", "KHIVA, Uzbekistan, Apr. 9", "", "KHIVA", "", "", ""),
]


@pytest.mark.parametrize(
    "paragraph,story,place,agency,author,date",
    [case[1:] for case in PREFIXES],
    ids=[case[0] for case in PREFIXES],
)
def test_prefix_is_read(paragraph, story, place, agency, author, date):
    prefix = wireprefix.read(paragraph)
    assert prefix is not None
    assert paragraph[prefix.end :].startswith(story)
    assert (prefix.place, prefix.author, prefix.date) == (place, author, date)
    assert prefix.agency == (agency or prefix.agency)


PROSE = [
    ("title-city-dash-is-prose", "Navoi – the mining town – has a new siding."),
    ("month-opens-prose", "March 5 - the day the line opened - was cold."),
    ("since-opens-prose", "Since Jan. 5 - a date the ministry chose - freight is up."),
    ("acronym-subject", "UTY said the wagons arrived."),
    ("caps-label-colon", "UPDATE: the ferry left."),
    ("remark-in-brackets", "KASHGAR (the copy is dated 4 May 2020) The yard grew."),
    ("interview-title", "Petrov (Steppe Holdings): why the yard grew so fast"),
    ("story-would-start-lowercase", "ASTANA – where the talks were held – hosted envoys."),
    ("hyphenated-name", "UTY-Bukhara Terminal, the new yard, opened."),
    ("acronym-spelled-out", "UTY (Uzbek Transit Yards) – the operator – added wagons."),
    ("country-list", "Kyrgyzstan, Tajikistan and China signed the deal."),
    ("ordinary-sentence", "In the first half the port handled 3 million tonnes."),
]


@pytest.mark.parametrize("paragraph", [c[1] for c in PROSE], ids=[c[0] for c in PROSE])
def test_prose_has_no_prefix(paragraph):
    assert wireprefix.read(paragraph) is None


ARTICLE = (
    "An invented headline about a dry port\n\n"
    "NUKUS / Oasis / – The dry port handled 40,000 TEU last year.\n\n"
    "Officials said more cranes are coming.\n"
)


def test_sentence_starts_after_prefix_and_stays_verbatim():
    first = sentences(ARTICLE)[1]
    assert first.text.startswith("The dry port")
    assert ARTICLE[first.start : first.end] == first.text


def test_prefix_gives_dateline_and_outlet():
    meta = metadata(ARTICLE)
    assert (meta["dateline"], meta["outlet"], meta["date"]) == ("NUKUS", "Oasis", "")


def test_prefix_with_year_gives_date_when_none_printed():
    text = (
        "An invented headline about a siding\n\nOSH, 7 May 2024 (Valleypress) – A siding opened.\n"
    )
    assert metadata(text)["date"] == "2024-05-07"


def test_prefix_only_near_the_top():
    body = "\n\n".join(f"Paragraph {i} says little of note here." for i in range(8))
    text = body + "\n\nAKTOBE – The station was rebuilt.\n"
    assert sentences(text)[-1].text.startswith("AKTOBE")
