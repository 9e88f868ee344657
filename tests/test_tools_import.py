"""Every benchmark and developer tool imports: they are run by hand, not by the suite, so a moved
module would otherwise break one silently (benchmarks/growth_corpus.py once imported a generator
that had moved to devtools/)."""

from __future__ import annotations

import importlib
import re

import pytest

from corridors.store.datadir import REPO_ROOT

#: Every module of both folders, sub-packages included (``devtools/trace/``: the package by its name).
MODULES = sorted(
    ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
    for folder in ("benchmarks", "devtools")
    for path in (REPO_ROOT / folder).rglob("*.py")
    if path.stem != "__main__" and not (path.stem == "__init__" and path.parent.name == folder)
    for parts in [path.relative_to(REPO_ROOT).with_suffix("").parts]
)


@pytest.mark.parametrize("module", MODULES)
def test_the_tool_imports(module: str) -> None:
    assert importlib.import_module(module).__doc__, f"{module} says what it is for"


def test_no_test_imports_a_benchmark() -> None:
    """Benchmarks measure; what tests share with them (drivers, generators, data copies) lives in
    devtools/, so a benchmark can change without breaking a test."""
    offenders = [
        str(path.relative_to(REPO_ROOT))
        for path in (REPO_ROOT / "tests").rglob("*.py")
        if re.search(r"^\s*(from benchmarks\b|import benchmarks\b)", path.read_text(), re.M)
    ]
    assert offenders == []
