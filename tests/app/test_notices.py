"""What the page says about itself: one box for a bad link, problem boxes with inert, relative names.

The boxes render Markdown; these checks render the text with a CommonMark parser's rules in mind:
every character that could start a link, image, emphasis, code, maths, emoji code or heading is
escaped or replaced, and no absolute path of the reader's machine remains.
"""

from __future__ import annotations

import re

import pytest

from corridors.problems import error
from corridors.view import notices

#: Markdown that must never survive unescaped: links, images, emphasis, code, maths, HTML, emoji.
ACTIVE = re.compile(r"(?<!\\)[\[\]*_`$<>:!#&|~@]")
#: What Streamlit's Markdown links or converts in text after escapes are resolved.
TEXT_LEVEL = re.compile(r"(?i)www\.|@\w|:[\w/]")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("[click](javascript:alert(1))", id="link"),
        pytest.param("![x](https://evil.example/x.png)", id="image"),
        pytest.param("**bold** _it_ `code` $x$ :smile: :red[x]", id="inline"),
        pytest.param("<img src=x onerror=alert(1)>", id="html"),
        pytest.param("line\n# heading\r\n- item", id="block"),
        pytest.param("https://evil.example/x www.evil.example WWW.x.y a@b.example", id="autolink"),
    ],
)
def test_markdown_text_is_inert(text: str) -> None:
    shown = notices.markdown_text(text)
    assert not ACTIVE.search(shown), shown
    assert "\n" not in shown and "\r" not in shown
    resolved = re.sub(r"\\(.)", r"\1", shown)
    assert not TEXT_LEVEL.search(resolved), resolved
    plain = resolved.replace(notices.ZERO_WIDTH_SPACE, "")
    assert plain == re.sub(r"[\r\n]", " ", text)  # nothing else lost


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        pytest.param([], None, id="nothing-ignored"),
        pytest.param(
            ["Ignored unknown corridor 'nope'."], "Ignored unknown corridor 'nope'.", id="one"
        ),
        pytest.param(
            [
                "Ignored unknown parameter 'evil'.",
                "Ignored unknown layers 'bogus'.",
                "Ignored unknown corridor 'nope'.",
            ],
            "This link asked for 3 things this data does not have; the page shows the default "
            "for them instead:\n\n"
            "- Ignored unknown parameter 'evil'.\n"
            "- Ignored unknown layers 'bogus'.\n"
            "- Ignored unknown corridor 'nope'.",
            id="three-in-one-box",
        ),
        pytest.param(
            [
                "Ignored source '000_c.txt': it cites no mapped system.",
                "Ignored unknown status 'x'.",
            ],
            "This link asked for 2 things this data does not have; the page shows the default "
            "for them instead:\n\n"
            "- Ignored source '000\\_c.txt'\\: it cites no mapped system.\n"
            "- Ignored unknown status 'x'.",
            id="escaped",
        ),
    ],
)
def test_url_notice(items: list[str], expected: str | None) -> None:
    assert notices.url_notice(items) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("/home/ann/data/geodata/claims.csv", "geodata/claims.csv", id="data-root"),
        pytest.param("/real/data/seeds/001.txt", "seeds/001.txt", id="resolved-root"),
        pytest.param("cannot read /etc/passwd now", "cannot read …/passwd now", id="outside"),
        pytest.param("C:\\Users\\ann\\x.csv", "…/x.csv", id="windows"),
        pytest.param("geodata/features/a.geojson", "geodata/features/a.geojson", id="relative"),
        pytest.param("see https://example.org/a/b", "see https://example.org/a/b", id="url-kept"),
    ],
)
def test_relative(text: str, expected: str) -> None:
    assert notices.relative(text, ["/home/ann/data", "/real/data"]) == expected


HOSTILE_FILE = "geodata/features/[x](javascript:alert(1))`![i](y.png)\n# h.geojson"


def test_problem_box_names_files_inertly_and_relatively() -> None:
    """File names go in code spans (nothing inside is interpreted), backticks and line breaks
    replaced; no absolute path of the reader's machine is shown, in the box or in the table."""
    problems = [
        error(HOSTILE_FILE, "", "invalid JSON", "fix it"),
        error(
            "/home/ann/data/geodata/claims.csv", "c1", "bad /home/ann/data/seeds/x", "see /tmp/z"
        ),
        error("geodata/claims.csv", "c2", "bad", "fix"),
    ]
    summary = notices.problems_summary(problems, "/home/ann/data")
    assert summary == (
        "3 problem(s) in the data; the items affected are not shown. Files: "
        "`geodata/claims.csv`, `geodata/features/[x](javascript:alert(1))'![i](y.png)?# h.geojson`. "
        "Run `python -m corridors validate` for the same list."
    )
    rows = notices.problem_rows(problems, "/home/ann/data")
    assert [(r["file"], r["message"], r["hint"]) for r in rows[1:]] == [
        ("geodata/claims.csv", "bad seeds/x", "see …/z"),
        ("geodata/claims.csv", "bad", "fix"),
    ]
    assert "/home/ann" not in repr(rows)
    assert notices.problems_summary([], "/x") is None
