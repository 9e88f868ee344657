"""Accepting or rejecting proposed claims, one by one: only accepted ones reach claims.csv.

``python -m corridors review [STEM]`` walks through geodata/proposed/<stem>.csv (every file when no
stem is given) and asks about each row; ``--accept ID --reject ID`` does the same without asking.
The dashboard's review page calls the same ``decide``.

Accepted rows are set after the claims of an in-memory copy of the data (confidence and reason
dropped; the note keeps any disagreement) and the copy is validated: if anything the acceptance
adds is in error (a relative date not yet resolved, a duplicate), nothing is written and nothing is
accepted. Only then is geodata/claims.csv written, and geodata/anchors.csv rewritten from the same
copy. Decided rows leave the proposals file; an emptied file is removed.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import Problem
from ..quotes import anchors
from ..schema import CLAIM_COLUMNS, format_claim
from ..store import atomicfile, lock, rawdata
from ..store.datadir import DataDir
from ..validate import validate
from . import ingest


class ReviewError(Exception):
    """Nothing was written; the message (and ``problems``) say why."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


@dataclass
class Outcome:
    accepted: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    remaining: int = 0


def files(datadir: DataDir, stem: str | None = None) -> list[Path]:
    if stem:
        path = ingest.proposals_path(datadir, stem)
        if not path.exists():
            raise ReviewError(f"no proposals for {stem!r}: {datadir.rel(path)} does not exist")
        return [path]
    folder = ingest.proposed_dir(datadir)
    return sorted(folder.glob("*.csv")) if folder.is_dir() else []


def pending(datadir: DataDir, stem: str | None = None) -> list[tuple[Path, dict[str, str]]]:
    return [(path, row) for path in files(datadir, stem) for row in ingest.read_rows(path)]


def describe(row: dict[str, str]) -> str:
    """One proposal as the curator reads it before deciding."""
    if not row["corridor"]:
        head = f"{row['id']}: MENTIONED, NOT MAPPED — {row['value']}"
    else:
        shown = format_claim(row)
        head = f"{row['id']}: {row['corridor']} · {row['field']} = {shown}"
        head += f"   (confidence {row['confidence']})"
    lines = [head, f"  quote ({row['source']}): “{row['quote']}”", f"  why: {row['reason']}"]
    if row["note"]:
        lines.append(f"  note: {row['note']}")
    return "\n".join(lines)


def decide(
    datadir: DataDir, accept: list[str], reject: list[str], stem: str | None = None
) -> Outcome:
    """Apply the decisions all at once; raise ReviewError (writing nothing) if any is refused."""
    try:
        with lock.writing(datadir):  # read, validate and write as one: no other writer between
            return _decide(datadir, accept, reject, stem)
    except lock.Busy as exc:
        raise ReviewError(f"not reviewed: {exc}") from None


def _decide(datadir: DataDir, accept: list[str], reject: list[str], stem: str | None) -> Outcome:
    rows = pending(datadir, stem)
    known = {row["id"]: (path, row) for path, row in rows}
    unknown = [i for i in [*accept, *reject] if i not in known]
    if unknown:
        raise ReviewError(f"no pending proposal with id {', '.join(unknown)}")
    both = set(accept) & set(reject)
    if both:
        raise ReviewError(f"both accepted and rejected: {', '.join(sorted(both))}")
    unmapped = [i for i in accept if not known[i][1]["corridor"]]
    if unmapped:
        raise ReviewError(
            f"{', '.join(unmapped)}: mentioned, not mapped, so there is no system to claim it "
            "for; add the system to geodata/corridors.csv (mapped 'no') and a claim by hand, or "
            "reject it"
        )
    # a proposals file written before a column existed has it empty
    claims = [{c: known[i][1].get(c, "") for c in CLAIM_COLUMNS} for i in accept]
    if claims:
        _append_validated(datadir, claims)
    decided = set(accept) | set(reject)
    remaining = 0
    for path in {p for p, _ in rows}:
        keep = [row for row in ingest.read_rows(path) if row["id"] not in decided]
        remaining += len(keep)
        if keep:
            ingest.write_rows(path, keep)
        else:
            path.unlink()
    return Outcome(list(accept), list(reject), remaining)


def _with_claims(datadir: DataDir, claims: list[dict[str, str]]) -> tuple[rawdata.RawData, str]:
    """The data as read, its claims table followed by ``claims`` (in memory), and that table's
    text: what claims.csv would hold once they are accepted."""
    raw = rawdata.read(datadir)
    text = datadir.claims.read_text(encoding="utf-8")
    if text and not text.endswith("\n"):
        text += "\n"
    text += rawdata.table_text(CLAIM_COLUMNS, claims, header=False)
    problems: list[Problem] = []
    table = rawdata.parse_table(raw.claims.rel, text, CLAIM_COLUMNS, problems)
    return dataclasses.replace(raw, claims=table, problems=raw.problems + problems), text


def _append_validated(datadir: DataDir, claims: list[dict[str, str]]) -> None:
    """Validate the data with the claims added, in memory; write claims.csv and anchors.csv only
    when nothing the acceptance adds is in error. The anchors for the new quotes do not exist
    before they are written, so the anchors file's own check is left to the write."""
    raw, text = _with_claims(datadir, claims)
    ids = {c["id"] for c in claims}
    anchors_rel = datadir.rel(anchors.anchors_path(datadir))
    problems = [
        p
        for p in validate(raw)
        if p.level == "error"
        and p.file != anchors_rel
        and (p.id in ids or (p.file == raw.claims.rel and not p.id))
    ]
    if problems:
        raise ReviewError(
            "not accepted: the claims would not pass `validate`; edit the proposals file and "
            "review again",
            problems,
        )
    atomicfile.write_bytes(datadir.claims, text.encode("utf-8"))
    anchors.write(datadir, raw)


def interactive(
    datadir: DataDir,
    stem: str | None = None,
    ask: Callable[[str], str] = input,
    say: Callable[[str], None] = print,
) -> Outcome:
    """Ask about each pending proposal: [a]ccept, [r]eject, [s]kip, [q]uit; then apply."""
    accept: list[str] = []
    reject: list[str] = []
    for _, row in pending(datadir, stem):
        say(describe(row))
        while True:
            answer = ask("  [a]ccept, [r]eject, [s]kip, [q]uit? ").strip().lower()[:1]
            if answer in ("a", "r", "s", "q"):
                break
        if answer == "q":
            break
        if answer == "a":
            if not row["corridor"]:
                say("  mentioned, not mapped: it cannot be accepted as a claim; skipped")
                continue
            accept.append(row["id"])
        elif answer == "r":
            reject.append(row["id"])
    return decide(datadir, accept, reject, stem)


def report(outcome: Outcome, out=None) -> None:
    print(
        f"accepted {len(outcome.accepted)} into geodata/claims.csv, rejected "
        f"{len(outcome.rejected)}; {outcome.remaining} proposal(s) still pending",
        file=out or sys.stdout,
    )
