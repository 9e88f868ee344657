"""The drawn legs against the public reference geodata they were drawn from.

The reference folder (``../shared/reference-geodata`` beside the repository, or
``$CORRIDORS_REFERENCE_DIR``) is not part of the project: where it is absent, as in a user's fresh
clone, the comparisons skip and say why; where it is present they run. Like tests/validate/test_data.py these
read the live data (``$CORRIDORS_TEST_LIVE_DIR`` points them at a grown copy), one test per leg.
The measuring itself is checked first, on synthetic lines whose answers are known.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest
from shapely.geometry import LineString, MultiLineString, Point, shape

from corridors.geo import compare, measure
from corridors.store.datadir import REPO_ROOT, DataDir

REAL = DataDir(Path(os.environ.get("CORRIDORS_TEST_LIVE_DIR") or REPO_ROOT))
REF_DIR = compare.reference_dir()
MISSING = compare.missing(REF_DIR)
needs_reference = pytest.mark.skipif(
    bool(MISSING),
    reason=f"reference geodata not found in {REF_DIR} (missing {', '.join(MISSING)}); set "
    f"${compare.ENV_VAR} to compare the drawn legs with it",
)

FEATURES = [
    feature
    for path in sorted(REAL.features.glob("*.geojson"))
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]
]
with REAL.waypoints.open(encoding="utf-8", newline="") as _handle:
    WAYPOINTS = {row["id"]: row for row in csv.DictReader(_handle)}
with REAL.claims.open(encoding="utf-8", newline="") as _handle:
    CLAIMS = list(csv.DictReader(_handle))

TRACED = [
    pytest.param(f, id=f["properties"]["id"])
    for f in FEATURES
    if f["properties"]["method"] == "traced"
]
STATION_LEGS = [
    pytest.param(f, id=f["properties"]["id"])
    for f in FEATURES
    if f["properties"]["method"] in ("stations", "located")
]

#: A traced leg keeps at least this share of its length within FAR_KM of its reference line.
TRACED_MIN_SHARE = 0.95
#: A waypoint read from the station extract stands where the extract puts it.
STATION_MAX_KM = 0.05
#: The pipeline lines measure within this of their sourced lengths.
PIPELINE_LENGTH_TOLERANCE = 0.05
#: The dry port is part of the Altynkol station complex (RailFreight.com).
ALTYNKOL_OSM_ID = 4046956026
DRY_PORT_MAX_KM = 3.0


# --- the measuring, on lines whose answers are known ---------------------------------------------


def _parallel(lat: float, west: float, east: float) -> LineString:
    """A line along a parallel, with a vertex every 0.01° as real reference lines have."""
    steps = round((east - west) / 0.01)
    return LineString([(west + i * 0.01, lat) for i in range(steps + 1)])


@pytest.mark.parametrize(
    ("offset_deg", "near", "far"),
    [
        pytest.param(0.0, 1.0, 1.0, id="on the reference"),
        pytest.param(0.01, 1.0, 1.0, id="1.1 km off: within both"),
        pytest.param(0.05, 0.0, 1.0, id="5.5 km off: within 10 km only"),
        pytest.param(0.5, 0.0, 0.0, id="55 km off: within neither"),
    ],
)
def test_shares_of_a_parallel_line(offset_deg: float, near: float, far: float) -> None:
    """A line parallel to the reference at a known distance is all near, all far, or neither."""
    reference = MultiLineString([_parallel(43.0, 70.0, 71.0)])
    drawn = _parallel(43.0 + offset_deg, 70.1, 70.9)
    distances = compare.distances_along(drawn, reference)
    assert compare.share_within(distances, compare.NEAR_KM) == near
    assert compare.share_within(distances, compare.FAR_KM) == far
    if offset_deg and offset_deg < 0.2:
        true_km = measure.distance_km(Point(70.5, 43.0), Point(70.5, 43.0 + offset_deg))
        assert distances.min() == pytest.approx(true_km, rel=0.01)
        assert distances.max() == pytest.approx(true_km, rel=0.01)


def test_share_of_a_line_that_leaves_the_reference() -> None:
    """Half on the reference, half turning 55 km away: the shares say so."""
    reference = MultiLineString([_parallel(43.0, 70.0, 71.0)])
    drawn = LineString([(70.0, 43.0), (70.5, 43.0), (70.5, 43.5)])
    share = compare.share_within(compare.distances_along(drawn, reference), compare.FAR_KM)
    first = measure.length_km(LineString([(70.0, 43.0), (70.5, 43.0)]))
    second = measure.length_km(LineString([(70.5, 43.0), (70.5, 43.09)]))
    expected = (first + second) / measure.length_km(drawn)
    assert share == pytest.approx(expected, abs=0.01)


# --- the live legs against the references -----------------------------------------------------


@pytest.fixture(scope="module")
def references() -> compare.References:
    return compare.load(REF_DIR)


def _leg(feature: dict, refs: compare.References) -> compare.LegComparison:
    props = feature["properties"]
    return compare.compare_leg(
        props["id"],
        props["corridor"],
        props["method"],
        props["references"],
        shape(feature["geometry"]),
        [WAYPOINTS[n] for n in props["waypoints"]],
        refs,
    )


@needs_reference
@pytest.mark.parametrize("feature", TRACED)
def test_traced_leg_follows_its_reference(feature: dict, references: compare.References) -> None:
    """≥ 95 % of a traced leg lies within 10 km of the reference line it cites."""
    leg = _leg(feature, references)
    assert leg.against, "a traced leg cites the reference line it was traced from"
    message = (
        f"{leg.feature}: {leg.within_far:.1%} within {compare.FAR_KM:g} km and "
        f"{leg.within_near:.1%} within {compare.NEAR_KM:g} km of {'+'.join(leg.against)}"
    )
    print(message)
    assert leg.within_far >= TRACED_MIN_SHARE, message


@needs_reference
@pytest.mark.parametrize("feature", STATION_LEGS)
def test_station_waypoints_stand_at_their_stations(
    feature: dict, references: compare.References
) -> None:
    """Every waypoint taken from an OSM station is where the station extract puts it."""
    leg = _leg(feature, references)
    if leg.within_far is not None:
        print(
            f"{leg.feature}: {leg.within_far:.1%} within {compare.FAR_KM:g} km of any reference "
            "railway (stations are used where the reference railways have a gap)"
        )
    for check in leg.stations:
        if check.km is not None:
            assert check.km <= STATION_MAX_KM, check


@needs_reference
def test_dry_port_is_at_altynkol(references: compare.References) -> None:
    """The dry port point lies within 3 km of Altynkol station, whose complex it is part of."""
    port = next(f for f in FEATURES if f["properties"]["id"] == "khorgos-dry-port")
    lon, lat = references.stations[ALTYNKOL_OSM_ID]
    km = measure.distance_km(shape(port["geometry"]), Point(lon, lat))
    assert km <= DRY_PORT_MAX_KM, f"{km:.1f} km from Altynkol station"


@needs_reference
@pytest.mark.parametrize(
    ("name", "osm_id"),
    [
        pytest.param("Kars", 2005962642, id="Kars station"),
        pytest.param("Batumi-Central", 6199471015, id="Batumi-Central station"),
        pytest.param("Poti", 3065946736, id="Poti station"),
        pytest.param("Aktau port", 7066248958, id="Aktau port station"),
        pytest.param("Kuryk port", 11910129790, id="Kuryk port station"),
    ],
)
def test_middle_corridor_reaches(name: str, osm_id: int, references: compare.References) -> None:
    """The Middle Corridor as drawn reaches the Black Sea at Batumi and Poti, Turkey at Kars, and
    both Kazakh Caspian ports: a drawn leg passes within 2 km of each station."""
    lon, lat = references.stations[osm_id]
    legs = [shape(f["geometry"]) for f in FEATURES if f["properties"]["corridor"] == "titr"]
    km = min(measure.distance_to_geometry_km(Point(lon, lat), leg) for leg in legs)
    assert km <= 2.0, f"{name} is {km:.1f} km from the nearest drawn leg"


# --- sourced lengths ----------------------------------------------------------------------------

PIPELINE_LENGTHS = [
    pytest.param(c, id=c["id"])
    for c in CLAIMS
    if c["corridor"] == "cacgp" and c["field"] == "length" and c["feature"]
]


def test_pipeline_lines_have_sourced_lengths() -> None:
    """Each drawn pipeline line has a length from a reference to be measured against."""
    lines = {f["properties"]["id"] for f in FEATURES if f["properties"]["corridor"] == "cacgp"}
    assert lines and lines <= {c.values[0]["feature"] for c in PIPELINE_LENGTHS}


@pytest.mark.parametrize("claim", PIPELINE_LENGTHS)
def test_pipeline_line_measures_its_sourced_length(claim: dict[str, str]) -> None:
    """Each pipeline line measures within 5 % of the length its source gives for it."""
    feature = next(f for f in FEATURES if f["properties"]["id"] == claim["feature"])
    km = measure.length_km(shape(feature["geometry"]))
    claimed = float(claim["value"])
    print(f"{claim['feature']}: {km:.1f} km drawn, {claimed:g} km claimed ({claim['source']})")
    assert abs(km / claimed - 1) <= PIPELINE_LENGTH_TOLERANCE


@needs_reference
@pytest.mark.slow
def test_the_recipe_reproduces_the_committed_geodata(tmp_path: Path) -> None:
    """devtools/trace/ on the same references rewrites geodata/ byte for byte (~15 s), so every
    committed vertex can be traced back to its reference by rerunning it (the README's promise)."""
    import filecmp
    import shutil

    from devtools.trace import geodata, recipe

    copy = tmp_path / "geodata"
    shutil.copytree(REPO_ROOT / "geodata", copy)
    legs = recipe.build(REF_DIR, REPO_ROOT / "geodata" / "boundaries.geojson")
    geodata.write_geodata(legs, copy)
    changed = []
    for here, _dirs, files in os.walk(REPO_ROOT / "geodata"):
        for name in files:
            ours = Path(here) / name
            theirs = copy / ours.relative_to(REPO_ROOT / "geodata")
            if not filecmp.cmp(ours, theirs, shallow=False):
                changed.append(str(ours.relative_to(REPO_ROOT)))
    added = {p.relative_to(copy) for p in copy.rglob("*")} - {
        p.relative_to(REPO_ROOT / "geodata") for p in (REPO_ROOT / "geodata").rglob("*")
    }
    assert not changed and not added, f"the recipe no longer reproduces: {changed} {added}"
