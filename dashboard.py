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

from corridors import assets, dataset, filters, mapbuild, panel, viewstate
from corridors.datadir import resolve
from corridors.schema import KINDS, STATUSES

st.set_page_config(
    page_title="Corridors: China–Central Asia infrastructure",
    page_icon="🛤️",
    layout="wide",
    initial_sidebar_state="expanded",
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
def panel_html(root: str, corridor: str) -> str:
    """The quotes panel of one corridor, built once per process (the data is read-only)."""
    ds = load(root)
    return panel.render_html(panel.corridor_panel(ds, corridor))


def _problems_box(ds: dataset.Dataset) -> None:
    errors = ds.errors
    if not errors:
        return
    files = sorted({"`" + p.file.replace("`", "'") + "`" for p in errors})
    st.error(
        f"{len(errors)} problem(s) in the data; the items affected are not shown. "
        f"Files: {', '.join(files)}. Run `python -m corridors validate` for the same list.",
        icon="⚠️",
    )
    with st.expander("Problems found in the data", expanded=False):
        st.dataframe(
            pd.DataFrame([p.as_dict() for p in errors]),
            hide_index=True,
            width="stretch",
        )


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
        statuses=st.session_state.get("statuses") or list(options.statuses),
        countries=st.session_state.get("countries") or [],
        sources=st.session_state.get("sources") or [],
        corridor=st.session_state.get(CORRIDOR_KEY) or None,
    )


def _sidebar(ds: dataset.Dataset, options: viewstate.Options) -> None:
    sb = st.sidebar
    sb.title("Corridors")
    sb.caption("China ↔ Central Asia infrastructure, every figure with its quote and source.")
    sb.subheader("Layers")
    statuses = st.session_state.get("statuses") or list(options.statuses)
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
        help="Status as the source articles state it; 'not stated' where they are silent.",
    )
    sb.multiselect(
        "Country crossed (measured)",
        options.countries,
        key="countries",
        placeholder="All countries",
    )
    sb.multiselect(
        "Cited by article",
        options.sources,
        key="sources",
        format_func=lambda f: f"{panel.source(ds, f).label} — {f}",
        placeholder="All articles",
    )


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

    for notice in st.session_state.get("_notices", []):
        st.info(notice, icon="ℹ️")
    _problems_box(ds)

    st.html(PAGE_CSS)
    map_col, panel_col = st.columns([7, 4], gap="medium")
    with panel_col:
        names = {c: ds.corridor_name(c) for c in options.corridors}
        st.selectbox(
            "Corridor (or click a route on the map)",
            [NO_CORRIDOR, *options.corridors],
            key=CORRIDOR_KEY,
            format_func=lambda c: names.get(c, "— choose a corridor —"),
        )
        state.corridor = st.session_state.get(CORRIDOR_KEY) or None
        # The panel is written before the map, so it reaches the browser first after a click.
        if state.corridor:
            st.html(panel_html(root, state.corridor))
        else:
            st.markdown(
                "Click a route or a port on the map, or choose a corridor above, to read "
                "every claim the source articles make about it, each quote in its sentence."
            )
            st.html(overview_html(root))

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


@st.cache_resource
def overview_html(root: str) -> str:
    """Claims and articles per corridor, for the page before anything is selected."""
    ds = load(root)
    unmapped = set(ds.unmapped())
    rows = []
    for corridor in [*view_options(root).corridors, *ds.unmapped()]:
        claims = ds.claims[ds.claims["corridor"] == corridor]
        articles = claims.loc[claims["source"].isin(ds.sources.index), "source"].nunique()
        name = ds.corridor_name(corridor)
        if corridor in unmapped:
            name += " (mentioned, not mapped)"
        rows.append(
            f"<tr><td>{html.escape(name)}</td><td>{len(claims)}</td><td>{articles}</td></tr>"
        )
    return (
        "<table data-testid='overview'><tr><th>Corridor</th><th>Claims</th><th>Articles</th></tr>"
        + "".join(rows)
        + "</table>"
    )


main()
