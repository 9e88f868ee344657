"""map.js hears the sidebar's layer switches by their widget key (session.layer_key), which
Streamlit writes as the class ``st-key-<key>``: the prefix is written in both files, and must agree,
or a switch would hide its layer only when the rerun's args arrive."""

from __future__ import annotations

import re

from corridors.view import mapcomponent, session

MAP_JS = mapcomponent.FRONTEND / "map.js"


def test_map_js_knows_the_layer_switch_key() -> None:
    found = re.findall(r'var LAYER_KEY = "([^"]*)";', MAP_JS.read_text(encoding="utf-8"))
    assert found == [session.LAYER_PREFIX], found
    assert session.layer_key("pipeline") == found[0] + "pipeline"
