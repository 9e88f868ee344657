"""``python -m devtools.trace``: see the package's docstring."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import devtools.trace as package
from corridors.store import atomicfile
from devtools.trace.geodata import write_geodata
from devtools.trace.recipe import build


def main() -> None:
    here = Path(__file__).resolve().parent.parent  # devtools/
    parser = argparse.ArgumentParser(description=(package.__doc__ or "").split("\n")[0])
    parser.add_argument(
        "--ref",
        type=Path,
        default=here.parent.parent / "shared" / "reference-geodata",
        help="the reference-geodata folder (default: ../shared/reference-geodata from the repo)",
    )
    parser.add_argument(
        "--boundaries",
        type=Path,
        default=here.parent / "geodata" / "boundaries.geojson",
        help="country polygons (Natural Earth 1:50m)",
    )
    parser.add_argument("--out", type=Path, default=Path("legs.json"), help="output JSON file")
    parser.add_argument(
        "--geodata",
        type=Path,
        help="also write the feature files and waypoint rows into this geodata folder",
    )
    args = parser.parse_args()
    legs = build(args.ref, args.boundaries)
    atomicfile.write_text(args.out, json.dumps(legs, ensure_ascii=False, indent=1) + "\n")
    if args.geodata:
        write_geodata(legs, args.geodata)
    for rec in legs:
        s = rec["stats"]
        print(
            f"{rec['id']:32} {rec['method']:10} {s['vertices']:4d} v "
            f"{s.get('length_km', 0):8.1f} km  acc {rec['accuracy_km']} km"
        )


if __name__ == "__main__":
    main()
