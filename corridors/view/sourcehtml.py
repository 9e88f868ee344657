"""A source and a quote as escaped HTML, shared by the panel, the list of articles and a claim
picked on the timeline: an article by headline, outlet and date, a reference by its title and
address (linked only when it is a web address), a quote marked in its sentence.
"""

from __future__ import annotations

import html

from ..model.sources import Source
from .panelmodel import ClaimView, ReferenceView

e = html.escape


def link(url: str, text: str) -> str:
    """A link only to a web address: any other scheme (javascript:, data:) is shown as text."""
    if not url.lower().startswith(("https://", "http://")):
        return e(text)
    return f"<a href='{e(url)}' rel='noopener noreferrer' target='_blank'>{e(text)}</a>"


def source_html(src: Source) -> str:
    """A source in full: an article's headline, outlet and date, or a reference marked as such, so
    a reader always knows whether a quote comes from the articles."""
    if src.reference:
        publisher = f" — {e(src.outlet)}" if src.outlet else ""
        return (
            f"<span class='refmark'>from a reference, not the articles</span> "
            f"{link(src.url, src.headline)}{publisher} "
            f"<span class='muted'>[quote as read at the address]</span>"
        )
    headline = e(src.headline) if src.headline else "<i>no headline stated</i>"
    bits = [src.outlet or "outlet not stated", src.date or "undated"]
    if src.syndicated:
        bits.append("syndicated")
    return f"{headline} — {e(' · '.join(bits))} <span class='muted'>[{e(src.file)}]</span>"


def reference_html(ref: ReferenceView) -> str:
    """A public reference a leg is drawn from, with its publisher and licence."""
    bits = [b for b in (ref.publisher, ref.licence, ref.attribution) if b]
    return f"{link(ref.url, ref.title)} <span class='muted'>({e(' · '.join(bits))})</span>"


def quote_html(claim: ClaimView) -> str:
    """The quote marked in its sentence; a quote not found in its source says so."""
    ctx = claim.context
    if ctx.found:
        return f"{e(ctx.before)}<mark>{e(ctx.quote)}</mark>{e(ctx.after)}"
    return f"<mark>{e(claim.quote)}</mark> <b>(not found in the source)</b>"


def bare_quote_html(claim: ClaimView) -> str:
    """The quoted words alone ('…' where the sentence goes on): the whole sentence is below."""
    ctx = claim.context
    if not ctx.found:
        return f"<mark>{e(claim.quote)}</mark> <b>(not found in the source)</b>"
    before = "… " if ctx.before.strip() else ""
    after = " …" if ctx.after.strip() else ""
    return f"{before}<mark>{e(ctx.quote)}</mark>{after}"


def short_source_html(src: Source) -> str:
    """A source in a few words: 'article 004 — TDI, 2025-06-18', or the reference's title (the
    full entry, headline included, is in the panel's Sources)."""
    if src.reference:
        return "<span class='refmark'>from a reference, not the articles</span> " + link(
            src.url, src.headline
        )
    bits = [src.outlet or "outlet not stated", src.date or "undated"]
    return f"{e(src.short)} — {e(', '.join(bits))}"
