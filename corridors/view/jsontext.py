"""The map's data files as compact JSON text, written by orjson where it says the same bytes.

Every data file the map fetches is ``json.dumps(value, separators=(",", ":"),
ensure_ascii=False)`` in UTF-8 (``python_text``). At 10,000 corridors that is 23 MB of layer
files, and Python's writer, with the nested lists of coordinates it needs, was a third of the
time the server spent writing them. orjson writes the same text several times faster, and writes
a float array as it writes the same numbers as Python floats, so the coordinates need not become
lists at all. It says the same bytes for every string, integer, bool, None, list and dict with
string keys, and for every float but two kinds (checked, 2026-12-07: every code point, a million
floats): a float that is not finite (Python writes ``NaN``, orjson ``null``) and one that Python's
``repr`` writes with an exponent below 1e-4 (``1e-05`` against ``0.00001``). So ``text`` looks
at every value first (arrays by numpy, at once) and hands anything it cannot vouch for to
Python's writer: the bytes are the same either way, only the time differs.
"""

from __future__ import annotations

import json

import numpy as np
import orjson

#: Floats whose text the two writers agree on: finite, zero or at least this far from zero, and
#: below ``_LARGE`` (Python writes 1e16 and beyond with an exponent; orjson's form was not checked
#: so far out).
_SMALL = 1e-4
_LARGE = 1e15
_INT_RANGE = (-(2**63), 2**64)  # orjson writes integers of 64 bits; Python's any


def python_text(value: object) -> bytes:
    """What the map's files always were: Python's compact JSON of ``value`` (float arrays as
    lists), UTF-8."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=_listed).encode(
        "utf-8"
    )


def _listed(value: object) -> object:
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def text(value: object) -> bytes:
    """``python_text(value)``, bit for bit: by orjson when every value in it is one whose text
    the two agree on, else by Python's writer."""
    if _agrees(value):
        try:
            return orjson.dumps(value, option=orjson.OPT_SERIALIZE_NUMPY)
        except (orjson.JSONEncodeError, TypeError):  # a lone surrogate, say: Python's writer says
            pass
    return python_text(value)


def floats_agree(values: np.ndarray) -> bool:
    """Whether orjson writes every one of these floats as Python's writer does."""
    size = np.abs(values)
    with np.errstate(invalid="ignore"):
        return bool(((size == 0) | ((size >= _SMALL) & (size < _LARGE))).all())


def _agrees(value: object) -> bool:
    """Whether every value under ``value`` is of a kind orjson writes as Python does (a walk of
    the containers; a float array checked at once)."""
    stack = [value]
    floats: list[float] = []
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind is str or kind is bool or item is None:
            continue
        if kind is float:
            floats.append(item)  # type: ignore[arg-type]
        elif kind is int:
            if not _INT_RANGE[0] <= item < _INT_RANGE[1]:  # type: ignore[operator]
                return False
        elif kind is dict:
            if not all(type(k) is str for k in item):  # type: ignore[attr-defined]
                return False
            stack.extend(item.values())  # type: ignore[attr-defined]
        elif kind is list:
            stack.extend(item)  # type: ignore[arg-type]
        elif kind is np.ndarray:
            if not (
                item.dtype == np.float64  # type: ignore[attr-defined]
                and item.ndim in (1, 2)  # type: ignore[attr-defined]
                and item.flags.c_contiguous  # type: ignore[attr-defined]
                and floats_agree(item)  # type: ignore[arg-type]
            ):
                return False
        else:  # a tuple, a subclass, a numpy scalar: Python's writer decides
            return False
    return floats_agree(np.array(floats, dtype=float))
