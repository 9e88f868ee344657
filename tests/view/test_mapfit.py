"""The map's fit state machine and the click that selects a corridor, without Streamlit.

The session state is a plain dict here: the functions take any mutable mapping.
"""

from __future__ import annotations

import pytest

from corridors.model.dataset import Dataset
from corridors.view import filters, mapbuild, mapfit, session
from corridors.view.mapfit import Fit
from corridors.view.viewstate import Options, ViewState

OPTIONS = Options(
    layers=("railway", "port"),
    statuses=("planned", "operating"),
    countries=("China", "Kazakhstan"),
    sources=("a.txt", "b.txt"),
    corridors=("cku-railway", "titr"),
)
NOTHING_PICKED = (None, ("planned", "operating"), (), ())
TITR = ("titr", ("planned", "operating"), (), ())
CHINA = (None, ("planned", "operating"), ("China",), ())


@pytest.mark.parametrize(
    ("last", "basis", "clicked", "link_view", "expected"),
    [
        pytest.param(None, NOTHING_PICKED, False, False, Fit.OVERVIEW, id="first run: overview"),
        pytest.param(None, NOTHING_PICKED, False, True, Fit.LINK_VIEW, id="first run: link view"),
        pytest.param(None, TITR, False, True, Fit.LINK_VIEW, id="link view wins over corridor"),
        pytest.param(None, TITR, False, False, Fit.CORRIDOR, id="first run with a corridor"),
        pytest.param(NOTHING_PICKED, TITR, False, True, Fit.CORRIDOR, id="link view only first"),
        pytest.param(NOTHING_PICKED, NOTHING_PICKED, False, False, Fit.KEEP, id="nothing changed"),
        pytest.param(NOTHING_PICKED, TITR, True, False, Fit.KEEP, id="a click keeps the view"),
        pytest.param(None, TITR, True, False, Fit.KEEP, id="a click on the first run"),
        pytest.param(NOTHING_PICKED, CHINA, False, False, Fit.SHOWN, id="a filter: what shows"),
        pytest.param(TITR, NOTHING_PICKED, False, False, Fit.OVERVIEW, id="back to nothing"),
    ],
)
def test_decide(last, basis, clicked: bool, link_view: bool, expected: Fit) -> None:
    assert mapfit.decide(last, basis, clicked, link_view, OPTIONS) is expected


@pytest.fixture
def options(fixture_dataset: Dataset) -> Options:
    return filters.options(fixture_dataset)


def _state(options: Options, **changes) -> ViewState:
    return ViewState(layers=list(options.layers), statuses=list(options.statuses), **changes)


def _run(ss: dict, ds: Dataset, state: ViewState) -> dict | None:
    return mapfit.fit(ss, ds, state, filters.visible(ds, state), filters.options(ds))


def test_first_run_fits_the_overview_then_keeps_it(fixture_dataset: Dataset, options) -> None:
    ss: dict = {}
    state = _state(options)
    first = _run(ss, fixture_dataset, state)
    shown = filters.visible(fixture_dataset, state)
    assert first == {"key": 1, "bounds": mapbuild.overview_bounds(fixture_dataset, shown)}
    assert ss[session.FITTED] is True
    assert _run(ss, fixture_dataset, state) == first, "an unchanged view asks nothing new"
    state.layers = ["port"]  # a layer toggle is not part of the basis
    assert _run(ss, fixture_dataset, state) == first


def test_a_link_view_is_shown_on_the_first_run_only(fixture_dataset: Dataset, options) -> None:
    ss: dict = {session.VIEW: (43.2, 76.9, 7.0)}
    assert _run(ss, fixture_dataset, _state(options)) == {"key": 1, "view": [43.2, 76.9, 7.0]}
    assert session.VIEW not in ss and session.FITTED not in ss, "the URL's view stays"
    second = _run(ss, fixture_dataset, _state(options, corridor="titr"))
    assert second is not None and second["key"] == 2 and "bounds" in second


def test_a_corridor_fits_its_features(fixture_dataset: Dataset, options) -> None:
    ss: dict = {}
    _run(ss, fixture_dataset, _state(options))
    fitted = _run(ss, fixture_dataset, _state(options, corridor="titr"))
    ids = list(fixture_dataset.features.index[fixture_dataset.features["corridor"] == "titr"])
    assert fitted == {"key": 2, "bounds": mapbuild.bounds_of(fixture_dataset, ids)}


def test_a_click_selects_without_moving_the_map(fixture_dataset: Dataset, options) -> None:
    ss: dict = {session.CORRIDOR_IDS: options.corridors}
    first = _run(ss, fixture_dataset, _state(options))
    ss[session.MAP] = {"click": {"corridor": "titr", "id": "titr-caspian-crossing", "n": 1}}
    mapfit.take_click(ss)
    assert ss[session.CORRIDOR] == "titr" and ss[session.CLICKED] is True
    assert _run(ss, fixture_dataset, _state(options, corridor="titr")) == first
    assert session.CLICKED not in ss, "a click counts for one run"


@pytest.mark.parametrize(
    ("value", "selected"),
    [
        pytest.param({"click": {"corridor": "titr", "id": "a", "n": 3}}, "titr", id="a new click"),
        pytest.param(
            {"click": {"corridor": "titr", "id": "a", "n": 2}}, None, id="the same click again"
        ),
        pytest.param(
            {"click": {"corridor": "nowhere", "id": "a", "n": 3}}, None, id="an unknown corridor"
        ),
        pytest.param({"click": {"corridor": 7, "id": "a", "n": 3}}, None, id="not a name"),
        pytest.param({"click": {"corridor": "titr", "n": 3}}, None, id="no feature id"),
        pytest.param({"click": {"corridor": "titr", "id": "a"}}, None, id="no click counter"),
        pytest.param(
            {"click": {"corridor": "titr", "id": "a", "n": True}}, None, id="a counter not a number"
        ),
        pytest.param({"view": "43,76,7"}, None, id="a view, no click"),
        pytest.param(None, None, id="no value yet"),
    ],
)
def test_take_click(value: dict | None, selected: str | None) -> None:
    ss: dict = {session.MAP: value, session.CLICK_N: 2, session.CORRIDOR_IDS: ("titr",)}
    mapfit.take_click(ss)
    assert ss.get(session.CORRIDOR) == selected
    assert ss.get(session.CLICKED, False) is (selected is not None)
