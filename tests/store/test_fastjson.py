"""JSON read by orjson where it can say, by Python's reader where only it can: the same value or
the same problem either way (``reading.parse_json``)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corridors.store import reading


def _python_only(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[object, list[str]]:
    with monkeypatch.context() as m:
        m.setattr(reading, "_fast_loads", lambda *args: reading._NOT_FAST)
        return _read(text)


def _read(text: str) -> tuple[object, list[str]]:
    problems: list = []
    value = reading.parse_json(text, "geodata/features/x.geojson", problems)
    return value, [p.message for p in problems]


def _exactly(value: object) -> object:
    """A value with its types and every float's bits spelled out (-0.0 is not 0, 1.0 not 1)."""
    if isinstance(value, dict):
        return ("dict", [(k, _exactly(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [_exactly(v) for v in value])
    if isinstance(value, float):
        return ("float", value.hex())
    return (type(value).__name__, value)


CASES = [
    pytest.param('{"a": 1, "a": 2}', id="duplicate key"),
    pytest.param('{"f": [{"p": {"x": 1, "x": 1}}]}', id="duplicate key deep in a list"),
    pytest.param('{"a\\\\": 1, "b": "x\\": y", "c\\\\\\": d": 2}', id="escaped quotes and colons"),
    pytest.param('{"url": "https://example.org/a:b", "t": "\\u00e9\\ud83d\\ude00"}', id="escapes"),
    pytest.param(
        '{"a": 0, "a": 1, "b": [":"]}', id="duplicate key beside a string opening with a colon"
    ),
    pytest.param(
        '{"a": 0, "a": 1, "b": "x\\\\", "c": ":"}', id="duplicate key, escapes, a colon string"
    ),
    pytest.param('{"n": 123456789012345678901}', id="an integer past 64 bits"),
    pytest.param('{"n": 9223372036854775807, "m": -9223372036854775808}', id="64-bit limits"),
    pytest.param(
        "[-0, -0.0, 0.0, 1E+5, 2.5e-3, 5e-324, 1e-400, 1.7976931348623157e308]", id="numbers"
    ),
    pytest.param("[0.1000000000000000055511151231257827021181583404541015625]", id="long mantissa"),
    pytest.param('{"a": "\\ud800"}', id="a lone surrogate"),
    pytest.param('{"a": 1,}', id="trailing comma"),
    pytest.param('{"a": NaN}', id="NaN"),
    pytest.param("[1e400]", id="overflow"),
    pytest.param('{"type": "FeatureCollection", "features": []} x', id="trailing text"),
    pytest.param("[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]", id="too deep"),
    pytest.param('"just a string"', id="a string"),
]


@pytest.mark.parametrize("text", CASES)
def test_same_value_or_problem_as_pythons_reader(text: str, monkeypatch) -> None:
    expected, expected_problems = _python_only(text, monkeypatch)
    value, problems = _read(text)
    assert (_exactly(value), problems) == (_exactly(expected), expected_problems)


_KEYS = st.sampled_from(["a", "b", "type", 'q"', "c:", "\\", "é"])
_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**25), max_value=10**25)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(value=_JSON, duplicate=st.booleans())
def test_any_json_reads_the_same(value: object, duplicate: bool) -> None:
    text = json.dumps(value, ensure_ascii=False)
    if duplicate and text.startswith("{") and text != "{}":
        text = text.replace("{", '{"a": 0, "a": 1, ', 1)  # a duplicate key, the rest unchanged
    reference = pytest.MonkeyPatch()
    try:
        expected = _python_only(text, reference)
    finally:
        reference.undo()
    value_read, problems = _read(text)
    assert (_exactly(value_read), problems) == (_exactly(expected[0]), expected[1])
