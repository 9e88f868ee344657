"""The page's download buttons as data: label, file name, media type and key of each, and what the
captions beside them say.

The dashboard lays the buttons out two to a row and hands each its bytes when pressed; everything
else a button needs is decided here, once per format, from the publishing modules' own tables.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.asof import Moment
from ..model.dataset import Dataset
from ..publish import changes, citations, export


@dataclass(frozen=True)
class Button:
    """One download button: ``fmt`` is the format its bytes are made in."""

    fmt: str
    label: str
    file_name: str
    mime: str
    key: str
    column: int  # 0 left, 1 right: two buttons to a row, in the formats' order


def export_buttons() -> list[Button]:
    """What is shown, in every export format."""
    return [
        Button(
            fmt,
            export.LABELS[fmt],
            f"corridors-shown.{fmt}",
            export.MEDIA_TYPES[fmt],
            f"download_{fmt}",
            i % 2,
        )
        for i, fmt in enumerate(export.FORMATS)
    ]


def citation_buttons() -> list[Button]:
    """The sources of what is shown, in every citation format."""
    return [
        Button(
            fmt,
            citations.LABELS[fmt],
            f"corridors-sources.{citations.EXTENSIONS[fmt]}",
            citations.MEDIA_TYPES[fmt],
            f"cite_{fmt}",
            i % 2,
        )
        for i, fmt in enumerate(citations.FORMATS)
    ]


#: The changes list's formats, with the labels its buttons show.
CHANGES_LABELS = {"csv": "CSV", "atom": "Atom feed"}


def changes_buttons() -> list[Button]:
    """The list of changes as CSV and as an Atom feed."""
    return [
        Button(
            fmt,
            CHANGES_LABELS[fmt],
            f"corridors-changes.{changes.EXTENSIONS[fmt]}",
            changes.MEDIA_TYPES[fmt],
            f"changes_{fmt}",
            i % 2,
        )
        for i, fmt in enumerate(CHANGES_LABELS)
    ]


def export_bytes(shown: Dataset, fmt: str) -> bytes:
    """The export, or, where the format cannot hold something in the data, the one-line reason
    (never a traceback; validated data does not meet this, as the reading layer refuses control
    characters)."""
    try:
        return export.render(shown, fmt)
    except export.ExportError as exc:
        return f"This {fmt} export was refused: {exc}\n".encode()


def shown_caption(features: int, claims: int, by_sources: bool, moment: Moment) -> str:
    """What the export buttons hold: the features shown and the claims about them."""
    if not features:
        return "Nothing is shown, so there is nothing to download."
    return (
        f"{features} feature(s) and the {claims} claim(s) about them"
        + (", from the chosen articles only" if by_sources else "")
        + ", each with its quote and source"
        + ("" if moment.is_now else f", {moment.describe()}")
        + "."
    )


def citations_caption(entries: int) -> str:
    """What the citation buttons hold."""
    return (
        f"The {entries} source(s) of what is shown, as citations:"
        if entries
        else "Nothing is shown, so there are no sources to cite."
    )
