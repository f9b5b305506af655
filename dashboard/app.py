"""Streamlit dashboard: wiring only; the logic lives in data, filtering and mapview."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `streamlit run` from anywhere

import streamlit as st  # noqa: E402
from streamlit_folium import st_folium  # noqa: E402

from dashboard.assets import install_offline_assets  # noqa: E402
from dashboard.data import SEEDS, EventsFileError, extract_folder, load_events_csv  # noqa: E402
from dashboard.filtering import (Filters, apply_filters, by_region, date_bounds,  # noqa: E402
                                 export_csv, options, totals)
from dashboard.mapview import build_map  # noqa: E402


def cli_args():
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--events", help="an events CSV (our contract or an ACLED export)")
    return p.parse_known_args(sys.argv[1:])[0]


@st.cache_data(show_spinner="Reading events…")
def load(events_csv: str | None):
    if events_csv:
        return load_events_csv(events_csv), []
    return extract_folder(SEEDS)


@st.cache_resource
def offline_assets():
    return install_offline_assets()


st.set_page_config(page_title="War events map", layout="wide")
offline_assets()
args = cli_args()
try:
    events, problems = load(args.events)
except EventsFileError as e:
    st.error(str(e))
    st.stop()
for problem in problems:
    st.warning(problem)

st.title("War events map")
st.caption(f"{len(events)} events from {'`' + args.events + '`' if args.events else 'seeds/'}")

lo, hi = date_bounds(events)
with st.sidebar:
    st.header("Filters")
    picked = st.date_input("Date range", value=(lo, hi), min_value=lo, max_value=hi, key="dates")
    regions = st.multiselect("Region", options(events, "admin1"), key="regions")
    types = st.multiselect("Event type", options(events, "event_type"), key="types")
start, end = (tuple(picked) + (hi,))[:2] if isinstance(picked, (tuple, list)) else (picked, picked)
visible = apply_filters(events, Filters(start, end, regions, types))

t = totals(visible)
c1, c2, c3 = st.columns(3)
c1.metric("Events", t["events"], border=True)
c2.metric("Killed", t["killed"], border=True)
c3.metric("Wounded", t["wounded"], border=True)

left, right = st.columns([3, 2])
with left:
    st_folium(build_map(visible), returned_objects=[], use_container_width=True, height=520,
              key="map")
with right:
    st.subheader("By region")
    st.dataframe(by_region(visible), hide_index=True, width="stretch")

st.subheader("Visible events")
st.dataframe(visible, hide_index=True, width="stretch", column_config={
    "event_date": st.column_config.DateColumn("event_date", format="YYYY-MM-DD"),
    "notes": st.column_config.TextColumn("notes", width="large"),
})
st.download_button("Download CSV", data=export_csv(visible), file_name="events.csv",
                   mime="text/csv", key="download_csv", on_click="ignore")
st.caption("Place data: GeoNames (CC BY 4.0). Map drawn offline; no tiles are fetched.")
