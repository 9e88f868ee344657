"""The gas pipeline's Lines A, B and C: one OSM centreline, thinned; three records that differ only in
name.
"""

from __future__ import annotations

from pathlib import Path

from devtools.trace.builders import (
    deviation_stats,
)
from devtools.trace.geometry import (
    DECIMALS,
    SIMPLIFY_KM,
    geodesic_km,
    leg_metric,
    rounded,
    thin,
)
from devtools.trace.legs import (
    ODBL,
    OSM_PIPELINE_RELATION,
    PIPELINE_LINES,
    REF_FILES,
    REFERENCE_ERROR_KM,
)
from devtools.trace.notes import (
    traced_accuracy_km,
)
from devtools.trace.references import read_pipeline


def _ends(reference: list, gem: str) -> list[dict]:
    """The route's two ends as waypoints: the first and last vertex of the OSM relation."""
    return [
        {
            "id": "cacgp-west-end",
            "kind": "route-end",
            "name": "West end of the OSM route (Turkmenistan, about 10 km before the Uzbek border)",
            "country": "TM",
            "lat": round(reference[0][1], DECIMALS),
            "lon": round(reference[0][0], DECIMALS),
            "osm_id": "relation/8165751",
            "source": f"cac-pipeline.geojson ({gem}), first vertex",
            "source_url": OSM_PIPELINE_RELATION,
            "source_coordinates_text": f"{reference[0][0]}, {reference[0][1]}",
            "note": "The first vertex of OSM relation 8165751 as exported in Global Energy "
            "Monitor's identical route files P1124, P2299 and P2300 (GeoJSON order: lon, "
            "lat); the line starts on the Turkmen side of the border, and the 188 km from the "
            "gas fields are not in it.",
        },
        {
            "id": "cacgp-east-end",
            "kind": "route-end",
            "name": "East end of the OSM route (Xinjiang, about 10 km south of Horgos city)",
            "country": "CN",
            "lat": round(reference[-1][1], DECIMALS),
            "lon": round(reference[-1][0], DECIMALS),
            "osm_id": "relation/8165751",
            "source": f"cac-pipeline.geojson ({gem}), last vertex",
            "source_url": OSM_PIPELINE_RELATION,
            "source_coordinates_text": f"{reference[-1][0]}, {reference[-1][1]}",
            "note": "The last vertex of OSM relation 8165751 as exported in Global Energy "
            "Monitor's identical route files P1124, P2299 and P2300 (GeoJSON order: lon, "
            "lat).",
        },
    ]


def _stats(reference: list) -> tuple[list, dict]:
    """The thinned line and what is measured of it, with the accuracy's reasoning."""
    metric = leg_metric(reference)
    coords = thin(reference, [0, len(reference) - 1], metric)
    stats = {
        "vertices": len(coords),
        "length_km": round(geodesic_km(coords), 1),
        "reference_path_km": round(geodesic_km(reference), 1),
    }
    stats |= deviation_stats(coords, reference, metric)
    stats["accuracy_basis"] = (
        f"Drawn line within {stats['max_deviation_km']:.2f} km of the OSM route (95th "
        f"percentile {stats['p95_deviation_km']:.2f} km); the three 25–29 km gap jumps are "
        f"straight in the reference too, so the pipe may lie a few km off there: "
        f"{REFERENCE_ERROR_KM['pipeline']:g} km is added, "
        f"{traced_accuracy_km('pipeline', stats)} km."
    )
    return coords, stats


def pipeline_legs(ref_dir: Path) -> list[dict]:
    """Lines A, B and C: one OSM centreline, thinned; the three records differ only in name."""
    pipes = read_pipeline(ref_dir / REF_FILES["osm-cac-pipeline"])
    out = []
    for slug, letter, gem in PIPELINE_LINES:
        reference = pipes[gem]
        coords, stats = _stats(reference)
        out.append(
            {
                "id": f"cacgp-line-{slug}",
                "corridor": "cacgp",
                "name": f"Central Asia–China gas pipeline, Line {letter}",
                "kind": "pipeline",
                "mode": "pipeline",
                "method": "traced",
                "references": ["osm-cac-pipeline"],
                "waypoints": _ends(reference, gem),
                "accuracy_km": traced_accuracy_km("pipeline", stats),
                "drawing": (
                    f"Vertices chosen from cac-pipeline.geojson, feature {gem} (OSM relation "
                    f"8165751 as used by Global Energy Monitor; Lines A, B and C share this one "
                    f"centreline, and {gem} = Line {letter} is assumed from the id order), thinned "
                    f"by Douglas–Peucker at {SIMPLIFY_KM:g} km in a local metric projection. The "
                    f"reference's three straight jumps of 25–29 km near 78.0, 78.7 and 80.2 E "
                    f"(missing OSM relation members) are kept as they are, and the 188 km Turkmen "
                    f"section from Saman-Depe to the border is not in the reference. Accuracy: "
                    f"{stats['accuracy_basis']} {ODBL}"
                ),
                "coordinates": rounded(coords),
                "stats": stats,
            }
        )
    return out
