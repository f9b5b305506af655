"""The folium map: a constant base (panes, outlines, borders, labels, legend) and the
events as one data layer.

Events cross into JavaScript once per change, as compact typed arrays (base64) plus
small lookup tables of escaped strings; the browser clusters and draws them (one folium
object per event takes minutes at 150,000). Article text is untrusted: every string is
HTML-escaped here before it leaves Python.
"""
from __future__ import annotations

import base64
import html
import math

import folium
import numpy as np
import pandas as pd

from .layers import Basemap, EventLayer, Legend

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
MODES = ("Clusters", "Points", "Heat map")
POINTS_UP_TO = 3000  # the default mode: every point up to this many events, clusters above
DETAIL_LIMIT = 10_000  # evidence, source and id travel with the map for up to this many events
NOTE_CHARS = 600
OFFLINE = "Offline outlines"

# Fitting the map to events leaves the bottom strip to the legend (bottom left), so no event
# starts out under it (Odesa did, on the seed's first view).
FIT_PADDING = {"paddingTopLeft": [30, 30], "paddingBottomRight": [30, 200]}  # legend and scale: ~190 px


def colour(event_type: str) -> str:
    return TYPE_COLOURS.get(event_type, OTHER_COLOUR)


def default_mode(n_events: int) -> str:
    return "Points" if n_events <= POINTS_UP_TO else "Clusters"


def escape(value) -> str:
    """HTML-escape, and also neutralise what JavaScript template literals would run:
    folium puts popup and tooltip HTML inside `...`, where `${...}` executes and a
    backtick ends the string. Entities render as the same characters in the page."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return (html.escape(str(value)).replace("\\", "&#92;").replace("`", "&#96;")
            .replace("$", "&#36;"))


def packed(values: np.ndarray) -> dict:
    """An integer or float array as {"t": type, "b": base64 of its little-endian bytes},
    in the narrowest type that holds it (JavaScript decodes it into a typed array)."""
    if values.dtype.kind == "f":
        return {"t": "f32", "b": base64.b64encode(values.astype("<f4").tobytes()).decode()}
    lo, hi = (int(values.min()), int(values.max())) if len(values) else (0, 0)
    for name, dtype in (("u8", "<u1"), ("i8", "<i1"), ("u16", "<u2"), ("i16", "<i2"), ("i32", "<i4")):
        info = np.iinfo(dtype)
        if info.min <= lo and hi <= info.max:
            return {"t": name, "b": base64.b64encode(values.astype(dtype).tobytes()).decode()}
    raise ValueError("value out of 32-bit range")


def _codes(values: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Small integer codes and the table of (unescaped) values they point to."""
    codes, uniques = pd.factorize(values.fillna(""), sort=True)
    return codes, list(uniques)


def _integers(series: pd.Series, missing: int) -> np.ndarray:
    """Whole numbers, `missing` where unknown (-1 for killed or wounded)."""
    return series.astype("Float64").fillna(missing).to_numpy(dtype=np.int64)


def newest_first(df: pd.DataFrame) -> np.ndarray:
    """Row positions, newest event first (a stable order: ties keep the frame's order)."""
    days = df["event_date"].to_numpy().astype("datetime64[D]").astype(np.int64)
    return np.argsort(-days, kind="stable")


def _shared_spots(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """[i, j] pairs: event i sits at exactly the coordinates of the earlier event j (flattened).
    Most events have a spot of their own, so only the shared ones are listed."""
    keys = lat.view(np.uint32).astype(np.uint64) << np.uint64(32) | lon.view(np.uint32)
    codes, _ = pd.factorize(keys)
    first = np.full(codes.max() + 1 if len(codes) else 0, -1, dtype=np.int64)
    order = np.arange(len(codes))
    first[codes[::-1]] = order[::-1]  # the earliest position of each spot
    repeat = np.flatnonzero(first[codes] != order)
    return np.column_stack([repeat, first[codes[repeat]]]).ravel()


def layer_data(df: pd.DataFrame) -> dict:
    """Everything the map's event layer draws and shows in popups, newest first: the same for
    every session that shows these events (event_payload adds what one session asks for)."""
    order = newest_first(df)
    lat = df["latitude"].to_numpy(dtype=np.float32)[order]
    lon = df["longitude"].to_numpy(dtype=np.float32)[order]
    types, type_names = _codes(df["event_type"])
    places, place_names = _codes(df["location"] + "\x00" + df["admin1"])
    subs, sub_names = _codes(df["sub_event_type"])
    actors, actor_names = _codes(pd.concat([df["actor1"], df["actor2"]], ignore_index=True))
    n = len(df)
    return {
        "n": n, "lat": packed(lat), "lon": packed(lon), "shared": packed(_shared_spots(lat, lon)),
        "type": packed(types[order]), "place": packed(places[order]), "sub": packed(subs[order]),
        "actor1": packed(actors[:n][order]), "actor2": packed(actors[n:][order]),
        "day": packed(df["event_date"].to_numpy().astype("datetime64[D]").astype(np.int64)[order]),
        "killed": packed(_integers(df["fatalities"], -1)[order]),
        "wounded": packed(_integers(df["injuries"], -1)[order]),
        "precision": packed(_integers(df["geo_precision"], 0)[order]),
        "tables": {"types": [escape(t) for t in type_names], "colours": [colour(t) for t in type_names],
                   "places": [[escape(x) for x in p.split("\x00")] for p in place_names],
                   "subs": [escape(x) for x in sub_names], "actors": [escape(x) for x in actor_names]},
        "details": _details(df.iloc[order]) if n <= DETAIL_LIMIT else None, "detailLimit": DETAIL_LIMIT,
    }


def event_payload(df: pd.DataFrame, focus: str | None = None, fit: bool = False,
                  shared: dict | None = None) -> dict:
    """layer_data(df) (or `shared`, the same computed once for every session) and this
    session's view: focus, the event_id of an event to centre and open (its evidence travels
    even when the others' does not); fit, ask the map to show these events when out of view."""
    payload = {**(shared if shared is not None else layer_data(df)),
               "fit": _bounds(df) if fit and len(df) else None, "fit_padding": FIT_PADDING, "focus": None}
    if focus is not None:
        order = newest_first(df)
        at = np.flatnonzero(df["event_id"].to_numpy()[order] == focus)
        if len(at):
            payload["focus"] = {"i": int(at[0]), "details": _details(df.iloc[order[at[:1]]])[0]}
    return payload


def _details(df: pd.DataFrame) -> list[list[str]]:
    return [[escape(i), escape(s), escape(str(n)[:NOTE_CHARS])]
            for i, s, n in zip(df["event_id"], df["source"], df["notes"])]


def _bounds(df: pd.DataFrame) -> list[list[float]]:
    return [[float(df["latitude"].min()), float(df["longitude"].min())],
            [float(df["latitude"].max()), float(df["longitude"].max())]]


def base_map(df_all: pd.DataFrame, orientation_url: str, tiles: tuple[str, str] | None = None) -> folium.Map:
    """The part that does not change with filters, so the view survives them.

    tiles: (URL template, attribution) of an online tile server the user chose; else the
    map is drawn offline from outlines, borders and labels, and nothing is fetched."""
    centre = (float(df_all["latitude"].mean()), float(df_all["longitude"].mean())) if len(df_all) else DEFAULT_CENTRE
    m = folium.Map(location=centre, zoom_start=6, tiles=None, maxZoom=18, minZoom=3, zoomSnap=0.25,
                   control_scale=True, prefer_canvas=False)  # quarter zoom steps: a fit wastes less room
    # only Leaflet itself: folium also lists jQuery, Bootstrap and awesome-markers, which
    # this map never uses and every page load would fetch and parse
    m.default_js = [link for link in m.default_js if link[0] == "leaflet"]
    m.default_css = [link for link in m.default_css if link[0] == "leaflet_css"]
    if tiles:
        folium.TileLayer(tiles[0], attr=escape(tiles[1]), max_zoom=18).add_to(m)
    Basemap(orientation_url, tiles=bool(tiles)).add_to(m)
    if len(df_all) > 1:
        m.fit_bounds(_bounds(df_all), padding_top_left=FIT_PADDING["paddingTopLeft"],
                     padding_bottom_right=FIT_PADDING["paddingBottomRight"])
    types = sorted(df_all["event_type"].unique()) if len(df_all) else []
    Legend([(escape(t), colour(t)) for t in types]).add_to(m)
    return m


def event_layer(df: pd.DataFrame, mode: str = "Clusters", focus: str | None = None,
                fit: bool = False, shared: dict | None = None) -> folium.FeatureGroup:
    """The filtered events as one layer: clusters, every point, or a casualty heat map.
    shared: layer_data(df) when the caller has it already (computed once for every session)."""
    fg = folium.FeatureGroup(name="events")
    EventLayer(event_payload(df, focus=focus, fit=fit, shared=shared), mode).add_to(fg)
    return fg


def build_map(df: pd.DataFrame, orientation_url: str, mode: str = "Points") -> folium.Map:
    """A standalone map of the given events (for exports and tests)."""
    m = base_map(df, orientation_url)
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
