"""The validator, rule by rule: one labelled broken copy of the real data per rule.

Each case copies geodata/ and seeds/ to a temporary folder, applies one small mutation and checks
that the validator names the problem where a curator would look for it (level, file, id, line) and
says what is wrong in words. Starting from the real data keeps the fixtures honest: a rule is tested
against the data it guards, and a clean copy is shown to pass.
"""

from __future__ import annotations

import copy as copy_module
import dataclasses
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pytest

from corridors import cli
from corridors.geo.parse import parse
from corridors.model import dataset
from corridors.problems import Problem
from corridors.schema import CLAIM_COLUMNS
from corridors.store import rawdata, reading
from corridors.validate import CHECKS, validate

from fixtures import FIXTURE

if TYPE_CHECKING:
    from conftest import DataCopy

CKU = "geodata/features/cku-railway.geojson"
CACGP = "geodata/features/cacgp.geojson"
TITR = "geodata/features/titr.geojson"
KHORGOS = "geodata/features/khorgos-dry-port.geojson"
LYG = "geodata/features/lianyungang-port.geojson"
CLAIMS = "geodata/claims.csv"
CORRIDORS = "geodata/corridors.csv"
WAYPOINTS = "geodata/waypoints.csv"
SOURCES = "seeds/sources.csv"
REFERENCES = "geodata/references.csv"
ANCHORS = "geodata/anchors.csv"
BOUNDARIES = "geodata/boundaries.geojson"
S000 = "000_9433e71b893593d6.txt"
S001 = "001_6257ba8c1d36bd59.txt"
S004 = "004_dc699da55f7d4812.txt"


@dataclass(frozen=True)
class Expect:
    """One problem the validator must report: level, file, id and the exact message; the line
    when given, and a hint that contains ``hint``."""

    file: str
    id: str
    message: str
    level: str = "error"
    line: int | None = None
    hint: str = ""

    def matches(self, p: Problem) -> bool:
        return (
            p.level == self.level
            and p.file == self.file
            and p.id == self.id
            and p.message == self.message
            and (self.line is None or p.line == self.line)
            and self.hint in p.hint
        )


Mutation = Callable[["DataCopy"], None]


# --- mutations that need more than one line --------------------------------------------------


def set_geometry(rel: str, feature_id: str, geometry: dict | None) -> Mutation:
    return lambda c: c.edit_feature(rel, feature_id, lambda f: f.__setitem__("geometry", geometry))


def set_coords(rel: str, feature_id: str, coords: list) -> Mutation:
    return lambda c: c.edit_feature(
        rel, feature_id, lambda f: f["geometry"].__setitem__("coordinates", coords)
    )


def set_prop(rel: str, feature_id: str, key: str, value: object) -> Mutation:
    return lambda c: c.edit_feature(
        rel, feature_id, lambda f: f["properties"].__setitem__(key, value)
    )


def drop_prop(rel: str, feature_id: str, key: str) -> Mutation:
    return lambda c: c.edit_feature(rel, feature_id, lambda f: f["properties"].pop(key))


def edit_claim(claim_id: str, **changes: str) -> Mutation:
    return lambda c: c.edit_row(CLAIMS, "id", claim_id, **changes)


def edit_waypoint(waypoint_id: str, **changes: str) -> Mutation:
    return lambda c: c.edit_row(WAYPOINTS, "id", waypoint_id, **changes)


def status_first(c: DataCopy) -> None:
    def reorder(f: dict) -> None:
        props = f["properties"]
        f["properties"] = {"status": props["status"]} | {k: v for k, v in props.items()}

    c.edit_feature(CKU, "cku-railway", reorder)


def swap_lat_lon(c: DataCopy) -> None:
    c.edit_feature(
        CKU,
        "cku-railway",
        lambda f: f["geometry"].__setitem__(
            "coordinates", [[lat, lon] for lon, lat in f["geometry"]["coordinates"]]
        ),
    )


def too_precise(c: DataCopy) -> None:
    c.edit_feature(
        CKU, "cku-railway", lambda f: f["geometry"]["coordinates"][0].__setitem__(0, 75.98330001)
    )


def sea_leg_across_land(c: DataCopy) -> None:
    """The Caspian crossing drawn straight from Aktau to Alat, across the Absheron Peninsula."""

    def straight(f: dict) -> None:
        f["geometry"]["coordinates"] = [[51.15, 43.65], [49.4067, 39.9483]]
        f["properties"]["waypoints"] = ["aktau", "alat"]

    c.edit_feature(TITR, "titr-caspian-crossing", straight)


def drop_claims_of(corridor: str) -> Mutation:
    return lambda c: c.edit_rows(
        CLAIMS,
        lambda rows: rows.__setitem__(slice(None), [r for r in rows if r["corridor"] != corridor]),
    )


def duplicate_claim(c: DataCopy) -> None:
    def copy(rows: list[dict[str, str]]) -> None:
        original = next(r for r in rows if r["id"] == "cku-cost-004")
        rows.append(original | {"id": "cku-cost-004-copy"})

    c.edit_rows(CLAIMS, copy)


def drop_claims_of_source(source: str) -> Mutation:
    return lambda c: c.edit_rows(
        CLAIMS,
        lambda rows: rows.__setitem__(slice(None), [r for r in rows if r["source"] != source]),
    )


def drop_claims_of_corridor(corridor: str) -> Mutation:
    return lambda c: c.edit_rows(
        CLAIMS,
        lambda rows: rows.__setitem__(slice(None), [r for r in rows if r["corridor"] != corridor]),
    )


def add_corridor(c: DataCopy) -> None:
    c.edit_rows(
        CORRIDORS,
        lambda rows: rows.append(
            {"id": "tapi", "name": "TAPI gas pipeline", "mapped": "yes", "summary": "Not drawn."}
        ),
    )


def add_part_of_part(c: DataCopy) -> None:
    """A section of Line D named a part of Line D, which is itself a part of the pipeline."""
    c.edit_rows(
        CORRIDORS,
        lambda rows: rows.append(
            {
                "id": "cacgp-line-d-tj",
                "name": "Line D in Tajikistan",
                "mapped": "no",
                "part_of": "cacgp-line-d",
                "summary": "Test data.",
            }
        ),
    )


def oversize(c: DataCopy) -> None:
    """The limit is lowered rather than writing 64 MiB; the content would not even parse."""
    c.monkeypatch.setattr(
        reading, "FEATURE_FILE", dataclasses.replace(reading.FEATURE_FILE, max_bytes=16 * 1024)
    )
    c.write_text(CKU, "{" * 30_000)


def rename_seed(c: DataCopy) -> None:
    c.path(f"seeds/{S000}").rename(c.path("seeds/000_renamed.txt"))


def remove_feature_files(c: DataCopy) -> None:
    for path in c.datadir.features.glob("*.geojson"):
        path.unlink()


def replace_by(rel: str, make: Callable[[Path], None]) -> Mutation:
    """Replace a data file by something else (a link, a FIFO, a folder, a sparse file)."""

    def apply(c: DataCopy) -> None:
        path = c.path(rel)
        path.unlink()
        make(path)

    return apply


def link_to(target: str) -> Callable[[Path], None]:
    return lambda path: os.symlink(target, path)


def sparse(size: int) -> Callable[[Path], None]:
    """A file of ``size`` bytes written in no time (a hole), for the size limits."""

    def make(path: Path) -> None:
        with path.open("wb") as handle:
            handle.truncate(size)

    return make


def nested(depth: int) -> str:
    return '{"type": "FeatureCollection", "features": ' + "[" * depth + "]" * depth + "}"


def set_coordinate_text(text: str) -> Mutation:
    """Put raw JSON text (NaN, Infinity, 1e999) in the first position of the CKU line."""
    return lambda c: c.replace(CKU, "[75.9833, 39.4667]", f"[{text}, 39.4667]")


def edit_boundaries(edit: Callable[[dict], None]) -> Mutation:
    return lambda c: c.edit_json(BOUNDARIES, lambda d: edit(d["features"][0]))


def truncate_boundaries(c: DataCopy) -> None:
    c.write_bytes(BOUNDARIES, c.path(BOUNDARIES).read_bytes()[:1000])


def append_text(rel: str, text: str) -> Mutation:
    return lambda c: c.write_text(rel, c.read_text(rel) + text)


def empty_id_and_bad_cost(c: DataCopy) -> None:
    c.edit_row(CLAIMS, "id", "cku-cost-004", id="", value="eight billion")


def long_misquote(c: DataCopy) -> None:
    """300 words of article 001, true but for one word: a long quote with one wrong word."""
    words = c.read_text(f"seeds/{S001}").split()[200:500]
    assert words[150] == "in"
    words[150] = "Beijing"
    c.edit_row(CLAIMS, "id", "cku-name-001", quote=" ".join(words))


# --- the table -------------------------------------------------------------------------------

CASES = [
    # files
    pytest.param(
        lambda c: c.replace(
            CKU, '"type": "Feature", "properties"', '"type": "Feature" "properties"'
        ),
        Expect(CKU, "", "invalid JSON at line 4, column 24: Expecting ',' delimiter", line=4),
        id="invalid JSON",
    ),
    pytest.param(
        lambda c: c.write_text(CKU, ""), Expect(CKU, "", "file is empty"), id="empty file"
    ),
    pytest.param(
        lambda c: c.write_bytes(CKU, b"\xef\xbb\xbf" + c.path(CKU).read_bytes()),
        Expect(CKU, "", "file starts with a UTF-8 byte-order mark"),
        id="UTF-8 BOM",
    ),
    pytest.param(
        lambda c: c.replace_bytes(CKU, b'"name": "China', b'"name": "Chin\xe0'),
        Expect(CKU, "", "not UTF-8: byte 0xe0 at byte 149", line=4),
        id="Latin-1 bytes",
    ),
    pytest.param(
        lambda c: c.write_text(CKU, "[]\n"),
        Expect(CKU, "", "the file holds a JSON array, not a FeatureCollection object"),
        id="JSON array",
    ),
    pytest.param(
        lambda c: c.write_text(CKU, "null\n"),
        Expect(CKU, "", "the file holds a JSON null, not a FeatureCollection object"),
        id="JSON null (found by fuzzing: once silently skipped)",
    ),
    pytest.param(
        lambda c: c.write_text(BOUNDARIES, "null\n"),
        Expect(BOUNDARIES, "", "not a FeatureCollection of countries"),
        id="boundaries holding JSON null",
    ),
    pytest.param(
        lambda c: c.write_text(CKU, '{"type": "Feature", "properties": {}, "geometry": null}\n'),
        Expect(CKU, "", "type is 'Feature', not 'FeatureCollection'"),
        id="bare Feature",
    ),
    pytest.param(
        lambda c: c.write_text(CKU, '{"type": "FeatureCollection", "features": 5}\n'),
        Expect(CKU, "", "'features' is not a list"),
        id="features not a list",
    ),
    pytest.param(
        lambda c: c.edit_json(
            CKU,
            lambda d: d.__setitem__(
                "crs", {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}
            ),
        ),
        Expect(CKU, "", "has a 'crs' member, which RFC 7946 removed"),
        id="crs member",
    ),
    pytest.param(
        oversize,
        Expect(
            CKU, "", "feature file is 29.3 KiB, over the 16 KiB limit for feature files; not read"
        ),
        id="file over the size limit",
    ),
    pytest.param(
        lambda c: c.replace(CKU, '"kind": "railway"', '"kind": "railway", "kind": "port"'),
        Expect(CKU, "", "duplicate JSON key 'kind'"),
        id="duplicate JSON key",
    ),
    pytest.param(
        remove_feature_files,
        Expect("geodata/features", "", "no *.geojson feature files found"),
        id="zero feature files",
    ),
    pytest.param(
        lambda c: c.edit_json(CKU, lambda d: d["features"].append(5)),
        Expect(CKU, "#1", "item is not a GeoJSON Feature"),
        id="item not a Feature",
    ),
    # feature properties
    pytest.param(
        lambda c: c.edit_feature(CKU, "cku-railway", lambda f: f.__setitem__("properties", 5)),
        Expect(CKU, "#0", "the feature has no properties object"),
        id="properties not an object",
    ),
    pytest.param(
        drop_prop(CKU, "cku-railway", "id"), Expect(CKU, "#0", "missing id"), id="missing id"
    ),
    pytest.param(
        set_prop(CKU, "cku-railway", "id", "CKU_Railway"),
        Expect(CKU, "CKU_Railway", "id 'CKU_Railway' is not lowercase letters, digits and '-'"),
        id="id not lowercase",
    ),
    pytest.param(
        set_prop(LYG, "lianyungang-port", "id", "cku-railway"),
        Expect(LYG, "cku-railway", "duplicate id 'cku-railway'"),
        id="duplicate id across files",
    ),
    pytest.param(
        set_prop(CKU, "cku-railway", "kind", "canal"),
        Expect(
            CKU, "cku-railway", "unknown kind 'canal'", hint="railway, pipeline, corridor, port"
        ),
        id="unknown kind",
    ),
    pytest.param(
        set_prop(CKU, "cku-railway", "status", "closed"),
        Expect(CKU, "cku-railway", "unknown status 'closed'"),
        id="unknown status",
    ),
    pytest.param(
        set_prop(CKU, "cku-railway", "mode", "hyperloop"),
        Expect(CKU, "cku-railway", "unknown mode 'hyperloop'"),
        id="unknown mode",
    ),
    pytest.param(
        set_prop(CKU, "cku-railway", "colour", "red"),
        Expect(CKU, "cku-railway", "unknown property ['colour']"),
        id="unknown property",
    ),
    pytest.param(
        drop_prop(CKU, "cku-railway", "drawing"),
        Expect(CKU, "cku-railway", "missing properties ['drawing']"),
        id="missing property",
    ),
    pytest.param(
        status_first,
        Expect(CKU, "cku-railway", "properties are not in the fixed order", level="warning"),
        id="properties out of order",
    ),
    pytest.param(
        set_prop(CKU, "cku-railway", "corridor", "silk-road"),
        Expect(CKU, "cku-railway", "corridor 'silk-road' is not in corridors.csv"),
        id="feature in an unknown corridor",
    ),
    # geometry
    pytest.param(
        set_geometry(CKU, "cku-railway", {"type": "Point", "coordinates": [75.9833, 39.4667]}),
        Expect(
            CKU, "cku-railway", "a railway must be a LineString or MultiLineString, not a Point"
        ),
        id="Point for a railway",
    ),
    pytest.param(
        set_geometry(
            KHORGOS,
            "khorgos-dry-port",
            {"type": "LineString", "coordinates": [[80.38, 44.2222], [80.4097, 44.2125]]},
        ),
        Expect(KHORGOS, "khorgos-dry-port", "a port must be a Point, not a LineString"),
        id="LineString for a port",
    ),
    pytest.param(
        set_geometry(CKU, "cku-railway", None),
        Expect(CKU, "cku-railway", "the feature has no geometry object"),
        id="no geometry",
    ),
    pytest.param(
        set_coords(CKU, "cku-railway", []),
        Expect(CKU, "cku-railway", "the geometry is empty"),
        id="empty coordinates",
    ),
    pytest.param(
        set_coords(CKU, "cku-railway", [[75.9833, 39.4667]]),
        Expect(CKU, "cku-railway", "a line has fewer than two points"),
        id="LineString with one point",
    ),
    pytest.param(
        set_coords(CKU, "cku-railway", [[75.9833, 39.4667], [75.9833, 39.4667]]),
        Expect(CKU, "cku-railway", "a line has fewer than two distinct points"),
        id="LineString with one point twice",
    ),
    pytest.param(
        set_coords(CKU, "cku-railway", [[75, 39.5], [76, 40.5], [76, 39.5], [75, 40.5]]),
        Expect(CKU, "cku-railway", "the line crosses itself near [75.5000, 40.0000]"),
        id="self-intersecting line",
    ),
    pytest.param(
        set_coords(CKU, "cku-railway", [[275.9833, 39.4667], [75.4272, 40.5925]]),
        Expect(
            CKU,
            "cku-railway",
            "1 position(s) out of range (longitude ±180, latitude ±90), e.g. [275.9833, 39.4667]",
        ),
        id="coordinates out of range",
    ),
    pytest.param(
        swap_lat_lon,
        Expect(
            CKU,
            "cku-railway",
            "6 position(s) look like latitude and longitude swapped, e.g. [39.4667, 75.9833]",
        ),
        id="swapped lat/lon",
    ),
    pytest.param(
        set_coords(CKU, "cku-railway", [[2.3522, 48.8566], [13.405, 52.52]]),
        Expect(
            CKU,
            "cku-railway",
            "2 position(s) far outside the mapped region (lon 25.0..125.0, lat 30.0..56.0), e.g. [2.3522, 48.8566]",
        ),
        id="route far outside the region",
    ),
    pytest.param(
        too_precise,
        Expect(CKU, "cku-railway", "1 position(s) have more than 6 decimals"),
        id="more than 6 decimals",
    ),
    # waypoints of features
    pytest.param(
        lambda c: c.replace(CKU, '"kazarman"', '"makmal"'),
        Expect(CKU, "cku-railway", "waypoint 'makmal' is not in waypoints.csv"),
        id="waypoint not in waypoints.csv",
    ),
    pytest.param(
        edit_waypoint("kazarman", lat="41.9069"),
        Expect(
            CKU,
            "cku-railway",
            "waypoint 'kazarman' lies 55.5 km from the drawn geometry (tolerance 2.0 km)",
        ),
        id="waypoint far from the line",
    ),
    pytest.param(
        sea_leg_across_land,
        Expect(
            TITR,
            "titr-caspian-crossing",
            "the sea leg crosses 58 km of land, e.g. near [49.492, 40.129]",
        ),
        id="sea leg crossing land",
    ),
    # features against claims
    pytest.param(
        set_prop(CKU, "cku-railway", "status", "operating"),
        Expect(
            CKU,
            "cku-railway",
            "status 'operating' differs from the claimed ['planned', 'under_construction']",
        ),
        id="status not matching claims",
    ),
    pytest.param(
        # 004 and 005 (the two whole-system 'planned' readings) both made a section's
        lambda c: [
            edit_claim(i, scope="Kyrgyzstan")(c) for i in ("cku-status-004", "cku-status-005")
        ],
        Expect(
            CKU, "cku-railway", "status 'planned' differs from the claimed ['under_construction']"
        ),
        id="status drawn from a section's claim",
    ),
    pytest.param(
        set_prop(LYG, "lianyungang-port", "status", "operating"),
        Expect(LYG, "lianyungang-port", "status 'operating' is not stated by any claim"),
        id="status no claim states",
    ),
    pytest.param(
        drop_claims_of("lianyungang-port"),
        Expect(LYG, "lianyungang-port", "no claim cites this feature"),
        id="feature with no claims",
    ),
    pytest.param(
        add_corridor, Expect(CORRIDORS, "tapi", "corridor has no feature"), id="corridor not drawn"
    ),
    pytest.param(
        lambda c: c.edit_row(CORRIDORS, "id", "kg-north-south-highway", mapped="yes"),
        Expect(CORRIDORS, "kg-north-south-highway", "corridor has no feature"),
        id="mentioned corridor marked mapped",
    ),
    pytest.param(
        lambda c: c.edit_row(CORRIDORS, "id", "cku-railway", mapped="no"),
        Expect(CORRIDORS, "cku-railway", "corridor is drawn but marked mapped 'no'"),
        id="drawn corridor marked not mapped",
    ),
    pytest.param(
        lambda c: c.edit_row(CORRIDORS, "id", "cku-railway", mapped="maybe"),
        Expect(CORRIDORS, "cku-railway", "mapped 'maybe' is not one of yes, no"),
        id="mapped not yes or no",
    ),
    pytest.param(
        drop_claims_of_corridor("kg-north-south-highway"),
        Expect(
            CORRIDORS,
            "kg-north-south-highway",
            "a corridor that is only mentioned needs the claim that mentions it",
        ),
        id="mentioned corridor without its claim",
    ),
    pytest.param(
        lambda c: c.edit_row(CORRIDORS, "id", "cku-railway", id="cku,railway"),
        Expect(
            CORRIDORS, "cku,railway", "id 'cku,railway' is not lowercase letters, digits and '-'"
        ),
        id="corridor id with a comma",
    ),
    # parts of a system (Line D of the gas pipeline)
    pytest.param(
        lambda c: c.edit_row(CORRIDORS, "id", "cacgp-line-d", part_of="nowhere"),
        Expect(CORRIDORS, "cacgp-line-d", "part_of 'nowhere' is not a corridor in corridors.csv"),
        id="part of an unknown corridor",
    ),
    pytest.param(
        lambda c: c.edit_row(CORRIDORS, "id", "cacgp-line-d", part_of="cacgp-line-d"),
        Expect(CORRIDORS, "cacgp-line-d", "corridor is named a part of itself"),
        id="part of itself",
    ),
    pytest.param(
        add_part_of_part,
        Expect(
            CORRIDORS,
            "cacgp-line-d-tj",
            "part_of 'cacgp-line-d' is itself a part of 'cacgp'",
            hint="name the whole system, 'cacgp'",
        ),
        id="part of a part",
    ),
    pytest.param(
        lambda c: c.edit_row(CORRIDORS, "id", "cacgp-line-d", mapped="yes"),
        Expect(CORRIDORS, "cacgp-line-d", "corridor has no feature"),
        id="part not drawn marked mapped",
    ),
    # provenance: how each feature was drawn
    pytest.param(
        set_prop(CKU, "cku-railway", "method", "guessed"),
        Expect(CKU, "cku-railway", "unknown method 'guessed'", hint="traced, stations"),
        id="unknown drawing method",
    ),
    pytest.param(
        set_prop(LYG, "lianyungang-port", "method", "traced"),
        Expect(LYG, "lianyungang-port", "method 'traced' does not fit a Point", hint="located"),
        id="line method on a point",
    ),
    pytest.param(
        set_prop(CKU, "cku-railway", "accuracy_km", "about 50"),
        Expect(CKU, "cku-railway", "accuracy_km 'about 50' is not a positive number of km"),
        id="accuracy not a number",
    ),
    pytest.param(
        set_prop(CKU, "cku-railway", "accuracy_km", 0),
        Expect(CKU, "cku-railway", "accuracy_km 0 is not a positive number of km"),
        id="accuracy zero",
    ),
    pytest.param(
        set_prop(CKU, "cku-railway", "references", []),
        Expect(CKU, "cku-railway", "references must be a non-empty list of reference ids"),
        id="no references",
    ),
    pytest.param(
        set_prop(CKU, "cku-railway", "references", ["nowhere"]),
        Expect(CKU, "cku-railway", "reference 'nowhere' is not in references.csv"),
        id="unknown reference",
    ),
    pytest.param(
        lambda c: c.edit_feature(
            CKU, "cku-railway", lambda f: f["geometry"]["coordinates"].insert(1, [75.0, 40.0])
        ),
        Expect(
            CKU,
            "cku-railway",
            "vertex [75.0, 40.0] is 75.2 km from every listed waypoint, but the method "
            "'stations' draws only through waypoints",
        ),
        id="station line with a vertex that is no station",
    ),
    pytest.param(
        lambda c: c.edit_row(REFERENCES, "id", "fixture-rail-line", url="example.org/x"),
        Expect(REFERENCES, "fixture-rail-line", "reference has no web address"),
        id="reference without address",
    ),
    pytest.param(
        lambda c: c.edit_row(REFERENCES, "id", "fixture-rail-line", licence=""),
        Expect(REFERENCES, "fixture-rail-line", "reference has no licence"),
        id="reference without licence",
    ),
    pytest.param(
        lambda c: c.edit_rows(
            REFERENCES,
            lambda rows: rows.append(rows[-1] | {"id": "unused-ref"}),
        ),
        Expect(REFERENCES, "unused-ref", "reference is used by no feature or claim", "warning"),
        id="reference nobody cites",
    ),
    # claims
    pytest.param(
        edit_claim("cku-role-001", corridor="nowhere"),
        Expect(CLAIMS, "cku-role-001", "unknown corridor 'nowhere'", line=16),
        id="claim in unknown corridor",
    ),
    pytest.param(
        edit_claim("cku-role-001", source="999_nowhere.txt"),
        Expect(CLAIMS, "cku-role-001", "unknown source '999_nowhere.txt'", line=16),
        id="claim cites unknown source file",
    ),
    pytest.param(
        edit_claim("cacgp-name-001", feature="cku-railway"),
        Expect(
            CLAIMS, "cacgp-name-001", "feature 'cku-railway' is not a feature of corridor 'cacgp'"
        ),
        id="claim names another corridor's feature",
    ),
    pytest.param(
        edit_claim("cku-role-001", quote=""),
        Expect(CLAIMS, "cku-role-001", "empty quote"),
        id="empty quote",
    ),
    pytest.param(
        edit_claim(
            "cku-cost-004",
            quote="On top of the summit agenda was a planned $9 billion railway project",
        ),
        Expect(
            CLAIMS,
            "cku-cost-004",
            f"quote not found verbatim in {S004}; closest passage (92% alike): "
            "'On top of the summit agenda was a planned $8 billion railway project': "
            "source has '$8' where the quote has '$9'",
        ),
        id="quote not found: changed word",
    ),
    pytest.param(
        edit_claim(
            "cku-completion-004", quote="The project will kickstart month and will be completed"
        ),
        Expect(
            CLAIMS,
            "cku-completion-004",
            f"quote not found verbatim in {S004}; closest passage (95% alike): "
            "'The project will kickstart next month and will be completed': "
            "source has 'next' that the quote leaves out",
        ),
        id="quote not found: dropped word",
    ),
    pytest.param(
        edit_claim("cku-completion-004", value="20x0"),
        Expect(
            CLAIMS,
            "cku-completion-004",
            "completion_date value does not parse: '20x0' is not a year (2030), a month "
            "(2025-07), a day (2019-05-05) or a decade (1990s)",
        ),
        id="year does not parse",
    ),
    pytest.param(
        edit_claim("cacgp-length-001", value="-5"),
        Expect(
            CLAIMS,
            "cacgp-length-001",
            "length value does not parse: '-5' is not a positive finite number",
        ),
        id="negative length",
    ),
    pytest.param(
        edit_claim("cacgp-length-001", unit="miles"),
        Expect(CLAIMS, "cacgp-length-001", "unit 'miles' is not allowed for length", hint="'km'"),
        id="unknown unit",
    ),
    pytest.param(
        edit_claim("cku-role-001", field="gauge"),
        Expect(CLAIMS, "cku-role-001", "unknown field 'gauge'"),
        id="unknown field",
    ),
    pytest.param(
        duplicate_claim,
        Expect(CLAIMS, "cku-cost-004-copy", "duplicate of claim 'cku-cost-004'"),
        id="duplicate claim",
    ),
    pytest.param(
        edit_claim("cku-name-002", id="cku-name-001"),
        Expect(CLAIMS, "cku-name-001", "duplicate id", line=4),
        id="duplicate claim id",
    ),
    pytest.param(
        edit_claim("cku-name-002", id=""),
        Expect(CLAIMS, "", "claim with no id", line=4),
        id="claim with no id",
    ),
    pytest.param(
        lambda c: c.replace(CLAIMS, ",qualifier,", ",qualifiers,"),
        Expect(
            CLAIMS,
            "",
            "header is not ['id', 'corridor', 'feature', 'field', 'value', 'unit', 'qualifier', "
            "'period', 'scope', 'source', 'quote', 'note']: missing ['qualifier']; unknown "
            "['qualifiers']; the table is not read",
            line=1,
        ),
        id="claims header renamed",
    ),
    pytest.param(
        lambda c: c.replace(
            CLAIMS, "Initially proposed in the 1990s,\n", "Initially proposed in the 1990s,,x\n"
        ),
        Expect(CLAIMS, "cku-proposed-003", "row has 1 more cell(s) than the header"),
        id="row with an extra cell",
    ),
    pytest.param(
        lambda c: c.replace(
            CLAIMS, "Initially proposed in the 1990s,\n", "Initially proposed in the 1990s\n"
        ),
        Expect(CLAIMS, "cku-proposed-003", "row has 1 fewer cell(s) than the header (no note)"),
        id="row with a missing cell",
    ),
    pytest.param(
        edit_claim("cacgp-length-001", note=""),
        Expect(
            CLAIMS, "cacgp-length-001", "claimed length 3666 km, measured 1586 km", level="warning"
        ),
        id="length far from measured without note",
    ),
    pytest.param(
        edit_claim("cacgp-length-ref-a", value="3666", note=""),
        Expect(
            CLAIMS,
            "cacgp-length-ref-a",
            "claimed length 3666 km, cacgp-lines-abc measured 1586 km",
            level="warning",
        ),
        id="length of one line far from that line without note",
    ),
    # the new claim fields: their values, periods and scopes
    pytest.param(
        edit_claim("cacgp-traffic-901", period="2025-13"),
        Expect(
            CLAIMS,
            "cacgp-traffic-901",
            "period does not parse: '2025-13' is not a year (2024), a month (2025-06), a day "
            "(2025-06-18) or an interval (2025-01/2025-06)",
            line=45,
        ),
        id="period does not parse",
    ),
    pytest.param(
        edit_claim("cacgp-traffic-901", period="2025-06/2025-01"),
        Expect(
            CLAIMS,
            "cacgp-traffic-901",
            "period does not parse: '2025-06/2025-01' starts after it ends",
        ),
        id="period ending before it starts",
    ),
    pytest.param(
        edit_claim("cacgp-traffic-901", period="2025-02-29"),
        Expect(
            CLAIMS,
            "cacgp-traffic-901",
            "period does not parse: '2025-02-29' is not a year (2024), a month (2025-06), a day "
            "(2025-06-18) or an interval (2025-01/2025-06)",
        ),
        id="period on a day the calendar lacks",
    ),
    pytest.param(
        edit_claim("cacgp-traffic-901", period=""),
        Expect(
            CLAIMS,
            "cacgp-traffic-901",
            "traffic needs a period: the date or period the value refers to",
            hint="2025-01/2025-06",
        ),
        id="traffic without its period",
    ),
    pytest.param(
        edit_claim("cacgp-traffic-901", field="target", unit="bcm/year", period=""),
        Expect(
            CLAIMS,
            "cacgp-traffic-901",
            "target needs a period: the date or period the value refers to",
            hint="the target year",
        ),
        id="target without its year",
    ),
    pytest.param(
        edit_claim("cacgp-line-d-section-901", scope=""),
        Expect(
            CLAIMS,
            "cacgp-line-d-section-901",
            "section_length needs a scope: the country or stretch (From–To) it is of",
            hint="a 'length' claim",
        ),
        id="section length without its scope",
    ),
    pytest.param(
        edit_claim("cacgp-line-d-section-901", scope="Dostyk—Aktau"),
        Expect(
            CLAIMS,
            "cacgp-line-d-section-901",
            "scope does not parse: 'Dostyk—Aktau' separates a stretch with another dash; write "
            "From–To with an en dash",
        ),
        id="stretch with an em dash",
    ),
    pytest.param(
        edit_claim("cacgp-line-d-section-901", scope="Dostyk–"),
        Expect(
            CLAIMS,
            "cacgp-line-d-section-901",
            "scope does not parse: 'Dostyk–' is not a stretch From–To between two named places",
        ),
        id="stretch without its end",
    ),
    pytest.param(
        edit_claim("cacgp-line-d-section-901", scope="Tajikistan;Kyrgyzstan"),
        Expect(
            CLAIMS,
            "cacgp-line-d-section-901",
            "scope does not parse: 'Tajikistan;Kyrgyzstan' names more than one scope; give one "
            "per claim",
        ),
        id="two scopes in one claim",
    ),
    pytest.param(
        edit_claim("cacgp-line-d-section-901", scope=" Tajikistan"),
        Expect(
            CLAIMS,
            "cacgp-line-d-section-901",
            "scope does not parse: ' Tajikistan' has spaces around it",
        ),
        id="scope with a stray space",
    ),
    pytest.param(
        edit_claim("cacgp-traffic-901", field="stake", unit="%", value="130"),
        Expect(CLAIMS, "cacgp-traffic-901", "stake value does not parse: '130' is over 100 %"),
        id="stake over 100 %",
    ),
    pytest.param(
        edit_claim("cacgp-traffic-901", field="stake", unit="%", value="0"),
        Expect(
            CLAIMS,
            "cacgp-traffic-901",
            "stake value does not parse: '0' is not a positive finite number",
        ),
        id="stake of nothing",
    ),
    pytest.param(
        edit_claim("cacgp-traffic-901", field="tunnels", unit="", value="2.5"),
        Expect(
            CLAIMS,
            "cacgp-traffic-901",
            "tunnels value does not parse: '2.5' is not a positive whole number",
        ),
        id="tunnels not a whole number",
    ),
    pytest.param(
        edit_claim("cacgp-traffic-901", field="bridges", unit="", value="0"),
        Expect(
            CLAIMS,
            "cacgp-traffic-901",
            "bridges value does not parse: '0' is not a positive whole number",
        ),
        id="no bridges is no count",
    ),
    pytest.param(
        edit_claim("cacgp-traffic-901", unit="barrels"),
        Expect(
            CLAIMS,
            "cacgp-traffic-901",
            "unit 'barrels' is not allowed for traffic",
            hint="'tonnes', 'TEU', 'bcm', 'trains', 'containers'",
        ),
        id="traffic in an unknown unit",
    ),
    pytest.param(
        edit_claim("cku-start-004", value="2025-02-30"),
        Expect(
            CLAIMS,
            "cku-start-004",
            "start_date value does not parse: '2025-02-30' is not a year (2030), a month "
            "(2025-07), a day (2019-05-05) or a decade (1990s)",
        ),
        id="date on a day the calendar lacks",
    ),
    # sources
    pytest.param(
        lambda c: c.path(f"seeds/{S000}").unlink(),
        Expect(SOURCES, S000, "source file is missing from seeds/", hint="restore the article"),
        id="seed file missing",
    ),
    pytest.param(
        rename_seed,
        Expect(
            SOURCES, S000, "source file is missing from seeds/", hint="renamed to '000_renamed.txt'"
        ),
        id="seed renamed",
    ),
    pytest.param(
        lambda c: c.write_text(f"seeds/{S004}", c.read_text(f"seeds/{S004}") + "\nEdited.\n"),
        Expect(
            SOURCES,
            S004,
            "source changed since its claims were made (sha256 4a6d427a6790…, recorded b784475c4dd9…)",
        ),
        id="seed changed since claims were made",
    ),
    pytest.param(
        lambda c: c.write_text("seeds/005_new.txt", "An article nobody listed.\n"),
        Expect("seeds/005_new.txt", "005_new.txt", "article is not listed in seeds/sources.csv"),
        id="seed not listed in sources.csv",
    ),
    pytest.param(
        lambda c: c.edit_row(SOURCES, "file", S004, date="2025-13-18"),
        Expect(
            SOURCES,
            S004,
            "date '2025-13-18' is not a calendar date (YYYY, YYYY-MM or YYYY-MM-DD)",
            line=6,
        ),
        id="source date month 13",
    ),
    pytest.param(
        lambda c: c.edit_row(SOURCES, "file", S004, date="2025-00-18"),
        Expect(
            SOURCES,
            S004,
            "date '2025-00-18' is not a calendar date (YYYY, YYYY-MM or YYYY-MM-DD)",
            line=6,
        ),
        id="source date month 00",
    ),
    pytest.param(
        lambda c: c.edit_row(SOURCES, "file", S004, date="2025-04-31"),
        Expect(
            SOURCES,
            S004,
            "date '2025-04-31' is not a calendar date (YYYY, YYYY-MM or YYYY-MM-DD)",
            line=6,
        ),
        id="source date 31 April",
    ),
    pytest.param(
        lambda c: c.edit_row(SOURCES, "file", S004, date="2023-02-29"),
        Expect(
            SOURCES,
            S004,
            "date '2023-02-29' is not a calendar date (YYYY, YYYY-MM or YYYY-MM-DD)",
            line=6,
        ),
        id="source date 29 February of a common year",
    ),
    pytest.param(
        lambda c: c.edit_row(SOURCES, "file", S004, date="18 June 2025"),
        Expect(
            SOURCES,
            S004,
            "date '18 June 2025' is not a calendar date (YYYY, YYYY-MM or YYYY-MM-DD)",
            line=6,
        ),
        id="source date not ISO",
    ),
    pytest.param(
        lambda c: c.edit_row(SOURCES, "file", S004, date="2025-6-18"),
        Expect(
            SOURCES,
            S004,
            "date '2025-6-18' is not a calendar date (YYYY, YYYY-MM or YYYY-MM-DD)",
            line=6,
        ),
        id="source date without zero padding",
    ),
    pytest.param(
        lambda c: c.path(SOURCES).unlink(),
        Expect(SOURCES, "", "file is missing"),
        id="sources.csv missing",
    ),
    # waypoints
    pytest.param(
        edit_waypoint("kashgar", source_url=""),
        Expect(
            WAYPOINTS,
            "kashgar",
            "a named place needs the web address of the reference its coordinates come from",
            line=2,
        ),
        id="place with no source URL",
    ),
    pytest.param(
        edit_waypoint("caspian-east-of-absheron", note=""),
        Expect(
            WAYPOINTS,
            "caspian-east-of-absheron",
            "a shape point needs a note saying why it is there",
        ),
        id="shape point with no note",
    ),
    pytest.param(
        edit_waypoint("kashgar", lat="39°28′N"),
        Expect(WAYPOINTS, "kashgar", "lat/lon is not a number"),
        id="waypoint lat not a number",
    ),
    pytest.param(
        edit_waypoint("kashgar", lat="75.9833", lon="39.4667"),
        Expect(WAYPOINTS, "kashgar", "(75.9833, 39.4667) is outside the region", hint="swapped"),
        id="waypoint lat/lon swapped",
    ),
    pytest.param(
        edit_waypoint("kashgar", kind="town"),
        Expect(WAYPOINTS, "kashgar", "unknown kind 'town'"),
        id="waypoint unknown kind",
    ),
    pytest.param(
        long_misquote,
        Expect(
            CLAIMS,
            "cku-name-001",
            f"quote not found verbatim in {S001}; closest passage (98% alike): '…further enhance "
            "infrastructure projects and improve connectivity in the region. Kyrgyz Political "
            "Scholar Kubanechbek Taabaltiev highlighted the transformative potential of projects "
            "like the…': source has 'in' where the quote has 'Beijing'",
        ),
        id="long misquote: a bounded excerpt around the first difference",
    ),
    pytest.param(
        lambda c: c.edit_row(ANCHORS, "claim", "cku-name-001", start="10970"),
        Expect(
            ANCHORS,
            "cku-name-001",
            "anchor is stale: the quote now stands at characters 10977–11056, the anchor says "
            "10970–11056",
            hint="python -m corridors fmt",
        ),
        id="quote anchor drifted",
    ),
    pytest.param(
        lambda c: c.edit_rows(ANCHORS, lambda rows: rows.pop(0)),
        Expect(ANCHORS, "cku-name-001", "the claim's quote has no anchor"),
        id="quote without its anchor",
    ),
    # the reading layer: nothing but regular files inside the data folders, within their limits
    pytest.param(
        replace_by(CKU, link_to("/etc/passwd")),
        Expect(CKU, "", "is a symbolic link to 'passwd', outside the data folders; not read"),
        id="feature file linked outside",
    ),
    pytest.param(
        replace_by(f"seeds/{S004}", link_to("/dev/zero")),
        Expect(
            f"seeds/{S004}", "", "is a symbolic link to 'zero', outside the data folders; not read"
        ),
        id="article linked to /dev/zero",
    ),
    pytest.param(
        replace_by(BOUNDARIES, link_to("/etc/passwd")),
        Expect(
            BOUNDARIES, "", "is a symbolic link to 'passwd', outside the data folders; not read"
        ),
        id="boundaries linked outside",
    ),
    pytest.param(
        replace_by(CLAIMS, link_to("/etc/passwd")),
        Expect(CLAIMS, "", "is a symbolic link to 'passwd', outside the data folders; not read"),
        id="claims linked outside",
    ),
    pytest.param(
        replace_by(CKU, os.mkfifo),
        Expect(CKU, "", "is a named pipe (FIFO), not a regular file; not read"),
        id="FIFO feature file",
    ),
    pytest.param(
        replace_by(f"seeds/{S004}", os.mkfifo),
        Expect(f"seeds/{S004}", "", "is a named pipe (FIFO), not a regular file; not read"),
        id="FIFO article",
    ),
    pytest.param(
        lambda c: c.path("geodata/features/extra.geojson").mkdir(),
        Expect(
            "geodata/features/extra.geojson",
            "",
            "is a folder, not a file; not read",
            hint="replace it by the feature file itself, or remove it",
        ),
        id="folder named like a feature file",
    ),
    pytest.param(
        replace_by(CORRIDORS, Path.mkdir),
        Expect(CORRIDORS, "", "is a folder, not a file; not read"),
        id="folder named corridors.csv",
    ),
    pytest.param(
        replace_by(f"seeds/{S004}", sparse(60 * 1024 * 1024)),
        Expect(
            f"seeds/{S004}",
            "",
            "article is 60 MiB, over the 1 MiB limit for articles; not read",
            hint="keep only the article's own text",
        ),
        id="60 MB article",
    ),
    pytest.param(
        lambda c: c.path(CORRIDORS).unlink(),
        Expect(CORRIDORS, "", "file is missing", hint="restore it from git"),
        id="corridors.csv missing",
    ),
    pytest.param(
        lambda c: c.write_bytes(SOURCES, bytes(range(256)) * 8),
        Expect(SOURCES, "", "not UTF-8: byte 0x80 at byte 128", line=2),
        id="sources.csv of random bytes",
    ),
    pytest.param(
        lambda c: c.write_bytes(
            f"seeds/{S004}", b"\xef\xbb\xbf" + c.path(f"seeds/{S004}").read_bytes()
        ),
        Expect(f"seeds/{S004}", "", "file starts with a UTF-8 byte-order mark"),
        id="article with a BOM",
    ),
    pytest.param(
        lambda c: c.write_bytes(CLAIMS, b"\xef\xbb\xbf" + c.path(CLAIMS).read_bytes()),
        Expect(CLAIMS, "", "file starts with a UTF-8 byte-order mark"),
        id="claims with a BOM",
    ),
    pytest.param(
        edit_claim("cku-role-001", note="a NUL\x00 here"),
        Expect(CLAIMS, "", "control character U+0000 at line 16, column 165", line=16),
        id="NUL in a claim",
    ),
    pytest.param(
        lambda c: c.replace(CKU, '"name": "China', '"name": "\x1bChina'),
        Expect(CKU, "", "control character U+001B at line 4, column 97", line=4),
        id="escape character in a feature file",
    ),
    pytest.param(
        lambda c: c.replace(
            CKU, '"type": "Feature", "properties"', '"type": "Feature",\r "properties"'
        ),
        Expect(CKU, "", "carriage return (CR) without a newline at line 4, column 24", line=4),
        id="lone CR in a feature file",
    ),
    pytest.param(
        set_coordinate_text("NaN"),
        Expect(CKU, "", "non-finite number NaN at line 4", line=4),
        id="NaN coordinate",
    ),
    pytest.param(
        set_coordinate_text("-Infinity"),
        Expect(CKU, "", "non-finite number -Infinity at line 4", line=4),
        id="Infinity coordinate",
    ),
    pytest.param(
        set_coordinate_text("1e999"),
        Expect(CKU, "", "non-finite number 1e999 at line 4", line=4),
        id="coordinate overflowing to infinity",
    ),
    pytest.param(
        set_coordinate_text("7" * 400),
        Expect(CKU, "", "a number of 400 digits at line 4", line=4),
        id="400-digit coordinate",
    ),
    pytest.param(
        lambda c: c.write_text(CKU, nested(100_000)),
        Expect(CKU, "", "JSON nested more than 16 levels deep (at line 1); not read", line=1),
        id="JSON nested 100,000 deep",
    ),
    pytest.param(
        append_text(CLAIMS, ",".join(CLAIM_COLUMNS) + "\n"),
        Expect(CLAIMS, "", "the header row is repeated at line 50", line=50),
        id="header row repeated",
    ),
    pytest.param(
        lambda c: c.replace(
            CORRIDORS, "id,name,mapped,part_of,summary", "id,name,summary,mapped,part_of"
        ),
        Expect(
            CORRIDORS,
            "",
            "header is not ['id', 'name', 'mapped', 'part_of', 'summary']: order differs; the "
            "table is not read",
            line=1,
        ),
        id="corridors header reordered",
    ),
    # boundaries: optional for drawing, but a broken file is listed
    pytest.param(
        truncate_boundaries,
        Expect(
            BOUNDARIES,
            "",
            "invalid JSON at line 4, column 952: Expecting value",
            line=4,
        ),
        id="truncated boundaries",
    ),
    pytest.param(
        edit_boundaries(lambda f: f["properties"].pop("name")),
        Expect(
            BOUNDARIES,
            "#0",
            "country has no 'name'",
            hint="the boundaries are not used: no country is measured",
        ),
        id="boundaries without name",
    ),
    pytest.param(
        edit_boundaries(lambda f: f.__setitem__("geometry", None)),
        Expect(BOUNDARIES, "Afghanistan", "country has no Polygon or MultiPolygon geometry"),
        id="boundaries with a null geometry",
    ),
    pytest.param(
        lambda c: c.path(BOUNDARIES).unlink(),
        Expect(
            BOUNDARIES,
            "",
            "no boundaries file: the countries each route crosses are not measured",
            level="warning",
        ),
        id="boundaries missing",
    ),
    pytest.param(
        lambda c: c.path(BOUNDARIES).unlink(),
        Expect(
            BOUNDARIES,
            "",
            "the sea-leg check was skipped for 1 sea leg(s): no usable boundaries",
            level="warning",
        ),
        id="sea-leg check skipped without boundaries",
    ),
    # weak answers made errors
    pytest.param(
        edit_claim("cku-cost-004", value="inf"),
        Expect(
            CLAIMS,
            "cku-cost-004",
            "cost value does not parse: 'inf' is not a positive finite number",
        ),
        id="cost inf",
    ),
    pytest.param(
        edit_claim("cku-completion-004", value="2030\n"),
        Expect(
            CLAIMS,
            "cku-completion-004",
            "completion_date value does not parse: '2030\\n' is not a year (2030), a month "
            "(2025-07), a day (2019-05-05) or a decade (1990s)",
        ),
        id="date with a trailing newline",
    ),
    pytest.param(
        set_prop(CKU, "cku-railway", "id", "cku-railway\n"),
        Expect(
            CKU, "cku-railway\n", "id 'cku-railway\\n' is not lowercase letters, digits and '-'"
        ),
        id="feature id with a trailing newline",
    ),
    pytest.param(
        lambda c: c.edit_row(CORRIDORS, "id", "cku-railway", id="<b>cku</b>"),
        Expect(CORRIDORS, "<b>cku</b>", "id '<b>cku</b>' is not lowercase letters, digits and '-'"),
        id="HTML in a corridor id",
    ),
    pytest.param(
        edit_claim("cku-role-001", id="<img src=x>"),
        Expect(CLAIMS, "<img src=x>", "id '<img src=x>' is not lowercase letters, digits and '-'"),
        id="HTML in a claim id",
    ),
    pytest.param(
        edit_waypoint("kashgar", id="<i>kashgar</i>"),
        Expect(
            WAYPOINTS,
            "<i>kashgar</i>",
            "id '<i>kashgar</i>' is not lowercase letters, digits and '-'",
        ),
        id="HTML in a waypoint id",
    ),
    pytest.param(
        edit_waypoint("kashgar", lat="nan"),
        Expect(WAYPOINTS, "kashgar", "lat/lon (nan, 75.9833) is not a finite number", line=2),
        id="waypoint lat nan",
    ),
    pytest.param(
        edit_waypoint("kashgar", lon="inf"),
        Expect(WAYPOINTS, "kashgar", "lat/lon (39.4667, inf) is not a finite number", line=2),
        id="waypoint lon inf",
    ),
    pytest.param(
        empty_id_and_bad_cost,
        Expect(CLAIMS, "", "claim with no id", line=8),
        id="claim with an empty id and a bad cost",
    ),
    pytest.param(
        empty_id_and_bad_cost,
        Expect(CLAIMS, "", "cost value does not parse: 'eight billion' is not a number", line=8),
        id="bad cost of a claim with no id",
    ),
    pytest.param(
        lambda c: c.edit_row(SOURCES, "file", S000, file="[x](http://e.org).txt"),
        Expect(
            SOURCES,
            "[x](http://e.org).txt",
            "file name '[x](http://e.org).txt' is not a plain .txt file name",
        ),
        id="markup in an article file name",
    ),
    pytest.param(
        lambda c: c.edit_row(CORRIDORS, "id", "cku-railway", name=""),
        Expect(CORRIDORS, "cku-railway", "corridor has no name"),
        id="corridor without a name",
    ),
    pytest.param(
        set_prop(CKU, "cku-railway", "kind", ["railway"]),
        Expect(CKU, "cku-railway", "unknown kind ['railway']"),
        id="kind that is a list",
    ),
    pytest.param(
        set_prop(CKU, "cku-railway", "waypoints", 5),
        Expect(CKU, "cku-railway", "waypoints must be a non-empty list of waypoint ids"),
        id="waypoints that are a number",
    ),
    pytest.param(
        drop_claims_of_source(S004),
        Expect(SOURCES, S004, "no claim cites this source", level="warning"),
        id="article no claim cites",
    ),
]


#: The check each case exercises (its problem must come from it): every registered check has
#: at least one labelled failing case (test_every_check_has_a_failing_case).
CASE_CHECKS = {
    "invalid JSON": "read_problems",
    "empty file": "read_problems",
    "UTF-8 BOM": "read_problems",
    "Latin-1 bytes": "read_problems",
    "JSON array": "feature_collection",
    "JSON null (found by fuzzing: once silently skipped)": "feature_collection",
    "boundaries holding JSON null": "boundaries_usable",
    "bare Feature": "feature_collection",
    "features not a list": "feature_collection",
    "crs member": "feature_collection",
    "duplicate JSON key": "read_problems",
    "zero feature files": "some_features",
    "item not a Feature": "feature_structure",
    "properties not an object": "feature_structure",
    "missing id": "feature_structure",
    "id not lowercase": "feature_structure",
    "duplicate id across files": "unique_ids",
    "unknown kind": "vocabulary",
    "unknown status": "vocabulary",
    "unknown mode": "vocabulary",
    "unknown property": "feature_structure",
    "missing property": "feature_structure",
    "properties out of order": "feature_structure",
    "feature in an unknown corridor": "vocabulary",
    "Point for a railway": "geometry",
    "LineString for a port": "geometry",
    "no geometry": "geometry",
    "empty coordinates": "geometry",
    "LineString with one point": "geometry",
    "LineString with one point twice": "geometry",
    "self-intersecting line": "geometry",
    "coordinates out of range": "coordinates",
    "swapped lat/lon": "coordinates",
    "route far outside the region": "coordinates",
    "more than 6 decimals": "coordinates",
    "waypoint not in waypoints.csv": "waypoints_on_feature",
    "waypoint far from the line": "waypoints_on_feature",
    "sea leg crossing land": "sea_legs_over_water",
    "status not matching claims": "status_matches_claims",
    "status no claim states": "status_matches_claims",
    "status drawn from a section's claim": "status_matches_claims",
    "feature with no claims": "every_feature_cited",
    "corridor not drawn": "corridors_have_features",
    "mentioned corridor marked mapped": "corridors_have_features",
    "drawn corridor marked not mapped": "corridors_have_features",
    "mapped not yes or no": "corridors_have_features",
    "mentioned corridor without its claim": "corridors_have_features",
    "corridor id with a comma": "corridors_have_features",
    "part of an unknown corridor": "corridor_parts",
    "part of itself": "corridor_parts",
    "part of a part": "corridor_parts",
    "part not drawn marked mapped": "corridors_have_features",
    "period does not parse": "claim_period_and_scope",
    "period ending before it starts": "claim_period_and_scope",
    "period on a day the calendar lacks": "claim_period_and_scope",
    "traffic without its period": "claim_period_and_scope",
    "target without its year": "claim_period_and_scope",
    "section length without its scope": "claim_period_and_scope",
    "stretch with an em dash": "claim_period_and_scope",
    "stretch without its end": "claim_period_and_scope",
    "two scopes in one claim": "claim_period_and_scope",
    "scope with a stray space": "claim_period_and_scope",
    "stake over 100 %": "claim_values",
    "stake of nothing": "claim_values",
    "tunnels not a whole number": "claim_values",
    "no bridges is no count": "claim_values",
    "traffic in an unknown unit": "claim_values",
    "date on a day the calendar lacks": "claim_values",
    "unknown drawing method": "provenance",
    "line method on a point": "provenance",
    "accuracy not a number": "provenance",
    "accuracy zero": "provenance",
    "no references": "provenance",
    "unknown reference": "provenance",
    "station line with a vertex that is no station": "drawn_through_waypoints",
    "reference without address": "reference_rows",
    "reference without licence": "reference_rows",
    "reference nobody cites": "reference_rows",
    "claim in unknown corridor": "claim_references",
    "claim cites unknown source file": "claim_references",
    "claim names another corridor's feature": "claim_references",
    "empty quote": "quotes_verbatim",
    "quote not found: changed word": "quotes_verbatim",
    "quote not found: dropped word": "quotes_verbatim",
    "long misquote: a bounded excerpt around the first difference": "quotes_verbatim",
    "quote anchor drifted": "quote_anchors",
    "quote without its anchor": "quote_anchors",
    "year does not parse": "claim_values",
    "negative length": "claim_values",
    "unknown unit": "claim_values",
    "unknown field": "claim_values",
    "duplicate claim": "duplicate_claims",
    "duplicate claim id": "unique_table_ids",
    "claim with no id": "unique_table_ids",
    "claims header renamed": "read_problems",
    "row with an extra cell": "read_problems",
    "row with a missing cell": "read_problems",
    "length far from measured without note": "claimed_length_vs_measured",
    "length of one line far from that line without note": "claimed_length_vs_measured",
    "seed file missing": "sources_present",
    "seed renamed": "sources_present",
    "seed changed since claims were made": "sources_present",
    "seed not listed in sources.csv": "sources_present",
    "source date month 13": "source_dates",
    "source date month 00": "source_dates",
    "source date 31 April": "source_dates",
    "source date 29 February of a common year": "source_dates",
    "source date not ISO": "source_dates",
    "source date without zero padding": "source_dates",
    "sources.csv missing": "read_problems",
    "place with no source URL": "waypoint_rows",
    "shape point with no note": "waypoint_rows",
    "waypoint lat not a number": "waypoint_rows",
    "waypoint lat/lon swapped": "waypoint_rows",
    "waypoint unknown kind": "waypoint_rows",
    "feature file linked outside": "read_problems",
    "article linked to /dev/zero": "read_problems",
    "boundaries linked outside": "read_problems",
    "claims linked outside": "read_problems",
    "FIFO feature file": "read_problems",
    "FIFO article": "read_problems",
    "folder named like a feature file": "read_problems",
    "folder named corridors.csv": "read_problems",
    "60 MB article": "read_problems",
    "corridors.csv missing": "read_problems",
    "sources.csv of random bytes": "read_problems",
    "article with a BOM": "read_problems",
    "claims with a BOM": "read_problems",
    "NaN coordinate": "read_problems",
    "Infinity coordinate": "read_problems",
    "coordinate overflowing to infinity": "read_problems",
    "400-digit coordinate": "read_problems",
    "JSON nested 100,000 deep": "read_problems",
    "header row repeated": "read_problems",
    "corridors header reordered": "read_problems",
    "boundaries without name": "boundaries_usable",
    "boundaries with a null geometry": "boundaries_usable",
    "boundaries missing": "boundaries_usable",
    "sea-leg check skipped without boundaries": "sea_legs_over_water",
    "cost inf": "claim_values",
    "date with a trailing newline": "claim_values",
    "feature id with a trailing newline": "feature_structure",
    "HTML in a corridor id": "corridors_have_features",
    "HTML in a claim id": "claim_ids",
    "HTML in a waypoint id": "waypoint_rows",
    "waypoint lat nan": "waypoint_rows",
    "waypoint lon inf": "waypoint_rows",
    "claim with an empty id and a bad cost": "unique_table_ids",
    "bad cost of a claim with no id": "claim_values",
    "markup in an article file name": "sources_present",
    "corridor without a name": "corridors_have_features",
    "kind that is a list": "vocabulary",
    "waypoints that are a number": "waypoints_on_feature",
    "article no claim cites": "sources_cited",
    "file over the size limit": "read_problems",
    "NUL in a claim": "read_problems",
    "escape character in a feature file": "read_problems",
    "lone CR in a feature file": "read_problems",
    "truncated boundaries": "read_problems",
}


def _report(problems: list[Problem]) -> str:
    return "\n".join(str(p) for p in problems) or "(no problems)"


@pytest.fixture
def broken(request: pytest.FixtureRequest, data_copy: DataCopy) -> DataCopy:
    """The data copy with this case's mutation applied."""
    request.param(data_copy)
    return data_copy


@pytest.mark.parametrize(("broken", "expect"), CASES, indirect=["broken"])
def test_rule_reports_the_broken_item(
    broken: DataCopy, expect: Expect, request: pytest.FixtureRequest
) -> None:
    """Each rule catches its own breakage and names the file, id and what is wrong, exactly; the
    problem comes from the check the case is filed under. The copy's own boundaries are used, so
    broken boundaries are seen as the CLI and the dashboard see them."""
    problems = validate(broken.read())
    found = [p for p in problems if expect.matches(p)]
    assert found, f"expected {expect}\ngot:\n{_report(problems)}"
    assert CASE_CHECKS[request.node.callspec.id] in {p.check for p in found}


@pytest.mark.parametrize(("broken", "expect"), CASES, indirect=["broken"])
def test_broken_copy_still_loads(broken: DataCopy, expect: Expect) -> None:
    """Loading never raises on bad data: the broken item is listed, the sound rest is kept, and
    the Dataset holds nothing in error (no feature, claim or row with an error)."""
    ds = dataset.load(broken.datadir)
    assert any(expect.matches(p) for p in ds.problems), _report(ds.problems)
    if expect.file.startswith("geodata/features/") and expect.level == "error":
        loaded = set(zip(ds.features["file"], ds.features["id"], strict=True))
        assert (expect.file, expect.id) not in loaded, "a feature in error was loaded"
    tables = {
        CLAIMS: ds.claims,
        CORRIDORS: ds.corridors,
        WAYPOINTS: ds.waypoints,
        SOURCES: ds.sources,
        REFERENCES: ds.references,
    }
    if expect.level == "error" and expect.line is not None and expect.file in tables:
        assert expect.line not in set(tables[expect.file]["line"]), "a row in error was loaded"
    assert "" not in set(ds.claims["id"]), "a claim with no id was loaded"
    assert set(ds.features["corridor"]) <= set(ds.corridors.index)
    assert set(ds.claims["corridor"]) <= set(ds.corridors.index)
    assert set(ds.claims["source"]) <= set(ds.sources.index) | set(ds.references.index)


def test_every_check_has_a_failing_case() -> None:
    """No rule goes untested: each registered check has a labelled case it must report, and each
    case names a registered check."""
    names = {fn.__name__ for fn in CHECKS}
    assert set(CASE_CHECKS.values()) == names, names ^ set(CASE_CHECKS.values())
    assert set(CASE_CHECKS) == {case.id for case in CASES}


def same_value_other_scope(c: DataCopy) -> None:
    def copy(rows: list[dict[str, str]]) -> None:
        original = next(r for r in rows if r["id"] == "cacgp-line-d-section-901")
        rows.append(original | {"id": "cacgp-line-d-section-901-uz", "scope": "Uzbekistan"})

    c.edit_rows(CLAIMS, copy)


ACCEPTED = [
    pytest.param(edit_claim("cacgp-traffic-901", period="2024"), id="period a year"),
    pytest.param(edit_claim("cacgp-traffic-901", period="2025-06"), id="period a month"),
    pytest.param(edit_claim("cacgp-traffic-901", period="2024-02-29"), id="period a leap day"),
    pytest.param(edit_claim("cacgp-traffic-901", period="2024-07/2025-06"), id="across years"),
    pytest.param(edit_claim("cacgp-traffic-901", period="2025-03-01/2025-03"), id="day to month"),
    pytest.param(edit_claim("cku-start-004", value="2019-05-05"), id="date a full day"),
    pytest.param(
        edit_claim("cacgp-traffic-901", field="target", unit="TEU/year", value="300000"),
        id="target with its year",
    ),
    pytest.param(
        edit_claim("cacgp-traffic-901", field="stake", unit="%", value="100", scope="CNPC"),
        id="stake of 100 % with its holder",
    ),
    pytest.param(
        edit_claim("cacgp-line-d-section-901", scope="Dostyk–Aktau"), id="stretch From–To"
    ),
    pytest.param(
        edit_claim("cacgp-line-d-section-901", scope="Jalal-Abad–Kara-Suu"),
        id="stretch between hyphenated places",
    ),
    pytest.param(
        edit_claim("cacgp-traffic-901", field="transit_time", unit="days", value="8", period=""),
        id="transit time without scope or period",
    ),
    pytest.param(
        edit_claim("cacgp-traffic-901", field="tunnels", unit="", value="12", period=""),
        id="tunnels a whole number",
    ),
    pytest.param(same_value_other_scope, id="same value in another scope is no duplicate"),
]


@pytest.mark.parametrize("broken", ACCEPTED, indirect=True)
def test_the_new_forms_are_accepted(broken: DataCopy, boundaries: gpd.GeoDataFrame) -> None:
    """The forms the contract allows pass: the rules above refuse only what they name (a claim
    added without running `fmt` lacks its anchor, which is another file's problem)."""
    problems = [
        p for p in validate(broken.read(), boundaries) if p.level == "error" and p.file == CLAIMS
    ]
    assert problems == [], _report(problems)


def test_clean_copy_has_no_errors(data_copy: DataCopy, boundaries: gpd.GeoDataFrame) -> None:
    """The copying itself breaks nothing, so every failure above is the mutation's doing."""
    problems = validate(data_copy.read(), boundaries)
    assert [p for p in problems if p.level == "error"] == []


def test_all_problems_reported_at_once(data_copy: DataCopy, boundaries: gpd.GeoDataFrame) -> None:
    """A curator sees every problem in one run, not the first one per run."""
    data_copy.replace(CKU, '"type": "Feature", "properties"', '"type": "Feature" "properties"')
    data_copy.edit_row(CLAIMS, "id", "cku-role-001", quote="")
    data_copy.edit_row(WAYPOINTS, "id", "kashgar", source_url="")
    problems = validate(data_copy.read(), boundaries)
    for expect in (
        Expect(CKU, "", "invalid JSON at line 4, column 24: Expecting ',' delimiter"),
        Expect(CLAIMS, "cku-role-001", "empty quote"),
        Expect(
            WAYPOINTS,
            "kashgar",
            "a named place needs the web address of the reference its coordinates come from",
        ),
    ):
        assert any(expect.matches(p) for p in problems), f"{expect}\n{_report(problems)}"


def test_errors_are_listed_before_warnings(
    data_copy: DataCopy, boundaries: gpd.GeoDataFrame
) -> None:
    """Errors come first, so the ones that fail the run are not buried under warnings."""
    data_copy.edit_row(CLAIMS, "id", "cacgp-length-001", note="", unit="miles")
    levels = [p.level for p in validate(data_copy.read(), boundaries)]
    assert "warning" in levels and "error" in levels
    assert levels == sorted(levels, key=lambda level: level != "error")


def test_oversize_file_is_not_parsed(data_copy: DataCopy, boundaries: gpd.GeoDataFrame) -> None:
    """A file over the limit is refused on its size alone: no JSON error means it was never parsed."""
    oversize(data_copy)
    problems = [p for p in validate(data_copy.read(), boundaries) if p.file == CKU]
    assert [p.message for p in problems] == [
        "feature file is 29.3 KiB, over the 16 KiB limit for feature files; not read"
    ]


CLI_CASES = [
    pytest.param(CASES[0].values[0], CKU, "", id="invalid JSON"),
    pytest.param(
        set_prop(CKU, "cku-railway", "kind", "canal"), CKU, "cku-railway", id="unknown kind"
    ),
    pytest.param(
        lambda c: c.write_text(CKU, '{"type": "FeatureCollection", "features": 5}\n'),
        CKU,
        "",
        id="features not a list",
    ),
    pytest.param(edit_claim("cku-role-001", quote=""), CLAIMS, "cku-role-001", id="empty quote"),
    pytest.param(
        lambda c: c.write_text(f"seeds/{S004}", "changed\n"), SOURCES, S004, id="seed changed"
    ),
]


@pytest.mark.parametrize(("broken", "file", "ident"), CLI_CASES, indirect=["broken"])
def test_cli_fails_and_names_file_and_id(
    broken: DataCopy, file: str, ident: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`python -m corridors --data-dir X validate` exits 1 and points at the broken file and item."""
    code = cli.main(["--data-dir", os.fspath(broken.root), "validate"])
    out, err = capsys.readouterr()
    assert code == 1
    errors = [line for line in err.splitlines() if line.startswith(f"ERROR {file}")]
    assert errors, err
    if ident:
        assert any(f"[{ident}]" in line for line in errors), err
    assert out.splitlines()[-1].startswith("FAILED: ")


BROKEN_BOUNDARIES = [
    pytest.param(truncate_boundaries, id="truncated"),
    pytest.param(edit_boundaries(lambda f: f["properties"].pop("name")), id="without name"),
    pytest.param(edit_boundaries(lambda f: f.__setitem__("geometry", None)), id="null geometry"),
    pytest.param(replace_by(BOUNDARIES, link_to("/etc/passwd")), id="linked outside"),
    pytest.param(lambda c: c.path(BOUNDARIES).unlink(), id="missing"),
]


@pytest.mark.parametrize("broken", BROKEN_BOUNDARIES, indirect=True)
def test_routes_draw_without_boundaries(broken: DataCopy) -> None:
    """Boundaries serve measurement only: without usable ones every route and claim still loads
    and the map is built; only the countries crossed are left empty."""
    from corridors.view import mappage

    clean = dataset.load(FIXTURE)
    ds = dataset.load(broken.datadir)
    assert sorted(ds.features.index) == sorted(clean.features.index)
    assert len(ds.claims) == len(clean.claims)
    assert all(countries == [] for countries in ds.features["countries"])
    assert len(ds.boundaries) == 0
    assert [p for p in ds.errors if not p.file.endswith("boundaries.geojson")] == []
    html = mappage.full_map(ds).get_root().render()
    assert "cku-railway" in html


def test_problems_are_relative_to_the_data_folder(data_copy: DataCopy) -> None:
    """No problem carries an absolute path of the machine, whatever was broken."""
    replace_by(BOUNDARIES, link_to(os.fspath(data_copy.root.parent / "elsewhere.geojson")))(
        data_copy
    )
    replace_by(CKU, os.mkfifo)(data_copy)
    data_copy.path("geodata/features/extra.geojson").mkdir()
    problems = validate(data_copy.read())
    root = os.fspath(data_copy.root.parent)
    assert problems
    for p in problems:
        assert not p.file.startswith("/"), p
        assert root not in p.message and root not in p.hint, p


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_device_is_refused(data_copy: DataCopy) -> None:
    """A character device (here a copy of /dev/null's node) is refused on its stat, never read."""
    path = data_copy.path(CKU)
    path.unlink()
    os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
    problems = [p for p in validate(data_copy.read()) if p.file == CKU]
    assert [p.message for p in problems] == ["is a device, not a regular file; not read"]


def test_fingerprint_never_opens_a_fifo(data_copy: DataCopy) -> None:
    """The cache key reads regular files only: a FIFO changes it without being opened."""
    from corridors.store.datadir import fingerprint

    before = fingerprint(data_copy.datadir)
    os.mkfifo(data_copy.path("seeds/pipe.txt"))
    assert fingerprint(data_copy.datadir) != before


def _crlf(rel: str) -> Mutation:
    return lambda c: c.write_bytes(rel, c.path(rel).read_bytes().replace(b"\n", b"\r\n"))


def _link_inside(c: DataCopy) -> None:
    """The article moved to another name in seeds/, its listed name a link to it."""
    moved = c.path(f"seeds/{S004}.orig")
    c.path(f"seeds/{S004}").rename(moved)
    c.path(f"seeds/{S004}").symlink_to(moved.name)


ACCEPTED = [
    pytest.param(_crlf(CLAIMS), id="CRLF line ends in a table"),
    pytest.param(_crlf(CKU), id="CRLF line ends in a feature file"),
    pytest.param(
        lambda c: c.path("geodata/features/.#cku-railway.geojson").symlink_to("me@host.1234"),
        id="an editor's lock file",
    ),
    pytest.param(_link_inside, id="a link that stays inside the data folders"),
    pytest.param(edit_claim("cku-role-001", note="a\tnote\nover two lines"), id="tab and newline"),
]


@pytest.mark.parametrize("broken", ACCEPTED, indirect=True)
def test_what_the_reading_layer_accepts(broken: DataCopy) -> None:
    """What looks odd but is sound is read without an error: the refusals above are precise."""
    problems = validate(broken.read())
    assert [p for p in problems if p.level == "error"] == [], _report(problems)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        pytest.param(
            '{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}', None, id="brackets in a string"
        ),
        pytest.param('{"a": "NaN, Infinity, 1e999"}', None, id="words in a string"),
        pytest.param('{"a": "x\\\\", "b": [1e308]}', None, id="escaped backslash, large float"),
        pytest.param(
            '{"a": "' + 'x\\"' * 20_000,
            "invalid JSON at line 1, column 7: Unterminated string starting at",
            id="unterminated string of escaped quotes",
        ),
        pytest.param("[1, 2e1000]", "non-finite number 2e1000 at line 1", id="exponent overflow"),
        pytest.param("[1, 12E+0999]", "non-finite number 12E+0999 at line 1", id="signed exponent"),
        pytest.param("[1e-999]", None, id="underflow is zero, finite"),
        pytest.param(
            "[" * 17 + "]" * 17,
            "JSON nested more than 16 levels deep (at line 1); not read",
            id="17 levels",
        ),
        pytest.param("[" * 16 + "]" * 16, None, id="16 levels"),
    ],
)
def test_json_rules(text: str, problem: str | None) -> None:
    """The JSON pre-checks see structure, not the content of strings, and stay linear."""
    problems: list[Problem] = []
    parsed = reading.parse_json(text, "x.geojson", problems)
    assert [p.message for p in problems] == ([problem] if problem else [])
    assert (parsed is None) is (problem is not None)


def _parallel_lines(c: DataCopy) -> None:
    """The pipeline drawn as three lines on one centreline (as the live data draws Lines A, B, C),
    with the per-line claim's note removed so only the numbers speak."""

    def triple(data: dict) -> None:
        line = data["features"][0]
        for suffix in ("b", "c"):
            copy = copy_module.deepcopy(line)
            copy["properties"]["id"] = f"cacgp-line-{suffix}"
            data["features"].append(copy)

    c.edit_json(CACGP, triple)
    c.edit_row(CLAIMS, "id", "cacgp-length-ref-a", note="")


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        pytest.param(
            _parallel_lines, [], id="one line's 1,833 km against its own line: no warning"
        ),
        pytest.param(
            lambda c: (_parallel_lines(c), c.edit_row(CLAIMS, "id", "cacgp-length-001", note="")),
            [("cacgp-length-001", "claimed length 3666 km, measured 1586 km")],
            id="the system's 3,666 km against its network, not three times the centreline",
        ),
        pytest.param(
            lambda c: c.edit_row(
                CLAIMS, "id", "cku-length-005", value="100", scope="Kashgar–Torugart", note=""
            ),
            [],
            id="a scoped length of no feature is not set against the whole line",
        ),
    ],
)
def test_length_claims_are_compared_like_with_like(data_copy: DataCopy, edit, expected) -> None:
    edit(data_copy)
    found = [
        (p.id, p.message)
        for p in validate(data_copy.read())
        if p.check == "claimed_length_vs_measured"
    ]
    assert found == expected


def test_parse_validate_build_share_one_parse(
    fixture_raw: rawdata.RawData, boundaries: gpd.GeoDataFrame
) -> None:
    """read -> parse -> validate -> build: the checks and the Dataset read the same Parsed, so
    validating with it says what validating alone says, and the Dataset's lengths and countries
    are the ones parsed."""
    parsed = parse(fixture_raw, boundaries)
    problems = validate(fixture_raw, parsed=parsed)
    assert problems == validate(fixture_raw, boundaries)
    ds = dataset.build(fixture_raw, parsed, problems)
    for ref in parsed.features:
        if ref.id in ds.features.index:
            km = parsed.lengths_km[ref.seq]
            shown = ds.features.at[ref.id, "measured_length_km"]
            assert np.isnan(shown) if np.isnan(km) else shown == round(km, 1)
            assert ds.features.at[ref.id, "countries"] == parsed.countries[ref.seq]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param(lambda path: path.unlink(), "file is missing", id="missing"),
        pytest.param(
            lambda path: path.write_text("claim,source\n", encoding="utf-8"),
            "header is not",
            id="wrong header",
        ),
    ],
)
def test_the_anchors_check_reads_what_rawdata_read(data_copy, change, message: str) -> None:
    """anchors.csv is read with everything else (rawdata), never from disk in the middle of the
    checks: a change after the read is not seen, and what the read met is the check's to say."""
    before = data_copy.read()
    change(data_copy.path(ANCHORS))
    assert [p for p in validate(before) if p.file == ANCHORS] == []
    after = [p for p in validate(data_copy.read()) if p.file == ANCHORS]
    assert [p.check for p in after] == ["quote_anchors"]
    assert message in after[0].message


class _NotMeasured(Exception):
    pass


def _no_measures():
    raise _NotMeasured


@pytest.mark.parametrize("fn", CHECKS, ids=lambda fn: fn.__name__)
def test_only_the_checks_marked_read_the_measures(fixture_raw, fn) -> None:
    """``validate`` runs the checks in ``READS_MEASURES`` last, so that measures still running in
    another process (the cold build's fork) are waited for late: every other check must run
    without them, and each marked one must really read them (else the mark only delays it)."""
    from corridors.validate import READS_MEASURES, Context

    parsed = dataclasses.replace(parse(fixture_raw), measures=_no_measures)
    run = lambda: list(fn(Context(fixture_raw, parsed)))  # noqa: E731
    if fn in READS_MEASURES:
        with pytest.raises(_NotMeasured):
            run()
    else:
        run()
