"""Ingest on reporting it was not written for: the notes of benchmarks/reporting/<part>/.

Each note (``NN-slug.txt``, written in our own words from a real report) is ingested into a
temporary copy of the live data, and its proposals are scored against the facts a curator records
from it (``NN-slug.facts.csv``):

- a fact is *found* when a proposal has its corridor, field, value and unit (numbers as numbers,
  dates and lists exactly, names with case and dashes folded); whether the proposal also has the
  fact's period, scope and feature is counted apart;
- a proposal of a field the facts record (status, cost, length, section_length, capacity, traffic,
  transit_time, target, stake, tunnels, bridges, the dates, lines, countries, operator) is *wrong*
  when it matches no fact; names, routes, roles and contexts are descriptions the facts do not
  record, and are not counted; "mentioned, not mapped" rows are counted apart;
- a *false disagreement* is a proposal flagged as disagreeing with an accepted claim that is not
  like and like with the fact the proposal reads (a part set against the whole, a section against
  the whole, a period against another), or that reads no fact at all.

Line D of the gas pipeline is a part no row of the live corridors.csv lists: ingest lists it as
mentioned, not mapped, with the row a curator would add. The second run adds the rows ingest
suggested (as a curator would, and only those) and ingests again; both runs are printed.

    python -m benchmarks.ingest_reporting --part dev
    python -m benchmarks.ingest_reporting --part dev --sentences pysbd --quantities quantulum3

Prints tables; it is not a test (the figures are measured, not asserted).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.ingest_recall import copy_data
from corridors.curate import ingest
from corridors.schema import FIELDS
from corridors.store.datadir import REPO_ROOT, DataDir


def _same(field_name: str, a: str, b: str) -> bool:
    """The schema's own rule for two values that say the same thing (Field.same)."""
    field = FIELDS.get(field_name)
    return field.same(a, b) if field else a.strip().casefold() == b.strip().casefold()


REPORTING = Path(__file__).parent / "reporting"
RECORDED = {
    "status",
    "cost",
    "length",
    "section_length",
    "capacity",
    "traffic",
    "transit_time",
    "target",
    "stake",
    "tunnels",
    "bridges",
    "start_date",
    "completion_date",
    "opening_date",
    "proposed_date",
    "lines",
    "countries",
    "operator",
}
_SUGGESTED = re.compile(
    r"add the corridors\.csv row (?P<id>[a-z0-9-]+) \(mapped no, part_of (?P<parent>[a-z0-9-]+)\)"
)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def same(fact: dict[str, str], proposal: dict[str, str]) -> bool:
    """Corridor, field, value and unit: the reading a curator records."""
    if (fact["corridor"], fact["field"]) != (proposal["corridor"], proposal["field"]):
        return False
    if fact["unit"] != proposal["unit"]:
        return False
    return _same(fact["field"], fact["value"], proposal["value"])


def exact(fact: dict[str, str], proposal: dict[str, str]) -> bool:
    """... and the same period, scope and feature."""
    keys = ("period", "scope", "feature")
    return same(fact, proposal) and all(fact[k] == proposal.get(k, "") for k in keys)


@dataclass
class Score:
    note: str
    facts: list[dict[str, str]]
    proposals: list[dict[str, str]]
    unmapped: list[dict[str, str]]
    accepted: list[dict[str, str]] = field(default_factory=list)

    @property
    def found(self) -> list[dict[str, str]]:
        return [f for f in self.facts if any(same(f, p) for p in self.proposals)]

    @property
    def found_exactly(self) -> list[dict[str, str]]:
        return [f for f in self.facts if any(exact(f, p) for p in self.proposals)]

    @property
    def counted(self) -> list[dict[str, str]]:
        return [p for p in self.proposals if p["field"] in RECORDED]

    @property
    def wrong(self) -> list[dict[str, str]]:
        return [p for p in self.counted if not any(same(f, p) for f in self.facts)]

    def false_disagreements(self) -> list[tuple[dict[str, str], str]]:
        """Flags that are not like against like, with why."""
        by_id = {c["id"]: c for c in self.accepted}
        out = []
        for p in self.proposals:
            for ident in re.findall(r"(?:Disagrees with |; )([\w.-]+) \('", p["note"]):
                claim = by_id.get(ident, {})
                facts = [f for f in self.facts if same(f, p)]
                like = [
                    f
                    for f in facts
                    if all(f[k] == claim.get(k, "") for k in ("feature", "scope", "period"))
                ]
                if like:
                    continue
                if not facts:
                    why = "the proposal reads no fact"
                elif any(f["scope"] != claim.get("scope", "") for f in facts):
                    why = "a section set against the whole"
                elif any(f["feature"] != claim.get("feature", "") for f in facts):
                    why = "a line set against the whole"
                else:
                    why = "another period"
                out.append((p, f"{ident}: {why}"))
        return out


def notes(part: str) -> list[Path]:
    return sorted((REPORTING / part).glob("[0-9][0-9]-*.txt"))


def _add_parts(data: DataDir, rows: list[dict[str, str]]) -> list[str]:
    """Add the corridors.csv rows ingest suggested for parts; their ids."""
    corridors = read_csv(data.corridors)
    columns = list(corridors[0]) if corridors else []
    if "part_of" not in columns:
        return []
    names = {r["id"]: r["name"] for r in corridors}
    added = []
    for row in rows:
        m = _SUGGESTED.search(row["note"])
        if m and m.group("id") not in names and m.group("id") not in added:
            parent = re.sub(r"\s*\(.*\)$", "", names.get(m.group("parent"), m.group("parent")))
            corridors.append(
                dict.fromkeys(columns, "")
                | {
                    "id": m.group("id"),
                    "name": f"{parent}, {row['value']}",
                    "mapped": "no",
                    "part_of": m.group("parent"),
                    "summary": "Added for the benchmark, as ingest suggested.",
                }
            )
            added.append(m.group("id"))
    if added:
        with data.corridors.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(corridors)
    return added


def run(
    part: str, options: ingest.Options, with_parts: bool, work: Path
) -> tuple[list[Score], list[str]]:
    """Ingest every note of the part into a fresh copy of the live data; score each."""
    live = DataDir(REPO_ROOT)
    added: list[str] = []
    if with_parts:
        first, _ = run(part, options, False, work / "first")
        data = copy_data(live, work / "parts")
        added = _add_parts(data, [r for s in first for r in s.unmapped])
    else:
        data = copy_data(live, work / "plain")
    accepted = read_csv(data.claims)
    scores = []
    for note in notes(part):
        result = ingest.ingest(data, note, options)
        facts = read_csv(note.with_name(note.stem + ".facts.csv"))
        proposals = [r for r in result.rows if r["corridor"]]
        unmapped = [r for r in result.rows if not r["corridor"]]
        scores.append(Score(note.name, facts, proposals, unmapped, accepted))
    return scores, added


def _ratio(wrong: int, right: int) -> float:
    return wrong / right if right else float("inf")


def totals(scores: list[Score]) -> dict[str, float]:
    facts = sum(len(s.facts) for s in scores)
    found = sum(len(s.found) for s in scores)
    exactly = sum(len(s.found_exactly) for s in scores)
    counted = sum(len(s.counted) for s in scores)
    wrong = sum(len(s.wrong) for s in scores)
    return {
        "facts": facts,
        "found": found,
        "recall": found / facts if facts else 0.0,
        "exactly": exactly,
        "proposed": counted,
        "wrong": wrong,
        "wrong_per_right": _ratio(wrong, counted - wrong),
        "false": sum(len(s.false_disagreements()) for s in scores),
        "unmapped": sum(len(s.unmapped) for s in scores),
    }


def print_table(scores: list[Score], title: str) -> None:
    print(title)
    header = (
        f"{'note':34} {'facts':>5} {'found':>5} {'recall':>6} {'exact':>5} {'prop.':>5} "
        f"{'wrong':>5} {'w/right':>7} {'false':>5} {'unmapped':>8}"
    )
    print(header)
    print("-" * len(header))
    for s in [*scores, None]:
        t = totals([s] if s else scores)
        if s is None:
            print("-" * len(header))
        print(
            f"{(s.note if s else 'all'):34} {t['facts']:5} {t['found']:5} {t['recall']:6.0%} "
            f"{t['exactly']:5} {t['proposed']:5} {t['wrong']:5} {t['wrong_per_right']:7.2f} "
            f"{t['false']:5} {t['unmapped']:8}"
        )


def _why_missed(fact: dict[str, str], s: Score) -> str:
    near = [
        p for p in s.proposals if p["corridor"] == fact["corridor"] and p["field"] == fact["field"]
    ]
    if near:
        return "proposed instead: " + " | ".join(f"{p['value']} {p['unit']}".strip() for p in near)
    other = [p for p in s.proposals if _same(fact["field"], fact["value"], p["value"])]
    if other:
        return "read as " + " | ".join(f"{p['corridor']} {p['field']}" for p in other)
    return "not read"


def print_details(scores: list[Score], wrong: bool) -> None:
    print("\nmissed (and what was proposed instead):")
    for s in scores:
        for f in s.facts:
            if f not in s.found:
                print(
                    f"  {s.note[:24]:24} {f['corridor']:14} {f['field']:15} {f['value']:>14} {f['unit']:9} {_why_missed(f, s)[:70]}"
                )
    print("\nfound, but with another period, scope or feature:")
    for s in scores:
        for f in s.found:
            if f not in s.found_exactly:
                p = next(p for p in s.proposals if same(f, p))
                print(
                    f"  {s.note[:24]:24} {f['field']:15} {f['value']:>12}  fact {f['period']!r} {f['scope']!r} {f['feature']!r}  proposal {p['period']!r} {p['scope']!r} {p['feature']!r}"
                )
    print("\nfalse disagreements:")
    for s in scores:
        for p, why in s.false_disagreements():
            print(f"  {s.note[:24]:24} {p['id']:24} {p['field']:15} {p['value']:>12}  {why}")
    if wrong:
        print("\nwrong proposals:")
        for s in scores:
            for p in s.wrong:
                print(
                    f"  {s.note[:24]:24} {p['corridor']:14} {p['field']:15} {p['value'][:20]:>20} {p['unit']:9} {p['quote'][:60]!r}"
                )
        print("\nmentioned, not mapped:")
        for s in scores:
            for p in s.unmapped:
                print(f"  {s.note[:24]:24} {p['value'][:40]!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--part",
        default="dev",
        choices=sorted(d.name for d in REPORTING.iterdir() if d.is_dir()),
        help="a folder of benchmarks/reporting/",
    )
    parser.add_argument("--sentences", default="rules", choices=("rules", "pysbd"))
    parser.add_argument("--quantities", default="rules", choices=("rules", "quantulum3"))
    parser.add_argument("--dates", default="rules", choices=("rules", "dateparser"))
    parser.add_argument("--wrong", action="store_true", help="list wrong proposals too")
    parser.add_argument("--summary", action="store_true", help="only the two totals")
    args = parser.parse_args(argv)
    if not notes(args.part):
        print(f"no notes in {REPORTING / args.part}", file=sys.stderr)
        return 1
    options = ingest.Options(args.sentences, args.quantities, args.dates)
    with tempfile.TemporaryDirectory() as tmp:
        plain, _ = run(args.part, options, False, Path(tmp) / "a")
        parts, added = run(args.part, options, True, Path(tmp) / "b")
    if args.summary:
        for label, scores in (("as the data stands", plain), ("with suggested parts", parts)):
            t = totals(scores)
            print(
                f"{label}: {t['found']}/{t['facts']} found ({t['recall']:.0%}), {t['wrong']} wrong of {t['proposed']} ({t['wrong_per_right']:.2f} per right), {t['false']} false disagreements"
            )
        return 0
    print_table(plain, f"{args.part}: ingested into a copy of the live data as it stands")
    print()
    if added:
        print_table(
            parts,
            f"{args.part}: after adding the corridors.csv rows ingest suggested ({', '.join(added)})",
        )
    else:
        print("(no part rows suggested, or corridors.csv has no part_of column yet)")
    print_details(parts if added else plain, args.wrong)
    return 0


if __name__ == "__main__":
    sys.exit(main())
