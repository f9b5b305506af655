"""Accounts, kept in the event store so a team's PostgreSQL store shares them.

Local accounts have a salted argon2id password hash (argon2-cffi); no password is kept or
printed anywhere. Accounts of kind "oidc" have no password: their name is the email an
organisation's identity provider vouches for (Streamlit's st.login), and the store gives
their role. Nothing is deleted: an account is disabled, and the last admin stays an admin.
"""
from __future__ import annotations

import functools
import threading
import time
import unicodedata

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, insert, select, update

from .roles import ADMIN, ROLES, Account, require
from .store import EventStore, StoreError, accounts_table, utc_now

MIN_PASSWORD = 10
_hasher = PasswordHasher()  # argon2id with the library's recommended cost and a random salt each time


@functools.cache
def _dummy_hash() -> str:
    """Checked against when a name is unknown, so unknown names cost as much as known ones
    (made on first use: hashing is slow by design, and every page imports this module)."""
    return _hasher.hash("not a password of anyone")


def check_name(name: str) -> str:
    name = (name or "").strip()
    if not 1 <= len(name) <= 200 or any(unicodedata.category(c).startswith("C") for c in name):
        raise StoreError("an account name is 1 to 200 printable characters")
    return name


def check_password(password: str) -> str:
    if len(password or "") < MIN_PASSWORD:
        raise StoreError(f"a password needs at least {MIN_PASSWORD} characters")
    return password


class AccountBook:
    """The store's accounts: sign-in, and their management by an admin."""

    def __init__(self, store: EventStore):
        self.store = store

    def count(self) -> int:
        with self.store.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(accounts_table)).scalar_one()

    def list(self) -> list[dict]:
        """Every account, without its hash."""
        cols = [c for c in accounts_table.c if c.name != "password_hash"]
        with self.store.engine.connect() as conn:
            return [dict(r) for r in conn.execute(select(*cols).order_by(accounts_table.c.name)).mappings()]

    def authenticate(self, name: str, password: str) -> Account | None:
        """The account when the password is its own and it is enabled; None otherwise."""
        row = self._row((name or "").strip())
        usable = row is not None and row["kind"] == "local" and not row["disabled"] and row["password_hash"]
        try:
            _hasher.verify(row["password_hash"] if usable else _dummy_hash(), password or "")
        except (VerificationError, InvalidHashError):
            return None
        return Account(row["name"], row["role"]) if usable else None

    def current(self, name: str) -> Account | None:
        """The account as it is now (role changes and disabling take effect at once)."""
        row = self._row(name)
        return Account(row["name"], row["role"]) if row and not row["disabled"] else None

    def for_identity(self, email: str) -> Account | None:
        """The account an identity provider's signed-in email maps to, if enabled."""
        row = self._row((email or "").strip().lower())
        return Account(row["name"], row["role"]) if row and row["kind"] == "oidc" and not row["disabled"] else None

    def create_first_admin(self, name: str, password: str) -> Account:
        """The first account of a store, an admin; refused once any account exists."""
        name, password = check_name(name), check_password(password)
        with self.store.transaction() as conn:
            if conn.execute(select(func.count()).select_from(accounts_table)).scalar_one():
                raise StoreError("this store has accounts already: sign in, or ask an admin")
            self._insert(conn, name, ADMIN, password, "local", "first start")
        return Account(name, ADMIN)

    def add(self, name: str, role: str, by: Account, password: str | None = None) -> Account:
        """A local account (with a password) or, without one, an identity provider's (an email)."""
        require(by, ADMIN, "manage accounts")
        name = check_name(name)
        if role not in ROLES:
            raise StoreError(f"unknown role {role!r} (one of {', '.join(ROLES)})")
        kind = "local" if password is not None else "oidc"
        if kind == "oidc":
            name = name.lower()
        with self.store.transaction() as conn:
            if self._row(name, conn) is not None:
                raise StoreError(f"an account {name!r} exists already")
            self._insert(conn, name, role, check_password(password) if password is not None else None,
                         kind, by.name)
        return Account(name, role)

    def set_role(self, name: str, role: str, by: Account) -> None:
        require(by, ADMIN, "manage accounts")
        if role not in ROLES:
            raise StoreError(f"unknown role {role!r} (one of {', '.join(ROLES)})")
        self._change(name, {"role": role}, keep_an_admin=role != ADMIN)

    def set_password(self, name: str, password: str, by: Account) -> None:
        require(by, ADMIN, "manage accounts")
        self._change(name, {"password_hash": _hasher.hash(check_password(password)), "kind": "local"})

    def disable(self, name: str, by: Account, disabled: bool = True) -> None:
        require(by, ADMIN, "manage accounts")
        self._change(name, {"disabled": disabled}, keep_an_admin=disabled)

    def _change(self, name: str, values: dict, keep_an_admin: bool = False) -> None:
        with self.store.transaction() as conn:
            row = self._row(name, conn)
            if row is None:
                raise StoreError(f"no account {name!r}")
            if keep_an_admin and row["role"] == ADMIN and not row["disabled"] and self._admins(conn) == 1:
                raise StoreError(f"{name} is the only admin: make another admin first")
            conn.execute(update(accounts_table).where(accounts_table.c.name == name).values(**values))

    @staticmethod
    def _admins(conn) -> int:
        return conn.execute(select(func.count()).select_from(accounts_table).where(
            accounts_table.c.role == ADMIN, accounts_table.c.disabled.is_(False))).scalar_one()

    @staticmethod
    def _insert(conn, name: str, role: str, password: str | None, kind: str, created_by: str) -> None:
        conn.execute(insert(accounts_table).values(
            name=name, role=role, kind=kind, password_hash=_hasher.hash(password) if password else None,
            created_at=utc_now(), created_by=created_by, disabled=False))

    def _row(self, name: str, conn=None):
        query = select(accounts_table).where(accounts_table.c.name == name)
        if conn is not None:
            return conn.execute(query).mappings().first()
        with self.store.engine.connect() as own:
            return own.execute(query).mappings().first()


class LoginThrottle:
    """Slows password guessing: after `limit` failures for a name (or from one address) within
    `window` seconds, further tries are refused until the window has passed."""

    def __init__(self, limit: int = 5, window: float = 300.0):
        self.limit, self.window = limit, window
        self._failures: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def wait_seconds(self, *keys: str) -> float:
        """0 when a try is allowed now; else how long until it is."""
        now = time.monotonic()
        with self._lock:
            waits = [0.0]
            for key in keys:
                recent = [t for t in self._failures.get(key, []) if now - t < self.window]
                self._failures[key] = recent
                if len(recent) >= self.limit:
                    waits.append(self.window - (now - recent[-self.limit]))
            return max(waits)

    def failed(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._failures.setdefault(key, []).append(time.monotonic())

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)
