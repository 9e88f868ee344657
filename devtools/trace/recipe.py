"""The whole recipe: every leg built, drawn and measured, then checked against the drawing rules."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import LineString, Point

from devtools.trace.builders import (
    build_sea,
    build_stations,
    build_traced,
    chord_calibration,
    country_km,
    estimate_chord_error,
    reference_union,
)
from devtools.trace.geometry import (
    MIN_TURN_DEG,
    NE_SNAP_KM,
    OSM_SNAP_KM,
    SEA_ACCURACY_KM,
    WAYPOINT_MAX_KM,
    dist_km,
    leg_metric,
    rounded,
    sample_distances,
    sharpest_turn,
)
from devtools.trace.legs import (
    LEGS,
    ODBL,
    PIPELINE_LINES,
    REF_FILES,
    Leg,
)
from devtools.trace.network import Network
from devtools.trace.notes import (
    sea_drawing,
    stations_accuracy,
    stations_drawing,
    traced_accuracy,
    traced_accuracy_km,
    traced_drawing,
)
from devtools.trace.pipeline import pipeline_legs
from devtools.trace.places import Places, along, shape_waypoint
from devtools.trace.references import read_countries, read_csv, read_lines

#: A leg built by its method: stats, coordinates, reference ids, drawing note, accuracy (km).
Built = tuple[dict, list, list, str, int]


def _networks(ref_dir: Path) -> dict[str, Network]:
    """The reference railways as networks: Natural Earth, and the OSM railways of AZ and GE."""
    return {
        "ne": Network(read_lines(ref_dir / REF_FILES["ne-railroads"]), NE_SNAP_KM),
        "osm": Network(
            read_lines(ref_dir / REF_FILES["osm-rail-az-ge"], lambda p: p["railway"] == "rail"),
            OSM_SNAP_KM,
        ),
    }


def _traced(leg: Leg, nets, places: Places, traced_refs: dict[str, list]) -> Built:
    """A leg along a reference network; its reference path is kept to calibrate the gap legs."""
    stats, coords, reference, references = build_traced(leg, nets, places)
    traced_refs[leg.id] = reference
    drawing = traced_drawing(leg, places)
    accuracy = traced_accuracy_km(leg.network, stats)
    stats["accuracy_basis"] = traced_accuracy(leg.network, stats)
    return stats, coords, references, drawing, accuracy


def _stations(leg: Leg, places: Places, traced_refs: dict[str, list], rail_any) -> Built:
    """A gap leg through stations, its accuracy estimated on comparable traced legs."""
    stats, coords, _, references = build_stations(leg, places)
    metric = leg_metric(coords)
    calibration = []
    for other in leg.calibrate_on:
        calibration += chord_calibration(traced_refs[other], places, leg_metric(traced_refs[other]))
    chords = [dist_km(places.lonlat(a), places.lonlat(b)) for a, b in itertools.pairwise(leg.stops)]
    est = estimate_chord_error(chords, calibration, leg.min_accuracy_km)
    accuracy = est.pop("accuracy_km")
    stats |= est
    d = sample_distances(metric.xy(coords), shapely.transform(rail_any, metric.xy))
    stats["within_10km_of_any_reference_railway_share"] = round(float(np.mean(d <= 10)), 3)
    stats["accuracy_basis"] = stations_accuracy(leg, stats, accuracy)
    return stats, coords, references, stations_drawing(leg, places), accuracy


def _sea(leg: Leg, places: Places, countries) -> Built:
    """A schematic sea crossing."""
    stats, coords, _, references = build_sea(leg, places, countries)
    stats["accuracy_basis"] = (
        "Schematic: ferries may run tens of km from this line; the references hold no ferry lane."
    )
    return stats, coords, references, sea_drawing(leg, places), SEA_ACCURACY_KM


def _record(leg: Leg, built: Built, places: Places, countries) -> dict:
    """A leg's output record: its properties, waypoints along it, note, accuracy and stats."""
    stats, coords, references, drawing, accuracy = built
    stats["countries_km"] = country_km(coords, countries)
    drawing = drawing.replace(ODBL, f"Accuracy: {stats['accuracy_basis']} {ODBL}")
    refs = dict.fromkeys(leg.stops + leg.tail + leg.via)
    waypoints = [places.waypoint(s) for s in refs]
    waypoints += [shape_waypoint(*s) for s in leg.shape]
    return {
        "id": leg.id,
        "corridor": leg.corridor,
        "name": leg.name,
        "kind": leg.kind,
        "mode": leg.mode,
        "method": leg.method,
        "references": references,
        "waypoints": along(coords, waypoints),
        "accuracy_km": accuracy,
        "drawing": drawing,
        "coordinates": rounded(coords),
        "stats": stats,
    }


def _dry_port(places: Places) -> dict:
    """The Khorgos dry port, at Altynkol station."""
    altynkol = places.waypoint(4046956026)
    return {
        "id": "khorgos-dry-port",
        "corridor": "khorgos-dry-port",
        "name": "Khorgos dry port (Khorgos Gateway)",
        "kind": "port",
        "mode": "port",
        "method": "located",
        "references": ["osm-stations", "railfreight-khorgos-2022"],
        "waypoints": [altynkol],
        "accuracy_km": 2,
        "drawing": (
            "A point at Altynkol station (OpenStreetMap node 4046956026), the Kazakh border "
            "station at Khorgos. RailFreight.com (2022) says the dry port covers 102.8 hectares "
            "as part of the Altynkol railway station complex; no published coordinates of the "
            "terminal itself were found, so the station stands for it, within about 2 km. "
            f"{ODBL}"
        ),
        "coordinates": [[altynkol["lon"], altynkol["lat"]]],
        "stats": {
            "vertices": 1,
            "accuracy_basis": "The station stands in for the dry port's terminals beside it.",
        },
    }


def build(ref_dir: Path, boundaries: Path) -> list[dict]:
    """Every leg, in output order: the pipeline lines, the legs as listed, the dry port."""
    places = Places(
        read_csv(ref_dir / REF_FILES["osm-stations"]), read_csv(ref_dir / REF_FILES["ports"])
    )
    countries = read_countries(boundaries)
    nets = _networks(ref_dir)
    rail_any = reference_union(nets)
    for rec in (out := pipeline_legs(ref_dir)):
        rec["stats"]["countries_km"] = country_km(rec["coordinates"], countries)
    # Traced legs first, so that the gap legs can be calibrated against them.
    traced_refs: dict[str, list] = {}
    records = {}
    for leg in sorted(LEGS, key=lambda leg: leg.method != "traced"):
        if leg.method == "traced":
            built = _traced(leg, nets, places, traced_refs)
        elif leg.method == "stations":
            built = _stations(leg, places, traced_refs, rail_any)
        else:
            built = _sea(leg, places, countries)
        records[leg.id] = _record(leg, built, places, countries)
    out += [records[leg.id] for leg in LEGS]
    out.append(_dry_port(places))
    check(out)
    return out


def check(out: list[dict]) -> None:
    """Fail loudly if a leg breaks a drawing rule; record the softer findings in its stats."""
    expected = {leg.id: set(leg.countries) for leg in LEGS}
    expected |= {f"cacgp-line-{s}": {"TM", "UZ", "KZ", "CN"} for s, _, _ in PIPELINE_LINES}
    for rec in out:
        coords = rec["coordinates"]
        stats = rec["stats"]
        if len(coords) < 2:
            continue
        if not 10 <= len(coords) <= 400:
            stats["vertex_count_note"] = {
                "stations": f"only {len(coords)} stations along this line are in stations.csv",
                "schematic": "a schematic crossing: two ports and the offshore shape point",
                "traced": "a short leg: Douglas–Peucker at 0.5 km keeps few vertices",
            }[rec["method"]]
        metric = leg_metric(coords)
        line = LineString(metric.xy(coords))
        for wp in rec["waypoints"]:
            d = line.distance(Point(metric.xy([(wp["lon"], wp["lat"])])[0]))
            if d > WAYPOINT_MAX_KM:
                raise AssertionError(f"{rec['id']}: waypoint {wp['id']} is {d:.1f} km off")
        stats["sharpest_turn_deg"] = round(sharpest_turn(coords))
        if stats["sharpest_turn_deg"] < MIN_TURN_DEG:
            raise AssertionError(f"{rec['id']}: a spur ({stats['sharpest_turn_deg']} degrees)")
        if rec["id"] in expected:
            stats["unexpected_countries_km"] = {
                k: v
                for k, v in stats["countries_km"].items()
                if k not in expected[rec["id"]] and k != "outside"
            }
