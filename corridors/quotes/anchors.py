"""Where each quote stands in its article: character offsets and W3C Web Annotation selectors.

A quote is checked word for word by the validator; an anchor says *where* it stands, so that an
annotation tool (or the panel) can point at it. Anchors are computed, never typed: `python -m
corridors fmt` (or `anchors`) writes them to the generated file geodata/anchors.csv, and every
`validate` run computes them afresh and compares. That catches what a verbatim check alone misses:

- a quote that matches in two places of its article (an anchor must point at one passage);
- drift: an edited quote, or an article edit that moves or changes the passage, leaves the stored
  anchors stale, and the diff of anchors.csv shows exactly which passages moved.

Offsets count Unicode code points in the article's UTF-8 text as stored in seeds/ (what the W3C
TextPositionSelector specifies), end exclusive. Claims whose source is a reference
(geodata/references.csv) have no article to point into and so no anchor.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..problems import Problem, error
from ..schema import ANCHOR_COLUMNS
from ..store import atomicfile, lock, rawdata, reading
from ..store.datadir import DataDir
from ..store.rawdata import RawData, table_text
from . import textmatch

#: Characters of context kept on each side (the W3C model leaves the length to the publisher).
CONTEXT = 32

HINT = "run `python -m corridors fmt` to rewrite geodata/anchors.csv"


def anchors_path(datadir: DataDir):
    return datadir.anchors


@dataclass(frozen=True)
class Anchor:
    """One quote's place in its article, as a TextPositionSelector and a TextQuoteSelector."""

    claim: str
    source: str
    start: int
    end: int
    prefix: str
    exact: str
    suffix: str

    def row(self) -> dict[str, str]:
        return {
            "claim": self.claim,
            "source": self.source,
            "start": str(self.start),
            "end": str(self.end),
            "prefix": self.prefix,
            "exact": self.exact,
            "suffix": self.suffix,
        }

    def selectors(self) -> list[dict[str, object]]:
        """The two W3C selectors for this passage (https://www.w3.org/TR/annotation-model/)."""
        return [
            {
                "type": "TextQuoteSelector",
                "exact": self.exact,
                "prefix": self.prefix,
                "suffix": self.suffix,
            },
            {"type": "TextPositionSelector", "start": self.start, "end": self.end},
        ]


def occurrences(quote: str, text: str) -> list[textmatch.Match]:
    """Every place the quote stands in the text (same tolerance as ``textmatch.find_quote``)."""
    needle = textmatch.normalise_text(quote)
    if not needle:
        return []
    hay, index = textmatch.normalised_source(text)  # folded once per article, not per quote
    found: list[textmatch.Match] = []
    at = hay.find(needle)
    while at >= 0:
        found.append(textmatch.Match(int(index[at]), int(index[at + len(needle) - 1]) + 1))
        at = hay.find(needle, at + 1)
    return found


def anchor_at(claim: str, source: str, text: str, match: textmatch.Match) -> Anchor:
    return Anchor(
        claim,
        source,
        match.start,
        match.end,
        text[max(0, match.start - CONTEXT) : match.start],
        text[match.start : match.end],
        text[match.end : match.end + CONTEXT],
    )


def locate_quote_selector(selector: dict, text: str) -> list[int]:
    """Where a TextQuoteSelector points in the text: every start offset of prefix+exact+suffix.

    What an annotation tool does with the selector; the tests use it to show the selectors round
    trip and point at one passage only.
    """
    whole = selector.get("prefix", "") + selector["exact"] + selector.get("suffix", "")
    starts, at = [], text.find(whole)
    while at >= 0:
        starts.append(at + len(selector.get("prefix", "")))
        at = text.find(whole, at + 1)
    return starts


@dataclass
class Computed:
    anchors: list[Anchor]
    problems: list[Problem]
    #: The claims (positions in claims.csv's rows) whose quote stands in their article at least
    #: once: the verbatim check reads this rather than looking every quote up again.
    found: frozenset[int] = frozenset()


def compute(raw: RawData) -> Computed:
    """Anchors for every claim whose quote stands exactly once in its article, in claims order.

    A quote found twice is a problem here; a quote not found, or a missing source, is reported by
    the verbatim and reference checks and simply gets no anchor.
    """
    found: dict[int, Anchor | Problem] = {}
    table = raw.claims
    rows = table.rows
    for i in textmatch.by_article([row["source"] for row in rows]):
        row = rows[i]
        source = row["source"]
        text = raw.texts.get(source)  # the article as read (decoded once, by rawdata.read)
        if text is None or not row["quote"].strip():
            continue
        matches = occurrences(row["quote"], text)
        if len(matches) == 1:
            found[i] = anchor_at(row["id"], source, text, matches[0])
        elif len(matches) > 1:
            where = ", ".join(str(m.start) for m in matches)
            found[i] = error(
                table.rel,
                row["id"],
                f"quote matches {len(matches)} places in {source} (at characters {where}); "
                "its anchor would be ambiguous",
                "lengthen the quote with the words around the passage meant, until it matches once",
                row.line,
            )
    in_order = [found[i] for i in sorted(found)]  # claims order
    return Computed(
        [a for a in in_order if isinstance(a, Anchor)],
        [p for p in in_order if not isinstance(p, Anchor)],
        frozenset(found),
    )


def render(anchors: list[Anchor]) -> str:
    """anchors.csv as `fmt` writes it: minimal quoting, '\\n' line ends, claims order."""
    return table_text(ANCHOR_COLUMNS, (a.row() for a in anchors))


def write(datadir: DataDir, raw: RawData | None = None) -> bool:
    """Rewrite geodata/anchors.csv from the claims and articles; True when it changed (under the
    data's write lock, so it is computed from the claims as they are when it is written)."""
    with lock.writing(datadir):
        computed = compute(raw or rawdata.read(datadir))
        path = anchors_path(datadir)
        text = render(computed.anchors)
        current = reading.read_bytes(datadir, path, reading.TABLE, []) if path.is_file() else None
        if current is not None and current == text.encode("utf-8"):
            return False
        atomicfile.write_bytes(path, text.encode("utf-8"))
        return True


def rewrite(datadir: DataDir) -> None:
    """The `fmt` hook: rewrite anchors.csv and say so when it changed."""
    if write(datadir):
        print(f"rewrote {datadir.rel(anchors_path(datadir))}")


def _describe(stored: dict[str, str], fresh: Anchor) -> str:
    new = fresh.row()
    if stored.get("source") != new["source"]:
        return f"the claim now cites {new['source']}, the anchor {stored.get('source')!r}"
    if stored.get("exact") != new["exact"]:
        return (
            f"the quoted passage is now {new['exact'][:60]!r}, "
            f"the anchor has {stored.get('exact', '')[:60]!r}"
        )
    if (stored.get("start"), stored.get("end")) != (new["start"], new["end"]):
        return (
            f"the quote now stands at characters {new['start']}–{new['end']}, "
            f"the anchor says {stored.get('start')}–{stored.get('end')}"
        )
    return "its prefix or suffix changed (the article was edited around the quote)"


def check_anchors(raw: RawData, computed: Computed | None = None) -> Iterator[Problem]:
    """Each article quote matches once, and geodata/anchors.csv holds exactly its anchors
    (``computed``: ``compute(raw)``, when the caller has it)."""
    computed = computed if computed is not None else compute(raw)
    yield from computed.problems
    table, stored = raw.anchors, raw.anchors_text
    rel = table.rel
    if not table.present:
        yield error(rel, "", "file is missing", HINT)
        return
    if raw.anchors_problems or not table.usable:
        yield from raw.anchors_problems
        return
    fresh = {a.claim: a for a in computed.anchors}
    claims = {row["id"]: row for row in raw.claims.rows}
    stored_ids = set()
    reported = False
    for row in table.rows:
        ident = row["claim"]
        stored_ids.add(ident)
        anchor = fresh.get(ident)
        if anchor is None:
            claim = claims.get(ident)
            if claim is not None and claim["source"] in raw.seeds:
                continue  # the quote is missing or ambiguous: reported by its own check
            why = "no claim has this id" if claim is None else "the claim cites no article"
            yield error(rel, ident, f"anchor for nothing: {why}", HINT, row.line)
            reported = True
        elif dict(row) != anchor.row():
            yield error(
                rel, ident, f"anchor is stale: {_describe(dict(row), anchor)}", HINT, row.line
            )
            reported = True
    for anchor in computed.anchors:
        if anchor.claim not in stored_ids:
            yield error(rel, anchor.claim, "the claim's quote has no anchor", HINT)
            reported = True
    if reported:
        return
    order = [row["claim"] for row in table.rows if row["claim"] in fresh]
    rewritten = table_text(ANCHOR_COLUMNS, (dict(row) for row in table.rows))
    if order != [a.claim for a in computed.anchors if a.claim in stored_ids] or rewritten != stored:
        yield error(rel, "", "file is not as `fmt` writes it (order or quoting)", HINT)
