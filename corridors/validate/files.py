"""Files: what stopped a file from being read, and whether each feature file is a FeatureCollection."""

from __future__ import annotations

from collections.abc import Iterator

from ..problems import Problem, error, warning
from .base import Context, check


@check
def read_problems(ctx: Context) -> Iterator[Problem]:
    """What the reading layer refused: not a regular file inside the data folders, over its size
    limit, not UTF-8, control characters, bad JSON or CSV, a wrong or repeated header."""
    yield from ctx.raw.problems


@check
def some_features(ctx: Context) -> Iterator[Problem]:
    """Zero feature files checked is a failure, not a pass."""
    if not ctx.raw.geofiles:
        yield error(
            ctx.raw.datadir.rel(ctx.raw.datadir.features),
            "",
            "no *.geojson feature files found",
            "put one FeatureCollection per corridor in geodata/features/",
        )


_JSON_TYPES = {
    list: "array",
    str: "string",
    int: "number",
    float: "number",
    bool: "boolean",
    type(None): "null",
}


@check
def feature_collection(ctx: Context) -> Iterator[Problem]:
    """Each file is an RFC 7946 FeatureCollection (no 'crs' member: WGS84 is implied)."""
    for f in ctx.raw.geofiles:
        if f.data is None:
            continue
        if "__not_object__" in f.data:
            found = _JSON_TYPES.get(type(f.data["__not_object__"]), "value")
            yield error(
                f.rel,
                "",
                f"the file holds a JSON {found}, not a FeatureCollection object",
                'wrap the features in {"type": "FeatureCollection", "features": [...]}',
            )
            continue
        if f.data.get("type") != "FeatureCollection":
            yield error(
                f.rel,
                "",
                f"type is {f.data.get('type')!r}, not 'FeatureCollection'",
                'wrap the features in {"type": "FeatureCollection", "features": [...]}',
            )
        elif not isinstance(f.data.get("features"), list):
            yield error(f.rel, "", "'features' is not a list", "make 'features' a JSON array")
        if "crs" in f.data:
            yield error(
                f.rel,
                "",
                "has a 'crs' member, which RFC 7946 removed",
                "delete 'crs'; coordinates must be WGS84 longitude, latitude",
            )
        unknown = set(f.data) - {"type", "features", "bbox", "__not_object__", "crs"}
        if unknown:
            yield warning(
                f.rel, "", f"unknown top-level member(s): {sorted(unknown)}", "remove them"
            )
