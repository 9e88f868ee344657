"""The real, curated data: every claim, feature and source checked one by one.

The validator checks the same rules, but these tests state the project's promises directly (each
quote stands in its article, each line passes through its waypoints, the four required systems are
drawn and cross the countries the articles name), so a failure names the exact claim or feature.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from pathlib import Path

import pytest
from shapely.geometry import Point, shape

from corridors.geo import measure
from corridors.model import dataset, join
from corridors.problems import Problem
from corridors.quotes import textmatch
from corridors.schema import COORD_DECIMALS, KINDS, WAYPOINT_TOLERANCE_KM
from corridors.store import geojsonio, rawdata
from corridors.store.datadir import REPO_ROOT, DataDir
from corridors.validate import validate

#: The live data: these are the data-validation tests, the only ones that read it. The growth test
#: (tests/test_growth.py) points them at a grown copy through this variable; nothing else does.
LIVE_ENV = "CORRIDORS_TEST_LIVE_DIR"
REAL = DataDir(Path(os.environ.get(LIVE_ENV) or REPO_ROOT))


@pytest.fixture(scope="module")
def live_dataset() -> dataset.Dataset:
    return dataset.load(REAL)


@pytest.fixture(scope="module")
def live_problems() -> list[Problem]:
    return validate(rawdata.read(REAL), dataset.load_boundaries(REAL))


def _rows(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# Read at collection time, so that every claim, feature and source is its own test id.
CLAIMS = _rows(REAL.claims)
SOURCES = _rows(REAL.sources)
REFERENCES = {row["id"]: row for row in _rows(REAL.references)}
WAYPOINTS = {row["id"]: row for row in _rows(REAL.waypoints)}
#: Claims quoting an article (checked word for word here) and claims quoting a public reference
#: (its quote is as read at its address, which a test cannot fetch).
SEED_CLAIMS = [c for c in CLAIMS if c["source"] not in REFERENCES]
REFERENCE_CLAIMS = [c for c in CLAIMS if c["source"] in REFERENCES]
FEATURE_FILES = sorted(REAL.features.glob("*.geojson"))
FEATURES = [
    feature
    for path in FEATURE_FILES
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]
]


def _decimals(value: float) -> int:
    text = repr(float(value))
    return len(text.split(".")[1].rstrip("0")) if "." in text and "e" not in text else 0


def _positions(coords: object):
    if isinstance(coords, list) and coords and isinstance(coords[0], int | float):
        yield coords
    elif isinstance(coords, list):
        for item in coords:
            yield from _positions(item)


def test_real_data_is_present() -> None:
    """The parametrized tests below would pass vacuously on empty lists."""
    assert len(CLAIMS) >= 30
    assert len(SOURCES) >= 5
    assert len(FEATURES) >= 4
    assert len(FEATURE_FILES) >= 4


# --- claims ----------------------------------------------------------------------------------


@pytest.mark.parametrize("claim", [pytest.param(c, id=c["id"]) for c in SEED_CLAIMS])
def test_claim_quote_stands_verbatim_in_its_seed(claim: dict[str, str]) -> None:
    """A figure on the map is only as good as its quote: it must be in the article word for word."""
    text = (REAL.seeds / claim["source"]).read_text(encoding="utf-8")
    match = textmatch.find_quote(claim["quote"], text)
    assert match is not None, (
        f"quote not in {claim['source']}: {claim['quote']!r}; "
        f"closest: {textmatch.closest_passage(claim['quote'], text)}"
    )
    assert textmatch.normalise_text(text[match.start : match.end]) == textmatch.normalise_text(
        claim["quote"]
    )


@pytest.mark.parametrize("claim", [pytest.param(c, id=c["id"]) for c in REFERENCE_CLAIMS])
def test_claim_from_a_reference_names_its_address(claim: dict[str, str]) -> None:
    """A figure taken from a public reference carries its quote and the address to check it at."""
    reference = REFERENCES[claim["source"]]
    assert claim["quote"].strip(), "a claim needs the sentence it was read from"
    assert reference["url"].startswith(("https://", "http://")), reference
    assert reference["title"].strip() and reference["licence"].strip(), reference


# --- features --------------------------------------------------------------------------------


@pytest.mark.parametrize("feature", [pytest.param(f, id=f["properties"]["id"]) for f in FEATURES])
def test_feature_is_cited(feature: dict, live_dataset: dataset.Dataset) -> None:
    """Every drawn feature carries at least one claim, and each citation has its quote and source."""
    citations = join.citations(live_dataset, feature["properties"]["id"])
    assert citations, "no claim cites this feature"
    for citation in citations:
        assert citation["quote"].strip() and citation["source"]


@pytest.mark.parametrize("feature", [pytest.param(f, id=f["properties"]["id"]) for f in FEATURES])
def test_feature_passes_through_its_waypoints(feature: dict) -> None:
    """The geometry is drawn from the waypoints: each listed waypoint lies on it (within tolerance)."""
    geom = shape(feature["geometry"])
    names = feature["properties"]["waypoints"]
    assert names, "no waypoints listed"
    for name in names:
        row = WAYPOINTS[name]
        km = measure.distance_to_geometry_km(Point(float(row["lon"]), float(row["lat"])), geom)
        assert km <= WAYPOINT_TOLERANCE_KM, f"{name} lies {km:.1f} km from the geometry"


#: A vertex of a line drawn through its waypoints stands at one of them (the validator's rule).
VERTEX_AT_WAYPOINT_KM = 0.5

DRAWN_THROUGH_WAYPOINTS = ("stations", "schematic", "located")


@pytest.mark.parametrize(
    "feature",
    [
        pytest.param(f, id=f["properties"]["id"])
        for f in FEATURES
        if f["properties"]["method"] in DRAWN_THROUGH_WAYPOINTS
    ],
)
def test_station_leg_has_every_vertex_at_a_waypoint(feature: dict) -> None:
    """A leg drawn through stations bends only at them: no vertex without its sourced place."""
    props = feature["properties"]
    places = [
        Point(float(WAYPOINTS[n]["lon"]), float(WAYPOINTS[n]["lat"])) for n in props["waypoints"]
    ]
    geom = shape(feature["geometry"])
    for part in getattr(geom, "geoms", [geom]):
        for x, y in part.coords:
            km = min(measure.distance_km(Point(x, y), p) for p in places)
            assert km <= VERTEX_AT_WAYPOINT_KM, (
                f"vertex [{x}, {y}] is {km:.2f} km from every waypoint"
            )


@pytest.mark.parametrize("feature", [pytest.param(f, id=f["properties"]["id"]) for f in FEATURES])
def test_feature_provenance(feature: dict) -> None:
    """Each drawn leg says how it was drawn, how far off it may be, and from which references;
    whatever is drawn from OpenStreetMap says so in its drawing note, as the ODbL asks."""
    props = feature["properties"]
    assert props["method"] and props["accuracy_km"] > 0
    assert props["references"] and all(r in REFERENCES for r in props["references"])
    odbl = [r for r in props["references"] if REFERENCES[r]["licence"].startswith("ODbL")]
    if odbl:
        assert "© OpenStreetMap contributors" in props["drawing"], odbl


@pytest.mark.parametrize("feature", [pytest.param(f, id=f["properties"]["id"]) for f in FEATURES])
def test_waypoints_of_named_places_have_a_reference(feature: dict) -> None:
    """Every named place a line is drawn through links the page its coordinates were read from."""
    for name in feature["properties"]["waypoints"]:
        row = WAYPOINTS[name]
        if row["kind"] == "place":
            assert row["source_url"].startswith(("https://", "http://")), name
            assert row["source_coordinates_text"].strip(), name


@pytest.mark.parametrize("feature", [pytest.param(f, id=f["properties"]["id"]) for f in FEATURES])
def test_feature_measured_length(feature: dict, live_dataset: dataset.Dataset) -> None:
    """Lines have a positive geodesic length; points have none (not zero, which would read as data)."""
    ident = feature["properties"]["id"]
    km = measure.length_km(shape(feature["geometry"]))
    print(f"{ident}: {km if km is None else round(km, 1)} km")
    if feature["geometry"]["type"] == "Point":
        assert km is None
    else:
        assert km is not None and km > 0
        assert live_dataset.features.loc[ident, "measured_length_km"] == round(km, 1)


@pytest.mark.parametrize("feature", [pytest.param(f, id=f["properties"]["id"]) for f in FEATURES])
def test_feature_geometry_fits_its_kind(feature: dict) -> None:
    """Routes are lines and ports are points, as the schema says."""
    props = feature["properties"]
    assert feature["geometry"]["type"] in KINDS[props["kind"]].geometry


# --- sources ---------------------------------------------------------------------------------


@pytest.mark.parametrize("source", [pytest.param(s, id=s["file"]) for s in SOURCES])
def test_source_sha256_matches(source: dict[str, str]) -> None:
    """The article is byte for byte the one the claims were checked against."""
    data = (REAL.seeds / source["file"]).read_bytes()
    assert hashlib.sha256(data).hexdigest() == source["sha256"]


def test_every_seed_is_listed() -> None:
    """No article sits in seeds/ without its provenance row."""
    assert sorted(p.name for p in REAL.seeds.glob("*.txt")) == sorted(s["file"] for s in SOURCES)


# --- the whole ----------------------------------------------------------------------------------


def test_validate_finds_no_errors(live_problems: list[Problem]) -> None:
    """The committed data passes its own rules."""
    errors = [str(p) for p in live_problems if p.level == "error"]
    assert errors == []


def test_dataset_loads_everything(live_dataset: dataset.Dataset) -> None:
    """With no errors, loading keeps every feature and every claim (nothing silently dropped)."""
    assert live_dataset.errors == []
    assert sorted(live_dataset.features.index) == sorted(f["properties"]["id"] for f in FEATURES)
    assert sorted(live_dataset.claims["id"]) == sorted(c["id"] for c in CLAIMS)
    report = join.report(live_dataset)
    assert report.clean, report


REQUIRED = [
    pytest.param("cku-railway", "railway", id="cku-railway"),
    pytest.param("cacgp", "pipeline", id="cacgp"),
    pytest.param("titr", "corridor", id="titr"),
    pytest.param("khorgos-dry-port", "port", id="khorgos-dry-port"),
]


@pytest.mark.parametrize(("corridor", "kind"), REQUIRED)
def test_required_system_is_drawn(corridor: str, kind: str, live_dataset: dataset.Dataset) -> None:
    """The four systems the project exists to show are drawn, each as the right kind of thing."""
    assert corridor in live_dataset.corridors.index
    features = live_dataset.features[live_dataset.features["corridor"] == corridor]
    assert len(features) >= 1
    assert set(features["kind"]) == {kind}


def test_titr_has_a_sea_leg(live_dataset: dataset.Dataset) -> None:
    """The Middle Corridor is multimodal: the Caspian is crossed by ship."""
    titr = live_dataset.features[live_dataset.features["corridor"] == "titr"]
    assert "sea" in set(titr["mode"])


@pytest.mark.parametrize(
    "waypoint",
    [
        pytest.param("poti-sea-port", id="Black Sea at Poti"),
        pytest.param("batumi-sea-port", id="Black Sea at Batumi"),
        pytest.param("kars", id="Turkey at Kars"),
        pytest.param("port-of-aktau", id="Caspian at Aktau"),
        pytest.param("port-of-kuryk", id="Caspian at Kuryk"),
    ],
)
def test_titr_reaches(waypoint: str, live_dataset: dataset.Dataset) -> None:
    """The route runs on to both Black Sea ports and to Turkey, from both Caspian ports."""
    titr = live_dataset.features[live_dataset.features["corridor"] == "titr"]
    ends = {w for ws in titr["waypoints"] for w in (ws[0], ws[-1])}
    assert waypoint in ends


COUNTRIES = [
    pytest.param("cku-railway", {"China", "Kyrgyzstan", "Uzbekistan"}, id="cku-railway"),
    pytest.param("cacgp", {"Turkmenistan", "Uzbekistan", "Kazakhstan", "China"}, id="cacgp"),
    pytest.param("titr", {"Kazakhstan", "Azerbaijan", "Georgia", "Turkey"}, id="titr"),
]


@pytest.mark.parametrize(("corridor", "expected"), COUNTRIES)
def test_measured_countries(
    corridor: str, expected: set[str], live_dataset: dataset.Dataset
) -> None:
    """The countries measured from the geometry include those the articles name on the route."""
    features = live_dataset.features[live_dataset.features["corridor"] == corridor]
    measured = {country for countries in features["countries"] for country in countries}
    print(f"{corridor}: {sorted(measured)}")
    assert expected <= measured


def test_cku_railway_countries_in_route_order(live_dataset: dataset.Dataset) -> None:
    """Drawn from Kashgar westward, the railway enters China, Kyrgyzstan, Uzbekistan in that order."""
    assert live_dataset.features.loc["cku-railway", "countries"] == [
        "China",
        "Kyrgyzstan",
        "Uzbekistan",
    ]


# --- file form ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [pytest.param(p, id=p.name) for p in FEATURE_FILES])
def test_feature_file_is_canonical(path) -> None:
    """Files are kept in the form `python -m corridors fmt` writes, so diffs show only real edits."""
    text = path.read_text(encoding="utf-8")
    assert geojsonio.dumps(json.loads(text)["features"]) == text


@pytest.mark.parametrize("path", [pytest.param(p, id=p.name) for p in FEATURE_FILES])
def test_feature_file_follows_rfc7946(path) -> None:
    """No 'crs' member (WGS84 is implied), [lon, lat] order and at most 6 decimals."""
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    assert "crs" not in data
    for feature in data["features"]:
        for lon, lat, *_ in _positions(feature["geometry"]["coordinates"]):
            assert -180 <= lon <= 180 and -90 <= lat <= 90
            assert max(_decimals(lon), _decimals(lat)) <= COORD_DECIMALS, (lon, lat)
