"""Helpers shared by the app tests."""

from __future__ import annotations

import json
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import UnknownElement

from corridors.store.datadir import REPO_ROOT
from corridors.view import mapcomponent
from devtools.pagejs import MAP_COMPONENT

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


# --- reading the map component ------------------------------------------------------------------


def map_component(at: AppTest) -> UnknownElement:
    """The one map element of the page.

    AppTest has no class for custom components: each appears as an ``UnknownElement`` of type
    ``component_instance`` (``at.get("component_instance")``), whose ``proto`` is a
    ``ComponentInstance`` with ``component_name`` (``dashboard.corridors_map``: the declaring
    module, then the name) and ``json_args`` (the keyword arguments, JSON-encoded).
    """
    found = [c for c in at.get("component_instance") if c.proto.component_name == MAP_COMPONENT]
    assert len(found) == 1, f"expected one map, found {len(found)}"
    return found[0]


def map_args(at: AppTest) -> dict:
    """What the browser-side map receives: ``layers`` (kind, file, shown ids or null for all),
    ``basemap`` and ``places`` (files), ``selected``, ``fit`` (a request with a key), ``height``."""
    return json.loads(map_component(at).proto.json_args)


def map_folder() -> Path:
    """The component's folder (the app and the test see the same cache folder)."""
    return mapcomponent.prepare()


def sent_features(at: AppTest) -> dict[str, dict]:
    """Feature id -> GeoJSON properties of every feature the map is told to show."""
    features: dict[str, dict] = {}
    for layer in map_args(at)["layers"]:
        collection = json.loads((map_folder() / layer["url"]).read_text(encoding="utf-8"))
        for feature in collection["features"]:
            if layer["ids"] is not None and feature["id"] not in layer["ids"]:
                continue
            assert feature["id"] not in features, f"{feature['id']} sent twice"
            features[feature["id"]] = feature["properties"]
    return features


def dashboard_app(timeout: float = 60) -> AppTest:
    """The dashboard as AppTest runs it, past its map-only first run.

    In a browser the first run writes the map alone and the rest follows when the map reports it
    is drawn; AppTest has no browser to report, so the session starts as if it had (the map-only
    run itself is tested on its own in test_dashboard_app.py).
    """
    at = AppTest.from_file(str(REPO_ROOT / "dashboard.py"), default_timeout=timeout)
    at.session_state["_painted"] = True
    return at


#: Where the dashboard keeps its lazy sections open (``dashboard._kept``): True opens one, so its
#: content is written (closed, as they start, they write nothing).
SECTION_OPEN = {
    "timeline": "_open_timeline_kept",
    "figures": "_open_figures_kept",
    "changes": "_open_changes_kept",
}
