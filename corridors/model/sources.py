"""Naming a source: one article of the corpus, or a public reference cited for a figure.

Every page and file that names a source (the panel, the popups, the source filter, the timeline,
the figures, the exports, the citations, the annotations and the list of changes) asks ``source``
for it and reads one of ``Source``'s names, so an article is never a headline in one place and a
file name in another by accident. An id that is both an article and a reference is the article;
an id that is neither is named by itself, with nothing else stated.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from .dataset import Dataset

#: How the exports name a claim's source, in their column order (``Source.names``).
SOURCE_KEYS = ("source_title", "source_outlet", "source_date", "source_url")


@dataclass(frozen=True)
class Source:
    file: str  # the article's file name, or the reference's id
    headline: str  # an article's headline; a reference's title
    outlet: str  # an article's outlet; a reference's publisher
    date: str  # as stated in sources.csv; references have none
    dateline: str
    syndicated: bool
    note: str
    url: str = ""  # references only: the page a reader can check
    reference: bool = False  # a public reference, not one of the articles in seeds/
    sha256: str = ""  # an article's content hash
    author: str = ""
    licence: str = ""  # references only
    attribution: str = ""  # references only
    listed: bool = True  # in sources.csv or references.csv; else only its id is known

    @property
    def label(self) -> str:
        """A short citation: outlet (else the file's number) and date, or "undated": the README's
        rule for undated sources has every place that shows one mark it."""
        if self.reference:
            return f"reference: {self.outlet or self.headline}"
        return ", ".join((self.outlet or f"article {self.file[:3]}", self.date or "undated"))

    @property
    def option(self) -> str:
        """How the source filter lists it: number, outlet and date where stated, and headline."""
        stated = ", ".join(b for b in (self.outlet, self.date) if b)
        head = self.headline or "no headline stated"
        head = head if len(head) <= 60 else head[:59].rstrip() + "…"
        return f"{self.short}{f' ({stated})' if stated else ''}: {head}"

    @property
    def short(self) -> str:
        """The shortest name that tells sources apart: 'article 004', or 'reference'."""
        if self.reference:
            return "reference"
        number = self.file.split("_", 1)[0] if "_" in self.file else self.file
        return f"article {number.removesuffix('.txt')}"

    @property
    def title(self) -> str:
        """The headline or the reference's title, else the file name (a timeline's tooltip)."""
        return self.headline if self.reference or self.headline.strip() else self.file

    @property
    def dated(self) -> str:
        """'article 004 (TDI, 2025-06-18)', 'article 001 (undated)', or 'reference: its title'
        (the figures' legend, where the date is the point)."""
        if self.reference:
            return f"reference: {self.headline}"
        if not self.listed:
            return self.file
        bits = [b for b in (self.outlet, self.date or "undated") if b]
        return f"{self.short} ({', '.join(bits)})"

    def names(self) -> dict[str, str]:
        """The export columns (SOURCE_KEYS): headline, outlet, date, and a reference's address."""
        return dict(
            zip(SOURCE_KEYS, (self.headline, self.outlet, self.date, self.url), strict=True)
        )


def source(ds: Dataset, file: str) -> Source:
    """An article of the corpus, or a public reference cited for a figure the articles lack."""
    return source_in(ds.sources, ds.references, file)


def source_in(sources: pd.DataFrame, references: pd.DataFrame, file: str) -> Source:
    """``source`` from the two tables (sources.csv and references.csv, indexed by id)."""
    if file in references.index and file not in sources.index:
        ref = references.loc[file]
        return Source(
            file,
            str(ref["title"]),
            str(ref["publisher"]),
            "",
            "",
            False,
            str(ref["note"]),
            str(ref["url"]),
            True,
            licence=str(ref["licence"]),
            attribution=str(ref["attribution"]),
        )
    if file not in sources.index:
        return Source(file, "", "", "", "", False, "", listed=False)
    return _article(file, sources.loc[file])


def _rows_by_id(frame: pd.DataFrame) -> dict[str, dict[str, object]]:
    """``to_dict("index")``, a column at a time (``tolist``) rather than a cell at a time: a
    panel of a big system names a thousand articles."""
    columns = list(frame.columns)
    cells = zip(*(frame[c].tolist() for c in columns), strict=True)
    return {
        ident: dict(zip(columns, values, strict=True))
        for ident, values in zip(frame.index, cells, strict=True)
    }


def _article(file: str, row: Mapping[str, object]) -> Source:
    """An article of sources.csv, from its row."""
    return Source(
        file=file,
        headline=str(row["headline"]),
        outlet=str(row["outlet"]),
        date=str(row["date"]),
        dateline=str(row["dateline"]),
        syndicated=row["syndicated"] == "yes",
        note=str(row["note"]),
        sha256=str(row["sha256"]),
        author=str(row["author"]),
    )


def sources_by_file(ds: Dataset, files: Iterable[str]) -> dict[str, Source]:
    """``source`` of many ids at once (see ``sources_in``)."""
    return sources_in(ds.sources, ds.references, files)


def sources_in(
    sources: pd.DataFrame, references: pd.DataFrame, files: Iterable[str]
) -> dict[str, Source]:
    """``source_in`` of many ids at once: the articles' rows read in one look-up rather than
    one each (a system's claims cite a thousand articles in a grown corpus)."""
    wanted = list(dict.fromkeys(files))
    found = sources.index.intersection(wanted)
    rows = _rows_by_id(sources.loc[found]) if len(found) else {}
    out = {}
    for file in wanted:
        row = rows.get(file)
        if row is None:
            out[file] = source_in(sources, references, file)  # a reference, or listed nowhere
            continue
        out[file] = _article(file, row)
    return out
