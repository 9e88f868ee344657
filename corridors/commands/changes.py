"""The ``changes`` command: what the sources said between two dates, as CSV or Atom."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import dates
from ..model import dataset
from ..store.atomicfile import WriteError, write_bytes
from ..store.datadir import resolve
from .common import add_allow_errors, refused


def _day(text: str):
    """A --since/--until argument: one calendar day, YYYY-MM-DD (a month or year would leave open
    whether its first or last day is meant)."""
    found = dates.day(text)
    if found is not None:
        return found
    raise argparse.ArgumentTypeError(f"{text!r} is not a day (YYYY-MM-DD, e.g. 2025-06-18)")


def _changes(args: argparse.Namespace) -> int:
    """What changed between two dates, as CSV or Atom, on standard output or into a file."""
    from ..publish import changes

    ds = dataset.load(resolve(args.data_dir))
    if refused("changes", ds.problems, args.allow_errors):
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


def add_commands(sub: argparse._SubParsersAction) -> None:
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
    add_allow_errors(p)
    p.set_defaults(func=_changes)
