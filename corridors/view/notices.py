"""What the page says about itself: one notice for a link it could not follow, the data problems,
the day it shows, and how to cite it.

Streamlit's alert boxes render Markdown, and the text in them comes from a URL or from file names on
the reader's disk: either could be written to turn into a link, an image or a heading. Everything
here is made inert before it reaches a box (Markdown punctuation escaped, control characters
replaced, names in code spans) and paths are shown relative to the data folder, never as absolute
paths of the reader's machine.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..model import asof
from ..problems import Problem

#: Characters that start Markdown (or Streamlit's extensions: ':' emoji and icons, '$' maths).
_MARKDOWN = re.compile(r"([\\`*_\[\]()<>#!|~$:&{}+@])")
#: Patterns that Streamlit's Markdown turns into links, emoji or colours after escapes are resolved
#: ("www.example.org", "https://…", "a@b.org", ":smile:", ":red[x]"): a zero-width space breaks
#: each one.
_TEXT_LEVEL = re.compile(r"(?i)(\bwww(?=\.)|@|:(?=[\w/]))")
ZERO_WIDTH_SPACE = "\u200b"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
#: An absolute path left in a message (POSIX, or a Windows drive), up to white space or a quote.
_ABSOLUTE = re.compile(r"(?<![\w.:/])(?:[A-Za-z]:\\|/)[^\s'\"`]+")


def markdown_text(text: str) -> str:
    """Text that Markdown shows as it is: punctuation escaped, control characters as spaces, and
    the patterns that would still become links or emoji broken by an invisible zero-width space."""
    text = _TEXT_LEVEL.sub(lambda m: m.group(1) + ZERO_WIDTH_SPACE, _CONTROL.sub(" ", text))
    return _MARKDOWN.sub(r"\\\1", text)


def code_span(text: str) -> str:
    """Text in a Markdown code span, where nothing is interpreted (no links, emphasis or emoji)."""
    return "`" + _CONTROL.sub("?", text).replace("`", "'") + "`"


def url_notice(notices: Sequence[str]) -> str | None:
    """One box for everything a link asked for that was ignored (never one box per item).

    The notices come from ``viewstate.parse``, which already keeps markup out of the values; they
    are escaped again here, as the box renders Markdown.
    """
    if not notices:
        return None
    if len(notices) == 1:
        return markdown_text(notices[0])
    items = "\n".join(f"- {markdown_text(n)}" for n in notices)
    return (
        f"This link asked for {len(notices)} things this data does not have; the page shows "
        f"the default for them instead:\n\n{items}"
    )


def relative(text: str, roots: Iterable[str | Path]) -> str:
    """A file name or message with the data folder's path taken off, and any other absolute path
    shortened to its last part (the reader's directory layout is nobody's business)."""
    for root in sorted({str(r) for r in roots if str(r) not in ("", "/")}, key=len, reverse=True):
        text = text.replace(root.rstrip("/") + "/", "")
    return _ABSOLUTE.sub(lambda m: "…/" + re.split(r"[\\/]", m.group(0).rstrip("/\\"))[-1], text)


def problem_rows(problems: Sequence[Problem], root: str | Path) -> list[dict[str, object]]:
    """The problems as table rows, with paths relative to the data folder."""
    roots = [str(root), str(Path(root).resolve())]
    rows = []
    for problem in problems:
        row = problem.as_dict()
        for key in ("file", "message", "hint", "id"):
            row[key] = _CONTROL.sub("?", relative(str(row[key] or ""), roots))
        rows.append(row)
    return rows


def problems_summary(problems: Sequence[Problem], root: str | Path) -> str | None:
    """The error box's text: how many problems, in which files (as code spans), what to run."""
    if not problems:
        return None
    files = sorted({str(r["file"]) for r in problem_rows(problems, root)})
    return (
        f"{len(problems)} problem(s) in the data; the items affected are not shown. "
        f"Files: {', '.join(code_span(f) for f in files)}. "
        "Run `python -m corridors validate` for the same list."
    )


def asof_note_html(moment: asof.Moment) -> str | None:
    """The note above the panel when the page shows another day than today (or leaves undated
    sources out); None as of today with the day's default."""
    if moment.is_now:
        return None
    undated = (
        "Undated sources are included, each marked 'undated' or 'from a reference'."
        if moment.undated
        else "Undated sources are left out (tick 'Include undated sources' in the sidebar)."
    )
    day = (
        f"As of {moment.day.isoformat()}: only what sources dated up to that day said; each "
        "status as the most recent of them gave it."
        if moment.day
        else "As of today."
    )
    return (
        f"<div data-testid='asof-note' data-asof='{html.escape(moment.key())}' "
        "style='background:#eef4fb;border-left:3px solid #1d4e89;padding:0.35rem 0.7rem;"
        f"font-size:0.9rem'>{html.escape(day)} {html.escape(undated)}</div>"
    )


def how_to_cite_html(text: str) -> str:
    """``citations.how_to_cite``'s paragraphs (blank-line separated) as escaped HTML."""
    return (
        "<div data-testid='how-to-cite'>"
        + "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n"))
        + "</div>"
    )
