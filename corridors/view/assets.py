"""The files the page is drawn with: Leaflet, and our own frontend.

Leaflet comes from the installed ``xstatic-leaflet`` package: never fetched, never committed. Our
frontend (``frontend/``, package data) holds the map's script and style, which the map
component's folder (mapcomponent.prepare) gets a copy of, so the map works with no network and
Streamlit serves nothing from the checkout, and the panel's style, which the panel inlines.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import xstatic.pkg.leaflet as xleaflet

LEAFLET_VERSION = xleaflet.VERSION

#: Our frontend files (package data: pyproject ships frontend/*.js and *.css).
FRONTEND = Path(__file__).resolve().parent / "frontend"
#: What the map component's folder gets a copy of.
MAP_FRONTEND = ("map.js", "map.css")


def frontend_text(name: str) -> str:
    """One of our frontend files, as text."""
    return (FRONTEND / name).read_text(encoding="utf-8")


def leaflet_files() -> Iterator[tuple[Path, str]]:
    """(installed file, path under leaflet/) for the script, its styles and marker images."""
    source = Path(xleaflet.BASE_DIR)
    for name in ("leaflet.js", "leaflet.css"):
        yield source / name, name
    for image in sorted((source / "images").glob("*.png")):
        yield image, f"images/{image.name}"
