"""The curator's commands: ingest an article, review its proposals, rewrite the anchors, and
write every claim as a Web Annotation.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..model import dataset
from ..quotes import anchors
from ..store import lock, rawdata
from ..store.atomicfile import WriteError, write_bytes
from ..store.datadir import resolve
from ..validate import validate
from .common import add_allow_errors, data_problems, refused


def _anchors(args: argparse.Namespace) -> int:
    anchors.rewrite(resolve(args.data_dir))
    return 0


def _annotations(args: argparse.Namespace) -> int:
    from ..publish import annotations

    ds = dataset.load(resolve(args.data_dir))
    if refused("annotations", ds.problems, args.allow_errors):
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
    from ..curate import ingest

    datadir = resolve(args.data_dir)
    try:
        # the data checked, sources.csv read and appended to, by one writer at a time
        with lock.writing(datadir):
            raw = rawdata.read(datadir)  # read once: checked, then what the article is set beside
            if refused("ingest", validate(raw), args.allow_errors):
                return 1
            result = ingest.ingest(datadir, Path(args.article), raw=raw)
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
    from ..curate import review

    datadir = resolve(args.data_dir)
    try:
        if args.list:
            for _, row in review.pending(datadir, args.stem):
                print(review.describe(row))
            return 0
        if args.accept or args.reject:
            with lock.writing(datadir):  # checked and decided with no other writer in between
                if refused("review", data_problems(datadir), args.allow_errors):
                    return 1
                outcome = review.decide(datadir, args.accept, args.reject, args.stem)
        else:  # the lock is taken only once the curator has answered (review.decide)
            if refused("review", data_problems(datadir), args.allow_errors):
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


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="add an article and propose claims from it")
    p.add_argument("article", help="the article, a UTF-8 .txt file")
    add_allow_errors(p)
    p.set_defaults(func=_ingest)
    p = sub.add_parser("review", help="accept or reject proposed claims")
    p.add_argument("stem", nargs="?", help="the article's file stem (default: every article)")
    p.add_argument("--accept", action="append", default=[], metavar="ID")
    p.add_argument("--reject", action="append", default=[], metavar="ID")
    p.add_argument("--list", action="store_true", help="list pending proposals and stop")
    add_allow_errors(p)
    p.set_defaults(func=_review)
    p = sub.add_parser("anchors", help="rewrite geodata/anchors.csv (also done by fmt)")
    p.set_defaults(func=_anchors)
    p = sub.add_parser("annotations", help="every claim as a W3C Web Annotation (JSON-LD)")
    p.add_argument("--output", help="file to write (default: standard output)")
    add_allow_errors(p)
    p.set_defaults(func=_annotations)
