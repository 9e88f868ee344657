/*
 * The corridors map in the browser: layers, place labels, selection, popups, keyboard, and the
 * Streamlit component protocol (a few postMessage calls, no build step, no library but Leaflet).
 *
 * The page is built by folium (mapbuild.base_map): it creates the Leaflet map, the basemaps, the
 * legend, and calls corridors.init(map, config). In a Streamlit frame the page then says it is
 * ready and waits for "streamlit:render" messages whose args are small: which layer files to
 * fetch (content-hashed JSON beside this page), which feature ids each shows, the selected
 * corridor, a fit request. Changing args never rebuilds the map: layers are fetched once and
 * shown or hidden, so zoom and popups survive every rerun. A click (or Enter/Space on a focused
 * route) reports {click: {corridor, id, n}} (mapcomponent.CLICK and CLICK_KEYS; a test checks
 * this file against them); a move writes view=lat,lon,zoom into the page's URL.
 *
 * Every data string arrives escaped (popups) or is set as text (names, labels): never innerHTML.
 */
(function () {
  "use strict";
  var C = (window.corridors = window.corridors || {});
  var map = null;
  var config = null;
  var inFrame = window.parent !== window && /[?&]streamlitUrl=/.test(window.location.search);
  var layerFiles = {}; // url -> Promise of a FeatureCollection
  // kind -> {url, entries: {id: entry}, shown: {id: true}, hidden}: shown is what is on the map;
  // hidden, a whole kind switched off: its panes are hidden and its layers stay on the map.
  var drawn = {};
  var wanted = {}; // kind -> {url, ids: null | [ids]} (null: every feature of the file)
  var selected = null;
  var fitKey = null;
  var clicks = 0;
  var basemapUrl = null;
  var placesUrl = null;
  var pendingArgs = null; // args that arrived before the map existed
  // The routes come first: the basemap and place labels are drawn once the routes are (or at
  // once on a page without routes to wait for), so their larger files never hold the routes up.
  var routesDrawn = null;
  var routesWait = new Promise(function (resolve) { routesDrawn = resolve; });

  // The handshake starts as soon as this script runs (it comes before Leaflet in the page): the
  // args, and so the layer files, arrive while Leaflet is still loading.
  var times = (window.corridorsTimes = {script: performance.now()});
  if (inFrame) {
    window.addEventListener("message", onMessage);
    send("streamlit:componentReady", {apiVersion: 1});
  }

  // --- set-up -------------------------------------------------------------------------------

  C.init = function (m, cfg) {
    times.init = performance.now();
    map = m;
    config = cfg;
    window.corridorsMap = m;
    window.corridorsSelected = null;
    redrawOnlyWhenNeeded();
    makePanes();
    m.attributionControl.setPrefix(false);
    (cfg.attribution || []).forEach(function (a) { m.attributionControl.addAttribution(a); });
    tileErrors();
    if (inFrame) {
      try {
        window.frameElement.setAttribute("title", cfg.title);
      } catch (e) { /* a frame from another origin keeps Streamlit's title */ }
      setHeight(cfg.height);
      m.on("moveend", reportViewSoon);
      m.on("autopanstart", function () { skipMove = true; });
      if (pendingArgs) { render(pendingArgs); pendingArgs = null; }
      hearSwitches();
    }
  };

  // How far past the view (a fraction of its size, each side) the paths are drawn, so that a pan
  // smaller than that (a popup nudged into view) draws nothing: see redrawOnlyWhenNeeded.
  var DRAWN_MARGIN = 0.5;

  /**
   * Leaflet's SVG renderer clips every path to the view and a margin, and so re-clips and
   * rewrites every path of its pane at the end of each move. At 10,000 corridors that was ~2 s
   * on the main thread after a popup's auto-pan, and a layer switch or a click made meanwhile
   * waited for it. Now a renderer redraws only when the view has left the area its paths were
   * drawn for, or the zoom, the pixel origin or the map's size changed; the margin is half a
   * view each side. Nothing else changes: the paths, their container and its position stay as
   * Leaflet left them at the last redraw, which still covers the view.
   */
  function redrawOnlyWhenNeeded() {
    if (L.SVG.prototype.corridorsLazy) { return; }
    var redraw = L.SVG.prototype._update;
    L.SVG.mergeOptions({padding: DRAWN_MARGIN});
    L.SVG.include({
      corridorsLazy: true,
      _update: function () {
        var m = this._map;
        var size = m.getSize();
        var origin = m.getPixelOrigin();
        if (this._bounds && !m._animatingZoom && this._zoom === m.getZoom()
            && this._drawnSize && this._drawnSize.equals(size)
            && this._drawnOrigin && this._drawnOrigin.equals(origin)) {
          var view = L.bounds(m.containerPointToLayerPoint([0, 0]), m.containerPointToLayerPoint(size));
          if (this._bounds.contains(view)) { return; }
        }
        redraw.call(this);
        this._drawnSize = size;
        this._drawnOrigin = origin;
      }
    });
  }

  function makePanes() {
    // Basemap under labels under every line; lines by kind (config.order, bottom first), each on
    // its own casing; the wide hit lines above all lines; points above the hit lines, so a port
    // is never covered by the hit line of the route that reaches it. Every pane belongs to one
    // kind, so switching a kind off hides its panes (kindPanes) instead of removing its layers.
    pane("corridors-basemap", 250);
    pane("corridors-labels", 350).style.pointerEvents = "none";
    config.order.forEach(function (kind, i) {
      pane("corridors-casing-" + kind, 401 + 2 * i);
      pane("corridors-line-" + kind, 402 + 2 * i);
      pane("corridors-hit-" + kind, 440);
      pane("corridors-points-" + kind, 450);
    });
  }

  function kindPanes(kind) {
    return ["casing", "line", "hit", "points"].map(function (part) {
      return map.getPane("corridors-" + part + "-" + kind) || pane("corridors-" + part + "-" + kind, 440);
    });
  }

  function pane(name, z) {
    var p = map.getPane(name) || map.createPane(name);
    p.style.zIndex = String(z);
    return p;
  }

  // --- the protocol ---------------------------------------------------------------------------

  function send(type, data) {
    var msg = {isStreamlitMessage: true, type: type};
    for (var k in data) { msg[k] = data[k]; }
    window.parent.postMessage(msg, "*");
  }

  function setHeight(wantedHeight) {
    var h = wantedHeight || 640;
    try { // a phone: keep the map shorter than the screen, so the page can still be scrolled
      h = Math.min(h, Math.max(320, window.parent.innerHeight - 160));
    } catch (e) { /* another origin: the wanted height */ }
    send("streamlit:setFrameHeight", {height: Math.round(h)});
  }

  function setValue(value) {
    send("streamlit:setComponentValue", {value: value, dataType: "json"});
  }

  function onMessage(event) {
    var d = event.data;
    if (event.source !== window.parent || !d || d.type !== "streamlit:render") { return; }
    if (times.render === undefined) { times.render = performance.now(); }
    if (map) { render(d.args || {}); return; }
    pendingArgs = d.args || {}; // fetch the files now, draw once the map exists
    (pendingArgs.layers || []).forEach(function (l) { fetchJson(l.url); });
  }

  var rendered = false;
  function render(args) {
    if (args.height) { setHeight(args.height); }
    if (!rendered) { // the frame was hidden until now: measure the map again
      rendered = true;
      map.invalidateSize({pan: false});
      var legend = map.getContainer().querySelector("details.corridors-legend");
      if (legend) { legend.open = map.getSize().x > 560; }
    }
    select(args.selected || null);
    if (args.fit && args.fit.key !== fitKey) {
      fitKey = args.fit.key;
      fit(args.fit);
    }
    wanted = {};
    (args.layers || []).forEach(function (l) { wanted[l.kind] = {url: l.url, ids: l.ids}; });
    C.showLayers(wanted);
    if (args.basemap && args.basemap !== basemapUrl) { basemapUrl = args.basemap; C.loadBasemap(basemapUrl); }
    if (args.places && args.places !== placesUrl) { placesUrl = args.places; C.loadPlaces(placesUrl); }
  }

  // --- layers ---------------------------------------------------------------------------------

  function fetchJson(url, low) {
    var early = window.corridorsPrefetched && window.corridorsPrefetched[url];
    if (!layerFiles[url] && early) { layerFiles[url] = early; }
    if (!layerFiles[url]) {
      layerFiles[url] = fetch(url, low ? {priority: "low"} : {}).then(function (r) {
        if (!r.ok) { throw new Error(url + ": HTTP " + r.status); }
        return r.json();
      });
    }
    return layerFiles[url];
  }

  /** Show exactly these layers (kind -> {url, ids}); fetch any file not fetched yet. */
  C.showLayers = function (want) {
    Object.keys(drawn).forEach(function (kind) {
      if (!want[kind]) {
        hideKind(kind, true); // at once, in this task: one style write per pane
      } else if (want[kind].url !== drawn[kind].url) {
        apply(kind, []);
      }
    });
    var added = false;
    var pending = Object.keys(want).map(function (kind) {
      var w = want[kind];
      return fetchJson(w.url).then(function (data) {
        if (want !== wanted) { return; } // a newer render took over
        if (!drawn[kind] || drawn[kind].url !== w.url) {
          if (drawn[kind]) { apply(kind, []); hideKind(kind, false); }
          drawn[kind] = {url: w.url, entries: build(kind, data), shown: {}, hidden: false};
        }
        if (apply(kind, w.ids)) { added = true; }
        hideKind(kind, false); // after apply: the kind's features are right before it shows
      });
    });
    Promise.all(pending).then(function () {
      // Leaflet makes a layer a new path each time it is added: without the selection's class, and
      // above the selected lines. So the selection is drawn again after an addition, and only
      // then: otherwise render's select() has drawn it already, and this walk over every shown
      // feature would change nothing.
      if (added) { select(selected, true); }
      if (window.corridorsDrawnAt === undefined) {
        foldLegendIfCovering(); // the routes of the first view are there to be covered or not
        window.corridorsDrawnAt = performance.now();
        // The basemap follows in the task after the frame that paints the routes, so its drawing
        // never delays that paint (and after a while anyway: a hidden tab paints no frames).
        requestAnimationFrame(function () { setTimeout(routesDrawn, 0); });
        setTimeout(routesDrawn, 250);
        // Tell the app the map is drawn: its first run held the rest of the page back until now,
        // so that the page's widgets do not compete with the map for the browser's main thread.
        if (inFrame) { setValue({drawn: true}); }
      }
    }).catch(function (e) {
      note("The map data could not be loaded (" + e.message + ").");
      routesDrawn(); // no routes to wait for
    });
  };

  /** A static page (no Streamlit): draw inline collections at once. */
  C.drawStatic = function (kind, data) {
    drawn[kind] = {url: "inline:" + kind, entries: build(kind, data), shown: {}, hidden: false};
    apply(kind, null);
    window.corridorsDrawnAt = performance.now();
  };

  function styleOf(p) {
    var byStatus = (config.styles[p.kind] || {})[p.status] || {};
    return byStatus[p.method] || {color: "#333", weight: 3};
  }

  function copy(o, extra) {
    var out = {};
    for (var k in o) { out[k] = o[k]; }
    for (var j in extra) { out[j] = extra[j]; }
    return out;
  }

  function build(kind, data) {
    var entries = {};
    (data.features || []).forEach(function (f) {
      var p = f.properties;
      var style = styleOf(p);
      var e = {props: p, layers: [], look: null, hit: null};
      if (f.geometry.type === "Point") {
        e.look = e.hit = L.GeoJSON.geometryToLayer(f, {
          pointToLayer: function (x, latlng) {
            return L.circleMarker(latlng, copy(style, {pane: "corridors-points-" + kind}));
          }
        });
        e.layers.push(e.hit);
      } else {
        var casing = config.casings[p.method];
        if (casing) {
          e.layers.push(L.GeoJSON.geometryToLayer(f, copy(casing, {
            pane: "corridors-casing-" + kind, interactive: false
          })));
        }
        e.look = L.GeoJSON.geometryToLayer(f, copy(style, {
          pane: "corridors-line-" + kind, interactive: false
        }));
        // A wide transparent twin takes the pointer, so a thin or dashed line is easy to hit.
        e.hit = L.GeoJSON.geometryToLayer(f, {
          pane: "corridors-hit-" + kind, color: "#000", opacity: 0, weight: 14, className: "corridors-hit"
        });
        e.layers.push(e.look, e.hit);
      }
      e.look.feature = e.hit.feature = f; // the casing is decoration: no feature of its own
      wire(e);
      entries[p.id] = e;
    });
    return entries;
  }

  function wire(e) {
    var p = e.props;
    var tip = document.createElement("span");
    tip.textContent = p.name;
    e.hit.bindTooltip(tip, {sticky: true});
    e.hit.on("click", function (ev) { choose(e, ev.latlng); });
    e.hit.on("mouseover", function () { hover(e, true); });
    e.hit.on("mouseout", function () { hover(e, false); });
    e.hit.on("add", function () { focusable(e); });
  }

  function focusable(e) {
    var el = e.hit._path;
    if (!el || el.getAttribute("tabindex") === "0") { return; }
    el.setAttribute("tabindex", "0");
    el.setAttribute("role", "button");
    el.setAttribute("aria-label", e.props.name + " (" + e.props.kind + "): open its quotes");
    el.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " " || ev.key === "Spacebar") {
        ev.preventDefault();
        choose(e, null);
      }
    });
    el.addEventListener("focus", function () { hover(e, true); });
    el.addEventListener("blur", function () { hover(e, false); });
  }

  var hovered = null; // the entry under the pointer or the keyboard's focus
  function hover(e, on) {
    hovered = on ? e : (hovered === e ? null : hovered);
    var s = styleOf(e.props);
    if (!on) { e.look.setStyle(s); return; }
    e.look.setStyle(e.props.kind === "port"
      ? {radius: (s.radius || 8) + 3, weight: 3}
      : {weight: (s.weight || 4) + 3, opacity: 1});
  }

  /**
   * Hide or show a whole kind by its panes: O(1), where removing and re-adding each feature
   * (Leaflet makes every path anew on each add) cost seconds at 10,000 corridors. Hidden
   * (display: none), its routes take no pointer and no focus; its popup and tooltip close.
   */
  function hideKind(kind, hide) {
    var d = drawn[kind];
    if (!d || !!d.hidden === hide) { return; }
    d.hidden = hide;
    kindPanes(kind).forEach(function (p) {
      p.style.display = hide ? "none" : "";
      p.classList.toggle("corridors-hidden", hide);
      if (hide && p.contains(document.activeElement)) { document.activeElement.blur(); }
    });
    if (hide) { letGo(kind, null); }
  }

  /** Close the popup and the hover of a kind's routes (of these ids only, unless null). */
  function letGo(kind, ids) {
    var mine = function (e) {
      return e && e.props.kind === kind && (ids === null || ids[e.props.id]);
    };
    if (openPopup && mine(openPopup.entry) && map.hasLayer(openPopup.popup)) {
      map.closePopup(openPopup.popup);
    }
    if (mine(hovered)) {
      var e = hovered;
      e.hit.closeTooltip();
      hover(e, false);
    }
  }

  /** Show exactly these ids of a kind (null: all); true if any feature was added to the map. */
  function apply(kind, ids) {
    var d = drawn[kind];
    if (!d) { return false; }
    var added = false;
    var keep = {};
    if (ids === null || ids === undefined) {
      Object.keys(d.entries).forEach(function (id) { keep[id] = true; });
    } else {
      ids.forEach(function (id) { if (d.entries[id]) { keep[id] = true; } });
    }
    var gone = {};
    Object.keys(d.shown).forEach(function (id) {
      if (!keep[id]) {
        d.entries[id].layers.forEach(function (l) { map.removeLayer(l); });
        delete d.shown[id];
        gone[id] = true;
      }
    });
    letGo(kind, gone);
    Object.keys(keep).forEach(function (id) {
      if (!d.shown[id]) {
        d.entries[id].layers.forEach(function (l) { l.addTo(map); });
        d.shown[id] = true;
        added = true;
      }
    });
    return added;
  }

  // --- the sidebar's layer switches, heard at once -------------------------------------------

  // The layer switch of a kind is the widget keyed LAYER_KEY + kind (session.layer_key), which
  // Streamlit marks with the class st-key-<key> (a test checks this name against session.py).
  var LAYER_KEY = "layer_";
  var SWITCH_CLASS = new RegExp("(?:^|\\s)st-key-" + LAYER_KEY + "([\\w-]+)");

  /**
   * Hide or show a kind the moment its sidebar switch changes, not when the rerun's args come
   * (~100 ms later: the script runs, then Streamlit renders the page before the frame gets them).
   * Streamlit's switch stops its click and fires no change event, so the page's clicks and keys
   * on a switch are heard (capture) and its box read once React has drawn it (next frames). The
   * args still decide: when they arrive, showLayers makes the map exactly what they say (a kind
   * re-shown here shows the features it showed when hidden).
   */
  function hearSwitches() {
    var doc;
    try { doc = window.parent.document; } catch (e) { return; } // another origin: the args only
    var heard = function (ev) {
      var box = ev.target && ev.target.closest && ev.target.closest("[class*='st-key-" + LAYER_KEY + "']");
      var m = box && SWITCH_CLASS.exec(box.className);
      var input = box && box.querySelector("input[type=checkbox]");
      if (!m || !input || !drawn[m[1]]) { return; }
      var was = input.checked; // the click's default has not run yet
      var tries = 0;
      var read = function () { // until the switch shows its new state, a few frames at most
        if (input.checked !== was) { hideKind(m[1], !input.checked); return; }
        if ((tries += 1) < 12) { setTimeout(read, tries < 4 ? 0 : 16); }
      };
      setTimeout(read, 0);
    };
    ["click", "keyup", "change"].forEach(function (type) { doc.addEventListener(type, heard, true); });
  }

  // --- selection, popups, clicks --------------------------------------------------------------

  function select(corridor, force) {
    if (corridor === selected && !force) { return; }
    selected = corridor;
    window.corridorsSelected = corridor;
    Object.keys(drawn).forEach(function (kind) {
      var d = drawn[kind];
      Object.keys(d.shown).forEach(function (id) {
        var e = d.entries[id];
        var on = corridor !== null && e.props.corridor === corridor;
        [e.look, e.hit].forEach(function (l) {
          if (l._path) { l._path.classList.toggle("corridors-selected", on); }
        });
        if (on && e.look.bringToFront) { e.look.bringToFront(); }
      });
    });
  }
  C.select = select;

  /**
   * A line's vertices in pixels at the current zoom, unrounded (Leaflet's layer points are rounded
   * to whole pixels: a point found from them may miss a thin line), one list per part.
   */
  function lineParts(layer) {
    var lls = layer.getLatLngs();
    var parts = L.LineUtil.isFlat(lls) ? [lls] : lls;
    return parts.map(function (part) {
      return part.map(function (ll) { return map.project(ll); });
    });
  }

  /** The point of a line nearest to p (pixels, as lineParts), with its distance; null for none. */
  function nearestOnLine(layer, p) {
    var best = null;
    lineParts(layer).forEach(function (pts) {
      for (var i = 1; i < pts.length; i += 1) {
        var q = L.LineUtil.closestPointOnSegment(p, pts[i - 1], pts[i]);
        var dist = q.distanceTo(p);
        if (best === null || dist < best.dist) { best = {point: q, dist: dist}; }
      }
    });
    return best;
  }

  // How far (pixels) from its line a pointer may land and still count as on it: the hit line's
  // half-width, and some.
  var NEAR_LINE_PX = 16;

  /**
   * Where a feature's popup opens: where the pointer touched it; for a click that carries no
   * position (element.click(), automation, assistive tools: Leaflet reads it as the frame's top
   * left corner), the point of the line nearest the map's centre. A popup opened at the corner
   * made Leaflet's keepInView pan after every move, for tens of seconds.
   */
  function popupPoint(e, latlng) {
    if (!e.look.getLatLngs) { return e.look.getLatLng(); } // a port: its own point
    if (latlng) {
      var touched = nearestOnLine(e.hit, map.project(latlng));
      if (touched && touched.dist <= NEAR_LINE_PX) { return latlng; }
    }
    var near = nearestOnLine(e.hit, map.project(map.getCenter()));
    return near ? map.unproject(near.point) : e.look.getBounds().getCenter();
  }
  C.popupPoint = popupPoint;

  /**
   * A popup that keeps in view (keepInView) without fighting the map's maxBounds (Leaflet issues
   * 6458 and 2324). Leaflet's popup pans the view to show itself, even past maxBounds; on that
   * pan's moveend, maxBounds starts a pan back, and the popup's own moveend handler, next in the
   * same dispatch, first stops any pan in progress: stopped at its first step (no move yet), the
   * pan fires moveend again, inside the same call, and maxBounds starts again: a
   * `RangeError: Maximum call stack size exceeded`. That stayed hidden while every moveend also
   * re-clipped ~30,000 paths (2 s at 10,000 corridors): a pan stopped 2 s after it began has
   * arrived. Once redrawOnlyWhenNeeded made moveend fast, a click then a toggle hit it. So this
   * popup (1) never stops a pan in progress (that pan's own moveend calls it again) and (2) pans
   * only as far as maxBounds allows, so the two never pull opposite ways.
   */
  var KeptPopup = null; // made on first use: this script runs before Leaflet has loaded
  function keptPopup(options) {
    KeptPopup = KeptPopup || L.Popup.extend({_adjustPan: adjustPanKept});
    return new KeptPopup(options);
  }
  function adjustPanKept() {
    var map = this._map;
    if (!map || (map._panAnim && map._panAnim._inProgress)) { return; }
    if (typeof map._limitOffset !== "function") { // another Leaflet: its own pan (a test checks)
      return L.Popup.prototype._adjustPan.apply(this, arguments);
    }
    var popup = this;
    var own = Object.prototype.hasOwnProperty.call(map, "panBy");
    var panBy = map.panBy;
    map.panBy = function (offset, options) {
      var limited = map._limitOffset(L.point(offset).round(), map.options.maxBounds).round();
      if (!limited.x && !limited.y) { // nothing left to pan: no move will come to skip
        popup._autopanning = false;
        skipMove = false; // set by this pan's "autopanstart"; else the reader's next move is lost
        return map;
      }
      return panBy.call(map, limited, options);
    };
    try {
      return L.Popup.prototype._adjustPan.apply(this, arguments);
    } finally {
      if (own) { map.panBy = panBy; } else { delete map.panBy; } // the prototype's again
    }
  }

  var openPopup = null; // {popup, entry}: the last popup opened, and whose it is
  function choose(e, latlng) {
    var where = popupPoint(e, latlng);
    select(e.props.corridor);
    var size = map.getSize();
    // Clear of the zoom buttons (left) and the layer button (top right), and inside the map.
    var popup = keptPopup({
      maxWidth: Math.max(160, Math.min(340, size.x - 110)),
      maxHeight: Math.max(140, Math.min(300, size.y - 140)),
      autoPanPaddingTopLeft: [54, 12],
      autoPanPaddingBottomRight: [12, 36],
      keepInView: true,
      className: "corridors-popup"
    }).setLatLng(where).setContent(e.props.popup);
    openPopup = {popup: popup, entry: e};
    popup.openOn(map);
    if (inFrame) {
      clicks += 1;
      setValue({click: {corridor: e.props.corridor, id: e.props.id, n: clicks}});
    }
  }

  // --- view -----------------------------------------------------------------------------------

  // Moves the page makes itself (a fit the server asked for, a popup panning into view) are not
  // the reader's: the URL keeps only views the reader chose.
  var ownMove = false;

  /**
   * Fit options: the whole map, less a margin and the folded legend's corner (bottom right). The
   * open legend is not allowed for: where it would cover a route once fitted, it is folded
   * instead (foldLegendIfCovering), so the routes get the whole map.
   */
  function fitOptions() {
    return {paddingTopLeft: [24, 24], paddingBottomRight: [24, 40], maxZoom: 8, animate: false};
  }

  function legendBox() {
    return map.getContainer().querySelector("details.corridors-legend");
  }

  // The page decides whether the legend is open until the reader opens or folds it.
  var legendChosen = false;

  /** Whether any shown route or port lies under this box (container pixels). */
  function routesUnder(box) {
    var pixels = function (x, y) { return map.project(map.containerPointToLatLng([x, y])); };
    var bounds = L.bounds(pixels(box.l, box.t), pixels(box.r, box.b));
    return Object.keys(drawn).some(function (kind) {
      var d = drawn[kind];
      return !d.hidden && Object.keys(d.shown).some(function (id) {
        var hit = d.entries[id].hit;
        if (!hit.getLatLngs) { return bounds.contains(map.project(hit.getLatLng())); }
        return lineParts(hit).some(function (pts) {
          for (var i = 1; i < pts.length; i += 1) {
            if (L.LineUtil.clipSegment(pts[i - 1], pts[i], bounds, false, false)) { return true; }
          }
          return pts.length === 1 && bounds.contains(pts[0]);
        });
      });
    });
  }

  /**
   * The legend starts open on a wide map unless, open, it would cover a route at the current
   * view; then it starts folded (one click opens it). Made again after each fit the page makes,
   * until the reader opens or folds it.
   */
  function foldLegendIfCovering() {
    var legend = legendBox();
    if (!legend || legendChosen || !Object.keys(drawn).length) { return; }
    var size = map.getSize();
    if (size.x <= 560) { legend.open = false; return; }
    legend.open = true; // measured open: one layout, outside any loop
    var r = legend.getBoundingClientRect();
    var origin = map.getContainer().getBoundingClientRect();
    var box = {l: r.left - origin.left - 4, t: r.top - origin.top - 4,
      r: r.right - origin.left + 4, b: r.bottom - origin.top + 4};
    legend.open = !routesUnder(box);
    legend.dataset.auto = legend.open ? "open" : "folded";
  }
  C.foldLegendIfCovering = foldLegendIfCovering;

  function watchLegend() {
    var legend = legendBox();
    var summary = legend && legend.querySelector("summary");
    if (!summary) { return; }
    ["click", "keydown"].forEach(function (type) {
      summary.addEventListener(type, function () { legendChosen = true; });
    });
  }

  // The last fit holds until the reader moves the map: when the frame is resized before that (the
  // rest of the page arriving after the map, a phone turned), the fit is made again for the new
  // size, so what was picked stays in view.
  var lastFit = null;
  var fitHolds = false;

  function fit(request) {
    ownMove = true;
    if (request.view) {
      map.setView([request.view[0], request.view[1]], request.view[2], {animate: false});
    } else if (request.bounds) {
      map.fitBounds(request.bounds, fitOptions());
    }
    ownMove = false;
    foldLegendIfCovering();
    lastFit = request;
    fitHolds = !!request.bounds;
  }

  function holdFitOnResize() {
    map.on("resize", function () {
      skipMove = true; // the move a resize makes is the page's, not the reader's: not in the URL
      if (fitHolds && lastFit) { fit(lastFit); }
    });
    var el = map.getContainer();
    ["mousedown", "touchstart", "wheel", "keydown"].forEach(function (type) {
      el.addEventListener(type, function () { fitHolds = false; }, {passive: true});
    });
  }

  var viewTimer = null;
  var skipMove = false;
  /**
   * Keep the reader's view in the page's URL (``view=lat,lon,zoom``) without a rerun: a rerun
   * request sent while another is on its way would carry the widgets' older values.
   */
  function reportViewSoon() {
    if (ownMove || skipMove) { skipMove = false; return; }
    clearTimeout(viewTimer);
    viewTimer = setTimeout(function () {
      var c = map.getCenter();
      var view = c.lat.toFixed(3) + "," + c.lng.toFixed(3) + "," + (+map.getZoom().toFixed(2));
      try {
        var top = window.parent;
        var url = new URL(top.location.href);
        url.searchParams.set("view", view);
        top.history.replaceState(top.history.state, "", url.toString());
      } catch (e) { /* another origin: the view stays out of the URL */ }
    }, 300);
  }

  // --- basemap and place labels ---------------------------------------------------------------

  /** The file's data, once the routes are drawn (at once in a page with no frame to wait on). */
  function afterRoutes(file) {
    if (!inFrame) { return file; }
    return Promise.all([file, routesWait]).then(function (both) { return both[0]; });
  }

  C.loadBasemap = function (url) {
    afterRoutes(fetchJson(url, true)).then(function (data) {
      if (C.basemap) { C.basemap.clearLayers(); C.basemap.addData(data); }
      if (times.basemap === undefined) { times.basemap = performance.now(); }
    }).catch(function () { note("The offline basemap could not be loaded."); });
  };

  var labels = [];
  C.loadPlaces = function (url) {
    afterRoutes(fetchJson(url, true)).then(function (data) {
      labels.forEach(function (l) { map.removeLayer(l.marker); });
      labels = (data.places || []).map(placeLabel);
      declutter();
    }).catch(function () { /* labels are a help, not a need */ });
  };

  function placeLabel(p) {
    var el = document.createElement("span");
    el.className = "corridors-place-name";
    el.textContent = p.name;
    var marker = L.marker([p.lat, p.lon], {
      pane: "corridors-labels",
      interactive: false,
      keyboard: false,
      icon: L.divIcon({className: "corridors-place corridors-place-" + p.type, html: el, iconSize: null})
    }).addTo(map);
    // box: the name's box relative to its anchor point, measured once (a label's size does not
    // change with the zoom); shown: whether it is displayed now.
    return {marker: marker, place: p, el: el, latlng: L.latLng(p.lat, p.lon), box: null, shown: true};
  }

  /**
   * Measure the labels not measured yet, all reads in one pass (one layout for all of them). A
   * label hidden by an earlier pass is shown first, in one pass of writes before the reads.
   */
  function measureLabels() {
    var todo = labels.filter(function (l) { return !l.box && l.marker.getElement(); });
    if (!todo.length) { return; }
    todo.forEach(function (l) {
      if (!l.shown) { l.marker.getElement().style.display = ""; l.shown = true; }
    });
    var origin = map.getContainer().getBoundingClientRect();
    todo.forEach(function (l) {
      var r = l.el.getBoundingClientRect();
      if (!r.width && !r.height) { return; } // a hidden frame: measured on a later pass
      var at = map.latLngToContainerPoint(l.latlng);
      l.box = {dx: r.left - origin.left - at.x, dy: r.top - origin.top - at.y, w: r.width, h: r.height};
    });
  }

  /**
   * Show labels by priority (the places file's order), hiding any that would overlap one before
   * it. Layout is read once per label (measureLabels) and never between the writes: each box is
   * placed by projecting its point, every decision is made, then every display is written.
   */
  function declutter() {
    if (!labels.length) { return; }
    measureLabels();
    var z = map.getZoom();
    var size = map.getSize();
    var taken = [];
    var decisions = labels.map(function (l) {
      if (z < l.place.minzoom || !l.box) { return !l.box && z >= l.place.minzoom; }
      var at = map.latLngToContainerPoint(l.latlng);
      var box = {l: at.x + l.box.dx - 2, t: at.y + l.box.dy - 1};
      box.r = box.l + l.box.w + 4;
      box.b = box.t + l.box.h + 2;
      if (box.r < 0 || box.b < 0 || box.l > size.x || box.t > size.y) { return false; }
      var clash = taken.some(function (o) {
        return box.l < o.r && box.r > o.l && box.t < o.b && box.b > o.t;
      });
      if (!clash) { taken.push(box); }
      return !clash;
    });
    labels.forEach(function (l, i) {
      var root = l.marker.getElement();
      if (!root || l.shown === decisions[i]) { return; }
      root.style.display = decisions[i] ? "" : "none";
      l.shown = decisions[i];
    });
  }
  C.declutter = declutter;
  /** Each label's name, whether it is shown, and its measured box (for tests and benchmarks). */
  C.labelState = function () {
    return labels.map(function (l) {
      return {name: l.place.name, type: l.place.type, shown: l.shown, box: l.box,
        at: map.latLngToContainerPoint(l.latlng)};
    });
  };

  /** Declutter once the map has come to rest: one pass per frame at most, none mid-animation. */
  var declutterFrame = null;
  function declutterSoon() {
    if (declutterFrame !== null) { return; }
    declutterFrame = requestAnimationFrame(function () {
      declutterFrame = null;
      if (map._animatingZoom || (map._panAnim && map._panAnim._inProgress)) { return; } // its end comes
      declutter();
    });
  }

  function hooksForLabels() {
    map.on("zoomend moveend resize", declutterSoon);
  }

  // --- notes in the map -----------------------------------------------------------------------

  var noteBox = null;
  function note(text) {
    if (!noteBox) {
      var ctl = L.control({position: "bottomleft"});
      ctl.onAdd = function () {
        var div = L.DomUtil.create("div", "corridors-note");
        div.setAttribute("role", "status");
        div.setAttribute("data-testid", "map-note");
        return div;
      };
      ctl.addTo(map);
      noteBox = ctl.getContainer();
    }
    noteBox.textContent = text;
    noteBox.style.display = text ? "" : "none";
  }
  C.note = note;

  function tileErrors() {
    hooksForLabels();
    holdFitOnResize();
    watchLegend();
    map.on("layeradd", function (e) {
      if (!(e.layer instanceof L.TileLayer) || e.layer._corridorsWatched) { return; }
      e.layer._corridorsWatched = true;
      e.layer.on("tileerror", function () {
        if (map.hasLayer(e.layer)) {
          note("This online basemap cannot load (no network?). Choose the offline basemap " +
            "in the layer menu (top right).");
        }
      });
    });
    map.on("baselayerchange", function () { note(""); });
  }
})();
