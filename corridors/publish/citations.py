"""Citations of the sources, as CSL-JSON, BibTeX and RIS, for the dashboard and `python -m corridors cite`.

Each article is cited by what ``seeds/sources.csv`` states about it (headline, outlet, date,
dateline, author) and nothing else: a field the sources do not state is left out, and a note says
so ("no date stated"); no URL or date is ever made up. Each public reference is cited by its title,
publisher and URL from ``geodata/references.csv``. Pure functions: the dataset in, text out.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from typing import Any

from .. import dates
from ..model.dataset import Dataset
from ..model.sources import Source, sources_by_file

FORMATS = ("csl-json", "bibtex", "ris")
MEDIA_TYPES = {
    "csl-json": "application/vnd.citationstyles.csl+json",
    "bibtex": "application/x-bibtex",
    "ris": "application/x-research-info-systems",
}
EXTENSIONS = {"csl-json": "json", "bibtex": "bib", "ris": "ris"}
#: What a download button says for each format.
LABELS = {"csl-json": "CSL-JSON", "bibtex": "BibTeX", "ris": "RIS"}

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass(frozen=True)
class Entry:
    """One source as a bibliography sees it; empty strings are fields the data does not state."""

    id: str  # the article's file name or the reference's id
    kind: str  # "article" (one of the articles in seeds/) or "reference" (a public page)
    title: str = ""
    container: str = ""  # the outlet an article appeared in
    publisher: str = ""
    date: str = ""  # YYYY, YYYY-MM or YYYY-MM-DD
    author: str = ""
    url: str = ""
    note: str = ""

    @property
    def date_parts(self) -> list[int]:
        """Year, month and day as far as stated (dates.parse); [] for no date."""
        span = dates.parse(self.date)
        return span.parts if span is not None else []


def _article(src: Source) -> Entry:
    notes = []
    for stated, absent in (
        (src.headline, "no headline stated"),
        (src.outlet, "no outlet stated"),
        (src.date, "no date stated"),
    ):
        if not stated.strip():
            notes.append(absent)
    date = src.date.strip()
    stated = dates.parse(date)
    if date and not (stated and stated.parts):  # no date a citation can hold (a decade, words)
        notes.append(f"date as stated: {date}")
        date = ""
    if src.dateline.strip():
        notes.append(f"dateline: {src.dateline.strip()}")
    if src.syndicated:
        notes.append("syndicated")
    notes.append(f"file {src.file} of the corridors corpus")
    if src.note.strip():
        notes.append(src.note.strip())
    return Entry(
        id=src.file,
        kind="article",
        title=src.headline.strip(),
        container=src.outlet.strip(),
        date=date,
        author=src.author.strip(),
        note="; ".join(notes),
    )


def _reference(src: Source) -> Entry:
    url = src.url.strip()
    notes = [f"licence: {src.licence}" if src.licence.strip() else "no licence stated"]
    if src.attribution.strip():
        notes.append(f"attribution: {src.attribution.strip()}")
    if not url.lower().startswith(("https://", "http://")):
        notes.append("no web address stated")
        url = ""
    return Entry(
        id=src.file,
        kind="reference",
        title=src.headline.strip(),
        publisher=src.outlet.strip(),
        url=url,
        note="; ".join(notes),
    )


def cited(ds: Dataset) -> list[str]:
    """The sources behind a dataset: the articles and references its claims cite, then the
    references its features are drawn from, each once, in that order."""
    found = list(dict.fromkeys(ds.claims["source"]))
    seen = set(found)  # a set to test membership: scanning the list is quadratic in the sources
    for refs in ds.features["references"]:
        new = [r for r in refs if r not in seen]
        found += new
        seen.update(new)
    return found


def entries(ds: Dataset, ids: Iterable[str] | None = None) -> list[Entry]:
    """Entries for the given sources (default: every article, then every reference), in order.

    An id that is neither an article nor a reference is skipped (validation reports it).
    """
    chosen = list(ids) if ids is not None else [*ds.sources.index, *ds.references.index]
    out = []
    for src in sources_by_file(ds, chosen).values():  # one look-up, not one a source
        if src.listed:
            out.append(_reference(src) if src.reference else _article(src))
    return out


# --- CSL-JSON ------------------------------------------------------------------------------------


def csl_item(entry: Entry) -> dict[str, object]:
    """One CSL-JSON item: only the fields the data states ('issued' only with a date)."""
    item: dict[str, object] = {
        "id": entry.id,
        "type": "article-newspaper" if entry.kind == "article" else "webpage",
    }
    if entry.title:
        item["title"] = entry.title
    if entry.container:
        item["container-title"] = entry.container
    if entry.publisher:
        item["publisher"] = entry.publisher
    if entry.author:
        item["author"] = [{"literal": entry.author}]
    if entry.date_parts:
        item["issued"] = {"date-parts": [entry.date_parts]}
    if entry.url:
        item["URL"] = entry.url
    if entry.note:
        item["note"] = entry.note
    return item


def to_csl_json(items: Iterable[Entry]) -> str:
    return json.dumps([csl_item(e) for e in items], ensure_ascii=False, indent=1) + "\n"


# --- BibTeX --------------------------------------------------------------------------------------

_TEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def _tex(text: str) -> str:
    """A value safe inside BibTeX braces: LaTeX specials escaped, line breaks as spaces."""
    return "".join(_TEX.get(ch, ch) for ch in _CONTROL.sub(" ", text))


def _bib_url(url: str) -> str:
    """A URL as a verbatim field: characters that would unbalance braces percent-encoded."""
    return _CONTROL.sub("", url).replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


@cache
def _bibtex() -> tuple[Any, Any, list]:
    """bibtexparser, the layout and the unparse stack, imported when a BibTeX file is written:
    the dashboard imports this module on every start but writes a file only when asked (the
    writers' imports were a tenth of its first run's).

    The layout: two-space indent, every value in braces (years too)."""
    import bibtexparser
    import bibtexparser.model
    from bibtexparser.middlewares import AddEnclosingMiddleware
    from bibtexparser.writer import BibtexFormat

    form = BibtexFormat()
    form.indent = "  "
    form.block_separator = "\n"
    unparse = [
        AddEnclosingMiddleware(
            reuse_previous_enclosing=False, enclose_integers=True, default_enclosing="{"
        )
    ]
    return bibtexparser, form, unparse


def bibtex_key(entry: Entry) -> str:
    """A key BibTeX accepts: the id with anything but letters, digits and -_:. replaced."""
    key = re.sub(r"[^A-Za-z0-9_:.-]", "-", entry.id.removesuffix(".txt"))
    return f"corridors:{key}"


def bibtex_entry(entry: Entry) -> str:
    if entry.kind == "article" and entry.container:
        kind, fields = "article", [("title", entry.title), ("journal", entry.container)]
    else:
        kind, fields = "misc", [("title", entry.title)]
        if entry.container:
            fields.append(("howpublished", entry.container))
    fields += [("author", entry.author), ("publisher", entry.publisher)]
    parts = entry.date_parts
    if parts:
        fields.append(("year", str(parts[0])))
        if len(parts) > 1:
            fields.append(("month", _MONTHS[parts[1] - 1]))
        fields.append(("date", entry.date))
    fields.append(("note", entry.note))
    bib, form, unparse = _bibtex()
    kept = [bib.model.Field(name, _tex(value)) for name, value in fields if value]
    if entry.url:
        kept.append(bib.model.Field("url", _bib_url(entry.url)))
    library = bib.Library([bib.model.Entry(kind, bibtex_key(entry), kept)])
    return bib.write_string(library, unparse_stack=unparse, bibtex_format=form)


def to_bibtex(items: Iterable[Entry]) -> str:
    """Each entry written on its own (bibtexparser would set a second entry with the same key
    apart as a failed block; BibTeX itself keeps the first), blank lines between."""
    return "\n".join(bibtex_entry(e) for e in items)


# --- RIS -----------------------------------------------------------------------------------------


def _ris(text: str) -> str:
    return " ".join(_CONTROL.sub(" ", text).split())


@cache
def _ris_writer() -> tuple[Any, type]:
    """rispy and its writer without the record numbers it puts before each record ('1.'),
    imported when a RIS file is written (as ``_bibtex``)."""
    import rispy

    class RisWriter(rispy.RisWriter):
        def set_header(self, count: int) -> str:
            return ""

    return rispy, RisWriter


def ris_record(entry: Entry) -> dict[str, object]:
    """One RIS record as rispy names its tags (TY, ID, TI, T2, PB, AU, PY, DA, UR, N1), with only
    the tags the data states."""
    record: dict[str, object] = {
        "type_of_reference": "NEWS" if entry.kind == "article" else "ELEC",
        "id": entry.id,
        "title": entry.title,
        "secondary_title": entry.container,
        "publisher": entry.publisher,
        "authors": entry.author,
    }
    parts = entry.date_parts
    if parts:
        padded = [f"{p:02d}" for p in parts[1:]]
        record["year"] = str(parts[0])
        record["date"] = "/".join([str(parts[0]), *padded]) + "/" * (4 - len(parts))
    record |= {"urls": entry.url, "notes": entry.note}
    kept = {tag: _ris(str(value)) for tag, value in record.items() if value}
    for tag in _RIS_LISTS:  # rispy writes these as lists, one line per item
        if tag in kept:
            kept[tag] = [kept[tag]]
    return kept


#: The tags rispy writes as lists.
_RIS_LISTS = ("authors", "urls", "notes")


def ris_entry(entry: Entry) -> str:
    """One RIS record: TY first, ER last, one tag per line ('TAG  - value')."""
    return to_ris([entry])


def to_ris(items: Iterable[Entry]) -> str:
    rispy, writer = _ris_writer()
    return rispy.dumps([ris_record(e) for e in items], implementation=writer)


def render(items: Iterable[Entry], fmt: str) -> bytes:
    """The citations in one format, as UTF-8 bytes (what the CLI prints and the app offers)."""
    items = list(items)
    if fmt == "csl-json":
        return to_csl_json(items).encode("utf-8")
    if fmt == "bibtex":
        return to_bibtex(items).encode("utf-8")
    if fmt == "ris":
        return to_ris(items).encode("utf-8")
    raise ValueError(f"unknown citation format {fmt!r}; use one of {', '.join(FORMATS)}")


# --- citing the map itself -----------------------------------------------------------------------


@dataclass(frozen=True)
class MapVersion:
    version: str  # the package version, or "" when not installed
    commit: str  # the git commit, or "" when not a git checkout
    commit_date: str  # YYYY-MM-DD of that commit, or ""


def map_version(repo: str | None = None) -> MapVersion:
    """The version of this map: package version and, in a git checkout, commit and its date.

    Never fails: what cannot be found is left empty (and the citation text says "not known").
    """
    try:
        version = metadata.version("corridors")
    except metadata.PackageNotFoundError:
        version = ""
    commit = date = ""
    if repo:
        try:
            out = subprocess.run(
                ["git", "-C", repo, "log", "-1", "--format=%H %cs"],
                capture_output=True,
                text=True,
                timeout=5,
                check=True,
            ).stdout.split()
            if len(out) == 2:
                commit, date = out
        except (OSError, subprocess.SubprocessError):
            pass
    return MapVersion(version, commit, date)


def how_to_cite(version: MapVersion, fingerprint: str = "") -> str:
    """What to cite when using a figure from the map, as plain text (paragraphs split by a blank
    line): the map with its version, and the article or reference behind the figure."""
    bits = [f"version {version.version}" if version.version else "version not known"]
    if version.commit:
        bits.append(f"commit {version.commit[:12]} of {version.commit_date or 'an unknown date'}")
    if fingerprint:
        bits.append(f"data sha256 {fingerprint[:12]}")
    return "\n\n".join(
        [
            "Cite the map: Corridors, a cited map of the infrastructure that ties China to "
            f"Central Asia ({'; '.join(bits)}).",
            "Cite the source of every figure you use as well: each quote in the panel names the "
            "article (headline, outlet and date where the article states them) or the public "
            "reference it comes from. The buttons above give those sources as CSL-JSON, BibTeX "
            "or RIS, for what the map shows.",
            "A figure marked as coming from a reference is not in the articles: cite the "
            "reference. Where the sources disagree, cite each side.",
        ]
    )
