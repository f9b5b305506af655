"""Panels for what editors may see and admins may do: hidden events (listed for editors,
restored by an admin), intake batches (undone by an admin) and accounts (managed by an admin).
Each action goes through the store, which checks the role again."""
from __future__ import annotations

import pandas as pd

from geo.accounts import AccountBook
from geo.batches import IntakeBatches
from geo.roles import ADMIN, EDITOR, ROLES, Account, NotAllowed
from geo.store import EventStore, StoreError, hidden_events

from .plain import plain

HIDDEN_COLUMNS = ["event_id", "event_date", "location", "admin1", "fatalities", "injuries", "hidden_by",
                  "hidden_at"]


def hidden_frame(store: EventStore) -> pd.DataFrame:
    return pd.DataFrame(hidden_events(store), columns=HIDDEN_COLUMNS)


def batches_frame(store: EventStore) -> pd.DataFrame:
    return pd.DataFrame(IntakeBatches(store).recent(), columns=["id", "account", "started_at", "articles",
                                                                 "events", "undone_at", "undone_by"])


def write_panels(store: EventStore, account: Account | None) -> None:
    """The panels `account`'s role allows (none for visitors and viewers)."""
    if account is None or not account.can(EDITOR):
        return
    hidden_panel(store, account)
    if account.can(ADMIN):
        batches_panel(store, account)
        accounts_panel(store, account)


def _flash(st, key: str) -> bool:
    """A message kept across the rerun that follows an action (its panel opens to show it);
    True when there was one."""
    message = st.session_state.pop(key, None)
    if message:
        st.success(plain(message))
    return bool(message)


def hidden_panel(store: EventStore, account: Account) -> None:
    import streamlit as st
    hidden = hidden_frame(store)
    with st.expander(f"Hidden events ({len(hidden)})", expanded="hidden_done" in st.session_state):
        _flash(st, "hidden_done")
        if hidden.empty:
            st.caption("No event is hidden.")
            return
        st.dataframe(hidden, hide_index=True)
        chosen = st.selectbox("Hidden event", list(hidden["event_id"]), key="hidden_id")
        st.caption("Audit trail")
        st.dataframe(pd.DataFrame(store.history(chosen), columns=["at", "who", "field", "before", "after"]),
                     hide_index=True)
        if account.can(ADMIN) and st.button("Restore this event", key="restore_event"):
            try:
                store.restore(chosen, by=account)
            except (StoreError, NotAllowed) as e:
                st.error(plain(e))
                return
            st.session_state["hidden_done"] = f"restored {chosen}"
            st.rerun()


def batches_panel(store: EventStore, account: Account) -> None:
    import streamlit as st
    batches = batches_frame(store)
    with st.expander("Intake batches", expanded="batch_done" in st.session_state):
        _flash(st, "batch_done")
        if batches.empty:
            st.caption("No intake batch yet.")
            return
        st.dataframe(batches, hide_index=True)
        open_batches = {int(b.id): f"#{b.id}: {b.account}, {b.articles} articles, {b.started_at}"
                        for b in batches[batches["undone_at"].isna()].itertuples()}
        if not open_batches:
            return
        chosen = st.selectbox("Batch", list(open_batches), format_func=open_batches.get, key="undo_id")
        if st.button("Undo this batch", key="undo_batch"):
            try:
                u = IntakeBatches(store).undo(chosen, account)
            except (StoreError, NotAllowed) as e:
                st.error(plain(e))
                return
            st.session_state["batch_done"] = (f"batch {chosen} undone: {u.articles} articles and {u.removed} "
                                              f"events removed, {u.restored} merged events put back")
            st.rerun()


def accounts_panel(store: EventStore, account: Account) -> None:
    import streamlit as st
    book = AccountBook(store)
    with st.expander("Accounts", expanded="account_done" in st.session_state):
        _flash(st, "account_done")
        st.dataframe(pd.DataFrame(book.list()), hide_index=True)
        with st.form("new_account", clear_on_submit=True):
            name = st.text_input("New account", key="new_account_name")
            role = st.selectbox("Role", ROLES, key="new_account_role")
            password = st.text_input("Password (empty: signs in through the identity provider by email)",
                                     type="password", key="new_account_password")
            if st.form_submit_button("Add the account"):
                _account_action(st, lambda: book.add(name, role, account, password=password or None),
                                f"account {name} ({role}) added")


def _account_action(st, action, done: str) -> None:
    try:
        action()
    except (StoreError, NotAllowed) as e:
        st.error(plain(e))
        return
    st.session_state["account_done"] = done
    st.rerun()
