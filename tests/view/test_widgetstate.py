"""The view in the widgets' session state: from the link, read back, written back
(corridors.view.widgetstate), with a plain dict standing for Streamlit's session state."""

from __future__ import annotations

import datetime as dt

import pytest

from corridors.view import session, viewstate, widgetstate

OPTIONS = viewstate.Options(
    layers=("railway", "port"),
    statuses=("operational", "planned"),
    countries=("China", "Kazakhstan"),
    sources=("a.txt", "b.txt"),
    corridors=("titr", "cku"),
)
TODAY = dt.date(2026, 1, 15)


@pytest.mark.parametrize(
    ("query", "expected", "notices"),
    [
        pytest.param(
            {},
            {
                "layer_railway": True,
                "layer_port": True,
                session.STATUSES: ["operational", "planned"],
                session.CORRIDOR: session.NO_CORRIDOR,
                session.ASOF: TODAY,
            },
            [],
            id="no query: everything, today",
        ),
        pytest.param(
            {"corridor": "titr", "layers": "port", "status": "planned"},
            {
                "layer_railway": False,
                "layer_port": True,
                session.STATUSES: ["planned"],
                session.CORRIDOR: "titr",
            },
            [],
            id="a shared view",
        ),
        pytest.param(
            {"view": "41.0,73.0,7"},
            {session.VIEW: (41.0, 73.0, 7.0)},
            [],
            id="a map view: kept for the first fit",
        ),
        pytest.param({"view": "north"}, {}, [widgetstate.BAD_VIEW], id="a bad map view: a notice"),
        pytest.param(
            {"corridor": "nowhere"},
            {session.CORRIDOR: session.NO_CORRIDOR},
            ["nowhere"],
            id="unknown corridor",
        ),
    ],
)
def test_from_query(query: dict, expected: dict, notices: list[str]) -> None:
    values = widgetstate.from_query(dict(query), OPTIONS, TODAY)
    assert {k: values[k] for k in expected} == expected
    assert (session.VIEW in values) == (session.VIEW in expected)
    said = " ".join(values[session.NOTICES])
    assert all(n in said for n in notices) and bool(said) == bool(notices)


def test_from_query_round_trips_with_read() -> None:
    """What a link sets, the next run reads back as the same view."""
    query = {"corridor": "cku", "status": "planned", "country": "China", "source": "b.txt"}
    state = widgetstate.read(widgetstate.from_query(dict(query), OPTIONS, TODAY), OPTIONS)
    assert viewstate.to_query(state, OPTIONS, TODAY) == query


@pytest.mark.parametrize(
    ("values", "layers", "statuses", "corridor"),
    [
        pytest.param(
            {}, ["railway", "port"], ["operational", "planned"], None, id="nothing set: defaults"
        ),
        pytest.param(
            {"layer_port": False}, ["railway"], ["operational", "planned"], None, id="a layer off"
        ),
        pytest.param(
            {session.STATUSES: []}, ["railway", "port"], [], None, id="no status means none"
        ),
        pytest.param(
            {session.CORRIDOR: session.NO_CORRIDOR},
            ["railway", "port"],
            ["operational", "planned"],
            None,
            id="no corridor",
        ),
        pytest.param(
            {session.CORRIDOR: "titr"},
            ["railway", "port"],
            ["operational", "planned"],
            "titr",
            id="a corridor",
        ),
    ],
)
def test_read(values: dict, layers, statuses, corridor) -> None:
    state = widgetstate.read(values, OPTIONS)
    assert (state.layers, state.statuses, state.corridor) == (layers, statuses, corridor)


@pytest.mark.parametrize(
    ("keys", "reconnected"),
    [
        pytest.param([], False, id="a fresh page sends nothing"),
        pytest.param(["$$ID-abc-map"], True, id="the map's value"),
        pytest.param(["$$ID-abc-layer_railway"], True, id="a layer toggle"),
        pytest.param(["$$ID-abc-changes_since"], False, id="another widget only"),
    ],
)
def test_reconnected(keys: list[str], reconnected: bool) -> None:
    assert widgetstate.reconnected(keys) is reconnected


@pytest.mark.parametrize(
    ("link_view", "fitted", "view_kept"),
    [
        pytest.param(None, False, False, id="no view in the link"),
        pytest.param("41.000,73.000,7", False, True, id="the reader's view stays"),
        pytest.param("41.000,73.000,7", True, False, id="a fit replaced it"),
        pytest.param("nonsense", False, False, id="an unusable view is dropped"),
    ],
)
def test_wanted_query(link_view, fitted: bool, view_kept: bool) -> None:
    values = {session.FITTED: True} if fitted else {}
    state = viewstate.default(OPTIONS)
    state.corridor = "titr"
    wanted = widgetstate.wanted_query(state, OPTIONS, link_view, values)
    assert wanted.get("corridor") == "titr"
    assert ("view" in wanted) is view_kept
    if view_kept:
        assert wanted["view"] == "41.000,73.000,7"
    if link_view and fitted:
        assert session.FITTED not in values, "a fit is taken once"


@pytest.mark.parametrize(
    ("values", "reconnected", "expected"),
    [
        pytest.param(
            {},
            False,
            {session.INITIALISED: True, session.CORRIDOR: "titr"},
            id="fresh: from the link",
        ),
        pytest.param(
            {},
            True,
            {session.INITIALISED: True, session.PAINTED: True, session.RERUN_ONCE: True},
            id="reconnected: the widgets' values stay, page written twice",
        ),
        pytest.param(
            {session.INITIALISED: True}, False, {session.INITIALISED: True}, id="later run: nothing"
        ),
    ],
)
def test_first_run(values: dict, reconnected: bool, expected: dict) -> None:
    widgetstate.first_run(values, {"corridor": "titr"}, OPTIONS, TODAY, lambda: reconnected)
    assert {k: values.get(k) for k in expected} == expected
    assert (session.CORRIDOR in values) is (session.CORRIDOR in expected)


@pytest.mark.parametrize(
    ("day", "undated"),
    [
        pytest.param("today", True, id="today: undated counted"),
        pytest.param(dt.date(2020, 1, 1), False, id="an earlier day: left out"),
        pytest.param(None, True, id="cleared: as of today"),
    ],
)
def test_undated_default(day, undated: bool) -> None:
    # today is read when the test runs, not when it is collected: a run across midnight failed
    day = dt.date.today() if day == "today" else day
    values = {session.ASOF: day, session.UNDATED: not undated}
    widgetstate.undated_default(values)
    assert values[session.UNDATED] is undated
