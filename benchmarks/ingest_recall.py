"""Ingest recall on the corpus itself: take an article out, ingest it again, compare.

For each article that has claims, on a temporary copy of the live data: remove the article from
seeds/ and sources.csv and remove every claim citing it; then `ingest` it and compare its proposals
with the removed claims. A removed claim is *found* when a proposal has its corridor, field and
value; a proposal is *wrong* when it matches no removed claim ("mentioned, not mapped" rows are not
claims and are counted apart). Values compare as the field stores them: numbers and dates exactly,
statuses and lists exactly (case and dashes folded); free text (name aside: route, role, context,
operator, corridor), which curators write as a normalised paraphrase, with rapidfuzz
token_sort_ratio >= TEXT_MATCH.

    python -m benchmarks.ingest_recall            # the table, then what was missed and why
    python -m benchmarks.ingest_recall --wrong    # also list the wrong proposals

Prints a table; it is not a test (the figures are measured, not asserted).
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
import tempfile
from pathlib import Path

from rapidfuzz import fuzz, utils

from corridors import ingest
from corridors.datadir import REPO_ROOT, DataDir

#: Free-text values at least this alike (rapidfuzz token_sort_ratio, 0..100) count as the same.
TEXT_MATCH = 70
TEXT_FIELDS = {"route", "role", "context", "operator", "corridor"}


def same_value(
    claim: dict[str, str], proposal: dict[str, str], text_match: int = TEXT_MATCH
) -> bool:
    if claim["corridor"] != proposal["corridor"] or claim["field"] != proposal["field"]:
        return False
    if claim["field"] in TEXT_FIELDS and text_match < 100:
        score = fuzz.token_sort_ratio(
            claim["value"], proposal["value"], processor=utils.default_process
        )
        return score >= text_match
    if claim["unit"] != proposal["unit"]:
        return False
    return ingest._same(claim["field"], claim["value"], proposal["value"])


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    path.write_text(ingest.table_text(columns, rows), encoding="utf-8")


def run_one(live: DataDir, article: str, work: Path) -> dict:
    root = work / article
    shutil.copytree(live.geodata, root / "geodata")
    shutil.copytree(live.seeds, root / "seeds")
    for path in root.rglob("*"):
        path.chmod(path.stat().st_mode | 0o200)
    data = DataDir(root)
    held = work / "held" / article
    held.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(data.seeds / article, held)
    columns, sources = _rows(data.sources)
    _write(data.sources, columns, [r for r in sources if r["file"] != article])
    columns, claims = _rows(data.claims)
    removed = [c for c in claims if c["source"] == article]
    _write(data.claims, columns, [c for c in claims if c["source"] != article])
    result = ingest.ingest(data, held)
    proposals = [r for r in result.rows if r["corridor"]]
    unmapped = [r for r in result.rows if not r["corridor"]]
    found = {c["id"]: [p["id"] for p in proposals if same_value(c, p)] for c in removed}
    wrong = [p for p in proposals if not any(same_value(c, p) for c in removed)]
    strict = sum(1 for c in removed if any(same_value(c, p, 100) for p in proposals))
    return {
        "article": article,
        "removed": removed,
        "proposals": proposals,
        "unmapped": unmapped,
        "found": found,
        "wrong": wrong,
        "strict": strict,
        "meta": result.source_row,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default=str(REPO_ROOT))
    parser.add_argument("--wrong", action="store_true", help="list the wrong proposals too")
    args = parser.parse_args(argv)
    live = DataDir(Path(args.data_dir))
    _, claims = _rows(live.claims)
    articles = sorted(
        {c["source"] for c in claims if c["source"] in {p.name for p in live.seeds.glob("*.txt")}}
    )
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for article in articles:
            results.append(run_one(live, article, Path(tmp)))
    header = f"{'article':28} {'claims':>6} {'found':>6} {'recall':>7} {'proposed':>8} {'wrong':>6} {'wrong/right':>11} {'unmapped':>8}"
    print(header)
    print("-" * len(header))
    total = {"claims": 0, "found": 0, "proposed": 0, "wrong": 0, "unmapped": 0}
    for r in results:
        n, f = len(r["removed"]), sum(1 for v in r["found"].values() if v)
        p, w = len(r["proposals"]), len(r["wrong"])
        right = p - w
        print(
            f"{r['article']:28} {n:6} {f:6} {f / n:7.0%} {p:8} {w:6} "
            f"{(w / right if right else float('inf')):11.2f} {len(r['unmapped']):8}"
        )
        for key, value in zip(total, (n, f, p, w, len(r["unmapped"])), strict=True):
            total[key] += value
    right = total["proposed"] - total["wrong"]
    print("-" * len(header))
    print(
        f"{'all':28} {total['claims']:6} {total['found']:6} "
        f"{total['found'] / total['claims']:7.0%} {total['proposed']:8} {total['wrong']:6} "
        f"{(total['wrong'] / right if right else float('inf')):11.2f} {total['unmapped']:8}"
    )
    strict = sum(r["strict"] for r in results)
    print(
        f"\n(free text counts as the same value at rapidfuzz token_sort_ratio >= {TEXT_MATCH}; "
        f"compared exactly, case and dashes folded: {strict} found, "
        f"{strict / total['claims']:.0%} recall)"
    )
    print("\nmissed:")
    for r in results:
        for c in r["removed"]:
            if not r["found"][c["id"]]:
                near = [
                    p
                    for p in r["proposals"]
                    if p["corridor"] == c["corridor"] and p["field"] == c["field"]
                ]
                detail = (
                    "; proposed instead: " + " | ".join(repr(p["value"]) for p in near)
                    if near
                    else ""
                )
                print(f"  {c['id']:22} {c['field']:16} {c['value'][:60]!r}{detail}")
    if args.wrong:
        print("\nwrong proposals:")
        for r in results:
            for p in r["wrong"]:
                print(f"  {p['id']:24} {p['field']:16} {p['value'][:70]!r}  [{p['reason'][:80]}]")
        print("\nmentioned, not mapped:")
        for r in results:
            for p in r["unmapped"]:
                print(f"  {r['article'][:3]} {p['value'][:50]!r}: {p['reason'][:70]}")
    print("\nmetadata read from the text:")
    for r in results:
        meta = {k: v for k, v in r["meta"].items() if k not in ("file", "sha256", "note") and v}
        print(f"  {r['article']}: {meta}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
