"""Features: each is a GeoJSON Feature with a unique id and exactly the known properties, whose
kind, mode and status come from the schema and whose corridor is listed in corridors.csv."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..problems import Problem, error, warning
from ..schema import FEATURE_PROPERTIES, KINDS, MODES, STATUSES
from .base import ID, Context, check, feature_error


@check
def feature_structure(ctx: Context) -> Iterator[Problem]:
    """Features have an id, exactly the known properties, in the fixed order."""
    for f, items in ctx.parsed.collections:
        for i, feat in enumerate(items):
            if not isinstance(feat, dict) or feat.get("type") != "Feature":
                yield error(f.rel, f"#{i}", "item is not a GeoJSON Feature", "set type 'Feature'")
    for ref in ctx.parsed.features:
        props = ref.raw.get("properties")
        if not isinstance(props, dict):
            yield feature_error(
                ref, "the feature has no properties object", "add a properties object"
            )
            continue
        ident = props.get("id")
        if not isinstance(ident, str) or not ident:
            yield feature_error(
                ref, "missing id", "add a unique lowercase id such as 'titr-caspian-sea'"
            )
        elif not ID.match(ident):
            yield feature_error(
                ref, f"id {ident!r} is not lowercase letters, digits and '-'", "rename it"
            )
        unknown = [k for k in props if k not in FEATURE_PROPERTIES]
        if unknown:
            yield feature_error(
                ref,
                f"unknown propert{'y' if len(unknown) == 1 else 'ies'} {unknown}",
                f"remove it; allowed: {', '.join(FEATURE_PROPERTIES)}",
            )
        missing = [k for k in FEATURE_PROPERTIES if k not in props]
        if missing:
            yield feature_error(ref, f"missing properties {missing}", "add them")
        order = [k for k in props if k in FEATURE_PROPERTIES]
        if not missing and not unknown and order != list(FEATURE_PROPERTIES):
            yield warning(
                ref.file.rel,
                ref.id,
                "properties are not in the fixed order",
                "run `python -m corridors fmt` to rewrite the file in canonical form",
            )
        for key in ("name", "drawing"):
            if key in props and (not isinstance(props[key], str) or not props[key].strip()):
                yield feature_error(
                    ref, f"{key!r} is empty or not text", f"write the feature's {key}"
                )
        if "corridor" in props and not isinstance(props["corridor"], str):
            yield feature_error(ref, "'corridor' is not text", "write the corridor's id")


@check
def unique_ids(ctx: Context) -> Iterator[Problem]:
    counts = Counter(ref.id for ref in ctx.parsed.features)
    for ref in ctx.parsed.features:
        if counts[ref.id] > 1 and not ref.id.startswith("#"):
            yield feature_error(ref, f"duplicate id {ref.id!r}", "give each feature its own id")


def _known(value: object, vocabulary: dict) -> bool:
    return isinstance(value, str) and value in vocabulary


@check
def vocabulary(ctx: Context) -> Iterator[Problem]:
    """kind, mode and status come from the schema's lists; the corridor is a known one."""
    for ref in ctx.parsed.features:
        props = ref.props
        if "kind" in props and not _known(props["kind"], KINDS):
            yield feature_error(
                ref, f"unknown kind {props['kind']!r}", f"use one of {', '.join(KINDS)}"
            )
        if "mode" in props and not _known(props["mode"], MODES):
            yield feature_error(
                ref, f"unknown mode {props['mode']!r}", f"use one of {', '.join(MODES)}"
            )
        if "status" in props and not _known(props["status"], STATUSES):
            yield feature_error(
                ref, f"unknown status {props['status']!r}", f"use one of {', '.join(STATUSES)}"
            )
        corridor = props.get("corridor")
        if (
            isinstance(corridor, str)
            and ctx.usable(ctx.raw.corridors)
            and corridor not in ctx.corridor_ids
        ):
            yield feature_error(
                ref,
                f"corridor {corridor!r} is not in corridors.csv",
                "add the corridor to geodata/corridors.csv or fix the id",
            )
