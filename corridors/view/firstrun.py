"""A session's first run replayed from disk, so that a warm start draws the map without loading
the dataset first.

A session's first run writes the map alone (``firstpaint``). In a new server process that run also
imported geopandas and the view's modules, unpickled the dataset and computed the map's arguments
(filters, fit): about 0.4 s of CPU at 1,000 articles, while the browser waited for the map's
frame. Yet all it decides is a function of the data, the code, the link and the day: the map
component's arguments and the session values it sets (the widgets from the link, the map's fit).
So the run that computes them keeps them on disk (``save``), keyed by those four (``key``), and a
later process's first run with the same key writes the map from them (``load``) and stops. The
next run, which writes the panel, imports and loads as before and computes the same arguments
again, so the map is not redrawn. (pandas and pyarrow are still imported by the replayed run:
Streamlit's custom component imports them to check whether an argument is a data frame.)

Only a new process's first runs are replayed or kept (``useful``): once a dataset is loaded, a
computed first run costs no more than a replay. Kept only from a run that showed nothing else (no
notice about the link, no data problem), and used only while the map's folder still holds the page it was recorded with and every file the
arguments name. Entries live in the data cache's folder (``datacache.read``/``write``: this
user's own folder, as the pickled dataset), the last ``KEPT`` of them.

Imports nothing heavy: dashboard.py asks it before it imports the rest of the package.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
from collections.abc import Iterable, Mapping, MutableMapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from ..model import datacache
from ..store import codeversion
from . import session

SUFFIX = ".firstrun"
#: Entries kept in the cache folder (one per data version, link and day seen lately).
KEPT = 16
#: Libraries whose behaviour shapes the recorded values (the fit's bounds come from geopandas
#: and shapely, the widgets' handling from Streamlit): a new version of one misses.
LIBRARIES = ("streamlit", "numpy", "pandas", "geopandas", "shapely")
#: The types a recorded value may be made of: what unpickles without importing a library.
PLAIN = (str, int, float, bool, type(None), dt.date, list, tuple, dict)


@dataclass(frozen=True)
class Record:
    """What a first run decided: the map's folder and arguments, the session values it set."""

    folder: str
    args: dict
    values: dict
    removed: tuple[str, ...]
    page_sha: str  # the map page served (index.html) when it was recorded


def useful() -> bool:
    """Whether a first run should be replayed, or kept: only while this process holds no dataset
    (a new server's first sessions)."""
    return not datacache.in_memory()


def key(root: str, data_version: str, query: Mapping[str, Any], today: dt.date) -> str:
    """The entry's key: the data folder and its content, the code, the link, the day."""
    versions = []
    for name in LIBRARIES:
        try:
            versions.append(metadata.version(name))
        except metadata.PackageNotFoundError:
            versions.append("-")
    code = codeversion.code_version(sys.version, *versions)
    link = json.dumps(sorted(query.items()), ensure_ascii=False)
    text = "\0".join((root, data_version, code, link, today.isoformat()))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def reconnected(widget_keys: Iterable[str]) -> bool:
    """Whether a first run's widget values came from the browser: a tab reconnecting to a
    restarted server sends the values its widgets show (the map's and the layer toggles' among
    them); a fresh page sends none."""
    return any(
        key.endswith(f"-{session.MAP}") or f"-{session.LAYER_PREFIX}" in key for key in widget_keys
    )


#: The widgets a first run creates: the replay creates them itself (a widget's value set through
#: the session state as well as created with a default is a warning on the page).
WIDGETS = (session.MAP,)


def changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[dict, tuple[str, ...]]:
    """The session values set (new or changed) and the keys removed between two copies, the
    first run's own widgets left out."""
    values = {
        k: v
        for k, v in after.items()
        if k not in WIDGETS and (k not in before or not _same(before[k], v))
    }
    return values, tuple(k for k in before if k not in after)


def _same(a: object, b: object) -> bool:
    return type(a) is type(b) and a == b


def plain(value: object) -> bool:
    """Whether a value is made of PLAIN types only (so it unpickles without numpy or pandas)."""
    if type(value) not in PLAIN:
        return False
    if isinstance(value, (list, tuple)):
        return all(plain(v) for v in value)
    if isinstance(value, dict):
        return all(plain(k) and plain(v) for k, v in value.items())
    return True


def page_sha(folder: Path) -> str | None:
    try:
        return hashlib.sha256((folder / "index.html").read_bytes()).hexdigest()
    except OSError:
        return None


def named_files(args: Mapping[str, Any]) -> list[str]:
    """The data files the map's arguments name, relative to its folder."""
    names = [layer["url"] for layer in args.get("layers", [])]
    return names + [args[k] for k in ("basemap", "places") if args.get(k)]


def record(folder: str, args: dict, values: dict, removed: tuple[str, ...]) -> Record | None:
    """A record of a first run, or None when something in it would not replay as it was."""
    sha = page_sha(Path(folder))
    if sha is None or not plain(args) or not plain(values):
        return None
    return Record(folder, args, values, removed, sha)


def save(entry_key: str, entry: Record) -> bool:
    """Keep a first run's record under its key; True if it was written."""
    written = datacache.write(f"{entry_key}{SUFFIX}", entry)
    if written:
        datacache.prune(f"*{SUFFIX}", KEPT)
    return written


def load(entry_key: str) -> Record | None:
    """The record kept under this key, if the map's folder still holds what it names."""
    entry = datacache.read(f"{entry_key}{SUFFIX}")
    if not isinstance(entry, Record):
        return None
    folder = Path(entry.folder)
    if page_sha(folder) != entry.page_sha:
        return None
    if not all((folder / name).is_file() for name in named_files(entry.args)):
        return None
    return entry


def restore(state: MutableMapping[str, Any], entry: Record) -> None:
    """Set the session values the recorded run set, and remove what it removed."""
    for name in entry.removed:
        state.pop(name, None)
    for name, value in entry.values.items():
        state[name] = value
