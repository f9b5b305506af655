"""The map's own folium elements, one small class each (folium's plugin shape).

Data crosses into JavaScript only as JSON (`|tojson`); every string in it has been
HTML-escaped by the caller (mapview.escape) before it gets here.
"""
from __future__ import annotations

from branca.element import MacroElement, Template
from folium.elements import JSCSSMixin
from folium.map import Layer

_LEGEND = Template("""
{% macro html(this, kwargs) %}
<div id="map-legend" style="position: absolute; top: 10px; right: 10px; z-index: 9999;
     background: rgba(255,255,255,0.92); padding: 6px 10px; border-radius: 4px;
     font: 12px/1.5 sans-serif; box-shadow: 0 0 4px rgba(0,0,0,0.3);">
  <b>Event type</b><br>
  {% for name, col in this.entries %}
  <span style="display:inline-block;width:10px;height:10px;border-radius:5px;background:{{ col }};"></span>
  {{ name }}<br>
  {% endfor %}
  <small>circle size: killed + wounded</small>
</div>
{% endmacro %}
""")


class Legend(MacroElement):
    """The colour key, drawn over the map."""

    def __init__(self, entries: list[tuple[str, str]]):
        """entries: (HTML-escaped label, CSS colour)."""
        super().__init__()
        self._template = _LEGEND
        self.entries = entries


class EventPoints(JSCSSMixin, Layer):
    """Events as circle markers built in the browser from one JSON array, clustered or not.

    Each row: [lat, lon, type index, radius, location index, date, killed, wounded, note index];
    strings (already escaped) sit in lookup tables so repeated places cost one copy.
    """
    _template = Template("""
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function () {
  var t = {{ this.tables|tojson }};
  var rows = {{ this.rows|tojson }};
  var svg = rows.length <= {{ this.svg_limit }};
  var renderer = svg ? L.svg() : L.canvas({padding: 0.5});
  // a cluster counts events, also when its markers are places holding many events
  var clusterIcon = function (cluster) {
    var n = 0;
    cluster.getAllChildMarkers().forEach(function (m) { n += m._row.length > 9 ? m._row[9] : 1; });
    var size = n < 100 ? "small" : (n < 1000 ? "medium" : "large");
    return L.divIcon({html: "<div><span>" + n.toLocaleString("en") + "</span></div>",
                      className: "marker-cluster marker-cluster-" + size, iconSize: L.point(40, 40)});
  };
  var group = {{ "L.markerClusterGroup({chunkedLoading: true, maxClusterRadius: 45, iconCreateFunction: clusterIcon})" if this.cluster else "L.featureGroup()" }};
  var markers = new Array(rows.length);
  for (var i = 0; i < rows.length; i++) {
    var r = rows[i];
    var m = L.circleMarker([r[0], r[1]], {radius: r[3], color: t.colours[r[2]], weight: 2,
        fillOpacity: 0.55, renderer: renderer, className: "event-marker"});
    m.bindTooltip(t.places[r[4]] + ": " + (r[6] === null ? "unknown" : r[6]) + " killed, " +
                  (r[7] === null ? "unknown" : r[7]) + " wounded");
    m._row = r;
    m.bindPopup(function (layer) {
      var r = layer._row;
      return "<div class='event-popup'><b>" + t.places[r[4]] + "</b>, " + t.regions[r[4]] + "<br>" +
        (r.length > 9 ? r[9] + " events, " : "") +
        r[5] + " &middot; " + t.types[r[2]] + "<br>Killed: " + (r[6] === null ? "unknown" : r[6]) +
        " &middot; Wounded: " + (r[7] === null ? "unknown" : r[7]) +
        (r[8] >= 0 ? "<br><i>" + t.notes[r[8]] + "</i><br><small>Source: " + t.sources[r[8]] + "</small>" : "") +
        "</div>";
    }, {maxWidth: 380});
    markers[i] = m;
  }
  if (group.addLayers) { group.addLayers(markers); } else { markers.forEach(function (m) { group.addLayer(m); }); }
  window.__eventLayer = group;  // lets tests and benchmarks see what the map holds
  return group;
})();
{{ this.get_name() }}.addTo({{ this._parent.get_name() }});
{% endmacro %}
""")
    default_js = [("markerclusterjs",
                   "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/leaflet.markercluster.js")]
    default_css = [
        ("markerclustercss", "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.css"),
        ("markerclusterdefaultcss",
         "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.Default.css"),
    ]

    def __init__(self, tables: dict, rows: list, cluster: bool = True, svg_limit: int = 2000,
                 name: str = "events"):
        super().__init__(name=name)
        self._name = "EventPoints"
        self.cluster = cluster
        self.svg_limit = svg_limit
        self.tables, self.rows = tables, rows
