"""The map's legend: colour per kind, pattern per status, style per drawing method, drawn with
the same styles as the map (``styles``) and read from the schema, so it cannot drift from them.

Plain HTML: the folium element that places it on a page is ``mappage.Legend``, so branca and
jinja2 are imported only where a page is rendered, not on the dashboard's first run.
"""

from __future__ import annotations

import html

from ..schema import KINDS, METHODS, POINT_METHODS, STATUSES
from .styles import CASING_COLOR, CASING_EXTRA


def _line_svg(
    color: str,
    dash: str | None = None,
    weight: int = 4,
    opacity: float = 1.0,
    cased: bool = False,
) -> str:
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    under = (
        f'<line x1="0" y1="6" x2="34" y2="6" stroke="{CASING_COLOR}" '
        f'stroke-width="{weight + CASING_EXTRA}" stroke-opacity="0.55"/>'
        if cased
        else ""
    )
    return (
        f'<svg width="34" height="12" aria-hidden="true">{under}'
        f'<line x1="0" y1="6" x2="34" y2="6" stroke="{color}" stroke-width="{weight}" '
        f'stroke-opacity="{opacity}"{dash_attr}/></svg>'
    )


def legend_html() -> str:
    """Colour per kind, pattern per status, style per drawing method: all read from the schema."""
    rows = ["<b>Layers</b>"]
    for kind in KINDS.values():
        if kind.marker == "circle":
            mark = (
                f'<svg width="34" height="14" aria-hidden="true"><circle cx="17" cy="7" r="6" '
                f'fill="{kind.color}" stroke="#fff" stroke-width="2"/></svg>'
            )
        else:
            mark = _line_svg(kind.color)
        rows.append(f"{mark} {html.escape(kind.label)}")
    rows.append("<b>Status (line pattern)</b>")
    for status in STATUSES.values():
        rows.append(f"{_line_svg('#444', status.dash)} {html.escape(status.legend)}")
    rows.append("<b>How it was drawn</b>")
    for method in METHODS.values():
        if method.name in POINT_METHODS:
            continue
        sample = _line_svg("#444", None, method.weight, method.opacity, method.casing)
        rows.append(f"{sample} {html.escape(method.legend)}")
    glow = _line_svg("#444").replace("<line", '<line class="corridors-selected"', 1)
    rows.append(f"{glow} Selected")
    return "<br>".join(rows)
