"""Who may change what: accounts, their roles, and the one check every write passes through.

viewer: browse, filter, export. editor: review events, add articles. admin: restore hidden
events, undo an intake batch, manage accounts. Each role may do what the ones before it may.
The store's write methods call `require` with the account the server has signed in (never a
name a visitor typed), so a write without an editor's sign-in is refused whatever the page sent.
"""
from __future__ import annotations

import getpass
from dataclasses import dataclass

VIEWER, EDITOR, ADMIN = "viewer", "editor", "admin"
ROLES = (VIEWER, EDITOR, ADMIN)


class NotAllowed(PermissionError):
    """A write refused for the account's role; the message says who, what and which role it needs."""


@dataclass(frozen=True)
class Account:
    name: str
    role: str

    def __post_init__(self):
        if self.role not in ROLES:
            raise ValueError(f"unknown role {self.role!r} (one of {', '.join(ROLES)})")

    def can(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)


def require(account: Account | None, role: str, action: str) -> Account:
    """The account, when its role allows `action`; NotAllowed otherwise (anonymous included)."""
    if not isinstance(account, Account):  # anonymous, or a bare name: never trusted
        raise NotAllowed(f"{action}: sign in first (an {role}'s account is needed)")
    if not account.can(role):
        raise NotAllowed(f"{action}: {account.name} is a {account.role}; an {role}'s account is needed")
    return account


def command_line() -> Account:
    """Whoever runs the CLI has the store's files or URL already: an admin, named after the OS user."""
    return Account(f"{getpass.getuser()} (command line)", ADMIN)


def first_start() -> Account:
    """The dashboard itself, storing seeds/ into an empty store on its first start."""
    return Account("dashboard (seeds/ on first start)", EDITOR)
