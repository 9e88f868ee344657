"""A timeline of milestones: every dated claim of every system, as data and as an Altair chart.

Rows come straight from the claims whose field is a date (first proposed, construction start,
entered service, completion). Nothing is merged or chosen: two sources giving different dates for
the same milestone give two rows, flagged ``conflict``, drawn side by side in the milestone's lane;
a date taken from a reference (geodata/references.csv) rather than an article is flagged
``from_reference`` and drawn hollow. Each row keeps its claim id, quote and source, so a mark can
show its quote and the dashboard can select the claim it stands for.

A date is drawn as the span it names (the 1990s as ten years, 2030 as a year, 2025-07 as a month,
2019-05-05 as a day), so a decade never looks as precise as a month; a span shorter than MIN_SPAN_DAYS is widened to it
on screen only (the tooltip gives the date as the source has it).

The dashboard shows it with (selection name ``milestone``, field ``claim``)::

    event = st.altair_chart(timeline.timeline_chart(timeline.milestones(ds)), width="stretch",
                            on_select="rerun", selection_mode="milestone", key="timeline")
    picked = [p["claim"] for p in event.selection.get("milestone", [])]
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pandas as pd

from .. import dates
from ..model.dataset import Dataset
from ..model.sources import sources_in
from ..schema import FIELDS, MILESTONES, format_claim, in_disagreement

if TYPE_CHECKING:
    import altair as alt

#: Shorter spans are drawn this wide so that they can be seen and clicked.
MIN_SPAN_DAYS = 365

COLUMNS = (
    "corridor",
    "corridor_name",
    "feature",
    "milestone",
    "milestone_label",
    "lane",
    "date",
    "date_text",
    "precision",
    "start",
    "end",
    "claim",
    "source",
    "source_label",
    "quote",
    "from_reference",
    "conflict",
)


def _short(name: str) -> str:
    """A system's name without its parenthesis: 'Central Asia–China gas pipeline (Lines A/B/C)'
    -> 'Central Asia–China gas pipeline' (lane labels must fit beside the chart)."""
    return name.split(" (", 1)[0]


def _part(feature_name: str, corridor_name: str) -> str:
    """What a feature adds to its system's name: 'Central Asia–China gas pipeline, Line A' ->
    'Line A'; 'Middle Corridor: Tbilisi – Kars' -> 'Tbilisi – Kars'."""
    for prefix in (_short(corridor_name) + ", ", "Middle Corridor: "):
        if feature_name.startswith(prefix):
            return feature_name[len(prefix) :]
    return feature_name


def milestones_from(
    claims: pd.DataFrame,
    corridors: pd.DataFrame,
    sources: pd.DataFrame,
    references: pd.DataFrame,
    feature_names: dict[str, str] | None = None,
) -> pd.DataFrame:
    """One row per dated claim (COLUMNS), ordered by corridor, milestone and date."""
    feature_names = feature_names or {}
    rows, dated = [], []
    records = claims[claims["field"].isin(list(MILESTONES))].to_dict("records")
    # looked up once each, not once a claim: a grown corpus dates thousands of claims
    named = sources_in(sources, references, (c["source"] for c in records))
    system_names = dict(zip(corridors.index, corridors["name"].astype(str), strict=True))
    for claim in records:
        if claim["field"] not in MILESTONES:
            continue
        period = dates.parse(str(claim["value"]))
        if period is None:
            continue
        source = named[claim["source"]]
        corridor = claim["corridor"]
        name = system_names.get(corridor, corridor)
        label = FIELDS[claim["field"]].label
        feature = claim.get("feature") or ""
        dated.append(claim)
        rows.append(
            {
                "corridor": corridor,
                "corridor_name": name,
                "feature": feature,
                "milestone": claim["field"],
                "milestone_label": label,
                "lane": f"{_short(name)} · {label}"
                + (f" · {_part(feature_names.get(feature, feature), name)}" if feature else ""),
                "date": claim["value"],
                "date_text": format_claim(claim),
                "precision": period.precision,
                "start": period.first,
                "end": period.end,
                "claim": claim["id"],
                "source": source.file,
                "source_label": source.title,
                "quote": claim["quote"],
                "from_reference": source.reference,
                "conflict": False,
            }
        )
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    if frame.empty:
        return frame
    # like and like with different values: the sources disagree (the schema's rule)
    frame["conflict"] = in_disagreement(dated)
    order = {m: i for i, m in enumerate(MILESTONES)}
    frame["_order"] = frame["milestone"].map(order)
    frame = frame.sort_values(["corridor_name", "_order", "start", "claim"], kind="stable")
    return frame.drop(columns="_order").reset_index(drop=True)


def milestones(ds: Dataset) -> pd.DataFrame:
    """The timeline rows of a loaded dataset (claims that passed validation only)."""
    names = dict(zip(ds.features.index, ds.features["name"].astype(str), strict=True))
    return milestones_from(ds.claims, ds.corridors, ds.sources, ds.references, names)


#: What makes two rows one bar: the same milestone of the same thing on the same date, from the
#: same kind of source (an article or a reference), agreeing or not alike.
SAME_MARK = ["lane", "date", "precision", "from_reference", "conflict"]


def one_mark_per_date(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per bar: claims giving a lane the same date are one bar (its first claim, the one
    a click picks, and how many sources give that date), so a date a thousand articles repeat
    draws one bar rather than a thousand sub-lanes. Every claim stays in the panel."""
    if rows.empty:
        return rows.assign(sources=pd.Series(dtype=int))
    counts = rows.groupby(SAME_MARK, sort=False)["source"].transform("nunique")
    data = rows.assign(sources=counts).drop_duplicates(SAME_MARK, keep="first").copy()
    more = data["sources"] - 1
    data["source_label"] = [
        label + (f" (and {n:,} more source{'s' if n > 1 else ''})" if n else "")
        for label, n in zip(data["source_label"], more, strict=True)
    ]
    return data


def timeline_chart(rows: pd.DataFrame) -> alt.Chart:
    """Milestones as bars over time: a lane per system and milestone, one sub-lane per claim.

    Colour is the milestone; a hollow, dashed bar is a date from a reference; the tooltip gives
    the date as stated, its precision, the quote and the source. Clicking a bar selects its claim
    (selection ``milestone`` on field ``claim``).
    """
    import altair as alt  # imported when a chart is made: half a second, not on the map's run

    data = one_mark_per_date(rows)
    if not data.empty:
        shown_end = [
            max(end, start + dt.timedelta(days=MIN_SPAN_DAYS))
            for start, end in zip(data["start"], data["end"], strict=True)
        ]
        data["start"] = [d.isoformat() for d in data["start"]]
        data["end"] = [d.isoformat() for d in shown_end]
    data["source_kind"] = ["reference" if r else "article" for r in data["from_reference"]]
    # side by side within a lane: each claim of a lane gets its own slot (0, 1, ...)
    data["slot"] = data.groupby("lane").cumcount() if not data.empty else []
    data["agreement"] = ["sources disagree on this date" if c else "" for c in data["conflict"]]
    lanes = list(dict.fromkeys(data["lane"]))
    select = alt.selection_point(name="milestone", fields=["claim"], on="click")
    return (
        alt.Chart(data, title="Milestones, as the sources date them")
        .mark_bar(cornerRadius=2, strokeWidth=1.5, stroke="#333333")
        .encode(
            x=alt.X("start:T", title=None, axis=alt.Axis(format="%Y", tickCount=10)),
            x2="end:T",
            y=alt.Y("lane:N", title=None, sort=lanes, axis=alt.Axis(labelLimit=320)),
            yOffset=alt.YOffset("slot:O"),
            color=alt.Color(
                "milestone_label:N",
                title="Milestone",
                sort=[FIELDS[m].label for m in MILESTONES],
            ),
            fillOpacity=alt.FillOpacity(
                "source_kind:N",
                title="Date from",
                scale=alt.Scale(domain=["article", "reference"], range=[0.85, 0.15]),
            ),
            strokeDash=alt.StrokeDash(
                "source_kind:N",
                title="Date from",
                scale=alt.Scale(domain=["article", "reference"], range=[[1, 0], [4, 2]]),
            ),
            opacity=alt.condition(select, alt.value(1.0), alt.value(0.35)),
            tooltip=[
                alt.Tooltip("corridor_name:N", title="System"),
                alt.Tooltip("milestone_label:N", title="Milestone"),
                alt.Tooltip("date_text:N", title="Date"),
                alt.Tooltip("precision:N", title="Precision"),
                alt.Tooltip("agreement:N", title="Note"),
                alt.Tooltip("quote:N", title="Quote"),
                alt.Tooltip("source_label:N", title="Source"),
                alt.Tooltip("source_kind:N", title="Source is"),
                alt.Tooltip("claim:N", title="Claim"),
            ],
        )
        .add_params(select)
        .properties(height=alt.Step(22))
    )
