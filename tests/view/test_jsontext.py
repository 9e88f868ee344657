"""The map's data files by orjson are Python's compact JSON, bit for bit, whatever the values.

``jsontext.text`` must write exactly what ``json.dumps(..., separators=(",", ":"),
ensure_ascii=False)`` wrote; each case also says which writer it expects, so a case meant to reach
orjson cannot quietly pass through Python's writer (or a risky one through orjson).
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from corridors.view import jsontext


def _python(value: object) -> bytes:
    return json.dumps(
        value, separators=(",", ":"), ensure_ascii=False, default=np.ndarray.tolist
    ).encode()


_TEXT = "".join(chr(c) for c in range(0x20)) + "\"\\/<>&'\x7f\u2028\u2029é中🛤️\ufeff"
_GRID = np.array([[71.1234, 42.5], [-0.0, 0.0], [0.0001, 179.9999]])


@pytest.mark.parametrize(
    ("value", "by_orjson"),
    [
        pytest.param({"name": _TEXT, "n": 3, "ok": True, "none": None}, True, id="every escape"),
        pytest.param({"k": [1.5, -2.25, 0.0001, 12345678.9, -0.0, 4.5]}, True, id="plain floats"),
        pytest.param({"coordinates": _GRID}, True, id="float array"),
        pytest.param({"coordinates": _GRID[2]}, True, id="one point of an array"),
        pytest.param({"big": 2**63, "small": -(2**63)}, True, id="64-bit integers"),
        pytest.param({"x": 1e-05}, False, id="tiny float: exponent"),
        pytest.param({"x": float("nan")}, False, id="NaN"),
        pytest.param({"x": float("inf")}, False, id="infinity"),
        pytest.param({"x": 1e16}, False, id="huge float"),
        pytest.param({"x": np.array([[1.0, float("nan")]])}, False, id="NaN in an array"),
        pytest.param({"x": np.array([[5e-5, 1.0]])}, False, id="tiny in an array"),
        pytest.param({"x": np.array([[1, 2]])}, False, id="integer array"),
        pytest.param({"x": _GRID.T}, False, id="array not C-contiguous"),
        pytest.param({"x": 2**64}, False, id="integer past 64 bits"),
        pytest.param({1: "a"}, False, id="integer key"),
        pytest.param({"x": (1, 2)}, False, id="tuple"),
        pytest.param({"x": np.float64(1.5)}, False, id="numpy scalar"),
    ],
)
def test_text_is_pythons_json(value, by_orjson):
    assert jsontext._agrees(value) is by_orjson
    assert jsontext.text(value) == _python(value)
    assert jsontext.python_text(value) == _python(value)


def test_a_lone_surrogate_fails_as_it_always_did():
    """Python's writer cannot encode it as UTF-8 either: the same error as before, not a file."""
    with pytest.raises(UnicodeEncodeError):
        jsontext.text({"name": "\ud800"})
