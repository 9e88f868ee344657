"""The corridors dashboard: layered offline map, citation popups, a quotes panel, shareable views.

The only module that imports Streamlit. It wires widgets to the pure functions of the corridors
package: load (again whenever the data files' content changes), filter, build the map, and render
the panel.
"""

from __future__ import annotations

import datetime as dt
import gc
import html
import os
import time
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.components import v1 as components

from corridors.curate import review
from corridors.model import asof, childbuild, dataset
from corridors.model.sources import source
from corridors.publish import changes, citations, export
from corridors.schema import KINDS, status_label
from corridors.store import datawatch
from corridors.store.datadir import REPO_ROOT, resolve
from corridors.view import (
    assets,
    figures,
    filters,
    firstpaint,
    mapcomponent,
    mapfit,
    notices,
    panel,
    panelmodel,
    proposals,
    session,
    timeline,
    viewstate,
)

st.set_page_config(
    page_title="Corridors: China–Central Asia infrastructure",
    page_icon="🛤️",
    layout="wide",
    initial_sidebar_state="auto",  # collapsed on a phone, where it would cover the map
)

PAGE_CSS = (
    "<style>.block-container{padding:1.2rem 1.5rem 2rem;max-width:none}"
    # a phone: room for Streamlit's header, so it covers none of the map's controls
    "@media (max-width:640px){.block-container{padding:3.6rem 0.6rem 2rem}}</style>"
)
#: The first day the "as of" date picker offers.
FIRST_DAY = dt.date(1990, 1, 1)

#: The caches built from the data (``data_cache``): all cleared when the data's content changes.
DATA_CACHES: list = []


def data_cache(**options):
    """``st.cache_resource`` for something built from the data as it is: registered, so that a
    change of the data clears it (``data_version_of``), a new cached function included."""

    def register(func):
        cached = st.cache_resource(**options)(func)
        DATA_CACHES.append(cached)
        return cached

    return register


def kept_cache(**options):
    """``st.cache_resource`` for something a change of the data does not make stale: keyed by the
    data version itself, or not made from the data (the code's folder, the component)."""
    return st.cache_resource(**options)


@kept_cache(show_spinner=False)
def data_watch(root: str) -> datawatch.Watch:
    return datawatch.Watch(resolve(root))


@kept_cache(show_spinner="Loading the curated data…", max_entries=2)
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
        return childbuild.load(resolve(root))  # a cold build in a child: see that module
    finally:
        gc.collect()
        gc.freeze()


def load(root: str) -> dataset.Dataset:
    """The data as the files are now: reloaded when their content changed since the last run.

    For the cached helpers below, which call it only when they have no entry (the first run, or
    after ``data_version_of`` cleared them). ``main`` reads the data version once per run and
    passes it on, as each reading stats every data file.
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
        for cached in DATA_CACHES:
            cached.clear()
    seen[root] = current
    return current


@kept_cache()
def _seen_data_versions() -> dict[str, str]:
    return {}


@kept_cache(show_spinner=False)
def map_folder() -> str:
    """The map component's folder, outside the checkout (see corridors.view.mapcomponent)."""
    return str(mapcomponent.prepare())


@kept_cache(show_spinner=False)
def map_component(folder: str):
    return components.declare_component("corridors_map", path=folder)


@kept_cache(show_spinner=False, max_entries=4)
def map_files(root: str, data_version: str, moment: str = asof.NOW.key()) -> mapcomponent.DataFiles:
    """The layer, basemap and label files of one data version (written once, then reused); as of
    another day, its own layer files (statuses and popups as they stood), named by the moment too.
    """
    folder = Path(map_folder())
    if moment == asof.NOW.key():
        return mapcomponent.write_data(
            folder, load_version(root, data_version), data_version, folder.name
        )
    return mapcomponent.write_data(
        folder, dataset_at(root, moment), f"{data_version}@{moment}", folder.name, prefetch=False
    )


@data_cache(max_entries=16)
def dataset_at(root: str, moment: str = asof.NOW.key()) -> dataset.Dataset:
    """The data as of a moment (``asof.Moment.key()``): the claims known then, the statuses as they
    stood. As of today it is the data itself."""
    return asof.at(load(root), asof.Moment.from_key(moment))


@data_cache(max_entries=4)
def view_options(root: str) -> viewstate.Options:
    return filters.options(load(root))


@data_cache(max_entries=32)
def panel_view(
    root: str, corridor: str, sources: tuple[str, ...] = (), moment: str = asof.NOW.key()
) -> panelmodel.CorridorPanel:
    """The quotes panel of one corridor (limited to the chosen sources' claims) as data, built
    once per process, filter and moment (the data is read-only)."""
    return panelmodel.corridor_panel(dataset_at(root, moment), corridor, sources)


@data_cache(max_entries=64)
def panel_html(
    root: str,
    corridor: str,
    sources: tuple[str, ...] = (),
    moment: str = asof.NOW.key(),
    shown: tuple[tuple[str, int], ...] = (),
) -> str:
    """The panel's HTML with ``shown`` claims of each field (its first page by default)."""
    return panel.render_html(panel_view(root, corridor, sources, moment), dict(shown))


def _root() -> str:
    """The data folder this page shows: $CORRIDORS_DATA_DIR, else the repository's own."""
    return os.environ.get("CORRIDORS_DATA_DIR") or str(resolve().root)


def _problems_box(ds: dataset.Dataset) -> None:
    """One error box naming the files (as inert code, relative to the data folder), and the list.

    Nothing from the data reaches Markdown unescaped: a file name written as a link or an image
    shows as text, and no absolute path of the reader's machine is shown.
    """
    errors = ds.errors
    summary = notices.problems_summary(errors, _root())
    if summary is None:
        return
    st.error(summary, icon="⚠️")
    with st.expander("Problems found in the data", expanded=False):
        st.dataframe(
            pd.DataFrame(notices.problem_rows(errors, _root())),
            hide_index=True,
            width="stretch",
        )


def _notices() -> None:
    """Everything the link asked for that was ignored, in one box."""
    text = notices.url_notice(st.session_state.get(session.NOTICES, []))
    if text:
        st.info(text, icon="ℹ️")


def _init_from_query(options: viewstate.Options) -> None:
    """On a session's first run, set every widget from the URL; say what was ignored.

    A tab that reconnects after the server restarted starts a new session too, but it brings its
    widgets' values: those are the reader's view (the URL lags one step behind), so they stay.
    """
    if st.session_state.get(session.INITIALISED):
        return
    st.session_state[session.INITIALISED] = True
    if _reconnected():
        # Every widget in this run, or their values are lost; then once more, so that the map,
        # which reads the widgets' values before they are drawn, sees them too.
        st.session_state[session.PAINTED] = True
        st.session_state[session.RERUN_ONCE] = True
        return
    query = st.query_params.to_dict()
    view_notices = _view_from_query(query)
    state, notices = viewstate.parse(query, options)
    for kind in options.layers:
        st.session_state[session.layer_key(kind)] = kind in state.layers
    st.session_state[session.STATUSES] = state.statuses
    st.session_state[session.COUNTRIES] = state.countries
    st.session_state[session.SOURCES] = state.sources
    st.session_state[session.CORRIDOR] = state.corridor or session.NO_CORRIDOR
    st.session_state[session.ASOF] = state.as_of or dt.date.today()
    st.session_state[session.UNDATED] = state.moment().undated
    st.session_state[session.NOTICES] = notices + view_notices


def _reconnected() -> bool:
    """Whether this first run of a session carries widget values from the browser.

    A fresh page sends none; a tab reconnecting to a restarted server sends the values its widgets
    show. Streamlit has no public call for this, so its session state is read; should that change,
    the answer is False and the URL is used, as for a fresh page.
    """
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        ctx = get_script_run_ctx()
        widgets = ctx.session_state._state._new_widget_state  # type: ignore[union-attr]
        return any(
            key.endswith(f"-{session.MAP}") or f"-{session.LAYER_PREFIX}" in key for key in widgets
        )
    except Exception:  # an internal detail changed: fall back to the URL
        return False


def _view_from_query(query: dict) -> list[str]:
    """Take the map's view (``view=lat,lon,zoom``) out of the query; a notice if it is unusable."""
    raw = query.pop(mapcomponent.VIEW_KEY, None)
    if raw is None:
        return []
    view = mapcomponent.parse_view(raw)
    if view is None:
        return ["Ignored the map view in the link: expected latitude,longitude,zoom."]
    st.session_state[session.VIEW] = view
    return []


def _on_map_change() -> None:
    """A click on a route selects its corridor (see corridors.view.mapfit)."""
    mapfit.take_click(st.session_state)


def _state(options: viewstate.Options) -> viewstate.ViewState:
    """The view the widgets hold, read before they are drawn (their keys persist across reruns).

    Reading it first lets the map be written before the sidebar: the map then reaches the browser
    first and starts loading while the sidebar's widgets do.
    """
    return viewstate.ViewState(
        layers=[k for k in options.layers if st.session_state.get(session.layer_key(k), True)],
        # an empty selection shows nothing (and the page says so); it never means "all"
        statuses=list(st.session_state.get(session.STATUSES, options.statuses)),
        countries=st.session_state.get(session.COUNTRIES) or [],
        sources=st.session_state.get(session.SOURCES) or [],
        corridor=st.session_state.get(session.CORRIDOR) or None,
        as_of=st.session_state.get(session.ASOF),
        undated=st.session_state.get(session.UNDATED),
    )


def _sidebar(
    ds: dataset.Dataset, options: viewstate.Options, state: viewstate.ViewState, data_version: str
) -> None:
    """Layer toggles with their counts, the filters, and the downloads.

    ``state`` is the view ``main`` read before any widget was drawn: the counts and the note for an
    empty status filter read its filters, which the widgets drawn in between (the corridor list,
    the timeline) do not change.
    """
    sb = st.sidebar
    sb.title("Corridors")
    sb.caption("China ↔ Central Asia infrastructure, every figure with its quote and source.")
    _time_controls(dataset_at(_root()))  # the undated sources of all the data, not the day's
    sb.subheader("Layers")
    counts = filters.counts(ds, state)  # as if every layer were on: a count for each toggle
    for kind in options.layers:
        shown, total = counts[kind]
        count = f"{shown}" if shown == total else f"{shown} of {total}"
        sb.toggle(f"{KINDS[kind].label} ({count})", key=session.layer_key(kind))
    sb.subheader("Filters")
    sb.multiselect(
        "Status",
        options.statuses,
        key=session.STATUSES,
        format_func=status_label,
        placeholder="None: nothing is shown",
        help="Status as the source articles state it; 'not stated' where they are silent. "
        "Only the statuses chosen are shown: with none chosen, the map is empty.",
    )
    if not state.statuses:
        sb.caption("No status chosen: the map shows nothing. Choose at least one status.")
    sb.multiselect(
        "Country crossed (measured)",
        options.countries,
        key=session.COUNTRIES,
        placeholder="All countries",
        help="The routes that cross any of these countries, as measured on the drawn lines. "
        "None chosen: no country filter.",
    )
    uncited = ", ".join(source(ds, f).short for f in options.uncited)
    sb.multiselect(
        "Cited by article",
        options.sources,
        key=session.SOURCES,
        format_func=source_options(_root()).get,
        placeholder="All articles",
        help="The systems these articles cite; the panel then shows only their quotes. "
        "None chosen: no article filter."
        + (
            f" Not listed, as it cites no mapped system: {notices.markdown_text(uncited)} "
            "(see 'The articles' on the first page)."
            if uncited
            else ""
        ),
    )
    _downloads(ds, options, data_version)


def _on_asof_change() -> None:
    """A new day resets the undated choice to that day's default (on as of today, off before)."""
    day = st.session_state.get(session.ASOF)
    st.session_state[session.UNDATED] = asof.default_undated(
        day if isinstance(day, dt.date) else None
    )


def _time_controls(ds: dataset.Dataset) -> None:
    """The day the whole page shows, and whether undated sources count (see corridors.model.asof)."""
    sb = st.sidebar
    sb.subheader("As of")
    sb.date_input(
        "Show what the sources said up to",
        key=session.ASOF,
        min_value=FIRST_DAY,
        max_value=dt.date.today(),
        format="YYYY-MM-DD",
        on_change=_on_asof_change,
        help="The map, popups, panel, timeline, figures and every download show only the claims "
        "of sources dated up to this day, and each status as the most recent of them gave it.",
    )
    undated = asof.undated_sources(ds)
    sb.checkbox(
        f"Include undated sources ({len(undated)})",
        key=session.UNDATED,
        help="Sources with no known date (articles that state none, and the public references) "
        "cannot be placed in time. Ticked, they count as known on every day and are marked "
        "'undated' or 'from a reference'; by default they count as of today only.",
    )


def _sync_query(state: viewstate.ViewState, options: viewstate.Options) -> None:
    wanted = viewstate.to_query(state, options)
    # The map writes the reader's view into the URL itself; it stays until a fit replaces it.
    view = mapcomponent.parse_view(st.query_params.get(mapcomponent.VIEW_KEY))
    if view is not None and not st.session_state.pop(session.FITTED, False):
        wanted[mapcomponent.VIEW_KEY] = mapcomponent.view_text(view)
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


@st.fragment(run_every=firstpaint.RELEASE_SECONDS)
def _release_rest() -> None:
    """Reruns the app to write the whole page, once firstpaint says so (see that module)."""
    if firstpaint.tick(st.session_state, time.monotonic()):
        st.rerun(scope="app")


def _map(
    root: str,
    data_version: str,
    ds: dataset.Dataset,
    state: viewstate.ViewState,
    shown: list[str],
    options: viewstate.Options,
) -> None:
    """The map component: its args name the data files and say what to show, nothing more.

    ``shown`` is what the view shows (``filters.visible``, read once per run), split here by kind.
    """
    visible: dict[str, list[str] | None] = {}
    kinds = ds.features["kind"]
    shown_kinds = kinds.loc[shown]  # feature ids are unique: one row each, in data order
    for kind in options.layers:
        if kind in state.layers:
            ids = list(shown_kinds.index[shown_kinds == kind])
            total = int((kinds == kind).sum())
            visible[kind] = None if len(ids) == total else ids
    files = map_files(root, data_version, state.moment().key())
    component = map_component(map_folder())
    component(
        **mapcomponent.args(
            files, visible, state.corridor, mapfit.fit(st.session_state, ds, state, shown, options)
        ),
        key=session.MAP,
        default=None,
        on_change=_on_map_change,
    )


def main() -> None:
    root = _root()
    try:
        data_version = data_version_of(root)  # once per run: see load
        ds = load_version(root, data_version)
    except Exception as exc:  # the page must never show a traceback
        st.error(f"The data could not be loaded: {html.escape(type(exc).__name__)}.")
        st.stop()
    options = view_options(root)
    st.session_state[session.CORRIDOR_IDS] = options.corridors
    _init_from_query(options)
    state = _state(options)
    moment = state.moment()
    ds = dataset_at(root, moment.key()) if not moment.is_now else ds  # the data as of that day
    shown = filters.visible(ds, state)  # what the map shows; the panel says so when it is nothing

    _notices()
    _problems_box(ds)

    map_col, panel_col = st.columns([7, 4], gap="medium")
    with map_col:  # the map first: its frame starts loading while the rest is written
        _map(root, data_version, ds, state, shown, options)
    stage = firstpaint.stage(st.session_state)
    if stage is not firstpaint.Stage.FULL:
        # The map first, then the panel, then the rest (corridors.view.firstpaint): a click made
        # as soon as the map is drawn is answered by a run that writes the map and the panel only.
        firstpaint.start(st.session_state, time.monotonic())
        if stage is firstpaint.Stage.PANEL:
            with panel_col:
                _asof_note(moment)
                _panel_column(options, state, shown)
            st.html(PAGE_CSS)
        _release_rest()
        st.stop()
    with panel_col:
        _asof_note(moment)
        _panel_column(options, state, shown)
    with map_col:
        st.caption(
            f"Leaflet {assets.LEAFLET_VERSION}, served from this machine. Offline basemap: "
            "Natural Earth boundaries, GeoNames places. Online tiles are optional (layer button, "
            "top right)."
        )
        _timeline(root, ds, state.corridor, moment.key())
        _figures(root, ds, state.corridor, moment.key())
        _changes(root, state.corridor, moment)
    st.html(PAGE_CSS)  # after the columns: nothing before the map moves between runs

    _sidebar(ds, options, state, data_version)
    _sync_query(state, options)
    if st.session_state.pop(session.RERUN_ONCE, False):
        st.rerun()


def _panel_column(options: viewstate.Options, state: viewstate.ViewState, shown: list[str]) -> None:
    """The corridor list, what the filters mean when they hide everything, and the panel."""
    root = _root()
    names = corridor_names(root)
    st.selectbox(
        "Corridor (or click a route on the map)",
        [session.NO_CORRIDOR, *options.panels],
        key=session.CORRIDOR,
        format_func=lambda c: names.get(c, "— choose a corridor —"),
    )
    state.corridor = st.session_state.get(session.CORRIDOR) or None
    reason = filters.empty_reason(state, options)
    if reason is None and not shown:
        reason = (
            "No drawn feature matches all the filters at once (status, country and article "
            "combine: each must hold). Widen one of them in the sidebar."
        )
    if reason:
        st.warning(reason, icon=":material/filter_alt_off:")
    if state.corridor:
        _corridor_panel(root, state.corridor, tuple(state.sources), state.moment().key())
    else:
        st.markdown(
            "Click a route or a port on the map, or choose a corridor above, to read "
            "every claim the source articles make about it, each quote in its sentence. "
            "The panel opens with a summary and with where the sources disagree."
        )
        st.html(overview_html(root, state.moment().key()))
        st.html(sources_list_html(root, state.moment().key()))


@st.fragment
def _corridor_panel(root: str, corridor: str, sources: tuple[str, ...], moment: str) -> None:
    """The panel, its first page of each field first; "Show more" reruns this fragment alone, so
    the map, the timeline and the rest of the page are not rebuilt for the next page."""
    basis = (corridor, sources, moment)
    memo = st.session_state.get(session.PANEL_SHOWN)
    if not memo or memo[0] != basis:
        memo = st.session_state[session.PANEL_SHOWN] = (basis, {})
    shown = memo[1]
    st.html(panel_html(root, corridor, sources, moment, tuple(sorted(shown.items()))))
    for key, label, left in panel.more_left(panel_view(root, corridor, sources, moment), shown):
        st.button(
            f"Show more: {label} ({left:,} not shown)",
            key=f"_more_{key}",
            on_click=_show_more,
            args=(key,),
        )


def _show_more(key: str) -> None:
    shown = st.session_state[session.PANEL_SHOWN][1]
    shown[key] = panel.shown_count(shown, key) + panel.MORE


@data_cache(max_entries=64)
def milestones(root: str, corridor: str | None, moment: str = asof.NOW.key()):
    """The dated claims of one corridor (or of all) known at a moment, as timeline rows."""
    rows = timeline.milestones(dataset_at(root, moment))
    return rows if corridor is None else rows[rows["corridor"] == corridor]


@data_cache(max_entries=64)
def timeline_chart(root: str, corridor: str | None, moment: str = asof.NOW.key()):
    """The chart of those rows, built once per data version, corridor and moment."""
    return timeline.timeline_chart(milestones(root, corridor, moment))


@data_cache(max_entries=4)
def corridor_names(root: str) -> dict[str, str]:
    """What the corridor list shows for each corridor (built once: it may list thousands)."""
    ds, options = load(root), view_options(root)
    names = dict(zip(ds.corridors.index, ds.corridors["name"].astype(str), strict=True))
    shown = {c: names.get(c, c) for c in options.corridors}
    return shown | {c: f"{names.get(c, c)} (mentioned, not mapped)" for c in options.mentioned}


@data_cache(max_entries=4)
def source_options(root: str) -> dict[str, str]:
    """What the article filter shows for each article."""
    ds = load(root)
    return {f: source(ds, f).option for f in view_options(root).sources}


#: The keys of the expanders below the map, whose content is built only while they are open.
TIMELINE_OPEN, FIGURES_OPEN, CHANGES_OPEN = "_open_timeline", "_open_figures", "_open_changes"


def _lazy_expander(label: str, key: str, corridor: str | None):
    """An expander whose content is written only while it is open (Streamlit tracks its state
    when it reruns on opening). Closed, as they start, the timeline, the figures and the changes
    cost a click or a layer toggle nothing: their charts were rebuilt, re-sent and re-rendered by
    the browser on every rerun while nobody looked at them (see README, Performance)."""
    section = st.expander(
        label,
        expanded=st.session_state.get(_kept(key), False),
        key=key,
        on_change=_keep_open,
        args=(key,),
    )
    if section.open and corridor:
        section.caption("Of the corridor chosen only.")
    return section


def _kept(key: str) -> str:
    """Where an expander's state is kept across reruns. Its label stays the same whatever the
    corridor (a new label makes a new widget, which started closed after every click on the map
    and was measured to slow the click's answer); the section says inside that it is the chosen
    corridor's."""
    return key + "_kept"


def _keep_open(key: str) -> None:
    st.session_state[_kept(key)] = bool(st.session_state.get(key))


def _timeline(
    root: str, ds: dataset.Dataset, corridor: str | None, moment: str = asof.NOW.key()
) -> None:
    """Milestones in time, each mark standing for a claim: picking one shows its quote."""
    section = _lazy_expander("Timeline of milestones", TIMELINE_OPEN, corridor)
    if not section.open:
        return
    rows = milestones(root, corridor, moment)
    with section:
        if rows.empty:
            st.caption("The sources give no dates for this corridor.")
            return
        st.caption(
            "Each mark is one dated claim; a hollow, dashed mark comes from a reference, not the "
            "articles; two sources' dates for one milestone stand side by side. Click a mark for "
            "its quote."
        )
        event = st.altair_chart(
            timeline_chart(root, corridor, moment),
            width="stretch",
            on_select="rerun",
            selection_mode="milestone",
            key="timeline",
        )
        for claim in [p["claim"] for p in event.selection.get("milestone", [])]:
            st.html(panel.claim_html(ds, claim))


def _asof_note(moment: asof.Moment) -> None:
    """Says, above the panel, that the page shows another day than today (or leaves sources out)."""
    note = notices.asof_note_html(moment)
    if note:
        st.html(note)


@data_cache(max_entries=64)
def figure_rows(root: str, corridor: str | None, moment: str = asof.NOW.key()):
    """The figures over time of one system (or all) known at a moment, and how many are unplaced."""
    return figures.rows(dataset_at(root, moment), corridor)


@data_cache()
def figure_chart(root: str, corridor: str | None, moment: str = asof.NOW.key()):
    """The chart of those rows, built once per data version, corridor and moment."""
    return figures.chart(figure_rows(root, corridor, moment)[0])


def _figures(root: str, ds: dataset.Dataset, corridor: str | None, moment: str) -> None:
    """Figures over time; left out when the system has nothing to plot."""
    rows, unplaced = figure_rows(root, corridor, moment)
    if rows.empty:
        return
    section = _lazy_expander("Figures over time", FIGURES_OPEN, corridor)
    if not section.open:
        return
    with section:
        st.caption(
            "Each mark is one figure at the date it refers to (its period, else its source's "
            "date; a line under it spans the period), coloured by source; targets hollow. Two "
            "readings of one figure stand side by side. Click a mark for its quote."
            + (
                f" {unplaced} figure(s) have no date to stand at (no period, undated source)."
                if unplaced
                else ""
            )
        )
        event = st.altair_chart(
            figure_chart(root, corridor, moment),
            on_select="rerun",
            selection_mode="figure",
            key="figures",
        )
        for claim in [p["claim"] for p in event.selection.get("figure", [])]:
            st.html(panel.claim_html(ds, claim))


@data_cache(max_entries=32)
def changes_bytes(
    root: str, fmt: str, since: dt.date, until: dt.date | None, undated: bool, corridor: str | None
) -> bytes:
    """The changes list in one format, made once per question."""
    chosen = None if corridor is None else [corridor]
    return changes.render(load(root), fmt, since, until, undated, chosen)


@data_cache(max_entries=32)
def change_list(
    root: str, since: dt.date, until: dt.date | None, undated: bool, corridor: str | None
) -> list[changes.Change]:
    chosen = None if corridor is None else [corridor]
    return changes.changes(load(root), since, until, undated, chosen)


def _changes(root: str, corridor: str | None, moment: asof.Moment) -> None:
    """What changed between a day and the page's "as of" day, with downloads as CSV and Atom."""
    until = moment.day
    end = until or dt.date.today()
    section = _lazy_expander("What changed", CHANGES_OPEN, corridor)
    if not section.open:
        return
    with section:
        dated = [d for d in asof.source_days(load(root)).values() if d is not None and d < end]
        # by default, from the day before the first dated source: every dated change is listed
        start = min(dated) - dt.timedelta(days=1) if dated else end - dt.timedelta(days=365)
        since = st.date_input(
            "Since (what came after this day)",
            value=start,
            min_value=FIRST_DAY,
            max_value=dt.date.today(),
            format="YYYY-MM-DD",
            key="changes_since",
        )
        if since >= end:
            st.caption(f"Choose a day before {end.isoformat()}, the page's 'as of' day.")
            return
        st.caption(
            f"From {since.isoformat()} to {end.isoformat()} (the 'as of' day), by the sources' "
            "dates: claims that appeared, figures and statuses that changed, disagreements that "
            "opened or closed. "
            + (
                "Undated sources count as known on both days: they never appear as new."
                if moment.undated
                else "Undated sources are left out."
            )
        )
        st.html(changes_list_html(root, since, until, moment.undated, corridor))
        left, right = st.columns(2)
        for column, fmt, label in ((left, "csv", "CSV"), (right, "atom", "Atom feed")):
            column.download_button(
                label,
                data=lambda fmt=fmt: changes_bytes(
                    root, fmt, since, until, moment.undated, corridor
                ),
                file_name=f"corridors-changes.{changes.EXTENSIONS[fmt]}",
                mime=changes.MEDIA_TYPES[fmt],
                key=f"changes_{fmt}",
                on_click="ignore",
            )


@data_cache(max_entries=32)
def changes_list_html(
    root: str, since: dt.date, until: dt.date | None, undated: bool, corridor: str | None
) -> str:
    """``changes.list_html`` of one question, made once (not on every rerun of the page)."""
    return changes.list_html(load(root), change_list(root, since, until, undated, corridor))


@data_cache(max_entries=16)
def overview_html(root: str, moment: str = asof.NOW.key()) -> str:
    """Claims and articles per corridor, for the page before anything is selected."""
    return panel.overview_html(dataset_at(root, moment), view_options(root).corridors)


@data_cache(max_entries=16)
def sources_list_html(root: str, moment: str = asof.NOW.key()) -> str:
    """Every article and what it cites (an article that cites no mapped system says so)."""
    return panel.sources_html(dataset_at(root, moment))


@kept_cache()
def _map_version() -> citations.MapVersion:
    return citations.map_version(str(REPO_ROOT))


@data_cache(max_entries=64)
def _shown(
    root: str, ids: tuple[str, ...], sources: tuple[str, ...], moment: str = asof.NOW.key()
) -> tuple[dataset.Dataset, list[citations.Entry]]:
    """What a view shows (features and the claims about them, as of its moment) and its sources,
    once per view."""
    shown = filters.subset(dataset_at(root, moment), ids, sources)
    return shown, citations.entries(shown, citations.cited(shown))


def _export_bytes(shown: dataset.Dataset, fmt: str) -> bytes:
    """The export, or, where the format cannot hold something in the data, the one-line reason
    (never a traceback; validated data does not meet this, as the reading layer refuses control
    characters)."""
    try:
        return export.render(shown, fmt)
    except export.ExportError as exc:
        return f"This {fmt} export was refused: {exc}\n".encode()


def _downloads(ds: dataset.Dataset, options: viewstate.Options, data_version: str) -> None:
    """Downloads of what the map shows (features with the claims the panel shows), and of its
    sources as citations. Files are made when a button is pressed, not on every rerun."""
    root = _root()
    # Read again, not main's state: drawing a filter can change its value (Streamlit drops a
    # choice its options no longer hold, after the data changed), and this follows the widgets.
    state = _state(options)
    moment = state.moment().key()
    ids = tuple(filters.visible(dataset_at(root, moment), state))
    sources = tuple(state.sources)
    shown, entries = _shown(root, ids, sources, moment)
    sb = st.sidebar
    sb.subheader("Download what is shown")
    if ids:
        sb.caption(
            f"{len(ids)} feature(s) and the {len(shown.claims)} claim(s) about them"
            + (", from the chosen articles only" if sources else "")
            + ", each with its quote and source"
            + ("" if state.moment().is_now else f", {state.moment().describe()}")
            + "."
        )
    else:
        sb.caption("Nothing is shown, so there is nothing to download.")
    left, right = sb.columns(2)
    for i, fmt in enumerate(export.FORMATS):
        (left if i % 2 == 0 else right).download_button(
            export.LABELS[fmt],
            data=lambda fmt=fmt: _export_bytes(shown, fmt),
            file_name=f"corridors-shown.{fmt}",
            mime=export.MEDIA_TYPES[fmt],
            key=f"download_{fmt}",
            on_click="ignore",
            disabled=not ids,
        )
    sb.caption(
        f"The {len(entries)} source(s) of what is shown, as citations:"
        if entries
        else "Nothing is shown, so there are no sources to cite."
    )
    left, right = sb.columns(2)
    for i, fmt in enumerate(citations.FORMATS):
        (left if i % 2 == 0 else right).download_button(
            citations.LABELS[fmt],
            data=lambda fmt=fmt: citations.render(entries, fmt),
            file_name=f"corridors-sources.{citations.EXTENSIONS[fmt]}",
            mime=citations.MEDIA_TYPES[fmt],
            key=f"cite_{fmt}",
            on_click="ignore",
            disabled=not entries,
        )
    with sb.expander("How to cite this map"):
        st.html(notices.how_to_cite_html(citations.how_to_cite(_map_version(), data_version)))


# --- review of proposed claims ----------------------------------------------------------------

REVIEW_VIEW = "review"
PAGES = ("Map", "Review proposals")


def _page_choice() -> str:
    """The map or the review page: a switch at the top of the sidebar, opened by ?view=review."""
    if session.PAGE not in st.session_state:
        wanted = st.query_params.get("view") == REVIEW_VIEW
        st.session_state[session.PAGE] = PAGES[1] if wanted else PAGES[0]
    choice = st.sidebar.segmented_control(
        "Page", PAGES, key=session.PAGE, label_visibility="collapsed"
    )
    return choice or PAGES[0]


def _decide(root: str, stem: str, ident: str, accept: bool) -> None:
    """A button's decision, through the same code as `python -m corridors review`."""
    try:
        outcome = review.decide(
            resolve(root), [ident] if accept else [], [] if accept else [ident], stem
        )
    except review.ReviewError as exc:
        details = "; ".join(p.message for p in exc.problems)
        st.session_state[session.REVIEW_MESSAGE] = ("error", f"{exc} {details}".strip())
        return
    done = "Accepted into geodata/claims.csv" if accept else "Rejected"
    st.session_state[session.REVIEW_MESSAGE] = (
        "success",
        f"{done}: {ident}. {outcome.remaining} proposal(s) of this article still pending.",
    )


def _review_message() -> None:
    """What the last decision did, escaped (problem messages quote the data)."""
    message = st.session_state.pop(session.REVIEW_MESSAGE, None)
    if message:
        st.html(proposals.message_html(*message))


def review_page() -> None:
    """Pending proposals, one card each, with Accept and Reject (nothing written until then)."""
    root = _root()
    datadir = resolve(root)
    st.query_params["view"] = REVIEW_VIEW
    st.title("Review proposed claims")
    st.caption(
        "What `python -m corridors ingest` proposed, each with its quote in its paragraph. "
        "Accepting validates the data with the claim added before anything is written; "
        "rejecting removes the proposal. The same as `python -m corridors review`."
    )
    st.html(proposals.PAGE_CSS)
    _review_message()
    stems = proposals.stems(datadir)
    if not stems:
        st.info("Nothing to review: ingest an article first (python -m corridors ingest).")
        return
    stem = st.selectbox("Article", stems, key=session.REVIEW_STEM)
    for card in proposals.cards(datadir, stem):
        st.html(proposals.card_html(card))
        accept, reject, _ = st.columns([1, 1, 5])
        accept.button(
            "Accept",
            key=f"accept_{card.id}",
            disabled=not card.mapped,
            on_click=_decide,
            args=(root, stem, card.id, True),
            help=None if card.mapped else "No system to claim it for: add it to corridors.csv",
        )
        reject.button(
            "Reject" if card.mapped else "Dismiss",
            key=f"reject_{card.id}",
            on_click=_decide,
            args=(root, stem, card.id, False),
        )


if _page_choice() == PAGES[1]:
    review_page()
else:
    if st.query_params.get("view") == REVIEW_VIEW:
        del st.query_params["view"]
    main()
