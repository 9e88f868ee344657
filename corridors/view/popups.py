"""A feature's popup: its key figures, each with a short quote and its source, all data escaped
(Leaflet puts popups into innerHTML). Made in bulk from plain dicts, for thousands of features.
"""

from __future__ import annotations

import html

from ..model.dataset import Dataset
from ..model.sources import sources_by_file
from ..schema import CLAIM_COLUMNS, FIELDS, METHODS, claims_of, format_claim, implied
from . import panelmodel


def _escape(text: str) -> str:
    """``html.escape(text)``, at a third of its cost for the many texts with nothing to escape
    (60,000 quotes and figures in 10,000 popups): five substring tests instead of five
    replacements."""
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return html.escape(text)
    return text


class PopupMaker:
    """Popups of many features at once: the data they read is taken out of the frames once.

    A popup is built from plain dicts and strings, never a pandas look-up per claim: 10,000
    corridors' popups are made in seconds, not minutes.
    """

    def __init__(self, ds: Dataset) -> None:
        cols = [c for c in CLAIM_COLUMNS if c != "id"]  # the note: an implied status says so
        self.claims: dict[str, list[dict]] = {}
        for values in zip(*(ds.claims[c].tolist() for c in cols), strict=True):
            claim = dict(zip(cols, values, strict=True))
            self.claims.setdefault(claim["corridor"], []).append(claim)
        self.names = dict(zip(ds.corridors.index, ds.corridors["name"].astype(str), strict=True))
        files = {c["source"] for group in self.claims.values() for c in group}
        self.sources = {f: s.label for f, s in sources_by_file(ds, files).items()}

    def popup(self, feature_id: str, row: dict) -> str:
        """Key figures, each with a short quote snippet and its source; all data escaped.

        Status is given once: by its claims (each reading with its quote, so a disagreement
        shows), or as "not stated" where no source states one.
        """
        e = _escape
        corridor_name = self.names.get(row["corridor"], row["corridor"])
        parts = [
            f"<div class='cp-popup'><b>{e(row['name'])}</b><br>",
            # the corridor's name, unless the feature is the whole corridor under the same name
            "" if corridor_name == row["name"] else f"<span>{e(corridor_name)}</span><br>",
        ]
        how = METHODS.get(row["method"])
        accuracy = row["accuracy_km"]
        drawn = how.label if how else str(row["method"])
        if accuracy is not None and accuracy == accuracy:
            drawn += f", within about {accuracy:g} km"
        parts.append(f"<span class='cp-drawn'>Drawn: {e(drawn)}</span>")
        km = row["measured_length_km"]
        if km is not None and km == km:
            parts.append(f"<br><span>Measured on the drawn line: {km:,.0f} km</span>")
        claims = claims_of(self.claims, row["corridor"], feature_id)
        statuses: dict[tuple[str, str, str], dict] = {}
        for c in claims:
            if c["field"] == "status":  # one per reading: value, and the part and time it is of
                statuses.setdefault((c["value"], c["scope"], c["period"]), c)
        if not statuses:
            parts.append("<br><span>Status: not stated in the sources</span>")
        # one entry per figure as a reader reads it, with its first quote: a figure a thousand
        # articles repeat is one line, not a thousand (the panel has every quote)
        figures: dict[tuple[str, str], list[dict]] = {}
        for c in claims:
            if c["field"] in FIELDS and FIELDS[c["field"]].figure:
                figures.setdefault((c["field"], format_claim(c)), []).append(c)
        # each entry with its value as written (a figure's is its key: not formatted twice)
        entries = [([c], format_claim(c)) for c in statuses.values()]
        entries += [(same, text) for (_, text), same in figures.items()]
        for same, text in entries:
            claim = same[0]
            label = FIELDS[claim["field"]].label
            value = text + (" (implied)" if implied(claim) else "")
            named = self.sources.get(claim["source"], claim["source"])
            others = len({c["source"] for c in same} - {claim["source"]})
            more = f" and {others:,} more source{'s' if others > 1 else ''}" if others else ""
            parts.append(
                f"<div style='margin-top:4px'><b>{e(label)}: {e(value)}</b><br>"
                f"<i>“{e(panelmodel.snippet(claim['quote']))}”</i> — {e(named)}{e(more)}</div>"
            )
        parts.append(
            "<div style='margin-top:4px;color:#555'>All quotes: the panel beside the map.</div>"
        )
        parts.append("</div>")
        return "".join(parts)


#: The feature columns a popup and the browser's feature need.
_ROW_COLUMNS = ["corridor", "name", "kind", "status", "method", "accuracy_km", "measured_length_km"]


def popup_html(ds: Dataset, feature_id: str) -> str:
    """One feature's popup (see PopupMaker, which makes many at once)."""
    row = ds.features.loc[feature_id, _ROW_COLUMNS].to_dict()
    return PopupMaker(ds).popup(feature_id, row)
