"""The plain app a user would write from the design card, for benchmarks/versus.py to race.

Not the product: what streamlit-folium gives out of the box. The same GeoJSON files the dashboard
reads (the live data, or the folder in $CORRIDORS_DATA_DIR) as one folium layer per kind, sent with
``st_folium(feature_group_to_add=...)`` so that a layer checkbox in the sidebar does not rebuild
the base map; a click on a route shows its corridor's quotes beside the map. The quotes carry the
same ``data-claim`` attributes as the dashboard's panel so one benchmark waits for both.

Offline, as the dashboard is, Leaflet comes from this machine: with Streamlit's static serving on,
from ``static/leaflet/`` beside this script where versus.py puts a copy of the installed
xstatic-leaflet (never committed); folium's other CDN extras are left out, as the dashboard leaves
them out. Without that folder, folium's defaults (the CDN) stay.

    streamlit run benchmarks/plain_app.py
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

ROOT = Path(os.environ.get("CORRIDORS_DATA_DIR") or Path(__file__).resolve().parents[1])
if (Path(__file__).parent / "static" / "leaflet" / "leaflet.js").exists():
    folium.Map.default_js = [("leaflet", "/app/static/leaflet/leaflet.js")]
    folium.Map.default_css = [("leaflet_css", "/app/static/leaflet/leaflet.css")]
LAYERS = {  # kind: (label as the dashboard's sidebar words it, colour)
    "railway": ("Railways", "#b2182b"),
    "pipeline": ("Pipelines", "#1b7837"),
    "corridor": ("Transport corridors", "#2166ac"),
    "port": ("Ports", "#762a83"),
}

st.set_page_config(page_title="Corridors (plain streamlit-folium)", layout="wide")


@st.cache_data
def features(root: str) -> list[dict]:
    out: list[dict] = []
    for path in sorted(Path(root, "geodata", "features").glob("*.geojson")):
        out += json.loads(path.read_text(encoding="utf-8"))["features"]
    return out


@st.cache_data
def claims(root: str) -> pd.DataFrame:
    return pd.read_csv(Path(root, "geodata", "claims.csv"), dtype=str, keep_default_na=False)


def layer(kind: str, feats: list[dict]) -> folium.FeatureGroup:
    label, colour = LAYERS[kind]
    group = folium.FeatureGroup(name=label)
    folium.GeoJson(
        {"type": "FeatureCollection", "features": feats},
        style_function=lambda _: {"color": colour, "weight": 4},
        marker=folium.CircleMarker(radius=7, fill=True, color=colour),
        tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False),
    ).add_to(group)
    return group


everything = features(str(ROOT))
st.sidebar.title("Corridors")
shown = [
    kind
    for kind, (label, _) in LAYERS.items()
    if st.sidebar.checkbox(label, value=True, key=f"layer_{kind}")
]
by_kind = {k: [f for f in everything if f["properties"].get("kind") == k] for k in shown}
groups = [layer(kind, feats) for kind, feats in by_kind.items() if feats]
left, right = st.columns([7, 4])
with left:
    base = folium.Map(location=[43, 75], zoom_start=4)
    out = st_folium(
        base,
        feature_group_to_add=groups,
        height=600,
        use_container_width=True,
        returned_objects=["last_active_drawing"],
        key="map",
    )
with right:
    corridor = (((out or {}).get("last_active_drawing") or {}).get("properties") or {}).get(
        "corridor"
    )
    if not corridor:
        st.write("Click a route to read what the articles say about it.")
    else:
        table = claims(str(ROOT))
        rows = table[table["corridor"] == corridor]
        st.subheader(corridor)
        st.html(
            f"<div data-testid='corridor-panel' data-corridor='{html.escape(corridor)}'>"
            + "".join(
                f"<blockquote data-claim='{html.escape(r.id)}'>{html.escape(r.quote)}"
                f"<br><small>{html.escape(r.field)}: {html.escape(r.value)} "
                f"({html.escape(r.source)})</small></blockquote>"
                for r in rows.itertuples()
            )
            + "</div>"
        )
