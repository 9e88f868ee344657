"""The session state's key names: one constant each, and no two alike."""

from __future__ import annotations

import ast
from pathlib import Path

from corridors.store.datadir import REPO_ROOT
from corridors.view import session

KEYS = {
    name: value
    for name, value in vars(session).items()
    if name.isupper() and isinstance(value, str) and name != "NO_CORRIDOR"
}


def test_every_key_is_distinct() -> None:
    values = list(KEYS.values())
    assert len(values) == len(set(values)), "two names for one session key"


def test_session_imports_no_streamlit() -> None:
    tree = ast.parse(Path(session.__file__).read_text(encoding="utf-8"))
    imported = [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ] + [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert not [m for m in imported if m.startswith("streamlit")]


def test_dashboard_names_its_session_keys() -> None:
    """No bare string indexes st.session_state in dashboard.py: each key is a session constant."""
    source = (REPO_ROOT / "dashboard.py").read_text(encoding="utf-8")
    bare = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Subscript):
            target, key = node.value, node.slice
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args:
            target, key = node.func.value, node.args[0]
        else:
            continue
        if ast.unparse(target).endswith("session_state") and isinstance(key, ast.Constant):
            bare.append(f"line {node.lineno}: {ast.unparse(node)}")
    assert not bare, "use a corridors.view.session constant: " + "; ".join(bare)
