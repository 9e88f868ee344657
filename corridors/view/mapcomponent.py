"""The dashboard's map as a small Streamlit component of our own, served from a cache folder.

Streamlit serves a declared component's folder at ``/component/<name>/``. That folder is prepared
here, outside the checkout (so a read-only checkout works and nothing is written into the source
tree), keyed by the code version:

    <cache>/map-<code hash>/page.html           the map page, rendered by folium (mappage.page_html)
                           index.html           the page served: the latest data version's prefetch
                                                (its small layer files) and the styles inline
                           page.js              map.js and Leaflet as one file, for index.html
                           map.js, map.css      our frontend (corridors/view/frontend/), copied
                           leaflet/             Leaflet from the installed xstatic-leaflet, copied
                           data/<hash>.json     each layer's GeoJSON, the basemap, the place labels

Data files are named by a hash of the data folder's fingerprint and the code version, so a warm
start finds them without rebuilding, and an edit to any data file gives new names. The folder is
bounded: the files of the last ``DATA_VERSIONS_KEPT`` data versions and the last
``MAP_FOLDERS_KEPT`` code versions are kept, older ones removed (``prune_data``, ``prune_maps``). The page
fetches them once; the component's args then carry only small things (which files and ids are
shown, the selected corridor, a fit request), and its value reports a click and the view.

Nothing here imports Streamlit: dashboard.py declares the component on the folder ``prepare()``
returns (through its cached ``map_folder()``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from ..model import datacache
from ..model.dataset import Dataset
from ..schema import KINDS
from ..store import atomicfile, codeversion
from . import assets, jsontext, mapbuild, places

#: Where the component folder goes: this variable (the data cache's), else
#: $XDG_CACHE_HOME/corridors, else ~/.cache/corridors; a temporary folder when none of them can be
#: written.
CACHE_ENV = datacache.ENV_VAR
FRONTEND = assets.FRONTEND
#: Component args name layer files relative to the page: the frame resolves them.
DATA = "data"
#: Data versions whose files are kept in a map folder (the dashboard's ``map_files`` holds 4): a
#: page still open on an older version keeps its files for a few edits, never for ever.
DATA_VERSIONS_KEPT = 4
#: Map folders (code versions) kept in the cache folder, the current one always among them.
MAP_FOLDERS_KEPT = 3
#: A staging folder left by a killed process is removed once older than this (seconds).
STALE_S = 3600.0
#: The page as folium renders it (its prefetch script named by address), and the page served:
#: the same with the latest data version's prefetch script inline, carrying its layer files when
#: they are small, the style sheets inline and one script file, ``page.js`` (``write_prefetch``).
PAGE = "page.html"
INDEX = "index.html"


def _page_html() -> str:
    """The map page; folium is imported here, when a page is written, never at the app's start
    (more than half a second, and a start with its page already written never needs it)."""
    from . import mappage

    return mappage.page_html()


def cache_root() -> Path:
    """The user's cache folder for corridors, created if needed and known to be writable."""
    candidates = []
    if os.environ.get(CACHE_ENV):
        candidates.append(Path(os.environ[CACHE_ENV]))
    xdg = os.environ.get("XDG_CACHE_HOME")
    candidates.append(Path(xdg) / "corridors" if xdg else Path.home() / ".cache" / "corridors")
    uid = os.getuid() if hasattr(os, "getuid") else "user"
    candidates.append(Path(tempfile.gettempdir()) / f"corridors-{uid}")
    for path in candidates:
        try:
            path.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path, prefix=".probe-"):
                return path
        except OSError:
            continue
    raise OSError("no writable cache folder for the map (set CORRIDORS_CACHE_DIR)")


def code_version() -> str:
    """The package's code version (every file, the frontend too) with the versions of what the
    page is built with besides it."""
    return codeversion.code_version(  # folium's version from its metadata: not imported here
        assets.LEAFLET_VERSION, metadata.version("folium"), places.geonames_version()
    )


def _remove_tree(path: Path) -> None:
    """Remove a folder so that no reader ever sees it half removed: renamed first (atomic) to a
    hidden name no one serves, then deleted. Gone already (another process): nothing to do."""
    trash = path.with_name(f".trash-{path.name}-{os.getpid()}-{os.urandom(4).hex()}")
    try:
        path.rename(trash)
    except OSError:
        return
    shutil.rmtree(trash, ignore_errors=True)


def prune_maps(root: Path, current: Path, keep: int = MAP_FOLDERS_KEPT) -> list[Path]:
    """Remove the map folders of older code versions beyond the ``keep`` most recently used (the
    current one is always kept), and staging or trash folders a killed process left; the removed
    folders are returned."""

    def used(path: Path) -> float:
        try:
            return path.stat().st_mtime
        except OSError:
            return 0.0

    folders = [p for p in root.glob("map-*") if p.is_dir() and p != current]
    folders.sort(key=used, reverse=True)
    removed = folders[max(0, keep - 1) :]
    cutoff = time.time() - STALE_S
    removed += [
        p
        for pattern in (".map-*", ".trash-map-*")
        for p in root.glob(pattern)
        if p.is_dir() and used(p) < cutoff
    ]
    for path in removed:
        _remove_tree(path)
    return removed


def prepare(root: Path | None = None) -> Path:
    """The component folder for this code version: page, frontend and Leaflet, made once; the
    folders of older code versions beyond the last few are removed."""
    base = root or cache_root()
    folder = base / f"map-{code_version()[:16]}"
    if (folder / "index.html").is_file():
        with contextlib.suppress(OSError):
            os.utime(folder)  # in use: the most recent
        prune_maps(base, folder)
        return folder
    staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}-"))
    try:
        for src, rel in assets.leaflet_files():
            dst = staging / "leaflet" / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
        for name in assets.MAP_FRONTEND:
            shutil.copyfile(FRONTEND / name, staging / name)
        (staging / SCRIPT).write_bytes(script_bundle(staging))
        (staging / DATA).mkdir()
        (staging / PAGE).write_text(_page_html(), encoding="utf-8")
        # index.html last: its presence says the folder is complete
        (staging / INDEX).write_bytes(page_with_prefetch(staging, ""))
        os.chmod(staging, 0o755)
        try:
            staging.rename(folder)
        except OSError:  # another process made it first: theirs is the same
            if not (folder / "index.html").is_file():
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    prune_maps(base, folder)
    return folder


@dataclass(frozen=True)
class DataFiles:
    """Addresses (relative to the page) of the files one dataset is drawn from."""

    layers: Mapping[str, str]  # kind -> data/<hash>.json
    basemap: str
    places: str


def _data_file(folder: Path, key: str, build: Callable[[], object]) -> str:
    """``data/<key>.json``, written from ``build()`` unless it is there already (then touched:
    its time says when its data version was last used, which ``prune_data`` keeps by).
    ``build()`` gives the file's bytes, or a value to write as JSON (``jsontext.text``)."""
    name = f"{DATA}/{key}.json"
    path = folder / name
    if path.is_file():
        with contextlib.suppress(OSError):
            os.utime(path)
    else:
        made = build()
        data = made if isinstance(made, bytes) else jsontext.text(made)
        atomicfile.write_bytes(path, data, durable=False)
    return name


def _version_tag(code_version: str, data_version: str) -> str:
    """The prefix every data file of one data version shares. A view as of another day is
    written as ``<fingerprint>@<moment>``: its files go with their data version's."""
    base = data_version.split("@", 1)[0]
    return hashlib.sha256(f"{code_version}\0{base}".encode()).hexdigest()[:12]


def prune_data(folder: Path, keep: int = DATA_VERSIONS_KEPT) -> list[Path]:
    """Remove the data files of all but the ``keep`` most recently used data versions (files are
    grouped by their version tag, ``<tag>-<key>.json``); the removed files are returned.

    Each file is unlinked whole (a reader that has it open keeps reading it); a file of a version
    still in use is never touched, as that version is among the most recent."""
    groups: dict[str, list[Path]] = {}
    used: dict[str, float] = {}
    for path in (folder / DATA).glob("*-*.json"):
        tag = path.name.split("-", 1)[0]
        try:
            mtime = path.stat().st_mtime
        except OSError:
            continue
        groups.setdefault(tag, []).append(path)
        used[tag] = max(used.get(tag, 0.0), mtime)
    removed: list[Path] = []
    for tag in sorted(groups, key=used.__getitem__, reverse=True)[keep:]:
        for path in groups[tag]:
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def basemap_collection(ds: Dataset) -> dict:
    """The validated boundaries as GeoJSON, serialised from the loaded frame (never file bytes)."""
    features = []
    names = ds.boundaries["name"] if "name" in ds.boundaries else [None] * len(ds.boundaries)
    for name, geom in zip(names, ds.boundaries.geometry, strict=False):
        if geom is None or geom.is_empty:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {"name": str(name) if isinstance(name, str) else ""},
                "geometry": mapbuild.screen_geometry(geom),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def write_data(
    folder: Path, ds: Dataset, data_version: str, code_version: str, prefetch: bool = True
) -> DataFiles:
    """Every file the page needs for this dataset, written once per data and code version.

    ``data_version`` is the data folder's fingerprint (``datadir.fingerprint``), ``code_version``
    what the page is built with (the component folder's name, made from ``code_version()``).

    ``prefetch``: the served page starts fetching these files as it loads (the view a fresh page
    opens on); the files of a view as of another day are written without it.
    """

    tag = _version_tag(code_version, data_version)

    def key(what: str) -> str:
        text = f"{code_version}\0{data_version}\0{what}"
        return f"{tag}-{hashlib.sha256(text.encode()).hexdigest()[:24]}"

    layers = {}
    makers: list[mapbuild.PopupMaker] = []  # one, made when the first layer file is written

    def collection(ids: list[str]) -> bytes:
        if not makers:
            makers.append(mapbuild.PopupMaker(ds))
        return mapbuild.layer_bytes(ds, ids, makers[0])

    for kind in KINDS:
        ids = list(ds.features.index[ds.features["kind"] == kind])
        if ids:
            layers[kind] = _data_file(folder, key(f"layer:{kind}"), lambda ids=ids: collection(ids))
    files = DataFiles(
        layers=layers,
        basemap=_data_file(folder, key("basemap"), lambda: basemap_collection(ds)),
        places=_data_file(
            folder,
            key("places"),
            lambda: places.places(
                ds.boundaries,
                ds.features.geometry,
                [ds.stretches.get(ident) for ident in ds.features.index],
            ),
        ),
    )
    if prefetch:
        write_prefetch(folder, files)
    prune_data(folder)
    return files


#: The layer files go inline in the served page while all of them together are no larger than
#: this (bytes): the live data's four are ~45 KB, fetched as four requests on the browser's six
#: connections while the page's own scripts were loading. Larger data is fetched as before.
INLINE_LAYERS_MAX = 256_000


def inline_layers(folder: Path, files: DataFiles) -> dict[str, str]:
    """The layer files' text by address, when they are small enough to go inline; else none."""
    paths = {url: folder / url for url in files.layers.values()}
    if sum(path.stat().st_size for path in paths.values()) > INLINE_LAYERS_MAX:
        return {}
    return {url: path.read_text(encoding="utf-8") for url, path in paths.items()}


def _script_safe(json_text: str) -> str:
    """JSON text to write inside a script element: ``<`` occurs only in its strings, where
    ``\\u003c`` means the same."""
    return json_text.strip().replace("<", "\\u003c")


def prefetch_script(files: DataFiles, inline: Mapping[str, str] | None = None) -> str:
    """Starts fetching a data version's files as the page loads, before the page hears from
    Streamlit which files to draw (saves a round trip after the handshake); the files in
    ``inline`` (address -> JSON text) are handed over as they are, with no request at all.

    Inline JSON goes into a script element: every ``<`` (only ever inside a JSON string) is
    written ``\\u003c``, so no data string can close the element or open a comment."""
    inline = inline or {}
    urls = [[url, "high"] for url in files.layers.values() if url not in inline]
    urls += [[files.places, "low"], [files.basemap, "low"]]  # drawn after the routes anyway
    given = "".join(
        f"window.corridorsPrefetched[{json.dumps(url)}] = Promise.resolve({_script_safe(text)});\n"
        for url, text in inline.items()
    )
    return (
        "window.corridorsPrefetched = {};\n"
        + given
        + f"{json.dumps(urls)}.forEach(function (f) {{\n"
        "  var u = f[0];\n"
        "  window.corridorsPrefetched[u] = fetch(u, {priority: f[1]}).then(function (r) {\n"
        "    if (!r.ok) { throw new Error(u + ': HTTP ' + r.status); }\n"
        "    return r.json();\n"
        "  });\n"
        "});\n"
    )


#: The frame page's scripts, served as one file (``SCRIPT``), in the rendered page's order: map.js
#: first, so that its handshake is sent before Leaflet is even parsed. Its style sheets are written
#: inline. Apart, they were four more requests to the Python server while the page loaded, answered
#: 30-110 ms after the page (measured in benchmarks/timetomap.py). The scripts are not inline:
#: Streamlit fetches the page twice (its component checks the address) and compresses it each time.
#: The files stay in the folder for the static page.
SCRIPTS = ("map.js", "leaflet/leaflet.js")
SCRIPT = "page.js"
STYLES = ("leaflet/leaflet.css", "map.css")
_SCRIPT_TAG = '<script src="{}"></script>'
_STYLE_TAG = '<link rel="stylesheet" href="{}"/>'
#: What a style sheet written inline must not hold: it would end its element early, or change how
#: the HTML parser reads the rest of it. A sheet that holds one stays a file.
_NOT_INLINE = re.compile(r"</style|<!--", re.IGNORECASE)
#: A relative address in a style sheet (``url(images/layers.png)``): inline, it would be read
#: against the page, so it is given the sheet's folder.
_RELATIVE_URL = re.compile(r"""url\((['"]?)(?![a-z][a-z0-9+.-]*:|/|#)""", re.IGNORECASE)


def script_bundle(folder: Path) -> bytes:
    """``SCRIPTS`` as one file, each ending its own statements."""
    return b"\n;\n".join((folder / name).read_bytes() for name in SCRIPTS)


def _inline_style(name: str, text: str) -> str:
    base = name.rpartition("/")[0]
    if base:
        text = _RELATIVE_URL.sub(lambda m: f"url({m.group(1)}{base}/", text)
    return f"<style>{text}</style>"


def _served_page(page: str, folder: Path) -> str:
    """The rendered page with its scripts in one file and its style sheets inline."""
    first, *rest = (_SCRIPT_TAG.format(name) for name in SCRIPTS)
    if all(tag in page for tag in (first, *rest)) and (folder / SCRIPT).is_file():
        page = page.replace(first, _SCRIPT_TAG.format(SCRIPT), 1)
        for tag in rest:
            page = page.replace(tag, "", 1)
    for name in STYLES:
        tag = _STYLE_TAG.format(name)
        text = (folder / name).read_text(encoding="utf-8")
        if tag in page and not _NOT_INLINE.search(text):
            head, tail = page.split(tag, 1)
            page = f"{head}{_inline_style(name, text)}{tail}"
    return page


def page_with_prefetch(folder: Path, script: str) -> bytes:
    """The served page: ``page.html`` with its prefetch script inline (none when empty), and
    its scripts in one file and its style sheets inline (``_served_page``).

    Inline, not a file beside it: the page would fetch that file first, and only then the data
    files (one more round trip before the routes, measured in benchmarks/timetomap.py)."""
    page = (folder / PAGE).read_text(encoding="utf-8")
    tag = f'<script src="{mapbuild.PREFETCH_SCRIPT}"></script>'
    if tag not in page:
        raise ValueError(f"{folder / PAGE} names no {mapbuild.PREFETCH_SCRIPT}")
    # "</" never closes the inline script early (file names; inline data has no "<" left)
    safe = script.replace("</", "<\\/")
    inline = f"<script>{safe}</script>" if script else ""
    return _served_page(page.replace(tag, inline, 1), folder).encode("utf-8")


def write_prefetch(folder: Path, files: DataFiles) -> None:
    """The served page (``index.html``) starts fetching these files as it loads: the view a fresh
    page opens on. A page given other files (another data version) simply fetches those; these
    are then unused."""
    text = page_with_prefetch(folder, prefetch_script(files, inline_layers(folder, files)))
    path = folder / INDEX
    if not path.is_file() or path.read_bytes() != text:
        atomicfile.write_bytes(path, text, durable=False)


def fit_request(
    key: int,
    bounds: list[list[float]] | None = None,
    view: tuple[float, float, float] | None = None,
) -> dict | None:
    """Ask the page to show these bounds or this view once (a new key asks again)."""
    if view is not None:
        return {"key": key, "view": list(view)}
    if bounds is not None:
        return {"key": key, "bounds": bounds}
    return None


def args(
    files: DataFiles,
    visible: Mapping[str, Iterable[str] | None],
    selected: str | None,
    fit: dict | None,
) -> dict:
    """The component's args: small, whatever the data's size (ids only under a filter).

    ``visible`` maps each shown layer to its shown ids, or to None when it shows all of them.
    """
    return {
        "layers": [
            {"kind": kind, "url": files.layers[kind], "ids": None if ids is None else list(ids)}
            for kind, ids in visible.items()
            if kind in files.layers
        ],
        "basemap": files.basemap,
        "places": files.places,
        "selected": selected,
        "fit": fit,
        "height": mapbuild.MAP_HEIGHT,
    }


# --- the click message --------------------------------------------------------------------------

#: The one message the map sends when a route is chosen (a click, a tap, Enter or Space on a
#: focused route): ``{CLICK: {"corridor": ..., "id": ..., "n": ...}}``, ``n`` counting the page's
#: clicks so that a second click on the same route is news. frontend/map.js writes it (a test reads
#: map.js and checks it against these names); ``read_click`` is the only reader.
CLICK = "click"
CLICK_KEYS = ("corridor", "id", "n")


@dataclass(frozen=True)
class Click:
    """A route chosen on the map: its corridor, its feature id, the page's click count."""

    corridor: str
    id: str
    n: int


def read_click(value: object) -> Click | None:
    """The click in the component's value, checked (a value from the page is untrusted); None
    for no click or a malformed one."""
    if not isinstance(value, Mapping):
        return None
    click = value.get(CLICK)
    if not isinstance(click, Mapping):
        return None
    corridor, feature, n = (click.get(k) for k in CLICK_KEYS)
    if not isinstance(corridor, str) or not isinstance(feature, str):
        return None
    if isinstance(n, bool) or not isinstance(n, int):
        return None
    return Click(corridor=corridor, id=feature, n=n)


# --- the view in the URL -----------------------------------------------------------------------

VIEW_KEY = "view"


def parse_view(text: object) -> tuple[float, float, float] | None:
    """``"lat,lon,zoom"`` from a URL or the map, checked; None for anything else."""
    if not isinstance(text, str) or len(text) > 60:
        return None
    parts = text.split(",")
    if len(parts) != 3:
        return None
    try:
        lat, lon, zoom = (float(p) for p in parts)
    except ValueError:
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 0 <= zoom <= 20):
        return None
    return (round(lat, 3), round(lon, 3), round(zoom, 2))


def view_text(view: tuple[float, float, float]) -> str:
    """The URL form of a view: 3 decimals of a degree (about 100 m), zoom to 2 decimals."""
    lat, lon, zoom = view
    return f"{lat:.3f},{lon:.3f},{zoom:g}"
