"""Writing GeoJSON in one canonical form: fixed key order, fixed precision, one feature a line block.

Curated files and exports go through here, so a hand edit followed by ``python -m corridors fmt``
leaves a diff that shows only what changed. The canonical form keeps every member RFC 7946 defines
(a feature's ``id``, ``bbox`` at any level); a member it does not know is never dropped: ``unknown``
names it, and ``fmt`` leaves such a file for the curator instead of rewriting it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..schema import COORD_DECIMALS, FEATURE_PROPERTIES

COLLECTION_MEMBERS = ("type", "bbox", "features")
FEATURE_MEMBERS = ("type", "id", "bbox", "properties", "geometry")
GEOMETRY_MEMBERS = ("type", "bbox", "coordinates")
#: Geometry types the canonical form writes (a GeometryCollection has no 'coordinates').
GEOMETRY_TYPES = ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon")


def round_coords(coords: object, decimals: int = COORD_DECIMALS) -> object:
    if isinstance(coords, int | float) and not isinstance(coords, bool):
        value = round(float(coords), decimals)
        return int(value) if value.is_integer() else value
    if isinstance(coords, list | tuple):
        return [round_coords(c, decimals) for c in coords]
    return coords


def unknown(collection: dict) -> list[str]:
    """What the canonical form would drop from a FeatureCollection, each named where it is."""
    found = [f"member {k!r} of the collection" for k in collection if k not in COLLECTION_MEMBERS]
    features = collection.get("features")
    for i, feature in enumerate(features if isinstance(features, list) else []):
        if not isinstance(feature, dict):
            found.append(f"feature #{i}, which is not an object")
            continue
        found += [f"member {k!r} of feature #{i}" for k in feature if k not in FEATURE_MEMBERS]
        props = feature.get("properties")
        if props is not None and not isinstance(props, dict):
            found.append(f"the properties of feature #{i}, which are not an object")
        geometry = feature.get("geometry")
        if geometry is None:
            continue
        if not isinstance(geometry, dict) or geometry.get("type") not in GEOMETRY_TYPES:
            found.append(f"the geometry of feature #{i}, which is not a simple geometry")
            continue
        found += [
            f"member {k!r} of the geometry of feature #{i}"
            for k in geometry
            if k not in GEOMETRY_MEMBERS
        ]
    return found


def canonical_feature(feature: dict, property_order: Iterable[str] = FEATURE_PROPERTIES) -> dict:
    """The feature in canonical form; a TypeError (never a silent {}) when its properties are not
    an object, so that fmt leaves such a file unchanged and says why."""
    props = feature.get("properties")
    if props is None:
        props = {}
    elif not isinstance(props, dict):
        raise TypeError(f"a feature's properties are a JSON {_json_type(props)}, not an object")
    order = list(property_order)
    ordered = {k: props[k] for k in order if k in props}
    ordered |= {k: v for k, v in props.items() if k not in ordered}
    geometry = feature.get("geometry")
    if isinstance(geometry, dict) and "coordinates" in geometry:
        geometry = {
            "type": geometry.get("type"),
            **({"bbox": geometry["bbox"]} if "bbox" in geometry else {}),
            "coordinates": round_coords(geometry["coordinates"]),
        }
    out: dict = {"type": "Feature"}
    for key in ("id", "bbox"):
        if key in feature:
            out[key] = feature[key]
    out["properties"] = ordered
    out["geometry"] = geometry
    return out


def _json_type(value: object) -> str:
    names = {list: "array", str: "string", bool: "boolean", int: "number", float: "number"}
    return names.get(type(value), type(value).__name__)


def dumps(
    features: Iterable[dict],
    property_order: Iterable[str] = FEATURE_PROPERTIES,
    bbox: list | None = None,
) -> str:
    """A FeatureCollection as text: each feature on its own block, keys in the fixed order."""
    order = list(property_order)
    parts = [
        json.dumps(
            canonical_feature(f, order),
            ensure_ascii=False,
            separators=(", ", ": "),
            allow_nan=False,
        )
        for f in features
    ]
    body = ",\n".join(f"    {p}" for p in parts)
    head = '{\n  "type": "FeatureCollection",\n'
    if bbox is not None:
        head += f'  "bbox": {json.dumps(bbox, allow_nan=False)},\n'
    return head + '  "features": [\n' + body + "\n  ]\n}\n"
