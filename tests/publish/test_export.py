"""Exports: each format written and read back, with the citations travelling with the geometry.

A figure must never leave the project without its quote, so every format is read back with an
independent reader (json, csv, GDAL) and compared with the dataset it came from.
"""

from __future__ import annotations

import copy
import csv
import errno
import io
import json
import os
import stat
import xml.etree.ElementTree as ET
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from shapely.geometry import shape

from corridors.model import dataset, join, sources
from corridors.model.dataset import Dataset
from corridors.publish import export
from corridors.schema import KINDS, METHODS, STATUSES
from corridors.store import atomicfile

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
    """join's citations, each with its source named (headline, outlet, date or reference)."""
    return {
        ident: [c | sources.source(ds, c["source"]).names() for c in join.citations(ds, ident)]
        for ident in ds.features.index
    }


def _read_geojson(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["features"]


def _read_gpkg(path: Path) -> list[dict]:
    """Both layers of the GeoPackage (one per geometry type), read back with GDAL."""
    frame = pd.concat([gpd.read_file(path, layer=layer) for layer in ("lines", "points")])
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
    """The claims CSV is the claims table, row for row and cell for cell, then each source named
    as a reader knows it (an article's headline, outlet and date; a reference's title)."""
    with exported["csv"].open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with FIXTURE.claims.open(encoding="utf-8", newline="") as handle:
        original = list(csv.DictReader(handle))
    assert len(fixture_dataset.claims) == len(original)
    assert [{k: r[k] for k in original[0]} for r in rows] == original
    by_id = {r["id"]: r for r in rows}
    assert by_id["cku-cost-004"]["source_title"].startswith("China–Central Asia Summit")
    assert (
        by_id["cacgp-length-ref-a"]["source_url"] == "https://example.org/fixture/pipeline-length"
    )
    assert exported["csv"].read_bytes().count(b"\r\n") == len(rows) + 1  # RFC 4180: CRLF


@pytest.mark.parametrize(
    ("value", "written"),
    [
        pytest.param('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")', id="equals"),
        pytest.param("+1+2", "'+1+2", id="plus"),
        pytest.param("-2+3", "'-2+3", id="minus"),
        pytest.param("@SUM(A1)", "'@SUM(A1)", id="at"),
        pytest.param("\t=1", "'\t=1", id="tab"),
        pytest.param("\r=1", "'\r=1", id="carriage return"),
        pytest.param("a = b", "a = b", id="formula sign inside: left alone"),
        pytest.param("", "", id="empty"),
    ],
)
def test_csv_cell_neutralises_formulas(value: str, written: str) -> None:
    """OWASP's advice: a cell a spreadsheet would run as a formula starts with a single quote."""
    assert export.csv_cell(value) == written


@pytest.mark.parametrize(
    ("note", "raw"),
    [
        pytest.param("a, b", b'"a, b"', id="comma"),
        pytest.param('say "x"', b'"say ""x"""', id="quote"),
        pytest.param("line\nbreak", b'"line\nbreak"', id="LF"),
        pytest.param("lone\rCR", b'"lone\rCR"', id="lone CR"),
        pytest.param("=1+1", b"'=1+1", id="formula"),
    ],
)
def test_csv_quotes_per_rfc4180(fixture_dataset: Dataset, note: str, raw: bytes) -> None:
    """A cell holding a comma, a quote, CR or LF is quoted (a lone CR too), and reads back."""
    ds = copy.deepcopy(fixture_dataset)
    ds.claims.loc["cku-role-001", "note"] = note
    data = export.render(ds, "csv")
    assert raw in data
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))}
    assert rows["cku-role-001"]["note"] == export.csv_cell(note)


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


def test_kml_styles_lines_by_kind_status_and_method(
    exported: dict[str, Path], fixture_dataset: Dataset
) -> None:
    """Each placemark points at a style of its kind, status and method: the kind's colour, the
    method's width and opacity (lighter for a status the map dashes: KML has no dash patterns)."""
    root = ET.parse(exported["kml"]).getroot()
    styles = {s.get("id"): s for s in root.iterfind(".//kml:Style", KML_NS)}
    for mark in root.iterfind(".//kml:Placemark", KML_NS):
        ident = mark.find(".//kml:SimpleData[@name='id']", KML_NS).text
        row = fixture_dataset.features.loc[ident]
        style_id = mark.findtext("kml:styleUrl", "", KML_NS).lstrip("#")
        assert style_id == f"{row['kind']}-{row['status']}-{row['method']}"
        kind, status, method = KINDS[row["kind"]], STATUSES[row["status"]], METHODS[row["method"]]
        opacity = method.opacity * (1 if status.dash is None else export.KML_DASHED_OPACITY)
        rgb = kind.color.lstrip("#").lower()
        colour = f"{round(opacity * 255):02x}{rgb[4:6]}{rgb[2:4]}{rgb[0:2]}"
        assert styles[style_id].findtext(".//kml:color", "", KML_NS) == colour
        if kind.marker == "line":
            assert styles[style_id].findtext(".//kml:width", "", KML_NS) == str(method.weight)


def test_kml_description_keeps_what_the_panel_says(exported: dict[str, Path]) -> None:
    """Qualifiers, notes, the drawing method and note, references and each source's headline."""
    mark = next(p for p in _kml_placemarks(exported["kml"]) if p["id"] == "cku-railway")
    text = mark["Description"]
    assert "drawn: Through sourced stations, within about" in text
    assert "drawing: " in text
    assert "Completion: by 2030" in text  # the qualifier 'by' kept with the figure
    assert "China–Central Asia Summit" in text  # article 004 named by its headline
    assert "note: This article speaks of “the construction of” the railway" in text
    assert "reference: Coordinates of Kashgar https://sco.wikipedia.org/wiki/Kashgar" in text


def _kml_traffic(path: Path) -> str:
    mark = next(p for p in _kml_placemarks(path) if p["id"] == "cacgp-lines-abc")
    return next(line for line in mark["Description"].split("<br>") if "Traffic" in line)


def _citation(features: list[dict], claim: str) -> dict:
    pipeline = next(f for f in features if f["properties"]["id"] == "cacgp-lines-abc")
    return next(c for c in pipeline["properties"]["citations"] if c["claim"] == claim)


def _csv_row(path: Path, claim: str) -> dict:
    with path.open(encoding="utf-8", newline="") as handle:
        return next(r for r in csv.DictReader(handle) if r["id"] == claim)


@pytest.mark.parametrize(
    ("fmt", "read", "expected"),
    [
        pytest.param(
            "geojson",
            lambda p: {
                k: _citation(_read_geojson(p), "cacgp-traffic-901")[k] for k in ("period", "scope")
            },
            {"period": "2025-01/2025-06", "scope": ""},
            id="geojson citation",
        ),
        pytest.param(
            "gpkg",
            lambda p: {
                k: _citation(_read_gpkg(p), "cacgp-traffic-901")[k] for k in ("period", "scope")
            },
            {"period": "2025-01/2025-06", "scope": ""},
            id="gpkg citation",
        ),
        pytest.param(
            "csv",
            lambda p: {k: _csv_row(p, "cacgp-line-d-section-901")[k] for k in ("period", "scope")},
            {"period": "", "scope": "Tajikistan"},
            id="csv columns",
        ),
        pytest.param(
            "kml", _kml_traffic, "Traffic: 20 bcm in January–June 2025", id="kml description"
        ),
    ],
)
def test_exports_carry_period_and_scope(
    exported: dict[str, Path], fmt: str, read, expected: object
) -> None:
    """The period a figure refers to and the part it is about travel with it in every format."""
    assert read(exported[fmt]) == expected


def test_gpkg_has_one_layer_per_geometry_type(exported: dict[str, Path]) -> None:
    """Lines and points in their own layers, so every GIS opens each with one geometry type."""
    layers = dict(pyogrio.list_layers(exported["gpkg"]))
    assert layers == {"lines": "LineString", "points": "Point"}


@pytest.fixture
def with_nul(fixture_dataset: Dataset) -> Dataset:
    """A dataset whose railway name holds a NUL (reading refuses it; a Dataset built otherwise
    may not)."""
    ds = copy.deepcopy(fixture_dataset)
    ds.features.loc["cku-railway", "name"] = "China\x00railway"
    return ds


@pytest.mark.parametrize("fmt", ["gpkg", "kml"])
def test_control_characters_are_refused_not_dropped(fmt: str, with_nul: Dataset) -> None:
    """GeoPackage (through GDAL) and KML (XML 1.0) would lose a NUL: the export is refused."""
    with pytest.raises(export.ExportError) as exc:
        export.render(with_nul, fmt)
    assert str(exc.value) == (
        f"{fmt.upper()} cannot hold the control character U+0000 in feature 'cku-railway' "
        "(name); remove it from the data, or export GeoJSON or CSV"
    )


@pytest.mark.parametrize("fmt", ["geojson", "csv"])
def test_control_characters_survive_where_representable(fmt: str, with_nul: Dataset) -> None:
    """GeoJSON escapes a NUL (\\u0000); CSV keeps the name out of the claims table anyway."""
    data = export.render(with_nul, fmt)
    assert data
    if fmt == "geojson":
        assert b"China\\u0000railway" in data


@pytest.fixture
def previous(tmp_path: Path) -> dict[str, Path]:
    """A complete export of every format, whose bytes a failed export must leave untouched."""
    return {fmt: tmp_path / f"old.{fmt}" for fmt in export.FORMATS}


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_full_disk_leaves_the_old_file(
    fmt: str,
    exported: dict[str, Path],
    fixture_dataset: Dataset,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A write that fails half-way (ENOSPC on flush) leaves the old file byte-identical and no
    temporary file behind; the error is one line."""
    target = tmp_path / f"corridors.{fmt}"
    target.write_bytes(exported[fmt].read_bytes())
    before = target.read_bytes()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomicfile.os, "fsync", full)
    with pytest.raises(export.ExportError) as exc:
        export.write(fixture_dataset, fmt, target)
    assert str(exc.value) == (
        f"cannot write {target}: No space left on device; the previous file is unchanged"
    )
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


def test_export_into_a_folder_is_refused(fixture_dataset: Dataset, tmp_path: Path) -> None:
    with pytest.raises(export.ExportError) as exc:
        export.write(fixture_dataset, "kml", tmp_path)
    assert str(exc.value) == f"cannot write {tmp_path}: it is a folder; name a file inside it"


def test_export_to_an_unwritable_path(fixture_dataset: Dataset, tmp_path: Path) -> None:
    """A folder that cannot be made (a file stands in its place): one line, nothing written."""
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    with pytest.raises(export.ExportError) as exc:
        export.write(fixture_dataset, "csv", blocker / "out.csv")
    assert str(exc.value) == f"cannot write {blocker / 'out.csv'}: Not a directory"
    assert blocker.read_text() == "x"


def test_export_over_a_fifo_is_refused(fixture_dataset: Dataset, tmp_path: Path) -> None:
    """A target that is not a regular file (a FIFO here; /dev/full alike) is never replaced."""
    fifo = tmp_path / "pipe.geojson"
    os.mkfifo(fifo)
    with pytest.raises(export.ExportError) as exc:
        export.write(fixture_dataset, "geojson", fifo)
    assert str(exc.value) == f"cannot write {fifo}: it exists and is not a regular file"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_data_with_errors_is_not_exported(data_copy, tmp_path: Path) -> None:
    """A claims file with a BOM loads with an error and no claims: its export must not silently
    replace a complete one, unless asked (allow_errors)."""
    data_copy.write_bytes(
        "geodata/claims.csv", b"\xef\xbb\xbf" + data_copy.path("geodata/claims.csv").read_bytes()
    )
    ds = dataset.load(data_copy.datadir)
    target = tmp_path / "claims.csv"
    target.write_bytes(b"complete export\r\n")
    with pytest.raises(export.ExportError) as exc:
        export.write(ds, "csv", target)
    assert str(exc.value) == (
        f"the data has {len(ds.errors)} error(s), so the export would lack what is in error; "
        "nothing was written (run `python -m corridors validate`, or pass --allow-errors)"
    )
    assert target.read_bytes() == b"complete export\r\n"
    export.write(ds, "csv", target, allow_errors=True)
    assert target.read_bytes().startswith(b"id,corridor,")


def test_write_keeps_the_file_mode(fixture_dataset: Dataset, tmp_path: Path) -> None:
    """Replacing a file keeps its permissions (the temporary file would be private)."""
    target = tmp_path / "corridors.geojson"
    target.write_text("{}")
    target.chmod(0o644)
    export.write(fixture_dataset, "geojson", target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_every_format_has_a_label_and_a_media_type(fmt: str) -> None:
    """The dashboard's download buttons read these: a new format without them would fail there."""
    assert export.LABELS[fmt] and "/" in export.MEDIA_TYPES[fmt]
    assert set(export.LABELS) == set(export.MEDIA_TYPES) == set(export.FORMATS)
