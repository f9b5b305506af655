"""Streamlit dashboard: wiring only; the logic lives in data, filtering, following, mapview,
timeline, panels, access (sign-in), intake, review and admin."""
from __future__ import annotations

import argparse
import sys
import time

import pandas as pd
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `streamlit run` from anywhere

import streamlit as st  # noqa: E402
from streamlit_folium import st_folium  # noqa: E402

from dashboard import timeline as tline  # noqa: E402
from dashboard.access import access_panel  # noqa: E402
from dashboard.admin import write_panels  # noqa: E402
from dashboard.assets import install_map_assets, install_offline_assets  # noqa: E402
from dashboard.data import csv_notes, events_from_csv, events_from_store, seed_if_empty, store_version  # noqa: E402
from dashboard.filtering import (LIST_FILTERS, Filters, apply_filters, known_counts, options,  # noqa: E402
                                 picked_range, within_bounds)
from dashboard.following import LIST_KEYS, follow, hidden_new, id_hashes  # noqa: E402
from dashboard.intake import intake_panel  # noqa: E402
from dashboard.mapview import MODES, OFFLINE, base_map, bounds_of, event_layer, layer_data  # noqa: E402
from dashboard.panels import (PLAY_SECONDS, breakdown_panel, events_table, summary_panel, table_frame,  # noqa: E402
                              timeline_panel)
from dashboard.plain import plain  # noqa: E402
from dashboard.review import review_panel  # noqa: E402
from dashboard.serving import serve_downloads_uncompressed  # noqa: E402
from geo.interchange import EventsFileError, frame_csv_bytes, frame_rows, geojson_text  # noqa: E402
from geo.roles import EDITOR  # noqa: E402
from geo.settings import anonymous_may_view, database_url, store_kind, tile_server  # noqa: E402
from geo.store import EventStore, StoreError  # noqa: E402

QP = "query-params"  # every filter is bound to the URL: a view is shared as a link
LABELS = {"countries": "Country", "regions": "Region", "event_types": "Event type", "sub_types": "Sub-type",
          "weapons": "Weapon", "actors": "Actor"}
state = st.session_state
serve_downloads_uncompressed()  # a flag on the running server: set again each run, for nothing


def cli_args():
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--events", help="an events CSV (our contract or an ACLED export)")
    return p.parse_known_args(sys.argv[1:])[0]


@st.cache_resource(show_spinner=False)
def open_store(url: str) -> EventStore:
    """One store (engine and connection pool) per database, shared by every session."""
    return EventStore(url)


# Frames are shared by every session (cache_resource: no copy per session) and never modified.
@st.cache_resource(show_spinner="Reading events…", max_entries=3)
def load_csv(path: str | None, upload: bytes | None = None, name: str = "") -> pd.DataFrame:
    return events_from_csv(path, upload, name)


@st.cache_resource(show_spinner="Reading events…", max_entries=2)
def load_store(url: str, version: int) -> pd.DataFrame:
    """The store's version changes with every write, updates included, so the cache follows it."""
    return events_from_store(open_store(url))


@st.cache_resource(show_spinner=False, max_entries=3)
def event_ids(version, _events: pd.DataFrame):
    """The events' id hashes, once per data version (every session compares against them)."""
    return id_hashes(_events)


@st.cache_resource(show_spinner=False, max_entries=16)
def shared_layer_data(version, view: str, _shown: pd.DataFrame) -> dict:
    """The map layer's data for one view (the filters) of one data version: computed once for
    every session that opens it (a team opening the same view at once waits for one)."""
    return layer_data(_shown)


@st.cache_resource(show_spinner=False)
def map_assets() -> str:
    install_offline_assets()
    return install_map_assets()


def load_events():
    """(events, where from, version, problems, store or None, account or None); stops with one
    line on failure. Visitors learn the store's kind, never its path or URL."""
    with st.sidebar:
        uploaded = st.file_uploader("Open an events CSV (ours or ACLED's export)", type=["csv"], key="upload")
    try:
        if uploaded:
            events = load_csv(None, uploaded.getvalue(), uploaded.name)
            return events, uploaded.name, ("upload", uploaded.file_id), csv_notes(events, uploaded.name), None, None
        if args.events:
            events, name = load_csv(args.events), Path(args.events).name
            return events, name, ("file", args.events), csv_notes(events, name), None, None
        store = open_store(database_url())
        account = access_panel(store)
        if account is None and not anonymous_may_view():
            st.info("Sign in to see the events (sidebar).")
            st.stop()
        if account is not None and account.can(EDITOR):
            intake_panel(store, account)
        problems = seed_if_empty(store)
        version = store_version(store)
        return load_store(store.url, version), f"the event store ({store.kind})", version, problems, store, account
    except EventsFileError as e:
        st.error(plain(e))  # one clear line: which file, and why
        st.stop()
    except StoreError as e:
        print(f"geo-events: {e}", file=sys.stderr)  # the details go to the server's log
        st.error(f"cannot open the event store ({store_kind(database_url())}): the server's log says why")
        st.stop()


def take_brushed_period():
    """A period brushed on the timeline becomes the date filter (before the widget is drawn)."""
    period = tline.brushed(state.get("timeline"))
    if period and period != state.get("brushed"):
        state["brushed"] = period
        lo, hi = state["bounds"]
        start, end = max(period[0], lo), min(period[1], hi)  # a brush may reach past the data
        if start <= end:
            state["dates"] = (start, end)
        state["playing"] = None


def sidebar_filters(events: pd.DataFrame) -> tuple[Filters, str]:
    """The filter widgets; returns the filters and a message about the date range, if any."""
    lo, hi = state["bounds"]
    st.header("Filters")
    picked = st.date_input("Date range", min_value=lo, max_value=hi, key="dates", bind=QP)
    applied, message = picked_range(picked, state.get("applied_dates") or (lo, hi))
    state["applied_dates"] = applied
    lists = {attr: st.multiselect(LABELS[attr], options(events, LIST_FILTERS[attr]), key=key, bind=QP)
             for attr, key in LIST_KEYS.items()}
    f = Filters(start=applied[0], end=applied[1], **lists,
                min_casualties=int(st.number_input("Minimum killed + wounded", min_value=0, step=1,
                                                   key="min", bind=QP)),
                text=st.text_input("Search the evidence", key="q", bind=QP))
    return f, message


def map_controls() -> tuple[str, tuple[str, str] | None, bool]:
    st.header("Map")
    mode = st.radio("Show events as", MODES, horizontal=True, key="mode", bind=QP,
                    on_change=lambda: state.update(mode_chosen=True))
    tiles = tile_server()
    choices = [OFFLINE] + ([f"Online tiles ({tiles[1]})"] if tiles else [])
    basemap = st.selectbox("Basemap", choices, key="basemap",
                           help="Online tiles are fetched only when chosen here (GEO_TILES names the server).")
    limit_view = st.toggle("Limit table, summaries and exports to the map view", key="inview", bind=QP)
    return mode, (tiles if basemap != OFFLINE else None), limit_view


def once(key: str, value) -> bool:
    """True the first run `value` differs from the one stored under `key`."""
    changed = state.get(key) != value
    state[key] = value
    return changed


@st.fragment(run_every=PLAY_SECONDS)
def play_ticker():
    """While playing, steps to the next period every PLAY_SECONDS (a full rerun)."""
    if state.get("playing") is None or time.monotonic() - state.get("play_at", 0) < PLAY_SECONDS * 0.8:
        return
    state["playing"] += 1
    st.rerun(scope="app")


def play_control(steps: list) -> tuple | None:
    """Play / stop; returns the period shown now while playing."""
    step = state.get("playing")
    if step is not None and step >= len(steps):
        state["playing"] = step = None
    c1, c2 = st.columns([1, 5])
    if step is None:
        if c1.button("▶ Play", key="play", help="Step through the period, one bin at a time"):
            state["playing"], step = 0, 0
    elif c1.button("■ Stop", key="stop"):
        state["playing"] = step = None
    if step is None:
        return None
    state["play_at"] = time.monotonic()
    c2.markdown(f"**Playing: {steps[step][2]}** ({step + 1} of {len(steps)})")
    play_ticker()
    return steps[step]


st.set_page_config(page_title="War events map", layout="wide")
orientation_url = map_assets()
args = cli_args()
events, source, version, problems, store, account = load_events()
for problem in problems:
    st.warning(plain(problem))

if state.get("seen") is None or state["seen"].version != version:
    keep_url_dates = state.get("seen") is None and "dates" in st.query_params
    state["seen"] = follow(state, events, version, state.get("seen"), keep_dates=keep_url_dates,
                           ids=event_ids(version, events))
    state["bounds"] = state["seen"].bounds
take_brushed_period()
with st.sidebar:
    f, date_message = sidebar_filters(events)
    if date_message:
        st.warning(date_message)
    mode, tiles, limit_view = map_controls()

st.title("War events map")
st.caption(f"{len(events):,} events from {plain(source)}")
known = known_counts(events)
whole = (f.start or state["bounds"][0], f.end or state["bounds"][1])
bins = tline.bins_for(*whole)
playing = play_control(tline.play_steps(bins, *whole)) if len(events) else None
shown = Filters(**{**f.__dict__, "start": playing[0], "end": playing[1]}) if playing else f
filtered = apply_filters(events, shown)
hidden = hidden_new(state["seen"], filtered)
if hidden:
    st.info(f"{len(state['seen'].new_ids):,} events arrived with the latest data; your filters hide "
            f"{hidden:,} of them.")

summary = st.container()  # filled once the map has said what is in view
# the row picked in the table the last run showed (its ids are kept), shown on the map
selection = (state.get("table") or {}).get("selection", {}).get("rows", [])
shown_ids = state.get("table_ids") or []
picked_id = shown_ids[selection[0]] if selection and selection[0] < len(shown_ids) else None
left, right = st.columns([5, 3])
with left:
    fit = once("last_places", (tuple(f.countries), tuple(f.regions))) and bool(f.regions or f.countries)
    focus = picked_id if once("last_pick", picked_id) else None
    returned = st_folium(base_map(events, orientation_url, tiles),
                         feature_group_to_add=event_layer(filtered, mode, focus=focus, fit=fit and not playing,
                                                          shared=shared_layer_data(version, repr(shown), filtered)),
                         returned_objects=["bounds"] if limit_view else [], key="map",
                         height=560, use_container_width=True)
visible = within_bounds(filtered, bounds_of(returned)) if limit_view else filtered

with summary:
    summary_panel(visible, events, shown, state["bounds"], known, compare=not limit_view)
with right:
    st.subheader("Timeline")
    timeline_panel(visible, *whole, known)

# Lazy tabs: only the open one is built and sent (a page's cost is mostly the browser's).
events_tab, breakdown_tab = st.tabs(["Visible events", "By region and type"], key="lower_tab", on_change="rerun")
if events_tab.open:
    with events_tab:
        rows = table_frame(visible)
        state["table_ids"] = [str(i) for i in rows["event_id"]]
        events_table(visible, rows)
if breakdown_tab.open:
    with breakdown_tab:
        breakdown_panel(visible, known)
d1, d2 = st.columns(2)
# Built only when clicked (a callable), and no rerun after the download.
d1.download_button("Download CSV", data=lambda: frame_csv_bytes(visible), file_name="events.csv",
                   mime="text/csv", key="download_csv", on_click="ignore")
d2.download_button("Download GeoJSON", data=lambda: geojson_text(frame_rows(visible)),
                   file_name="events.geojson",
                   mime="application/geo+json", key="download_geojson", on_click="ignore")
st.caption("Places: GeoNames (CC BY 4.0). Outlines: Natural Earth. Region borders are approximate, "
           "derived from place points. " + ("Tiles: " + tiles[1] if tiles else "Drawn offline; no tiles are fetched."))

if store is not None and account is not None and account.can(EDITOR) and len(visible):
    review_panel(store, visible.head(2000), account)
if store is not None:
    write_panels(store, account)
