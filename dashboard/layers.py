"""The map's own folium elements, one small class each (folium's plugin shape).

Data crosses into JavaScript only as JSON (`|tojson`); every string in it has been
HTML-escaped by the caller (mapview.escape) before it gets here. The drawing itself
lives in js/geo-events.js, served locally with supercluster and leaflet.heat.
"""
from __future__ import annotations

import json

from branca.element import Element, JavascriptLink, MacroElement, Template
from folium.elements import JSCSSMixin
from folium.map import Layer

from .assets import STATIC_URL

_LEGEND = Template("""
{% macro script(this, kwargs) %}
(function () {
  var legend = L.control({position: "bottomleft"});
  legend.onAdd = function () {
    var div = L.DomUtil.create("div", "map-legend");
    div.id = "map-legend";
    div.style.cssText = "background:rgba(255,255,255,0.93);padding:5px 9px;border-radius:4px;" +
      "font:11px/1.4 sans-serif;box-shadow:0 0 4px rgba(0,0,0,0.3);max-width:210px";
    div.innerHTML = {{ this.html|tojson }};
    L.DomEvent.disableClickPropagation(div);
    return div;
  };
  legend.addTo({{ this._parent.get_name() }});
  // Leaflet's controls sit above its popups: fold the legend while a popup is open
  {{ this._parent.get_name() }}.on("popupopen", function () {
    var d = document.querySelector("#map-legend details");
    if (d) { legend._wasOpen = d.open; d.open = false; }
  });
  {{ this._parent.get_name() }}.on("popupclose", function () {
    var d = document.querySelector("#map-legend details");
    if (d && legend._wasOpen) d.open = true;
  });
})();
{% endmacro %}
""")


def _dot(colour: str, ring: bool = False) -> str:
    fill = "transparent" if ring else colour
    return (f"<span style='display:inline-block;width:10px;height:10px;border-radius:6px;"
            f"background:{fill};border:2px solid {colour};vertical-align:middle'></span>")


class Legend(MacroElement):
    """The key, as a collapsible Leaflet control at the bottom left (popups open above it)."""

    def __init__(self, entries: list[tuple[str, str]]):
        """entries: (HTML-escaped label, CSS colour)."""
        super().__init__()
        self._template = _LEGEND
        types = "".join(f"{_dot(col)} {name}<br>" for name, col in entries)
        self.html = (
            "<details open><summary><b>Legend</b></summary>" + types +
            f"{_dot('#555', ring=True)} region only: place approximate<br>"
            "<span style='display:inline-block;width:14px;height:14px;border-radius:8px;"
            "background:rgba(253,174,97,.85);border:2px solid rgba(230,85,13,.75);vertical-align:middle'></span>"
            " events there: click<br>"
            "<small>size: killed + wounded<br>- - - region borders (approximate)</small></details>")


_BASEMAP = Template("""
{% macro script(this, kwargs) %}
GeoEvents.basemap({{ this._parent.get_name() }}, {{ this.options|tojson }});
{% endmacro %}
""")


class Basemap(JSCSSMixin, MacroElement):
    """Panes (data above the land), country outlines, approximate region borders and
    place labels, loaded once from a static JSON file (see orientation.py)."""
    _template = _BASEMAP
    default_js = [("geoeventsjs", STATIC_URL + "geo-events.js")]

    def __init__(self, url: str, tiles: bool = False):
        super().__init__()
        self._name = "Basemap"
        self.options = {"url": url, "tiles": tiles}


class _Text(Element):
    """Script text added to a figure as it is (branca's Element would compile it as a Jinja
    template: seconds for the megabytes of a large event layer)."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class EventLayer(JSCSSMixin, Layer):
    """The events: compact typed arrays drawn on one canvas, clustered in the browser by
    supercluster, or every point, or a heat map (payload from mapview.event_payload).

    The payload is serialised once; its strings are HTML-escaped already, and JSON with
    ASCII escapes cannot end a script."""
    _template = Template("""
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = new GeoEvents.EventLayer({{ this.payload_json }}, {{ this.mode|tojson }});
{{ this.get_name() }}.addTo({{ this._parent.get_name() }});
{% endmacro %}
""")
    default_js = [("geoeventsjs", STATIC_URL + "geo-events.js"),
                  ("supercluster", STATIC_URL + "supercluster.min.js"),
                  ("leaflet.heat", STATIC_URL + "leaflet_heat.min.js")]

    def __init__(self, payload: dict, mode: str, name: str = "events"):
        super().__init__(name=name)
        self._name = "EventLayer"
        self.mode = mode
        self.payload_json = json.dumps(payload, separators=(",", ":")).replace("</", "<\\/")

    def render(self, **kwargs):
        figure = self.get_root()
        for name, url in self.default_js:
            figure.header.add_child(JavascriptLink(url), name=name)
        figure.script.add_child(_Text(self._template.module.script(self, kwargs)), name=self.get_name())
