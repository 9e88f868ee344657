"""Front-end assets served from this machine, so the map works with no network.

Streamlit serves ``<app folder>/static/`` at ``/app/static/`` when static serving is on
(.streamlit/config.toml). Leaflet comes from the installed ``xstatic-leaflet`` package and the
offline basemap from the data folder's boundaries; both are copied there at start-up, never fetched.
"""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import xstatic.pkg.leaflet as xleaflet

from .datadir import REPO_ROOT, DataDir

STATIC_DIR = REPO_ROOT / "static"
URL_PREFIX = "/app/static"

LEAFLET_JS = f"{URL_PREFIX}/leaflet/leaflet.js"
LEAFLET_CSS = f"{URL_PREFIX}/leaflet/leaflet.css"
BASEMAP_URL = f"{URL_PREFIX}/basemap/boundaries.geojson"
LEAFLET_VERSION = xleaflet.VERSION


def _copy(src: Path, dst: Path) -> None:
    if dst.exists() and filecmp.cmp(src, dst, shallow=False):
        return
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)


def install(datadir: DataDir, static_dir: Path = STATIC_DIR) -> Path:
    """Put Leaflet (js, css, marker images) and the basemap where Streamlit serves them."""
    source = Path(xleaflet.BASE_DIR)
    for name in ("leaflet.js", "leaflet.css"):
        _copy(source / name, static_dir / "leaflet" / name)
    for image in sorted((source / "images").glob("*.png")):
        _copy(image, static_dir / "leaflet" / "images" / image.name)
    if datadir.boundaries.exists():
        _copy(datadir.boundaries, static_dir / "basemap" / "boundaries.geojson")
    return static_dir
