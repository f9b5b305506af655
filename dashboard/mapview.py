"""The folium map: a constant base (outlines, legend) and the events as one data layer.

Events cross into JavaScript once, as compact JSON; markers, clusters and popups are
built in the browser (one folium object per event takes minutes at 150,000). Article
text is untrusted: every string is HTML-escaped here before it leaves Python.
"""
from __future__ import annotations

import html
import math

import folium
import pandas as pd
from folium.plugins import HeatMap

from geo.settings import tile_server

from .basemap import country_outlines
from .layers import EventPoints, Legend

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
SVG_LIMIT = 2000  # above this many points, draw on a canvas (one DOM node per point is slow)
NOTES_LIMIT = 20000  # above this many events, one marker per place (with its totals)
MODES = ("Clusters", "Points", "Heat map")


def colour(event_type: str) -> str:
    return TYPE_COLOURS.get(event_type, OTHER_COLOUR)


def escape(value) -> str:
    """HTML-escape, and also neutralise what JavaScript template literals would run:
    folium puts popup and tooltip HTML inside `...`, where `${...}` executes and a
    backtick ends the string. Entities render as the same characters in the page."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return (html.escape(str(value)).replace("\\", "&#92;").replace("`", "&#96;")
            .replace("$", "&#36;"))


def event_payload(df: pd.DataFrame) -> tuple[dict, list]:
    """Compact, escaped JSON-ready tables and rows for EventPoints.

    Above NOTES_LIMIT events, one row per place: its event count, date span, totals and
    most frequent type (150,000 events are a few thousand places: fast to send and draw).
    """
    if len(df) > NOTES_LIMIT:
        return _place_payload(df)
    types = sorted(df["event_type"].unique()) if len(df) else []
    type_idx = {t: i for i, t in enumerate(types)}
    places = df["location"].astype(str) + "\x00" + df["admin1"].astype(str) + " " + df["country"].astype(str)
    codes, uniques = pd.factorize(places)
    with_notes = len(df) <= NOTES_LIMIT
    tables = {
        "types": [escape(t) for t in types], "colours": [colour(t) for t in types],
        "places": [escape(u.split("\x00")[0]) for u in uniques],
        "regions": [escape(u.split("\x00")[1]) for u in uniques],
        "notes": [escape(str(n)[:600]) for n in df["notes"]] if with_notes else [],
        "sources": [escape(s) for s in df["source"]] if with_notes else [],
    }
    killed = df["fatalities"].astype("Float64")
    wounded = df["injuries"].astype("Float64")
    radii = 6 + 3 * (killed.fillna(0) + wounded.fillna(0)) ** 0.5
    dates = df["event_date"].dt.strftime("%Y-%m-%d")
    rows = [
        [round(lat, 5), round(lon, 5), type_idx[t], round(r, 1), int(c), d,
         None if pd.isna(k) else int(k), None if pd.isna(w) else int(w), i if with_notes else -1]
        for i, (lat, lon, t, r, c, d, k, w) in enumerate(zip(
            df["latitude"], df["longitude"], df["event_type"], radii, codes, dates, killed, wounded))
    ]
    return tables, rows


def _place_payload(df: pd.DataFrame) -> tuple[dict, list]:
    types = sorted(df["event_type"].unique())
    type_idx = {t: i for i, t in enumerate(types)}
    work = df.assign(_k=df["fatalities"].astype("Float64").fillna(0),
                     _w=df["injuries"].astype("Float64").fillna(0))
    keys = ["latitude", "longitude", "location", "admin1", "country"]
    agg = work.groupby(keys, sort=False).agg(
        n=("event_id", "size"), k=("_k", "sum"), w=("_w", "sum"),
        first=("event_date", "min"), last=("event_date", "max")).reset_index()
    counts = work.groupby(keys + ["event_type"], sort=False).size().reset_index(name="c")
    top = (counts.sort_values("c", kind="stable").drop_duplicates(keys, keep="last")
           .rename(columns={"event_type": "top"})[keys + ["top"]])
    agg = agg.merge(top, on=keys, how="left")
    tables = {"types": [escape(t) for t in types], "colours": [colour(t) for t in types],
              "places": [escape(x) for x in agg["location"]],
              "regions": [escape(f"{a} {c}") for a, c in zip(agg["admin1"], agg["country"])],
              "notes": [], "sources": []}
    rows = [[round(lat, 5), round(lon, 5), type_idx[top], round(min(40.0, 5 + 2 * (k + w) ** 0.5), 1), i,
             f"{a:%Y-%m-%d} – {b:%Y-%m-%d}", int(k), int(w), -1, int(n)]
            for i, (lat, lon, top, k, w, a, b, n) in enumerate(zip(
                agg["latitude"], agg["longitude"], agg["top"], agg["k"], agg["w"], agg["first"],
                agg["last"], agg["n"]))]
    return tables, rows


def base_map(df_all: pd.DataFrame) -> folium.Map:
    """The part that does not change with filters, so the view survives them."""
    centre = (float(df_all["latitude"].mean()), float(df_all["longitude"].mean())) if len(df_all) else DEFAULT_CENTRE
    m = folium.Map(location=centre, zoom_start=6, tiles=None, maxZoom=18, minZoom=3,
                   control_scale=True, prefer_canvas=False)
    tiles = tile_server()  # online tiles only when the user named a server
    if tiles:
        folium.TileLayer(tiles[0], attr=tiles[1]).add_to(m)
    outlines = country_outlines()
    if outlines:
        folium.GeoJson(outlines, name="countries", interactive=False,
                       style_function=lambda f: {"fillColor": "#f4f1ea", "color": "#8c8c8c",
                                                 "weight": 1, "fillOpacity": 1},
                       attr="Natural Earth").add_to(m)
        m.get_root().header.add_child(folium.Element(
            "<style>.leaflet-container{background:#cfe3f0;}</style>"))  # sea
    if len(df_all) > 1:
        m.fit_bounds([[float(df_all["latitude"].min()), float(df_all["longitude"].min())],
                      [float(df_all["latitude"].max()), float(df_all["longitude"].max())]],
                     padding_top_left=(30, 110), padding_bottom_right=(30, 30))  # room for the legend
    types = sorted(df_all["event_type"].unique()) if len(df_all) else []
    Legend([(escape(t), colour(t)) for t in types]).add_to(m)
    return m


def event_layer(df: pd.DataFrame, mode: str = "Clusters", payload: tuple | None = None) -> folium.FeatureGroup:
    """The filtered events as one layer: clusters, plain points, or a casualty heat map.
    `payload` is event_payload(df) when the caller has it already (shared between sessions)."""
    fg = folium.FeatureGroup(name="events")
    if mode == "Heat map":
        weights = (df["fatalities"].astype("Float64").fillna(0) + df["injuries"].astype("Float64").fillna(0) + 1)
        HeatMap(list(zip(df["latitude"].round(4), df["longitude"].round(4), weights.astype(float))),
                radius=12, blur=15, min_opacity=0.3).add_to(fg)
    else:
        tables, rows = payload or event_payload(df)
        EventPoints(tables, rows, cluster=(mode == "Clusters"), svg_limit=SVG_LIMIT).add_to(fg)
    return fg


def build_map(df: pd.DataFrame, mode: str = "Points") -> folium.Map:
    """A standalone map of the given events (for exports and tests)."""
    m = base_map(df)
    event_layer(df, mode).add_to(m)
    return m


def bounds_of(returned: dict | None) -> tuple[float, float, float, float] | None:
    """(south, west, north, east) from st_folium's returned bounds, if any."""
    b = (returned or {}).get("bounds") or {}
    try:
        sw, ne = b["_southWest"], b["_northEast"]
        return float(sw["lat"]), float(sw["lng"]), float(ne["lat"]), float(ne["lng"])
    except (KeyError, TypeError, ValueError):
        return None

