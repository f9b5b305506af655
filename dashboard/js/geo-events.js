/* geo-events: the dashboard's map layers, drawn in the browser (Leaflet 1.9).
 *
 * - GeoEvents.basemap(map, opts): panes stacked so data is always above the land, then the
 *   offline orientation (country outlines, approximate region borders, place labels that
 *   thin out with zoom) loaded once from a static JSON file.
 * - GeoEvents.EventLayer: the events, sent as compact typed arrays (base64), drawn on one
 *   canvas; clusters (supercluster, vendored) or every point, or a heat map (leaflet.heat).
 *   Events at one spot are one bubble with their count; a click lists them.
 * Every string in the payload was HTML-escaped on the server; labels are set as text.
 */
(function () {
  "use strict";
  var PANES = {outlines: 250, borders: 260, events: 450, labels: 500, bubbles: 550};
  var PASSIVE = {outlines: 1, borders: 1, labels: 1};

  function panes(map) {
    Object.keys(PANES).forEach(function (name) {
      if (!map.getPane(name)) {
        var pane = map.createPane(name);
        pane.style.zIndex = PANES[name];
        if (PASSIVE[name]) pane.style.pointerEvents = "none";
      }
    });
  }

  var TYPES = {f32: Float32Array, u8: Uint8Array, i8: Int8Array, u16: Uint16Array, i16: Int16Array,
               i32: Int32Array};

  // {t: type, b: base64 of little-endian values} -> a typed array (mapview.packed)
  function decode(a) {
    var bin = atob(a.b), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new TYPES[a.t](bytes.buffer);
  }

  // Web Mercator in [0, 1]: projecting 150,000 points by hand is ~10x faster than Leaflet's.
  function mercX(lon) { return (lon + 180) / 360; }
  function mercY(lat) {
    var s = Math.sin(Math.max(-85, Math.min(85, lat)) * Math.PI / 180);
    return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
  }

  /* ---- orientation: outlines, borders, labels ---------------------------------------- */

  var TOWN_MIN = [[4, 2e6], [5, 5e5], [6, 1.5e5], [7, 5e4], [8, 2e4], [9, 6e3], [10, 1500], [99, 0]];
  var MAX_LABELS = 140;

  function townMinimum(zoom) {
    for (var i = 0; i < TOWN_MIN.length; i++) if (zoom <= TOWN_MIN[i][0]) return TOWN_MIN[i][1];
    return 0;
  }

  var PlaceLabels = L.Layer.extend({
    initialize: function (labels) { this._labels = labels; },
    onAdd: function (map) {
      this._div = L.DomUtil.create("div", "place-labels", map.getPane("labels"));
      map.on("moveend", this._draw, this);  // after a zoom too
      map.on("zoomstart", this._hide, this);
      this._draw();
    },
    onRemove: function (map) {
      map.off("moveend", this._draw, this);
      map.off("zoomstart", this._hide, this);
      L.DomUtil.remove(this._div);
    },
    _hide: function () { this._div.style.display = "none"; },
    _draw: function () {
      var map = this._map, zoom = map.getZoom(), least = townMinimum(zoom);
      var view = map.getBounds().pad(0.05), taken = [], div = this._div;
      div.textContent = "";
      div.style.display = "";
      // towns first, then region names where there is room
      for (var k = 0; k < 2 * this._labels.length && taken.length < MAX_LABELS; k++) {
        var l = this._labels[k % this._labels.length], region = l[4] === 1;
        if (region !== (k >= this._labels.length)) continue;
        if (region ? (zoom < 5 || zoom > 8) : l[3] < least) continue;
        if (!view.contains([l[1], l[2]])) continue;
        var p = map.latLngToLayerPoint([l[1], l[2]]);
        var w = l[0].length * (region ? 7.5 : 6.6) + 12, h = 16;
        var box = region ? [p.x - w / 2, p.y - h / 2, p.x + w / 2, p.y + h / 2] : [p.x - 4, p.y - h / 2, p.x + w, p.y + h / 2];
        if (taken.some(function (b) { return box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]; })) continue;
        taken.push(box);
        var el = L.DomUtil.create("div", region ? "place-label region-label" : "place-label town-label", div);
        el.textContent = l[0];
        el.setAttribute("data-population", l[3]);
        el.style.left = Math.round(region ? p.x - w / 2 + 6 : p.x - 3) + "px";
        el.style.top = Math.round(p.y - 8) + "px";
      }
    }
  });

  var STYLE = "" +
    ".place-labels{position:absolute;left:0;top:0}" +
    ".place-label{position:absolute;white-space:nowrap;font:12px/16px 'DejaVu Sans',Arial,sans-serif;color:#222;" +
    "text-shadow:-1px -1px 0 #fff,1px -1px 0 #fff,-1px 1px 0 #fff,1px 1px 0 #fff,0 0 3px #fff}" +
    ".town-label:before{content:'';display:inline-block;width:5px;height:5px;margin:0 4px 1px 0;" +
    "border-radius:3px;background:#444;vertical-align:middle}" +
    ".region-label{font-size:11px;letter-spacing:.08em;color:#6b6257;text-transform:uppercase;font-style:italic}" +
    ".event-bubble{position:absolute;border-radius:50%;text-align:center;font:bold 12px/1 Arial,sans-serif;" +
    "color:#1a1a1a;cursor:pointer;transform:translate(-50%,-50%);display:flex;align-items:center;justify-content:center}" +
    ".event-cluster{background:rgba(253,174,97,.85);border:3px solid rgba(230,85,13,.75)}" +
    ".event-stack{background:rgba(255,255,255,.92);border:3px solid #d7301f}" +
    ".event-list{max-height:260px;overflow:auto;margin:4px 0 0;padding-left:18px}" +
    ".event-list li{margin-bottom:3px}";

  function basemap(map, opts) {
    panes(map);
    var style = document.createElement("style");
    style.textContent = STYLE;
    document.head.appendChild(style);
    map.getContainer().style.background = opts.tiles ? "#ddd" : "#cfe3f0";  // sea when offline
    window.__orientation = "loading";
    fetch(opts.url).then(function (r) { return r.json(); }).then(function (d) {
      if (d.outlines) {
        L.geoJSON(d.outlines, {pane: "outlines", interactive: false, style: {
          fillColor: "#f4f1ea", fillOpacity: opts.tiles ? 0 : 1, color: "#8c8c8c", weight: 1}}).addTo(map);
      }
      L.geoJSON(d.borders, {pane: "borders", interactive: false, style: {
        color: "#8a7f72", weight: 1, opacity: 0.7, dashArray: "4 4", fill: false}}).addTo(map);
      new PlaceLabels(d.labels).addTo(map);
      window.__orientation = "ready";
    }).catch(function (e) { window.__orientation = "failed: " + e; });
  }

  /* ---- events --------------------------------------------------------------------------- */

  var PRECISION = {1: "exact place", 2: "near the place", 3: "region only (place approximate)"};
  var CLUSTER_MAX_ZOOM = 12;  // closer in, every spot is drawn (a town fills the map by then)
  var LIST_LIMIT = 50;

  function count(v) { return v < 0 ? "unknown" : v.toLocaleString("en"); }

  var EventLayer = L.Layer.extend({
    initialize: function (payload, mode) {
      var p = this._p = payload;
      this._mode = mode;
      this.n = p.n;
      this._lat = decode(p.lat);
      this._lon = decode(p.lon);
      this._type = decode(p.type);
      this._day = decode(p.day);
      this._killed = decode(p.killed);
      this._wounded = decode(p.wounded);
      this._prec = decode(p.precision);
      this._place = decode(p.place);
      this._sub = decode(p.sub);
      this._a1 = decode(p.actor1);
      this._a2 = decode(p.actor2);
      this._spots();
    },

    // Events at identical coordinates are one spot (the payload lists them newest first,
    // and the pairs [event, earlier event at the same coordinates] of the shared ones).
    _spots: function () {
      var n = this.n, shared = decode(this._p.shared), spot = new Int32Array(n), ns = 0, i;
      spot.fill(-1);
      for (i = 0; i < shared.length; i += 2) spot[shared[i]] = -2 - shared[i + 1];
      for (i = 0; i < n; i++) spot[i] = spot[i] < -1 ? spot[-2 - spot[i]] : ns++;
      var start = new Int32Array(ns + 1), cas = new Float64Array(ns), first = new Int32Array(ns).fill(-1);
      for (i = 0; i < n; i++) {
        start[spot[i] + 1]++;
        cas[spot[i]] += Math.max(0, this._killed[i]) + Math.max(0, this._wounded[i]);
        if (first[spot[i]] < 0) first[spot[i]] = i;
      }
      for (i = 0; i < ns; i++) start[i + 1] += start[i];
      var fill = start.slice(0, ns), members = new Int32Array(n);
      for (i = 0; i < n; i++) members[fill[spot[i]]++] = i;
      var mx = new Float64Array(ns), my = new Float64Array(ns);
      for (i = 0; i < ns; i++) { mx[i] = mercX(this._lon[first[i]]); my[i] = mercY(this._lat[first[i]]); }
      this._s = {n: ns, start: start, members: members, first: first, cas: cas, mx: mx, my: my, of: spot};
    },

    onAdd: function (map) {
      panes(map);
      if (this._mode === "Heat map") {
        this._heat = L.heatLayer(this._heatPoints(), {pane: "events", radius: 14, blur: 16,
                                                      minOpacity: 0.35, max: 1, maxZoom: 9}).addTo(map);
      } else {
        this._canvas = L.DomUtil.create("canvas", "event-canvas", map.getPane("events"));
        this._bubbles = L.DomUtil.create("div", "event-bubbles", map.getPane("bubbles"));
        if (this._mode === "Clusters") this._index = this._cluster();
        map.on("moveend resize", this._draw, this);  // moveend follows every zoom
        map.on("zoomstart", this._hide, this);
        map.on("click", this._click, this);
        map.on("mousemove", this._hover, this);
        this._draw();
      }
      window.__eventLayer = this;  // tests and benchmarks read what the map holds
      this._view();
    },

    onRemove: function (map) {
      if (this._heat) { map.removeLayer(this._heat); return; }
      map.off("moveend resize", this._draw, this);
      map.off("zoomstart", this._hide, this);
      map.off("click", this._click, this);
      map.off("mousemove", this._hover, this);
      L.DomUtil.remove(this._canvas);
      L.DomUtil.remove(this._bubbles);
    },

    _heatPoints: function () {
      var pts = new Array(this.n);
      for (var i = 0; i < this.n; i++) {
        var c = Math.max(0, this._killed[i]) + Math.max(0, this._wounded[i]);
        pts[i] = [this._lat[i], this._lon[i], 0.35 + 0.65 * Math.min(1, c / 10)];
      }
      return pts;
    },

    // One point per event, no map/reduce: a cluster's point_count is its number of events, and
    // supercluster indexes 150,000 points in a quarter of a second. Above CLUSTER_MAX_ZOOM the
    // events are drawn by spot (exact coordinates), each spot once.
    _cluster: function () {
      var features = new Array(this.n);
      for (var i = 0; i < this.n; i++) {
        features[i] = {type: "Feature", properties: {i: i},
                       geometry: {type: "Point", coordinates: [this._lon[i], this._lat[i]]}};
      }
      return new Supercluster({radius: 80, maxZoom: CLUSTER_MAX_ZOOM, minPoints: 2}).load(features);
    },

    // A filter that names a region moves the map there; a picked row is shown and opened.
    _view: function () {
      var map = this._map, p = this._p;
      if (p.fit) {
        var b = L.latLngBounds(p.fit);
        if (!map.getBounds().contains(b)) map.fitBounds(b, L.extend({maxZoom: 11}, p.fit_padding));
      }
      if (p.focus && p.focus.i < this.n) {
        var i = p.focus.i, self = this;
        map.setView([this._lat[i], this._lon[i]], Math.max(map.getZoom(), 11));
        setTimeout(function () { self.openEvent(i); }, 50);
      }
    },

    _hide: function () {
      this._canvas.style.display = "none";
      this._bubbles.style.display = "none";
    },

    _draw: function () {
      var map = this._map, size = map.getSize(), pad = 0.3;
      var topLeft = map.containerPointToLayerPoint([-size.x * pad, -size.y * pad]).round();
      var w = Math.round(size.x * (1 + 2 * pad)), h = Math.round(size.y * (1 + 2 * pad));
      var c = this._canvas, ctx = c.getContext("2d");
      L.DomUtil.setPosition(c, topLeft);
      if (c.width !== w || c.height !== h) { c.width = w; c.height = h; }
      c.style.display = "";
      this._bubbles.style.display = "";
      ctx.clearRect(0, 0, w, h);
      this._bubbles.textContent = "";
      var zoom = map.getZoom(), scale = 256 * Math.pow(2, zoom), origin = map.getPixelOrigin();
      var frame = {ctx: ctx, x0: topLeft.x, y0: topLeft.y, w: w, h: h, zoom: zoom, scale: scale,
                   ox: origin.x, oy: origin.y, grid: {}, items: [], bubbles: 0};
      if (this._index) this._drawClusters(frame); else this._drawPoints(frame);
      this._frame = frame;
    },

    _radius: function (spot, zoom) {
      var base = zoom < 7 ? 2.5 : (zoom < 10 ? 3.5 : 5);
      return Math.min(16, base + 1.2 * Math.sqrt(this._s.cas[spot]));
    },

    _drawPoints: function (f) {
      var s = this._s;
      for (var i = 0; i < s.n; i++) {
        var x = s.mx[i] * f.scale - f.ox, y = s.my[i] * f.scale - f.oy;
        if (x < f.x0 || y < f.y0 || x > f.x0 + f.w || y > f.y0 + f.h) continue;
        this._spot(f, i, x, y);
      }
    },

    _drawClusters: function (f) {
      var b = this._map.getBounds().pad(0.3), self = this;
      var found = this._index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
                                          Math.min(18, f.zoom));
      var done = {};
      found.forEach(function (c) {
        var lon = c.geometry.coordinates[0], lat = c.geometry.coordinates[1];
        var x = mercX(lon) * f.scale - f.ox, y = mercY(lat) * f.scale - f.oy;
        if (c.properties.cluster) {
          self._bubble(f, x, y, c.properties.point_count, "cluster", c.properties.cluster_id, lat, lon);
          return;
        }
        var spot = self._s.of[c.properties.i];
        if (!done[spot]) { done[spot] = true; self._spot(f, spot, x, y); }
      });
    },

    // One spot: a dot (a ring when coded to the region only), or a bubble with its count.
    _spot: function (f, i, x, y) {
      var s = this._s, n = s.start[i + 1] - s.start[i], e = s.first[i];
      if (n > 1 && f.bubbles < 400) {
        this._bubble(f, x, y, n, "stack", i, this._lat[e], this._lon[e]);
        return;
      }
      var ctx = f.ctx, r = this._radius(i, f.zoom), col = this._p.tables.colours[this._type[e]];
      ctx.beginPath();
      ctx.arc(x - f.x0, y - f.y0, r, 0, 2 * Math.PI);
      if (this._prec[e] === 3) {
        ctx.lineWidth = 2.5; ctx.strokeStyle = col; ctx.stroke();
      } else {
        ctx.globalAlpha = 0.8; ctx.fillStyle = col; ctx.fill(); ctx.globalAlpha = 1;
        ctx.lineWidth = 1; ctx.strokeStyle = "rgba(0,0,0,0.55)"; ctx.stroke();
      }
      this._remember(f, {kind: "spot", id: i, x: x, y: y, r: r, lat: this._lat[e], lon: this._lon[e]});
    },

    _bubble: function (f, x, y, n, kind, id, lat, lon) {
      var size = Math.round(22 + 5 * Math.log10(n)), self = this;
      var el = L.DomUtil.create("div", "event-bubble event-" + kind, this._bubbles);
      el.style.left = Math.round(x) + "px";
      el.style.top = Math.round(y) + "px";
      el.style.width = el.style.height = size + "px";
      el.textContent = n.toLocaleString("en");
      el.title = n.toLocaleString("en") + (kind === "stack" ? " events at this spot: click to list them"
                                                             : " events: click to zoom in");
      if (kind === "stack") el.style.borderColor = this._p.tables.colours[this._type[this._s.first[id]]];
      L.DomEvent.disableClickPropagation(el);
      L.DomEvent.on(el, "click", function () { self._open({kind: kind, id: id, lat: lat, lon: lon}); });
      f.bubbles++;
      f.items.push({kind: kind, id: id, x: x, y: y, r: size / 2, lat: lat, lon: lon, n: n});
    },

    _remember: function (f, item) {
      var k = Math.floor(item.x / 24) + ":" + Math.floor(item.y / 24);
      (f.grid[k] = f.grid[k] || []).push(f.items.length);
      f.items.push(item);
    },

    _hit: function (latlng) {
      var f = this._frame;
      if (!f) return null;
      var p = this._map.latLngToLayerPoint(latlng), best = null, bestD = Infinity;
      var cx = Math.floor(p.x / 24), cy = Math.floor(p.y / 24);
      for (var dx = -1; dx <= 1; dx++) for (var dy = -1; dy <= 1; dy++) {
        (f.grid[(cx + dx) + ":" + (cy + dy)] || []).forEach(function (j) {
          var it = f.items[j], d = Math.hypot(it.x - p.x, it.y - p.y);
          if (d <= it.r + 3 && d <= bestD) { best = it; bestD = d; }
        });
      }
      return best;
    },

    _click: function (e) {
      var hit = this._hit(e.latlng);
      if (hit) this._open(hit);
    },

    _hover: function (e) {
      var hit = this._hit(e.latlng), map = this._map;
      map.getContainer().style.cursor = hit ? "pointer" : "";
      if (this._tip) { map.closeTooltip(this._tip); this._tip = null; }
      if (!hit) return;
      var e0 = this._s.first[hit.id], t = this._p.tables;
      var text = t.places[this._place[e0]][0] + ": " + count(this._killed[e0]) + " killed, " +
                 count(this._wounded[e0]) + " wounded";
      this._tip = L.tooltip({direction: "top", offset: [0, -hit.r]}).setLatLng([hit.lat, hit.lon]).setContent(text);
      map.openTooltip(this._tip);
    },

    _open: function (item) {
      var map = this._map;
      if (item.kind === "cluster") {
        var z = this._index.getClusterExpansionZoom(item.id);
        if (z <= map.getMaxZoom()) { map.setView([item.lat, item.lon], z); return; }
        var members = this._index.getLeaves(item.id, Infinity).map(function (l) { return l.properties.i; });
        members.sort(function (a, b) { return a - b; });  // the payload is newest first
        return this._popup([item.lat, item.lon], this.listHtml(members));
      }
      var s2 = this._s, list = Array.prototype.slice.call(s2.members, s2.start[item.id], s2.start[item.id + 1]);
      this._popup([item.lat, item.lon], list.length > 1 ? this.listHtml(list) : this.eventHtml(list[0]));
    },

    _popup: function (latlng, html) {
      var self = this;
      var popup = L.popup({maxWidth: 420, className: "event-popup-box"}).setLatLng(latlng).setContent(html);
      popup.openOn(this._map);
      var node = popup.getElement();
      L.DomEvent.on(node, "click", function (ev) {
        var a = ev.target.closest && ev.target.closest("a[data-event]");
        if (a) { ev.preventDefault(); popup.setContent(self.eventHtml(+a.getAttribute("data-event"))); }
      });
      return popup;
    },

    openEvent: function (i) {
      return this._popup([this._lat[i], this._lon[i]], this.eventHtml(i));
    },

    date: function (i) {
      return new Date((this._day[i]) * 864e5).toISOString().slice(0, 10);
    },

    eventHtml: function (i) {
      var t = this._p.tables, place = t.places[this._place[i]], d = this._p.details;
      var actors = [t.actors[this._a1[i]], t.actors[this._a2[i]]].filter(Boolean).join(" vs ");
      var html = "<div class='event-popup'><b>" + place[0] + "</b>" + (place[1] ? ", " + place[1] : "") +
        " <small>(" + (PRECISION[this._prec[i]] || "precision unknown") + ")</small><br>" +
        this.date(i) + " &middot; " + t.types[this._type[i]] + (t.subs[this._sub[i]] ? " &mdash; " + t.subs[this._sub[i]] : "") +
        (actors ? "<br>Actors: " + actors : "") +
        "<br>Killed: " + count(this._killed[i]) + " &middot; Wounded: " + count(this._wounded[i]);
      var row = d ? d[i] : (this._p.focus && this._p.focus.i === i ? this._p.focus.details : null);
      if (row) {
        html += "<br><i>" + row[2] + "</i><br><small>Source: " + row[1] + " &middot; id " + row[0] + "</small>";
      } else {
        html += "<br><small>Evidence and source: pick this event in the table below (" +
                "they are sent with the map for up to " + this._p.detailLimit.toLocaleString("en") + " events).</small>";
      }
      return html + "</div>";
    },

    listHtml: function (members) {
      var t = this._p.tables, self = this, first = members[0], place = t.places[this._place[first]];
      var items = members.slice(0, LIST_LIMIT).map(function (i) {
        return "<li><a href='#' data-event='" + i + "'>" + self.date(i) + "</a> " + t.subs[self._sub[i]] +
               " &middot; killed " + count(self._killed[i]) + ", wounded " + count(self._wounded[i]) + "</li>";
      }).join("");
      var more = members.length > LIST_LIMIT ? "<small>and " + (members.length - LIST_LIMIT).toLocaleString("en") +
                 " more: narrow the filters to see them</small>" : "";
      return "<div class='event-popup event-list-popup'><b>" + members.length.toLocaleString("en") + " events</b> at " +
             place[0] + (place[1] ? ", " + place[1] : "") + " (newest first; click one for its details)" +
             "<ol class='event-list'>" + items + "</ol>" + more + "</div>";
    },

    // What the map shows now, for tests: dots, bubbles and the counts on them.
    drawn: function () {
      var f = this._frame || {items: []};
      return {dots: f.items.filter(function (it) { return it.kind === "spot"; }).length,
              bubbles: f.items.filter(function (it) { return it.kind !== "spot"; }).map(function (it) {
                return {kind: it.kind, n: it.n, lat: it.lat, lon: it.lon}; })};
    }
  });

  window.GeoEvents = {basemap: basemap, panes: panes, decode: decode, EventLayer: EventLayer, PlaceLabels: PlaceLabels};
})();
