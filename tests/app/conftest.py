"""Fixtures shared by the app tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from corridors.view import mapcomponent


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _cache(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The map's cache folder for this session: AppTest runs the app in this process, which keeps
    the first folder it sees, so every app test must name the same one (never the reader's own)."""
    monkeypatch.setenv(mapcomponent.CACHE_ENV, str(cache_dir))
