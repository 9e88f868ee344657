"""Corridors: each row has a plain id and says whether it is drawn; a drawn corridor has features,
one only mentioned in the articles has none but has the claim that mentions it; a part (Line D of
the gas pipeline) names the whole system it belongs to."""

from __future__ import annotations

from collections.abc import Iterator

from ..problems import Problem, error
from ..schema import MAPPED_VALUES
from .base import Context, bad_id, check


@check
def corridors_have_features(ctx: Context) -> Iterator[Problem]:
    """A mapped corridor is drawn; one only mentioned ('mapped' no) is not, and is cited."""
    drawn = {ref.props.get("corridor") for ref in ctx.parsed.features}
    table = ctx.raw.corridors
    claims_ok = ctx.usable(ctx.raw.claims)
    for row in table.rows:
        ident = row["id"]
        if problem := bad_id(table, row, "rename it (and the claims and features that name it)"):
            yield problem
        if not row["name"].strip():
            yield error(table.rel, ident, "corridor has no name", "write its name", row.line)
        if row["mapped"] not in MAPPED_VALUES:
            yield error(
                table.rel,
                ident,
                f"mapped {row['mapped']!r} is not one of {', '.join(MAPPED_VALUES)}",
                "'yes' for a corridor drawn in geodata/features/, 'no' for one only mentioned",
                row.line,
            )
        elif (
            row["mapped"] == "yes" and ident and ident not in drawn and ctx.parsed.all_features_read
        ):
            yield error(
                table.rel,
                ident,
                "corridor has no feature",
                "draw it in geodata/features/, set mapped to 'no', or remove the row",
                row.line,
            )
        elif row["mapped"] == "no" and ident in drawn:
            yield error(
                table.rel,
                ident,
                "corridor is drawn but marked mapped 'no'",
                "set mapped to 'yes'",
                row.line,
            )
        elif (
            row["mapped"] == "no" and ident and claims_ok and not ctx.claims_by_corridor.get(ident)
        ):
            yield error(
                table.rel,
                ident,
                "a corridor that is only mentioned needs the claim that mentions it",
                "add a claim quoting the article, or remove the row",
                row.line,
            )


@check
def corridor_parts(ctx: Context) -> Iterator[Problem]:
    """A part names another corridors.csv row, a whole system (not itself a part): one level, so
    a part's figures are set beside one parent's, never chained. A part not drawn is mapped 'no'
    (corridors_have_features holds every row to that)."""
    table = ctx.raw.corridors
    parents = {row["id"]: row["part_of"] for row in table.rows}
    for row in table.rows:
        parent = row["part_of"]
        if not parent:
            continue
        if parent == row["id"]:
            yield error(
                table.rel,
                row["id"],
                "corridor is named a part of itself",
                "leave part_of empty for a whole system, or name the system it belongs to",
                row.line,
            )
        elif parent not in parents:
            yield error(
                table.rel,
                row["id"],
                f"part_of {parent!r} is not a corridor in corridors.csv",
                "name the id of the whole system this is a part of",
                row.line,
            )
        elif parents[parent]:
            yield error(
                table.rel,
                row["id"],
                f"part_of {parent!r} is itself a part of {parents[parent]!r}",
                f"name the whole system, {parents[parent]!r}: parts have one level",
                row.line,
            )
