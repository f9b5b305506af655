"""The environment, read in one place: where caches and the event store live, which tiles.

- GEO_CACHE_DIR: caches (gazetteer index, basemap outlines, online answers); else
  $XDG_CACHE_HOME/geo-events, else ~/.cache/geo-events.
- GEO_DB: the event store, a SQLite file or a database URL; else data/events.db.
- GEO_TILES / GEO_TILES_ATTR: an online tile server (URL template) and its attribution,
  offered in the dashboard's "Basemap" choice; tiles are fetched only when a user picks it
  there (the offline map is the default, and the only choice when unset).
- GEO_ANONYMOUS: what a visitor who has not signed in to the dashboard may do: "viewer"
  (browse, filter, export; the default) or "none" (see nothing but the sign-in form).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

DEFAULT_DB = Path("data") / "events.db"


def cache_dir() -> Path:
    base = os.environ.get("GEO_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    return Path(xdg) / "geo-events"


def store_location(target: str | None = None) -> str:
    """The store's database URL (`target`, else GEO_DB, else data/events.db), creating nothing."""
    target = target or os.environ.get("GEO_DB") or str(DEFAULT_DB)
    return target if "://" in target else f"sqlite:///{target}"


def database_url(target: str | None = None) -> str:
    """A database URL for `target`, else GEO_DB, else data/events.db (a SQLite file's folder
    is created)."""
    url = store_location(target)
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    return url


def redacted_url(url: str) -> str:
    """A database URL safe to print: no user name or password."""
    return re.sub(r"//[^@/]*@", "//***@", url)


def tile_server() -> tuple[str, str] | None:
    """(URL template, attribution) of an online tile server the user chose, else None."""
    url = os.environ.get("GEO_TILES")
    return (url, os.environ.get("GEO_TILES_ATTR", "map tiles")) if url else None


def store_kind(url: str) -> str:
    """What a visitor may be told about a store: its kind (SQLite, PostgreSQL), never its URL."""
    scheme = url.split(":", 1)[0].split("+", 1)[0].lower()
    return {"sqlite": "SQLite", "postgresql": "PostgreSQL", "postgres": "PostgreSQL"}.get(scheme, "database")


def anonymous_may_view() -> bool:
    """GEO_ANONYMOUS=viewer (default) lets visitors browse without signing in; none does not,
    and neither does a value it does not know (a typo closes the dashboard, never opens it)."""
    return os.environ.get("GEO_ANONYMOUS", "viewer").strip().lower() == "viewer"
