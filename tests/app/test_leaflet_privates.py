"""map.js leans on a few of Leaflet's private names (the popup that keeps in view without fighting
maxBounds, ``adjustPanKept``; the renderer that redraws only when needed,
``redrawOnlyWhenNeeded``; the label pass that waits for the map to rest). Leaflet comes from
xstatic-leaflet, pinned by version: should an upgrade rename one, map.js would quietly fall back
to Leaflet's own behaviour (the popup and maxBounds fight again: tests/browser, "right after a
click"). This says which name went, before any browser runs."""

from __future__ import annotations

import re

import pytest

from corridors.view import assets, mapcomponent

MAP_JS = (mapcomponent.FRONTEND / "map.js").read_text(encoding="utf-8")
LEAFLET_JS = dict(assets.leaflet_files())


def _leaflet() -> str:
    path = next(p for p, name in LEAFLET_JS.items() if name == "leaflet.js")
    return path.read_text(encoding="utf-8")


#: (private name, how map.js reads it, how the shipped leaflet.js defines it)
PRIVATES = [
    ("_adjustPan", r"L\.Popup\.prototype\._adjustPan", r"_adjustPan:function\(\)"),
    ("_limitOffset", r"map\._limitOffset\(", r"_limitOffset:function\("),
    ("_autopanning", r"popup\._autopanning = false", r"_autopanning=!0"),
    ("_panAnim", r"map\._panAnim && map\._panAnim\._inProgress", r"_panAnim=new "),
    ("_inProgress", r"_panAnim\._inProgress", r"_inProgress=!0"),
    ("_animatingZoom", r"m(ap)?\._animatingZoom", r"_animatingZoom=!0"),
    ("SVG _update", r"L\.SVG\.prototype\._update", r"_update:function\(\)"),
    ("renderer _bounds", r"this\._bounds\.contains\(", r"this\._bounds=new "),
    ("renderer _zoom", r"this\._zoom === m\.getZoom\(\)", r"this\._zoom=this\._map\.getZoom\(\)"),
]


@pytest.mark.parametrize(
    ("name", "in_map_js", "in_leaflet"), PRIVATES, ids=[p[0] for p in PRIVATES]
)
def test_leaflet_still_has_the_private_names_map_js_uses(
    name: str, in_map_js: str, in_leaflet: str
) -> None:
    assert re.search(in_map_js, MAP_JS), f"map.js no longer uses {name}: drop it from this list"
    assert re.search(in_leaflet, _leaflet()), (
        f"Leaflet {assets.LEAFLET_VERSION} has no {name}: check map.js's use of it"
    )
