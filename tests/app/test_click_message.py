"""The click message the map sends to Python is defined once (mapcomponent.CLICK, CLICK_KEYS):
map.js writes exactly those names, and read_click is the only reader, refusing malformed values."""

from __future__ import annotations

import re

import pytest

from corridors.view import mapcomponent
from corridors.view.mapcomponent import Click, read_click

MAP_JS = mapcomponent.FRONTEND / "map.js"


def test_map_js_sends_the_message_python_reads() -> None:
    text = MAP_JS.read_text(encoding="utf-8")
    sent = re.findall(r"setValue\(\{(\w+): \{([^{}]*)\}\}\)", text)
    assert sent, "map.js sends no {name: {...}} value"
    names = {name for name, _ in sent}
    assert names == {mapcomponent.CLICK}, names
    for _, body in sent:
        keys = tuple(re.findall(r"(\w+)\s*:", body))
        assert keys == mapcomponent.CLICK_KEYS, body


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(
            {"click": {"corridor": "titr", "id": "titr-a", "n": 3}},
            Click("titr", "titr-a", 3),
            id="a click",
        ),
        pytest.param({"drawn": True}, None, id="the map says it is drawn: no click"),
        pytest.param(None, None, id="no value yet"),
        pytest.param({"click": "titr"}, None, id="not an object"),
        pytest.param({"click": {"corridor": "titr", "id": "x"}}, None, id="no count"),
        pytest.param({"click": {"corridor": 1, "id": "x", "n": 1}}, None, id="corridor not text"),
        pytest.param({"click": {"corridor": "t", "id": "x", "n": True}}, None, id="count a bool"),
        pytest.param({"click": {"corridor": "t", "id": "x", "n": 1.5}}, None, id="count a float"),
    ],
)
def test_read_click(value: object, expected: Click | None) -> None:
    assert read_click(value) == expected
