"""The places a user imported (an ACLED export's locations, admin1, admin2 and coordinates),
kept in their event store and never shipped: the gazetteer consults them first.

The store (geo/store.py) owns the table; this module reads it. A SQLite store is read with
the standard library: `geocode` starts a process per call, and SQLAlchemy's import alone
would cost it a fifth of a second.
"""
from __future__ import annotations

import sqlite3
from collections import defaultdict
from pathlib import Path

from .names import normalize, skeleton
from .place import CITY, IMPORTED, PRIMARY, REGION, Place

TABLE = "imported_places"
COLUMNS = ("location", "country", "admin1", "admin2", "latitude", "longitude", "source")


class ImportedLayer:
    """Imported places by normalised name and spelling skeleton. Their indexes follow the
    shipped index's (offset), so both can be looked up together."""

    def __init__(self, rows: list[dict], offset: int):
        self.offset = offset
        self.places: list[Place] = []
        self.index: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.skeletons: dict[str, list[int]] = defaultdict(list)
        for r in rows:
            idx = offset + len(self.places)
            self.places.append(Place(r["location"], r["country"], r["admin1"], float(r["latitude"]),
                                     float(r["longitude"]), 0, CITY, IMPORTED,
                                     ", ".join(x for x in (r.get("admin2"), r.get("source")) if x)))
            self.index[normalize(r["location"])].append((idx, PRIMARY))
            key = skeleton(r["location"])
            if key:
                self.skeletons[key].append(idx)

    def place(self, idx: int) -> Place:
        return self.places[idx - self.offset]


def read_rows(url: str) -> list[dict]:
    """The imported places of a store; none when the store or its table does not exist
    (a look-up never creates a store)."""
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if not path.is_file():
            return []
        try:
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
                cur = db.execute(f"SELECT {', '.join(COLUMNS)} FROM {TABLE}")
                return [dict(zip(COLUMNS, row)) for row in cur]
        except sqlite3.Error:
            return []  # no table yet, or not a store: no imported places
    from ..store import EventStore, StoreError
    try:
        return EventStore(url).imported_places()
    except StoreError:
        return []


def places_of_events(rows: list[dict], sources: dict[str, dict], gazetteer, origin: str) -> list[dict]:
    """The imported layer's places of an events file: each located event's place, under the
    gazetteer's name for its region ('Zaporizhia' -> Zaporizhzhia Oblast), with the file's
    admin2 (namesakes in one region differ there)."""
    regions: dict[tuple[str, str], str] = {}
    out = []
    for r in rows:
        if not r.get("location") or r.get("latitude") is None or r.get("longitude") is None:
            continue
        key = (r.get("admin1") or "", r.get("country") or "")
        if key not in regions:
            region = gazetteer.resolve(key[0], kinds=(REGION,)) if key[0] else None
            regions[key] = region.name if region is not None and region.country == key[1] else key[0]
        out.append({"location": r["location"], "country": key[1], "admin1": regions[key],
                    "admin2": sources.get(r["event_id"], {}).get("admin2", ""),
                    "latitude": r["latitude"], "longitude": r["longitude"], "source": origin})
    return out
