"""Every cached function of the page is declared in corridors.view.pagedata through its registry,
so a change of the data clears each one built from it (a new cached function cannot be missed);
dashboard.py installs Streamlit's cache into that registry and caches nothing else of its own but
the component it declares.

dashboard.py is a Streamlit script (importing it runs the page), so its source is read instead.
"""

from __future__ import annotations

import ast
import inspect
from typing import TYPE_CHECKING

import pytest

from corridors.store.datadir import REPO_ROOT
from corridors.view import pagedata

if TYPE_CHECKING:
    from conftest import DataCopy

DASHBOARD = ast.parse((REPO_ROOT / "dashboard.py").read_text(encoding="utf-8"))
PAGEDATA = ast.parse(inspect.getsource(pagedata))
FUNCTIONS = [n for n in PAGEDATA.body if isinstance(n, ast.FunctionDef)]
#: Not cached by design: they ask the cached ones (the data version is read on every call).
UNCACHED = {"load", "data_version_of", "_while_building"}


def _decorators(func: ast.FunctionDef) -> list[str]:
    return [ast.unparse(d.func if isinstance(d, ast.Call) else d) for d in func.decorator_list]


@pytest.mark.parametrize("func", FUNCTIONS, ids=lambda f: f.name)
def test_every_function_of_pagedata_is_declared(func: ast.FunctionDef) -> None:
    if func.name in UNCACHED:
        assert not _decorators(func)
        return
    assert _decorators(func) in (["CACHES.data"], ["CACHES.kept"]), (
        f"pagedata.{func.name}: declare it with @CACHES.data (built from the data: cleared when "
        "it changes) or @CACHES.kept (keyed by the data version, or not made from the data)"
    )


def test_dashboard_caches_only_through_the_registry_and_its_component() -> None:
    """st.cache_resource appears twice in dashboard.py: handed to the registry, and around the
    component's declaration (a Streamlit object, not made from the data)."""
    uses = [
        ast.unparse(n)
        for n in ast.walk(DASHBOARD)
        if isinstance(n, ast.Attribute) and n.attr.startswith("cache_")
    ]
    assert uses == ["st.cache_resource", "st.cache_resource"]
    install = [
        n
        for n in ast.walk(DASHBOARD)
        if isinstance(n, ast.Call) and ast.unparse(n.func) == "pagedata.CACHES.install"
    ]
    assert [ast.unparse(c.args[0]) for c in install] == ["st.cache_resource"]
    cached = [
        n.name
        for n in ast.walk(DASHBOARD)
        if isinstance(n, ast.FunctionDef) and any("cache" in d for d in _decorators(n))
    ]
    assert cached == ["map_component"]


def test_kept_caches_are_keyed_by_the_data_version() -> None:
    """A kept cache takes the data version (or no data folder at all): else it would go stale."""
    for name, (func, from_data, _) in pagedata.CACHES.declared.items():
        params = list(inspect.signature(func).parameters)
        if not from_data and name != "data_watch":
            assert "data_version" in params or "root" not in params, (
                f"{name} reads the data folder but is not keyed by its data version: make it "
                "@CACHES.data"
            )


class _Memo:
    """A stand-in for ``st.cache_resource``: memoises, and records which caches were cleared."""

    def __init__(self) -> None:
        self.built: list[str] = []
        self.cleared: list[str] = []

    def __call__(self, **options):
        def wrap(func):
            memo: dict = {}

            def cached(*args, **kwargs):
                key = (args, tuple(sorted(kwargs.items())))
                if key not in memo:
                    self.built.append(func.__name__)
                    memo[key] = func(*args, **kwargs)
                return memo[key]

            def clear() -> None:
                memo.clear()
                self.cleared.append(func.__name__)

            cached.clear = clear
            return cached

        return wrap


@pytest.mark.parametrize(
    ("edit", "cleared"),
    [
        pytest.param(False, False, id="data unchanged: nothing cleared"),
        pytest.param(True, True, id="data changed: every data cache cleared, no kept one"),
    ],
)
def test_a_change_of_the_data_clears_the_data_caches(
    data_copy: DataCopy, monkeypatch: pytest.MonkeyPatch, edit: bool, cleared: bool
) -> None:
    monkeypatch.setattr(pagedata.CACHES, "_cached", {})  # the install below is undone after
    memo = _Memo()
    pagedata.CACHES.install(memo)
    root = str(data_copy.root)
    before = pagedata.view_options(root)
    if edit:
        data_copy.edit_row(
            "geodata/corridors.csv", "id", "cku-railway", name="Renamed for the test"
        )
    pagedata.data_version_of(root)
    data = sorted(n for n, (_, from_data, _) in pagedata.CACHES.declared.items() if from_data)
    assert sorted(memo.cleared) == (data if cleared else [])
    assert (pagedata.view_options(root) is before) is not cleared
