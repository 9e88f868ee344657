"""The command line: validate, export, fmt, measure, boundaries, cite, ingest, review, anchors,
annotations and changes.

No command prints a traceback: bad data is listed as problems (exit 1); every command that reads
the data refuses data with errors in one line of the same words (exit 1) unless --allow-errors; a
write that fails is one line (exit 1); an unexpected error is one line saying so (exit 3; set
CORRIDORS_DEBUG=1 for the traceback).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
from pathlib import Path

from .commands import changes as changescmd
from .commands import curation
from .commands.common import PERMS, add_allow_errors, refused
from .geo import boundaries, compare, drawing
from .model import dataset, join
from .problems import Problem, error
from .publish import citations, export
from .quotes import anchors
from .schema import WAYPOINT_COLUMNS
from .store import geojsonio, lock, rawdata
from .store.atomicfile import WriteError, write_bytes
from .store.datadir import ENV_VAR, resolve
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
    if refused("export", ds.problems, args.allow_errors):
        return 1
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
    with lock.writing(datadir):  # no ingest or review rewrites a table under fmt's feet
        return _fmt_locked(datadir, args.redraw)


def _fmt_locked(datadir, redraw: bool) -> int:
    problems: list[Problem] = []
    points = _waypoint_positions(datadir, problems) if redraw else {}
    for path in rawdata.feature_paths(datadir, problems):
        geofile, text = rawdata.read_geofile_text(datadir, path, problems)
        rel, parsed = geofile.rel, geofile.data
        if text is None or parsed is None:
            continue
        features = parsed.get("features")
        if (
            parsed.get("type") != "FeatureCollection"
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
        if redraw:
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
                problems.append(error(rel, "", str(exc), PERMS))
                continue
            print(f"rewrote {rel}")
    try:  # geodata/anchors.csv: where each quote stands (corridors/quotes/anchors.py)
        anchors.rewrite(datadir)
    except WriteError as exc:
        problems.append(error(datadir.rel(anchors.anchors_path(datadir)), "", str(exc), PERMS))
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def _measure(args: argparse.Namespace) -> int:
    """Measured lengths and countries; closeness to the reference geodata; claimed vs measured."""
    ds = dataset.load(resolve(args.data_dir))
    if refused("measure", ds.problems, args.allow_errors):
        return 1
    ref_dir = compare.reference_dir()
    absent = compare.missing(ref_dir)
    legs = {} if absent else {c.feature: c for c in compare.compare(ds, compare.load(ref_dir))}
    if absent:
        print(
            f"reference geodata not found in {ref_dir} (missing {', '.join(absent)}; set "
            f"${compare.ENV_VAR}): shares within {compare.NEAR_KM:g}/{compare.FAR_KM:g} km "
            "not measured"
        )
    else:
        print(f"reference geodata: {ref_dir}")
    near, far = f"≤{compare.NEAR_KM:g} km", f"≤{compare.FAR_KM:g} km"
    print(
        f"\n{'feature':30} {'method':9} {'acc':>4} {'km':>7} {near:>7} {far:>7}  "
        "compared with; countries"
    )
    for feature_id, row in ds.features.iterrows():
        km = row["measured_length_km"]
        shown = "point" if km is None or km != km else f"{km:7.1f}"
        leg = legs.get(feature_id)
        shares = ("", "")
        against = ""
        if leg is not None and leg.within_far is not None:
            shares = (f"{leg.within_near:7.1%}", f"{leg.within_far:7.1%}")
            against = "+".join(leg.against) + ("" if leg.method == "traced" else " (any railway)")
        print(
            f"{feature_id:30} {row['method']:9} {row['accuracy_km']:>4g} {shown:>7} "
            f"{shares[0]:>7} {shares[1]:>7}  {against}; {', '.join(row['countries'])}"
        )
    checked = [s for leg in legs.values() for s in leg.stations if s.km is not None]
    if checked:
        worst = max(checked, key=lambda s: s.km)
        print(
            f"\n{len(checked)} station waypoints compared with their OSM station: largest offset "
            f"{worst.km:.2f} km ({worst.waypoint})"
        )
    print(f"\n{'corridor':24} {'features':>8} {'sum km':>9} {'network km':>11}")
    for corridor in ds.corridors.index:
        mine = ds.features[ds.features["corridor"] == corridor]
        if mine.empty:
            print(f"{corridor:24} {'-':>8} {'mentioned, not mapped':>21}")
            continue
        total = sum(km for km in mine["measured_length_km"] if km == km and km)
        if not total:
            print(f"{corridor:24} {len(mine):8d} {'point':>9} {'point':>11}")
            continue
        network = compare.network_km(mine.geometry)
        print(f"{corridor:24} {len(mine):8d} {total:9.1f} {network:11.1f}")
    print(f"\n{'length claim':28} {'of':22} {'claimed':>9} {'measured':>9} {'diff':>7}  source")
    for check in compare.lengths(ds):
        of = check.feature or f"{check.corridor} (network)"
        claimed = f"{check.qualifier} {check.claimed_km:,.0f}".strip()
        print(
            f"{check.claim:28} {of:22} {claimed:>9} {check.measured_km:9.1f} "
            f"{check.difference:+7.1%}  {check.source}"
        )
    rep = join.report(ds)
    print(f"\nfeatures without claims: {rep.features_without_claims or 'none'}")
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
    if refused("cite", ds.problems, args.allow_errors):
        return 1
    sys.stdout.buffer.write(citations.render(citations.entries(ds), args.format))
    sys.stdout.flush()
    return 0


def _os_error(exc: OSError) -> str:
    """One line for an operating-system error: what it concerned and why."""
    what = f" {exc.filename}" if exc.filename else ""
    return f"cannot use{what}: {exc.strerror or exc}"


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
    add_allow_errors(p)
    p.set_defaults(func=_export)
    p = sub.add_parser("fmt", help="rewrite feature files in canonical form")
    p.add_argument("--redraw", action="store_true", help="rebuild geometry from waypoints")
    p.set_defaults(func=_fmt)
    p = sub.add_parser(
        "measure",
        help="print measured lengths, countries, closeness to the reference geodata (where "
        f"present: ${compare.ENV_VAR}) and claimed lengths",
    )
    add_allow_errors(p)
    p.set_defaults(func=_measure)
    p = sub.add_parser("boundaries", help="rebuild geodata/boundaries.geojson")
    p.add_argument("--source", help="a countries file GDAL reads (default: Natural Earth 1:50m)")
    p.set_defaults(func=_boundaries)
    curation.add_commands(sub)
    p = sub.add_parser("cite", help="print the sources as citations (CSL-JSON, BibTeX or RIS)")
    p.add_argument("--format", required=True, choices=citations.FORMATS)
    add_allow_errors(p)
    p.set_defaults(func=_cite)
    changescmd.add_commands(sub)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except lock.Busy as exc:  # another curator is writing: nothing was written
        print(f"{args.command} refused: {exc}", file=sys.stderr)
        return 1
    except WriteError as exc:  # the file named in it is unchanged (atomicfile)
        print(f"{args.command} failed: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # the machine's refusal (a folder in the way, a full disk), not a bug
        print(f"{args.command} failed: {_os_error(exc)}", file=sys.stderr)
        return 1
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
