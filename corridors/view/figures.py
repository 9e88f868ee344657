"""Figures over time: traffic, capacity and targets, transit times, cost and length of a system,
each at the date it refers to, as data and as an Altair chart.

How a figure moved is what an analyst reads off first ("454 km in 2024, 523 km in 2025"; the dry
port's traffic year by year against its target). Rows come straight from the claims of the figure
fields; nothing is merged or chosen:

- a mark stands at the **date it refers to**: the claim's ``period`` (a year of traffic, the target
  year), else its source's date (a length said on that day). A period is drawn as the span it names
  (a thin line under the mark, the mark at its middle), so a year never looks as precise as a day. A
  figure with neither (an undated source, no period) cannot be placed and is counted, not drawn;
- **coloured by source**; **targets hollow**, actuals filled; one shape per field;
- **conflicting readings side by side**: figures of one thing (same system, feature, field, scope
  and period: the contract's "like meets like") with different values are flagged ``conflict``;
  marks that would cover each other are set apart on screen by a few days (the tooltip gives the
  date as the source has it);
- a click selects the claim (selection ``figure``, field ``claim``), so the page can show its quote.

One chart row per quantity and unit (``panel``), each with its own scale: bcm and TEU never share
an axis.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from .. import dates
from ..model import asof
from ..model.dataset import Dataset
from ..model.sources import sources_by_file
from ..schema import field_label, format_value, in_disagreement

#: The figure fields drawn, in the order of the chart's rows, with the row they go in: traffic,
#: capacity and targets of one unit share a row (a target is for traffic or capacity).
FIGURE_FIELDS: dict[str, str] = {
    "traffic": "Traffic, capacity and targets",
    "capacity": "Traffic, capacity and targets",
    "target": "Traffic, capacity and targets",
    "transit_time": "Transit time",
    "cost": "Cost",
    "length": "Length",
}
#: Fields whose figures are aims, drawn hollow.
TARGETS = ("target",)
#: Marks of one row and date are set this share of the chart's time span apart.
SIDE_BY_SIDE = 0.012
SHAPES = {
    "traffic": "circle",
    "capacity": "square",
    "target": "triangle-up",
    "transit_time": "diamond",
    "cost": "circle",
    "length": "circle",
}

COLUMNS = (
    "corridor",
    "corridor_name",
    "feature",
    "field",
    "field_label",
    "panel",
    "value",
    "value_text",
    "unit",
    "scope",
    "period",
    "date_text",
    "date_from",
    "start",
    "end",
    "claim",
    "source",
    "source_label",
    "quote",
    "aim",
    "conflict",
)


def _base_unit(unit: str) -> str:
    """'TEU/year' -> 'TEU': yearly capacity, a year's traffic and a target share an axis."""
    return unit.removesuffix("/year")


def _number(value: str) -> float | None:
    try:
        number = float(value)
    except ValueError:
        return None
    return number if number == number and abs(number) != float("inf") else None


class _Placer:
    """Where each figure claim stands in time (``place``): its period, else its source's date;
    None when it has no number or cannot be placed. ``rows`` draws them all; ``any_rows`` stops at
    the first, by the same rule."""

    def __init__(self, ds: Dataset) -> None:
        self.days = asof.source_days(ds)
        self.source_dates = dict(zip(ds.sources.index, ds.sources["date"].astype(str), strict=True))

    def place(self, claim: dict) -> tuple[float, dates.Span | None, str, str] | None:
        """(value, span or None when unplaced, date_from, date_text); None: not a number."""
        value = _number(str(claim["value"]))
        if value is None:
            return None
        period = str(claim.get("period", "") or "")
        placed = dates.span(period) if period else None
        if placed is not None:
            return value, placed, "period", period
        source_date = self.source_dates.get(claim["source"], "")
        placed = asof.source_span(source_date) if self.days.get(claim["source"]) else None
        return value, placed, "source date", source_date


def _figure_claims(ds: Dataset, corridor: str | None) -> pd.DataFrame:
    claims = ds.claims[ds.claims["field"].isin(list(FIGURE_FIELDS))]
    return claims if corridor is None else claims[claims["corridor"] == corridor]


def any_rows(ds: Dataset, corridor: str | None = None) -> bool:
    """Whether ``rows`` has any row: the first figure placed in time is enough (the page shows
    the figures' section only then, and builds the rows only when it is opened)."""
    placer = _Placer(ds)
    claims = _figure_claims(ds, corridor)
    columns = ["value", "period", "source"]
    for values in zip(*(claims[c].tolist() for c in columns), strict=True):
        found = placer.place(dict(zip(columns, values, strict=True)))
        if found is not None and found[1] is not None:
            return True
    return False


def rows(ds: Dataset, corridor: str | None = None) -> tuple[pd.DataFrame, int]:
    """The figure rows (COLUMNS) of one system (None: all), and how many figures could not be
    placed in time (no period and an undated source)."""
    claims = _figure_claims(ds, corridor)
    placer = _Placer(ds)
    names = dict(zip(ds.corridors.index, ds.corridors["name"].astype(str), strict=True))
    features = dict(zip(ds.features.index, ds.features["name"].astype(str), strict=True))
    out, placed_claims, unplaced = [], [], 0
    records = claims.to_dict("records")
    named = sources_by_file(ds, (c["source"] for c in records))  # once each, not once a claim
    for claim in records:
        found = placer.place(claim)
        if found is None:
            continue
        value, placed, date_from, date_text = found
        if placed is None:
            unplaced += 1
            continue
        period = str(claim.get("period", "") or "")
        scope = str(claim.get("scope", "") or "")
        placed_claims.append(claim)
        field = claim["field"]
        unit = str(claim["unit"])
        part = scope or (features.get(claim["feature"], "") if claim["feature"] else "")
        out.append(
            {
                "corridor": claim["corridor"],
                "corridor_name": names.get(claim["corridor"], claim["corridor"]),
                "feature": claim["feature"],
                "field": field,
                "field_label": field_label(field),
                "panel": f"{FIGURE_FIELDS[field]} ({_base_unit(unit) or 'no unit'})",
                "value": value,
                "value_text": format_value(field, claim["value"], unit, claim["qualifier"]),
                "unit": unit,
                "scope": part,
                "period": period,
                "date_text": date_text,
                "date_from": date_from,
                "start": placed.first,
                "end": placed.last,
                "claim": claim["id"],
                "source": claim["source"],
                "source_label": named[claim["source"]].dated,
                "quote": claim["quote"],
                "aim": "target" if field in TARGETS else "reported",
                "conflict": False,
            }
        )
    frame = pd.DataFrame(out, columns=list(COLUMNS))
    if frame.empty:
        return frame, unplaced
    # like and like with different values: the sources disagree (the schema's rule)
    frame["conflict"] = in_disagreement(placed_claims)
    order = {f: i for i, f in enumerate(FIGURE_FIELDS)}
    frame["_order"] = frame["field"].map(order)
    frame = frame.sort_values(["_order", "panel", "start", "claim"], kind="stable")
    return frame.drop(columns="_order").reset_index(drop=True), unplaced


#: Axis labels as the panel writes figures ("8 bn", "1.2 mn", "523"), not SI prefixes: "8G" of
#: dollars reads as gigabytes.
AXIS_LABEL = (
    "abs(datum.value) >= 1e9 ? format(datum.value / 1e9, '~r') + ' bn' : "
    "abs(datum.value) >= 1e6 ? format(datum.value / 1e6, '~r') + ' mn' : "
    "format(datum.value, ',~r')"
)


#: What makes two rows one mark: the same figure of the same thing at the same date and value.
SAME_MARK = ["panel", "corridor", "feature", "field", "scope", "value", "start", "end", "aim"]


def one_mark_per_figure(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per mark: claims giving the same figure at the same date are one mark (its first
    claim, which a click picks, named with how many more sources give it), so a figure a thousand
    articles repeat is one point, not a thousand stacked side by side. Every claim stays in the
    panel."""
    if frame.empty:
        return frame.copy()
    counts = frame.groupby(SAME_MARK, sort=False, dropna=False)["source"].transform("nunique")
    data = frame.assign(_n=counts).drop_duplicates(SAME_MARK, keep="first").copy()
    data["source_label"] = [
        label + (f" (and {n - 1:,} more source{'s' if n > 2 else ''})" if n > 1 else "")
        for label, n in zip(data["source_label"], data["_n"], strict=True)
    ]
    return data.drop(columns="_n")


def chart(frame: pd.DataFrame, title: str = "Figures over time, as the sources give them"):
    """One row per quantity and unit, marks at the date each figure refers to (see the module)."""
    import altair as alt  # imported when a chart is made: half a second, not on the map's run

    data, lo, hi = _placed(frame)
    select = alt.selection_point(name="figure", fields=["claim"], on="click")
    sources = list(dict.fromkeys(data["source_label"]))
    colour = alt.Scale(domain=sources, scheme="dark2")
    fields = [f for f in FIGURE_FIELDS if f in set(data["field"])]
    # half a year either side, so that a lone mark is not stretched over an axis of a few days
    pad = dt.timedelta(days=183)
    x_scale = alt.Scale(domain=[(lo - pad).isoformat(), (hi + pad).isoformat()])
    base = alt.Chart(data)
    spans = base.mark_rule(strokeWidth=2, opacity=0.45).encode(
        x=alt.X("start:T", title=None, scale=x_scale),
        x2="end:T",
        y=alt.Y("value:Q"),
        # the sources' legend sits here: on the marks, where stroke and fill share the field,
        # Vega-Lite merged it with the fill's (hidden) legend and showed none
        color=alt.Color(
            "source_label:N", scale=colour, title="Source", legend=alt.Legend(labelLimit=360)
        ),
    )
    marks = _marks(base, colour, x_scale, fields, select)
    return _validated_once(
        alt.layer(spans, marks, data=data)
        .properties(height=130, width=560)
        .facet(
            row=alt.Row(
                "panel:N",
                title=None,
                header=alt.Header(
                    labelAngle=0, labelAnchor="start", labelOrient="top", labelFontWeight="bold"
                ),
            )
        )
        .resolve_scale(y="independent")
        .properties(title=title)
        # under the chart: at the side, the sources' names (the legend a reader needs most) were
        # cut off by the column's width
        .configure_legend(orient="bottom", direction="vertical", columns=2)
    )


def _validated_once(chart):
    """The chart, checked against the Vega-Lite schema the first time it is written out only.

    The dashboard keeps one chart per data version and writes it out on every rerun
    (``st.altair_chart`` calls ``to_dict``); the schema check is most of that (0.1 s of CPU with a
    thousand sources, several times that in wall time on a loaded machine) and cannot find
    anything new in the same chart. Its class is swapped for a subclass (``object.__setattr__``:
    Altair takes an attribute set on a chart for a property of its spec).
    """
    base = type(chart)
    once = type(f"ValidatedOnce{base.__name__}", (_ValidatedOnce, base), {})
    object.__setattr__(chart, "__class__", once)
    return chart


class _ValidatedOnce:
    def to_dict(self, validate: bool = True, **kwargs):
        if self.__dict__.get("_validated"):
            validate = False
        spec = super().to_dict(validate=validate, **kwargs)
        if validate:
            self.__dict__["_validated"] = True
        return spec


def _placed(frame: pd.DataFrame) -> tuple[pd.DataFrame, dt.date, dt.date]:
    """The chart's rows with where each mark stands, and the dates spanned.

    Figures of one panel dated alike are set side by side around their date (``x``), so that
    none hides another; dates become ISO strings, as Vega-Lite reads them.
    """
    data = one_mark_per_figure(frame)
    mids = [s + (e - s) / 2 for s, e in zip(data["start"], data["end"], strict=True)]
    lo = min(data["start"], default=dt.date(2000, 1, 1))
    hi = max(data["end"], default=lo)
    step = max(dt.timedelta(days=10), (hi - lo) * SIDE_BY_SIDE)
    data["mid"] = mids
    data["slot"] = data.groupby(["panel", "mid"]).cumcount()
    data["slots"] = data.groupby(["panel", "mid"])["claim"].transform("count")
    data["x"] = [
        (mid + step * (slot - (n - 1) / 2)).isoformat()
        for mid, slot, n in zip(data["mid"], data["slot"], data["slots"], strict=True)
    ]
    data["start"] = [d.isoformat() for d in data["start"]]
    # a day's span is drawn a day wide, so that the line is there to hover
    data["end"] = [(d + dt.timedelta(days=1)).isoformat() for d in data["end"]]
    data["note"] = ["sources disagree on this figure" if c else "" for c in data["conflict"]]
    return data.drop(columns=["mid"]), lo, hi


def _tooltip() -> list:
    """What hovering a mark shows: the figure with its quote and source, so it is never bare."""
    import altair as alt  # imported when a chart is made: half a second, not on the map's run

    return [
        alt.Tooltip("corridor_name:N", title="System"),
        alt.Tooltip("field_label:N", title="Figure"),
        alt.Tooltip("value_text:N", title="Value"),
        alt.Tooltip("scope:N", title="Of"),
        alt.Tooltip("date_text:N", title="Date"),
        alt.Tooltip("date_from:N", title="Date is the"),
        alt.Tooltip("aim:N", title="Reported or target"),
        alt.Tooltip("note:N", title="Note"),
        alt.Tooltip("quote:N", title="Quote"),
        alt.Tooltip("source_label:N", title="Source"),
        alt.Tooltip("claim:N", title="Claim"),
    ]


def _marks(base, colour, x_scale, fields: list[str], select):
    """One mark per figure: colour by source, shape by field, hollow when it is a target, and
    clickable (``select``) so the panel can show the claim behind it."""
    import altair as alt  # imported when a chart is made: half a second, not on the map's run

    return (
        base.mark_point(size=110, strokeWidth=2, filled=False)
        .encode(
            x=alt.X("x:T", title=None, scale=x_scale, axis=alt.Axis(format="%Y", tickCount="year")),
            y=alt.Y(
                "value:Q",
                title=None,
                scale=alt.Scale(zero=False),
                axis=alt.Axis(labelExpr=AXIS_LABEL),
            ),
            stroke=alt.Stroke("source_label:N", scale=colour, legend=None),
            fill=alt.Fill("source_label:N", scale=colour, legend=None),
            fillOpacity=alt.FillOpacity(
                "aim:N",
                title="Figure",
                scale=alt.Scale(domain=["reported", "target"], range=[0.9, 0.0]),
            ),
            shape=alt.Shape(
                "field_label:N",
                title="Field",
                scale=alt.Scale(
                    domain=[field_label(f) for f in fields], range=[SHAPES[f] for f in fields]
                ),
            ),
            opacity=alt.condition(select, alt.value(1.0), alt.value(0.35)),
            tooltip=_tooltip(),
        )
        .add_params(select)
    )
