"""Leaflet, from the installed ``xstatic-leaflet`` package: never fetched, never committed.

The map component's folder (mapcomponent.prepare) gets a copy of these files, so the map works
with no network and Streamlit serves nothing from the checkout.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import xstatic.pkg.leaflet as xleaflet

LEAFLET_VERSION = xleaflet.VERSION


def leaflet_files() -> Iterator[tuple[Path, str]]:
    """(installed file, path under leaflet/) for the script, its styles and marker images."""
    source = Path(xleaflet.BASE_DIR)
    for name in ("leaflet.js", "leaflet.css"):
        yield source / name, name
    for image in sorted((source / "images").glob("*.png")):
        yield image, f"images/{image.name}"
