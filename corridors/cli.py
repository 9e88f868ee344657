"""The command line: validate, export, fmt, measure, boundaries and cite."""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
from pathlib import Path

from . import boundaries, citations, dataset, drawing, export, geojsonio, join, rawdata
from .datadir import ENV_VAR, resolve
from .problems import error
from .validate import validate


def _validate(args: argparse.Namespace) -> int:
    datadir = resolve(args.data_dir)
    raw = rawdata.read(datadir)
    problems = validate(raw)
    errors = [p for p in problems if p.level == "error"]
    if args.json:
        print(json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=1))
    else:
        for problem in problems:
            print(problem, file=sys.stderr if problem.level == "error" else sys.stdout)
    features = sum(
        len(f.data["features"])
        for f in raw.geofiles
        if f.data and isinstance(f.data.get("features"), list)
    )
    claims = len(raw.claims.rows) if raw.claims else 0
    summary = (
        f"{len(raw.geofiles)} files, {features} features, {claims} claims, "
        f"{len(raw.seeds)} sources: {len(errors)} errors, {len(problems) - len(errors)} warnings"
    )
    if not args.json:
        print(("FAILED: " if errors else "OK: ") + summary)
    return 1 if errors else 0


def _export(args: argparse.Namespace) -> int:
    ds = dataset.load(resolve(args.data_dir))
    if ds.errors:
        for problem in ds.errors:
            print(problem, file=sys.stderr)
        print(f"exporting without the {len(ds.errors)} item(s) in error", file=sys.stderr)
    export.write(ds, args.format, Path(args.output))
    print(f"wrote {len(ds.features)} features, {len(ds.claims)} claims to {args.output}")
    return 1 if ds.errors else 0


def _fmt(args: argparse.Namespace) -> int:
    """Rewrite feature files in canonical form; with --redraw, rebuild lines from waypoints."""
    datadir = resolve(args.data_dir)
    problems: list = []
    with datadir.waypoints.open(encoding="utf-8", newline="") as handle:
        points = {r["id"]: (float(r["lon"]), float(r["lat"])) for r in csv.DictReader(handle)}
    for path in sorted(datadir.features.glob("*.geojson")):
        geofile = rawdata.read_geofile(path, datadir.rel(path), problems)
        if geofile.data is None:
            continue
        features = geofile.data.get("features")
        if (
            geofile.data.get("type") != "FeatureCollection"
            or not isinstance(features, list)
            or not all(isinstance(f, dict) for f in features)
        ):
            # Rewriting it would drop what is there: leave it for the curator (see `validate`).
            problems.append(
                error(
                    geofile.rel,
                    "",
                    "not a FeatureCollection of Features; left unchanged",
                    "fix it by hand; `python -m corridors validate` says what is wrong",
                )
            )
            continue
        if args.redraw:
            features = [drawing.redraw(f, points) for f in features]
        text = geojsonio.dumps(features)
        if text != path.read_text(encoding="utf-8"):
            path.write_text(text, encoding="utf-8")
            print(f"rewrote {geofile.rel}")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def _measure(args: argparse.Namespace) -> int:
    ds = dataset.load(resolve(args.data_dir))
    print(f"{'feature':32} {'km':>8}  countries")
    for feature_id, row in ds.features.iterrows():
        km = row["measured_length_km"]
        shown = "point" if km is None or km != km else f"{km:8.1f}"
        print(f"{feature_id:32} {shown:>8}  {', '.join(row['countries'])}")
    rep = join.report(ds)
    print(f"features without claims: {rep.features_without_claims or 'none'}")
    print(f"claims without features: {rep.claims_without_features or 'none'}")
    return 0 if rep.clean else 1


def _boundaries(args: argparse.Namespace) -> int:
    datadir = resolve(args.data_dir)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(args.source) if args.source else boundaries.fetch_world_atlas(Path(tmp))
        frame = boundaries.build(source)
    boundaries.write(frame, datadir.boundaries)
    print(f"wrote {len(frame)} countries to {datadir.rel(datadir.boundaries)}")
    return 0


def _cite(args: argparse.Namespace) -> int:
    """Every article and reference as citations, on standard output."""
    ds = dataset.load(resolve(args.data_dir))
    sys.stdout.buffer.write(citations.render(citations.entries(ds), args.format))
    sys.stdout.flush()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m corridors", description=__doc__)
    parser.add_argument(
        "--data-dir",
        help=f"folder holding geodata/ and seeds/ (default: ${ENV_VAR}, else this repository)",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check all data; exit 1 on any error")
    p.add_argument("--json", action="store_true", help="problems as JSON")
    p.set_defaults(func=_validate)
    p = sub.add_parser("export", help="write the data in another format")
    p.add_argument("--format", required=True, choices=export.FORMATS)
    p.add_argument("--output", required=True)
    p.set_defaults(func=_export)
    p = sub.add_parser("fmt", help="rewrite feature files in canonical form")
    p.add_argument("--redraw", action="store_true", help="rebuild geometry from waypoints")
    p.set_defaults(func=_fmt)
    sub.add_parser("measure", help="print measured lengths and countries").set_defaults(
        func=_measure
    )
    p = sub.add_parser("boundaries", help="rebuild geodata/boundaries.geojson")
    p.add_argument("--source", help="a countries file GDAL reads (default: Natural Earth 1:50m)")
    p.set_defaults(func=_boundaries)
    p = sub.add_parser("cite", help="print the sources as citations (CSL-JSON, BibTeX or RIS)")
    p.add_argument("--format", required=True, choices=citations.FORMATS)
    p.set_defaults(func=_cite)
    args = parser.parse_args(argv)
    return args.func(args)
