"""The command line: validate, export, fmt, measure and boundaries.

No command prints a traceback: bad data is listed as problems (exit 1), a refused or failed export
is one line (exit 1), and an unexpected error is one line saying so (exit 3; set CORRIDORS_DEBUG=1
for the traceback).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
from pathlib import Path

from . import boundaries, dataset, drawing, export, geojsonio, join, rawdata, reading
from .atomicfile import WriteError, write_bytes
from .datadir import ENV_VAR, resolve
from .problems import Problem, error
from .schema import WAYPOINT_COLUMNS
from .validate import validate

DEBUG_VAR = "CORRIDORS_DEBUG"


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
    summary = (
        f"{len(raw.geofiles)} files, {features} features, {len(raw.claims.rows)} claims, "
        f"{len(raw.seeds)} sources: {len(errors)} errors, {len(problems) - len(errors)} warnings"
    )
    if not args.json:
        print(("FAILED: " if errors else "OK: ") + summary)
    return 1 if errors else 0


def _export(args: argparse.Namespace) -> int:
    ds = dataset.load(resolve(args.data_dir))
    try:
        export.write(ds, args.format, Path(args.output), allow_errors=args.allow_errors)
    except export.ExportError as exc:
        print(f"export failed: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {len(ds.features)} features, {len(ds.claims)} claims to {args.output}")
    return 0


def _waypoint_positions(datadir, problems: list[Problem]) -> dict[str, tuple[float, float]]:
    """(lon, lat) of every waypoint whose coordinates are finite numbers."""
    table = rawdata.read_table(datadir, datadir.waypoints, WAYPOINT_COLUMNS, problems)
    points = {}
    for row in table.rows:
        try:
            lon, lat = float(row["lon"]), float(row["lat"])
        except ValueError:
            continue
        if math.isfinite(lon) and math.isfinite(lat):
            points[row["id"]] = (lon, lat)
    return points


def _fmt(args: argparse.Namespace) -> int:
    """Rewrite feature files in canonical form; with --redraw, rebuild lines from waypoints.

    A file is rewritten only when every member it holds survives the rewrite: one with a member
    the canonical form does not know, or that is not a FeatureCollection of Features, is left
    unchanged and named, so fmt can never lose data.
    """
    datadir = resolve(args.data_dir)
    problems: list[Problem] = []
    points = _waypoint_positions(datadir, problems) if args.redraw else {}
    for path in reading.list_folder(datadir, datadir.features, ".geojson", problems):
        rel = datadir.rel(path)
        data = reading.read_bytes(datadir, path, reading.FEATURE_FILE, problems)
        text = None if data is None else reading.decode_text(data, rel, problems)
        parsed = None if text is None else reading.parse_json(text, rel, problems)
        if text is None or parsed is None:
            continue
        features = parsed.get("features") if isinstance(parsed, dict) else None
        if (
            not isinstance(parsed, dict)
            or parsed.get("type") != "FeatureCollection"
            or not isinstance(features, list)
            or not all(isinstance(f, dict) for f in features)
        ):
            problems.append(
                error(
                    rel,
                    "",
                    "not a FeatureCollection of Features; left unchanged",
                    "fix it by hand; `python -m corridors validate` says what is wrong",
                )
            )
            continue
        dropped = geojsonio.unknown(parsed)
        if dropped:
            more = f" (and {len(dropped) - 3} more)" if len(dropped) > 3 else ""
            problems.append(
                error(
                    rel,
                    "",
                    f"holds what the canonical form does not keep: {'; '.join(dropped[:3])}{more}; "
                    "left unchanged",
                    "remove it by hand (GeoJSON features keep type, id, bbox, properties, "
                    "geometry), then run fmt again",
                )
            )
            continue
        if args.redraw:
            try:
                features = [drawing.redraw(f, points) for f in features]
            except (KeyError, TypeError, IndexError, AttributeError) as exc:
                problems.append(
                    error(
                        rel,
                        "",
                        f"cannot redraw: waypoint or property {exc} is missing or malformed; "
                        "left unchanged",
                        "`python -m corridors validate` says what is wrong",
                    )
                )
                continue
        try:
            canonical = geojsonio.dumps(features, bbox=parsed.get("bbox"))
        except (ValueError, TypeError) as exc:
            problems.append(error(rel, "", f"cannot write it: {exc}; left unchanged", ""))
            continue
        if canonical != text:
            try:
                write_bytes(path, canonical.encode("utf-8"))
            except WriteError as exc:
                problems.append(error(rel, "", str(exc), "check the folder's permissions"))
                continue
            print(f"rewrote {rel}")
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
    p.add_argument(
        "--allow-errors",
        action="store_true",
        help="export what is valid even when the data has errors (default: refuse)",
    )
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
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the promise: one line, never a traceback
        if os.environ.get(DEBUG_VAR):
            raise
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        print(
            f"internal error ({type(exc).__name__}{': ' + detail if detail else ''}); "
            f"please report it (set {DEBUG_VAR}=1 for the details)",
            file=sys.stderr,
        )
        return 3
