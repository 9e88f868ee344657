"""A new article in, proposed claims out: what it says about the known systems, quote by quote.

``python -m corridors ingest ARTICLE.txt`` copies the article into seeds/ byte for byte, lists it in
sources.csv (with only the metadata the text itself states) and writes *proposed* claims to
geodata/proposed/<stem>.csv, in the columns of claims.csv plus ``confidence`` and ``reason``.
Nothing reaches the map until a curator accepts it (``python -m corridors review``, or the
dashboard's review page).

The article is read in passes, one module each, so that a curator can judge every proposal:

1. ``sentences``: paragraphs and sentences with their offsets (every quote is one whole sentence
   cut from the article, verbatim by construction), and what the top of the article states
   (headline, dateline, date, outlet, author).
2. ``known``: the systems of corridors.csv with every name, acronym, place and part they are known
   by. ``mentions``: what each sentence names: systems by name or fuzzily (rapidfuzz), labels of
   lines ("Line D"), organisations (never infrastructure), infrastructure no system matches.
3. ``discourse``: which system each sentence is about: a topic per article and paragraph,
   "the project", "the line", "it" resolved to it, a sentence naming nothing inheriting it (with
   lower confidence, the reason saying so), "Line D" read as the part it is.
4. ``quantities``, ``dates``, ``scopes``, ``values``, ``phrases``: the typed values (glued units,
   money, bcm, TEU, days, shares; dates against the dateline; sections, stretches and holders) and
   the field each fills.
5. ``propose``: one proposal per value, set beside the accepted claims of like and like.
6. ``files``: the proposals files, which review reads and rewrites too.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from ...schema import SOURCE_COLUMNS
from ...store import rawdata
from ...store.datadir import DataDir
from .files import (
    PROPOSAL_COLUMNS,
    append_rows,
    proposals_path,
    proposed_dir,
    read_rows,
    write_rows,
)
from .known import System, country_names, systems
from .propose import Options, propose
from .sentences import metadata

__all__ = [
    "PROPOSAL_COLUMNS",
    "IngestError",
    "Options",
    "Result",
    "System",
    "append_rows",
    "country_names",
    "ingest",
    "metadata",
    "proposals_path",
    "propose",
    "proposed_dir",
    "read_rows",
    "systems",
    "write_rows",
]


class IngestError(Exception):
    """The article cannot be ingested (already there, unreadable); the message says why."""


@dataclass
class Result:
    seed: Path
    proposals: Path
    rows: list[dict[str, str]]
    source_row: dict[str, str]


def _read_article(datadir: DataDir, article: Path) -> tuple[bytes, str, str]:
    """The article's bytes, text and sha256; refused when not .txt, not UTF-8 or already there."""
    if article.suffix != ".txt":
        raise IngestError(f"{article.name}: articles are .txt files (seeds/*.txt)")
    data = article.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IngestError(f"{article} is not UTF-8 text: {exc}") from exc
    digest = hashlib.sha256(data).hexdigest()
    for existing in sorted(datadir.seeds.glob("*.txt")):
        if hashlib.sha256(existing.read_bytes()).hexdigest() == digest:
            raise IngestError(f"{article.name}: the same article is already seeds/{existing.name}")
    return data, text, digest


def _source_row(article: Path, digest: str, meta: dict[str, str]) -> dict[str, str]:
    stated = [k for k in ("headline", "outlet", "dateline", "date", "author") if meta[k]]
    said = (
        f"{', '.join(stated)} as the text states {'them' if len(stated) > 1 else 'it'}."
        if stated
        else "the text states no headline, outlet, dateline, date or author."
    )
    return {
        "file": article.name,
        "sha256": digest,
        **meta,
        "note": "Added by `python -m corridors ingest`; " + said,
    }


def ingest(
    datadir: DataDir,
    article: Path,
    options: Options | None = None,
    raw: rawdata.RawData | None = None,
) -> Result:
    """Add the article to seeds/ and sources.csv; write its proposals. Refuses a known article.

    ``raw``: the data as the caller read it under the same write lock (the command validates it
    first), so a thousand articles are read once, not twice; else read here."""
    _, text, digest = _read_article(datadir, article)
    raw = raw if raw is not None else rawdata.read(datadir)
    for row in raw.sources.rows:
        if row["sha256"] == digest:
            raise IngestError(f"{article.name}: sources.csv already lists it as {row['file']}")
    seed = datadir.seeds / article.name
    if seed.exists():
        raise IngestError(f"seeds/{article.name} exists with other content; rename the article")
    target = proposals_path(datadir, article.stem)
    if target.exists():
        raise IngestError(f"{datadir.rel(target)} exists: review it first")
    meta = metadata(text)
    reference = meta["date"] or meta.get("reference", "")
    rows = propose(
        article.name, text, systems(raw), raw, reference, country_names(datadir), options
    )
    shutil.copyfile(article, seed)
    source_row = _source_row(
        article, digest, {k: v for k, v in meta.items() if k in SOURCE_COLUMNS}
    )
    append_rows(datadir.sources, SOURCE_COLUMNS, [source_row])
    write_rows(target, rows)
    return Result(seed, target, rows, source_row)
