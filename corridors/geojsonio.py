"""Writing GeoJSON in one canonical form: fixed key order, fixed precision, one feature a line block.

Curated files and exports go through here, so a hand edit followed by ``python -m corridors fmt``
leaves a diff that shows only what changed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from .schema import COORD_DECIMALS, FEATURE_PROPERTIES


def round_coords(coords: object, decimals: int = COORD_DECIMALS) -> object:
    if isinstance(coords, int | float):
        value = round(float(coords), decimals)
        return int(value) if value.is_integer() else value
    if isinstance(coords, list | tuple):
        return [round_coords(c, decimals) for c in coords]
    return coords


def canonical_feature(feature: dict, property_order: Iterable[str] = FEATURE_PROPERTIES) -> dict:
    props = feature.get("properties") or {}
    order = list(property_order)
    ordered = {k: props[k] for k in order if k in props}
    ordered |= {k: v for k, v in props.items() if k not in ordered}
    geometry = dict(feature.get("geometry") or {})
    if "coordinates" in geometry:
        geometry = {
            "type": geometry.get("type"),
            "coordinates": round_coords(geometry["coordinates"]),
        }
    return {"type": "Feature", "properties": ordered, "geometry": geometry}


def dumps(features: Iterable[dict], property_order: Iterable[str] = FEATURE_PROPERTIES) -> str:
    """A FeatureCollection as text: each feature on its own block, keys in the fixed order."""
    order = list(property_order)
    parts = [
        json.dumps(canonical_feature(f, order), ensure_ascii=False, separators=(", ", ": "))
        for f in features
    ]
    body = ",\n".join(f"    {p}" for p in parts)
    return '{\n  "type": "FeatureCollection",\n  "features": [\n' + body + "\n  ]\n}\n"
