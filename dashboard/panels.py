"""The dashboard's read-only panels (Streamlit): summaries, timeline, breakdowns, the events
table and the play control. Their logic lives in filtering, timeline and table functions."""
from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd
import streamlit as st

from . import timeline as tline
from .mapview import newest_first
from .filtering import Filters, apply_filters, by_region, by_type, deltas, previous_period, totals

TABLE_ROWS = 2000  # the table shows the newest rows; exports hold every visible row
# The table's columns, in reading order; the rest follow.
TABLE_ORDER = ("event_date", "location", "admin1", "event_type", "sub_event_type", "fatalities", "injuries",
               "notes", "actor1", "actor2", "country", "geo_precision", "source", "event_id")
PRECISION_WORDS = {1: "exact", 2: "near", 3: "region only"}
PLAY_SECONDS = 1.5


def _figure(value) -> str:
    return "unknown" if value is None else f"{value:,}"


def summary_panel(visible: pd.DataFrame, events: pd.DataFrame, f: Filters, bounds: tuple[date, date],
                  known: dict[str, bool], compare: bool) -> None:
    """Events, killed and wounded; the change against the previous period of equal length
    only where the data covers it, and 'unknown' for a figure the source does not have."""
    now = totals(visible, known)
    prev = previous_period(f, *bounds) if compare else None
    change = deltas(now, totals(apply_filters(events, prev), known)) if prev else {}
    cols = st.columns(3)
    for col, label, key in zip(cols, ("Events", "Killed", "Wounded"), ("events", "killed", "wounded")):
        delta = f"{change[key]:+,}" if key in change else None
        col.metric(label, _figure(now[key]), delta, border=True, delta_color="inverse",
                   help=None if now[key] is not None else "the source has no such figure")
    if prev:
        st.caption(f"Change against the previous {(prev.end - prev.start).days + 1} days "
                   f"({prev.start} to {prev.end}).")
    elif compare:
        st.caption(f"No change shown: the data starts on {bounds[0]}, so the period before the one "
                   "selected is not covered.")


def timeline_panel(visible: pd.DataFrame, start: date, end: date, known: dict[str, bool]) -> tline.Bins:
    """One chart; dragging across it picks a period (applied to the date filter)."""
    bins = tline.bins_for(start, end)
    tl = tline.timeline(visible, bins, start, end)
    st.altair_chart(tline.chart(tl, bins, known), key="timeline", on_select="rerun",
                    selection_mode=tline.BRUSH, width="stretch")
    st.caption(f"Bars: events per {bins.name}; lines: people. Drag across the chart to pick a period.")
    return bins


def _bars(table: pd.DataFrame, label: str, known: dict[str, bool]) -> alt.Chart:
    figures = [f for f in ("killed", "wounded") if known[f]] or ["events"]
    order = list(table[label])
    return alt.Chart(table.head(12)).transform_fold(figures, as_=["figure", "people"]).mark_bar().encode(
        # every name shown, whole: Vega drops labels it finds crowded and cuts long ones
        y=alt.Y(f"{label}:N", sort=order, title=None, axis=alt.Axis(labelOverlap=False, labelLimit=260)),
        x=alt.X("people:Q", title=" + ".join(figures), stack=True),
        color=alt.Color("figure:N", scale=alt.Scale(domain=figures, range=[tline.COLOURS[f] for f in figures]),
                        legend=alt.Legend(orient="bottom", title=None)),
        tooltip=[f"{label}:N", "events:Q", *[f"{f}:Q" for f in figures]],
    ).properties(height=alt.Step(24))


def breakdown_panel(visible: pd.DataFrame, known: dict[str, bool]) -> None:
    """Per region and per type, most killed first, as tables and bars in the same order."""
    t1, t2 = st.columns(2)
    for col, title, table, label in ((t1, "By region", by_region(visible, known), "region"),
                                     (t2, "By type", by_type(visible, known), "event type")):
        with col:
            st.subheader(title)
            st.dataframe(table, hide_index=True, width="stretch")
            if len(table):
                st.altair_chart(_bars(table, label, known), width="stretch")


def table_frame(visible: pd.DataFrame) -> pd.DataFrame:
    """The events table: newest first, columns in reading order, precision in words."""
    rows = visible.iloc[newest_first(visible)[:TABLE_ROWS]]
    rows = rows.assign(geo_precision=rows["geo_precision"].map(PRECISION_WORDS))
    order = [c for c in TABLE_ORDER if c in rows] + [c for c in rows if c not in TABLE_ORDER]
    return rows[order].reset_index(drop=True)


def events_table(visible: pd.DataFrame, rows: pd.DataFrame) -> None:
    """The visible events (rows: their table_frame); picking a row shows it on the map."""
    if len(visible) > TABLE_ROWS:
        st.caption(f"Showing the newest {TABLE_ROWS:,} of {len(visible):,} (click a header to sort); "
                   "the exports hold all of them.")
    st.dataframe(rows, hide_index=True, width="stretch", key="table", on_select="rerun",
                          selection_mode="single-row", column_config={
        "event_date": st.column_config.DateColumn("date", format="YYYY-MM-DD"),
        "location": "place", "admin1": "region", "event_type": "type", "sub_event_type": "sub-type",
        "fatalities": st.column_config.NumberColumn("killed"),
        "injuries": st.column_config.NumberColumn("wounded"),
        "notes": st.column_config.TextColumn("evidence", width="large"),
        "geo_precision": "precision", "latitude": None, "longitude": None, "time_precision": None,
    })
