"""Ingest recall on the corpus itself: take an article out, ingest it again, compare.

For each article that has claims, on a temporary copy of the live data: remove the article from
seeds/ and sources.csv and every claim whose source is the article (claims citing a public
reference stay and are not counted), make the copy consistent again (feature statuses that no
claim states any more; geodata/anchors.csv rewritten as `fmt` does; see ``remove_article``) and
check it with `validate`; then `ingest` the article and compare its proposals with the removed
claims. A removed claim is *found* when a proposal has its corridor, field and value; a proposal
is *wrong* when it matches no removed claim ("mentioned, not mapped" rows are not claims and are
counted apart). Values compare as the field stores them: numbers and dates exactly, statuses and
lists exactly (case and dashes folded); free text (name aside: route, role, context, operator,
corridor), which curators write as a normalised paraphrase, with rapidfuzz token_sort_ratio >=
TEXT_MATCH.

A corridor every claim of which cites the removed article (one only that article mentions) stays
a known system in the table: its row in corridors.csv is curation, not a claim. Left without
claims it breaks the rules of `validate` that every corridor be cited ("a corridor that is only
mentioned needs the claim that mentions it", "no claim cites this feature"): the only errors the
copy may have. A second run removes such corridors too (the copy then validates in full, and
ingest can only list them as "mentioned, not mapped") and prints its recall below the table.

    python -m benchmarks.ingest_recall            # the table, then what was missed and why
    python -m benchmarks.ingest_recall --wrong    # also list the wrong proposals

Prints a table; it is not a test (the figures are measured, not asserted).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import textwrap
from pathlib import Path

from rapidfuzz import fuzz, utils

from corridors.curate import ingest
from corridors.schema import FIELDS
from corridors.store.datadir import REPO_ROOT, DataDir
from devtools.articles import copy_data, read_rows, remove_article


def _same(field_name: str, a: str, b: str) -> bool:
    """The schema's own rule for two values that say the same thing (Field.same)."""
    field = FIELDS.get(field_name)
    return field.same(a, b) if field else a.strip().casefold() == b.strip().casefold()


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
    return _same(claim["field"], claim["value"], proposal["value"])


def run_one(live: DataDir, article: str, work: Path, drop_orphans: bool = False) -> dict:
    root = work / ("strict" if drop_orphans else "known") / article
    data = copy_data(live, root)
    held = root.parent / "held" / article
    held.parent.mkdir(parents=True, exist_ok=True)
    removal = remove_article(data, article, held, drop_orphans)
    removed = removal.claims
    result = ingest.ingest(data, held)
    proposals = [r for r in result.rows if r["corridor"]]
    unmapped = [r for r in result.rows if not r["corridor"]]
    found = {c["id"]: [p["id"] for p in proposals if same_value(c, p)] for c in removed}
    wrong = [p for p in proposals if not any(same_value(c, p) for c in removed)]
    strict = sum(1 for c in removed if any(same_value(c, p, 100) for p in proposals))
    return {
        "article": article,
        "removed": removed,
        "removal": removal,
        "proposals": proposals,
        "unmapped": unmapped,
        "found": found,
        "wrong": wrong,
        "strict": strict,
        "meta": result.source_row,
    }


def _totals(results: list[dict]) -> dict[str, int]:
    total = {"claims": 0, "found": 0, "proposed": 0, "wrong": 0, "unmapped": 0}
    for r in results:
        total["claims"] += len(r["removed"])
        total["found"] += sum(1 for v in r["found"].values() if v)
        total["proposed"] += len(r["proposals"])
        total["wrong"] += len(r["wrong"])
        total["unmapped"] += len(r["unmapped"])
    return total


def _ratio(wrong: int, proposed: int) -> float:
    right = proposed - wrong
    return wrong / right if right else float("inf")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default=str(REPO_ROOT))
    parser.add_argument("--wrong", action="store_true", help="list the wrong proposals too")
    args = parser.parse_args(argv)
    live = DataDir(Path(args.data_dir))
    _, claims = read_rows(live.claims)
    articles = sorted(
        {c["source"] for c in claims if c["source"] in {p.name for p in live.seeds.glob("*.txt")}}
    )
    results, dropped = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for article in articles:
            results.append(run_one(live, article, Path(tmp)))
            if results[-1]["removal"].orphans:
                dropped.append(run_one(live, article, Path(tmp), drop_orphans=True))
            else:
                dropped.append(results[-1])
    header = (
        f"{'article':28} {'claims':>6} {'found':>6} {'recall':>7} {'proposed':>8} {'wrong':>6} "
        f"{'wrong/right':>11} {'unmapped':>8}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        t = _totals([r])
        print(
            f"{r['article']:28} {t['claims']:6} {t['found']:6} {t['found'] / t['claims']:7.0%} "
            f"{t['proposed']:8} {t['wrong']:6} {_ratio(t['wrong'], t['proposed']):11.2f} "
            f"{t['unmapped']:8}"
        )
    total = _totals(results)
    print("-" * len(header))
    print(
        f"{'all':28} {total['claims']:6} {total['found']:6} "
        f"{total['found'] / total['claims']:7.0%} {total['proposed']:8} {total['wrong']:6} "
        f"{_ratio(total['wrong'], total['proposed']):11.2f} {total['unmapped']:8}"
    )
    strict = sum(r["strict"] for r in results)
    print(
        f"\n(free text counts as the same value at rapidfuzz token_sort_ratio >= {TEXT_MATCH}; "
        f"compared exactly, case and dashes folded: {strict} found, "
        f"{strict / total['claims']:.0%} recall)"
    )
    orphaned = [r for r in results if r["removal"].orphans]
    if orphaned:
        alone = _totals(dropped)
        names = "; ".join(
            f"{r['article'][:3]}: {', '.join(r['removal'].orphans)}" for r in orphaned
        )
        print()
        print(
            textwrap.fill(
                f"Corridors every claim of which cites the removed article stay known above "
                f"({names}): the errors `validate` reports on the copy are all theirs (no claim "
                f"left to cite them). With them removed too (corridors.csv row and features; the "
                f"copy then validates in full and ingest can only list them as mentioned, not "
                f"mapped): {alone['found']} of {alone['claims']} found "
                f"({alone['found'] / alone['claims']:.0%}), {alone['wrong']} wrong of "
                f"{alone['proposed']} proposed, {alone['unmapped']} mentioned, not mapped.",
                width=100,
                break_on_hyphens=False,
            )
        )
    unexpected = [(r["article"], p) for r in results + dropped for p in r["removal"].unexpected]
    if unexpected:
        print("\nTHE COPY DOES NOT VALIDATE once an article is removed:")
        for article, p in unexpected:
            print(f"  {article}: {p}")
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
    if not any(not v for r in results for v in r["found"].values()):
        print("  (none)")
    print(f"\nfound as a paraphrase only (token_sort_ratio >= {TEXT_MATCH}, not the same text):")
    for r in results:
        for c in r["removed"]:
            if r["found"][c["id"]] and not any(same_value(c, p, 100) for p in r["proposals"]):
                p = next(p for p in r["proposals"] if p["id"] in r["found"][c["id"]])
                score = fuzz.token_sort_ratio(
                    c["value"], p["value"], processor=utils.default_process
                )
                print(f"  {c['id']:22} {score:3.0f}  {c['value'][:70]!r}")
                print(f"  {'':22} {'':3}  {p['value'][:70]!r}")
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
