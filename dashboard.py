"""The corridors dashboard: layered offline map, citation popups, a quotes panel, shareable views.

The only module that imports Streamlit. It wires widgets to the pure functions of the corridors
package: load (again whenever the data files' content changes), filter, build the map, and render
the panel.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import time

import streamlit as st
from streamlit.components import v1 as components

from corridors.store import datawatch
from corridors.store.datadir import resolve
from corridors.view import firstpaint, firstrun, heap, reviewpage, session, sidebar

st.set_page_config(
    page_title="Corridors: China–Central Asia infrastructure",
    page_icon="🛤️",
    layout="wide",
    initial_sidebar_state="auto",  # collapsed on a phone, where it would cover the map
)


@st.cache_resource(show_spinner=False)
def map_component(folder: str):
    return components.declare_component("corridors_map", path=folder)


def _root() -> str:
    """The data folder this page shows: $CORRIDORS_DATA_DIR, else the repository's own."""
    return os.environ.get("CORRIDORS_DATA_DIR") or str(resolve().root)


def _reconnected() -> bool:
    """Whether this first run of a session carries widget values from the browser.

    Streamlit has no public call for this, so its session state is read; should that change, the
    answer is False and the URL is used, as for a fresh page.
    """
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        ctx = get_script_run_ctx()
        return firstrun.reconnected(ctx.session_state._state._new_widget_state)  # type: ignore[union-attr]
    except Exception:  # an internal detail changed: fall back to the URL
        return False


def _on_map_change() -> None:
    """A click on a route selects its corridor (see corridors.view.mapfit). Imported here: the
    callback may be one a replayed first run declared, whose module stopped before its imports."""
    from corridors.view import mapfit

    mapfit.take_click(st.session_state)


@st.fragment(run_every=firstpaint.RELEASE_SECONDS)
def _release_rest() -> None:
    """Reruns the app to write the whole page, once firstpaint says so (see that module)."""
    if firstpaint.tick(st.session_state, time.monotonic()):
        st.rerun(scope="app")


def _page_choice() -> str:
    """The map or the review page: a switch at the top of the sidebar, opened by ?view=review.

    A session's first run on the map (``firstpaint.Stage.MAP``) writes the sidebar's title in the
    switch's place, and the switch from the next run on: the switch's code is a handful of files
    the browser fetches when it first draws one, and in the first run they competed with the map
    component's code and the map's own files (see README, Performance).
    """
    if session.PAGE not in st.session_state:
        st.session_state[session.PAGE] = reviewpage.first_page(st.query_params.get("view"))
    pages = reviewpage.PAGES
    if (
        st.session_state[session.PAGE] == pages[0]
        and firstpaint.stage(st.session_state) is firstpaint.Stage.MAP
    ):
        st.sidebar.title(sidebar.TITLE)  # the sidebar is there, so the map's width never changes
        return pages[0]
    choice = st.sidebar.segmented_control(
        "Page", pages, key=session.PAGE, label_visibility="collapsed"
    )
    return choice or pages[0]


def _replay_first_run() -> None:
    """A warm start's first run, written from what an earlier process's first run decided
    (corridors.view.firstrun): the map alone, as that run wrote it, without importing the
    package's data modules or loading the dataset, which the next run does. Returns when there is nothing to replay: not a
    fresh session's first run on the map, or no record for this data, code, link and day."""
    if st.session_state.to_dict() or firstpaint.stage(st.session_state) is not firstpaint.Stage.MAP:
        return
    if not firstrun.useful():
        return
    if reviewpage.first_page(st.query_params.get("view")) != reviewpage.PAGES[0] or _reconnected():
        return
    root = _root()
    data_version = datawatch.Watch(resolve(root)).fingerprint()  # as pagedata.data_version_of
    entry = firstrun.load(
        firstrun.key(root, data_version, st.query_params.to_dict(), dt.date.today())
    )
    if entry is None:
        return
    _page_choice()
    firstrun.restore(st.session_state, entry)
    map_col, _ = st.columns([7, 4], gap="medium")
    with map_col:
        _map_element(entry.folder, entry.args)
    firstpaint.start(st.session_state, time.monotonic())
    _release_rest()
    heap.trim()
    st.stop()


def _map_element(folder: str, args: dict) -> None:
    """The map component with its args (one call for a replayed and a computed first run)."""
    map_component(folder)(**args, key=session.MAP, default=None, on_change=_on_map_change)


_replay_first_run()
# The rest is imported after the replay: a replayed first run has stopped above, before these.
import pandas as pd  # noqa: E402

from corridors.model import asof, dataset  # noqa: E402
from corridors.publish import citations  # noqa: E402
from corridors.view import (  # noqa: E402
    assets,
    corridorlist,
    downloads,
    filters,
    mapcomponent,
    mapfit,
    notices,
    pagedata,
    panel,
    proposals,
    sections,
    viewstate,
    widgetstate,
)

pagedata.CACHES.install(st.cache_resource)  # every cached function of the page, this run


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
    """On a session's first run, set every widget from the URL (``widgetstate.first_run``)."""
    query = st.query_params.to_dict()
    widgetstate.first_run(st.session_state, query, options, dt.date.today(), _reconnected)


def _state(options: viewstate.Options) -> viewstate.ViewState:
    """The view the widgets hold, read before they are drawn (``widgetstate.read``)."""
    return widgetstate.read(st.session_state, options)


def _sidebar(
    ds: dataset.Dataset, options: viewstate.Options, state: viewstate.ViewState, data_version: str
) -> None:
    """Layer toggles with their counts, the filters, and the downloads.

    ``state`` is the view ``main`` read before any widget was drawn: the counts and the note for an
    empty status filter read its filters, which the widgets drawn in between (the corridor list,
    the timeline) do not change.
    """
    sb = st.sidebar
    sb.title(sidebar.TITLE)
    sb.caption(sidebar.TAGLINE)
    _time_controls(_root())
    sb.subheader("Layers")
    counts = filters.counts(ds, state)  # as if every layer were on: a count for each toggle
    for kind in options.layers:
        sb.toggle(sidebar.layer_label(kind, *counts[kind]), key=session.layer_key(kind))
    sb.subheader("Filters")
    for f in sidebar.filters(ds, options, pagedata.source_options(_root())):
        sb.multiselect(
            f.label,
            f.choices,
            key=f.key,
            format_func=f.format,
            placeholder=f.placeholder,
            help=f.help,
        )
        if f.key == session.STATUSES and not state.statuses:
            sb.caption(sidebar.NO_STATUS)
    _downloads(ds, options, data_version)


def _on_asof_change() -> None:
    widgetstate.undated_default(st.session_state)


def _time_controls(root: str) -> None:
    """The day the whole page shows, and whether undated sources count (see corridors.model.asof)."""
    sb = st.sidebar
    sb.subheader("As of")
    sb.date_input(
        sidebar.ASOF_LABEL,
        key=session.ASOF,
        min_value=sidebar.FIRST_DAY,
        max_value=dt.date.today(),
        format="YYYY-MM-DD",
        on_change=_on_asof_change,
        help=sidebar.ASOF_HELP,
    )
    sb.checkbox(
        sidebar.undated_label(pagedata.undated_count(root)),  # all the data's, not the day's
        key=session.UNDATED,
        help=sidebar.UNDATED_HELP,
    )


def _sync_query(state: viewstate.ViewState, options: viewstate.Options) -> None:
    link_view = st.query_params.get(mapcomponent.VIEW_KEY)
    wanted = widgetstate.wanted_query(state, options, link_view, st.session_state)
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def _map(
    root: str,
    data_version: str,
    ds: dataset.Dataset,
    state: viewstate.ViewState,
    shown: list[str],
    options: viewstate.Options,
) -> tuple[str, dict]:
    """The map component: its args name the data files and say what to show, nothing more.

    ``shown`` is what the view shows (``filters.visible``, read once per run), split here by kind.
    Returns the component's folder and args.
    """
    visible = filters.visible_by_kind(ds, state, shown, options.layers)
    files = pagedata.map_files(root, data_version, state.moment().key())
    folder = pagedata.map_folder()
    args = mapcomponent.args(
        files, visible, state.corridor, mapfit.fit(st.session_state, ds, state, shown, options)
    )
    _map_element(folder, args)
    return folder, args


def _record_first_run(
    root: str, data_version: str, link: dict, today: dt.date, before: dict, map_: tuple[str, dict]
) -> None:
    """Keep what a fresh session's first run decided, for the next process's (``firstrun``):
    only from a run that wrote nothing but the map (no notice, no data problem)."""
    if before != {session.PAGE: reviewpage.PAGES[0]} or st.session_state.get(session.NOTICES):
        return
    values, removed = firstrun.changes(before, st.session_state.to_dict())
    entry = firstrun.record(*map_, values, removed)
    if entry is not None:
        firstrun.save(firstrun.key(root, data_version, link, today), entry)


def main() -> None:
    root = _root()
    before, link, today = st.session_state.to_dict(), st.query_params.to_dict(), dt.date.today()
    keep = firstrun.useful()  # before the load: a new process's first run is kept
    try:
        data_version = pagedata.data_version_of(root)  # once per run: see load
        ds = pagedata.load_version(root, data_version)
    except Exception as exc:  # the page must never show a traceback
        st.error(f"The data could not be loaded: {html.escape(type(exc).__name__)}.")
        st.stop()
    options = pagedata.view_options(root)
    st.session_state[session.CORRIDOR_IDS] = options.corridors
    _init_from_query(options)
    state = _state(options)
    moment = state.moment()
    if not moment.is_now:  # the data as of that day
        ds = pagedata.dataset_at(root, moment.key())
    shown = filters.visible(ds, state)  # what the map shows; the panel says so when it is nothing

    _notices()
    _problems_box(ds)

    map_col, panel_col = st.columns([7, 4], gap="medium")
    with map_col:  # the map first: its frame starts loading while the rest is written
        map_ = _map(root, data_version, ds, state, shown, options)
    stage = firstpaint.stage(st.session_state)
    if keep and stage is firstpaint.Stage.MAP and not ds.errors:
        _record_first_run(root, data_version, link, today, before, map_)
    if stage is not firstpaint.Stage.FULL:
        # The map first, then the panel, then the rest (corridors.view.firstpaint): a click made
        # as soon as the map is drawn is answered by a run that writes the map and the panel only.
        firstpaint.start(st.session_state, time.monotonic())
        if stage is firstpaint.Stage.PANEL:
            with panel_col:
                _asof_note(moment)
                _panel_column(options, state, shown)
            st.html(sections.PAGE_CSS)
        _release_rest()
        st.stop()
    with panel_col:
        _asof_note(moment)
        _panel_column(options, state, shown)
    with map_col:
        st.caption(sections.map_credit(assets.LEAFLET_VERSION))
        _timeline(root, ds, state.corridor, moment.key())
        _figures(root, ds, state.corridor, moment.key())
        _changes(root, state.corridor, moment)
    st.html(sections.PAGE_CSS)  # after the columns: nothing before the map moves between runs

    _sidebar(ds, options, state, data_version)
    _sync_query(state, options)
    if st.session_state.pop(session.RERUN_ONCE, False):
        st.rerun()


def _panel_column(options: viewstate.Options, state: viewstate.ViewState, shown: list[str]) -> None:
    """The corridor list, what the filters mean when they hide everything, and the panel."""
    root = _root()
    names = pagedata.corridor_names(root)
    query = ""
    if corridorlist.searching(len(options.panels)):  # a long list is narrowed by name
        query = st.text_input(
            corridorlist.SEARCH_LABEL,
            key=session.CORRIDOR_FIND,
            placeholder=corridorlist.SEARCH_PLACEHOLDER,
        )
    listed = corridorlist.choices(
        options.panels, names, st.session_state.get(session.CORRIDOR) or None, query
    )
    st.selectbox(
        sections.CORRIDOR_LABEL,
        [session.NO_CORRIDOR, *listed.corridors],
        key=session.CORRIDOR,
        format_func=lambda c: names.get(c, sidebar.NO_CORRIDOR_LABEL),
    )
    if listed.note:
        st.caption(listed.note)
    state.corridor = st.session_state.get(session.CORRIDOR) or None
    reason = filters.panel_warning(state, options, shown)
    if reason:
        st.warning(reason, icon=":material/filter_alt_off:")
    if state.corridor:
        _corridor_panel(root, state.corridor, tuple(state.sources), state.moment().key())
    else:
        st.markdown(sections.CHOOSE_PROMPT)
        st.html(pagedata.overview_html(root, state.moment().key()))
        st.html(pagedata.sources_list_html(root, state.moment().key()))


@st.fragment
def _corridor_panel(root: str, corridor: str, sources: tuple[str, ...], moment: str) -> None:
    """The panel, its first page of each field first; "Show more" reruns this fragment alone, so
    the map, the timeline and the rest of the page are not rebuilt for the next page."""
    basis = (corridor, sources, moment)
    memo = sections.panel_pages(st.session_state.get(session.PANEL_SHOWN), basis)
    st.session_state[session.PANEL_SHOWN] = memo
    shown = memo[1]
    st.html(pagedata.panel_html(root, corridor, sources, moment, tuple(sorted(shown.items()))))
    for key, label, left in panel.more_left(
        pagedata.panel_view(root, corridor, sources, moment), shown
    ):
        st.button(
            sections.show_more_label(label, left),
            key=f"_more_{key}",
            on_click=_show_more,
            args=(key,),
        )


def _show_more(key: str) -> None:
    panel.show_more(st.session_state[session.PANEL_SHOWN][1], key)


def _lazy_expander(label: str, key: str, corridor: str | None):
    """An expander whose content is written only while it is open (Streamlit tracks its state
    when it reruns on opening). Closed, as they start, the timeline, the figures and the changes
    cost a click or a layer toggle nothing: their charts were rebuilt, re-sent and re-rendered by
    the browser on every rerun while nobody looked at them (see README, Performance)."""
    section = st.expander(
        label,
        expanded=st.session_state.get(sections.kept(key), False),
        key=key,
        on_change=_keep_open,
        args=(key,),
    )
    if section.open and corridor:
        section.caption(sections.CHOSEN_ONLY)
    return section


def _keep_open(key: str) -> None:
    st.session_state[sections.kept(key)] = bool(st.session_state.get(key))


def _timeline(
    root: str, ds: dataset.Dataset, corridor: str | None, moment: str = asof.NOW.key()
) -> None:
    """Milestones in time, each mark standing for a claim: picking one shows its quote."""
    section = _lazy_expander(sections.TIMELINE_LABEL, sections.TIMELINE_OPEN, corridor)
    if not section.open:
        return
    rows = pagedata.milestones(root, corridor, moment)
    with section:
        if rows.empty:
            st.caption(sections.NO_DATES)
            return
        st.caption(sections.TIMELINE_CAPTION)
        chart = pagedata.timeline_chart(root, corridor, moment)
        _chart(ds, chart, "milestone", "timeline", width="stretch")


def _chart(ds: dataset.Dataset, chart, selection: str, key: str, **options) -> None:
    """A chart whose marks stand for claims: picking one shows its quote below."""
    event = st.altair_chart(chart, on_select="rerun", selection_mode=selection, key=key, **options)
    for claim in sections.picked_claims(event.selection, selection):
        st.html(panel.claim_html(ds, claim))


def _asof_note(moment: asof.Moment) -> None:
    """Says, above the panel, that the page shows another day than today (or leaves sources out)."""
    note = notices.asof_note_html(moment)
    if note:
        st.html(note)


def _figures(root: str, ds: dataset.Dataset, corridor: str | None, moment: str) -> None:
    """Figures over time; left out when the system has nothing to plot. The rows are built only
    while the section is open (all corridors' at 10,000 corridors: a second of every page's first
    run), whether there are any is asked first (``figures.any_rows``)."""
    if not pagedata.has_figures(root, corridor, moment):
        return
    section = _lazy_expander(sections.FIGURES_LABEL, sections.FIGURES_OPEN, corridor)
    if not section.open:
        return
    _, unplaced = pagedata.figure_rows(root, corridor, moment)
    with section:
        st.caption(sections.figures_caption(unplaced))
        _chart(ds, pagedata.figure_chart(root, corridor, moment), "figure", "figures")


def _changes(root: str, corridor: str | None, moment: asof.Moment) -> None:
    """What changed between a day and the page's "as of" day, with downloads as CSV and Atom."""
    until = moment.day
    end = until or dt.date.today()
    section = _lazy_expander(sections.CHANGES_LABEL, sections.CHANGES_OPEN, corridor)
    if not section.open:
        return
    with section:
        since = st.date_input(
            sections.CHANGES_SINCE_LABEL,
            value=sections.changes_start(asof.source_days(pagedata.load(root)).values(), end),
            min_value=sidebar.FIRST_DAY,
            max_value=dt.date.today(),
            format="YYYY-MM-DD",
            key="changes_since",
        )
        if since >= end:
            st.caption(sections.changes_too_late(end))
            return
        st.caption(sections.changes_caption(since, end, moment.undated))
        st.html(pagedata.changes_list_html(root, since, until, moment.undated, corridor))
        _buttons(
            st.columns(2),
            downloads.changes_buttons(),
            lambda fmt: pagedata.changes_bytes(root, fmt, since, until, moment.undated, corridor),
        )


def _buttons(columns, buttons: list[downloads.Button], make, disabled: bool = False) -> None:
    """Download buttons two to a row; each file is made (``make(fmt)``) when its button is
    pressed, not on every rerun."""
    for b in buttons:
        columns[b.column].download_button(
            b.label,
            data=lambda fmt=b.fmt: make(fmt),
            file_name=b.file_name,
            mime=b.mime,
            key=b.key,
            on_click="ignore",
            disabled=disabled,
        )


def _downloads(ds: dataset.Dataset, options: viewstate.Options, data_version: str) -> None:
    """Downloads of what the map shows (features with the claims the panel shows), and of its
    sources as citations. Files are made when a button is pressed, not on every rerun."""
    root = _root()
    # Read again, not main's state: drawing a filter can change its value (Streamlit drops a
    # choice its options no longer hold, after the data changed), and this follows the widgets.
    state = _state(options)
    moment = state.moment().key()
    ids = tuple(filters.visible(pagedata.dataset_at(root, moment), state))
    sources = tuple(state.sources)
    shown, entries = pagedata.shown(root, filters.ids_key(ids), sources, moment, _ids=ids)
    sb = st.sidebar
    sb.subheader("Download what is shown")
    sb.caption(downloads.shown_caption(len(ids), len(shown.claims), bool(sources), state.moment()))
    _buttons(
        sb.columns(2),
        downloads.export_buttons(),
        lambda fmt: downloads.export_bytes(shown, fmt),
        disabled=not ids,
    )
    sb.caption(downloads.citations_caption(len(entries)))
    _buttons(
        sb.columns(2),
        downloads.citation_buttons(),
        lambda fmt: citations.render(entries, fmt),
        disabled=not entries,
    )
    with sb.expander("How to cite this map"):
        st.html(
            notices.how_to_cite_html(citations.how_to_cite(pagedata.map_version(), data_version))
        )


# --- review of proposed claims ----------------------------------------------------------------


def _decide(root: str, stem: str, ident: str, accept: bool) -> None:
    """A button's decision, through the same code as `python -m corridors review`."""
    message = reviewpage.decide(resolve(root), stem, ident, accept)
    st.session_state[session.REVIEW_MESSAGE] = message


def _review_message() -> None:
    """What the last decision did, escaped (problem messages quote the data)."""
    message = st.session_state.pop(session.REVIEW_MESSAGE, None)
    if message:
        st.html(proposals.message_html(*message))


def review_page() -> None:
    """Pending proposals, one card each, with Accept and Reject (nothing written until then)."""
    root = _root()
    datadir = resolve(root)
    st.query_params["view"] = reviewpage.REVIEW_VIEW
    st.title(reviewpage.TITLE)
    st.caption(reviewpage.CAPTION)
    st.html(proposals.PAGE_CSS)
    _review_message()
    stems = proposals.stems(datadir)
    if not stems:
        st.info(reviewpage.NOTHING)
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
            help=None if card.mapped else reviewpage.UNMAPPED_HELP,
        )
        reject.button(
            reviewpage.reject_label(card.mapped),
            key=f"reject_{card.id}",
            on_click=_decide,
            args=(root, stem, card.id, False),
        )


try:
    if _page_choice() == reviewpage.PAGES[1]:
        review_page()
    else:
        if st.query_params.get("view") == reviewpage.REVIEW_VIEW:
            del st.query_params["view"]
        main()
finally:  # also when the run stops early (st.stop, st.rerun): what it freed goes back
    heap.trim()
