"""Exports: each format written and read back, with the citations travelling with the geometry.

A figure must never leave the project without its quote, so every format is read back with an
independent reader (json, csv, GDAL) and compared with the dataset it came from.
"""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import shape

from corridors import dataset, export, join
from corridors.dataset import Dataset
from corridors.schema import METHODS

from fixtures import FIXTURE

KML_NS = {"kml": "http://www.opengis.net/kml/2.2"}
CITATION_KEYS = {"field", "value", "source", "quote"}
with FIXTURE.references.open(encoding="utf-8", newline="") as _handle:
    REFERENCES = {row["id"] for row in csv.DictReader(_handle)}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, fixture_dataset: Dataset) -> dict[str, Path]:
    """Every format written once from the real data."""
    folder = tmp_path_factory.mktemp("export")
    paths = {}
    for fmt in export.FORMATS:
        paths[fmt] = folder / f"corridors.{fmt}"
        export.write(fixture_dataset, fmt, paths[fmt])
    return paths


def _expected_citations(ds: Dataset) -> dict[str, list[dict[str, str]]]:
    return {ident: join.citations(ds, ident) for ident in ds.features.index}


def _read_geojson(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["features"]


def _read_gpkg(path: Path) -> list[dict]:
    frame = gpd.read_file(path, layer="features")
    features = []
    for _, row in frame.iterrows():
        props = {k: row[k] for k in export.EXPORT_PROPERTIES}
        for key in ("countries", "waypoints", "references", "citations"):
            props[key] = json.loads(props[key])  # GeoPackage has no lists: JSON text
        km = props["measured_length_km"]
        props["measured_length_km"] = None if km is None or km != km else float(km)
        features.append({"properties": props, "geometry": row.geometry.__geo_interface__})
    return features


READERS = [
    pytest.param("geojson", _read_geojson, id="geojson"),
    pytest.param("gpkg", _read_gpkg, id="gpkg"),
]


@pytest.mark.parametrize(("fmt", "reader"), READERS)
def test_round_trip_ids_geometry_citations(
    fmt: str, reader, exported: dict[str, Path], fixture_dataset: Dataset
) -> None:
    """Read back: the same features, geometry equal within 1e-6°, the same citations."""
    features = reader(exported[fmt])
    by_id = {f["properties"]["id"]: f for f in features}
    assert sorted(by_id) == sorted(fixture_dataset.features.index)
    citations = _expected_citations(fixture_dataset)
    for ident, feature in by_id.items():
        original = fixture_dataset.features.loc[ident, "geometry"]
        assert shape(feature["geometry"]).equals_exact(original, 1e-6), ident
        assert feature["properties"]["citations"] == citations[ident], ident


@pytest.mark.parametrize(("fmt", "reader"), READERS)
def test_exported_properties(fmt: str, reader, exported: dict[str, Path]) -> None:
    """Every feature carries what a reader needs without the project: identity, status, the
    measured length (null for points), countries as a list and citations with their quotes."""
    for feature in reader(exported[fmt]):
        props = feature["properties"]
        for key in ("id", "corridor", "name", "kind", "status"):
            assert isinstance(props[key], str) and props[key], (props["id"], key)
        if feature["geometry"]["type"] == "Point":
            assert props["measured_length_km"] is None, props["id"]
        else:
            assert props["measured_length_km"] > 0, props["id"]
        assert isinstance(props["countries"], list) and props["countries"], props["id"]
        assert props["method"] in METHODS, props["id"]
        assert props["accuracy_km"] > 0, props["id"]
        assert props["references"], props["id"]
        for reference in props["references"]:
            assert reference["url"].startswith(("https://", "http://")), reference
            assert reference["licence"], reference
        assert props["citations"], props["id"]
        for citation in props["citations"]:
            assert set(citation) >= CITATION_KEYS, citation
            assert citation["quote"].strip()
            assert citation["source"].endswith(".txt") or citation["source"] in REFERENCES


def test_geojson_export_follows_rfc7946(exported: dict[str, Path]) -> None:
    """The export is a plain FeatureCollection: no crs, properties in the documented order."""
    data = json.loads(exported["geojson"].read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    assert "crs" not in data
    for feature in data["features"]:
        assert tuple(feature["properties"]) == export.EXPORT_PROPERTIES


def test_csv_reads_back_to_the_claims(exported: dict[str, Path], fixture_dataset: Dataset) -> None:
    """The claims CSV is the claims table, row for row and cell for cell."""
    with exported["csv"].open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with FIXTURE.claims.open(encoding="utf-8", newline="") as handle:
        original = list(csv.DictReader(handle))
    assert len(fixture_dataset.claims) == len(original)
    assert rows == original


def _kml_placemarks(path: Path) -> list[dict[str, str]]:
    root = ET.parse(path).getroot()
    placemarks = []
    for mark in root.iterfind(".//kml:Placemark", KML_NS):
        data = {d.get("name"): d.text or "" for d in mark.iterfind(".//kml:SimpleData", KML_NS)}
        data["Name"] = mark.findtext("kml:name", "", KML_NS)
        data["Description"] = mark.findtext("kml:description", "", KML_NS)
        placemarks.append(data)
    return placemarks


def test_kml_names_and_ids(exported: dict[str, Path], fixture_dataset: Dataset) -> None:
    """Each placemark is named as the feature is, and carries its id."""
    placemarks = _kml_placemarks(exported["kml"])
    assert sorted(p["id"] for p in placemarks) == sorted(fixture_dataset.features.index)
    for mark in placemarks:
        assert mark["Name"] == fixture_dataset.features.loc[mark["id"], "name"]
        assert "status: " in mark["Description"]


def test_kml_reads_back_with_gdal(exported: dict[str, Path], fixture_dataset: Dataset) -> None:
    """Other GIS tools can open the KML: GDAL reads every placemark with its geometry."""
    frame = gpd.read_file(exported["kml"])
    assert sorted(frame["Name"]) == sorted(fixture_dataset.features["name"])
    assert set(frame.geometry.geom_type) == set(fixture_dataset.features.geometry.geom_type)


SCRIPT = "<script>alert('x')</script> & co"


def test_kml_description_is_html_escaped() -> None:
    """KML viewers render the description as HTML: a quote must show as text, never run."""
    record = {
        "corridor_name": "Route <b>1</b>",
        "status": "planned",
        "method": "stations",
        "accuracy_km": 20.0,
        "references": [{"id": "r", "title": "Ref <i>x</i>", "url": "https://example.org/"}],
        "citations": [
            {"field": "role", "value": SCRIPT, "unit": "", "quote": SCRIPT, "source": "a.txt"}
        ],
    }
    description = export._kml_description(record)
    assert "<script>" not in description and "<b>" not in description
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co" in description
    assert "Route &lt;b&gt;1&lt;/b&gt;" in description
    assert "Ref &lt;i&gt;x&lt;/i&gt;" in description
    assert description.count("<br>") == 4  # the only markup: the line breaks


def test_kml_with_markup_in_names(data_copy, tmp_path: Path) -> None:
    """Markup planted in a feature and a corridor name reaches the KML as text: the name exactly as
    written (XML-escaped by the writer) and the description HTML-escaped."""
    data_copy.edit_feature(
        "geodata/features/cku-railway.geojson",
        "cku-railway",
        lambda f: f["properties"].__setitem__("name", SCRIPT),
    )
    data_copy.edit_row("geodata/corridors.csv", "id", "cku-railway", name=SCRIPT)
    ds = dataset.load(data_copy.datadir)
    assert ds.errors == []
    output = tmp_path / "out.kml"
    export.write(ds, "kml", output)
    mark = next(p for p in _kml_placemarks(output) if p["id"] == "cku-railway")
    assert mark["Name"] == SCRIPT
    assert "<script>" not in mark["Description"]
    assert "&lt;script&gt;" in mark["Description"]


def test_unknown_format_is_refused(fixture_dataset: Dataset, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown format 'shp'"):
        export.write(fixture_dataset, "shp", tmp_path / "x.shp")


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_render_is_what_write_writes(
    fmt: str, exported: dict[str, Path], fixture_dataset: Dataset
) -> None:
    """The dashboard's downloads and the CLI's files come from the same code."""
    data = export.render(fixture_dataset, fmt)
    if fmt in ("geojson", "csv", "kml"):
        assert data == exported[fmt].read_bytes()
    else:  # a GeoPackage embeds timestamps: compare what it holds
        assert data[:16] == b"SQLite format 3\x00"
