"""Which corridors the panel's corridor list offers: all of them, or at scale a few found by name.

A Streamlit select box sends every option on every rerun, and the browser builds the whole list
again each time. With 10,000 corridors that was a main-thread task of 1.7–2.0 s after each click
on a route (a Chrome trace of a click then a layer switch, load average ~15; with the list cut to
20 options, 0.06–0.3 s): the switch pressed meanwhile waited for it. So past ``MAX_LISTED``
corridors the list offers the corridor chosen and the first ``MAX_LISTED`` whose name holds what
the reader typed in a search box above it. Every corridor stays reachable (by its name, a click
on its route, or the link); below the limit nothing changes.

Pure functions, tested without Streamlit.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

#: The most corridors the list offers at once; past it, a search box narrows the list.
MAX_LISTED = 200
SEARCH_LABEL = "Find a corridor by name"
SEARCH_PLACEHOLDER = "Type part of a name"


@dataclass(frozen=True)
class Choices:
    """What the list offers, and a line saying what is left out (None when nothing is)."""

    corridors: list[str]
    note: str | None


def searching(total: int, limit: int | None = None) -> bool:
    """Whether the list is narrowed by a search box (there are more corridors than it offers)."""
    return total > (MAX_LISTED if limit is None else limit)


def _folded(text: str) -> str:
    """Case and accents aside: "Türkiye" is found by "turk"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def choices(
    corridors: Sequence[str],
    names: Mapping[str, str],
    chosen: str | None,
    query: str = "",
    limit: int | None = None,
) -> Choices:
    """The corridors the list offers, in their order, the chosen one always among them (a select
    box whose value is not among its options falls back to its first: the choice would be lost).

    Up to ``limit`` corridors: all of them; past it, the first ``limit`` whose name (or id)
    holds ``query``, case and accents aside (``limit`` None: ``MAX_LISTED``).
    """
    limit = MAX_LISTED if limit is None else limit
    if not searching(len(corridors), limit):
        return Choices(list(corridors), None)
    wanted = _folded(query)
    found = [
        c for c in corridors if not wanted or wanted in _folded(names.get(c, c)) or wanted in c
    ]
    shown = found[:limit]
    if chosen and chosen in corridors and chosen not in shown:
        shown = [chosen, *shown]
    listed = len(found) if len(found) <= limit else limit
    if not wanted:
        note = f"{limit:,} of {len(corridors):,} corridors listed: find others by name above."
    elif not found:
        note = "No corridor's name holds that."  # the query not echoed: it would be Markdown
    elif len(found) > limit:
        note = f"The first {listed:,} of {len(found):,} corridors whose name holds that."
    else:
        note = None
    return Choices(shown, note)
