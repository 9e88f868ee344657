"""The names of what the dashboard keeps in Streamlit's session state, one constant each.

The dashboard's widgets and its run-to-run memory share one dict keyed by strings; a misspelt key
is no error, it is a new, empty entry. So every key is named here once, and the dashboard and the
pure functions that read the state (``corridors.view.mapfit``) use these names. Nothing here
imports Streamlit: the values are plain strings (tests set them on an ``AppTest``'s state too).
"""

from __future__ import annotations

# --- widgets: their keys hold the values the reader chose (and the URL sets on a first run) ------

#: The map component; its value reports a click and the reader's view.
MAP = "map"
#: The corridor list (and a click on a route): the corridor whose panel is open.
CORRIDOR = "corridor"
#: The corridor list's entry for "no corridor chosen".
NO_CORRIDOR = ""
#: The search box that narrows the corridor list when it is long (``corridorlist``).
CORRIDOR_FIND = "_corridor_find"
#: The "as of" day and whether undated sources count.
ASOF = "asof"
UNDATED = "undated"
#: The sidebar's filters.
STATUSES = "statuses"
COUNTRIES = "countries"
SOURCES = "sources"
#: A layer's toggle is ``LAYER_PREFIX + kind`` (``layer_key``).
LAYER_PREFIX = "layer_"
#: The page switch (map or review) and the review page's article list.
PAGE = "_page"
REVIEW_STEM = "_review_stem"

# --- the dashboard's memory between runs ------------------------------------------------------

#: The session's first run has read the URL into the widgets.
INITIALISED = "_initialised"
#: The rest of the page is released: every run writes the whole page (corridors.view.firstpaint).
PAINTED = "_painted"
#: When (time.monotonic()) the session's first run, which wrote the map alone, ran.
FIRST_RUN_AT = "_first_run_at"
#: The timer that releases the rest has ticked since the last app run (firstpaint.tick).
REST_ARMED = "_rest_armed"
#: Run the script once more at the end of this run (a reconnected tab, see dashboard.py).
RERUN_ONCE = "_rerun_once"
#: What the link asked for that was ignored (a list of sentences).
NOTICES = "_notices"
#: The corridors the map can select (a click naming another id is ignored).
CORRIDOR_IDS = "_corridor_ids"
#: How much of the open panel the reader asked to see: ((corridor, sources, moment), {section:
#: count}) for ``panel.render_html(shown=...)``; another panel starts again at its first page.
PANEL_SHOWN = "_panel_shown"
#: What the last review decision did: (outcome, text).
REVIEW_MESSAGE = "_review_message"

# --- the map's fit (corridors.view.mapfit) ---------------------------------------------------

#: The view (lat, lon, zoom) the link asked for, until the first fit uses it.
VIEW = "_view"
#: The counter of the last click on the map, so one click is handled once.
CLICK_N = "_click_n"
#: This run's selection came from a click on the map: the map is not moved.
CLICKED = "_clicked"
#: A fit replaced the view the URL held: the URL drops it.
FITTED = "_fitted"
#: What the last fit was made for (corridor, statuses, countries, sources).
FIT_BASIS = "_fit_basis"
#: The last fit request sent to the map, and its counter (a new key asks the map again).
FIT = "_fit"
FIT_KEY = "_fit_key"


def layer_key(kind: str) -> str:
    """The key of the toggle of one map layer."""
    return f"{LAYER_PREFIX}{kind}"
