"""Tables: every row of claims, corridors, waypoints, sources and references has its key, and no
key is used twice; claim ids are plain ids (no markup reaches a page through them)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..problems import Problem, error
from ..store.rawdata import Table
from .base import Context, bad_id, check


def _unique(table: Table, key: str, what: str) -> Iterator[Problem]:
    counts = Counter(row[key] for row in table.rows)
    for row in table.rows:
        if not row[key].strip():
            yield error(table.rel, "", f"{what} with no {key}", f"fill in the {key}", row.line)
        elif counts[row[key]] > 1:
            yield error(
                table.rel, row[key], f"duplicate {key}", f"give each {what} its own {key}", row.line
            )


@check
def unique_table_ids(ctx: Context) -> Iterator[Problem]:
    yield from _unique(ctx.raw.claims, "id", "claim")
    yield from _unique(ctx.raw.corridors, "id", "corridor")
    yield from _unique(ctx.raw.waypoints, "id", "waypoint")
    yield from _unique(ctx.raw.sources, "file", "source")
    yield from _unique(ctx.raw.references, "id", "reference")


@check
def claim_ids(ctx: Context) -> Iterator[Problem]:
    table = ctx.raw.claims
    for row in table.rows:
        if problem := bad_id(table, row, "rename the claim"):
            yield problem
