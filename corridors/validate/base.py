"""What every check shares: the registry of checks and the Context they read the data through.

A check reads the raw data (``ctx.raw``, as ``store.rawdata`` read it) and the features parsed and
measured from it (``ctx.parsed``, ``geo.parse``: each feature's coordinates as a numpy array, its
shapely geometry, the lengths and countries measured on the ellipsoid). The Context adds only the
tables indexed by id, so the rules stay small and the whole pass stays linear in the size of the
data. The Dataset builder is handed the same ``Parsed``, so nothing is measured twice.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from ..geo.parse import FeatureRef, Parsed
from ..problems import Problem, error
from ..quotes import anchors
from ..schema import claims_of
from ..store.rawdata import RawData, Row, Table

#: Ids of features, corridors, claims, waypoints and references. \Z, not $: no trailing newline.
ID = re.compile(r"^[a-z0-9][a-z0-9-]*\Z")

Check = Callable[["Context"], Iterable[Problem]]

#: Every check, in the order registered; ``validate`` runs them all and stamps each problem with
#: the check's name (tests hold one labelled failing case per name).
CHECKS: list[Check] = []


#: The checks that read the features' measures (``Parsed.lengths_km``, ``countries``,
#: ``stretches``): ``validate`` runs them after the others, so that a measure still running in
#: another process (``geo.parse.parse(concurrent=True)``) is waited for as late as possible.
READS_MEASURES: set[Check] = set()


def check(fn: Check) -> Check:
    CHECKS.append(fn)
    return fn


def reads_measures(fn: Check) -> Check:
    """Mark a check as one that reads the measures (``READS_MEASURES``); under ``@check``."""
    READS_MEASURES.add(fn)
    return fn


def listed(value: object) -> list:
    """A property that should be a list, as a list (anything else counts as none)."""
    return value if isinstance(value, list) else []


def feature_error(ref: FeatureRef, message: str, hint: str) -> Problem:
    return error(ref.file.rel, ref.id, message, hint)


@dataclass(eq=False)
class Context:
    """The raw data, its parsed features, and the tables indexed by id (made on first use)."""

    raw: RawData
    parsed: Parsed

    # --- tables ------------------------------------------------------------------------------

    @staticmethod
    def usable(table: Table) -> bool:
        """A table that was read with the right header; look-ups into any other say nothing."""
        return table.present and table.usable

    @cached_property
    def corridor_ids(self) -> set[str]:
        return {row["id"] for row in self.raw.corridors.rows}

    @cached_property
    def waypoints(self) -> dict[str, Row]:
        return {row["id"]: row for row in self.raw.waypoints.rows}

    @cached_property
    def source_rows(self) -> dict[str, Row]:
        return {row["file"]: row for row in self.raw.sources.rows}

    @cached_property
    def reference_rows(self) -> dict[str, Row]:
        return {row["id"]: row for row in self.raw.references.rows}

    @property
    def seed_texts(self) -> dict[str, str]:
        return self.raw.texts

    @cached_property
    def anchors(self) -> anchors.Computed:
        """Every article quote looked up in its article once (``quotes.anchors.compute``): the
        anchors check and the verbatim check both read it."""
        return anchors.compute(self.raw)

    @cached_property
    def claims_by_corridor(self) -> dict[str, list[Row]]:
        """Claims indexed once, so per-feature look-ups stay linear in the data's size."""
        index: dict[str, list[Row]] = defaultdict(list)
        for row in self.raw.claims.rows:
            index[row["corridor"]].append(row)
        return index

    @cached_property
    def claims_by_feature(self) -> dict[tuple[str, str], list[Row]]:
        """Claims by (corridor, feature), feature '' for the whole corridor: a feature's claims
        are two look-ups, not a pass over its corridor's thousands."""
        index: dict[tuple[str, str], list[Row]] = defaultdict(list)
        for row in self.raw.claims.rows:
            index[(row["corridor"], row["feature"])].append(row)
        return index

    def claims_for(self, ref: FeatureRef) -> list[Row]:
        """The claims that apply to a feature (schema.claims_of)."""
        corridor = ref.props.get("corridor")
        if not isinstance(corridor, str):
            return []
        return claims_of(self.claims_by_corridor, corridor, ref.id)


def bad_id(table: Table, row: Row, hint: str) -> Problem | None:
    """The problem with a row's id if it is not a plain id (lowercase letters, digits and '-'), so
    that no markup or separator travels through an id into a page or a link."""
    ident = row["id"]
    if ident.strip() and not ID.match(ident):
        return error(
            table.rel,
            ident,
            f"id {ident!r} is not lowercase letters, digits and '-'",
            hint,
            row.line,
        )
    return None
