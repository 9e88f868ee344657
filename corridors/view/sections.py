"""The sections beside and below the map (the panel column; timeline, figures, what changed).

The ones below the map are expanders whose content is written only while they are open. The
dashboard draws them and this module decides what they say, so the wording, the default day and
the panel's paging are tested without Streamlit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

#: The keys of the expanders below the map, whose content is built only while they are open.
TIMELINE_OPEN, FIGURES_OPEN, CHANGES_OPEN = "_open_timeline", "_open_figures", "_open_changes"
#: The labels of those expanders: the same whatever the corridor (see ``kept``).
TIMELINE_LABEL = "Timeline of milestones"
FIGURES_LABEL = "Figures over time"
CHANGES_LABEL = "What changed"
#: Said inside an open section when a corridor is chosen.
CHOSEN_ONLY = "Of the corridor chosen only."

MAP_CREDIT = (
    "Leaflet {version}, served from this machine. Offline basemap: Natural Earth boundaries, "
    "GeoNames places. Online tiles are optional (layer button, top right)."
)
NO_DATES = "The sources give no dates for this corridor."
TIMELINE_CAPTION = (
    "Each mark is one dated claim; a hollow, dashed mark comes from a reference, not the "
    "articles; two sources' dates for one milestone stand side by side. Click a mark for "
    "its quote."
)
CHANGES_SINCE_LABEL = "Since (what came after this day)"


def kept(key: str) -> str:
    """Where an expander's state is kept across reruns. Its label stays the same whatever the
    corridor (a new label makes a new widget, which started closed after every click on the map
    and was measured to slow the click's answer); the section says inside that it is the chosen
    corridor's."""
    return key + "_kept"


def map_credit(leaflet_version: str) -> str:
    """The caption under the map: where its script and basemap come from."""
    return MAP_CREDIT.format(version=leaflet_version)


def figures_caption(unplaced: int) -> str:
    """What the figures chart shows, and how many figures it could not place in time."""
    return (
        "Each mark is one figure at the date it refers to (its period, else its source's "
        "date; a line under it spans the period), coloured by source; targets hollow. Two "
        "readings of one figure stand side by side. Click a mark for its quote."
        + (
            f" {unplaced} figure(s) have no date to stand at (no period, undated source)."
            if unplaced
            else ""
        )
    )


def picked_claims(selection: Mapping[str, list], name: str) -> list[str]:
    """The claims behind the marks picked on a chart (its selection parameter ``name``)."""
    return [p["claim"] for p in selection.get(name, [])]


def changes_start(days: Iterable[dt.date | None], end: dt.date) -> dt.date:
    """The default "since" day: the day before the first dated source before ``end``, so every
    dated change is listed; a year before ``end`` when no source is dated before it."""
    dated = [d for d in days if d is not None and d < end]
    return min(dated) - dt.timedelta(days=1) if dated else end - dt.timedelta(days=365)


def changes_too_late(end: dt.date) -> str:
    """Said when the "since" day is not before the page's "as of" day."""
    return f"Choose a day before {end.isoformat()}, the page's 'as of' day."


def changes_caption(since: dt.date, end: dt.date, undated: bool) -> str:
    """What the list of changes covers, and how undated sources count in it."""
    return (
        f"From {since.isoformat()} to {end.isoformat()} (the 'as of' day), by the sources' "
        "dates: claims that appeared, figures and statuses that changed, disagreements that "
        "opened or closed. "
        + (
            "Undated sources count as known on both days: they never appear as new."
            if undated
            else "Undated sources are left out."
        )
    )


# --- the panel column, beside the map ------------------------------------------------------------

#: The page's own spacing, written after the columns (nothing before the map moves between runs).
PAGE_CSS = (
    "<style>.block-container{padding:1.2rem 1.5rem 2rem;max-width:none}"
    # a phone: room for Streamlit's header, so it covers none of the map's controls
    "@media (max-width:640px){.block-container{padding:3.6rem 0.6rem 2rem}}</style>"
)
CORRIDOR_LABEL = "Corridor (or click a route on the map)"
#: The panel column before a corridor is chosen.
CHOOSE_PROMPT = (
    "Click a route or a port on the map, or choose a corridor above, to read "
    "every claim the source articles make about it, each quote in its sentence. "
    "The panel opens with a summary and with where the sources disagree."
)
SHOW_MORE = "Show more: {label} ({left:,} not shown)"


def show_more_label(label: str, left: int) -> str:
    """A "Show more" button of one field of the panel."""
    return SHOW_MORE.format(label=label, left=left)


def panel_pages(memo: tuple | None, basis: tuple) -> tuple[tuple, dict[str, int]]:
    """How much of each field of the panel the reader asked to see (``session.PANEL_SHOWN``):
    kept while the panel stays the same (``basis``: corridor, sources, moment), started again at
    the first page for another one."""
    if not memo or memo[0] != basis:
        return (basis, {})
    return memo
