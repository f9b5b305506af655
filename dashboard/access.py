"""Who is using the dashboard: sign-in with a local account (geo.accounts) or through the
organisation's identity provider (Streamlit's st.login, when .streamlit/secrets.toml has an
[auth] section), sign-out, and the first admin account of a store that has none.

The signed-in account lives in the session's server-side state as a `SignedIn` object, which
no widget message can produce, and its role is read from the store on every run. Write panels
are shown by role, but the store checks the role again at every write (geo.roles).
"""
from __future__ import annotations

import ipaddress
import sys
from dataclasses import dataclass

import streamlit as st

from geo.accounts import AccountBook, LoginThrottle
from geo.roles import Account
from geo.store import EventStore, StoreError

from .plain import plain

SESSION_KEY = "geo_signed_in"


@dataclass(frozen=True)
class SignedIn:
    name: str


@st.cache_resource
def login_throttle() -> LoginThrottle:
    """One for the server: failures count across sessions."""
    return LoginThrottle()


def is_this_machine(address: str | None) -> bool:
    """Streamlit gives None for a visitor on this machine (its TCP peer is loopback; uvicorn
    trusts forwarded-for headers only from loopback, so a remote visitor cannot claim it)."""
    if address is None:
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def provider_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - Streamlit raises its own error when there is no secrets file
        return False


def session_account(book: AccountBook) -> Account | None:
    """This session's account, as the store says it is now; None when nobody is signed in."""
    signed = st.session_state.get(SESSION_KEY)
    if isinstance(signed, SignedIn):
        return book.current(signed.name)
    if provider_configured() and st.user.is_logged_in and st.user.get("email_verified", True) is not False:
        return book.for_identity(str(st.user.get("email") or ""))
    return None


def access_panel(store: EventStore) -> Account | None:
    """The sidebar's account box; returns the signed-in account (None: anonymous)."""
    book = AccountBook(store)
    account = session_account(book)
    with st.sidebar:
        if account is not None:
            st.caption(f"Signed in as **{plain(account.name)}** ({account.role})")
            if st.button("Sign out", key="sign_out"):
                sign_out()
        elif book.count() == 0:
            first_admin_form(book)
        else:
            sign_in_form(book)
    return account


def sign_out() -> None:
    st.session_state.pop(SESSION_KEY, None)
    if provider_configured() and st.user.is_logged_in:
        st.logout()
    st.rerun()


def sign_in_form(book: AccountBook) -> None:
    if provider_configured():
        if st.user.is_logged_in:
            st.caption(f"{plain(st.user.get('email') or 'This identity')} has no account here: ask an admin.")
        elif st.button("Sign in with your organisation", key="sign_in_oidc"):
            st.login()
    with st.expander("Sign in", expanded=False), st.form("sign_in", clear_on_submit=True):
        name = st.text_input("Account", key="sign_in_name", autocomplete="username")
        password = st.text_input("Password", type="password", key="sign_in_password",
                                 autocomplete="current-password")
        if st.form_submit_button("Sign in"):
            attempt_sign_in(book, name, password)


def attempt_sign_in(book: AccountBook, name: str, password: str) -> None:
    throttle, keys = login_throttle(), (f"name:{name.strip().lower()}", f"ip:{st.context.ip_address}")
    wait = throttle.wait_seconds(*keys)
    if wait:
        st.error(f"Too many failed sign-ins: try again in {wait:.0f} s.")
        return
    account = book.authenticate(name, password)
    if account is None:
        throttle.failed(*keys)
        print(f"geo-events: failed sign-in for {name!r} from {st.context.ip_address}", file=sys.stderr)
        st.error("Wrong account name or password.")
        return
    throttle.succeeded(*keys)
    st.session_state[SESSION_KEY] = SignedIn(account.name)
    st.rerun()


def first_admin_form(book: AccountBook) -> None:
    """A store with no accounts: the first one, an admin, stands in place of the write controls.
    Only from this machine, so nobody else on the network can claim a new store."""
    st.subheader("Create the admin account")
    if not is_this_machine(st.context.ip_address):
        st.caption("This store has no accounts yet. Create the first one on the server: "
                   "`python -m geo accounts add NAME --role admin`.")
        return
    with st.form("first_admin", clear_on_submit=True):
        st.caption("This store has no accounts yet. The admin adds articles, reviews events "
                   "and creates the others' accounts.")
        name = st.text_input("Account name", key="first_admin_name", autocomplete="username")
        password = st.text_input("Password", type="password", key="first_admin_password",
                                 autocomplete="new-password")
        again = st.text_input("Password again", type="password", key="first_admin_again",
                              autocomplete="new-password")
        if not st.form_submit_button("Create the admin account"):
            return
    if password != again:
        st.error("The two passwords differ.")
        return
    try:
        account = book.create_first_admin(name, password)
    except StoreError as e:
        st.error(plain(e))
        return
    st.session_state[SESSION_KEY] = SignedIn(account.name)
    st.rerun()
