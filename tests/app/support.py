"""Helpers shared by the app tests."""

from __future__ import annotations

import json
import re

_OBJECT_START = re.compile(r'\{\s*"')


def feature_collections(script: str) -> list[dict]:
    """Every GeoJSON FeatureCollection written inline, as a JSON literal, in a piece of JS.

    The layers reach the browser as JS that builds them, with each layer's GeoJSON inlined as a
    JSON object (how it is wrapped, folium's ``GeoJson`` or a template of our own, is free to
    change). Each candidate ``{"`` is decoded with ``json.JSONDecoder.raw_decode``; the
    collections found are the data actually sent, so an id that merely appears in some popup text
    does not count as a feature on the map.
    """
    decoder = json.JSONDecoder()
    found: list[dict] = []
    pos = 0
    while match := _OBJECT_START.search(script, pos):
        try:
            value, end = decoder.raw_decode(script, match.start())
        except json.JSONDecodeError:
            pos = match.start() + 1
            continue
        if isinstance(value, dict) and value.get("type") == "FeatureCollection":
            found.append(value)
            pos = end
        else:
            pos = match.start() + 1
    return found
