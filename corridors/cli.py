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

from . import dates
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
_PERMS = "check the folder's permissions and free space"


def _refused(command: str, problems: list[Problem], allow_errors: bool) -> bool:
    """The one bad-data policy of every command that reads the data: data with errors is refused,
    in these words and with exit 1, unless --allow-errors asks for what is valid. What a command
    makes of data in error would silently lack (or, for `measure`, misstate) what is in error."""
    errors = [p for p in problems if p.level == "error"]
    if not errors or allow_errors:
        return False
    first = errors[0]
    where = first.file + (f":{first.line}" if first.line else "")
    where += f" [{first.id}]" if first.id else ""
    print(
        f"{command} refused: the data has {len(errors)} error(s) (first: {where}: "
        f"{first.message}); nothing was done (run `python -m corridors validate` to see them all, or pass --allow-errors to "
        "use what is valid)",
        file=sys.stderr,
    )
    return True


def _add_allow_errors(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--allow-errors",
        action="store_true",
        help="use what is valid even when the data has errors (default: refuse, exit 1)",
    )


def _data_problems(datadir) -> list[Problem]:
    """Every problem with the data, for a command that writes into it (ingest, review)."""
    return validate(rawdata.read(datadir))


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
    if _refused("export", ds.problems, args.allow_errors):
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
                problems.append(error(rel, "", str(exc), _PERMS))
                continue
            print(f"rewrote {rel}")
    try:  # geodata/anchors.csv: where each quote stands (corridors/quotes/anchors.py)
        anchors.rewrite(datadir)
    except WriteError as exc:
        problems.append(error(datadir.rel(anchors.anchors_path(datadir)), "", str(exc), _PERMS))
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def _measure(args: argparse.Namespace) -> int:
    """Measured lengths and countries; closeness to the reference geodata; claimed vs measured."""
    ds = dataset.load(resolve(args.data_dir))
    if _refused("measure", ds.problems, args.allow_errors):
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


# --- ingest, review, anchors and annotations (corridors/ingest.py, anchors.py, annotations.py) ---


def _anchors(args: argparse.Namespace) -> int:
    anchors.rewrite(resolve(args.data_dir))
    return 0


def _annotations(args: argparse.Namespace) -> int:
    from .publish import annotations

    ds = dataset.load(resolve(args.data_dir))
    if _refused("annotations", ds.problems, args.allow_errors):
        return 1
    collection = annotations.collection(ds)
    text = json.dumps(collection, ensure_ascii=False, indent=1) + "\n"
    if args.output in (None, "-"):
        sys.stdout.write(text)
    else:
        write_bytes(Path(args.output), text.encode("utf-8"))
        print(f"wrote {collection['total']} annotations to {args.output}")
    return 0


def _ingest(args: argparse.Namespace) -> int:
    from .curate import ingest

    datadir = resolve(args.data_dir)
    try:
        # the data checked, sources.csv read and appended to, by one writer at a time
        with lock.writing(datadir):
            if _refused("ingest", _data_problems(datadir), args.allow_errors):
                return 1
            result = ingest.ingest(datadir, Path(args.article))
    except (ingest.IngestError, lock.Busy, OSError, WriteError) as exc:
        print(f"not ingested: {exc}", file=sys.stderr)
        return 1
    meta = {k: result.source_row[k] for k in ("headline", "outlet", "dateline", "date", "author")}
    claims = [r for r in result.rows if r["corridor"]]
    disagree = [r for r in claims if "DISAGREES" in r["reason"]]
    print(f"added {datadir.rel(result.seed)} (sha256 {result.source_row['sha256'][:12]}…)")
    print(
        "sources.csv: "
        + (", ".join(f"{k} {v!r}" for k, v in meta.items() if v) or "no metadata stated")
    )
    print(
        f"{len(claims)} proposed claim(s), {len(disagree)} disagreeing with accepted claims, "
        f"{len(result.rows) - len(claims)} mentioned, not mapped: {datadir.rel(result.proposals)}"
    )
    print(f"next: python -m corridors review {result.seed.stem}")
    return 0


def _review(args: argparse.Namespace) -> int:
    from .curate import review

    datadir = resolve(args.data_dir)
    try:
        if args.list:
            for _, row in review.pending(datadir, args.stem):
                print(review.describe(row))
            return 0
        if args.accept or args.reject:
            with lock.writing(datadir):  # checked and decided with no other writer in between
                if _refused("review", _data_problems(datadir), args.allow_errors):
                    return 1
                outcome = review.decide(datadir, args.accept, args.reject, args.stem)
        else:  # the lock is taken only once the curator has answered (review.decide)
            if _refused("review", _data_problems(datadir), args.allow_errors):
                return 1
            outcome = review.interactive(datadir, args.stem)
    except lock.Busy as exc:
        print(f"not reviewed: {exc}", file=sys.stderr)
        return 1
    except review.ReviewError as exc:
        print(exc, file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    review.report(outcome)
    return 0


def _add_ingest_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="add an article and propose claims from it")
    p.add_argument("article", help="the article, a UTF-8 .txt file")
    _add_allow_errors(p)
    p.set_defaults(func=_ingest)
    p = sub.add_parser("review", help="accept or reject proposed claims")
    p.add_argument("stem", nargs="?", help="the article's file stem (default: every article)")
    p.add_argument("--accept", action="append", default=[], metavar="ID")
    p.add_argument("--reject", action="append", default=[], metavar="ID")
    p.add_argument("--list", action="store_true", help="list pending proposals and stop")
    _add_allow_errors(p)
    p.set_defaults(func=_review)
    p = sub.add_parser("anchors", help="rewrite geodata/anchors.csv (also done by fmt)")
    p.set_defaults(func=_anchors)
    p = sub.add_parser("annotations", help="every claim as a W3C Web Annotation (JSON-LD)")
    p.add_argument("--output", help="file to write (default: standard output)")
    _add_allow_errors(p)
    p.set_defaults(func=_annotations)


def _cite(args: argparse.Namespace) -> int:
    """Every article and reference as citations, on standard output."""
    ds = dataset.load(resolve(args.data_dir))
    if _refused("cite", ds.problems, args.allow_errors):
        return 1
    sys.stdout.buffer.write(citations.render(citations.entries(ds), args.format))
    sys.stdout.flush()
    return 0


def _day(text: str):
    """A --since/--until argument: one calendar day, YYYY-MM-DD (a month or year would leave open
    whether its first or last day is meant)."""
    found = dates.day(text)
    if found is not None:
        return found
    raise argparse.ArgumentTypeError(f"{text!r} is not a day (YYYY-MM-DD, e.g. 2025-06-18)")


def _changes(args: argparse.Namespace) -> int:
    """What changed between two dates, as CSV or Atom, on standard output or into a file."""
    from .publish import changes

    ds = dataset.load(resolve(args.data_dir))
    if _refused("changes", ds.problems, args.allow_errors):
        return 1
    if args.until is not None and args.until < args.since:
        print("changes refused: --until is before --since", file=sys.stderr)
        return 1
    data = changes.render(ds, args.format, args.since, args.until, args.include_undated)
    if args.output in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    try:
        write_bytes(Path(args.output), data)
    except WriteError as exc:
        print(f"changes failed: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {args.output}")
    return 0


def _add_changes_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "changes",
        help="what the sources said between two dates: claims that appeared, changed figures and "
        "statuses, disagreements opened or closed (CSV or Atom)",
    )
    p.add_argument(
        "--since", required=True, type=_day, help="after this day (YYYY-MM-DD): what came later"
    )
    p.add_argument(
        "--until", type=_day, help="up to and including this day (default: every dated source)"
    )
    p.add_argument("--format", choices=("csv", "atom"), default="csv")
    p.add_argument("--output", help="file to write (default: standard output)")
    p.add_argument(
        "--include-undated",
        action="store_true",
        help="count undated sources as known on every date (they never appear as new)",
    )
    _add_allow_errors(p)
    p.set_defaults(func=_changes)


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
    _add_allow_errors(p)
    p.set_defaults(func=_export)
    p = sub.add_parser("fmt", help="rewrite feature files in canonical form")
    p.add_argument("--redraw", action="store_true", help="rebuild geometry from waypoints")
    p.set_defaults(func=_fmt)
    p = sub.add_parser(
        "measure",
        help="print measured lengths, countries, closeness to the reference geodata (where "
        f"present: ${compare.ENV_VAR}) and claimed lengths",
    )
    _add_allow_errors(p)
    p.set_defaults(func=_measure)
    p = sub.add_parser("boundaries", help="rebuild geodata/boundaries.geojson")
    p.add_argument("--source", help="a countries file GDAL reads (default: Natural Earth 1:50m)")
    p.set_defaults(func=_boundaries)
    _add_ingest_commands(sub)
    p = sub.add_parser("cite", help="print the sources as citations (CSL-JSON, BibTeX or RIS)")
    p.add_argument("--format", required=True, choices=citations.FORMATS)
    _add_allow_errors(p)
    p.set_defaults(func=_cite)
    _add_changes_command(sub)
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
