"""Geodesic measurement and the countries a route crosses, on lines whose answers are known.

Synthetic boundaries (two or three boxes on the equator) make the expected countries and lengths
obvious, so the rules themselves (route order, the minimum length inside a country, the end rule,
points near a border) are what is tested, not the Natural Earth data.
"""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import LineString, MultiLineString, Point, box

from corridors.geo import measure
from corridors.schema import COUNTRY_MIN_KM

#: One degree of longitude on the WGS84 equator (2π·6378.137 km / 360).
DEGREE_AT_EQUATOR_KM = 111.3195


@pytest.mark.parametrize(
    ("geom", "km"),
    [
        pytest.param(
            LineString([(0, 0), (1, 0)]), DEGREE_AT_EQUATOR_KM, id="1° of longitude, equator"
        ),
        pytest.param(LineString([(10, 0), (11, 0)]), DEGREE_AT_EQUATOR_KM, id="same, further east"),
        pytest.param(LineString([(0, 0), (0, 1)]), 110.574, id="1° of latitude from the equator"),
        pytest.param(LineString([(0, 60), (1, 60)]), 55.8, id="1° of longitude at 60°N"),
        pytest.param(
            LineString([(0, 0), (0.5, 0), (1, 0)]), DEGREE_AT_EQUATOR_KM, id="split into two"
        ),
        pytest.param(
            MultiLineString([[(0, 0), (1, 0)], [(2, 0), (3, 0)]]),
            2 * DEGREE_AT_EQUATOR_KM,
            id="two parts",
        ),
    ],
)
def test_length_km(geom, km: float) -> None:
    """Lengths are on the ellipsoid (a degree of longitude shrinks with latitude), not in degrees."""
    assert measure.length_km(geom) == pytest.approx(km, rel=2e-3)


@pytest.mark.parametrize(
    "geom",
    [
        pytest.param(Point(75, 40), id="point"),
        pytest.param(LineString(), id="empty line"),
        pytest.param(None, id="no geometry"),
    ],
)
def test_length_km_of_what_has_no_length(geom) -> None:
    """A point has no length: None, so a map never shows '0 km' for a port."""
    assert measure.length_km(geom) is None


def test_distance_km() -> None:
    assert measure.distance_km(Point(0, 0), Point(1, 0)) == pytest.approx(
        DEGREE_AT_EQUATOR_KM, rel=1e-4
    )


def test_distance_to_geometry_km() -> None:
    """A waypoint 0.01° north of a line on the equator is about 1.1 km from it."""
    line = LineString([(0, 0), (2, 0)])
    assert measure.distance_to_geometry_km(Point(1, 0.01), line) == pytest.approx(1.1057, rel=1e-3)
    assert measure.distance_to_geometry_km(Point(1, 0), line) == 0


@pytest.fixture(scope="module")
def boxes() -> gpd.GeoDataFrame:
    """Three countries side by side along the equator: West [0,1], Middle [1,2], East [2,3]."""
    return gpd.GeoDataFrame(
        {"name": ["West", "Middle", "East"]},
        geometry=[box(0, -1, 1, 1), box(1, -1, 2, 1), box(2, -1, 3, 1)],
        crs="EPSG:4326",
    )


def _names(geom, frame: gpd.GeoDataFrame, **kwargs) -> list[str]:
    return [c.country for c in measure.countries_crossed(geom, frame, **kwargs)]


@pytest.mark.parametrize(
    ("geom", "names"),
    [
        pytest.param(
            LineString([(0.5, 0), (2.5, 0)]), ["West", "Middle", "East"], id="west to east"
        ),
        pytest.param(
            LineString([(2.5, 0), (0.5, 0)]), ["East", "Middle", "West"], id="east to west"
        ),
        pytest.param(
            LineString([(2.5, 0.5), (2.5, 0), (0.5, 0)]),
            ["East", "Middle", "West"],
            id="with a bend",
        ),
        pytest.param(LineString([(1.2, 0), (1.8, 0)]), ["Middle"], id="inside one country"),
        pytest.param(
            MultiLineString([[(0.5, 0), (1.5, 0)], [(1.5, 0), (2.5, 0)]]),
            ["West", "Middle", "East"],
            id="multilinestring in order",
        ),
        pytest.param(LineString([(5, 0), (6, 0)]), [], id="outside every country"),
    ],
)
def test_countries_crossed_in_route_order(geom, names: list[str], boxes) -> None:
    """Countries come in the order the route enters them, whichever way it is drawn."""
    assert _names(geom, boxes) == names


def test_countries_crossed_reports_km_inside_each(boxes) -> None:
    """Each crossing carries the length inside the country, to 0.1 km."""
    crossings = measure.countries_crossed(LineString([(0.5, 0), (2.5, 0)]), boxes)
    assert [c.km for c in crossings] == pytest.approx(
        [DEGREE_AT_EQUATOR_KM / 2, DEGREE_AT_EQUATOR_KM, DEGREE_AT_EQUATOR_KM / 2], abs=0.1
    )


# A route that dips about 2.2 km into Middle and comes back: some 4.5 km inside, both ends in West.
GRAZING = LineString([(0.2, 0), (1.02, 0.05), (0.2, 0.1)])


@pytest.mark.parametrize(
    ("min_km", "names"),
    [
        pytest.param(COUNTRY_MIN_KM, ["West"], id="default 5 km: grazed neighbour left out"),
        pytest.param(1.0, ["West", "Middle"], id="1 km: the same dip counts"),
        pytest.param(500.0, ["West"], id="500 km: the end rule keeps the start country"),
    ],
)
def test_countries_crossed_min_km(min_km: float, names: list[str], boxes) -> None:
    """A route that merely grazes a neighbour does not cross it; the threshold decides."""
    assert _names(GRAZING, boxes, min_km=min_km) == names


@pytest.mark.parametrize(
    ("geom", "names"),
    [
        pytest.param(
            LineString([(0.5, 0), (1.03, 0)]), ["West", "Middle"], id="ends 3 km inside: counted"
        ),
        pytest.param(LineString([(0.5, 0), (1.01, 0)]), ["West"], id="ends 1 km inside: not"),
    ],
)
def test_countries_crossed_end_rule(geom, names: list[str], boxes) -> None:
    """A route that ends clearly inside a country enters it, however short the stretch (a border
    terminal); one that stops at the border line does not."""
    assert _names(geom, boxes) == names


@pytest.mark.parametrize(
    ("point", "names"),
    [
        pytest.param(Point(0.5, 0), ["West"], id="well inside"),
        pytest.param(Point(1.01, 0), ["Middle", "West"], id="1 km from a border: both"),
        pytest.param(Point(3.1, 0), ["East"], id="just offshore: nearest country"),
        pytest.param(Point(4, 0), [], id="far offshore: none"),
    ],
)
def test_point_countries(point: Point, names: list[str], boxes) -> None:
    """A port gets its country with no length; near a border both sides are named, not guessed."""
    crossings = measure.countries_crossed(point, boxes)
    assert [c.country for c in crossings] == names
    assert all(c.km is None for c in crossings)


@pytest.mark.parametrize("piece", [1, 3, 200], ids=["a route a piece", "3 a piece", "one piece"])
def test_measured_in_a_fork_the_same_as_here(piece: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """``parse(concurrent=True)`` (the cold build's child) measures in pieces shared by a forked
    process and this one: the lengths, countries and stretches are those measured here at once,
    bit for bit, and the Dataset built from them pickles to the same bytes."""
    import pickle

    from corridors.geo import parse as parse_module
    from corridors.model import dataset
    from corridors.store import rawdata

    from fixtures import FIXTURE

    monkeypatch.setattr(parse_module, "SHARED_PIECE", piece)
    raw = rawdata.read(FIXTURE)
    here, there = parse_module.parse(raw), parse_module.parse(raw, concurrent=True)
    assert there.lengths_km.tobytes() == here.lengths_km.tobytes()
    assert there.countries == here.countries and any(here.countries)
    assert there.stretches == here.stretches and any(here.stretches)
    built = [dataset.build(raw, p, dataset.validate(raw, parsed=p)) for p in (here, there)]
    assert pickle.dumps(built[1]) == pickle.dumps(built[0])
