"""The view held in the widgets' session state: set from the link on a session's first run, read
back before the widgets are drawn on every run, and written back to the link; the undated choice
follows a new "as of" day.

The widgets' values live in Streamlit's session state; these functions take it as a plain mapping
(``st.session_state`` in the app, a dict in the tests) and import no Streamlit, as
``corridors.view.mapfit`` does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, MutableMapping
from typing import Any

from ..model import asof
from . import mapcomponent, session, viewstate
from .firstrun import reconnected as reconnected  # its home: a replayed first run asks it
from .viewstate import Options, ViewState

#: What the page says when the link's map view is unusable.
BAD_VIEW = "Ignored the map view in the link: expected latitude,longitude,zoom."


def view_from_query(query: dict) -> tuple[tuple[float, float, float] | None, list[str]]:
    """Take the map's view (``view=lat,lon,zoom``) out of the query: the view, or a notice when it
    is unusable (``query`` loses its view key either way)."""
    raw = query.pop(mapcomponent.VIEW_KEY, None)
    if raw is None:
        return None, []
    view = mapcomponent.parse_view(raw)
    return (None, [BAD_VIEW]) if view is None else (view, [])


def from_query(query: dict, options: Options, today: dt.date) -> dict[str, Any]:
    """Every widget's value (and the notices) for a session's first run, from the link's query."""
    view, view_notices = view_from_query(query)
    state, notices = viewstate.parse(query, options)
    values: dict[str, Any] = {session.layer_key(k): k in state.layers for k in options.layers}
    values |= {
        session.STATUSES: state.statuses,
        session.COUNTRIES: state.countries,
        session.SOURCES: state.sources,
        session.CORRIDOR: state.corridor or session.NO_CORRIDOR,
        session.ASOF: state.as_of or today,
        session.UNDATED: state.moment().undated,
        session.NOTICES: notices + view_notices,
    }
    return values if view is None else {session.VIEW: view, **values}


def read(values: Mapping[str, Any], options: Options) -> ViewState:
    """The view the widgets hold, read before they are drawn (their keys persist across reruns).

    Reading it first lets the map be written before the sidebar: the map then reaches the browser
    first and starts loading while the sidebar's widgets do.
    """
    return ViewState(
        layers=[k for k in options.layers if values.get(session.layer_key(k), True)],
        # an empty selection shows nothing (and the page says so); it never means "all"
        statuses=list(values.get(session.STATUSES, options.statuses)),
        countries=values.get(session.COUNTRIES) or [],
        sources=values.get(session.SOURCES) or [],
        corridor=values.get(session.CORRIDOR) or None,
        as_of=values.get(session.ASOF),
        undated=values.get(session.UNDATED),
    )


def wanted_query(
    state: ViewState, options: Options, link_view: object, values: MutableMapping[str, Any]
) -> dict[str, str]:
    """The query the link should hold for this view. The map writes the reader's view
    (``link_view``) into the URL itself; it stays until a fit replaces it (``session.FITTED``,
    taken from ``values``)."""
    wanted = viewstate.to_query(state, options)
    view = mapcomponent.parse_view(link_view)
    if view is not None and not values.pop(session.FITTED, False):
        wanted[mapcomponent.VIEW_KEY] = mapcomponent.view_text(view)
    return wanted


def first_run(
    values: MutableMapping[str, Any],
    query: dict,
    options: Options,
    today: dt.date,
    reconnected: Callable[[], bool],
) -> None:
    """On a session's first run, set every widget from the link (``from_query``); once only.

    A tab that reconnects after the server restarted starts a new session too, but it brings its
    widgets' values: those are the reader's view (the link lags one step behind), so they stay;
    the whole page is written at once, and then once more (``session.RERUN_ONCE``), so that the
    map, which reads the widgets' values before they are drawn, sees them too.
    """
    if values.get(session.INITIALISED):
        return
    values[session.INITIALISED] = True
    if reconnected():
        values[session.PAINTED] = True
        values[session.RERUN_ONCE] = True
        return
    for key, value in from_query(query, options, today).items():
        values[key] = value


def undated_default(values: MutableMapping[str, Any]) -> None:
    """A new "as of" day resets the undated choice to that day's default (on as of today, off
    before: ``asof.default_undated``)."""
    day = values.get(session.ASOF)
    values[session.UNDATED] = asof.default_undated(day if isinstance(day, dt.date) else None)
