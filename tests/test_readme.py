"""The README's module table is checked, not hoped for: every module of the package has its row,
every path in the table exists, and the folders' order in it is the import order (a module
imports only from its own layer and the rows above it)."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from corridors.store.datadir import REPO_ROOT

PACKAGE = REPO_ROOT / "corridors"
README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README.split("## Architecture\n", 1)[1].split("\n## ", 1)[0]
ROWS = re.findall(r"^\| `([^`]+)` \| (.+) \|$", SECTION, flags=re.MULTILINE)
PATHS = [path for path, _ in ROWS]
#: What the table must name: every module and frontend file, and every sub-package as a folder.
MODULES = sorted(
    p.relative_to(REPO_ROOT).as_posix()
    for p in PACKAGE.rglob("*")
    if p.suffix in {".py", ".js", ".css"}
    and p.name != "__init__.py"
    and "__pycache__" not in p.parts
)
FOLDERS = sorted(
    p.parent.relative_to(REPO_ROOT).as_posix() + "/"
    for p in PACKAGE.rglob("__init__.py")
    if p.parent != PACKAGE
)


def test_the_table_is_found() -> None:
    assert len(ROWS) > 50, "the README's Architecture table is gone or no longer parses"
    assert len(PATHS) == len(set(PATHS)), "a path has two rows"


@pytest.mark.parametrize("module", MODULES + FOLDERS)
def test_every_module_has_a_row(module: str) -> None:
    assert module in PATHS, f"README.md, Architecture: add a row | `{module}` | what it is for |"


@pytest.mark.parametrize("path", PATHS)
def test_every_row_names_something_that_exists(path: str) -> None:
    assert (REPO_ROOT / path).exists(), f"README.md, Architecture: {path} does not exist"


def _layer(module: str) -> str:
    """The layer of a module: its folder under corridors/, or the top-level module itself."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


#: The layers in the table's order (the first row of each), bottom first.
LAYERS = list(
    dict.fromkeys(
        _layer(Path(p).with_suffix("").as_posix().replace("/", ".").rstrip("."))
        for p in PATHS
        if p.startswith("corridors/") and p.endswith((".py", "/"))
    )
)


def _imports(path: Path) -> set[str]:
    """The corridors modules one file imports (relative imports resolved)."""
    package = path.relative_to(REPO_ROOT).parent.parts
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = list(package[: len(package) - node.level + 1]) if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            found |= {f"{module}.{a.name}" for a in node.names} if not node.module else {module}
    return {m for m in found if m.startswith("corridors.")}


@pytest.mark.parametrize(
    "path",
    sorted(PACKAGE.rglob("*.py")),
    ids=lambda p: p.relative_to(REPO_ROOT).as_posix(),
)
def test_no_module_imports_from_a_later_row(path: Path) -> None:
    here = _layer(path.relative_to(REPO_ROOT).with_suffix("").as_posix().replace("/", "."))
    upward = [m for m in _imports(path) if LAYERS.index(_layer(m)) > LAYERS.index(here)]
    assert not upward, (
        f"{path.relative_to(REPO_ROOT)} ({here}) imports {upward}, a layer listed after it in the "
        "README's table: move the code, or the row if the layers changed"
    )


@pytest.mark.skipif(shutil.which("make") is None, reason="no make on this machine")
def test_plain_make_runs_the_quick_checks() -> None:
    """`make` alone is the quick loop (`make check`: ruff and the fast tests), as issue 17 asks;
    read from make's dry run, nothing is built or run."""
    plain = subprocess.run(
        ["make", "-n", "--no-print-directory"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    check = subprocess.run(
        ["make", "-n", "--no-print-directory", "check"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert plain.stdout == check.stdout
    assert "ruff check" in plain.stdout and '-m "not browser and not slow"' in plain.stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="no make on this machine")
def test_make_help_lists_the_targets() -> None:
    """`make help` prints every target with what it does, and builds nothing."""
    done = subprocess.run(
        ["make", "--no-print-directory", "help"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    phony = re.search(r"^\.PHONY: (.+)$", (REPO_ROOT / "Makefile").read_text(), re.MULTILINE)
    assert phony is not None
    for target in phony.group(1).split():
        assert re.search(rf"^  {target} +\S", done.stdout, re.MULTILINE), target
    assert "pip install" not in done.stdout and "pytest" not in done.stdout


#: Code and test paths the README names anywhere (a glob such as ``geodata/features/*.geojson`` is
#: a pattern, not a path): after a move, a stale one is found here.
NAMED = sorted(
    set(re.findall(r"`((?:corridors|tests|devtools)/[^`\s*]*)`", README)) - {p for p in PATHS}
)


@pytest.mark.parametrize("path", NAMED)
def test_every_code_path_the_readme_names_exists(path: str) -> None:
    assert (REPO_ROOT / path).exists(), f"README.md names {path}, which does not exist"
