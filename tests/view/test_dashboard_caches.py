"""Every cached function of dashboard.py goes through the registry, so a change of the data
clears each one built from it (a new cached function cannot be missed).

dashboard.py is a Streamlit script (importing it runs the page), so its source is read instead.
"""

from __future__ import annotations

import ast

import pytest

from corridors.store.datadir import REPO_ROOT

REGISTRY = {"data_cache", "kept_cache"}  # the two decorators dashboard.py defines
TREE = ast.parse((REPO_ROOT / "dashboard.py").read_text(encoding="utf-8"))
FUNCTIONS = [n for n in ast.walk(TREE) if isinstance(n, ast.FunctionDef)]


def _decorator_name(node: ast.expr) -> str:
    return ast.unparse(node.func if isinstance(node, ast.Call) else node)


def _cached(func: ast.FunctionDef) -> list[str]:
    return [
        _decorator_name(d)
        for d in func.decorator_list
        if _decorator_name(d) in REGISTRY or "cache" in _decorator_name(d)
    ]


@pytest.mark.parametrize("func", [f for f in FUNCTIONS if _cached(f)], ids=lambda f: f.name)
def test_cached_function_is_registered(func: ast.FunctionDef) -> None:
    assert _cached(func)[0] in REGISTRY, (
        f"dashboard.py: {func.name} is cached with @{_cached(func)[0]}: use @data_cache (built "
        "from the data: cleared when it changes) or @kept_cache (keyed by the data version, or "
        "not made from the data)"
    )


def test_streamlit_caches_only_inside_the_registry() -> None:
    """st.cache_resource / st.cache_data appear only in the registry's own decorators."""
    outside = [
        f"line {n.lineno}"
        for statement in TREE.body
        if not (isinstance(statement, ast.FunctionDef) and statement.name in REGISTRY)
        for n in ast.walk(statement)
        if isinstance(n, ast.Attribute) and n.attr.startswith("cache_")
    ]
    assert not outside, "cache through @data_cache or @kept_cache: " + ", ".join(outside)


def test_the_data_caches_are_cleared_through_the_registry() -> None:
    """The clearing loop walks DATA_CACHES, not a list written by hand."""
    clearing = next(f for f in FUNCTIONS if f.name == "data_version_of")
    loops = [n for n in ast.walk(clearing) if isinstance(n, ast.For)]
    assert [ast.unparse(loop.iter) for loop in loops] == ["DATA_CACHES"]


def test_data_caches_are_the_ones_built_from_the_data() -> None:
    """A kept cache takes the data version (or no data folder at all): else it would go stale."""
    for func in FUNCTIONS:
        if _cached(func) == ["kept_cache"]:
            params = [a.arg for a in func.args.args]
            assert "data_version" in params or "root" not in params or func.name == "data_watch", (
                f"{func.name} reads the data folder but is not keyed by its data version: make "
                "it a @data_cache"
            )
