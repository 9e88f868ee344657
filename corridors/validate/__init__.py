"""The data rules, written as a list of small checks that each return every problem they find.

Each check takes the raw data (as read by ``corridors.store.rawdata``, before anything is trusted) and
yields Problems naming the file, the line or id, what is wrong and how to fix it. ``validate`` runs
them all, so a curator sees everything at once rather than one error per run. One module per
concern, each registering its checks in ``CHECKS``:

- ``files``: what the reading layer refused; FeatureCollections;
- ``features``: structure, ids, vocabulary;         ``geometry``: positions and shapes;
- ``waypoints``: waypoint rows and lines through them; ``boundaries``: countries, sea legs;
- ``provenance``: drawing method, accuracy, references; ``claims``: claims and their quotes;
- ``sources``: the articles and their hashes;       ``corridors``: corridors drawn or mentioned;
- ``tables``: keys present and unique.
"""

from __future__ import annotations

import dataclasses
import importlib

import geopandas as gpd

from ..geo.parse import FeatureRef, Parsed, parse
from ..problems import Problem
from ..store.rawdata import RawData
from .base import CHECKS, READS_MEASURES, Check, Context, check, reads_measures

#: The check modules, one per concern; importing one registers its checks.
MODULES = (
    "files",
    "features",
    "geometry",
    "waypoints",
    "boundaries",
    "provenance",
    "claims",
    "sources",
    "corridors",
    "tables",
)
for _module in MODULES:
    importlib.import_module(f"{__name__}.{_module}")

__all__ = [
    "CHECKS",
    "READS_MEASURES",
    "Check",
    "Context",
    "FeatureRef",
    "check",
    "reads_measures",
    "validate",
]


def validate(
    raw: RawData, boundaries: gpd.GeoDataFrame | None = None, parsed: Parsed | None = None
) -> list[Problem]:
    """Run every check over the raw data; all problems at once, errors first.

    ``parsed`` is the raw data parsed and measured (``geo.parse.parse``), when the caller has it
    (the Dataset is built from the same); else it is parsed here, measuring with ``boundaries``
    (without them, the data folder's own boundaries file when it is sound).
    """
    ctx = Context(raw, parsed if parsed is not None else parse(raw, boundaries))
    found = {  # the checks that read the measures last (``READS_MEASURES``)
        fn: [dataclasses.replace(problem, check=fn.__name__) for problem in fn(ctx)]
        for fn in sorted(CHECKS, key=READS_MEASURES.__contains__)
    }
    problems = [problem for fn in CHECKS for problem in found[fn]]  # reported in CHECKS order
    return sorted(problems, key=lambda p: (p.level != "error", p.file, p.line or 0, p.id))
