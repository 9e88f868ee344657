"""The order of a session's first runs (corridors.view.firstpaint): map, panel, then the rest."""

from __future__ import annotations

import pytest

from corridors.view import firstpaint, session
from corridors.view.firstpaint import FALLBACK_SECONDS, Stage


def test_stages_in_order() -> None:
    state: dict = {}
    assert firstpaint.stage(state) is Stage.MAP
    firstpaint.start(state, now=10.0)
    assert firstpaint.stage(state) is Stage.PANEL
    firstpaint.start(state, now=11.0)  # a later light run keeps the first run's time
    assert state[session.FIRST_RUN_AT] == 10.0
    state[session.PAINTED] = True
    assert firstpaint.stage(state) is Stage.FULL


@pytest.mark.parametrize(
    ("map_value", "after", "released"),
    [
        pytest.param(None, 1.0, False, id="map silent, early: held back"),
        pytest.param({"drawn": True}, 1.0, True, id="map drawn: released"),
        pytest.param({"click": {"corridor": "titr", "id": "x", "n": 1}}, 1.0, True, id="clicked"),
        pytest.param(None, FALLBACK_SECONDS, True, id="map silent, fallback: released"),
    ],
)
def test_a_tick_after_an_app_run_releases_the_rest(map_value, after, released) -> None:
    state: dict = {session.MAP: map_value}
    firstpaint.start(state, now=100.0)
    assert firstpaint.tick(state, now=100.0) is False, "the inline run only arms"
    assert firstpaint.tick(state, now=100.0 + after) is released
    assert (firstpaint.stage(state) is Stage.FULL) is released


def test_an_app_run_rearms_the_timer() -> None:
    """A click answered by a light run restarts the wait: the rest never lands on its heels."""
    state: dict = {session.MAP: {"drawn": True}}
    firstpaint.start(state, now=0.0)
    firstpaint.tick(state, now=0.0)
    firstpaint.start(state, now=0.5)  # the click's run
    assert firstpaint.tick(state, now=0.5) is False
    assert firstpaint.tick(state, now=1.5) is True
