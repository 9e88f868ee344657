"""Every benchmark and developer tool imports: they are run by hand, not by the suite, so a moved
module would otherwise break one silently (benchmarks/growth_corpus.py once imported a generator
that had moved to devtools/)."""

from __future__ import annotations

import importlib
import re

import pytest

from corridors.store.datadir import REPO_ROOT

MODULES = sorted(
    f"{path.parent.name}.{path.stem}"
    for folder in ("benchmarks", "devtools")
    for path in (REPO_ROOT / folder).glob("*.py")
    if path.stem != "__init__"
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
