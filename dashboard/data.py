"""Where the dashboard's events come from: the event store (seeded from seeds/ when empty),
or an events CSV (ours or ACLED's) named on the command line or uploaded."""
from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from geo.ingest import ingest_paths
from geo.interchange import dropped_rows, read_events, typed_frame
from geo.roles import first_start
from geo.store import EventStore

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def events_from_csv(path: str | None = None, upload: bytes | None = None, name: str = "") -> pd.DataFrame:
    """An events CSV from a path or an upload's bytes; raises geo.interchange.EventsFileError."""
    if upload is not None:
        return read_events(io.BytesIO(upload), name=name)
    return read_events(path)


def csv_notes(frame: pd.DataFrame, name: str) -> list[str]:
    """What a user should know about an events CSV that was read: rows dropped (and why), and
    an encoding that had to be guessed."""
    notes = [f"{name}: {dropped}"] if (dropped := dropped_rows(frame)) else []
    encoding = frame.attrs.get("encoding", "UTF-8")
    if encoding not in ("UTF-8", "UTF-16"):
        notes.append(f"{name}: not UTF-8; read as {encoding}: check that names look right")
    return notes


def seed_if_empty(store: EventStore) -> list[str]:
    """An empty store first ingests seeds/, so a first start shows the seed; returns problems."""
    problems: list[str] = []
    counts = store.counts()
    if counts["articles"] == 0 and counts["events"] == 0:
        ingest_paths(store, [str(SEEDS)], report=problems.append, by=first_start())
    return problems


def events_from_store(store: EventStore) -> pd.DataFrame:
    return typed_frame(store.events_frame())


def store_version(store: EventStore) -> int:
    """Changes whenever the store does (new articles, imports, updates, edits, undos): the cache key."""
    return store.version()
