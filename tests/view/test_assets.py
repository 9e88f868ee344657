"""Our frontend files are package data, and each goes where it is used."""

from __future__ import annotations

import fnmatch
import tomllib

import pytest

from corridors.store.datadir import REPO_ROOT
from corridors.view import assets, mapcomponent, panel

PACKAGE_DATA = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "setuptools"
]["package-data"]["corridors.view"]


@pytest.mark.parametrize("path", sorted(assets.FRONTEND.iterdir()), ids=lambda p: p.name)
def test_every_frontend_file_is_shipped(path) -> None:
    """An installed package (not an editable checkout) has the file only if pyproject ships it."""
    rel = path.relative_to(assets.FRONTEND.parent).as_posix()
    assert any(fnmatch.fnmatch(rel, pattern) for pattern in PACKAGE_DATA), rel


def test_the_panel_inlines_its_style() -> None:
    css = assets.frontend_text("panel.css")
    assert f"\n<style>\n{css}</style>\n" == panel.PANEL_CSS
    assert ".cp blockquote mark" in css


def test_the_map_folder_gets_the_map_files_only(tmp_path) -> None:
    folder = mapcomponent.prepare(tmp_path)
    copied = {p.name for p in folder.iterdir() if p.is_file()}
    assert set(assets.MAP_FRONTEND) <= copied and "panel.css" not in copied
