"""Claims: each names a known corridor (and feature) and a known source, its field, unit and value
are in the schema's form, its period and scope too (and stated where its field needs them), it is
no duplicate, and its quote stands word for word in its article; each feature's status is the
claimed one and each feature is cited."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import numpy as np

from ..geo import compare
from ..problems import Problem, error, warning
from ..quotes import anchors, textmatch
from ..schema import FIELDS, STATUSES, period_problem, scope_problem
from ..store.rawdata import Row
from .base import Context, check, feature_error, reads_measures

#: A length claim this far from the measured length, with no note explaining it, is flagged.
LENGTH_TOLERANCE = 0.25


@check
def claim_references(ctx: Context) -> Iterator[Problem]:
    """Each claim names a known corridor (and feature), and a source that is in the corpus."""
    table = ctx.raw.claims
    corridors_ok = ctx.usable(ctx.raw.corridors)
    sources_ok = ctx.usable(ctx.raw.sources) and ctx.usable(ctx.raw.references)
    for row in table.rows:
        if corridors_ok and row["corridor"] not in ctx.corridor_ids:
            yield error(
                table.rel,
                row["id"],
                f"unknown corridor {row['corridor']!r}",
                f"use one of {', '.join(sorted(ctx.corridor_ids))}",
                row.line,
            )
        if row["feature"]:
            ref = ctx.parsed.feature_ids.get(row["feature"])
            if ref is None or ref.props.get("corridor") != row["corridor"]:
                yield error(
                    table.rel,
                    row["id"],
                    f"feature {row['feature']!r} is not a feature of corridor {row['corridor']!r}",
                    "leave 'feature' empty for the whole corridor, or name one of its features",
                    row.line,
                )
        source = row["source"]
        if sources_ok and source not in ctx.source_rows and source not in ctx.reference_rows:
            yield error(
                table.rel,
                row["id"],
                f"unknown source {source!r}",
                "cite a file listed in seeds/sources.csv, or a reference in geodata/references.csv",
                row.line,
            )


@check
def claim_values(ctx: Context) -> Iterator[Problem]:
    """Field known, unit allowed for it, value in the form its field requires."""
    table = ctx.raw.claims
    for row in table.rows:
        field = FIELDS.get(row["field"])
        if field is None:
            yield error(
                table.rel,
                row["id"],
                f"unknown field {row['field']!r}",
                f"use one of {', '.join(FIELDS)}",
                row.line,
            )
            continue
        if row["unit"] not in field.units:
            allowed = ", ".join(repr(u) for u in field.units)
            yield error(
                table.rel,
                row["id"],
                f"unit {row['unit']!r} is not allowed for {field.name}",
                f"use one of {allowed}",
                row.line,
            )
        problem = field.check(row["value"])
        if problem:
            yield error(
                table.rel,
                row["id"],
                f"{field.name} value does not parse: {problem}",
                field.description,
                row.line,
            )


@check
def claim_period_and_scope(ctx: Context) -> Iterator[Problem]:
    """A period is a date or an interval start/end, a scope one country, holder or stretch
    From–To; a field that means nothing without one (traffic in a period, a section's scope)
    states it."""
    table = ctx.raw.claims
    for row in table.rows:
        field = FIELDS.get(row["field"])
        period, scope = row["period"], row["scope"]
        if period and (problem := period_problem(period)):
            yield error(
                table.rel,
                row["id"],
                f"period does not parse: {problem}",
                "write the date or period the value refers to: 2024, 2025-06, 2025-06-18, or "
                "2025-01/2025-06 (start/end)",
                row.line,
            )
        elif not period and field is not None and field.needs_period:
            yield error(
                table.rel,
                row["id"],
                f"{field.name} needs a period: the date or period the value refers to",
                "write it in 'period': 2024, 2025-06, 2025-06-18, or 2025-01/2025-06 "
                "(start/end); for a target, the target year",
                row.line,
            )
        if scope and (problem := scope_problem(scope)):
            yield error(
                table.rel,
                row["id"],
                f"scope does not parse: {problem}",
                "name one country, holder or stretch (From–To, with an en dash); leave it empty "
                "for the whole system",
                row.line,
            )
        elif not scope and field is not None and field.needs_scope:
            yield error(
                table.rel,
                row["id"],
                f"{field.name} needs a scope: the country or stretch (From–To) it is of",
                "write it in 'scope', e.g. Kyrgyzstan or Dostyk–Aktau; a length of the whole "
                "system is a 'length' claim",
                row.line,
            )


@check
def duplicate_claims(ctx: Context) -> Iterator[Problem]:
    table = ctx.raw.claims
    seen: dict[tuple[str, ...], str] = {}
    for row in table.rows:
        key = (
            row["corridor"],
            row["feature"],
            row["field"],
            row["value"],
            row["period"],
            row["scope"],
            row["source"],
            textmatch.normalise_text(row["quote"]),
        )
        if key in seen:
            yield error(
                table.rel,
                row["id"],
                f"duplicate of claim {seen[key]!r}",
                "delete one of the two rows",
                row.line,
            )
        else:
            seen[key] = row["id"]


@check
def quotes_verbatim(ctx: Context) -> Iterator[Problem]:
    """Every quote stands word for word in its source (whitespace and quote marks aside)."""
    table = ctx.raw.claims
    rows = table.rows
    stands = ctx.anchors.found  # the quotes found in their article, by the anchors' look-up
    for i, row in enumerate(rows):
        text = ctx.seed_texts.get(row["source"])
        if problem := _not_verbatim(table.rel, row, text, i in stands):
            yield problem


def _not_verbatim(rel: str, row: Row, text: str | None, stands: bool) -> Problem | None:
    """The problem with one claim's quote, if any (see ``quotes_verbatim``); ``stands``: the
    quote stands in the text (``textmatch.contains``, as ``quotes.anchors.compute`` found it)."""
    quote = row["quote"]
    if not quote.strip():
        return error(
            rel,
            row["id"],
            "empty quote",
            "copy the passage that states the value, word for word",
            row.line,
        )
    if text is None:
        return None  # the missing source is reported by claim_references / sources_present
    if not stands:
        return error(
            rel,
            row["id"],
            f"quote not found verbatim in {row['source']}{textmatch.near_miss_text(quote, text)}",
            "copy the passage exactly as the source has it",
            row.line,
        )
    return None


@check
def status_matches_claims(ctx: Context) -> Iterator[Problem]:
    """A feature's status is the one its status claims state, or 'unstated' where none does. A
    status stated of one part (a scope: a country's section) is not the whole's."""
    if not ctx.usable(ctx.raw.claims):
        return
    for ref in ctx.parsed.features:
        status = ref.props.get("status")
        if not isinstance(status, str) or status not in STATUSES:
            continue
        claimed = {
            row["value"]
            for row in ctx.claims_for(ref)
            if row["field"] == "status" and not row["scope"]
        }
        if not claimed and status != "unstated":
            yield feature_error(
                ref,
                f"status {status!r} is not stated by any claim",
                "add a status claim with its quote, or set status 'unstated'",
            )
        elif claimed and status not in claimed:
            yield feature_error(
                ref,
                f"status {status!r} differs from the claimed {sorted(claimed)}",
                "set the feature's status to the claimed one",
            )


@check
def every_feature_cited(ctx: Context) -> Iterator[Problem]:
    if not ctx.usable(ctx.raw.claims):
        return
    for ref in ctx.parsed.features:
        if "corridor" in ref.props and not ctx.claims_for(ref):
            yield feature_error(
                ref,
                "no claim cites this feature",
                "add at least one claim for its corridor to geodata/claims.csv",
            )


@check
@reads_measures
def claimed_length_vs_measured(ctx: Context) -> Iterator[Problem]:
    """A claimed length far from the measured one needs a note saying why.

    Like `measure`, a claim of one feature (one line of a system) is set against that feature's
    own length, and a claim of the whole corridor against its network (lines drawn on top of each
    other counted once): three parallel lines drawn on one centreline are not three times as long.
    A claim with a scope but no feature is of a part nothing measures alone, so it is not compared.
    """
    table = ctx.raw.claims
    compared = []  # (row, claimed): the rows this check sets beside a measure
    for row in table.rows:
        if row["field"] != "length" or row["note"].strip():
            continue
        try:
            compared.append((row, float(row["value"])))
        except ValueError:
            continue
    # networks only of the corridors a whole-corridor claim is compared with
    wanted = {row["corridor"] for row, _ in compared if not row["feature"] and not row["scope"]}
    own: dict[str, float] = {}
    lines: dict[str, list] = defaultdict(list)
    kms: dict[str, list[float]] = defaultdict(list)
    for ref in ctx.parsed.features:
        km = ctx.parsed.lengths_km[ref.seq]
        corridor = ref.props.get("corridor", "")
        if ctx.parsed.valid[ref.seq] and np.isfinite(km) and km and isinstance(corridor, str):
            own[ref.id] = float(km)
            if corridor in wanted:
                lines[corridor].append(ctx.parsed.geometry(ref))
                kms[corridor].append(float(km))
    measured = compare.networks_km(lines.values(), [kms[c] for c in lines])
    network = dict(zip(lines, measured, strict=True))
    for row, claimed in compared:
        if row["feature"]:
            km, of = own.get(row["feature"]), f"{row['feature']} measured"
        elif row["scope"]:
            continue
        else:
            km, of = network.get(row["corridor"]), "measured"
        if km and abs(km - claimed) > LENGTH_TOLERANCE * claimed:
            yield warning(
                table.rel,
                row["id"],
                f"claimed length {claimed:g} km, {of} {km:.0f} km",
                "keep the quote and add a note on the discrepancy",
                row.line,
            )


@check
def quote_anchors(ctx: Context) -> Iterator[Problem]:
    """Each article quote stands once in its article and geodata/anchors.csv holds its anchor
    (offsets and W3C selectors, written by ``fmt``), so a quote that drifts is caught."""
    yield from anchors.check_anchors(ctx.raw, ctx.anchors)
