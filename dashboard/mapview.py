"""The folium map: one circle per event, coloured by type, sized by casualties.

Article text is untrusted: every field that reaches a popup, tooltip or the
legend is HTML-escaped here.
"""
from __future__ import annotations

import html
import math
import os

import folium
import pandas as pd
from branca.element import MacroElement, Template

TYPE_COLOURS = {
    "Explosions/Remote violence": "#d7301f",
    "Battles": "#2b8cbe",
    "Violence against civilians": "#7a0177",
    "Strategic developments": "#636363",
    "Protests": "#31a354",
    "Riots": "#fe9929",
}
OTHER_COLOUR = "#000000"
DEFAULT_CENTRE = (49.0, 32.0)  # Ukraine
# Online tiles only when asked for (GEO_TILES=URL template); offline by default.
TILES_ENV = "GEO_TILES"


def colour(event_type: str) -> str:
    return TYPE_COLOURS.get(event_type, OTHER_COLOUR)


def radius(killed, wounded) -> float:
    """Area grows with casualties; events without any still show."""
    n = (0 if pd.isna(killed) else int(killed)) + (0 if pd.isna(wounded) else int(wounded))
    return 6 + 3 * math.sqrt(n)


def escape(value) -> str:
    """HTML-escape, and also neutralise what folium's JavaScript template literals would
    run: folium puts popup and tooltip HTML inside `...`, where `${...}` executes and a
    backtick ends the string. Entities render as the same characters in the page."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return (html.escape(str(value)).replace("\\", "&#92;").replace("`", "&#96;")
            .replace("$", "&#36;"))


def _count(v) -> str:
    return "unknown" if pd.isna(v) else str(int(v))


def popup_html(row) -> str:
    e = escape
    when = row["event_date"].strftime("%Y-%m-%d") if hasattr(row["event_date"], "strftime") else row["event_date"]
    return (
        f"<div class='event-popup'><b>{e(row['location'])}</b>, {e(row['admin1'])} {e(row['country'])}<br>"
        f"{e(when)} &middot; {e(row['event_type'])} / {e(row['sub_event_type'])}"
        f"{' (' + e(row['weapon']) + ')' if row['weapon'] else ''}<br>"
        f"Killed: {e(_count(row['fatalities']))} &middot; Wounded: {e(_count(row['injuries']))}<br>"
        f"<i>{e(row['notes'])[:1200]}</i><br><small>Source: {e(row['source'])}</small></div>")


def tooltip_text(row) -> str:
    return escape(f"{row['location']}: {_count(row['fatalities'])} killed, "
                  f"{_count(row['injuries'])} wounded")


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

    def __init__(self, types):
        super().__init__()
        self._template = _LEGEND
        self.entries = [(escape(t), colour(t)) for t in types]


def build_map(df: pd.DataFrame) -> folium.Map:
    """A map of the given events; without tiles it draws on a plain background."""
    tiles_url = os.environ.get(TILES_ENV)
    centre = (df["latitude"].mean(), df["longitude"].mean()) if len(df) else DEFAULT_CENTRE
    m = folium.Map(location=centre, zoom_start=6, tiles=None, maxZoom=18, control_scale=True)
    if tiles_url:
        folium.TileLayer(tiles_url, attr=os.environ.get("GEO_TILES_ATTR", "map tiles")).add_to(m)
    for _, row in df.iterrows():
        folium.CircleMarker(
            location=(row["latitude"], row["longitude"]),
            radius=radius(row["fatalities"], row["injuries"]),
            color=colour(row["event_type"]), fill=True, fill_opacity=0.6, weight=2,
            popup=folium.Popup(popup_html(row), max_width=380),
            tooltip=folium.Tooltip(tooltip_text(row)),
            class_name="event-marker",
        ).add_to(m)
    if len(df) > 1:
        m.fit_bounds([[df["latitude"].min(), df["longitude"].min()],
                      [df["latitude"].max(), df["longitude"].max()]],
                     padding_top_left=(30, 110), padding_bottom_right=(30, 30))  # room for the legend
    Legend(sorted(df["event_type"].unique()) if len(df) else []).add_to(m)
    return m
