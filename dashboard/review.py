"""The "Review an event" panel: an analyst corrects an event; the store keeps the audit trail."""
from __future__ import annotations

import pandas as pd

from geo.gazetteer import Gazetteer, GeoContext
from geo.store import EventStore, StoreError


def edit_changes(row: dict, form: dict) -> dict:
    """Only the fields the analyst changed, typed as the store keeps them."""
    changes = {}
    for key, value in form.items():
        old = row.get(key)
        if key == "event_date":
            value = value.isoformat() if hasattr(value, "isoformat") else str(value)
            old = old.strftime("%Y-%m-%d") if hasattr(old, "strftime") else str(old)
        if key in ("fatalities", "injuries"):
            value = None if value is None or value == "" else int(value)
            old = None if old is None or old != old else int(old)
        if value != old:
            changes[key] = value
    return changes


def relocate(changes: dict, row: dict) -> tuple[dict, str]:
    """A new place name is geocoded offline (near the event's old region and country), so
    the pin moves with it. Returns the changes and a problem ('' when none)."""
    if "location" not in changes:
        return changes, ""
    place = Gazetteer.load().resolve(changes["location"], GeoContext(
        regions={row.get("admin1") or ""}, countries={row.get("country") or ""}))
    if place is None:
        rest = {k: v for k, v in changes.items() if k != "location"}
        return rest, f"no place called {changes['location']!r} in the gazetteer; the place was not changed"
    return {**changes, "location": place.name, "latitude": place.latitude, "longitude": place.longitude,
            "admin1": place.admin1, "country": place.country, "geo_precision": place.geo_precision}, ""


def _count(value) -> int | None:
    return None if pd.isna(value) else int(value)


def review_panel(store: EventStore, events: pd.DataFrame) -> None:
    """An expander to correct one of `events` (or mark it not real), with its audit trail."""
    import streamlit as st
    with st.expander("Review an event"):
        labels = {r.event_id: f"{r.event_date:%Y-%m-%d} {r.location} ({r.event_id})"
                  for r in events.itertuples()}
        chosen = st.selectbox("Event", list(labels), format_func=labels.get, key="review_id")
        row = events[events["event_id"] == chosen].iloc[0].to_dict()
        r1, r2, r3 = st.columns(3)  # widget keys carry the event: each event's own values
        form = {
            "event_date": r1.date_input("Date", value=row["event_date"].date(), key=f"rv_date_{chosen}"),
            "location": r1.text_input("Place", value=row["location"], key=f"rv_location_{chosen}"),
            "fatalities": r2.number_input("Killed", min_value=0, step=1, key=f"rv_killed_{chosen}",
                                          value=_count(row["fatalities"])),
            "injuries": r2.number_input("Wounded", min_value=0, step=1, key=f"rv_wounded_{chosen}",
                                        value=_count(row["injuries"])),
            "event_type": r3.text_input("Event type", value=row["event_type"], key=f"rv_type_{chosen}"),
            "sub_event_type": r3.text_input("Sub-type", value=row["sub_event_type"], key=f"rv_subtype_{chosen}"),
            "false_positive": r3.checkbox("Not a real event (hide it)", key=f"rv_false_{chosen}"),
        }
        who = st.text_input("Your name (kept in the audit trail)", key="rv_who")
        if st.button("Save the review", key="rv_save"):
            changes, problem = relocate(edit_changes(row, form), row)
            if problem:
                st.warning(problem)
            try:
                store.edit(chosen, changes, who=who)
                st.success(f"saved: {', '.join(changes) or 'no changes (marked reviewed)'}")
                st.rerun()
            except StoreError as e:
                st.error(str(e))
        history = store.history(chosen)
        if history:
            st.caption("Audit trail")
            st.dataframe(pd.DataFrame(history)[["at", "who", "field", "before", "after"]], hide_index=True)
