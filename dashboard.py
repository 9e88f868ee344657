"""The corridors dashboard: layered offline map, citation popups, a quotes panel, shareable views.

The only module that imports Streamlit. It wires widgets to the pure functions of the corridors
package: load (once per process), filter, build the map, and render the panel.
"""

from __future__ import annotations

import html
import os

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from corridors import (
    assets,
    citations,
    dataset,
    export,
    filters,
    mapbuild,
    notices,
    panel,
    viewstate,
)
from corridors.datadir import REPO_ROOT, fingerprint, resolve
from corridors.schema import KINDS, STATUSES

st.set_page_config(
    page_title="Corridors: China–Central Asia infrastructure",
    page_icon="🛤️",
    layout="wide",
    initial_sidebar_state="auto",  # collapsed on a phone, where it would cover the map
)

MAP_KEY = "map"
PAGE_CSS = "<style>.block-container{padding:1.2rem 1.5rem 2rem;max-width:none}</style>"
CORRIDOR_KEY = "corridor"
NO_CORRIDOR = ""


@st.cache_resource(show_spinner="Loading the curated data…")
def load(root: str) -> dataset.Dataset:
    """Read, validate, measure and join once per process and data folder (read-only after)."""
    datadir = resolve(root)
    assets.install(datadir)
    return dataset.load(datadir)


@st.cache_resource
def collections(root: str, kind: str, ids: tuple[str, ...]) -> str:
    """The escaped GeoJSON text of one layer for one filter result, built and serialised once."""
    return mapbuild.layer_json(mapbuild.feature_collection(load(root), ids))


@st.cache_resource
def view_options(root: str) -> viewstate.Options:
    return filters.options(load(root))


@st.cache_resource
def panel_html(root: str, corridor: str, sources: tuple[str, ...] = ()) -> str:
    """The quotes panel of one corridor (limited to the chosen sources' claims), built once per
    process and filter (the data is read-only)."""
    ds = load(root)
    return panel.render_html(panel.corridor_panel(ds, corridor, sources))


def _root() -> str:
    """The data folder this page shows (the same rule as in ``main``)."""
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
    text = notices.url_notice(st.session_state.get("_notices", []))
    if text:
        st.info(text, icon="ℹ️")


def _init_from_query(options: viewstate.Options) -> None:
    """On a session's first run, set every widget from the URL; say what was ignored."""
    if st.session_state.get("_initialised"):
        return
    state, notices = viewstate.parse(st.query_params.to_dict(), options)
    for kind in options.layers:
        st.session_state[f"layer_{kind}"] = kind in state.layers
    st.session_state["statuses"] = state.statuses
    st.session_state["countries"] = state.countries
    st.session_state["sources"] = state.sources
    st.session_state[CORRIDOR_KEY] = state.corridor or NO_CORRIDOR
    st.session_state["_notices"] = notices
    st.session_state["_initialised"] = True


def _on_map_change() -> None:
    """A click on a route selects its corridor (the list follows, so both stay in step)."""
    value = st.session_state.get(MAP_KEY) or {}
    drawing = value.get("last_active_drawing") or {}
    corridor = (drawing.get("properties") or {}).get("corridor")
    if isinstance(corridor, str) and corridor in st.session_state.get("_corridor_ids", ()):
        st.session_state[CORRIDOR_KEY] = corridor
        st.session_state["_clicked"] = True


def _state(options: viewstate.Options) -> viewstate.ViewState:
    """The view the widgets hold, read before they are drawn (their keys persist across reruns).

    Reading it first lets the map be written before the sidebar: the map then reaches the browser
    first and starts loading while the sidebar's widgets do.
    """
    return viewstate.ViewState(
        layers=[k for k in options.layers if st.session_state.get(f"layer_{k}", True)],
        # an empty selection shows nothing (and the page says so); it never means "all"
        statuses=list(st.session_state.get("statuses", options.statuses)),
        countries=st.session_state.get("countries") or [],
        sources=st.session_state.get("sources") or [],
        corridor=st.session_state.get(CORRIDOR_KEY) or None,
    )


def _sidebar(ds: dataset.Dataset, options: viewstate.Options) -> None:
    sb = st.sidebar
    sb.title("Corridors")
    sb.caption("China ↔ Central Asia infrastructure, every figure with its quote and source.")
    sb.subheader("Layers")
    statuses = list(st.session_state.get("statuses", options.statuses))
    probe = viewstate.ViewState(
        layers=list(options.layers),
        statuses=statuses,
        countries=st.session_state.get("countries") or [],
        sources=st.session_state.get("sources") or [],
    )
    counts = filters.counts(ds, probe)
    for kind in options.layers:
        shown, total = counts[kind]
        count = f"{shown}" if shown == total else f"{shown} of {total}"
        sb.toggle(f"{KINDS[kind].label} ({count})", key=f"layer_{kind}")
    sb.subheader("Filters")
    sb.multiselect(
        "Status",
        options.statuses,
        key="statuses",
        format_func=lambda s: STATUSES[s].label,
        placeholder="None: nothing is shown",
        help="Status as the source articles state it; 'not stated' where they are silent. "
        "Only the statuses chosen are shown: with none chosen, the map is empty.",
    )
    if not statuses:
        sb.caption("No status chosen: the map shows nothing. Choose at least one status.")
    sb.multiselect(
        "Country crossed (measured)",
        options.countries,
        key="countries",
        placeholder="All countries",
        help="The routes that cross any of these countries, as measured on the drawn lines. "
        "None chosen: no country filter.",
    )
    uncited = ", ".join(panel.source(ds, f).short for f in options.uncited)
    sb.multiselect(
        "Cited by article",
        options.sources,
        key="sources",
        format_func=lambda f: panel.source(ds, f).option,
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
    _downloads(ds, options)


def _sync_query(state: viewstate.ViewState, options: viewstate.Options) -> None:
    wanted = viewstate.to_query(state, options)
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def main() -> None:
    root = os.environ.get("CORRIDORS_DATA_DIR") or str(resolve().root)
    try:
        ds = load(root)
    except Exception as exc:  # the page must never show a traceback
        st.error(f"The data could not be loaded: {html.escape(type(exc).__name__)}.")
        st.stop()
    options = view_options(root)
    st.session_state["_corridor_ids"] = options.corridors
    _init_from_query(options)
    state = _state(options)

    _notices()
    _problems_box(ds)

    st.html(PAGE_CSS)
    map_col, panel_col = st.columns([7, 4], gap="medium")
    with panel_col:
        _panel_column(ds, options, state)

    groups = []
    for kind in options.layers:
        ids = tuple(filters.visible(ds, state, kind))
        if ids:
            groups.append(mapbuild.layer_group(kind, collections(root, kind, ids)))
    # A click already highlighted its corridor in the browser; telling the map again would swap
    # the layers and close the popup the click opened. Anything else (list, URL) is sent.
    if not st.session_state.pop("_clicked", False):
        st.session_state["_map_selected"] = state.corridor
    groups.append(mapbuild.selection_group(st.session_state.get("_map_selected")))

    with map_col:
        st_folium(
            mapbuild.base_map(mapbuild.region_bounds(ds)),
            key=MAP_KEY,
            height=640,
            use_container_width=True,
            returned_objects=["last_active_drawing"],
            feature_group_to_add=groups,
            on_change=_on_map_change,
        )
        st.caption(
            f"Leaflet {assets.LEAFLET_VERSION} served locally; the offline basemap is Natural "
            "Earth 1:50m boundaries. Online tiles are optional (layer button, top right)."
        )

    _sidebar(ds, options)
    _sync_query(state, options)


def _panel_column(
    ds: dataset.Dataset, options: viewstate.Options, state: viewstate.ViewState
) -> None:
    """The corridor list, what the filters mean when they hide everything, and the panel."""
    root = _root()
    names = {c: ds.corridor_name(c) for c in options.corridors}
    names |= {c: f"{ds.corridor_name(c)} (mentioned, not mapped)" for c in options.mentioned}
    st.selectbox(
        "Corridor (or click a route on the map)",
        [NO_CORRIDOR, *options.panels],
        key=CORRIDOR_KEY,
        format_func=lambda c: names.get(c, "— choose a corridor —"),
    )
    state.corridor = st.session_state.get(CORRIDOR_KEY) or None
    reason = filters.empty_reason(state, options)
    if reason is None and not filters.visible(ds, state):
        reason = (
            "No drawn feature matches all the filters at once (status, country and article "
            "combine: each must hold). Widen one of them in the sidebar."
        )
    if reason:
        st.warning(reason, icon=":material/filter_alt_off:")
    # The panel is written before the map, so it reaches the browser first after a click.
    if state.corridor:
        st.html(panel_html(root, state.corridor, tuple(state.sources)))
    else:
        st.markdown(
            "Click a route or a port on the map, or choose a corridor above, to read "
            "every claim the source articles make about it, each quote in its sentence. "
            "The panel opens with a summary and with where the sources disagree."
        )
        st.html(overview_html(root))
        st.html(sources_list_html(root))


@st.cache_resource
def overview_html(root: str) -> str:
    """Claims and articles per corridor, for the page before anything is selected."""
    return panel.overview_html(load(root), view_options(root).corridors)


@st.cache_resource
def sources_list_html(root: str) -> str:
    """Every article and what it cites (an article that cites no mapped system says so)."""
    return panel.sources_html(load(root))


EXPORT_LABELS = {
    "geojson": ("GeoJSON", "application/geo+json"),
    "csv": ("CSV (claims)", "text/csv"),
    "gpkg": ("GeoPackage", "application/geopackage+sqlite3"),
    "kml": ("KML", "application/vnd.google-earth.kml+xml"),
}
CITATION_LABELS = {"csl-json": "CSL-JSON", "bibtex": "BibTeX", "ris": "RIS"}


@st.cache_resource
def _map_version() -> citations.MapVersion:
    return citations.map_version(str(REPO_ROOT))


@st.cache_resource
def _fingerprint(root: str) -> str:
    return fingerprint(resolve(root))


@st.cache_resource(max_entries=64)
def _shown(
    root: str, ids: tuple[str, ...], sources: tuple[str, ...]
) -> tuple[dataset.Dataset, list[citations.Entry]]:
    """What a view shows (features and the claims about them) and its sources, once per view."""
    shown = filters.subset(load(root), ids, sources)
    return shown, citations.entries(shown, citations.cited(shown))


def _downloads(ds: dataset.Dataset, options: viewstate.Options) -> None:
    """Downloads of what the map shows (features with the claims the panel shows), and of its
    sources as citations. Files are made when a button is pressed, not on every rerun."""
    root = _root()
    state = _state(options)
    ids = tuple(filters.visible(ds, state))
    sources = tuple(state.sources)
    shown, entries = _shown(root, ids, sources)
    sb = st.sidebar
    sb.subheader("Download what is shown")
    if ids:
        sb.caption(
            f"{len(ids)} feature(s) and the {len(shown.claims)} claim(s) about them"
            + (", from the chosen articles only" if sources else "")
            + ", each with its quote and source."
        )
    else:
        sb.caption("Nothing is shown, so there is nothing to download.")
    left, right = sb.columns(2)
    for i, (fmt, (label, mime)) in enumerate(EXPORT_LABELS.items()):
        (left if i % 2 == 0 else right).download_button(
            label,
            data=lambda fmt=fmt: export.render(shown, fmt),
            file_name=f"corridors-shown.{fmt}",
            mime=mime,
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
    for i, (fmt, label) in enumerate(CITATION_LABELS.items()):
        (left if i % 2 == 0 else right).download_button(
            label,
            data=lambda fmt=fmt: citations.render(entries, fmt),
            file_name=f"corridors-sources.{citations.EXTENSIONS[fmt]}",
            mime=citations.MEDIA_TYPES[fmt],
            key=f"cite_{fmt}",
            on_click="ignore",
            disabled=not entries,
        )
    with sb.expander("How to cite this map"):
        text = citations.how_to_cite(_map_version(), _fingerprint(root))
        st.html(
            "<div data-testid='how-to-cite'>"
            + "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n"))
            + "</div>"
        )


main()
