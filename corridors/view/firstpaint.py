"""The order a session's first runs write the page in: the map, then the panel, then the rest.

Measured with benchmarks/versus.py: after the map is drawn, the browser spends a second or more
(on a loaded 2-core machine, several) mounting the sidebar's widgets and the charts, and a click
made meanwhile waited for all of it before its quotes showed. So a session's first run writes the
map alone (its frame loads with nothing competing), and every run after it writes the map and the
panel only, until the rest is released: a click made as soon as the map is drawn is answered by
such a light run. The rest follows once the map has reported (it is drawn, or it was clicked) and
the app has been quiet for RELEASE_SECONDS, or FALLBACK_SECONDS after the first run should the map
never report. From then on every run writes the whole page.

Pure functions of the session state (a mapping), so the rules are tested without Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from enum import Enum

from . import session

#: How long the app stays quiet (no app run) before the rest of the page is written.
RELEASE_SECONDS = 1.0
#: After the first run, the rest is written even if the map never reports.
FALLBACK_SECONDS = 4.0


class Stage(Enum):
    MAP = "map"  # the session's first run: the map alone
    PANEL = "panel"  # the map and the panel (the corridor list, the quotes)
    FULL = "full"  # the whole page


def stage(state: Mapping) -> Stage:
    """What this app run writes."""
    if state.get(session.PAINTED):
        return Stage.FULL
    if state.get(session.FIRST_RUN_AT) is None:
        return Stage.MAP
    return Stage.PANEL


def start(state: MutableMapping, now: float) -> None:
    """An app run that holds the rest back: note the session's first run, and re-arm the timer
    (the fragment's next tick, not this run, may release the rest)."""
    state.setdefault(session.FIRST_RUN_AT, now)
    state[session.REST_ARMED] = False


def tick(state: MutableMapping, now: float) -> bool:
    """The timer fragment ran: whether to release the rest now (then the whole page is written).

    Its first run is inline, in the app run that armed it: that one only arms. A later tick
    releases once the map has reported (its value is set) or FALLBACK_SECONDS have passed.
    """
    armed = state.get(session.REST_ARMED, False)
    state[session.REST_ARMED] = True
    if not armed:
        return False
    reported = state.get(session.MAP) is not None
    first = state.get(session.FIRST_RUN_AT, now)
    if reported or now - first >= FALLBACK_SECONDS:
        state[session.PAINTED] = True
        return True
    return False
