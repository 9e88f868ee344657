"""When the map moves: the fit state machine, and the click that selects a corridor.

The map is fitted to what is picked (the selected corridor, else what the filters show) once per
change of selection or filters, never for a layer toggle (the reader's zoom stays) nor for a
click on the map (the reader is looking at that spot); a view in the link wins on the first run.
That memory lives in the session state between runs, so these functions take it as a plain
mutable mapping (Streamlit's ``st.session_state`` in the app, a dict in the tests) and import no
Streamlit. ``decide`` is the rule itself, pure; ``fit`` applies it to the session and the data.
"""

from __future__ import annotations

import enum
from collections.abc import MutableMapping
from typing import Any

from ..model.dataset import Dataset
from . import mapbuild, mapcomponent, session
from .viewstate import Options, ViewState

#: (corridor, statuses, countries, sources): what a fit is made for; a layer toggle is not in it.
Basis = tuple[str | None, tuple[str, ...], tuple[str, ...], tuple[str, ...]]


class Fit(enum.Enum):
    """What the map is asked to show this run."""

    KEEP = "keep"  # the last request stands (nothing changed, or the change was a click)
    LINK_VIEW = "link view"  # the view the link named, on the first run
    CORRIDOR = "corridor"  # around the selected corridor's features
    OVERVIEW = "overview"  # nothing picked: the first view, around the routes shown
    SHOWN = "shown"  # around what the filters show


def basis_of(state: ViewState) -> Basis:
    return (state.corridor, tuple(state.statuses), tuple(state.countries), tuple(state.sources))


def decide(
    last: Basis | None, basis: Basis, clicked: bool, link_view: bool, options: Options
) -> Fit:
    """The fit for a run whose view is ``basis``; ``last`` is the basis of the last fit (None
    before the first), ``clicked`` whether the change came from a click on the map,
    ``link_view`` whether the link named a view not yet shown."""
    if clicked or last == basis:
        return Fit.KEEP
    if last is None and link_view:
        return Fit.LINK_VIEW
    if basis[0]:
        return Fit.CORRIDOR
    if basis == (None, tuple(options.statuses), (), ()):
        return Fit.OVERVIEW
    return Fit.SHOWN


def fit(
    ss: MutableMapping[str, Any],
    ds: Dataset,
    state: ViewState,
    shown: list[str],
    options: Options,
) -> dict | None:
    """The fit request for the map component this run (the last one when it stands).

    Records in ``ss`` what the fit was made for, counts requests (a new key asks the map again),
    and marks when a fit replaces the view the URL held (``session.FITTED``).
    """
    clicked = ss.pop(session.CLICKED, False)
    basis = basis_of(state)
    last = ss.get(session.FIT_BASIS)  # None before the first fit
    ss[session.FIT_BASIS] = basis
    chosen = decide(last, basis, clicked, bool(ss.get(session.VIEW)), options)
    if chosen is Fit.KEEP:
        return ss.get(session.FIT)
    key = ss.get(session.FIT_KEY, 0) + 1
    ss[session.FIT_KEY] = key
    if chosen is Fit.LINK_VIEW:
        ss[session.FIT] = mapcomponent.fit_request(key, view=ss.pop(session.VIEW))
        return ss[session.FIT]
    ss[session.FITTED] = True  # a view in the URL is no longer the one shown
    if chosen is Fit.CORRIDOR:
        ids = list(ds.features.index[ds.features["corridor"] == state.corridor]) or shown
        bounds = mapbuild.bounds_of(ds, ids)
    elif chosen is Fit.OVERVIEW:
        bounds = mapbuild.overview_bounds(ds, shown)
    else:
        bounds = mapbuild.bounds_of(ds, shown)
    if bounds is not None:
        ss[session.FIT] = mapcomponent.fit_request(key, bounds=bounds)
    return ss.get(session.FIT)


def take_click(ss: MutableMapping[str, Any]) -> None:
    """A click on a route selects its corridor (the list follows, so both stay in step).

    The map's value carries the click message (``mapcomponent.CLICK``, checked by ``read_click``);
    ``n`` counts clicks, so a value seen again (a rerun) is not a new click, and a corridor the map
    cannot select is ignored.
    """
    click = mapcomponent.read_click(ss.get(session.MAP))
    if click is not None and click.n != ss.get(session.CLICK_N):
        ss[session.CLICK_N] = click.n
        if click.corridor in ss.get(session.CORRIDOR_IDS, ()):
            ss[session.CORRIDOR] = click.corridor
            ss[session.CLICKED] = True
