"""The two versions that key the caches are named apart: ``data_version`` and ``code_version``.

A bare ``version`` (or a ``fingerprint`` passed around as one) in the modules that key caches has
already meant either, so it is refused there.
"""

from __future__ import annotations

import ast

import pytest

from corridors.store.datadir import REPO_ROOT

KEYED = ("dashboard.py", "corridors/view/mapcomponent.py", "corridors/model/datacache.py")
AMBIGUOUS = {"version", "fingerprint"}


@pytest.mark.parametrize("rel", KEYED)
def test_no_bare_version_names(rel: str) -> None:
    tree = ast.parse((REPO_ROOT / rel).read_text(encoding="utf-8"))
    found = [
        f"{rel}:{node.lineno}: {name}"
        for node in ast.walk(tree)
        for name in [
            node.arg if isinstance(node, ast.arg) else node.id if isinstance(node, ast.Name) else ""
        ]
        if name in AMBIGUOUS
    ]
    assert not found, "name it data_version or code_version: " + "; ".join(found)
