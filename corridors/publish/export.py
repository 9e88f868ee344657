"""Exports for people who work in other tools: GeoJSON, CSV (the claims), GeoPackage and KML.

Each export carries the citations with the geometry, so a figure never travels without its quote,
and names each source as a reader knows it (headline, outlet and date of an article; title,
publisher and address of a reference), not only by file name.

``render(ds, fmt)`` is the one code path: the dashboard offers its bytes for download, and
``write`` puts the same bytes in a file atomically (corridors.store.atomicfile), so a failed export
leaves the previous file byte-identical. ``write`` refuses a dataset with errors unless told
otherwise: an export of half the data must not silently replace a complete one. Whatever a format
cannot hold is refused with a message, never dropped: control characters in GeoPackage and KML.

CSV follows RFC 4180 (CRLF line ends; a cell holding a comma, a quote, CR or LF is quoted) and
neutralises spreadsheet formulas as OWASP advises: a cell starting with =, +, -, @, tab or CR gets
a leading single quote, so a spreadsheet shows it as text instead of running it.
"""

from __future__ import annotations

import csv
import html
import io
import json
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from ..model import join
from ..model.dataset import CRS, Dataset
from ..model.sources import SOURCE_KEYS, source
from ..schema import (
    CLAIM_COLUMNS,
    FIELDS,
    KINDS,
    METHODS,
    STATUSES,
    field_label,
    format_claim,
    status_label,
)
from ..store import geojsonio
from ..store.atomicfile import WriteError, write_bytes
from ..store.reading import CONTROL

FORMATS = ("geojson", "csv", "gpkg", "kml")
#: What a download button says for each format, and the media type it is served with.
LABELS = {"geojson": "GeoJSON", "csv": "CSV (claims)", "gpkg": "GeoPackage", "kml": "KML"}
MEDIA_TYPES = {
    "geojson": "application/geo+json",
    "csv": "text/csv",
    "gpkg": "application/geopackage+sqlite3",
    "kml": "application/vnd.google-earth.kml+xml",
}

#: Properties of every exported feature, in order.
EXPORT_PROPERTIES = (
    "id",
    "corridor",
    "corridor_name",
    "name",
    "kind",
    "mode",
    "status",
    "method",
    "accuracy_km",
    "measured_length_km",
    "countries",
    "waypoints",
    "drawing",
    "references",
    "citations",
)

#: The claims CSV: the claims table's columns, then how each source is named.
CSV_COLUMNS = (*CLAIM_COLUMNS, *SOURCE_KEYS)

#: Cell starts a spreadsheet reads as a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: GeoPackage layers, one per geometry type.
GPKG_LAYERS = {"lines": ("LineString", "MultiLineString"), "points": ("Point", "MultiPoint")}

KML_NS = "http://www.opengis.net/kml/2.2"

#: KML has no dash patterns: a line of a status the map dashes is drawn this much lighter.
KML_DASHED_OPACITY = 0.6


class ExportError(Exception):
    """An export was refused or could not be written; one line, nothing was changed."""


def citations(ds: Dataset, feature_id: str) -> list[dict[str, str]]:
    """A feature's citations (join.citations) with each source named as a reader knows it."""
    return [c | source(ds, c["source"]).names() for c in join.citations(ds, feature_id)]


def feature_records(ds: Dataset) -> list[dict]:
    """One dict per feature with every exported property (lists kept as lists)."""
    records = []
    for feature_id, row in ds.features.iterrows():
        km = row["measured_length_km"]
        records.append(
            {
                "id": feature_id,
                "corridor": row["corridor"],
                "corridor_name": ds.corridor_name(row["corridor"]),
                "name": row["name"],
                "kind": row["kind"],
                "mode": row["mode"],
                "status": row["status"],
                "method": row["method"],
                "accuracy_km": float(row["accuracy_km"]),
                "measured_length_km": None if km is None or pd.isna(km) else float(km),
                "countries": list(row["countries"]),
                "waypoints": list(row["waypoints"]),
                "drawing": row["drawing"],
                "references": [_reference(ds, r) for r in row["references"]],
                "citations": citations(ds, feature_id),
                "geometry": row.geometry,
            }
        )
    return records


def _reference(ds: Dataset, reference_id: str) -> dict[str, str]:
    """A reference as exports carry it: enough to find it and credit it without this project."""
    if reference_id not in ds.references.index:
        return {"id": reference_id}
    row = ds.references.loc[reference_id]
    return {
        "id": reference_id,
        "title": row["title"],
        "url": row["url"],
        "licence": row["licence"],
        "attribution": row["attribution"],
    }


# --- GeoJSON ---------------------------------------------------------------------------------


def to_geojson(ds: Dataset) -> str:
    features = [
        {
            "type": "Feature",
            "properties": {k: r[k] for k in EXPORT_PROPERTIES},
            "geometry": mapping(r["geometry"]),
        }
        for r in feature_records(ds)
    ]
    features = [json.loads(json.dumps(f)) for f in features]  # tuples to lists
    return geojsonio.dumps(features, EXPORT_PROPERTIES)


# --- CSV -------------------------------------------------------------------------------------


def csv_cell(value: object) -> str:
    """A cell as the CSV carries it: formula starts neutralised with a leading single quote."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(ds: Dataset) -> str:
    """The claims, one row each, with their sources named; RFC 4180, formulas neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CSV_COLUMNS)
    for _, claim in ds.claims.iterrows():
        names = source(ds, claim["source"]).names()
        writer.writerow(
            [csv_cell(claim[c]) for c in CLAIM_COLUMNS] + [csv_cell(names[k]) for k in SOURCE_KEYS]
        )
    return out.getvalue()


# --- GeoPackage ------------------------------------------------------------------------------


def _strings(value: object, where: str) -> list[tuple[str, str]]:
    """Every string inside a value (lists and dicts walked), with where it sits."""
    if isinstance(value, str):
        return [(where, value)]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(v, f"{where}.{k}")]
    if isinstance(value, list):
        return [s for i, v in enumerate(value) for s in _strings(v, f"{where}[{i}]")]
    return []


def _refuse_control(records: list[dict], fmt: str) -> None:
    """GeoPackage (through GDAL) and KML (XML 1.0) cannot hold control characters: refuse."""
    for record in records:
        for key in EXPORT_PROPERTIES:
            for where, text in _strings(record[key], key):
                found = CONTROL.search(text)
                if found:
                    raise ExportError(
                        f"{fmt.upper()} cannot hold the control character "
                        f"U+{ord(found.group()):04X} in feature {record['id']!r} ({where}); "
                        "remove it from the data, or export GeoJSON or CSV"
                    )


def _flat_frame(records: list[dict]) -> gpd.GeoDataFrame:
    """A flat table for formats without lists: list-valued properties become JSON text."""
    flat = []
    for r in records:
        row = dict(r)
        for key in ("countries", "waypoints", "references", "citations"):
            row[key] = json.dumps(row[key], ensure_ascii=False)
        flat.append(row)
    return gpd.GeoDataFrame(flat, columns=[*EXPORT_PROPERTIES, "geometry"], crs=CRS)


def to_gpkg(ds: Dataset) -> bytes:
    """One layer per geometry type ('lines', 'points'), written by GDAL into a private folder."""
    records = feature_records(ds)
    _refuse_control(records, "gpkg")
    frame = _flat_frame(records)
    types = frame.geometry.geom_type
    with tempfile.TemporaryDirectory(prefix="corridors-export-") as tmp:
        path = Path(tmp) / "corridors.gpkg"
        written = False
        try:
            for layer, geom_types in GPKG_LAYERS.items():
                part = frame[types.isin(geom_types)]
                if part.empty:
                    continue
                part.to_file(path, driver="GPKG", layer=layer, engine="pyogrio", append=written)
                written = True
            if not written:  # no feature at all: an empty lines layer, so the file opens
                frame.to_file(path, driver="GPKG", layer="lines", engine="pyogrio")
            return path.read_bytes()
        except (OSError, RuntimeError) as exc:  # GDAL's errors (pyogrio's are RuntimeErrors)
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ExportError(f"GDAL could not write the GeoPackage: {first}") from None


# --- KML -------------------------------------------------------------------------------------


def _kml_color(hex_color: str, opacity: float) -> str:
    """'#aabbcc', 1.0 -> 'ffccbbaa' (KML's aabbggrr)."""
    rgb = hex_color.lstrip("#")
    return f"{round(opacity * 255):02x}{rgb[4:6]}{rgb[2:4]}{rgb[0:2]}".lower()


def _style_id(record: dict) -> str:
    return f"{record['kind']}-{record['status']}-{record['method']}"


def _kml_style(record: dict) -> ET.Element:
    """The look of a kind, status and drawing method: colour by kind, width and opacity by method,
    lighter for a status the map dashes (KML has no dash patterns)."""
    kind, status, method = (
        KINDS[record["kind"]],
        STATUSES[record["status"]],
        METHODS[record["method"]],
    )
    opacity = method.opacity * (1.0 if status.dash is None else KML_DASHED_OPACITY)
    style = ET.Element("Style", id=_style_id(record))
    if kind.marker == "circle":
        icon = ET.SubElement(style, "IconStyle")
        ET.SubElement(icon, "color").text = _kml_color(kind.color, opacity)
    else:
        line = ET.SubElement(style, "LineStyle")
        ET.SubElement(line, "color").text = _kml_color(kind.color, opacity)
        ET.SubElement(line, "width").text = str(method.weight)
    return style


def _kml_description(record: dict) -> str:
    """What the map's popup and panel say, as HTML-escaped lines: KML viewers render it as HTML.

    Status, how the feature was drawn (method, accuracy, the drawing note), its references, and
    each figure with its qualifier, scope and period, quote, source (headline, outlet, date) and
    note.
    """
    method = METHODS.get(record["method"])
    lines = [
        f"{record['corridor_name']} — status: {status_label(record['status'])}",
        f"drawn: {method.label if method else record['method']}, "
        f"within about {record['accuracy_km']:g} km",
    ]
    if record.get("drawing"):
        lines.append(f"drawing: {record['drawing']}")
    lines += [
        f"reference: {r.get('title', r['id'])} {r.get('url', '')}".rstrip()
        + (f" ({r['licence']})" if r.get("licence") else "")
        for r in record["references"]
    ]
    for c in record["citations"]:
        value = (
            format_claim(c)
            if c["field"] in FIELDS
            else c["value"]  # a field outside the schema: its stored value, without a qualifier
        )
        lines.append(f"{field_label(c['field'])}: {value}")
        named = ", ".join(
            part
            for part in (c.get("source_title"), c.get("source_outlet"), c.get("source_date"))
            if part
        )
        lines.append(f"  “{c['quote']}” — {named or c['source']}")
        if c.get("note"):
            lines.append(f"  note: {c['note']}")
    return "<br>".join(html.escape(line) for line in lines)


def _kml_coordinates(coords: object) -> str:
    return " ".join(",".join(repr(float(v)) for v in xy) for xy in coords)


def _kml_geometry(geom: BaseGeometry) -> ET.Element:
    if geom.geom_type == "Point":
        point = ET.Element("Point")
        ET.SubElement(point, "coordinates").text = _kml_coordinates(geom.coords)
        return point
    if geom.geom_type == "LineString":
        line = ET.Element("LineString")
        ET.SubElement(line, "coordinates").text = _kml_coordinates(geom.coords)
        return line
    multi = ET.Element("MultiGeometry")
    for part in getattr(geom, "geoms", []):
        multi.append(_kml_geometry(part))
    return multi


def to_kml(ds: Dataset) -> bytes:
    """A KML document: one style per kind, status and method; one placemark per feature with its
    name, its description (figures and quotes) and every exported property as data.

    Written with the standard library's ElementTree, not a KML library, on purpose (tried for
    issue 17): ElementTree escapes every text and attribute it writes, so no data string can
    break out of its element. simplekml assembles the XML by string formatting: it escapes names
    and descriptions but writes SimpleData values raw (a '<i>' in an id made the document
    unparseable) and passes any ``<![CDATA[...]]>`` in a description through unescaped, the very
    class of bug a library should remove. fastkml keeps styles, descriptions and schema data and
    escapes correctly, but silently ignores a misspelt keyword (a SimpleField given ``type=``
    instead of ``type_=`` vanished from the Schema), writes the Schema after the placemarks, and
    brings two more dependencies (pygeoif, arrow), for no fewer lines than these.
    """
    records = feature_records(ds)
    _refuse_control(records, "kml")
    ET.register_namespace("", KML_NS)
    kml = ET.Element("kml", xmlns=KML_NS)
    doc = ET.SubElement(kml, "Document", id="root_doc")
    schema = ET.SubElement(doc, "Schema", name="corridors", id="corridors")
    for key in EXPORT_PROPERTIES:
        ET.SubElement(schema, "SimpleField", name=key, type="string")
    for style_id in sorted({_style_id(r) for r in records}):
        doc.append(_kml_style(next(r for r in records if _style_id(r) == style_id)))
    folder = ET.SubElement(doc, "Folder")
    ET.SubElement(folder, "name").text = "corridors"
    for record in records:
        mark = ET.SubElement(folder, "Placemark")
        ET.SubElement(mark, "name").text = record["name"]
        ET.SubElement(mark, "description").text = _kml_description(record)
        ET.SubElement(mark, "styleUrl").text = f"#{_style_id(record)}"
        data = ET.SubElement(ET.SubElement(mark, "ExtendedData"), "SchemaData")
        data.set("schemaUrl", "#corridors")
        for key in EXPORT_PROPERTIES:
            value = record[key]
            if isinstance(value, list | dict):
                value = json.dumps(value, ensure_ascii=False)
            ET.SubElement(data, "SimpleData", name=key).text = "" if value is None else str(value)
        mark.append(_kml_geometry(record["geometry"]))
    ET.indent(kml)
    return ET.tostring(kml, encoding="utf-8", xml_declaration=True) + b"\n"


# --- one entry point -------------------------------------------------------------------------


def render(ds: Dataset, fmt: str) -> bytes:
    """One export as bytes: what the CLI writes to a file and the dashboard offers for download."""
    if fmt == "geojson":
        return to_geojson(ds).encode("utf-8")
    if fmt == "csv":
        return to_csv(ds).encode("utf-8")
    if fmt == "gpkg":
        return to_gpkg(ds)
    if fmt == "kml":
        return to_kml(ds)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def write(ds: Dataset, fmt: str, output: Path, allow_errors: bool = False) -> None:
    """Write one export atomically; raise ExportError (one line) and leave the old file as it was.

    A dataset with errors is refused unless ``allow_errors``: it lacks what is in error, and an
    export of it would silently replace a complete one.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if ds.errors and not allow_errors:
        raise ExportError(
            f"the data has {len(ds.errors)} error(s), so the export would lack what is in error; "
            "nothing was written (run `python -m corridors validate`, or pass --allow-errors)"
        )
    data = render(ds, fmt)
    try:
        write_bytes(Path(output), data)
    except WriteError as exc:
        raise ExportError(str(exc)) from None
