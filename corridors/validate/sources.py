"""Sources: each article listed in seeds/sources.csv is there, unchanged since its claims were made
(its sha256), every article is listed, every listed article is cited, and its date is a date."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator

from .. import dates
from ..problems import Problem, error, warning
from .base import Context, check

#: An article's file name: no folders, no markup, a .txt file.
FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.txt\Z")


def date_parts(value: str) -> list[int] | None:
    """[year], [year, month] or [year, month, day] of a source's date; [] when it states none;
    None when it is not a calendar date (month 13, month 00, 31 April, "18 June 2025", a decade),
    so that no reader turns a typo into a real-looking date (month 00 once became "dec"). The
    calendar is the one of ``corridors.dates``: a source's date is read as every date is."""
    if not value:
        return []
    span = dates.parse(value)
    if span is None or not span.parts:
        return None
    return span.parts


@check
def sources_present(ctx: Context) -> Iterator[Problem]:
    """Each listed source exists with the content hash it had when its claims were made."""
    table = ctx.raw.sources
    if not ctx.usable(table):
        return
    # each article hashed once: the digests both check the recorded sha256 and find a renamed file
    digests = {name: hashlib.sha256(data).hexdigest() for name, data in ctx.raw.seeds.items()}
    by_hash = {digest: name for name, digest in digests.items()}
    for row in table.rows:
        name = row["file"]
        if name and not FILE_NAME.match(name):
            yield error(
                table.rel,
                name,
                f"file name {name!r} is not a plain .txt file name",
                "name the article file with letters, digits, '.', '_' and '-' only",
                row.line,
            )
            continue
        if name in ctx.raw.refused_seeds:
            continue  # present but refused on reading: that problem says why
        digest = digests.get(name)
        if digest is None:
            renamed = by_hash.get(row["sha256"])
            hint = (
                f"it looks renamed to {renamed!r}: rename it back or update sources.csv and claims"
                if renamed
                else "restore the article to seeds/ (a copy from ../shared/seeds/)"
            )
            yield error(table.rel, name, "source file is missing from seeds/", hint, row.line)
            continue
        if digest != row["sha256"]:
            yield error(
                table.rel,
                name,
                f"source changed since its claims were made (sha256 {digest[:12]}…, "
                f"recorded {row['sha256'][:12]}…)",
                "restore the original article, or re-check every claim citing it and update sha256",
                row.line,
            )
    for name in ctx.raw.seeds:
        if name not in ctx.source_rows:
            yield error(
                ctx.raw.datadir.rel(ctx.raw.datadir.seeds / name),
                name,
                "article is not listed in seeds/sources.csv",
                "add a row with its headline, outlet, date (where stated) and sha256",
            )


@check
def sources_cited(ctx: Context) -> Iterator[Problem]:
    if not ctx.usable(ctx.raw.claims):
        return
    cited = {row["source"] for row in ctx.raw.claims.rows}
    table = ctx.raw.sources
    for row in table.rows:
        if row["file"] not in cited:
            yield warning(
                table.rel,
                row["file"],
                "no claim cites this source",
                "fine if the article states nothing about the mapped systems; say so in its note",
                row.line,
            )


@check
def source_dates(ctx: Context) -> Iterator[Problem]:
    """A source's date is empty or a calendar date in ISO form: citations, the as-of view and the
    feed read it as one."""
    table = ctx.raw.sources
    if not ctx.usable(table):
        return
    for row in table.rows:
        if date_parts(row["date"]) is None:
            yield error(
                table.rel,
                row["file"],
                f"date {row['date']!r} is not a calendar date (YYYY, YYYY-MM or YYYY-MM-DD)",
                "write the date the article states in ISO form (2025-06-18), or leave it empty",
                row.line,
            )
