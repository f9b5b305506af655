"""The "Review an event" panel: an editor corrects an event; the store keeps the audit trail
(with the account) and refuses an edit based on an older version of the event."""
from __future__ import annotations

from datetime import date

import pandas as pd

from geo.gazetteer import Gazetteer, GeoContext
from geo.roles import Account, NotAllowed
from geo.store import EditConflict, EventStore, StoreError

from .plain import plain


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
    return None if value is None or pd.isna(value) else int(value)


FORM_KEYS = ("rv_date_{}", "rv_location_{}", "rv_killed_{}", "rv_wounded_{}", "rv_type_{}", "rv_subtype_{}",
             "rv_false_{}")
SHOWN = {"event_date": "date", "location": "place", "fatalities": "killed", "injuries": "wounded",
         "event_type": "type", "sub_event_type": "sub-type", "false_positive": "hidden"}


def conflict_table(conflict: EditConflict, changes: dict) -> pd.DataFrame:
    """What the analyst wanted and what the event says now, for the fields they changed (and
    the counts, which matter most); every cell as text."""
    fields = list(dict.fromkeys([*changes, "fatalities", "injuries"]))
    return pd.DataFrame([{"field": SHOWN.get(f, f), "yours": "" if f not in changes else str(changes[f]),
                          "now": str(conflict.current.get(f))} for f in fields if f in conflict.current])


def forget_form(state, event_id: str) -> None:
    """Drop what the form was filled from, so it is filled again from the store."""
    for key in (f"rv_base_{event_id}", *(k.format(event_id) for k in FORM_KEYS)):
        state.pop(key, None)


def review_panel(store: EventStore, events: pd.DataFrame, account: Account) -> None:
    """An expander to correct one of `events` (or hide it), with its audit trail; the store
    checks the account's role and that nobody changed the event since the form was filled."""
    import streamlit as st
    with st.expander("Review an event", expanded="rv_saved" in st.session_state):
        if "rv_saved" in st.session_state:
            st.success(plain(st.session_state.pop("rv_saved")))
        labels = {r.event_id: f"{r.event_date:%Y-%m-%d} {r.location} ({r.event_id})"
                  for r in events.itertuples()}
        chosen = st.selectbox("Event", list(labels), format_func=labels.get, key="review_id")
        row = st.session_state.get(f"rv_base_{chosen}") or store.event(chosen)
        if row is None:
            st.warning("This event is no longer in the store.")
            return
        st.session_state[f"rv_base_{chosen}"] = row  # the version this form is based on
        form = review_form(st, row, chosen)
        if st.button("Save the review", key="rv_save"):
            save_review(st, store, account, row, form)
        history = store.history(chosen)
        if history:
            st.caption("Audit trail")
            st.dataframe(pd.DataFrame(history)[["at", "who", "field", "before", "after"]], hide_index=True)


def review_form(st, row: dict, chosen: str) -> dict:
    r1, r2, r3 = st.columns(3)  # widget keys carry the event: each event's own values
    return {
        "event_date": r1.date_input("Date", value=date.fromisoformat(str(row["event_date"])[:10]),
                                    key=f"rv_date_{chosen}"),
        "location": r1.text_input("Place", value=row["location"], key=f"rv_location_{chosen}"),
        "fatalities": r2.number_input("Killed", min_value=0, step=1, key=f"rv_killed_{chosen}",
                                      value=_count(row["fatalities"])),
        "injuries": r2.number_input("Wounded", min_value=0, step=1, key=f"rv_wounded_{chosen}",
                                    value=_count(row["injuries"])),
        "event_type": r3.text_input("Event type", value=row["event_type"], key=f"rv_type_{chosen}"),
        "sub_event_type": r3.text_input("Sub-type", value=row["sub_event_type"], key=f"rv_subtype_{chosen}"),
        "false_positive": r3.checkbox("Not a real event (hide it)", value=bool(row["false_positive"]),
                                      key=f"rv_false_{chosen}"),
    }


def save_review(st, store: EventStore, account: Account, row: dict, form: dict) -> None:
    changes, problem = relocate(edit_changes(row, form), row)
    if problem:
        st.warning(plain(problem))
    try:
        store.edit(row["event_id"], changes, by=account, expected_version=row["version"])
    except EditConflict as e:
        st.error(plain(f"{e}. The newer values are below; press 'Start again from the newer values' "
                       "to review them."))
        st.dataframe(conflict_table(e, changes), hide_index=True)
        st.button("Start again from the newer values", key="rv_reload", on_click=forget_form,
                  args=(st.session_state, row["event_id"]))
        return
    except (StoreError, NotAllowed) as e:
        st.error(plain(e))
        return
    forget_form(st.session_state, row["event_id"])
    st.session_state["rv_saved"] = f"saved: {', '.join(changes) or 'no changes (marked reviewed)'}"
    st.rerun()
