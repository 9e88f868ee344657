"""Provenance: how each feature was drawn (a method that fits its geometry, an accuracy, the
references it comes from), and each reference has a title, a web address and a licence."""

from __future__ import annotations

import math
from collections.abc import Iterator

from ..problems import Problem, error, warning
from ..schema import LINE_METHODS, METHODS, POINT_METHODS
from .base import Context, bad_id, check, feature_error, listed


@check
def provenance(ctx: Context) -> Iterator[Problem]:
    """How each feature was drawn: a known method for its geometry, an accuracy, its references."""
    for ref in ctx.parsed.features:
        props = ref.props
        method = props.get("method")
        known = isinstance(method, str) and method in METHODS
        if "method" in props and not known:
            yield feature_error(
                ref, f"unknown method {method!r}", f"use one of {', '.join(METHODS)}"
            )
        geom = ref.raw.get("geometry")
        geom_type = geom.get("type") if isinstance(geom, dict) else None
        if known and isinstance(geom_type, str) and geom_type:
            allowed = POINT_METHODS if geom_type == "Point" else LINE_METHODS
            if method not in allowed:
                yield feature_error(
                    ref,
                    f"method {method!r} does not fit a {geom_type}",
                    f"use one of {', '.join(allowed)}",
                )
        if "accuracy_km" in props:
            km = props["accuracy_km"]
            if (
                not isinstance(km, int | float)
                or isinstance(km, bool)
                or not math.isfinite(km)
                or km <= 0
            ):
                yield feature_error(
                    ref,
                    f"accuracy_km {km!r} is not a positive number of km",
                    "say how far the real thing may lie from the drawing, in km",
                )
        if "references" in props:
            refs = props["references"]
            if not isinstance(refs, list) or not refs or not all(isinstance(r, str) for r in refs):
                yield feature_error(
                    ref,
                    "references must be a non-empty list of reference ids",
                    "name the geodata/references.csv rows the drawing comes from",
                )
                continue
            if not ctx.usable(ctx.raw.references):
                continue
            for name in refs:
                if name not in ctx.reference_rows:
                    yield feature_error(
                        ref,
                        f"reference {name!r} is not in references.csv",
                        "add it to geodata/references.csv with its title, address and licence",
                    )


@check
def reference_rows(ctx: Context) -> Iterator[Problem]:
    """Each reference has a title, a web address and a licence; each is used."""
    table = ctx.raw.references
    used = {
        name
        for ref in ctx.parsed.features
        for name in listed(ref.props.get("references"))
        if isinstance(name, str)
    }
    used |= {row["source"] for row in ctx.raw.claims.rows}
    for row in table.rows:
        ident = row["id"]
        if problem := bad_id(table, row, "rename it"):
            yield problem
        if not row["title"].strip():
            yield error(table.rel, ident, "reference has no title", "write its title", row.line)
        if not row["url"].startswith(("https://", "http://")):
            yield error(
                table.rel,
                ident,
                "reference has no web address",
                "record the https:// address a reader can check",
                row.line,
            )
        if not row["licence"].strip():
            yield error(
                table.rel,
                ident,
                "reference has no licence",
                "write its licence (or 'facts cited' for a page quoted for one fact)",
                row.line,
            )
        if (
            ident
            and ident not in used
            and ctx.usable(ctx.raw.claims)
            and ctx.parsed.all_features_read
        ):
            yield warning(
                table.rel,
                ident,
                "reference is used by no feature or claim",
                "remove it or cite it",
                row.line,
            )
