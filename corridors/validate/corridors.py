"""Corridors: each row has a plain id and says whether it is drawn; a drawn corridor has features,
one only mentioned in the articles has none but has the claim that mentions it."""

from __future__ import annotations

from collections.abc import Iterator

from ..problems import Problem, error
from ..schema import MAPPED_VALUES
from .base import Context, bad_id, check


@check
def corridors_have_features(ctx: Context) -> Iterator[Problem]:
    """A mapped corridor is drawn; one only mentioned ('mapped' no) is not, and is cited."""
    drawn = {ref.props.get("corridor") for ref in ctx.features}
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
        elif row["mapped"] == "yes" and ident and ident not in drawn and ctx.all_features_read:
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
