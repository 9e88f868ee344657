"""The JavaScript that reads and drives the map, written once (run in the top page), and the
map's two names (MAP_FRAME, MAP_COMPONENT).

Each snippet is a function expression for ``page.evaluate`` / ``page.wait_for_function``. Those
that read the map take the map frame's CSS selector first (alone or as the first item of an array),
or null for a page that is itself the map (the static floor page); PWNED needs the selector;
APP_IDLE reads only the Streamlit page and takes nothing. The map is ``window.corridorsMap`` (set
by corridors/view/frontend/map.js), or ``window.map`` in streamlit-folium's frame (the plain app
benchmarks/versus.py races).
"""

#: Selector of the dashboard's map frame (our component; its title is set once it has loaded).
MAP_FRAME = 'iframe[src*="corridors_map"]'

#: The map component's name as Streamlit registers it: the declaring module (dashboard.py), then
#: the name it declares. AppTest reports it as ``component_name``; the server serves the
#: component's folder under ``/component/<name>/``.
MAP_COMPONENT = "dashboard.corridors_map"

# A prelude every function shares: the map's window (w), document (d), map (m) and frame (f).
_WIN = """const f = sel ? document.querySelector(sel) : null;
    const w = sel ? (f && f.contentWindow) : window;
    const d = w && w.document;
    const m = w && (w.corridorsMap || (w.L && w.map instanceof w.L.Map ? w.map : undefined));"""

#: At least n interactive paths drawn, the layers attached (corridorsDrawnAt), the map still.
ROUTES_READY = f"""([sel, n]) => {{
    {_WIN}
    return !!m && w.corridorsDrawnAt !== undefined && !m._animatingZoom
        && d.querySelectorAll('path.leaflet-interactive').length >= n;
}}"""

#: Every data feature's path on the map (visible lines, hit lines, ports), with its state.
DRAWN = f"""(sel) => {{
    {_WIN}
    if (!m) return null;
    const out = [];
    m.eachLayer(l => {{
        const p = l.feature && l.feature.properties;
        // a kind switched off keeps its layers in hidden panes (map.js hideKind): not drawn
        if (!p || !('corridor' in p) || !l._path || l._path.closest('.corridors-hidden')) return;
        const path = l._path;
        out.push({{
            id: p.id, kind: p.kind, corridor: p.corridor, status: p.status,
            dash: path.getAttribute('stroke-dasharray'),
            svg: path instanceof w.SVGPathElement && !!path.ownerSVGElement && path.isConnected
                && !!path.getAttribute('d'),
            interactive: path.classList.contains('leaflet-interactive'),
            hit: path.classList.contains('corridors-hit'),
            selected: path.classList.contains('corridors-selected'),
            glow: (w.getComputedStyle(path).filter || '').includes('drop-shadow'),
            pane: path.closest('.leaflet-pane') && path.closest('.leaflet-pane').className,
        }});
    }});
    return out;
}}"""

#: Page coordinates where the browser's own hit-testing lands on the feature's interactive path
#: (segment points from the middle outwards; a port's centre), or null while none does.
HIT_POINT = f"""([sel, fid]) => {{
    {_WIN}
    if (!m) return null;
    let target = null;
    m.eachLayer(l => {{
        const p = l.feature && l.feature.properties;
        if (p && p.id === fid && l._path && l._path.classList.contains('leaflet-interactive'))
            target = l;
    }});
    if (!target) return null;
    const pts = [];
    if (target.getLatLngs) {{
        const lls = target.getLatLngs().flat(3);
        const mid = (lls.length - 2) / 2;
        const order = [...Array(Math.max(lls.length - 1, 0)).keys()]
            .sort((a, b) => Math.abs(a - mid) - Math.abs(b - mid));
        for (const i of order) {{
            const a = m.latLngToContainerPoint(lls[i]);
            const b = m.latLngToContainerPoint(lls[i + 1]);
            for (const t of [0.5, 0.3, 0.7, 0.15, 0.85])
                pts.push({{x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t}});
        }}
    }} else {{
        pts.push(m.latLngToContainerPoint(target.getLatLng()));
    }}
    const size = m.getSize();
    const c = m.getContainer().getBoundingClientRect();
    const fr = f ? f.getBoundingClientRect() : {{left: 0, top: 0}};
    for (const p of pts) {{
        if (p.x < 8 || p.y < 8 || p.x > size.x - 8 || p.y > size.y - 8) continue;
        const x = fr.left + c.left + p.x, y = fr.top + c.top + p.y;
        if (x < 0 || y < 0 || x > window.innerWidth || y > window.innerHeight) continue;
        if (d.elementFromPoint(c.left + p.x, c.top + p.y) === target._path) return [x, y];
    }}
    return null;
}}"""

#: The first of these features (ids, in order) a real pointer can land on now: [id, [x, y]] or null.
FIRST_HIT = f"""([sel, fids]) => {{
    for (const fid of fids) {{
        const p = ({HIT_POINT})([sel, fid]);
        if (p) return [fid, p];
    }}
    return null;
}}"""

#: Which feature (properties.id) the browser's hit-testing finds at page point [x, y], or null.
HIT_TEST = f"""([sel, x, y]) => {{
    {_WIN}
    if (!m) return null;
    const r = f ? f.getBoundingClientRect() : {{left: 0, top: 0}};
    const el = d.elementFromPoint(x - r.left, y - r.top);
    let hit = null;
    m.eachLayer(l => {{
        if (l._path && l._path === el && l.feature && l.feature.properties)
            hit = l.feature.properties.id;
    }});
    return hit;
}}"""

#: A point on the map where the browser's hit test finds a route (any of them: at 10,000
#: corridors most lines lie under others, so a chosen feature's own points are mostly covered),
#: scanned on a grid of ``step`` pixels from the map's centre outwards, skipping the corridors in
#: ``skip``: [feature id, corridor, [x, y] in the page] or null.
ANY_ROUTE_POINT = f"""([sel, step, skip]) => {{
    {_WIN}
    const owner = new Map();
    m.eachLayer(l => {{
        const p = l.feature && l.feature.properties;
        if (p && l._path && l._path.classList.contains('leaflet-interactive')) owner.set(l._path, p);
    }});
    const c = m.getContainer().getBoundingClientRect();
    const fr = f ? f.getBoundingClientRect() : {{left: 0, top: 0}};
    const size = m.getSize();
    const pts = [];
    for (let x = 24; x < size.x - 24; x += step)
        for (let y = 24; y < size.y - 24; y += step) pts.push([x, y]);
    pts.sort((a, b) => Math.hypot(a[0] - size.x / 2, a[1] - size.y / 2)
        - Math.hypot(b[0] - size.x / 2, b[1] - size.y / 2));
    for (const [x, y] of pts) {{
        const p = owner.get(d.elementFromPoint(c.left + x, c.top + y));
        const px = fr.left + c.left + x, py = fr.top + c.top + y;
        if (p && !skip.includes(p.corridor) && px < window.innerWidth && py < window.innerHeight)
            return [p.id, p.corridor, [px, py]];
    }}
    return null;
}}"""

#: True once the map has been still (no animation, same view, paths and frame box) for ms.
SETTLED = f"""([sel, ms]) => {{
    {_WIN}
    if (!m || !m.getCenter) return false;
    if (m._animatingZoom || (m._panAnim && m._panAnim._inProgress)) {{ w.__settle = null; return false; }}
    const c = m.getCenter(), s = m.getSize();
    const key = [m.getZoom(), c.lat.toFixed(6), c.lng.toFixed(6), s.x, s.y,
        d.querySelectorAll('path.leaflet-interactive').length,
        JSON.stringify(f ? f.getBoundingClientRect() : null)].join('|');
    const now = performance.now();
    if (!w.__settle || w.__settle.key !== key) {{ w.__settle = {{key: key, at: now}}; return false; }}
    return now - w.__settle.at >= ms;
}}"""

#: Close any open popup (it can cover the next target); true when the map is still.
PREPARE_CLICK = f"""(sel) => {{
    {_WIN}
    if (!m) return false;
    m.closePopup();
    return !m._animatingZoom && !(m._panAnim && m._panAnim._inProgress);
}}"""

#: How many drawn, interactive features of one kind the map shows; -1 without a map.
KIND_DRAWN = f"""([sel, kind]) => {{
    {_WIN}
    if (!m) return -1;
    let n = 0;
    m.eachLayer(l => {{
        if (l._path && l._path.isConnected && l.feature && l.feature.properties
            && l.feature.properties.kind === kind
            && l._path.classList.contains('leaflet-interactive')
            && !l._path.closest('.corridors-hidden')) n += 1;
    }});
    return n;
}}"""

#: After a layer switch: ``on``, at least ``n`` features of the kind drawn; off, none of them
#: drawn while at least ``n`` interactive paths (the other layers') still are.
KIND_SWITCHED = f"""([sel, kind, on, n]) => {{
    {_WIN}
    const drawn = ({KIND_DRAWN})([sel, kind]);
    if (on) return drawn >= n;
    return drawn === 0 && d.querySelectorAll('path.leaflet-interactive').length >= n;
}}"""

#: Zoom the map onto one feature (no animation), as a reader would to reach a short leg.
ZOOM_TO = f"""([sel, fid, z]) => {{
    {_WIN}
    m.eachLayer(l => {{
        const p = l.feature && l.feature.properties;
        if (!p || p.id !== fid || !l._path) return;
        if (l.getBounds) m.fitBounds(l.getBounds(), {{maxZoom: z, animate: false}});
        else m.setView(l.getLatLng(), z, {{animate: false}});
    }});
}}"""

#: The map's state: zoom, centre, bounds ([[s, w], [n, e]]), size, and the selected corridor.
VIEW = f"""(sel) => {{
    {_WIN}
    if (!m) return null;
    const b = m.getBounds(), c = m.getCenter(), s = m.getSize();
    return {{zoom: m.getZoom(), center: [c.lat, c.lng], size: [s.x, s.y],
        bounds: [[b.getSouth(), b.getWest()], [b.getNorth(), b.getEast()]],
        selected: w.corridorsSelected === undefined ? null : w.corridorsSelected}};
}}"""

#: Bounds ([[s, w], [n, e]]) around the drawn features of these corridors (all when empty).
FEATURE_BOUNDS = f"""([sel, corridors]) => {{
    {_WIN}
    let b = null;
    m.eachLayer(l => {{
        const p = l.feature && l.feature.properties;
        if (!p || !l._path || !l._path.classList.contains('leaflet-interactive')) return;
        if (corridors.length && !corridors.includes(p.corridor)) return;
        const lb = l.getBounds ? l.getBounds() : w.L.latLngBounds([l.getLatLng(), l.getLatLng()]);
        b = b ? b.extend(lb) : w.L.latLngBounds(lb.getSouthWest(), lb.getNorthEast());
    }});
    return b && [[b.getSouth(), b.getWest()], [b.getNorth(), b.getEast()]];
}}"""

#: Close every popup and say when none is left.
CLOSE_POPUP = f"""(sel) => {{
    {_WIN}
    m.closePopup();
    return d.querySelectorAll('.leaflet-popup').length === 0;
}}"""

#: ``typeof window.__pwned`` in the page and in the map frame (both must stay undefined).
PWNED = """(sel) => {
    const f = document.querySelector(sel);
    return {page: typeof window.__pwned,
            'map frame': f && f.contentWindow ? typeof f.contentWindow.__pwned : 'no frame'};
}"""

#: The Streamlit script is not running (nothing queued): the page is at rest.
APP_IDLE = """() => {
    const app = document.querySelector('[data-testid=stApp]');
    return !!app && app.getAttribute('data-test-script-state') === 'notRunning';
}"""
