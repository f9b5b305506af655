"""Streamlit dashboard: wiring only; the logic lives in data, filtering, mapview, intake and review."""
from __future__ import annotations

import argparse
import sys

import pandas as pd
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `streamlit run` from anywhere

import streamlit as st  # noqa: E402
from streamlit_folium import st_folium  # noqa: E402

from dashboard.access import access_panel  # noqa: E402
from dashboard.admin import write_panels  # noqa: E402
from dashboard.assets import install_offline_assets  # noqa: E402
from dashboard.data import csv_notes, events_from_csv, events_from_store, seed_if_empty, store_version  # noqa: E402
from dashboard.filtering import (Filters, apply_filters, by_region, by_type, date_bounds,  # noqa: E402
                                 deltas, options, previous_period, timeline, totals, within_bounds)
from dashboard.intake import intake_panel  # noqa: E402
from dashboard.mapview import MODES, SVG_LIMIT, base_map, bounds_of, event_layer, event_payload  # noqa: E402
from dashboard.plain import plain  # noqa: E402
from dashboard.review import review_panel  # noqa: E402
from geo.interchange import EventsFileError, frame_csv, frame_rows, geojson_text  # noqa: E402
from geo.roles import EDITOR  # noqa: E402
from geo.settings import anonymous_may_view, database_url, store_kind  # noqa: E402
from geo.store import EventStore, StoreError  # noqa: E402

QP = "query-params"  # every filter is bound to the URL: a view is shared as a link
TABLE_ROWS = 2000  # the table shows the first rows; exports hold every visible row


def cli_args():
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--events", help="an events CSV (our contract or an ACLED export)")
    return p.parse_known_args(sys.argv[1:])[0]


@st.cache_resource(show_spinner=False)
def open_store(url: str) -> EventStore:
    """One store (engine and connection pool) per database, shared by every session."""
    return EventStore(url)


@st.cache_data(show_spinner="Reading events…", max_entries=4)
def load_csv(path: str | None, upload: bytes | None = None, name: str = "") -> pd.DataFrame:
    return events_from_csv(path, upload, name)


@st.cache_resource(show_spinner="Reading events…", max_entries=2)
def load_store(url: str, version: int) -> pd.DataFrame:
    """One frame for every session (read-only; no per-session copy of 150,000 rows); the
    store's version changes with every write, updates included, so the cache follows it."""
    return events_from_store(open_store(url))


@st.cache_resource(show_spinner=False, max_entries=16)
def shared_payload(url: str, version: int, view: str, _frame: pd.DataFrame) -> tuple:
    """The map layer's data for one view (filters, mode) of one store version: computed once
    for every session that opens it (a team opening the same view at once waits for one)."""
    return event_payload(_frame)


@st.cache_resource
def offline_assets():
    return install_offline_assets()


st.set_page_config(page_title="War events map", layout="wide")
offline_assets()
args = cli_args()

with st.sidebar:
    uploaded = st.file_uploader("Open an events CSV (ours or ACLED's export)", type=["csv"], key="upload")
store = account = version = None
try:
    if uploaded:
        events, source = load_csv(None, uploaded.getvalue(), uploaded.name), uploaded.name
        problems = csv_notes(events, source)
    elif args.events:
        events, source = load_csv(args.events), Path(args.events).name
        problems = csv_notes(events, source)
    else:
        store = open_store(database_url())
        account = access_panel(store)
        if account is None and not anonymous_may_view():
            st.info("Sign in to see the events (sidebar).")
            st.stop()
        if account is not None and account.can(EDITOR):
            intake_panel(store, account)
        problems = seed_if_empty(store)
        version = store_version(store)
        events, source = load_store(store.url, version), f"the event store ({store.kind})"
except EventsFileError as e:
    st.error(plain(e))  # one clear line: which file, and why
    st.stop()
except StoreError as e:  # visitors learn the store's kind and that it failed, never its path or URL
    print(f"geo-events: {e}", file=sys.stderr)
    st.error(f"cannot open the event store ({store_kind(database_url())}): the server's log says why")
    st.stop()
for problem in problems:
    st.warning(plain(problem))

lo, hi = date_bounds(events)
with st.sidebar:
    st.header("Filters")
    picked = st.date_input("Date range", value=(lo, hi), min_value=lo, max_value=hi, key="dates", bind=QP)
    f = Filters(
        countries=st.multiselect("Country", options(events, "country"), key="country", bind=QP),
        regions=st.multiselect("Region", options(events, "admin1"), key="region", bind=QP),
        event_types=st.multiselect("Event type", options(events, "event_type"), key="type", bind=QP),
        sub_types=st.multiselect("Sub-type", options(events, "sub_event_type"), key="subtype", bind=QP),
        weapons=st.multiselect("Weapon", options(events, "weapon"), key="weapon", bind=QP),
        actors=st.multiselect("Actor", options(events, "actor1"), key="actor", bind=QP),
        min_casualties=int(st.number_input("Minimum killed + wounded", min_value=0, value=0, step=1,
                                           key="min", bind=QP)),
        text=st.text_input("Search the evidence", key="q", bind=QP),
    )
    st.header("Map")
    mode = st.radio("Show events as", MODES, horizontal=True, key="mode", bind=QP,
                    index=MODES.index("Points") if len(events) <= SVG_LIMIT else 0)
    limit_view = st.toggle("Limit table, summaries and exports to the map view", key="inview", bind=QP)

if isinstance(picked, (tuple, list)) and len(picked) == 2:
    f.start, f.end = picked
elif isinstance(picked, (tuple, list)) and picked:
    f.start = f.end = picked[0]
filtered = apply_filters(events, f)

st.title("War events map")
st.caption(f"{len(events):,} events from {plain(source)}")

summary = st.container()  # filled once the map has said what is in view
left, right = st.columns([3, 2])
with left:
    payload = shared_payload(store.url, version, repr((f, mode)), filtered) \
        if store is not None and mode != "Heat map" else None
    returned = st_folium(base_map(events), feature_group_to_add=event_layer(filtered, mode, payload),
                         returned_objects=["bounds"] if limit_view else [], key="map",
                         height=560, use_container_width=True)
visible = within_bounds(filtered, bounds_of(returned)) if limit_view else filtered

with summary:
    now = totals(visible)
    before = totals(apply_filters(events, previous_period(f, lo, hi))) if not limit_view else None
    change = deltas(now, before) if before else {}
    c1, c2, c3 = st.columns(3)
    for col, label, key in ((c1, "Events", "events"), (c2, "Killed", "killed"), (c3, "Wounded", "wounded")):
        col.metric(label, f"{now[key]:,}", f"{change[key]:+,}" if change else None, border=True,
                   delta_color="inverse")
    if change:
        st.caption(f"Change against the previous {((f.end or hi) - (f.start or lo)).days + 1} days.")

with right:
    st.subheader("Timeline")
    tl = timeline(visible)
    st.bar_chart(tl, x="period", y=["killed", "wounded"], height=180, stack=True)
    st.line_chart(tl, x="period", y="events", height=140)

t1, t2 = st.columns(2)
with t1:
    st.subheader("By region")
    regions_table = by_region(visible)
    st.dataframe(regions_table, hide_index=True, width="stretch")
    st.bar_chart(regions_table.head(12), x="region", y=["killed", "wounded"], horizontal=True, height=260)
with t2:
    st.subheader("By type")
    types_table = by_type(visible)
    st.dataframe(types_table, hide_index=True, width="stretch")
    st.bar_chart(types_table, x="event type", y=["killed", "wounded"], horizontal=True, height=260)

st.subheader("Visible events")
if len(visible) > TABLE_ROWS:
    st.caption(f"Showing the first {TABLE_ROWS:,} of {len(visible):,}; the exports hold all of them.")
st.dataframe(visible.head(TABLE_ROWS), hide_index=True, width="stretch", column_config={
    "event_date": st.column_config.DateColumn("event_date", format="YYYY-MM-DD"),
    "fatalities": st.column_config.NumberColumn("killed"),
    "injuries": st.column_config.NumberColumn("wounded"),
    "notes": st.column_config.TextColumn("notes", width="large"),
    "latitude": st.column_config.NumberColumn(format="%.4f"),
    "longitude": st.column_config.NumberColumn(format="%.4f"),
})
d1, d2 = st.columns(2)
# Built only when clicked (a callable), and no rerun after the download.
d1.download_button("Download CSV", data=lambda: frame_csv(visible), file_name="events.csv",
                   mime="text/csv", key="download_csv", on_click="ignore")
d2.download_button("Download GeoJSON", data=lambda: geojson_text(frame_rows(visible)),
                   file_name="events.geojson",
                   mime="application/geo+json", key="download_geojson", on_click="ignore")
st.caption("Places: GeoNames (CC BY 4.0). Outlines: Natural Earth. Drawn offline; no tiles are fetched.")

if store is not None and account is not None and account.can(EDITOR) and len(visible):
    review_panel(store, visible.head(TABLE_ROWS), account)
if store is not None:
    write_panels(store, account)
