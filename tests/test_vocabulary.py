"""One vocabulary: kinds, statuses, drawing methods and fields are defined once, in
``corridors.schema``, and read by the map, the legend, the panel and the exports.

Both directions are checked: every entry is used (the legend shows it, a style exists for it, the
field formats a value of its form, a KML style is made from it), and every use is defined (no module names a kind,
status, method or field the schema lacks, and no module redefines a kind's colour).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from corridors import categories, schema
from corridors.geo import drawing
from corridors.publish import export
from corridors.schema import (
    FIELDS,
    KINDS,
    LINE_METHODS,
    METHODS,
    POINT_METHODS,
    STATUSES,
    WAYPOINT_KINDS,
)
from corridors.store.datadir import REPO_ROOT
from corridors.view import mapbuild

SOURCES = sorted(
    [*(REPO_ROOT / "corridors").rglob("*.py"), REPO_ROOT / "dashboard.py"],
    key=lambda p: p.as_posix(),
)
CODE = {p.relative_to(REPO_ROOT).as_posix(): p.read_text(encoding="utf-8") for p in SOURCES}
FRONTEND = {
    p.relative_to(REPO_ROOT).as_posix(): p.read_text(encoding="utf-8")
    for p in sorted((REPO_ROOT / "corridors" / "view" / "frontend").iterdir())
}
LEGEND = mapbuild.legend_html()


# --- every entry is used --------------------------------------------------------------------


@pytest.mark.parametrize("kind", [pytest.param(k, id=k) for k in KINDS])
def test_every_kind_is_in_the_legend_and_styled(kind: str) -> None:
    entry = KINDS[kind]
    assert entry.label in LEGEND and entry.color in LEGEND
    styles = mapbuild.style_table()[kind]
    assert {s for s in styles} == set(STATUSES)
    assert kind in mapbuild.DRAW_ORDER


@pytest.mark.parametrize("status", [pytest.param(s, id=s) for s in STATUSES])
def test_every_status_is_in_the_legend_as_its_pattern(status: str) -> None:
    entry = STATUSES[status]
    assert entry.legend in LEGEND
    if entry.dash:
        assert f'stroke-dasharray="{entry.dash}"' in LEGEND
        assert mapbuild.style("railway", status, "traced")["dashArray"] == entry.dash
    else:
        assert "dashArray" not in mapbuild.style("railway", status, "traced")


@pytest.mark.parametrize("method", [pytest.param(m, id=m) for m in METHODS])
def test_every_method_is_in_the_legend_and_the_exports(method: str) -> None:
    entry = METHODS[method]
    if method in LINE_METHODS:
        assert entry.legend in LEGEND
        assert mapbuild.style("corridor", "operating", method)["weight"] == entry.weight
    kind = "port" if method in POINT_METHODS else "corridor"
    style = export._kml_style({"kind": kind, "status": "operating", "method": method})
    assert style.get("id") == f"{kind}-operating-{method}"


def test_methods_are_split_between_points_and_lines() -> None:
    assert set(POINT_METHODS) | set(LINE_METHODS) == set(METHODS)
    assert not set(POINT_METHODS) & set(LINE_METHODS)
    assert set(drawing.REDRAWN_METHODS) <= set(METHODS)


#: A valid value of each field that is not free text.
SAMPLES = {
    "status": "planned",
    "cost": "8000000000",
    "length": "1833",
    "section_length": "520",
    "capacity": "55",
    "traffic": "1200000",
    "target": "300000",
    "transit_time": "8",
    "lines": "A;B",
    "tunnels": "12",
    "bridges": "40",
    "stake": "30",
    "countries": "China;Kyrgyzstan",
}


@pytest.mark.parametrize("field", [pytest.param(f, id=f) for f in FIELDS])
def test_every_field_formats_a_valid_value(field: str) -> None:
    """Each field checks and formats a value of its form, with a period and a scope after it."""
    entry = FIELDS[field]
    sample = SAMPLES.get(field, "2025-07" if entry.date else "text")
    assert entry.check(sample) is None, (field, sample)
    shown = entry.format(sample, entry.units[0])
    assert shown.strip()
    assert entry.format(sample, entry.units[0], "", "2024", "Kazakhstan") == (
        f"{shown} (Kazakhstan) {entry.period_word} 2024"
    )


def test_the_schema_orders_the_fields_as_the_panel_shows_them() -> None:
    """FIELDS is the display order: the fields the panel showed before the new figures keep their
    order, each new figure stands beside its kin, and the dates are the milestone fields."""
    before = [
        "status",
        "cost",
        "length",
        "capacity",
        "lines",
        "start_date",
        "completion_date",
        "opening_date",
        "proposed_date",
        "route",
        "countries",
        "operator",
        "role",
        "context",
        "corridor",
        "name",
    ]
    assert [f for f in FIELDS if f in before] == before
    assert list(FIELDS).index("section_length") == list(FIELDS).index("length") + 1
    assert schema.DATE_FIELDS == ("start_date", "completion_date", "opening_date", "proposed_date")
    assert {f for f in FIELDS if FIELDS[f].single} == {
        "status",
        *(f for f in FIELDS if FIELDS[f].numeric),
        "lines",
        *schema.DATE_FIELDS,
    }


@pytest.mark.parametrize(
    ("field", "a", "b", "same"),
    [
        pytest.param("length", "3666", "3666.0", True, id="numbers as numbers"),
        pytest.param("cost", "8e9", "8000000000", True, id="exponent"),
        pytest.param("length", "3666", "3667", False, id="different numbers"),
        pytest.param("operator", "CNPC", "cnpc", True, id="text without case"),
        pytest.param("name", "China-Kyrgyzstan", "China – Kyrgyzstan", True, id="dashes folded"),
        pytest.param("lines", "A;B", "A;C", False, id="different lists"),
        pytest.param("status", "planned", "operating", False, id="different statuses"),
    ],
)
def test_how_two_values_compare(field: str, a: str, b: str, same: bool) -> None:
    assert FIELDS[field].same(a, b) is same


def _claim(**changes: str) -> dict[str, str]:
    base = {"corridor": "c", "feature": "", "field": "length", "value": "500", "unit": "km"}
    return base | {"period": "", "scope": ""} | changes


@pytest.mark.parametrize(
    ("other", "disagree"),
    [
        pytest.param(_claim(value="600"), True, id="like and like, another value"),
        pytest.param(_claim(value="500.0"), False, id="like and like, the same value"),
        pytest.param(_claim(value="600", field="section_length"), False, id="a section"),
        pytest.param(_claim(value="600", corridor="c-line-d"), False, id="a part"),
        pytest.param(_claim(value="600", feature="leg"), False, id="a drawn leg"),
        pytest.param(_claim(value="600", scope="Kazakhstan"), False, id="another scope"),
        pytest.param(_claim(value="600", period="2024"), False, id="another period"),
        pytest.param(_claim(field="role", value="x"), False, id="another field"),
    ],
)
def test_like_meets_like(other: dict[str, str], disagree: bool) -> None:
    """Two readings disagree only when like meets like (schema.readings_key) with different values
    of a field that holds one value at a time."""
    assert schema.disagree(_claim(), other) is disagree
    assert (
        schema.disagree(_claim(field="role", value="y"), _claim(field="role", value="x")) is False
    )


@pytest.mark.parametrize(
    ("a", "b", "disagree"),
    [
        pytest.param("2015", "2015-07", False, id="a year and a month of it"),
        pytest.param("2015-07", "2015-07-12", False, id="a month and a day of it"),
        pytest.param("2010s", "2015", False, id="a decade and a year of it"),
        pytest.param("2015", "2016-07", True, id="a year and a month of another year"),
        pytest.param("2015-07", "2015-08", True, id="two months of one year"),
        pytest.param("2015", "2015", False, id="the same year"),
        pytest.param("2010s", "2020", True, id="a decade and a year after it"),
    ],
)
def test_dates_at_two_precisions_are_one_reading(a: str, b: str, disagree: bool) -> None:
    """ "2015" and "2015-07" of one opening are one event told more or less exactly; only dates
    that cannot both be true disagree, in the pairwise rule and in the bulk one alike."""
    one = _claim(field="opening_date", value=a, unit="")
    other = _claim(field="opening_date", value=b, unit="")
    assert schema.disagree(one, other) is disagree
    assert schema.disagree(other, one) is disagree
    assert schema.in_disagreement([one, other]) == [disagree, disagree]


@pytest.mark.parametrize(
    ("other", "disagree"),
    [
        pytest.param(_claim(value="600"), True, id="like and like, another value"),
        pytest.param(_claim(value="500.0"), False, id="like and like, the same value"),
        pytest.param(_claim(value="600", period="2024"), False, id="another period"),
        pytest.param(_claim(field="role", value="x"), False, id="a field of many values"),
    ],
)
def test_in_disagreement_is_disagree_over_a_table(other: dict[str, str], disagree: bool) -> None:
    """The bulk form the timeline and the figures use says what ``disagree`` says, for each row."""
    rows = [_claim(), other, _claim(corridor="elsewhere")]
    assert schema.in_disagreement(rows) == [disagree, disagree, False]
    assert schema.disagree(rows[0], rows[1]) is disagree


@pytest.mark.parametrize(
    ("feature", "applies"),
    [
        pytest.param("", True, id="about the whole system"),
        pytest.param("leg-a", True, id="about this feature"),
        pytest.param("leg-b", False, id="about another feature"),
    ],
)
def test_the_claims_of_a_feature(feature: str, applies: bool) -> None:
    """A claim of a feature's corridor applies to it when it names no feature or this one; a
    claim of another corridor never does (schema.claims_of, used by validate and the popups)."""
    claim = _claim(feature=feature)
    by_corridor = {"c": [claim], "other": [_claim(corridor="other")]}
    assert schema.of_feature(claim, "leg-a") is applies
    assert schema.claims_of(by_corridor, "c", "leg-a") == ([claim] if applies else [])
    assert schema.claims_of(by_corridor, "missing", "leg-a") == []


def test_the_readme_lists_every_field_and_column() -> None:
    """The README's data section names every claim field and every claims/corridors column, so
    a curator reading it meets no field the validator would refuse or miss."""
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| Field | Units | What it holds |") :]
    table = table[: table.index("\n\n")]
    listed = set(re.findall(r"`([a-z_]+)`", table.split("\n", 2)[2]))
    assert {f for f in FIELDS} <= listed, set(FIELDS) - listed
    assert f"`{', '.join(schema.CLAIM_COLUMNS)}`" in readme
    assert f"`{', '.join(schema.CORRIDOR_COLUMNS)}`" in readme


# --- every use is defined -------------------------------------------------------------------

#: ``KINDS["x"]``, ``STATUSES.get("x")``, ``METHODS["x"]``, ``FIELDS["x"]``: direct look-ups.
LOOKUP = re.compile(r"\b(KINDS|STATUSES|METHODS|FIELDS)(?:\[|\.get\()\s*[\"']([a-z_]+)[\"']")
#: ``kind == "x"``, ``["method"] == "x"``, ``p.status === "x"`` (JavaScript too).
COMPARE = re.compile(
    r"\b(kind|status|method|field)[\"']?\]?\s*[!=]==?\s*[\"']([a-z_]+)[\"']"
    r"|[\"'](kind|status|method|field)[\"']\]\s*[!=]==?\s*[\"']([a-z_]+)[\"']"
)
#: "kind" also names a waypoint's kind (place or shape) and a citation's (article or reference).
CITATION_KINDS = {"article", "reference"}
VOCABULARY = {
    "KINDS": set(KINDS),
    "STATUSES": set(STATUSES),
    "METHODS": set(METHODS),
    "FIELDS": set(FIELDS),
    "kind": set(KINDS) | set(WAYPOINT_KINDS) | CITATION_KINDS,
    "status": set(STATUSES),
    "method": set(METHODS),
    "field": set(FIELDS),
}


def _uses(text: str) -> list[tuple[str, str]]:
    found = [(m.group(1), m.group(2)) for m in LOOKUP.finditer(text)]
    for m in COMPARE.finditer(text):
        name, value = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        found.append((name, value))
    return found


@pytest.mark.parametrize("path", [pytest.param(p, id=p) for p in [*CODE, *FRONTEND]])
def test_every_use_names_a_defined_entry(path: str) -> None:
    text = CODE.get(path) or FRONTEND[path]
    undefined = [(n, v) for n, v in _uses(text) if v not in VOCABULARY[n]]
    assert not undefined, f"{path} names entries the schema lacks: {undefined}"


def test_the_use_finder_finds_uses() -> None:
    """The scan above is not idle: it sees the uses the code makes, and would see a stray one."""
    everything = [u for text in [*CODE.values(), *FRONTEND.values()] for u in _uses(text)]
    assert len(everything) >= 10
    assert _uses('if kind == "canal":') == [("kind", "canal")]
    assert _uses('STATUSES["abandoned"]') == [("STATUSES", "abandoned")]
    assert _uses('p.method === "guessed"') == [("method", "guessed")]


def test_draw_order_names_every_kind_once() -> None:
    assert sorted(mapbuild.DRAW_ORDER) == sorted(KINDS)


@pytest.mark.parametrize("kind", [pytest.param(k, id=k) for k in KINDS])
def test_no_module_but_the_schema_spells_a_kind_colour(kind: str) -> None:
    """The colours are spelled in the schema's categories (``corridors.categories``) only."""
    colour = KINDS[kind].color.lower()
    spelled = [
        path
        for path, text in {**CODE, **FRONTEND}.items()
        if colour in text.lower() and not path.endswith("corridors/categories.py")
    ]
    assert spelled == [], f"{colour} ({kind}) is redefined in {spelled}"
    assert colour in Path(categories.__file__).read_text(encoding="utf-8").lower()
