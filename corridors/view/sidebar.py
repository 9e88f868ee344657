"""What the sidebar's widgets say: the layer toggles with their counts, the filters' labels and
help, the time controls, and the labels each list shows for its choices.

The dashboard draws the widgets with these words; choosing them (a count written "3 of 5", an
article filter's note on the articles it cannot offer, a corridor marked as only mentioned) is
logic, so it lives here and is tested without Streamlit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..schema import KINDS, status_label
from . import session

# A warm start's first run writes the sidebar's title before the data modules are imported
# (corridors.view.firstrun): what needs them is imported where it is used.
if TYPE_CHECKING:
    from ..model.dataset import Dataset
    from .viewstate import Options

TITLE = "Corridors"
TAGLINE = "China ↔ Central Asia infrastructure, every figure with its quote and source."
#: The first day the "as of" date picker offers.
FIRST_DAY = dt.date(1990, 1, 1)

STATUS_LABEL = "Status"
STATUS_PLACEHOLDER = "None: nothing is shown"
STATUS_HELP = (
    "Status as the source articles state it; 'not stated' where they are silent. "
    "Only the statuses chosen are shown: with none chosen, the map is empty."
)
NO_STATUS = "No status chosen: the map shows nothing. Choose at least one status."

COUNTRY_LABEL = "Country crossed (measured)"
COUNTRY_PLACEHOLDER = "All countries"
COUNTRY_HELP = (
    "The routes that cross any of these countries, as measured on the drawn lines. "
    "None chosen: no country filter."
)

ARTICLE_LABEL = "Cited by article"
ARTICLE_PLACEHOLDER = "All articles"

ASOF_LABEL = "Show what the sources said up to"
ASOF_HELP = (
    "The map, popups, panel, timeline, figures and every download show only the claims "
    "of sources dated up to this day, and each status as the most recent of them gave it."
)
UNDATED_HELP = (
    "Sources with no known date (articles that state none, and the public references) "
    "cannot be placed in time. Ticked, they count as known on every day and are marked "
    "'undated' or 'from a reference'; by default they count as of today only."
)

#: What the corridor list shows for "no corridor chosen".
NO_CORRIDOR_LABEL = "— choose a corridor —"


def layer_label(kind: str, shown: int, total: int) -> str:
    """A layer's toggle: its label and how many of its features the filters show."""
    count = f"{shown}" if shown == total else f"{shown} of {total}"
    return f"{KINDS[kind].label} ({count})"


def article_help(ds: Dataset, options: Options) -> str:
    """The article filter's help, naming the articles it does not offer (they cite no mapped
    system), escaped for Markdown: a file name is data."""
    from ..model.sources import sources_by_file
    from . import notices

    uncited = ", ".join(s.short for s in sources_by_file(ds, options.uncited).values())
    return (
        "The systems these articles cite; the panel then shows only their quotes. "
        "None chosen: no article filter."
        + (
            f" Not listed, as it cites no mapped system: {notices.markdown_text(uncited)} "
            "(see 'The articles' on the first page)."
            if uncited
            else ""
        )
    )


def undated_label(count: int) -> str:
    return f"Include undated sources ({count})"


def corridor_labels(ds: Dataset, options: Options) -> dict[str, str]:
    """What the corridor list shows for each corridor; one only mentioned says so."""
    names = dict(zip(ds.corridors.index, ds.corridors["name"].astype(str), strict=True))
    shown = {c: names.get(c, c) for c in options.corridors}
    return shown | {c: f"{names.get(c, c)} (mentioned, not mapped)" for c in options.mentioned}


def source_labels(ds: Dataset, options: Options) -> dict[str, str]:
    """What the article filter shows for each article."""
    from ..model.sources import sources_by_file

    return {f: s.option for f, s in sources_by_file(ds, options.sources).items()}


@dataclass(frozen=True)
class Filter:
    """One of the sidebar's multiselect filters, as the dashboard draws it."""

    label: str
    choices: tuple[str, ...]
    key: str
    format: Callable[[str], str]
    placeholder: str
    help: str


def filters(ds: Dataset, options: Options, article_labels: dict[str, str]) -> list[Filter]:
    """The status, country and article filters, in the sidebar's order."""
    return [
        Filter(
            STATUS_LABEL,
            options.statuses,
            session.STATUSES,
            status_label,
            STATUS_PLACEHOLDER,
            STATUS_HELP,
        ),
        Filter(
            COUNTRY_LABEL,
            options.countries,
            session.COUNTRIES,
            str,
            COUNTRY_PLACEHOLDER,
            COUNTRY_HELP,
        ),
        Filter(
            ARTICLE_LABEL,
            options.sources,
            session.SOURCES,
            article_labels.get,  # type: ignore[arg-type]
            ARTICLE_PLACEHOLDER,
            article_help(ds, options),
        ),
    ]
