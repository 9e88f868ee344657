"""Figures over time (corridors.view.figures), on the fixture with known answers."""

from __future__ import annotations

import datetime as dt

import pytest

from corridors.model import asof, dataset
from corridors.view import figures

from fixtures import FIXTURE

D = dt.date


@pytest.fixture(scope="module")
def ds() -> dataset.Dataset:
    return dataset.load(FIXTURE)


#: (system, the figures drawn: claim, panel, value, date as stated, date is the, conflict,
#: figures that cannot be placed).
KNOWN = [
    pytest.param(
        "cku-railway",
        [
            ("cku-cost-004", "Cost (USD)", 8e9, "2025-06-18", "source date", False),
            ("cku-length-005", "Length (km)", 454.0, "2024-05-07", "source date", True),
            ("cku-length-006", "Length (km)", 523.0, "2025-01-08", "source date", True),
        ],
        0,
        id="railway-length-moved-between-dated-sources",
    ),
    pytest.param(
        "cacgp",
        [
            # 901's traffic refers to its own period (the first half of 2025), not the source date
            (
                "cacgp-traffic-901",
                "Traffic, capacity and targets (bcm)",
                20.0,
                "2025-01/2025-06",
                "period",
                False,
            ),
        ],
        3,  # 3,666 km and 55 bcm/year (undated 001), 1,833 km (a reference): no date to stand at
        id="pipeline-undated-figures-unplaced-traffic-at-its-period",
    ),
    pytest.param("titr", [], 0, id="corridor-no-figures"),
]


@pytest.mark.parametrize(("corridor", "expected", "unplaced"), KNOWN)
def test_rows_known_answers(ds, corridor: str, expected, unplaced: int) -> None:
    rows, left_out = figures.rows(ds, corridor)
    got = [
        (r.claim, r.panel, r.value, r.date_text, r.date_from, bool(r.conflict))
        for r in rows.itertuples()
    ]
    assert sorted(got, key=lambda r: r[0]) == sorted(expected, key=lambda r: r[0])
    assert left_out == unplaced


def test_rows_as_of_a_day_show_only_what_was_known(ds: dataset.Dataset) -> None:
    then = asof.at(ds, asof.Moment(D(2024, 12, 31), False))
    rows, _ = figures.rows(then, "cku-railway")
    assert list(rows["claim"]) == ["cku-length-005"]
    assert not rows["conflict"].any()  # one reading alone disagrees with nothing


def _claims(ds: dataset.Dataset, extra: list[dict]) -> dataset.Dataset:
    import dataclasses

    import pandas as pd

    base = dict.fromkeys(ds.claims.columns, "")
    frame = pd.DataFrame([base | row for row in extra])
    return dataclasses.replace(ds, claims=pd.concat([ds.claims, frame], ignore_index=True))


def _claim(i: str, field: str, value: str, unit: str, period: str = "") -> dict:
    return {
        "id": f"khorgos-{i}",
        "corridor": "khorgos-dry-port",
        "feature": "",
        "field": field,
        "value": value,
        "unit": unit,
        "period": period,
        "source": "005_fixture_railway_2024.txt",
        "quote": "q",
    }


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        pytest.param(
            [_claim("t24", "traffic", "500", "TEU", "2024")],
            [("khorgos-t24", "2024-01-01", "2024-12-31", "period", "reported", False)],
            id="a-year-of-traffic-spans-the-year",
        ),
        pytest.param(
            [_claim("g30", "target", "1000", "TEU/year", "2030")],
            [("khorgos-g30", "2030-01-01", "2030-12-31", "period", "target", False)],
            id="a-target-is-hollow-at-its-year",
        ),
        pytest.param(
            [
                _claim("a", "traffic", "500", "TEU", "2024-01/2024-06"),
                _claim("b", "traffic", "550", "TEU", "2024-01/2024-06"),
            ],
            [
                ("khorgos-a", "2024-01-01", "2024-06-30", "period", "reported", True),
                ("khorgos-b", "2024-01-01", "2024-06-30", "period", "reported", True),
            ],
            id="two-readings-of-one-period-conflict",
        ),
        pytest.param(
            [
                _claim("a", "traffic", "500", "TEU", "2023"),
                _claim("b", "traffic", "550", "TEU", "2024"),
            ],
            [
                ("khorgos-a", "2023-01-01", "2023-12-31", "period", "reported", False),
                ("khorgos-b", "2024-01-01", "2024-12-31", "period", "reported", False),
            ],
            id="two-years-do-not-conflict",
        ),
        pytest.param(
            [_claim("n", "traffic", "a lot", "TEU", "2024")], [], id="not-a-number-is-not-drawn"
        ),
    ],
)
def test_rows_take_the_period(ds, extra: list[dict], expected) -> None:
    rows, _ = figures.rows(_claims(ds, extra), "khorgos-dry-port")
    got = [
        (r.claim, r.start.isoformat(), r.end.isoformat(), r.date_from, r.aim, bool(r.conflict))
        for r in rows.itertuples()
    ]
    assert got == expected


def test_chart_is_built_from_the_rows(ds: dataset.Dataset) -> None:
    """One row of the chart per quantity, a click selects a claim, marks of one date side by side."""
    rows, _ = figures.rows(ds, "cku-railway")
    spec = figures.chart(rows).to_dict()
    assert spec["facet"]["row"]["field"] == "panel"
    assert spec["resolve"]["scale"]["y"] == "independent"
    assert [(p["name"], p["select"]["fields"]) for p in spec["params"]] == [("figure", ["claim"])]
    (data,) = spec["datasets"].values()
    assert sorted(d["claim"] for d in data) == ["cku-cost-004", "cku-length-005", "cku-length-006"]


@pytest.mark.parametrize(
    ("spoil_before", "raises"),
    [
        pytest.param(True, True, id="spoiled before the first write: refused"),
        pytest.param(False, False, id="spoiled after it: not checked again"),
    ],
)
def test_chart_is_checked_against_the_schema_on_its_first_write(
    ds: dataset.Dataset, spoil_before: bool, raises: bool
) -> None:
    """The chart the dashboard keeps is checked once (the check is most of each rerun's cost),
    on its first ``to_dict``: a chart that is wrong then is refused; later writes trust it."""
    import altair as alt

    chart = figures.chart(figures.rows(ds, "cku-railway")[0])
    first = None if spoil_before else chart.to_dict()
    chart.spacing = "wide"  # not a number: against the schema
    if raises:
        with pytest.raises(alt.utils.schemapi.SchemaValidationError):
            chart.to_dict()
    else:
        assert chart.to_dict() == {**first, "spacing": "wide"}


def test_marks_of_one_date_stand_side_by_side(ds: dataset.Dataset) -> None:
    extra = [
        _claim("a", "traffic", "500", "TEU", "2024"),
        _claim("b", "traffic", "550", "TEU", "2024"),
    ]
    rows, _ = figures.rows(_claims(ds, extra), "khorgos-dry-port")
    (data,) = figures.chart(rows).to_dict()["datasets"].values()
    xs = [d["x"] for d in data]
    assert len(set(xs)) == 2 and all(x.startswith("2024-") for x in xs)


def _undated(ds: dataset.Dataset) -> dataset.Dataset:
    """Every source's date blanked: a figure without a period can then not be placed."""
    import dataclasses

    sources = ds.sources.copy()
    sources["date"] = ""
    return dataclasses.replace(ds, sources=sources)


@pytest.mark.parametrize(
    ("make", "corridor"),
    [
        pytest.param(lambda ds: ds, None, id="all systems"),
        pytest.param(lambda ds: ds, "cku-railway", id="one system"),
        pytest.param(lambda ds: ds, "khorgos-dry-port", id="a system with no figure"),
        pytest.param(lambda ds: ds, "no-such-system", id="an unknown system"),
        pytest.param(_undated, None, id="undated sources: nothing placed"),
        pytest.param(
            lambda ds: _claims(_undated(ds), [_claim("t24", "traffic", "500", "TEU", "2024")]),
            None,
            id="undated, one figure with its period",
        ),
        pytest.param(
            lambda ds: _claims(ds, [_claim("n", "traffic", "a lot", "TEU", "2024")]),
            "khorgos-dry-port",
            id="not a number only",
        ),
        pytest.param(
            lambda ds: asof.at(ds, asof.Moment(D(2024, 12, 31), False)), None, id="as of a day"
        ),
    ],
)
def test_any_rows_says_whether_rows_has_any(ds, make, corridor) -> None:
    """The page shows the figures' section when ``any_rows`` says so: exactly when it has rows."""
    data = make(ds)
    assert figures.any_rows(data, corridor) is (not figures.rows(data, corridor)[0].empty)
