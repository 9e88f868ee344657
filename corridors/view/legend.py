"""The map's legend: colour per kind, pattern per status, style per drawing method, drawn with
the same styles as the map (``styles``) and read from the schema, so it cannot drift from them.
"""

from __future__ import annotations

import html

from branca.element import MacroElement
from jinja2 import Template

from ..schema import KINDS, METHODS, POINT_METHODS, STATUSES
from .styles import CASING_COLOR, CASING_EXTRA


class Legend(MacroElement):
    """A fixed legend: colour per kind, pattern per status, style per method (static text).

    Folded on a narrow map (a phone), open on a wide one.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: "bottomright"});
        {{ this.get_name() }}.onAdd = function (map) {
            var div = L.DomUtil.create("details", "corridors-legend");
            div.setAttribute("data-testid", "map-legend");
            div.open = map.getSize().x > 560;
            div.innerHTML = "<summary>Legend</summary>" + {{ this.legend_html|tojson }};
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "Legend"
        self.legend_html = legend_html()


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
