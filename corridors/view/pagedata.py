"""What the dashboard's page is built from, each piece made once and kept: the dataset (as of a
moment), the view's choices, the panel, the charts, the downloads' contents, the map's files.

Every function here is declared through ``CACHES`` as built from the data (``CACHES.data``:
cleared when the data's content changes, ``data_version_of``) or as kept (``CACHES.kept``: keyed
by the data version itself, or not made from the data). The registry is the list, so a new cached
function cannot be missed by the clearing. dashboard.py, the only module that imports Streamlit,
hands Streamlit's cache in once per run (``CACHES.install(st.cache_resource)``); without it (the
tests) each function is simply called.

Each takes the data folder (``root``) and a moment (``asof.Moment.key()``) rather than a
dataset, so that its cache key is small and hashable; the dataset is read read-only.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..model import asof, childbuild, dataset
from ..publish import changes, citations
from ..store import datawatch
from ..store.datadir import REPO_ROOT, resolve
from . import (
    figures,
    filters,
    mapcomponent,
    panel,
    panelmodel,
    places,
    sidebar,
    timeline,
    viewstate,
)

NOW = asof.NOW.key()


class Registry:
    """The page's cached functions, each declared with its options and whether it is built from
    the data; calls go through the cache installed for this run, else straight to the function."""

    def __init__(self) -> None:
        self.declared: dict[str, tuple[Callable, bool, dict[str, Any]]] = {}
        self._cached: dict[str, Callable] = {}
        self._installed: Callable | None = None

    def data(self, **options: Any) -> Callable[[Callable], Callable]:
        """Built from the data as it is: cleared when the data change."""
        return self._declare(True, options)

    def kept(self, **options: Any) -> Callable[[Callable], Callable]:
        """Not made stale by a change of the data (keyed by its version, or not made from it)."""
        return self._declare(False, options)

    def _declare(self, from_data: bool, options: dict[str, Any]) -> Callable[[Callable], Callable]:
        def register(func: Callable) -> Callable:
            name = func.__name__
            self.declared[name] = (func, from_data, options)

            @functools.wraps(func)
            def call(*args: Any, **kwargs: Any) -> Any:
                return self._cached.get(name, func)(*args, **kwargs)

            return call

        return register

    def install(self, cache: Callable[..., Callable[[Callable], Callable]]) -> None:
        """Wrap every declared function in ``cache(**options)`` (``st.cache_resource``), once
        per process and cache: a new wrapper hashes its function's source again on its first
        call, which every rerun paid for every function (about 25 ms a toggle, measured)."""
        if self._installed is cache and self._cached.keys() == self.declared.keys():
            return
        self._cached = {
            name: cache(**options)(func) for name, (func, _, options) in self.declared.items()
        }
        self._installed = cache

    def clear_data(self) -> None:
        """Clear every cache built from the data."""
        for name, (_, from_data, _) in self.declared.items():
            if from_data and name in self._cached:
                self._cached[name].clear()  # type: ignore[attr-defined]


CACHES = Registry()


@CACHES.kept(show_spinner=False)
def data_watch(root: str) -> datawatch.Watch:
    return datawatch.Watch(resolve(root))


@CACHES.kept(show_spinner="Loading the curated data…", max_entries=2)
def load_version(root: str, data_version: str) -> dataset.Dataset:
    """Read, validate, measure and join once per data folder and content (read-only after); a
    start with unchanged data and code takes the compiled dataset from the user's cache folder.

    Streamlit collects garbage after every script run (``runner.postScriptGC``). With the dataset
    and its libraries in the heap a full collection took ~100 ms, holding the interpreter while
    the browser fetched the map's files. So everything alive after a load is frozen (left out of
    collections; still freed when unreferenced); a reload unfreezes first, so an older dataset
    can be collected.
    """
    gc.unfreeze()
    try:
        # a cold build in a child (see that module); the map page is written meanwhile
        return childbuild.load(resolve(root), meanwhile=_while_building)
    finally:
        gc.collect()
        gc.freeze()


def _while_building() -> None:
    """What the map's first run needs that no data decides, done while a child builds the data:
    the map page (folium) and GeoNames' cities for the place labels."""
    map_folder()
    places.listed_cities()


def load(root: str) -> dataset.Dataset:
    """The data as the files are now: reloaded when their content changed since the last run.

    For the cached functions below, which call it only when they have no entry (the first run, or
    after ``data_version_of`` cleared them). The dashboard reads the data version once per run
    and passes it on, as each reading stats every data file.
    """
    return load_version(root, data_version_of(root))


def data_version_of(root: str) -> str:
    """The data version: the data folder's fingerprint (the code's own version is another thing,
    ``mapcomponent.code_version``); when it changes, caches built from older data are cleared.

    A stat check every run; the full content hash only when a file's size, time or inode moved.
    """
    current = data_watch(root).fingerprint()
    seen = _seen_data_versions()
    if seen.get(root, current) != current:
        CACHES.clear_data()
    seen[root] = current
    return current


@CACHES.kept()
def _seen_data_versions() -> dict[str, str]:
    return {}


@CACHES.kept(show_spinner=False)
def map_folder() -> str:
    """The map component's folder, outside the checkout (see corridors.view.mapcomponent)."""
    return str(mapcomponent.prepare())


@CACHES.kept(show_spinner=False, max_entries=4)
def map_files(root: str, data_version: str, moment: str = NOW) -> mapcomponent.DataFiles:
    """The layer, basemap and label files of one data version (written once, then reused); as of
    another day, its own layer files (statuses and popups as they stood), named by the moment too.
    """
    folder = Path(map_folder())
    if moment == NOW:
        return mapcomponent.write_data(
            folder, load_version(root, data_version), data_version, folder.name
        )
    return mapcomponent.write_data(
        folder, dataset_at(root, moment), f"{data_version}@{moment}", folder.name, prefetch=False
    )


@CACHES.data(max_entries=16)
def dataset_at(root: str, moment: str = NOW) -> dataset.Dataset:
    """The data as of a moment (``asof.Moment.key()``): the claims known then, the statuses as they
    stood. As of today it is the data itself."""
    return asof.at(load(root), asof.Moment.from_key(moment))


@CACHES.data(max_entries=4)
def view_options(root: str) -> viewstate.Options:
    return filters.options(load(root))


@CACHES.data(max_entries=32)
def panel_view(
    root: str, corridor: str, sources: tuple[str, ...] = (), moment: str = NOW
) -> panelmodel.CorridorPanel:
    """The quotes panel of one corridor (limited to the chosen sources' claims) as data, built
    once per process, filter and moment (the data is read-only)."""
    return panelmodel.corridor_panel(dataset_at(root, moment), corridor, sources)


@CACHES.data(max_entries=64)
def panel_html(
    root: str,
    corridor: str,
    sources: tuple[str, ...] = (),
    moment: str = NOW,
    shown: tuple[tuple[str, int], ...] = (),
) -> str:
    """The panel's HTML with ``shown`` claims of each field (its first page by default)."""
    return panel.render_html(panel_view(root, corridor, sources, moment), dict(shown))


@CACHES.data(max_entries=16)
def overview_html(root: str, moment: str = NOW) -> str:
    """Claims and articles per corridor, for the page before anything is selected."""
    return panel.overview_html(dataset_at(root, moment), view_options(root).corridors)


@CACHES.data(max_entries=16)
def sources_list_html(root: str, moment: str = NOW) -> str:
    """Every article and what it cites (an article that cites no mapped system says so)."""
    return panel.sources_html(dataset_at(root, moment))


@CACHES.data(max_entries=4)
def corridor_names(root: str) -> dict[str, str]:
    """What the corridor list shows for each corridor (built once: it may list thousands)."""
    return sidebar.corridor_labels(load(root), view_options(root))


@CACHES.data(max_entries=4)
def source_options(root: str) -> dict[str, str]:
    """What the article filter shows for each article."""
    return sidebar.source_labels(load(root), view_options(root))


@CACHES.data(max_entries=64)
def milestones(root: str, corridor: str | None, moment: str = NOW):
    """The dated claims of one corridor (or of all) known at a moment, as timeline rows."""
    rows = timeline.milestones(dataset_at(root, moment))
    return rows if corridor is None else rows[rows["corridor"] == corridor]


@CACHES.data(max_entries=64)
def timeline_chart(root: str, corridor: str | None, moment: str = NOW):
    """The chart of those rows, built once per data version, corridor and moment."""
    return timeline.timeline_chart(milestones(root, corridor, moment))


@CACHES.data(max_entries=64)
def figure_rows(root: str, corridor: str | None, moment: str = NOW):
    """The figures over time of one system (or all) known at a moment, and how many are unplaced."""
    return figures.rows(dataset_at(root, moment), corridor)


@CACHES.data(max_entries=64)
def has_figures(root: str, corridor: str | None, moment: str = NOW) -> bool:
    """Whether ``figure_rows`` has any row, without building them (``figures.any_rows``)."""
    return figures.any_rows(dataset_at(root, moment), corridor)


@CACHES.data()
def figure_chart(root: str, corridor: str | None, moment: str = NOW):
    """The chart of those rows, built once per data version, corridor and moment."""
    return figures.chart(figure_rows(root, corridor, moment)[0])


@CACHES.data(max_entries=32)
def changes_bytes(
    root: str, fmt: str, since: dt.date, until: dt.date | None, undated: bool, corridor: str | None
) -> bytes:
    """The changes list in one format, made once per question."""
    chosen = None if corridor is None else [corridor]
    return changes.render(load(root), fmt, since, until, undated, chosen)


@CACHES.data(max_entries=32)
def change_list(
    root: str, since: dt.date, until: dt.date | None, undated: bool, corridor: str | None
) -> list[changes.Change]:
    chosen = None if corridor is None else [corridor]
    return changes.changes(load(root), since, until, undated, chosen)


@CACHES.data(max_entries=32)
def changes_list_html(
    root: str, since: dt.date, until: dt.date | None, undated: bool, corridor: str | None
) -> str:
    """``changes.list_html`` of one question, made once (not on every rerun of the page)."""
    return changes.list_html(load(root), change_list(root, since, until, undated, corridor))


@CACHES.kept()
def map_version() -> citations.MapVersion:
    return citations.map_version(str(REPO_ROOT))


@CACHES.data(max_entries=8)
def shown(
    root: str, ids_key: str, sources: tuple[str, ...], moment: str = NOW, _ids: tuple = ()
) -> tuple[dataset.Dataset, list[citations.Entry]]:
    """What a view shows (features and the claims about them, as of its moment) and its sources,
    once per view. The features shown, ``_ids``, are keyed by their digest ``ids_key``
    (``filters.ids_key``): Streamlit leaves an argument named with a leading underscore out of the
    key, and hashing 10,000 ids one by one cost ~0.5 s of every rerun at 10,000 corridors. Each
    entry is a subset of the dataset, so few are kept (each toggle state made one)."""
    subset = filters.subset(dataset_at(root, moment), _ids, sources)
    return subset, citations.entries(subset, citations.cited(subset))


@CACHES.data(max_entries=4)
def undated_count(root: str, moment: str = NOW) -> int:
    """How many sources have no date (``asof.undated_sources``), once per data version and
    moment, not on every rerun."""
    return len(asof.undated_sources(dataset_at(root, moment)))
